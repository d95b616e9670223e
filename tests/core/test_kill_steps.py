"""A kill at every file-system step of a restore swap and of its undo (strace's fault injection: the
process gets SIGKILL at the N-th rename, unlink, mkdir or rmdir, one system call at a time). After each
kill the start-up path the window and every command run (``recovery.enter``, then ``prepare``) must leave
the data whole and in the state before or the state after, with the data set aside still there to bring
back."""
from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_desktop.model import PlanInput, TaskInput
from cchc_desktop.safety import archive, integrity, locks, recovery
from cchc_desktop.workspace import Clock, Workspace
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
CHILD = ROOT / "tests" / "support" / "swap_child.py"
SYSCALLS = ("rename", "renameat", "renameat2", "unlink", "unlinkat", "mkdir", "mkdirat", "rmdir")
STRACE = shutil.which("strace")

pytestmark = pytest.mark.skipif(STRACE is None or sys.platform != "linux", reason="strace (Linux) is needed")


def _titles_of(db: Path) -> tuple[str, ...]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return tuple(sorted(r[0] for r in conn.execute("SELECT title FROM plans")))
    finally:
        conn.close()


def _copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, symlinks=True)
    return target


def _remove(path: Path) -> None:
    def writable(func, name, _exc):
        os.chmod(os.path.dirname(name), 0o755)
        os.chmod(name, stat.S_IWRITE | stat.S_IREAD)
        func(name)
    shutil.rmtree(path, onerror=writable) if sys.version_info < (3, 12) else shutil.rmtree(path, onexc=writable)


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    """The data before a restore (with one evidence file), the archive of other data, and the folder
    after the restore (what an undo starts from)."""
    base = tmp_path_factory.mktemp("kill-steps")
    source = Workspace(base / "nguồn")
    source.prepare()
    with source.session(Clock(TODAY)) as s:
        from cchc_desktop.services.demo import DemoLoader
        DemoLoader(s).load()
    backup = archive.create(source, base / "SaoLuu.zip").path
    before = Workspace(base / "trước khôi phục")
    before.prepare()
    with before.session(Clock(TODAY)) as s:
        plan = s.plans.create(PlanInput("Kế hoạch đang dùng", 2026))
        task = s.tasks.add(TaskInput(plan, "PAR", "I", "Nhiệm vụ đang làm dở"))
        proof = base / "bien-ban.pdf"
        proof.write_bytes(b"%PDF-1.4 bien ban hop\n")
        s.evidence.attach(task, [proof])
    staged = _copy(before.data_dir, base / "đã kiểm tra")
    archive.stage(Workspace(staged), backup)
    restored = _copy(staged, base / "đã khôi phục")
    archive.apply(Workspace(restored))
    locks.release(restored)
    return {"apply": staged, "undo": restored,
            "original": _titles_of(before.db_path), "archived": _titles_of(source.db_path)}


def _run_killed(data_dir: Path, op: str, syscall: str, n: int) -> bool:
    """True when the operation ran to its end (the N-th call never came)."""
    done = subprocess.run([STRACE, "-f", "-qq", "-o", os.devnull, "-e", f"trace={syscall}",
                           "-e", f"inject={syscall}:signal=KILL:when={n}",
                           sys.executable, "-S", "-B", str(CHILD), str(data_dir), op],
                          capture_output=True, text=True, timeout=60)
    return "DONE" in done.stdout


def _states(workspace: Workspace) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    asides = [_titles_of(p / "cchc.sqlite3") for p in archive.asides(workspace) if (p / "cchc.sqlite3").exists()]
    return _titles_of(workspace.db_path), asides


@pytest.mark.parametrize("op", ["apply", "undo"])
def test_a_kill_at_every_file_system_step_leaves_before_or_after(templates, tmp_path, op):
    original, archived = templates["original"], templates["archived"]
    before, after = (original, archived) if op == "apply" else (archived, original)
    seen = {"before": 0, "after": 0}
    steps = 0
    for syscall in SYSCALLS:
        n = 1
        while True:
            folder = _copy(templates[op], tmp_path / f"{syscall}-{n}")
            finished = _run_killed(folder, op, syscall, n)
            workspace = Workspace(folder)
            recovery.enter(workspace)          # what the window and every command do first
            try:
                workspace.prepare()
                current, asides = _states(workspace)
                where = f"{op}: killed at {syscall} #{n}"
                assert current in (before, after), where
                seen["before" if current == before else "after"] += 1
                # Nothing set aside is ever lost: the data in use before the operation is still here.
                assert before in (current, *asides), where
                if op == "undo":
                    assert original in (current, *asides) and archived in (current, *asides), where
                report = integrity.check(workspace)
                assert report.ok, (where, report.messages())
                assert not (folder / archive.JOURNAL).exists(), where
            finally:
                locks.release(folder)
            _remove(folder)
            if finished:
                break
            steps += 1
            n += 1
    assert steps >= 8, steps                     # the walk really cut the operation at many points
    assert seen["before"] and seen["after"], seen
