"""The "Chỉ số CCHC" page: the year's PAR Index self-assessment against the province's criteria.

A year without one shows how to start (the province's sheet, the sample set, or last year's). A year with one
shows the tree of lĩnh vực → tiêu chí → tiêu chí thành phần: what the commune declares for each item, typed in
the form its rule needs, the score the service computes from it, the evidence and the explanation; on the right,
the selected item's guidance, evidence files and explanation. Everything is saved as it is typed; the scores
and totals follow from the data after each write (the page subscribes to "assessment" and "criteria", and to the
statistics its linked values come from).
"""
from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.assessment import rules as R
from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import format_date, format_datetime, format_number, parse_number, tr
from ui.assessment_actions import AssessmentActions
from ui.assessment_model import (
    CODE_ROLE,
    COL_EVIDENCE,
    COL_EXPLAIN,
    COL_MAX,
    COL_NAME,
    COL_PROVINCE,
    COL_SCORE,
    COL_STT,
    COL_VALUE,
    KAD,
    NUMBER_KINDS,
    SAMPLE_BG,
    WATCHED_KINDS,
    AssessmentModel,
    ValueDelegate,
)
from ui.assessment_panel import ItemPanel
from ui.assessment_panel import label as text_label
from ui.autosave import SerialSaver
from ui.dialogs.assessment_dialogs import rule_line
from ui.errors import show_error
from ui.widgets import Banner, ColumnSharer, WrappingDelegate, refresh_field

# ---------------------------------------------------------------------------------------------- the page

class _Layout:
    def setup(self, page: QWidget) -> None:
        outer = QVBoxLayout(page)
        outer.setContentsMargins(6, 6, 6, 6)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("Năm đánh giá:")))
        self.year = QSpinBox()
        self.year.setObjectName("assessmentYear")
        self.year.setRange(2000, 2100)
        bar.addWidget(self.year)
        bar.addSpacing(12)
        self.close_button = QPushButton(tr("Chốt bản tự đánh giá"))
        self.close_button.setObjectName("closeAssessment")
        bar.addWidget(self.close_button)
        self.report_button = QPushButton(tr("Xuất báo cáo"))
        self.report_button.setObjectName("assessmentReport")
        self.report_menu = QMenu(self.report_button)
        self.report_button.setMenu(self.report_menu)
        bar.addWidget(self.report_button)
        self.province_button = QPushButton(tr("Bảng Excel theo mẫu tỉnh…"))
        bar.addWidget(self.province_button)
        self.package_button = QPushButton(tr("Gói tài liệu kiểm chứng (.zip)…"))
        bar.addWidget(self.package_button)
        self.more_button = QPushButton(tr("Bộ chỉ số"))
        self.more_button.setObjectName("assessmentMore")
        self.more_menu = QMenu(self.more_button)
        self.more_button.setMenu(self.more_menu)
        bar.addWidget(self.more_button)
        bar.addStretch(1)
        outer.addLayout(bar)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        self._empty(page)
        self._content(page)

    def _empty(self, page: QWidget) -> None:
        self.empty_page = QWidget()
        self.empty_page.setObjectName("assessmentEmpty")
        column = QVBoxLayout(self.empty_page)
        column.setContentsMargins(40, 30, 40, 30)
        self.empty_title = QLabel()
        self.empty_title.setObjectName("assessmentEmptyTitle")
        self.empty_title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.empty_title.setWordWrap(True)
        column.addWidget(self.empty_title)
        text = QLabel(tr("Mỗi năm, xã tự đánh giá, chấm điểm theo Bộ chỉ số cải cách hành chính cấp xã do tỉnh ban "
                         "hành: khai giá trị của từng tiêu chí, đính kèm tài liệu kiểm chứng, giải trình tiêu chí chưa "
                         "có tài liệu, rồi xuất báo cáo và gói minh chứng gửi cấp trên. Hãy bắt đầu bằng bộ chỉ số "
                         "(tệp Excel hoặc Word của tỉnh, có các cột STT, Tiêu chí, Điểm tối đa, Hướng dẫn chấm điểm, "
                         "Tài liệu kiểm chứng)."))
        text.setWordWrap(True)
        text.setMaximumWidth(760)
        column.addWidget(text)
        column.addSpacing(12)
        self.load_button = QPushButton(tr("Nạp bộ chỉ số của tỉnh…"))
        self.load_button.setObjectName("loadProvinceCriteria")
        self.sample_button = QPushButton(tr("Dùng bộ chỉ số mẫu"))
        self.sample_button.setObjectName("useSampleCriteria")
        self.start_button = QPushButton()
        self.start_button.setObjectName("startFromPrevious")
        for button, note in ((self.load_button, tr("Đọc tệp của tỉnh, xem trước cách chấm từng tiêu chí rồi mới nạp.")),
                             (self.sample_button, tr("Bộ chỉ số MẪU để làm quen, không phải của tỉnh nào; nạp bộ "
                                                     "của tỉnh sau vẫn giữ được giá trị đã khai.")),
                             (self.start_button, tr("Cùng các tiêu chí và liên kết với biểu thống kê; giá trị, minh "
                                                    "chứng và giải trình để trống."))):
            row = QHBoxLayout()
            button.setMinimumWidth(240)
            row.addWidget(button)
            label = QLabel(note)
            label.setWordWrap(True)
            label.setStyleSheet("color: #555;")
            row.addWidget(label, 1)
            column.addLayout(row)
            if button is self.start_button:
                self.start_note = label
        column.addStretch(1)
        self.stack.addWidget(self.empty_page)

    def _content(self, page: QWidget) -> None:
        self.content = QWidget()
        column = QVBoxLayout(self.content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(3)
        self.sample_banner = Banner()
        self.sample_banner.setObjectName("sampleCriteriaBanner")
        column.addWidget(self.sample_banner)
        self.set_line = text_label("assessmentSet", rich=True)
        column.addWidget(self.set_line)
        self.totals = text_label("assessmentTotals", rich=True)
        self.totals.setStyleSheet("QLabel { background: #eef3f8; padding: 4px 6px; }")
        column.addWidget(self.totals)
        notices = QHBoxLayout()          # what is still to do, one line: a click on a code goes to the item
        self.missing = text_label("missingExplanations", rich=True)
        self.missing.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        notices.addWidget(self.missing, 3)
        self.flagged = text_label("flaggedRules", rich=True)
        self.flagged.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        notices.addWidget(self.flagged, 1)
        column.addLayout(notices)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setChildrenCollapsible(False)
        self.tree = QTreeView()
        self.tree.setObjectName("assessmentTree")
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setIndentation(10)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        self.tree.header().setStretchLastSection(False)
        self.split.addWidget(self.tree)
        self.panel = ItemPanel()
        self.scroll = QScrollArea()
        self.scroll.setObjectName("itemPanel")
        self.scroll.setWidget(self.panel)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setMinimumWidth(300)
        self.split.addWidget(self.scroll)
        # the panel keeps about 30 % of the width: 380 px at 1366 × 768, 300 at 125 % display scaling
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([860, 380])
        column.addWidget(self.split, 1)
        self.stack.addWidget(self.content)


class _Columns(ColumnSharer):
    """The declared value narrows with the window, but never below what a short level or a ratio needs."""

    NARROWEST = 110


class _FocusOut(QObject):
    """Calls ``then()`` when the watched widget loses the keyboard focus."""

    def __init__(self, widget: QWidget, then):
        super().__init__(widget)
        self.then = then
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusOut:
            self.then()
        return False


class AssessmentPage(AssessmentActions, QWidget):
    """The page of the window's left strip (page protocol: ``ui/pages.py``)."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.ui = _Layout()
        self.ui.setup(self)
        self.view = None
        self.years: list[int] = []
        self.indicators: dict[int, list[tuple[str, str]]] = {}
        self.year: int | None = None
        self.code: str | None = None            # the item the panel shows
        self._filling = False                   # the panel is being filled, not edited
        self.saver = SerialSaver(ctx, parent=self)
        self.saver.refused.connect(lambda _key, exc: show_error(self, exc))
        self.model = AssessmentModel(self)
        self.model.edit_requested.connect(self._edit_value)
        tree = self.ui.tree
        tree.setModel(self.model)
        tree.setItemDelegateForColumn(COL_NAME, WrappingDelegate(tree))
        tree.setItemDelegateForColumn(COL_VALUE, ValueDelegate(tree))
        tree.columns = _Columns(tree, stretch=COL_NAME, minimum=220,
                                keep=(COL_STT, COL_MAX, COL_SCORE, COL_EVIDENCE, COL_EXPLAIN, COL_PROVINCE),
                                preferred={COL_STT: 66, COL_MAX: 42, COL_VALUE: 150, COL_SCORE: 54,
                                           COL_EVIDENCE: 58, COL_EXPLAIN: 62, COL_PROVINCE: 70})
        tree.selectionModel().currentChanged.connect(self._current_changed)
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self._context_menu)
        self._wire()
        ctx.watch(self, WATCHED_KINDS, self._load)

    def _wire(self) -> None:
        ui, panel = self.ui, self.ui.panel
        ui.year.valueChanged.connect(self._year_changed)
        ui.load_button.clicked.connect(self.choose_sheet)
        ui.sample_button.clicked.connect(self.use_sample)
        ui.start_button.clicked.connect(self.start_from_previous)
        ui.sample_banner.action.connect(self.choose_sheet)
        ui.close_button.clicked.connect(self.close_or_reopen)
        for fmt, title in (("pdf", "Báo cáo tự đánh giá (PDF)…"), ("docx", "Báo cáo tự đánh giá (Word)…"),
                           ("xlsx", "Bảng tổng hợp điểm (Excel)…")):
            ui.report_menu.addAction(tr(title), lambda f=fmt: self.export_report(f))
        ui.province_button.clicked.connect(self.export_province_layout)
        ui.package_button.clicked.connect(self.export_package)
        ui.more_menu.addAction(tr("Nạp bộ chỉ số khác của tỉnh…"), self.choose_sheet)
        ui.more_menu.addAction(tr("Xuất bộ chỉ số ra Excel…"), self.export_criteria)
        ui.more_menu.addAction(tr("Đổi ngày chốt số liệu…"), self.change_cutoff)
        ui.more_menu.addAction(tr("Các mức xếp loại…"), self.change_bands)
        ui.missing.linkActivated.connect(lambda code: self.select(code, explain=True))
        ui.flagged.linkActivated.connect(lambda code: self.select(code))
        panel.rule_button.clicked.connect(self.edit_rule)
        panel.attach_button.clicked.connect(self.choose_files)
        panel.link_button.clicked.connect(self.link_task_evidence)
        panel.open_button.clicked.connect(self.open_evidence)
        panel.remove_button.clicked.connect(self.remove_evidence)
        panel.evidence.itemDoubleClicked.connect(lambda _i: self.open_evidence())
        panel.evidence.itemSelectionChanged.connect(self._enable_evidence)
        panel.evidence.files_dropped.connect(self.attach)
        panel.explanation.textChanged.connect(self._explanation_typed)
        self._focus_out = _FocusOut(panel.explanation, self.saver.flush)
        panel.indicator.activated.connect(self._indicator_picked)
        panel.province_score.editingFinished.connect(self._province_edited)
        panel.province_note.editingFinished.connect(self._province_edited)

    # ------------------------------------------------------------------ page protocol

    def page_title(self) -> str:
        return tr("Chỉ số CCHC")

    def reload(self) -> None:
        if self.year is None:
            years = self.ctx.session.assessment.years()
            today = self.ctx.clock.today().year
            self.year = today if today in years or not years else years[0]
            self.ui.year.blockSignals(True)
            self.ui.year.setValue(self.year)
            self.ui.year.blockSignals(False)
        self._load()

    def flush(self, *, now: bool = False) -> None:
        self.saver.flush(now=now)

    def unsaved(self) -> str:
        """Values and explanations are saved as typed, or refused with their reason: nothing is held back."""
        return ""

    # ------------------------------------------------------------------ loading

    def show_year(self, year: int) -> None:
        self.ui.year.setValue(year)
        if self.year != year:
            self._year_changed(year)

    def _year_changed(self, year: int) -> None:
        self.saver.flush()
        self.year, self.code = year, None
        self._load()

    def _load(self) -> None:
        if self.year is None:
            return
        year, year_known = self.year, self.year in self.indicators

        def work(s, _report):
            view = s.assessment.view(year) if s.assessment.find(year) is not None else None
            indicators = None
            if view is not None and not year_known:
                indicators = [(i.code, i.name) for i in s.statistics.indicators(year) if i.kind != "group"]
            return year, view, s.assessment.years(), indicators

        self.ctx.jobs.run(tr("Đang mở bản tự đánh giá…"), work, on_success=self._show, parent=self)

    def _show(self, result) -> None:
        year, view, years, indicators = result
        if year != self.year:
            return          # the officer already picked another year
        self.years = years
        if indicators is not None:
            self.indicators[year] = indicators
        self.view = view
        if view is None:
            self._show_empty(year)
        else:
            self._show_view(view)
        self._enable_actions()

    def _show_empty(self, year: int) -> None:
        ui = self.ui
        ui.stack.setCurrentWidget(ui.empty_page)
        ui.empty_title.setText(tr("Năm {year} chưa có bộ chỉ số để tự đánh giá", year=year))
        earlier = [y for y in self.years if y < year]
        ui.start_button.setVisible(bool(earlier))
        ui.start_note.setVisible(bool(earlier))
        if earlier:
            ui.start_button.setText(tr("Bắt đầu từ năm {y}", y=earlier[0]))
            ui.start_button.setProperty("from_year", earlier[0])

    def _show_view(self, view) -> None:
        ui = self.ui
        first = ui.stack.currentWidget() is not ui.content or not self.model.nodes
        ui.stack.setCurrentWidget(ui.content)
        criteria_set, assessment, totals = view.criteria_set, view.assessment, view.totals
        if criteria_set.sample:
            ui.sample_banner.show_message(
                tr("<b>BỘ CHỈ SỐ MẪU</b> — không phải của tỉnh nào, chỉ để làm quen; điểm chấm theo bộ này không "
                   "dùng để báo cáo."), tr("Nạp bộ chỉ số của tỉnh…"), colour=SAMPLE_BG)
        else:
            ui.sample_banner.hide()
        mark = (f" <span style='background:#c62828; color:white; font-weight:bold'>&nbsp;{tr('MẪU')}&nbsp;</span>"
                if criteria_set.sample else "")
        who = assessment.closed_by or ""
        who = who if who.startswith("(") else f"({who})" if who else ""
        state = (tr("<span style='color:#1b7f3b'><b>Đã chốt</b> lúc {at} {who}; muốn sửa phải mở lại.</span>",
                    at=format_datetime(assessment.closed_at), who=escape(who))
                 if assessment.closed else tr("Đang tự chấm; mọi thay đổi được lưu ngay."))
        ui.set_line.setText(tr("<b>{label}</b>{mark} · Số liệu tính đến ngày {d} · {state}",
                               label=escape(criteria_set.label), mark=mark, d=format_date(assessment.cutoff_on),
                               state=state))
        ui.set_line.setToolTip(criteria_set.title)
        ui.totals.setText(self._totals_text(view))
        missing = view.missing_explanations
        ui.missing.setVisible(bool(missing))
        if missing:
            links = ", ".join(f"<a href='{escape(i.code)}'>{escape(i.code)}</a>" for i in missing)
            ui.missing.setText(tr("<span style='color:#b00020'>Còn thiếu giải trình ({n}):</span> {links}",
                                  n=len(missing), links=links))
        flagged = view.flagged
        ui.flagged.setVisible(bool(flagged))
        if flagged:
            links = ", ".join(f"<a href='{escape(i.code)}'>{escape(i.code)}</a>" for i in flagged)
            ui.flagged.setText(tr("<span style='color:#9a5b00'>⚠ Cách chấm cần kiểm tra ({n}):</span> {links}",
                                  n=len(flagged), links=links))
        self.model.set_view(view)
        ui.tree.setColumnHidden(COL_PROVINCE, not (assessment.closed or totals.province_total is not None))
        if first:
            ui.tree.expandAll()
            ui.tree.columns.apply()
        if self.code is None or self.model.item(self.code) is None:
            first_leaf = next((i.code for i in view.items if i.is_leaf), None)
            if first_leaf is not None:
                self.select(first_leaf)
                return
        self._show_item()

    def _totals_text(self, view) -> str:
        t = view.totals
        if view.percent is None:
            text = tr("Chưa chấm tiêu chí nào: tự chấm <b>0</b> / {m} điểm", m=format_number(t.max_self))
        else:
            text = tr("Tự chấm <b>{s}</b> / {m} điểm (<b>{p}%</b>) — xếp loại <b>{band}</b>",
                      s=format_number(t.self_total), m=format_number(t.max_self), p=format_number(view.percent),
                      band=escape(view.band))
        upper = round(t.max_total - t.max_self, 2)
        extra = [tr("cả bộ {m} điểm", m=format_number(t.max_total))]
        if upper > 0:
            extra.append(tr("{u} điểm do cấp trên chấm hoặc không áp dụng", u=format_number(upper)))
        if view.unscored:
            extra.append(tr("còn {n} tiêu chí chưa khai", n=len(view.unscored)))
        if t.province_total is not None:
            extra.append(tr("sau thẩm định <b>{p}</b> / {m} điểm", p=format_number(t.province_total),
                            m=format_number(t.max_total)))
        return text + " · " + " · ".join(extra)

    def _enable_actions(self) -> None:
        has = self.view is not None
        closed = has and self.view.assessment.closed
        self.ui.close_button.setEnabled(has)
        self.ui.close_button.setText(tr("Mở lại…") if closed else tr("Chốt bản tự đánh giá"))
        for widget in (self.ui.report_button, self.ui.province_button, self.ui.package_button):
            widget.setEnabled(has)
        actions = self.ui.more_menu.actions()
        actions[0].setEnabled(not closed)          # another set: not while closed
        actions[1].setEnabled(has)
        actions[2].setEnabled(has and not closed)

    # ------------------------------------------------------------------ the selected item

    def select(self, code: str, *, explain: bool = False) -> None:
        index = self.model.index_of(code, COL_VALUE)
        if not index.isValid():
            return
        tree = self.ui.tree
        tree.setCurrentIndex(index)
        tree.scrollTo(index)
        if explain:
            self.ui.panel.explanation.setFocus()

    def current_item(self):
        return self.model.item(self.code) if self.code else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        code = current.data(CODE_ROLE) if current.isValid() else None
        if code != self.code:
            self.saver.flush()            # an explanation still being typed goes to its own item
            self.code = code
            self._show_item()

    def _show_item(self) -> None:
        panel, item, view = self.ui.panel, self.current_item(), self.view
        self._filling = True
        try:
            if item is None or view is None:
                panel.title.setText(tr("<i>Chọn một tiêu chí để xem chi tiết.</i>"))
                panel.facts.clear()
                panel.leaf.hide()
                return
            c = item.criterion
            closed = view.assessment.closed
            panel.title.setText(f"<b>{escape(c.code)}. {escape(' '.join(c.name.split()))}</b>")
            if item.is_leaf:
                score = (tr("không tính (không áp dụng)") if not item.applicable else
                         tr("cấp trên chấm") if not self.model.editable(item) else
                         tr("{s} điểm", s=format_number(item.score)) if item.score is not None else tr("chưa khai"))
                panel.facts.setText(tr("Tối đa <b>{m}</b> điểm · Tự chấm: <b>{s}</b>",
                                       m=format_number(c.max_points), s=score))
            else:
                panel.facts.setText(self.model._tooltip(item, COL_SCORE) or
                                    tr("Tối đa {m} điểm", m=format_number(c.max_points)))
            panel.leaf.setVisible(item.is_leaf)
            if item.is_leaf:
                self._show_leaf(item, closed)
        finally:
            self._filling = False

    def _show_leaf(self, item, closed: bool) -> None:
        panel, c = self.ui.panel, item.criterion
        flags = c.flags()
        rule = f"<b>{tr('Cách chấm:')}</b> {escape(rule_line(c.rule))}"
        if flags:
            rule += "".join(f"<br><span style='color:#9a5b00'>⚠ {escape(n)}</span>" for n in flags)
        panel.rule.setText(rule)
        panel.rule_button.setEnabled(not closed)
        guidance = " ".join(c.guidance.split())
        panel.guidance.setVisible(bool(guidance) and guidance != R.describe(c.rule))
        panel.guidance.setText(f"<b>{tr('Hướng dẫn chấm điểm:')}</b> {escape(guidance)}")
        hint = " ".join(c.evidence_hint.split())
        panel.hint.setText(f"<b>{tr('Tài liệu kiểm chứng:')}</b> {escape(hint)}" if hint else
                           tr("<b>Tài liệu kiểm chứng:</b> <i>bảng của tỉnh không ghi</i>"))
        panel.source.setVisible(bool(item.source))
        panel.source.setText(tr("Giá trị: {s}", s=item.source))
        panel.problem.setVisible(bool(item.value_problem))
        panel.problem.setText(item.value_problem)
        files = self.ctx.session.assessment.evidence.list(self.year, c.code)
        panel.evidence_title.setText(tr("Minh chứng ({n})", n=len(files)))
        panel.evidence.clear()
        for f in files:
            parts = [f.file_name]
            details = ", ".join(p for p in (f.doc_number, format_date(f.doc_date)) if p)
            if details:
                parts.append(details)
            if f.linked:
                parts.append(tr("(tài liệu của nhiệm vụ)"))
            row = QListWidgetItem(" — ".join(parts))
            row.setData(Qt.ItemDataRole.UserRole, f.id)
            row.setToolTip(tr("{name}\nĐính kèm lúc {at} bởi {who}", name=f.file_name,
                              at=f.added_at.replace("T", " "), who=f.added_by))
            panel.evidence.addItem(row)
        scored = self.model.editable(item)
        panel.attach_button.setEnabled(not closed)
        panel.link_button.setEnabled(not closed)
        panel.evidence.setAcceptDrops(not closed)
        self._enable_evidence()
        if item.needs_explanation:
            panel.explanation_title.setText(tr("<b>Giải trình</b> <span style='color:#b00020'>— bắt buộc: đã khai "
                                               "giá trị nhưng chưa có tài liệu kiểm chứng</span>"))
        else:
            panel.explanation_title.setText(tr("<b>Giải trình</b>"))
        if panel.explanation.property("code") != c.code:
            panel.explanation.setProperty("code", c.code)
            panel.explanation.setPlainText(item.explanation)
        elif self.saver.idle:
            # while a newer text waits to be written, the one read back is older than what is on screen
            refresh_field(panel.explanation, item.explanation)
        panel.explanation.setReadOnly(closed)
        takes_number = scored and c.rule.kind in NUMBER_KINDS
        panel.indicator_title.setVisible(takes_number)
        panel.indicator.setVisible(takes_number)
        if takes_number:
            self._fill_indicators(c.indicator_code, closed)
        panel.province.setVisible(closed or item.province_score is not None)
        refresh_field(panel.province_score, format_number(item.province_score))
        refresh_field(panel.province_note, item.province_note)
        if item.province_score is not None and item.score is not None:
            diff = item.province_score - item.score
            panel.province_diff.setText(tr("bằng điểm tự chấm") if abs(diff) < 1e-9 else
                                        tr("chênh {d} điểm so với tự chấm",
                                           d=("+" if diff > 0 else "−") + format_number(abs(diff))))
        else:
            panel.province_diff.clear()

    def _fill_indicators(self, linked: str, closed: bool) -> None:
        box = self.ui.panel.indicator
        box.clear()
        box.addItem(tr("(không lấy — khai tay)"), "")
        for code, name in self.indicators.get(self.year, []):
            box.addItem(f"{code} — {' '.join(name.split())}", code)
            box.setItemData(box.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
        if linked and box.findData(linked) < 0:
            box.addItem(linked, linked)
        box.setCurrentIndex(max(0, box.findData(linked or "")))
        box.setToolTip(box.currentText())
        box.setEnabled(not closed)

    def _enable_evidence(self) -> None:
        panel = self.ui.panel
        chosen = bool(panel.evidence.selectedItems())
        closed = self.view is not None and self.view.assessment.closed
        panel.open_button.setEnabled(chosen)
        panel.remove_button.setEnabled(chosen and not closed)

    def _context_menu(self, pos) -> None:
        index = self.ui.tree.indexAt(pos)
        item = self.model.item(index.data(CODE_ROLE)) if index.isValid() else None
        if item is None or not item.is_leaf or self.view is None:
            return
        closed = self.view.assessment.closed
        menu = QMenu(self)
        if self.model.editable(item) and not closed:
            menu.addAction(tr("Khai “Không áp dụng”"), lambda: self._edit_value(item.code, KAD))
            if item.value:
                menu.addAction(tr("Xóa giá trị đã khai"), lambda: self._edit_value(item.code, ""))
        edit = menu.addAction(tr("Sửa cách chấm…"), lambda: (self.select(item.code), self.edit_rule()))
        edit.setEnabled(not closed)
        menu.exec(self.ui.tree.viewport().mapToGlobal(pos))

    # ------------------------------------------------------------------ writing (saved as typed)

    def _edit_value(self, code: str, text: str) -> None:
        year = self.year
        self.saver.schedule(f"value:{code}", lambda s: s.assessment.set_values(year, {code: text}))
        self.saver.flush()        # a finished edit of a cell: written now, still in order

    def _explanation_typed(self) -> None:
        if self._filling:
            return
        code = self.ui.panel.explanation.property("code")
        if not code or self.view is None or self.view.assessment.closed:
            return
        year, text = self.year, self.ui.panel.explanation.toPlainText()
        self.saver.schedule(f"explain:{code}", lambda s: s.assessment.explain(year, code, text))

    def _indicator_picked(self, _index: int) -> None:
        item = self.current_item()
        if item is None:
            return
        year, code, indicator = self.year, item.code, self.ui.panel.indicator.currentData() or ""
        if indicator == (item.criterion.indicator_code or ""):
            return
        self.saver.schedule(f"indicator:{code}", lambda s: s.assessment.link_indicator(year, code, indicator))
        self.saver.flush()

    def _province_edited(self) -> None:
        item = self.current_item()
        panel = self.ui.panel
        if item is None or not item.is_leaf or self._filling:
            return
        try:
            score = parse_number(panel.province_score.text())
        except ValueError as exc:
            show_error(self, ValidationError(str(exc)))
            return
        note = panel.province_note.text()
        if score == item.province_score and " ".join(note.split()) == item.province_note:
            return
        year, code = self.year, item.code
        self.saver.schedule(f"province:{code}", lambda s: s.assessment.set_province_score(year, code, score, note))
        self.saver.flush()
