"""The periodic report ("Báo cáo kết quả thực hiện công tác CCHC quý I năm 2026").

The usual outline: I. chỉ đạo, điều hành; II. one part per reform domain; III. đánh giá chung;
IV. phương hướng kỳ tới; V. kiến nghị. Each section is the officer's prose (drafted from the
data until they edit it; "{fields}" inside it are refilled every time) followed, where it
fits, by lists taken from the register: tasks done, in progress and overdue, key statistics.
"""
from __future__ import annotations

from cchc_desktop.i18n import format_date, tr
from cchc_desktop.model import NOT_STARTED, ROMAN
from cchc_desktop.reports import document as d
from cchc_desktop.reports import parts
from cchc_desktop.reports.context import ReportContext
from cchc_desktop.reports.sections import (PLACEHOLDER, Problem, Section, draft, section_blocks,
                                           with_lists)
from cchc_desktop.statistics.form import GROUP, RATIO, REGISTER_DONE, REGISTER_PLANNED

DOMAIN_LISTS, UPCOMING_LISTS = "domain", "upcoming"


# ---------------------------------------------------------------------------- the drafted prose

def _intro(ctx: ReportContext, _sec: Section) -> str:
    issuer = ctx.profile.issuer or tr("Ủy ban nhân dân xã {xa}", xa=ctx.profile.commune)
    about = "" if parts.about_reform(ctx.plan) else tr(" về cải cách hành chính năm {y}", y=ctx.plan.year)
    return draft("Thực hiện {plan} của {issuer}{about}, Ủy ban nhân dân xã báo cáo kết quả thực hiện công tác cải "
                 "cách hành chính {{kỳ}} như sau:", plan=parts.plan_reference(ctx.plan), issuer=issuer, about=about)


def _no_tasks() -> str:
    return draft("Kế hoạch không đề ra nhiệm vụ riêng thuộc lĩnh vực này.")


def _direction(ctx: ReportContext, sec: Section) -> str:
    lead = draft("Ủy ban nhân dân xã tiếp tục quán triệt, triển khai Kế hoạch cải cách hành chính năm {{năm}}, phân "
                 "công cụ thể cho từng cơ quan, đơn vị.")
    if not ctx.scope_facts(sec.scope).total:      # said as every other domain says it, never "có 0 nhiệm vụ"
        return f"{lead} {_no_tasks()}"
    return f"{lead} " + draft("Lĩnh vực chỉ đạo, điều hành có {{số nhiệm vụ}} nhiệm vụ: đã hoàn thành {{hoàn thành}}, "
                              "đang thực hiện {{đang thực hiện}}, chưa triển khai {{chưa triển khai}}.")


def _results(ctx: ReportContext, _sec: Section) -> str:
    return draft("Tổng số nhiệm vụ theo Kế hoạch là {{tổng số nhiệm vụ}}. Đến ngày {{ngày chốt}}, đã hoàn thành "
                 "{{hoàn thành}} nhiệm vụ (đạt {{tỷ lệ hoàn thành}}), đang thực hiện {{đang thực hiện}}, chưa triển "
                 "khai {{chưa triển khai}}, quá hạn {{quá hạn}} nhiệm vụ (chi tiết tại Phụ lục I). Kết quả cụ thể "
                 "theo từng lĩnh vực như sau:")


def _domain(ctx: ReportContext, sec: Section) -> str:
    if not ctx.scope_facts(sec.scope).total:
        return _no_tasks()
    return draft("Lĩnh vực có {{số nhiệm vụ}} nhiệm vụ: đã hoàn thành {{hoàn thành}}, đang thực hiện "
                 "{{đang thực hiện}}, chưa triển khai {{chưa triển khai}}.")


def _strengths(ctx: ReportContext, _sec: Section) -> str:
    """What went well, from the data: tasks finished in the period (on time), deadlines met, domains
    finished, no overdue task; the plan's completion rate only when it is a good one. Nothing else is
    called a strength."""
    facts = ctx.scope_facts(None)
    good = []
    if facts.done_in_period:
        on_time = not any(r.finished_late for r in facts.done_in_period)
        good.append(draft("trong kỳ đã hoàn thành {{hoàn thành trong kỳ}} nhiệm vụ") +
                    (tr(", đều bảo đảm thời hạn") if on_time else ""))
    if facts.due and facts.due_done == facts.due:
        good.append(tr("các nhiệm vụ đến hạn đều được hoàn thành"))
    finished = [domain.name for domain in ctx.domains if domain.framework == "PAR"
                and ctx.scope_facts(("PAR", domain.code)).total
                and ctx.scope_facts(("PAR", domain.code)).done == ctx.scope_facts(("PAR", domain.code)).total]
    if finished and len(finished) < len([k for k in ctx.facts if k is not None]):
        good.append(tr("hoàn thành toàn bộ nhiệm vụ thuộc lĩnh vực {names}",
                       names=", ".join(n[:1].lower() + n[1:] for n in finished)))
    if facts.total and facts.done * 2 >= facts.total:
        good.append(draft("đã hoàn thành {{hoàn thành}}/{{tổng số nhiệm vụ}} nhiệm vụ của Kế hoạch (đạt "
                          "{{tỷ lệ hoàn thành}})"))
    if facts.total and not facts.overdue:
        good.append(tr("không có nhiệm vụ quá hạn"))
    text = draft("Công tác cải cách hành chính được Ủy ban nhân dân xã quan tâm chỉ đạo, phân công cụ thể cho từng "
                 "cơ quan, đơn vị.")
    if good:
        joined = "; ".join(good)
        text += " " + joined[:1].upper() + joined[1:] + "."
    return text


def _weaknesses(ctx: ReportContext, _sec: Section) -> str:
    if ctx.scope_facts(None).overdue:
        first = draft("- Còn {{quá hạn}} nhiệm vụ quá hạn chưa hoàn thành (chi tiết tại Phụ lục I).")
    else:
        first = draft("- Tồn tại, hạn chế: {p}", p=PLACEHOLDER)
    return first + "\n" + draft("- Nguyên nhân: {p}", p=PLACEHOLDER)


def _next(ctx: ReportContext, _sec: Section) -> str:
    focus = (tr("tập trung hoàn thành các nhiệm vụ quá hạn và các nhiệm vụ đến hạn trong kỳ tới")
             if ctx.scope_facts(None).overdue else tr("tập trung hoàn thành các nhiệm vụ đến hạn trong kỳ tới"))
    return draft("Tiếp tục triển khai các nhiệm vụ còn lại của Kế hoạch cải cách hành chính năm {{năm}}; {focus}.",
                 focus=focus)


def _proposals(ctx: ReportContext, _sec: Section) -> str:
    return draft("Không có kiến nghị, đề xuất.")


def _end(ctx: ReportContext, _sec: Section) -> str:
    return draft("Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính {{kỳ}} của Ủy ban nhân dân xã "
                 "{{xã}}.")


def sections(ctx: ReportContext) -> list[Section]:
    h1, h2 = d.HEADING1, d.HEADING2
    found = [Section("intro", "", d.BODY, None, "", _intro),
             Section("I", tr("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"), h1, ("PAR", "I"), DOMAIN_LISTS, _direction),
             Section("II", tr("II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH"), h1, None, "", _results)]
    number = 0
    for domain in ctx.domains:
        if domain.framework == "PAR" and domain.code != "I":
            number += 1
            found.append(Section(f"II.{domain.code}", f"{number}. {domain.name}", h2,
                                 ("PAR", domain.code), DOMAIN_LISTS, _domain))
    if any(r.framework == "PAPI" for r in ctx.rows):
        number += 1
        found.append(Section("II.PAPI", tr("{n}. Nâng cao Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh "
                                           "(PAPI)", n=number), h2, ("PAPI", "*"), DOMAIN_LISTS, _domain))
    found += [Section("III.1", tr("1. Ưu điểm"), h2, None, "", _strengths, tr("III. ĐÁNH GIÁ CHUNG")),
              Section("III.2", tr("2. Tồn tại, hạn chế và nguyên nhân"), h2, None, "", _weaknesses),
              Section("IV", tr("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI"), h1, None, UPCOMING_LISTS, _next),
              Section("V", tr("V. KIẾN NGHỊ, ĐỀ XUẤT"), h1, None, "", _proposals),
              Section("end", "", d.BODY, None, "", _end)]
    return found


# ---------------------------------------------------------------------------- turning text into blocks

def _task_line(row, tail: str) -> d.Paragraph:
    return d.Paragraph(f"- {row.name.rstrip('.;')}{tail}.", d.BULLET)


def domain_lists(ctx: ReportContext, sec: Section) -> list[d.Paragraph]:
    facts = ctx.scope_facts(sec.scope)
    groups: list[tuple[str, list[d.Paragraph]]] = []
    done = [_task_line(r, f": {r.result.rstrip('.;')}" if r.result else "") for r in facts.done_in_period]
    groups.append((tr("Nhiệm vụ đã hoàn thành trong kỳ"), done))
    # in progress at the date (a task not started yet is not "đang triển khai"; an overdue one is listed below)
    going = [r for r in facts.open_rows if r not in facts.overdue_rows and r.status != NOT_STARTED]
    groups.append((tr("Nhiệm vụ đang triển khai"),
                   [_task_line(r, _open_tail(r)) for r in going]))
    groups.append((tr("Nhiệm vụ quá hạn, chưa hoàn thành"),
                   [_task_line(r, tr(" (hạn {d}; chủ trì: {lead})", d=format_date(r.due_on),
                                     lead=r.lead_names or tr("chưa phân công"))) for r in facts.overdue_rows]))
    groups.append((tr("Một số chỉ tiêu chủ yếu"), [d.Paragraph(parts.stat_line(c, _group_of(ctx, sec, c)), d.BULLET)
                                                   for c in key_statistics(ctx, sec)]))
    blocks: list[d.Paragraph] = []
    letters = iter("abcdefgh")
    for title, items in groups:
        if items:
            blocks.append(d.Paragraph(f"{next(letters)}) {title}:", d.HEADING3))
            blocks += items
    return blocks


def _open_tail(row) -> str:
    bits = []
    if row.status == "in_progress" and row.progress:
        bits.append(tr("đạt {p} %", p=row.progress))
    elif row.status == "not_started":
        bits.append(tr("chưa triển khai"))
    if row.due_on:
        bits.append(tr("hạn {d}", d=format_date(row.due_on)))
    elif row.deadline_text:
        bits.append(row.deadline_text.rstrip("."))
    return f" ({'; '.join(bits)})" if bits else ""


def key_statistics(ctx: ReportContext, sec: Section) -> list:
    """Filled values of the domain's rows, leaving out the parts of a ratio (the ratio says it) and the counts
    taken from the task register (they count the whole plan, not the domain)."""
    if ctx.form is None or sec.scope is None or sec.scope[0] != "PAR":
        return []
    cells = ctx.form.cells
    kinds = {code: cell.indicator.kind for code, cell in cells.items()}
    picked = []
    for ind in ctx.form.indicators:
        cell = cells[ind.code]
        if ind.domain != sec.scope[1] or ind.kind == GROUP or cell.value is None:
            continue
        if kinds.get(ind.parent_code or "") == RATIO:
            continue
        if ind.source in (REGISTER_PLANNED, REGISTER_DONE):
            continue   # the whole plan's counts: said once for the plan (II), never beside one domain's counts
        picked.append(cell)
    return picked


def _group_of(ctx: ReportContext, sec: Section, cell) -> str:
    """The heading row a figure sits under, when that is not the domain itself."""
    parent = ctx.form.cells.get(cell.indicator.parent_code or "")
    if parent is None or parent.indicator.kind != GROUP or parent.indicator.code == sec.scope[1]:
        return ""
    return parent.indicator.name


def upcoming_lists(ctx: ReportContext, _sec: Section) -> list[d.Paragraph]:
    facts = ctx.scope_facts(None)
    items = [_task_line(row, tr(" (hạn {d})", d=format_date(when))) for row, when in
             sorted(facts.upcoming, key=lambda item: item[1])]
    return items


# ---------------------------------------------------------------------------- the document

def build_periodic(ctx: ReportContext) -> tuple[d.Document, list[Problem]]:
    problems: list[Problem] = []
    blocks: list[d.Paragraph | d.Table] = []
    for sec in sections(ctx):
        blocks += section_blocks(ctx, sec, problems)
        if sec.key == "intro":
            blocks.append(d.Paragraph(as_of_line(ctx), d.NOTE))
        if with_lists(ctx, sec):
            blocks += domain_lists(ctx, sec) if sec.lists == DOMAIN_LISTS else upcoming_lists(ctx, sec)
    d.end_text(blocks)
    problems += _form_problems(ctx)
    document = d.Document(
        letterhead=parts.letterhead(ctx.profile, ctx.draft, ctx.year, numbered=True),
        title=tr("BÁO CÁO"), subject=[subject(ctx)], body=d.Part(blocks),
        closing=parts.closing(ctx.draft), addressees=parts.lines(ctx.draft.addressees),
        appendices=appendices(ctx), meta=_meta(ctx))
    return document, problems


def subject(ctx: ReportContext) -> str:
    return tr("Kết quả thực hiện công tác cải cách hành chính {period}", period=ctx.period.title)


def as_of_line(ctx: ReportContext) -> str:
    """What the numbers are and which tasks they count: "Số liệu tính đến ngày 14/03/2026 (ngày chốt số liệu),
    theo Kế hoạch số 235/KH-UBND ngày 08/01/2026, gồm 42 nhiệm vụ."""
    return tr("Số liệu tính đến ngày {d} (ngày chốt số liệu), theo {plan}, gồm {n} nhiệm vụ.",
              d=format_date(ctx.as_of), plan=parts.plan_reference(ctx.plan), n=ctx.scope_facts(None).total)


def appendices(ctx: ReportContext) -> list[d.Part]:
    note = d.Paragraph(tr("(Số liệu tính đến ngày {d}, theo {plan})", d=format_date(ctx.as_of),
                          plan=parts.plan_reference(ctx.plan)), d.CENTER)
    found = [d.Part([note, parts.task_table(ctx.domains, ctx.rows, ctx.evidence, ctx.as_of)], landscape=True,
                    label=tr("Phụ lục I"),
                    title=tr("KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH {period}",
                             period=ctx.period.title.upper()),
                    caption=parts.caption(ctx.draft, ctx.profile, ctx.year))]
    if ctx.form is not None and any(c.value is not None for c in ctx.form.cells.values() if c.indicator.enterable):
        found.append(d.Part([note, parts.stats_table(ctx.form.indicators, ctx.form.cells)], landscape=True,
                            label=tr("Phụ lục II"),
                            title=tr("SỐ LIỆU THỐNG KÊ CẢI CÁCH HÀNH CHÍNH {period}",
                                     period=ctx.period.title.upper()),
                            caption=parts.caption(ctx.draft, ctx.profile, ctx.year)))
    if ctx.draft.with_charts:
        from cchc_desktop.reports.charts import charts_appendix
        found.append(charts_appendix(ctx, tr("Phụ lục {n}", n=ROMAN[len(found)])))
    return found


def _form_problems(ctx: ReportContext) -> list[Problem]:
    problems = []
    where = tr("Phụ lục II")
    if ctx.form is None:
        return problems
    if ctx.form.violations:
        problems.append(Problem(where, tr("Biểu thống kê còn {n} số liệu sai (xem mục Thống kê).",
                                          n=len(ctx.form.violations))))
    if not ctx.period.closed:
        problems.append(Problem(where, tr("Số liệu thống kê {p} chưa chốt.", p=ctx.period.title)))
    elif ctx.form.drifted:
        # The closed form keeps its numbers; the body counts the register: they would contradict each other.
        bits = "; ".join(tr("{code}: đã chốt {then}, nay {now}", code=c.indicator.code,
                            then=c.indicator.label_of(c.value), now=c.indicator.label_of(c.register_now))
                         for c in ctx.form.drifted[:3])
        problems.append(Problem(where, tr("Kỳ đã chốt số liệu nhưng danh sách nhiệm vụ nay đã khác ({bits}), nên thân "
                                          "báo cáo và Phụ lục II không khớp nhau. Hãy mở lại kỳ ở mục Thống kê (ghi lý "
                                          "do) để tính lại, rồi chốt lại.", bits=bits), True))
    return problems


def _meta(ctx: ReportContext) -> d.Meta:
    issuer = ctx.profile.issuer or ctx.profile.commune
    return d.Meta(title=tr("Báo cáo {s}", s=subject(ctx)), author=issuer, subject=subject(ctx),
                  keywords=f"cchc-desktop=1;kind=periodic;period={ctx.period.key};plan={ctx.plan.id}")
