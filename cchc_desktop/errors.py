"""Errors the officer can act on, told apart from bugs.

A ``UserError`` carries a Vietnamese message saying what is wrong and what to do.
Anything else that escapes is a bug: the UI shows the crash dialog with the log path.
"""
from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from cchc_desktop.i18n import tr


class UserError(Exception):
    """Something the user can fix. ``str(err)`` is the full Vietnamese message."""

    title = "Không thực hiện được"

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


class ValidationError(UserError):
    """Bad input in a form or a command; ``field`` names the offending field."""

    title = "Dữ liệu chưa hợp lệ"

    def __init__(self, message: str, hint: str = "", field: str = ""):
        super().__init__(message, hint)
        self.field = field


class NotFound(UserError):
    title = "Không tìm thấy"


class EnvironmentProblem(UserError):
    """The machine is in the way: disk full, read-only folder, locked file, USB pulled."""

    title = "Sự cố về máy tính hoặc ổ đĩa"


class DataProblem(UserError):
    """The data itself: a damaged database, one made by a newer program version."""

    title = "Sự cố dữ liệu"


_WINDOWS_SHARING_VIOLATION = (32, 33)
_WINDOWS_DEVICE_GONE = (21, 55, 1006, 1117, 1167)   # not ready, network gone, volume changed, I/O device, unplugged
_WINDOWS_PATH_TOO_LONG = 206                         # ERROR_FILENAME_EXCED_RANGE
_WINDOWS_MAX_PATH = 260


def _too_long(path) -> bool:
    """A path Windows cannot take without the long-path prefix (260 characters or more)."""
    text = str(path or "")
    return len(text) >= _WINDOWS_MAX_PATH and not text.startswith("\\\\?\\")


def environment_problem(exc: BaseException, path: Path | str | None = None) -> EnvironmentProblem | None:
    """Translate an OS or SQLite error into a Vietnamese, actionable message.

    Returns None when the error is not an environment problem (then it is a bug).
    """
    where = f" ({path})" if path else ""
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            return EnvironmentProblem(
                tr("Cơ sở dữ liệu đang bị một chương trình khác giữ khóa{where}.", where=where),
                tr("Hãy đóng cửa sổ CCHC Desktop khác (nếu có) rồi thử lại."))
        if "readonly" in text or "read-only" in text:
            return EnvironmentProblem(
                tr("Thư mục dữ liệu chỉ cho phép đọc, không ghi được{where}.", where=where),
                tr("Hãy kiểm tra quyền ghi của thư mục hoặc chép dữ liệu sang ổ đĩa khác."))
        if "disk is full" in text or "database or disk is full" in text:
            return _disk_full(where)
        if path and _read_only_place(Path(path)) and ("unable to open" in text or "disk i/o" in text):
            return EnvironmentProblem(
                tr("Thư mục {d} chỉ cho phép đọc, không ghi được.", d=_folder_of(Path(path))),
                tr("Hãy chép dữ liệu sang ổ đĩa ghi được, hoặc bỏ chế độ chống ghi rồi thử lại."))
        if "unable to open" in text or "disk i/o" in text:
            return EnvironmentProblem(
                tr("Không mở hoặc không ghi được tệp dữ liệu{where}.", where=where),
                tr("Hãy kiểm tra ổ đĩa (USB có bị rút ra không) rồi thử lại."))
        return None
    if isinstance(exc, sqlite3.DatabaseError) and "not a database" in str(exc).lower():
        return None  # handled as DataProblem by the workspace
    if not isinstance(exc, OSError):
        return None
    code = exc.errno
    if getattr(exc, "winerror", None) in _WINDOWS_SHARING_VIOLATION:
        return _locked(where)
    if getattr(exc, "winerror", None) == _WINDOWS_PATH_TOO_LONG or (
            getattr(exc, "winerror", None) is not None
            and any(_too_long(p) for p in (exc.filename, exc.filename2, path))):
        code = errno.ENAMETOOLONG       # Windows says "not found" (2, 3) for a path it cannot take
    if getattr(exc, "winerror", None) in _WINDOWS_DEVICE_GONE:
        code = errno.EIO
    if code == errno.ENOSPC or code == getattr(errno, "EDQUOT", -1):
        return _disk_full(where)
    if code in (errno.EROFS,):
        return EnvironmentProblem(
            tr("Ổ đĩa chỉ cho phép đọc, không ghi được{where}.", where=where),
            tr("Hãy chọn ổ đĩa khác hoặc tắt chế độ chống ghi của USB."))
    if code in (errno.EACCES, errno.EPERM):
        return EnvironmentProblem(
            tr("Không có quyền đọc hoặc ghi tệp{where}.", where=where),
            tr("Tệp có thể đang được mở trong chương trình khác, hoặc thư mục bị cấm ghi. "
               "Hãy đóng chương trình đó hoặc kiểm tra quyền của thư mục rồi thử lại."))
    if code == errno.ENOENT:
        return EnvironmentProblem(
            tr("Không tìm thấy tệp hoặc thư mục{where}.", where=where),
            tr("Tệp có thể đã bị xóa, đổi tên hoặc USB đã bị rút ra. Hãy kiểm tra rồi thử lại."))
    if code in (errno.EIO, errno.ENXIO, errno.ENODEV):
        return EnvironmentProblem(
            tr("Lỗi đọc/ghi ổ đĩa{where}.", where=where),
            tr("Ổ đĩa hoặc USB có thể đã bị rút ra hoặc hỏng. Hãy cắm lại và thử lại."))
    if code == errno.EBUSY:
        return _locked(where)
    if code in (errno.ENAMETOOLONG,):
        return EnvironmentProblem(
            tr("Đường dẫn quá dài{where}.", where=where),
            tr("Windows không nhận đường dẫn từ 260 ký tự trở lên. Hãy chuyển tệp vào thư mục có đường dẫn "
               "ngắn hơn (ví dụ ngay trong ổ D:\\) hoặc đặt tên ngắn hơn rồi thử lại."))
    return None


def _folder_of(path: Path) -> Path:
    return path if path.is_dir() else path.parent


def _read_only_place(path: Path) -> bool:
    """The folder is there but cannot be written: a read-only mount or no permission, not a pulled stick."""
    import os
    folder = _folder_of(path)
    if not folder.exists():
        return False
    if not os.access(folder, os.W_OK):
        return True
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):
        return False


def _disk_full(where: str) -> EnvironmentProblem:
    return EnvironmentProblem(
        tr("Ổ đĩa đã đầy, không ghi thêm được{where}.", where=where),
        tr("Hãy xóa bớt tệp không cần thiết hoặc giải phóng dung lượng ổ đĩa rồi thử lại. "
           "Dữ liệu đã lưu trước đó vẫn an toàn."))


def _locked(where: str) -> EnvironmentProblem:
    return EnvironmentProblem(
        tr("Tệp đang được một chương trình khác mở và khóa{where}.", where=where),
        tr("Hãy đóng tệp trong chương trình đó (Word, Excel, trình xem PDF…) rồi thử lại."))


def as_user_error(exc: BaseException, path: Path | str | None = None) -> UserError | None:
    """The user-facing form of ``exc``, or None when it is a bug."""
    if isinstance(exc, UserError):
        return exc
    return environment_problem(exc, path)
