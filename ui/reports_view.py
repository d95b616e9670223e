"""The reports page: choose a document (periodic report, task list, evidence list, overdue notice),
edit its particulars and its sections (saved as typed), preview, print, save, and issue it."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QSplitter, QStackedWidget, QVBoxLayout, QWidget)

from cchc_desktop.i18n import tr
from cchc_desktop.reports.kinds import DATED, FORMATS, KIND_LABELS, KINDS, NUMBERED, PERIODIC
from ui.autosave import SerialSaver
from ui.period_picker import PeriodPicker
from ui.report_editor import MetaForm, SectionEditor, show_problems
from ui.widgets import DateField, InvalidDate
from ui.file_dialogs import ask_save

META_KEY = "__meta__"
FILE_FILTERS = {"pdf": "PDF (*.pdf)", "docx": "Word (*.docx)", "xlsx": "Excel (*.xlsx)"}


class _Layout:
    def setup(self, view: QWidget) -> None:
        outer = QVBoxLayout(view)
        outer.setContentsMargins(6, 6, 6, 6)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("Văn bản:")))
        self.kind = QComboBox()
        self.kind.setObjectName("reportKind")
        for kind in KINDS:
            self.kind.addItem(tr(KIND_LABELS[kind]), kind)
        bar.addWidget(self.kind)
        self.picker = PeriodPicker(view.ctx)
        bar.addWidget(self.picker)
        # a task or evidence list as it stood at a date (rebuilt from the history); a period's report
        # is always as of its cut-off
        self.as_of_label = QLabel(tr("Tính đến ngày:"))
        self.as_of = DateField(allow_blank=False)
        self.as_of.setObjectName("reportAsOf")
        self.as_of.setToolTip(tr("Trạng thái, kết quả và tài liệu kiểm chứng như tại ngày này"))
        bar.addWidget(self.as_of_label)
        bar.addWidget(self.as_of)
        bar.addStretch(1)
        self.register_button = QPushButton(tr("Sổ văn bản đã ban hành…"))
        bar.addWidget(self.register_button)
        outer.addLayout(bar)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.sections = QListWidget()
        self.sections.setObjectName("reportSections")
        self.sections.setMinimumWidth(230)
        self.sections.setWordWrap(True)
        self.sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        split.addWidget(self.sections)
        self.pages = QStackedWidget()
        self.meta = MetaForm()
        self.meta.setMaximumWidth(820)
        self.editor = SectionEditor()
        self.pages.addWidget(self.meta)
        self.pages.addWidget(self.editor)
        split.addWidget(self.pages)
        split.setStretchFactor(1, 1)
        split.setSizes([280, 900])
        outer.addWidget(split, 1)
        self.problems = QListWidget()
        self.problems.setObjectName("reportProblems")
        self.problems.setMaximumHeight(86)
        outer.addWidget(self.problems)
        actions = QHBoxLayout()
        self.preview_button = QPushButton(tr("Xem trước"))
        self.preview_button.setObjectName("previewReport")
        self.print_button = QPushButton(tr("In…"))
        self.pdf_button = QPushButton(tr("Lưu PDF…"))
        self.docx_button = QPushButton(tr("Xuất Word…"))
        self.xlsx_button = QPushButton(tr("Xuất Excel…"))
        self.issue_button = QPushButton(tr("Ban hành…"))
        self.issue_button.setObjectName("issueReport")
        for button in (self.preview_button, self.print_button, self.pdf_button, self.docx_button, self.xlsx_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.issue_button)
        outer.addLayout(actions)


class ReportsView(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.ui = _Layout()
        self.ui.setup(self)
        self.saver = SerialSaver(ctx, parent=self)
        self.saver.saved.connect(self._saved)
        self.saver.refused.connect(self._refused)
        self.states: dict[str, object] = {}
        self.draft = None
        self.problems = []
        self._loaded_key = None
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(1200)
        self._refresh.timeout.connect(self.load)
        self.ui.kind.currentIndexChanged.connect(self._target_changed)
        self.ui.picker.picked.connect(lambda _p: self._target_changed())
        today = ctx.clock.today()
        self.ui.as_of.set_value(today)
        self.ui.as_of.set_range(latest=today)
        self.ui.as_of.dateChanged.connect(lambda _d: self._target_changed())
        self.ui.sections.currentRowChanged.connect(self._section_picked)
        self.ui.problems.itemDoubleClicked.connect(self._problem_picked)
        self.ui.meta.edited.connect(self._meta_edited)
        self.ui.meta.next_number_wanted.connect(self._next_number)
        self.ui.meta.charts_toggled.connect(self._charts_toggled)
        self.ui.editor.edited.connect(self._section_edited)
        self.ui.editor.reset_wanted.connect(self._reset_section)
        self.ui.preview_button.clicked.connect(self.preview)
        self.ui.print_button.clicked.connect(self.print_report)
        self.ui.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.ui.docx_button.clicked.connect(lambda: self.export("docx"))
        self.ui.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.ui.issue_button.clicked.connect(self.issue)
        self.ui.register_button.clicked.connect(self.open_register)
        ctx.plan_changed.connect(lambda _p: self._target_changed())
        # Every kind of data a report is written from; its own draft and sections are saved as typed.
        ctx.subscribe({"task", "plan", "evidence", "unit", "profile", "stat", "period", "catalog"},
                      self._refresh.start)

    # ------------------------------------------------------------------ what is being edited

    @property
    def kind(self) -> str:
        return self.ui.kind.currentData()

    @property
    def period_id(self) -> int | None:
        return self.ui.picker.period_id if self.kind == PERIODIC else None

    @property
    def as_of(self):
        """The date a task or evidence list is written as of (None: today)."""
        if self.kind not in DATED:
            return None
        chosen = self.ui.as_of.value()
        return chosen if chosen is not None and chosen < self.ctx.clock.today() else None

    def target(self) -> tuple[int | None, str, int | None]:
        return self.ctx.plan_id, self.kind, self.period_id

    def page_title(self) -> str:
        return tr("Báo cáo")

    def reload(self) -> None:
        self.ui.picker.fill(self.ui.picker.period_id)

    def show_document(self, kind: str, period_id: int | None = None) -> None:
        self.ui.kind.setCurrentIndex(self.ui.kind.findData(kind))
        if period_id is not None:
            self.ui.picker.show_period(period_id)

    def _target_changed(self) -> None:
        self.saver.flush()
        self.ui.picker.setVisible(self.kind == PERIODIC)
        self.ui.as_of.setVisible(self.kind in DATED)
        self.ui.as_of_label.setVisible(self.kind in DATED)
        self.load()

    def load(self) -> None:
        plan, kind, period = self.target()
        enabled = plan is not None and (kind != PERIODIC or period is not None)
        for widget in (self.ui.sections, self.ui.pages, self.ui.preview_button, self.ui.print_button,
                       self.ui.pdf_button, self.ui.docx_button, self.ui.xlsx_button):
            widget.setEnabled(enabled)
        self.ui.issue_button.setEnabled(enabled and kind in NUMBERED)
        if not enabled:
            return

        ok, as_of = self._checked_as_of()
        if not ok:
            return              # the field says what is wrong; the document stays as it was

        def work(s, _report):
            built = s.reports.build(plan, kind, period, as_of)
            codes = [(c, cell.indicator.name) for c, cell in built.context.form.cells.items()
                     if cell.indicator.kind != "group"] if built.context.form else []
            return s.reports.draft(plan, kind, period), s.reports.sections(plan, kind, period), built.problems, codes

        key = (plan, kind, period, as_of)
        self.ctx.jobs.run(tr("Đang soạn văn bản…"), work, on_success=lambda r: self._show(key, r), parent=self)

    def _show(self, key, result) -> None:
        ok, as_of = self._checked_as_of()
        if not ok or key != (*self.target(), as_of) or not self.saver.idle:
            return   # the officer moved on, or is typing: a later load will show it
        draft, states, problems, codes = result
        self.draft, self.problems = draft, problems
        self.states = {s.key: s for s in states}
        same = key == self._loaded_key
        self._loaded_key = key
        if not same:
            self.ui.editor.shown_key = None     # another document: its sections are shown afresh
        current = self.ui.sections.currentItem().data(Qt.ItemDataRole.UserRole) \
            if same and self.ui.sections.currentItem() else META_KEY
        self._fill_sections(states, current)
        self.ui.meta.show_draft(draft, self.kind in NUMBERED)
        self.ui.editor.set_indicators(codes)
        self._show_section(current)
        self._show_problems()

    def _fill_sections(self, states, current: str) -> None:
        lst = self.ui.sections
        lst.blockSignals(True)
        lst.clear()
        meta = QListWidgetItem(tr("Thông tin văn bản (số, ngày, nơi nhận, người ký)"))
        meta.setData(Qt.ItemDataRole.UserRole, META_KEY)
        lst.addItem(meta)
        for state in states:
            if state.group:   # a part heading that has no text of its own
                heading = QListWidgetItem(state.group)
                heading.setFlags(Qt.ItemFlag.ItemIsEnabled)   # shown, never selected
                font = heading.font()
                font.setBold(True)
                heading.setFont(font)
                lst.addItem(heading)
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, state.key)
            self._label_item(item, state)
            lst.addItem(item)
        rows = [lst.item(r).data(Qt.ItemDataRole.UserRole) for r in range(lst.count())]
        lst.setCurrentRow(rows.index(current) if current in rows else 0)
        lst.blockSignals(False)

    @staticmethod
    def _label_item(item: QListWidgetItem, state) -> None:
        indent = "    " * state.level
        item.setText(indent + state.title + (tr(" (đã sửa)") if state.edited else ""))
        font = item.font()
        font.setItalic(state.edited)
        item.setFont(font)

    def _section_picked(self, _row: int) -> None:
        item = self.ui.sections.currentItem()
        if item is not None:
            self.saver.flush()
            self._show_section(item.data(Qt.ItemDataRole.UserRole))

    def _show_section(self, key: str) -> None:
        if key == META_KEY or key not in self.states:
            self.ui.pages.setCurrentWidget(self.ui.meta)
            return
        self.ui.pages.setCurrentWidget(self.ui.editor)
        self.ui.editor.show_section(self.states[key])

    def _show_problems(self) -> None:
        show_problems(self.ui.problems, self.problems)

    def _problem_picked(self, item: QListWidgetItem) -> None:
        section = item.data(Qt.ItemDataRole.UserRole)
        for row in range(self.ui.sections.count()):
            key = self.ui.sections.item(row).data(Qt.ItemDataRole.UserRole)
            if key in self.states and self.states[key].title == section:
                self.ui.sections.setCurrentRow(row)
                self.ui.editor.text.setFocus()
                return

    # ------------------------------------------------------------------ saving as typed

    def _meta_edited(self) -> None:
        if self.draft is None:
            return
        # a copy: the write runs on a pool thread. A date that is not one stays in red, unsaved; the rest is saved
        draft = self.ui.meta.read_into(replace(self.draft, sections={}))
        if self.ui.meta.issued_on.problem():
            self.ui.meta.show_refusal(InvalidDate(self.ui.meta.issued_on.problem(), self.ui.meta.issued_on))
        self.saver.schedule(META_KEY, lambda s, d=draft: s.reports.save_draft(d))

    def _charts_toggled(self, wanted: bool) -> None:
        plan, kind, period = self.target()
        if self.draft is None or kind != PERIODIC:
            return
        self.draft.with_charts = wanted
        self.saver.schedule("charts", lambda s: s.reports.save_with_charts(plan, kind, period, wanted))

    def _section_edited(self) -> None:
        item = self.ui.sections.currentItem()
        if item is None:
            return
        key = item.data(Qt.ItemDataRole.UserRole)
        plan, kind, period = self.target()
        text, lists = self.ui.editor.text.toPlainText(), self.ui.editor.with_lists.isChecked()
        self.saver.schedule(key, lambda s: s.reports.save_section(plan, kind, period, key, text, lists))
        state = self.states.get(key)
        if state is not None and not state.edited:
            state.edited = True
            self._label_item(item, state)
            self.ui.editor.title.setText(state.title + tr("  (đã sửa)"))
            self.ui.editor.reset_button.setEnabled(True)

    def _reset_section(self) -> None:
        item = self.ui.sections.currentItem()
        if item is None:
            return
        key = item.data(Qt.ItemDataRole.UserRole)
        plan, kind, period = self.target()
        self.saver.flush()
        self.ctx.jobs.run(tr("Dùng lại bản soạn tự động"), lambda s, _r: s.reports.reset_section(
            plan, kind, period, key), on_success=lambda _r: self.load(), parent=self)

    def _saved(self, _keys) -> None:
        self._refresh.start()      # problems and "(đã sửa)" marks catch up once typing pauses

    def _refused(self, _key: str, exc) -> None:
        self.ui.sections.setCurrentRow(0)
        self.ui.meta.show_refusal(exc)

    def _next_number(self) -> None:
        try:
            year = (self.ui.meta.issued_on.value() or self.ctx.clock.today()).year
        except InvalidDate as exc:
            self.ui.meta.show_refusal(exc)
            return
        symbol = self.ui.meta.symbol.text()
        self.ui.meta.number.setText(self.ctx.session.reports.suggest_number(year, symbol))
        self._meta_edited()

    def flush(self, *, now: bool = False) -> None:
        self.saver.flush(now=now)

    def unsaved(self) -> str:
        """What typed here could not be saved, or "" (Ctrl+S says it rather than "Đã lưu.")."""
        problem = self.ui.meta.issued_on.problem()
        return tr("Ngày ban hành chưa lưu: {p}", p=problem) if problem else ""

    # ------------------------------------------------------------------ output

    def _suggested_name(self, fmt: str) -> str:
        plan, kind, period = self.target()
        return self.ctx.session.reports.suggest_file_name(plan, kind, period, fmt, self.as_of)

    def _checked_as_of(self, *, tell: bool = False) -> tuple[bool, object]:
        """(True, the list's date) or, when its field holds text that is not a date, (False, None); with
        ``tell``, the reason goes to the status bar and the field gets the focus."""
        try:
            return True, self.as_of
        except InvalidDate as exc:
            if tell:
                self.ctx.message.emit(str(exc))
                exc.widget.setFocus()
            return False, None

    def _render_pdf(self, then) -> None:
        """The PDF and its page sizes, made off the GUI thread; ``then(pages, built)``."""
        ok, as_of = self._checked_as_of(tell=True)
        if not ok:
            return
        self.saver.flush()
        plan, kind, period = self.target()

        def work(s, _report):
            from cchc_desktop.reports.raster import pages_of
            data, built = s.reports.render(plan, kind, period, "pdf", as_of)
            return pages_of(data), built
        self.ctx.jobs.run(tr("Đang viết văn bản…"), work, on_success=lambda result: then(*result), parent=self,
                          progress=True)

    def preview(self) -> None:
        from ui.dialogs.report_preview import PreviewDialog

        def show(pages, built) -> None:
            title = " ".join([built.document.title, *built.document.subject])
            PreviewDialog(self.ctx, pages, title, self._suggested_name("pdf"), self).open()
        self._render_pdf(show)

    def print_report(self) -> None:
        from ui.printing import print_pdf
        self._render_pdf(lambda pages, built: print_pdf(self.ctx, self, pages, built.document.meta.title))

    def export(self, fmt: str) -> None:
        assert fmt in FORMATS
        ok, as_of = self._checked_as_of(tell=True)
        if not ok:
            return
        path = ask_save(self, self.ctx, tr("Lưu văn bản"), self._suggested_name(fmt), FILE_FILTERS[fmt], fmt)
        if path is None:
            return
        plan, kind, period = self.target()
        self.saver.flush()
        self.ctx.jobs.run(tr("Đang ghi văn bản…"), lambda s, _r: s.reports.write(plan, kind, period, fmt, path, as_of),
                          on_success=lambda _b: self.ctx.message.emit(tr("Đã lưu {path}.", path=path)),
                          parent=self, progress=True)

    def issue(self) -> None:
        from ui.dialogs.report_register import IssueDialog
        self.saver.flush()
        plan, kind, period = self.target()
        dialog = IssueDialog(self.ctx, plan, kind, period, self)
        dialog.issued.connect(lambda _i: (self.load(), self.open_register()))
        dialog.open()

    def open_register(self):
        from ui.dialogs.report_register import RegisterDialog
        dialog = RegisterDialog(self.ctx, self)
        dialog.open()
        return dialog
