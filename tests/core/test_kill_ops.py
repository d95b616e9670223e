"""A kill at every step of the other multi-step operations of issue 13.1: evidence add and remove, backup create,
plan import, snapshot retention and report issue (restore and undo: test_kill_steps.py). strace kills the
operation at the N-th call of each system call that matters for it (the renames, unlinks and mkdirs that move
files, the fsyncs that make SQLite's commits and the store's copies durable), N = 1, 2, … until the operation
runs to its end. After each kill the start-up path (``recovery.enter``, then ``prepare``) must leave the data
whole (``check`` finds nothing wrong) and in the state before or the state after."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from cchc_desktop.model import CommuneProfile, PlanInput, TaskInput
from cchc_desktop.safety import archive, integrity, locks, recovery, snapshots
from cchc_desktop.workspace import Clock, Workspace
from tests.conftest import TODAY
from tests.core.test_kill_steps import _remove

ROOT = Path(__file__).resolve().parents[2]
CHILD = ROOT / "tests" / "support" / "op_child.py"
STRACE = shutil.which("strace")
SAMPLE = ROOT / "resources" / "samples" / "ke-hoach-cchc-xa-hoang-son-2026.docx"
SNAPSHOT_AT = "2026-11-27T09:00:00"   # the day after the last snapshot of the template

pytestmark = pytest.mark.skipif(STRACE is None or sys.platform != "linux", reason="strace (Linux) is needed")

# The calls that matter per operation (each walked from its first call to the operation's end).
CALLS = {
    "evidence-add": ("rename", "mkdir", "fsync"),
    "evidence-remove": ("pwrite64", "fsync"),
    "backup-create": ("rename", "unlink", "fsync"),
    "plan-import": ("pwrite64", "fsync"),
    "snapshot": ("rename", "unlink", "fsync"),
    "report-issue": ("rename", "fsync"),
}


def _scalar(db: Path, sql: str):
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """One data folder with a plan, a task, one evidence file and a numbered report draft."""
    folder = tmp_path_factory.mktemp("kill-ops")
    workspace = Workspace(folder / "dữ liệu")
    workspace.prepare()
    with workspace.session(Clock(TODAY)) as s:
        s.profile.save(CommuneProfile("Vĩnh Lộc", "Thanh Hóa", "", "Vĩnh Lộc", "Lê Văn An"))
        plan = s.plans.create(PlanInput("Kế hoạch CCHC năm 2026", 2026, issued_on=TODAY.replace(month=1, day=8)))
        task = s.tasks.add(TaskInput(plan, "PAR", "I", "Ban hành kế hoạch", code="1"))
        proof = folder / "bien-ban.pdf"
        proof.write_bytes(b"%PDF-1.4 bien ban hop\n")
        s.evidence.attach(task, [proof])
        period = s.periods.by_key("2026-Q1")
        draft = s.reports.draft(plan, "periodic", period.id)
        draft.number, draft.issued_on, draft.signer_name = "5", TODAY.replace(month=3, day=7), "Trần Thanh Bình"
        s.reports.save_draft(draft)
        s.reports.save_section(plan, "periodic", period.id, "III.2", "- Còn một số nhiệm vụ chậm tiến độ.")
        s.reports.save_section(plan, "periodic", period.id, "V", "Không có.")
    snapshot_dir = folder / "với bản sao"
    shutil.copytree(workspace.data_dir, snapshot_dir)
    start = datetime(2026, 8, 1, 9, 0)
    for day in range(0, 118):           # months of daily snapshots: the next one lets retention delete some
        snapshots.automatic(Workspace(snapshot_dir), "ngay", start + timedelta(days=day))
    with Workspace(snapshot_dir).session(Clock(TODAY)) as s:        # a change since: the next snapshot is taken
        s.tasks.add(TaskInput(s.plans.list()[0].id, "PAR", "II", "Nhiệm vụ thêm"))
    new_file = folder / "Quyết định 15-QĐ-UBND.pdf"
    new_file.write_bytes(b"%PDF-1.4 quyet dinh moi\n" * 50)
    return {"data": workspace.data_dir, "snapshots": snapshot_dir, "file": new_file, "folder": folder}


def _run(data_dir: Path, op: str, arg: str, syscall: str, n: int | None) -> bool:
    """True when the operation ran to its end (the N-th call never came)."""
    trace = [STRACE, "-f", "-qq", "-o", os.devnull, "-e", f"trace={syscall}",
             "-e", f"inject={syscall}:signal=KILL:when={n}"] if n else []
    done = subprocess.run([*trace, sys.executable, "-B", str(CHILD), str(data_dir), op, arg],
                          capture_output=True, text=True, timeout=120, env={**os.environ, "CCHC_TODAY": ""})
    assert n or "DONE" in done.stdout, done.stderr
    return "DONE" in done.stdout


def _state(op: str, workspace: Workspace, target: Path | None):
    db = workspace.db_path
    if op == "evidence-add":
        return _scalar(db, "SELECT count(*) FROM evidence")
    if op == "evidence-remove":
        return _scalar(db, "SELECT count(*) FROM evidence WHERE deleted_at IS NULL")
    if op == "plan-import":
        return (_scalar(db, "SELECT count(*) FROM plans"), _scalar(db, "SELECT count(*) FROM tasks"))
    if op == "report-issue":
        return _scalar(db, "SELECT count(*) FROM issued_reports")
    if op == "snapshot":
        return frozenset(s.path.name for s in snapshots.snapshots(workspace))
    if op == "backup-create":
        archive.sweep_target(target.parent)          # what the next backup does first
        left = sorted(p.name for p in target.parent.iterdir())
        if not left:
            return "none"
        assert left == [target.name], left
        other = Workspace(target.parent.parent / "thử khôi phục")
        try:
            archive.stage(other, target)             # the whole archive checks out
        finally:
            shutil.rmtree(other.data_dir, ignore_errors=True)
        return "archive"
    raise AssertionError(op)


@pytest.mark.parametrize("op", list(CALLS))
def test_a_kill_at_every_step_of_the_operation_leaves_before_or_after(base, tmp_path, op):
    template = base["snapshots"] if op == "snapshot" else base["data"]
    arg = {"evidence-add": str(base["file"]), "plan-import": str(SAMPLE), "snapshot": SNAPSHOT_AT}.get(op, "")

    def fresh(name: str) -> tuple[Path, Path | None]:
        folder = tmp_path / name / "dữ liệu"
        shutil.copytree(template, folder)
        target = None
        if op == "backup-create":
            target = tmp_path / name / "USB" / "SaoLuu.zip"
            target.parent.mkdir()
        return folder, target

    def settle(folder: Path, target: Path | None):
        workspace = Workspace(folder)
        recovery.enter(workspace)             # what the window and every command do first
        try:
            workspace.prepare()
            report = integrity.check(workspace)
            assert report.ok, report.messages()
            return _state(op, workspace, target)
        finally:
            locks.release(folder)

    folder, target = fresh("trước")
    before = settle(folder, target)
    folder, target = fresh("sau")
    _run(folder, op, str(target) if target else arg, "rename", None)
    after = settle(folder, target)
    assert before != after, (op, before)
    seen = {"before": 0, "after": 0, "between": 0}
    steps = 0
    for syscall in CALLS[op]:
        n = 1
        while True:
            if syscall == "pwrite64" and op == "plan-import" and n > 8 and n & (n - 1):
                n += 1          # hundreds of page writes: every one of the first 8, then the powers of two
                continue
            folder, target = fresh(f"{syscall}-{n}")
            finished = _run(folder, op, str(target) if target else arg, syscall, n)
            where = f"{op}: killed at {syscall} #{n}"
            state = settle(folder, target)
            if op == "snapshot":     # retention deletes one unneeded snapshot at a time: what it keeps is kept
                assert after - before <= state | (after - before) and state - (after - before) <= before, where
                assert (before & after) <= state, where
                kind = "before" if state == before else "after" if state == after else "between"
            else:
                assert state in (before, after), (where, state, before, after)
                kind = "before" if state == before else "after"
            seen[kind] += 1
            _remove(folder.parent)
            if finished:
                break
            steps += 1
            n += 1
    assert steps >= 2, (op, steps)                   # the walk really cut the operation
    assert seen["before"] and seen["after"], (op, seen)


def test_a_checkpoint_cut_short_is_not_damage_while_the_log_holds_the_pages(tmp_path):
    """Found by the walk above (plan import killed during the checkpoint at close): the header already gives the
    new size, the file has not grown yet, and the write-ahead log beside it still holds every page."""
    db = tmp_path / "cchc.sqlite3"
    from db.migrations import APPLICATION_ID
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("CREATE TABLE t (x)")
    conn.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 200)
    conn.commit()
    conn.close()
    size = db.stat().st_size
    with open(db, "r+b") as handle:
        handle.truncate(size // 2)
    assert "cắt cụt" in integrity.file_problem(db)                 # no log: the data is gone
    db.with_name(db.name + "-wal").write_bytes(b"\x37\x7f\x06\x82" + b"\0" * 60)
    assert integrity.file_problem(db) is None                       # SQLite finishes the checkpoint from the log
