"""The right-hand panel of a domain tab: one task's details, evidence files and history."""
from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QFrame, QHBoxLayout, QHeaderView,
                               QLabel, QProgressBar, QPushButton, QScrollArea, QTableWidget,
                               QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from cchc_desktop.i18n import format_date, format_size, tr
from cchc_desktop.model import DONE, Evidence, TaskRow, status_label
from ui import widgets
from ui.dialogs.evidence_dialogs import EVIDENCE_FILTER, EvidenceEditDialog
from ui.dialogs.history_table import HistoryTable
from ui.file_drop import FileDropMixin
from ui.file_dialogs import ask_open_many

EVIDENCE_HEADERS = ("Tệp", "Số, ký hiệu", "Ngày", "Dung lượng")


class EvidenceTable(FileDropMixin, QTableWidget):
    """The files proving one task. Files can be dropped onto it."""

    files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, len(EVIDENCE_HEADERS), parent)
        self.setObjectName("evidenceTable")
        self.setHorizontalHeaderLabels([tr(h) for h in EVIDENCE_HEADERS])
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.setAcceptDrops(True)
        self.items: list[Evidence] = []

    def set_items(self, items: list[Evidence]) -> None:
        self.items = items
        self.setRowCount(len(items))
        for i, item in enumerate(items):
            values = (item.file_name, item.doc_number, format_date(item.doc_date), format_size(item.size))
            for column, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, item.id)
                if column == 0:
                    cell.setToolTip(tr("{name}\n{summary}\nĐính kèm lúc {at} bởi {who}", name=item.file_name,
                                       summary=item.summary or item.issuer, at=item.added_at.replace("T", " "),
                                       who=item.added_by))
                self.setItem(i, column, cell)
        self.resizeColumnsToContents()
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def selected_id(self) -> int | None:
        rows = self.selectionModel().selectedRows()
        return self.items[rows[0].row()].id if rows else None

    def files_dropped_on(self, _target, paths: list[Path]) -> None:
        self.files_dropped.emit(paths)


class TaskDetailPanel(QWidget):
    edit_requested = Signal(int, int)      # task id, dialog tab
    attach_requested = Signal(int, list)   # task id, paths

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.row: TaskRow | None = None
        # Details on the left, evidence and history on the right: the panel sits under the
        # task tree, so the tree keeps the full window width for the task text.
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 4, 0, 0)
        info = QWidget()
        layout = QVBoxLayout(info)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("taskTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setVerticalSpacing(3)
        self.fields = {}
        for key, label in (("lead", "Chủ trì"), ("coordinators", "Phối hợp"), ("deadline", "Thời gian"),
                           ("product", "Sản phẩm"), ("status", "Trạng thái"), ("result", "Kết quả"),
                           ("previous", "Năm trước"), ("note", "Ghi chú")):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(tr(label) + ":", value)
        self.form = form
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setFormat("%p %")
        self.progress.setMaximumHeight(16)
        form.addRow(tr("Tiến độ:"), self.progress)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.update_button = QPushButton(tr("Cập nhật tiến độ…"))
        self.update_button.clicked.connect(lambda: self._edit(1))
        self.edit_button = QPushButton(tr("Sửa nhiệm vụ…"))
        self.edit_button.clicked.connect(lambda: self._edit(0))
        buttons.addWidget(self.update_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(info)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll, 5)

        self.tabs = QTabWidget()
        evidence_page = QWidget()
        ev_layout = QVBoxLayout(evidence_page)
        ev_layout.setContentsMargins(4, 4, 4, 4)
        hint = QLabel(tr("Kéo thả tệp vào đây hoặc vào dòng nhiệm vụ để đính kèm."))
        hint.setStyleSheet("color: #555;")
        hint.setWordWrap(True)
        ev_layout.addWidget(hint)
        self.evidence = EvidenceTable()
        self.evidence.files_dropped.connect(self._dropped)
        self.evidence.doubleClicked.connect(self.open_selected)
        ev_layout.addWidget(self.evidence, 1)
        row = QHBoxLayout()
        self.attach_button = QPushButton(tr("Đính kèm tệp…"))
        self.attach_button.clicked.connect(self.choose_files)
        self.open_button = QPushButton(tr("Mở"))
        self.open_button.clicked.connect(self.open_selected)
        self.meta_button = QPushButton(tr("Thông tin…"))
        self.meta_button.clicked.connect(self.edit_selected)
        self.remove_button = QPushButton(tr("Xóa"))
        self.remove_button.clicked.connect(self.remove_selected)
        for button in (self.attach_button, self.open_button, self.meta_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        ev_layout.addLayout(row)
        self.tabs.addTab(evidence_page, tr("Minh chứng"))
        self.history = HistoryTable()
        self.tabs.addTab(self.history, tr("Lịch sử"))
        outer.addWidget(self.tabs, 4)
        self.evidence.itemSelectionChanged.connect(self._enable)
        self.show_task(None)

    # ------------------------------------------------------------------ showing

    def show_task(self, row: TaskRow | None) -> None:
        self.row = row
        if row is None:
            self.title.setText(tr("<i>Chọn một nhiệm vụ để xem chi tiết.</i>"))
            for value in self.fields.values():
                value.clear()
            self.progress.setValue(0)
            self.form.setRowVisible(self.fields["previous"], False)
            self.form.setRowVisible(self.fields["note"], False)
            self.evidence.set_items([])
            self.history.set_entries([])
            self.tabs.setTabText(0, tr("Minh chứng"))
            self._enable()
            return
        today = self.ctx.clock.today()
        self.title.setText(f"<b>{escape(row.code)}.</b> {escape(' '.join(row.name.split()))}")
        self.fields["lead"].setText(row.lead_names or tr("(chưa giao)"))
        self.fields["coordinators"].setText(row.coordinator_names)
        meaning = row.deadline.describe()
        self.fields["deadline"].setText(f"{row.deadline_text}\n→ {meaning}" if row.deadline_text else meaning)
        self.fields["product"].setText(row.product)
        status = row.state_label(today)
        if row.completed_on:
            status += tr(", ngày {d}", d=format_date(row.completed_on))
        if row.status_reason:
            status += tr(" — lý do: {r}", r=row.status_reason)
        colour = "#b00020" if row.is_overdue(today) else ("#9a5b00" if row.finished_late else "")
        self.fields["status"].setStyleSheet(f"color: {colour};" if colour else "")
        self.fields["status"].setText(status)
        self.fields["result"].setText(row.result)
        self._show_previous(row)
        # the note: "Chuyển tiếp từ năm 2026", and what to look at since next year's plan was made from last year's
        self.form.setRowVisible(self.fields["note"], bool(row.note.strip()))
        self.fields["note"].setText(row.note.strip())
        self.fields["note"].setStyleSheet("color: #8a4b00;" if row.review else "")
        self.progress.setValue(row.progress)
        items = self.ctx.session.evidence.list(row.id)
        self.evidence.set_items(items)
        self.tabs.setTabText(0, tr("Minh chứng ({n})", n=len(items)))
        if row.status == DONE and not items:
            self.tabs.setTabToolTip(0, tr("Đã hoàn thành nhưng chưa có tài liệu kiểm chứng"))
        self.history.set_entries(self.ctx.session.tasks.history(row.id))
        self._enable()

    def _show_previous(self, row: TaskRow) -> None:
        """The task of last year's plan this one was carried from (its evidence stays there), for reference."""
        before = self.ctx.session.rollover.previous_task(row.id) if row.previous_id else None
        self.form.setRowVisible(self.fields["previous"], before is not None)
        if before is not None:
            self.fields["previous"].setText(tr("STT {code} của kế hoạch năm {y}: {status}, {n} tệp minh chứng",
                                               code=before.code, y=before.plan_year,
                                               status=status_label(before.status),
                                               n=before.evidence_count))

    def _enable(self) -> None:
        has_task = self.row is not None
        has_file = self.evidence.selected_id() is not None
        for button in (self.update_button, self.edit_button, self.attach_button):
            button.setEnabled(has_task)
        for button in (self.open_button, self.meta_button, self.remove_button):
            button.setEnabled(has_file)
        self.evidence.setAcceptDrops(has_task)

    # ------------------------------------------------------------------ actions

    def _edit(self, tab: int) -> None:
        if self.row:
            self.edit_requested.emit(self.row.id, tab)

    def _dropped(self, paths: list[Path]) -> None:
        if self.row:
            self.attach_requested.emit(self.row.id, paths)

    def choose_files(self) -> None:
        if not self.row:
            return
        paths = ask_open_many(self, self.ctx, tr("Chọn tài liệu kiểm chứng"), tr(EVIDENCE_FILTER))
        if paths:
            self.attach_requested.emit(self.row.id, paths)

    def open_selected(self) -> None:
        evidence_id = self.evidence.selected_id()
        if evidence_id is None:
            return
        # A read-only copy goes to the viewer, so editing it can never change the evidence.
        self.ctx.jobs.run(tr("Mở tệp"), lambda s, _r: s.evidence.view_path(evidence_id),
                          on_success=lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))),
                          parent=self)

    def edit_selected(self) -> None:
        evidence_id = self.evidence.selected_id()
        if evidence_id is not None:
            EvidenceEditDialog(self.ctx, evidence_id, self).open()

    def remove_selected(self) -> None:
        evidence_id = self.evidence.selected_id()
        if evidence_id is None:
            return
        name = self.ctx.session.evidence.get(evidence_id).file_name
        if widgets.confirm(self, tr("Xóa tài liệu kiểm chứng"),
                           tr("Chuyển tệp “{name}” vào thùng rác?", name=name), tr("Xóa"),
                           tr("Có thể khôi phục lại trong Thùng rác.")):
            self.ctx.jobs.run(tr("Xóa tài liệu"), lambda s, _r: s.evidence.remove(evidence_id),
                              parent=self)
