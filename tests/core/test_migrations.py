"""Numbered migrations: fresh install, backup before upgrading, refusal of newer schemas,
and a failed migration that is rolled back and reported, never ignored."""
from __future__ import annotations

import sqlite3
import types
from datetime import date

import pytest

from cchc_desktop.errors import DataProblem
from cchc_desktop.workspace import Workspace
from db.connection import connect, transaction
from db.migrate import LATEST_VERSION, MigrationFailed, SchemaTooNew, migrate, schema_version
from db.migrations import MIGRATIONS


def test_fresh_database_reaches_latest_schema(workspace):
    conn = connect(workspace.db_path)
    assert schema_version(conn) == LATEST_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("SELECT count(*) FROM domains WHERE framework = 'PAR'").fetchone()[0] == 8
    assert conn.execute("SELECT count(*) FROM domains WHERE framework = 'PAPI'").fetchone()[0] == 8
    assert workspace.migration_backup is None  # nothing to back up on a new install


def test_upgrade_takes_a_backup_first(tmp_path):
    path = tmp_path / "old.sqlite3"
    conn = connect(path)
    migrate(conn, backup_dir=None, migrations=MIGRATIONS[:1])
    conn.execute("INSERT INTO settings (key, value) VALUES ('marker', 'trước nâng cấp')")

    added = types.SimpleNamespace(upgrade=lambda c, now: c.execute("CREATE TABLE extra (x)"))
    backup = migrate(conn, backup_dir=tmp_path / "sao-luu", migrations=(*MIGRATIONS[:1], added))

    assert schema_version(conn) == 2
    assert backup is not None and backup.exists()
    copy = sqlite3.connect(backup)
    assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
    assert copy.execute("SELECT value FROM settings WHERE key = 'marker'").fetchone()[0] == "trước nâng cấp"


def test_failed_migration_rolls_back_and_raises(tmp_path):
    conn = connect(tmp_path / "x.sqlite3")
    migrate(conn, backup_dir=None, migrations=MIGRATIONS[:1])

    def broken(c, now):
        c.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("giữa chừng")

    with pytest.raises(MigrationFailed) as info:
        migrate(conn, backup_dir=tmp_path, migrations=(*MIGRATIONS[:1], types.SimpleNamespace(upgrade=broken)))
    assert info.value.version == 2
    assert schema_version(conn) == 1
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0


def test_newer_database_is_refused_untouched(tmp_path):
    ws = Workspace(tmp_path / "data")
    ws.prepare()
    conn = connect(ws.db_path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    conn.close()
    before = ws.db_path.read_bytes()
    with pytest.raises(DataProblem) as info:
        ws.prepare()
    assert "phiên bản CCHC Desktop mới hơn" in str(info.value)
    assert ws.db_path.read_bytes() == before
    with pytest.raises(SchemaTooNew, match=f"database schema {LATEST_VERSION + 5} is newer than supported "
                                           f"{LATEST_VERSION}"):
        migrate(connect(ws.db_path), backup_dir=None)


def test_damaged_database_gives_a_vietnamese_message(tmp_path):
    ws = Workspace(tmp_path / "data")
    ws.data_dir.mkdir()
    ws.db_path.write_bytes(b"day khong phai la co so du lieu" * 100)
    with pytest.raises(DataProblem) as info:
        ws.prepare()
    assert "bị hỏng" in str(info.value)


def test_nested_transactions_are_savepoints(tmp_path):
    conn = connect(tmp_path / "t.sqlite3")
    conn.execute("CREATE TABLE t (x)")
    with transaction(conn):
        conn.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(ValueError, match="lỗi giữa giao dịch con"):
            with transaction(conn):
                conn.execute("INSERT INTO t VALUES (2)")
                raise ValueError("lỗi giữa giao dịch con")
        conn.execute("INSERT INTO t VALUES (3)")
    assert [r[0] for r in conn.execute("SELECT x FROM t ORDER BY x")] == [1, 3]


def test_read_only_database_message(workspace, monkeypatch):
    from cchc_desktop.model import PlanInput
    from cchc_desktop.errors import EnvironmentProblem
    ro = connect(workspace.db_path, read_only=True)
    session = workspace.session()
    session.conn.close()
    session.conn = ro
    with pytest.raises(EnvironmentProblem) as info:
        session.plans.create(PlanInput("Kế hoạch", 2026))
    assert "chỉ cho phép đọc" in str(info.value)


def test_locked_database_message(workspace):
    from cchc_desktop.errors import EnvironmentProblem
    from cchc_desktop.model import PlanInput
    blocker = connect(workspace.db_path)
    blocker.execute("BEGIN IMMEDIATE")
    session = workspace.session()
    session.conn.execute("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(EnvironmentProblem) as info:
            session.plans.create(PlanInput("Kế hoạch", 2026))
        assert "giữ khóa" in str(info.value)
    finally:
        blocker.execute("ROLLBACK")
    assert session.plans.list() == []


def _old_folder(tmp_path, version: int, plan_title: str | None = None) -> Workspace:
    """A data folder as release ``version`` left it (optionally with one plan), not yet upgraded."""
    folder = tmp_path / f"bản {version}"
    folder.mkdir()
    conn = connect(folder / "cchc.sqlite3")
    migrate(conn, backup_dir=None, migrations=MIGRATIONS[:version])
    if plan_title:
        conn.execute("INSERT INTO plans (title, year, kind, created_at, updated_at) VALUES "
                     "(?, 2025, 'CCHC', '2025-01-01', '2025-01-01')", (plan_title,))
    conn.close()
    return Workspace(folder)


def test_a_version_1_database_upgrades_with_its_data(tmp_path):
    """A data folder from the first release gains the statistics tables and keeps its plans."""
    from cchc_desktop.model import PlanInput, TaskInput
    from cchc_desktop.workspace import Clock
    old = _old_folder(tmp_path, 1, "Kế hoạch cũ")
    old.prepare()
    assert old.migration_backup is not None and old.migration_backup.exists()
    with old.session(Clock(date(2026, 11, 25))) as session:
        assert [p.title for p in session.plans.list()] == ["Kế hoạch cũ"]
        plan = session.plans.create(PlanInput("Kế hoạch 2026", 2026))
        session.tasks.add(TaskInput(plan, "PAR", "I", "Nhiệm vụ"))
        assert session.statistics.form(session.periods.by_key("2026-Q1")).cells["I.2.1"].value == 1


def test_a_version_2_database_gains_the_report_tables(tmp_path):
    """A data folder with statistics (schema 2) keeps its plans and can write and issue reports."""
    from cchc_desktop.model import PlanInput, TaskInput
    from cchc_desktop.workspace import Clock
    ws = _old_folder(tmp_path, 2, "Kế hoạch năm trước")
    ws.prepare()
    assert ws.migration_backup is not None
    with ws.session(Clock(date(2026, 11, 25))) as session:
        assert [p.title for p in session.plans.list()] == ["Kế hoạch năm trước"]
        plan = session.plans.create(PlanInput("Kế hoạch 2026", 2026))
        session.tasks.add(TaskInput(plan, "PAR", "I", "Nhiệm vụ"))
        q1 = session.periods.by_key("2026-Q1")
        session.reports.save_section(plan, "periodic", q1.id, "V", "Không.")
        assert session.reports.draft(plan, "periodic", q1.id).sections["V"].text == "Không."
        assert session.reports.register() == []
    assert schema_version(connect(ws.db_path)) == LATEST_VERSION == 8


def test_text_stored_decomposed_is_composed_on_upgrade_and_never_stored_so_again(tmp_path):
    """Issue "Ready for the Windows office PC", 5: Unikey's "Unicode tổ hợp" and the Windows keyboard type
    decomposed letters; stored text is composed (NFC), old and new."""
    import unicodedata
    from cchc_desktop.model import PlanInput
    from cchc_desktop.workspace import Clock
    decomposed = unicodedata.normalize("NFD", "Kế hoạch cải cách hành chính")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    ws = _old_folder(tmp_path, 5)
    conn = connect(ws.db_path)
    # written into the statement itself, as an older release stored it (parameters are composed now)
    conn.execute(f"INSERT INTO plans (title, year, kind, created_at, updated_at) VALUES "
                 f"('{decomposed}', 2025, 'CCHC', '2025-01-01', '2025-01-01')")
    conn.close()
    ws.prepare()
    with ws.session(Clock(date(2026, 11, 25))) as session:
        assert [p.title for p in session.plans.list()] == ["Kế hoạch cải cách hành chính"]
        plan = session.plans.create(PlanInput(unicodedata.normalize("NFD", "Kế hoạch năm 2026"), 2026))
        stored = session.conn.execute("SELECT title FROM plans WHERE id = ?", (plan,)).fetchone()[0]
        assert stored == "Kế hoạch năm 2026" and unicodedata.is_normalized("NFC", stored)


def test_a_version_7_database_gains_the_draft_and_the_links_back(tmp_path):
    """Schema 8 (issue 17): plans made before are not drafts; tasks have no link back yet."""
    from cchc_desktop.workspace import Clock
    ws = _old_folder(tmp_path, 7, "Kế hoạch năm trước")
    ws.prepare()
    with ws.session(Clock(date(2026, 11, 25))) as session:
        (plan,) = session.plans.list()
        assert plan.title == "Kế hoạch năm trước" and not plan.draft
        columns = {r[1] for r in session.rows("PRAGMA table_info(tasks)")}
        assert "previous_id" in columns
