"""Schema 6: every stored text in composed Unicode (NFC).

Text typed with the Windows Vietnamese keyboard or Unikey's "Unicode tổ hợp" arrives decomposed ("e" then a
combining hook): it looks the same on screen but prints with misplaced tones in the PDF and is a different
string to search, sort and compare. From now on the connection stores every text parameter composed (see
``db.connection``); this migration composes what was stored before. A value whose composed form would
collide with a unique one already there is left as it is (nothing is merged or lost).
"""
from __future__ import annotations

import sqlite3
import unicodedata


def _text_columns(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return [(table, column[1]) for table in tables
            for column in conn.execute(f'PRAGMA table_info("{table}")')
            if column[2].upper() in ("TEXT", "") and column[5] == 0]   # text, not part of the primary key


def upgrade(conn: sqlite3.Connection, now: str) -> None:
    for table, column in _text_columns(conn):
        rows = conn.execute(f'SELECT rowid, "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL'
                            f' AND typeof("{column}") = \'text\'').fetchall()
        for rowid, value in rows:
            if value.isascii() or unicodedata.is_normalized("NFC", value):
                continue
            try:
                conn.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = ?',
                             (unicodedata.normalize("NFC", value), rowid))
            except sqlite3.IntegrityError:
                continue    # its composed twin is already stored: both kept as they are
