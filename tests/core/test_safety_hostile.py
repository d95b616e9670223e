"""The data folder attacked as a hostile office would: clocks moved, foreign and empty databases,
read-only and network folders, odd names, writers racing a restore (issue 13)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from cchc_desktop.model import PlanInput, TaskInput
from cchc_desktop.safety import recovery, snapshots
from cchc_desktop.workspace import Clock, Workspace
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]


def _add_task(workspace: Workspace, name: str) -> None:
    with workspace.session(Clock(TODAY)) as s:
        plans = s.plans.list()
        plan = plans[0].id if plans else s.plans.create(PlanInput("Kế hoạch 2026", 2026))
        s.tasks.add(TaskInput(plan, "PAR", "I", name))


def _writes(workspace: Workspace) -> int:
    return snapshots.writes(workspace.db_path)


# ---------------------------------------------------------------------------- the clock

def test_every_write_counts_in_the_database(workspace):
    before = _writes(workspace)
    _add_task(workspace, "Một")
    _add_task(workspace, "Hai")
    assert _writes(workspace) > before + 1


def test_clock_years_ahead_deletes_no_earlier_snapshot(workspace):
    _add_task(workspace, "Nhiệm vụ")
    start = datetime(2025, 1, 1, 9, 0)
    for day in range(0, 330, 3):                # most of a year of use, retention after each snapshot
        snapshots.automatic(workspace, "thoat", start + timedelta(days=day))
    earlier = {s.path for s in snapshots.snapshots(workspace)}
    assert len(earlier) > snapshots.KEEP_MIN    # more than the minimum: the month rule keeps the rest
    taken = snapshots.automatic(workspace, "ngay", datetime(2035, 11, 30, 9, 0))   # the clock 10 years ahead
    kept = {s.path for s in snapshots.snapshots(workspace)}
    assert earlier <= kept and taken.path in kept
    # The clock stays wrong: the snapshots taken since then age the old ones a little at a time, never all.
    for day in range(1, 4):
        snapshots.automatic(workspace, "ngay", datetime(2035, 11, 30, 9, 0) + timedelta(days=day))
    assert len(earlier & {s.path for s in snapshots.snapshots(workspace)}) >= snapshots.KEEP_MIN - 3


def test_snapshots_dated_in_the_future_or_far_past_are_kept_and_shown_as_such(workspace):
    _add_task(workspace, "Nhiệm vụ")
    future = snapshots.take(workspace, "ngay", datetime(2031, 5, 1, 9, 0))   # taken while the clock was ahead
    ancient = snapshots.take(workspace, "thoat", datetime(1980, 1, 1, 0, 5))  # a flat CMOS battery
    for day in range(snapshots.KEEP_MIN + 5):
        snapshots.take(workspace, "ngay", datetime(2026, 1, 1, 9, 0) + timedelta(days=day))
    snapshots.prune(workspace, date(2026, 11, 25))
    kept = {s.path for s in snapshots.snapshots(workspace)}
    assert future.path in kept and ancient.path in kept
    assert "tương lai" in snapshots.label(future, date(2026, 11, 25))
    assert "quá khứ" in snapshots.label(ancient, date(2026, 11, 25))
    assert "sai" not in snapshots.label(snapshots.snapshots(workspace)[0], date(2026, 11, 25))


def test_recovery_offers_the_newest_data_not_the_newest_label(workspace):
    _add_task(workspace, "Trước")
    newer_label = snapshots.take(workspace, "ngay", datetime(2026, 11, 20, 9, 0))
    _add_task(workspace, "Sau khi đồng hồ lùi")
    _add_task(workspace, "Thêm nữa")
    newer_data = snapshots.take(workspace, "ngay", datetime(2016, 1, 1, 9, 0))   # the clock set back
    assert snapshots.writes(newer_data.path) > snapshots.writes(newer_label.path)
    assert recovery.newest_good(workspace) == newer_data
    with workspace.session(Clock(date(2016, 1, 1))) as s:      # changes written with the clock still wrong
        s.tasks.add(TaskInput(s.plans.list()[0].id, "PAR", "I", "Mất nếu quay lại"))
    lost = recovery.what_would_be_lost(workspace, newer_data)
    assert "không có thay đổi nào" not in lost and "Sẽ mất" in lost
    assert "Sẽ mất" in recovery.what_would_be_lost(workspace, newer_label)


@pytest.mark.skipif(shutil.which("faketime") is None or sys.platform != "linux", reason="libfaketime needed")
def test_a_start_with_the_clock_ten_years_ahead_keeps_every_snapshot(workspace):
    _add_task(workspace, "Nhiệm vụ")
    today = datetime.now().replace(microsecond=0)
    for day in range(400, 0, -4):            # a year of use, kept as retention keeps it
        snapshots.automatic(workspace, "thoat", today - timedelta(days=day))
    earlier = {s.path.name for s in snapshots.snapshots(workspace)}
    env = {k: v for k, v in os.environ.items() if k != "CCHC_TODAY"}
    done = subprocess.run(["faketime", "-f", "+3650d", sys.executable, str(ROOT / "tests" / "support" / "clock_child.py"),
                           str(workspace.data_dir)], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    taken = done.stdout.split()[1]
    assert taken[5:9] == str(today.year + 10) or taken[5:9] == str(today.year + 9), taken   # the clock really moved
    kept = {s.path.name for s in snapshots.snapshots(workspace)}
    assert earlier <= kept and taken in kept
