"""Issue 12: official numbers never change behind the officer's back."""
from __future__ import annotations

from datetime import date

import pytest

from cchc_desktop.model import DONE, IN_PROGRESS, PlanInput, TaskInput
from cchc_desktop.workspace import Clock


def _task(session, plan_id, name, code, domain="I"):
    return session.tasks.add(TaskInput(plan_id, "PAR", domain, name, None, code, "", "Quý I/2026", [], []))


def _on(session, day: date):
    session.clock = Clock(day)
    session.profile.invalidate()


@pytest.fixture
def register(session):
    """A plan of three tasks, recorded in January; the BNV calendar (Q1 cut-off 14/03, H1 14/06)."""
    _on(session, date(2026, 1, 10))
    plan = session.plans.create(PlanInput("Kế hoạch CCHC năm 2026", 2026, "CCHC", "235/KH-UBND", date(2026, 1, 8)))
    ids = [_task(session, plan, f"Nhiệm vụ số {n}", str(n)) for n in (1, 2, 3)]
    session.periods.apply_preset(2026, "bnv")
    _on(session, date(2026, 3, 1))
    session.tasks.update_progress(ids[0], status=DONE, progress=100, result="Đã ban hành kế hoạch",
                                  completed_on=date(2026, 2, 20))
    session.tasks.update_progress(ids[1], status=IN_PROGRESS, progress=30, result="Đang dự thảo")
    return plan, ids


def test_a_task_finished_after_the_cutoff_counts_in_the_next_period(session, register):
    plan, ids = register
    _on(session, date(2026, 4, 20))
    session.tasks.update_progress(ids[1], status=DONE, progress=100, result="KẾT QUẢ VIẾT SAU NGÀY CHỐT",
                                  completed_on=date(2026, 4, 15))
    q1, h1 = session.periods.by_key("2026-Q1"), session.periods.by_key("2026-H1")
    assert session.statistics.form(q1).cells["I.2.2"].value == 1
    assert session.statistics.form(h1).cells["I.2.2"].value == 2
    from cchc_desktop.services.history import rows_as_of
    then = {r.id: r for r in rows_as_of(session, session.tasks.rows(plan), q1.end_on)}
    assert then[ids[1]].status == IN_PROGRESS and then[ids[1]].progress == 30
    assert then[ids[1]].result == "Đang dự thảo"
    assert then[ids[0]].status == DONE and then[ids[0]].result == "Đã ban hành kế hoạch"


def test_a_closed_period_never_moves(session, register):
    plan, ids = register
    q1 = session.periods.by_key("2026-Q1")
    _on(session, date(2026, 3, 16))
    session.statistics.set_value(q1, "III.4.1", "120")
    before = session.statistics.form(q1)
    session.statistics.close(q1)
    q1 = session.periods.by_key("2026-Q1")
    frozen = [c.to_json() for c in session.statistics.form(q1).cells.values()]
    assert [c.to_json() for c in before.cells.values()] == frozen
    # Later: a task finished with a date inside Q1, more tasks, another plan of the year.
    _on(session, date(2026, 5, 2))
    session.tasks.update_progress(ids[2], status=DONE, progress=100, completed_on=date(2026, 3, 1))
    _task(session, plan, "Nhiệm vụ thêm sau khi chốt", "4")
    other = session.plans.create(PlanInput("Kế hoạch nâng cao Chỉ số PAR INDEX 2026", 2026, "CCHC", "",
                                           date(2026, 1, 2)))
    _task(session, other, "Nhiệm vụ của kế hoạch khác", "1")
    form = session.statistics.form(q1)
    assert form.plan.id == plan                      # the scope stays the year's first CCHC plan
    assert [c.to_json() for c in form.cells.values()] == frozen
    assert form.cells["I.2.1"].value == 3 and form.cells["I.2.1"].register_now == 4     # marked, not changed
    assert form.cells["I.2.2"].value == 1 and form.cells["I.2.2"].register_now == 2
    session.statistics.reopen(q1, "Bổ sung nhiệm vụ hoàn thành trong quý")
    q1 = session.periods.by_key("2026-Q1")
    again = session.statistics.form(q1, plan)
    assert again.cells["I.2.1"].value == 4 and again.cells["I.2.2"].value == 2 and not again.drifted


def test_a_report_states_the_facts_at_its_cutoff_in_one_scope(session, register):
    """Issue 12.3 and 12.4: two plans in the year; each report's body and Phụ lục I and II count the plan
    reported on, as it stood at the cut-off; text written after the cut-off never appears."""
    plan, ids = register
    q1 = session.periods.by_key("2026-Q1")
    session.statistics.set_value(q1, "III.4.1", "120")
    _on(session, date(2026, 4, 2))
    other = session.plans.create(PlanInput("Kế hoạch nâng cao Chỉ số CCHC năm 2026", 2026, "CCHC", "",
                                           date(2026, 1, 20)))
    for n in range(1, 6):
        _task(session, other, f"Nhiệm vụ PAR INDEX {n}", str(n), domain="III")
    _on(session, date(2026, 9, 20))
    session.tasks.update_progress(ids[1], status=DONE, progress=100, result="KẾT QUẢ VIẾT TRONG QUÝ III",
                                  completed_on=date(2026, 9, 18))
    for plan_id, total in ((plan, 3), (other, 5)):
        built = session.reports.build(plan_id, "periodic", q1.id)
        text = built.document.plain_text()
        facts = built.context.scope_facts(None)
        assert facts.total == total
        assert built.context.form.cells["I.2.1"].value == total            # Phụ lục II = the body
        assert built.context.form.cells["I.2.2"].value == facts.done
        assert "Số liệu tính đến ngày 14/03/2026" in text
        assert "KẾT QUẢ VIẾT TRONG QUÝ III" not in text
    built = session.reports.build(plan, "periodic", q1.id)
    then = {r.id: r for r in built.context.rows}
    assert then[ids[1]].progress == 30 and then[ids[1]].result == "Đang dự thảo"
    assert "Đang dự thảo" in built.document.plain_text()


def test_text_never_becomes_a_formula_in_any_workbook(session, register, tmp_path):
    """Issue 12.6: every workbook the program writes (the four report kinds, the plan export, the
    statistics form) keeps text typed with a leading '=' as text."""
    import openpyxl

    from cchc_desktop.exporters.plan_export import export_plan
    from cchc_desktop.exporters.stats_xlsx import export_statistics
    plan, ids = register
    link = '=HYPERLINK("http://example.invalid","Bấm vào đây")'
    session.tasks.add(TaskInput(plan, "PAR", "II", link, None, "9", "=1+1", "Quý I/2026", [], []))
    session.tasks.update_progress(ids[1], status=IN_PROGRESS, progress=40, result="=SUM(1,2)")
    q1 = session.periods.by_key("2026-Q1")
    session.statistics.set_comment(q1, "III.4.1", "=2+2")
    books = []
    for kind, period in (("periodic", q1.id), ("tasks", None), ("evidence", None), ("overdue", None)):
        out = tmp_path / f"{kind}.xlsx"
        session.reports.write(plan, kind, period, "xlsx", out)
        books.append(out)
    books.append(export_plan(session, plan, tmp_path / "ke-hoach.xlsx", "xlsx", with_status=True))
    books.append(export_statistics(session, q1.id, tmp_path / "bieu.xlsx"))
    seen = set()
    for path in books:
        book = openpyxl.load_workbook(path)
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and cell.value in (link, "=1+1", "=SUM(1,2)", "=2+2"):
                        seen.add(cell.value)
                    if cell.data_type == "f":
                        assert path.name == "bieu.xlsx" and cell.value.startswith("=IF(OR("), (path, cell.value)
    assert link in seen and "=SUM(1,2)" in seen and "=2+2" in seen


def test_text_longer_than_an_excel_cell_says_it_was_cut(session, register, tmp_path):
    """Excel holds 32 767 characters in a cell and cuts the rest with no sign (a task listing 3 000
    evidence files lost 884 of them): the program cuts first and says so in the cell."""
    import openpyxl

    from cchc_desktop.workbooks import EXCEL_CELL_LIMIT
    plan, ids = register
    folder = tmp_path / "minh chứng"
    folder.mkdir()
    files = []
    for i in range(1, 801):
        files.append(folder / f"Quyết định số {i:04d} về việc triển khai nhiệm vụ cải cách.pdf")
        files[-1].write_bytes(f"tệp {i}".encode())
    for start in range(0, len(files), 400):
        session.evidence.attach(ids[0], files[start:start + 400])
    out = tmp_path / "tasks.xlsx"
    session.reports.write(plan, "tasks", None, "xlsx", out)
    cells = [c.value for sheet in openpyxl.load_workbook(out).worksheets for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str) and "0001" in c.value]
    assert cells and len(cells[0]) <= EXCEL_CELL_LIMIT
    assert cells[0].endswith("không vừa một ô Excel: xem bản PDF hoặc Word]")
