"""The "Tổng quan" figures: tasks per domain and status, overdue and due-soon tasks, and the overview's
charts (counted in SQL, one pass over the plan's tasks) with their one-page PDF for a meeting."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from cchc_desktop.i18n import format_date, format_number, tr
from cchc_desktop.deadlines import parse_deadline
from cchc_desktop.model import DONE, STATUSES, Domain, TaskRow

DUE_SOON_DAYS = 14


@dataclass
class DomainSummary:
    domain: Domain
    counts: dict[str, int] = field(default_factory=lambda: {s: 0 for s in STATUSES})
    overdue: int = 0
    finished_late: int = 0
    evidence: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done_percent(self) -> float:
        return 100.0 * self.counts[DONE] / self.total if self.total else 0.0


@dataclass
class TaskList:
    """The first rows of one of the overview's lists, the date each is listed by, and how many there are."""
    rows: list[TaskRow]
    dates: list[date]
    total: int


@dataclass
class Overview:
    domains: list[DomainSummary]
    overdue: list[TaskRow]
    due_soon: list[tuple[TaskRow, date]]

    @property
    def totals(self) -> DomainSummary:
        return totals(self.domains)


def totals(summaries: list[DomainSummary]) -> DomainSummary:
    """The "Tổng cộng" row of ``summaries``."""
    total = DomainSummary(Domain("", "", "Tổng cộng", "Tổng cộng", 0))
    for item in summaries:
        for status, count in item.counts.items():
            total.counts[status] += count
        total.overdue += item.overdue
        total.finished_late += item.finished_late
        total.evidence += item.evidence
    return total


class OverviewService:
    def __init__(self, session):
        self.session = session

    def all_domains(self) -> list[Domain]:
        rows = self.session.rows("SELECT * FROM domains ORDER BY framework = 'PAPI', position")
        return [Domain(r["framework"], r["code"], r["name"], r["short"], r["position"]) for r in rows]

    def domains(self, plan_id: int | None = None) -> list[Domain]:
        """PAR domains always; PAPI dimensions only when the plan has PAPI tasks."""
        papi = plan_id is not None and self.session.plans.has_framework(plan_id, "PAPI")
        return [d for d in self.all_domains() if d.framework == "PAR" or papi]

    def overdue_counts(self, plan_id: int, today: date | None = None) -> dict[tuple[str, str], int]:
        """Overdue tasks per (framework, domain), straight from SQL: the tab badges need no task list.

        Same rule as ``TaskRow.is_overdue``: not done, not suspended, due date passed.
        """
        today = today or self.session.clock.today()
        rows = self.session.rows(
            "SELECT framework, domain_code, count(*) FROM tasks WHERE plan_id = ? AND deleted_at IS NULL"
            " AND status IN ('not_started', 'in_progress') AND due_on < ? GROUP BY framework, domain_code",
            (plan_id, today.isoformat()))
        return {(r[0], r[1]): r[2] for r in rows}

    def build(self, plan_id: int, today: date | None = None) -> Overview:
        """Every figure and both whole lists (the screen reads the first rows of each: ``overdue``,
        ``due_soon``, ``summaries``)."""
        today = today or self.session.clock.today()
        soon = self.due_soon(plan_id, today)
        return Overview(self.summaries(plan_id, today), self.overdue(plan_id, today).rows,
                        list(zip(soon.rows, soon.dates)))

    def summaries(self, plan_id: int, today: date | None = None) -> list[DomainSummary]:
        """Tasks per domain and status, overdue and finished late, and their evidence, counted in SQL by the
        rules of ``TaskRow.is_overdue`` and ``TaskRow.finished_late``."""
        today = today or self.session.clock.today()
        summaries = {(d.framework, d.code): DomainSummary(d) for d in self.domains(plan_id)}
        for framework, code, status, n, overdue, late in self.session.conn.execute(
                "SELECT framework, domain_code, status, count(*),"
                " count(CASE WHEN status IN ('not_started', 'in_progress') AND due_on < ? THEN 1 END),"
                " count(CASE WHEN status = 'done' AND completed_on > due_on THEN 1 END)"
                " FROM tasks WHERE plan_id = ? AND deleted_at IS NULL GROUP BY framework, domain_code, status",
                (today.isoformat(), plan_id)):
            summary = summaries.get((framework, code))
            if summary is not None:
                summary.counts[status] += n
                summary.overdue += overdue
                summary.finished_late += late
        for framework, code, n in self.session.conn.execute(
                "SELECT t.framework, t.domain_code, count(*) FROM evidence e JOIN tasks t ON t.id = e.task_id"
                " WHERE t.plan_id = ? AND t.deleted_at IS NULL AND e.deleted_at IS NULL"
                " GROUP BY t.framework, t.domain_code", (plan_id,)):
            if (framework, code) in summaries:
                summaries[(framework, code)].evidence += n
        return list(summaries.values())

    def overdue(self, plan_id: int, today: date | None = None, *, limit: int | None = None,
                units=None) -> TaskList:
        """Overdue tasks, the longest overdue first (the rule of ``TaskRow.is_overdue``); the first ``limit``
        of them read whole. ``units``: only tasks led by one of these units (None among them: tasks without
        a lead unit)."""
        today = today or self.session.clock.today()
        where = ("t.plan_id = ? AND t.deleted_at IS NULL AND t.status IN ('not_started', 'in_progress')"
                 " AND t.due_on < ?")
        params: list = [plan_id, today.isoformat()]
        if units is not None:
            ids = [u for u in units if u is not None]
            led = "SELECT 1 FROM task_units tu WHERE tu.task_id = t.id AND tu.role = 'lead'"
            either = ([f"EXISTS ({led} AND tu.unit_id IN ({', '.join('?' * len(ids))}))"] if ids else []) + (
                [f"NOT EXISTS ({led})"] if None in units else [])
            where += f" AND ({' OR '.join(either) or '0'})"
            params += ids
        ids = [r[0] for r in self.session.conn.execute(
            f"SELECT t.id FROM tasks t WHERE {where} ORDER BY t.due_on, t.framework, t.domain_code, t.position, t.id",
            params)]        # every id (one pass, counted here), the first ``limit`` read whole
        rows = self.session.tasks.by_ids(ids if limit is None else ids[:limit])
        return TaskList(rows, [r.due_on for r in rows], len(ids))

    def due_soon(self, plan_id: int, today: date | None = None, *, limit: int | None = None) -> TaskList:
        """Tasks not overdue, not done and not suspended that fall due within ``DUE_SOON_DAYS`` (a recurring
        duty by its next occurrence), the soonest first; the first ``limit`` of them read whole."""
        today = today or self.session.clock.today()
        soon_limit = today + timedelta(days=DUE_SOON_DAYS)
        where = ("t.plan_id = ? AND t.deleted_at IS NULL AND t.status IN ('not_started', 'in_progress')"
                 " AND (t.due_on IS NULL OR t.due_on >= ?)")
        params = (plan_id, today.isoformat())
        year = self.session.one("SELECT year FROM plans WHERE id = ?", (plan_id,))
        upcoming: dict[str, date] = {}
        for (text,) in self.session.conn.execute(f"SELECT DISTINCT t.deadline_text FROM tasks t WHERE {where}",
                                                 params):      # each wording read once, however many tasks
            when = parse_deadline(text, year[0]).next_due(today)
            if when and when <= soon_limit:
                upcoming[text] = when
        found = []
        if upcoming:        # those tasks in the plan's order (the order of tasks due the same day)
            found = [(upcoming[text], task_id) for task_id, text in self.session.conn.execute(
                f"SELECT t.id, t.deadline_text FROM tasks t JOIN domains d ON d.framework = t.framework"
                f" AND d.code = t.domain_code WHERE {where} ORDER BY t.framework = 'PAPI', d.position, t.position,"
                " t.id", params) if text in upcoming]
        found.sort(key=lambda item: item[0])
        shown = found if limit is None else found[:limit]
        rows = self.session.tasks.by_ids([task_id for _, task_id in shown])
        return TaskList(rows, [when for when, _ in shown], len(found))

    # ------------------------------------------------------------------ charts

    def status_counts(self, plan_id: int) -> dict[tuple[str, str], dict[str, int]]:
        """Tasks per (framework, domain) and status, counted as the summary table counts them (every task)."""
        counts: dict[tuple[str, str], dict[str, int]] = {}
        for framework, code, status, n in self.session.conn.execute(
                "SELECT framework, domain_code, status, count(*) FROM tasks WHERE plan_id = ? AND deleted_at IS NULL"
                " GROUP BY framework, domain_code, status", (plan_id,)):
            counts.setdefault((framework, code), {})[status] = n
        return counts

    def overdue_by_lead(self, plan_id: int, today: date | None = None):
        """(overdue tasks per lead unit, overdue tasks in all), by the rule of ``overdue_counts``. A task led
        by two units counts for each; one with no lead unit counts under ``unit_id`` None."""
        from cchc_desktop.charts.overview import UnitCount
        today = today or self.session.clock.today()
        overdue = ("t.plan_id = ? AND t.deleted_at IS NULL AND t.status IN ('not_started', 'in_progress') "
                   "AND t.due_on < ?")
        rows = self.session.rows(
            "SELECT u.id, u.name, u.abbreviation, count(*) AS n FROM tasks t"
            " LEFT JOIN task_units tu ON tu.task_id = t.id AND tu.role = 'lead'"
            f" LEFT JOIN units u ON u.id = tu.unit_id WHERE {overdue} GROUP BY u.id", (plan_id, today.isoformat()))
        total = self.session.one(f"SELECT count(*) FROM tasks t WHERE {overdue}", (plan_id, today.isoformat()))[0]
        return [UnitCount(r["id"], r["name"] or "", r["abbreviation"] or "", r["n"]) for r in rows], total

    def period_values(self, year: int, until=None, form=None) -> list:
        """The statistics form's values in each period of ``year`` (up to the period ``until``), as each
        period has them (a closed one as closed); ``form``: the form of ``until`` already built."""
        from cchc_desktop.charts.overview import PeriodValues
        from cchc_desktop.services.periods import KIND_LABELS
        if self.session.one("SELECT 1 FROM indicators WHERE year = ? LIMIT 1", (year,)) is None:
            return []       # no form this year yet (reading never creates one)
        found = []
        for period in self.session.periods.list(year):
            if until is not None and period.end_on > until.end_on:
                continue
            if form is not None and until is not None and period.id == until.id:
                values = {code: cell.value for code, cell in form.cells.items()}
            else:
                values = self.session.statistics.form_values(period)
            found.append(PeriodValues(period.id, tr(KIND_LABELS[period.kind]), values))
        return found

    def charts(self, plan_id: int, today: date | None = None, *, clickable: bool = True) -> list:
        """The overview's three charts (``charts.model.Chart``): completion by domain, overdue tasks by lead
        unit, the main indicators across the periods of the plan's year."""
        from cchc_desktop.charts import overview as co
        from cchc_desktop.statistics.form import PERCENT, RATIO
        plan = self.session.plans.get(plan_id)
        completion = co.completion_chart(self.domains(plan_id), self.status_counts(plan_id), clickable=clickable)
        units, total = self.overdue_by_lead(plan_id, today)
        overdue = co.overdue_chart(units, total, clickable=clickable)
        periods = self.period_values(plan.year)
        candidates = [(i.code, i.name) for i in self.session.statistics.indicators(plan.year)
                      if i.kind in (RATIO, PERCENT)] if periods else []
        indicators = co.indicators_chart(co.pick_indicators(candidates, periods), periods, plan.year,
                                         clickable=clickable)
        return [completion, overdue, indicators]

    def sheet_pdf(self, plan_id: int, today: date | None = None) -> bytes:
        """The overview as one A4 page for a meeting (PDF): the plan, the day's figures, the three charts."""
        from cchc_desktop.reports.builder import ReportBuilder
        from cchc_desktop.reports.charts import overview_sheet
        today = today or self.session.clock.today()
        plan = self.session.plans.get(plan_id)
        counts = self.status_counts(plan_id)
        total = sum(sum(c.values()) for c in counts.values())
        done = sum(c.get(DONE, 0) for c in counts.values())
        overdue = sum(self.overdue_counts(plan_id, today).values())
        rate = format_number(round(100 * done / total, 1), 1) if total else "0"
        summary = tr("Số liệu đến ngày {d}: {n} nhiệm vụ, đã hoàn thành {done} ({rate} %), quá hạn {late}.",
                     d=format_date(today), n=format_number(total), done=format_number(done), rate=rate,
                     late=format_number(overdue))
        document = overview_sheet(self.session.profile.get(), plan, self.charts(plan_id, today, clickable=False),
                                  today, summary)
        return ReportBuilder().render(document, "pdf")
