"""Printing a PDF exactly as it is: each page rendered by pdfium at the printer's resolution, off the GUI
thread, and painted on the printer on the GUI thread, whole and undistorted.

Printing starts on the GUI thread because a printer's driver may show a window of its own when the job
begins ("Microsoft Print to PDF", often the default printer, asks where to save). Only the rendering, the
slow part, runs in the background, one page at a time (a page at 300 dpi is some 25 MB)."""
from __future__ import annotations

from PySide6.QtCore import QObject, QRectF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QMessageBox, QProgressDialog, QWidget

from cchc_desktop.errors import EnvironmentProblem
from cchc_desktop.i18n import tr

MAX_PRINT_DPI = 300     # enough for text on paper; more only costs memory on old PCs


def qimage(page) -> QImage:
    """A ``PageImage`` as a QImage that owns its pixels."""
    return QImage(page.rgb, page.width, page.height, page.stride, QImage.Format.Format_RGB888).copy()


def new_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    use_a4(printer)
    printer.setFullPage(True)   # the PDF carries its own margins
    return printer


def use_a4(printer: QPrinter) -> None:
    """A4, as every administrative document is printed (NĐ 30/2020, Phụ lục I). Set again after the printer
    dialog: a driver may hand back its own default (Letter)."""
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))


def fitted(paper: QRectF, width: int, height: int) -> QRectF:
    """Where a page image of ``width`` × ``height`` goes on ``paper``: as large as fits, its proportions
    kept, centred. On A4 paper that is the whole sheet; on Letter the A4 page is scaled a little and
    centred instead of stretched (3–6 % distortion)."""
    scale = min(paper.width() / width, paper.height() / height)
    w, h = width * scale, height * scale
    return QRectF(paper.x() + (paper.width() - w) / 2, paper.y() + (paper.height() - h) / 2, w, h)


def _orient(printer: QPrinter, landscape: bool) -> None:
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait)


def render_page(data: bytes, dpi: int, index: int):
    """One page as a ``PageImage`` (pool thread)."""
    from cchc_desktop.reports.raster import render
    return render(data, dpi, range(index, index + 1))[0]


def paint_page(painter: QPainter, printer: QPrinter, page) -> None:
    paper = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
    painter.drawImage(fitted(paper, page.width, page.height), qimage(page))


def paint_pages(printer: QPrinter, data: bytes, pages: range, report=None) -> int:
    """Paint ``pages`` of the PDF onto ``printer`` in one go, rendering on the calling thread (headless
    printing to a file, and tests); returns how many."""
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    first = render_page(data, dpi, pages.start)
    _orient(printer, first.landscape)
    if not painter.begin(printer):
        raise EnvironmentProblem(tr("Không mở được máy in."), tr("Hãy kiểm tra máy in đã bật và được chọn đúng."))
    try:
        for done, index in enumerate(pages, start=1):
            page = first if done == 1 else render_page(data, dpi, index)
            if done > 1:
                _orient(printer, page.landscape)
                if not printer.newPage():
                    raise EnvironmentProblem(tr("Máy in ngừng nhận trang {n}.", n=done),
                                             tr("Hãy kiểm tra giấy và máy in rồi in lại."))
            paint_page(painter, printer, page)
            if report:
                report(done, len(pages))
    finally:
        painter.end()
    return len(pages)


class PrintRun(QObject):
    """One print job: begun on the GUI thread, each page rendered by a background job and painted here
    when it arrives, with a progress dialog and Hủy."""

    def __init__(self, ctx, parent: QWidget, printer: QPrinter, data: bytes, pages: range):
        super().__init__(parent)
        self.ctx, self.printer, self.data, self.pages = ctx, printer, data, pages
        self.dpi = min(printer.resolution(), MAX_PRINT_DPI)
        self.painter = QPainter()
        self.done = 0
        self.progress = QProgressDialog(tr("Đang in…"), tr("Hủy"), 0, len(pages), parent)
        self.progress.setWindowTitle(tr("In văn bản"))
        self.progress.setMinimumDuration(0)
        self.progress.canceled.connect(self._cancel)

    def start(self) -> None:
        self._render(self.pages.start)

    def _render(self, index: int) -> None:
        self.ctx.jobs.run(tr("Đang dựng trang {n}…", n=self.done + 1),
                          lambda _s, _r: render_page(self.data, self.dpi, index),
                          on_success=self._paint, on_failure=self._failed, parent=self.parent())

    def _paint(self, page) -> None:
        if self.progress.wasCanceled():
            return
        _orient(self.printer, page.landscape)
        if self.done == 0:
            if not self.painter.begin(self.printer):   # the driver's own window, if any, opens here
                self._stop(EnvironmentProblem(tr("Không mở được máy in."),
                                              tr("Hãy kiểm tra máy in đã bật và được chọn đúng.")))
                return
        elif not self.printer.newPage():
            self._stop(EnvironmentProblem(tr("Máy in ngừng nhận trang {n}.", n=self.done + 1),
                                          tr("Hãy kiểm tra giấy và máy in rồi in lại.")))
            return
        paint_page(self.painter, self.printer, page)
        self.done += 1
        self.progress.setValue(self.done)
        if self.done < len(self.pages):
            self._render(self.pages.start + self.done)
        else:
            self.painter.end()
            self.progress.close()
            self.ctx.message.emit(tr("Đã gửi {n} trang tới máy in.", n=self.done))
            self.deleteLater()

    def _failed(self, exc) -> None:
        self._stop(exc)

    def _stop(self, exc) -> None:
        if self.painter.isActive():
            self.printer.abort()
            self.painter.end()
        self.progress.close()
        from ui.errors import show_error
        show_error(self.parent(), exc)
        self.deleteLater()

    def _cancel(self) -> None:
        if self.painter.isActive():
            self.printer.abort()
            self.painter.end()
        self.ctx.message.emit(tr("Đã hủy lệnh in."))
        self.deleteLater()


def has_printer() -> bool:
    return bool(QPrinterInfo.availablePrinterNames())


def print_pdf(ctx, parent: QWidget, pages, title: str) -> PrintRun | None:
    """The printer dialog for ``pages`` (a ``raster.PdfPages``), then the print run."""
    if not has_printer():
        box = QMessageBox(QMessageBox.Icon.Information, tr("In văn bản"),
                          tr("Máy tính này chưa cài máy in, hãy dùng Lưu PDF."), parent=parent)
        box.setInformativeText(tr("Tệp PDF lưu được mang sang máy có máy in, hoặc gửi qua mạng, và in y như bản "
                                  "xem trước."))
        box.addButton(tr("Đóng"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        return None
    data, count = pages.data, len(pages.sizes)
    printer = new_printer()
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("In văn bản"))
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setMinMax(1, count)
    dialog.setFromTo(1, count)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    use_a4(printer)
    first, last = (printer.fromPage(), printer.toPage()) if printer.fromPage() else (1, count)
    run = PrintRun(ctx, parent, printer, data, range(first - 1, min(last, count)))
    run.start()
    return run
