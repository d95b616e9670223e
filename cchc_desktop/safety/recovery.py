"""What happens when the program starts on a data folder: finish a restore a power cut interrupted,
sweep away half-done temporary files, check the database quickly, and, if it is damaged, offer the
newest good snapshot and say plainly what would be lost."""
from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime

from cchc_desktop.errors import DataProblem
from cchc_desktop.i18n import format_datetime, tr
from cchc_desktop.safety import integrity, snapshots
from cchc_desktop.safety.names import JOURNAL
from cchc_desktop.safety.snapshots import Snapshot
from db.connection import fsync_dir, read_only_uri
from db.fs import replace


class DamagedDatabase(DataProblem):
    """The database failed its check. ``snapshot`` is the newest good one (or None); ``lost`` says
    what going back to it would lose."""

    def __init__(self, problems: list[str], snapshot: Snapshot | None, lost: str):
        if snapshot is not None:
            hint = tr("Có thể khôi phục bản sao tự động lúc {at}. {lost}", at=snapshots.label(snapshot), lost=lost)
        else:
            hint = tr("Không có bản sao tự động nào. Hãy khôi phục từ bản sao lưu trên USB (nếu có).")
        super().__init__(tr("Cơ sở dữ liệu bị hỏng ({why}).", why="; ".join(problems)[:200]), hint)
        self.problems, self.snapshot, self.lost = problems, snapshot, lost


@dataclass
class StartupReport:
    restore_finished: bool = False
    swept: int = 0
    warnings: list[str] = field(default_factory=list)


def enter(workspace, *, on_wait=None, create: bool = True) -> StartupReport:
    """What every entry point does first, the window and every command alike: take the folder's writer
    lock, and when no other writer is there, finish a swap a power cut interrupted and sweep what killed
    runs left. A read-only folder is left as it is (nothing there can be half-done by us).

    Raises ``DataProblem`` when stored data or a stored file is damaged."""
    from cchc_desktop.safety import locks
    report = StartupReport()
    if not workspace.data_dir.exists():
        if not create:
            return report
        workspace.data_dir.mkdir(parents=True, exist_ok=True)
    if workspace.read_only_folder or workspace.folder_read_only():
        return report
    if locks.try_exclusive(workspace.data_dir):
        try:
            _tidy(workspace, report)
        finally:
            locks.to_shared(workspace.data_dir)
        return report
    try:
        locks.hold_shared(workspace.data_dir, on_wait)
    except locks.LockBusy:
        raise DataProblem(tr("Một lần khôi phục hoặc hoàn tác dữ liệu đang chạy trên thư mục {d} và chưa xong.",
                             d=workspace.data_dir),
                          tr("Hãy đợi nó xong rồi thử lại. Dữ liệu không bị thay đổi.")) from None
    if (workspace.data_dir / JOURNAL).exists():     # a swap was cut off while other writers went on
        with locks.exclusive(workspace.data_dir, on_wait):
            _tidy(workspace, report)
    return report


def _tidy(workspace, report: StartupReport) -> None:
    """Under the exclusive lock (no other process has the data open, so a "-wal" is nobody's live log)."""
    if (workspace.data_dir / JOURNAL).exists():
        from cchc_desktop.safety import archive
        report.restore_finished = archive.finish_pending(workspace)
    report.swept = integrity.sweep(workspace, 0)
    moved = integrity.set_aside_foreign_wal(workspace.db_path, workspace.backup_dir)
    if moved:
        report.warnings.append(moved)


def start(workspace, *, own_folder: bool = True, check_database: bool = True) -> StartupReport:
    """Everything before the data is opened. ``own_folder``: this process holds the folder's lock, so
    every temporary file in it is an orphan. The window passes ``check_database=False`` and runs
    ``background_check`` once it shows (a large database takes a while to check on an old PC).

    Raises ``DataProblem`` when stored data or a stored file is damaged."""
    report = enter(workspace) if own_folder else StartupReport()
    if check_database and workspace.db_path.exists():
        found = integrity.check(workspace, quick=True, files=False)
        if found.database_problems:
            raise damaged(workspace, found.database_problems)
    return report


def damaged(workspace, problems: list[str]) -> DamagedDatabase:
    """The error to show for a damaged database, with the newest good snapshot and what going back loses."""
    snapshot = newest_good(workspace)
    return DamagedDatabase(problems, snapshot, what_would_be_lost(workspace, snapshot) if snapshot else "")


def background_check(workspace) -> tuple[DamagedDatabase | None, list[str]]:
    """Once the window shows, off the GUI thread: SQLite's quick check, and every evidence file there with
    its size (a look, not a hash). Returns the damage found, if any, and warnings for the banner."""
    found = integrity.check(workspace, quick=True)
    if found.database_problems:
        return damaged(workspace, found.database_problems), []
    return None, [m for m in found.messages() if "Lược đồ" not in m]


def newest_good(workspace) -> Snapshot | None:
    """The good snapshot holding the newest data: ordered by the write counter each one stores, then by
    sequence number, never by its label (a clock set back makes an old label look new)."""
    good = []
    for snap in snapshots.snapshots(workspace):
        try:
            conn = sqlite3.connect(read_only_uri(snap.path), uri=True)
            try:
                if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                    continue
            finally:
                conn.close()
        except sqlite3.Error:
            continue
        good.append((snapshots.writes(snap.path) or 0, snap.seq, snap))
    if not good:
        return None
    return max(good, key=lambda g: (g[0], g[1]))[2]


def what_would_be_lost(workspace, snapshot: Snapshot) -> str:
    """From the damaged file's own write counter and history, when they can still be read: every change
    after the snapshot's last one, whatever the clock said when either was written."""
    try:
        conn = sqlite3.connect(read_only_uri(snapshot.path), uri=True)
        try:
            kept_id = conn.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]
        finally:
            conn.close()
        kept_writes = snapshots.writes(snapshot.path)
        conn = sqlite3.connect(read_only_uri(workspace.db_path), uri=True)
        try:
            count, first, last = conn.execute(
                "SELECT count(*), min(at), max(at) FROM audit_log WHERE id > ?", (kept_id,)).fetchone()
            try:
                now_writes = conn.execute("SELECT writes FROM data_version WHERE id = 1").fetchone()[0]
            except (sqlite3.Error, TypeError):
                now_writes = None
        finally:
            conn.close()
    except sqlite3.Error:
        return tr("Mọi thay đổi sau thời điểm đó sẽ mất; tệp minh chứng vẫn còn nguyên trong kho.")
    if now_writes is not None and kept_writes is not None:
        count = max(count, now_writes - kept_writes)
    if not count:
        return tr("Theo nhật ký thay đổi, sau thời điểm đó không có thay đổi nào, nên không mất gì.")
    if not first:
        return tr("Sẽ mất {n} thay đổi ghi sau bản sao đó; tệp minh chứng vẫn còn nguyên trong kho.", n=count)
    return tr("Sẽ mất {n} thay đổi ghi từ {a} đến {b} (nhập lại được theo lịch sử); tệp minh chứng vẫn còn "
              "nguyên trong kho.", n=count, a=format_datetime(first), b=format_datetime(last))


def restore_snapshot(workspace, snapshot: Snapshot, now: datetime | None = None):
    """Put the snapshot in place of the damaged database; the damaged file is kept aside, never deleted."""
    aside = workspace.backup_dir / f"hong-{(now or datetime.now()):%Y%m%d-%H%M%S}"
    aside.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        current = workspace.db_path.with_name(workspace.db_path.name + suffix)
        if current.exists():
            replace(current, aside / current.name)
    temp = workspace.db_path.with_name(workspace.db_path.name + ".khoi-phuc")
    shutil.copyfile(snapshot.path, temp)
    with open(temp, "rb+") as handle:
        os.fsync(handle.fileno())
    replace(temp, workspace.db_path)
    fsync_dir(workspace.data_dir)
    return aside
