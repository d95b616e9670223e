"""Tasks and the overview at their edges: the codes next_code picks, what a row holds (units, flags, deleted ones),
what update/delete/restore write to the audit trail and refuse, and the overview's exact figures."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from cchc_desktop.errors import NotFound, ValidationError
from cchc_desktop.model import (DONE, IN_PROGRESS, NOT_STARTED, STATUSES, SUSPENDED, Domain, PlanInput, TaskInput,
                                Unit)
from cchc_desktop.services.overview import DomainSummary, totals
from tests.conftest import TODAY

KT = ("Phòng Kinh tế", "KT", "unit")
CA = ("Công an xã", "CA", "unit")
VHXH = ("Phòng Văn hóa - Xã hội", "VHXH", "unit")
GROUP = ("Các phòng, ban chuyên môn", "", "group")

PAR_DOMAINS = [
    ("PAR", "I", "Công tác chỉ đạo, điều hành cải cách hành chính", "Chỉ đạo, điều hành", 1),
    ("PAR", "II", "Cải cách thể chế", "Thể chế", 2),
    ("PAR", "III", "Cải cách thủ tục hành chính", "Thủ tục hành chính", 3),
    ("PAR", "IV", "Cải cách tổ chức bộ máy hành chính nhà nước", "Tổ chức bộ máy", 4),
    ("PAR", "V", "Cải cách chế độ công vụ", "Chế độ công vụ", 5),
    ("PAR", "VI", "Cải cách tài chính công", "Tài chính công", 6),
    ("PAR", "VII", "Xây dựng và phát triển chính quyền điện tử, chính quyền số", "Chính quyền số", 7),
    ("PAR", "VIII", "Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội",
     "Tác động của CCHC", 8),
]
PAPI_DOMAINS = [
    ("PAPI", "I", "Tham gia của người dân ở cấp cơ sở", "Tham gia của người dân", 1),
    ("PAPI", "II", "Công khai, minh bạch", "Công khai, minh bạch", 2),
    ("PAPI", "III", "Trách nhiệm giải trình với người dân", "Trách nhiệm giải trình", 3),
    ("PAPI", "IV", "Kiểm soát tham nhũng trong khu vực công", "Kiểm soát tham nhũng", 4),
    ("PAPI", "V", "Thủ tục hành chính công", "Thủ tục hành chính công", 5),
    ("PAPI", "VI", "Cung ứng dịch vụ công", "Cung ứng dịch vụ công", 6),
    ("PAPI", "VII", "Quản trị môi trường", "Quản trị môi trường", 7),
    ("PAPI", "VIII", "Quản trị điện tử", "Quản trị điện tử", 8),
]


def add(session, plan_id, name="Nhiệm vụ", **kw) -> int:
    kw.setdefault("framework", "PAR")
    kw.setdefault("domain_code", "III")
    return session.tasks.add(TaskInput(plan_id, name=name, **kw))


def unit_id(session, name: str) -> int:
    return next(u.id for u in session.units.list(include_deleted=True) if u.name == name)


def unit(session, spec, deleted=False) -> Unit:
    name, abbreviation, kind = spec
    return Unit(unit_id(session, name), name, abbreviation, kind, (), deleted)


def exactly(message: str) -> str:
    """A ``match=`` that accepts the officer's whole message and nothing around it."""
    return "^" + re.escape(message) + "$"


def audit_since(session, mark: int) -> list[tuple]:
    return [tuple(r) for r in session.rows(
        "SELECT entity, entity_id, task_id, plan_id, action, field, old_value, new_value FROM audit_log"
        " WHERE id > ? ORDER BY id", (mark,))]


def set_code(session, task_id: int, code: str) -> None:
    data = session.tasks.input_for(task_id)
    data.code = code
    session.tasks.update(task_id, data)


def attach(session, task_id: int, folder: Path, name: str) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(f"%PDF-1.4 {name}".encode())
    return session.evidence.attach(task_id, [path]).added[0]


# ---------------------------------------------------------------------------------------------------- next_code


def test_next_top_level_code_follows_the_highest_live_number_of_the_domain(session, plan_id):
    one = add(session, plan_id, "Một", code="1")
    add(session, plan_id, "Ba có dấu chấm", code="3.")
    add(session, plan_id, "La Mã", code="IX")
    add(session, plan_id, "Số kèm chữ", code="5X")          # not a number: never counted
    add(session, plan_id, "Con", parent_id=one, code="8")    # a sub-task's code is not the domain's
    gone = add(session, plan_id, "Đã xóa", code="7")
    session.tasks.delete(gone)                               # the bin frees its number
    add(session, plan_id, "Lĩnh vực khác", domain_code="II", code="9")
    add(session, plan_id, "PAPI cùng số La Mã", framework="PAPI", domain_code="III", code="6")
    assert session.tasks.next_code(plan_id, "PAR", "III", None) == "4"
    assert session.tasks.next_code(plan_id, "PAR", "II", None) == "10"
    assert session.tasks.next_code(plan_id, "PAPI", "III", None) == "7"
    assert session.tasks.next_code(plan_id, "PAR", "V", None) == "1"


def test_a_new_task_without_code_is_numbered_after_the_gap_not_into_it(session, plan_id):
    add(session, plan_id, "A", code="2")
    add(session, plan_id, "B", code="5")
    new = add(session, plan_id, "C")
    assert session.tasks.row(new).code == "6"


def test_next_sub_task_code_counts_only_the_parents_live_children(session, plan_id):
    parent = add(session, plan_id, "Cha", code="2.")
    assert session.tasks.next_code(plan_id, "PAR", "III", parent) == "2.1"
    add(session, plan_id, "Con 1", parent_id=parent, code="2.1")
    add(session, plan_id, "Con 3", parent_id=parent, code="2.3.")
    add(session, plan_id, "Con chữ", parent_id=parent, code="2.b")
    gone = add(session, plan_id, "Con 7", parent_id=parent, code="2.7")
    session.tasks.delete(gone)
    assert session.tasks.next_code(plan_id, "PAR", "III", parent) == "2.4"
    assert session.tasks.row(add(session, plan_id, "Con mới", parent_id=parent)).code == "2.4"


def test_a_roman_numbered_parent_keeps_its_whole_code_in_its_childrens_codes(session, plan_id):
    parent = add(session, plan_id, "Mục IX", code="IX")
    assert session.tasks.next_code(plan_id, "PAR", "III", parent) == "IX.1"
    add(session, plan_id, "Con", parent_id=parent)
    assert session.tasks.next_code(plan_id, "PAR", "III", parent) == "IX.2"


def test_children_of_a_parent_without_code_are_numbered_from_one(session, plan_id):
    parent = add(session, plan_id, "Cha chưa đánh số")
    set_code(session, parent, "")
    assert session.tasks.row(parent).code == ""
    assert session.tasks.next_code(plan_id, "PAR", "III", parent) == "1"


# ---------------------------------------------------------------------------------------------------- reading


def test_a_row_holds_its_lead_and_support_units_in_the_order_chosen(session, plan_id):
    task = add(session, plan_id, "Giao việc", lead_ids=[unit_id(session, KT[0]), unit_id(session, VHXH[0])],
               coordinator_ids=[unit_id(session, CA[0]), unit_id(session, GROUP[0])])
    bare = add(session, plan_id, "Chưa giao")
    row = session.tasks.row(task)
    assert row.leads == (unit(session, KT), unit(session, VHXH))
    assert row.coordinators == (unit(session, CA), unit(session, GROUP))
    assert (session.tasks.row(bare).leads, session.tasks.row(bare).coordinators) == ((), ())


def test_a_deleted_unit_still_shows_on_the_binned_task_marked_deleted(session, plan_id):
    task = add(session, plan_id, "Việc cũ", lead_ids=[unit_id(session, KT[0])],
               coordinator_ids=[unit_id(session, CA[0])])
    session.tasks.delete(task)
    session.units.delete(unit_id(session, CA[0]))
    row = session.tasks.row(task, include_deleted=True)
    assert row.leads == (unit(session, KT, deleted=False),)
    assert row.coordinators == (unit(session, CA, deleted=True),)
    assert [r.coordinators for r in session.tasks.rows(plan_id, deleted=True)] == [(unit(session, CA, True),)]


def test_a_deleted_task_is_found_only_when_deleted_ones_are_asked_for(session, plan_id):
    task = add(session, plan_id, "Vào thùng rác", code="4")
    session.tasks.delete(task)
    message = f"Không tìm thấy nhiệm vụ số {task}. Nhiệm vụ có thể đã bị xóa; hãy xem trong Thùng rác."
    with pytest.raises(NotFound, match=exactly(message)) as caught:
        session.tasks.row(task)
    assert (caught.value.message, caught.value.hint) == (
        f"Không tìm thấy nhiệm vụ số {task}.", "Nhiệm vụ có thể đã bị xóa; hãy xem trong Thùng rác.")
    row = session.tasks.row(task, include_deleted=True)
    assert (row.id, row.code, row.name) == (task, "4", "Vào thùng rác")
    assert row.deleted_at is not None
    live = add(session, plan_id, "Còn sống")
    assert session.tasks.row(live, include_deleted=True).deleted_at is None


def test_rows_of_the_bin_and_of_one_domain(session, plan_id):
    a = add(session, plan_id, "A", domain_code="II")
    b = add(session, plan_id, "B", domain_code="III")
    child = add(session, plan_id, "B con", parent_id=b)
    papi = add(session, plan_id, "P", framework="PAPI", domain_code="III")
    session.tasks.delete(b)
    assert [r.id for r in session.tasks.rows(plan_id)] == [a, papi]
    assert [r.id for r in session.tasks.rows(plan_id, deleted=True)] == [b, child]
    assert [r.id for r in session.tasks.rows(plan_id, "PAPI")] == [papi]
    assert [r.id for r in session.tasks.rows(plan_id, domain_code="III")] == [papi]
    assert [r.id for r in session.tasks.rows(plan_id, "PAR", "III", deleted=True)] == [b, child]
    assert session.tasks.rows(plan_id, "PAR", "III") == []


def test_tasks_read_by_id_past_the_first_thousand_ids_asked(session, plan_id):
    task = add(session, plan_id, "Ở cuối danh sách")
    missing = [10 ** 9 + i for i in range(1000)]
    assert [r.id for r in session.tasks.by_ids(missing + [task])] == [task]
    assert session.tasks.by_ids(missing) == []


def test_the_dialog_gets_back_every_field_of_a_task(session, plan_id):
    parent = add(session, plan_id, "Cha")
    leads, coords = [unit_id(session, KT[0]), unit_id(session, CA[0])], [unit_id(session, GROUP[0])]
    task = add(session, plan_id, "Rà soát TTHC", parent_id=parent, code="1.5", product="Báo cáo rà soát",
               deadline_text="Quý III/2026", start_text="Tháng 7/2026", lead_ids=leads, coordinator_ids=coords,
               note="Ghi chú riêng", status=SUSPENDED, status_reason="Chờ hướng dẫn của tỉnh",
               result="Đã làm một phần")
    assert session.tasks.input_for(task) == TaskInput(
        plan_id, "PAR", "III", "Rà soát TTHC", parent, "1.5", "Báo cáo rà soát", "Quý III/2026", leads, coords,
        "Ghi chú riêng", SUSPENDED, "Chờ hướng dẫn của tỉnh", 0, "Đã làm một phần", None, "Tháng 7/2026")
    session.tasks.update_progress(task, status=DONE, progress=100, completed_on=date(2026, 10, 2))
    done = session.tasks.input_for(task)
    assert (done.status, done.status_reason, done.progress, done.completed_on) == (DONE, "", 100, date(2026, 10, 2))


def test_find_a_task_by_its_code_however_the_dot_is_written(session, plan_id):
    two = add(session, plan_id, "Hai", code="2")
    three = add(session, plan_id, "Ba", code="3.")
    nine = add(session, plan_id, "Chín", code="IX")
    assert [r.id for r in session.tasks.find(plan_id, " 2. ")] == [two]
    assert [r.id for r in session.tasks.find(plan_id, "3")] == [three]
    assert [r.id for r in session.tasks.find(plan_id, "3.")] == [three]
    assert [r.id for r in session.tasks.find(plan_id, "IX")] == [nine]
    assert session.tasks.find(plan_id, "I") == []


def test_find_looks_only_in_the_framework_and_domain_given(session, plan_id):
    par3 = add(session, plan_id, "PAR III", code="5")
    par2 = add(session, plan_id, "PAR II", domain_code="II", code="5")
    papi3 = add(session, plan_id, "PAPI III", framework="PAPI", code="5")
    assert [r.id for r in session.tasks.find(plan_id, "5")] == [par2, par3, papi3]
    assert [r.id for r in session.tasks.find(plan_id, "5", "PAR")] == [par2, par3]
    assert [r.id for r in session.tasks.find(plan_id, "5", "PAR", "III")] == [par3]
    assert [r.id for r in session.tasks.find(plan_id, "5", domain_code="III")] == [par3, papi3]


def test_late_and_overdue_flags_at_the_boundary_days(session, plan_id):
    due_today = add(session, plan_id, "Hạn hôm nay", deadline_text="Trước ngày 26/11/2026")
    due_yesterday = add(session, plan_id, "Hạn hôm qua", deadline_text="Trước ngày 25/11/2026")
    on_time = add(session, plan_id, "Xong đúng hạn", deadline_text="Trước ngày 02/10/2026")
    late = add(session, plan_id, "Xong muộn", deadline_text="Trước ngày 01/10/2026")
    for task in (on_time, late):
        session.tasks.update_progress(task, status=DONE, progress=100, completed_on=date(2026, 10, 1))
    rows = {r.id: r for r in session.tasks.rows(plan_id)}
    assert rows[due_today].due_on == TODAY and not rows[due_today].is_overdue(TODAY)
    assert rows[due_yesterday].due_on == date(2026, 11, 24) and rows[due_yesterday].is_overdue(TODAY)
    assert (rows[on_time].due_on, rows[on_time].completed_on, rows[on_time].finished_late) == (
        date(2026, 10, 1), date(2026, 10, 1), False)
    assert (rows[late].due_on, rows[late].finished_late, rows[late].progress) == (date(2026, 9, 30), True, 100)


# ---------------------------------------------------------------------------------------------------- update


def test_changing_only_the_lead_units_rewrites_them_and_records_their_names(session, plan_id):
    kt, ca, vh = unit_id(session, KT[0]), unit_id(session, CA[0]), unit_id(session, VHXH[0])
    task = add(session, plan_id, "Giao lại", lead_ids=[kt], coordinator_ids=[vh])
    mark = session.audit.last_id()
    data = session.tasks.input_for(task)
    data.lead_ids = [ca, kt]
    session.tasks.update(task, data)
    row = session.tasks.row(task)
    assert (row.leads, row.coordinators) == ((unit(session, CA), unit(session, KT)), (unit(session, VHXH),))
    assert audit_since(session, mark) == [
        ("task", task, task, plan_id, "update", "leads", "Phòng Kinh tế", "Công an xã; Phòng Kinh tế")]
    assert session.audit.kinds_since(mark)[0] == frozenset({"task"})


def test_changing_only_the_support_units_rewrites_them(session, plan_id):
    kt, ca = unit_id(session, KT[0]), unit_id(session, CA[0])
    task = add(session, plan_id, "Phối hợp mới", lead_ids=[kt])
    mark = session.audit.last_id()
    data = session.tasks.input_for(task)
    data.coordinator_ids = [ca]
    session.tasks.update(task, data)
    row = session.tasks.row(task)
    assert (row.leads, row.coordinators) == ((unit(session, KT),), (unit(session, CA),))
    assert audit_since(session, mark) == [("task", task, task, plan_id, "update", "coordinators", "", "Công an xã")]


def test_changing_other_fields_keeps_the_units(session, plan_id):
    kt, ca = unit_id(session, KT[0]), unit_id(session, CA[0])
    task = add(session, plan_id, "Giữ đơn vị", lead_ids=[kt], coordinator_ids=[ca])
    mark = session.audit.last_id()
    session.tasks.update_progress(task, status=IN_PROGRESS, progress=40, result="Đang làm")
    row = session.tasks.row(task)
    assert (row.leads, row.coordinators, row.status, row.progress, row.result) == (
        (unit(session, KT),), (unit(session, CA),), IN_PROGRESS, 40, "Đang làm")
    assert audit_since(session, mark) == [
        ("task", task, task, plan_id, "update", "status", NOT_STARTED, IN_PROGRESS),
        ("task", task, task, plan_id, "update", "progress", "0", "40"),
        ("task", task, task, plan_id, "update", "result", "", "Đang làm")]


def test_an_update_that_changes_nothing_writes_nothing(session, plan_id):
    task = add(session, plan_id, "Không đổi", lead_ids=[unit_id(session, KT[0])])
    mark = session.audit.last_id()
    session.tasks.update(task, session.tasks.input_for(task))
    assert audit_since(session, mark) == []
    assert session.audit.kinds_since(mark) == (frozenset(), mark)


def test_rewriting_the_deadline_drops_its_time_review_line_and_keeps_the_rest(session, plan_id):
    note = "Cần xem lại thời gian: hạn năm trước là Quý IV/2025\nGiữ liên hệ với Sở Nội vụ"
    task = add(session, plan_id, "Chép từ năm trước", deadline_text="Quý IV/2025", note=note)
    mark = session.audit.last_id()
    data = session.tasks.input_for(task)
    data.deadline_text = "Quý IV/2026"
    session.tasks.update(task, data)
    row = session.tasks.row(task)
    assert (row.note, row.deadline_text, row.due_on) == ("Giữ liên hệ với Sở Nội vụ", "Quý IV/2026", date(2026, 12, 31))
    assert audit_since(session, mark) == [
        ("task", task, task, plan_id, "update", "deadline_text", "Quý IV/2025", "Quý IV/2026"),
        ("task", task, task, plan_id, "update", "note", note, "Giữ liên hệ với Sở Nội vụ")]


def test_rewriting_the_start_drops_the_time_review_line_too(session, plan_id):
    note = "Cần xem lại thời gian: bắt đầu năm trước"
    task = add(session, plan_id, "Bắt đầu", start_text="Tháng 1/2025", note=note)
    data = session.tasks.input_for(task)
    data.start_text = "Tháng 1/2026"
    session.tasks.update(task, data)
    assert (session.tasks.row(task).note, session.tasks.row(task).start_text) == ("", "Tháng 1/2026")


def test_the_time_review_line_stays_when_the_deadline_is_not_touched(session, plan_id):
    note = "Cần xem lại thời gian: hạn năm trước là Quý IV/2025"
    task = add(session, plan_id, "Tên cũ", deadline_text="Quý IV/2025", note=note)
    data = session.tasks.input_for(task)
    data.name = "Tên mới"
    session.tasks.update(task, data)
    assert (session.tasks.row(task).name, session.tasks.row(task).note) == ("Tên mới", note)


def test_a_note_the_officer_rewrote_with_the_deadline_is_kept_as_written(session, plan_id):
    task = add(session, plan_id, "Sửa cả hai", deadline_text="Quý IV/2025",
               note="Cần xem lại thời gian: hạn năm trước")
    data = session.tasks.input_for(task)
    data.deadline_text = "Quý I/2026"
    data.note = "Cần xem lại thời gian: đã hỏi Sở, chờ trả lời"
    session.tasks.update(task, data)
    assert session.tasks.row(task).note == "Cần xem lại thời gian: đã hỏi Sở, chờ trả lời"


def test_moving_a_task_moves_its_sub_tasks_at_every_depth(session, plan_id):
    parent = add(session, plan_id, "Cha")
    child = add(session, plan_id, "Con", parent_id=parent)
    grandchild = add(session, plan_id, "Cháu", parent_id=child)
    other = add(session, plan_id, "Khác")
    data = session.tasks.input_for(parent)
    data.framework, data.domain_code = "PAPI", "V"
    session.tasks.update(parent, data)
    placed = {r.id: (r.framework, r.domain_code) for r in session.tasks.rows(plan_id)}
    assert placed == {parent: ("PAPI", "V"), child: ("PAPI", "V"), grandchild: ("PAPI", "V"), other: ("PAR", "III")}


# ---------------------------------------------------------------------------------------------------- bin


def test_deleting_a_task_bins_its_sub_tasks_and_audits_each_one(session, plan_id):
    parent = add(session, plan_id, "Cha")
    child = add(session, plan_id, "Con", parent_id=parent)
    grandchild = add(session, plan_id, "Cháu", parent_id=child)
    kept = add(session, plan_id, "Anh em")
    mark = session.audit.last_id()
    assert session.tasks.delete(parent) == 3
    assert audit_since(session, mark) == [("task", i, i, plan_id, "delete", None, None, None)
                                          for i in (parent, child, grandchild)]
    assert session.audit.kinds_since(mark)[0] == frozenset({"task"})
    assert [r.id for r in session.tasks.rows(plan_id)] == [kept]
    assert session.tasks.delete(kept) == 1


def test_restoring_a_deleted_task_brings_back_its_sub_tasks_units_and_evidence(session, plan_id, tmp_path):
    kt = unit_id(session, KT[0])
    parent = add(session, plan_id, "Cha", lead_ids=[kt])
    child = add(session, plan_id, "Con", parent_id=parent, coordinator_ids=[kt])
    grandchild = add(session, plan_id, "Cháu", parent_id=child)
    attach(session, child, tmp_path / "minh chứng", "Quyết định.pdf")
    session.tasks.delete(parent)
    mark = session.audit.last_id()
    assert session.tasks.restore(parent) == 3
    assert audit_since(session, mark) == [("task", i, i, plan_id, "restore", None, None, None)
                                          for i in (parent, child, grandchild)]
    assert session.audit.kinds_since(mark)[0] == frozenset({"task"})
    rows = {r.id: r for r in session.tasks.rows(plan_id)}
    assert set(rows) == {parent, child, grandchild}
    assert (rows[parent].leads, rows[child].coordinators, rows[child].evidence_count) == (
        (unit(session, KT),), (unit(session, KT),), 1)
    assert session.tasks.rows(plan_id, deleted=True) == []


def test_restoring_a_parent_leaves_in_the_bin_a_sub_task_deleted_before_it(session, plan_id, monkeypatch):
    parent = add(session, plan_id, "Cha")
    early = add(session, plan_id, "Xóa trước", parent_id=parent)
    later = add(session, plan_id, "Xóa cùng cha", parent_id=parent)
    monkeypatch.setattr(session.clock, "now", lambda: "2026-11-25T08:00:00")
    session.tasks.delete(early)
    monkeypatch.setattr(session.clock, "now", lambda: "2026-11-25T09:00:00")
    session.tasks.delete(parent)
    assert session.tasks.restore(parent) == 2
    assert [r.id for r in session.tasks.rows(plan_id)] == [parent, later]
    assert [r.id for r in session.tasks.rows(plan_id, deleted=True)] == [early]


def test_restoring_a_task_that_is_not_in_the_bin_is_refused(session, plan_id):
    task = add(session, plan_id, "Đang dùng")
    for missing in (task, 10 ** 6):
        with pytest.raises(NotFound, match=exactly(f"Nhiệm vụ số {missing} không có trong thùng rác.")):
            session.tasks.restore(missing)


def test_restoring_a_sub_task_whose_parent_is_binned_names_the_parent(session, plan_id):
    parent = add(session, plan_id, "Cha", code="4")
    child = add(session, plan_id, "Con", parent_id=parent)
    session.tasks.delete(parent)
    mark = session.audit.last_id()
    with pytest.raises(ValidationError, match=exactly(
            "Nhiệm vụ cha (STT 4) cũng đang ở thùng rác. Hãy khôi phục nhiệm vụ cha trước.")) as caught:
        session.tasks.restore(child)
    assert (caught.value.message, caught.value.hint) == (
        "Nhiệm vụ cha (STT 4) cũng đang ở thùng rác.", "Hãy khôi phục nhiệm vụ cha trước.")
    assert audit_since(session, mark) == []


def test_a_sub_task_binned_alone_comes_back_under_its_live_parent(session, plan_id):
    parent = add(session, plan_id, "Cha")
    child = add(session, plan_id, "Con", parent_id=parent)
    session.tasks.delete(child)
    assert session.tasks.restore(child) == 1
    assert session.tasks.children(parent) == [child]


def test_restoring_a_task_of_a_binned_plan_is_refused(session, plan_id):
    task = add(session, plan_id, "Trong kế hoạch đã xóa")
    session.tasks.delete(task)
    session.plans.delete(plan_id)
    mark = session.audit.last_id()
    with pytest.raises(ValidationError, match=exactly(
            "Kế hoạch của nhiệm vụ này đang ở thùng rác. Hãy khôi phục kế hoạch trước.")) as caught:
        session.tasks.restore(task)
    assert (caught.value.message, caught.value.hint) == (
        "Kế hoạch của nhiệm vụ này đang ở thùng rác.", "Hãy khôi phục kế hoạch trước.")
    assert audit_since(session, mark) == []
    session.plans.restore(plan_id)
    assert session.tasks.restore(task) == 1


# ---------------------------------------------------------------------------------------------------- overview


def test_all_domains_lists_the_reform_domains_then_the_papi_dimensions(session):
    assert [(d.framework, d.code, d.name, d.short, d.position) for d in session.overview.all_domains()] == (
        PAR_DOMAINS + PAPI_DOMAINS)


def test_a_plan_lists_papi_dimensions_only_once_it_has_a_papi_task(session, plan_id):
    par_only = [Domain(*d) for d in PAR_DOMAINS]
    assert session.overview.domains(plan_id) == par_only
    assert session.overview.domains() == par_only
    papi = add(session, plan_id, "PAPI", framework="PAPI", domain_code="II")
    assert session.overview.domains(plan_id) == par_only + [Domain(*d) for d in PAPI_DOMAINS]
    assert session.overview.domains() == par_only
    session.tasks.delete(papi)
    assert session.overview.domains(plan_id) == par_only


def test_a_plan_with_no_task_has_empty_summaries_and_a_zero_total(session, plan_id):
    summaries = session.overview.summaries(plan_id, TODAY)
    assert [s.domain for s in summaries] == [Domain(*d) for d in PAR_DOMAINS]
    for s in summaries:
        assert (s.counts, s.total, s.done_percent, s.overdue, s.finished_late, s.evidence) == (
            dict.fromkeys(STATUSES, 0), 0, 0.0, 0, 0, 0)
    total = totals(summaries)
    assert total.domain == Domain("", "", "Tổng cộng", "Tổng cộng", 0)
    assert (total.counts, total.total, total.done_percent, total.overdue, total.finished_late, total.evidence) == (
        dict.fromkeys(STATUSES, 0), 0, 0.0, 0, 0, 0)
    assert totals([]).domain == Domain("", "", "Tổng cộng", "Tổng cộng", 0)


def test_totals_add_up_every_figure_of_every_domain(session):
    a = DomainSummary(Domain("PAR", "I", "A", "A", 1), {NOT_STARTED: 1, IN_PROGRESS: 2, DONE: 3, SUSPENDED: 0},
                      overdue=2, finished_late=1, evidence=4)
    b = DomainSummary(Domain("PAPI", "I", "B", "B", 1), {NOT_STARTED: 0, IN_PROGRESS: 1, DONE: 1, SUSPENDED: 2},
                      overdue=1, finished_late=1, evidence=3)
    total = totals([a, b])
    assert (total.counts, total.overdue, total.finished_late, total.evidence, total.total) == (
        {NOT_STARTED: 1, IN_PROGRESS: 3, DONE: 4, SUSPENDED: 2}, 3, 2, 7, 10)
    assert total.done_percent == 40.0


def test_summaries_count_each_domain_by_status_boundary_dates_and_live_evidence(session, plan_id, tmp_path):
    files = tmp_path / "minh chứng"
    due_today = add(session, plan_id, "Hạn hôm nay", deadline_text="Trước ngày 26/11/2026")
    overdue = add(session, plan_id, "Quá hạn một ngày", deadline_text="Trước ngày 25/11/2026")
    started = add(session, plan_id, "Đang làm quá hạn", deadline_text="Tháng 10/2026")
    session.tasks.update_progress(started, status=IN_PROGRESS, progress=20)
    stopped = add(session, plan_id, "Tạm dừng", deadline_text="Tháng 10/2026")
    session.tasks.update_progress(stopped, status=SUSPENDED, progress=0, reason="Chờ kinh phí")
    on_time = add(session, plan_id, "Xong đúng hạn", deadline_text="Trước ngày 02/10/2026")
    late = add(session, plan_id, "Xong muộn", domain_code="VII", deadline_text="Trước ngày 01/10/2026")
    for task in (on_time, late):
        session.tasks.update_progress(task, status=DONE, progress=100, completed_on=date(2026, 10, 1))
    gone = add(session, plan_id, "Đã xóa", deadline_text="Tháng 1/2026")
    attach(session, gone, files, "xóa.pdf")
    session.tasks.delete(gone)
    attach(session, due_today, files, "a.pdf")
    attach(session, due_today, files, "b.pdf")
    session.evidence.remove(attach(session, overdue, files, "bỏ.pdf"))
    attach(session, late, files, "c.pdf")
    papi = add(session, plan_id, "PAPI quá hạn", framework="PAPI", domain_code="VIII", deadline_text="Tháng 9/2026")
    attach(session, papi, files, "d.pdf")

    summaries = session.overview.summaries(plan_id, TODAY)
    assert [s.domain for s in summaries] == [Domain(*d) for d in PAR_DOMAINS + PAPI_DOMAINS]
    figures = {(s.domain.framework, s.domain.code): (s.counts, s.overdue, s.finished_late, s.evidence)
               for s in summaries if s.total or s.evidence}
    assert figures == {
        ("PAR", "III"): ({NOT_STARTED: 2, IN_PROGRESS: 1, DONE: 1, SUSPENDED: 1}, 2, 0, 2),
        ("PAR", "VII"): ({NOT_STARTED: 0, IN_PROGRESS: 0, DONE: 1, SUSPENDED: 0}, 0, 1, 1),
        ("PAPI", "VIII"): ({NOT_STARTED: 1, IN_PROGRESS: 0, DONE: 0, SUSPENDED: 0}, 1, 0, 1),
    }
    par3 = next(s for s in summaries if (s.domain.framework, s.domain.code) == ("PAR", "III"))
    assert (par3.total, par3.done_percent) == (5, 20.0)
    total = totals(summaries)
    assert (total.total, total.counts[DONE], total.overdue, total.finished_late, total.evidence) == (7, 2, 3, 1, 4)
    assert total.done_percent == 100.0 * 2 / 7
    assert session.overview.overdue_counts(plan_id, TODAY) == {("PAR", "III"): 2, ("PAPI", "VIII"): 1}
    assert session.overview.overdue_counts(plan_id, date(2026, 11, 24)) == {("PAR", "III"): 1, ("PAPI", "VIII"): 1}


def test_the_overdue_list_longest_overdue_first_and_cut_at_limit(session, plan_id):
    b = add(session, plan_id, "Tháng 10 (III)", deadline_text="Tháng 10/2026")
    papi = add(session, plan_id, "Tháng 9 PAPI", framework="PAPI", domain_code="I", deadline_text="Tháng 9/2026")
    a = add(session, plan_id, "Tháng 10 (II)", domain_code="II", deadline_text="Tháng 10/2026")
    c = add(session, plan_id, "Tháng 10 (III) sau", deadline_text="Tháng 10/2026")
    yesterday = add(session, plan_id, "Hôm qua", deadline_text="Trước ngày 25/11/2026")
    add(session, plan_id, "Hôm nay", deadline_text="Trước ngày 26/11/2026")
    add(session, plan_id, "Không hạn", deadline_text="Thường xuyên")
    full = session.overview.overdue(plan_id, TODAY)
    assert [r.id for r in full.rows] == [papi, a, b, c, yesterday]
    assert full.dates == [date(2026, 9, 30), date(2026, 10, 31), date(2026, 10, 31), date(2026, 10, 31),
                          date(2026, 11, 24)]
    assert full.total == 5
    cut = session.overview.overdue(plan_id, TODAY, limit=2)
    assert ([r.id for r in cut.rows], cut.dates, cut.total) == ([papi, a], [date(2026, 9, 30), date(2026, 10, 31)], 5)
    none = session.overview.overdue(plan_id, TODAY, limit=0)
    assert (none.rows, none.dates, none.total) == ([], [], 5)
    assert [r.id for r in session.overview.build(plan_id, TODAY).overdue] == [papi, a, b, c, yesterday]


def test_the_overdue_list_of_no_unit_at_all_is_empty(session, plan_id):
    kt = unit_id(session, KT[0])
    led = add(session, plan_id, "Có chủ trì", deadline_text="Tháng 10/2026", lead_ids=[kt])
    free = add(session, plan_id, "Chưa giao", deadline_text="Tháng 10/2026")
    assert session.overview.overdue(plan_id, TODAY, units=()).total == 0
    assert [r.id for r in session.overview.overdue(plan_id, TODAY, units=(None,)).rows] == [free]
    assert [r.id for r in session.overview.overdue(plan_id, TODAY, units=(kt,)).rows] == [led]
    assert [r.id for r in session.overview.overdue(plan_id, TODAY, units=(kt, None)).rows] == [led, free]


def test_due_soon_lists_the_next_fourteen_days_soonest_first_by_the_plans_year(session, plan_id):
    edge = add(session, plan_id, "Đúng 14 ngày", deadline_text="Trước ngày 10/12")       # due 09/12: today + 14
    add(session, plan_id, "15 ngày", deadline_text="Trước ngày 11/12")                    # due 10/12: too far
    today = add(session, plan_id, "Hôm nay", deadline_text="Trước ngày 26/11")           # due today: not overdue
    add(session, plan_id, "Hôm qua", deadline_text="Trước ngày 25/11")                   # overdue, not "soon"
    mid = add(session, plan_id, "Giữa", domain_code="II", deadline_text="Trước ngày 05/12")
    twin = add(session, plan_id, "Cùng ngày", domain_code="I", deadline_text="Trước ngày 05/12/2026")
    monthly = add(session, plan_id, "Hằng tháng", domain_code="VIII", deadline_text="Hằng tháng")
    done = add(session, plan_id, "Xong", deadline_text="Trước ngày 30/11")
    session.tasks.update_progress(done, status=DONE, progress=100, completed_on=date(2026, 11, 20))
    soon = session.overview.due_soon(plan_id, TODAY)
    assert list(zip([r.id for r in soon.rows], soon.dates)) == [
        (today, date(2026, 11, 25)), (monthly, date(2026, 11, 30)), (twin, date(2026, 12, 4)),
        (mid, date(2026, 12, 4)), (edge, date(2026, 12, 9))]
    assert soon.total == 5
    cut = session.overview.due_soon(plan_id, TODAY, limit=2)
    assert ([r.id for r in cut.rows], cut.dates, cut.total) == (
        [today, monthly], [date(2026, 11, 25), date(2026, 11, 30)], 5)
    assert [(r.id, d) for r, d in session.overview.build(plan_id, TODAY).due_soon][:2] == [
        (today, date(2026, 11, 25)), (monthly, date(2026, 11, 30))]


def test_due_soon_of_a_plan_with_nothing_due_is_empty(session, plan_id):
    add(session, plan_id, "Xa", deadline_text="Quý II/2027")
    soon = session.overview.due_soon(plan_id, TODAY, limit=3)
    assert (soon.rows, soon.dates, soon.total) == ([], [], 0)


# ---------------------------------------------------------------------------------------------------- add and what a row holds


def test_adding_a_task_records_its_code_and_name_in_the_audit_trail(session, plan_id):
    mark = session.audit.last_id()
    task = add(session, plan_id, "Niêm yết TTHC")
    assert audit_since(session, mark) == [("task", task, task, plan_id, "create", "code", None, "1"),
                                          ("task", task, task, plan_id, "create", "name", None, "Niêm yết TTHC")]
    assert session.audit.kinds_since(mark)[0] == frozenset({"task"})


def test_a_task_added_as_done_keeps_its_completion_date(session, plan_id):
    task = add(session, plan_id, "Đã xong từ trước", status=DONE, progress=30, completed_on=date(2026, 3, 2),
               deadline_text="Quý I/2026")
    row = session.tasks.row(task)
    assert (row.status, row.progress, row.completed_on, row.finished_late) == (DONE, 100, date(2026, 3, 2), False)


def test_a_row_holds_every_column_of_its_task(session, plan_id):
    parent = add(session, plan_id, "Cha", code="3")
    add(session, plan_id, "Con đầu", parent_id=parent)
    task = add(session, plan_id, "Con sau", parent_id=parent, product="Kế hoạch", deadline_text="Tháng 5/2026",
               start_text="Tháng 4/2026", note="Ghi chú", status=SUSPENDED, status_reason="Chờ kinh phí")
    row = session.tasks.row(task)
    assert (row.id, row.plan_id, row.plan_year, row.framework, row.domain_code, row.parent_id, row.code,
            row.position, row.name, row.product, row.deadline_text, row.due_on) == (
        task, plan_id, 2026, "PAR", "III", parent, "3.2", 2, "Con sau", "Kế hoạch", "Tháng 5/2026", date(2026, 5, 31))
    assert (row.status, row.status_reason, row.progress, row.result, row.completed_on, row.note,
            row.evidence_count, row.deleted_at, row.start_text, row.previous_id) == (
        SUSPENDED, "Chờ kinh phí", 0, "", None, "Ghi chú", 0, None, "Tháng 4/2026", None)
    assert row.updated_at.startswith("2026-11-25T")


def test_a_task_carried_to_next_year_links_back_to_last_years(session, plan_id):
    old = add(session, plan_id, "Chưa xong năm nay", deadline_text="Tháng 12/2026")
    result = session.rollover.apply(session.rollover.preview(plan_id, 2027))
    (row,) = session.tasks.rows(result.plan_id)
    assert (row.previous_id, row.plan_year, row.name) == (old, 2027, "Chưa xong năm nay")


def test_the_audit_of_an_update_names_each_field_changed(session, plan_id):
    kt, ca = unit_id(session, KT[0]), unit_id(session, CA[0])
    parent = add(session, plan_id, "Cha", framework="PAPI", domain_code="II", code="8")
    task = add(session, plan_id, "Tên cũ", code="2", product="SP cũ", deadline_text="Quý I/2026",
               start_text="Tháng 1/2026", note="Ghi chú cũ", lead_ids=[kt], coordinator_ids=[kt])
    mark = session.audit.last_id()
    data = session.tasks.input_for(task)
    data.parent_id, data.code, data.name, data.product = parent, "8.1", "Tên mới", "SP mới"
    data.deadline_text, data.start_text, data.note = "Quý II/2026", "Tháng 2/2026", "Ghi chú mới"
    data.status, data.status_reason, data.result = SUSPENDED, "Chờ", "Một phần"
    data.lead_ids, data.coordinator_ids = [ca], [ca, kt]
    session.tasks.update(task, data)
    assert [(r[5], r[6], r[7]) for r in audit_since(session, mark)] == [
        ("framework", "PAR", "PAPI"), ("domain_code", "III", "II"), ("parent_id", None, str(parent)),
        ("code", "2", "8.1"), ("name", "Tên cũ", "Tên mới"), ("product", "SP cũ", "SP mới"),
        ("deadline_text", "Quý I/2026", "Quý II/2026"), ("start_text", "Tháng 1/2026", "Tháng 2/2026"),
        ("status", NOT_STARTED, SUSPENDED), ("status_reason", "", "Chờ"), ("result", "", "Một phần"),
        ("note", "Ghi chú cũ", "Ghi chú mới"), ("leads", "Phòng Kinh tế", "Công an xã"),
        ("coordinators", "Phòng Kinh tế", "Công an xã; Phòng Kinh tế")]
    mark = session.audit.last_id()
    session.tasks.update_progress(task, status=DONE, progress=100, completed_on=date(2026, 6, 1))
    assert [(r[5], r[6], r[7]) for r in audit_since(session, mark)] == [
        ("status", SUSPENDED, DONE), ("status_reason", "Chờ", ""), ("progress", "0", "100"),
        ("completed_on", None, "2026-06-01")]


def test_the_audit_names_a_unit_deleted_since_it_was_chosen(session, plan_id):
    kt, ca = unit_id(session, KT[0]), unit_id(session, CA[0])
    task = add(session, plan_id, "Việc", lead_ids=[kt])
    session.tasks.delete(task)
    session.units.delete(kt)
    session.tasks.restore(task)
    mark = session.audit.last_id()
    data = session.tasks.input_for(task)
    data.lead_ids = [ca]
    session.tasks.update(task, data)
    assert audit_since(session, mark) == [("task", task, task, plan_id, "update", "leads", "Phòng Kinh tế", "Công an xã")]


# ---------------------------------------------------------------------------------------------------- refusals


def refused(session, plan_id, message: str, field: str, task_id: int | None = None, **kw) -> None:
    kw.setdefault("name", "Nhiệm vụ")
    kw.setdefault("framework", "PAR")
    kw.setdefault("domain_code", "III")
    before = session.one("SELECT count(*) FROM audit_log")[0]
    with pytest.raises(ValidationError, match=exactly(message)) as caught:
        if task_id is None:
            session.tasks.add(TaskInput(plan_id, **kw))
        else:
            session.tasks.update(task_id, TaskInput(plan_id, **kw))
    assert caught.value.field == field
    assert session.one("SELECT count(*) FROM audit_log")[0] == before


def test_a_task_without_content_is_refused(session, plan_id):
    refused(session, plan_id, "Chưa nhập nội dung nhiệm vụ.", "name", name=" \n ")


@pytest.mark.parametrize("field, label", [("name", "Nội dung nhiệm vụ"), ("product", "Sản phẩm"),
                                          ("result", "Kết quả thực hiện"), ("note", "Ghi chú"),
                                          ("deadline_text", "Thời gian"), ("start_text", "Bắt đầu")])
def test_each_text_is_refused_one_character_past_twenty_thousand(session, plan_id, field, label):
    refused(session, plan_id, f"Mục “{label}” quá dài (tối đa 20000 ký tự).", field, **{field: "a" * 20001})
    task = add(session, plan_id, **{"name": "Vừa đủ", field: "b" * 20000})
    assert len(getattr(session.tasks.row(task), field)) == 20000


def test_a_code_that_is_not_a_number_is_refused_as_typed(session, plan_id):
    refused(session, plan_id, "STT “3. 1” không đúng dạng. Hãy nhập số thứ tự như 3, 3.1 hoặc 3.1.2.", "code",
            code="  3.   1 ")
    assert session.tasks.row(add(session, plan_id, code=" 3.1 ")).code == "3.1"


def test_a_code_already_used_in_the_domain_is_refused_and_elsewhere_accepted(session, plan_id):
    task = add(session, plan_id, "Số 5", code="5")
    refused(session, plan_id, "STT 5 đã có trong lĩnh vực này. Hãy đặt số thứ tự khác.", "code", code="5")
    assert session.tasks.row(add(session, plan_id, domain_code="II", code="5")).code == "5"
    assert session.tasks.row(add(session, plan_id, framework="PAPI", code="5")).code == "5"
    set_code(session, task, "5")                     # its own code is no clash
    session.tasks.delete(task)
    assert session.tasks.row(add(session, plan_id, "Thay số 5", code="5")).code == "5"


def test_a_domain_outside_the_lists_is_refused(session, plan_id):
    refused(session, plan_id, "Lĩnh vực của nhiệm vụ không hợp lệ.", "domain_code", domain_code="IX")
    refused(session, plan_id, "Lĩnh vực của nhiệm vụ không hợp lệ.", "domain_code", framework="SIPAS")


def test_a_parent_that_is_binned_or_of_another_plan_is_refused(session, plan_id):
    other_plan = session.plans.create(PlanInput("KH khác", 2026))
    foreign = add(session, other_plan, "Của kế hoạch khác")
    binned = add(session, plan_id, "Trong thùng rác")
    session.tasks.delete(binned)
    for parent in (foreign, binned, 10 ** 6):
        refused(session, plan_id, "Nhiệm vụ cha không còn trong kế hoạch này.", "parent_id", parent_id=parent)


def test_a_task_cannot_be_put_under_itself_or_its_grandchild(session, plan_id):
    top = add(session, plan_id, "Trên cùng")
    child = add(session, plan_id, "Con", parent_id=top)
    grandchild = add(session, plan_id, "Cháu", parent_id=child)
    for parent in (top, grandchild):
        refused(session, plan_id, "Không thể đặt một nhiệm vụ làm con của chính nó.", "parent_id", task_id=top,
                name="Trên cùng", code="1", parent_id=parent)


def test_status_and_progress_are_refused_with_the_officers_words(session, plan_id):
    refused(session, plan_id, "Trạng thái không hợp lệ.", "status", status="finished")
    for progress in (-1, 101, 50.0):
        refused(session, plan_id, "Tiến độ phải là số nguyên từ 0 đến 100 (%).", "progress",
                status=IN_PROGRESS, progress=progress)
    refused(session, plan_id, "Nhiệm vụ tạm dừng hoặc không thực hiện cần ghi rõ lý do.", "status_reason",
            status=SUSPENDED, status_reason="  ")
    refused(session, plan_id, "Nhiệm vụ chưa triển khai thì tiến độ phải là 0%. "
            "Nếu đã bắt đầu, hãy chọn trạng thái “Đang thực hiện”.", "progress", progress=1)
    assert session.tasks.row(add(session, plan_id, status=IN_PROGRESS, progress=100)).progress == 100
    row = session.tasks.row(add(session, plan_id, status=IN_PROGRESS, status_reason="bỏ đi",
                                completed_on=date(2026, 1, 1)))
    assert (row.status_reason, row.completed_on, row.progress) == ("", None, 0)


def test_completion_dates_are_refused_in_the_future_and_before_last_year(session, plan_id):
    refused(session, plan_id, "Ngày hoàn thành 26/11/2026 còn ở tương lai. Hãy nhập ngày đã hoàn thành thực tế.",
            "completed_on", status=DONE, completed_on=date(2026, 11, 26))
    refused(session, plan_id, "Ngày hoàn thành 31/12/2024 trước cả năm kế hoạch 2026.", "completed_on",
            status=DONE, completed_on=date(2024, 12, 31))
    refused(session, plan_id, "Ngày hoàn thành: ngày 01/01/1999 có năm 1999, nằm ngoài khoảng 2000–2100: "
            "hãy kiểm tra lại năm.", "completed_on", status=DONE, completed_on=date(1999, 1, 1))
    early = session.tasks.row(add(session, plan_id, status=DONE, completed_on=date(2025, 1, 1)))
    today = session.tasks.row(add(session, plan_id, status=DONE))
    assert (early.completed_on, today.completed_on, today.progress) == (date(2025, 1, 1), TODAY, 100)


def test_units_are_listed_once_and_a_deleted_one_is_refused(session, plan_id):
    kt, ca, vh = unit_id(session, KT[0]), unit_id(session, CA[0]), unit_id(session, VHXH[0])
    task = add(session, plan_id, lead_ids=[kt, kt, ca], coordinator_ids=[ca, ca])
    row = session.tasks.row(task)
    assert (row.leads, row.coordinators) == ((unit(session, KT), unit(session, CA)), (unit(session, CA),))
    session.units.delete(vh)
    refused(session, plan_id, "Có đơn vị đã bị xóa khỏi danh mục. Hãy chọn lại đơn vị chủ trì và phối hợp.", "leads",
            lead_ids=[kt], coordinator_ids=[vh])
    refused(session, plan_id, "Có đơn vị đã bị xóa khỏi danh mục. Hãy chọn lại đơn vị chủ trì và phối hợp.", "leads",
            lead_ids=[vh])
