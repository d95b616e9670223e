"""Bring a database file to the schema this program knows, safely.

- A database newer than the program is refused (never touched).
- An existing database is copied aside before the first migration runs.
- Each migration runs in one transaction together with its ``user_version``
  bump; a failure rolls it back and raises. Nothing is logged-and-ignored.
"""
from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from db.connection import backup_to, transaction
from db.migrations import LATEST_VERSION, MIGRATIONS


class SchemaTooNew(Exception):
    def __init__(self, found: int, supported: int):
        super().__init__(f"database schema {found} is newer than supported {supported}")
        self.found = found
        self.supported = supported


class MigrationFailed(Exception):
    def __init__(self, version: int, cause: BaseException):
        super().__init__(f"migration to schema {version} failed: {cause!r}")
        self.version = version
        self.cause = cause


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def _has_tables(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] > 0


def migrate(conn: sqlite3.Connection, *, backup_dir: Path | None, now: str | None = None,
            migrations=MIGRATIONS) -> Path | None:
    """Upgrade in place. Returns the path of the pre-migration backup, if one was taken."""
    latest = len(migrations)
    current = schema_version(conn)
    if current > latest:
        raise SchemaTooNew(current, latest)
    if current == latest:
        return None
    now = now or datetime.now().isoformat(timespec="seconds")
    backup_path = None
    if backup_dir is not None and (current > 0 or _has_tables(conn)):
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup_path = backup_dir / f"truoc-nang-cap-v{current}-{stamp}.sqlite3"
        backup_to(conn, backup_path)
    for version in range(current + 1, latest + 1):
        module = migrations[version - 1]
        try:
            with transaction(conn):
                module.upgrade(conn, now)
                conn.execute(f"PRAGMA user_version = {version}")
        except Exception as exc:  # re-raised with the version for the caller
            raise MigrationFailed(version, exc) from exc
    return backup_path


__all__ = ["LATEST_VERSION", "MigrationFailed", "SchemaTooNew", "migrate", "schema_version"]
