"""Errors the officer can act on get a plain dialog; bugs get the crash dialog with the log path.

qutebrowser's split: ``UserError`` (including disk full, read-only, locked) → a warning that
says what to do; anything else → ``CrashDialog``, logged with its traceback.
"""
from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QLabel, QMessageBox,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from cchc_desktop.errors import as_user_error
from cchc_desktop.i18n import tr
from cchc_desktop.logs import current_log_path
from ui.geometry import fit

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """The right dialog for ``exc``: a Vietnamese warning, or the crash dialog for a bug."""
    problem = as_user_error(exc)
    if problem is not None:
        log.info("user error: %s", problem)
        box = QMessageBox(QMessageBox.Icon.Warning, tr(problem.title), problem.message, parent=parent)
        if problem.hint:
            box.setInformativeText(problem.hint)
        box.addButton(tr("Đóng"), QMessageBox.ButtonRole.AcceptRole)
        box.open()
        return
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    CrashDialog(exc, parent).open()


class CrashDialog(QDialog):
    """A bug: say so honestly, show where the log is, keep the details one click away."""

    def __init__(self, exc: BaseException, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Chương trình gặp lỗi"))
        self.log_path = current_log_path()
        layout = QVBoxLayout(self)
        text = tr("CCHC Desktop gặp một lỗi không mong muốn. Dữ liệu đã lưu trước đó vẫn an toàn; "
                  "thao tác vừa rồi có thể chưa được thực hiện.")
        message = QLabel(text)
        message.setWordWrap(True)
        layout.addWidget(message)
        where = str(self.log_path) if self.log_path else tr("(không ghi được nhật ký)")
        path_label = QLabel(tr("Chi tiết lỗi đã được ghi vào tệp nhật ký:\n{path}\n"
                               "Hãy gửi tệp này cho người hỗ trợ kỹ thuật.", path=where))
        path_label.setWordWrap(True)
        path_label.setObjectName("logPath")
        layout.addWidget(path_label)
        details = QPlainTextEdit("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
        details.setReadOnly(True)
        details.setMaximumHeight(160)
        layout.addWidget(details)
        buttons = QDialogButtonBox()
        open_logs = QPushButton(tr("Mở thư mục nhật ký"))
        open_logs.setEnabled(self.log_path is not None)
        open_logs.clicked.connect(self._open_log_folder)
        buttons.addButton(open_logs, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(tr("Đóng"), QDialogButtonBox.ButtonRole.AcceptRole)
        close.clicked.connect(self.accept)
        layout.addWidget(buttons)
        fit(self, 560, 360)

    def _open_log_folder(self) -> None:
        if self.log_path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.log_path).parent)))


def install_excepthook() -> None:
    """An exception escaping a slot shows the crash dialog instead of vanishing into stderr."""
    previous = sys.excepthook

    def hook(kind, value, tb):
        if QApplication.instance() is None or issubclass(kind, KeyboardInterrupt):
            previous(kind, value, tb)
            return
        value.__traceback__ = tb
        show_error(QApplication.activeWindow(), value)

    sys.excepthook = hook
