"""The "Tổng quan" figures: tasks per domain and status, overdue and due-soon tasks."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from cchc_desktop.model import DONE, STATUSES, SUSPENDED, Domain, TaskRow

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
class Overview:
    domains: list[DomainSummary]
    overdue: list[TaskRow]
    due_soon: list[tuple[TaskRow, date]]

    @property
    def totals(self) -> DomainSummary:
        total = DomainSummary(Domain("", "", "Tổng cộng", "Tổng cộng", 0))
        for item in self.domains:
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

    def build(self, plan_id: int, today: date | None = None, rows: list[TaskRow] | None = None) -> Overview:
        today = today or self.session.clock.today()
        rows = rows if rows is not None else self.session.tasks.rows(plan_id)
        summaries = {(d.framework, d.code): DomainSummary(d) for d in self.domains(plan_id)}
        soon_limit = today + timedelta(days=DUE_SOON_DAYS)
        overdue, due_soon = [], []
        for row in rows:
            summary = summaries.get((row.framework, row.domain_code))
            if summary is None:
                continue
            summary.counts[row.status] += 1
            summary.evidence += row.evidence_count
            if row.finished_late:
                summary.finished_late += 1
            if row.is_overdue(today):
                summary.overdue += 1
                overdue.append(row)
            elif row.status not in (DONE, SUSPENDED):
                upcoming = row.deadline.next_due(today)
                if upcoming and upcoming <= soon_limit:
                    due_soon.append((row, upcoming))
        overdue.sort(key=lambda r: (r.due_on, r.framework, r.domain_code, r.position))
        due_soon.sort(key=lambda item: item[1])
        return Overview(list(summaries.values()), overdue, due_soon)
