"""Importing through the window: preview, corrections, one click to write; paste; export."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from cchc_desktop.importers.columns import DEADLINE, PRODUCT
from tests.gui.conftest import visible_dialog
from tests.support.seed_documents import seed_file
from ui.dialogs.import_dialog import ImportDialog


def _count_tasks(tree) -> int:
    total, stack = 0, [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        for i in range(item.childCount()):
            total += 1
            stack.append(item.child(i))
    return total


def test_import_a_word_plan_end_to_end(window, ctx, wait_jobs, tmp_path):
    path = seed_file("004", "docx", tmp_path)
    dialog = window.plan_actions.import_plan_file(path)
    wait_jobs()
    assert _count_tasks(dialog.ui.tree) == 42
    assert "42 nhiệm vụ trong 7 lĩnh vực" in dialog.ui.summary.text()
    assert dialog.ui.number.text() == "/KH-UBND" and dialog.ui.year.value() == 2026
    dialog.ui.import_button.click()
    wait_jobs()
    assert not dialog.isVisible()
    plan = ctx.session.plans.get(ctx.plan_id)
    assert plan.title == "Kế hoạch cải cách hành chính trên địa bàn xã Vĩnh Lộc năm 2026"
    assert len(ctx.session.tasks.rows(plan.id)) == 42
    assert "Đã nhập kế hoạch mới" in window.message_label.text()
    assert window.tabs.count() == 9


def test_correct_columns_and_domain_in_the_preview(window, ctx, wait_jobs, tmp_path):
    dialog = window.plan_actions.import_plan_file(seed_file("000", "xlsx", tmp_path))
    wait_jobs()
    index = dialog.loaded.preview.tables[0].index

    def box_for(role):  # the boxes are rebuilt after every re-reading
        return next(b for b in dialog.role_boxes[index] if b.currentData() == role)
    product_column = dialog.role_boxes[index].index(box_for(PRODUCT))
    box_for(DEADLINE).setCurrentIndex(box_for(DEADLINE).findData(PRODUCT))
    wait_jobs()
    box = dialog.role_boxes[index][product_column]
    box.setCurrentIndex(box.findData(DEADLINE))
    wait_jobs()
    first = dialog.loaded.preview.tasks[0]
    assert first.product == "Trong năm 2026" and first.deadline_text.startswith("Hoàn thành 100%")
    group = dialog.ui.tree.topLevelItem(0)
    group.child(0).setSelected(True)
    dialog.ui.move_domain.setCurrentIndex(dialog.ui.move_domain.findData("PAR:VII"))
    dialog.ui.move_button.click()
    wait_jobs()
    moved = [t for t in dialog.loaded.preview.tasks if t.source == first.source][0]
    assert moved.domain == "VII"
    dialog.reject()
    assert ctx.session.plans.list() == []  # nothing written until "Nhập"


def test_paste_a_table_from_excel(window, ctx, wait_jobs):
    QApplication.clipboard().setText("STT\tNhiệm vụ\tChủ trì\tPhối hợp\tThời gian\n"
                                     "III\tCải cách thủ tục hành chính\t\t\t\n"
                                     "1\tNiêm yết công khai TTHC\tTTPVHCC\tCác phòng chuyên môn\tThường xuyên\n")
    dialog = window.plan_actions.import_from_clipboard()
    wait_jobs()
    assert _count_tasks(dialog.ui.tree) == 1
    dialog.ui.title.setText("Kế hoạch CCHC năm 2026 (dán)")
    dialog.ui.import_button.click()
    wait_jobs()
    rows = ctx.session.tasks.rows(ctx.plan_id)
    assert [(r.domain_code, r.code, r.lead_names) for r in rows] == [("III", "1", "Trung tâm Phục vụ hành chính công")]


def test_a_bad_file_says_why_and_writes_nothing(window, ctx, wait_jobs, tmp_path, qtbot):
    bad = tmp_path / "ke-hoach-cu.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000)
    from PySide6.QtWidgets import QMessageBox
    window.plan_actions.import_plan_file(bad)
    wait_jobs()
    box = visible_dialog(QMessageBox)
    assert "định dạng Word/Excel cũ" in box.text() and ".docx" in box.informativeText()
    box.close()
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, ImportDialog) and w.isVisible()]
    assert ctx.session.plans.list() == []


def test_export_from_the_window(demo_window, ctx, wait_jobs, tmp_path, monkeypatch):
    target = tmp_path / "gửi đơn vị" / "danh-muc"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog = demo_window.plan_actions.export_plan()
    dialog.word.setChecked(True)
    dialog.with_status.setChecked(True)
    dialog.choose_file()
    wait_jobs()
    written = target.with_name("danh-muc.docx")
    assert written.exists() and "Đã xuất ra" in demo_window.message_label.text()
    import docx
    table = docx.Document(str(written)).tables[0]
    assert [c.text for c in table.rows[0].cells][-4:] == ["Trạng thái", "Tiến độ (%)", "Kết quả thực hiện",
                                                           "Ngày hoàn thành"]


def _items(tree):
    stack, found = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())], []
    while stack:
        item = stack.pop(0)
        for i in range(item.childCount()):
            found.append(item.child(i))
            stack.append(item.child(i))
    return found


def test_flagged_cells_are_yellow_and_can_be_corrected_in_place(window, ctx, wait_jobs, tmp_path):
    from tests.support.plan_builder import Cell, write
    rows = [[Cell("STT"), Cell("Nhiệm vụ"), Cell("Chủ trì"), Cell("Thời gian")],
            [Cell("III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH", cs=4)],
            [Cell("1"), Cell("Niêm yết thủ tục hành chính"), Cell("Trung tâm Phục vụ hành chính công"),
             Cell("Đợt cao điểm của xã")],
            [Cell("2"), Cell("Số hóa hồ sơ"), Cell("Trung tâm Phục vụ hành chính công"), Cell("Hằng tháng")]]
    path = write("docx", tmp_path / "ke-hoach", ["KẾ HOẠCH CCHC NĂM 2026"], rows)
    dialog = window.plan_actions.import_plan_file(path)
    wait_jobs()
    first, second = _items(dialog.ui.tree)
    assert first.background(4).color().name() == "#fff1c2" and "Chưa hiểu thời gian" in first.toolTip(4)
    assert second.background(4).style() == Qt.BrushStyle.NoBrush   # nothing to check there
    assert "1 nhiệm vụ có ô tô vàng" in dialog.ui.summary.text()
    dialog.ui.only_flagged.setChecked(True)
    assert not first.isHidden() and second.isHidden()
    first.setText(4, "Quý II/2026")
    wait_jobs()
    task = dialog.loaded.preview.tasks[0]
    assert (task.deadline_text, task.deadline.understood, task.flags) == ("Quý II/2026", True, [])
    assert "ô tô vàng" not in dialog.ui.summary.text()
    dialog.ui.import_button.click()
    wait_jobs()
    rows = ctx.session.tasks.rows(ctx.plan_id)
    assert [r.deadline_text for r in rows] == ["Quý II/2026", "Hằng tháng"]


def test_an_unreadable_table_is_mapped_by_hand_in_the_window(window, ctx, wait_jobs, tmp_path):
    from cchc_desktop.importers.columns import CODE, DEADLINE, LEAD, NAME
    from tests.support.plan_builder import Cell, write
    rows = [[Cell("Số"), Cell("Việc"), Cell("Ai làm"), Cell("Bao giờ")],
            [Cell("1"), Cell("Rà soát quy chế làm việc"), Cell("Phòng Kinh tế"), Cell("Quý II/2026")]]
    dialog = window.plan_actions.import_plan_file(write("xlsx", tmp_path / "ke-hoach", ["KẾ HOẠCH CCHC NĂM 2026"], rows))
    wait_jobs()
    assert dialog.ui.tabs.currentIndex() == 1 and not dialog.ui.import_button.isEnabled()
    problem = dialog.ui.columns_page.widget().findChild(type(dialog.ui.summary), "tableProblem")
    assert "không thấy cột tên nhiệm vụ" in problem.text() and "Ai làm" in problem.text()
    for role in (CODE, NAME, LEAD, DEADLINE):
        boxes = dialog.role_boxes[0]
        column = (CODE, NAME, LEAD, DEADLINE).index(role)
        boxes[column].setCurrentIndex(boxes[column].findData(role))
        wait_jobs()
    task, = dialog.loaded.preview.tasks
    assert (task.name, task.lead_text, task.deadline_text) == ("Rà soát quy chế làm việc", "Phòng Kinh tế",
                                                               "Quý II/2026")
    assert dialog.ui.import_button.isEnabled()
    dialog.reject()
