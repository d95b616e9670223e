"""Issue 14.1: the program fits the office PC's screen — 1366×768 less the taskbar, at 100 % and at 125 %
display scaling — and the main window opens maximised first, then as it was left, clamped to the screen."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QRect

from tests.conftest import ROOT
from ui.geometry import MAIN_MINIMUM, clamp_onto_screen, geometry_text, restore_main_window

# Logical sizes of a 1366×768 screen with a 40-pixel taskbar: at 125 % a logical pixel is 1.25 real ones.
SCREENS = {"100 %": (1366, 728, 1.0), "125 %": (1093, 582, 1.25)}


@pytest.mark.slow
@pytest.mark.parametrize("scale", SCREENS)
def test_every_window_fits_the_office_screen(scale, tmp_path):
    width, height, ratio = SCREENS[scale]
    config = tmp_path / "man-hinh.json"
    config.write_text(json.dumps({"windowFrameMargins": True, "screens": [
        {"name": "may-xa", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96,
         "logicalBaseDpi": 96, "dpr": ratio}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "CCHC_BUNDLED_FONT": "1"}
    env.pop("CCHC_TODAY", None)
    done = subprocess.run([sys.executable, "-m", "tests.support.screen_fit_probe", str(tmp_path)], cwd=ROOT,
                          env=env, capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["misfits"] == {}


def test_first_start_is_maximised_then_the_window_comes_back_as_left(window, ctx, qtbot):
    window.showNormal()
    restore_main_window(window, "")
    assert window.isMaximized()
    window.showNormal()
    area = window.screen().availableGeometry()
    left = (area.width() - 10, area.height() - 50)
    window.setGeometry(QRect(20, 30, *left))
    saved = geometry_text(window)
    window.setGeometry(QRect(0, 0, area.width() // 2, area.height() // 2))
    restore_main_window(window, saved)
    assert not window.isMaximized() and window.geometry().size().toTuple() == left
    assert window.minimumSize().width() <= MAIN_MINIMUM.width()


def test_the_window_size_is_written_on_closing_only_when_it_changed(app, workspace, qtbot):
    from cchc_desktop.workspace import Clock
    from tests.conftest import TODAY
    from ui.context import AppContext
    from ui.main_window import GEOMETRY_KEY, MainWindow
    written = []
    # a first start (maximised), two more (the window manager may place it once more: the second can differ),
    # then one made smaller
    for size in (None, None, None, (1200, 650)):
        ctx = AppContext(workspace, Clock(TODAY))
        window = MainWindow(ctx)
        window.show_as_last_time()
        if size:
            window.showNormal()
            window.resize(*size)
        qtbot.waitExposed(window)
        qtbot.wait(20)
        labels = []
        run = ctx.jobs.run
        ctx.jobs.run = lambda label, *a, **k: labels.append(label) or run(label, *a, **k)
        window.close()
        written.append(labels.count("Ghi nhớ cỡ cửa sổ"))
        with workspace.session(Clock(TODAY)) as session:
            assert session.profile.setting(GEOMETRY_KEY) == geometry_text(window)
        window.deleteLater()
    assert (written[0], written[2], written[3]) == (1, 0, 1)


def test_a_window_left_off_screen_is_brought_back(window, qtbot):
    window.showNormal()
    area = window.screen().availableGeometry()
    window.setGeometry(QRect(area.right() - 100, area.bottom() - 50, area.width() // 2, area.height() // 2))
    clamp_onto_screen(window)
    assert area.contains(window.frameGeometry())
    restore_main_window(window, "không phải hình học")        # unreadable: maximised, never an error
    assert window.isMaximized()


def test_domain_tabs_are_short_and_the_title_names_the_page(demo_window, ctx, wait_jobs):
    tabs = demo_window.tabs
    labels = [tabs.tabText(i) for i in range(tabs.count())]
    assert labels == ["Tổng quan", "I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    assert tabs.tabToolTip(3).startswith("III. Cải cách thủ tục hành chính")
    assert demo_window.windowTitle() == "Tổng quan — xã Vĩnh Lộc — CCHC Desktop"
    demo_window.show_domain("PAR", "III")
    assert demo_window.windowTitle() == "III. Cải cách thủ tục hành chính — xã Vĩnh Lộc — CCHC Desktop"
    demo_window.show_statistics()
    wait_jobs()
    assert demo_window.windowTitle() == "Biểu thống kê — xã Vĩnh Lộc — CCHC Desktop"


def test_shared_columns_keep_the_task_column_readable(qtbot):
    """A lead unit's long name once squeezed the overdue list's task column to about 20 px."""
    from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

    from ui.widgets import ColumnSharer
    table = QTableWidget(1, 6)
    qtbot.addWidget(table)
    table.setHorizontalHeaderLabels(["Lĩnh vực", "STT", "Nhiệm vụ", "Chủ trì", "Hạn", "Trạng thái"])
    texts = ["VII", "40", "Tập huấn về chuyển đổi số, ứng dụng CNTT", "Phòng Văn hóa - Xã hội, Văn phòng HĐND "
             "và UBND xã, Ban Chỉ huy Quân sự, Công an xã", "31/10/2026", "Chưa triển khai — quá hạn 25 ngày"]
    for column, text in enumerate(texts):
        table.setItem(0, column, QTableWidgetItem(text))
    table.resize(600, 300)
    table.show()
    sharer = ColumnSharer(table, stretch=2, minimum=200, keep=(0, 1, 4))
    sharer.apply()
    assert table.columnWidth(2) >= 200
    assert table.columnWidth(4) >= table.fontMetrics().horizontalAdvance("31/10/2026")     # a date is never cut
    assert sum(table.columnWidth(c) for c in range(6)) <= table.viewport().width() + 1
    table.resize(900, 300)
    qtbot.waitUntil(lambda: table.columnWidth(2) > 200)


def test_a_table_filled_while_hidden_is_shared_when_it_shows(qtbot):
    """Issue 14.7: a list filled before the window shows is measured once, at its real width."""
    from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

    from ui.widgets import ColumnSharer
    table = QTableWidget(1, 3)
    qtbot.addWidget(table)
    sharer = ColumnSharer(table, stretch=1, minimum=200)
    applied = []
    sharer.applied.connect(lambda: applied.append(table.viewport().width()))
    for column, text in enumerate(["VII", "Tập huấn về chuyển đổi số, ứng dụng công nghệ thông tin", "31/10/2026"]):
        table.setItem(0, column, QTableWidgetItem(text))
    sharer.refresh()
    assert applied == []                    # hidden: not measured at a width it will not have
    table.resize(700, 200)
    table.show()
    qtbot.waitUntil(lambda: len(applied) == 1)
    assert applied == [table.viewport().width()] and table.columnWidth(1) >= 200
    table.hide()
    sharer.refresh()                        # hidden again, same size: shared when shown again
    table.show()
    qtbot.waitUntil(lambda: len(applied) == 2)
    sharer.refresh()                        # on screen: at once
    assert len(applied) == 3


def test_readme_shortcut_table_matches_the_menus(window):
    """Issue 14.6: the README's table of shortcuts is the menus' own, key for key."""
    import re
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Phím tắt", 1)[1].split("###", 1)[0]
    rows = re.findall(r"^\| ([^|]+?) \| ([^|]+?) \|$", section, re.M)
    documented = {key: what for key, what in rows if key != "Phím"}
    actions = {a.shortcut().toString(): a.text().rstrip("…").replace("&", "")
               for menu in window.menuBar().actions() for a in menu.menu().actions() if a.shortcut().toString()}
    assert set(documented) == set(actions)
    for key, label in actions.items():
        assert documented[key].startswith(label.split(" (")[0]), (key, label, documented[key])
    for key in ("Ctrl+O", "Ctrl+S", "Ctrl+P", "Ctrl+F", "F5"):
        assert key in actions


def test_save_and_refresh_shortcuts_do_their_work(demo_window, ctx, wait_jobs):
    view = demo_window.show_statistics()
    wait_jobs()
    demo_window.save_now()
    assert demo_window.message_label.text() == "Đã lưu."
    demo_window.refresh_page()
    wait_jobs()
    demo_window.show_domain("PAR", "III")
    demo_window.nav.setCurrentRow(0)
    demo_window.refresh_page()
    wait_jobs()
    assert view is demo_window.stats_view


def test_long_names_wrap_instead_of_being_cut(demo_window, ctx, wait_jobs, qtbot):
    """Issue 14.3: task names in the domain tree and indicator names in the statistics form wrap."""
    from ui.models.stats_model import COL_NAME as STATS_NAME
    from ui.models.task_tree import COL_NAME
    view = demo_window.show_domain("PAR", "III")
    wait_jobs()
    tree, model = view.ui.tree, view.ui.tree.model()
    heights = []
    for row in range(model.rowCount()):
        index = model.index(row, COL_NAME)
        heights.append((len(index.data()), tree.visualRect(index).height()))
    short, long_ = min(heights), max(heights)
    assert long_[1] > short[1] * 1.5            # a long name takes more lines, a short one just one
    stats = demo_window.show_statistics()
    wait_jobs()
    stats_tree = next(iter(stats.trees.values()))
    delegate = stats_tree.itemDelegateForColumn(STATS_NAME)
    assert type(delegate).__name__ == "WrappingDelegate"
    labels = [stats.ui.tabs.tabText(i) for i in range(stats.ui.tabs.count())]
    assert all(len(label) <= 4 for label in labels) and stats.ui.tabs.tabToolTip(0)


def test_an_empty_folder_shows_the_first_steps_not_empty_tables(window):
    """Seen on a clean checkout: with no plan yet, the overview showed empty tables with cut headers
    instead of its first steps (import a plan, create one, open the demo)."""
    overview = window.overview
    assert window.ctx.plan_id is None
    assert overview.empty_page is not None and overview.stack.currentWidget() is overview.empty_page
