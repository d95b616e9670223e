"""Next year's plan from this one (issue 17, items 1–3): deadline texts moved on or flagged, the preview,
the plan created in one transaction as a draft, the new year's calendar and starting values, the command."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from cchc_desktop.deadlines import parse_deadline
from cchc_desktop.errors import ValidationError
from cchc_desktop.model import DONE, IN_PROGRESS, NOT_STARTED, PlanInput, TaskInput
from cchc_desktop.year_shift import (CHANGED, EARLY, FAR_YEAR, NO_SUCH_DAY, RANGE, REFERENCE, UNREAD, shift_deadline,
                                     shift_name, shift_title)
from tests.core.test_cli import run

REALWORLD = Path(__file__).resolve().parents[3] / "shared" / "realworld" / "11-deadline-phrases" / "phrases.txt"


@pytest.mark.parametrize("old, new", [
    ("Quý I/2026", "Quý I/2027"),
    ("Trước ngày 10/01/2026", "Trước ngày 10/01/2027"),
    ("Tháng 7-10/2026", "Tháng 7-10/2027"),
    ("Quý I, II/2026", "Quý I, II/2027"),
    ("Năm 2026", "Năm 2027"),
    ("Cả năm 2026", "Cả năm 2027"),
    ("Quý I năm 2026", "Quý I năm 2027"),
    ("Tháng 12, tháng 1/2027", "Tháng 12, tháng 1/2028"),
    ("Thường xuyên. - Báo cáo kết quả: Quý IV/2026", "Thường xuyên. - Báo cáo kết quả: Quý IV/2027"),
    ("Báo cáo năm 2026: trước 10/12/2026", "Báo cáo năm 2027: trước 10/12/2027"),
    ("Hằng năm, trước 15/12/2026", "Hằng năm, trước 15/12/2027"),
    ("Năm 2025 và các năm tiếp theo", "Năm 2026 và các năm tiếp theo"),
    ("T3/2026", "T3/2027"),
    ("15.3.2026", "15.3.2027"),
    ("Năm học 2026-2027", "Năm học 2027-2028"),                  # a school year: September to May
    ("06 tháng đầu năm 2026", "06 tháng đầu năm 2027"),
    ("9 tháng đầu năm 2026", "9 tháng đầu năm 2027"),
    # no year named: nothing to change
    ("Thường xuyên", "Thường xuyên"),
    ("Tháng 4", "Tháng 4"),
    ("Hằng quý, năm", "Hằng quý, năm"),
    ("Theo hướng dẫn của Sở Nội vụ", "Theo hướng dẫn của Sở Nội vụ"),
    ("Theo Nghị định 30/2020/NĐ-CP", "Theo Nghị định 30/2020/NĐ-CP"),   # a document's number is no deadline
    ("", ""),
])
def test_every_year_a_deadline_names_moves_on(old, new):
    shifted = shift_deadline(old, 2026, 2027)
    assert shifted.text == new and shifted.flags == ()
    if old:   # and it means the same, a year later
        before, after = parse_deadline(old, 2026), parse_deadline(new, 2027)
        assert [p.kind for p in before.parts] == [p.kind for p in after.parts]
        assert before.due is None or after.due == before.due.replace(year=before.due.year + 1)


@pytest.mark.parametrize("text, year, code, kept", [
    ("Theo lộ trình giai đoạn 2026 - 2030", 2026, RANGE, True),          # a range: never moved blindly
    ("Giai đoạn 2026-2030", 2026, RANGE, True),
    ("Trước ngày 29/02/2028", 2028, NO_SUCH_DAY, False),                  # 2029 has no 29 February
    ("Ngày 29/02", 2028, NO_SUCH_DAY, True),
    ("Trước 31/02/2026", 2026, UNREAD, True),                             # not understood: not moved
    ("Theo Kế hoạch số 12/KH-UBND ngày 10/01/2026 của UBND tỉnh", 2026, REFERENCE, True),
    ("Theo Quyết định số 12/2026/QĐ-UBND", 2026, REFERENCE, True),
    ("Quý II và Quý IV/2022", 2026, FAR_YEAR, False),
    ("Áp dụng ISO 9001:2015", 2026, CHANGED, True),
])
def test_what_cannot_be_moved_safely_is_flagged_with_a_reason(text, year, code, kept):
    shifted = shift_deadline(text, year, year + 1)
    assert [f.code for f in shifted.flags][-1:] == [code]
    assert all(f.message and f.message[0].isupper() for f in shifted.flags)    # a Vietnamese sentence
    assert (shifted.text == text) == kept


@pytest.mark.parametrize("old, new, document", [
    ("Trước ngày 15/02/2026 (theo Công văn số 123/SNV-CCHC ngày 05/01/2026)",
     "Trước ngày 15/02/2027 (theo Công văn số 123/SNV-CCHC ngày 05/01/2026)", "Công văn số 123/SNV-CCHC ngày 05/01/2026"),
    ("Quý I/2026 (Kế hoạch số 12/KH-UBND ngày 10/01/2026)", "Quý I/2027 (Kế hoạch số 12/KH-UBND ngày 10/01/2026)",
     "Kế hoạch số 12/KH-UBND ngày 10/01/2026"),
    ("Năm 2026 (theo Quyết định 1234/QĐ-UBND ngày 01/12/2025)", "Năm 2027 (theo Quyết định 1234/QĐ-UBND ngày 01/12/2025)",
     "Quyết định 1234/QĐ-UBND ngày 01/12/2025"),
    ("Trước ngày 15/02/2026 theo Công văn số 123/SNV-CCHC ngày 05/01/2026",
     "Trước ngày 15/02/2027 theo Công văn số 123/SNV-CCHC ngày 05/01/2026", "Công văn số 123/SNV-CCHC ngày 05/01/2026"),
    ("Quý II/2026 (theo Nghị quyết số 57-NQ/TW ngày 22/12/2024)", "Quý II/2027 (theo Nghị quyết số 57-NQ/TW ngày 22/12/2024)",
     "Nghị quyết số 57-NQ/TW ngày 22/12/2024"),
    ("Theo Quyết định 1234/QĐ-UBND năm 2026", "Theo Quyết định 1234/QĐ-UBND năm 2026", "Quyết định 1234/QĐ-UBND năm 2026"),
    ("Theo Công văn ngày 05/01/2026 của Sở Nội vụ", "Theo Công văn ngày 05/01/2026 của Sở Nội vụ",
     "Công văn ngày 05/01/2026"),
])
def test_a_cited_documents_date_is_kept_and_flagged_in_brackets_or_not(old, new, document):
    shifted = shift_deadline(old, 2026, 2027)
    assert shifted.text == new
    assert [f.code for f in shifted.flags] == [REFERENCE] and document in shifted.flags[0].message


@pytest.mark.parametrize("old, new", [
    ("Trước 14/12/2025", "Trước 14/12/2026"),
    ("Trước ngày 31/12/2025", "Trước ngày 31/12/2026"),
    ("Trong tháng 12/2025", "Trong tháng 12/2026"),
])
def test_a_moved_deadline_still_before_the_new_plans_year_is_flagged(old, new):
    shifted = shift_deadline(old, 2026, 2027)
    assert shifted.text == new and [f.code for f in shifted.flags] == [EARLY]
    assert "trước năm kế hoạch 2027" in shifted.flags[0].message


def test_the_29th_of_february_is_said_by_its_date():
    flag = shift_deadline("Trước ngày 29/02/2028", 2028, 2029).flags[0]
    assert "29/02/2029" in flag.message and "không có trên lịch" in flag.message


def test_realworld_phrases_name_no_old_year_unless_flagged():
    for line in REALWORLD.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        shifted = shift_deadline(line, 2025, 2026)
        assert shifted.flags or "2025" not in shifted.text, line
        assert not any(f.code == UNREAD for f in shifted.flags), line    # every real phrase is understood


@pytest.mark.parametrize("name, new", [
    ("Triển khai Nghị quyết số 05/NQ-HĐND năm 2026 của HĐND xã", "Triển khai Nghị quyết số 05/NQ-HĐND năm 2026 của HĐND xã"),
    ("Thực hiện Kế hoạch số 20/KH-UBND năm 2026 về chuyển đổi số", "Thực hiện Kế hoạch số 20/KH-UBND năm 2026 về chuyển đổi số"),
    ("Thực hiện Kế hoạch 20/KH-UBND năm 2026 và Kế hoạch CCHC năm 2026",
     "Thực hiện Kế hoạch 20/KH-UBND năm 2026 và Kế hoạch CCHC năm 2027"),
])
def test_a_cited_documents_year_in_a_name_is_kept(name, new):
    assert shift_name(name, 2026, 2027) == new


def test_names_and_titles_say_the_new_year():
    assert shift_name("Ban hành Kế hoạch CCHC năm 2026 của UBND xã", 2026, 2027) == \
        "Ban hành Kế hoạch CCHC năm 2027 của UBND xã"
    assert shift_name("Tự đánh giá Chỉ số CCHC NĂM 2025", 2026, 2027) == "Tự đánh giá Chỉ số CCHC NĂM 2026"
    assert shift_name("Chiến lược giai đoạn năm 2021-2030", 2026, 2027) == "Chiến lược giai đoạn năm 2021-2030"
    assert shift_name("Nghị định 154/2025/NĐ-CP", 2026, 2027) == "Nghị định 154/2025/NĐ-CP"
    assert shift_title("Kế hoạch CCHC xã Vĩnh Lộc năm 2026", 2026, 2027) == "Kế hoạch CCHC xã Vĩnh Lộc năm 2027"
    assert shift_title("Kế hoạch CCHC", 2026, 2027) == "Kế hoạch CCHC năm 2027"


# ----------------------------------------------------------------------------- the service


@pytest.mark.parametrize("name, deadline, recurring", [
    ("Kiểm tra công vụ", "Thường xuyên", True),
    ("Báo cáo CCHC", "Hằng quý, năm", True),
    ("Rà soát TTHC", "Theo hướng dẫn của Sở Nội vụ", True),
    ("Nâng cao chất lượng văn bản", "Cả năm 2026", True),
    ("Chuyển đổi số", "Theo lộ trình giai đoạn 2026 - 2030", True),
    ("Ban hành Kế hoạch CCHC năm 2026", "Trước ngày 10/01/2026", True),
    ("Tập huấn định kỳ cho công chức", "Quý III/2026", True),
    ("Kiểm kê tài sản công", "Tháng 01-03/2026", False),
    ("Sắp xếp bộ máy", "Sau khi sắp xếp đơn vị hành chính", False),
    ("Lập đề án", "Tháng 12, tháng 1/2027", False),
])
def test_what_recurs(name, deadline, recurring):
    from cchc_desktop.services.rollover import is_recurring
    assert is_recurring(name, parse_deadline(deadline, 2026), 2026) == recurring


def test_preview_lists_every_task_and_chooses_recurring_and_unfinished(session, demo):
    rows = {r.id: r for r in session.tasks.rows(demo)}
    preview = session.rollover.preview(demo)
    assert preview.year == 2027 and preview.title.endswith("năm 2027")
    assert [t.source_id for t in preview.tasks] == list(rows)           # every task, in the plan's order
    for task in preview.tasks:
        old = rows[task.source_id]
        assert task.carried == (old.status in (NOT_STARTED, IN_PROGRESS) and not task.recurring)
        assert task.note == ("Chuyển tiếp từ năm 2026" if task.carried else "")
        assert task.chosen == (task.recurring or task.carried or task.why.startswith("Có thể là việc hằng năm"))
        assert (task.code, task.product, task.lead_ids) == (old.code, old.product, [u.id for u in old.leads])
        assert task.flags or "2026" not in task.deadline_text
    recurring = {t.code for t in preview.tasks if t.recurring}
    assert {"14", "2", "11", "1"} <= recurring          # Thường xuyên, Theo yêu cầu…, a yearly plan "năm 2026"
    assert "13" not in recurring and not next(t for t in preview.tasks if t.code == "34").chosen   # done, one-off
    assert [p.kind for p in preview.calendar] == ["Q1", "H1", "Q3", "Y"]
    assert preview.calendar[0].start_on == date(2026, 12, 5) and preview.calendar[0].due_on == date(2027, 3, 7)
    assert preview.stocks["IV.3.1"] and preview.stock_source
    assert session.plans.list(2027) == [] and session.periods.list(2027) == []     # nothing written


def test_apply_creates_a_draft_in_one_transaction_with_its_audit_rows(session, demo):
    writes = session.one("SELECT writes FROM data_version")[0]
    preview = session.rollover.preview(demo, 2027)
    result = session.rollover.apply(preview)
    plan = session.plans.get(result.plan_id)
    assert plan.draft and plan.year == 2027 and plan.previous_plan_id == demo and not plan.number
    rows = session.tasks.rows(plan.id)
    assert len(rows) == result.tasks == len(preview.chosen_ids)
    assert {r.status for r in rows} == {NOT_STARTED}
    assert all(r.progress == 0 and not r.result and r.completed_on is None and r.evidence_count == 0 for r in rows)
    old = {r.id: r for r in session.tasks.rows(demo)}
    for row in rows:
        before = old[row.previous_id]
        assert (row.code, row.domain_code, row.product) == (before.code, before.domain_code, before.product)
        assert [u.id for u in row.leads] == [u.id for u in before.leads]
        assert [u.id for u in row.coordinators] == [u.id for u in before.coordinators]
        assert row.due_on == parse_deadline(row.deadline_text, 2027).due
    assert session.rollover.previous_task(rows[0].id).id == rows[0].previous_id
    kinds = {r[0] for r in session.rows("SELECT DISTINCT entity FROM audit_log WHERE plan_id = ? OR period_id IN "
                                        "(SELECT id FROM report_periods WHERE year = 2027)", (plan.id,))}
    assert {"plan", "task", "period", "stat"} <= kinds
    assert len(session.tasks.history(rows[0].id)) >= 1
    assert session.one("SELECT writes FROM data_version")[0] > writes


def test_a_failure_midway_writes_nothing(session, demo, monkeypatch):
    preview = session.rollover.preview(demo)
    plans, tasks = len(session.plans.list()), session.one("SELECT count(*) FROM tasks")[0]

    def broken(_preview):
        raise RuntimeError("mất điện")
    monkeypatch.setattr(session.rollover, "_write_stocks", broken)
    with pytest.raises(RuntimeError, match="mất điện"):
        session.rollover.apply(preview)
    assert len(session.plans.list()) == plans and session.one("SELECT count(*) FROM tasks")[0] == tasks
    assert session.periods.list(2027) == []


def test_the_calendar_is_moved_and_closed_periods_stay_closed(session, demo):
    closed_before = [(p.key, p.closed_at) for p in session.periods.list(2026)]
    values_before = {p.key: session.statistics.export_values(p) for p in session.periods.list(2026)}
    result = session.rollover.apply(session.rollover.preview(demo))
    new = session.periods.list(2027)
    old = session.periods.list(2026)
    assert len(new) == 4 and result.periods == 4
    for a, b in zip(old, new):
        assert a.kind == b.kind and not b.closed
        assert (b.start_on, b.end_on, b.due_on) == tuple(d.replace(year=d.year + 1) for d in
                                                         (a.start_on, a.end_on, a.due_on))
    assert [(p.key, p.closed_at) for p in old] == closed_before
    assert {p.key: session.statistics.export_values(p) for p in old} == values_before
    start = session.statistics.export_values(new[0])
    assert start["IV.3.1"] == values_before["2026-Y"].get("IV.3.1") or start["IV.3.1"]
    assert set(result.stocks) == set(start)


def test_an_existing_calendar_and_typed_values_are_kept(session, demo):
    periods = session.periods.ensure_year(2027)
    session.statistics.set_many(periods[0], {"IV.3.1": "30"})
    result = session.rollover.apply(session.rollover.preview(demo))
    assert result.periods == 0 and "IV.3.1" not in result.stocks
    assert session.statistics.export_values(periods[0])["IV.3.1"] == "30"


def test_a_draft_is_never_counted_in_the_statistics(session, demo):
    result = session.rollover.apply(session.rollover.preview(demo))
    q1 = session.periods.by_key("2027-Q1")
    assert session.statistics.default_plan_id(2027) is None
    assert session.statistics.form(q1).plan is None
    assert session.statistics.register_values(q1) == {}
    assert session.plans.pick(None, 2027).id == result.plan_id      # still the plan a command of 2027 means
    # numbered and dated: no longer a draft, and counted
    plan = session.plans.get(result.plan_id)
    session.plans.update(plan.id, PlanInput(plan.title, 2027, plan.kind, "12/KH-UBND", date(2026, 12, 20)))
    assert not session.plans.get(plan.id).draft
    assert session.statistics.default_plan_id(2027) == plan.id
    assert session.statistics.register_values(q1)
    assert any(e.field == "draft" for e in session.audit.for_entity("plan", plan.id))


def test_a_number_without_a_date_leaves_the_draft(session, demo):
    plan_id = session.rollover.apply(session.rollover.preview(demo)).plan_id
    plan = session.plans.get(plan_id)
    session.plans.update(plan_id, PlanInput(plan.title, 2027, plan.kind, "12/KH-UBND", None))
    session.plans.update(plan_id, PlanInput(plan.title, 2027, plan.kind, "/KH-UBND", date(2026, 12, 20)))
    assert session.plans.get(plan_id).draft and "Dự thảo" in session.plans.get(plan_id).display


def test_a_second_rollover_keeps_the_recurring_tasks_and_the_links_back(session, demo):
    first = session.rollover.apply(session.rollover.preview(demo, 2027))
    preview = session.rollover.preview(first.plan_id, 2028)
    assert all(t.flags or "2027" not in t.deadline_text for t in preview.tasks)
    second = session.rollover.apply(preview)
    rows_2026 = {r.id: r for r in session.tasks.rows(demo)}
    rows_2027 = {r.id: r for r in session.tasks.rows(first.plan_id)}
    rows_2028 = session.tasks.rows(second.plan_id)
    recurring_2027 = {r.code for r in rows_2027.values()
                      if next(t for t in preview.tasks if t.source_id == r.id).recurring}
    assert recurring_2027 <= {r.code for r in rows_2028}
    for row in rows_2028:            # 2028 → 2027 → 2026, the same task
        middle = rows_2027[row.previous_id]
        assert rows_2026[middle.previous_id].code == middle.code == row.code
        assert "2026" not in row.deadline_text and ("2027" not in row.deadline_text or
                                                     next(t for t in preview.tasks if t.code == row.code).flags)
    assert [p.kind for p in session.periods.list(2028)] == ["Q1", "H1", "Q3", "Y"]
    assert session.statistics.default_plan_id(2028) is None


def test_the_same_plan_is_not_rolled_over_twice_into_one_year(session, demo):
    preview = session.rollover.preview(demo)
    first = session.rollover.apply(preview)
    with pytest.raises(ValidationError) as info:
        session.rollover.apply(session.rollover.preview(demo))
    assert f"kế hoạch số {first.plan_id}" in str(info.value)
    assert len(session.plans.list(2027)) == 1
    session.plans.delete(first.plan_id)       # binned: a new one may be made
    assert session.rollover.apply(session.rollover.preview(demo)).plan_id != first.plan_id


@pytest.mark.parametrize("year", [2026, 2025, 2101])
def test_the_year_must_come_after_the_plans(session, demo, year):
    with pytest.raises(ValidationError, match=f"Năm {year} không hợp lệ cho kế hoạch năm sau của kế hoạch năm 2026"):
        session.rollover.preview(demo, year)


def test_sub_tasks_keep_their_parents(session, plan_id):
    parent = session.tasks.add(TaskInput(plan_id, "PAR", "III", "Rà soát thủ tục hành chính", code="3",
                                         deadline_text="Quý II/2026"))
    child = session.tasks.add(TaskInput(plan_id, "PAR", "III", "Rà soát lĩnh vực hộ tịch", parent, "3.1",
                                        deadline_text="Thường xuyên"))
    session.tasks.update_progress(parent, status=DONE, progress=100, completed_on=date(2026, 6, 1))
    session.tasks.update_progress(child, status=DONE, progress=100, completed_on=date(2026, 6, 1))
    preview = session.rollover.preview(plan_id)
    chosen = {t.code: t.chosen for t in preview.tasks}
    assert chosen == {"3": True, "3.1": True}     # the sub-task recurs: its parent comes with it
    result = session.rollover.apply(preview, [child])
    assert result.parents_added == ["3"]
    rows = {r.code: r for r in session.tasks.rows(result.plan_id)}
    assert rows["3.1"].parent_id == rows["3"].id and rows["3"].previous_id == parent


def test_a_binned_unit_is_left_behind_and_said(session, plan_id):
    unit = session.units.add("Tổ công tác tạm thời", "", "unit")
    session.tasks.add(TaskInput(plan_id, "PAR", "I", "Kiểm tra công vụ", deadline_text="Quý III/2026",
                                lead_ids=[unit, 1]))
    # a unit can only go while no live task holds it; a task restored from the bin afterwards still does
    session.conn.execute("UPDATE units SET deleted_at = '2026-06-01' WHERE id = ?", (unit,))
    (task,) = session.rollover.preview(plan_id).tasks
    assert task.lead_ids == [1] and task.flags[0].field == "units" and "Tổ công tác tạm thời" in task.flags[0].message


def test_nothing_chosen_is_refused(session, demo):
    with pytest.raises(ValidationError, match="Chưa chọn nhiệm vụ nào cho kế hoạch năm 2027"):
        session.rollover.apply(session.rollover.preview(demo), [])


# ----------------------------------------------------------------------------- the command


def test_command_line_rollover_of_the_demo(tmp_path):
    folder = tmp_path / "Dữ liệu xã"
    assert run("demo", data_dir=folder).returncode == 0
    dry = run("plans", "rollover", "--plan", "1", "--year", "2027", "--dry-run", "--json", data_dir=folder)
    assert dry.returncode == 0, dry.stderr
    preview = json.loads(dry.stdout)
    assert len(preview["tasks"]) == 42 and preview["year"] == 2027
    for task in preview["tasks"]:
        assert {"deadline_text", "old_deadline_text", "flags", "chosen"} <= set(task)
        assert task["flags"] or not re.search(r"(?<!\d)2026(?!\d)", task["deadline_text"]), task
    assert json.loads(run("plans", "list", "--json", data_dir=folder).stdout)[0]["year"] == 2026   # nothing written

    made = run("plans", "rollover", "--plan", "1", "--year", "2027", data_dir=folder)
    assert made.returncode == 0, made.stderr
    plan_id = int(re.search(r"kế hoạch số (\d+)", made.stdout).group(1))
    plans = {p["id"]: p for p in json.loads(run("plans", "list", "--json", data_dir=folder).stdout)}
    assert plans[plan_id]["year"] == 2027 and plans[plan_id]["draft"] is True
    tasks = json.loads(run("tasks", "list", "--plan", str(plan_id), "--json", data_dir=folder).stdout)
    assert len(tasks) == preview["chosen"]
    assert {t["status"] for t in tasks} == {"not_started"}          # "Chưa triển khai"
    old_ids = {t["id"] for t in json.loads(run("tasks", "list", "--plan", "1", "--json", data_dir=folder).stdout)}
    assert {t["previous_id"] for t in tasks} <= old_ids                 # each links back to last year's task
    carried = {t["source_id"] for t in preview["tasks"] if t["carried"] and t["chosen"]}
    assert {t["previous_id"] for t in tasks if t["note"] == "Chuyển tiếp từ năm 2026"} == carried
    flagged = {t["code"] for t in preview["tasks"] if t["flags"]}
    assert all(t["code"] in flagged or "2026" not in t["deadline_text"] for t in tasks)
    periods = run("periods", "list", "--year", "2027", "--json", data_dir=folder)
    assert len(json.loads(periods.stdout)) == 4

    # the new plan exported and imported again: the same plan, every task unchanged
    out = tmp_path / "ke-hoach-2027.xlsx"
    assert run("export-plan", "--plan", str(plan_id), "--format", "xlsx", "--out", str(out),
               data_dir=folder).returncode == 0
    back = json.loads(run("import-plan", str(out), "--json", data_dir=folder).stdout)
    assert (back["plan"], back["added"], back["updated"], back["unchanged"]) == (plan_id, 0, 0, len(tasks))
    # and into another data folder: the same tasks
    other = tmp_path / "Máy khác"
    fresh = json.loads(run("import-plan", str(out), "--json", data_dir=other).stdout)
    copied = json.loads(run("tasks", "list", "--plan", str(fresh["plan"]), "--json", data_dir=other).stdout)

    def key(t):
        return t["domain"], t["code"], t["name"], t["deadline_text"], t["product"], t["lead"], t["coordinators"]
    assert sorted(map(key, copied)) == sorted(map(key, tasks))

    again = run("plans", "rollover", "--plan", "1", "--year", "2027", data_dir=folder)
    assert again.returncode == 1 and "Đã có kế hoạch năm 2027" in again.stderr


_WORDS = ["Quý", "I", "II", "IV", "/", "2026", "2025", "2030", "Trước", "ngày", "10/01", "29/02", "31/12", "Tháng",
          "7-10", "năm", "Cả", "Thường xuyên", "Hằng quý", "-", ",", "và", "giai đoạn", "Theo", "Kế hoạch", "số",
          "12/2026/QĐ-UBND", ":", ".", "(", ")", "đến", "lộ trình", "hướng dẫn"]


def test_moving_any_text_never_raises_and_an_unflagged_one_means_the_same_a_year_later():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(_WORDS), max_size=9).map(" ".join), st.sampled_from([2025, 2026, 2027, 2028]))
    def check(text, year):
        shifted = shift_deadline(text, year, year + 1)
        if not shifted.flags:
            before, after = parse_deadline(text, year), parse_deadline(shifted.text, year + 1)
            assert [p.kind for p in before.parts] == [p.kind for p in after.parts]
            assert after.due is None or before.due is not None and (after.due - before.due).days in (365, 366, 364)
            years = re.compile(r"(?<!\d)(\d{4})(?!\d)(?!/[A-ZĐ])")       # not a document's number
            assert sorted(int(y) for y in years.findall(shifted.text)) == \
                sorted(int(y) + 1 for y in years.findall(text)), (text, shifted.text)
    check()


# ----------------------------------------------------------------------------- what a fresh tester found


def test_starting_values_are_the_latest_known_and_never_overwrite(session, demo):
    """A late rollover: next year's first quarter is closed already; its values are the newest, not last year's."""
    q1 = session.periods.by_key("2027-Q1")
    session.statistics.set_many(q1, {"III.1": "120", "IV.3.1": "25"})
    session.statistics.close(q1)
    h1 = session.periods.by_key("2027-H1")
    session.statistics.set_many(h1, {"IV.3.2": "3"})            # typed already: kept
    preview = session.rollover.preview(demo)
    assert preview.stocks["III.1"] == "120" and preview.stocks["IV.3.1"] == "25"
    assert preview.stock_sources["IV.3.1"] == "Quý I năm 2027" and "Quý I năm 2027 (2 chỉ tiêu)" in preview.stock_source
    assert preview.stock_target == h1.label and "IV.3.2" not in preview.stocks
    result = session.rollover.apply(preview)
    values = session.statistics.export_values(h1)
    assert (values["III.1"], values["IV.3.1"], values["IV.3.2"]) == ("120", "25", "3")
    assert "IV.3.2" not in result.stocks and "Quý I năm 2027" in result.summary(2027)
    assert session.statistics.export_values(q1)["IV.3.1"] == "25"       # the closed period untouched


def test_no_starting_values_when_every_period_of_the_new_year_is_closed(session, demo):
    for period in session.periods.ensure_year(2027):
        session.statistics.close(period)
    preview = session.rollover.preview(demo)
    assert preview.stocks == {} and any("đã chốt" in w for w in preview.warnings)
    assert session.rollover.apply(preview).stocks == []


def test_a_year_with_a_plan_of_its_own_is_warned_and_needs_a_confirmation(session, demo):
    own = session.plans.create(PlanInput("Kế hoạch CCHC xã Vĩnh Lộc năm 2027", 2027, "CCHC"))
    preview = session.rollover.preview(demo)
    assert [p.id for p in preview.other_plans] == [own]
    assert any(w.startswith("Năm 2027 đã có kế hoạch “Kế hoạch CCHC xã Vĩnh Lộc năm 2027”") for w in preview.warnings)
    assert preview.title.endswith("năm 2027 (tạo từ kế hoạch năm 2026)")     # the two told apart in the picker
    with pytest.raises(ValidationError) as info:
        session.rollover.apply(preview)
    assert "Năm 2027 đã có kế hoạch" in str(info.value)
    assert [p.id for p in session.plans.list(2027)] == [own]           # nothing written
    made = session.rollover.apply(preview, also=True)
    assert session.statistics.default_plan_id(2027) == own != made.plan_id   # the officer's own plan is counted
    other_kind = session.plans.create(PlanInput("Kế hoạch nâng cao Chỉ số PAPI", 2028, "PAPI"))
    assert other_kind and session.rollover.preview(made.plan_id, 2028).other_plans == []   # another kind: no clash


def test_a_renamed_task_is_listed_old_to_new_and_flagged(session, plan_id):
    yearly = session.tasks.add(TaskInput(plan_id, "PAR", "I", "Ban hành Kế hoạch CCHC năm 2026", code="1",
                                         deadline_text="Trước ngày 10/01/2026"))
    cited = session.tasks.add(TaskInput(plan_id, "PAR", "I", "Triển khai Nghị quyết số 05/NQ-HĐND năm 2026",
                                        code="2", deadline_text="Thường xuyên"))
    preview = session.rollover.preview(plan_id)
    by_id = {t.source_id: t for t in preview.tasks}
    assert by_id[yearly].name == "Ban hành Kế hoạch CCHC năm 2027"
    (flag,) = by_id[yearly].flags
    assert flag.field == "name" and flag.message == "Tên nhiệm vụ đã đổi “năm 2026” thành “năm 2027”; hãy xem lại."
    assert by_id[cited].name == "Triển khai Nghị quyết số 05/NQ-HĐND năm 2026" and by_id[cited].flags == []
    assert [(t["code"], t["old"], t["new"]) for t in preview.to_json()["renamed"]] == \
        [("1", "Ban hành Kế hoạch CCHC năm 2026", "Ban hành Kế hoạch CCHC năm 2027")]


def test_the_flags_stay_with_the_created_tasks(session, plan_id):
    stage = session.tasks.add(TaskInput(plan_id, "PAR", "VII", "Chuyển đổi số", code="1",
                                        deadline_text="Giai đoạn 2026-2030"))
    plain = session.tasks.add(TaskInput(plan_id, "PAR", "VII", "Kiểm tra công vụ", code="2",
                                        deadline_text="Thường xuyên"))
    result = session.rollover.apply(session.rollover.preview(plan_id))
    rows = {r.previous_id: r for r in session.tasks.rows(result.plan_id)}
    assert rows[stage].time_review and rows[stage].note.startswith("Cần xem lại thời gian: Giai đoạn nhiều năm")
    assert not rows[plain].review and result.first_flagged == ("PAR", "VII")
    from cchc_desktop.cli.tasks import task_json
    data = task_json(rows[stage], session.plans.get(result.plan_id), {}, date(2026, 12, 1))
    assert data["deadline"]["understood"] is False and data["review"]
    assert task_json(rows[plain], session.plans.get(result.plan_id), {}, date(2026, 12, 1))["deadline"]["understood"]
    # the deadline looked at and rewritten: the line goes
    task = session.tasks.input_for(rows[stage].id)
    task.deadline_text = "Cả năm 2027"
    session.tasks.update(rows[stage].id, task)
    assert not session.tasks.row(rows[stage].id).review


def test_a_look_at_next_years_calendar_writes_nothing(tmp_path):
    folder = tmp_path / "Dữ liệu"
    assert run("demo", data_dir=folder).returncode == 0
    look = run("periods", "list", "--year", "2027", "--json", data_dir=folder)
    assert look.returncode == 0 and [p["stored"] for p in json.loads(look.stdout)] == [False] * 4
    dry = json.loads(run("plans", "rollover", "--plan", "1", "--dry-run", "--json", data_dir=folder).stdout)
    assert dry["calendar_exists"] is False and len(dry["calendar"]) == 4


def test_an_untouched_automatic_calendar_is_moved_like_this_years(session, demo):
    year_end = session.periods.by_key("2026-Y")          # the officer's own date this year
    session.periods.update(year_end.id, year_end.start_on, year_end.end_on, date(2026, 12, 10))
    session.periods.ensure_year(2027)         # made by itself, from the preset, when a page needed the year
    preview = session.rollover.preview(demo)
    assert [(p.kind, n.due_on) for p, n in preview.redated] == [("Y", date(2027, 12, 10))]
    result = session.rollover.apply(preview)
    assert result.periods == 1 and result.redated and "Đã dời 1 kỳ" in result.summary(2027)
    assert session.periods.by_key("2027-Y").due_on == date(2027, 12, 10)
    assert any(e.field == "due_on" for e in session.audit.for_entity("period", session.periods.by_key("2027-Y").id))


def test_an_automatic_calendar_changed_by_the_officer_is_kept(session, demo):
    year_end = session.periods.by_key("2026-Y")
    session.periods.update(year_end.id, year_end.start_on, year_end.end_on, date(2026, 12, 10))
    made = session.periods.ensure_year(2027)[-1]
    session.periods.update(made.id, made.start_on, made.end_on, date(2027, 12, 20))
    assert session.rollover.preview(demo).redated == []
    session.rollover.apply(session.rollover.preview(demo))
    assert session.periods.by_key("2027-Y").due_on == date(2027, 12, 20)


@pytest.mark.parametrize("name, product, deadline, verdict", [
    ("Xây dựng Kế hoạch công tác cải cách thủ tục hành chính", "Quyết định ban hành Kế hoạch", "Quý I năm 2026", "yes"),
    ("Báo cáo kết quả thực hiện công tác dân vận chính quyền", "", "Tháng 11/2026", "yes"),
    ("Thực hiện tổng kiểm kê tài sản công", "Báo cáo", "Tháng 01-03/2026", "maybe"),
    ("Thực hiện Kế hoạch số 20/KH-UBND về chuyển đổi số", "", "Quý II/2026", ""),
    ("Sửa chữa trụ sở", "Công trình", "Quý II/2026", ""),
    ("Xây dựng Kế hoạch chuyển đổi số", "Kế hoạch", "Quý I/2025", ""),        # not this year's
])
def test_what_is_likely_yearly(name, product, deadline, verdict):
    from cchc_desktop.services.rollover import likely_yearly
    assert likely_yearly(name, product, parse_deadline(deadline, 2026), 2026) == verdict


def test_a_yearly_plan_done_last_year_is_ticked_and_said_why(session, demo):
    preview = session.rollover.preview(demo)
    by_code = {t.code: t for t in preview.tasks}
    assert by_code["13"].chosen and "Có thể là việc hằng năm" in by_code["13"].why and not by_code["13"].carried
    assert not by_code["34"].chosen and by_code["34"].why.startswith("Nên xem")
    assert [t.code for t in preview.worth_a_look] == ["34"]
