"""What start-up must not pay for (issue "Fits the office PC", item 7). Speed itself is measured in bench/."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import ui
import ui.main_window

ROOT = Path(__file__).resolve().parents[2]


def test_pyside_does_not_read_our_sources_for_features():
    feature = sys.modules["shibokensupport.feature"]
    # A PySide upgrade that renames the hook would bring the scan back: this says so.
    assert feature._mod_uses_pyside(ui.main_window) is False


def test_opening_the_window_imports_no_document_or_import_machinery():
    code = ("import sys, ui.app, ui.main_window, ui.startup, ui.context; "
            "heavy = ('openpyxl', 'docx', 'reportlab', 'pdfplumber', 'pypdf', 'lxml', 'PIL', "
            "'PySide6.QtNetwork', 'PySide6.QtPrintSupport', 'cchc_desktop.importers', "
            "'cchc_desktop.reports', 'cchc_desktop.exporters', 'cchc_desktop.cli', 'ui.dialogs'); "
            "print(sorted(m for m in sys.modules if m.startswith(heavy)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", result.stdout


def test_overview_lists_show_the_first_hundred_and_say_where_the_rest_are(demo_window, ctx, wait_jobs):
    from cchc_desktop.model import TaskInput
    from ui.overview_view import LIST_LIMIT

    def add_late(session):
        lead = session.units.list()[0].id
        for number in range(LIST_LIMIT + 20):
            session.tasks.add(TaskInput(ctx.plan_id, "PAR", "II", f"Nhiệm vụ trễ số {number}",
                                        deadline_text="Trước ngày 15/02/2026", lead_ids=[lead]))

    ctx.jobs.run("thử", lambda s, _r: add_late(s))
    wait_jobs()
    overview = demo_window.overview
    total = len(ctx.session.overview.build(ctx.plan_id).overdue)
    assert total > LIST_LIMIT
    assert overview.overdue.rowCount() == LIST_LIMIT
    assert f"({total})" in overview.overdue_label.text()          # the heading counts them all
    assert overview.overdue.more.isVisibleTo(overview)
    assert f"{LIST_LIMIT} nhiệm vụ quá hạn lâu nhất trong số {total}" in overview.overdue.more.text()
    assert "Thông báo nhiệm vụ quá hạn" in overview.overdue.more.text()
    assert not overview.soon.more.isVisibleTo(overview)


def test_a_long_lead_unit_name_keeps_overview_rows_short(demo_window, ctx, wait_jobs):
    from cchc_desktop.model import TaskInput
    long_name = ("Ban chỉ đạo thực hiện Đề án phát triển ứng dụng dữ liệu dân cư, định danh và xác thực điện tử "
                 "phục vụ chuyển đổi số quốc gia xã")

    def add(session):
        unit = session.units.add(long_name)
        session.tasks.add(TaskInput(ctx.plan_id, "PAR", "II", "Rà soát văn bản", deadline_text="Quý I/2026",
                                    lead_ids=[unit]))

    ctx.jobs.run("thử", lambda s, _r: add(s))
    wait_jobs()
    table = demo_window.overview.overdue
    row = next(r for r in range(table.rowCount()) if table.item(r, 2).text() == "Rà soát văn bản")
    assert table.item(row, 3).text().endswith("…") and table.item(row, 3).toolTip() == long_name
    assert table.rowHeight(row) < 4 * table.fontMetrics().height()


def test_the_table_of_counts_is_counted_when_it_is_shown(demo_window, ctx, wait_jobs, qtbot):
    from cchc_desktop.model import DONE
    from ui.overview_view import CHARTS, TABLE
    overview = demo_window.overview
    assert overview.mode == CHARTS and overview.summary.rowCount() == 0      # the charts show: not counted
    task = next(r for r in ctx.session.tasks.rows(ctx.plan_id) if r.status != DONE)
    ctx.jobs.run("thử", lambda s, _r: s.tasks.update_progress(task.id, status=DONE, progress=100,
                                                             completed_on=ctx.clock.today()))
    wait_jobs()
    overview.set_mode(TABLE, remember=False)
    totals = ctx.session.overview.build(ctx.plan_id).totals
    last = overview.summary.rowCount() - 1
    assert overview.summary.item(last, 0).text() == "Tổng cộng"
    assert [overview.summary.item(last, c).text() for c in (1, 4, 6)] == [str(totals.total), str(totals.counts[DONE]),
                                                                        str(totals.overdue)]
    overview.set_mode(CHARTS, remember=False)


def test_a_second_start_knocks_at_the_name_every_version_listens_on():
    """The listening name is the folder's SHA-1, whichever module computes it (start-up avoids hashlib)."""
    import hashlib

    from ui.single_instance import server_name
    folder = ROOT / "dữ liệu xã"
    digest = hashlib.sha1(str(folder.resolve()).encode("utf-8")).hexdigest()[:16]
    assert server_name(folder) == f"cchc-desktop-{digest}"


def test_a_start_loads_only_what_the_first_screen_needs(session, data_dir):
    """The window itself, opened on the demo until it is usable: no statistics form, report, chart, importer
    or dialog is loaded to show the overview (a folder where the officer never picked a plan included)."""
    from cchc_desktop.services.demo import DemoLoader
    DemoLoader(session).load()
    session.close()
    code = ("import atexit, sys; sys.argv = ['main.py', '--data-dir', sys.argv[1]]; "
            "heavy = ('cchc_desktop.services.statistics', 'cchc_desktop.statistics', 'cchc_desktop.services.reports',"
            " 'cchc_desktop.reports', 'cchc_desktop.charts', 'cchc_desktop.importers', 'cchc_desktop.exporters', "
            "'cchc_desktop.cli', 'ui.dialogs', 'ui.statistics_view', 'ui.reports_view', 'ui.domain_view', "
            "'PySide6.QtSvg', 'PySide6.QtPrintSupport', 'openpyxl', 'docx', 'reportlab'); "
            "atexit.register(lambda: print(sorted(m for m in sys.modules if m.startswith(heavy)))); "
            "import main; main.main()")
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "", "CCHC_EXIT_WHEN_READY": "1", "CCHC_TODAY": "2026-11-25"}
    result = subprocess.run([sys.executable, "-c", code, str(data_dir)], capture_output=True, text=True, cwd=ROOT,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout
