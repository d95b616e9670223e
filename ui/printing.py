"""Printing a PDF exactly as it is: each page rendered by pdfium at the printer's resolution and
painted on the printer, off the GUI thread (QPainter may paint on a QPrinter in a worker thread)."""
from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from cchc_desktop.errors import EnvironmentProblem
from cchc_desktop.i18n import tr

MAX_PRINT_DPI = 300     # enough for text on paper; more only costs memory on old PCs


def qimage(page) -> QImage:
    """A ``PageImage`` as a QImage that owns its pixels."""
    return QImage(page.rgb, page.width, page.height, page.stride, QImage.Format.Format_RGB888).copy()


def new_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setFullPage(True)   # the PDF carries its own margins
    return printer


def paint_pages(printer: QPrinter, data: bytes, pages: range, report=None) -> int:
    """Paint ``pages`` of the PDF onto ``printer``; returns how many. Runs on a pool thread."""
    from cchc_desktop.reports.raster import render
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    first = render(data, dpi, range(pages.start, pages.start + 1))[0]
    _orient(printer, first.landscape)
    if not painter.begin(printer):
        raise EnvironmentProblem(tr("Không mở được máy in."), tr("Hãy kiểm tra máy in đã bật và được chọn đúng."))
    try:
        for done, index in enumerate(pages, start=1):
            page = first if done == 1 else render(data, dpi, range(index, index + 1))[0]
            if done > 1:
                _orient(printer, page.landscape)
                if not printer.newPage():
                    raise EnvironmentProblem(tr("Máy in ngừng nhận trang {n}.", n=done),
                                             tr("Hãy kiểm tra giấy và máy in rồi in lại."))
            paper = printer.pageLayout().fullRectPixels(printer.resolution())
            painter.drawImage(QRectF(0, 0, paper.width(), paper.height()), qimage(page))
            if report:
                report(done, len(pages))
    finally:
        painter.end()
    return len(pages)


def _orient(printer: QPrinter, landscape: bool) -> None:
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait)


def print_pdf(ctx, parent: QWidget, pages, title: str) -> None:
    """The printer dialog for ``pages`` (a ``raster.PdfPages``), then the printing as a background job with
    progress and Hủy."""
    data, count = pages.data, len(pages.sizes)
    printer = new_printer()
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("In văn bản"))
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setMinMax(1, count)
    dialog.setFromTo(1, count)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    first, last = (printer.fromPage(), printer.toPage()) if printer.fromPage() else (1, count)
    pages = range(first - 1, min(last, count))
    ctx.jobs.run(tr("Đang in {n} trang…", n=len(pages)), lambda _s, report: paint_pages(printer, data, pages, report),
                 on_success=lambda n: ctx.message.emit(tr("Đã gửi {n} trang tới máy in.", n=n)),
                 parent=parent, progress=True, cancellable=True)
