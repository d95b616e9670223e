"""Is a folder on a network share? SQLite's WAL mode needs shared memory that network file systems do not
give, so a database there runs in rollback-journal mode (``connection.connect`` asks here).

Detected: a UNC path (``\\\\server\\share``, ``//server/share``); on Windows a drive letter mapped to a share;
on Linux a mount of a network file system type read from ``/proc/mounts`` (the mount holding the folder is
the longest mount point above it)."""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

MOUNTS = Path("/proc/mounts")
NETWORK_TYPES = {"nfs", "nfs4", "cifs", "smb", "smbfs", "smb2", "smb3", "sshfs", "fuse.sshfs", "9p", "afs",
                 "ncpfs", "davfs", "fuse.davfs", "glusterfs", "fuse.glusterfs", "ceph", "fuse.rclone"}
_OCTAL = re.compile(r"\\([0-7]{3})")


def _unescape(field: str) -> str:
    """/proc/mounts writes a space in a mount point as \\040 (and tab, newline, backslash likewise)."""
    return _OCTAL.sub(lambda m: chr(int(m.group(1), 8)), field)


def mount_table(text: str) -> list[tuple[str, str]]:
    """(mount point, file system type) for each line of a /proc/mounts text."""
    found = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            found.append((_unescape(fields[1]), fields[2].lower()))
    return found


def _mount_of(path: str, table: list[tuple[str, str]]) -> tuple[str, str] | None:
    best = None
    for point, kind in table:     # the last mount on a point hides earlier ones: ">=" keeps it
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) >= len(best[0])):
            best = (point, kind)
    return best


def _windows_remote_drive(path: str) -> bool:
    import ctypes
    drive = os.path.splitdrive(path)[0]
    if not drive:
        return False
    DRIVE_REMOTE = 4
    return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE


def network_share(folder: Path | str) -> str | None:
    """What kind of network share holds ``folder`` ("UNC", "ổ mạng" or the mount's type), or None."""
    text = str(folder)
    if text.startswith(("\\\\", "//")) and not text.startswith(("\\\\?\\", "\\\\.\\")) or \
            text.startswith("\\\\?\\UNC\\"):
        return "UNC"
    return _cached(os.path.abspath(text), str(MOUNTS))


@lru_cache(maxsize=64)
def _cached(path: str, mounts: str) -> str | None:
    if os.name == "nt":
        try:
            return "ổ mạng" if _windows_remote_drive(path) else None
        except (OSError, AttributeError, ValueError):
            return None
    try:
        table = mount_table(Path(mounts).read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None
    try:
        path = os.path.realpath(path)
    except OSError:
        pass
    mount = _mount_of(path, table)
    if mount is None:
        return None
    kind = mount[1]
    return kind if kind in NETWORK_TYPES or kind.startswith(("nfs", "smb", "cifs")) else None


def forget() -> None:
    """Read the mount table again next time (a test fakes it; a share mounted while the program runs)."""
    _cached.cache_clear()
