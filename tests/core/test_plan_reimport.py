"""Importing a file into an existing plan (issue 17, what a fresh tester found): the plan keeps its number, date
and title unless the file states them, and then the change is said."""
from __future__ import annotations

import json
from datetime import date

import pytest

from cchc_desktop.exporters.plan_export import export_plan
from cchc_desktop.model import PlanInput
from tests.core.test_cli import run


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_a_file_exported_before_numbering_keeps_the_plans_number_and_date(session, demo, tmp_path, fmt):
    draft = session.rollover.apply(session.rollover.preview(demo)).plan_id
    path = export_plan(session, draft, tmp_path / f"du-thao.{fmt}", fmt)          # no number, no date yet
    plan = session.plans.get(draft)
    session.plans.update(draft, PlanInput(plan.title, 2027, plan.kind, "12/KH-UBND", date(2026, 12, 20)))
    result = session.plan_import.apply(session.plan_import.preview(path), plan_id=draft)
    after = session.plans.get(draft)
    assert (after.number, after.issued_on, after.title, after.draft) == ("12/KH-UBND", date(2026, 12, 20),
                                                                         plan.title, False)
    assert result.plan_changes == {} and "Thông tin kế hoạch" not in result.summary()


def test_a_file_that_states_other_details_changes_them_and_says_so(session, plan_id, tmp_path):
    from cchc_desktop.model import TaskInput
    session.tasks.add(TaskInput(plan_id, "PAR", "I", "Kiểm tra công vụ", code="1", deadline_text="Quý II/2026"))
    path = export_plan(session, plan_id, tmp_path / "ke-hoach.xlsx", "xlsx")      # 235/KH-UBND, 08/01/2026
    session.plans.update(plan_id, PlanInput("Kế hoạch CCHC năm 2026 (sửa)", 2026, "CCHC", "240/KH-UBND",
                                            date(2026, 1, 20)))
    result = session.plan_import.apply(session.plan_import.preview(path), plan_id=plan_id)
    plan = session.plans.get(plan_id)
    assert (plan.number, plan.issued_on, plan.title) == ("235/KH-UBND", date(2026, 1, 8), "Kế hoạch CCHC năm 2026")
    assert set(result.plan_changes) == {"title", "number", "issued_on"}
    assert "số, ký hiệu “240/KH-UBND” → “235/KH-UBND”" in result.summary()
    assert "ngày ban hành “20/01/2026” → “08/01/2026”" in result.summary()


def test_the_command_says_what_the_file_changed(tmp_path):
    folder = tmp_path / "Dữ liệu"
    assert run("demo", data_dir=folder).returncode == 0
    made = run("plans", "rollover", "--plan", "1", "--json", data_dir=folder)
    plan_id = json.loads(made.stdout)["plan"]
    out = tmp_path / "du-thao.xlsx"
    assert run("export-plan", "--plan", str(plan_id), "--format", "xlsx", "--out", str(out),
               data_dir=folder).returncode == 0
    back = json.loads(run("import-plan", str(out), "--plan", str(plan_id), "--json", data_dir=folder).stdout)
    assert back["plan_changes"] == {} and back["updated"] == 0


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_the_carry_mark_and_the_review_notes_travel_in_the_appendix(session, demo, tmp_path, fmt, workspace):
    from cchc_desktop.model import TaskInput
    session.tasks.add(TaskInput(demo, "PAR", "VII", "Chuyển đổi số", code="43", deadline_text="Giai đoạn 2026-2030"))
    draft = session.rollover.apply(session.rollover.preview(demo)).plan_id
    notes = {(r.domain_code, r.code): r.note for r in session.tasks.rows(draft) if r.note}
    assert "Chuyển tiếp từ năm 2026" in notes.values()
    path = export_plan(session, draft, tmp_path / f"ke-hoach.{fmt}", fmt)
    from cchc_desktop.workspace import Workspace
    other = Workspace(tmp_path / "Máy khác")
    other.prepare()
    with other.session() as there:
        result = there.plan_import.apply(there.plan_import.preview(path))
        copied = {(r.domain_code, r.code): r.note for r in there.tasks.rows(result.plan_id) if r.note}
        assert copied == notes
        assert there.tasks.row(next(r.id for r in there.tasks.rows(result.plan_id) if r.code == "43")).time_review
    again = session.plan_import.apply(session.plan_import.preview(path), plan_id=draft)    # back: nothing changes
    assert (again.added, again.updated) == (0, 0)
