"""The plan register as an officer uses it: plans, tasks, sub-tasks, status, evidence, search."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

from cchc_desktop.model import DONE, IN_PROGRESS, SUSPENDED
from tests.gui.conftest import open_progress, visible_dialog
from ui.dialogs.evidence_dialogs import AttachDialog
from ui.dialogs.task_dialog import TaskDialog
from ui.dialogs.welcome_dialog import WelcomeDialog


def _new_plan(window, wait_jobs, title="Kế hoạch CCHC xã Thử Nghiệm năm 2026"):
    dialog = window.plan_actions.new_plan()
    dialog.ui.title.setText(title)
    dialog.ui.number.setText("235/kh-ubnd")
    dialog.ui.year.setValue(2026)
    dialog.ui.issued_on.set_value(date(2026, 1, 8))
    dialog.save_button.click()
    wait_jobs()
    return dialog


def _add_task(window, wait_jobs, qtbot, *, name, deadline="", parent_id=None, domain="III"):
    view = window.show_domain("PAR", domain)
    if parent_id is None:
        view.ui.add_button.click()
    else:
        view.select_task(parent_id)
        view.ui.add_sub_button.click()
    dialog = visible_dialog(TaskDialog)
    dialog.ui.name.setPlainText(name)
    dialog.ui.deadline.setText(deadline)
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.save_button.click()
    wait_jobs()
    return saved.args[0], view


def test_first_start_offers_profile_or_demo(window, wait_jobs, qtbot):
    welcome = window.first_run()
    assert isinstance(welcome, WelcomeDialog) and welcome.isVisible()
    welcome.demo_button.click()
    wait_jobs()
    demo = window.demo_window      # the demo opens in its own folder and window; this folder stays empty
    qtbot.addWidget(demo)
    assert window.plan_combo.count() == 0 and not window.ctx.session.plans.list()
    assert demo.ctx.workspace.data_dir != window.ctx.workspace.data_dir
    assert demo.plan_combo.count() == 1
    assert "Vĩnh Lộc" in demo.windowTitle()
    assert demo.tabs.count() == 9  # Tổng quan + I..VIII; no PAPI section, no PAPI tabs
    assert demo.demo_banner.isVisible() and "DỮ LIỆU MẪU" in demo.demo_banner.label.text()
    assert not window.demo_banner.isVisible()
    assert demo.first_run() is None  # never again once set up
    demo.close()


def test_create_plan_add_task_and_subtask(window, ctx, wait_jobs, qtbot):
    _new_plan(window, wait_jobs)
    assert window.plan_combo.count() == 1
    plan = ctx.session.plans.get(ctx.plan_id)
    assert plan.number == "235/KH-UBND"  # tidied as printed
    parent_id, view = _add_task(window, wait_jobs, qtbot, name="Rà soát, đơn giản hóa thủ tục hành chính",
                                deadline="Quý I/2026")
    child_id, _ = _add_task(window, wait_jobs, qtbot, name="Rà soát TTHC lĩnh vực hộ tịch", parent_id=parent_id,
                            deadline="Tháng 02/2026")
    assert window.current_view() is view
    parent_index = view.model.index_for_task(parent_id)
    assert view.model.rowCount(parent_index) == 1  # the sub-task sits under its parent
    child = ctx.session.tasks.row(child_id)
    assert (child.code, child.parent_id, child.domain_code) == ("1.1", parent_id, "III")
    assert view.current_task_id() == child_id  # the new task is selected


def test_validation_error_shows_inline_and_keeps_typing(window, wait_jobs, qtbot):
    _new_plan(window, wait_jobs)
    view = window.show_domain("PAR", "I")
    view.ui.add_button.click()
    dialog = visible_dialog(TaskDialog)
    dialog.ui.deadline.setText("Quý I/2026")
    dialog.save_button.click()
    wait_jobs()
    assert dialog.isVisible()
    assert "Chưa nhập nội dung nhiệm vụ" in dialog.error.text()
    assert dialog.ui.deadline.text() == "Quý I/2026"
    dialog.reject()


def test_status_progress_and_suspension_reason(demo_window, ctx, wait_jobs, qtbot):
    task_id, view, dialog = open_progress(demo_window, "PAR", "II")
    dialog.ui.status.setCurrentIndex(dialog.ui.status.findData(SUSPENDED))
    dialog.save_button.click()
    wait_jobs()
    assert "lý do" in dialog.error.text()  # a suspended task needs its reason
    dialog.ui.reason.setText("Chờ hướng dẫn của tỉnh")
    dialog.save_button.click()
    wait_jobs()
    assert not dialog.isVisible()
    row = ctx.session.tasks.row(task_id)
    assert row.status == SUSPENDED and row.status_reason == "Chờ hướng dẫn của tỉnh"
    view.edit_current(1)
    dialog = visible_dialog(TaskDialog)
    dialog.ui.status.setCurrentIndex(dialog.ui.status.findData(DONE))
    assert dialog.ui.progress.value() == 100
    assert dialog.ui.completed_on.value() == date(2026, 11, 25)
    dialog.ui.result.setPlainText("Đã hoàn thành.")
    dialog.save_button.click()
    wait_jobs()
    row = ctx.session.tasks.row(task_id)
    assert (row.status, row.progress, row.completed_on) == (DONE, 100, date(2026, 11, 25))
    history = [(e.field, e.new_value) for e in ctx.session.tasks.history(task_id)]
    assert ("status", DONE) in history and ("status", SUSPENDED) in history
    assert view.ui.detail.history.rowCount() >= 4


def test_attach_through_file_dialog(demo_window, ctx, wait_jobs, qtbot, tmp_path, monkeypatch):
    scan = tmp_path / "123-QD-UBND ngày 15-01-2026.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(scan)], ""))
    view = demo_window.show_domain("PAR", "II")
    task_id = view.model.roots[1].row.id
    view.select_task(task_id)
    view.ui.detail.attach_button.click()
    dialog = visible_dialog(AttachDialog)
    assert dialog.ui.table.item(0, 1).text() == "123/QĐ-UBND"  # number pre-filled from the name
    assert dialog.date_field(0).value() == date(2026, 1, 15)       # the date from the name, in a date field
    dialog.ui.table.item(0, 4).setText("Quyết định kiện toàn Ban chỉ đạo")
    dialog.save_button.click()
    wait_jobs()
    items = ctx.session.evidence.list(task_id)
    assert [(e.file_name, e.doc_number, e.summary) for e in items] == [
        (scan.name, "123/QĐ-UBND", "Quyết định kiện toàn Ban chỉ đạo")]
    assert view.ui.detail.evidence.rowCount() == 1
    assert view.model.nodes[task_id].row.evidence_count == 1


def _drop(widget, paths, pos: QPoint):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(event)
    return event


def test_attach_by_dropping_on_a_task_row(demo_window, ctx, wait_jobs, qtbot, tmp_path):
    photo = tmp_path / "Ảnh hội nghị tập huấn.jpg"
    photo.write_bytes(b"\xff\xd8\xff photo")
    view = demo_window.show_domain("PAR", "V")
    target = view.model.roots[2].row.id
    tree = view.ui.tree
    rect = tree.visualRect(view.model.index_for_task(target))
    event = _drop(tree, [photo], rect.center())
    assert event.isAccepted()
    dialog = visible_dialog(AttachDialog)
    assert dialog.task_id == target
    dialog.save_button.click()
    wait_jobs()
    assert [e.file_name for e in ctx.session.evidence.list(target)] == [photo.name]


def _drop_on_evidence_list(window, domain: str, path):
    """``path`` dropped on the evidence list of the second task of ``domain``: (that task, the attach dialog)."""
    view = window.show_domain("PAR", domain)
    task_id = view.model.roots[1].row.id
    view.select_task(task_id)
    _drop(view.ui.detail.evidence, [path], QPoint(10, 10))
    return task_id, visible_dialog(AttachDialog)


def test_drop_on_the_evidence_list_attaches_to_the_selected_task(demo_window, ctx, wait_jobs, tmp_path):
    doc = tmp_path / "Báo cáo 45_BC-UBND.docx"
    doc.write_bytes(b"PK docx")
    task_id, dialog = _drop_on_evidence_list(demo_window, "VI", doc)
    assert dialog.task_id == task_id
    assert dialog.ui.table.item(0, 1).text() == "45/BC-UBND"
    dialog.save_button.click()
    wait_jobs()
    assert ctx.session.evidence.list(task_id)[0].doc_number == "45/BC-UBND"


def test_an_attached_files_date_is_typed_as_in_every_date_field(demo_window, ctx, wait_jobs, tmp_path):
    """Typed "8/1/26" is 08/01/2026; a date that is not one is refused naming the file, and nothing is attached."""
    scan = tmp_path / "Biên bản kiểm tra.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    task_id, dialog = _drop_on_evidence_list(demo_window, "II", scan)
    before = len(ctx.session.evidence.list(task_id))
    dialog.date_field(0).edit.setText("31/02/2026")
    dialog.save_button.click()
    wait_jobs()
    assert dialog.isVisible() and dialog.error.text().startswith("Tệp “Biên bản kiểm tra.pdf”: ")
    assert len(ctx.session.evidence.list(task_id)) == before
    dialog.date_field(0).edit.setText("8/1/26")
    dialog.save_button.click()
    wait_jobs()
    assert ctx.session.evidence.list(task_id)[-1].doc_date == date(2026, 1, 8)


@pytest.mark.parametrize("query", ["cai cach", "CẢI CÁCH", "cải cách"])
def test_search_ignores_case_and_diacritics(demo_window, query):
    view = demo_window.show_domain("PAR", "III")
    total = len(view.rows)
    view.ui.search.setText(query)
    shown = _visible_task_ids(view)
    assert 0 < len(shown) < total
    assert all("cai cach" in view.model.nodes[i].key for i in shown)
    assert "Tìm thấy" in view.ui.count_label.text()
    view.ui.search.clear()
    assert len(_visible_task_ids(view)) == total


def test_filters_by_lead_unit_and_status(demo_window, ctx):
    view = demo_window.show_domain("PAR", "I")
    combo = view.ui.lead_filter
    combo.setCurrentIndex(combo.findText("Văn phòng HĐND và UBND"))
    shown = _visible_task_ids(view)
    assert shown and all(any(u.name == "Văn phòng HĐND và UBND" for u in view.model.nodes[i].row.leads)
                         for i in shown)
    combo.setCurrentIndex(0)
    view.ui.status_filter.setCurrentIndex(view.ui.status_filter.findData(DONE))
    assert {view.model.nodes[i].row.status for i in _visible_task_ids(view)} == {DONE}
    view.ui.status_filter.setCurrentIndex(view.ui.status_filter.findData(IN_PROGRESS))
    assert {view.model.nodes[i].row.status for i in _visible_task_ids(view)} == {IN_PROGRESS}


def test_sorting_by_evidence_count(demo_window):
    view = demo_window.show_domain("PAR", "I")
    view.ui.tree.sortByColumn(7, Qt.SortOrder.DescendingOrder)
    first = view.model.index(0, 0).data(Qt.ItemDataRole.UserRole + 2)
    assert view.model.nodes[first].row.evidence_count == 1
    view.ui.tree.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    codes = [view.model.index(r, 0).data() for r in range(view.model.rowCount())]
    assert codes == sorted(codes, key=int)


def test_overdue_task_appears(window, ctx, wait_jobs, qtbot):
    _new_plan(window, wait_jobs)
    task_id, view = _add_task(window, wait_jobs, qtbot, name="Ban hành Kế hoạch kiểm tra công vụ",
                              deadline="Trước ngày 01/11/2026", domain="V")
    node = view.model.nodes[task_id]
    assert node.overdue
    index = view.model.index_for_task(task_id)
    status = view.model.index(index.row(), 6, index.parent())
    assert "quá hạn 25 ngày" in status.data()
    assert status.data(Qt.ItemDataRole.BackgroundRole) is not None  # it stands out
    tab = window.tabs.indexOf(window.pages[("PAR", "V")])
    assert not window.tabs.tabIcon(tab).isNull()  # the tab carries a red badge
    window.tabs.setCurrentIndex(0)
    assert window.overview.overdue.rowCount() == 1
    assert window.overview.overdue.item(0, 1).text() == "1"


def test_finished_late_is_shown(demo_window):
    view = demo_window.show_domain("PAR", "VI")
    late = [n for n in view.model.nodes.values() if n.row.finished_late]
    assert late and "muộn" in late[0].row.state_label(date(2026, 11, 25))


def test_delete_and_undo_and_trash(demo_window, ctx, wait_jobs, monkeypatch):
    monkeypatch.setattr("ui.widgets.confirm", lambda *a, **k: True)
    view = demo_window.show_domain("PAR", "II")
    task_id = view.model.roots[0].row.id
    view.select_task(task_id)
    view.ui.delete_button.click()
    wait_jobs()
    assert task_id not in view.model.nodes
    assert demo_window.undo_button.isVisible()
    demo_window.undo_button.click()
    wait_jobs()
    assert task_id in view.model.nodes
    view.select_task(task_id)
    view.ui.delete_button.click()
    wait_jobs()
    trash = demo_window.open_trash()
    assert trash.tasks.rowCount() == 1
    trash.tasks.selectRow(0)
    trash.restore_button.click()
    wait_jobs()
    assert trash.tasks.rowCount() == 0 and task_id in view.model.nodes
    trash.close()


def test_verify_reports_a_missing_file(demo_window, ctx, wait_jobs):
    blob = ctx.session.evidence.for_plan(ctx.plan_id)[0]
    path = ctx.session.evidence.store.path_for(blob.sha256)
    path.chmod(0o600)
    path.unlink()
    dialog = demo_window.verify_evidence()
    wait_jobs()
    assert dialog.report is not None and not dialog.report.ok
    assert "bị mất hoặc bị thay đổi" in dialog.summary.text()
    # the demo's self-assessment uses the same file for item I.1.1: both records are named
    assert dialog.table.rowCount() == 2
    assert {dialog.table.item(row, 1).text() for row in range(2)} == {
        f"nhiệm vụ STT {ctx.session.tasks.row(blob.task_id).code}", "tiêu chí I.1.1 (Chỉ số CCHC năm 2026)"}
    dialog.close()


def test_papi_tab_appears_only_with_papi_tasks(window, ctx, wait_jobs, qtbot):
    _new_plan(window, wait_jobs)
    assert all(fw == "PAR" for fw, _ in window.pages)
    view = window.show_domain("PAR", "I")
    view.ui.add_button.click()
    dialog = visible_dialog(TaskDialog)
    dialog.ui.domain.setCurrentIndex(dialog.ui.domain.findData("PAPI:II"))
    dialog.ui.name.setPlainText("Công khai thu, chi ngân sách xã")
    dialog.save_button.click()
    wait_jobs()
    assert ("PAPI", "II") in window.pages
    assert window.current_view() is window.view_for("PAPI", "II")


def test_switching_plans_and_years(window, ctx, wait_jobs):
    _new_plan(window, wait_jobs, "Kế hoạch CCHC năm 2026")
    dialog = window.plan_actions.new_plan()
    dialog.ui.title.setText("Kế hoạch CCHC năm 2027")
    dialog.ui.year.setValue(2027)
    dialog.save_button.click()
    wait_jobs()
    assert ctx.session.plans.get(ctx.plan_id).year == 2027
    window.year_combo.setCurrentIndex(window.year_combo.findData(2026))
    assert window.plan_combo.count() == 1
    assert ctx.session.plans.get(ctx.plan_id).year == 2026


def _visible_task_ids(view) -> set[int]:
    found, stack = set(), [view.model.index(r, 0) for r in range(view.model.rowCount())]
    while stack:
        index = stack.pop()
        found.add(index.data(Qt.ItemDataRole.UserRole + 2))
        stack.extend(view.model.index(r, 0, index) for r in range(view.model.rowCount(index)))
    return found


def test_demo_never_touches_the_communes_data(window, ctx, wait_jobs, qtbot):
    """Issue 12.1: Mở dữ liệu mẫu on a folder with the commune's data leaves every task, value and the
    calendar as they were; the demo opens in its own folder, with a banner."""
    from cchc_desktop.model import PlanInput
    session = ctx.session
    plan_id = session.plans.create(PlanInput("Kế hoạch CCHC năm 2026", 2026, "CCHC", "235/KH-UBND", date(2026, 1, 8)))
    session.periods.apply_preset(2026, "vinh_loc")
    q1 = session.periods.by_key("2026-Q1")
    session.statistics.set_value(q1, "III.4.1", "999")

    def snapshot():
        return ([tuple(r) for r in session.rows("SELECT * FROM tasks")],
                [tuple(r) for r in session.rows("SELECT period_id, indicator_id, raw FROM stat_values")],
                [tuple(r) for r in session.rows("SELECT * FROM report_periods")],
                [tuple(r) for r in session.rows("SELECT * FROM plans")])
    before = snapshot()
    window.refresh_plans(select=plan_id)
    window.plan_actions.load_demo()
    wait_jobs()
    demo = window.demo_window
    qtbot.addWidget(demo)
    assert snapshot() == before
    assert session.statistics.form(q1).cells["III.4.1"].value == 999
    assert demo.demo_banner.isVisible() and not window.demo_banner.isVisible()
    assert len(demo.ctx.session.tasks.rows(demo.ctx.plan_id)) == 42
    demo.close()
