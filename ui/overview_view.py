"""The "Tổng quan" tab: three charts (completion by domain, overdue tasks by lead unit, the main indicators
across the year's periods) or the table of tasks per domain and status, then the overdue and due-soon lists.

The charts are counted by a background job after the window shows (start-up does not wait for them) and
drawn by ``ui.charts_view`` (QtSvg, imported then). A click on a bar opens what it counts: a domain's
tasks of that status, the overdue tasks of a unit (in the list below), a period's statistics form.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QButtonGroup, QHBoxLayout, QLabel, QPushButton,
                               QStackedWidget, QTableWidget, QTableWidgetItem, QToolButton, QVBoxLayout, QWidget)

from cchc_desktop.i18n import format_date, format_number, tr
from cchc_desktop.model import DONE, IN_PROGRESS, NOT_STARTED, PLAN_KINDS, SUSPENDED
from cchc_desktop.services.overview import DUE_SOON_DAYS, TaskList, totals
from ui.file_drop import dropped_files
from ui.widgets import ColumnSharer, read_only_table

SUMMARY_HEADERS = ("Lĩnh vực", "Tổng số", "Chưa triển khai", "Đang thực hiện", "Hoàn thành",
                   "Tạm dừng/KTH", "Quá hạn", "Hoàn thành muộn", "Tỷ lệ hoàn thành", "Minh chứng")
LIST_HEADERS = ("Lĩnh vực", "STT", "Nhiệm vụ", "Chủ trì", "Hạn", "Trạng thái")
# The lists show this many rows at most (the most overdue, the soonest due): an overview stays quick to
# open and to read with thousands of tasks; the heading counts them all and a line says where the rest are.
LIST_LIMIT = 100
DOMAIN_ROLE = Qt.ItemDataRole.UserRole
TASK_ROLE = Qt.ItemDataRole.UserRole + 1
VIEW_KEY = "ui.overview_view"       # what the top of the overview shows: CHARTS or TABLE
CHARTS, TABLE = "charts", "table"
FIRST_CHARTS_DELAY = 250            # ms after the window shows: start-up never waits for the charts
CHART_NAMES = ("completionChart", "overdueChart", "indicatorsChart")
STATS_KINDS = {"stat", "period", "catalog"}


LEAD_CHARACTERS = 40     # a lead unit's long name (127 characters, no abbreviation) would make each row a column


def _short(text: str) -> str:
    """``text`` cut at a word to about ``LEAD_CHARACTERS`` with "…" (the whole of it is the cell's tooltip)."""
    if len(text) <= LEAD_CHARACTERS:
        return text
    return text[:LEAD_CHARACTERS].rsplit(" ", 1)[0].rstrip(" ,;") + "…"


def _table(headers, name: str) -> QTableWidget:
    table = read_only_table(headers, name, stretch_last=False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    return table


class OverviewView(QWidget):
    open_domain = Signal(str, str)            # framework, code
    open_task = Signal(str, str, int)         # framework, code, task id
    open_status = Signal(str, str, str)       # framework, code, status ("" for all): a completion bar
    open_indicator = Signal(int, str)         # period id, indicator code: a bar of the indicators chart
    new_plan = Signal()
    load_demo = Signal()
    import_file = Signal(object)   # a plan file dropped here, or None to choose one

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setAcceptDrops(True)  # a plan file dropped on the overview is imported
        self.stack = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.page = self._overview_page()
        self.stack.addWidget(self.page)
        self.empty_page: QWidget | None = None  # built only when there is no plan
        self._shown_plan: int | None = None
        self._summary_stale = True                  # the table is counted when it shows (charts: never at start)
        self.mode = ""                              # CHARTS or TABLE, once set
        self.overdue_units: tuple | None = None     # the overdue list shows these lead units' tasks only
        self.chart_views: list = []                 # ui.charts_view.ChartView, built with the first charts
        self.charts: list = []                      # what they show (cchc_desktop.charts.model.Chart)
        self._chart_round = 0                       # charts counted for an older state are not shown
        self._chart_timer = QTimer(self)
        self._chart_timer.setSingleShot(True)
        self._chart_timer.setInterval(FIRST_CHARTS_DELAY)
        self._chart_timer.timeout.connect(self.load_charts)
        saved = ctx.session.profile.setting(VIEW_KEY, CHARTS)
        self.set_mode(saved if saved in (CHARTS, TABLE) else CHARTS, remember=False)
        # counts per domain and status, overdue and upcoming tasks, evidence, the plan's particulars
        ctx.watch(self, {"task", "plan", "evidence", "unit"}, self.reload)
        ctx.watch(self, STATS_KINDS, self._charts_soon)     # the indicators chart

    def _empty_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        text = QLabel(tr("<h3>Chưa có kế hoạch nào</h3><p>Hãy nhập kế hoạch cải cách hành chính của năm từ tệp Word "
                         "hoặc Excel (có thể kéo thả tệp vào đây), tạo kế hoạch mới, hoặc mở dữ liệu mẫu để xem "
                         "thử.</p>"))
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        layout.addWidget(text)
        row = QHBoxLayout()
        row.addStretch(1)
        import_button = QPushButton(tr("Nhập kế hoạch từ tệp…"))
        import_button.setDefault(True)
        import_button.clicked.connect(lambda: self.import_file.emit(None))
        row.addWidget(import_button)
        create = QPushButton(tr("Tạo kế hoạch mới…"))
        create.clicked.connect(self.new_plan)
        demo = QPushButton(tr("Mở dữ liệu mẫu"))
        demo.clicked.connect(self.load_demo)
        row.addWidget(create)
        row.addWidget(demo)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        return page

    def _overview_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        top = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setObjectName("planHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        top.addWidget(self.heading, 1)
        self.mode_buttons = QButtonGroup(self)
        buttons = {}
        for mode, text, tip in ((CHARTS, tr("Biểu đồ"), tr("Tiến độ theo lĩnh vực, nhiệm vụ quá hạn theo đơn vị, "
                                                           "chỉ tiêu chủ yếu qua các kỳ")),
                                (TABLE, tr("Bảng số liệu"), tr("Số nhiệm vụ theo lĩnh vực và trạng thái"))):
            button = QToolButton()
            button.setObjectName(f"{mode}Mode")
            button.setText(text)
            button.setToolTip(tip)
            button.setCheckable(True)
            button.setAutoRaise(False)
            self.mode_buttons.addButton(button)
            button.clicked.connect(lambda _c=False, m=mode: self.set_mode(m))
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignBottom)
            buttons[mode] = button
        self.charts_button, self.table_button = buttons[CHARTS], buttons[TABLE]
        self.print_button = QPushButton(tr("In, lưu PDF…"))
        self.print_button.setObjectName("printOverview")
        self.print_button.setToolTip(tr("Ba biểu đồ và số liệu của kế hoạch trên một trang A4, để in hoặc lưu PDF "
                                        "cho cuộc họp"))
        self.print_button.clicked.connect(self.print_sheet)
        top.addSpacing(8)
        top.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(top)
        self.charts_box = QWidget()
        self.charts_box.setObjectName("overviewCharts")
        self.charts_row = QHBoxLayout(self.charts_box)
        self.charts_row.setContentsMargins(0, 0, 0, 0)
        self.charts_wait = QLabel(tr("Đang vẽ biểu đồ…"))
        self.charts_wait.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.charts_wait.setStyleSheet("color: #555;")
        self.charts_row.addWidget(self.charts_wait)
        layout.addWidget(self.charts_box, 3)
        self.summary = _table(SUMMARY_HEADERS, "summaryTable")
        self.summary_columns = ColumnSharer(self.summary, stretch=0, minimum=300)
        self.summary_columns.applied.connect(self._fit_summary_height)
        self.summary.cellDoubleClicked.connect(self._summary_clicked)
        self.summary.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.summary)
        lists = QHBoxLayout()
        self.lists = lists
        self.overdue_label = QLabel()
        self.overdue = _table(LIST_HEADERS, "overdueTable")
        self.soon_label = QLabel()
        self.soon = _table(LIST_HEADERS, "dueSoonTable")
        # a link, not a button: the list keeps its height and lines up with the one beside it
        self.show_all_overdue = QLabel(tr("<a href='#'>Hiện mọi đơn vị</a>"))
        self.show_all_overdue.setObjectName("showAllOverdue")
        self.show_all_overdue.linkActivated.connect(lambda _link: self.filter_overdue(None))
        self.show_all_overdue.hide()
        for label, table in ((self.overdue_label, self.overdue), (self.soon_label, self.soon)):
            box = QVBoxLayout()
            label.setTextFormat(Qt.TextFormat.RichText)
            if table is self.overdue:
                head = QHBoxLayout()
                head.addWidget(label, 1)
                head.addWidget(self.show_all_overdue)
                box.addLayout(head)
            else:
                box.addWidget(label)
            box.addWidget(table)
            table.more = QLabel()       # "the 100 most overdue of 1 234: the rest are in …"
            table.more.setWordWrap(True)
            table.more.hide()
            box.addWidget(table.more)
            table.columns = ColumnSharer(table, stretch=2, minimum=200, keep=(0, 1, 4))
            table.cellDoubleClicked.connect(lambda row, _col, t=table: self._task_clicked(t, row))
            lists.addLayout(box)
        layout.addLayout(lists, 2)
        self.page_layout = layout
        return page

    # ------------------------------------------------------------------ charts or table

    def set_mode(self, mode: str, remember: bool = True) -> None:
        """Charts or the table at the top of the page (remembered for the next start)."""
        changed, self.mode = mode != self.mode, mode
        (self.charts_button if mode == CHARTS else self.table_button).setChecked(True)
        self.charts_box.setVisible(mode == CHARTS)
        self.summary.setVisible(mode == TABLE)
        # the lists share the height with the charts; under the table (its own height) they take the rest
        self.page_layout.setStretchFactor(self.lists, 2 if mode == CHARTS else 1)
        if mode == CHARTS and changed:
            self._charts_soon()         # counted again: the data may have changed while the table showed
        if mode == TABLE and self._shown_plan is not None:
            if self._summary_stale:
                self._fill_summary()
            else:
                self.summary_columns.apply()    # measured again now that it shows (its header may wrap)
        if remember and changed and not self.ctx.workspace.read_only:
            self.ctx.jobs.run(tr("Ghi nhớ cách xem tổng quan"),
                              lambda s, _r: s.profile.set_setting(VIEW_KEY, mode))

    def _charts_soon(self) -> None:
        """Count the charts again in a moment (several writes in a row are counted once)."""
        if self.mode == CHARTS and self.ctx.plan_id is not None:
            self._chart_timer.start()

    def load_charts(self) -> None:
        """The charts counted by a background job (reads only), then drawn here."""
        plan_id = self.ctx.plan_id
        if plan_id is None:
            return
        self._chart_timer.setInterval(0)       # after the first time, as soon as the data changes
        self._chart_round += 1
        round_ = self._chart_round

        def work(session, _report):
            from cchc_desktop.charts import metrics
            charts = session.overview.charts(plan_id)
            metrics.text_width("", 1)          # the font's widths read here, not on the GUI thread
            metrics.text_width("", 1, bold=True)
            metrics.text_width("", 1, italic=True)
            return charts

        self.ctx.jobs.run(tr("Đang vẽ biểu đồ…"), work,
                          on_success=lambda charts: self._show_charts(round_, plan_id, charts))

    def _show_charts(self, round_: int, plan_id: int, charts: list) -> None:
        if round_ != self._chart_round or plan_id != self.ctx.plan_id:
            return      # the data or the plan changed meanwhile: a newer count is on its way
        if not self.chart_views:
            from ui.charts_view import ChartView
            self.charts_wait.hide()
            for name in CHART_NAMES:
                view = ChartView(name)
                view.clicked.connect(self.chart_clicked)
                self.charts_row.addWidget(view, 1)
                self.chart_views.append(view)
        self.charts = charts
        for view, chart in zip(self.chart_views, charts):
            view.set_chart(chart)

    def chart_clicked(self, target: tuple) -> None:
        """A bar clicked: open the tasks (or the figures) it counts."""
        kind = target[0]
        if kind == "domain":
            self.open_status.emit(*target[1:])
        elif kind == "overdue":
            self.filter_overdue(target[1])
        elif kind == "indicator":
            self.open_indicator.emit(*target[1:])

    def filter_overdue(self, unit_ids) -> None:
        """The overdue list narrowed to tasks led by ``unit_ids`` (None among them: tasks without a lead
        unit), or whole again with None."""
        self.overdue_units = tuple(unit_ids) if unit_ids is not None else None
        if self._shown_plan is not None:
            self._fill_overdue()

    def print_sheet(self) -> None:
        """The overview as one A4 page (the charts and the day's figures), previewed to print or save."""
        plan_id = self.ctx.plan_id
        if plan_id is None:
            return

        def work(session, _report):
            from cchc_desktop.reports.raster import pages_of
            return pages_of(session.overview.sheet_pdf(plan_id))

        self.ctx.jobs.run(tr("Đang chuẩn bị trang in…"), work, on_success=self._preview_sheet, parent=self,
                          progress=True)

    def _preview_sheet(self, pages):
        from cchc_desktop.file_names import document_file_name
        from ui.dialogs.report_preview import PreviewDialog
        today = self.ctx.clock.today()
        plan = self.ctx.session.plans.get(self.ctx.plan_id)
        name = document_file_name("", "", tr("Tổng quan CCHC năm {y}", y=plan.year), "pdf", today)
        dialog = PreviewDialog(self.ctx, pages, tr("Tình hình thực hiện kế hoạch năm {y}", y=plan.year), name, self)
        dialog.open()
        return dialog

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if len(dropped_files(event.mimeData())) == 1:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        files = dropped_files(event.mimeData())
        if len(files) == 1:
            event.acceptProposedAction()
            self.import_file.emit(files[0])

    # ------------------------------------------------------------------ filling

    def reload(self) -> None:
        plan_id = self.ctx.plan_id
        if plan_id is None:
            if self.empty_page is None:
                self.empty_page = self._empty_page()
                self.stack.addWidget(self.empty_page)
            self.stack.setCurrentWidget(self.empty_page)
            return
        self.stack.setCurrentWidget(self.page)
        session = self.ctx.session
        plan = session.plans.get(plan_id)
        if self._shown_plan != plan_id:
            self.overdue_units = None       # another plan: its units' filter does not apply
            for view in self.chart_views:   # nor its charts, while this plan's are counted
                view.set_chart(None)
        self._shown_plan = plan_id
        self._charts_soon()
        number = tr("Số {n}", n=plan.number) if plan.has_number else tr("Chưa có số")
        issued = tr(", ngày {d}", d=format_date(plan.issued_on)) if plan.issued_on else ""
        self.heading.setText(f"<h3>{plan.title}</h3>{tr(PLAN_KINDS[plan.kind])} — {number}{issued}")
        self._summary_stale = True
        if self.mode == TABLE:
            self._fill_summary()
        self._fill_overdue()
        soon = session.overview.due_soon(plan_id, limit=LIST_LIMIT)
        self._fill_list(self.soon, soon, tr("Đang hiện {shown} nhiệm vụ đến hạn sớm nhất trong số {total}. Các "
                                            "nhiệm vụ còn lại xem ở thẻ của từng lĩnh vực."))
        self.soon_label.setText(tr("<b>Sắp đến hạn trong {days} ngày tới ({n})</b>", days=DUE_SOON_DAYS,
                                   n=soon.total))

    def _fill_overdue(self) -> None:
        """The most overdue tasks (of the units picked on the chart, if any), counted all."""
        wanted = self.overdue_units
        listed = self.ctx.session.overview.overdue(self._shown_plan, limit=LIST_LIMIT, units=wanted)
        self._fill_list(self.overdue, listed,
                        tr("Đang hiện {shown} nhiệm vụ quá hạn lâu nhất trong số {total}. Danh sách đủ: menu Báo cáo "
                           "› Thông báo nhiệm vụ quá hạn."))
        self.show_all_overdue.setVisible(wanted is not None)
        if wanted is None:
            self.overdue_label.setText(tr("<b style='color:#b00020'>Nhiệm vụ quá hạn ({n})</b>", n=listed.total))
            return
        units = {u.id: u for u in self.ctx.session.units.list(include_deleted=True)}
        names = sorted({units[i].abbreviation or units[i].name for i in wanted if i in units})
        if None in wanted:
            names.append(tr("chưa phân công chủ trì"))
        self.overdue_label.setText(tr("<b style='color:#b00020'>Nhiệm vụ quá hạn — chủ trì: {units} ({n})</b>",
                                      units=", ".join(names) or "—", n=listed.total))

    def _fill_summary(self) -> None:
        """Tasks per domain and status (the table shown instead of the charts), counted now."""
        self._summary_stale = False
        domains = self.ctx.session.overview.summaries(self._shown_plan)
        rows = domains + [totals(domains)]
        table = self.summary
        table.setRowCount(len(rows))
        bold = QFont()
        bold.setBold(True)
        for i, item in enumerate(rows):
            is_total = item is rows[-1]
            done_rate = tr("{p} %", p=format_number(round(item.done_percent, 1))) if item.total else "—"
            values = (item.domain.title if not is_total else tr("Tổng cộng"), item.total,
                      item.counts[NOT_STARTED], item.counts[IN_PROGRESS], item.counts[DONE],
                      item.counts[SUSPENDED], item.overdue, item.finished_late, done_rate, item.evidence)
            for column, value in enumerate(values):
                cell = QTableWidgetItem(str(value))
                if column > 0:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if not is_total:
                    cell.setData(DOMAIN_ROLE, (item.domain.framework, item.domain.code))
                if is_total:
                    cell.setFont(bold)
                if column == 6 and item.overdue:
                    cell.setForeground(QBrush(QColor("#b00020")))
                    cell.setFont(bold)
                table.setItem(i, column, cell)
        self.summary_columns.apply()

    def _fit_summary_height(self) -> None:
        """The whole summary is always visible: no scrolling to find the totals row."""
        table, header = self.summary, self.summary.horizontalHeader()
        # the header may just have been given room for wrapped titles: its own height catches up later
        head = max(header.height(), header.minimumHeight())
        height = head + sum(table.rowHeight(i) for i in range(table.rowCount()))
        table.setFixedHeight(height + 2 * table.frameWidth() + 2)

    def _fill_list(self, table: QTableWidget, listed: TaskList, more: str) -> None:
        today = self.ctx.clock.today()
        shown = len(listed.rows)
        table.more.setText(more.format(shown=format_number(shown), total=format_number(listed.total)))
        table.more.setVisible(listed.total > shown)
        table.setRowCount(shown)
        for i, (row, when) in enumerate(zip(listed.rows, listed.dates)):
            prefix = "PAPI " if row.framework == "PAPI" else ""
            leads = "; ".join(u.abbreviation or u.name for u in row.leads)
            values = (prefix + row.domain_code, row.code, " ".join(row.name.split()), _short(leads),
                      format_date(when), row.state_label(today))
            for column, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setData(TASK_ROLE, (row.framework, row.domain_code, row.id))
                if column == 2:
                    cell.setToolTip(row.name)
                elif column == 3 and text != leads:
                    cell.setToolTip(leads)
                table.setItem(i, column, cell)
        table.columns.refresh()

    def _summary_clicked(self, row: int, _column: int) -> None:
        data = self.summary.item(row, 0).data(DOMAIN_ROLE)
        if data:
            self.open_domain.emit(*data)

    def _task_clicked(self, table: QTableWidget, row: int) -> None:
        framework, code, task_id = table.item(row, 0).data(TASK_ROLE)
        self.open_task.emit(framework, code, task_id)
