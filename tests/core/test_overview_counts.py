"""The overview counts in SQL and reads only the rows it lists (issue 14, item 7: start-up with 3 000 tasks).
Whatever it shows must be what the rules of ``TaskRow`` say task by task: counts per domain and status,
overdue (``is_overdue``), finished late, evidence, the overdue list in its order, the due-soon list by each
task's next due date — on many days, with deleted tasks and files, PAPI tasks and tasks led by no unit."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from cchc_desktop.model import DONE, SUSPENDED, STATUSES, TaskInput
from cchc_desktop.services.overview import DUE_SOON_DAYS

DAYS = [date(2026, 1, 1), date(2026, 3, 31), date(2026, 6, 15), date(2026, 9, 30), date(2026, 11, 25),
        date(2026, 12, 31), date(2027, 2, 1)]


def _expected(session, plan: int, today: date):
    """The overview worked out task by task, as the window once did it."""
    rows = session.tasks.rows(plan)
    counts: dict = {}
    overdue, soon = [], []
    for row in rows:
        key = (row.framework, row.domain_code)
        summary = counts.setdefault(key, {"counts": dict.fromkeys(STATUSES, 0), "overdue": 0, "late": 0,
                                          "evidence": 0})
        summary["counts"][row.status] += 1
        summary["evidence"] += row.evidence_count
        summary["late"] += row.finished_late
        if row.is_overdue(today):
            summary["overdue"] += 1
            overdue.append(row)
        elif row.status not in (DONE, SUSPENDED):
            upcoming = row.deadline.next_due(today)
            if upcoming and upcoming <= today + timedelta(days=DUE_SOON_DAYS):
                soon.append((row, upcoming))
    overdue.sort(key=lambda r: (r.due_on, r.framework, r.domain_code, r.position))
    soon.sort(key=lambda item: item[1])
    return counts, [r.id for r in overdue], [(r.id, when) for r, when in soon]


@pytest.fixture
def busy_demo(session, demo):
    """The demo plan with more to count: PAPI tasks, deleted tasks and files, a task led by no unit."""
    units = [u.id for u in session.units.list()]
    late = session.tasks.add(TaskInput(demo, "PAPI", "I", "Khảo sát mức độ hài lòng", deadline_text="Quý II/2026",
                                       lead_ids=units[:1]))
    session.tasks.add(TaskInput(demo, "PAR", "II", "Rà soát thủ tục", deadline_text="Hằng quý"))
    session.tasks.add(TaskInput(demo, "PAR", "II", "Chưa giao ai", deadline_text="Tháng 5/2026"))
    session.tasks.add(TaskInput(demo, "PAR", "III", "Hai đơn vị chủ trì", deadline_text="Trước ngày 15/02/2026",
                                lead_ids=units[:2]))
    parents = [r.id for r in session.tasks.rows(demo, "PAR", "III") if r.parent_id is None][:2]
    for parent in parents:      # same domain, date and place under their parents: listed in the order added
        session.tasks.add(TaskInput(demo, "PAR", "III", "Việc con", parent_id=parent,
                                    deadline_text="Trước ngày 15/02/2026"))
    on_time = session.tasks.add(TaskInput(demo, "PAR", "I", "Xong đúng hạn", deadline_text="Trước ngày 01/03/2026"))
    session.tasks.update_progress(on_time, status=DONE, progress=100, completed_on=date(2026, 2, 28))
    gone = session.tasks.add(TaskInput(demo, "PAR", "IV", "Đã xóa", deadline_text="Tháng 3/2026"))
    session.tasks.delete(gone)
    session.tasks.update_progress(late, status=DONE, progress=100, completed_on=date(2026, 8, 1))
    task = next(r.id for r in session.tasks.rows(demo) if r.evidence_count)
    session.evidence.remove(session.evidence.list(task)[0].id)
    return demo


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_the_overview_counts_what_the_task_rules_say(session, busy_demo, today):
    counts, overdue, soon = _expected(session, busy_demo, today)
    overview = session.overview.build(busy_demo, today)
    assert any(r.framework == "PAPI" for r in session.tasks.rows(busy_demo))
    for item in overview.domains:
        want = counts.get((item.domain.framework, item.domain.code))
        if want is None:
            assert item.total == 0
            continue
        assert (item.counts, item.overdue, item.finished_late, item.evidence) == (
            want["counts"], want["overdue"], want["late"], want["evidence"])
    assert [r.id for r in overview.overdue] == overdue
    assert [(r.id, when) for r, when in overview.due_soon] == soon


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_the_screen_reads_the_first_rows_and_counts_them_all(session, busy_demo, today):
    _, overdue, soon = _expected(session, busy_demo, today)
    for limit in (0, 1, 3):
        shown = session.overview.overdue(busy_demo, today, limit=limit)
        assert shown.total == len(overdue) and [r.id for r in shown.rows] == overdue[:limit]
        assert shown.dates == [r.due_on for r in shown.rows]
        upcoming = session.overview.due_soon(busy_demo, today, limit=limit)
        assert upcoming.total == len(soon) and list(zip([r.id for r in upcoming.rows], upcoming.dates)) == soon[:limit]


def test_the_overdue_list_of_some_lead_units(session, busy_demo):
    today = date(2026, 11, 25)
    rows = [r for r in session.tasks.rows(busy_demo) if r.is_overdue(today)]
    rows.sort(key=lambda r: (r.due_on, r.framework, r.domain_code, r.position))
    units = sorted({u.id for r in rows for u in r.leads})
    assert any(not r.leads for r in rows) and len(units) >= 2
    for wanted in ((units[0],), (units[1], None), (None,), (units[0], units[1]), ()):
        expected = [r.id for r in rows if {u.id for u in r.leads} & set(wanted) or (None in wanted and not r.leads)]
        shown = session.overview.overdue(busy_demo, today, limit=2, units=wanted)
        assert shown.total == len(expected) and [r.id for r in shown.rows] == expected[:2]


def test_tasks_read_by_id_keep_the_order_asked(session, demo):
    ids = [r.id for r in session.tasks.rows(demo)]
    wanted = ids[::-3] + [10 ** 9]        # an id with no task is left out
    assert [r.id for r in session.tasks.by_ids(wanted)] == ids[::-3]
    assert session.tasks.by_ids([]) == []
    assert session.tasks.by_ids(ids) == session.tasks.rows(demo)
