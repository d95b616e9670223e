"""The bin: deleted tasks, evidence files and plans, each one click from coming back."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QHeaderView, QPushButton, QTableWidget, QTableWidgetItem,
                               QTabWidget, QVBoxLayout, QWidget)

from cchc_desktop.i18n import format_datetime, tr
from ui.widgets import close_buttons, read_only_table
from ui.geometry import fit


def _fill(table: QTableWidget, rows: list[tuple[int, tuple[str, ...]]]) -> None:
    table.setRowCount(len(rows))
    for i, (ident, values) in enumerate(rows):
        for column, text in enumerate(values):
            cell = QTableWidgetItem(text)
            cell.setData(Qt.ItemDataRole.UserRole, ident)
            cell.setToolTip(text)
            table.setItem(i, column, cell)
    table.resizeColumnsToContents()
    table.horizontalHeader().setSectionResizeMode(table.columnCount() - 1, QHeaderView.ResizeMode.Stretch)


class TrashDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("Thùng rác"))
        outer = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tasks = read_only_table(("Xóa lúc", "Lĩnh vực", "STT", "Nhiệm vụ"), "trashTasks")
        self.evidence = read_only_table(("Xóa lúc", "Tệp", "Nhiệm vụ"), "trashEvidence")
        self.plans = read_only_table(("Xóa lúc", "Năm", "Kế hoạch"), "trashPlans")
        self.tabs.addTab(self.tasks, tr("Nhiệm vụ"))
        self.tabs.addTab(self.evidence, tr("Tài liệu kiểm chứng"))
        self.tabs.addTab(self.plans, tr("Kế hoạch"))
        outer.addWidget(self.tabs, 1)
        row = QHBoxLayout()
        self.restore_button = QPushButton(tr("Khôi phục"))
        self.restore_button.clicked.connect(self.restore)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        row.addWidget(close_buttons(self))
        outer.addLayout(row)
        ctx.watch(self, {"task", "plan", "evidence"}, self.reload)
        self.reload()
        fit(self, 820, 480)

    def reload(self) -> None:
        session = self.ctx.session
        task_rows = []
        if self.ctx.plan_id:
            deleted = sorted(session.tasks.rows(self.ctx.plan_id, deleted=True),
                             key=lambda r: r.deleted_at or "", reverse=True)
            for r in deleted:
                task_rows.append((r.id, (format_datetime(r.deleted_at),
                                         ("PAPI " if r.framework == "PAPI" else "") + r.domain_code,
                                         r.code, " ".join(r.name.split()))))
        _fill(self.tasks, task_rows)
        codes = {}
        evidence_rows = []
        for item in session.evidence.deleted():
            if item.task_id not in codes:
                codes[item.task_id] = session.tasks.row(item.task_id, include_deleted=True).code
            evidence_rows.append((item.id, (format_datetime(item.deleted_at), item.file_name,
                                            tr("STT {code}", code=codes[item.task_id]))))
        _fill(self.evidence, evidence_rows)
        _fill(self.plans, [(p.id, (format_datetime(p.deleted_at), str(p.year), p.title))
                           for p in session.plans.list(deleted=True)])

    def restore(self) -> None:
        table = self.tabs.currentWidget()
        rows = table.selectionModel().selectedRows()
        if not rows:
            return
        ident = table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        work = {self.tasks: lambda s, _r: s.tasks.restore(ident),
                self.evidence: lambda s, _r: s.evidence.restore(ident),
                self.plans: lambda s, _r: s.plans.restore(ident)}[table]
        self.ctx.jobs.run(tr("Khôi phục"), work, parent=self)
