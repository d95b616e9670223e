"""The task tree of one reform domain: sub-tasks (3.1, 3.2) under their parent.

The model filters and sorts by itself (no QSortFilterProxyModel): a keystroke computes
the set of matching task ids from folded search keys once, then the visible tree is
rebuilt in plain Python. A proxy would call back into Python for every row it maps,
which made opening a tab of thousands of tasks several times slower.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from cchc_desktop.i18n import format_date, tr
from cchc_desktop.model import DONE, STATUSES, SUSPENDED, TaskRow
from cchc_desktop.text import fold, matches
from ui.models.node_tree import NodeTreeModel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
TASK_ID_ROLE = Qt.ItemDataRole.UserRole + 2

COL_CODE, COL_NAME, COL_LEAD, COL_COORD, COL_DEADLINE, COL_PRODUCT, COL_STATUS, COL_EVIDENCE = range(8)
COLUMNS = ("STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian", "Sản phẩm", "Trạng thái", "Minh chứng")

OVERDUE, LATE, NO_EVIDENCE, UNREAD_DEADLINE = "overdue", "late", "no_evidence", "unread_deadline"
STATUS_FILTERS = (*STATUSES, OVERDUE, LATE, NO_EVIDENCE, UNREAD_DEADLINE)

RED = QColor("#b00020")
RED_BG = QColor("#fde2e1")
ORANGE_BG = QColor("#fff1d6")
GREEN = QColor("#1b7f3b")
GREY = QColor("#6b6b6b")
AMBER = QColor("#9a5b00")


class TaskNode:
    __slots__ = ("row", "parent", "children", "shown", "pos", "visible", "_key", "overdue", "sort_code")

    def __init__(self, row: TaskRow, today: date):
        self.row = row
        self.parent: TaskNode | None = None
        self.children: list[TaskNode] = []   # every sub-task, plan order
        self.shown: list[TaskNode] = []      # the sub-tasks passing the filter, sorted
        self.pos = 0                         # index in the parent's ``shown``
        self.visible = True
        self._key: str | None = None
        self.overdue = row.is_overdue(today)
        self.sort_code = _sort_code(row.code)

    @property
    def key(self) -> str:
        """Everything a search should find, folded once, on the first search."""
        if self._key is None:
            row = self.row
            self._key = fold(" ".join((row.code, row.name, row.lead_names, row.coordinator_names,
                                       row.product, row.deadline_text, row.result)))
        return self._key


def _sort_code(code: str) -> str:
    """ "3.10" after "3.2": zero-padded numeric parts sort as text."""
    parts = []
    for piece in code.replace(")", ".").split("."):
        piece = piece.strip()
        parts.append(piece.zfill(6) if piece.isdigit() else piece)
    return ".".join(parts)


def _one_line(text: str, limit: int = 300) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


class TaskTreeModel(NodeTreeModel):
    column_titles = COLUMNS

    def __init__(self, parent=None):
        super().__init__(parent)
        self.roots: list[TaskNode] = []
        self.shown_roots: list[TaskNode] = []
        self.nodes: dict[int, TaskNode] = {}
        self.ids: set[int] | None = None
        self.sort_column, self.sort_order = COL_CODE, Qt.SortOrder.AscendingOrder
        self.today = date.today()
        self._bold = QFont()
        self._bold.setBold(True)

    # ------------------------------------------------------------------ content

    def set_rows(self, rows: list[TaskRow], today: date) -> None:
        self.beginResetModel()
        self.today = today
        self.nodes = {r.id: TaskNode(r, today) for r in rows}
        self.roots = []
        for node in self.nodes.values():  # rows arrive in plan order
            parent = self.nodes.get(node.row.parent_id) if node.row.parent_id else None
            node.parent = parent
            (parent.children if parent is not None else self.roots).append(node)
        self._arrange()
        self.endResetModel()

    def set_filter(self, ids: set[int] | None) -> None:
        """Show the tasks in ``ids`` and the parents leading to them; None shows all."""
        self.beginResetModel()
        self.ids = ids
        self._arrange()
        self.endResetModel()

    def visible_count(self) -> int:
        return sum(1 for node in self.nodes.values() if node.visible)

    def index_for_task(self, task_id: int, column: int = 0) -> QModelIndex:
        node = self.nodes.get(task_id)
        if node is None or not node.visible:
            return QModelIndex()
        return self.createIndex(node.pos, column, node)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        before = [(index, index.internalPointer(), index.column()) for index in self.persistentIndexList()]
        self.sort_column, self.sort_order = column, order
        self._arrange()
        self.changePersistentIndexList(
            [index for index, _node, _col in before],
            [self.createIndex(node.pos, col, node) if node.visible else QModelIndex()
             for _index, node, col in before])
        self.layoutChanged.emit()

    def _arrange(self) -> None:
        """Recompute which nodes show, their order and positions."""
        ids, column = self.ids, self.sort_column
        reverse = self.sort_order == Qt.SortOrder.DescendingOrder

        def key(node: TaskNode):
            return (self._sort_value(node, column), node.sort_code)

        def place(nodes: list[TaskNode]) -> list[TaskNode]:
            shown = []
            for node in nodes:
                node.shown = place(node.children)
                node.visible = ids is None or node.row.id in ids or bool(node.shown)
                if node.visible:
                    shown.append(node)
            shown.sort(key=key, reverse=reverse)
            for pos, node in enumerate(shown):
                node.pos = pos
            return shown

        self.shown_roots = place(self.roots)

    def matching_ids(self, query: str, lead_id: int | None, status_filter: str) -> set[int] | None:
        """Ids of tasks passing the filters, or None when nothing filters."""
        query_key = fold(query)
        if not query_key and lead_id is None and not status_filter:
            return None
        found = set()
        for task_id, node in self.nodes.items():
            row = node.row
            if query_key and not matches(query_key, node.key):
                continue
            if lead_id is not None and all(u.id != lead_id for u in row.leads):
                continue
            if status_filter and not self._status_passes(node, status_filter):
                continue
            found.add(task_id)
        return found

    def _status_passes(self, node: TaskNode, wanted: str) -> bool:
        row = node.row
        if wanted == OVERDUE:
            return node.overdue
        if wanted == LATE:
            return row.finished_late
        if wanted == NO_EVIDENCE:
            return row.evidence_count == 0
        if wanted == UNREAD_DEADLINE:     # not understood, or to look at since moved on from last year's plan
            return bool(row.deadline_text) and not row.deadline.understood or bool(row.review)
        return row.status == wanted

    # ------------------------------------------------------------------ Qt model API

    def top_nodes(self) -> list:
        return self.shown_roots

    def child_nodes(self, node) -> list:
        return node.shown

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node: TaskNode = index.internalPointer()
        row, col = node.row, index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(node, col)
        if role == SORT_ROLE:
            return self._sort_value(node, col)
        if role == TASK_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(node, col)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(node, col)
        if role == Qt.ItemDataRole.FontRole and node.overdue and col in (COL_CODE, COL_STATUS):
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_EVIDENCE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, node: TaskNode, col: int):
        row = node.row
        if col == COL_CODE:
            return row.code
        if col == COL_NAME:
            return _one_line(row.name)
        if col == COL_LEAD:
            return "; ".join(u.abbreviation or u.name for u in row.leads)
        if col == COL_COORD:
            return _one_line("; ".join(u.abbreviation or u.name for u in row.coordinators), 160)
        if col == COL_DEADLINE:
            return _one_line(row.deadline_text, 120)
        if col == COL_PRODUCT:
            return _one_line(row.product, 160)
        if col == COL_STATUS:
            label = row.state_label(self.today)
            return f"{label} ({row.progress}%)" if row.status == "in_progress" and row.progress else label
        return str(row.evidence_count)

    def _sort_value(self, node: TaskNode, col: int):
        row = node.row
        if col == COL_CODE:
            return node.sort_code
        if col == COL_STATUS:
            return (0 if node.overdue else 1) * 10 + STATUSES.index(row.status)
        if col == COL_EVIDENCE:
            return row.evidence_count
        if col == COL_DEADLINE:
            return row.due_on.isoformat() if row.due_on else "9999"
        return fold(self._display(node, col))

    def _tooltip(self, node: TaskNode, col: int) -> str:
        row = node.row
        if col == COL_DEADLINE:
            text = row.deadline_text or tr("(không ghi)")
            return tr("{text}\nHiểu là: {meaning}", text=text, meaning=row.deadline.describe())
        if col == COL_LEAD:
            return row.lead_names
        if col == COL_COORD:
            return row.coordinator_names
        if col == COL_STATUS:
            parts = [row.state_label(self.today)]
            if row.due_on:
                parts.append(tr("Hạn: {d}", d=format_date(row.due_on)))
            if row.completed_on:
                parts.append(tr("Hoàn thành ngày {d}", d=format_date(row.completed_on)))
            if row.status_reason:
                parts.append(tr("Lý do: {r}", r=row.status_reason))
            return "\n".join(parts)
        if col == COL_EVIDENCE and row.status == DONE and row.evidence_count == 0:
            return tr("Đã hoàn thành nhưng chưa có tài liệu kiểm chứng")
        if col == COL_PRODUCT:
            return row.product
        return row.name

    def _foreground(self, node: TaskNode, col: int):
        row = node.row
        if node.overdue and col in (COL_CODE, COL_NAME, COL_STATUS):
            return QBrush(RED)
        if col == COL_STATUS:
            if row.status == DONE:
                return QBrush(AMBER if row.finished_late else GREEN)
            if row.status == SUSPENDED:
                return QBrush(GREY)
        if col == COL_DEADLINE and row.deadline_text and not row.deadline.understood:
            return QBrush(AMBER)
        if col == COL_EVIDENCE and row.evidence_count == 0:
            return QBrush(RED if row.status == DONE else GREY)
        return None

    def _background(self, node: TaskNode, col: int):
        if col == COL_STATUS:
            if node.overdue:
                return QBrush(RED_BG)
            if node.row.finished_late:
                return QBrush(ORANGE_BG)
        return None
