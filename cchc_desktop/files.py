"""Writing files the officer asked for without ever leaving a half-written one behind."""
from __future__ import annotations

import logging
import ntpath
import os
import tempfile
from pathlib import Path

from cchc_desktop.errors import EnvironmentProblem, environment_problem
from cchc_desktop.i18n import tr
from db.fs import force_delete, is_brief_lock, replace

log = logging.getLogger(__name__)


WINDOWS_MAX_PATH = 260
_LONG_FROM = WINDOWS_MAX_PATH - 12     # a folder's path must leave room for an 8.3 name inside it


def extended_windows_path(text: str) -> str:
    r"""``text`` as Windows must be given a path of 260 characters or more when long paths are not enabled:
    absolute, normalised, with the ``\\?\`` prefix (``\\?\UNC\server\share\…`` for a network share).
    Shorter paths, and ones already prefixed, are returned unchanged."""
    if text.startswith("\\\\?\\") or text.startswith("\\\\.\\"):
        return text
    absolute = ntpath.normpath(ntpath.abspath(text) if ntpath.isabs(text) else text)
    if len(absolute) < _LONG_FROM:
        return text
    if absolute.startswith("\\\\"):
        return "\\\\?\\UNC\\" + absolute[2:]
    return "\\\\?\\" + absolute


def long_path(path: Path | str) -> Path:
    """The path to open, make or rename ``path`` with: on Windows one past 260 characters gets the extended
    prefix (the program never relies on the LongPathsEnabled setting); elsewhere ``path`` itself."""
    if os.name != "nt":
        return Path(path)
    return Path(extended_windows_path(os.path.abspath(path)))


def write_atomically(path: Path, write) -> Path:
    """Write to a temporary file beside ``path``, then rename: a half-written file never replaces a good one.

    Raises ``EnvironmentProblem`` when the disk, a permission or a lock stands in the way."""
    shown, path = path, long_path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=".tam-", suffix=path.suffix, dir=path.parent)
        os.close(fd)
        temp = Path(temp_name)
        try:
            write(temp)
            with open(temp, "rb+") as handle:
                os.fsync(handle.fileno())
            try:
                replace(temp, path)
            except OSError as exc:
                if is_brief_lock(exc) and path.exists():
                    raise _held_open(shown) from exc
                raise
        finally:
            if temp.exists():
                remove_files([temp])    # logged if held: the reason the write failed is what is told
    except OSError as exc:
        raise environment_problem(exc, shown) or exc
    return shown


_OFFICE_PROGRAMS = {".docx": "Word", ".doc": "Word", ".xlsx": "Excel", ".xls": "Excel", ".pdf": "trình xem PDF"}


def _held_open(path: Path) -> EnvironmentProblem:
    """The target is open in another program (Windows will not replace a file Word or Excel holds)."""
    program = _OFFICE_PROGRAMS.get(path.suffix.lower(), "chương trình khác")
    return EnvironmentProblem(
        tr("Tệp “{name}” đang được mở trong {program}, nên chưa ghi đè được.", name=path.name, program=program),
        tr("Hãy đóng tệp trong {program} rồi thử lại, hoặc lưu với tên khác.", program=program))


def write_bytes_atomically(path: Path, data: bytes) -> Path:
    return write_atomically(Path(path), lambda temp: temp.write_bytes(data))


def remove_files(paths) -> int:
    """Delete each of ``paths`` that can be deleted (leftovers: one that cannot is logged and left for the
    next sweep); how many were."""
    removed = 0
    for path in paths:
        try:
            force_delete(path)
            removed += 1
        except OSError as exc:
            log.warning("leftover %s not deleted yet: %s", path, exc)
    return removed
