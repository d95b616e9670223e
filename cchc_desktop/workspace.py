"""A data folder (database, evidence files, backups, logs) and per-thread sessions on it.

Each thread that touches the data opens its own ``Session``: its own SQLite connection
and the services bound to it. Never pass a session to another thread.
"""
from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import Iterator

from cchc_desktop.errors import DataProblem, EnvironmentProblem, ValidationError, environment_problem
from cchc_desktop.i18n import MAX_YEAR, MIN_YEAR, tr
from db import connection
from db.migrate import LATEST_VERSION, MigrationFailed, SchemaTooNew, migrate, schema_version

DB_FILE = "cchc.sqlite3"
SQLITE_MAX_PATH_BYTES = 512     # SQLite's limit on a file's full path (UTF-8) on Linux and macOS
WINDOWS_MAX_PATH_CHARS = 260    # without the extended prefix, which SQLite is not given


class Clock:
    """Now and today. Tests and screenshots pin them (``CCHC_TODAY=2026-11-25``)."""

    def __init__(self, today: date | None = None):
        pinned = os.environ.get("CCHC_TODAY")
        if today is None and pinned:
            try:
                today = date.fromisoformat(pinned)
            except ValueError:
                raise ValidationError(tr("Biến môi trường CCHC_TODAY=“{v}” không phải ngày dạng 2026-11-25.",
                                         v=pinned[:40]), tr("Hãy sửa hoặc bỏ biến đó rồi chạy lại.")) from None
            if not MIN_YEAR <= today.year <= MAX_YEAR:
                raise ValidationError(tr("Biến môi trường CCHC_TODAY=“{v}”: năm {y} nằm ngoài khoảng {lo}–{hi} mà "
                                         "chương trình làm việc.", v=pinned[:40], y=today.year, lo=MIN_YEAR,
                                         hi=MAX_YEAR), tr("Hãy sửa hoặc bỏ biến đó rồi chạy lại."))
        self._today = today

    def today(self) -> date:
        return self._today or date.today()

    def now(self) -> str:
        if self._today:
            return datetime.combine(self._today, datetime.now().time()).isoformat(timespec="seconds")
        return datetime.now().isoformat(timespec="seconds")


def _writable(folder: Path) -> bool:
    """os.access alone says yes to root on a read-only mount: the mount is asked too."""
    if not os.access(folder, os.W_OK):
        return False
    try:
        return not os.statvfs(folder).f_flag & os.ST_RDONLY
    except (AttributeError, OSError):     # Windows: os.access sees the read-only attribute and the share
        return True


class Workspace:
    def __init__(self, data_dir: Path | str, *, read_only: bool = False):
        self.data_dir = Path(data_dir)
        self.read_only = read_only      # another window owns the folder: look, don't touch
        # The folder itself cannot be written (a write-protected stick, a CD): open it to read, refuse writes.
        self.read_only_folder = self.folder_read_only()
        self.read_only = read_only or self.read_only_folder
        self.db_path = self.data_dir / DB_FILE
        self.evidence_dir = self.data_dir / "minh-chung"
        self.backup_dir = self.data_dir / "sao-luu"
        self.log_dir = self.data_dir / "nhat-ky"
        self.view_dir = self.data_dir / "tam" / "xem"
        self.migration_backup: Path | None = None

    def prepare(self) -> None:
        """Create the folder and bring the database to the current schema (after finishing a restore
        that a power cut interrupted). A read-only workspace only checks that it can read the data.

        Raises ``DataProblem`` when stored data or a stored file is damaged, ``UserError`` when the
        officer has something to do first (said in Vietnamese)."""
        self._check_path_length()
        if self.read_only:
            self._check_identity()
            self._check_readable()
            return
        from cchc_desktop.safety.names import JOURNAL
        if (self.data_dir / JOURNAL).exists():     # first: mid-swap the database may be the one set aside
            from cchc_desktop.safety import locks
            from cchc_desktop.safety.archive import finish_pending
            with locks.exclusive(self.data_dir):
                finish_pending(self)
        self._check_identity()
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            conn = connection.connect(self.db_path)
            try:
                self.migration_backup = migrate(conn, backup_dir=self.backup_dir)
            finally:
                conn.close()
        except SchemaTooNew as exc:
            raise DataProblem(
                tr("Dữ liệu này do phiên bản CCHC Desktop mới hơn tạo ra (lược đồ {found}); "
                   "phiên bản đang chạy chỉ hiểu tới lược đồ {supported}.",
                   found=exc.found, supported=exc.supported),
                tr("Hãy cài phiên bản mới hơn. Dữ liệu không bị thay đổi.")) from exc
        except MigrationFailed as exc:
            raise DataProblem(
                tr("Nâng cấp dữ liệu lên lược đồ {v} không thành công; dữ liệu vẫn ở trạng thái cũ.",
                   v=exc.version),
                tr("Bản sao trước khi nâng cấp nằm trong thư mục {dir}. Hãy báo cho người hỗ trợ kỹ thuật.",
                   dir=self.backup_dir)) from exc
        except (OSError, sqlite3.Error) as exc:
            problem = environment_problem(exc, self.db_path)
            if problem:
                raise problem from exc
            raise DataProblem(
                tr("Tệp cơ sở dữ liệu {path} bị hỏng hoặc không phải dữ liệu của CCHC Desktop.",
                   path=self.db_path),
                tr("Hãy khôi phục từ bản sao lưu gần nhất.")) from exc

    def _check_path_length(self) -> None:
        """SQLite opens no file whose full path (with its "-journal") passes 512 bytes, and Windows none past
        260 characters: such a folder is refused by name, before anything is written there."""
        full = str(self.db_path.absolute()) + "-journal"
        too_long = len(full.encode("utf-8")) > SQLITE_MAX_PATH_BYTES or (
            os.name == "nt" and len(full) >= WINDOWS_MAX_PATH_CHARS)
        if too_long:
            raise EnvironmentProblem(
                tr("Đường dẫn của thư mục dữ liệu quá dài ({n} ký tự), cơ sở dữ liệu không mở được ở đó: {d}",
                   n=len(str(self.data_dir.absolute())), d=self.data_dir),
                tr("Hãy chọn thư mục dữ liệu có đường dẫn ngắn hơn (ví dụ D:\\DuLieuCCHC) rồi chép dữ liệu sang đó."))

    def _check_identity(self) -> None:
        """An empty, cut-short or foreign file is damage, never the start of a new empty store; so is a missing
        file in a folder that was in use (evidence or snapshots there). A foreign "-wal" is set aside before, by
        ``recovery.enter``, while no other process has the file open."""
        from cchc_desktop.safety.integrity import file_problem
        if not self.db_path.exists() and self._was_in_use():
            from cchc_desktop.safety.recovery import damaged
            raise damaged(self, [tr("không thấy tệp {f} trong thư mục đã có dữ liệu (bị xóa hoặc bị phần mềm diệt virus "
                                    "cách ly?); không tạo dữ liệu trống mới", f=self.db_path.name)])
        problem = file_problem(self.db_path)
        if problem:
            raise DataProblem(problem, tr("Hãy khôi phục bản sao tự động hoặc bản sao lưu gần nhất. Tệp này không bị "
                                          "xóa hay ghi đè."))

    def _was_in_use(self) -> bool:
        """Evidence files or automatic snapshots: this folder held data."""
        from cchc_desktop.safety.snapshots import FOLDER
        for folder in (self.evidence_dir, self.backup_dir / FOLDER):
            try:
                if folder.is_dir() and any(p.is_file() for p in folder.rglob("*")):
                    return True
            except OSError:
                return True
        return False

    @cached_property
    def network_share(self) -> str | None:
        """The kind of network share the data folder is on (then SQLite runs without WAL), or None."""
        from db.network import network_share
        return network_share(self.data_dir)

    def folder_read_only(self) -> bool:
        """The folder itself cannot be written (a write-protected USB stick, a CD, no permission)."""
        return self.data_dir.exists() and not _writable(self.data_dir)

    def _check_readable(self) -> None:
        conn = self.session()
        conn.close()

    def ensure_writable(self) -> None:
        """Raises ``EnvironmentProblem`` when the disk, a permission or a lock stands in the way."""
        if self.read_only_folder:
            raise EnvironmentProblem(
                tr("Thư mục dữ liệu {d} chỉ cho phép đọc (ổ chống ghi, đĩa CD hoặc thư mục không có quyền ghi): "
                   "chỉ xem được, không ghi được gì.", d=self.data_dir),
                tr("Hãy chép cả thư mục dữ liệu sang ổ đĩa ghi được rồi mở từ đó, hoặc bỏ chế độ chống ghi."))
        if self.read_only:
            raise EnvironmentProblem(
                tr("Cửa sổ này chỉ để xem: một cửa sổ CCHC Desktop khác đang làm việc trên cùng thư mục dữ liệu."),
                tr("Hãy sửa dữ liệu ở cửa sổ kia, hoặc đóng nó rồi mở lại chương trình."))

    def session(self, clock: Clock | None = None) -> "Session":
        """A new session for the calling thread. ``prepare`` must have run.

        Raises ``DataProblem`` when stored data or a stored file is damaged, ``EnvironmentProblem`` when
        the disk, a permission or a lock stands in the way."""
        try:
            conn = connection.connect(self.db_path, read_only=self.read_only)
        except (OSError, sqlite3.Error) as exc:
            raise environment_problem(exc, self.db_path) or exc
        version = schema_version(conn)
        if version != LATEST_VERSION:
            conn.close()
            raise DataProblem(tr("Cơ sở dữ liệu chưa được chuẩn bị (lược đồ {v}).", v=version))
        return Session(self, conn, clock or Clock())


class Session:
    """One thread's connection and the services that use it."""

    def __init__(self, workspace: Workspace, conn: sqlite3.Connection, clock: Clock):
        self.workspace = workspace
        self.conn = conn
        self.clock = clock

    @cached_property
    def db(self):
        import sqlite_utils  # lazily: only queries that want dict rows need it
        return sqlite_utils.Database(self.conn)

    def rows(self, sql: str, params=()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def one(self, sql: str, params=()) -> sqlite3.Row | None:
        return self.conn.execute(sql, params).fetchone()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All-or-nothing write. A locked, read-only or full disk becomes a Vietnamese UserError.

        Raises ``UserError`` when the officer has something to do first (said in Vietnamese)."""
        self.workspace.ensure_writable()
        try:
            with connection.transaction(self.conn) as conn:
                yield conn
        except (OSError, sqlite3.Error) as exc:
            problem = environment_problem(exc, self.workspace.db_path)
            if problem:
                raise problem from exc
            raise

    @cached_property
    def audit(self):
        from cchc_desktop.services.audit import AuditLog
        return AuditLog(self)

    @cached_property
    def profile(self):
        from cchc_desktop.services.profile import ProfileService
        return ProfileService(self)

    @cached_property
    def plans(self):
        from cchc_desktop.services.plans import PlanService
        return PlanService(self)

    @cached_property
    def units(self):
        from cchc_desktop.services.units import UnitService
        return UnitService(self)

    @cached_property
    def tasks(self):
        from cchc_desktop.services.tasks import TaskService
        return TaskService(self)

    @cached_property
    def evidence(self):
        from cchc_desktop.services.evidence import EvidenceService
        return EvidenceService(self)

    @cached_property
    def periods(self):
        from cchc_desktop.services.periods import PeriodService
        return PeriodService(self)

    @cached_property
    def statistics(self):
        from cchc_desktop.services.statistics import StatisticsService
        return StatisticsService(self)

    @cached_property
    def plan_import(self):
        from cchc_desktop.services.plan_import import PlanImportService
        return PlanImportService(self)

    @cached_property
    def reports(self):
        from cchc_desktop.services.reports import ReportService
        return ReportService(self)

    @cached_property
    def assessment(self):
        from cchc_desktop.services.assessment import AssessmentService
        return AssessmentService(self)

    @cached_property
    def rollover(self):
        from cchc_desktop.services.rollover import RolloverService
        return RolloverService(self)

    @cached_property
    def overview(self):
        from cchc_desktop.services.overview import OverviewService
        return OverviewService(self)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

