"""One lock for every writer of a data folder, the window and every command alike.

Writers hold it *shared* (several may write at once: SQLite orders their transactions). Swapping the
data (restore, undo, finishing an interrupted swap, sweeping leftovers) holds it *exclusive*, so no
writer is half-way through when the files move. The operating system drops the lock when a process
ends, however it ends. A writer kept waiting is told why (``on_wait``).

One process holds the lock through one open file per folder: taking it exclusive while holding it
shared converts the same lock (never a second one that would wait on itself).
"""
from __future__ import annotations

import os
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

LOCK_FILE = ".ghi.lock"
WAIT_SECONDS = float(os.environ.get("CCHC_LOCK_WAIT_SECONDS", "120"))
_POLL = 0.05


class LockBusy(Exception):
    """The lock could not be had within the wait."""


class _FolderLock:
    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / LOCK_FILE
        self.fd: int | None = None
        self.mode: str | None = None          # None, "shared", "exclusive"
        self.guard = threading.RLock()

    def _open(self) -> int:
        if self.fd is None:
            self.fd = os.open(str(self.path), os.O_RDWR | os.O_CREAT, 0o644)
        return self.fd

    def take(self, mode: str, on_wait: Callable[[str], None] | None, wait: float) -> None:
        fd = self._open()
        told = False
        deadline = time.monotonic() + wait
        while True:
            try:
                lock_fd(fd, exclusive=mode == "exclusive")
                self.mode = mode
                return
            except OSError:
                if time.monotonic() >= deadline:
                    if self.mode is not None:      # a failed conversion: hold what was held before
                        try:
                            lock_fd(fd, exclusive=self.mode == "exclusive", blocking=True)
                        except OSError:
                            self.mode = None
                    raise LockBusy(mode) from None
                if on_wait is not None and not told:
                    on_wait(mode)
                    told = True
                time.sleep(_POLL)

    def drop(self) -> None:
        if self.fd is not None:
            try:
                unlock_fd(self.fd)
            finally:
                os.close(self.fd)
                self.fd = None
                self.mode = None


_held: dict[str, _FolderLock] = {}
_registry = threading.Lock()


def _get(data_dir: Path) -> _FolderLock:
    key = os.path.normcase(os.path.abspath(str(data_dir)))
    with _registry:
        if key not in _held:
            _held[key] = _FolderLock(Path(data_dir))
        return _held[key]


def hold_shared(data_dir: Path, on_wait: Callable[[str], None] | None = None, wait: float | None = None) -> None:
    """Hold the folder as a writer until ``release`` (or the process ends). Raises ``LockBusy``."""
    lock = _get(data_dir)
    with lock.guard:
        if lock.mode is None:
            lock.take("shared", on_wait, WAIT_SECONDS if wait is None else wait)


def release(data_dir: Path) -> None:
    lock = _get(data_dir)
    with lock.guard:
        lock.drop()


def mode(data_dir: Path) -> str | None:
    return _get(data_dir).mode


@contextmanager
def exclusive(data_dir: Path, on_wait: Callable[[str], None] | None = None,
              wait: float | None = None) -> Iterator[None]:
    """The folder to this process alone for the block; afterwards the lock is as it was.

    Raises ``EnvironmentProblem`` when the disk, a permission or a lock stands in the way."""
    lock = _get(data_dir)
    with lock.guard:
        before = lock.mode
        if before != "exclusive":
            try:
                lock.take("exclusive", on_wait, WAIT_SECONDS if wait is None else wait)
            except LockBusy:
                from cchc_desktop.errors import EnvironmentProblem
                from cchc_desktop.i18n import tr
                raise EnvironmentProblem(
                    tr("Chương trình khác (cửa sổ hoặc lệnh CCHC Desktop) đang ghi vào thư mục dữ liệu {d}.",
                       d=data_dir),
                    tr("Dữ liệu không bị thay đổi. Hãy đợi việc đó xong hoặc đóng chương trình kia rồi thử lại.")
                ) from None
        try:
            yield
        finally:
            if before is None:
                lock.drop()
            elif before == "shared":
                lock.take("shared", None, WAIT_SECONDS)


def try_exclusive(data_dir: Path) -> bool:
    """Take the folder exclusive at once if nobody else writes (start-up recovery); False otherwise."""
    lock = _get(data_dir)
    with lock.guard:
        if lock.mode == "exclusive":
            return True
        try:
            lock.take("exclusive", None, 0)
            return True
        except (LockBusy, OSError):
            return False


def to_shared(data_dir: Path) -> None:
    lock = _get(data_dir)
    with lock.guard:
        if lock.mode == "exclusive":
            lock.take("shared", None, WAIT_SECONDS)


if sys.platform == "win32":
    import ctypes
    from ctypes import wintypes
    import msvcrt

    _LOCKFILE_FAIL_IMMEDIATELY, _LOCKFILE_EXCLUSIVE_LOCK = 0x1, 0x2

    class _OVERLAPPED(ctypes.Structure):
        _fields_ = [("Internal", ctypes.c_void_p), ("InternalHigh", ctypes.c_void_p),
                    ("Offset", wintypes.DWORD), ("OffsetHigh", wintypes.DWORD), ("hEvent", wintypes.HANDLE)]

    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)

    def lock_fd(fd: int, *, exclusive: bool, blocking: bool = False) -> None:
        """Lock byte 0 of the open file ``fd``; OSError when another process holds it (not blocking)."""
        handle = msvcrt.get_osfhandle(fd)
        _kernel32.UnlockFileEx(handle, 0, 1, 0, ctypes.byref(_OVERLAPPED()))   # a conversion: drop, then take
        flags = (_LOCKFILE_EXCLUSIVE_LOCK if exclusive else 0) | (0 if blocking else _LOCKFILE_FAIL_IMMEDIATELY)
        if not _kernel32.LockFileEx(handle, flags, 0, 1, 0, ctypes.byref(_OVERLAPPED())):
            raise OSError(ctypes.get_last_error(), "lock busy")

    def unlock_fd(fd: int) -> None:
        _kernel32.UnlockFileEx(msvcrt.get_osfhandle(fd), 0, 1, 0, ctypes.byref(_OVERLAPPED()))
else:
    import fcntl

    def lock_fd(fd: int, *, exclusive: bool, blocking: bool = False) -> None:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | (0 if blocking else fcntl.LOCK_NB))

    def unlock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
