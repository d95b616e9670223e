"""A rotating log in the data folder: the crash dialog points the officer to it.

Rotation happens once, at start (files past 1 MB move to .1 … .5). The stdlib's
RotatingFileHandler would do it per record, but importing logging.handlers pulls in
sockets and pickle and costs start-up time on an old PC.
"""
from __future__ import annotations

import logging
from pathlib import Path

from db.fs import replace

LOG_NAME = "cchc.log"
MAX_BYTES = 1 << 20
KEEP = 5
_handler: logging.FileHandler | None = None


def _rotate(path: Path) -> None:
    if not path.exists() or path.stat().st_size < MAX_BYTES:
        return
    for index in range(KEEP - 1, 0, -1):
        older = path.with_name(f"{path.name}.{index}")
        if older.exists():
            replace(older, path.with_name(f"{path.name}.{index + 1}"))
    replace(path, path.with_name(f"{path.name}.1"))


def setup_logging(log_dir: Path) -> Path | None:
    """Log to ``log_dir/cchc.log``. Returns the path, or None if the folder is not writable."""
    global _handler
    path = Path(log_dir) / LOG_NAME
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
        _handler = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _rotate(path)
        handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    except OSError:
        return None  # a read-only data folder must not stop the program; it says so elsewhere
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    _handler = handler
    return path


def current_log_path() -> Path | None:
    return Path(_handler.baseFilename) if _handler is not None else None
