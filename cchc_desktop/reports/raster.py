"""Pages of a PDF as pixels (pdfium), so the preview and the printer show exactly what the PDF holds.

pdfium is not thread-safe: every call takes one lock. Imported only when a preview or a print
is asked for.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass

import pypdfium2 as pdfium

_LOCK = threading.Lock()
POINTS_PER_INCH = 72.0


@dataclass(frozen=True)
class PageImage:
    width: int
    height: int
    stride: int
    rgb: bytes            # 8-bit RGB, ``stride`` bytes per row
    landscape: bool


@dataclass(frozen=True)
class PdfPages:
    """A PDF and its page sizes in points, read off the GUI thread before a preview or a print."""
    data: bytes
    sizes: list[tuple[float, float]]


def pages_of(data: bytes) -> PdfPages:
    return PdfPages(data, page_sizes(data))


def page_sizes(data: bytes) -> list[tuple[float, float]]:
    """Each page's width and height in points."""
    with _LOCK:
        pdf = pdfium.PdfDocument(data)
        try:
            return [pdf.get_page_size(i) for i in range(len(pdf))]
        finally:
            pdf.close()


def render(data: bytes, dpi: float, pages: range | None = None, progress=None) -> list[PageImage]:
    """The pages at ``dpi``; ``progress(done, total)`` after each."""
    with _LOCK:
        pdf = pdfium.PdfDocument(data)
        try:
            wanted = pages if pages is not None else range(len(pdf))
            images = []
            for done, index in enumerate(wanted, start=1):
                page = pdf[index]
                width, height = page.get_size()
                bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True)
                images.append(PageImage(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer),
                                        width > height))
                bitmap.close()
                page.close()
                if progress:
                    progress(done, len(wanted))
            return images
        finally:
            pdf.close()
