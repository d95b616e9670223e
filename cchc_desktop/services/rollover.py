"""Next year's plan from this one (issue 17): preview, then create it in one transaction.

``preview(plan_id, year)`` lists every task of the plan as it would be in the new plan: the recurring
duties ("Thường xuyên", "Hằng quý", a whole year's work, "Theo hướng dẫn…") and the unfinished tasks are
chosen; the unfinished ones are marked "Chuyển tiếp từ năm 2026". Deadline texts have their years moved
on (``cchc_desktop.year_shift``: what cannot be moved safely is flagged with the reason); statuses,
progress, results and completion dates are left behind; units, products, codes and parents are kept;
each new task links back to last year's (``tasks.previous_id``). Evidence is not copied.

``apply(preview, chosen)`` writes it all or nothing, with its audit rows: the plan (a draft, "Dự thảo",
until it has a number and a date; a draft is never counted in the statistics), the chosen tasks (with
the parents of chosen sub-tasks), the new year's reporting calendar from this year's with its dates
moved (unless the year has one already), and the stock indicators' last values (biên chế, số đơn vị…)
as the new year's starting values in its first open period. Last year's periods are only read:
closed ones stay closed.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Iterable

import re

from cchc_desktop.deadlines import DUE, NO_FIXED_DATE, RECURRING, WINDOW, Deadline, parse_deadline
from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import format_date, tr
from cchc_desktop.model import IN_PROGRESS, NOT_STARTED, REVIEW_MARK, REVIEW_TIME, PlanInput, TaskRow
from cchc_desktop.services.audit import CREATE, UPDATE
from cchc_desktop.services.periods import KIND_LABELS, preset_dates
from cchc_desktop.text import fold
from cchc_desktop.year_shift import MAX_SPAN_DAYS, Flag, name_flag, shift_deadline, shift_name, shift_title

Progress = Callable[[int, int, str], None]
UNFINISHED = (NOT_STARTED, IN_PROGRESS)
# Words in a task's name that say it comes back every year.
_RECURRING_WORDS = ("hang nam", "hang quy", "hang thang", "dinh ky", "thuong xuyen")
MARK = "Chuyển tiếp từ năm {y}"


def carry_mark(year: int) -> str:
    """ "Chuyển tiếp từ năm 2026": what an unfinished task carried on to the next plan says."""
    return tr(MARK, y=year)


def is_recurring(name: str, deadline: Deadline, year: int) -> bool:
    """A duty that comes back every year: a recurring or undated-but-ongoing deadline ("Thường xuyên",
    "Hằng quý", "Theo hướng dẫn của Sở Nội vụ"; not "Sau khi …"), a whole year's work ("Cả năm 2026"), a
    stage of several years still going on ("Theo lộ trình giai đoạn 2026 - 2030"), or a name that says so ("… hằng năm", "định kỳ", "Kế hoạch CCHC năm 2026" in the plan of 2026)."""
    for part in deadline.parts:
        if part.kind == RECURRING or (part.kind == NO_FIXED_DATE and part.reason != "event"):
            return True
        if part.kind == WINDOW and part.start and part.end and part.start.year == part.end.year \
                and (part.start.month, part.start.day, part.end.month, part.end.day) == (1, 1, 12, 31):
            return True
        if part.kind == WINDOW and part.start and part.end and (part.end - part.start).days > MAX_SPAN_DAYS \
                and part.end.year > year:      # a stage of several years that goes on ("giai đoạn 2026 - 2030")
            return True
    folded = fold(name)
    return any(word in folded for word in _RECURRING_WORDS) or f"nam {year}" in folded


# A task that makes a plan or a report ("Xây dựng Kế hoạch công tác …", "Báo cáo kết quả …"), not one that
# carries out a cited plan ("Thực hiện Kế hoạch số 20/KH-UBND").
_MAKES_PLAN = re.compile(r"\b(?:xay dung|ban hanh|lap|tham muu|soan thao|trinh)\b[^.;]{0,40}?\bke hoach\b(?!\s+so\s+\d)"
                         r"|^bao cao\b|\bbao cao (?:ket qua|tong ket|so ket|danh gia|dinh ky)\b")
_PLAN_PRODUCT = re.compile(r"^(?:quyet dinh ban hanh\s+)?(?:ke hoach|bao cao)\b")


def _dated_in_year(deadline: Deadline, year: int) -> bool:
    """A date, month or quarter of ``year`` (shorter than the whole year), and nothing recurring."""
    parts = deadline.parts
    return bool(parts) and all(p.kind in (DUE, WINDOW) and p.end is not None and p.end.year == year and
                               (p.start is None or p.start.year == year) for p in parts) \
        and not any(p.start and (p.start.month, p.start.day, p.end.month, p.end.day) == (1, 1, 12, 31)
                    for p in parts)


def likely_yearly(name: str, product: str, deadline: Deadline, year: int) -> str:
    """Why a one-off task dated in the plan's year is probably done again each year, or "".

    "yes": it makes a plan or a report ("Xây dựng Kế hoạch công tác cải cách TTHC…", Quý I năm 2026);
    "maybe": only its product is one ("Báo cáo")."""
    if not _dated_in_year(deadline, year):
        return ""
    if _MAKES_PLAN.search(fold(name)):
        return "yes"
    return "maybe" if _PLAN_PRODUCT.search(fold(product)) else ""


@dataclass
class RolloverTask:
    """One task of last year's plan as it would be in the new one."""
    source_id: int                  # last year's task (the new one links back to it)
    source_parent_id: int | None
    framework: str
    domain_code: str
    code: str
    position: int
    name: str
    old_name: str
    product: str
    deadline_text: str
    old_deadline_text: str
    start_text: str
    old_start_text: str
    lead_ids: list[int]
    coordinator_ids: list[int]
    lead_names: str
    coordinator_names: str
    old_status: str
    recurring: bool
    carried: bool                   # a one-off task unfinished last year: "Chuyển tiếp từ năm …"
    chosen: bool                    # chosen by default (recurring, unfinished, or the parent of one)
    note: str
    flags: list[Flag] = field(default_factory=list)
    meaning: str = ""               # how the new deadline is understood
    old_product: str = ""
    why: str = ""                   # why it is chosen, or worth a look ("nên xem") when it is not

    @property
    def review_note(self) -> str:
        """What the new task's note keeps of the flags: "Cần xem lại thời gian: …", "Cần xem lại: …"."""
        time = [f.message for f in self.flags if f.field in ("deadline", "start")]
        other = [f.message for f in self.flags if f.field not in ("deadline", "start")]
        lines = [tr("{mark} {why}", mark=REVIEW_TIME, why=" ".join(time))] if time else []
        if other:
            lines.append(tr("{mark}: {why}", mark=REVIEW_MARK, why=" ".join(other)))
        return "\n".join(lines)

    @property
    def new_note(self) -> str:
        """The new task's note: the "Chuyển tiếp" mark and what needs a look."""
        return "\n".join(line for line in (self.note, self.review_note) if line)

    def to_json(self) -> dict:
        return {"source_id": self.source_id, "framework": self.framework, "domain": self.domain_code,
                "code": self.code, "name": self.name, "old_name": self.old_name, "product": self.product,
                "old_product": self.old_product or self.product,
                "deadline_text": self.deadline_text, "old_deadline_text": self.old_deadline_text,
                "start_text": self.start_text, "old_start_text": self.old_start_text, "lead": self.lead_names,
                "coordinators": self.coordinator_names, "old_status": self.old_status,
                "recurring": self.recurring, "carried": self.carried, "chosen": self.chosen, "note": self.note,
                "why": self.why, "meaning": self.meaning, "flags": [f.to_json() for f in self.flags]}


@dataclass(frozen=True)
class NewPeriod:
    kind: str
    start_on: date
    end_on: date
    due_on: date

    def to_json(self) -> dict:
        return {"kind": self.kind, "start": self.start_on.isoformat(), "end": self.end_on.isoformat(),
                "due": self.due_on.isoformat()}

    @property
    def label(self) -> str:
        return tr(KIND_LABELS[self.kind])


@dataclass
class RolloverPreview:
    plan_id: int
    from_year: int
    year: int
    title: str
    kind: str
    issuer: str
    tasks: list[RolloverTask]
    calendar: list[NewPeriod]           # the new year's periods to create (empty: the year has its own)
    calendar_exists: bool
    stocks: dict[str, str]              # indicator code → its latest known value, to start the new year
    stock_source: str = ""              # the periods they come from ("Quý I năm 2027 (2 chỉ tiêu), Năm 2026 (20 …)")
    warnings: list[str] = field(default_factory=list)
    existing_plan_id: int | None = None  # a plan of that year already made from this one
    other_plans: list = field(default_factory=list)   # plans of that year (same kind) made otherwise
    stock_target: str = ""              # the period that receives the starting values ("Quý I năm 2027")
    redated: list = field(default_factory=list)   # (period, NewPeriod): a calendar made by itself, re-dated
    stock_sources: dict[str, str] = field(default_factory=dict)   # indicator code → period label

    @property
    def chosen_ids(self) -> set[int]:
        return {t.source_id for t in self.tasks if t.chosen}

    @property
    def flagged(self) -> list[RolloverTask]:
        return [t for t in self.tasks if t.flags]

    def to_json(self) -> dict:
        return {"plan": self.plan_id, "from_year": self.from_year, "year": self.year, "title": self.title,
                "chosen": len(self.chosen_ids), "flagged": len(self.flagged),
                "tasks": [t.to_json() for t in self.tasks],
                "calendar": [p.to_json() for p in self.calendar], "calendar_exists": self.calendar_exists,
                "calendar_redated": [{"id": p.key, **n.to_json()} for p, n in self.redated],
                "stocks": self.stocks, "stock_source": self.stock_source, "stock_sources": self.stock_sources,
                "stock_target": self.stock_target, "warnings": self.warnings,
                "existing_plan": self.existing_plan_id, "other_plans": [p.id for p in self.other_plans],
                "renamed": [{"code": t.code, "old": t.old_name, "new": t.name} for t in self.renamed],
                "worth_a_look": [t.code for t in self.worth_a_look]}

    @property
    def other_plans_warning(self) -> str:
        """ "Năm 2027 đã có kế hoạch “…” (kế hoạch số 5). …", or "" when the year has no plan of that kind."""
        if not self.other_plans:
            return ""
        names = "; ".join(tr("“{title}”{draft} (kế hoạch số {id})", title=p.title, draft=p.draft_mark, id=p.id)
                          for p in self.other_plans)
        return tr("Năm {y} đã có kế hoạch {names}. Tạo thêm thì năm {y} có hai kế hoạch; biểu thống kê vẫn tính kế "
                  "hoạch đã có. Nếu chỉ cần bổ sung nhiệm vụ, hãy mở kế hoạch đó.", y=self.year, names=names)

    @property
    def renamed(self) -> list[RolloverTask]:
        """Tasks whose name says the new year (old → new), to check."""
        return [t for t in self.tasks if t.name != t.old_name]

    @property
    def worth_a_look(self) -> list[RolloverTask]:
        """Tasks not chosen that may be yearly ("nên xem")."""
        return [t for t in self.tasks if not t.chosen and t.why]


@dataclass
class RolloverResult:
    plan_id: int
    tasks: int
    carried: int
    flagged: int
    periods: int                        # periods created for the new year
    stocks: list[str]                   # indicator codes given their starting value
    parents_added: list[str] = field(default_factory=list)   # codes chosen because a sub-task was
    first_flagged: tuple[str, str] | None = None             # (framework, domain) of the first task to look at
    stock_source: str = ""
    redated: bool = False                                    # ``periods`` are the new year's, re-dated

    def summary(self, year: int) -> str:
        parts = [tr("Đã tạo kế hoạch năm {y} (Dự thảo) với {n} nhiệm vụ, {c} nhiệm vụ chuyển tiếp.", y=year,
                    n=self.tasks, c=self.carried)]
        if self.flagged:
            parts.append(tr("{n} nhiệm vụ cần xem lại (thời gian, tên hay đơn vị; ghi ở Ghi chú của nhiệm vụ, lọc "
                            "bằng “Thời gian chưa hiểu được, cần xem lại”).", n=self.flagged))
        if self.periods:
            parts.append(tr("Đã dời {n} kỳ của lịch báo cáo năm {y} (lập tự động, chưa ai sửa) theo lịch năm trước.",
                            y=year, n=self.periods) if self.redated else
                         tr("Đã lập lịch báo cáo năm {y} ({n} kỳ).", y=year, n=self.periods))
        if self.stocks:
            parts.append(tr("{n} chỉ tiêu có số đầu năm (lấy từ {source}).", n=len(self.stocks),
                            source=self.stock_source))
        if self.parents_added:
            parts.append(tr("Thêm nhiệm vụ cha của nhiệm vụ con được chọn: {codes}.",
                            codes=", ".join(self.parents_added)))
        return " ".join(parts)


def _moved(day: date, delta: int) -> date:
    year = day.year + delta
    return date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


class RolloverService:
    def __init__(self, session):
        self.session = session

    # ------------------------------------------------------------------ preview

    def preview(self, plan_id: int, year: int | None = None) -> RolloverPreview:
        """Every task of the plan as it would be in the plan of ``year`` (by default the next). Writes nothing.

        Raises ``NotFound`` when there is no such plan, ``ValidationError`` when the year is refused."""
        s = self.session
        plan = s.plans.get(plan_id)
        year = plan.year + 1 if year is None else year
        if not isinstance(year, int) or not plan.year < year <= 2100:
            raise ValidationError(tr("Năm {y} không hợp lệ cho kế hoạch năm sau của kế hoạch năm {p}.", y=year,
                                     p=plan.year), tr("Hãy chọn một năm sau năm {p}, ví dụ {n}.", p=plan.year,
                                                      n=plan.year + 1), field="year")
        tasks = self._tasks(s.tasks.rows(plan_id), plan.year, year)
        preview = RolloverPreview(plan_id, plan.year, year, shift_title(plan.title, plan.year, year), plan.kind,
                                  plan.issuer, tasks, [], False, {})
        self._calendar(preview)
        self._stocks(preview)
        existing = s.one("SELECT id FROM plans WHERE previous_plan_id = ? AND year = ? AND deleted_at IS NULL",
                         (plan_id, year))
        if existing:
            preview.existing_plan_id = existing["id"]
            preview.warnings.append(tr("Đã có kế hoạch năm {y} tạo từ kế hoạch này (kế hoạch số {id}).", y=year,
                                       id=existing["id"]))
        else:
            preview.other_plans = [p for p in s.plans.list(year) if p.kind == plan.kind]
            if preview.other_plans:
                preview.warnings.append(preview.other_plans_warning)
                # two plans of the year: the new one's name says where it comes from, so the picker tells them apart
                preview.title = tr("{title} (tạo từ kế hoạch năm {p})", title=preview.title, p=plan.year)
        return preview

    def _tasks(self, rows: list[TaskRow], from_year: int, year: int) -> list[RolloverTask]:
        tasks: list[RolloverTask] = []
        for r in rows:
            deadline = shift_deadline(r.deadline_text, from_year, year)
            start = shift_deadline(r.start_text, from_year, year, field="start")
            flags = [*deadline.flags, *start.flags]
            gone = [u.name for u in (*r.leads, *r.coordinators) if u.deleted]
            if gone:
                flags.append(Flag("unit_gone", tr("Đơn vị “{names}” đã bị xóa khỏi danh mục nên không được chép.",
                                                  names="; ".join(gone)), "units"))
            old_deadline = parse_deadline(r.deadline_text, from_year)
            recurring = is_recurring(r.name, old_deadline, from_year)
            # a recurring duty is never "finished"; only a one-off task left undone is carried over
            carried = r.status in UNFINISHED and not recurring
            yearly = "" if recurring else likely_yearly(r.name, r.product, old_deadline, from_year)
            why = ""
            if yearly == "yes":
                why = tr("Có thể là việc hằng năm (lập kế hoạch, báo cáo có hạn trong năm {y}): đã chọn sẵn, hãy "
                         "xem lại.", y=from_year)
            elif yearly == "maybe" and not carried:
                why = tr("Nên xem: sản phẩm là kế hoạch, báo cáo có hạn trong năm {y}, có thể là việc hằng năm.",
                         y=from_year)
            name, product = shift_name(r.name, from_year, year), shift_name(r.product, from_year, year)
            flags += [f for f in (name_flag(r.name, name, from_year, year),
                                  name_flag(r.product, product, from_year, year, "product")) if f]
            leads = [u for u in r.leads if not u.deleted]
            coordinators = [u for u in r.coordinators if not u.deleted]
            tasks.append(RolloverTask(
                r.id, r.parent_id, r.framework, r.domain_code, r.code, r.position,
                name, r.name, product,
                deadline.text, r.deadline_text, start.text, r.start_text, [u.id for u in leads],
                [u.id for u in coordinators], "; ".join(u.name for u in leads),
                "; ".join(u.name for u in coordinators), r.status, recurring, carried,
                recurring or carried or yearly == "yes", carry_mark(from_year) if carried else "", flags,
                parse_deadline(deadline.text, year).describe() if deadline.text else "", r.product, why))
        by_id = {t.source_id: t for t in tasks}
        for task in tasks:      # the parent of a chosen sub-task comes too
            parent = by_id.get(task.source_parent_id) if task.chosen else None
            while parent is not None and not parent.chosen:
                parent.chosen = True
                parent = by_id.get(parent.source_parent_id)
        return tasks

    def _calendar(self, preview: RolloverPreview) -> None:
        """The new year's calendar moved from this year's; a calendar the program made by itself for the new
        year (from the preset, when a page or command first needed it) and nobody changed is re-dated the same
        way, its closed periods kept as they are."""
        periods = self.session.periods
        delta = preview.year - preview.from_year
        old = periods.list(preview.from_year)
        moved = [NewPeriod(p.kind, _moved(p.start_on, delta), _moved(p.end_on, delta), _moved(p.due_on, delta))
                 for p in old]
        existing = periods.list(preview.year)
        if existing:
            preview.calendar_exists = True
            by_kind = {p.kind: p for p in moved}
            preview.redated = [(p, by_kind[p.kind]) for p in existing if p.kind in by_kind
                               and periods.untouched(p) and (p.start_on, p.end_on, p.due_on) !=
                               (by_kind[p.kind].start_on, by_kind[p.kind].end_on, by_kind[p.kind].due_on)]
            return
        if old:
            preview.calendar = moved
        else:
            preset = periods.preset()
            preview.calendar = [NewPeriod(kind, *preset_dates(preset, kind, preview.year))
                                for kind in ("Q1", "H1", periods.third_kind(), "Y")]

    def _stocks(self, preview: RolloverPreview) -> None:
        """The stock indicators' latest known values (biên chế, số đơn vị…), to start the new year in its first
        open period where blank: each indicator's value from the latest period before that one, of the plan's
        year or of the new year (a closed "Quý I năm 2027" is newer than "Năm 2026"). Nothing when every period
        of the new year is closed."""
        s = self.session
        periods = s.periods
        existing = periods.list(preview.year)
        if existing:
            target = next((p for p in existing if not p.closed), None)
            if target is None:
                preview.warnings.append(tr("Mọi kỳ báo cáo năm {y} đã chốt: không ghi số đầu năm.", y=preview.year))
                return
            target_end, preview.stock_target = target.end_on, target.label
            typed = s.statistics.export_values(target) if s.one(
                "SELECT 1 FROM indicators WHERE year = ? LIMIT 1", (preview.year,)) else {}
        elif preview.calendar:
            first = min(preview.calendar, key=lambda p: p.end_on)
            target_end, typed = first.end_on, {}
            preview.stock_target = tr("{kind} năm {y}", kind=first.label, y=preview.year) if first.kind != "Y" \
                else tr("Năm {y}", y=preview.year)
        else:
            return
        if s.one("SELECT 1 FROM indicators WHERE year = ? LIMIT 1", (preview.from_year,)) is None:
            return
        stocks = {i.code for i in s.statistics.indicators(preview.from_year) if i.stock and i.enterable}
        known = [p for y in range(preview.from_year, preview.year + 1) for p in periods.list(y) if p.end_on < target_end]
        for period in sorted(known, key=lambda p: p.end_on, reverse=True):
            for code, raw in s.statistics.export_values(period).items():
                if code in stocks and raw not in (None, "") and code not in preview.stocks \
                        and typed.get(code) in (None, ""):
                    preview.stocks[code] = raw
                    preview.stock_sources[code] = period.label
        counts: dict[str, int] = {}
        for label in preview.stock_sources.values():
            counts[label] = counts.get(label, 0) + 1
        preview.stock_source = "; ".join(tr("{label} ({n} chỉ tiêu)", label=label, n=n) if len(counts) > 1 else label
                                         for label, n in counts.items())

    # ------------------------------------------------------------------ apply

    def apply(self, preview: RolloverPreview, chosen: Iterable[int] | None = None, *, title: str | None = None,
              progress: Progress | None = None, also: bool = False) -> RolloverResult:
        """Create the plan of ``preview.year`` with the ``chosen`` tasks (ids of last year's tasks; by default
        those the preview chose; the parents of chosen sub-tasks come too), all in one transaction. Each new
        task's note keeps the "Chuyển tiếp" mark and what needs a look ("Cần xem lại thời gian: …").

        Raises ``ValidationError`` when nothing is chosen, the plan was already rolled over to that year or
        changed since the preview, or the year has a plan of that kind already and ``also`` is not given
        (the reason in Vietnamese; nothing is written)."""
        s = self.session
        by_id = {t.source_id: t for t in preview.tasks}
        picked = set(preview.chosen_ids if chosen is None else chosen)
        if picked - by_id.keys():
            raise ValidationError(tr("Có nhiệm vụ được chọn không thuộc kế hoạch này."),
                                  tr("Hãy xem trước lại rồi chọn."))
        if not picked:
            raise ValidationError(tr("Chưa chọn nhiệm vụ nào cho kế hoạch năm {y}.", y=preview.year),
                                  tr("Hãy đánh dấu các nhiệm vụ cần đưa sang năm sau."))
        added_parents = []
        for task_id in sorted(picked):
            parent = by_id[task_id].source_parent_id
            while parent is not None and parent in by_id and parent not in picked:
                picked.add(parent)
                added_parents.append(by_id[parent].code)
                parent = by_id[parent].source_parent_id
        from cchc_desktop.services.plans import validate_plan
        data = validate_plan(PlanInput(title if title is not None else preview.title, preview.year, preview.kind,
                                       "", None, preview.issuer))
        ordered = [t for t in preview.tasks if t.source_id in picked]
        depth = {t.source_id: 0 for t in ordered}
        for task in ordered:     # parents before their sub-tasks
            parent, n = task.source_parent_id, 0
            while parent in by_id:
                n, parent = n + 1, by_id[parent].source_parent_id
            depth[task.source_id] = n
        ordered.sort(key=lambda t: depth[t.source_id])
        if preview.other_plans and not also:
            raise ValidationError(preview.other_plans_warning,
                                  tr("Hãy xác nhận tạo thêm kế hoạch năm {y}.", y=preview.year))
        now = s.clock.now()
        with s.transaction() as conn:
            source = s.plans.get(preview.plan_id)
            self._check_unchanged(preview, picked, source)
            cur = conn.execute(
                "INSERT INTO plans (title, number, issued_on, year, kind, issuer, created_at, updated_at, draft,"
                " previous_plan_id) VALUES (?, '', NULL, ?, ?, ?, ?, ?, 1, ?)",
                (data.title, data.year, data.kind, data.issuer, now, now, preview.plan_id))
            plan_id = cur.lastrowid
            s.audit.record("plan", plan_id, CREATE, {"title": (None, data.title), "draft": (None, tr("Dự thảo")),
                                                     "previous_plan_id": (None, preview.plan_id)}, plan_id=plan_id)
            live_units = {r[0] for r in s.rows("SELECT id FROM units WHERE deleted_at IS NULL")}
            new_ids: dict[int, int] = {}
            unit_rows = []
            for index, task in enumerate(ordered, start=1):
                due = parse_deadline(task.deadline_text, preview.year).due
                cur = conn.execute(
                    "INSERT INTO tasks (plan_id, framework, domain_code, parent_id, code, position, name, product,"
                    " deadline_text, due_on, status, note, created_at, updated_at, start_text, previous_id)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (plan_id, task.framework, task.domain_code, new_ids.get(task.source_parent_id), task.code,
                     task.position, task.name, task.product, task.deadline_text, due.isoformat() if due else None,
                     NOT_STARTED, task.new_note, now, now, task.start_text, task.source_id))
                task_id = new_ids[task.source_id] = cur.lastrowid
                unit_rows += [(task_id, u, "lead", i) for i, u in enumerate(task.lead_ids) if u in live_units]
                unit_rows += [(task_id, u, "coordinator", i) for i, u in enumerate(task.coordinator_ids)
                              if u in live_units]
                s.audit.record("task", task_id, CREATE, {"code": (None, task.code), "name": (None, task.name),
                                                         "previous_id": (None, task.source_id)},
                               task_id=task_id, plan_id=plan_id)
                if progress:
                    progress(index, len(ordered), task.code)
            conn.executemany("INSERT INTO task_units (task_id, unit_id, role, position) VALUES (?, ?, ?, ?)",
                             unit_rows)
            periods = self._write_calendar(preview)
            stocks = self._write_stocks(preview)
        flagged = next(((t.framework, t.domain_code) for t in sorted(ordered, key=lambda t: t.position)
                        if t.flags), None)
        return RolloverResult(plan_id, len(ordered), sum(t.carried for t in ordered),
                              sum(bool(t.flags) for t in ordered), periods, stocks, added_parents, flagged,
                              preview.stock_source, bool(preview.redated))

    def _check_unchanged(self, preview: RolloverPreview, picked: set[int], source) -> None:
        s = self.session
        if source.year != preview.from_year:
            raise ValidationError(tr("Năm của kế hoạch đã đổi sau khi xem trước."), tr("Hãy xem trước lại."))
        existing = s.one("SELECT id FROM plans WHERE previous_plan_id = ? AND year = ? AND deleted_at IS NULL",
                         (preview.plan_id, preview.year))
        if existing:
            raise ValidationError(tr("Đã có kế hoạch năm {y} tạo từ kế hoạch này (kế hoạch số {id}).", y=preview.year,
                                     id=existing["id"]),
                                  tr("Hãy mở kế hoạch đó, hoặc xóa nó vào thùng rác rồi tạo lại."))
        marks = ",".join("?" * len(picked))
        live = {r[0] for r in s.rows(f"SELECT id FROM tasks WHERE plan_id = ? AND deleted_at IS NULL AND id IN "
                                     f"({marks})", [preview.plan_id, *picked])}
        if live != picked:
            raise ValidationError(tr("Kế hoạch năm {y} đã thay đổi sau khi xem trước (có nhiệm vụ đã bị xóa).",
                                     y=preview.from_year), tr("Hãy xem trước lại."))

    def _write_calendar(self, preview: RolloverPreview) -> int:
        """The new year's periods, unless it has some already (then they are kept as they are, but for those
        the program made by itself and nobody changed: they are re-dated from this year's)."""
        s = self.session
        if preview.redated:
            count = 0
            for period, new in preview.redated:
                current = s.periods.get(period.id)
                if current.closed or not s.periods.untouched(current):
                    continue
                s.conn.execute("UPDATE report_periods SET start_on = ?, end_on = ?, due_on = ? WHERE id = ?",
                               (new.start_on.isoformat(), new.end_on.isoformat(), new.due_on.isoformat(), period.id))
                s.audit.record("period", period.id, UPDATE, {
                    "start_on": (current.start_on, new.start_on), "end_on": (current.end_on, new.end_on),
                    "due_on": (current.due_on, new.due_on)}, period_id=period.id)
                count += 1
            return count
        if not preview.calendar or s.periods.list(preview.year):
            return 0
        for period in preview.calendar:
            cur = s.conn.execute("INSERT INTO report_periods (year, kind, start_on, end_on, due_on) VALUES "
                                 "(?, ?, ?, ?, ?)", (preview.year, period.kind, period.start_on.isoformat(),
                                                     period.end_on.isoformat(), period.due_on.isoformat()))
            s.audit.record("period", cur.lastrowid, CREATE,
                           {"start_on": (None, period.start_on), "end_on": (None, period.end_on),
                            "due_on": (None, period.due_on)}, period_id=cur.lastrowid)
        return len(preview.calendar)

    def _write_stocks(self, preview: RolloverPreview) -> list[str]:
        """The latest known stock values into the new year's first open period, only where it is blank."""
        s = self.session
        if not preview.stocks:
            return []
        target = next((p for p in s.periods.list(preview.year) if not p.closed), None)
        if target is None:
            return []
        catalog = {i.code for i in s.statistics.indicators(preview.year) if i.stock and i.enterable}
        typed = s.statistics.export_values(target)
        values = {code: raw for code, raw in preview.stocks.items()
                  if code in catalog and typed.get(code) in (None, "")}
        return s.statistics.set_many(target, values, action="copy") if values else []

    # ------------------------------------------------------------------ reading

    def previous_task(self, task_id: int) -> TaskRow | None:
        """Last year's task a task was carried from (live or in the bin), or None."""
        row = self.session.one("SELECT previous_id FROM tasks WHERE id = ?", (task_id,))
        if row is None or row["previous_id"] is None:
            return None
        return self.session.tasks.row(row["previous_id"], include_deleted=True)


def period_line(period: NewPeriod) -> str:
    """ "Quý I: 15/12/2026 – 14/03/2027, gửi 15/03/2027"."""
    return tr("{label}: {a} – {b}, gửi {due}", label=period.label, a=format_date(period.start_on),
              b=format_date(period.end_on), due=format_date(period.due_on))
