"""Pieces every document shares: what a draft holds, the letterhead, the signing block, and the
appendix tables of tasks, evidence and statistics."""
from __future__ import annotations

from datetime import date

from cchc_desktop.i18n import format_date, format_number, tr
from cchc_desktop.model import SUSPENDED, CommuneProfile, Domain, Evidence, Plan, TaskRow, status_label
from cchc_desktop.reports import document as d
from cchc_desktop.reports.context import BLANK, Draft
from cchc_desktop.reports.facts import done_by, gather
from cchc_desktop.statistics.form import GROUP, RATIO, YESNO, Cell
from cchc_desktop.text import fold

from cchc_desktop.reports.kinds import OVERDUE


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# ---------------------------------------------------------------------------- letterhead and closing

def issuer_lines(profile: CommuneProfile) -> list[str]:
    """"Ủy ban nhân dân xã Vĩnh Lộc" → ["ỦY BAN NHÂN DÂN", "XÃ VĨNH LỘC"]; no name yet: "XÃ (CHƯA NHẬP TÊN)"."""
    commune = (profile.commune or "").strip()
    if not (profile.issuer or "").strip() and not commune:
        return [tr("ỦY BAN NHÂN DÂN"), tr("XÃ (CHƯA NHẬP TÊN)")]
    issuer = (profile.issuer or tr("Ủy ban nhân dân xã {commune}", commune=commune)).strip()
    folded = fold(issuer)
    for lead in ("uy ban nhan dan ", "ubnd "):
        if folded.startswith(lead) and len(issuer) > len(lead):
            return [tr("ỦY BAN NHÂN DÂN"), issuer[len(lead):].strip().upper()]
    return [issuer.upper()]


def place_date(profile: CommuneProfile, when: date | None, year: int) -> str:
    """"Vĩnh Lộc, ngày 05 tháng 3 năm 2026": a day under 10 and the months 1–2 take a leading zero (NĐ 30);
    no place known yet: "Ngày 05 tháng 3 năm 2026" (never a line starting with a comma)."""
    place = (profile.place or profile.commune or "").strip()
    if when is None:
        text = tr("ngày {b} tháng {b} năm {year}", b=BLANK, year=year)
    else:
        month = f"{when.month:02d}" if when.month <= 2 else str(when.month)
        text = tr("ngày {day:02d} tháng {month} năm {year}", day=when.day, month=month, year=when.year)
    return tr("{place}, {date}", place=place, date=text) if place else text[:1].upper() + text[1:]


def letterhead(profile: CommuneProfile, draft: Draft, year: int, numbered: bool) -> d.Letterhead:
    number = tr("Số: {n}", n=draft.number_text) if numbered else None
    return d.Letterhead(issuer_lines(profile), number, place_date(profile, draft.issued_on, year))


def recipient_lines(text: str) -> list[str]:
    """Each line as "- …;" and the last as "- …." (NĐ 30's distribution list)."""
    items = [line.lstrip("-–• ").rstrip(" ;.") for line in lines(text)]
    return [f"- {item}{'.' if i == len(items) - 1 else ';'}" for i, item in enumerate(items)]


def closing(draft: Draft) -> d.Closing:
    authority = [line.upper() for line in lines(draft.signer_authority)]
    authority += [line.upper() for line in lines(draft.signer_position)]
    return d.Closing(recipient_lines(draft.recipients), authority, draft.signer_name.strip())


def default_recipients(kind: str, profile: CommuneProfile, archive_unit: str) -> str:
    keep = tr("Lưu: VT, {unit}", unit=archive_unit) if archive_unit else tr("Lưu: VT")
    if kind == OVERDUE:
        items = [tr("Các cơ quan, đơn vị có tên trên (t/h)"), tr("Chủ tịch, các Phó Chủ tịch UBND xã (b/c)"), keep]
    else:
        province = tr("Sở Nội vụ tỉnh {p} (b/c)", p=profile.province) if profile.province else tr("Sở Nội vụ (b/c)")
        items = [province, tr("Thường trực Đảng ủy xã (b/c)"), tr("Thường trực HĐND xã (b/c)"),
                 tr("Chủ tịch, các Phó Chủ tịch UBND xã"), keep]
    return "\n".join(items)


def caption(draft: Draft, profile: CommuneProfile, year: int) -> str:
    """"(Kèm theo Báo cáo số 05/BC-UBND ngày 05/03/2026 của Ủy ban nhân dân xã Vĩnh Lộc)"."""
    kind = tr("Thông báo") if draft.kind == OVERDUE else tr("Báo cáo")
    number = draft.number_text or BLANK
    when = format_date(draft.issued_on) if draft.issued_on else f"{BLANK}/{BLANK}/{year}"
    issuer = profile.issuer or tr("Ủy ban nhân dân xã {commune}", commune=profile.commune)
    if not draft.symbol:
        return tr("(Kèm theo văn bản ngày {when} của {issuer})", when=when, issuer=issuer)
    return tr("(Kèm theo {kind} số {number} ngày {when} của {issuer})", kind=kind, number=number, when=when,
              issuer=issuer)


def plan_title(plan: Plan) -> str:
    """The plan's title as a name inside a sentence: "Kế hoạch cải cách hành chính năm 2026"."""
    title = " ".join((plan.title or "").split()).rstrip(".;:")
    if not title:
        return tr("Kế hoạch cải cách hành chính năm {y}", y=plan.year)
    if not fold(title).startswith("ke hoach"):
        return tr("Kế hoạch {t}", t=title[:1].lower() + title[1:] if title[1:2].islower() else title)
    return title


def plan_reference(plan: Plan) -> str:
    """"Kế hoạch số 235/KH-UBND ngày 08/01/2026"; a plan without a number is named by its title and date:
    "Kế hoạch cải cách hành chính năm 2026 (ban hành ngày 08/01/2026)" — never "Số /KH-UBND"."""
    when = format_date(plan.issued_on) if plan.issued_on else ""
    if plan.draft:          # never passed off as a plan in force
        return tr("{title} (Dự thảo)", title=plan_title(plan))
    if not plan.has_number:
        if when:
            return tr("{title} (ban hành ngày {d})", title=plan_title(plan), d=when)
        return plan_title(plan)
    return tr("Kế hoạch số {n} ngày {d}", n=plan.number.strip(), d=when) if when else \
        tr("Kế hoạch số {n}", n=plan.number.strip())


def plan_short(plan: Plan) -> str:
    """What the "{kế hoạch}" field prints: the number, or the title when there is none."""
    return plan.number.strip() if plan.has_number else plan_title(plan)


def about_reform(plan: Plan) -> bool:
    """Whether naming the plan already says it is about administrative reform."""
    folded = fold(plan_reference(plan))
    return "cai cach hanh chinh" in folded or "cchc" in folded


# ---------------------------------------------------------------------------- tables

def tree_order(rows: list[TaskRow]) -> list[tuple[TaskRow, int]]:
    """Each task followed by its sub-tasks, with its depth."""
    ids = {r.id for r in rows}
    children: dict[int | None, list[TaskRow]] = {}
    for row in rows:
        children.setdefault(row.parent_id if row.parent_id in ids else None, []).append(row)
    ordered: list[tuple[TaskRow, int]] = []
    stack = [(row, 0) for row in reversed(children.get(None, []))]     # no recursion: nesting has no limit
    while stack:
        row, depth = stack.pop()
        ordered.append((row, depth))
        stack += [(child, depth + 1) for child in reversed(children.get(row.id, []))]
    return ordered


def _descendants(task_id: int, children: dict[int, list[TaskRow]]) -> list[TaskRow]:
    found, stack = [], list(children.get(task_id, []))
    while stack:
        row = stack.pop()
        found.append(row)
        stack += children.get(row.id, [])
    return found


def rollup_state(descendants: list[TaskRow], as_of: date) -> str:
    """A task with sub-tasks, as its sub-tasks stand: the totals count sub-tasks, never the task above
    them, so its own status ("Chưa triển khai", "quá hạn") would contradict them on the same page."""
    facts = gather(descendants, None, as_of)[None]
    text = tr("Gồm {n} nhiệm vụ con: hoàn thành {d}", n=facts.total, d=facts.done)
    for count, label in ((facts.in_progress, tr("đang thực hiện")), (facts.not_started, tr("chưa triển khai")),
                         (facts.suspended, tr("tạm dừng/không thực hiện")), (facts.overdue, tr("quá hạn"))):
        if count:
            text += f"; {label} {count}"
    return text


def state_at(row: TaskRow, as_of: date) -> str:
    """The task's state as the document prints it, at the document's date."""
    if done_by(row, as_of):
        text = status_label(row.status)
        if row.completed_on:
            text += tr(" ngày {d}", d=format_date(row.completed_on))
        if row.finished_late:
            text += tr(" (muộn {n} ngày)", n=(row.completed_on - row.due_on).days)
        return text
    if row.status == SUSPENDED:
        return status_label(row.status) + (f": {row.status_reason}" if row.status_reason else "")
    text = tr("Đang thực hiện") if row.status != "not_started" else status_label(row.status)
    if row.status == "in_progress" and row.progress:
        text += tr(" ({p} %)", p=row.progress)
    if row.due_on is not None and row.due_on < as_of:
        text += tr("; quá hạn {n} ngày", n=(as_of - row.due_on).days)
    return text


def evidence_label(item: Evidence) -> str:
    parts = []
    if item.doc_number:
        parts.append(tr("Số {n}", n=item.doc_number))
    if item.doc_date:
        parts.append(tr("ngày {d}", d=format_date(item.doc_date)))
    head = " ".join(parts)
    if head and item.summary:
        return f"{head}: {item.summary}"
    return head or item.summary or item.file_name


def domain_heading(domain: Domain) -> str:
    prefix = "PAPI " if domain.framework == "PAPI" else ""
    return f"{prefix}{domain.code}. {domain.name}"


def task_table(domains: list[Domain], rows: list[TaskRow], evidence: dict[int, list[Evidence]],
               as_of: date) -> d.Table:
    columns = [d.Column(tr("STT"), 13, "center"), d.Column(tr("Nhiệm vụ"), 66), d.Column(tr("Chủ trì"), 30),
               d.Column(tr("Thời gian"), 27), d.Column(tr("Tình hình thực hiện"), 30),
               d.Column(tr("Kết quả thực hiện"), 46), d.Column(tr("Tài liệu kiểm chứng"), 44)]
    table_rows = []
    children: dict[int, list[TaskRow]] = {}
    for r in rows:
        if r.parent_id is not None:
            children.setdefault(r.parent_id, []).append(r)
    for domain in domains:
        mine = [r for r in rows if (r.framework, r.domain_code) == (domain.framework, domain.code)]
        if not mine:
            continue
        parents = {r.parent_id for r in mine}       # a sub-task listed under another domain heads nothing here
        table_rows.append(d.TableRow([domain_heading(domain)], group=True))
        for position, (row, depth) in enumerate(tree_order(mine), start=1):
            proofs = "\n".join(evidence_label(e) for e in evidence.get(row.id, []))
            parent = row.id in parents
            state = rollup_state(_descendants(row.id, children), as_of) if row.id in children else \
                state_at(row, as_of)
            table_rows.append(d.TableRow([row.code or str(position), row.name, row.lead_names, row.deadline_text,
                                          state, row.result, proofs], bold=depth == 0 and parent,
                                         keep_with_next=parent))
    return d.Table(columns, table_rows, sheet_name=tr("Nhiệm vụ"))


def stat_value_text(cell: Cell) -> str:
    if cell.value is None:
        return ""
    if cell.indicator.kind == YESNO:
        return yes_no(cell.indicator, cell.value)
    if cell.indicator.kind in (RATIO,):
        return format_number(round(cell.value, 2))
    return format_number(cell.value)


def yes_no(ind, value) -> str:
    """A yes/no indicator's value in words ("Có" / "Không", or the row's own labels), never 1 / 0."""
    if value not in (0, 1):
        return format_number(value)
    label = ind.yes_label if value == 1 else ind.no_label
    return label or (tr("Có") if value == 1 else tr("Không"))


def stats_table(indicators, cells: dict[str, Cell]) -> d.Table:
    columns = [d.Column(tr("STT"), 14, "center"), d.Column(tr("Chỉ tiêu"), 90), d.Column(tr("Đơn vị tính"), 26),
               d.Column(tr("Số liệu"), 22, "right"), d.Column(tr("Đơn vị chủ trì"), 34),
               d.Column(tr("Đơn vị phối hợp"), 34), d.Column(tr("Ghi chú"), 32)]
    rows = []
    for ind in indicators:
        cell = cells[ind.code]
        rows.append(d.TableRow([ind.stt, ind.name, ind.unit, stat_value_text(cell), ind.lead, ind.coordinator,
                                cell.entry.comment], bold=ind.kind == GROUP, keep_with_next=ind.kind == GROUP))
    return d.Table(columns, rows, sheet_name=tr("Thống kê"))


def unit_phrase(unit: str) -> str:
    """"Hồ sơ" → "hồ sơ" inside a sentence; acronyms (TTHC, PAKN) stay as they are."""
    if len(unit) > 1 and unit[1].islower():
        return unit[0].lower() + unit[1:]
    return unit


def stat_line(cell: Cell, group: str = "") -> str:
    """"- Số hồ sơ đã tiếp nhận: 1.384 hồ sơ."; a row under a heading row says the heading first
    ("- Thực hiện nhiệm vụ UBND tỉnh giao — tổng số nhiệm vụ được giao: 9 nhiệm vụ."), so it is never
    read as the domain's own count."""
    ind = cell.indicator
    name = f"{group.rstrip(':. ')} — {ind.name[:1].lower()}{ind.name[1:]}" if group else ind.name
    if ind.kind == YESNO:
        return f"- {name}: {yes_no(ind, cell.value)}."
    if ind.kind in (RATIO,) or ind.unit.strip() == "%":
        return f"- {name}: {format_number(round(cell.value, 2))} %."
    unit = unit_phrase(ind.unit)
    return f"- {name}: {format_number(cell.value)}{' ' + unit if unit else ''}."
