"""SQLite connections: one per thread, WAL, foreign keys, durable commits.

Why these settings:
- WAL lets the GUI read while a background job writes, and survives power cuts. On a network share (UNC path,
  mapped drive, nfs/cifs/smb/sshfs mount: ``db/network.py``) WAL is unsafe, so the rollback journal is used.
- synchronous=FULL: a commit that returned is on disk (the data is official record).
- busy_timeout: a second window or a backup holding the lock waits instead of failing.
- isolation_level=None: we issue BEGIN/COMMIT ourselves (see ``transaction``); the
  sqlite3 module's implicit transactions would otherwise commit at surprising times.
"""
from __future__ import annotations

import os
import sqlite3
import threading
import unicodedata
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from db.fs import force_delete, replace

BUSY_TIMEOUT_MS = 5000


def read_only_uri(path: Path | str) -> str:
    """A read-only URI. In a folder nobody can write (a write-protected stick, a CD) SQLite could not make
    the WAL index it needs, so the file is opened as immutable: nobody can change it there anyway."""
    path = Path(path)
    # abspath, not resolve(): on Windows resolve() turns a mapped drive (Z:\) into \\server\share, a URI
    # SQLite refuses; a relative path or ".." is made whole all the same
    uri = Path(os.path.abspath(path)).as_uri() + "?mode=ro"
    if path.parent.exists() and not os.access(path.parent, os.W_OK):
        uri += "&immutable=1"
    return uri


def header(path: Path | str) -> dict | None:
    """What the first 100 bytes of an SQLite file say (None when they are not an SQLite header)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(100)
    except OSError:
        return None
    if len(head) < 100 or not head.startswith(b"SQLite format 3\x00"):
        return None
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    counter, pages, valid_for = (int.from_bytes(head[i:i + 4], "big") for i in (24, 28, 92))
    return {"page_size": page_size, "pages": pages if counter == valid_for else None,
            "user_version": int.from_bytes(head[60:64], "big"),
            "application_id": int.from_bytes(head[68:72], "big")}


def journal_mode(path: Path | str) -> str:
    """WAL, except on a network share, where SQLite's WAL is not safe: the rollback journal there."""
    from db.network import network_share
    return "DELETE" if network_share(Path(path).parent) else "WAL"


def _composed(text: str) -> str:
    """Every text stored, composed (NFC): decomposed input (the Windows Vietnamese keyboard, Unikey's
    "Unicode tổ hợp") would print with misplaced tones and compare unequal to the same word typed otherwise.
    Registered for ``str`` itself, so every parameter of every statement passes here: no write path can
    forget it (migration 6 composed what was stored before)."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


sqlite3.register_adapter(str, _composed)


def connect(path: Path | str, *, read_only: bool = False) -> sqlite3.Connection:
    """Open a connection with the project's settings. The caller's thread owns it."""
    path = Path(path)
    if read_only:
        uri = read_only_uri(path)
        conn = sqlite3.connect(uri, uri=True, isolation_level=None,
                               timeout=BUSY_TIMEOUT_MS / 1000)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None,
                               timeout=BUSY_TIMEOUT_MS / 1000)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if not read_only:
        conn.execute(f"PRAGMA journal_mode = {journal_mode(path)}")
        conn.execute("PRAGMA synchronous = FULL")
    return conn


_local = threading.local()


def _depth(conn: sqlite3.Connection) -> int:
    depths = getattr(_local, "depths", None)
    if depths is None:
        depths = _local.depths = {}
    return depths.get(id(conn), 0)


def _set_depth(conn: sqlite3.Connection, value: int) -> None:
    _local.depths[id(conn)] = value


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """All-or-nothing block. Nested blocks become savepoints of the outer one.

    BEGIN IMMEDIATE takes the write lock up front, so a conflict shows up at the
    start of an operation (and waits busy_timeout) rather than half-way through.
    """
    depth = _depth(conn)
    if depth == 0:
        conn.execute("BEGIN IMMEDIATE")
    else:
        conn.execute(f"SAVEPOINT sp{depth}")
    _set_depth(conn, depth + 1)
    try:
        yield conn
    except BaseException:
        _set_depth(conn, depth)
        if depth == 0:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        else:
            conn.execute(f"ROLLBACK TO sp{depth}")
            conn.execute(f"RELEASE sp{depth}")
        raise
    else:
        _set_depth(conn, depth)
        if depth == 0:
            conn.execute("COMMIT")
        else:
            conn.execute(f"RELEASE sp{depth}")


def backup_to(conn: sqlite3.Connection, target: Path) -> None:
    """Consistent online copy of the whole database (SQLite backup API), checked, durable, then renamed
    into place: a power cut leaves either the old file or the complete new one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    force_delete(tmp)
    dest = sqlite3.connect(str(tmp))
    try:
        conn.backup(dest)
        ok = dest.execute("PRAGMA integrity_check").fetchone()[0]
        if ok != "ok":
            raise sqlite3.DatabaseError(f"backup integrity check failed: {ok}")
        dest.execute("PRAGMA journal_mode = DELETE")   # a single self-contained file
    finally:
        dest.close()
    with open(tmp, "rb+") as handle:
        os.fsync(handle.fileno())
    replace(tmp, target)
    fsync_dir(target.parent)


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (a no-op where directories cannot be opened, as on Windows)."""
    try:
        fd = os.open(str(path), os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
