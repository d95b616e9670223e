"""The overview with its three charts at 3 000 tasks (issue 17): repainting it (target < 100 ms), redrawing
it at a new size (laid out again, SVG rewritten, drawn), and counting the charts again after a change (a
background job; target < 1 s).

Baselines, measured in the same run on the same plan: the same page showing the table instead of the
charts (what the overview was before), and counting that table (``OverviewService.build``).
"""
from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from bench.common import Result, paired_median

TASKS = 3000


def _data(folder: Path) -> int:
    from bench.bench_report_scale import _plan
    from cchc_desktop.workspace import Clock, Workspace
    workspace = Workspace(folder)
    workspace.prepare()
    with workspace.session(Clock(date(2026, 11, 25))) as session:
        plan = _plan(session, TASKS)
        session.periods.ensure_year(2026)
        values = {"III.4.1": "1.250", "III.4.2": "1.200", "III.4.3": "1.190", "III.5.1": "12", "III.5.2": "11",
                  "VII.2.1": "900", "VII.2.2": "880", "VII.3.1.1": "400", "VII.3.1.2": "310"}
        for period in session.periods.list(2026)[:3]:
            session.statistics.set_many(period, values)
        session.profile.set_setting("ui.last_plan", str(plan))
    return plan


def run(repeat: int = 9) -> list[Result]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication
    from cchc_desktop.workspace import Clock, Workspace
    from ui.app import make_application
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from ui.overview_view import CHARTS, TABLE

    make_application()
    folder = Path(tempfile.mkdtemp(prefix="cchc-bench-")) / "dữ liệu"
    plan = _data(folder)
    workspace = Workspace(folder)
    ctx = AppContext(workspace, Clock(date(2026, 11, 25)))
    window = MainWindow(ctx)
    window.resize(1366, 768)
    window.show()
    ctx.set_plan(plan)
    overview = window.overview

    def settle() -> None:
        while ctx.jobs.busy or not overview.chart_views or overview.chart_views[0].chart is None:
            loop = QEventLoop()
            QTimer.singleShot(50, loop.quit)
            loop.exec()

    overview.load_charts()
    settle()
    page = overview.page

    # A repaint of the whole page, every child painted (on the offscreen platform a parent's repaint() does
    # not reach its children; grab() paints them all, as the screen's repaint would).
    painted = []

    def charts_repaint():
        painted[:] = [page.grab()]

    def table_only():
        painted[:] = [page.grab()]

    # the charts page repainted as it stands (the usual repaint: scrolling a list, a tooltip, another window)
    repaint, _ = paired_median(charts_repaint, lambda: None, repeat)
    overview.set_mode(TABLE, remember=False)
    table, _ = paired_median(table_only, lambda: None, repeat)
    overview.set_mode(CHARTS, remember=False)
    widths = iter([1366, 1300] * (repeat + 2))

    sizes = set()

    def resized():
        window.resize(next(widths), 768)
        QApplication.sendPostedEvents()         # the layouts hand the new widths down, as the event loop would
        sizes.add(overview.chart_views[0].width())
        painted[:] = [page.grab()]

    def resized_table():
        window.resize(next(widths), 768)
        QApplication.sendPostedEvents()
        painted[:] = [page.grab()]

    relaid, _ = paired_median(resized, lambda: None, repeat)
    assert len(sizes) == 2, sizes              # the charts were laid out again at each size
    overview.set_mode(TABLE, remember=False)
    relaid_table, _ = paired_median(resized_table, lambda: None, repeat)
    overview.set_mode(CHARTS, remember=False)

    with workspace.session(Clock(date(2026, 11, 25))) as session:
        count, count_base = paired_median(lambda: session.overview.charts(plan),
                                          lambda: session.overview.build(plan), 5)
    window.close()
    ctx.close()
    n = f"{TASKS:,}".replace(",", ".")
    return [
        Result(f"Vẽ lại trang Tổng quan có 3 biểu đồ, {n} nhiệm vụ", repaint,
               "trang Tổng quan dạng bảng", table, "< 100 ms", repaint < 0.100),
        Result("Vẽ lại khi đổi cỡ cửa sổ (dàn lại biểu đồ)", relaid, "trang dạng bảng đổi cỡ", relaid_table,
               "< 100 ms", relaid < 0.100),
        Result(f"Đếm lại số liệu 3 biểu đồ ({n} nhiệm vụ, 4 kỳ)", count, "đếm bảng tổng quan", count_base,
               "< 1 s", count < 1.0),
    ]


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for r in run():
        print(r)
