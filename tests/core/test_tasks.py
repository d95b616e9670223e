"""Plans and tasks: validation in Vietnamese, sub-tasks, the bin, history, overdue and late."""
from __future__ import annotations

from datetime import date

import pytest

from cchc_desktop.errors import NotFound, ValidationError
from cchc_desktop.model import DONE, IN_PROGRESS, NOT_STARTED, SUSPENDED, PlanInput, TaskInput
from tests.conftest import TODAY


def add(session, plan_id, name="Nhiệm vụ", **kw) -> int:
    kw.setdefault("framework", "PAR")
    kw.setdefault("domain_code", "III")
    return session.tasks.add(TaskInput(plan_id, name=name, **kw))


def test_plan_validation_messages(session):
    with pytest.raises(ValidationError, match="Chưa nhập tên kế hoạch"):
        session.plans.create(PlanInput("  ", 2026))
    with pytest.raises(ValidationError, match="không đúng dạng"):
        session.plans.create(PlanInput("KH", 2026, number="KH 235"))
    with pytest.raises(ValidationError, match="cách quá xa"):
        session.plans.create(PlanInput("KH", 2026, issued_on=date(2019, 1, 1)))
    plan_id = session.plans.create(PlanInput("  KH   CCHC ", 2026, number="235 / kh-ubnd"))
    plan = session.plans.get(plan_id)
    assert (plan.title, plan.number) == ("KH CCHC", "235/KH-UBND")
    assert session.one("SELECT count(*) FROM plans")[0] == 1


def test_many_years_in_one_database(session):
    a = session.plans.create(PlanInput("KH 2025", 2025))
    b = session.plans.create(PlanInput("KH 2026", 2026))
    assert session.plans.years() == [2026, 2025]
    assert [p.id for p in session.plans.list(2025)] == [a]
    session.plans.delete(b)
    assert session.plans.years() == [2025]
    session.plans.restore(b)
    assert {p.id for p in session.plans.list()} == {a, b}


def test_codes_are_numbered_and_subtasks_follow_parent(session, plan_id):
    first = add(session, plan_id, "A")
    second = add(session, plan_id, "B")
    sub = add(session, plan_id, "B.1", parent_id=second, domain_code="I")
    sub2 = add(session, plan_id, "B.2", parent_id=second)
    rows = {r.id: r for r in session.tasks.rows(plan_id)}
    assert [rows[i].code for i in (first, second, sub, sub2)] == ["1", "2", "2.1", "2.2"]
    assert rows[sub].domain_code == "III"  # a sub-task lives in its parent's domain
    with pytest.raises(ValidationError, match="STT 1 đã có"):
        add(session, plan_id, "trùng", code="1")
    with pytest.raises(ValidationError, match="con của chính nó"):
        data = session.tasks.input_for(second)
        data.parent_id = sub
        session.tasks.update(second, data)


def test_moving_a_parent_moves_its_subtasks(session, plan_id):
    parent = add(session, plan_id, "Cha")
    child = add(session, plan_id, "Con", parent_id=parent)
    data = session.tasks.input_for(parent)
    data.domain_code = "VII"
    session.tasks.update(parent, data)
    assert session.tasks.row(child).domain_code == "VII"


def test_status_rules(session, plan_id):
    task = add(session, plan_id, deadline_text="Quý I/2026")
    with pytest.raises(ValidationError, match="lý do"):
        session.tasks.update_progress(task, status=SUSPENDED, progress=0)
    with pytest.raises(ValidationError, match="phải là 0%"):
        session.tasks.update_progress(task, status=NOT_STARTED, progress=10)
    with pytest.raises(ValidationError, match="tương lai"):
        session.tasks.update_progress(task, status=DONE, progress=100, completed_on=date(2026, 12, 30))
    with pytest.raises(ValidationError, match="từ 0 đến 100"):
        session.tasks.update_progress(task, status=IN_PROGRESS, progress=140)
    session.tasks.update_progress(task, status=DONE, progress=40, completed_on=date(2026, 4, 2))
    row = session.tasks.row(task)
    assert (row.status, row.progress, row.completed_on) == (DONE, 100, date(2026, 4, 2))
    assert row.finished_late and row.state_label(TODAY) == "Hoàn thành (muộn 2 ngày)"
    session.tasks.update_progress(task, status=IN_PROGRESS, progress=50)
    assert session.tasks.row(task).completed_on is None


def test_overdue_and_due_soon(session, plan_id):
    late = add(session, plan_id, "Quá hạn", deadline_text="Trước ngày 01/11/2026")
    soon = add(session, plan_id, "Sắp đến hạn", deadline_text="Trước ngày 05/12/2026")
    done = add(session, plan_id, "Xong", deadline_text="Quý I/2026")
    session.tasks.update_progress(done, status=DONE, progress=100, completed_on=date(2026, 3, 1))
    add(session, plan_id, "Không hạn", deadline_text="Theo hướng dẫn của Sở Nội vụ")
    overview = session.overview.build(plan_id, TODAY)
    assert [r.id for r in overview.overdue] == [late]
    assert [r.id for r, _ in overview.due_soon] == [soon]
    assert session.tasks.row(late).state_label(TODAY) == "Chưa triển khai — quá hạn 25 ngày"
    totals = overview.totals
    assert (totals.total, totals.counts[DONE], totals.overdue) == (4, 1, 1)


def test_delete_to_bin_and_restore_with_subtasks(session, plan_id):
    parent = add(session, plan_id, "Cha")
    child = add(session, plan_id, "Con", parent_id=parent)
    assert session.tasks.delete(parent) == 2
    assert session.tasks.rows(plan_id) == []
    with pytest.raises(ValidationError, match="Nhiệm vụ cha"):
        session.tasks.restore(child)
    assert session.tasks.restore(parent) == 2
    assert {r.id for r in session.tasks.rows(plan_id)} == {parent, child}
    with pytest.raises(NotFound, match=f"Nhiệm vụ số {parent} không có trong thùng rác"):
        session.tasks.restore(parent)


def test_every_change_is_in_the_history(session, plan_id):
    unit = session.units.matcher().match("TTPVHCC")
    task = add(session, plan_id, "Công khai TTHC", lead_ids=[unit.id])
    data = session.tasks.input_for(task)
    data.name = "Công khai TTHC đầy đủ"
    data.deadline_text = "Thường xuyên"
    session.tasks.update(task, data)
    session.tasks.update_progress(task, status=IN_PROGRESS, progress=30, result="Đã niêm yết")
    entries = session.tasks.history(task)
    changes = {(e.field, e.old_value, e.new_value) for e in entries}
    assert ("name", "Công khai TTHC", "Công khai TTHC đầy đủ") in changes
    assert ("status", NOT_STARTED, IN_PROGRESS) in changes
    assert ("progress", "0", "30") in changes
    assert all(e.officer for e in entries) and all(e.at.startswith("2026-11-25") for e in entries)


def test_failed_write_leaves_nothing(session, plan_id, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("mất điện giả lập")
    monkeypatch.setattr(type(session.tasks), "_write_units", broken)
    with pytest.raises(RuntimeError, match="mất điện giả lập"):
        add(session, plan_id, "Sẽ không được lưu")
    assert session.one("SELECT count(*) FROM tasks")[0] == 0
    assert session.one("SELECT count(*) FROM audit_log WHERE entity = 'task'")[0] == 0


def test_year_change_recomputes_due_dates(session, plan_id):
    task = add(session, plan_id, deadline_text="Quý II")
    assert session.tasks.row(task).due_on == date(2026, 6, 30)
    plan = session.plans.get(plan_id)
    session.plans.update(plan_id, PlanInput(plan.title, 2027, plan.kind, plan.number, None))
    assert session.tasks.row(task).due_on == date(2027, 6, 30)
