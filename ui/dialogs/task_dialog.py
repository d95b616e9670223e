"""Add or edit a task: every plan column, then how far it got (status, progress, result)."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QSizePolicy, QSpinBox,
                               QTabWidget, QVBoxLayout, QWidget)

from cchc_desktop.deadlines import parse_deadline
from cchc_desktop.i18n import tr
from cchc_desktop.model import DONE, IN_PROGRESS, NOT_STARTED, STATUS_LABELS, STATUSES, SUSPENDED, TaskInput
from ui.dialogs.base import FormDialog
from ui.dialogs.history_table import HistoryTable
from ui.dialogs.unit_picker import UnitPicker
from ui.widgets import DateField
from ui.geometry import fit

CONTENT_TAB, PROGRESS_TAB, HISTORY_TAB = range(3)


def domain_key(framework: str, code: str) -> str:
    """Combo data must be a plain string: Qt cannot find a Python tuple again."""
    return f"{framework}:{code}"


def _text_box(height: int, grow: bool = False) -> QPlainTextEdit:
    """A multi-line field; ``grow`` takes the dialog's spare height (the task text)."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    if grow:
        box.setMinimumHeight(height)
    else:
        box.setFixedHeight(height)
    return box


class _Layout:
    def setup(self, dialog: FormDialog, ctx) -> None:
        outer = QVBoxLayout(dialog)
        self.tabs = QTabWidget()
        outer.addWidget(self.tabs, 1)

        content = QWidget()
        form = QFormLayout(content)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.domain = QComboBox()
        self.parent_task = QComboBox()
        self.code = QLineEdit()
        self.code.setPlaceholderText(tr("để trống: tự đánh số"))
        self.code.setMaximumWidth(140)
        self.name = _text_box(90, grow=True)
        self.leads = UnitPicker(ctx, tr("Chọn cơ quan chủ trì"))
        self.coordinators = UnitPicker(ctx, tr("Chọn cơ quan phối hợp"))
        self.deadline = QLineEdit()
        self.deadline.setPlaceholderText(tr("ví dụ: Quý I/2026; Trước ngày 10/01/2026; Thường xuyên"))
        self.start = QLineEdit()
        self.start.setPlaceholderText(tr("nếu kế hoạch ghi"))
        self.start.setMaximumWidth(160)
        self.deadline_meaning = QLabel()
        self.deadline_meaning.setWordWrap(True)
        self.deadline_meaning.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.deadline_meaning.setObjectName("deadlineMeaning")
        self.product = _text_box(50)
        self.note = _text_box(44)
        form.addRow(tr("Lĩnh vực:"), self.domain)
        form.addRow(tr("Thuộc nhiệm vụ:"), self.parent_task)
        form.addRow(tr("STT:"), self.code)
        form.addRow(tr("Nội dung nhiệm vụ:"), self.name)
        form.addRow(tr("Cơ quan chủ trì:"), self.leads)
        form.addRow(tr("Cơ quan phối hợp:"), self.coordinators)
        times = QHBoxLayout()
        times.addWidget(self.deadline, 1)
        times.addWidget(QLabel(tr("Bắt đầu:")))
        times.addWidget(self.start)
        form.addRow(tr("Thời gian hoàn thành:"), times)
        form.addRow("", self.deadline_meaning)
        form.addRow(tr("Sản phẩm:"), self.product)
        form.addRow(tr("Ghi chú:"), self.note)
        self.tabs.addTab(content, tr("Nội dung"))

        progress = QWidget()
        form = QFormLayout(progress)
        self.status = QComboBox()
        for status in STATUSES:
            self.status.addItem(tr(STATUS_LABELS[status]), status)
        self.progress = QSpinBox()
        self.progress.setRange(0, 100)
        self.progress.setSuffix(" %")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("bắt buộc khi tạm dừng hoặc không thực hiện"))
        self.result = _text_box(120, grow=True)
        self.completed_on = DateField()
        form.addRow(tr("Trạng thái:"), self.status)
        form.addRow(tr("Tiến độ:"), self.progress)
        form.addRow(tr("Lý do tạm dừng/không thực hiện:"), self.reason)
        form.addRow(tr("Kết quả thực hiện:"), self.result)
        form.addRow(tr("Ngày hoàn thành:"), self.completed_on)
        self.tabs.addTab(progress, tr("Tiến độ"))

        self.history = HistoryTable()
        self.tabs.addTab(self.history, tr("Lịch sử"))
        outer.addWidget(dialog.error)
        outer.addWidget(dialog.buttons)


class TaskDialog(FormDialog):
    """``task_id`` edits that task; otherwise a new task in ``domain`` (under ``parent_id``)."""

    saved = Signal(int)

    def __init__(self, ctx, *, task_id: int | None = None, plan_id: int | None = None,
                 domain: tuple[str, str] = ("PAR", "I"), parent_id: int | None = None,
                 tab: int = CONTENT_TAB, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.task_id = task_id
        self.ui = _Layout()
        self.ui.setup(self, ctx)
        session = ctx.session
        if task_id is not None:
            self.data = session.tasks.input_for(task_id)
            row = session.tasks.row(task_id)
            self.setWindowTitle(tr("Sửa nhiệm vụ {code}", code=row.code))
            self.ui.history.set_entries(session.tasks.history(task_id))
        else:
            framework, code = domain
            if parent_id is not None:
                parent_row = session.tasks.row(parent_id)
                framework, code = parent_row.framework, parent_row.domain_code
            self.data = TaskInput(plan_id or ctx.plan_id, framework, code, "", parent_id)
            self.setWindowTitle(tr("Thêm nhiệm vụ con") if parent_id else tr("Thêm nhiệm vụ"))
            self.ui.tabs.setTabVisible(HISTORY_TAB, False)
        self.plan_year = session.plans.get(self.data.plan_id).year
        self.field_widgets = {
            "name": self.ui.name, "code": self.ui.code, "domain_code": self.ui.domain,
            "parent_id": self.ui.parent_task, "status": self.ui.status, "progress": self.ui.progress,
            "status_reason": self.ui.reason, "completed_on": self.ui.completed_on,
            "leads": self.ui.leads.button, "deadline_text": self.ui.deadline, "result": self.ui.result,
            "product": self.ui.product, "note": self.ui.note}
        self._fill_domains()
        self._load(self.data)
        self.ui.domain.currentIndexChanged.connect(self._fill_parents)
        self.ui.parent_task.currentIndexChanged.connect(self._parent_changed)
        self.ui.deadline.textChanged.connect(self._show_deadline_meaning)
        self.ui.status.currentIndexChanged.connect(self._status_changed)
        self.ui.tabs.setCurrentIndex(tab)
        fit(self, 720, 640)

    # ------------------------------------------------------------------ filling

    def _fill_domains(self) -> None:
        for domain in self.ctx.session.overview.all_domains():
            self.ui.domain.addItem(domain.title, domain_key(domain.framework, domain.code))

    def _fill_parents(self) -> None:
        framework, code = self.ui.domain.currentData().split(":")
        self.ui.parent_task.blockSignals(True)
        self.ui.parent_task.clear()
        self.ui.parent_task.addItem(tr("(không — nhiệm vụ cấp 1)"), None)
        own = {self.task_id} if self.task_id else set()
        if self.task_id:
            own |= set(self.ctx.session.tasks.descendants(self.task_id))
        for row in self.ctx.session.tasks.rows(self.data.plan_id, framework, code):
            if row.id not in own:
                text = f"{row.code}. {' '.join(row.name.split())}"
                self.ui.parent_task.addItem(text[:110] + ("…" if len(text) > 110 else ""), row.id)
        self.ui.parent_task.blockSignals(False)

    def _load(self, data: TaskInput) -> None:
        ui = self.ui
        ui.domain.setCurrentIndex(max(0, ui.domain.findData(domain_key(data.framework, data.domain_code))))
        self._fill_parents()
        ui.parent_task.setCurrentIndex(max(0, ui.parent_task.findData(data.parent_id)))
        ui.domain.setEnabled(data.parent_id is None)
        ui.code.setText(data.code)
        ui.name.setPlainText(data.name)
        ui.leads.set_ids(data.lead_ids)
        ui.coordinators.set_ids(data.coordinator_ids)
        ui.deadline.setText(data.deadline_text)
        ui.start.setText(data.start_text)
        self._show_deadline_meaning(data.deadline_text)
        ui.product.setPlainText(data.product)
        ui.note.setPlainText(data.note)
        ui.status.setCurrentIndex(STATUSES.index(data.status))
        ui.progress.setValue(data.progress)
        ui.reason.setText(data.status_reason)
        ui.result.setPlainText(data.result)
        ui.completed_on.set_value(data.completed_on)
        self._enable_tracking_fields()

    # ------------------------------------------------------------------ behaviour

    def _parent_changed(self) -> None:
        self.ui.domain.setEnabled(self.ui.parent_task.currentData() is None)

    def _show_deadline_meaning(self, text: str) -> None:
        deadline = parse_deadline(text, self.plan_year)
        colour = "#1b5e20" if deadline.understood else "#9a5b00"
        self.ui.deadline_meaning.setStyleSheet(f"color: {colour};")
        self.ui.deadline_meaning.setText(tr("Hiểu là: {meaning}", meaning=deadline.describe()))

    def _status_changed(self) -> None:
        status = self.ui.status.currentData()
        if status == DONE:
            self.ui.progress.setValue(100)
            if self.ui.completed_on.is_blank():
                self.ui.completed_on.set_value(self.ctx.clock.today())
        elif status == NOT_STARTED:
            self.ui.progress.setValue(0)
        elif status == IN_PROGRESS and self.ui.progress.value() == 100:
            self.ui.progress.setValue(90)
        self._enable_tracking_fields()

    def _enable_tracking_fields(self) -> None:
        status = self.ui.status.currentData()
        self.ui.reason.setEnabled(status == SUSPENDED)
        self.ui.completed_on.setEnabled(status == DONE)
        self.ui.progress.setEnabled(status in (IN_PROGRESS, SUSPENDED))

    def collect(self) -> TaskInput:
        ui = self.ui
        framework, code = ui.domain.currentData().split(":")
        status = ui.status.currentData()
        return TaskInput(
            self.data.plan_id, framework, code, ui.name.toPlainText(), ui.parent_task.currentData(),
            ui.code.text(), ui.product.toPlainText(), ui.deadline.text(), ui.leads.ids(),
            ui.coordinators.ids(), ui.note.toPlainText(), status, ui.reason.text(), ui.progress.value(),
            ui.result.toPlainText(), ui.completed_on.value() if status == DONE else None, ui.start.text())

    def on_save(self) -> None:
        data, task_id = self.collect(), self.task_id
        if task_id is None:
            self.submit(tr("Lưu nhiệm vụ"), lambda s, _r: s.tasks.add(data), self.saved.emit)
        else:
            self.submit(tr("Lưu nhiệm vụ"), lambda s, _r: s.tasks.update(task_id, data),
                        lambda _none: self.saved.emit(task_id))


