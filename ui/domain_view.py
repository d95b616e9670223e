"""One tab per reform domain: its tasks as a tree, filters, and the selected task's panel."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QMenu, QPushButton, QSplitter, QTreeView, QVBoxLayout, QWidget)

from cchc_desktop.i18n import tr
from cchc_desktop.model import STATUS_LABELS, Domain, TaskRow
from ui import widgets
from ui.file_drop import FileDropMixin
from ui.models.task_tree import (COL_CODE, COL_COORD, COL_DEADLINE, COL_EVIDENCE, COL_LEAD, COL_NAME,
                                 COL_PRODUCT, COL_STATUS, LATE, NO_EVIDENCE, OVERDUE, STATUS_FILTERS,
                                 TASK_ID_ROLE, UNREAD_DEADLINE, TaskTreeModel)
from ui.task_detail import TaskDetailPanel
from ui.widgets import WrappingDelegate

EXTRA_FILTER_LABELS = {OVERDUE: "Quá hạn", LATE: "Hoàn thành muộn", NO_EVIDENCE: "Chưa có minh chứng",
                       UNREAD_DEADLINE: "Thời gian chưa hiểu được, cần xem lại"}
COLUMN_WIDTHS = {COL_CODE: 56, COL_LEAD: 86, COL_COORD: 120, COL_DEADLINE: 120, COL_PRODUCT: 140,
                 COL_STATUS: 170, COL_EVIDENCE: 84}



class TaskTreeView(FileDropMixin, QTreeView):
    """The task tree; files dropped on a row are attached to that row's task."""

    files_dropped = Signal(int, list)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("taskTree")
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    def drop_target(self, event) -> int | None:
        index = self.indexAt(event.position().toPoint())
        return index.data(TASK_ID_ROLE) if index.isValid() else None

    def files_dropped_on(self, task_id: int, paths: list) -> None:
        self.files_dropped.emit(task_id, paths)


class _Layout:
    def setup(self, view: QWidget, ctx) -> None:
        outer = QVBoxLayout(view)
        outer.setContentsMargins(6, 6, 6, 6)
        bar = QHBoxLayout()
        self.add_button = QPushButton(tr("Thêm nhiệm vụ"))
        self.add_sub_button = QPushButton(tr("Thêm nhiệm vụ con"))
        self.edit_button = QPushButton(tr("Sửa…"))
        self.delete_button = QPushButton(tr("Xóa"))
        for button in (self.add_button, self.add_sub_button, self.edit_button, self.delete_button):
            bar.addWidget(button)
        bar.addSpacing(12)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(tr("Tìm nhiệm vụ, đơn vị, sản phẩm… (gõ không dấu cũng được)"))
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.search, 1)
        self.lead_filter = QComboBox()
        self.lead_filter.setObjectName("leadFilter")
        self.lead_filter.setMinimumContentsLength(14)
        self.lead_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        bar.addWidget(self.lead_filter)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem(tr("Mọi trạng thái"), "")
        for key in STATUS_FILTERS:
            self.status_filter.addItem(tr(STATUS_LABELS.get(key) or EXTRA_FILTER_LABELS[key]), key)
        bar.addWidget(self.status_filter)
        outer.addLayout(bar)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.count_label.setStyleSheet("color: #555;")
        outer.addWidget(self.count_label)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.tree = TaskTreeView()
        self.tree.setAlternatingRowColors(True)
        self.tree.setSortingEnabled(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.splitter.addWidget(self.tree)
        self.detail = TaskDetailPanel(ctx)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([380, 260])
        outer.addWidget(self.splitter, 1)


class DomainView(QWidget):
    """Tasks of ``domain`` in the current plan. ``reload`` reads them again."""

    def __init__(self, ctx, domain: Domain, actions, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.domain, self.actions = ctx, domain, actions
        self.ui = _Layout()
        self.ui.setup(self, ctx)
        self.model = TaskTreeModel(self)
        tree = self.ui.tree
        tree.setModel(self.model)
        tree.sortByColumn(COL_CODE, Qt.SortOrder.AscendingOrder)
        header = tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        for column, width in COLUMN_WIDTHS.items():
            tree.setColumnWidth(column, width)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        # Names wrap onto more lines instead of ending in "…" (the full text is the tooltip too).
        tree.setItemDelegateForColumn(COL_NAME, WrappingDelegate(tree))
        self.rows: list[TaskRow] = []
        self.loaded_plan: int | None = None
        self.ui.search.textChanged.connect(self.apply_filter)
        self.ui.lead_filter.currentIndexChanged.connect(self.apply_filter)
        self.ui.status_filter.currentIndexChanged.connect(self.apply_filter)
        tree.selectionModel().currentRowChanged.connect(self._current_changed)
        tree.doubleClicked.connect(lambda _index: self.edit_current(0))
        tree.files_dropped.connect(self.actions.attach_files)
        self.ui.add_button.clicked.connect(lambda: self.actions.add_task(self.domain, None))
        self.ui.add_sub_button.clicked.connect(self._add_sub_task)
        self.ui.edit_button.clicked.connect(lambda: self.edit_current(0))
        self.ui.delete_button.clicked.connect(self.delete_current)
        self.ui.detail.edit_requested.connect(self.actions.edit_task)
        self.ui.detail.attach_requested.connect(self.actions.attach_files)
        self._enable()
        # the domain's tasks, their units, evidence counts and history
        ctx.watch(self, {"task", "plan", "evidence", "unit"}, self.reload)

    def _header_menu(self, pos) -> None:
        """Right-click on the header: show or hide columns (small screens)."""
        header = self.ui.tree.header()
        menu = QMenu(self)
        for column in range(self.model.columnCount()):
            if column in (COL_CODE, COL_NAME):
                continue
            action = menu.addAction(self.model.headerData(column, Qt.Orientation.Horizontal))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda on, c=column: header.setSectionHidden(c, not on))
        menu.exec(header.mapToGlobal(pos))

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        """Read this domain's tasks again, keeping the selection, filters and scroll."""
        plan_id = self.ctx.plan_id
        selected = self.current_task_id()
        self.rows = (self.ctx.session.tasks.rows(plan_id, self.domain.framework, self.domain.code)
                     if plan_id else [])
        self.model.set_rows(self.rows, self.ctx.clock.today())
        self._fill_lead_filter()
        self.apply_filter()
        self.loaded_plan = plan_id
        if selected is not None and selected in self.model.nodes:
            self.select_task(selected)
        else:
            self.ui.detail.show_task(None)
        self._enable()

    def _fill_lead_filter(self) -> None:
        combo = self.ui.lead_filter
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(tr("Mọi đơn vị chủ trì"), None)
        leads = {}
        for row in self.rows:
            for unit in row.leads:
                leads[unit.id] = unit
        for unit in sorted(leads.values(), key=lambda u: u.name):
            combo.addItem(unit.name, unit.id)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def apply_filter(self) -> None:
        selected = self.current_task_id()
        ids = self.model.matching_ids(self.ui.search.text(), self.ui.lead_filter.currentData(),
                                      self.ui.status_filter.currentData() or "")
        self.model.set_filter(ids)
        self.ui.tree.expandAll()
        if selected is not None and self.model.index_for_task(selected).isValid():
            self.select_task(selected)
        total = len(self.rows)
        if ids is None:
            self.ui.count_label.setText(tr("{n} nhiệm vụ", n=total))
        else:
            self.ui.count_label.setText(tr("Tìm thấy {k} trên {n} nhiệm vụ", k=len(ids), n=total))

    # ------------------------------------------------------------------ selection

    def current_task_id(self) -> int | None:
        index = self.ui.tree.currentIndex()
        return index.data(TASK_ID_ROLE) if index.isValid() else None

    def current_row(self) -> TaskRow | None:
        task_id = self.current_task_id()
        node = self.model.nodes.get(task_id) if task_id is not None else None
        return node.row if node else None

    def reveal_task(self, task_id: int) -> None:
        """Show and select the task, clearing the search and filters that might hide it."""
        self.ui.search.clear()
        self.ui.status_filter.setCurrentIndex(0)
        self.ui.lead_filter.setCurrentIndex(0)
        self.select_task(task_id)

    def show_only(self, status: str = "") -> None:
        """The domain's tasks of one status (or every task with ""), search and unit filter cleared: what a
        bar of the overview's chart counts."""
        self.ui.search.clear()
        self.ui.lead_filter.setCurrentIndex(0)
        self.ui.status_filter.setCurrentIndex(max(0, self.ui.status_filter.findData(status)))

    def focus_search(self) -> None:
        self.ui.search.setFocus()
        self.ui.search.selectAll()

    def choose_evidence_files(self) -> None:
        """The file dialog to attach evidence to the selected task."""
        self.ui.detail.choose_files()

    def select_task(self, task_id: int) -> bool:
        index = self.model.index_for_task(task_id)
        if not index.isValid():
            return False
        self.ui.tree.setCurrentIndex(index)
        self.ui.tree.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.ui.tree.scrollTo(index)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.ui.detail.show_task(self.current_row())
        self._enable()

    def _enable(self) -> None:
        has_plan = self.ctx.plan_id is not None
        has_task = self.current_task_id() is not None
        self.ui.add_button.setEnabled(has_plan)
        for button in (self.ui.add_sub_button, self.ui.edit_button, self.ui.delete_button):
            button.setEnabled(has_task)

    # ------------------------------------------------------------------ actions

    def _add_sub_task(self) -> None:
        task_id = self.current_task_id()
        if task_id is not None:
            self.actions.add_task(self.domain, task_id)

    def edit_current(self, tab: int) -> None:
        task_id = self.current_task_id()
        if task_id is not None:
            self.actions.edit_task(task_id, tab)

    def delete_current(self) -> None:
        row = self.current_row()
        if row is None:
            return
        subs = len(self.ctx.session.tasks.descendants(row.id))
        extra = tr(" cùng {n} nhiệm vụ con", n=subs) if subs else ""
        if widgets.confirm(self, tr("Xóa nhiệm vụ"),
                           tr("Chuyển nhiệm vụ {code}{extra} vào thùng rác?", code=row.code, extra=extra),
                           tr("Xóa"), tr("Có thể khôi phục lại trong Thùng rác.")):
            self.actions.delete_task(row.id, row.code)

    def attach_to_current(self, paths: list[Path]) -> None:
        task_id = self.current_task_id()
        if task_id is not None:
            self.actions.attach_files(task_id, paths)
