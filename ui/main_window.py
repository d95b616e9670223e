"""The main window: plan and year pickers, the Tổng quan tab and one tab per reform domain."""
from __future__ import annotations


from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QMainWindow, QPushButton, QStackedWidget, QTabWidget,
                               QToolBar, QVBoxLayout, QWidget)

from cchc_desktop import APP_NAME
from cchc_desktop.i18n import format_date, tr
from cchc_desktop.model import Domain
from ui.icons import app_icon, overdue_badge
from ui.overview_view import OverviewView
from ui.data_actions import DataActions
from ui.pages import PAGES, REPORTS, STATISTICS, TASKS
from ui.plan_actions import PlanActions
from ui.tasks_page import TasksPage
from ui.geometry import fit, geometry_text, restore_main_window
from ui.task_actions import TaskActions
from ui.widgets import Banner

LAST_PLAN_KEY = "ui.last_plan"
GEOMETRY_KEY = "ui.window_geometry"
OVERVIEW_TAB = 0


class DomainPage(QWidget):
    """A domain tab's page. Its DomainView is built the first time the tab is shown,
    so start-up does not pay for eight views nobody has looked at yet."""

    def __init__(self, domain: Domain, factory):
        super().__init__()
        self.domain, self._factory, self.view = domain, factory, None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def ensure_view(self):
        if self.view is None:
            self.view = self._factory(self.domain)
            self._layout.addWidget(self.view)
            self.view.reload()
        return self.view


def tab_label(domain: Domain) -> str:
    """The domain's number only ("III", "PAPI 2"): every tab stays visible on a 1366-pixel screen at
    125 % scaling; the full name is the tab's tooltip and the window's title."""
    prefix = "PAPI " if domain.framework == "PAPI" else ""
    return f"{prefix}{domain.code}"


class MainWindow(QMainWindow):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.setWindowIcon(app_icon())
        self.actions_ = TaskActions(ctx, self)
        self.data_actions = DataActions(ctx, self)
        self.plan_actions = PlanActions(ctx, self)
        self.actions_.message.connect(self.show_message)
        self.actions_.task_saved.connect(self._select_saved_task)
        self.pages: dict[tuple[str, str], DomainPage] = {}
        self._stale: set[QWidget] = set()
        self._undo = None
        self._saved_geometry: str | None = None     # as read by ``show_as_last_time``, then as last written
        self._build_menus()
        self._build_toolbar()
        self._build_tabs()
        self._reminded: int | None = None
        self.demo_window = None
        self._build_central()
        self._build_status_bar()
        ctx.plan_changed.connect(self._plan_changed)
        # What the window itself shows: the plan pickers, the domain tabs and their overdue badges, the
        # title (the commune), the deadline reminder. The pages subscribe to what they show.
        ctx.kinds_changed.connect(self._data_written)
        ctx.message.connect(lambda text: self.show_message(text, None))
        fit(self, 1366, 768)
        self.refresh_plans(select=self._start_plan())
        if self.ctx.plan_id is None:      # no plan yet: no plan change will come to show the first steps
            self.overview.reload()
        self._update_title()
        self._show_demo_banner()
        self.check_deadlines()

    # ------------------------------------------------------------------ building

    def _action(self, menu, text: str, slot, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        plan = bar.addMenu(tr("&Kế hoạch"))
        self.plan_actions.build_menu(plan)
        plan.addSeparator()
        self._action(plan, tr("Lưu ngay những gì đang soạn"), self.save_now, "Ctrl+S")
        self._action(plan, tr("Làm mới trang đang xem"), self.refresh_page, "F5")
        plan.addSeparator()
        self._action(plan, tr("Mở dữ liệu mẫu"), self.plan_actions.load_demo)
        plan.addSeparator()
        self._action(plan, tr("Thoát"), self.close, "Ctrl+Q")
        task = bar.addMenu(tr("&Nhiệm vụ"))
        self.add_task_action = self._action(task, tr("Thêm nhiệm vụ"), self.add_task, "Ctrl+N")
        self._action(task, tr("Sửa nhiệm vụ đang chọn"), lambda: self._on_view("edit_current", 0), "F2")
        self._action(task, tr("Cập nhật tiến độ"), lambda: self._on_view("edit_current", 1), "Ctrl+U")
        self._action(task, tr("Xóa nhiệm vụ đang chọn"), lambda: self._on_view("delete_current"),
                     "Del")
        task.addSeparator()
        self._action(task, tr("Tìm nhiệm vụ"), self.focus_search, "Ctrl+F")
        self._action(task, tr("Thùng rác…"), self.open_trash)
        evidence = bar.addMenu(tr("&Minh chứng"))
        self._action(evidence, tr("Đính kèm tệp cho nhiệm vụ đang chọn…"), self.attach_to_current, "Ctrl+D")
        self._action(evidence, tr("Kiểm tra minh chứng…"), self.verify_evidence)
        stats = bar.addMenu(tr("&Thống kê"))
        self._action(stats, tr("Biểu thống kê của kỳ báo cáo"), lambda: self.show_statistics(), "Ctrl+T")
        self._action(stats, tr("Lịch báo cáo…"), lambda: self.statistics_view().open_calendar())
        self._action(stats, tr("Danh mục chỉ tiêu…"), lambda: self.statistics_view().open_catalog())
        reports = bar.addMenu(tr("&Báo cáo"))
        self._action(reports, tr("Báo cáo kết quả CCHC theo kỳ"), lambda: self.show_reports("periodic"), "Ctrl+R")
        self._action(reports, tr("Danh mục nhiệm vụ và tình hình thực hiện"), lambda: self.show_reports("tasks"))
        self._action(reports, tr("Danh mục tài liệu kiểm chứng"), lambda: self.show_reports("evidence"))
        self._action(reports, tr("Thông báo nhiệm vụ quá hạn"), lambda: self.show_reports("overdue"))
        reports.addSeparator()
        self._action(reports, tr("In văn bản đang soạn…"), self.print_document, "Ctrl+P")
        self._action(reports, tr("Sổ văn bản đã ban hành…"),
                     lambda: self.page(REPORTS).open_register())
        self.data_actions.build_menu(bar.addMenu(tr("D&ữ liệu")))
        catalog = bar.addMenu(tr("&Danh mục"))
        self._action(catalog, tr("Cơ quan, đơn vị…"), self.open_units)
        self._action(catalog, tr("Thông tin xã…"), self.edit_profile)
        helper = bar.addMenu(tr("&Trợ giúp"))
        self._action(helper, tr("Thử nhập tệp kế hoạch mẫu (Word)…"), self.plan_actions.import_sample_plan)
        self._action(helper, tr("Giới thiệu…"), self.show_about, "F1")

    def _build_toolbar(self) -> None:
        bar = QToolBar(tr("Thanh công cụ"))
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        bar.addWidget(QLabel(tr(" Năm: ")))
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("yearCombo")
        self.year_combo.currentIndexChanged.connect(self._year_changed)
        bar.addWidget(self.year_combo)
        bar.addWidget(QLabel(tr("  Kế hoạch: ")))
        self.plan_combo = QComboBox()
        self.plan_combo.setObjectName("planCombo")
        self.plan_combo.setMinimumContentsLength(48)
        self.plan_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.plan_combo.currentIndexChanged.connect(self._plan_picked)
        bar.addWidget(self.plan_combo)
        bar.addSeparator()
        for text, slot in ((tr("Nhập kế hoạch"), self.plan_actions.import_plan_file),
                           (tr("Kế hoạch mới"), self.plan_actions.new_plan),
                           (tr("Thêm nhiệm vụ"), self.add_task),
                           (tr("Kiểm tra minh chứng"), self.verify_evidence)):
            action = QAction(text, self)
            action.triggered.connect(slot)
            bar.addAction(action)

    def _build_central(self) -> None:
        """A navigation strip on the left (Nhiệm vụ, Thống kê); the reminder banner over the pages."""
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(118)
        self.nav.setIconSize(QSize(28, 28))
        self.nav.setSpacing(2)
        style = self.style()
        for spec in PAGES:
            item = QListWidgetItem(style.standardIcon(spec.icon), tr(spec.label))
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            item.setSizeHint(QSize(110, 64))
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._page_changed)
        row.addWidget(self.nav)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        self.notice = Banner()     # read-only mode, start-up findings
        self.notice.setObjectName("dataBanner")
        column.addWidget(self.notice)
        self.demo_banner = Banner()   # this window shows the demo's own folder
        self.demo_banner.setObjectName("demoBanner")
        column.addWidget(self.demo_banner)
        self.reminder = Banner()
        self.reminder.setObjectName("deadlineBanner")
        self.reminder.action.connect(self._open_reminded_period)
        column.addWidget(self.reminder)
        self.stack = QStackedWidget()
        self.tasks_page = TasksPage(self)
        self.built: dict[str, QWidget] = {}     # pages built so far (each on its first visit)
        for _spec in PAGES:
            self.stack.addWidget(QWidget())
        column.addWidget(self.stack, 1)
        row.addLayout(column, 1)
        self.setCentralWidget(central)
        self.nav.setCurrentRow(0)

    def _page_changed(self, row: int) -> None:
        self.page(PAGES[max(0, row)].key)
        self.stack.setCurrentIndex(max(0, row))
        self._update_title()

    def page(self, key: str):
        """The page ``key`` of ``PAGES``, built the first time it is needed."""
        if key not in self.built:
            index = next(i for i, spec in enumerate(PAGES) if spec.key == key)
            placeholder = self.stack.widget(index)
            page = self.built[key] = PAGES[index].build(self)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.stack.insertWidget(index, page)
            if page is not self.tasks_page:
                page.reload()
        return self.built[key]

    def show_page(self, key: str):
        self.nav.setCurrentRow(next(i for i, spec in enumerate(PAGES) if spec.key == key))
        return self.page(key)

    @property
    def stats_view(self):
        return self.built.get(STATISTICS)

    @property
    def reports_view(self):
        return self.built.get(REPORTS)

    def statistics_view(self):
        return self.page(STATISTICS)

    def show_reports(self, kind: str = "periodic", period_id: int | None = None):
        view = self.show_page(REPORTS)
        view.show_document(kind, period_id)
        return view

    def show_statistics(self, period_id: int | None = None):
        view = self.show_page(STATISTICS)
        if period_id is not None:
            view.show_period(period_id)
        return view

    def check_deadlines(self) -> None:
        """Say so when a report is due within 7 days (or late and not closed)."""
        today = self.ctx.clock.today()
        due = self.ctx.session.periods.due_soon(today)
        if not due:
            self.reminder.hide()
            self._reminded = None
            return
        period = due[0]
        days = (period.due_on - today).days
        when = (tr("còn {n} ngày", n=days) if days > 0 else tr("hạn là hôm nay") if days == 0
                else tr("đã quá hạn {n} ngày", n=-days))
        self._reminded = period.id
        colour = "#fde2e1" if days < 0 else "#fff4ce"
        self.reminder.show_message(tr("Hạn gửi báo cáo CCHC {label}: {date} ({when}). Số liệu chốt đến ngày {end}.",
                                      label=period.label, date=format_date(period.due_on), when=when,
                                      end=format_date(period.end_on)), tr("Mở biểu thống kê"), colour)

    def _open_reminded_period(self) -> None:
        self.show_statistics(self._reminded)

    def _build_tabs(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setObjectName("domainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        self.overview = OverviewView(self.ctx)
        self.overview.open_domain.connect(self.show_domain)
        self.overview.open_task.connect(self.show_task)
        self.overview.open_status.connect(self.show_status)
        self.overview.open_indicator.connect(self.show_indicator)
        self.overview.new_plan.connect(self.plan_actions.new_plan)
        self.overview.load_demo.connect(self.plan_actions.load_demo)
        self.overview.import_file.connect(self.plan_actions.import_plan_file)
        self.tabs.addTab(self.overview, tr("Tổng quan"))
        self.tabs.currentChanged.connect(self._tab_changed)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.message_label = QLabel()
        self.message_label.setObjectName("statusMessage")
        status.addWidget(self.message_label, 1)
        self.undo_button = QPushButton(tr("Hoàn tác"))
        self.undo_button.setObjectName("undoButton")
        self.undo_button.hide()
        self.undo_button.clicked.connect(self._run_undo)
        status.addWidget(self.undo_button)
        self.officer_label = QLabel()
        status.addPermanentWidget(self.officer_label)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.setInterval(15000)
        self._message_timer.timeout.connect(lambda: self.show_message("", None))

    # ------------------------------------------------------------------ plans

    def _remembered_plan(self) -> int | None:
        value = self.ctx.session.profile.setting(LAST_PLAN_KEY)
        return int(value) if value.isdigit() else None

    def _start_plan(self) -> int | None:
        """The plan a start opens on: this year's plan in force (not a draft; the remembered one when it is one
        of them, else the one the statistics count), so what is overdue today shows; else the remembered plan."""
        session, remembered = self.ctx.session, self._remembered_plan()
        year = self.ctx.clock.today().year
        current = [p.id for p in session.plans.list(year) if not p.draft]
        if remembered in current:
            return remembered
        return session.plans.counted(year) or (current[0] if current else remembered)

    def refresh_plans(self, select: int | None = None) -> None:
        """Fill the year and plan pickers; keep or pick the current plan."""
        session = self.ctx.session
        wanted = select if select is not None else self.ctx.plan_id
        plans = session.plans.list()
        if wanted not in {p.id for p in plans}:
            wanted = plans[0].id if plans else None
        year = next((p.year for p in plans if p.id == wanted), None)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        self.year_combo.addItem(tr("Tất cả"), None)
        for y in session.plans.years():
            self.year_combo.addItem(str(y), y)
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(year)))
        self.year_combo.blockSignals(False)
        self._fill_plan_combo(wanted)

    def _fill_plan_combo(self, wanted: int | None) -> None:
        year = self.year_combo.currentData()
        plans = self.ctx.session.plans.list(year)
        self.plan_combo.blockSignals(True)
        self.plan_combo.clear()
        for plan in plans:
            number = f" ({plan.number})" if plan.number else ""
            year = tr("{y} (Dự thảo)", y=plan.year) if plan.draft else str(plan.year)   # seen even when cut short
            self.plan_combo.addItem(f"{year} — {plan.title}{number}", plan.id)
            tip = plan.title + ("\n" + tr("Dự thảo: chưa có số, ký hiệu và ngày ban hành; chưa được tính vào biểu thống "
                                          "kê.") if plan.draft else "")
            self.plan_combo.setItemData(self.plan_combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        index = self.plan_combo.findData(wanted)
        if index < 0 and plans:
            index = 0
        self.plan_combo.setCurrentIndex(index)
        self.plan_combo.blockSignals(False)
        self.ctx.set_plan(self.plan_combo.currentData() if plans else None)
        self._enable()

    def _year_changed(self) -> None:
        self._fill_plan_combo(self.ctx.plan_id)
        self._remember_plan(self.ctx.plan_id)

    def _plan_picked(self) -> None:
        self.ctx.set_plan(self.plan_combo.currentData())
        self._remember_plan(self.ctx.plan_id)

    def _remember_plan(self, plan_id: int | None) -> None:
        """Only a plan the officer picked is remembered (never a draft just because it was made)."""
        if plan_id is not None and plan_id != self._remembered_plan():
            self.ctx.jobs.run(tr("Ghi nhớ kế hoạch"),
                              lambda s, _r: s.profile.set_setting(LAST_PLAN_KEY, str(plan_id)))

    def _plan_changed(self, plan_id: int | None) -> None:
        self._rebuild_domain_tabs()
        self._mark_all_stale()
        self._reload_current()
        self._update_badges()
        self._enable()

    def _enable(self) -> None:
        has_plan = self.ctx.plan_id is not None
        for action in (*self.plan_actions.needs_plan, self.add_task_action):
            action.setEnabled(has_plan)

    def show_about(self):
        from ui.dialogs.about_dialog import AboutDialog
        dialog = AboutDialog(self.ctx, self)
        dialog.open()
        return dialog

    def show_loaded_demo(self, plan_id: int | None) -> None:
        """This window's folder holds the demo: show it, with the banner that says so."""
        self.ctx.announce()
        self.refresh_plans(select=plan_id)
        self._update_title()
        self._show_demo_banner()

    def _show_demo_banner(self) -> None:
        from cchc_desktop.services.demo import is_demo_folder
        if is_demo_folder(self.ctx.workspace.data_dir):
            self.demo_banner.show_message(
                tr("Đây là DỮ LIỆU MẪU để xem thử (kế hoạch của xã Vĩnh Lộc), không phải dữ liệu của xã. Thư mục: "
                   "{dir}. Thay đổi ở đây không ảnh hưởng đến dữ liệu của xã.", dir=self.ctx.workspace.data_dir),
                colour="#e3f2fd")

    # ------------------------------------------------------------------ tabs

    def _rebuild_domain_tabs(self) -> None:
        """One tab per domain of the plan (PAPI tabs only when the plan has PAPI tasks)."""
        domains = self.ctx.session.overview.domains(self.ctx.plan_id)
        wanted = [(d.framework, d.code) for d in domains]
        if wanted == list(self.pages):
            return
        current = self.tabs.currentWidget()
        for key in list(self.pages):
            if key not in wanted:
                page = self.pages.pop(key)
                self.tabs.removeTab(self.tabs.indexOf(page))
                page.deleteLater()
        for position, domain in enumerate(domains, start=1):
            key = (domain.framework, domain.code)
            if key not in self.pages:
                page = DomainPage(domain, self._make_view)
                self.pages[key] = page
                self.tabs.insertTab(position, page, tab_label(domain))
                self.tabs.setTabToolTip(position, domain.title)
        self.pages = {key: self.pages[key] for key in wanted}
        if self.tabs.indexOf(current) < 0:
            self.tabs.setCurrentIndex(OVERVIEW_TAB)

    def _make_view(self, domain: Domain):
        from ui.domain_view import DomainView
        return DomainView(self.ctx, domain, self.actions_)

    @property
    def views(self) -> dict:
        """The domain views built so far (a tab builds its view when first shown)."""
        return {key: page.view for key, page in self.pages.items() if page.view is not None}

    def view_for(self, framework: str, code: str):
        page = self.pages.get((framework, code))
        return page.ensure_view() if page is not None else None

    def _update_badges(self) -> None:
        counts = self.ctx.session.overview.overdue_counts(self.ctx.plan_id) if self.ctx.plan_id else {}
        badges: dict[int, QIcon] = {0: QIcon()}     # one per number shown: every count from 100 on reads "99+"
        for key, page in self.pages.items():
            index, overdue = self.tabs.indexOf(page), counts.get(key, 0)
            tip = page.domain.title
            if overdue:
                tip += "\n" + tr("{n} nhiệm vụ quá hạn", n=overdue)
            self.tabs.setTabToolTip(index, tip)
            shown = min(overdue, 100)
            if shown not in badges:
                badges[shown] = overdue_badge(shown)
            self.tabs.setTabIcon(index, badges[shown])
            self.tabs.tabBar().setTabTextColor(index, QColor("#b00020") if overdue else QColor())

    def _mark_all_stale(self) -> None:
        self._stale = {self.overview, *self.views.values()}

    def save_now(self) -> None:
        """Ctrl+S: what is typed on the statistics and reports pages is written at once (it is also
        written by itself a moment after typing stops); the task forms save with their own button."""
        for page in self.built.values():
            page.flush(now=True)
        unsaved = " ".join(text for text in (page.unsaved() for page in self.built.values()) if text)
        self.show_message(unsaved or tr("Đã lưu."), None)

    def refresh_page(self) -> None:
        """F5: the page in view read again from the data."""
        self.stack.currentWidget().reload()

    def print_document(self) -> None:
        """Ctrl+P: print the document the reports page shows (it opens on the period report)."""
        self.show_page(REPORTS).print_report()

    def _reload_current(self) -> None:
        widget = self.tabs.currentWidget()
        if isinstance(widget, DomainPage):
            if widget.view is None:
                widget.ensure_view()  # a new view loads itself
                return
            widget = widget.view
        if widget in self._stale:
            self._stale.discard(widget)
            widget.reload()

    def _tab_changed(self, _index: int) -> None:
        self._reload_current()
        self._update_title()

    def _data_written(self, kinds: frozenset) -> None:
        if "plan" in kinds:
            self.refresh_plans()
        if kinds & {"plan", "task"}:
            self._rebuild_domain_tabs()     # a PAPI task added or removed brings or takes its tabs
        if kinds & {"plan", "task", "unit"}:
            self._update_badges()
        if "profile" in kinds:
            self._update_title()
        if kinds & {"period", "stat", "catalog"}:
            self.check_deadlines()

    def current_view(self):
        widget = self.tabs.currentWidget()
        return widget.view if isinstance(widget, DomainPage) else None

    def show_domain(self, framework: str, code: str):
        page = self.pages.get((framework, code))
        if page is None:
            return None
        self.tabs.setCurrentWidget(page)
        return page.ensure_view()

    def show_task(self, framework: str, code: str, task_id: int) -> None:
        view = self.show_domain(framework, code)
        if view is not None:
            view.reveal_task(task_id)

    def show_status(self, framework: str, code: str, status: str):
        """A domain's tasks of one status ("" for all of them): a bar of the overview's chart clicked."""
        view = self.show_domain(framework, code)
        if view is not None:
            view.show_only(status)
        return view

    def show_indicator(self, period_id: int, code: str):
        """A period's statistics form with one indicator selected (once the form is shown)."""
        view = self.show_statistics(period_id)

        def select() -> bool:
            if view.form is None or view.form.period.id != period_id:
                return False
            view.select(code)
            return True

        def when_shown() -> None:
            if view.period_id != period_id or select():     # shown, or the officer went elsewhere meanwhile
                view.form_changed.disconnect(when_shown)

        if not select():
            view.form_changed.connect(when_shown)
        return view

    def _select_saved_task(self, task_id: int) -> None:
        row = self.ctx.session.tasks.row(task_id)
        page = self.pages.get((row.framework, row.domain_code))
        if page is None:
            return
        if page is not self.tabs.currentWidget():
            self.tabs.setCurrentWidget(page)
        if not page.ensure_view().select_task(task_id):
            self.show_task(row.framework, row.domain_code, task_id)

    def _on_view(self, method: str, *args) -> None:
        view = self.current_view()
        if view is not None:
            getattr(view, method)(*args)

    # ------------------------------------------------------------------ commands

    def add_task(self) -> None:
        view = self.current_view()
        domain = view.domain if view else self.ctx.session.overview.domains(self.ctx.plan_id)[0]
        self.actions_.add_task(domain, None)

    def focus_search(self) -> None:
        """Ctrl+F: the search box of the domain in view, or of the first domain from any other page."""
        view = self.current_view()
        if view is None and self.pages:
            self.show_page(TASKS)
            view = self.show_domain(*next(iter(self.pages)))
        if view is not None:
            view.focus_search()

    def attach_to_current(self) -> None:
        view = self.current_view()
        if view is not None:
            view.choose_evidence_files()

    def verify_evidence(self):
        from ui.dialogs.verify_dialog import VerifyDialog
        dialog = VerifyDialog(self.ctx, self)
        dialog.open()
        dialog.start()
        return dialog

    def open_units(self):
        from ui.dialogs.units_dialog import UnitsDialog
        dialog = UnitsDialog(self.ctx, self)
        dialog.open()
        return dialog

    def open_trash(self):
        from ui.dialogs.trash_dialog import TrashDialog
        dialog = TrashDialog(self.ctx, self)
        dialog.open()
        return dialog

    def edit_profile(self):
        from ui.dialogs.profile_dialog import ProfileDialog
        dialog = ProfileDialog(self.ctx, self)
        dialog.open()
        return dialog

    def first_run(self):
        """On a new data folder, welcome the officer and offer the profile or the demo."""
        session = self.ctx.session
        if session.profile.get().configured or session.plans.list():
            return None
        from ui.dialogs.welcome_dialog import WelcomeDialog
        dialog = WelcomeDialog(self)
        dialog.accepted.connect(lambda: self._welcome_choice(dialog.choice))
        dialog.open()
        return dialog

    def _welcome_choice(self, choice: int) -> None:
        from ui.dialogs.welcome_dialog import DEMO, PROFILE
        if choice == PROFILE:
            dialog = self.edit_profile()
            dialog.accepted.connect(lambda: None if self.ctx.session.plans.list() else self.plan_actions.new_plan())
        elif choice == DEMO:
            self.plan_actions.load_demo()

    # ------------------------------------------------------------------ status bar

    def show_message(self, text: str, undo) -> None:
        self.message_label.setText(text)
        self._undo = undo
        self.undo_button.setVisible(undo is not None)
        if text:
            self._message_timer.start()

    def _run_undo(self) -> None:
        undo, self._undo = self._undo, None
        self.undo_button.hide()
        if undo:
            undo()

    def _page_title(self) -> str:
        return self.stack.currentWidget().page_title()

    def _update_title(self) -> None:
        """"<page> — <commune> — CCHC Desktop": the taskbar tells which window is which."""
        if not hasattr(self, "officer_label"):
            return      # tabs are being built: the title comes once the window is whole
        profile = self.ctx.session.profile.get()
        parts = [self._page_title(), tr("xã {name}", name=profile.commune) if profile.commune else "", APP_NAME]
        self.setWindowTitle(" — ".join(part for part in parts if part))
        self.officer_label.setText(tr("Cán bộ: {name}", name=profile.officer) if profile.officer else "")

    def after_start(self, report=None) -> None:
        """Once the window shows: the read-only banner, start-up findings, the day's snapshot."""
        self.data_actions.after_start(report)

    def show_as_last_time(self) -> None:
        """Shown maximised on the first start, then as last closed, clamped to this screen."""
        self._saved_geometry = self.ctx.session.profile.setting(GEOMETRY_KEY)
        restore_main_window(self, self._saved_geometry)

    def closeEvent(self, event) -> None:  # noqa: N802
        for page in self.built.values():
            page.flush(now=True)   # the last edits are written before the data closes
        geometry = geometry_text(self)
        if not self.ctx.workspace.read_only and geometry != self._saved_geometry:
            # written only when it changed: a close is not a write (one synced transaction) for nothing
            self._saved_geometry = geometry
            self.ctx.jobs.run(tr("Ghi nhớ cỡ cửa sổ"), lambda s, _r: s.profile.set_setting(GEOMETRY_KEY, geometry))
        self.ctx.jobs.wait()
        self.data_actions.before_close()       # the exit snapshot
        self.ctx.close()
        super().closeEvent(event)
