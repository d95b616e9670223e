"""The window's part of ``--self-test``: Qt starts with its plugins, the main window builds and paints
on the test data, a chart of the overview paints (QtSvg), the program's icon loads (SVG support is bundled)."""
from __future__ import annotations

import os
import sys

from cchc_desktop.i18n import tr


def _gui(ctx) -> str:
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # a server without a screen still tests Qt
    from PySide6.QtCore import qVersion
    from PySide6.QtGui import QGuiApplication

    from cchc_desktop.selftest import TODAY
    from cchc_desktop.workspace import Clock
    from ui.app import make_application
    from ui.context import AppContext
    from ui.icons import app_icon
    from ui.main_window import MainWindow
    make_application()
    context = AppContext(ctx.workspace, Clock(TODAY))
    window = MainWindow(context)
    window.resize(1366, 768)
    window.show()
    picture = window.grab()
    assert not picture.isNull() and picture.width() > 0, "the window did not paint"
    from ui.charts_view import ChartView      # the overview's charts: SVG drawn by QtSvg
    chart = ChartView("selfTestChart")
    chart.resize(420, 320)
    chart.set_chart(context.session.overview.charts(ctx.plan_id)[0])
    assert not chart.grab().isNull() and "<svg" in chart.svg, "the chart did not paint"
    chart.deleteLater()
    assert not app_icon().isNull(), "the program icon did not load"
    window.close()
    return tr("Qt {v}, màn hình “{p}”, cửa sổ {w}×{h}", v=qVersion(), p=QGuiApplication.platformName(),
              w=picture.width(), h=picture.height())


GUI_STEP = (tr("Giao diện (Qt)"), _gui)
