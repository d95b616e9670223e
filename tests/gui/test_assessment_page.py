"""Issue 16.2: the "Chỉ số CCHC" page — from an empty year to a closed self-assessment, as an officer goes."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox, QStyleOptionViewItem

from cchc_desktop.resources import resource_path
from tests.gui.conftest import visible_dialog
from ui.assessment_model import (COL_EXPLAIN, COL_EVIDENCE, COL_NAME, COL_PROVINCE, COL_SCORE, COL_VALUE, KAD,
                                 SAMPLE_FILE)
from ui.pages import ASSESSMENT

YEAR = 2026


@pytest.fixture
def page(window, wait_jobs):
    """The page on a fresh folder: 2026 has no assessment yet."""
    view = window.show_page(ASSESSMENT)
    wait_jobs()
    return view


@pytest.fixture
def sample(page, wait_jobs):
    """The page after "Dùng bộ chỉ số mẫu"."""
    page.ui.sample_button.click()
    wait_jobs()
    return page


def _edit(page, wait_jobs, code: str, value: str) -> None:
    index = page.model.index_of(code, COL_VALUE)
    assert page.model.setData(index, value)
    wait_jobs()


def _cell(page, code: str, column: int) -> str:
    return page.model.index_of(code, column).data() or ""


def test_an_empty_year_offers_the_provinces_sheet_and_the_sample(page, window):
    ui = page.ui
    assert ui.stack.currentWidget() is ui.empty_page
    assert "Năm 2026 chưa có bộ chỉ số" in ui.empty_title.text()
    assert ui.load_button.isVisible() and ui.sample_button.isVisible()
    assert not ui.start_button.isVisible()            # no earlier year to start from
    assert not ui.close_button.isEnabled() and not ui.package_button.isEnabled()
    assert window.windowTitle().startswith("Chỉ số CCHC")


def test_the_sample_set_loads_into_a_tree_marked_as_a_sample(sample, ctx):
    ui, model = sample.ui, sample.model
    assert ui.stack.currentWidget() is ui.content
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == \
        ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    leaves = [i for i in sample.view.items if i.is_leaf]
    assert len(leaves) == 28
    assert model.index_of("III.2.1", COL_NAME).data() == "Tỷ lệ hồ sơ giải quyết đúng hạn"
    domain = model.index(0, COL_NAME)
    assert domain.data(Qt.ItemDataRole.FontRole).bold()            # domain rows bold
    assert ui.sample_banner.isVisible() and "BỘ CHỈ SỐ MẪU" in ui.sample_banner.label.text()
    assert "MẪU" in ui.set_line.text()
    assert "Chưa chấm tiêu chí nào: tự chấm <b>0</b> / 70 điểm" in ui.totals.text() and "cả bộ 100 điểm" in ui.totals.text()
    assert ui.tree.isExpanded(model.index_of("III.2", 0))
    assert ui.panel.title.text().startswith("<b>I.1.1. ")        # the first item is shown at once
    sample.select("I")                                              # a domain: its totals, no editing
    assert ui.panel.leaf.isHidden() and "Tự chấm 0 / 12 điểm" in ui.panel.facts.text()
    assert ctx.session.assessment.find(YEAR) is not None


def test_a_value_typed_in_the_tree_is_scored_at_once(sample, wait_jobs, ctx):
    _edit(sample, wait_jobs, "III.2.1", "96,5")
    assert _cell(sample, "III.2.1", COL_SCORE) == "4"
    assert _cell(sample, "III.2", COL_SCORE) == "4" and _cell(sample, "III", COL_SCORE) == "4"
    assert "Tự chấm <b>4</b> / 70 điểm" in sample.ui.totals.text()
    _edit(sample, wait_jobs, "III.2.1", "99")
    assert _cell(sample, "III.2.1", COL_SCORE) == "6"
    assert "Tự chấm <b>6</b> / 70 điểm" in sample.ui.totals.text()
    assert ctx.session.assessment.view(YEAR).item("III.2.1").value == "99"


def test_the_editor_fits_the_rule(sample, wait_jobs):
    tree, model = sample.ui.tree, sample.model
    delegate = tree.itemDelegateForColumn(COL_VALUE)
    options = model.index_of("I.1.1", COL_VALUE)
    box = delegate.createEditor(tree.viewport(), QStyleOptionViewItem(), options)
    assert isinstance(box, QComboBox)
    labels = [box.itemText(i) for i in range(box.count())]
    assert labels[0] == "(chưa khai)" and labels[-1] == "Không áp dụng"
    assert "Ban hành không kịp thời — 0,5 điểm" in labels
    box.setCurrentIndex(box.findData("Ban hành không kịp thời"))
    delegate.setModelData(box, model, options)
    wait_jobs()
    assert _cell(sample, "I.1.1", COL_SCORE) == "0,5"
    box.deleteLater()
    ratio = delegate.createEditor(tree.viewport(), QStyleOptionViewItem(), model.index_of("III.2.2", COL_VALUE))
    assert isinstance(ratio, QLineEdit) and "45/50" in ratio.placeholderText()
    ratio.setText("9/10")
    delegate.setModelData(ratio, model, model.index_of("III.2.2", COL_VALUE))
    wait_jobs()
    assert _cell(sample, "III.2.2", COL_VALUE) == "9/10" and _cell(sample, "III.2.2", COL_SCORE) == "1,8"
    ratio.deleteLater()
    survey = model.index_of("VIII.1", COL_VALUE)
    assert not model.flags(survey) & Qt.ItemFlag.ItemIsEditable
    assert survey.data() == "Cấp trên chấm" and _cell(sample, "VIII.1", COL_SCORE) == "—"
    assert not model.setData(survey, "80")


def test_not_applicable_either_earns_the_maximum_or_leaves_the_total(sample, wait_jobs):
    _edit(sample, wait_jobs, "I.4", KAD)                 # its rule: không phát sinh → điểm tối đa
    assert _cell(sample, "I.4", COL_VALUE) == "Không áp dụng" and _cell(sample, "I.4", COL_SCORE) == "2"
    _edit(sample, wait_jobs, "II.1.1", "kad")            # the set's default: left out of the total
    assert _cell(sample, "II.1.1", COL_SCORE) == "Không tính"
    assert sample.view.totals.max_self == 69
    assert "Tự chấm <b>2</b> / 69 điểm" in sample.ui.totals.text()


def test_a_refused_value_is_said_in_the_standard_dialog(sample, wait_jobs, qtbot):
    _edit(sample, wait_jobs, "III.2.1", "-5")
    box = visible_dialog(QMessageBox)
    assert "không được âm" in box.text()
    box.close()
    assert _cell(sample, "III.2.1", COL_VALUE) == ""


def test_an_explanation_is_saved_as_typed_and_the_missing_list_follows(sample, wait_jobs, ctx, qtbot):
    _edit(sample, wait_jobs, "I.1.1", "Ban hành kịp thời")
    ui = sample.ui
    assert ui.missing.isVisible() and "href='I.1.1'" in ui.missing.text()
    assert _cell(sample, "I.1.1", COL_EXPLAIN) == "thiếu"
    ui.missing.linkActivated.emit("I.1.1")                 # a click on the code in the list
    assert sample.code == "I.1.1"
    assert "bắt buộc" in ui.panel.explanation_title.text()
    ui.panel.explanation.setPlainText("Kế hoạch ban hành kèm Quyết định 12/QĐ-UBND, bản giấy lưu tại văn thư.")
    qtbot.waitUntil(lambda: not sample.saver.idle or ctx.jobs.busy, timeout=3000)
    qtbot.waitUntil(lambda: sample.saver.idle and not ctx.jobs.busy, timeout=5000)
    assert ctx.session.assessment.view(YEAR).item("I.1.1").explanation.startswith("Kế hoạch ban hành")
    assert not ui.missing.isVisible()
    assert _cell(sample, "I.1.1", COL_EXPLAIN) == "✓"


def test_evidence_attached_to_an_item_counts_and_replaces_the_explanation(sample, wait_jobs, tmp_path):
    _edit(sample, wait_jobs, "II.1.1", "có")
    sample.select("II.1.1")
    source = tmp_path / "15-KH-UBND ngay 20-01-2026.pdf"
    source.write_bytes(b"%PDF-1.4 ke hoach")
    sample.attach([source])
    wait_jobs()
    assert _cell(sample, "II.1.1", COL_EVIDENCE) == "1" and _cell(sample, "II.1.1", COL_EXPLAIN) == ""
    panel = sample.ui.panel
    assert panel.evidence.count() == 1 and panel.evidence.item(0).text().startswith("15-KH-UBND")
    assert "15-KH-UBND" in panel.evidence.item(0).text() and "20/01/2026" in panel.evidence.item(0).text()
    assert panel.evidence_title.text() == "Minh chứng (1)"


def test_a_flagged_rule_is_put_right_in_the_rule_dialog(sample, wait_jobs):
    from ui.dialogs.assessment_dialogs import RuleDialog
    model, ui = sample.model, sample.ui
    assert "href='VI.1'" in ui.flagged.text()
    assert model.index_of("VI.1", COL_NAME).data(Qt.ItemDataRole.DecorationRole) is not None
    ui.flagged.linkActivated.emit("VI.1")
    assert "nhỏ hơn điểm tối đa" in ui.panel.rule.text()
    dialog = sample.edit_rule()
    assert isinstance(dialog, RuleDialog) and dialog.ui.confirm_button.isVisible()
    assert dialog.kind == "yesno"
    dialog.ui.text.setPlainText("Có: 3 điểm; Không: 0 điểm")
    dialog.update_preview()
    assert "[Có/Không] Có: 3 điểm; Không: 0 điểm" in dialog.ui.preview.text()
    assert not dialog.ui.confirm_button.isEnabled()       # the text changed: it is saved, not confirmed
    dialog.ui.kind.setCurrentIndex(dialog.ui.kind.findData("bands"))
    assert "Từ 95% trở lên: 1 điểm" in dialog.ui.text.toPlainText()     # the kind's template
    dialog.ui.text.setPlainText("cho điểm tùy tình hình")
    dialog.update_preview()
    assert not dialog.save_button.isEnabled() and "Mẫu:" in dialog.ui.preview.text()
    dialog.ui.kind.setCurrentIndex(dialog.ui.kind.findData("yesno"))
    dialog.ui.text.setPlainText("Có: 3 điểm; Không: 0 điểm")
    dialog.update_preview()
    dialog.save_button.click()
    wait_jobs()
    assert not dialog.isVisible()
    item = sample.model.item("VI.1")
    assert item.criterion.flags() == [] and item.criterion.rule.options[0].points == 3
    assert not ui.flagged.isVisible()
    assert model.index_of("VI.1", COL_NAME).data(Qt.ItemDataRole.DecorationRole) is None
    _edit(sample, wait_jobs, "VI.1", "có")
    assert _cell(sample, "VI.1", COL_SCORE) == "3"


def test_a_flagged_rule_that_is_right_is_confirmed(sample, wait_jobs):
    sample.select("VI.1")
    dialog = sample.edit_rule()
    assert dialog.ui.confirm_button.isEnabled()
    dialog.ui.confirm_button.click()
    wait_jobs()
    assert sample.model.item("VI.1").criterion.flags() == []
    assert sample.model.item("VI.1").criterion.rule.options[0].points == 1.5


def test_closing_locks_editing_and_opens_the_provinces_score(sample, wait_jobs, ctx, monkeypatch):
    from ui import widgets
    ui, model = sample.ui, sample.model
    _edit(sample, wait_jobs, "III.2.1", "99")
    sample.close_or_reopen()                              # III.2.1 has neither evidence nor explanation
    wait_jobs()
    box = visible_dialog(QMessageBox)
    assert "III.2.1" in box.text() and "giải trình" in box.text()
    box.close()
    assert sample.code == "III.2.1" and not sample.view.assessment.closed
    sample.select("III.2.1")
    ui.panel.explanation.setPlainText("Số liệu theo sổ theo dõi của Bộ phận Một cửa.")
    sample.flush()
    wait_jobs()
    monkeypatch.setattr(widgets, "confirm", lambda *a, **k: True)
    sample.close_or_reopen()
    wait_jobs()
    assert sample.view.assessment.closed and model.locked
    assert "Đã chốt" in ui.set_line.text() and ui.close_button.text() == "Mở lại…"
    index = model.index_of("III.2.1", COL_VALUE)
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(index, "50")
    assert ui.panel.explanation.isReadOnly() and not ui.panel.attach_button.isEnabled()
    assert not ui.panel.rule_button.isEnabled()
    assert not ui.tree.isColumnHidden(COL_PROVINCE) and ui.panel.province.isVisible()
    ui.panel.province_score.setText("4")
    ui.panel.province_note.setText("Thiếu sổ theo dõi")
    ui.panel.province_note.editingFinished.emit()
    wait_jobs()
    assert _cell(sample, "III.2.1", COL_PROVINCE) == "4 (−2)"
    assert "chênh −2 điểm" in ui.panel.province_diff.text()
    assert "sau thẩm định <b>4</b> / 100 điểm" in ui.totals.text()     # our 6 on III.2.1 became the province's 4
    monkeypatch.setattr(sample, "_ask", lambda *_a: ("sửa", True))
    sample.close_or_reopen()                              # too short a reason: said, still closed
    wait_jobs()
    box = visible_dialog(QMessageBox)
    assert "lý do" in box.text()
    box.close()
    assert sample.view.assessment.closed
    monkeypatch.setattr(sample, "_ask", lambda *_a: ("Tỉnh yêu cầu bổ sung minh chứng", True))
    sample.close_or_reopen()
    wait_jobs()
    assert not sample.view.assessment.closed and not model.locked
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable and ui.close_button.text() == "Chốt bản tự đánh giá"


def test_the_provinces_sheet_is_previewed_before_it_is_loaded(page, wait_jobs):
    from ui.dialogs.assessment_dialogs import CriteriaPreviewDialog
    page.read_sheet(resource_path("samples", SAMPLE_FILE))
    wait_jobs()
    dialog = visible_dialog(CriteriaPreviewDialog)
    assert dialog.ui.tree.topLevelItemCount() == 8
    assert dialog.flagged_rows() == ["VI.1"]
    assert "khớp với dòng tổng" in dialog.ui.totals.text() and "<b>100</b>" in dialog.ui.totals.text()
    first = dialog.ui.tree.topLevelItem(0).child(0).child(0)
    assert first.text(0) == "1.1" or first.text(0).endswith("1")
    province_text, reading = first.text(3).split("\n→ ")          # the province's words, then the reading
    assert province_text.startswith("Ban hành kịp thời") and reading.startswith("[Chọn mức] Ban hành kịp thời")
    dialog.ui.province.setText("Thử Nghiệm")
    dialog.ui.load_button.click()
    wait_jobs()
    assert not dialog.isVisible()
    assert page.ui.stack.currentWidget() is page.ui.content
    assert "Thử Nghiệm" in page.ui.set_line.text() and not page.ui.sample_banner.isVisible()


def test_next_year_starts_from_this_one(sample, wait_jobs, ctx):
    _edit(sample, wait_jobs, "III.2.1", "99")
    sample.show_year(YEAR + 1)
    wait_jobs()
    ui = sample.ui
    assert ui.stack.currentWidget() is ui.empty_page
    assert ui.start_button.isVisible() and ui.start_button.text() == "Bắt đầu từ năm 2026"
    ui.start_button.click()
    wait_jobs()
    assert ui.stack.currentWidget() is ui.content
    assert sample.view.assessment.year == YEAR + 1
    assert _cell(sample, "III.2.1", COL_VALUE) == "" and len(sample.view.items) == 40


def test_the_page_fits_the_office_screen(sample, window, wait_jobs):
    """1366×768 at 100 % and at 125 % (1093×582 logical, less the taskbar): nothing scrolls sideways, the
    criterion's name keeps room to read, and the page never asks for more than the window has."""
    assert window.width() == 1366
    room = window.centralWidget().width() - window.nav.width()
    need = sample.minimumSizeHint()
    assert need.width() <= 1093 - 16 - window.nav.width() and need.height() <= 582 - 40 - 130
    tree = sample.ui.tree
    header = tree.header()
    shown = sum(header.sectionSize(c) for c in range(header.count()) if not header.isSectionHidden(c))
    assert shown <= tree.viewport().width() + 1                       # nothing scrolls sideways
    assert tree.columnWidth(COL_NAME) >= 0.3 * tree.viewport().width()
    assert sample.width() <= room
    assert sample.ui.panel.width() <= sample.ui.scroll.viewport().width() + 1
    assert sample.ui.panel.title.width() <= sample.ui.scroll.viewport().width()


def test_outputs_are_written_in_the_background_to_the_chosen_file(sample, wait_jobs, tmp_path, monkeypatch):
    import zipfile

    import ui.assessment_actions as page_module
    wanted = {}
    monkeypatch.setattr(page_module, "ask_save", lambda _p, _c, _t, name, _f, suffix: wanted.setdefault(
        suffix, tmp_path / name))
    _edit(sample, wait_jobs, "III.2.1", "99")
    sample.ui.package_button.click()
    wait_jobs()
    box = visible_dialog(QMessageBox)                     # III.2.1 has a score but neither evidence nor explanation
    assert "III.2.1" in box.text()
    box.close()
    assert not wanted["zip"].exists()
    source = tmp_path / "So theo doi ho so.pdf"
    source.write_bytes(b"%PDF-1.4 so theo doi")
    sample.select("III.2.1")
    sample.attach([source])
    wait_jobs()
    del wanted["zip"]
    sample.ui.package_button.click()
    wait_jobs()
    assert wanted["zip"].name == "minh-chung-chi-so-CCHC-2026.zip"
    with zipfile.ZipFile(wanted["zip"]) as archive:
        assert any(name.endswith("So theo doi ho so.pdf") for name in archive.namelist())
    sample.export_report("xlsx")
    wait_jobs()
    assert wanted["xlsx"].name.startswith("BC-") and wanted["xlsx"].stat().st_size > 0
    del wanted["xlsx"]
    sample.ui.province_button.click()
    wait_jobs()
    assert wanted["xlsx"].exists()
    assert "Đã lưu" in sample.window().message_label.text()


def test_the_cut_off_date_can_be_changed(sample, wait_jobs):
    from datetime import date
    dialog = sample.change_cutoff()
    dialog.cutoff.set_value(date(2026, 10, 5))
    dialog.save_button.click()
    wait_jobs()
    assert sample.view.assessment.cutoff_on == date(2026, 10, 5)
    assert "Số liệu tính đến ngày 05/10/2026" in sample.ui.set_line.text()


def test_evidence_of_the_plans_tasks_is_suggested_and_linked(demo_window, ctx, wait_jobs):
    from ui.dialogs.assessment_dialogs import LinkEvidenceDialog
    page = demo_window.show_page(ASSESSMENT)
    wait_jobs()
    assert page.year == YEAR and page.view is not None          # the demo scores 2026 on the sample set
    page.select("I.3")
    before = page.model.item("I.3").evidence_count
    page.link_task_evidence()
    wait_jobs()
    dialog = visible_dialog(LinkEvidenceDialog)
    suggested = dialog.ui.tree.topLevelItem(0)
    assert suggested.text(0).startswith("Gợi ý") and suggested.childCount() >= 1
    assert suggested.child(0).text(4)                            # the task's product it matched
    assert not dialog.save_button.isEnabled()
    suggested.child(0).setCheckState(0, Qt.CheckState.Checked)
    assert dialog.save_button.isEnabled()
    name = suggested.child(0).text(0)
    dialog.save_button.click()
    wait_jobs()
    assert page.model.item("I.3").evidence_count == before + 1
    texts = [page.ui.panel.evidence.item(i).text() for i in range(page.ui.panel.evidence.count())]
    assert any(t.startswith(name) and "tài liệu của nhiệm vụ" in t for t in texts)


def test_a_value_drawn_from_the_statistics_form_says_where_it_came_from(demo_window, ctx, wait_jobs):
    page = demo_window.show_page(ASSESSMENT)
    wait_jobs()
    index = page.model.index_of("III.2.1", COL_VALUE)             # the demo links it to indicator III.4.4
    item = page.model.item("III.2.1")
    assert item.source and not item.value and index.data()
    assert index.data(Qt.ItemDataRole.FontRole).italic()
    assert "Biểu thống kê" in index.data(Qt.ItemDataRole.ToolTipRole)
    page.select("III.2.1")
    panel = page.ui.panel
    assert not panel.source.isHidden() and "chỉ tiêu III.4.4" in panel.source.text()
    assert panel.indicator.currentData() == "III.4.4"
    panel.indicator.setCurrentIndex(0)                           # "(không lấy — khai tay)"
    panel.indicator.activated.emit(0)
    wait_jobs()
    assert page.model.item("III.2.1").source == "" and page.model.index_of("III.2.1", COL_VALUE).data() == ""


def test_the_rating_bands_are_edited_from_the_set_menu(sample, wait_jobs, monkeypatch):
    asked = []

    def answer(title, label, text="", ok_text=""):
        asked.append(text)
        return "Tốt=50; Khá=20; Yếu=0", True
    monkeypatch.setattr(sample, "_ask", answer)
    sample.change_bands()
    wait_jobs()
    assert asked == ["Tốt=80; Khá=70; Trung bình=60; Thấp=0"]
    assert [name for name, _ in sample.view.criteria_set.bands] == ["Tốt", "Khá", "Yếu"]
