"""Attach evidence files (with their document metadata) and edit one file's metadata."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QHeaderView, QLabel, QLineEdit,
                               QPlainTextEdit, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import tr
from cchc_desktop.model import EvidenceInput
from cchc_desktop.services.evidence import guess_metadata
from ui.dialogs.base import FormDialog
from ui.widgets import DateField, InvalidDate
from ui.geometry import fit

FILE, NUMBER, DATE, ISSUER, SUMMARY = range(5)
HEADERS = ("Tệp", "Số, ký hiệu", "Ngày văn bản", "Cơ quan ban hành", "Trích yếu")
EVIDENCE_FILTER = ("Tài liệu kiểm chứng (*.pdf *.doc *.docx *.xls *.xlsx *.odt *.ods *.jpg *.jpeg *.png "
                   "*.tif *.tiff *.bmp *.gif *.heic *.zip *.rar *.7z *.txt);;Mọi tệp (*)")


class _AttachLayout:
    def setup(self, dialog: FormDialog) -> None:
        outer = QVBoxLayout(dialog)
        self.task_label = QLabel()
        self.task_label.setWordWrap(True)
        outer.addWidget(self.task_label)
        hint = QLabel(tr("Kiểm tra số, ký hiệu và ngày của từng văn bản (đã điền sẵn theo tên tệp nếu có). "
                         "Tệp được chép vào kho dữ liệu của chương trình; tệp gốc không bị thay đổi."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        outer.addWidget(hint)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("attachTable")
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((220, 130, 140, 160)):
            self.table.setColumnWidth(column, width)
        outer.addWidget(self.table, 1)
        outer.addWidget(dialog.error)
        outer.addWidget(dialog.buttons)


class AttachDialog(FormDialog):
    """Review the files about to be attached to one task; attaching runs in the background."""

    attached = Signal(object)  # AttachResult

    def __init__(self, ctx, task_id: int, paths: list[Path], parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.task_id = task_id
        self.paths = [Path(p) for p in paths]
        self.ui = _AttachLayout()
        self.ui.setup(self)
        self.save_button.setText(tr("Đính kèm"))
        row = ctx.session.tasks.row(task_id)
        self.setWindowTitle(tr("Đính kèm tài liệu kiểm chứng"))
        self.ui.task_label.setText(tr("Nhiệm vụ {code}: {name}", code=row.code, name=" ".join(row.name.split())))
        issuer = ctx.session.profile.get().issuer
        self.ui.table.setRowCount(len(self.paths))
        for i, path in enumerate(self.paths):
            meta = guess_metadata(path.name)
            name = QTableWidgetItem(path.name)
            name.setToolTip(str(path))
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.ui.table.setItem(i, FILE, name)
            self.ui.table.setItem(i, NUMBER, QTableWidgetItem(meta.doc_number))
            self.ui.table.setCellWidget(i, DATE, self._date_field(meta.doc_date))
            self.ui.table.setItem(i, ISSUER, QTableWidgetItem(issuer if meta.doc_number.endswith("UBND") else ""))
            self.ui.table.setItem(i, SUMMARY, QTableWidgetItem(""))
        fit(self, 860, 360)

    @staticmethod
    def _date_field(value) -> DateField:
        """The document's date as in every other form: typed as officers type it, or picked on a calendar."""
        field = DateField()
        field.set_value(value)
        field.setMaximumWidth(16777215)       # the column decides its width
        return field

    def date_field(self, row: int) -> DateField:
        return self.ui.table.cellWidget(row, DATE)

    def metadata(self) -> list[EvidenceInput]:
        """Raises ``ValidationError`` naming the file whose date is not a date."""
        items = []
        for i, path in enumerate(self.paths):
            try:
                doc_date = self.date_field(i).value()
            except InvalidDate as exc:
                self.ui.table.setCurrentCell(i, DATE)
                self.date_field(i).setFocus()
                raise ValidationError(tr("Tệp “{name}”: {problem}", name=path.name, problem=str(exc)),
                                      field="table") from None
            items.append(EvidenceInput(self.ui.table.item(i, NUMBER).text(), doc_date,
                                       self.ui.table.item(i, ISSUER).text(),
                                       self.ui.table.item(i, SUMMARY).text()))
        return items

    def on_save(self) -> None:
        try:
            metadata = self.metadata()
        except ValidationError as exc:
            self.refused(exc)
            return
        self.error.show_message("")
        self.save_button.setEnabled(False)
        task_id, paths = self.task_id, self.paths

        def work(session, report):
            return session.evidence.attach(task_id, paths, metadata,
                                           progress=lambda done, total: report(done, total))

        def done(result) -> None:
            self.attached.emit(result)
            self.accept()

        self.ctx.jobs.run(tr("Đang chép {n} tệp vào kho minh chứng…", n=len(paths)), work,
                          on_success=done, on_failure=self.refused, parent=self, progress=True,
                          cancellable=True)


class EvidenceEditDialog(FormDialog):
    """The document metadata of one attached file."""

    def __init__(self, ctx, evidence_id: int, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.evidence_id = evidence_id
        item = ctx.session.evidence.get(evidence_id)
        self.setWindowTitle(tr("Thông tin tài liệu kiểm chứng"))
        outer = QVBoxLayout(self)
        form = QFormLayout()
        name = QLabel(item.file_name)
        name.setWordWrap(True)
        self.number = QLineEdit(item.doc_number)
        self.number.setPlaceholderText(tr("ví dụ: 123/QĐ-UBND"))
        self.doc_date = DateField()
        self.doc_date.set_value(item.doc_date)
        self.issuer = QLineEdit(item.issuer)
        self.summary = QPlainTextEdit(item.summary)
        self.summary.setTabChangesFocus(True)
        form.addRow(tr("Tệp:"), name)
        form.addRow(tr("Số, ký hiệu:"), self.number)
        form.addRow(tr("Ngày văn bản:"), self.doc_date)
        form.addRow(tr("Cơ quan ban hành:"), self.issuer)
        form.addRow(tr("Trích yếu:"), self.summary)
        form.addRow(tr("Mã SHA-256:"), QLabel(item.sha256[:16] + "…"))
        outer.addLayout(form)
        outer.addWidget(self.error)
        outer.addWidget(self.buttons)
        self.field_widgets = {"doc_number": self.number, "doc_date": self.doc_date, "summary": self.summary}
        fit(self, 520, 340)

    def on_save(self) -> None:
        meta = EvidenceInput(self.number.text(), self.doc_date.value(), self.issuer.text(),
                             self.summary.toPlainText())
        evidence_id = self.evidence_id
        self.submit(tr("Lưu thông tin tài liệu"), lambda s, _r: s.evidence.update(evidence_id, meta))


