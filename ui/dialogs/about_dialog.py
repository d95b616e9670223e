"""Giới thiệu: the program's name and version, where the data lives (with a button to open it), the
log file, the document font, and the versions of what it runs on (for whoever helps by phone)."""
from __future__ import annotations

import platform
import sys

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from cchc_desktop import APP_NAME, APP_TITLE, __version__
from cchc_desktop.i18n import tr
from cchc_desktop.logs import current_log_path
from cchc_desktop.paths import is_portable
from ui.icons import app_icon


class AboutDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("Giới thiệu"))
        column = QVBoxLayout(self)
        head = QHBoxLayout()
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(64, 64))
        head.addWidget(logo)
        title = QLabel(tr("<b style='font-size:14pt'>{title}</b><br>{name} — phiên bản {v}", title=tr(APP_TITLE),
                          name=APP_NAME, v=__version__))
        head.addWidget(title, 1)
        column.addLayout(head)
        column.addWidget(QLabel(tr("Theo dõi kế hoạch cải cách hành chính, minh chứng, biểu thống kê và báo cáo "
                                   "của UBND xã. Chạy không cần Internet.")))
        form = QFormLayout()
        folder = ctx.workspace.data_dir
        where = tr("{path} (chạy từ USB: dữ liệu nằm cạnh chương trình)", path=folder) if is_portable() else str(folder)
        self.folder_label = QLabel(where)
        self.folder_label.setObjectName("dataFolder")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setWordWrap(True)
        form.addRow(tr("Thư mục dữ liệu:"), self.folder_label)
        log = current_log_path()
        form.addRow(tr("Nhật ký:"), QLabel(str(log) if log else tr("(không ghi được)")))
        from cchc_desktop.reports.fonts import document_fonts
        form.addRow(tr("Phông văn bản:"), QLabel(document_fonts().family))
        mode = tr(" — chế độ chỉ xem") if ctx.workspace.read_only else ""
        form.addRow(tr("Chạy trên:"), QLabel(f"Python {platform.python_version()}, Qt {qVersion()}, "
                                            f"PySide6 {pyside_version}, {platform.system()} {platform.release()}"
                                            f"{' (đóng gói)' if getattr(sys, 'frozen', False) else ''}{mode}"))
        column.addLayout(form)
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton(tr("Mở thư mục dữ liệu"), QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(tr("Đóng"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.clicked.connect(self.open_folder)
        buttons.accepted.connect(self.accept)
        column.addWidget(buttons)

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.workspace.data_dir)))
