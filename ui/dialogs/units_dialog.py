"""The catalog of units: names, abbreviations, other spellings; add, edit, merge, delete."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QHBoxLayout, QHeaderView, QInputDialog,
                               QLineEdit, QPlainTextEdit, QPushButton, QTableWidgetItem, QVBoxLayout, QWidget)

from cchc_desktop.i18n import tr
from cchc_desktop.model import UNIT_KINDS
from cchc_desktop.text import fold, matches
from ui import widgets
from ui.dialogs.base import FormDialog
from ui.widgets import close_buttons, read_only_table
from ui.geometry import fit

HEADERS = ("Tên đơn vị", "Viết tắt", "Loại", "Tên gọi khác", "Số nhiệm vụ")


class UnitEditDialog(FormDialog):
    def __init__(self, ctx, unit_id: int | None = None, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.unit_id = unit_id
        self.setWindowTitle(tr("Sửa đơn vị") if unit_id else tr("Thêm đơn vị"))
        outer = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit()
        self.abbreviation = QLineEdit()
        self.abbreviation.setPlaceholderText(tr("ví dụ: TTPVHCC"))
        self.kind = QComboBox()
        for key, label in UNIT_KINDS.items():
            self.kind.addItem(tr(label), key)
        self.aliases = QPlainTextEdit()
        self.aliases.setPlaceholderText(tr("Mỗi dòng một cách viết khác trong các kế hoạch"))
        form.addRow(tr("Tên đơn vị:"), self.name)
        form.addRow(tr("Tên viết tắt:"), self.abbreviation)
        form.addRow(tr("Loại:"), self.kind)
        form.addRow(tr("Tên gọi khác:"), self.aliases)
        outer.addLayout(form)
        outer.addWidget(self.error)
        outer.addWidget(self.buttons)
        self.field_widgets = {"name": self.name, "kind": self.kind}
        if unit_id:
            unit = ctx.session.units.get(unit_id)
            self.name.setText(unit.name)
            self.abbreviation.setText(unit.abbreviation)
            self.kind.setCurrentIndex(max(0, self.kind.findData(unit.kind)))
            self.aliases.setPlainText("\n".join(unit.aliases))
        fit(self, 480, 360)

    def on_save(self) -> None:
        name, abbreviation, kind = self.name.text(), self.abbreviation.text(), self.kind.currentData()
        aliases = [a for a in self.aliases.toPlainText().splitlines() if a.strip()]
        unit_id = self.unit_id
        if unit_id is None:
            self.submit(tr("Thêm đơn vị"), lambda s, _r: s.units.add(name, abbreviation, kind, aliases))
        else:
            self.submit(tr("Lưu đơn vị"), lambda s, _r: s.units.update(unit_id, name, abbreviation, kind, aliases))


class UnitsDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("Danh mục cơ quan, đơn vị"))
        outer = QVBoxLayout(self)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(tr("Tìm đơn vị…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        outer.addWidget(self.filter)
        self.table = read_only_table(HEADERS, "unitsTable")
        self.table.doubleClicked.connect(self.edit)
        outer.addWidget(self.table, 1)
        row = QHBoxLayout()
        for text, slot in ((tr("Thêm…"), self.add), (tr("Sửa…"), self.edit),
                           (tr("Gộp vào đơn vị khác…"), self.merge), (tr("Xóa"), self.delete)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close_buttons(self))
        outer.addLayout(row)
        ctx.watch(self, {"unit"}, self.reload)
        self.reload()
        fit(self, 900, 560)

    def reload(self) -> None:
        units = self.ctx.session.units.list()
        self.table.setRowCount(len(units))
        for i, unit in enumerate(units):
            values = (unit.name, unit.abbreviation, tr(UNIT_KINDS[unit.kind]), "; ".join(unit.aliases),
                      str(self.ctx.session.units.usage(unit.id)))
            for column, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, unit.id)
                cell.setToolTip(text)
                self.table.setItem(i, column, cell)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(0, min(self.table.columnWidth(0), 300))
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self._filter(self.filter.text())

    def _filter(self, text: str) -> None:
        key = fold(text)
        for i in range(self.table.rowCount()):
            haystack = fold(" ".join(self.table.item(i, c).text() for c in range(4)))
            self.table.setRowHidden(i, bool(key) and not matches(key, haystack))

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole) if rows else None

    def add(self) -> None:
        UnitEditDialog(self.ctx, None, self).open()

    def edit(self) -> None:
        unit_id = self.selected_id()
        if unit_id is not None:
            UnitEditDialog(self.ctx, unit_id, self).open()

    def delete(self) -> None:
        unit_id = self.selected_id()
        if unit_id is None:
            return
        unit = self.ctx.session.units.get(unit_id)
        if widgets.confirm(self, tr("Xóa đơn vị"), tr("Xóa “{name}” khỏi danh mục?", name=unit.name), tr("Xóa")):
            self.ctx.jobs.run(tr("Xóa đơn vị"), lambda s, _r: s.units.delete(unit_id),
                              parent=self)

    def merge(self) -> None:
        source_id = self.selected_id()
        if source_id is None:
            return
        source = self.ctx.session.units.get(source_id)
        others = [u for u in self.ctx.session.units.list() if u.id != source_id]
        dialog = QInputDialog(self)
        dialog.setWindowTitle(tr("Gộp đơn vị"))
        dialog.setLabelText(tr("Chuyển mọi nhiệm vụ của “{name}” sang đơn vị:", name=source.name))
        dialog.setComboBoxItems([u.name for u in others])
        dialog.setOkButtonText(tr("Gộp"))
        dialog.setCancelButtonText(tr("Hủy"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        target = next(u for u in others if u.name == dialog.textValue())
        self.ctx.jobs.run(tr("Gộp đơn vị"), lambda s, _r: s.units.merge(source_id, target.id),
                          parent=self)
