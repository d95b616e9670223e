"""The statistics form in the window: typing saves at once, checks show at the value, closing."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem

from tests.gui.conftest import visible_dialog
from ui.models.stats_model import COL_CHECK, COL_FOLLOW, COL_VALUE, VIOLATION_BG


def _open(window, ctx, wait_jobs, key="2026-Q1"):
    period = ctx.session.periods.by_key(key)
    view = window.show_statistics(period.id)
    wait_jobs()
    wait_jobs()
    return view, period


def _type(view, wait_jobs, code, text, column=COL_VALUE):
    tree = view.select(code, column)
    model = tree.model()
    assert model.setData(model.index_of(code, column), text, Qt.ItemDataRole.EditRole)
    wait_jobs()
    return model


def test_typing_saves_and_checks(window, ctx, wait_jobs):
    view, period = _open(window, ctx, wait_jobs)
    assert view.form.period.id == period.id and len(view.models) == 7
    _type(view, wait_jobs, "III.4.2", "100")
    model = _type(view, wait_jobs, "III.4.3", "110")
    assert ctx.session.statistics.form(period).cells["III.4.3"].entry.raw == "110"   # saved, no button
    bad = model.index_of("III.4.3")
    assert bad.data(Qt.ItemDataRole.BackgroundRole).color() == VIOLATION_BG
    assert "không thể lớn hơn" in model.index_of("III.4.3", COL_CHECK).data()
    assert "2 lỗi" in view.ui.summary.text()
    assert not view.ui.tabs.tabIcon(2).isNull()          # the domain tab shows its error count
    ratio = model.index_of("III.4.4")
    assert ratio.data() == "110 %" and not (model.flags(ratio) & Qt.ItemFlag.ItemIsEditable)
    _type(view, wait_jobs, "III.4.3", "95")
    assert model.index_of("III.4.4").data() == "95 %" and "0 lỗi" in view.ui.summary.text()


def test_yes_no_is_picked_not_typed(window, ctx, wait_jobs):
    view, _period = _open(window, ctx, wait_jobs)
    tree = view.select("I.4")
    editor = tree.itemDelegate().createEditor(tree.viewport(), QStyleOptionViewItem(), tree.currentIndex())
    assert isinstance(editor, QComboBox) and editor.itemText(2).startswith("Có")
    editor.setCurrentIndex(2)
    tree.itemDelegate().setModelData(editor, tree.model(), tree.currentIndex())
    wait_jobs()
    assert tree.currentIndex().data() == "Có"


def test_comment_follow_up_and_history(window, ctx, wait_jobs, monkeypatch):
    view, period = _open(window, ctx, wait_jobs)
    _type(view, wait_jobs, "II.1", "2")
    _type(view, wait_jobs, "II.1", "3")
    model = view.models["II"]
    model.setData(model.index_of("II.1", COL_FOLLOW), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    wait_jobs()
    assert ctx.session.statistics.form(period).cells["II.1"].entry.follow_up
    view.select("II.1")
    view.show_history()
    from ui.dialogs.stats_dialogs import ValueHistoryDialog
    dialog = visible_dialog(ValueHistoryDialog)
    assert dialog.table.rowCount() == 3
    dialog.close()


def test_register_value_needs_a_note_to_override(demo_window, ctx, wait_jobs, monkeypatch):
    view, period = _open(demo_window, ctx, wait_jobs, "2026-Y")
    model = view.models["I"]
    assert model.index_of("I.2.1").data() == "42"
    monkeypatch.setattr(type(view), "_ask", lambda self, title, label: ("", False))
    _type(view, wait_jobs, "I.2.2", "9")
    assert ctx.session.statistics.form(period).cells["I.2.2"].value == 6    # refused without a note
    monkeypatch.setattr(type(view), "_ask", lambda self, title, label: ("Cộng nhiệm vụ tỉnh giao", True))
    _type(view, wait_jobs, "I.2.2", "9")
    cell = ctx.session.statistics.form(period).cells["I.2.2"]
    assert (cell.value, cell.entry.override_note) == (9, "Cộng nhiệm vụ tỉnh giao")


def test_close_and_reopen(window, ctx, wait_jobs, monkeypatch):
    view, period = _open(window, ctx, wait_jobs)
    _type(view, wait_jobs, "VII.2.1", "10")
    _type(view, wait_jobs, "VII.2.2", "12")
    view.ui.close_button.click()
    wait_jobs()
    assert not ctx.session.periods.get(period.id).closed
    assert view.current_code() == "VII.2.2"                 # taken to the first error instead
    _type(view, wait_jobs, "VII.2.2", "9")
    monkeypatch.setattr("ui.widgets.confirm", lambda *a, **k: True)
    view.ui.close_button.click()
    wait_jobs()
    assert ctx.session.periods.get(period.id).closed and view.ui.close_button.text() == "Mở lại…"
    model = view.models["VII"]
    assert not (model.flags(model.index_of("VII.2.2")) & Qt.ItemFlag.ItemIsEditable)
    assert view.ui.banner.isVisible()
    monkeypatch.setattr(type(view), "_ask", lambda self, title, label: ("Bổ sung số văn bản", True))
    view.ui.close_button.click()
    wait_jobs()
    assert not ctx.session.periods.get(period.id).closed


def test_calendar_and_deadline_reminder(window, ctx, wait_jobs):
    view, _period = _open(window, ctx, wait_jobs)
    dialog = view.open_calendar()
    assert dialog.table.rowCount() == 4
    dialog.preset.setCurrentIndex(dialog.preset.findData("vinh_loc"))
    dialog.third.setCurrentIndex(dialog.third.findData("9M"))
    apply = [b for b in dialog.findChildren(type(view.ui.copy_button)) if b.text().startswith("Áp dụng")][0]
    apply.click()
    wait_jobs()
    assert dialog.table.item(2, 0).text() == "9 tháng năm 2026" and dialog.table.item(2, 3).text() == "07/09/2026"
    dialog.close()
    ctx.clock._today = __import__("datetime").date(2026, 12, 3)
    window.check_deadlines()
    assert window.reminder.isVisible() and "07/12/2026 (còn 4 ngày)" in window.reminder.label.text()


def test_excel_import_previews_conflicts(window, ctx, wait_jobs, tmp_path, monkeypatch):
    import openpyxl
    from PySide6.QtWidgets import QFileDialog

    from cchc_desktop.exporters.stats_xlsx import export_statistics
    view, period = _open(window, ctx, wait_jobs)
    _type(view, wait_jobs, "III.4.1", "50")
    out = export_statistics(ctx.session, period.id, tmp_path / "don-vi-gui-lai.xlsx")
    book = openpyxl.load_workbook(out)
    sheet = book.active
    for row in sheet.iter_rows(min_row=8):
        if row[7].value == "III.4.1":
            row[3].value = 60
        if row[7].value == "III.5.1":
            row[3].value = 4
    book.save(out)
    _type(view, wait_jobs, "III.4.1", "55")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(out), ""))
    view.import_xlsx()
    wait_jobs()
    from ui.dialogs.stats_dialogs import StatsImportDialog
    dialog = visible_dialog(StatsImportDialog)
    assert dialog.table.rowCount() == 2 and "1 xung đột" in dialog.summary.text()
    assert ctx.session.statistics.form(period).cells["III.5.1"].value is None   # nothing written yet
    dialog.apply_button.click()
    wait_jobs()
    cells = ctx.session.statistics.form(period).cells
    assert (cells["III.4.1"].value, cells["III.5.1"].value) == (55, 4)         # ours kept unless asked


def test_rules_are_edited_as_data(window, ctx, wait_jobs):
    view, period = _open(window, ctx, wait_jobs)
    catalog = view.open_catalog()
    rules = catalog.edit_rules()
    assert rules.table.rowCount() == 13
    rules._add_row("II.2", ">=", "II.4", "Số VBQPPL kiểm tra phải không ít hơn số có kiến nghị xử lý.")
    rules.save_button.click()
    wait_jobs()
    assert len(ctx.session.statistics.rules(2026)) == 14
    ctx.session.statistics.set_many(period, {"II.2": "1", "II.4": "3"})
    assert "không ít hơn" in ctx.session.statistics.form(period).cells["II.2"].violations[0]
    rules = catalog.edit_rules()
    rules._add_row("II.99", "<=", "II.1", "sai mã")
    rules.save_button.click()
    wait_jobs()
    assert "không có trong danh mục" in rules.error.text() and rules.isVisible()
    rules.reject()
    catalog.close()


def test_quick_edits_of_one_cell_land_in_the_order_typed(window, ctx, wait_jobs):
    view, period = _open(window, ctx, wait_jobs)
    tree = view.select("III.4.1")
    model = tree.model()
    for text in ("100", "150", "200"):          # no waiting between edits
        model.setData(model.index_of("III.4.1"), text, Qt.ItemDataRole.EditRole)
    wait_jobs()
    assert ctx.session.statistics.form(period).cells["III.4.1"].entry.raw == "200"
    assert view.form.cells["III.4.1"].value == 200


def _province_sheet(path, header, rows):
    """A province's sheet as a commune fills it: title, header, "I. TITLE" rows merged across."""
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Biểu 01b"
    sheet.append(["PHỤ LỤC: SỐ LIỆU KẾT QUẢ CÔNG TÁC CCHC QUÝ I NĂM 2026"])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
        if len(row) == 1:
            sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=len(header))
    book.save(path)
    return path


def _open_import(view, wait_jobs, monkeypatch, path):
    from PySide6.QtWidgets import QFileDialog

    from ui.dialogs.stats_dialogs import StatsImportDialog
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    view.import_xlsx()
    wait_jobs()
    return visible_dialog(StatsImportDialog)


def test_import_asks_which_column_when_two_could_be_the_values(window, ctx, wait_jobs, tmp_path, monkeypatch):
    view, period = _open(window, ctx, wait_jobs)
    path = _province_sheet(tmp_path / "bieu.xlsx", ["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Kết quả"], [
        ["I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"], ["1", "Số văn bản chỉ đạo CCHC đã ban hành", "Văn bản", 3, 4],
        ["III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH"], ["1", "Tổng số TTHC đang áp dụng", "Thủ tục", "100", "1.120"]])
    dialog = _open_import(view, wait_jobs, monkeypatch, path)
    combo = dialog.column
    assert combo.currentIndex() == 0 and combo.currentData() is None           # none chosen for the officer
    assert [combo.itemText(i) for i in range(1, combo.count())] == ["“Số liệu” (cột D)", "“Kết quả” (cột E)"]
    assert dialog.table.rowCount() == 0 and not dialog.apply_button.isEnabled()
    assert "2 cột" in dialog.summary.text()
    combo.setCurrentIndex(2)                                                     # re-read with "Kết quả"
    wait_jobs()
    assert combo.currentData() == "Biểu 01b!E" and dialog.table.rowCount() == 2
    cells = [[dialog.table.item(r, c).text() for c in range(6)] for r in range(2)]
    assert cells[1][0] == "III.1" and cells[1][2] == "Biểu 01b!E6" and cells[1][3:5] == ["(trống)", "1.120"]
    combo.setCurrentIndex(1)                                                     # and back to "Số liệu"
    wait_jobs()
    assert dialog.table.item(1, 4).text() == "100"
    dialog.apply_button.click()
    wait_jobs()
    values = ctx.session.statistics.form(period).cells
    assert (values["I.1"].value, values["III.1"].value) == (3, 100)


def test_import_preview_shows_every_row_with_its_cell(window, ctx, wait_jobs, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt
    view, period = _open(window, ctx, wait_jobs)
    ctx.session.statistics.set_many(period, {"I.1": "4"})
    path = _province_sheet(tmp_path / "ba-cot.xlsx",
                           ["STT", "Chỉ tiêu", "Đơn vị tính", "Kỳ trước", "Kỳ báo cáo", "Lũy kế"], [
        ["I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"], ["1", "Số văn bản chỉ đạo CCHC đã ban hành", "Văn bản", 2, 4, 6],
        ["II. CẢI CÁCH THỂ CHẾ"], ["1", "Số VBQPPL đã ban hành", "Văn bản", 1, "x", 1],
        ["III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH"], ["4.2", "Số hồ sơ giải quyết đúng hạn", "Hồ sơ", 80, 90, 170],
        ["4.5", "Số hồ sơ chưa giải quyết quá hạn", "Hồ sơ", "1,245", "1,245", ""],
        ["9", "Số cuộc họp giao ban", "Cuộc", 1, 3, 4]])
    dialog = _open_import(view, wait_jobs, monkeypatch, path)
    assert dialog.column.currentData() == "Biểu 01b!E" and dialog.column.count() == 2
    rows = {dialog.table.item(r, 0).text(): [dialog.table.item(r, c).text() for c in range(6)]
            for r in range(dialog.table.rowCount())}
    assert "I.1" not in rows                                   # unchanged rows wait behind the check box
    assert rows["II.1"][2:5] == ["Biểu 01b!E6", "(trống)", "không áp dụng"]
    assert "III.4.2" in rows["III.4.3"][5] and "Cần kiểm tra" in rows["III.4.3"][5]
    assert rows["III.4.3"][5].startswith("cần kiểm tra — không được nhập") and "thay đổi" not in rows["III.4.3"][5]
    assert "hai cách" in rows["III.4.5"][5]
    assert rows["—"][1] == "Số cuộc họp giao ban" and "Không khớp danh mục" in rows["—"][5]
    dialog.all_rows.setChecked(True)
    assert any(dialog.table.item(r, 0).text() == "I.1" for r in range(dialog.table.rowCount()))
    flagged = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == "III.4.3")
    dialog.table.item(flagged, 0).setCheckState(Qt.CheckState.Checked)          # the officer confirms it
    dialog.apply_button.click()
    wait_jobs()
    values = ctx.session.statistics.form(period).cells
    assert (values["III.4.3"].value, values["III.4.5"].value, values["II.1"].value) == (90, None, None)


def test_statistics_page_follows_a_task_completed_elsewhere(demo_window, ctx, wait_jobs):
    """Issue 12.5: a write job that tells no view by hand still refreshes the statistics page, because
    the page subscribes to the kinds of data the write recorded."""
    from datetime import date

    from cchc_desktop.model import DONE
    view, period = _open(demo_window, ctx, wait_jobs, "2026-Y")
    before = view.form.cells["I.2.2"].value
    open_task = next(r for r in ctx.session.tasks.rows(ctx.plan_id)
                     if r.status != DONE and not ctx.session.tasks.children(r.id))
    ctx.jobs.run("hoàn thành", lambda s, _r: s.tasks.update_progress(
        open_task.id, status=DONE, progress=100, completed_on=date(2026, 11, 20)))
    wait_jobs()
    wait_jobs()
    assert view.form.cells["I.2.2"].value == before + 1
    model = view.models[view.form.cells["I.2.2"].indicator.domain]
    assert model.data(model.index_of("I.2.2", COL_VALUE)) == str(int(before + 1))


@pytest.mark.parametrize("width", [1100, 780])
def test_the_catalog_fits_its_dialog_without_scrolling_sideways(window, ctx, wait_jobs, qtbot, width):
    """On a 1366-pixel screen (1 100) and in a narrow window (780): the name keeps 40 %, the rest wraps."""
    view, _period = _open(window, ctx, wait_jobs)
    catalog = view.open_catalog()
    catalog.resize(width, 620)
    qtbot.waitExposed(catalog)
    table = catalog.table
    qtbot.waitUntil(lambda: sum(table.columnWidth(c) for c in range(7)) <= table.viewport().width(), timeout=2000)
    qtbot.waitUntil(lambda: not table.horizontalScrollBar().isVisible(), timeout=2000)
    qtbot.waitUntil(lambda: table.columnWidth(1) >= 0.4 * table.viewport().width(), timeout=2000)   # its share
    catalog.close()
