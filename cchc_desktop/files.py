"""Writing files the officer asked for without ever leaving a half-written one behind."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from cchc_desktop.errors import environment_problem


def write_atomically(path: Path, write) -> Path:
    """Write to a temporary file beside ``path``, then rename: a half-written file never replaces a good one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=".tam-", suffix=path.suffix, dir=path.parent)
        os.close(fd)
        temp = Path(temp_name)
        try:
            write(temp)
            with open(temp, "rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(temp, path)
        finally:
            if temp.exists():
                temp.unlink()
    except OSError as exc:
        raise environment_problem(exc, path) or exc
    return path


def write_bytes_atomically(path: Path, data: bytes) -> Path:
    return write_atomically(Path(path), lambda temp: temp.write_bytes(data))
