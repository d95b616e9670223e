"""The overview's charts on screen (issue 17, items 4–7): drawn after the window shows, from the same
description as on paper; a click on a bar opens the tasks it counts; the report editor's tick box."""
from __future__ import annotations

import subprocess
import sys
from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.gui.test_startup_cost import ROOT


def charts_shown(qtbot, window, wait_jobs):
    overview = window.overview
    qtbot.waitUntil(lambda: len(overview.chart_views) == 3 and overview.chart_views[0].chart is not None,
                    timeout=10000)
    wait_jobs()
    QApplication.sendPostedEvents()      # the row of charts laid out: the views have their final sizes
    qtbot.waitUntil(lambda: len({v.size().toTuple() for v in overview.chart_views}) == 1
                    and overview.chart_views[0].width() < window.width() / 2)
    return overview


def click_hit(qtbot, view, match) -> tuple:
    """Click the first region of ``view`` whose target satisfies ``match``; returns that target."""
    view.ensure_laid_out()
    hit = next(h for h in view.scene.hits if h.target and match(h.target))
    point = QPoint(int(hit.x + hit.w / 2), int(hit.y + hit.h / 2))
    QTest.mouseMove(view, point)
    QTest.mouseClick(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    return hit.target


def test_qtsvg_is_not_loaded_to_open_the_window():
    code = ("import sys, ui.app, ui.main_window, ui.overview_view; "
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6.QtSvg', 'ui.charts_view', "
            "'cchc_desktop.charts'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_overview_shows_three_charts_drawn_from_the_data(demo_window, qtbot, wait_jobs):
    overview = charts_shown(qtbot, demo_window, wait_jobs)
    assert overview.charts_box.isVisible() and not overview.summary.isVisible()
    titles = [view.chart.title for view in overview.chart_views]
    assert titles == ["Tiến độ thực hiện nhiệm vụ theo lĩnh vực", "Nhiệm vụ quá hạn theo đơn vị chủ trì",
                      "Một số chỉ tiêu chủ yếu qua các kỳ báo cáo năm 2026"]
    for view in overview.chart_views:
        assert view.width() > 250 and view.height() > 200
        image = view.grab().toImage()
        assert not image.isNull()
        view.ensure_laid_out()
        assert view.chart.title in view.svg and view.scene.width == view.width()
        assert view.accessibleDescription().startswith(view.chart.title)
    # what the summary table counts, the completion chart shows
    summary = demo_window.ctx.session.overview.build(demo_window.ctx.plan_id)
    total = sum(bar.total for bar in overview.chart_views[0].chart.bars)
    assert total == summary.totals.total


def test_a_click_on_a_status_opens_the_domains_tasks_of_that_status(demo_window, qtbot, wait_jobs):
    overview = charts_shown(qtbot, demo_window, wait_jobs)
    chart = overview.chart_views[0].chart
    bar = next(b for b in chart.bars if b.label.startswith("III."))
    counted = next(s for s in bar.segments if s.target[3] == "in_progress")
    target = click_hit(qtbot, overview.chart_views[0], lambda t: t == counted.target)
    assert target == ("domain", "PAR", "III", "in_progress")
    view = demo_window.current_view()
    assert view is not None and view.domain.code == "III"
    assert view.ui.status_filter.currentData() == "in_progress"
    shown = view.model.matching_ids("", None, "in_progress")
    assert len(shown) == counted.value
    assert view.ui.count_label.text() == f"Tìm thấy {int(counted.value)} trên {len(view.rows)} nhiệm vụ"
    # the domain's name opens the domain whole
    demo_window.tabs.setCurrentIndex(0)
    click_hit(qtbot, overview.chart_views[0], lambda t: t == ("domain", "PAR", "II", ""))
    view = demo_window.current_view()
    assert view.domain.code == "II" and view.ui.status_filter.currentIndex() == 0


def test_a_click_on_a_unit_lists_its_overdue_tasks(demo_window, ctx, qtbot, wait_jobs):
    from cchc_desktop.model import TaskInput
    units = ctx.session.units.list()

    def add(session):
        for unit in units[:3]:
            session.tasks.add(TaskInput(ctx.plan_id, "PAR", "II", f"Việc trễ của {unit.name}",
                                        deadline_text="Quý I/2026", lead_ids=[unit.id]))
    ctx.jobs.run("thử", lambda s, _r: add(s))
    wait_jobs()
    overview = demo_window.overview
    qtbot.waitUntil(lambda: bool(overview.chart_views) and len(overview.chart_views[1].chart.bars) >= 3,
                    timeout=10000)
    wait_jobs()
    everything = overview.overdue.rowCount()
    unit = units[1]
    target = click_hit(qtbot, overview.chart_views[1], lambda t: t == ("overdue", (unit.id,)))
    bar = next(b for b in overview.chart_views[1].chart.bars if b.target == target)
    assert overview.overdue.rowCount() == bar.total < everything
    for row in range(overview.overdue.rowCount()):
        assert overview.overdue.item(row, 3).text() == (unit.abbreviation or unit.name)
    assert "chủ trì:" in overview.overdue_label.text() and overview.show_all_overdue.isVisible()
    overview.show_all_overdue.linkActivated.emit("#")
    assert overview.overdue.rowCount() == everything and not overview.show_all_overdue.isVisible()


def test_a_click_on_an_indicator_opens_its_periods_form(demo_window, ctx, qtbot, wait_jobs):
    overview = charts_shown(qtbot, demo_window, wait_jobs)
    h1 = ctx.session.periods.by_key("2026-H1")
    click_hit(qtbot, overview.chart_views[2], lambda t: t == ("indicator", h1.id, "III.4.4"))
    stats = demo_window.stats_view
    qtbot.waitUntil(lambda: stats.form is not None and stats.form.period.id == h1.id, timeout=10000)
    wait_jobs()
    tree = stats.ui.tabs.currentWidget()
    assert tree is stats.trees["III"]
    wanted = stats.models["III"].index_of("III.4.4")
    assert (tree.currentIndex().row(), tree.currentIndex().parent()) == (wanted.row(), wanted.parent())


def test_charts_follow_the_data_and_the_choice_of_table_is_remembered(demo_window, ctx, qtbot, wait_jobs):
    overview = charts_shown(qtbot, demo_window, wait_jobs)
    before = overview.chart_views[0].chart
    task = ctx.session.tasks.rows(ctx.plan_id, "PAR", "VII")[0]
    ctx.jobs.run("thử", lambda s, _r: s.tasks.update_progress(task.id, status="done", progress=100,
                                                             completed_on=date(2026, 11, 20)))
    wait_jobs()
    qtbot.waitUntil(lambda: overview.chart_views[0].chart is not before, timeout=10000)
    done = lambda chart: sum(s.value for b in chart.bars for s in b.segments if s.target[3] == "done")  # noqa: E731
    assert done(overview.chart_views[0].chart) == done(before) + 1
    qtbot.mouseClick(overview.table_button, Qt.MouseButton.LeftButton)
    assert overview.summary.isVisible() and not overview.charts_box.isVisible()
    wait_jobs()
    assert ctx.session.profile.setting("ui.overview_view") == "table"
    qtbot.mouseClick(overview.charts_button, Qt.MouseButton.LeftButton)
    assert overview.charts_box.isVisible()
    wait_jobs()
    assert ctx.session.profile.setting("ui.overview_view") == "charts"


def test_the_overview_page_opens_as_a_one_page_preview(demo_window, qtbot, wait_jobs):
    from tests.gui.conftest import visible_dialog
    from ui.dialogs.report_preview import PreviewDialog
    overview = charts_shown(qtbot, demo_window, wait_jobs)
    qtbot.mouseClick(overview.print_button, Qt.MouseButton.LeftButton)
    wait_jobs()
    dialog = visible_dialog(PreviewDialog)
    assert len(dialog.sizes) == 1
    assert dialog.file_name == "tong-quan-CCHC-2026-den-25-11-2026.pdf"
    wait_jobs()
    dialog.close()


def test_the_report_editor_remembers_the_chart_appendix(demo_window, ctx, qtbot, wait_jobs):
    view = demo_window.show_reports("periodic", ctx.session.periods.by_key("2026-Q1").id)
    wait_jobs()
    box = view.ui.meta.with_charts
    assert box.isVisibleTo(view) and not box.isChecked()
    box.setChecked(True)
    view.flush()
    wait_jobs()
    period = ctx.session.periods.by_key("2026-Q1").id
    assert ctx.session.reports.draft(ctx.plan_id, "periodic", period).with_charts is True
    view.show_document("tasks")
    wait_jobs()
    assert not box.isVisibleTo(view)
    view.show_document("periodic", period)
    wait_jobs()
    assert box.isVisibleTo(view) and box.isChecked()
