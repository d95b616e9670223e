"""The other documents from the same data: the task list with its status (for a meeting), the list of
evidence documents per domain, and the notice of overdue tasks per lead unit."""
from __future__ import annotations

from datetime import timedelta

from cchc_desktop.i18n import format_date, tr
from cchc_desktop.model import DONE
from cchc_desktop.reports import document as d
from cchc_desktop.reports import kinds, parts
from cchc_desktop.reports.context import ReportContext
from cchc_desktop.reports.facts import leaves
from cchc_desktop.reports.sections import Problem, Section, draft, section_blocks

KIND_TITLES = {"CCHC": "CẢI CÁCH HÀNH CHÍNH", "PAR_INDEX": "NÂNG CAO CHỈ SỐ CẢI CÁCH HÀNH CHÍNH",
               "SIPAS": "NÂNG CAO CHỈ SỐ HÀI LÒNG (SIPAS)", "PAPI": "NÂNG CAO CHỈ SỐ PAPI"}


def _meta(ctx: ReportContext, title: str) -> d.Meta:
    return d.Meta(title=title, author=ctx.profile.issuer or ctx.profile.commune, subject=title,
                  keywords=f"cchc-desktop=1;kind={ctx.draft.kind};plan={ctx.plan.id}")


def _reference(ctx: ReportContext) -> d.Paragraph:
    issuer = ctx.plan.issuer or ctx.profile.issuer
    return d.Paragraph(tr("(Theo {plan} của {issuer})", plan=parts.plan_reference(ctx.plan), issuer=issuer),
                       d.CENTER)


# ---------------------------------------------------------------------------- task list

def build_tasks(ctx: ReportContext) -> tuple[d.Document, list[Problem]]:
    facts = ctx.scope_facts(None)
    summary = tr("Tổng số {n} nhiệm vụ: đã hoàn thành {done} ({pct}), đang thực hiện {going}, chưa triển khai "
                 "{todo}, tạm dừng {stop}; quá hạn {late} nhiệm vụ.", n=facts.total, done=facts.done,
                 pct=facts.done_percent, going=facts.in_progress, todo=facts.not_started, stop=facts.suspended,
                 late=facts.overdue)
    title = tr("DANH MỤC NHIỆM VỤ {kind} NĂM {year}", kind=KIND_TITLES.get(ctx.plan.kind, ""), year=ctx.plan.year)
    blocks = [_reference(ctx), d.Paragraph(summary, d.BODY),
              parts.task_table(ctx.domains, ctx.rows, ctx.evidence, ctx.as_of)]
    problems = [] if ctx.rows else [Problem(title, tr("Kế hoạch chưa có nhiệm vụ nào."))]
    document = d.Document(parts.letterhead(ctx.profile, ctx.draft, ctx.year, numbered=False), title,
                          [tr("Tình hình thực hiện đến ngày {d}", d=format_date(ctx.as_of))],
                          d.Part(blocks, landscape=True), closing=parts.closing(ctx.draft), meta=_meta(ctx, title))
    return document, problems


# ---------------------------------------------------------------------------- evidence list

def evidence_table(ctx: ReportContext) -> d.Table:
    columns = [d.Column(tr("STT"), 13, "center"), d.Column(tr("Số, ký hiệu, ngày"), 38),
               d.Column(tr("Trích yếu nội dung"), 70), d.Column(tr("Cơ quan ban hành"), 34),
               d.Column(tr("Thuộc nhiệm vụ"), 60), d.Column(tr("Tệp"), 37)]
    rows = []
    for domain in ctx.domains:
        mine = [(row, item) for row, _depth in parts.tree_order(
            [r for r in ctx.rows if (r.framework, r.domain_code) == (domain.framework, domain.code)])
            for item in ctx.evidence.get(row.id, [])]
        if not mine:
            continue
        rows.append(d.TableRow([parts.domain_heading(domain)], group=True))
        for position, (row, item) in enumerate(mine, start=1):
            number = " ".join(filter(None, [item.doc_number, tr("ngày {d}", d=format_date(item.doc_date))
                                            if item.doc_date else ""]))
            task = f"{row.code}. {row.name}" if row.code else row.name
            rows.append(d.TableRow([str(position), number, item.summary, item.issuer, task, item.file_name]))
    return d.Table(columns, rows, sheet_name=tr("Tài liệu kiểm chứng"))


def build_evidence(ctx: ReportContext) -> tuple[d.Document, list[Problem]]:
    title = tr("DANH MỤC TÀI LIỆU KIỂM CHỨNG")
    count = sum(len(items) for items in ctx.evidence.values())
    blocks: list = [_reference(ctx)]
    problems = []
    if count:
        blocks.append(evidence_table(ctx))
    else:
        blocks.append(d.Paragraph(tr("Chưa có tài liệu kiểm chứng nào được đính kèm."), d.BODY))
        problems.append(Problem(title, tr("Chưa có tài liệu kiểm chứng nào.")))
    missing = [r for r in leaves(ctx.rows) if r.status == DONE and not ctx.evidence.get(r.id)]
    if missing:
        blocks.append(d.Paragraph(tr("Nhiệm vụ đã hoàn thành nhưng chưa có tài liệu kiểm chứng ({n}):",
                                     n=len(missing)), d.HEADING3))
        blocks += [d.Paragraph(f"- {(r.code + '. ') if r.code else ''}{r.name.rstrip('.;')};", d.BULLET)
                   for r in missing]
    document = d.Document(parts.letterhead(ctx.profile, ctx.draft, ctx.year, numbered=False), title,
                          [tr("Kết quả thực hiện Kế hoạch cải cách hành chính năm {y}", y=ctx.plan.year),
                           tr("Tính đến ngày {d}", d=format_date(ctx.as_of))],
                          d.Part(blocks, landscape=True), closing=parts.closing(ctx.draft), meta=_meta(ctx, title))
    return document, problems


# ---------------------------------------------------------------------------- overdue notice

def _overdue_intro(ctx: ReportContext, _sec: Section) -> str:
    issuer = ctx.plan.issuer or ctx.profile.issuer
    return draft("Thực hiện {plan} của {issuer} về cải cách hành chính năm {year}; đến ngày {{ngày chốt}}, còn "
                 "{{quá hạn}} nhiệm vụ đã quá thời hạn nhưng chưa hoàn thành. Ủy ban nhân dân xã thông báo danh sách "
                 "cụ thể như sau:", plan=parts.plan_reference(ctx.plan), issuer=issuer, year=ctx.plan.year)


def _overdue_request(ctx: ReportContext, _sec: Section) -> str:
    via = tr(" (qua {unit})", unit=ctx.profile.officer_unit) if ctx.profile.officer_unit else ""
    return draft("Đề nghị các cơ quan, đơn vị khẩn trương thực hiện, hoàn thành các nhiệm vụ nêu trên; báo cáo kết "
                 "quả, kèm tài liệu kiểm chứng về Ủy ban nhân dân xã{via} trước ngày {when}.", via=via,
                 when=format_date(ctx.as_of + timedelta(days=14)))


def overdue_sections(ctx: ReportContext) -> list[Section]:
    return [Section("intro", "", d.BODY, None, "", _overdue_intro),
            Section("end", "", d.BODY, None, "", _overdue_request, label=tr("Đề nghị các cơ quan, đơn vị"))]


def overdue_by_unit(ctx: ReportContext) -> list[tuple[str, list]]:
    """Overdue tasks under each lead unit (a task with two leads is listed under both)."""
    groups: dict[str, list] = {}
    for row in ctx.scope_facts(None).overdue_rows:
        names = [u.name for u in row.leads] or [tr("Chưa phân công đơn vị chủ trì")]
        for name in names:
            groups.setdefault(name, []).append(row)
    return sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))


def build_overdue(ctx: ReportContext) -> tuple[d.Document, list[Problem]]:
    problems: list[Problem] = []
    intro, request = overdue_sections(ctx)
    blocks: list = section_blocks(ctx, intro, problems)
    groups = overdue_by_unit(ctx)
    for number, (unit, rows) in enumerate(groups, start=1):
        blocks.append(d.Paragraph(tr("{n}. {unit} ({k} nhiệm vụ)", n=number, unit=unit, k=len(rows)), d.HEADING2))
        blocks.append(_overdue_table(ctx, rows, tr("{n}. {unit}", n=number, unit=unit)))
    if not groups:
        blocks.append(d.Paragraph(tr("Không có nhiệm vụ nào quá hạn."), d.BODY))
        problems.append(Problem(tr("Thông báo"), tr("Đến ngày {d} không có nhiệm vụ quá hạn.",
                                                    d=format_date(ctx.as_of))))
    blocks += section_blocks(ctx, request, problems)
    d.end_text(blocks)
    subject = tr("Danh sách nhiệm vụ cải cách hành chính quá hạn, chưa hoàn thành")
    document = d.Document(parts.letterhead(ctx.profile, ctx.draft, ctx.year, numbered=True), tr("THÔNG BÁO"),
                          [subject], d.Part(blocks), closing=parts.closing(ctx.draft),
                          addressees=parts.lines(ctx.draft.addressees), meta=_meta(ctx, tr("Thông báo: ") + subject))
    return document, problems


def _overdue_table(ctx: ReportContext, rows, sheet_name: str) -> d.Table:
    columns = [d.Column(tr("STT"), 12, "center"), d.Column(tr("Nhiệm vụ"), 70), d.Column(tr("Thời hạn"), 26),
               d.Column(tr("Quá hạn"), 18, "center"), d.Column(tr("Tình hình"), 39)]
    table_rows = []
    for position, row in enumerate(rows, start=1):
        late = tr("{n} ngày", n=(ctx.as_of - row.due_on).days)
        state = parts.state_at(row, ctx.as_of).split(";")[0]
        deadline = row.deadline_text or format_date(row.due_on)
        table_rows.append(d.TableRow([str(position), row.name, deadline, late, state]))
    return d.Table(columns, table_rows, font_size=12, sheet_name=sheet_name)     # the tab names the unit


def sections_for(kind: str, ctx: ReportContext) -> list[Section]:
    return overdue_sections(ctx) if kind == kinds.OVERDUE else []

