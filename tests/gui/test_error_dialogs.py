"""What the officer sees when something goes wrong: a plain warning for what they can fix, the crash dialog
(with the log's path and the details) for a bug. The dialogs are built only then (issue 14.7: a start
imports none of them)."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPlainTextEdit


def test_a_bug_gets_the_crash_dialog_and_a_user_error_a_warning(app, monkeypatch):
    from cchc_desktop.errors import UserError
    from ui.dialogs.crash_dialog import CrashDialog
    from ui.errors import show_error
    opened, boxes = [], []
    monkeypatch.setattr(CrashDialog, "open", lambda self: opened.append(self))
    monkeypatch.setattr(QMessageBox, "open", lambda self: boxes.append((self.text(), self.informativeText())))
    try:
        raise RuntimeError("lỗi thử")
    except RuntimeError as exc:
        show_error(None, exc)
    assert len(opened) == 1 and not boxes
    details = opened[0].findChild(QPlainTextEdit).toPlainText()
    assert "RuntimeError: lỗi thử" in details and "Traceback" in details
    show_error(None, UserError("Ổ đĩa đã đầy.", "Hãy xóa bớt tệp rồi thử lại."))
    assert boxes == [("Ổ đĩa đã đầy.", "Hãy xóa bớt tệp rồi thử lại.")] and len(opened) == 1
    opened[0].deleteLater()
