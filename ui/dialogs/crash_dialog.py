"""The crash dialog: a bug, said honestly, with the log's path and the details one click away."""
from __future__ import annotations

import traceback
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from cchc_desktop.i18n import tr
from cchc_desktop.logs import current_log_path
from ui.geometry import fit


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
