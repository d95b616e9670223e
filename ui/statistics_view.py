"""The statistics form of a reporting period: one tab per domain, checked as it is typed,
saved as it is typed (no "Lưu" button to forget)."""
from __future__ import annotations


from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QInputDialog,
                               QLabel, QMenu, QPushButton, QStyledItemDelegate, QTabWidget, QTreeView,
                               QVBoxLayout, QWidget)

from cchc_desktop.i18n import format_date, format_datetime, tr
from cchc_desktop.services.periods import STATUS_LABELS
from cchc_desktop.statistics.form import YESNO
from ui import widgets
from ui.icons import overdue_badge
from ui.models.stats_model import (CODE_ROLE, COL_CHECK, COL_COMMENT, COL_FOLLOW, COL_NAME, COL_PREVIOUS, COL_STT,
                                   COL_UNIT, COL_VALUE, StatsModel)
from ui.autosave import SerialSaver
from ui.errors import show_error
from ui.period_picker import PeriodPicker
from ui.widgets import Banner, ColumnSharer, WrappingDelegate
from ui.file_dialogs import ask_open, ask_save
from cchc_desktop.file_names import document_file_name

REGISTER_KINDS = {"task", "plan", "evidence", "period", "catalog"}
STATUS_COLOURS = {"empty": "#6b6b6b", "in_progress": "#1565c0", "closed": "#1b7f3b"}


class ValueDelegate(QStyledItemDelegate):
    """Yes/no rows are picked from their labels, not typed."""

    def createEditor(self, parent, option, index):  # noqa: N802
        node = index.internalPointer()
        if index.column() == COL_VALUE and node.indicator.kind == YESNO:
            box = QComboBox(parent)
            box.addItem(tr("(để trống)"), "")
            box.addItem(f"{node.indicator.no_label} (0)", "0")
            box.addItem(f"{node.indicator.yes_label} (1)", "1")
            return box
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor, index):  # noqa: N802
        if isinstance(editor, QComboBox):
            raw = index.data(Qt.ItemDataRole.EditRole) or ""
            editor.setCurrentIndex(max(0, editor.findData(raw)))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class _Layout:
    def setup(self, view: QWidget) -> None:
        outer = QVBoxLayout(view)
        outer.setContentsMargins(6, 6, 6, 6)
        bar = QHBoxLayout()
        self.picker = PeriodPicker(view.ctx)
        bar.addWidget(self.picker)
        self.status = QLabel()
        self.status.setObjectName("periodStatus")
        bar.addWidget(self.status)
        self.window = QLabel()
        self.window.setStyleSheet("color: #555;")
        bar.addWidget(self.window, 1)
        outer.addLayout(bar)
        actions = QHBoxLayout()
        self.copy_button = QPushButton(tr("Chép số liệu ổn định từ kỳ trước"))
        self.close_button = QPushButton(tr("Chốt số liệu"))
        self.close_button.setObjectName("closePeriod")
        self.export_button = QPushButton(tr("Xuất Excel…"))
        self.import_button = QPushButton(tr("Nhập từ Excel…"))
        self.history_button = QPushButton(tr("Lịch sử ô đang chọn…"))
        self.calendar_button = QPushButton(tr("Lịch báo cáo…"))
        self.catalog_button = QPushButton(tr("Danh mục chỉ tiêu…"))
        for button in (self.copy_button, self.close_button, self.export_button, self.import_button,
                       self.history_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.calendar_button)
        actions.addWidget(self.catalog_button)
        outer.addLayout(actions)
        self.banner = Banner()
        outer.addWidget(self.banner)
        self.summary = QLabel()
        self.summary.setObjectName("statsSummary")
        self.summary.setWordWrap(True)
        outer.addWidget(self.summary)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("statsTabs")
        outer.addWidget(self.tabs, 1)


class StatisticsView(QWidget):
    form_changed = Signal()

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.ui = _Layout()
        self.ui.setup(self)
        self.picker = self.ui.picker
        # One write at a time, in the order typed: two quick edits of a cell never land the wrong way round.
        self.saver = SerialSaver(ctx, delay_ms=0, parent=self)
        self.saver.saved.connect(self._saved)
        self.saver.refused.connect(lambda _key, exc: show_error(self, exc))
        self.form = None
        self.models: dict[str, StatsModel] = {}
        self.trees: dict[str, QTreeView] = {}
        self.picker.picked.connect(self._period_picked)
        self.ui.copy_button.clicked.connect(self.copy_previous)
        self.ui.close_button.clicked.connect(self.close_or_reopen)
        self.ui.export_button.clicked.connect(self.export_xlsx)
        self.ui.import_button.clicked.connect(self.import_xlsx)
        self.ui.history_button.clicked.connect(self.show_history)
        self.ui.calendar_button.clicked.connect(self.open_calendar)
        self.ui.catalog_button.clicked.connect(self.open_catalog)
        self.period_id: int | None = None
        # The register rows follow the tasks: any write that changed tasks, plans, evidence, the calendar
        # or the catalog reloads the form (its own typed values update the model as they are saved).
        ctx.subscribe(REGISTER_KINDS, self._register_changed)

    def _register_changed(self) -> None:
        if self.period_id is not None:
            self.saver.flush()
            self._load()

    # ------------------------------------------------------------------ choosing the period

    def page_title(self) -> str:
        return tr("Biểu thống kê")

    def reload(self) -> None:
        """Fill the period picker (the year's calendar is made on first use) and show a period."""
        self.picker.fill(self.period_id)

    def show_period(self, period_id: int) -> None:
        self.picker.show_period(period_id)

    def _period_picked(self, period_id: int) -> None:
        self.saver.flush()
        self.period_id = period_id
        self._load()

    def _load(self) -> None:
        period_id = self.period_id
        self.ctx.jobs.run(tr("Đang mở biểu thống kê…"), lambda s, _r: s.statistics.form(period_id),
                          on_success=self._show_form, parent=self)

    # ------------------------------------------------------------------ showing

    def _show_form(self, form) -> None:
        if form.period.id != self.period_id:
            return  # the officer already picked another period
        self.form = form
        period, session = form.period, self.ctx.session
        status = session.periods.status(period)
        self.ui.status.setText(f"<b>{tr(STATUS_LABELS[status])}</b>")
        self.ui.status.setStyleSheet(f"color: {STATUS_COLOURS[status]};")
        days = (period.due_on - self.ctx.clock.today()).days
        left = (tr("còn {n} ngày", n=days) if days > 0 else tr("hạn là hôm nay") if days == 0
                else tr("đã quá hạn {n} ngày", n=-days))
        self.ui.window.setText(tr("Số liệu từ {a} đến {b} · Hạn gửi báo cáo {d} ({left})",
                                  a=format_date(period.start_on), b=format_date(period.end_on),
                                  d=format_date(period.due_on), left=left if not period.closed else tr("đã chốt")))
        self._fill_tabs(form)
        enterable = [c for c in form.cells.values() if c.indicator.enterable]
        filled = sum(1 for c in enterable if c.value is not None)
        errors = len(form.violations)
        warnings = sum(len(c.warnings) for c in form.cells.values())
        scope = (tr(" Số nhiệm vụ tính theo {plan}, đến ngày {d}.", plan=form.plan.title, d=format_date(period.end_on))
                 if form.plan is not None else "")
        if form.plan is None and any(p.draft for p in session.plans.list(period.year)):
            scope = tr(" Kế hoạch năm {y} còn là bản Dự thảo (chưa có số, ngày ban hành) nên chưa được tính vào "
                       "biểu.", y=period.year)
        self.ui.summary.setText(tr("Đã có số liệu {k}/{n} chỉ tiêu · {e} lỗi · {w} cảnh báo. Số liệu được lưu ngay "
                                   "khi nhập.", k=filled, n=len(enterable), e=errors, w=warnings) + scope)
        closed = period.closed
        if closed:
            drift = (tr(" {n} số lấy từ danh sách nhiệm vụ nay đã khác (ô tô xanh, chỉ để biết).", n=len(form.drifted))
                     if form.drifted else "")
            self.ui.banner.show_message(tr("Kỳ báo cáo đã chốt số liệu lúc {at} ({who}); số liệu bị khóa.",
                                           at=format_datetime(period.closed_at), who=period.closed_by or "") + drift,
                                        colour="#e8f5e9")
        else:
            self.ui.banner.hide()
        self.ui.close_button.setText(tr("Mở lại…") if closed else tr("Chốt số liệu"))
        for button in (self.ui.copy_button, self.ui.import_button):
            button.setEnabled(not closed)
        self.form_changed.emit()

    def _fill_tabs(self, form) -> None:
        domains = form.domains()
        if list(self.models) != domains:
            self.ui.tabs.clear()
            self.models, self.trees = {}, {}
            for domain in domains:
                title = next((i.name for i in form.indicators if i.code == domain), domain)
                model = StatsModel(domain, self)
                model.edit_requested.connect(self._edit)
                tree = self._tree(model)
                self.models[domain], self.trees[domain] = model, tree
                self.ui.tabs.addTab(tree, domain)      # I … VIII: all visible at 1366 px; the name is the tooltip
                self.ui.tabs.setTabToolTip(self.ui.tabs.count() - 1, title)
        for index, domain in enumerate(domains):
            model = self.models[domain]
            first = not model.nodes
            model.set_form(form.indicators, form.cells, form.period.closed)
            if first:
                self.trees[domain].expandAll()
            errors, _warnings = model.problems()
            self.ui.tabs.setTabIcon(index, overdue_badge(errors) if errors else QIcon())

    def _tree(self, model: StatsModel) -> QTreeView:
        tree = QTreeView()
        tree.setObjectName(f"statsTree{model.domain}")
        tree.setModel(model)
        tree.setItemDelegate(ValueDelegate(tree))
        tree.setAlternatingRowColors(True)
        tree.setUniformRowHeights(False)
        tree.setIndentation(14)
        for column in (COL_NAME, COL_CHECK):      # indicator names and what is wrong, whole, on more lines
            tree.setItemDelegateForColumn(column, WrappingDelegate(tree))
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked)
        tree.header().setStretchLastSection(False)
        # the indicator's name keeps 40 % of the width; on a narrow screen the others narrow and wrap
        tree.columns = ColumnSharer(tree, stretch=COL_NAME, minimum=260, keep=(COL_STT, COL_VALUE, COL_FOLLOW),
                                    preferred={COL_STT: 96, COL_UNIT: 120, COL_VALUE: 110, COL_PREVIOUS: 90,
                                               COL_COMMENT: 170, COL_FOLLOW: 70, COL_CHECK: 230})
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(lambda pos, t=tree: self._context_menu(t, pos))
        return tree

    def _context_menu(self, tree: QTreeView, pos) -> None:
        index = tree.indexAt(pos)
        if not index.isValid():
            return
        menu = QMenu(self)
        menu.addAction(tr("Lịch sử thay đổi…"), lambda: self.show_history(index.data(CODE_ROLE)))
        if index.internalPointer().indicator.enterable and not self.form.period.closed:
            menu.addAction(tr("Xóa số liệu (để trống)"), lambda: self._edit(index.data(CODE_ROLE), COL_VALUE, ""))
        menu.exec(tree.viewport().mapToGlobal(pos))

    def current_code(self) -> str | None:
        tree = self.ui.tabs.currentWidget()
        index = tree.currentIndex() if isinstance(tree, QTreeView) else None
        return index.data(CODE_ROLE) if index is not None and index.isValid() else None

    def select(self, code: str, column: int = COL_VALUE) -> QTreeView | None:
        """Show the row of ``code`` (its domain's tab) and select its value cell."""
        for domain, model in self.models.items():
            index = model.index_of(code, column)
            if index.isValid():
                tree = self.trees[domain]
                self.ui.tabs.setCurrentWidget(tree)
                tree.setCurrentIndex(index)
                tree.scrollTo(index)
                return tree
        return None

    # ------------------------------------------------------------------ editing (saved at once)

    def _edit(self, code: str, column: int, value) -> None:
        period_id = self.period_id
        if column == COL_VALUE:
            cell = self.form.cells[code]
            note = None
            if cell.indicator.source and value and not cell.entry.override_note:
                note, ok = self._ask(tr("Sửa số tự tính"),
                                     tr("“{name}” được lấy từ danh sách nhiệm vụ ({v}).\nLý do sửa số này:",
                                        name=cell.indicator.name, v=cell.indicator.label_of(cell.register_value)))
                if not ok or not note.strip():
                    return
            def save(s):
                s.statistics.set_value(period_id, code, str(value), note)
        elif column == COL_COMMENT:
            def save(s):
                s.statistics.set_comment(period_id, code, str(value or ""))
        elif column == COL_FOLLOW:
            def save(s):
                s.statistics.set_follow_up(period_id, code, bool(value))
        else:
            return

        self.saver.schedule(f"{code}:{column}", save)

    def _ask(self, title: str, label: str) -> tuple[str, bool]:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setOkButtonText(tr("Lưu"))
        dialog.setCancelButtonText(tr("Hủy"))
        ok = dialog.exec() == QInputDialog.DialogCode.Accepted
        return dialog.textValue(), ok

    def _saved(self, _keys) -> None:
        self._load()

    def flush(self, *, now: bool = False) -> None:
        self.saver.flush(now=now)

    def unsaved(self) -> str:
        """Values are saved per keystroke or refused with their reason in the form: nothing is held back."""
        return ""

    # ------------------------------------------------------------------ actions

    def copy_previous(self) -> None:
        period_id = self.period_id

        def done(result) -> None:
            copied, form = result
            self._show_form(form)
            self.ctx.message.emit(tr("Đã chép {n} số liệu ổn định (biên chế, số đơn vị…) từ kỳ trước.",
                                     n=len(copied)))
        self.ctx.jobs.run(tr("Chép số liệu kỳ trước"),
                          lambda s, _r: (s.statistics.copy_previous(period_id), s.statistics.form(period_id)),
                          on_success=done, parent=self)

    def close_or_reopen(self) -> None:
        if self.form is None:
            return
        period_id = self.period_id
        if self.form.period.closed:
            reason, ok = self._ask(tr("Mở lại kỳ báo cáo"), tr("Lý do mở lại (sẽ ghi vào lịch sử):"))
            if not ok:
                return
            work = lambda s, _r: (s.statistics.reopen(period_id, reason), s.statistics.form(period_id))[1]  # noqa: E731
        else:
            blanks = len(self.form.blanks)
            if self.form.violations:
                # Go to the first wrong value the officer typed (a ratio row only reflects it).
                typed = [ind for ind, _message in self.form.violations if ind.enterable]
                self.select((typed or [self.form.violations[0][0]])[0].code)
            elif not widgets.confirm(self, tr("Chốt số liệu"),
                                     tr("Chốt số liệu {label}? Sau khi chốt, số liệu bị khóa.",
                                        label=self.form.period.label), tr("Chốt số liệu"),
                                     tr("Còn {n} chỉ tiêu để trống.", n=blanks) if blanks else ""):
                return
            work = lambda s, _r: s.statistics.close(period_id)  # noqa: E731
        self.ctx.jobs.run(tr("Chốt số liệu"), work, on_success=self._closed, parent=self)

    def _closed(self, form) -> None:
        self._show_form(form)
        self.picker.fill(self.period_id)

    def export_xlsx(self) -> None:
        if self.form is None:
            return
        period = self.form.period
        name = document_file_name("BTK", "", tr("CCHC {p}", p=period.title), "xlsx")
        path = ask_save(self, self.ctx, tr("Xuất biểu thống kê"), name, tr("Bảng tính Excel (*.xlsx)"), "xlsx")
        if path is None:
            return
        from cchc_desktop.exporters.stats_xlsx import export_statistics
        period_id = period.id
        self.ctx.jobs.run(tr("Đang xuất biểu thống kê…"), lambda s, _r: export_statistics(s, period_id, path),
                          on_success=lambda p: self.ctx.message.emit(tr("Đã xuất ra {path}", path=p)), parent=self,
                          progress=True)

    def import_xlsx(self) -> None:
        path = ask_open(self, self.ctx, tr("Nhập số liệu từ Excel"), tr("Bảng tính Excel (*.xlsx)"))
        if path is not None:
            from ui.dialogs.stats_dialogs import StatsImportDialog
            dialog = StatsImportDialog(self.ctx, self.period_id, path, self)
            dialog.applied.connect(self._load)
            dialog.open()
            dialog.start()

    def show_history(self, code: str | None = None) -> None:
        code = code or self.current_code()
        if not code or self.period_id is None:
            return
        from ui.dialogs.stats_dialogs import ValueHistoryDialog
        ValueHistoryDialog(self.ctx, self.period_id, code, self).open()

    def open_calendar(self):
        from ui.dialogs.stats_dialogs import CalendarDialog
        dialog = CalendarDialog(self.ctx, self.picker.year.value(), self)
        dialog.finished.connect(lambda _r: self.picker.fill(self.period_id))
        dialog.open()
        return dialog

    def open_catalog(self):
        from ui.dialogs.stats_dialogs import CatalogDialog
        dialog = CatalogDialog(self.ctx, self.picker.year.value(), self)
        dialog.finished.connect(lambda _r: self._load())
        dialog.open()
        return dialog

