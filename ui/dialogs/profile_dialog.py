"""The commune's profile: who we are, who signs, who is at the keyboard."""
from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from cchc_desktop.i18n import tr
from cchc_desktop.model import CommuneProfile
from ui.dialogs.base import FormDialog
from ui.geometry import fit
from ui.widgets import editable_combo

AUTHORITIES = ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "TL. CHỦ TỊCH", "Q. CHỦ TỊCH")
POSITIONS = ("CHỦ TỊCH", "PHÓ CHỦ TỊCH")


class _Layout:
    def setup(self, dialog: FormDialog) -> None:
        outer = QVBoxLayout(dialog)
        intro = QLabel(tr("Các thông tin này được dùng trên báo cáo, kế hoạch và nhật ký thay đổi."))
        intro.setWordWrap(True)
        outer.addWidget(intro)
        unit = QGroupBox(tr("Đơn vị"))
        form = QFormLayout(unit)
        self.commune = QLineEdit()
        self.commune.setPlaceholderText(tr("ví dụ: Vĩnh Lộc"))
        self.province = QLineEdit()
        self.province.setPlaceholderText(tr("ví dụ: Thanh Hóa"))
        self.issuer = QLineEdit()
        self.issuer.setPlaceholderText(tr("để trống: Ủy ban nhân dân xã …"))
        self.place = QLineEdit()
        self.place.setPlaceholderText(tr("địa danh ghi trước ngày tháng, ví dụ: Vĩnh Lộc"))
        form.addRow(tr("Tên xã:"), self.commune)
        form.addRow(tr("Tỉnh:"), self.province)
        form.addRow(tr("Cơ quan ban hành:"), self.issuer)
        form.addRow(tr("Địa danh:"), self.place)
        outer.addWidget(unit)
        people = QGroupBox(tr("Người sử dụng và người ký"))
        form = QFormLayout(people)
        self.officer = QLineEdit()
        self.officer.setPlaceholderText(tr("họ và tên cán bộ dùng chương trình"))
        self.officer_unit = QLineEdit()
        self.signer_name = QLineEdit()
        self.signer_authority = editable_combo(AUTHORITIES)
        self.signer_position = editable_combo(POSITIONS)
        form.addRow(tr("Cán bộ sử dụng:"), self.officer)
        form.addRow(tr("Thuộc đơn vị:"), self.officer_unit)
        form.addRow(tr("Thẩm quyền ký:"), self.signer_authority)
        form.addRow(tr("Chức vụ người ký:"), self.signer_position)
        form.addRow(tr("Họ tên người ký:"), self.signer_name)
        outer.addWidget(people)
        outer.addWidget(dialog.error)
        outer.addWidget(dialog.buttons)


class ProfileDialog(FormDialog):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setWindowTitle(tr("Thông tin xã"))
        self.ui = _Layout()
        self.ui.setup(self)
        self.field_widgets = {name: getattr(self.ui, name) for name in
                              ("commune", "province", "place", "officer")}
        profile = ctx.session.profile.get()
        for name in ("commune", "province", "issuer", "place", "officer", "officer_unit", "signer_name"):
            getattr(self.ui, name).setText(getattr(profile, name))
        self.ui.signer_authority.setCurrentText(profile.signer_authority)
        self.ui.signer_position.setCurrentText(profile.signer_position)
        self.ui.commune.textEdited.connect(self._suggest_place)
        fit(self, 520, 460)

    def _suggest_place(self, text: str) -> None:
        if not self.ui.place.isModified():
            self.ui.place.setText(text)

    def collect(self) -> CommuneProfile:
        ui = self.ui
        return CommuneProfile(ui.commune.text(), ui.province.text(), ui.issuer.text(), ui.place.text(),
                              ui.officer.text(), ui.officer_unit.text(), ui.signer_name.text(),
                              ui.signer_authority.currentText(), ui.signer_position.currentText())

    def on_save(self) -> None:
        profile = self.collect()
        self.submit(tr("Lưu thông tin xã"), lambda s, _r: s.profile.save(profile))
