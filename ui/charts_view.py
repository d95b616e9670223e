"""A chart on screen: its description laid out at the widget's size, written as SVG, drawn by QtSvg.
The same layout the documents draw with reportlab (``cchc_desktop.charts``), so screen and paper agree.

Imported only once the overview has charts to show (QtSvg is not loaded at start-up). A bar answers a
click with what it counts (``clicked(target)``) and shows its figures as a tooltip.
"""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFontDatabase, QFontInfo, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from cchc_desktop.charts.layout import Scene, layout
from cchc_desktop.charts.model import Chart
from cchc_desktop.charts.svg import to_svg

_fonts_added = False


def use_document_font() -> None:
    """The charts name the document font; when that is the bundled Liberation Serif, Qt is given it."""
    global _fonts_added
    if _fonts_added:
        return
    _fonts_added = True
    from cchc_desktop.reports.fonts import document_fonts
    fonts = document_fonts()
    if fonts.family in QFontDatabase.families():
        return
    for path in fonts.files.values():
        QFontDatabase.addApplicationFont(str(path))


class ChartView(QWidget):
    """One chart, redrawn to fit whenever the widget changes size."""

    clicked = Signal(object)       # the target of the bar clicked (a tuple)

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        use_document_font()
        self.setObjectName(name)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.chart: Chart | None = None
        self.scene: Scene | None = None
        self.svg = ""
        self.renderer = QSvgRenderer(self)
        self._laid_out_for: QSize | None = None

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(260, 200)

    def text_size(self) -> float:
        """The chart's text in pixels: the window's own text size."""
        return float(max(11, QFontInfo(self.font()).pixelSize()))

    def set_chart(self, chart: Chart | None) -> None:
        """Show ``chart`` (None: nothing, until the next one is counted)."""
        self.chart = chart
        self._laid_out_for = None
        self.scene = None
        if chart is not None:
            self.setAccessibleName(chart.title)
            self.setAccessibleDescription("\n".join(chart.as_text()))
        self.update()

    def ensure_laid_out(self) -> None:
        """Lay the chart out again if the widget's size changed since (cheap: pure Python, no drawing)."""
        if self.chart is None or self._laid_out_for == self.size():
            return
        self._laid_out_for = self.size()
        self.scene = layout(self.chart, self.width(), self.height(), self.text_size())
        self.svg = to_svg(self.scene)
        self.renderer.load(QByteArray(self.svg.encode("utf-8")))

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        self.ensure_laid_out()
        if self.chart is not None:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.renderer.render(painter, QRectF(0, 0, self.width(), self.height()))
        painter.end()

    def _hit(self, pos: QPointF):
        self.ensure_laid_out()      # a chart set (or a size changed) since the last paint
        if self.scene is None:
            return None
        return self.scene.hit(pos.x(), pos.y())

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        hit = self._hit(event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if hit is not None and hit.target
                       else Qt.CursorShape.ArrowCursor)
        if hit is not None and hit.tooltip:
            QToolTip.showText(event.globalPosition().toPoint(), hit.tooltip, self)
        else:
            QToolTip.hideText()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            return
        hit = self._hit(event.position())
        if hit is not None and hit.target:
            self.clicked.emit(hit.target)

    def leaveEvent(self, _event) -> None:  # noqa: N802
        self.setCursor(Qt.CursorShape.ArrowCursor)

    def target_at_text(self, text: str) -> tuple | None:
        """The target of the bar whose label or tooltip starts with ``text`` (tests, keyboard helpers)."""
        self.ensure_laid_out()
        for hit in self.scene.hits if self.scene else []:
            if hit.target and hit.tooltip.startswith(text):
                return hit.target
        return None
