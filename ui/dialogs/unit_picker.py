"""Pick one or more units from the catalog: a summary line plus a searchable checklist."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QInputDialog, QLineEdit,
                               QListWidget, QListWidgetItem, QPushButton, QSizePolicy, QVBoxLayout, QWidget)

from cchc_desktop.i18n import tr
from cchc_desktop.model import Unit
from cchc_desktop.text import fold, matches
from ui.geometry import fit


class _ChooserLayout:
    def setup(self, dialog: QDialog) -> None:
        layout = QVBoxLayout(dialog)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(tr("Lọc theo tên hoặc tên viết tắt…"))
        self.filter.setClearButtonEnabled(True)
        layout.addWidget(self.filter)
        self.list = QListWidget()
        self.list.setObjectName("unitList")
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(tr("Thêm đơn vị mới…"))
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton(tr("Chọn"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(self.buttons)


class UnitChooserDialog(QDialog):
    def __init__(self, ctx, title: str, chosen: list[int], parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.ui = _ChooserLayout()
        self.ui.setup(self)
        self.chosen = list(chosen)
        self.ui.filter.textChanged.connect(self._filter)
        self.ui.list.itemChanged.connect(self._item_changed)
        self.ui.buttons.accepted.connect(self.accept)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.add_button.clicked.connect(self._add_unit)
        self._fill(ctx.session.units.list())
        fit(self, 460, 520)

    def _fill(self, units: list[Unit]) -> None:
        self.ui.list.blockSignals(True)
        self.ui.list.clear()
        order = {uid: i for i, uid in enumerate(self.chosen)}
        # Chosen units first (in their order), then the catalog.
        for unit in sorted(units, key=lambda u: (u.id not in order, order.get(u.id, 0))):
            text = f"{unit.name} ({unit.abbreviation})" if unit.abbreviation else unit.name
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, unit.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, fold(" ".join((unit.name, unit.abbreviation,
                                                                      *unit.aliases))))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if unit.id in order else Qt.CheckState.Unchecked)
            self.ui.list.addItem(item)
        self.ui.list.blockSignals(False)

    def _filter(self, text: str) -> None:
        key = fold(text)
        for i in range(self.ui.list.count()):
            item = self.ui.list.item(i)
            item.setHidden(bool(key) and not matches(key, item.data(Qt.ItemDataRole.UserRole + 1)))

    def _item_changed(self, item: QListWidgetItem) -> None:
        unit_id = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked and unit_id not in self.chosen:
            self.chosen.append(unit_id)
        elif item.checkState() != Qt.CheckState.Checked and unit_id in self.chosen:
            self.chosen.remove(unit_id)

    def _add_unit(self) -> None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(tr("Thêm đơn vị"))
        dialog.setLabelText(tr("Tên đơn vị mới:"))
        dialog.setTextValue(self.ui.filter.text())
        dialog.setOkButtonText(tr("Thêm"))
        dialog.setCancelButtonText(tr("Hủy"))
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.textValue().strip():
            return
        name = dialog.textValue()
        self.ctx.jobs.run(tr("Thêm đơn vị"), lambda s, _r: s.units.add(name),
                          on_success=self._added, parent=self)

    def _added(self, unit_id: int) -> None:
        self.chosen.append(unit_id)
        self.ui.filter.clear()
        self._fill(self.ctx.session.units.list())


class UnitPicker(QWidget):
    """The chosen units as text, and a button that opens the chooser."""

    changed = Signal()

    def __init__(self, ctx, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.title = ctx, title
        self._ids: list[int] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        # A read-only line, not a wrapping label: wrapping labels make form rows jump in height.
        self.summary = QLineEdit()
        self.summary.setReadOnly(True)
        self.summary.setPlaceholderText(tr("(chưa chọn)"))
        layout.addWidget(self.summary, 1)
        self.button = QPushButton(tr("Chọn…"))
        self.button.clicked.connect(self.choose)
        layout.addWidget(self.button)

    def ids(self) -> list[int]:
        return list(self._ids)

    def set_ids(self, ids: list[int]) -> None:
        self._ids = list(ids)
        names = {u.id: u.name for u in self.ctx.session.units.list(include_deleted=True)}
        text = "; ".join(names.get(i, "?") for i in self._ids)
        self.summary.setText(text)
        self.summary.setCursorPosition(0)
        self.summary.setToolTip("\n".join(names.get(i, "?") for i in self._ids))
        self.changed.emit()

    def choose(self) -> None:
        dialog = UnitChooserDialog(self.ctx, self.title, self._ids, self)
        dialog.accepted.connect(lambda: self.set_ids(dialog.chosen))
        dialog.open()


__all__ = ["UnitChooserDialog", "UnitPicker"]
