"""A laid-out chart drawn with reportlab.graphics, for documents: a ``Drawing`` for the PDF, and a PNG of
the same drawing for Word and Excel (rendered by pdfium, as the preview is: reportlab's own bitmap
renderer needs a library this program does not ship). Imported only when a document is written.
"""
from __future__ import annotations

import io

from reportlab.graphics.shapes import Drawing, Line as RLLine, Rect, String
from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable

from cchc_desktop.charts.layout import Box, Line, Scene, Text, layout
from cchc_desktop.charts.model import Chart
from cchc_desktop.reports.pdf import FACE, _register_fonts

PNG_DPI = 200
SHRINK_TO_FIT = 0.8     # a chart may take this share of its height to stay on its page


def _face(text: Text) -> str:
    if text.bold and text.italic:
        return FACE["bold_italic"]
    return FACE["bold"] if text.bold else FACE["italic"] if text.italic else FACE["regular"]


def to_drawing(scene: Scene) -> Drawing:
    """The scene in reportlab's coordinates (y upwards from the bottom)."""
    _register_fonts()
    height = scene.height
    # the drawing starts in our font: no unembedded Helvetica is ever referenced in the PDF
    drawing = Drawing(scene.width, height, initialFontName=FACE["regular"], initialFontSize=10)
    for item in scene.items:
        if isinstance(item, Box):
            drawing.add(Rect(item.x, height - item.y - item.h, item.w, item.h, fillColor=HexColor(item.fill),
                             strokeColor=HexColor(item.stroke) if item.stroke else None,
                             strokeWidth=item.stroke_width))
        elif isinstance(item, Line):
            drawing.add(RLLine(item.x1, height - item.y1, item.x2, height - item.y2,
                               strokeColor=HexColor(item.colour), strokeWidth=item.width))
        elif isinstance(item, Text):
            drawing.add(String(item.x, height - item.y, item.text, fontName=_face(item), fontSize=item.size,
                               fillColor=HexColor(item.colour), textAnchor=item.anchor))
    return drawing


def chart_drawing(chart: Chart, width: float, height: float, size: float) -> Drawing:
    return to_drawing(layout(chart, width, height, size))


class ChartFlowable(Flowable):
    """A chart as a block of a PDF page: laid out in the width the frame gives it."""

    def __init__(self, chart: Chart, height: float, size: float):
        super().__init__()
        self.chart, self.height_wanted, self.size = chart, height, size
        self.drawing: Drawing | None = None

    def wrap(self, avail_width, avail_height):
        height = self.height_wanted
        if SHRINK_TO_FIT * height <= avail_height < height:     # a little short of room: shorter, not a new page
            height = avail_height - 1
        self.drawing = chart_drawing(self.chart, avail_width, height, self.size)
        self.width, self.height = self.drawing.width, self.drawing.height
        return self.width, self.height

    def draw(self):
        from reportlab.graphics import renderPDF
        renderPDF.draw(self.drawing, self.canv, 0, 0)


def to_png(drawing: Drawing, dpi: int = PNG_DPI) -> bytes:
    """The drawing as PNG bytes at ``dpi`` (the drawing's unit is the point)."""
    from PIL import Image
    from reportlab.graphics import renderPDF

    from cchc_desktop.reports.raster import render
    pdf = renderPDF.drawToString(drawing)
    page = render(pdf, dpi)[0]
    image = Image.frombuffer("RGB", (page.width, page.height), page.rgb, "raw", "RGB", page.stride, 1)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi), optimize=True)
    return out.getvalue()


def chart_png(chart: Chart, width: float, height: float, size: float, dpi: int = PNG_DPI) -> bytes:
    return to_png(chart_drawing(chart, width, height, size), dpi)
