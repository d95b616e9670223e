"""Issue "Ready for the Windows office PC", item 7: printing keeps A4, undistorted, begun on the GUI thread."""
from __future__ import annotations

import io

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox
from pypdf import PdfReader

from tests.gui.test_reports_ui import _open

A4_PORTRAIT = (2480, 3508)       # pixels at 300 dpi
LETTER = QRectF(0, 0, 2550, 3300)


def test_an_a4_page_on_letter_paper_keeps_its_proportions_centred():
    from ui.printing import fitted
    rect = fitted(LETTER, *A4_PORTRAIT)
    assert abs(rect.width() / rect.height() - A4_PORTRAIT[0] / A4_PORTRAIT[1]) < 1e-6
    assert rect.height() == LETTER.height() and rect.width() < LETTER.width()
    assert abs(rect.left() - (LETTER.width() - rect.right())) < 1e-6          # centred across
    whole = fitted(QRectF(0, 0, *A4_PORTRAIT), *A4_PORTRAIT)
    assert (whole.width(), whole.height()) == A4_PORTRAIT                       # A4 on A4: the whole sheet


def test_a4_is_set_again_after_the_dialog_and_pages_are_printed(demo_window, ctx, qtbot, wait_jobs, tmp_path,
                                                                monkeypatch):
    import ui.printing as printing
    _view, period = _open(demo_window, ctx, wait_jobs)
    data, _built = ctx.session.reports.render(ctx.plan_id, "periodic", period.id, "pdf")
    count = len(PdfReader(io.BytesIO(data)).pages)
    out = tmp_path / "ban-in.pdf"

    class DriverDialog:
        """The printer's dialog: hands back Letter, as many drivers do by default."""
        def __init__(self, printer, _parent):
            self.printer = printer

        def setWindowTitle(self, _t): ...  # noqa: N802
        def setOption(self, *_a): ...  # noqa: N802
        def setMinMax(self, *_a): ...  # noqa: N802
        def setFromTo(self, *_a): ...  # noqa: N802

        def exec(self):
            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(out))
            self.printer.setResolution(72)
            self.printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(printing, "QPrintDialog", DriverDialog)
    monkeypatch.setattr(printing, "has_printer", lambda: True)
    pages = type("Pages", (), {"data": data, "sizes": [None] * count})()
    run = printing.print_pdf(ctx, demo_window, pages, "Báo cáo")
    assert run.printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.A4
    qtbot.waitUntil(lambda: run.done == count, timeout=30000)
    wait_jobs()
    printed = PdfReader(out)
    assert len(printed.pages) == count
    box = printed.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2     # A4, not Letter


def test_no_printer_says_to_save_a_pdf(demo_window, ctx, monkeypatch):
    import ui.printing as printing
    said = []
    monkeypatch.setattr(printing, "has_printer", lambda: False)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: said.append(box.text()) or 0)
    pages = type("Pages", (), {"data": b"", "sizes": [None]})()
    assert printing.print_pdf(ctx, demo_window, pages, "Báo cáo") is None
    assert said == ["Máy tính này chưa cài máy in, hãy dùng Lưu PDF."]
