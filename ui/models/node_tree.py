"""A tree of plain node objects as a Qt model. Each node knows its ``parent`` and its ``pos`` among its
siblings; subclasses say which nodes are at the top and which are a node's children (all of them, or
only those a filter shows)."""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt

from cchc_desktop.i18n import tr


class NodeTreeModel(QAbstractItemModel):
    """By default the top nodes are ``self.roots`` and a node's children its ``children``; a model that filters
    says otherwise."""
    column_titles: tuple[str, ...] = ()
    roots: list = []

    def top_nodes(self) -> list:
        return self.roots

    def child_nodes(self, node) -> list:
        return node.children

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        siblings = self.child_nodes(parent.internalPointer()) if parent.isValid() else self.top_nodes()
        if 0 <= row < len(siblings) and 0 <= column < len(self.column_titles):
            return self.createIndex(row, column, siblings[row])
        return QModelIndex()

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        up = index.internalPointer().parent
        return QModelIndex() if up is None else self.createIndex(up.pos, 0, up)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        if parent.column() > 0:
            return 0
        return len(self.child_nodes(parent.internalPointer())) if parent.isValid() else len(self.top_nodes())

    def hasChildren(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: N802
        return self.rowCount(parent) > 0

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return len(self.column_titles)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.column_titles[section])
        return None
