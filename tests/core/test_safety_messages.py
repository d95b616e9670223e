"""Issue 13.6: every failure is a Vietnamese message with exit code 1, naming the right place, and SQLite's (or
the system's) English text never reaches the officer: it goes to the log."""
from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_desktop.errors import EnvironmentProblem, ValidationError
from cchc_desktop.model import TaskInput
from cchc_desktop.workspace import Clock
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
SQLITE_WORDS = ("malformed", "database disk image", "no such", "sqlite3.", "file is not a database", "Traceback")


def _cli(*args, data_dir: Path, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=120,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})})


@pytest.mark.parametrize("today", ["9999-12-31", "1900-01-01", "2101-01-01"])
def test_a_pinned_today_out_of_the_working_years_is_refused(today, monkeypatch):
    monkeypatch.setenv("CCHC_TODAY", today)
    with pytest.raises(ValidationError) as info:
        Clock()
    assert "2000–2100" in str(info.value) and today in str(info.value)


def test_the_overdue_report_in_the_year_9999_is_a_message(workspace, tmp_path):
    done = _cli("report", "--kind", "overdue", "--format", "pdf", "--out", str(tmp_path / "qua-han.pdf"),
                data_dir=workspace.data_dir, env={"CCHC_TODAY": "9999-12-31"})
    assert done.returncode == 1 and "2000–2100" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert not (tmp_path / "qua-han.pdf").exists()


def test_a_stored_deadline_in_9999_does_not_break_the_overdue_report(demo, workspace, tmp_path):
    """Data written before years were checked (or restored from such a backup) still reports."""
    conn = sqlite3.connect(workspace.db_path)
    conn.execute("UPDATE tasks SET due_on = '9999-12-31', deadline_text = '31/12/9999' WHERE id = "
                 "(SELECT min(id) FROM tasks)")
    conn.execute("UPDATE tasks SET due_on = '1900-01-01', deadline_text = '01/01/1900' WHERE id = "
                 "(SELECT max(id) FROM tasks)")
    conn.commit()
    conn.close()
    done = _cli("report", "--kind", "overdue", "--format", "pdf", "--out", str(tmp_path / "qua-han.pdf"),
                data_dir=workspace.data_dir, env={"CCHC_TODAY": "2026-11-25"})
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "qua-han.pdf").exists()


def test_a_full_disk_while_attaching_names_the_data_folder_not_the_source(session, plan_id, tmp_path, monkeypatch):
    task = session.tasks.add(TaskInput(plan_id, "PAR", "I", "Nhiệm vụ"))
    source = tmp_path / "Ổ nguồn" / "Quyết định.pdf"
    source.parent.mkdir()
    source.write_bytes(b"%PDF-1.4 quyet dinh" * 100)
    real_fsync = os.fsync

    def full(fd):
        if os.path.isfile(f"/proc/self/fd/{fd}") or sys.platform != "linux":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(EnvironmentProblem) as info:
        session.evidence.attach(task, [source])
    text = str(info.value)
    assert "Ổ đĩa đã đầy" in text and str(session.workspace.data_dir) in text, text
    assert str(source.parent) not in text and "No space" not in text


def test_a_read_only_evidence_folder_names_the_data_folder(session, plan_id, tmp_path, monkeypatch):
    task = session.tasks.add(TaskInput(plan_id, "PAR", "I", "Nhiệm vụ"))
    source = tmp_path / "nguồn.pdf"
    source.write_bytes(b"%PDF-1.4 x")
    real_mkdir = Path.mkdir

    def refused(self, *args, **kwargs):
        if ".tam" in self.parts:
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", refused)
    with pytest.raises(EnvironmentProblem) as info:
        session.evidence.attach(task, [source])
    assert str(session.workspace.data_dir) in str(info.value) and "Read-only" not in str(info.value)


def _damage(db: Path) -> None:
    with open(db, "r+b") as handle:      # pages past the header: the file opens, reading it fails
        handle.seek(4096 * 3)
        handle.write(b"\xff" * 4096 * 6)


def test_a_damaged_database_is_told_in_vietnamese_by_every_command(demo, workspace, tmp_path):
    _damage(workspace.db_path)
    for command, refused in ((("tasks", "list"), True), (("check",), True), (("evidence", "verify"), False),
                             (("backup", "create", "--out", str(tmp_path / "SaoLuu.zip")), True)):
        done = _cli(*command, data_dir=workspace.data_dir, env={"CCHC_TODAY": "2026-11-25"})
        said = done.stdout + done.stderr
        if refused:
            assert done.returncode == 1 and ("Lỗi" in said or "hỏng" in said), (command, said)
        assert done.returncode in (0, 1), (command, said)
        assert not any(word in said for word in SQLITE_WORDS), (command, said)
    log = (workspace.log_dir / "cchc.log").read_text(encoding="utf-8")
    assert "malformed" in log          # SQLite's own words are kept, in the log


def test_an_archive_whose_database_fails_its_check_is_refused_without_sqlite_words(workspace, tmp_path):
    from cchc_desktop.safety import archive
    with workspace.session(Clock(TODAY)) as s:
        from cchc_desktop.services.demo import DemoLoader
        DemoLoader(s).load()
    copy = tmp_path / "khac.sqlite3"
    conn = sqlite3.connect(workspace.db_path)
    conn.execute(f"VACUUM INTO '{copy}'")
    conn.close()
    conn = sqlite3.connect(copy)             # two indexes swapped: it opens, and its check lists SQLite's findings
    roots = dict(conn.execute("SELECT name, rootpage FROM sqlite_master WHERE name IN ('tasks_plan', 'tasks_parent')"))
    conn.execute("PRAGMA writable_schema = ON")
    for name, other in (("tasks_plan", "tasks_parent"), ("tasks_parent", "tasks_plan")):
        conn.execute("UPDATE sqlite_master SET rootpage = ? WHERE name = ?", (roots[other], name))
    conn.commit()
    conn.close()
    check = sqlite3.connect(copy)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    check.close()
    with pytest.raises(ValidationError) as info:
        archive._check_database(copy)
    assert "nhật ký" in str(info.value)
    assert not any(word in str(info.value) for word in SQLITE_WORDS), str(info.value)
