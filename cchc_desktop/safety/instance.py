"""One program per data folder: an operating-system lock on a file in the folder. The system drops
the lock when the process ends, however it ends, so a power cut never leaves the folder "in use"."""
from __future__ import annotations

import os
from pathlib import Path

from cchc_desktop.safety.locks import lock_fd, unlock_fd

LOCK_FILE = ".dang-mo.lock"


class InstanceLock:
    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / LOCK_FILE
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """True if this process now owns the folder; False if another program has it."""
        if self._fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(str(self.path), os.O_RDWR | os.O_CREAT, 0o644)
        try:
            lock_fd(fd, exclusive=True)
        except OSError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            try:
                unlock_fd(self._fd)
            finally:
                os.close(self._fd)
                self._fd = None
