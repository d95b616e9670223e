"""Reports grow linearly: the cost of a row at 3 000 tasks against its cost at 300, for every report kind
and format, start-up taken off (a plan of 10 tasks is the start-up). Target: ≤ 1.3x (issue "Official
numbers never change", item 8).

Each row's cost is (t(N) - t(10)) / (N - 10), all measured in the same run. The evidence list is also
measured at 20 000 files against 2 000 (100 tasks, the files spread evenly).
"""
from __future__ import annotations

import gc
import tempfile
import time
from datetime import date
from pathlib import Path

from bench.common import Result

SIZES = (10, 300, 3000)
DOMAINS = ("I", "II", "III", "IV", "V", "VI", "VII")
DEADLINES = ("Quý I/2026", "Trước ngày 15/12/2026", "Thường xuyên", "Tháng 3/2026", "Hằng quý")


def _plan(session, size: int) -> int:
    from cchc_desktop.model import DONE, IN_PROGRESS, PlanInput, TaskInput
    plan = session.plans.create(PlanInput(f"Kế hoạch CCHC {size} nhiệm vụ", 2026, "CCHC", f"{size}/KH-UBND",
                                          date(2026, 1, 8)))
    lead = session.units.list()[0].id
    for index in range(size):
        data = TaskInput(plan, "PAR", DOMAINS[index % len(DOMAINS)],
                         f"Nhiệm vụ số {index + 1}: rà soát, cập nhật và công khai kết quả thực hiện của đơn vị "
                         f"theo kế hoạch năm 2026", code=str(index // len(DOMAINS) + 1),
                         product="Báo cáo", deadline_text=DEADLINES[index % len(DEADLINES)], lead_ids=[lead])
        if index % 3 == 1:
            data.status, data.progress = IN_PROGRESS, 50
        elif index % 3 == 2:
            data.status, data.progress, data.completed_on = DONE, 100, date(2026, 2, 10)
        session.tasks.add(data)
    return plan


def _evidence_plan(session, folder: Path, files: int) -> int:
    plan = _plan(session, 100)
    tasks = [row.id for row in session.tasks.rows(plan)]
    source = folder / f"tep-{files}"
    source.mkdir()
    for index, task in enumerate(tasks):
        paths = []
        for number in range(files // len(tasks)):
            path = source / f"{index}-{number}-QĐ-UBND.pdf"
            path.write_bytes(f"{files} {index} {number}".encode())   # distinct contents: one stored file each
            paths.append(path)
        session.evidence.attach(task, paths)
    return plan


def _evidence_scale(session, folder: Path) -> list[Result]:
    plans = {files: _evidence_plan(session, folder, files) for files in (2000, 20000)}
    results = []
    for fmt in ("pdf", "docx", "xlsx"):
        cost = {files: _best(lambda f=files: session.reports.render(plans[f], "evidence", None, fmt), 1)
                for files in plans}
        small, large = cost[2000] / 2000, cost[20000] / 20000
        results.append(Result(f"Danh mục tài liệu kiểm chứng .{fmt}: mỗi tệp ở 20 000 tệp", large,
                              "mỗi tệp ở 2 000 tệp", small, "≤ 1,3 lần", large <= 1.3 * small))
    return results


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()          # garbage of the run before is not this run's cost
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def run(repeat: int = 2) -> list[Result]:
    from cchc_desktop.reports.kinds import KINDS
    from cchc_desktop.workspace import Clock, Workspace
    folder = Path(tempfile.mkdtemp(prefix="cchc-bench-co-dan-"))
    workspace = Workspace(folder / "dữ liệu")
    workspace.prepare()
    session = workspace.session(Clock(date(2026, 11, 25)))
    plans = {size: _plan(session, size) for size in SIZES}
    period = session.periods.by_key("2026-Q1").id
    results = []
    for kind in KINDS:
        for fmt in ("pdf", "docx", "xlsx"):
            # small documents take a few milliseconds: more tries, so noise does not pass for growth
            # the lists are as of today, not of Q1: the overdue notice then lists its tasks
            when = period if kind == "periodic" else None
            cost = {size: _best(lambda s=size, w=when: session.reports.render(plans[s], kind, w, fmt),
                                repeat if size >= 3000 else 3 * repeat) for size in SIZES}
            small = (cost[300] - cost[10]) / 290
            large = (cost[3000] - cost[10]) / 2990
            results.append(Result(f"Báo cáo {kind} .{fmt}: mỗi dòng ở 3 000 nhiệm vụ", large,
                                  "mỗi dòng ở 300 nhiệm vụ", small, "≤ 1,3 lần", large <= 1.3 * small))
    return results + _evidence_scale(session, folder)
