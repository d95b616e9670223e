"""The data folder attacked as a hostile office would: clocks moved, foreign and empty databases,
read-only and network folders, odd names, writers racing a restore (issue 13)."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from cchc_desktop.errors import DataProblem
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
        _add_task(workspace, f"Ngày {day}")     # an exit after no write takes no snapshot
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
        _add_task(workspace, f"Ngày {day}")
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


# ---------------------------------------------------------------------------- the database knows itself

def _cli(*args, data_dir: Path, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=120,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})})


def test_the_database_carries_the_programs_application_id(workspace):
    from db.migrations import APPLICATION_ID
    conn = sqlite3.connect(workspace.db_path)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    finally:
        conn.close()


def _foreign_db(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE hoa_don (id INTEGER PRIMARY KEY, so_tien INTEGER)")
    conn.execute("INSERT INTO hoa_don (so_tien) VALUES (150000)")
    conn.commit()
    conn.close()


def test_a_foreign_database_is_refused_on_open_and_left_alone(tmp_path):
    folder = tmp_path / "lạ"
    folder.mkdir()
    _foreign_db(folder / "cchc.sqlite3")
    before = (folder / "cchc.sqlite3").read_bytes()
    result = _cli("tasks", "list", data_dir=folder)
    assert result.returncode == 1 and "chương trình khác" in result.stderr and "Traceback" not in result.stderr
    assert (folder / "cchc.sqlite3").read_bytes() == before


def test_a_foreign_database_in_an_archive_is_refused_on_restore(session, demo, tmp_path):
    import hashlib
    import json
    import zipfile
    from cchc_desktop.errors import ValidationError
    from cchc_desktop.safety import archive
    good = archive.create(session.workspace, tmp_path / "SaoLuu.zip").path
    foreign = tmp_path / "khac.sqlite3"
    _foreign_db(foreign)
    data = foreign.read_bytes()
    bad = tmp_path / "LaiGhep.zip"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        manifest = json.loads(src.read("manifest.json"))
        for entry in manifest["files"]:
            if entry["path"] == "cchc.sqlite3":     # hashes made to match: only the identity tells
                entry.update(sha256=hashlib.sha256(data).hexdigest(), size=len(data))
                dst.writestr("cchc.sqlite3", data)
            else:
                dst.writestr(entry["path"], src.read(entry["path"]))
        dst.writestr("manifest.json", json.dumps(manifest))
    other = Workspace(tmp_path / "đích")
    other.prepare()
    with pytest.raises(ValidationError, match="chương trình khác"):
        archive.stage(other, bad)
    assert not (other.data_dir / archive.STAGING).exists()


@pytest.mark.parametrize("damage", ["empty", "cut"])
def test_an_empty_or_cut_short_database_is_damage_never_a_new_store(session, demo, damage):
    ws = session.workspace
    snapshots.take(ws, "ngay", datetime(2026, 11, 24, 17, 0))
    session.close()
    from cchc_desktop.safety.archive import checkpoint
    checkpoint(ws.db_path)
    data = ws.db_path.read_bytes()
    ws.db_path.write_bytes(b"" if damage == "empty" else data[: len(data) // 2])
    with pytest.raises(recovery.DamagedDatabase) as found:
        recovery.start(ws)
    assert found.value.snapshot is not None                       # the snapshot is offered
    said = (r"Tệp cơ sở dữ liệu rỗng \(0 byte\)" if damage == "empty"
            else rf"Tệp cơ sở dữ liệu bị cắt cụt: chỉ còn {len(data) // 2} trên {len(data)} byte")
    with pytest.raises(DataProblem, match=said + ".*Tệp này không bị xóa hay ghi đè"):
        ws.prepare()
    assert ws.db_path.stat().st_size == (0 if damage == "empty" else len(data) // 2)   # never recreated
    result = _cli("check", data_dir=ws.data_dir)
    assert result.returncode == 1 and ("rỗng" in result.stdout or "cắt cụt" in result.stdout), result.stdout
    result = _cli("tasks", "list", data_dir=ws.data_dir)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert ws.db_path.stat().st_size == (0 if damage == "empty" else len(data) // 2)


# ---------------------------------------------------------------------------- read-only folders

@pytest.fixture
def read_only(tmp_path):
    """``read_only(folder)`` makes the folder truly read-only (a read-only bind mount when running as root,
    which ignores permissions; else the write permission taken away) and returns the path to use."""
    mounted, chmodded = [], []

    def make(folder: Path) -> Path:
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            view = tmp_path / f"chỉ đọc {len(mounted)}"
            view.mkdir()
            for cmd in (["mount", "--bind", str(folder), str(view)],
                        ["mount", "-o", "remount,bind,ro", str(view)]):
                if subprocess.run(cmd, capture_output=True).returncode:
                    pytest.skip("cannot make a read-only mount here")
            mounted.append(view)
            return view
        for path in [folder, *folder.rglob("*")]:
            path.chmod(path.stat().st_mode & ~0o222)
            chmodded.append(path)
        return folder

    yield make
    for view in mounted:
        subprocess.run(["umount", str(view)], capture_output=True)
    for path in chmodded:
        path.chmod(path.stat().st_mode | 0o200)


def test_a_read_only_folder_opens_to_read_and_refuses_writes_by_name(session, demo, tmp_path, read_only):
    folder = session.workspace.data_dir
    session.close()
    view = read_only(folder)
    listed = _cli("tasks", "list", "--json", data_dir=view)
    assert listed.returncode == 0, listed.stderr
    assert len(__import__("json").loads(listed.stdout)) == 42
    for args in (["evidence", "verify"], ["check"], ["backup", "list"], ["plans", "list"],
                 ["backup", "create", "--out", str(tmp_path / "usb" / "SaoLuu.zip")]):
        done = _cli(*args, data_dir=view)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
    assert (tmp_path / "usb" / "SaoLuu.zip").exists() and len(list((tmp_path / "usb").iterdir())) == 1
    for args in (["tasks", "add", "--domain", "I", "--name", "Việc mới"],
                 ["backup", "restore", str(tmp_path / "usb" / "SaoLuu.zip")], ["backup", "undo"]):
        done = _cli(*args, data_dir=view)
        assert done.returncode == 1, (args, done.stderr)
        assert "chỉ cho phép đọc" in done.stderr and str(view) in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr and "rút" not in done.stderr, (args, done.stderr)
    ws = Workspace(view)
    assert ws.read_only and ws.read_only_folder
    ws.prepare()                                   # what the window does
    with ws.session(Clock(TODAY)) as s:
        assert len(s.tasks.rows(s.plans.list()[0].id)) == 42


def test_check_tells_cannot_open_here_from_damage(session, demo, tmp_path, read_only):
    import json
    folder = session.workspace.data_dir
    session.close()
    conn = sqlite3.connect(folder / "cchc.sqlite3")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    child = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA cache_size = 1')\n"
        "c.execute('BEGIN IMMEDIATE')\n"
        "c.execute(\"UPDATE tasks SET name = name || ' (sửa dở)'\")\n"
        "print('WRITING', flush=True)\n"
        "time.sleep(60)\n"), str(folder / "cchc.sqlite3")], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "WRITING"
    child.kill()                                  # the power goes out mid-write: a rollback journal is left
    child.wait(10)
    child.stdout.close()
    journal = folder / "cchc.sqlite3-journal"
    assert journal.exists() and journal.stat().st_size > 0
    copy = shutil.copytree(folder, tmp_path / "bản chép ghi được")
    view = read_only(folder)
    done = _cli("check", "--json", data_dir=view)
    report = json.loads(done.stdout)
    assert done.returncode == 1 and report["cannot_open"] and not report["database"]["problems"], report
    assert "không phải hỏng" in report["cannot_open"][0]
    # In a folder that can be written the same file is healthy: the cut-off write is rolled back.
    done = _cli("check", "--json", data_dir=copy)
    assert done.returncode == 0, done.stdout
    listed = json.loads(_cli("tasks", "list", "--json", data_dir=copy).stdout)
    assert not any("sửa dở" in t["name"] for t in listed)


# ---------------------------------------------------------------------------- one lock for all writers

def test_a_writer_waits_for_a_restore_and_is_told_why(session, demo):
    from cchc_desktop.safety import locks
    folder = session.workspace.data_dir
    with locks.exclusive(folder):                  # a restore swapping the files
        done = _cli("tasks", "add", "--domain", "I", "--name", "Chờ khôi phục", data_dir=folder,
                    env={"CCHC_LOCK_WAIT_SECONDS": "1"})
    locks.release(folder)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "Đang chờ: dữ liệu đang được khôi phục" in done.stderr
    assert "Chờ khôi phục" not in _cli("tasks", "list", data_dir=folder).stdout


def test_restore_waits_for_command_line_writers(backup_pair, monkeypatch):
    from cchc_desktop.errors import EnvironmentProblem
    from cchc_desktop.safety import archive, locks
    source, other = backup_pair
    archive.stage(other, source)
    before = other.db_path.read_bytes()
    writer = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; sys.path.insert(0, sys.argv[2])\n"
        "from cchc_desktop.safety import locks\n"
        "locks.hold_shared(sys.argv[1]); print('WRITING', flush=True); time.sleep(60)\n"),
        str(other.data_dir), str(ROOT)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "WRITING"
        monkeypatch.setattr(locks, "WAIT_SECONDS", 0.5)
        with pytest.raises(EnvironmentProblem, match="đang ghi"):
            archive.apply(other)
        assert other.db_path.read_bytes() == before and (other.data_dir / archive.STAGING / "READY").exists()
    finally:
        writer.kill()
        writer.wait(10)
        writer.stdout.close()
    archive.apply(other)                           # the writer gone, the swap goes ahead
    locks.release(other.data_dir)
    assert other.db_path.read_bytes() != before


@pytest.fixture
def backup_pair(session, demo, tmp_path):
    from cchc_desktop.safety import archive
    made = archive.create(session.workspace, tmp_path / "usb" / "SaoLuu.zip").path
    other = Workspace(tmp_path / "máy khác")
    other.prepare()
    return made, other


# ---------------------------------------------------------------------------- leftovers

def test_every_command_sweeps_what_killed_runs_left(session, demo, tmp_path):
    ws = session.workspace
    scratch = ws.data_dir / "tam"
    scratch.mkdir(exist_ok=True)
    (scratch / "nhap-ke-hoach.tmp").write_bytes(b"half")
    (ws.evidence_dir / ".tam").mkdir(parents=True, exist_ok=True)
    (ws.evidence_dir / ".tam" / "abc.part").write_bytes(b"half")
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "~cchc-tam-SaoLuu.zip").write_bytes(b"PK half")
    (usb / "ghi-chu.txt").write_text("của người dùng", encoding="utf-8")
    session.close()
    assert _cli("plans", "list", data_dir=ws.data_dir).returncode == 0
    assert not (scratch / "nhap-ke-hoach.tmp").exists() and not (ws.evidence_dir / ".tam" / "abc.part").exists()
    assert _cli("backup", "create", "--out", str(usb / "Moi.zip"), data_dir=ws.data_dir).returncode == 0
    assert sorted(p.name for p in usb.iterdir()) == ["Moi.zip", "ghi-chu.txt"]


# ---------------------------------------------------------------------------- messages, not tracebacks

def _rewritten(good: Path, out: Path, change) -> Path:
    import json
    import zipfile
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(out, "w") as dst:
        manifest = json.loads(src.read("manifest.json"))
        change(manifest, src, dst)
        for entry in manifest["files"]:
            dst.writestr(entry["path"], src.read(entry["path"]))
        dst.writestr("manifest.json", json.dumps(manifest))
    return out


def test_odd_archives_get_a_message_and_exit_code_1(backup_pair, tmp_path):
    import warnings
    good, other = backup_pair

    def size_not_a_number(manifest, _src, _dst):
        manifest["files"][0]["size"] = "mười"

    def duplicate(_manifest, src, dst):
        dst.writestr("cchc.sqlite3", src.read("cchc.sqlite3"))

    for change, words in ((size_not_a_number, "kích thước"), (duplicate, "hai mục cùng tên")):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")          # zipfile warns about the duplicate name it is asked to write
            bad = _rewritten(good, tmp_path / f"{change.__name__}.zip", change)
        done = _cli("backup", "restore", str(bad), data_dir=other.data_dir)
        assert done.returncode == 1 and words in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_an_invalid_pinned_today_is_a_message(workspace):
    done = _cli("tasks", "list", data_dir=workspace.data_dir, env={"CCHC_TODAY": "2026-13-45"})
    assert done.returncode == 1 and "CCHC_TODAY" in done.stderr and "Traceback" not in done.stderr, done.stderr
