"""Backups, restore, integrity checks, recovery at start, one program per folder, read-only mode."""
from __future__ import annotations

import hashlib
import json
import os
import stat
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from cchc_desktop.errors import EnvironmentProblem, ValidationError
from cchc_desktop.model import PlanInput, TaskInput
from cchc_desktop.safety import archive, integrity, recovery, snapshots
from cchc_desktop.safety.instance import InstanceLock
from cchc_desktop.workspace import Clock, Workspace
from db.connection import connect
from db.migrate import migrate
from db.migrations import MIGRATIONS
from tests.conftest import TODAY


def _state(workspace: Workspace) -> tuple[str, list[str]]:
    """What "untouched" means: the database file's bytes and the evidence store's listing."""
    db = hashlib.sha256(workspace.db_path.read_bytes()).hexdigest()
    files = sorted(str(p.relative_to(workspace.evidence_dir)) for p in workspace.evidence_dir.rglob("*") if p.is_file())
    return db, files


@pytest.fixture
def backup(session, demo, tmp_path) -> Path:
    result = archive.create(session.workspace, tmp_path / "usb" / "SaoLuu.zip")
    assert result.files == 6 and not result.missing and not result.damaged   # + the sample criteria sheet
    return result.path


@pytest.fixture
def other(tmp_path) -> Workspace:
    """A second data folder with its own small plan: the one a restore replaces."""
    ws = Workspace(tmp_path / "máy khác")
    ws.prepare()
    with ws.session(Clock(TODAY)) as s:
        plan = s.plans.create(PlanInput("Kế hoạch đang dùng", 2026))
        s.tasks.add(TaskInput(plan, "PAR", "I", "Nhiệm vụ đang làm dở"))
    return ws


def _titles(workspace: Workspace) -> list[str]:
    with workspace.session(Clock(TODAY)) as s:
        return [p.title for p in s.plans.list()]


# ---------------------------------------------------------------------------- automatic snapshots

def test_snapshot_is_consistent_and_taken_once_a_day(session, demo):
    ws = session.workspace
    first = snapshots.automatic(ws, "ngay", datetime(2026, 11, 25, 8, 0))
    assert first is not None and first.path.exists()
    assert snapshots.automatic(ws, "ngay", datetime(2026, 11, 25, 14, 0)) is None      # already one today
    # Opened only to look: the exit takes no copy (it would equal the newest and crowd older ones out).
    assert snapshots.automatic(ws, "thoat", datetime(2026, 11, 25, 16, 0)) is None
    session.tasks.add(TaskInput(session.plans.list()[0].id, "PAR", "I", "Ghi sau bản sao buổi sáng"))
    exit_snap = snapshots.automatic(ws, "thoat", datetime(2026, 11, 25, 17, 0))
    assert exit_snap is not None
    conn = connect(exit_snap.path, read_only=True)
    assert conn.execute("SELECT count(*) FROM tasks").fetchone()[0] == 43
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_retention_keeps_last_days_and_months(workspace):
    folder = snapshots.folder(workspace)
    folder.mkdir(parents=True)
    start = datetime(2025, 1, 1, 9, 0)
    seq = 0
    for day in range(0, 700, 1):
        for hour in (9, 17):
            seq += 1
            when = start + timedelta(days=day, hours=hour - 9)
            (folder / f"cchc-{when:%Y%m%d-%H%M%S}-ngay-n{seq}.sqlite3").write_bytes(b"x")
    today = (start + timedelta(days=699)).date()
    snapshots.prune(workspace, today)
    kept = snapshots.snapshots(workspace)
    assert [s.seq for s in kept[:snapshots.KEEP_MIN + 1]] == list(range(seq, seq - snapshots.KEEP_MIN - 1, -1))
    older = kept[snapshots.KEEP_MIN + 1:]          # past the minimum kept by number: the day and month rules
    assert all(s.taken_at.hour == 17 for s in older)   # the newest of each earlier day
    days = {s.day for s in kept}
    assert len([d for d in days if (today - d).days < snapshots.KEEP_DAYS]) == snapshots.KEEP_DAYS
    months = {(s.day.year, s.day.month) for s in kept}
    assert len(months) == snapshots.KEEP_MONTHS
    assert len(kept) <= snapshots.KEEP_MIN + 1 + snapshots.KEEP_MONTHS


# ---------------------------------------------------------------------------- archive and restore

def test_archive_round_trip_and_undo(backup, other, session):
    before = _state(other)
    staged = archive.stage(other, backup)
    assert staged.files == 6 and staged.commune == "Vĩnh Lộc"
    assert _state(other) == before                               # staging touches nothing
    aside = archive.apply(other)
    other.prepare()
    assert _titles(other) == [p.title for p in session.plans.list()]
    assert integrity.check(other).ok
    assert (aside / "cchc.sqlite3").exists()                      # the replaced data is kept
    archive.undo(other)
    other.prepare()
    assert _titles(other) == ["Kế hoạch đang dùng"]
    assert integrity.check(other).ok


def test_restored_evidence_is_read_only_like_the_store(backup, other):
    archive.stage(other, backup)
    archive.apply(other)
    stored = [p for p in other.evidence_dir.rglob("*") if p.is_file()]
    # by the mode bits, which hold whoever runs the test (root would ignore them when writing)
    assert len(stored) == 5 and {stat.S_IMODE(p.stat().st_mode) for p in stored} == {stat.S_IREAD}


BROKEN = "tệp bị hỏng, bị cắt cụt hoặc không phải bản sao lưu của CCHC Desktop"


@pytest.mark.parametrize(("damage", "why"), [
    ("garbage", BROKEN), ("truncated", BROKEN),
    ("tampered", r"mục “minh-chung/[0-9a-f/]+” không khớp mã kiểm tra SHA-256 \(tệp đã bị sửa hoặc hỏng\)"),
    ("newer_format", "do phiên bản CCHC Desktop mới hơn tạo ra"),
    ("newer_schema", r"dữ liệu do phiên bản CCHC Desktop mới hơn tạo ra \(lược đồ 99\)"),
    ("escape", "có mục lạ “minh-chung/../../ngoai.txt” bên trong"), ("absolute", "có mục lạ “/etc/ngoai.txt” bên trong"),
    ("extra", "có mục lạ “ghi-chu.txt” bên trong"), ("bomb", r"mục “minh-chung/00/0+” có kích thước bất thường"),
    ("missing_manifest", "thiếu bản kê hoặc thiếu cơ sở dữ liệu"),
    ("manifest_lies", "danh sách tệp trong bản kê không khớp với nội dung")])
def test_bad_archives_are_refused_with_the_reason_and_nothing_changes(backup, other, tmp_path, damage, why):
    bad = tmp_path / f"{damage}.zip"
    _make_bad(backup, bad, damage, tmp_path)
    before = _state(other)
    with pytest.raises(ValidationError, match=f"^Tệp sao lưu không dùng được: {why}"):
        archive.stage(other, bad)
    assert _state(other) == before
    assert not (other.data_dir / archive.STAGING).exists()
    assert _titles(other) == ["Kế hoạch đang dùng"]


def _rewrite(src: Path, dst: Path, change) -> None:
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w") as new:
        entries = {info.filename: old.read(info.filename) for info in old.infolist()}
        for name, data in change(entries).items():
            new.writestr(name, data)


def _make_bad(good: Path, bad: Path, damage: str, tmp_path: Path) -> None:
    data = good.read_bytes()
    if damage == "garbage":
        bad.write_bytes(os.urandom(5000))
    elif damage == "truncated":
        bad.write_bytes(data[: len(data) // 2])
    elif damage == "tampered":
        def tamper(entries):
            name = next(n for n in entries if n.startswith("minh-chung/"))
            entries[name] = entries[name][:-10] + b"0123456789"
            return entries
        _rewrite(good, bad, tamper)
    elif damage in ("newer_format", "manifest_lies"):
        def edit(entries):
            manifest = json.loads(entries["manifest.json"])
            if damage == "newer_format":
                manifest["format_version"] = 99
            else:
                manifest["files"] = manifest["files"][:-1]
            entries["manifest.json"] = json.dumps(manifest).encode()
            return entries
        _rewrite(good, bad, edit)
    elif damage == "newer_schema":
        def newer(entries):
            db = tmp_path / "moi.sqlite3"
            db.write_bytes(entries["cchc.sqlite3"])
            conn = connect(db)
            conn.execute("PRAGMA user_version = 99")
            conn.close()
            entries["cchc.sqlite3"] = db.read_bytes()
            manifest = json.loads(entries["manifest.json"])
            for item in manifest["files"]:
                if item["path"] == "cchc.sqlite3":
                    item["sha256"] = hashlib.sha256(entries["cchc.sqlite3"]).hexdigest()
                    item["size"] = len(entries["cchc.sqlite3"])
            entries["manifest.json"] = json.dumps(manifest).encode()
            return entries
        _rewrite(good, bad, newer)
    elif damage in ("escape", "absolute", "extra"):
        name = {"escape": "minh-chung/../../ngoai.txt", "absolute": "/etc/ngoai.txt", "extra": "ghi-chu.txt"}[damage]
        _rewrite(good, bad, lambda entries: {**entries, name: b"ra ngoai"})
    elif damage == "bomb":
        with zipfile.ZipFile(good) as old, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as new:
            for info in old.infolist():
                new.writestr(info.filename, old.read(info.filename))
            new.writestr("minh-chung/00/" + "0" * 64, b"\0" * (40 << 20))
    elif damage == "missing_manifest":
        _rewrite(good, bad, lambda entries: {k: v for k, v in entries.items() if k != "manifest.json"})


def test_an_older_archive_restores_through_the_migrations(tmp_path, other):
    old = Workspace(tmp_path / "bản 2")
    old.data_dir.mkdir()
    conn = connect(old.db_path)
    migrate(conn, backup_dir=None, migrations=MIGRATIONS[:2])
    conn.execute("INSERT INTO plans (title, year, kind, created_at, updated_at) VALUES "
                 "('Kế hoạch năm 2025', 2025, 'CCHC', '2025-01-01', '2025-01-01')")
    conn.close()
    made = archive.create(old, tmp_path / "cu.zip")
    staged = archive.stage(other, made.path)
    assert staged.schema_version == 2
    archive.apply(other)
    other.prepare()
    assert _titles(other) == ["Kế hoạch năm 2025"]
    assert integrity.check(other).ok


def test_a_restore_cut_off_half_way_is_finished_at_the_next_start(backup, other):
    archive.stage(other, backup)
    aside = other.backup_dir / "truoc-khoi-phuc-20261125-090000"
    aside.mkdir(parents=True)
    (other.data_dir / archive.JOURNAL).write_text(json.dumps({"aside": aside.name}), encoding="utf-8")
    os.replace(other.db_path, aside / "cchc.sqlite3")           # the power went out here
    other.prepare()
    assert _titles(other)[0].startswith("Kế hoạch Cải cách hành chính")
    assert not (other.data_dir / archive.JOURNAL).exists() and not (other.data_dir / archive.STAGING).exists()
    assert integrity.check(other).ok


def test_archive_written_under_a_temporary_name(session, demo, tmp_path, monkeypatch):
    out = tmp_path / "usb" / "SaoLuu.zip"

    def pulled_out(*_args, **_kwargs):
        raise OSError(5, "Input/output error")
    monkeypatch.setattr(archive, "_add", pulled_out)
    with pytest.raises(EnvironmentProblem, match="Lỗi đọc/ghi ổ đĩa .*SaoLuu.zip.*Ổ đĩa hoặc USB có thể đã bị rút ra"):
        archive.create(session.workspace, out)
    assert not out.exists() and list(out.parent.iterdir()) == []


# ---------------------------------------------------------------------------- checks and recovery

def test_check_finds_missing_and_changed_files_and_bad_reports(session, demo):
    ws = session.workspace
    assert integrity.check(ws).ok
    blobs = sorted(p for p in ws.evidence_dir.rglob("*") if p.is_file())
    blobs[0].chmod(0o644)
    blobs[0].write_bytes(b"sua noi dung")
    blobs[1].chmod(0o644)
    blobs[1].unlink()
    report = integrity.check(ws)
    assert not report.ok and len(report.evidence_changed) == 1 and len(report.evidence_missing) == 1
    assert report.to_json()["ok"] is False and report.messages()
    quick = integrity.check(ws, quick=True)
    assert quick.evidence_missing and quick.database_ok


def test_damaged_database_offers_the_newest_good_snapshot(session, demo):
    ws = session.workspace
    snap = snapshots.take(ws, "ngay", datetime(2026, 11, 24, 17, 5))
    session.tasks.add(TaskInput(demo, "PAR", "II", "Thêm sau bản sao"))
    session.close()
    connect(ws.db_path).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    raw = bytearray(ws.db_path.read_bytes())
    for offset in range(4096 * 3, len(raw) - 4096, 4096 * 2):   # scribble over many pages
        raw[offset + 100: offset + 400] = os.urandom(300)
    ws.db_path.write_bytes(bytes(raw))
    assert recovery.start(ws, check_database=False).swept == 0          # the window checks once it shows
    found, warnings = recovery.background_check(ws)
    assert found is not None and found.snapshot.path == snap.path and warnings == []
    with pytest.raises(recovery.DamagedDatabase) as info:
        recovery.start(ws)
    damaged = info.value
    assert damaged.snapshot is not None and damaged.snapshot.path == snap.path
    assert "bị hỏng" in damaged.message and damaged.lost
    aside = recovery.restore_snapshot(ws, damaged.snapshot)
    assert (aside / "cchc.sqlite3").exists()                         # the damaged file is kept
    recovery.start(ws)
    ws.prepare()
    assert len(_titles(ws)) == 1 and integrity.check(ws).database_ok


def test_start_sweeps_what_interrupted_operations_left(workspace):
    tam = workspace.evidence_dir / ".tam"
    tam.mkdir(parents=True)
    (tam / "abc.part").write_bytes(b"half")
    view = workspace.view_dir / "3"
    view.mkdir(parents=True)
    (view / "ban-xem.pdf").write_bytes(b"copy")
    (workspace.data_dir / archive.STAGING).mkdir()
    report = recovery.start(workspace)
    assert report.swept >= 3
    assert not (tam / "abc.part").exists() and not (view / "ban-xem.pdf").exists()
    assert not (workspace.data_dir / archive.STAGING).exists()


# ---------------------------------------------------------------------------- one program per folder

def test_one_program_per_folder(tmp_path):
    first, second = InstanceLock(tmp_path), InstanceLock(tmp_path)
    assert first.acquire()
    assert not second.acquire()
    first.release()
    assert second.acquire()
    second.release()


def test_read_only_workspace_refuses_writes_before_touching_anything(session, demo, tmp_path):
    ws = Workspace(session.workspace.data_dir, read_only=True)
    ws.prepare()
    with ws.session(Clock(TODAY)) as viewer:
        assert len(viewer.tasks.rows(demo)) == 42
        with pytest.raises(EnvironmentProblem, match="chỉ để xem"):
            viewer.tasks.add(TaskInput(demo, "PAR", "I", "Không được ghi"))
        before = _state(ws)
        sample = tmp_path / "bb.pdf"
        sample.write_bytes(b"%PDF-1.4 noi dung")
        with pytest.raises(EnvironmentProblem, match="chỉ để xem"):
            viewer.evidence.attach(viewer.tasks.rows(demo)[0].id, [sample])
        assert _state(ws) == before


def test_archive_reader_never_loads_a_huge_manifest(backup, tmp_path, other):
    bad = tmp_path / "lon.zip"
    with zipfile.ZipFile(backup) as old, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "manifest.json":
                data = b" " * (archive.MAX_MANIFEST_BYTES + 1)
            new.writestr(info.filename, data)
    with pytest.raises(ValidationError, match="mục “manifest.json” có kích thước bất thường"):
        archive.stage(other, bad)
