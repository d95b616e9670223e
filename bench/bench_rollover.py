"""Next year's plan from a 3,000-task plan: the rollover preview (issue 17's target: it appears in < 1 s).

The preview lists every task with its deadline moved on and read again for the new year, chooses the
recurring and unfinished ones, and moves the reporting calendar and the stock values. Baseline, in the
same run on the same data: listing the plan's tasks (``tasks.rows``), which the preview does first. The
deadline reader's caches are cleared before each preview, as when the dialog first opens.
"""
from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from bench.common import Result, paired_median

TASKS, CHILDREN = 3000, 4
TARGET_SECONDS = 1.0


def _make_plan(session) -> int:
    from cchc_desktop.model import PlanInput, TaskInput
    plan_id = session.plans.create(PlanInput("Kế hoạch cải cách hành chính năm 2026 (thử tải)", 2026))
    fixed = ("Quý I/2026", "Thường xuyên", "Trước ngày 10/01/2026", "Tháng 7-10/2026", "Hằng quý, năm",
             "Cả năm 2026", "Theo hướng dẫn của Sở Nội vụ", "Quý I, II/2026", "Theo lộ trình giai đoạn 2026 - 2030",
             "Thường xuyên. - Báo cáo kết quả: Quý IV/2026")
    domains = ("I", "II", "III", "IV", "V", "VI", "VII")
    with session.transaction():
        parent = None
        for i in range(TASKS):
            is_child = i % (CHILDREN + 1) != 0
            # one in three texts its own (a date of the year), as a real plan's many phrasings
            deadline = fixed[i % len(fixed)] if i % 3 else \
                f"Trước ngày {1 + i % 28:02d}/{1 + (i // 28) % 12:02d}/2026"
            task_id = session.tasks.add(TaskInput(
                plan_id, "PAR", domains[(i // (CHILDREN + 1)) % len(domains)],
                f"Nhiệm vụ cải cách hành chính số {i}: rà soát, đơn giản hóa và công khai kết quả năm 2026",
                parent if is_child else None, product="Báo cáo kết quả", deadline_text=deadline,
                lead_ids=[1 + i % 4], coordinator_ids=[9, 10]))
            if not is_child:
                parent = task_id
    session.periods.ensure_year(2026)
    session.statistics.set_many(session.periods.by_key("2026-Q1"), {"IV.3.1": "24", "IV.2": "3"})
    return plan_id


def run(repeat: int = 7) -> list[Result]:
    from cchc_desktop.deadlines import parse_deadline
    from cchc_desktop.text import fold
    from cchc_desktop.workspace import Clock, Workspace

    workspace = Workspace(Path(tempfile.mkdtemp(prefix="cchc-bench-nam-sau-")) / "dữ liệu")
    workspace.prepare()
    with workspace.session(Clock(date(2026, 11, 25))) as session:
        plan_id = _make_plan(session)

        def preview():
            parse_deadline.cache_clear()
            fold.cache_clear()
            found = session.rollover.preview(plan_id, 2027)
            assert len(found.tasks) == TASKS

        def listing():
            assert len(session.tasks.rows(plan_id)) == TASKS
        ours, baseline = paired_median(preview, listing, repeat)
    shown = _in_the_dialog(workspace, plan_id, repeat)
    print(f"  bản xem trước kế hoạch năm sau, {TASKS} nhiệm vụ: {ours * 1000:.0f} ms, hiện trong hộp thoại "
          f"{shown * 1000:.0f} ms (liệt kê nhiệm vụ: {baseline * 1000:.0f} ms; mục tiêu < {TARGET_SECONDS:.0f} s)")
    return [Result(f"Xem trước kế hoạch năm sau ({TASKS} nhiệm vụ)", ours, "liệt kê nhiệm vụ của kế hoạch",
                   baseline, f"< {TARGET_SECONDS:.0f} s", ours < TARGET_SECONDS),
            Result(f"… và hiện trong hộp thoại ({TASKS} nhiệm vụ)", shown, "liệt kê nhiệm vụ của kế hoạch",
                   baseline, f"< {TARGET_SECONDS:.0f} s", shown < TARGET_SECONDS)]


def _in_the_dialog(workspace, plan_id: int, repeat: int) -> float:
    """The preview read, filled into the dialog's tree and painted, at the office screen's size."""
    from bench.common import median_time
    from cchc_desktop.deadlines import parse_deadline
    from cchc_desktop.text import fold
    from cchc_desktop.workspace import Clock
    from ui.app import make_application
    from ui.context import AppContext
    from ui.dialogs.rollover_dialog import RolloverDialog
    make_application()
    ctx = AppContext(workspace, Clock(date(2026, 11, 25)))
    dialog = RolloverDialog(ctx, plan_id)
    dialog.resize(1300, 700)
    dialog.show()

    def show():
        parse_deadline.cache_clear()
        fold.cache_clear()
        dialog._show(ctx.session.rollover.preview(plan_id, 2027))
        dialog.ui.tree.viewport().repaint()
    try:
        return median_time(show, repeat)
    finally:
        dialog.close()
        ctx.jobs.wait()
        ctx.close()
