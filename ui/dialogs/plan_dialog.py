"""Create or edit a plan: title, number/symbol, date issued, year, kind, issuing body."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from cchc_desktop.i18n import tr
from cchc_desktop.model import PLAN_KINDS, PlanInput
from ui.dialogs.base import FormDialog
from ui.widgets import DateField
from ui.geometry import fit


class PlanFields:
    """The fields that describe a plan, shared by this dialog and the import preview."""

    def __init__(self):
        self.title = QLineEdit()
        self.number = QLineEdit()
        self.issued_on = DateField()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.kind = QComboBox()
        for key, label in PLAN_KINDS.items():
            self.kind.addItem(tr(label), key)

    def show(self, title: str, number: str, issued_on, year: int, kind: str) -> None:
        self.title.setText(title)
        self.number.setText(number or "")
        self.issued_on.set_value(issued_on)
        self.year.setValue(year)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))

    def read(self, issuer: str) -> PlanInput:
        return PlanInput(self.title.text(), self.year.value(), self.kind.currentData(), self.number.text(),
                         self.issued_on.value(), issuer)


class _Layout:
    def setup(self, dialog: FormDialog) -> None:
        outer = QVBoxLayout(dialog)
        form = QFormLayout()
        self.fields = PlanFields()
        self.title, self.number, self.issued_on = self.fields.title, self.fields.number, self.fields.issued_on
        self.year, self.kind = self.fields.year, self.fields.kind
        self.title.setPlaceholderText(tr("ví dụ: Kế hoạch cải cách hành chính xã Vĩnh Lộc năm 2026"))
        self.number.setPlaceholderText(tr("ví dụ: 235/KH-UBND (chưa có số: /KH-UBND)"))
        self.issuer = QLineEdit()
        form.addRow(tr("Tên kế hoạch:"), self.title)
        form.addRow(tr("Số, ký hiệu:"), self.number)
        form.addRow(tr("Ngày ban hành:"), self.issued_on)
        form.addRow(tr("Năm kế hoạch:"), self.year)
        form.addRow(tr("Loại kế hoạch:"), self.kind)
        form.addRow(tr("Cơ quan ban hành:"), self.issuer)
        outer.addLayout(form)
        self.draft_note = QLabel(tr("Kế hoạch đang là bản Dự thảo (tạo từ kế hoạch năm trước): khi có số, ký hiệu và "
                                    "ngày ban hành, kế hoạch thôi là dự thảo và được tính vào biểu thống kê."))
        self.draft_note.setObjectName("draftNote")
        self.draft_note.setWordWrap(True)
        self.draft_note.hide()
        outer.addWidget(self.draft_note)
        outer.addWidget(dialog.error)
        outer.addWidget(dialog.buttons)


class PlanDialog(FormDialog):
    saved = Signal(int)

    def __init__(self, ctx, plan_id: int | None = None, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.plan_id = plan_id
        self.ui = _Layout()
        self.ui.setup(self)
        self.field_widgets = {"title": self.ui.title, "number": self.ui.number, "year": self.ui.year,
                              "issued_on": self.ui.issued_on, "kind": self.ui.kind}
        profile = ctx.session.profile.get()
        if plan_id is None:
            self.setWindowTitle(tr("Tạo kế hoạch mới"))
            year = ctx.clock.today().year + (1 if ctx.clock.today().month == 12 else 0)
            self.ui.year.setValue(year)
            self.ui.issuer.setText(profile.issuer)
            commune = f" {profile.commune}" if profile.commune else ""
            self.ui.title.setText(tr("Kế hoạch cải cách hành chính xã{c} năm {y}", c=commune, y=year))
        else:
            plan = ctx.session.plans.get(plan_id)
            self.setWindowTitle(tr("Sửa thông tin kế hoạch"))
            self.ui.fields.show(plan.title, plan.number, plan.issued_on, plan.year, plan.kind)
            self.ui.issuer.setText(plan.issuer)
            self.ui.draft_note.setVisible(plan.draft)
        fit(self, 600, 280)

    def collect(self) -> PlanInput:
        return self.ui.fields.read(self.ui.issuer.text())

    def on_save(self) -> None:
        data, plan_id = self.collect(), self.plan_id
        if plan_id is None:
            self.submit(tr("Tạo kế hoạch"), lambda s, _r: s.plans.create(data), self.saved.emit)
        else:
            self.submit(tr("Lưu kế hoạch"), lambda s, _r: s.plans.update(plan_id, data),
                        lambda _none: self.saved.emit(plan_id))
