"""Export the plan's task list to Excel or Word, optionally with status columns for the units."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QLabel, QRadioButton,
                               QVBoxLayout, QWidget)

from cchc_desktop.i18n import tr
from ui.file_dialogs import ask_save
from cchc_desktop.file_names import document_file_name

FILTERS = {"xlsx": "Bảng tính Excel (*.xlsx)", "docx": "Văn bản Word (*.docx)"}


class ExportDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("Xuất danh mục nhiệm vụ"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Xuất bảng nhiệm vụ của kế hoạch theo mẫu phụ lục thường dùng.")))
        self.excel = QRadioButton(tr("Bảng tính Excel (.xlsx)"))
        self.word = QRadioButton(tr("Văn bản Word (.docx)"))
        self.excel.setChecked(True)
        layout.addWidget(self.excel)
        layout.addWidget(self.word)
        self.with_status = QCheckBox(tr("Thêm cột trạng thái, tiến độ, kết quả thực hiện (để gửi các đơn vị cập nhật "
                                        "rồi nhập lại)"))
        layout.addWidget(self.with_status)
        buttons = QDialogButtonBox()
        buttons.addButton(tr("Xuất…"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.choose_file)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @property
    def fmt(self) -> str:
        return "docx" if self.word.isChecked() else "xlsx"

    def default_name(self) -> str:
        plan = self.ctx.session.plans.get(self.ctx.plan_id)
        number = plan.number.split("/")[0] if plan.has_number else ""
        return document_file_name("KH", number, tr("CCHC {y}", y=plan.year), self.fmt)

    def choose_file(self) -> None:
        path = ask_save(self, self.ctx, tr("Lưu danh mục nhiệm vụ"), self.default_name(), tr(FILTERS[self.fmt]),
                        self.fmt)
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        from cchc_desktop.exporters.plan_export import export_plan
        plan_id, fmt, status = self.ctx.plan_id, self.fmt, self.with_status.isChecked()
        self.ctx.jobs.run(tr("Đang xuất danh mục nhiệm vụ…"),
                          lambda s, _r: export_plan(s, plan_id, path, fmt, status),
                          on_success=self._done, parent=self, progress=True)

    def _done(self, path: Path) -> None:
        self.exported = path
        self.accept()
