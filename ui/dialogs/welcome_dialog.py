"""First start: enter the commune's profile, or open the demo plan to look around."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from cchc_desktop import APP_TITLE
from cchc_desktop.i18n import tr
from cchc_desktop.services.demo import demo_summary
from ui.geometry import fit

PROFILE, DEMO = 1, 2


class WelcomeDialog(QDialog):
    """``choice`` is PROFILE or DEMO once the officer picks one."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.choice = 0
        self.setWindowTitle(tr("Chào mừng đến với {app}", app=tr(APP_TITLE)))
        layout = QVBoxLayout(self)
        title = QLabel(tr("<h2>Chào mừng!</h2>"))
        title.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(title)
        text = QLabel(tr("Chương trình giúp theo dõi Kế hoạch cải cách hành chính của xã theo từng lĩnh vực, "
                         "cập nhật tiến độ từng nhiệm vụ và lưu tài liệu kiểm chứng. Mọi dữ liệu nằm trên "
                         "máy tính này, không cần mạng Internet.\n\nĐể bắt đầu, hãy chọn một trong hai cách:"))
        text.setWordWrap(True)
        layout.addWidget(text)
        self.profile_button = QPushButton(tr("Nhập thông tin xã của tôi"))
        self.profile_button.setDefault(True)
        self.profile_button.clicked.connect(lambda: self._pick(PROFILE))
        layout.addWidget(self.profile_button)
        self.demo_button = QPushButton(tr("Xem thử với dữ liệu mẫu"))
        self.demo_button.setToolTip(demo_summary())
        self.demo_button.clicked.connect(lambda: self._pick(DEMO))
        layout.addWidget(self.demo_button)
        note = QLabel(tr("Dữ liệu mẫu: {demo}. Có thể xóa kế hoạch mẫu bất cứ lúc nào.", demo=demo_summary()))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout.addWidget(note)
        fit(self, 520, 320)

    def _pick(self, choice: int) -> None:
        self.choice = choice
        self.accept()
