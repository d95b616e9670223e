"""Open the main window and every dialog on the screen the offscreen platform describes, and print (as
JSON) each window that does not lie wholly on the screen's available area, frame included, or whose
layout needs more room than the screen has. Run in its own process by tests/gui/test_screen_fit.py:

    QT_QPA_PLATFORM="offscreen:configfile=screen.json" python -m tests.support.screen_fit_probe DATA_DIR
"""
from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QWidget

TODAY = date(2026, 11, 25)
VERBOSE = bool(os.environ.get("CCHC_PROBE_VERBOSE"))


def _openers(window, ctx, folder: Path) -> dict:
    from cchc_desktop.reports.raster import pages_of
    from tests.support.seed_documents import seed_file
    from cchc_desktop.resources import resource_path
    from ui.dialogs import (about_dialog, assessment_dialogs, evidence_dialogs, export_dialog, import_dialog, plan_dialog,
                            profile_dialog, report_preview, report_register, stats_dialogs, task_dialog,
                            trash_dialog, unit_picker, units_dialog, verify_dialog, welcome_dialog)
    from ui.dialogs.crash_dialog import CrashDialog
    session = ctx.session
    plan = ctx.plan_id
    q1 = session.periods.by_key("2026-Q1").id
    task = session.tasks.rows(plan)[0].id
    source = folder / "tep.pdf"
    source.write_bytes(b"%PDF-1.4 minh chung")
    evidence = session.evidence.attach(task, [source]).added[0]
    pdf, _ = session.reports.render(plan, "periodic", q1, "pdf")
    code = next(c for c, cell in session.statistics.form(q1).cells.items() if cell.indicator.kind != "group")
    sample = resource_path("samples", "bo-chi-so-cchc-cap-xa-mau.xlsx")
    flagged = session.assessment.view(2026).item("VI.1")       # the demo's self-assessment
    return {
        "Xem trước bộ chỉ số": lambda: assessment_dialogs.CriteriaPreviewDialog(
            ctx, 2027, sample, session.assessment.read_sheet(sample), window),
        "Cách chấm": lambda: assessment_dialogs.RuleDialog(ctx, 2026, flagged, parent=window),
        "Dùng tài liệu nhiệm vụ": lambda: assessment_dialogs.LinkEvidenceDialog(
            ctx, 2026, "I.1.1", "Ban hành kế hoạch", assessment_dialogs.evidence_of_plan(session, 2026, "I.1.1"),
            window),
        "Ngày chốt tự đánh giá": lambda: assessment_dialogs.CutoffDialog(ctx, 2026, date(2026, 9, 14), window),
        "Kế hoạch mới": lambda: plan_dialog.PlanDialog(ctx, None, window),
        "Sửa kế hoạch": lambda: plan_dialog.PlanDialog(ctx, plan, window),
        "Nhiệm vụ mới": lambda: task_dialog.TaskDialog(ctx, plan_id=plan, domain=("PAR", "III"), parent=window),
        "Sửa nhiệm vụ": lambda: task_dialog.TaskDialog(ctx, task_id=task, parent=window),
        "Đính kèm": lambda: evidence_dialogs.AttachDialog(ctx, task, [source], window),
        "Sửa tài liệu": lambda: evidence_dialogs.EvidenceEditDialog(ctx, evidence, window),
        "Nhập kế hoạch": lambda: import_dialog.ImportDialog(ctx, seed_file("003", "docx", folder), window),
        "Xuất kế hoạch": lambda: export_dialog.ExportDialog(ctx, window),
        "Giới thiệu": lambda: about_dialog.AboutDialog(ctx, window),
        "Đơn vị": lambda: units_dialog.UnitsDialog(ctx, window),
        "Sửa đơn vị": lambda: units_dialog.UnitEditDialog(ctx, None, window),
        "Chọn đơn vị": lambda: unit_picker.UnitChooserDialog(ctx, "Chủ trì", [], window),
        "Thông tin xã": lambda: profile_dialog.ProfileDialog(ctx, window),
        "Thùng rác": lambda: trash_dialog.TrashDialog(ctx, window),
        "Kiểm tra tệp": lambda: verify_dialog.VerifyDialog(ctx, window),
        "Chào mừng": lambda: welcome_dialog.WelcomeDialog(window),
        "Xem trước": lambda: report_preview.PreviewDialog(ctx, pages_of(pdf), "Báo cáo", "bc.pdf", window),
        "Ban hành": lambda: report_register.IssueDialog(ctx, plan, "periodic", q1, window),
        "Sổ văn bản": lambda: report_register.RegisterDialog(ctx, window),
        "Lịch báo cáo": lambda: stats_dialogs.CalendarDialog(ctx, 2026, window),
        "Sửa kỳ": lambda: stats_dialogs.PeriodEditDialog(ctx, q1, window),
        "Danh mục chỉ tiêu": lambda: stats_dialogs.CatalogDialog(ctx, 2026, window),
        "Sửa chỉ tiêu": lambda: stats_dialogs.IndicatorEditDialog(ctx, 2026, code, window),
        "Quy tắc": lambda: stats_dialogs.RulesDialog(ctx, 2026, window),
        "Lịch sử giá trị": lambda: stats_dialogs.ValueHistoryDialog(ctx, q1, code, window),
        "Ảnh chụp dữ liệu": lambda: _snapshots(window),
        "Lỗi chương trình": lambda: CrashDialog(RuntimeError("thử"), window),
        "Kế hoạch năm sau": lambda: _rollover(ctx, plan, window),
    }


def _rollover(ctx, plan: int, window):
    """The next year's plan preview, filled (its preview read here rather than in the background)."""
    from ui.dialogs.rollover_dialog import RolloverDialog
    dialog = RolloverDialog(ctx, plan, window)
    dialog._show(ctx.session.rollover.preview(plan))
    return dialog


def _snapshots(window):
    from ui.data_actions import SnapshotsDialog
    return SnapshotsDialog(window.data_actions, window)


def _misfit(widget: QWidget, app: QApplication) -> dict | None:
    for _ in range(3):
        app.processEvents()
    area = (widget.screen() or app.primaryScreen()).availableGeometry()
    frame = widget.frameGeometry()
    need = widget.minimumSizeHint().expandedTo(widget.minimumSize())
    if hasattr(widget, "centralWidget"):       # what the page itself needs, not the minimum it was given
        need = need.expandedTo(widget.centralWidget().minimumSizeHint())
    if VERBOSE:
        print(type(widget).__name__, frame.getRect(), "needs", need.toTuple(), file=sys.stderr)
    if area.contains(frame) and need.width() <= area.width() and need.height() <= area.height():
        return None
    return {"frame": [frame.x(), frame.y(), frame.width(), frame.height()],
            "area": [area.x(), area.y(), area.width(), area.height()],
            "needs": [need.width(), need.height()]}


def main(folder: Path) -> int:
    from cchc_desktop.services.demo import DemoLoader
    from cchc_desktop.workspace import Clock, Workspace
    from ui.app import make_application
    from ui.context import AppContext
    from ui.main_window import MainWindow
    app = make_application()
    workspace = Workspace(folder / "dữ liệu")
    workspace.prepare()
    ctx = AppContext(workspace, Clock(TODAY))
    plan_id, _ = DemoLoader(ctx.session).load()
    window = MainWindow(ctx)
    window.show_as_last_time()
    window.show_loaded_demo(plan_id)
    ctx.jobs.wait()
    report = {}
    problem = _misfit(window, app)
    if problem:
        report["Cửa sổ chính"] = problem
    for name, make in _openers(window, ctx, folder).items():
        dialog: QDialog = make()
        dialog.show()
        problem = _misfit(dialog, app)
        if problem:
            report[name] = problem
        dialog.reject()
        ctx.jobs.wait()
    print(json.dumps({"misfits": report}, ensure_ascii=False))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
