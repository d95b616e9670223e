"""Issue 18.3: every date rule at its boundary. "Today" on a due date, the day before and the day after;
quarter, half-year and year ends; 29 February; a completion exactly on a period's cut-off; the recurring
duties ("Hằng quý" at each quarter's end, "6 tháng một lần"). Each case names the exact day on each side of
the rule, so turning a ``<`` into ``<=`` (or back) fails one of them."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from cchc_desktop.deadlines import parse_deadline
from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import year_problem
from cchc_desktop.model import DONE, IN_PROGRESS, NOT_STARTED, SUSPENDED, PlanInput, TaskInput
from cchc_desktop.reports.facts import LOOKAHEAD_DAYS, gather
from cchc_desktop.services.history import rows_as_of
from cchc_desktop.services.overview import DUE_SOON_DAYS
from cchc_desktop.workspace import Clock


def _on(session, day: date):
    session.clock = Clock(day)
    session.profile.invalidate()


def _plan(session, year: int = 2026) -> int:
    return session.plans.create(PlanInput(f"Kế hoạch CCHC năm {year}", year, "CCHC", "1/KH-UBND",
                                          date(year, 1, 5)))


def _task(session, plan: int, deadline: str, name: str = "Nhiệm vụ", domain: str = "III") -> int:
    return session.tasks.add(TaskInput(plan, "PAR", domain, name, deadline_text=deadline))


def _seen(session, plan: int, today: date):
    """(overdue ids, {due-soon id: date}, overdue count per domain, finished-late count) on ``today``."""
    overview = session.overview.build(plan, today)
    return ([r.id for r in overview.overdue], {r.id: when for r, when in overview.due_soon},
            session.overview.overdue_counts(plan, today), overview.totals.finished_late)


# ---------------------------------------------------------------------------- overdue, due soon, finished late

DUE = date(2026, 11, 25)


@pytest.mark.parametrize(("today", "overdue", "days", "label"), [
    (DUE - timedelta(days=1), False, 0, "Chưa triển khai"),
    (DUE, False, 0, "Chưa triển khai"),
    (DUE + timedelta(days=1), True, 1, "Chưa triển khai — quá hạn 1 ngày"),
])
def test_a_task_is_overdue_only_from_the_day_after_its_due_date(session, today, overdue, days, label):
    plan = _plan(session)
    task = _task(session, plan, "Ngày 25/11/2026")
    row = session.tasks.row(task)
    assert row.due_on == DUE
    assert row.is_overdue(today) is overdue and row.days_overdue(today) == days
    assert row.state_label(today) == label
    late, soon, counts, _ = _seen(session, plan, today)
    assert late == ([task] if overdue else [])
    assert counts == ({("PAR", "III"): 1} if overdue else {})
    assert session.overview.build(plan, today).totals.overdue == int(overdue)     # the table of counts
    # not yet overdue: it is due soon, on its own date
    assert soon == ({} if overdue else {task: DUE})


@pytest.mark.parametrize("status", [NOT_STARTED, IN_PROGRESS])
def test_an_open_task_past_its_due_date_is_overdue_whatever_its_progress(session, status):
    plan = _plan(session)
    task = _task(session, plan, "Ngày 25/11/2026")
    if status == IN_PROGRESS:
        session.tasks.update_progress(task, status=IN_PROGRESS, progress=90)
    late, soon, counts, _ = _seen(session, plan, DUE + timedelta(days=1))
    assert late == [task] and counts == {("PAR", "III"): 1} and soon == {}


@pytest.mark.parametrize("status", [DONE, SUSPENDED])
def test_a_done_or_suspended_task_is_never_overdue_nor_due_soon(session, status):
    plan = _plan(session)
    task = _task(session, plan, "Ngày 20/11/2026")
    session.tasks.update_progress(task, status=status, progress=100 if status == DONE else 0,
                                  completed_on=date(2026, 11, 1) if status == DONE else None,
                                  reason="Cấp trên dừng triển khai" if status == SUSPENDED else "")
    for today in (date(2026, 11, 15), date(2026, 11, 21)):
        late, soon, counts, _ = _seen(session, plan, today)
        assert (late, soon, counts) == ([], {}, {})
        assert not session.tasks.row(task).is_overdue(today)


def test_due_soon_reaches_exactly_fourteen_days_ahead(session):
    plan = _plan(session)
    today = date(2026, 11, 25)
    edge = _task(session, plan, "Ngày 09/12/2026", "Hạn đúng 14 ngày nữa")
    beyond = _task(session, plan, "Ngày 10/12/2026", "Hạn 15 ngày nữa")
    assert DUE_SOON_DAYS == 14 and (date(2026, 12, 9) - today).days == 14
    _late, soon, _counts, _ = _seen(session, plan, today)
    assert soon == {edge: date(2026, 12, 9)}
    assert beyond not in soon


@pytest.mark.parametrize(("completed", "late", "label"), [
    (date(2026, 3, 30), False, "Hoàn thành"),
    (date(2026, 3, 31), False, "Hoàn thành"),
    (date(2026, 4, 1), True, "Hoàn thành (muộn 1 ngày)"),
])
def test_a_task_finished_on_its_due_date_is_not_late(session, completed, late, label):
    plan = _plan(session)
    task = _task(session, plan, "Quý I/2026")
    session.tasks.update_progress(task, status=DONE, progress=100, completed_on=completed)
    row = session.tasks.row(task)
    assert row.due_on == date(2026, 3, 31)
    assert row.finished_late is late and row.state_label(date(2026, 11, 25)) == label
    assert _seen(session, plan, date(2026, 11, 25))[3] == int(late)


@pytest.mark.parametrize(("deadline", "due"), [
    ("Quý I/2026", date(2026, 3, 31)),
    ("Quý II/2026", date(2026, 6, 30)),
    ("6 tháng đầu năm 2026", date(2026, 6, 30)),
    ("Quý III/2026", date(2026, 9, 30)),
    ("Quý IV/2026", date(2026, 12, 31)),
    ("Năm 2026", date(2026, 12, 31)),
    ("Cuối năm 2026", date(2026, 12, 31)),
    ("Trước ngày 01/01/2027", date(2026, 12, 31)),
])
def test_period_and_year_ends_are_the_last_day_not_yet_overdue(session, deadline, due):
    plan = _plan(session)
    task = _task(session, plan, deadline)
    row = session.tasks.row(task)
    assert row.due_on == due
    assert not row.is_overdue(due)
    assert row.is_overdue(due + timedelta(days=1)) and row.days_overdue(due + timedelta(days=1)) == 1
    assert _seen(session, plan, due)[0] == []
    assert _seen(session, plan, due + timedelta(days=1))[0] == [task]


def test_29_february_is_a_due_date_and_the_first_of_march_is_a_day_late(session):
    _on(session, date(2028, 1, 10))
    plan = _plan(session, 2028)
    month = _task(session, plan, "Tháng 2/2028", "Cả tháng 2")
    before = _task(session, plan, "Trước ngày 01/03/2028", "Trước ngày 1 tháng 3")
    assert session.tasks.row(month).due_on == session.tasks.row(before).due_on == date(2028, 2, 29)
    assert _seen(session, plan, date(2028, 2, 29))[0] == []
    assert _seen(session, plan, date(2028, 3, 1))[0] == [month, before]
    _on(session, date(2028, 3, 2))
    session.tasks.update_progress(month, status=DONE, progress=100, completed_on=date(2028, 2, 29))
    session.tasks.update_progress(before, status=DONE, progress=100, completed_on=date(2028, 3, 1))
    assert not session.tasks.row(month).finished_late
    assert session.tasks.row(before).state_label(date(2028, 3, 2)) == "Hoàn thành (muộn 1 ngày)"


# ---------------------------------------------------------------------------- reading the dates

@pytest.mark.parametrize(("text", "year", "start", "end"), [
    ("Trước ngày 01/01/2027", 2026, None, date(2026, 12, 31)),
    ("Trước ngày 01/03/2028", 2028, None, date(2028, 2, 29)),
    ("Trước ngày 01/03/2026", 2026, None, date(2026, 2, 28)),
    ("Trước ngày 01/07/2026", 2026, None, date(2026, 6, 30)),
    ("Ngày 29/02/2028", 2028, None, date(2028, 2, 29)),
    ("Cuối tháng 2/2028", 2028, None, date(2028, 2, 29)),
    ("Cuối tháng 2/2026", 2026, None, date(2026, 2, 28)),
    ("Tháng 2/2028", 2028, date(2028, 2, 1), date(2028, 2, 29)),
    ("Tuần cuối tháng 2/2028", 2028, date(2028, 2, 23), date(2028, 2, 29)),
    ("5 ngày cuối tháng 2/2028", 2028, date(2028, 2, 25), date(2028, 2, 29)),
    ("6 tháng đầu năm 2026", 2026, date(2026, 1, 1), date(2026, 6, 30)),
    ("6 tháng cuối năm 2026", 2026, date(2026, 7, 1), date(2026, 12, 31)),
    ("Quý IV", 2026, date(2026, 10, 1), date(2026, 12, 31)),
    ("Tháng 12/2026 - tháng 01/2027", 2026, date(2026, 12, 1), date(2027, 1, 31)),
    ("Ngày 31/12/2100", 2026, None, date(2100, 12, 31)),
])
def test_each_phrase_ends_on_the_exact_last_day(text, year, start, end):
    deadline = parse_deadline(text, year)
    assert deadline.understood and len(deadline.parts) == 1
    part = deadline.parts[0]
    assert (part.kind, part.start, part.end) == ("due" if start is None else "window", start, end)
    assert deadline.due == end


def test_the_description_names_the_last_day_across_month_and_year_ends():
    assert parse_deadline("Trước ngày 01/01/2027", 2026).describe() == "hạn chót 31/12/2026"
    assert parse_deadline("Trước ngày 01/03/2028", 2028).describe() == "hạn chót 29/02/2028"
    assert parse_deadline("6 tháng cuối năm 2026", 2026).describe() == "từ 01/07/2026 đến 31/12/2026"
    assert parse_deadline("6 tháng một lần", 2026).describe() == "6 tháng một lần"
    assert parse_deadline("Hằng quý", 2026).describe() == "Hằng quý"


@pytest.mark.parametrize("text", ["Ngày 01/01/2101", "Ngày 29/02/2026", "Ngày 29/02/2100"])
def test_a_day_past_the_edge_is_never_a_due_date(text):
    assert parse_deadline(text, 2026).due is None and not parse_deadline(text, 2026).understood


def test_the_day_before_the_first_day_of_2000_is_outside_the_years_the_program_accepts():
    """Found by this test: "Trước ngày 01/01/2000" read as due 31/12/1999, a date the program refuses
    everywhere else (README: "Năm hợp lệ")."""
    deadline = parse_deadline("Trước ngày 01/01/2000", 2026)
    assert deadline.due is None and not deadline.understood
    assert "năm 1999 nằm ngoài khoảng 2000–2100" in deadline.describe()
    assert parse_deadline("Trước ngày 02/01/2000", 2026).due == date(2000, 1, 1)


# ---------------------------------------------------------------------------- recurring duties

QUARTER_ENDS = [date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30), date(2026, 12, 31)]


@pytest.mark.parametrize("end", QUARTER_ENDS, ids=[f"Q{n}" for n in range(1, 5)])
def test_hang_quy_falls_due_at_each_quarters_end(end):
    deadline = parse_deadline("Hằng quý", 2026)
    following = {date(2026, 3, 31): date(2026, 6, 30), date(2026, 6, 30): date(2026, 9, 30),
                 date(2026, 9, 30): date(2026, 12, 31), date(2026, 12, 31): date(2027, 3, 31)}[end]
    assert deadline.next_due(end.replace(day=1)) == end        # the quarter's last month
    assert deadline.next_due(end) == end                       # its last day: due today
    assert deadline.next_due(end + timedelta(days=1)) == following


@pytest.mark.parametrize("text", ["6 tháng một lần", "Định kỳ 6 tháng một lần", "6 tháng/lần", "Định kỳ 6 tháng"])
def test_every_six_months_falls_due_on_30_june_and_31_december(text):
    deadline = parse_deadline(text, 2026)
    assert deadline.understood and [p.frequency for p in deadline.parts] == ["half_yearly"]
    assert deadline.next_due(date(2026, 1, 1)) == date(2026, 6, 30)
    assert deadline.next_due(date(2026, 6, 30)) == date(2026, 6, 30)
    assert deadline.next_due(date(2026, 7, 1)) == date(2026, 12, 31)
    assert deadline.next_due(date(2026, 12, 31)) == date(2026, 12, 31)
    assert deadline.next_due(date(2027, 1, 1)) == date(2027, 6, 30)


def test_the_reporting_periods_fall_due_at_their_ends():
    deadline = parse_deadline("6 tháng, 1 năm", 2026)
    assert deadline.next_due(date(2026, 6, 30)) == date(2026, 6, 30)
    assert deadline.next_due(date(2026, 7, 1)) == date(2026, 12, 31)
    assert deadline.next_due(date(2026, 12, 31)) == date(2026, 12, 31)
    assert deadline.next_due(date(2027, 1, 1)) == date(2027, 6, 30)


def test_a_day_of_the_quarters_last_month_is_due_that_day_and_then_next_quarter():
    deadline = parse_deadline("Chậm nhất ngày 20 của tháng cuối quý", 2026)
    assert deadline.next_due(date(2026, 3, 19)) == date(2026, 3, 20)
    assert deadline.next_due(date(2026, 3, 20)) == date(2026, 3, 20)
    assert deadline.next_due(date(2026, 3, 21)) == date(2026, 6, 20)
    assert deadline.next_due(date(2026, 12, 20)) == date(2026, 12, 20)
    assert deadline.next_due(date(2026, 12, 21)) == date(2027, 3, 20)    # over the year's end
    before = parse_deadline("Trước ngày 15 tháng cuối quý", 2026)
    assert before.next_due(date(2026, 6, 14)) == date(2026, 6, 14)
    assert before.next_due(date(2026, 6, 15)) == date(2026, 9, 14)


def test_a_monthly_day_31_is_the_months_last_day_29_february_in_a_leap_year():
    deadline = parse_deadline("Ngày 31 hằng tháng", 2028)
    assert deadline.next_due(date(2028, 2, 1)) == date(2028, 2, 29)
    assert deadline.next_due(date(2028, 2, 29)) == date(2028, 2, 29)
    assert deadline.next_due(date(2028, 3, 1)) == date(2028, 3, 31)
    assert deadline.next_due(date(2026, 2, 28)) == date(2026, 2, 28)
    assert deadline.next_due(date(2026, 4, 30)) == date(2026, 4, 30)     # a 30-day month
    assert deadline.next_due(date(2026, 12, 31)) == date(2026, 12, 31)
    monthly = parse_deadline("Hằng tháng", 2028)
    assert monthly.next_due(date(2028, 2, 29)) == date(2028, 2, 29)
    assert monthly.next_due(date(2028, 3, 1)) == date(2028, 3, 31)


def test_a_yearly_29_february_falls_on_28_february_in_other_years():
    deadline = parse_deadline("Ngày 29/02 hằng năm", 2028)
    assert deadline.next_due(date(2028, 2, 29)) == date(2028, 2, 29)
    assert deadline.next_due(date(2028, 3, 1)) == date(2029, 2, 28)
    assert deadline.next_due(date(2029, 2, 28)) == date(2029, 2, 28)
    assert deadline.next_due(date(2029, 3, 1)) == date(2030, 2, 28)
    assert deadline.next_due(date(2031, 3, 1)) == date(2032, 2, 29)


def test_a_yearly_date_is_due_that_day_and_then_a_year_later():
    deadline = parse_deadline("Trước ngày 05/01 hằng năm", 2026)
    assert deadline.next_due(date(2026, 1, 4)) == date(2026, 1, 4)
    assert deadline.next_due(date(2026, 1, 5)) == date(2027, 1, 4)
    yearly = parse_deadline("Hằng năm", 2026)
    assert yearly.next_due(date(2026, 12, 31)) == date(2026, 12, 31)
    assert yearly.next_due(date(2027, 1, 1)) == date(2027, 12, 31)


def test_a_weekly_duty_is_due_on_the_weeks_sunday():
    deadline = parse_deadline("Hằng tuần", 2026)
    assert deadline.next_due(date(2026, 11, 22)) == date(2026, 11, 22)     # a Sunday
    assert deadline.next_due(date(2026, 11, 23)) == date(2026, 11, 29)     # the Monday after
    assert deadline.next_due(date(2026, 12, 28)) == date(2027, 1, 3)       # over the year's end


def test_a_dated_part_is_next_due_on_its_last_day_and_no_more_after_it():
    deadline = parse_deadline("Quý I/2026", 2026)
    assert deadline.next_due(date(2026, 3, 31)) == date(2026, 3, 31)
    assert deadline.next_due(date(2026, 4, 1)) is None


def test_a_recurring_duty_is_due_soon_on_its_day_and_not_overdue(session):
    """ "Hằng quý" on 31/03: due today (in the due-soon list), never overdue (it has no fixed due date)."""
    plan = _plan(session)
    quarterly = _task(session, plan, "Hằng quý", "Báo cáo quý")
    half = _task(session, plan, "6 tháng một lần", "Báo cáo 6 tháng")
    for end in QUARTER_ENDS:
        late, soon, _counts, _ = _seen(session, plan, end)
        expected = {quarterly: end}
        if end.month in (6, 12):
            expected[half] = end
        assert late == [] and soon == expected
    # from 1 July "6 tháng một lần" is next due on 31 December: beyond the fourteen days
    late, soon, _counts, _ = _seen(session, plan, date(2026, 7, 1))
    assert soon == {}


# ---------------------------------------------------------------------------- the cut-off of a period

@pytest.fixture
def calendar_plan(session):
    """BNV calendar: H1 cut-off 14/06, Q3 from 15/06 to 14/09. Three tasks due in Quý III."""
    _on(session, date(2026, 1, 10))
    plan = _plan(session)
    ids = [_task(session, plan, "Quý III/2026", f"Nhiệm vụ {n}") for n in (1, 2, 3)]
    session.periods.apply_preset(2026, "bnv")
    return plan, ids


def test_a_task_finished_on_the_cut_off_belongs_to_that_period(session, calendar_plan):
    plan, (on_cutoff, day_after, _open) = calendar_plan
    h1, q3 = session.periods.by_key("2026-H1"), session.periods.by_key("2026-Q3")
    assert (h1.end_on, q3.start_on) == (date(2026, 6, 14), date(2026, 6, 15))
    _on(session, date(2026, 6, 14))
    session.tasks.update_progress(on_cutoff, status=DONE, progress=100, completed_on=date(2026, 6, 14))
    _on(session, date(2026, 6, 15))
    session.tasks.update_progress(day_after, status=DONE, progress=100, completed_on=date(2026, 6, 15))
    _on(session, date(2026, 11, 25))
    assert session.statistics.form(h1).cells["I.2.2"].value == 1
    assert session.statistics.form(q3).cells["I.2.2"].value == 2
    in_h1 = session.reports.context(plan, "periodic", h1.id).scope_facts(None)
    in_q3 = session.reports.context(plan, "periodic", q3.id).scope_facts(None)
    assert [r.id for r in in_h1.done_in_period] == [on_cutoff]
    assert in_h1.done == 1 and in_h1.in_progress == 0 and in_h1.not_started == 2
    # Q3 starts the day after: the task done on H1's cut-off is not "done in the period" again
    assert [r.id for r in in_q3.done_in_period] == [day_after]
    assert in_q3.done == 2


def test_a_completion_recorded_later_but_dated_on_the_cut_off_counts_at_the_cut_off(session, calendar_plan):
    plan, (task, _b, _c) = calendar_plan
    h1 = session.periods.by_key("2026-H1")
    _on(session, date(2026, 6, 20))      # the officer writes it down a week later
    session.tasks.update_progress(task, status=DONE, progress=100, completed_on=date(2026, 6, 14))
    _on(session, date(2026, 11, 25))
    assert session.statistics.form(h1).cells["I.2.2"].value == 1
    then = {r.id: r for r in rows_as_of(session, session.tasks.rows(plan), h1.end_on)}
    assert then[task].status == DONE and then[task].completed_on == date(2026, 6, 14)
    day_before = {r.id: r for r in rows_as_of(session, session.tasks.rows(plan), date(2026, 6, 13))}
    assert day_before[task].status == NOT_STARTED and day_before[task].completed_on is None


def test_a_task_finished_on_the_cut_off_and_reopened_after_it_was_done_at_the_cut_off(session, calendar_plan):
    plan, (task, _b, _c) = calendar_plan
    h1 = session.periods.by_key("2026-H1")
    _on(session, date(2026, 6, 14))
    session.tasks.update_progress(task, status=DONE, progress=100, completed_on=date(2026, 6, 14))
    _on(session, date(2026, 6, 20))
    session.tasks.update_progress(task, status=IN_PROGRESS, progress=70, result="Phải làm lại")
    _on(session, date(2026, 11, 25))
    then = {r.id: r for r in rows_as_of(session, session.tasks.rows(plan), h1.end_on)}[task]
    assert (then.status, then.completed_on, then.progress) == (DONE, date(2026, 6, 14), 100)
    assert session.statistics.form(h1).cells["I.2.2"].value == 1


def test_a_change_made_on_the_cut_off_day_counts_and_one_made_the_day_after_does_not(session, calendar_plan):
    plan, (task, _b, _c) = calendar_plan
    cutoff = date(2026, 6, 14)
    _on(session, cutoff)
    session.tasks.update_progress(task, status=IN_PROGRESS, progress=60, result="Đạt 60 % vào ngày chốt")
    _on(session, cutoff + timedelta(days=1))
    session.tasks.update_progress(task, status=IN_PROGRESS, progress=80, result="Đạt 80 % sau ngày chốt")
    then = {r.id: r for r in rows_as_of(session, session.tasks.rows(plan), cutoff)}[task]
    assert (then.status, then.progress, then.result) == (IN_PROGRESS, 60, "Đạt 60 % vào ngày chốt")
    before = {r.id: r for r in rows_as_of(session, session.tasks.rows(plan), cutoff - timedelta(days=1))}[task]
    assert (before.status, before.progress, before.result) == (NOT_STARTED, 0, "")


def test_evidence_at_the_cut_off_holds_files_added_that_day_and_files_removed_after_it(session, calendar_plan,
                                                                                       tmp_path):
    """Attached on the cut-off day: counted; the day after: not. Removed on the cut-off day: gone; removed
    the day after: still there at the cut-off — in the count and in the lists the report prints (found by
    this test: a file removed after the cut-off was missing from the period's Phụ lục I and from the
    evidence list "tính đến ngày", though it was counted)."""
    plan, (task, _b, _c) = calendar_plan
    cutoff = date(2026, 6, 14)
    files = []
    for name in ("01-QĐ-UBND.pdf", "02-QĐ-UBND.pdf", "03-QĐ-UBND.pdf", "04-QĐ-UBND.pdf"):
        path = tmp_path / name
        path.write_bytes(b"%PDF-1.4 " + name.encode())
        files.append(path)
    _on(session, cutoff - timedelta(days=3))
    session.evidence.attach(task, files[:2])
    removed_on_cutoff, removed_after = [e.id for e in session.evidence.list(task)]
    _on(session, cutoff)
    session.evidence.attach(task, [files[2]])
    session.evidence.remove(removed_on_cutoff)
    _on(session, cutoff + timedelta(days=1))
    session.evidence.attach(task, [files[3]])
    session.evidence.remove(removed_after)
    _on(session, date(2026, 11, 25))
    then = {r.id: r for r in rows_as_of(session, session.tasks.rows(plan), cutoff)}
    assert then[task].evidence_count == 2             # 02 (removed after) and 03 (added on the cut-off)
    day_before = {r.id: r for r in rows_as_of(session, session.tasks.rows(plan), cutoff - timedelta(days=1))}
    assert day_before[task].evidence_count == 2       # 01 and 02
    h1 = session.periods.by_key("2026-H1")
    listed = session.reports.context(plan, "periodic", h1.id).evidence.get(task, [])
    assert sorted(e.file_name for e in listed) == ["02-QĐ-UBND.pdf", "03-QĐ-UBND.pdf"]
    as_of = session.reports.context(plan, "evidence", None, as_of=cutoff).evidence.get(task, [])
    assert sorted(e.file_name for e in as_of) == ["02-QĐ-UBND.pdf", "03-QĐ-UBND.pdf"]


def test_a_task_due_on_the_cut_off_is_due_but_not_yet_overdue_in_the_report(session, calendar_plan):
    plan, _ids = calendar_plan
    on_cutoff = _task(session, plan, "Ngày 14/06/2026", "Hạn đúng ngày chốt")
    day_before = _task(session, plan, "Ngày 13/06/2026", "Hạn trước ngày chốt một ngày")
    day_after = _task(session, plan, "Ngày 15/06/2026", "Hạn sau ngày chốt một ngày")
    _on(session, date(2026, 11, 25))
    h1 = session.periods.by_key("2026-H1")
    facts = session.reports.context(plan, "periodic", h1.id).scope_facts(None)
    assert [r.id for r in facts.overdue_rows] == [day_before] and facts.overdue == 1
    assert facts.due == 2 and facts.due_done == 0          # due on or before the cut-off: 13/06 and 14/06
    upcoming = {r.id: when for r, when in facts.upcoming}
    assert upcoming[on_cutoff] == date(2026, 6, 14) and upcoming[day_after] == date(2026, 6, 15)
    assert day_before not in upcoming


def test_the_next_period_looks_exactly_ninety_two_days_ahead(session):
    plan = _plan(session)
    as_of = date(2026, 3, 14)
    edge = _task(session, plan, "Ngày 14/06/2026", "Hạn đúng 92 ngày sau")
    beyond = _task(session, plan, "Ngày 15/06/2026", "Hạn 93 ngày sau")
    assert LOOKAHEAD_DAYS == 92 and (date(2026, 6, 14) - as_of).days == 92
    facts = gather(session.tasks.rows(plan), date(2025, 12, 15), as_of)[None]
    assert [(r.id, when) for r, when in facts.upcoming] == [(edge, date(2026, 6, 14))]
    assert beyond not in [r.id for r, _ in facts.upcoming]


def test_a_task_finished_on_the_periods_first_day_is_done_in_the_period(session):
    plan = _plan(session)
    start, end = date(2026, 6, 15), date(2026, 9, 14)
    first_day = _task(session, plan, "Quý III/2026", "Xong ngày đầu kỳ")
    day_before = _task(session, plan, "Quý III/2026", "Xong trước kỳ một ngày")
    _on(session, date(2026, 7, 1))
    session.tasks.update_progress(first_day, status=DONE, progress=100, completed_on=start)
    session.tasks.update_progress(day_before, status=DONE, progress=100, completed_on=start - timedelta(days=1))
    facts = gather(session.tasks.rows(plan), start, end)[None]
    assert [r.id for r in facts.done_in_period] == [first_day] and facts.done == 2


def test_a_periods_report_is_as_of_today_until_its_cut_off_and_the_cut_off_after(session, calendar_plan):
    plan, _ids = calendar_plan
    h1 = session.periods.by_key("2026-H1")
    for today, as_of in ((date(2026, 6, 13), date(2026, 6, 13)), (date(2026, 6, 14), date(2026, 6, 14)),
                         (date(2026, 6, 15), date(2026, 6, 14))):
        _on(session, today)
        assert session.reports.context(plan, "periodic", h1.id).as_of == as_of


def test_a_list_as_of_today_is_allowed_and_as_of_tomorrow_refused(session, calendar_plan):
    plan, _ids = calendar_plan
    _on(session, date(2026, 11, 25))
    assert session.reports.context(plan, "tasks", None, as_of=date(2026, 11, 25)).as_of == date(2026, 11, 25)
    with pytest.raises(ValidationError, match="Ngày 26/11/2026 chưa tới"):
        session.reports.context(plan, "tasks", None, as_of=date(2026, 11, 26))


# ---------------------------------------------------------------------------- the reporting calendar

def test_the_report_reminder_starts_seven_days_before_and_stops_thirty_days_after(session):
    session.periods.apply_preset(2026, "bnv")
    h1 = session.periods.by_key("2026-H1")
    assert h1.due_on == date(2026, 6, 15)
    due_soon = {day: [p.key for p in session.periods.due_soon(day)] for day in (
        date(2026, 6, 7), date(2026, 6, 8), date(2026, 6, 15), date(2026, 7, 15), date(2026, 7, 16))}
    assert "2026-H1" not in due_soon[date(2026, 6, 7)]          # 8 days ahead
    assert "2026-H1" in due_soon[date(2026, 6, 8)]              # 7 days ahead
    assert "2026-H1" in due_soon[date(2026, 6, 15)]             # due today
    assert "2026-H1" in due_soon[date(2026, 7, 15)]             # 30 days late
    assert "2026-H1" not in due_soon[date(2026, 7, 16)]         # 31 days late


def test_the_current_period_stays_thirty_days_past_its_due_date(session):
    session.periods.apply_preset(2026, "bnv")
    assert session.periods.current(date(2026, 7, 15)).key == "2026-H1"
    assert session.periods.current(date(2026, 7, 16)).key == "2026-Q3"


def test_a_period_may_end_on_its_due_date_but_not_after_it(session):
    session.periods.apply_preset(2026, "bnv")
    q1 = session.periods.by_key("2026-Q1")
    session.periods.update(q1.id, q1.start_on, date(2026, 3, 15), date(2026, 3, 15))
    assert session.periods.get(q1.id).end_on == date(2026, 3, 15)
    with pytest.raises(ValidationError, match=r"Hạn gửi báo cáo \(15/03/2026\) trước ngày chốt số liệu \(16/03/2026\)"):
        session.periods.update(q1.id, q1.start_on, date(2026, 3, 16), date(2026, 3, 15))
    session.periods.update(q1.id, date(2026, 3, 15), date(2026, 3, 15), date(2026, 3, 15))   # a one-day window
    with pytest.raises(ValidationError, match=r"Ngày bắt đầu chốt số liệu \(16/03/2026\) sau ngày kết thúc"):
        session.periods.update(q1.id, date(2026, 3, 16), date(2026, 3, 15), date(2026, 3, 15))


# ---------------------------------------------------------------------------- the years the program accepts

@pytest.mark.parametrize(("day", "refused"), [
    (date(1999, 12, 31), True), (date(2000, 1, 1), False), (date(2100, 12, 31), False), (date(2101, 1, 1), True)])
def test_dates_from_2000_to_2100_are_accepted_and_the_days_beyond_refused(day, refused):
    problem = year_problem(day, "Ngày hoàn thành")
    if refused:
        assert problem == (f"Ngày hoàn thành: ngày {day:%d/%m/%Y} có năm {day.year}, nằm ngoài khoảng "
                           "2000–2100: hãy kiểm tra lại năm.")
    else:
        assert problem is None


def test_a_completion_today_is_accepted_and_tomorrow_refused(session):
    plan = _plan(session)
    task = _task(session, plan, "Quý IV/2026")
    with pytest.raises(ValidationError, match="Ngày hoàn thành 26/11/2026 còn ở tương lai"):
        session.tasks.update_progress(task, status=DONE, progress=100, completed_on=date(2026, 11, 26))
    session.tasks.update_progress(task, status=DONE, progress=100, completed_on=date(2026, 11, 25))
    assert session.tasks.row(task).completed_on == date(2026, 11, 25)


def test_a_completion_in_the_year_before_the_plan_is_accepted_but_not_two_years_before(session):
    plan = _plan(session)
    task = _task(session, plan, "Quý I/2026")
    with pytest.raises(ValidationError, match="Ngày hoàn thành 31/12/2024 trước cả năm kế hoạch 2026"):
        session.tasks.update_progress(task, status=DONE, progress=100, completed_on=date(2024, 12, 31))
    session.tasks.update_progress(task, status=DONE, progress=100, completed_on=date(2025, 1, 1))
    assert session.tasks.row(task).completed_on == date(2025, 1, 1)
