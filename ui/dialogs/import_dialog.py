"""Import a plan: read the file off the GUI thread, show everything found, let the officer
correct columns and domains, then write it all in one transaction."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QGridLayout,
                               QHBoxLayout, QHeaderView, QLabel, QListWidget, QPushButton, QScrollArea,
                               QTabWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from cchc_desktop.i18n import tr
from cchc_desktop.importers.analysis import ImportPreview, Overrides, PreviewTask
from cchc_desktop.importers.columns import ROLE_LABELS, ROLES
from cchc_desktop.model import PlanInput
from ui.dialogs.plan_dialog import PlanFields
from ui.errors import show_error
from ui.widgets import ErrorLabel, WrappingDelegate
from ui.geometry import fit

NEW_PLAN = -1
FILE_FILTER = ("Kế hoạch (*.docx *.doc *.odt *.rtf *.xlsx *.xlsm *.xls *.ods *.pdf *.html *.htm *.txt *.tsv *.csv);;"
               "Word (*.docx *.doc *.odt *.rtf);;Excel (*.xlsx *.xlsm *.xls *.ods);;PDF (*.pdf);;"
               "Trang web (*.html *.htm);;Văn bản (*.txt *.tsv *.csv);;Mọi tệp (*)")
TASK_ROLE = Qt.ItemDataRole.UserRole
# Preview columns the officer can correct in place, and the flag field each shows.
EDITABLE_COLUMNS = {0: "code", 1: "name", 2: "lead", 3: "coordinators", 4: "deadline", 5: "product"}
FLAG_COLUMNS = {"code": (0,), "domain": (0,), "name": (1,), "lead": (2,), "coordinators": (3,), "deadline": (4,),
                "product": (5,), "row": (0, 1, 2, 3, 4, 5)}
FLAG_BACKGROUND = "#fff1c2"
NEW_UNIT_MARK = " (mới)"


@dataclass
class Loaded:
    """What the worker hands back: the read document, its preview, the plan it would update."""
    document: object
    preview: ImportPreview
    plan_id: int | None


def _load_work(source, overrides: Overrides | None):
    def work(session, report):
        from cchc_desktop.importers import read_document, read_pasted
        report(0, 0, tr("Đang đọc tệp…"))
        document = read_document(source) if isinstance(source, Path) else read_pasted(*source)
        report(0, 0, tr("Đang tìm các nhiệm vụ…"))
        preview = session.plan_import.preview_document(document, overrides)
        return Loaded(document, preview, session.plan_import.find_plan(preview))
    return work


class _Layout:
    def setup(self, dialog: QDialog) -> None:
        outer = QVBoxLayout(dialog)
        self.source = QLabel()
        self.source.setWordWrap(True)
        outer.addWidget(self.source)
        plan_box = QGridLayout()
        self.target = QComboBox()
        self.fields = PlanFields()
        self.title, self.number, self.issued_on = self.fields.title, self.fields.number, self.fields.issued_on
        self.year, self.kind = self.fields.year, self.fields.kind
        plan_box.addWidget(QLabel(tr("Nhập vào:")), 0, 0)
        plan_box.addWidget(self.target, 0, 1, 1, 5)
        plan_box.addWidget(QLabel(tr("Tên kế hoạch:")), 1, 0)
        plan_box.addWidget(self.title, 1, 1, 1, 5)
        plan_box.addWidget(QLabel(tr("Số, ký hiệu:")), 2, 0)
        plan_box.addWidget(self.number, 2, 1)
        plan_box.addWidget(QLabel(tr("Ngày ban hành:")), 2, 2)
        plan_box.addWidget(self.issued_on, 2, 3)
        plan_box.addWidget(QLabel(tr("Năm:")), 2, 4)
        plan_box.addWidget(self.year, 2, 5)
        plan_box.addWidget(QLabel(tr("Loại:")), 3, 0)
        plan_box.addWidget(self.kind, 3, 1, 1, 5)
        plan_box.setColumnStretch(1, 2)
        plan_box.setColumnStretch(3, 1)
        outer.addLayout(plan_box)
        self.tabs = QTabWidget()
        tasks_page = QWidget()
        tasks_layout = QVBoxLayout(tasks_page)
        move_row = QHBoxLayout()
        move_row.addWidget(QLabel(tr("Chuyển các nhiệm vụ đang chọn sang:")))
        self.move_domain = QComboBox()
        move_row.addWidget(self.move_domain, 1)
        self.move_button = QPushButton(tr("Chuyển"))
        move_row.addWidget(self.move_button)
        self.checked_button = QPushButton(tr("Đánh dấu đã kiểm tra"))
        self.checked_button.setToolTip(tr("Các ô tô vàng của nhiệm vụ đang chọn đã được kiểm tra là đúng."))
        move_row.addWidget(self.checked_button)
        self.only_flagged = QCheckBox(tr("Chỉ hiện nhiệm vụ cần kiểm tra"))
        move_row.addWidget(self.only_flagged)
        tasks_layout.addLayout(move_row)
        hint = QLabel(tr("Ô tô vàng là ô chương trình chưa chắc đã đọc đúng (di chuột lên để xem lý do). "
                         "Nhấn đúp vào ô để sửa."))
        hint.setWordWrap(True)
        tasks_layout.addWidget(hint)
        self.tree = QTreeWidget()
        self.tree.setObjectName("previewTree")
        self.tree.setHeaderLabels([tr(h) for h in ("STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian",
                                                   "Sản phẩm", "Nguồn")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setItemDelegateForColumn(1, WrappingDelegate(self.tree))   # task names whole, on more lines
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((70, 360, 150, 170, 150, 150, 120)):
            self.tree.setColumnWidth(column, width)
        tasks_layout.addWidget(self.tree, 1)
        self.tabs.addTab(tasks_page, tr("Nhiệm vụ"))
        self.columns_page = QScrollArea()
        self.columns_page.setWidgetResizable(True)
        self.tabs.addTab(self.columns_page, tr("Cột của bảng"))
        self.units = QTreeWidget()
        self.units.setHeaderLabels([tr("Cách viết trong tệp"), tr("Đơn vị trong danh mục")])
        self.units.setColumnWidth(0, 380)
        self.tabs.addTab(self.units, tr("Đơn vị"))
        self.warnings = QListWidget()
        self.warnings.setObjectName("importWarnings")
        self.warnings.setWordWrap(True)
        self.tabs.addTab(self.warnings, tr("Lưu ý"))
        outer.addWidget(self.tabs, 1)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        outer.addWidget(self.summary)
        self.error = ErrorLabel()
        outer.addWidget(self.error)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(tr("Nhập"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        outer.addWidget(self.buttons)


class ImportDialog(QDialog):
    """``source``: a file path, or (html, text) from the clipboard."""

    imported = Signal(object)   # ImportResult

    def __init__(self, ctx, source, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.source = ctx, source
        self.loaded: Loaded | None = None
        self.overrides = Overrides()
        self.setWindowTitle(tr("Nhập kế hoạch"))
        self.ui = _Layout()
        self.ui.setup(self)
        name = source.name if isinstance(source, Path) else tr("nội dung dán từ bộ nhớ tạm")
        self.ui.source.setText(tr("Đang đọc {name}…", name=name))
        self.ui.import_button.setEnabled(False)
        self.ui.buttons.accepted.connect(self.do_import)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.move_button.clicked.connect(self.move_selected)
        self.ui.checked_button.clicked.connect(self.mark_checked)
        self.ui.only_flagged.toggled.connect(self._filter_flagged)
        self.ui.tree.itemChanged.connect(self._cell_edited)
        for domain in ctx.session.overview.all_domains():
            self.ui.move_domain.addItem(domain.title, f"{domain.framework}:{domain.code}")
        self._titles = {(d.framework, d.code): d.title for d in ctx.session.overview.all_domains()}
        fit(self, 1180, 720)

    # ------------------------------------------------------------------ loading

    def start(self) -> None:
        self._run(tr("Đang đọc kế hoạch…"), first=True)

    def _run(self, label: str, first: bool = False) -> None:
        self.ui.import_button.setEnabled(False)
        source = self.source if first or self.loaded is None else None
        if source is None:  # re-read with corrections: the document is already in memory
            document, overrides = self.loaded.document, self.overrides

            def work(session, report):
                preview = session.plan_import.preview_document(document, overrides)
                return Loaded(document, preview, session.plan_import.find_plan(preview))
        else:
            work = _load_work(source, self.overrides)
        self.ctx.jobs.run(label, work, on_success=self._show, on_failure=self._failed, parent=self, progress=True)

    def _failed(self, exc: BaseException) -> None:
        self.ui.source.setText(tr("Không nhập được."))
        show_error(self, exc)
        self.reject()

    def _show(self, loaded: Loaded) -> None:
        first = self.loaded is None
        self.loaded = loaded
        preview = loaded.preview
        if first:
            self._fill_plan(preview, loaded.plan_id)
        self._fill_tasks(preview)
        self._fill_columns(preview)
        self._fill_units(preview)
        self.ui.warnings.clear()
        self.ui.warnings.addItems(preview.warnings)
        self.ui.tabs.setTabText(0, tr("Nhiệm vụ ({n})", n=len(preview.tasks)))
        self.ui.tabs.setTabText(3, tr("Lưu ý ({n})", n=len(preview.warnings)))
        domains = len(preview.counts())
        self.ui.summary.setText(tr("Tìm thấy {n} nhiệm vụ trong {d} lĩnh vực; {u} đơn vị mới sẽ được thêm vào danh "
                                   "mục; {w} lưu ý. Hãy kiểm tra rồi bấm “Nhập”.", n=len(preview.tasks), d=domains,
                                   u=len(preview.new_units), w=len(preview.warnings)))
        self.ui.import_button.setEnabled(bool(preview.tasks))
        if preview.flagged_count:
            self.ui.summary.setText(self.ui.summary.text() + " " + tr(
                "{n} nhiệm vụ có ô tô vàng cần kiểm tra.", n=preview.flagged_count))
        if not preview.tasks:
            unread = any(m.problem for m in preview.tables)
            self.ui.tabs.setCurrentIndex(1 if unread else 3)

    def _fill_plan(self, preview: ImportPreview, plan_id: int | None) -> None:
        ui, meta = self.ui, preview.plan
        name = self.source.name if isinstance(self.source, Path) else tr("bộ nhớ tạm")
        ui.source.setText(tr("Tệp: <b>{name}</b>", name=name))
        ui.target.addItem(tr("Tạo kế hoạch mới"), NEW_PLAN)
        for plan in self.ctx.session.plans.list():
            ui.target.addItem(tr("Cập nhật: {plan}", plan=plan.display), plan.id)
        ui.target.setCurrentIndex(max(0, ui.target.findData(plan_id if plan_id else NEW_PLAN)))
        ui.fields.show(meta.title, meta.number, meta.issued_on, meta.year or self.ctx.clock.today().year, meta.kind)

    def _fill_tasks(self, preview: ImportPreview) -> None:
        tree = self.ui.tree
        tree.blockSignals(True)   # filling is not editing
        try:
            self._build_tree(preview)
        finally:
            tree.blockSignals(False)
        self._filter_flagged(self.ui.only_flagged.isChecked())

    def _build_tree(self, preview: ImportPreview) -> None:
        tree = self.ui.tree
        tree.clear()
        groups: dict[tuple[str, str], QTreeWidgetItem] = {}
        items: dict[tuple[str, str, str], QTreeWidgetItem] = {}
        bold = QFont()
        bold.setBold(True)
        for task in preview.tasks:
            group_key = (task.framework, task.domain)
            if group_key not in groups:
                group = QTreeWidgetItem([self._titles.get(group_key, task.domain)])
                group.setFont(0, bold)
                tree.addTopLevelItem(group)
                group.setFirstColumnSpanned(True)   # only once in the tree: the view keeps the span
                groups[group_key] = group
            parent = items.get((task.framework, task.domain, task.parent_code)) if task.parent_code else None
            item = QTreeWidgetItem(self._cells(task))
            item.setData(0, TASK_ROLE, task.source)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self._decorate(item, task)
            (parent or groups[group_key]).addChild(item)
            items[task.key] = item
        tree.expandAll()

    @staticmethod
    def _cells(task: PreviewTask) -> list[str]:
        def units(refs):
            return "; ".join(ref.name + ("" if ref.known else tr(NEW_UNIT_MARK)) for ref in refs)
        return [task.code, " ".join(task.name.split()), units(task.lead), units(task.coordinators),
                " ".join(task.deadline_text.split()), " ".join(task.product.split()), task.source]

    def _decorate(self, item: QTreeWidgetItem, task: PreviewTask) -> None:
        item.setToolTip(1, task.name)
        meaning = task.deadline.describe() if task.deadline else ""
        item.setToolTip(4, tr("{text}\nHiểu là: {meaning}", text=task.deadline_text, meaning=meaning)
                        + (tr("\nBắt đầu: {start}", start=task.start_text) if task.start_text else ""))
        if task.deadline_text and task.deadline and not task.deadline.understood:
            item.setForeground(4, QBrush(QColor("#9a5b00")))
        if any(not r.known for r in (*task.lead, *task.coordinators)):
            for column in (2, 3):
                item.setForeground(column, QBrush(QColor("#1565c0")))
        if task.domain_loose:
            item.setForeground(0, QBrush(QColor("#b00020")))
            item.setToolTip(0, tr("Chưa rõ lĩnh vực: hãy chọn và chuyển sang lĩnh vực đúng."))
        self._mark_flags(item, task)

    @staticmethod
    def _mark_flags(item: QTreeWidgetItem, task: PreviewTask) -> None:
        """Each unsure cell gets a yellow background and its reasons as the tooltip."""
        reasons: dict[int, list[str]] = {}
        for flag in task.flags:
            for column in FLAG_COLUMNS.get(flag.field, ()):
                reasons.setdefault(column, []).append(flag.message)
        for column, messages in reasons.items():
            item.setBackground(column, QBrush(QColor(FLAG_BACKGROUND)))
            item.setToolTip(column, "\n".join(dict.fromkeys(messages)))

    def _fill_columns(self, preview: ImportPreview) -> None:
        page = QWidget()
        form = QFormLayout(page)
        self.role_boxes: dict[int, list[QComboBox]] = {}
        for mapping in preview.tables:
            row = QHBoxLayout()
            boxes = []
            for header, role in zip(mapping.headers, mapping.roles):
                column = QVBoxLayout()
                caption = QLabel(" ".join(header.split())[:40] or tr("(không tiêu đề)"))
                caption.setToolTip(header)
                box = QComboBox()
                box.addItem(tr("(bỏ qua)"), None)
                for key in ROLES:
                    box.addItem(tr(ROLE_LABELS[key]), key)
                box.setCurrentIndex(max(0, box.findData(role)))
                box.currentIndexChanged.connect(lambda _i, m=mapping.index: self._roles_changed(m))
                column.addWidget(caption)
                column.addWidget(box)
                row.addLayout(column)
                boxes.append(box)
            self.role_boxes[mapping.index] = boxes
            if mapping.problem:
                problem = QLabel(mapping.problem + " " + tr("Hãy chọn vai trò từng cột bên dưới."))
                problem.setWordWrap(True)
                problem.setObjectName("tableProblem")
                problem.setStyleSheet("color: #9a5b00;")
                form.addRow(problem)
            form.addRow(tr("{label}: {n} nhiệm vụ", label=mapping.label, n=mapping.task_count), row)
        self.ui.columns_page.setWidget(page)

    def _fill_units(self, preview: ImportPreview) -> None:
        self.ui.units.clear()
        seen = set()
        for task in preview.tasks:
            for ref in (*task.lead, *task.coordinators):
                if ref.text in seen:
                    continue
                seen.add(ref.text)
                target = ref.name if ref.known else tr("{name} — sẽ thêm mới", name=ref.name)
                item = QTreeWidgetItem([ref.text, target])
                if not ref.known:
                    item.setForeground(1, QBrush(QColor("#1565c0")))
                self.ui.units.addTopLevelItem(item)

    # ------------------------------------------------------------------ corrections

    def _cell_edited(self, item: QTreeWidgetItem, column: int) -> None:
        """A cell corrected in place: read the plan again with the officer's text."""
        source, field_name = item.data(0, TASK_ROLE), EDITABLE_COLUMNS.get(column)
        if not source or self.loaded is None:
            return
        if field_name is None:   # the "Nguồn" column says where the row came from: not editable
            self.ui.tree.blockSignals(True)
            item.setText(column, source)
            self.ui.tree.blockSignals(False)
            return
        text = item.text(column)
        if field_name in ("lead", "coordinators"):
            text = text.replace(tr(NEW_UNIT_MARK), "")
        self.overrides.fields.setdefault(source, {})[field_name] = text
        self._run(tr("Đang đọc lại với ô đã sửa…"))

    def mark_checked(self) -> None:
        sources = {item.data(0, TASK_ROLE) for item in self.ui.tree.selectedItems() if item.data(0, TASK_ROLE)}
        if sources:
            self.overrides.checked |= sources
            self._run(tr("Đang cập nhật…"))

    def _filter_flagged(self, only: bool) -> None:
        if self.loaded is None:
            return
        flagged = {t.source for t in self.loaded.preview.tasks if t.flags}
        tree = self.ui.tree
        for g in range(tree.topLevelItemCount()):
            group, shown = tree.topLevelItem(g), 0
            stack = [group.child(i) for i in range(group.childCount())]
            while stack:
                item = stack.pop()
                stack.extend(item.child(i) for i in range(item.childCount()))
                hide = only and item.data(0, TASK_ROLE) not in flagged and not any(
                    item.child(i).data(0, TASK_ROLE) in flagged for i in range(item.childCount()))
                item.setHidden(hide)
                shown += not hide
            group.setHidden(only and shown == 0)

    def _roles_changed(self, table_index: int) -> None:
        self.overrides.roles[table_index] = [box.currentData() for box in self.role_boxes[table_index]]
        self._run(tr("Đang đọc lại theo các cột đã chọn…"))

    def move_selected(self) -> None:
        if self.loaded is None:
            return
        framework, code = self.ui.move_domain.currentData().split(":")
        sources = {item.data(0, TASK_ROLE) for item in self.ui.tree.selectedItems() if item.data(0, TASK_ROLE)}
        if not sources:
            return
        # Sub-tasks go with their parent.
        moving = [t for t in self.loaded.preview.tasks if t.source in sources]
        for task in self.loaded.preview.tasks:
            if any(task.framework == m.framework and task.domain == m.domain and task.code.startswith(m.code + ".")
                   for m in moving):
                sources.add(task.source)
        for source in sources:
            self.overrides.domains[source] = (framework, code)
        self._run(tr("Đang xếp lại lĩnh vực…"))

    # ------------------------------------------------------------------ importing

    def plan_input(self) -> PlanInput:
        return self.ui.fields.read(self.ctx.session.profile.get().issuer)

    def do_import(self) -> None:
        if self.loaded is None:
            return
        preview, plan = self.loaded.preview, self.plan_input()
        target = self.ui.target.currentData()
        plan_id = None if target == NEW_PLAN else target
        self.ui.error.show_message("")
        self.ui.import_button.setEnabled(False)

        def work(session, report):
            return session.plan_import.apply(preview, plan=plan, plan_id=plan_id, new_plan=plan_id is None,
                                             progress=lambda i, n, code: report(i, n, tr("Nhiệm vụ {c}", c=code)))

        def done(result) -> None:
            self.imported.emit(result)
            self.accept()

        def refused(exc: BaseException) -> None:
            from cchc_desktop.errors import ValidationError
            self.ui.import_button.setEnabled(True)
            if isinstance(exc, ValidationError):
                self.ui.error.show_message(str(exc))
            else:
                show_error(self, exc)

        self.ctx.jobs.run(tr("Đang nhập kế hoạch…"), work, on_success=done, on_failure=refused, parent=self,
                          progress=True)

