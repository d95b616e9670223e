"""The "Tổng quan" tab: tasks per domain and status, then the overdue and due-soon lists."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton,
                               QStackedWidget, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from cchc_desktop.i18n import format_date, format_number, tr
from cchc_desktop.model import DONE, IN_PROGRESS, NOT_STARTED, PLAN_KINDS, SUSPENDED, TaskRow
from cchc_desktop.services.overview import DUE_SOON_DAYS, Overview
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
        # counts per domain and status, overdue and upcoming tasks, evidence, the plan's particulars
        ctx.watch(self, {"task", "plan", "evidence", "unit"}, self.reload)

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
        self.heading = QLabel()
        self.heading.setObjectName("planHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.heading)
        self.summary = _table(SUMMARY_HEADERS, "summaryTable")
        self.summary_columns = ColumnSharer(self.summary, stretch=0, minimum=300)
        self.summary_columns.applied.connect(self._fit_summary_height)
        self.summary.cellDoubleClicked.connect(self._summary_clicked)
        self.summary.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.summary)
        lists = QHBoxLayout()
        self.overdue_label = QLabel()
        self.overdue = _table(LIST_HEADERS, "overdueTable")
        self.soon_label = QLabel()
        self.soon = _table(LIST_HEADERS, "dueSoonTable")
        for label, table in ((self.overdue_label, self.overdue), (self.soon_label, self.soon)):
            box = QVBoxLayout()
            label.setTextFormat(Qt.TextFormat.RichText)
            box.addWidget(label)
            box.addWidget(table)
            table.more = QLabel()       # "the 100 most overdue of 1 234: the rest are in …"
            table.more.setWordWrap(True)
            table.more.hide()
            box.addWidget(table.more)
            table.columns = ColumnSharer(table, stretch=2, minimum=200, keep=(0, 1, 4))
            table.cellDoubleClicked.connect(lambda row, _col, t=table: self._task_clicked(t, row))
            lists.addLayout(box)
        layout.addLayout(lists, 1)
        return page

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
        overview = session.overview.build(plan_id)
        number = tr("Số {n}", n=plan.number) if plan.has_number else tr("Chưa có số")
        issued = tr(", ngày {d}", d=format_date(plan.issued_on)) if plan.issued_on else ""
        self.heading.setText(f"<h3>{plan.title}</h3>{tr(PLAN_KINDS[plan.kind])} — {number}{issued}")
        self._fill_summary(overview)
        self._fill_list(self.overdue, overview.overdue, [r.due_on for r in overview.overdue],
                        tr("Đang hiện {shown} nhiệm vụ quá hạn lâu nhất trong số {total}. Danh sách đủ: menu Báo cáo "
                           "› Thông báo nhiệm vụ quá hạn."))
        self._fill_list(self.soon, [r for r, _ in overview.due_soon], [d for _, d in overview.due_soon],
                        tr("Đang hiện {shown} nhiệm vụ đến hạn sớm nhất trong số {total}. Các nhiệm vụ còn lại xem "
                           "ở thẻ của từng lĩnh vực."))
        self.overdue_label.setText(tr("<b style='color:#b00020'>Nhiệm vụ quá hạn ({n})</b>",
                                      n=len(overview.overdue)))
        self.soon_label.setText(tr("<b>Sắp đến hạn trong {days} ngày tới ({n})</b>", days=DUE_SOON_DAYS,
                                   n=len(overview.due_soon)))

    def _fill_summary(self, overview: Overview) -> None:
        rows = overview.domains + [overview.totals]
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

    def _fill_list(self, table: QTableWidget, rows: list[TaskRow], dates, more: str) -> None:
        today = self.ctx.clock.today()
        shown = min(len(rows), LIST_LIMIT)
        table.more.setText(more.format(shown=format_number(shown), total=format_number(len(rows))))
        table.more.setVisible(len(rows) > shown)
        table.setRowCount(shown)
        for i, (row, when) in enumerate(zip(rows[:shown], dates)):
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
        table.columns.apply()

    def _summary_clicked(self, row: int, _column: int) -> None:
        data = self.summary.item(row, 0).data(DOMAIN_ROLE)
        if data:
            self.open_domain.emit(*data)

    def _task_clicked(self, table: QTableWidget, row: int) -> None:
        framework, code, task_id = table.item(row, 0).data(TASK_ROLE)
        self.open_task.emit(framework, code, task_id)
