"""Issue "Ready for the Windows office PC", item 5: Vietnamese typed with Unikey or the Windows keyboard.

Unikey fixes a tone by sending Backspace and the new letter; an inline completion took that Backspace
("Chũ" became "Chủũ"). After each autosave the particulars were rewritten under the cursor."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox

from tests.gui.test_reports_ui import _open, _pick, _settle

UNIKEY_CHU = ("C", "h", "u", "\b", "ủ", "\b", "ũ")      # "Chu", then the hook tone, then changed to the tilde


def _send(widget, keys) -> None:
    for key in keys:
        code, text = (Qt.Key.Key_Backspace, "") if key == "\b" else (Qt.Key.Key_unknown, key)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, text))


def _unikey_into_every_editable_combo(root) -> list[str]:
    typed = []
    for combo in root.findChildren(QComboBox):
        if not combo.isEditable():
            continue
        combo.setFocus()
        combo.lineEdit().clear()
        _send(combo.lineEdit(), UNIKEY_CHU)
        typed.append(combo.currentText())
    return typed


def test_unikey_tone_change_in_the_profile_dialog(window, ctx, qtbot):
    from ui.dialogs.profile_dialog import ProfileDialog
    dialog = ProfileDialog(ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    typed = _unikey_into_every_editable_combo(dialog)
    assert len(typed) == 2 and typed == ["Chũ", "Chũ"]


def test_unikey_tone_change_in_the_report_particulars(demo_window, ctx, qtbot, wait_jobs):
    view, _period = _open(demo_window, ctx, wait_jobs)
    _pick(view, "__meta__")
    typed = _unikey_into_every_editable_combo(view.ui.meta)
    assert len(typed) == 2 and typed == ["Chũ", "Chũ"]


def test_an_autosave_refresh_leaves_the_field_being_typed_in_alone(demo_window, ctx, qtbot, wait_jobs):
    view, period = _open(demo_window, ctx, wait_jobs)
    _pick(view, "__meta__")
    recipients = view.ui.meta.recipients
    recipients.setFocus()
    qtbot.waitUntil(recipients.hasFocus, timeout=3000)
    recipients.setPlainText("- Như trên;\n- UBND huyện;\n- Lưu: VT.")
    cursor = recipients.textCursor()
    cursor.setPosition(12)                   # the officer is typing in the middle of "Nơi nhận"
    recipients.setTextCursor(cursor)
    recipients.textChanged.emit()
    _settle(qtbot, view, wait_jobs)
    view.load()                              # what a save's refresh does
    wait_jobs()
    wait_jobs()
    assert recipients.textCursor().position() == 12
    assert ctx.session.reports.draft(ctx.plan_id, "periodic", period.id).recipients.startswith("- Như trên;")
    # a field not being typed in is refreshed: the signer's name changed elsewhere shows
    view.ui.meta.signer.setText("tên cũ")
    view.load()
    wait_jobs()
    wait_jobs()
    assert view.ui.meta.signer.text() != "tên cũ"
