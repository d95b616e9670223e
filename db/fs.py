"""File-system steps that must survive Windows: renames and deletes that ride out the brief locks an
antivirus scanner or the search indexer puts on a file just written, and deletes that clear the read-only
flag Windows refuses to delete through. The lowest layer, so the database's own backups use them too."""
from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
import time
from pathlib import Path
from typing import Callable

# Windows error codes of a file held for a moment by another program (ERROR_ACCESS_DENIED, which a
# scanner's open handle also gives on rename, and ERROR_SHARING_VIOLATION).
LOCK_WINERRORS = frozenset({5, 32})
# ERROR_LOCK_VIOLATION (33) is a byte-range lock: held, not passing.
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8)      # seconds between tries: about 1.5 s in all, then give up
PATH_TOO_LONG_WINERROR = 206                    # ERROR_FILENAME_EXCED_RANGE

_pause: Callable[[float], None] = time.sleep      # tests replace it, so a simulated lock costs no time


def is_brief_lock(exc: BaseException) -> bool:
    """True for the Windows errors a scanner's or indexer's momentary hold gives (winerror 5 or 32)."""
    return isinstance(exc, OSError) and getattr(exc, "winerror", None) in LOCK_WINERRORS


def retrying(step: Callable[[], object]):
    """``step()``, tried again with back-off while it fails with a brief Windows lock.

    Raises the last ``OSError`` when the lock outlasts ``RETRY_DELAYS``, or at once for any other error."""
    for delay in RETRY_DELAYS:
        try:
            return step()
        except OSError as exc:
            if not is_brief_lock(exc):
                raise
            _pause(delay)
    return step()


def replace(source: Path | str, target: Path | str) -> None:
    """``os.replace(source, target)``, riding out a brief lock on either file (see ``retrying``).

    Raises ``OSError`` when the rename cannot be done."""
    retrying(lambda: os.replace(source, target))


def _writable_then(func, path) -> None:
    """Clear the read-only flag of ``path`` (and of its folder, for a delete inside it), then redo ``func``."""
    for item in (path, os.path.dirname(path)):
        try:
            os.chmod(item, os.stat(item).st_mode | stat.S_IWRITE | (stat.S_IXUSR if item != path else 0))
        except OSError:
            pass
    retrying(lambda: func(path))


def force_delete(path: Path | str) -> None:
    """Delete the file or folder tree ``path``: read-only files (as the evidence store keeps them) are made
    writable first, and brief locks are ridden out. Nothing there is fine.

    Raises ``OSError`` when something could not be deleted (the caller says so; nothing is ignored)."""
    path = Path(path)
    if path.is_symlink() or path.is_file():
        try:
            retrying(path.unlink)
        except FileNotFoundError:
            return
        except PermissionError:
            _writable_then(os.unlink, str(path))
        return
    if not path.exists():
        return

    def again(func, failed, error: BaseException) -> None:
        if isinstance(error, FileNotFoundError):
            return
        if func in (os.unlink, os.remove, os.rmdir) and isinstance(error, OSError) and (
                isinstance(error, PermissionError) or is_brief_lock(error)):
            _writable_then(func, failed)
            return
        raise error

    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=again)
    else:
        shutil.rmtree(path, onerror=lambda func, failed, info: again(func, failed, info[1]))
    if path.exists():
        raise OSError(errno.ENOTEMPTY, "could not delete everything", str(path))
