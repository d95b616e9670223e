"""Importing through the window: preview, corrections, one click to write; paste; export."""
from __future__ import annotations

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
    dialog = window.import_plan_file(path)
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
    dialog = window.import_plan_file(seed_file("000", "xlsx", tmp_path))
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
    dialog = window.import_from_clipboard()
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
    window.import_plan_file(bad)
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
    dialog = demo_window.export_plan()
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
