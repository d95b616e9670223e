"""Issue 14.2: one date field everywhere — typed as officers type dates, cleared with Delete, a calendar
that opens at today, and text that is not a date kept in red and refused."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt

from tests.conftest import TODAY
from ui.widgets import DateField, InvalidDate


@pytest.fixture
def field(qtbot, ctx):
    widget = DateField()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.mark.parametrize("typed", ["8/1/2026", "08/01/2026", "08012026", "8-1-26", "08.01.2026", " 8 / 1 / 2026 "])
def test_typing_into_an_empty_field_gives_the_date(field, qtbot, typed):
    changes = []
    field.dateChanged.connect(changes.append)
    assert field.value() is None and field.edit.text() == ""
    qtbot.keyClicks(field.edit, typed)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert field.value() == date(2026, 1, 8) and field.edit.text() == "08/01/2026"
    assert changes == [date(2026, 1, 8)] and field.problem() == ""


def test_delete_clears_and_blank_is_allowed(field, qtbot):
    field.set_value(date(2026, 3, 14))
    assert field.edit.text() == "14/03/2026"
    field.edit.setFocus()
    qtbot.keyClick(field.edit, Qt.Key.Key_Delete)
    assert field.value() is None and field.edit.text() == ""


def test_text_that_is_not_a_date_stays_and_is_refused(field, qtbot):
    for typed, reason in (("31/02/2026", "không có trên lịch"), ("hôm qua", "không phải là ngày"),
                          ("8/1/1999", "nằm ngoài khoảng 2000–2100")):
        field.edit.setText(typed)
        with pytest.raises(InvalidDate, match=reason):
            field.value()
        assert field.edit.text() == typed and reason in field.edit.toolTip()
    field.edit.setText("1/2/2026")
    assert field.value() == date(2026, 2, 1) and field.problem() == ""


def test_calendar_opens_at_today_then_at_the_date_shown(field, qtbot):
    field.open_calendar()
    assert field.popup.isVisible() and field.calendar.selectedDate() == QDate(TODAY.year, TODAY.month, TODAY.day)
    assert field.calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    field.calendar.clicked.emit(QDate(2026, 5, 19))
    assert not field.popup.isVisible() and field.value() == date(2026, 5, 19)
    field.edit.setFocus()
    qtbot.keyClick(field.edit, Qt.Key.Key_F4)
    assert field.popup.isVisible() and field.calendar.selectedDate() == QDate(2026, 5, 19)
    field.popup.hide()


def test_a_required_field_starts_at_today_and_refuses_blank(qtbot, ctx):
    widget = DateField(allow_blank=False)
    qtbot.addWidget(widget)
    assert widget.value() == TODAY
    widget.edit.setText("")
    with pytest.raises(InvalidDate, match="không được để trống"):
        widget.value()


def test_plan_dialog_takes_a_typed_issue_date_and_refuses_a_wrong_one(window, qtbot, wait_jobs, ctx):
    """The date an officer must fill before issuing: typed into the empty field, it is saved."""
    dialog = window.plan_actions.new_plan()
    dialog.ui.title.setText("Kế hoạch CCHC năm 2026")
    dialog.ui.number.setText("235/KH-UBND")
    dialog.ui.year.setValue(2026)
    qtbot.keyClicks(dialog.ui.issued_on.edit, "31/02/2026")
    dialog.save_button.click()
    assert dialog.isVisible() and "không có trên lịch" in dialog.error.text()
    assert dialog.focusWidget() in (dialog.ui.issued_on.edit, None)
    dialog.ui.issued_on.edit.setText("08012026")
    dialog.save_button.click()
    wait_jobs()
    plan = ctx.session.plans.list()[-1]
    assert plan.issued_on == date(2026, 1, 8)


def test_setting_a_value_announces_it_like_qdateedit(field):
    """A draft's date set from code is saved like a typed one (the screenshot run's report could not be
    issued when setting the date said nothing)."""
    seen = []
    field.dateChanged.connect(seen.append)
    field.set_value(date(2026, 9, 7))
    field.set_value(date(2026, 9, 7))
    field.set_value(None)
    assert seen == [date(2026, 9, 7), None]


def test_a_wrong_completion_date_never_locks_the_task_dialog(demo_window, ctx, wait_jobs, qtbot):
    """Found by a tester: with "31/11/2026" in Ngày hoàn thành, switching the status away and back raised
    a popup and left the field greyed out with the bad text, so the task could not be saved as done."""
    from cchc_desktop.model import DONE, IN_PROGRESS
    from tests.gui.conftest import open_progress
    task_id, _view, dialog = open_progress(demo_window, "PAR", "II")
    dialog.ui.status.setCurrentIndex(dialog.ui.status.findData(DONE))
    dialog.ui.completed_on.edit.setText("31/11/2026")
    dialog.ui.status.setCurrentIndex(dialog.ui.status.findData(IN_PROGRESS))
    dialog.ui.status.setCurrentIndex(dialog.ui.status.findData(DONE))
    assert dialog.ui.completed_on.isEnabled() and "không có trên lịch" in dialog.ui.completed_on.problem()
    dialog.save_button.click()
    assert dialog.isVisible() and "không có trên lịch" in dialog.error.text()
    dialog.ui.completed_on.edit.setText("20/11/2026")
    dialog.ui.result.setPlainText("Đã hoàn thành.")
    dialog.save_button.click()
    wait_jobs()
    assert not dialog.isVisible(), dialog.error.text()
    assert ctx.session.tasks.row(task_id).completed_on == date(2026, 11, 20)


def test_a_wrong_issue_date_does_not_hold_back_the_rest_of_the_draft(demo_window, ctx, wait_jobs):
    """Found by a tester: text that is not a date in Ngày ban hành stopped the signer, the number and the
    recipients from being saved, and Ctrl+S still said "Đã lưu."."""
    q1 = ctx.session.periods.by_key("2026-Q1").id
    view = demo_window.show_reports("periodic", q1)
    wait_jobs()
    meta = view.ui.meta
    meta.issued_on.edit.setText("32/13/2026")
    meta.signer.setText("Nguyễn Văn Ký")
    meta.signer.textEdited.emit("Nguyễn Văn Ký")
    demo_window.save_now()
    wait_jobs()
    assert ctx.session.reports.draft(view.ctx.plan_id, "periodic", q1).signer_name == "Nguyễn Văn Ký"
    assert "Ngày ban hành chưa lưu" in demo_window.message_label.text()
    assert "32/13/2026" in meta.error.text()


def test_ctrl_f_from_the_overview_goes_to_a_search_box(demo_window, wait_jobs, qtbot):
    demo_window.nav.setCurrentRow(0)
    demo_window.tabs.setCurrentIndex(0)
    demo_window.focus_search()
    view = demo_window.current_view()
    assert view is not None
    qtbot.waitUntil(lambda: view.isVisible() and demo_window.focusWidget() is view.ui.search, timeout=3000)


def test_a_two_digit_year_past_49_is_refused_not_read_as_20yy():
    import pytest
    from cchc_desktop.i18n import parse_date
    assert parse_date("8/1/26").year == 2026 and parse_date("8/1/49").year == 2049
    with pytest.raises(ValueError, match="hãy gõ đủ 4 chữ số"):
        parse_date("8/1/99")


def test_a_long_wrong_text_is_not_repeated_whole_in_the_message():
    import pytest
    from cchc_desktop.i18n import parse_date
    with pytest.raises(ValueError) as caught:
        parse_date("1" * 400)
    assert len(str(caught.value)) < 150 and "…" in str(caught.value)
