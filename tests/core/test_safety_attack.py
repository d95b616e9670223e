"""What a fresh attacker found: a stray "-wal" beside the database, and a database gone from a folder in use."""
from __future__ import annotations

import shutil
from pathlib import Path
import sqlite3

import pytest

from cchc_desktop.errors import UserError
from cchc_desktop.safety import integrity, recovery, snapshots
from cchc_desktop.workspace import Workspace


def _foreign_wal(tmp_path, name="khac"):
    """The "-wal" of another program's database, as a sync tool or an antivirus might put back."""
    other = tmp_path / f"{name}.db"
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA journal_mode=wal")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("CREATE TABLE t(x)")
    conn.execute("INSERT INTO t VALUES (2)")
    conn.commit()
    copy = tmp_path / f"{name}-wal-la"
    shutil.copyfile(other.with_name(f"{name}.db-wal"), copy)
    conn.close()
    return copy


def test_a_foreign_wal_is_set_aside_and_the_data_kept(session, workspace, demo, tmp_path):
    tasks = len(session.tasks.rows(demo))
    session.close()
    size = workspace.db_path.stat().st_size
    shutil.copyfile(_foreign_wal(tmp_path), workspace.db_path.with_name(workspace.db_path.name + "-wal"))
    started = recovery.enter(workspace)   # what every command and the window do first
    assert any("không thuộc về dữ liệu này" in w for w in started.warnings)
    assert workspace.db_path.stat().st_size == size
    assert list(workspace.backup_dir.glob("wal-la-*-wal"))
    assert integrity.check(workspace).ok
    again = Workspace(workspace.data_dir)
    again.prepare()
    with again.session() as reopened:
        assert len(reopened.tasks.rows(demo)) == tasks


def test_a_wal_of_our_own_is_never_set_aside(session, workspace, demo):
    """Our own log, holding changes not yet written into the file (as after a power cut), stays."""
    session.close()
    conn = sqlite3.connect(workspace.db_path)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE tasks SET result = 'ghi sau cùng' WHERE id = 1")
    conn.commit()
    wal = workspace.db_path.with_name(workspace.db_path.name + "-wal")
    assert wal.stat().st_size > 0
    assert not integrity.foreign_wal(workspace.db_path)
    conn.close()


def test_a_database_gone_from_a_folder_in_use_is_damage_not_a_new_empty_store(session, workspace, demo):
    session.close()
    snapshots.take(workspace, "ngay")
    workspace.db_path.unlink()
    with pytest.raises(UserError, match="không tạo dữ liệu trống mới"):
        Workspace(workspace.data_dir).prepare()
    assert not workspace.db_path.exists()


def test_an_archive_whose_database_cannot_be_upgraded_is_refused_before_the_swap(session, workspace, demo,
                                                                                  tmp_path):
    import hashlib
    import json
    import zipfile

    from cchc_desktop.safety import archive
    tasks = len(session.tasks.rows(demo))
    session.close()
    made = archive.create(workspace, tmp_path / "sao-luu.zip")
    source = zipfile.ZipFile(made.path)
    manifest = json.loads(source.read("manifest.json"))
    database = tmp_path / "cu.sqlite3"
    database.write_bytes(source.read("cchc.sqlite3"))
    conn = sqlite3.connect(database)
    conn.execute("PRAGMA user_version = 0")
    conn.commit()
    conn.close()
    data = database.read_bytes()
    forged = tmp_path / "lược-đồ-0.zip"
    with zipfile.ZipFile(forged, "w") as out:
        for entry in manifest["files"]:
            if entry["path"] == "cchc.sqlite3":
                entry.update(sha256=hashlib.sha256(data).hexdigest(), size=len(data))
                out.writestr(entry["path"], data)
            else:
                out.writestr(entry["path"], source.read(entry["path"]))
        out.writestr("manifest.json", json.dumps(manifest))
    with pytest.raises(UserError, match="lược đồ 0"):
        archive.stage(workspace, forged)
    again = Workspace(workspace.data_dir)
    again.prepare()
    with again.session() as reopened:
        assert len(reopened.tasks.rows(demo)) == tasks


def test_an_unreadable_evidence_file_is_named_when_a_backup_fails(session, workspace, demo, tmp_path, monkeypatch):
    from cchc_desktop.safety import archive
    session.close()
    stored = next(p for p in workspace.evidence_dir.rglob("*") if p.is_file())
    real_open = open

    def refuse(path, *args, **kwargs):   # as a file the system will not let us read (root reads anything)
        if Path(path) == stored:
            raise PermissionError(13, "Permission denied", str(stored))
        return real_open(path, *args, **kwargs)
    monkeypatch.setattr("builtins.open", refuse)
    with pytest.raises(UserError) as refused:
        archive.create(workspace, tmp_path / "usb" / "sao-luu.zip")
    assert stored.name in str(refused.value) and "sao-luu.zip" not in str(refused.value)
