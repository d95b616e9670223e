"""Page preview of a PDF: the pages exactly as they will print, rendered a few at a time as they
scroll into view (an old PC need not hold a hundred page images), with In… and Lưu PDF…"""
from __future__ import annotations


from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from cchc_desktop.files import write_bytes_atomically
from cchc_desktop.i18n import tr
from ui.printing import print_pdf, qimage
from ui.geometry import fit
from ui.file_dialogs import ask_save

FIT = 0.0
ZOOMS = (("Vừa khung", FIT), ("75 %", 0.75), ("100 %", 1.0), ("125 %", 1.25), ("150 %", 1.5))
SCREEN_DPI = 96
BATCH = 3


class _Layout:
    def setup(self, dialog: QDialog) -> None:
        outer = QVBoxLayout(dialog)
        bar = QHBoxLayout()
        self.pages_label = QLabel()
        self.pages_label.setObjectName("previewPages")
        bar.addWidget(self.pages_label)
        bar.addStretch(1)
        bar.addWidget(QLabel(tr("Cỡ xem:")))
        self.zoom = QComboBox()
        for label, factor in ZOOMS:
            self.zoom.addItem(tr(label), factor)
        self.zoom.setCurrentIndex(0)
        bar.addWidget(self.zoom)
        self.print_button = QPushButton(tr("In…"))
        self.save_button = QPushButton(tr("Lưu PDF…"))
        self.close_button = QPushButton(tr("Đóng"))
        for button in (self.print_button, self.save_button, self.close_button):
            bar.addWidget(button)
        outer.addLayout(bar)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("previewScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setStyleSheet("QScrollArea { background: #7a7a7a; }")
        self.canvas = QWidget()
        self.canvas.setStyleSheet("background: #7a7a7a;")
        self.column = QVBoxLayout(self.canvas)
        self.column.setSpacing(14)
        self.column.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll.setWidget(self.canvas)
        outer.addWidget(self.scroll, 1)


class PreviewDialog(QDialog):
    def __init__(self, ctx, pages, title: str, file_name: str, parent: QWidget | None = None):
        """``pages``: a ``raster.PdfPages`` (its sizes were read off the GUI thread)."""
        super().__init__(parent)
        self.ctx, self.pages, self.title_text, self.file_name = ctx, pages, title, file_name
        self.data = pages.data
        self.setWindowTitle(tr("Xem trước: {t}", t=title))
        fit(self, 980, 820)
        self.ui = _Layout()
        self.ui.setup(self)
        self.sizes = pages.sizes
        self.labels: list[QLabel] = []
        self.rendered: set[int] = set()
        self.pending: set[int] = set()
        self.ui.pages_label.setText(tr("{n} trang", n=len(self.sizes)))
        self._visible_check = QTimer(self)
        self._visible_check.setSingleShot(True)
        self._visible_check.setInterval(60)
        self._visible_check.timeout.connect(self._render_visible)
        self.ui.scroll.verticalScrollBar().valueChanged.connect(lambda _v: self._visible_check.start())
        self.ui.zoom.currentIndexChanged.connect(self._rezoom)
        self.ui.print_button.clicked.connect(lambda: print_pdf(self.ctx, self, self.pages, self.title_text))
        self.ui.save_button.clicked.connect(self.save_pdf)
        self.ui.close_button.clicked.connect(self.accept)
        self._visible_check.start()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self.labels:
            self._build_pages()     # only now is the window's width known, for "Vừa khung"
            self._visible_check.start()

    @property
    def zoom(self) -> float:
        factor = self.ui.zoom.currentData()
        if factor == FIT:   # the widest page fits the window
            widest = max((w for w, _h in self.sizes), default=595)
            factor = max(0.3, (self.ui.scroll.viewport().width() - 40) / (widest * SCREEN_DPI / 72))
        return factor

    @property
    def scale(self) -> float:
        return self.zoom * SCREEN_DPI / 72

    def _build_pages(self) -> None:
        for label in self.labels:
            label.deleteLater()
        self.labels = []
        for number, (width, height) in enumerate(self.sizes, start=1):
            label = QLabel(tr("Trang {n}", n=number))
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setFixedSize(int(width * self.scale), int(height * self.scale))
            label.setStyleSheet("background: white; color: #999; border: 1px solid #444;")
            self.ui.column.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.labels.append(label)

    def _rezoom(self) -> None:
        self.rendered.clear()
        self._build_pages()
        self._visible_check.start()

    def visible_pages(self) -> list[int]:
        viewport = self.ui.scroll.viewport()
        top = self.ui.scroll.verticalScrollBar().value()
        bottom = top + max(viewport.height(), 400)
        return [i for i, label in enumerate(self.labels) if label.y() + label.height() >= top and label.y() <= bottom]

    def _render_visible(self) -> None:
        wanted = [i for i in self.visible_pages() if i not in self.rendered and i not in self.pending][:BATCH]
        if not wanted:
            return
        self.pending.update(wanted)
        data, dpi, scale = self.data, self.zoom * SCREEN_DPI, self.scale

        def work(_s, _report):
            from cchc_desktop.reports.raster import render
            return [(i, render(data, dpi, range(i, i + 1))[0]) for i in wanted]

        self.ctx.jobs.run(tr("Đang hiện trang…"), work, on_success=lambda pages: self._show_pages(pages, scale),
                          parent=self)

    def _show_pages(self, pages, scale: float) -> None:
        for index, page in pages:
            self.pending.discard(index)
            if scale != self.scale or index >= len(self.labels):
                continue   # the zoom changed meanwhile
            self.labels[index].setPixmap(QPixmap.fromImage(qimage(page)))
            self.rendered.add(index)
        self._visible_check.start()

    def save_pdf(self) -> None:
        path = ask_save(self, self.ctx, tr("Lưu PDF"), self.file_name, "PDF (*.pdf)", "pdf")
        if path is None:
            return
        data = self.data
        self.ctx.jobs.run(tr("Đang lưu PDF…"), lambda _s, _r: write_bytes_atomically(path, data),
                          on_success=lambda p: self.ctx.message.emit(tr("Đã lưu {path}.", path=p)), parent=self)
