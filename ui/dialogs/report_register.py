"""Issuing a document into the register, and the register itself: every issued report with its
number, date, signer, file and hash, reopened exactly as it was issued."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget,
                               QPushButton, QRadioButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from cchc_desktop.i18n import format_date, format_datetime, format_size, tr
from ui.report_editor import show_problems
from ui.widgets import ErrorLabel, read_only_table
from ui.geometry import fit
from ui.file_dialogs import ask_save

STATE_LABELS = {"ok": "Nguyên vẹn", "missing": "Mất tệp", "changed": "Bị thay đổi"}


class IssueDialog(QDialog):
    """Check the particulars, pick PDF or Word, and record the document as issued."""

    issued = Signal(object)

    def __init__(self, ctx, plan_id: int, kind: str, period_id: int | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.target = ctx, (plan_id, kind, period_id)
        self.setWindowTitle(tr("Ban hành văn bản"))
        fit(self, 640, 420)
        column = QVBoxLayout(self)
        draft = ctx.session.reports.draft(plan_id, kind, period_id)
        summary = QLabel(tr("<b>Số:</b> {n} &nbsp; <b>Ngày:</b> {d} &nbsp; <b>Người ký:</b> {s}",
                            n=draft.number_text if draft.number else tr("(chưa có)"),
                            d=format_date(draft.issued_on) or tr("(chưa có)"),
                            s=draft.signer_name or tr("(chưa có)")))
        summary.setObjectName("issueSummary")
        column.addWidget(summary)
        column.addWidget(QLabel(tr("Văn bản được ghi vào sổ đúng như bản in ra lúc này; sau đó dữ liệu có thay đổi "
                                   "thì bản đã ban hành vẫn giữ nguyên.")))
        row = QHBoxLayout()
        self.pdf = QRadioButton(tr("PDF (bản để in, ký, lưu trữ)"))
        self.docx = QRadioButton(tr("Word (.docx)"))
        self.pdf.setChecked(True)
        row.addWidget(self.pdf)
        row.addWidget(self.docx)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(QLabel(tr("Cần xem lại:")))
        self.problems = QListWidget()
        self.problems.setObjectName("issueProblems")
        column.addWidget(self.problems, 1)
        self.error = ErrorLabel()
        column.addWidget(self.error)
        self.buttons = QDialogButtonBox()
        self.issue_button = self.buttons.addButton(tr("Ban hành"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.issue_button.setObjectName("confirmIssue")
        self.buttons.addButton(tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)
        self.issue_button.setEnabled(False)
        ctx.jobs.run(tr("Đang kiểm tra văn bản…"), lambda s, _r: s.reports.build(*self.target).problems,
                     on_success=self._show_problems, parent=self)

    def _show_problems(self, problems) -> None:
        show_problems(self.problems, problems)
        blocked = any(p.blocking for p in problems)
        self.issue_button.setEnabled(not blocked)
        if blocked:
            self.error.show_message(tr("Hãy sửa các mục có dấu đỏ rồi ban hành."))

    def confirm(self) -> None:
        fmt = "pdf" if self.pdf.isChecked() else "docx"
        self.issue_button.setEnabled(False)
        self.ctx.jobs.run(tr("Đang ban hành…"), lambda s, _r: s.reports.issue(*self.target, fmt),
                          on_success=self._done, on_failure=self._refused, parent=self, progress=True)

    def _done(self, item) -> None:
        self.ctx.message.emit(tr("Đã ghi văn bản số {n} vào sổ văn bản đã ban hành.", n=item.number))
        self.issued.emit(item)
        self.accept()

    def _refused(self, exc) -> None:
        from cchc_desktop.errors import UserError
        from ui.errors import show_error
        self.issue_button.setEnabled(True)
        if isinstance(exc, UserError):
            self.error.show_message(str(exc))
        else:
            show_error(self, exc)


COLUMNS = ("Số, ký hiệu", "Ngày", "Văn bản", "Kỳ báo cáo", "Người ký", "Tệp", "Dung lượng", "Mã SHA-256", "Ghi vào sổ",
           "Tình trạng tệp")
STATE_COLUMN = len(COLUMNS) - 1
MAX_COLUMN_WIDTH = 320


class RegisterDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.items = []
        self.periods: dict[int, str] = {}
        self.setWindowTitle(tr("Sổ văn bản đã ban hành"))
        fit(self, 1100, 480)
        column = QVBoxLayout(self)
        self.table: QTableWidget = read_only_table(COLUMNS, "registerTable")
        self.table.doubleClicked.connect(self.view_selected)
        column.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.view_button = QPushButton(tr("Xem"))
        self.open_button = QPushButton(tr("Mở bằng chương trình khác"))
        self.copy_button = QPushButton(tr("Lưu bản sao…"))
        self.check_button = QPushButton(tr("Kiểm tra tệp"))
        close = QPushButton(tr("Đóng"))
        for button in (self.view_button, self.open_button, self.copy_button, self.check_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        column.addLayout(row)
        self.view_button.clicked.connect(self.view_selected)
        self.open_button.clicked.connect(self.open_selected)
        self.copy_button.clicked.connect(self.copy_selected)
        self.check_button.clicked.connect(self.check_files)
        close.clicked.connect(self.accept)
        self.reload()

    def reload(self) -> None:
        def work(s, _report):
            items = s.reports.register()
            periods = {i.period_id: s.periods.get(i.period_id).label for i in items if i.period_id}
            return items, periods

        def show(result) -> None:
            self.items, self.periods = result
            self._show(self.items)
        self.ctx.jobs.run(tr("Đang mở sổ văn bản…"), work, on_success=show, parent=self)

    def _show(self, items, states: dict[int, str] | None = None) -> None:
        table = self.table
        table.setRowCount(len(items))
        for row, item in enumerate(items):
            state = tr(STATE_LABELS[states[item.id]]) if states else ""
            values = (item.number, format_date(item.issued_on), item.title, self.periods.get(item.period_id, ""),
                      item.signer_name, item.file_name, format_size(item.size), item.sha256[:16] + "…",
                      tr("{at} ({who})", at=format_datetime(item.issued_at), who=item.issued_by), state)
            for col, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setData(Qt.ItemDataRole.UserRole, item.id)
                cell.setToolTip(item.sha256 if col == 7 else value)
                if col == STATE_COLUMN and states and states[item.id] != "ok":
                    cell.setForeground(Qt.GlobalColor.red)
                table.setItem(row, col, cell)
        table.resizeColumnsToContents()
        for col in range(table.columnCount()):
            table.setColumnWidth(col, min(table.columnWidth(col), MAX_COLUMN_WIDTH))
        if items:
            table.selectRow(0)
        for button in (self.view_button, self.open_button, self.copy_button, self.check_button):
            button.setEnabled(bool(items))

    def selected(self):
        row = self.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def view_selected(self, *_args) -> None:
        item = self.selected()
        if item is None:
            return
        if item.format != "pdf":
            self.open_selected()
            return
        from ui.dialogs.report_preview import PreviewDialog
        report_id = item.id

        def work(s, _report):
            from cchc_desktop.reports.raster import pages_of
            return pages_of(s.reports.issued_copy(report_id).read_bytes())
        self.ctx.jobs.run(tr("Đang mở văn bản…"), work, parent=self,
                          on_success=lambda pages: PreviewDialog(self.ctx, pages, item.title, item.file_name,
                                                                 self).open())

    def open_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        report_id = item.id
        self.ctx.jobs.run(tr("Đang mở văn bản…"), lambda s, _r: s.reports.issued_copy(report_id),
                          on_success=lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))),
                          parent=self)

    def copy_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        path = ask_save(self, self.ctx, tr("Lưu bản sao"), item.file_name, "", Path(item.file_name).suffix[1:])
        if path is None:
            return
        report_id = item.id
        self.ctx.jobs.run(tr("Đang chép văn bản…"), lambda s, _r: s.reports.issued_copy(report_id, path),
                          on_success=lambda p: self.ctx.message.emit(tr("Đã lưu {path}.", path=p)), parent=self)

    def check_files(self) -> None:
        items = self.items

        def work(s, report):
            states = {}
            for done, item in enumerate(items, start=1):
                states[item.id] = s.reports.issued_state(item.id)
                report(done, len(items))
            return states

        self.ctx.jobs.run(tr("Đang kiểm tra tệp…"), work, on_success=lambda states: self._show(items, states),
                          parent=self, progress=True)
