"""Schema 4: a task's start as the plan writes it ("Thời gian › Bắt đầu"), kept verbatim beside its deadline."""
from __future__ import annotations

import sqlite3


def upgrade(conn: sqlite3.Connection, now: str) -> None:
    conn.execute("ALTER TABLE tasks ADD COLUMN start_text TEXT NOT NULL DEFAULT ''")
