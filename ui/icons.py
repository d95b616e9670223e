"""Icons: the program's own from resources/, the rest from the platform style."""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from cchc_desktop.resources import resource_path


def app_icon() -> QIcon:
    return QIcon(str(resource_path("icons", "cchc.svg")))


def overdue_badge(count: int) -> QIcon:
    """A red disc with the number of overdue tasks, for a tab."""
    pixmap = QPixmap(36, 36)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#c62828"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QRectF(1, 1, 34, 34))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(22 if count < 10 else 16)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, 0, 36, 36), Qt.AlignmentFlag.AlignCenter, str(count) if count < 100 else "99+")
    painter.end()
    return QIcon(pixmap)
