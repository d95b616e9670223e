"""Schema 5: the database knows itself and counts its writes.

- ``PRAGMA application_id`` carries the program's own number: a foreign SQLite file (another program's,
  or a copy of some other database) is told apart on open and on restore.
- ``data_version.writes`` counts every change (one per audit row, by a trigger, so no write path can
  forget it). Recovery orders snapshots by it, not by a date the PC's clock may have got wrong, and
  counts what going back would lose from it.
"""
from __future__ import annotations

import sqlite3

APPLICATION_ID = 0x43434843     # "CCHC"


def upgrade(conn: sqlite3.Connection, now: str) -> None:
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("CREATE TABLE data_version (id INTEGER PRIMARY KEY CHECK (id = 1), writes INTEGER NOT NULL)")
    conn.execute("INSERT INTO data_version (id, writes) SELECT 1, count(*) FROM audit_log")
    conn.execute("CREATE TRIGGER audit_counts_writes AFTER INSERT ON audit_log "
                 "BEGIN UPDATE data_version SET writes = writes + 1 WHERE id = 1; END")
