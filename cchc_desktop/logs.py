"""A rotating log in the data folder: the crash dialog points the officer to it."""
from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_NAME = "cchc.log"
_handler: logging.Handler | None = None


def setup_logging(log_dir: Path) -> Path | None:
    """Log to ``log_dir/cchc.log`` (5 files of 1 MB). Returns the path, or None if not writable."""
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
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1 << 20, backupCount=5,
                                                       encoding="utf-8", delay=True)
    except OSError:
        return None  # a read-only data folder must not stop the program; it says so elsewhere
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    _handler = handler
    return path


def current_log_path() -> Path | None:
    if isinstance(_handler, logging.handlers.RotatingFileHandler):
        return Path(_handler.baseFilename)
    return None
