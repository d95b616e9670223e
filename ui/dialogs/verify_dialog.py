"""“Kiểm tra minh chứng”: re-hash every stored file and list what is missing or changed."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QTableWidgetItem, QVBoxLayout, QWidget

from cchc_desktop.i18n import tr
from cchc_desktop.services.evidence import VerifyReport
from ui.widgets import close_buttons, read_only_table
from ui.geometry import fit

STATE_LABELS = {"missing": "Bị mất", "changed": "Bị thay đổi nội dung"}


class VerifyDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.report: VerifyReport | None = None
        self.setWindowTitle(tr("Kiểm tra minh chứng"))
        layout = QVBoxLayout(self)
        self.summary = QLabel(tr("Đang kiểm tra từng tệp…"))
        self.summary.setObjectName("verifySummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = read_only_table(("Tệp", "Nhiệm vụ", "Tình trạng"), "verifyProblems")
        self.table.hide()
        layout.addWidget(self.table, 1)
        layout.addWidget(close_buttons(self))
        fit(self, 640, 360)

    def start(self) -> None:
        self.ctx.jobs.run(tr("Đang kiểm tra tài liệu kiểm chứng…"),
                          lambda s, report: s.evidence.verify(progress=lambda i, n: report(i, n)),
                          on_success=self.show_report, parent=self, progress=True, cancellable=True)

    def show_report(self, report: VerifyReport) -> None:
        self.report = report
        if report.ok:
            self.summary.setText(tr("Đã kiểm tra {n} tệp: tất cả tài liệu kiểm chứng đều nguyên vẹn.",
                                    n=report.files_checked))
            self.summary.setStyleSheet("color: #1b5e20;")
            return
        self.summary.setStyleSheet("color: #b00020;")
        self.summary.setText(tr("Đã kiểm tra {n} tệp: có {k} tài liệu bị mất hoặc bị thay đổi. Hãy tìm lại tệp "
                                "gốc và đính kèm lại cho nhiệm vụ tương ứng.",
                                n=report.files_checked, k=len(report.problems)))
        self.table.setRowCount(len(report.problems))
        for i, problem in enumerate(report.problems):
            for column, text in enumerate((problem.file_name, problem.where,
                                           tr(STATE_LABELS[problem.state]))):
                self.table.setItem(i, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.show()
