"""*Kế hoạch → Tạo kế hoạch năm sau…*: next year's plan from the one open, previewed before anything is saved.

Every task of this year's plan is listed with a tick box (the recurring and the unfinished ones ticked,
the unfinished marked "Chuyển tiếp từ năm …"), the old deadline beside the new one, and the texts that
could not be moved safely tinted with their reason written out. The preview is read and the plan is
created off the GUI thread (``ctx.jobs``); the window then shows the new plan, a draft ("Dự thảo").
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QSpinBox, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import tr
from cchc_desktop.model import DONE, SUSPENDED, status_label
from ui.errors import show_error
from ui.geometry import fit
from ui.widgets import ColumnSharer, ErrorLabel, WrappingDelegate

SOURCE_ROLE = Qt.ItemDataRole.UserRole
FLAG_BACKGROUND = "#fff1c2"      # as the import preview: a cell the program is not sure of
CARRIED_COLOUR = "#1565c0"
FLAG_COLOUR = "#8a4b00"
CODE, NAME, LEAD, OLD, NEW, NOTE = range(6)


class _Layout:
    def setup(self, dialog: QDialog) -> None:
        outer = QVBoxLayout(dialog)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        outer.addWidget(self.intro)
        plan_row = QHBoxLayout()
        plan_row.addWidget(QLabel(tr("Tên kế hoạch mới:")))
        self.title = QLineEdit()
        self.title.setObjectName("rolloverTitle")
        plan_row.addWidget(self.title, 1)
        plan_row.addWidget(QLabel(tr("Năm:")))
        self.year = QSpinBox()
        self.year.setObjectName("rolloverYear")
        self.year.setRange(2000, 2100)
        plan_row.addWidget(self.year)
        outer.addLayout(plan_row)
        choose_row = QHBoxLayout()
        self.all_button = QPushButton(tr("Chọn tất cả"))
        self.none_button = QPushButton(tr("Bỏ chọn tất cả"))
        self.suggested_button = QPushButton(tr("Chọn như đề xuất"))
        self.suggested_button.setToolTip(tr("Nhiệm vụ định kỳ, thường xuyên và nhiệm vụ chưa hoàn thành."))
        for button in (self.all_button, self.none_button, self.suggested_button):
            choose_row.addWidget(button)
        self.only_flagged = QCheckBox(tr("Chỉ hiện nhiệm vụ có thời gian cần xem lại"))
        choose_row.addWidget(self.only_flagged)
        choose_row.addStretch(1)
        outer.addLayout(choose_row)
        hint = QLabel(tr("Đánh dấu nhiệm vụ đưa sang năm sau. Trạng thái, tiến độ, kết quả và minh chứng không chép "
                         "sang; đơn vị, sản phẩm, STT giữ nguyên. Ô tô vàng là thời gian chưa dời năm được chắc chắn, "
                         "hay tên đã đổi năm: lý do ghi ở cột “Ghi chú” và được giữ ở Ghi chú của nhiệm vụ để sửa sau "
                         "khi tạo."))
        hint.setWordWrap(True)
        outer.addWidget(hint)
        self.tree = QTreeWidget()
        self.tree.setObjectName("rolloverTree")
        self.tree.setHeaderLabels([tr("STT"), tr("Nhiệm vụ"), tr("Chủ trì"), tr("Thời gian năm nay"),
                                   tr("Thời gian năm sau"), tr("Ghi chú")])
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        for column in (NAME, LEAD, OLD, NEW, NOTE):    # long texts wrap rather than being cut
            self.tree.setItemDelegateForColumn(column, WrappingDelegate(self.tree))
        self.tree.header().setStretchLastSection(False)
        # The screen's width shared: the task's name keeps the most, the others wrap when narrowed.
        self.columns = ColumnSharer(self.tree, stretch=NAME, minimum=260, keep=(CODE,), preferred=dict(
            ((CODE, 104), (NAME, 360), (LEAD, 140), (OLD, 150), (NEW, 170), (NOTE, 230))))
        outer.addWidget(self.tree, 1)
        self.around = QLabel()
        self.around.setObjectName("rolloverAround")
        self.around.setWordWrap(True)
        outer.addWidget(self.around)
        self.summary = QLabel()
        self.summary.setObjectName("rolloverSummary")
        self.summary.setWordWrap(True)
        outer.addWidget(self.summary)
        self.also = QCheckBox()          # the year has a plan of its own: the officer says a second one is wanted
        self.also.setObjectName("rolloverAlso")
        self.also.hide()
        outer.addWidget(self.also)
        self.error = ErrorLabel()
        outer.addWidget(self.error)
        self.buttons = QDialogButtonBox()
        self.create_button = self.buttons.addButton(tr("Tạo kế hoạch"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        outer.addWidget(self.buttons)


class RolloverDialog(QDialog):
    """``created`` carries (new plan id, a one-line summary) once the plan is written."""

    created = Signal(int, str, object)      # the new plan's id, the summary, the RolloverResult

    def __init__(self, ctx, plan_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.plan_id = ctx, plan_id
        self.preview = None
        self.items: dict[int, QTreeWidgetItem] = {}
        self._title_typed = False
        plan = ctx.session.plans.get(plan_id)
        self.setWindowTitle(tr("Tạo kế hoạch năm sau"))
        self.ui = _Layout()
        self.ui.setup(self)
        self.ui.intro.setText(tr("Kế hoạch năm sau được tạo từ “{title}” (năm {y}). Chưa có gì được ghi cho đến khi "
                                 "bấm “Tạo kế hoạch”; kế hoạch mới là bản <b>Dự thảo</b> cho đến khi có số, ký hiệu và "
                                 "ngày ban hành.", title=plan.title, y=plan.year))
        self.ui.year.setValue(min(plan.year + 1, 2100))
        self.ui.year.setMinimum(min(plan.year + 1, 2100))
        self.ui.create_button.setEnabled(False)
        self.ui.buttons.accepted.connect(self.create)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.all_button.clicked.connect(lambda: self._choose(lambda _t: True))
        self.ui.none_button.clicked.connect(lambda: self._choose(lambda _t: False))
        self.ui.suggested_button.clicked.connect(lambda: self._choose(lambda t: t.chosen))
        self.ui.only_flagged.toggled.connect(self._filter)
        self.ui.tree.itemChanged.connect(self._ticked)
        self.ui.title.textEdited.connect(self._title_edited)
        self.ui.also.toggled.connect(lambda _on: self._update_summary())
        self._year_timer = QTimer(self)
        self._year_timer.setSingleShot(True)
        self._year_timer.setInterval(400)
        self._year_timer.timeout.connect(self.start)
        self.ui.year.valueChanged.connect(lambda _v: self._year_timer.start())
        fit(self, 1240, 720)

    # ------------------------------------------------------------------ preview

    def start(self) -> None:
        """Read the preview for the year shown, off the GUI thread."""
        plan_id, year = self.plan_id, self.ui.year.value()
        self.ui.create_button.setEnabled(False)
        self.ui.summary.setText(tr("Đang chuẩn bị bản xem trước…"))
        self.ctx.jobs.run(tr("Đang chuẩn bị kế hoạch năm sau…"), lambda s, _r: s.rollover.preview(plan_id, year),
                          on_success=self._show, on_failure=self._failed, parent=self)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self.ui.summary.setText("")
            self.ui.error.show_message(str(exc))
            return
        show_error(self, exc)
        self.reject()

    def _show(self, preview) -> None:
        self.preview = preview
        self.ui.error.show_message("")
        if not self._title_typed:
            self.ui.title.setText(preview.title)
        header = self.ui.tree.headerItem()
        header.setText(OLD, tr("Thời gian năm {y}", y=preview.from_year))
        header.setText(NEW, tr("Thời gian năm {y}", y=preview.year))
        self._fill()
        self.ui.around.setText(self._around(preview))
        self.ui.also.setChecked(False)
        self.ui.also.setText(tr("Vẫn tạo thêm kế hoạch năm {y} (năm {y} sẽ có hai kế hoạch)", y=preview.year))
        self.ui.also.setVisible(bool(preview.other_plans))
        self._filter(self.ui.only_flagged.isChecked())
        self._update_summary()

    def _fill(self) -> None:
        tree, preview = self.ui.tree, self.preview
        tree.blockSignals(True)
        try:
            tree.clear()
            self.items = {}
            bold = QFont()
            bold.setBold(True)
            titles = {(d.framework, d.code): d.title for d in self.ctx.session.overview.all_domains()}
            groups: dict[tuple[str, str], QTreeWidgetItem] = {}
            for task in preview.tasks:
                item = QTreeWidgetItem(self._cells(task))
                item.setData(CODE, SOURCE_ROLE, task.source_id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(CODE, Qt.CheckState.Checked if task.chosen else Qt.CheckState.Unchecked)
                self._decorate(item, task)
                self.items[task.source_id] = item
            for task in preview.tasks:     # a sub-task may come before its parent in the plan's order
                key = (task.framework, task.domain_code)
                if key not in groups:
                    group = QTreeWidgetItem([titles.get(key, task.domain_code)])
                    group.setFont(0, bold)
                    tree.addTopLevelItem(group)
                    group.setFirstColumnSpanned(True)
                    groups[key] = group
                parent = self.items.get(task.source_parent_id) if task.source_parent_id else None
                (parent or groups[key]).addChild(self.items[task.source_id])
            tree.expandAll()
        finally:
            tree.blockSignals(False)
        self.ui.columns.apply()

    def _cells(self, task) -> list[str]:
        notes = []
        if task.carried:
            notes.append(task.note)
        elif task.recurring:
            notes.append(tr("Định kỳ, thường xuyên"))
        elif task.old_status in (DONE, SUSPENDED):
            notes.append(tr("Năm {y}: {status}", y=self.preview.from_year, status=status_label(task.old_status)))
        if task.why:                     # likely yearly: ticked and said why, or "nên xem"
            notes.append(task.why)
        notes += [tr("Cần xem lại: {why}", why=flag.message) for flag in task.flags]
        return [task.code, " ".join(task.name.split()), task.lead_names, task.old_deadline_text, task.deadline_text,
                "\n".join(notes)]

    def _decorate(self, item: QTreeWidgetItem, task) -> None:
        item.setToolTip(NAME, task.name if task.name == task.old_name else
                        tr("{name}\n(năm {y}: {old})", name=task.name, y=self.preview.from_year, old=task.old_name))
        item.setToolTip(NEW, tr("{text}\nHiểu là: {meaning}", text=task.deadline_text, meaning=task.meaning)
                        + (tr("\nBắt đầu: {start}", start=task.start_text) if task.start_text else ""))
        if task.carried:
            item.setForeground(NOTE, QBrush(QColor(CARRIED_COLOUR)))
        if task.flags:
            reasons = "\n".join(flag.message for flag in task.flags)
            columns = {NEW if flag.field in ("deadline", "start") else NAME if flag.field in ("name", "product")
                       else LEAD for flag in task.flags}
            for column in columns:
                item.setBackground(column, QBrush(QColor(FLAG_BACKGROUND)))
                item.setToolTip(column, reasons)
            item.setForeground(NOTE, QBrush(QColor(FLAG_COLOUR)))
            item.setToolTip(NOTE, reasons)

    def _around(self, preview) -> str:
        from cchc_desktop.services.rollover import period_line
        lines = []
        if preview.calendar:
            lines.append(tr("Lịch báo cáo năm {y} (dời từ lịch năm {p}): {periods}.", y=preview.year,
                            p=preview.from_year, periods="; ".join(period_line(p) for p in preview.calendar)))
        elif preview.redated:
            lines.append(tr("Lịch báo cáo năm {y} do chương trình tự lập, chưa ai sửa: dời theo lịch năm {p}: "
                            "{periods}.", y=preview.year, p=preview.from_year,
                            periods="; ".join(period_line(n) for _p, n in preview.redated)))
        elif preview.calendar_exists:
            lines.append(tr("Lịch báo cáo năm {y} đã có: giữ nguyên.", y=preview.year))
        if preview.stocks:
            lines.append(tr("Số liệu đầu năm: {n} chỉ tiêu ổn định (biên chế, số đơn vị…) ghi vào {target} (chỉ ô còn "
                            "trống), lấy số mới nhất đã có: {source}; các kỳ đã chốt giữ nguyên.", n=len(preview.stocks),
                            target=preview.stock_target, source=preview.stock_source))
        if preview.renamed:
            lines.append(tr("Tên nhiệm vụ đổi năm (tô vàng, hãy xem lại): {names}.", names="; ".join(
                tr("{code}: “{old}” → “{new}”", code=t.code, old=t.old_name, new=t.name) for t in preview.renamed)))
        lines += preview.warnings
        return "\n".join(lines)

    # ------------------------------------------------------------------ choosing

    def chosen(self) -> list[int]:
        """Last year's task ids ticked now."""
        return [source for source, item in self.items.items() if item.checkState(CODE) == Qt.CheckState.Checked]

    def _choose(self, rule) -> None:
        if self.preview is None:
            return
        self.ui.tree.blockSignals(True)
        try:
            for task in self.preview.tasks:
                self.items[task.source_id].setCheckState(
                    CODE, Qt.CheckState.Checked if rule(task) else Qt.CheckState.Unchecked)
        finally:
            self.ui.tree.blockSignals(False)
        self._update_summary()

    def _ticked(self, item: QTreeWidgetItem, column: int) -> None:
        """A ticked sub-task brings its parent; an unticked parent takes its sub-tasks."""
        if column != CODE or item.data(CODE, SOURCE_ROLE) is None:
            return
        self.ui.tree.blockSignals(True)
        try:
            if item.checkState(CODE) == Qt.CheckState.Checked:
                parent = item.parent()
                while parent is not None and parent.data(CODE, SOURCE_ROLE) is not None:
                    parent.setCheckState(CODE, Qt.CheckState.Checked)
                    parent = parent.parent()
            else:
                stack = [item.child(i) for i in range(item.childCount())]
                while stack:
                    child = stack.pop()
                    child.setCheckState(CODE, Qt.CheckState.Unchecked)
                    stack.extend(child.child(i) for i in range(child.childCount()))
        finally:
            self.ui.tree.blockSignals(False)
        self._update_summary()

    def _filter(self, only: bool) -> None:
        if self.preview is None:
            return
        flagged = {t.source_id for t in self.preview.tasks if t.flags}
        tree = self.ui.tree
        for g in range(tree.topLevelItemCount()):
            group, shown = tree.topLevelItem(g), 0
            stack = [group.child(i) for i in range(group.childCount())]
            while stack:
                item = stack.pop()
                stack.extend(item.child(i) for i in range(item.childCount()))
                hide = only and item.data(CODE, SOURCE_ROLE) not in flagged and not any(
                    item.child(i).data(CODE, SOURCE_ROLE) in flagged for i in range(item.childCount()))
                item.setHidden(hide)
                shown += not hide
            group.setHidden(only and shown == 0)

    def _update_summary(self) -> None:
        if self.preview is None:
            return
        chosen = set(self.chosen())
        tasks = [t for t in self.preview.tasks if t.source_id in chosen]
        text = tr("Sẽ tạo {n}/{total} nhiệm vụ cho năm {y}: {c} nhiệm vụ chuyển tiếp, {r} nhiệm vụ định kỳ, "
                  "thường xuyên.", n=len(tasks), total=len(self.preview.tasks), y=self.preview.year,
                  c=sum(t.carried for t in tasks), r=sum(t.recurring for t in tasks))
        flagged = sum(bool(t.flags) for t in tasks)
        if flagged:
            text += " " + tr("{n} nhiệm vụ cần xem lại (tô vàng): ghi lại ở Ghi chú của nhiệm vụ sau khi tạo.",
                             n=flagged)
        self.ui.summary.setText(text)
        confirmed = not self.preview.other_plans or self.ui.also.isChecked()
        self.ui.create_button.setEnabled(bool(tasks) and self.preview.existing_plan_id is None and confirmed)

    def _title_edited(self, _text: str) -> None:
        self._title_typed = True

    # ------------------------------------------------------------------ creating

    def create(self) -> None:
        if self.preview is None:
            return
        preview, chosen, title, also = self.preview, self.chosen(), self.ui.title.text(), self.ui.also.isChecked()
        self.ui.error.show_message("")
        self.ui.create_button.setEnabled(False)

        def work(session, report):
            return session.rollover.apply(preview, chosen, title=title, also=also,
                                          progress=lambda i, n, code: report(i, n, tr("Nhiệm vụ {c}", c=code)))

        def done(result) -> None:
            self.created.emit(result.plan_id, result.summary(preview.year), result)
            self.accept()

        def refused(exc: BaseException) -> None:
            self.ui.create_button.setEnabled(True)
            if isinstance(exc, ValidationError):
                self.ui.error.show_message(str(exc))
                return
            show_error(self, exc)

        self.ctx.jobs.run(tr("Đang tạo kế hoạch năm sau…"), work, on_success=done, on_failure=refused, parent=self,
                          progress=True)
