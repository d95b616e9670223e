"""Content-addressed store for evidence files (tài liệu kiểm chứng).

A file lives at ``<root>/<sha[:2]>/<sha256>``, read-only. ``put`` copies to a temporary
file, fsyncs it, re-reads it to check the hash, then renames it into place: after a
power cut there is either the whole verified file or nothing. The same content is
stored once however often it is attached.
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import stat
import time
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from cchc_desktop.errors import EnvironmentProblem, ValidationError, environment_problem
from cchc_desktop.files import long_path, remove_files
from cchc_desktop.i18n import tr
from db.fs import force_delete, replace

CHUNK = 1 << 20
TEMP_SUFFIX = ".part"
Progress = Callable[[int, int], None]
_WRITE_SIDE = {errno.ENOSPC, errno.EROFS, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int
    created: bool  # False when the content was already in the store


def hash_file(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return  # Windows has no directory fsync; NTFS journals the rename
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _view_copy_state(path: Path, size: int) -> str:
    """"whole" (a read-only file of ``size`` bytes), "absent", or "other" (anything else in the way)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return "absent"
    except OSError:
        return "other"
    whole = path.is_file() and info.st_size == size and not info.st_mode & stat.S_IWRITE
    return "whole" if whole else "other"


def _make_writable(path: Path) -> None:
    try:
        os.chmod(path, stat.S_IREAD | stat.S_IWRITE)
    except FileNotFoundError:
        pass


class EvidenceStore:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.temp_dir = self.root / ".tam"

    def path_for(self, sha256: str) -> Path:
        """Raises ``ValueError`` (with a Vietnamese message) for a value that cannot be read."""
        if not re.fullmatch(r"[0-9a-f]{64}", sha256):
            raise ValueError(f"not a sha256: {sha256!r}")
        return long_path(self.root / sha256[:2] / sha256)

    # ---------------------------------------------------------------- writing

    def put(self, source: Path, progress: Progress | None = None) -> StoredBlob:
        """Copy ``source`` into the store, durably and verified.

        Raises ``EnvironmentProblem`` when the disk, a permission or a lock stands in the way."""
        source = Path(source)
        size = self._check_source(source)
        temp = long_path(self.temp_dir / f"{uuid.uuid4().hex}{TEMP_SUFFIX}")
        try:
            temp.parent.mkdir(parents=True, exist_ok=True)
            sha256 = self._copy(source, temp, size, progress)
            if hash_file(temp)[0] != sha256:
                raise EnvironmentProblem(
                    tr("Bản chép của tệp “{name}” bị sai lệch khi ghi xuống ổ đĩa.", name=source.name),
                    tr("Ổ đĩa có thể bị lỗi. Hãy thử lại; nếu vẫn lỗi, hãy kiểm tra ổ đĩa."))
            final = self.path_for(sha256)
            if final.exists() and self.check(sha256, size) == "ok":
                return StoredBlob(sha256, size, created=False)
            final.parent.mkdir(parents=True, exist_ok=True)
            _make_writable(final)  # a damaged earlier copy is replaced by this verified one
            replace(temp, final)
            os.chmod(final, stat.S_IREAD)
            _fsync_dir(final.parent)
            return StoredBlob(sha256, size, created=True)
        except (ValidationError, EnvironmentProblem):
            raise
        except OSError as exc:
            raise environment_problem(exc, self._where(exc, source)) or exc
        finally:
            if temp.exists():
                remove_files([temp])    # one a scanner still holds is logged; the real error is what is told

    def _where(self, exc: OSError, source: Path) -> Path:
        """The place to name: the data folder when writing failed (a full disk is never the source file's)."""
        if exc.errno in _WRITE_SIDE:
            return self.root.parent
        if exc.filename and Path(exc.filename) != source:
            return self.root.parent
        return source

    def _check_source(self, source: Path) -> int:
        try:
            info = source.stat()
        except OSError as exc:
            raise environment_problem(exc, source) or exc
        if stat.S_ISDIR(info.st_mode):
            raise ValidationError(tr("“{name}” là một thư mục, không phải tệp.", name=source.name),
                                  tr("Hãy chọn các tệp bên trong thư mục."))
        if not stat.S_ISREG(info.st_mode):
            raise ValidationError(tr("“{name}” không phải là tệp thông thường.", name=source.name))
        if info.st_size == 0:
            raise ValidationError(tr("Tệp “{name}” rỗng (0 byte).", name=source.name),
                                  tr("Hãy kiểm tra lại tệp; có thể tệp chưa được lưu hoặc chép đủ."))
        return info.st_size

    def _copy(self, source: Path, temp: Path, size: int, progress: Progress | None) -> str:
        digest, copied = hashlib.sha256(), 0
        before = source.stat()
        with open(source, "rb") as src, open(temp, "xb") as dst:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                dst.write(chunk)
                copied += len(chunk)
                if progress:
                    progress(copied, size)
            dst.flush()
            os.fsync(dst.fileno())
        after = source.stat()
        if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns) or copied != after.st_size:
            raise EnvironmentProblem(
                tr("Tệp “{name}” thay đổi trong lúc đang chép.", name=source.name),
                tr("Hãy đóng chương trình đang sửa tệp đó rồi đính kèm lại."))
        return digest.hexdigest()

    def discard(self, sha256: str) -> None:
        """Remove a blob this operation created but could not record (rollback)."""
        force_delete(self.path_for(sha256))

    # ---------------------------------------------------------------- reading

    def check(self, sha256: str, size: int | None = None) -> str:
        """ "ok", "missing" or "changed" (content no longer matches its hash)."""
        path = self.path_for(sha256)
        try:
            if size is not None and path.stat().st_size != size:
                return "changed"
            return "ok" if hash_file(path)[0] == sha256 else "changed"
        except FileNotFoundError:
            return "missing"
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EPERM, errno.EIO):
                return "changed"
            raise

    def stored_hashes(self) -> set[str]:
        if not self.root.exists():
            return set()
        return {p.name for p in self.root.glob("??/*") if re.fullmatch(r"[0-9a-f]{64}", p.name)}

    def view_copy(self, sha256: str, file_name: str, dest_dir: Path) -> Path:
        """A read-only copy named like the original, for the system viewer: ``dest_dir/<name>``, or
        ``dest_dir/<n>/<name>`` when that one is there but is not a whole copy.

        The viewer never gets the stored file itself, so editing in Word cannot change the evidence.
        ``dest_dir`` belongs to one evidence record (one content), so a read-only copy of the right size
        already there is that content and is reopened as it is: Windows would refuse to overwrite it while
        Word or Acrobat still holds it open. Any other file in the way is left alone.

        Raises ``EnvironmentProblem`` when the disk, a permission or a lock stands in the way.
        """
        source = self.path_for(sha256)
        try:
            size = source.stat().st_size
        except FileNotFoundError:
            raise EnvironmentProblem(
                tr("Tệp minh chứng “{name}” không còn trong kho dữ liệu.", name=file_name),
                tr("Hãy chạy “Kiểm tra minh chứng” và đính kèm lại tệp gốc.")) from None
        name = safe_file_name(file_name)
        folder, attempt = dest_dir, 1
        while True:
            shown = folder / name
            target = long_path(shown)
            state = _view_copy_state(target, size)
            if state == "whole":
                return target
            if state == "absent":
                break
            attempt += 1                # something else is in the way: a new folder, never an overwrite
            folder = dest_dir / str(attempt)
        temp = target.with_name(f".{uuid.uuid4().hex}{TEMP_SUFFIX}")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, temp)
            os.chmod(temp, stat.S_IREAD)
            replace(temp, target)
        except OSError as exc:
            raise environment_problem(exc, shown) or exc
        finally:
            if temp.exists():
                force_delete(temp)
        return target

    def cleanup_temp(self, older_than_seconds: float = 3600) -> int:
        """Delete temporary files left by an interrupted copy. Returns how many."""
        if not self.temp_dir.exists():
            return 0
        limit = time.time() - older_than_seconds
        old = []
        for path in self.temp_dir.glob(f"*{TEMP_SUFFIX}"):
            try:
                if path.stat().st_mtime < limit:
                    old.append(path)
            except OSError:
                continue        # gone meanwhile
        return remove_files(old)    # one still held is logged and left for the next start


_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')      # reserved on Windows (and "/" everywhere), control characters
_DEVICES = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
            *(f"{port}{n}" for port in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³"))}
MAX_NAME_BYTES = 180    # ext4 takes 255 bytes, NTFS 255 UTF-16 units: a Vietnamese letter can be 3 bytes


def safe_file_name(name: str) -> str:
    """A file name every file system accepts, keeping Vietnamese letters: reserved characters become "_",
    trailing dots and spaces go (Windows drops them), a device name (CON, PRN, AUX, NUL, COM1–9, LPT1–9,
    with any extension) gets a "_" in front, and a long name is cut to MAX_NAME_BYTES keeping its extension.
    The original name stays in the data; this one is only for files the program writes out."""
    cleaned = _UNSAFE.sub("_", unicodedata.normalize("NFC", name)).strip(" .")
    stem, dot, ext = cleaned.rpartition(".")
    if not dot or not stem or len(ext) > 10 or " " in ext:
        stem, dot, ext = cleaned, "", ""
    stem = _cut(stem, MAX_NAME_BYTES - len((dot + ext).encode("utf-8"))).rstrip(" .") or "tep"
    if stem.split(".")[0].rstrip(" ").upper() in _DEVICES:
        stem = "_" + stem
    return stem + dot + ext


def _cut(text: str, limit: int) -> str:
    """The longest start of ``text`` whose UTF-8 form fits in ``limit`` bytes (never half a letter)."""
    data = text.encode("utf-8")
    return text if len(data) <= limit else data[:limit].decode("utf-8", errors="ignore")
