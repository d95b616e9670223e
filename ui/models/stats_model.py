"""One domain of the statistics form as a tree: headings, rows, sub-rows (3.1.2 under 3.1).

The model never writes: an edit becomes ``edit_requested``; the view saves it off the GUI
thread and hands the re-checked form back with ``set_form``.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from cchc_desktop.i18n import format_datetime, format_number, tr
from cchc_desktop.statistics.form import GROUP, RATIO, SUM, YESNO, Cell, Indicator
from ui.models.node_tree import NodeTreeModel

COL_STT, COL_NAME, COL_UNIT, COL_VALUE, COL_PREVIOUS, COL_COMMENT, COL_FOLLOW, COL_CHECK = range(8)
COLUMNS = ("STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Kỳ trước", "Ghi chú", "Theo dõi", "Kiểm tra")
CODE_ROLE = Qt.ItemDataRole.UserRole + 10
VIOLATION_BG, WARNING_BG, COMPUTED_BG = QColor("#fde2e1"), QColor("#fff1d6"), QColor("#eef3f8")


class _Node:
    __slots__ = ("indicator", "parent", "children", "pos")

    def __init__(self, indicator: Indicator):
        self.indicator = indicator
        self.parent: _Node | None = None
        self.children: list[_Node] = []
        self.pos = 0


class StatsModel(NodeTreeModel):
    edit_requested = Signal(str, int, object)   # code, column, new value
    column_titles = COLUMNS

    def __init__(self, domain: str, parent=None):
        super().__init__(parent)
        self.domain = domain
        self.roots: list[_Node] = []
        self.nodes: dict[str, _Node] = {}
        self.cells: dict[str, Cell] = {}
        self.locked = False
        self._bold = QFont()
        self._bold.setBold(True)

    # ------------------------------------------------------------------ content

    def set_form(self, indicators: list[Indicator], cells: dict[str, Cell], locked: bool) -> None:
        codes = [i.code for i in indicators if i.domain == self.domain and i.code != self.domain]
        if codes == [n for n in self.nodes]:
            self.cells, self.locked = cells, locked   # same rows: only the values changed
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(COLUMNS) - 1))
            self._changed_below(self.roots)
            return
        self.beginResetModel()
        self.cells, self.locked = cells, locked
        self.nodes, self.roots = {}, []
        for ind in indicators:
            if ind.domain != self.domain or ind.code == self.domain:
                continue
            node = _Node(ind)
            parent = self.nodes.get(ind.parent_code or "")
            siblings = parent.children if parent else self.roots
            node.parent, node.pos = parent, len(siblings)
            siblings.append(node)
            self.nodes[ind.code] = node
        self.endResetModel()

    def _changed_below(self, nodes: list[_Node]) -> None:
        for node in nodes:
            if node.children:
                first = self.createIndex(0, 0, node.children[0])
                last = self.createIndex(len(node.children) - 1, len(COLUMNS) - 1, node.children[-1])
                self.dataChanged.emit(first, last)
                self._changed_below(node.children)

    def index_of(self, code: str, column: int = COL_VALUE) -> QModelIndex:
        node = self.nodes.get(code)
        return self.createIndex(node.pos, column, node) if node else QModelIndex()

    def problems(self) -> tuple[int, int]:
        """(violations, warnings) in this domain."""
        cells = [self.cells[c] for c in self.nodes if c in self.cells]
        return sum(len(c.violations) for c in cells), sum(len(c.warnings) for c in cells)

    # ------------------------------------------------------------------ Qt model API

    def flags(self, index: QModelIndex):
        base = super().flags(index)
        if not index.isValid() or self.locked:
            return base
        ind = index.internalPointer().indicator
        if index.column() == COL_VALUE and ind.enterable:
            return base | Qt.ItemFlag.ItemIsEditable
        if index.column() == COL_COMMENT and ind.kind != GROUP:
            return base | Qt.ItemFlag.ItemIsEditable
        if index.column() == COL_FOLLOW and ind.kind != GROUP:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        ind: Indicator = index.internalPointer().indicator
        cell = self.cells.get(ind.code)
        col = index.column()
        if role == CODE_ROLE:
            return ind.code
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(ind, cell, col)
        if role == Qt.ItemDataRole.EditRole:
            if col == COL_VALUE and cell:
                return cell.entry.raw or ""
            if col == COL_COMMENT and cell:
                return cell.entry.comment
            return None
        if role == Qt.ItemDataRole.CheckStateRole and col == COL_FOLLOW and ind.kind != GROUP and cell:
            return Qt.CheckState.Checked if cell.entry.follow_up else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.FontRole and ind.kind == GROUP:
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole and col in (COL_VALUE, COL_CHECK) and cell:
            if cell.violations:
                return QBrush(VIOLATION_BG)
            if cell.warnings:
                return QBrush(WARNING_BG)
            if cell.register_now is not None:
                return QBrush(FROZEN_BG)
            if cell.computed and col == COL_VALUE:
                return QBrush(COMPUTED_BG)
        if role == Qt.ItemDataRole.ForegroundRole and col in (COL_VALUE, COL_CHECK) and cell and cell.violations:
            return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_VALUE, COL_PREVIOUS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(ind, cell, col)
        return None

    def _display(self, ind: Indicator, cell: Cell | None, col: int):
        if col == COL_STT:
            return ind.stt
        if col == COL_NAME:
            return ind.name
        if col == COL_UNIT:
            return ind.unit if ind.kind != YESNO else tr("{no} = 0; {yes} = 1", no=ind.no_label, yes=ind.yes_label)
        if cell is None or ind.kind == GROUP:
            return ""
        if col == COL_VALUE:
            if cell.value is not None:
                return ind.label_of(cell.value)
            return cell.entry.raw or ""
        if col == COL_PREVIOUS:
            return ind.label_of(cell.previous)
        if col == COL_COMMENT:
            note = cell.entry.override_note
            return " — ".join(t for t in (cell.entry.comment, tr("Sửa số tự tính: {n}", n=note) if note else "") if t)
        if col == COL_CHECK:
            return "; ".join(cell.violations + cell.warnings + _frozen_note(ind, cell))
        return ""

    def _tooltip(self, ind: Indicator, cell: Cell | None, col: int) -> str:
        if col == COL_NAME:
            who = "; ".join(t for t in (ind.lead, ind.coordinator) if t)
            return f"{ind.code}. {ind.name}" + (f"\n{tr('Đơn vị thực hiện')}: {who}" if who else "")
        if cell is None:
            return ""
        lines = list(cell.violations + cell.warnings + _frozen_note(ind, cell))
        if col == COL_VALUE and ind.kind in (RATIO, SUM):
            lines.append(tr("Tự tính theo công thức: {f}", f=ind.formula))
        elif col == COL_VALUE and cell.register_value is not None:
            lines.append(tr("Lấy từ danh sách nhiệm vụ: {v}. Sửa được nếu ghi chú lý do.",
                            v=format_number(cell.register_value)))
        if cell.entry.updated_by and col == COL_VALUE:
            lines.append(tr("Sửa lần cuối: {who}, {at}", who=cell.entry.updated_by,
                            at=format_datetime(cell.entry.updated_at)))
        return "\n".join(lines)

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or self.locked:
            return False
        code = index.internalPointer().indicator.code
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == COL_FOLLOW:
            self.edit_requested.emit(code, COL_FOLLOW, Qt.CheckState(value) == Qt.CheckState.Checked)
            return True
        if role == Qt.ItemDataRole.EditRole and index.column() in (COL_VALUE, COL_COMMENT):
            self.edit_requested.emit(code, index.column(), value)
            return True
        return False


FROZEN_BG = QColor("#e3f2fd")


def _frozen_note(ind: Indicator, cell: Cell) -> list[str]:
    """A closed period keeps the number it was closed with; the register's number today is shown beside it,
    for information only."""
    if cell.register_now is None:
        return []
    return [tr("Số đã chốt; danh sách nhiệm vụ nay cho {v} (chỉ để biết, mở lại kỳ để tính lại)",
               v=ind.label_of(cell.register_now))]
