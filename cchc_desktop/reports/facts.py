"""What the register says about a plan at a date: counts per domain and the tasks behind them.

Tasks with sub-tasks count through their sub-tasks (as the statistics form does), so nothing
is counted twice. A task finished after the date counts as still in progress at that date.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from cchc_desktop.i18n import format_number
from cchc_desktop.model import DONE, NOT_STARTED, SUSPENDED, TaskRow

LOOKAHEAD_DAYS = 92   # "kỳ tới": about one quarter


@dataclass
class TaskFacts:
    total: int = 0
    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    suspended: int = 0
    overdue: int = 0
    late: int = 0
    due: int = 0                 # tasks whose deadline fell on or before the date
    due_done: int = 0            # of those, done by the date
    done_in_period: list[TaskRow] = field(default_factory=list)
    open_rows: list[TaskRow] = field(default_factory=list)
    overdue_rows: list[TaskRow] = field(default_factory=list)
    upcoming: list[tuple[TaskRow, date]] = field(default_factory=list)

    @property
    def done_percent(self) -> str:
        if not self.total:
            return "0 %"
        return f"{format_number(round(100 * self.done / self.total, 1))} %"

    def fields(self) -> dict[str, str]:
        return {"tổng số nhiệm vụ": str(self.total), "số nhiệm vụ": str(self.total),
                "hoàn thành": str(self.done), "hoàn thành trong kỳ": str(len(self.done_in_period)),
                "đang thực hiện": str(self.in_progress), "chưa triển khai": str(self.not_started),
                "tạm dừng": str(self.suspended), "quá hạn": str(self.overdue), "hoàn thành muộn": str(self.late),
                "hoàn thành đúng hạn": str(self.done - self.late),
                "tỷ lệ hoàn thành": self.done_percent}


def done_by(row: TaskRow, when: date) -> bool:
    return row.status == DONE and (row.completed_on is None or row.completed_on <= when)


def leaves(rows: list[TaskRow]) -> list[TaskRow]:
    parents = {r.parent_id for r in rows if r.parent_id is not None}
    return [r for r in rows if r.id not in parents]


def gather(rows: list[TaskRow], start: date | None, as_of: date) -> dict[tuple[str, str] | None, TaskFacts]:
    """Facts for the whole plan (key ``None``) and per (framework, domain)."""
    facts: dict[tuple[str, str] | None, TaskFacts] = {None: TaskFacts()}
    horizon = as_of + timedelta(days=LOOKAHEAD_DAYS)
    for row in leaves(rows):
        scope = facts.setdefault((row.framework, row.domain_code), TaskFacts())
        for item in (facts[None], scope):
            _count(item, row, start, as_of, horizon)
    return facts


def _count(item: TaskFacts, row: TaskRow, start: date | None, as_of: date, horizon: date) -> None:
    item.total += 1
    is_due = row.due_on is not None and row.due_on <= as_of
    item.due += is_due
    if done_by(row, as_of):
        item.due_done += is_due
        item.done += 1
        if row.finished_late:
            item.late += 1
        if start is None or row.completed_on is None or row.completed_on >= start:
            item.done_in_period.append(row)
        return
    if row.status == SUSPENDED:
        item.suspended += 1
        return
    if row.status == NOT_STARTED:
        item.not_started += 1
    else:   # in progress, or finished only after the date
        item.in_progress += 1
    item.open_rows.append(row)
    if row.due_on is not None and row.due_on < as_of:
        item.overdue += 1
        item.overdue_rows.append(row)
        return
    upcoming = row.deadline.next_due(as_of)
    if upcoming is not None and upcoming <= horizon:
        item.upcoming.append((row, upcoming))

