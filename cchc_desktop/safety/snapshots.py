"""Automatic snapshots of the database: one on exit and at most one a day otherwise, each a consistent
SQLite online backup. The newest of each of the last ``KEEP_DAYS`` days and of each of the last
``KEEP_MONTHS`` months are kept. Evidence files need no copies here: the store only ever grows and
every snapshot refers to files by their hash. Today's snapshots are all kept, up to ``KEEP_TODAY``."""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from cchc_desktop.errors import environment_problem
from cchc_desktop.files import remove_files
from db.connection import backup_to, connect, read_only_uri

KEEP_DAYS = 14
KEEP_MONTHS = 12
KEEP_TODAY = 10     # today's snapshots are all kept (up to this many): the morning's and each exit
# The newest this many (by their sequence number, not their date) are always kept: more than the day and
# month rules ever keep, so a start with the clock years ahead deletes none of the earlier ones.
KEEP_MIN = KEEP_DAYS + KEEP_MONTHS + KEEP_TODAY + 4
EARLIEST_SANE = date(2000, 1, 1)
FOLDER = "tu-dong"
# cchc-20261125-081500-ngay-n42.sqlite3 (older names have no "-n42": they sort before every numbered one)
_NAME = re.compile(r"^cchc-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-([a-z-]+?)(?:-n(\d+))?\.sqlite3$")


@dataclass(frozen=True)
class Snapshot:
    path: Path
    taken_at: datetime
    reason: str            # "ngay" (daily), "thoat" (on exit), "thu-cong" (asked for)
    seq: int = 0           # one more than the snapshot before: the order they were taken in, whatever the clock said

    @property
    def day(self) -> date:
        return self.taken_at.date()

    def odd_date(self, today: date) -> str:
        """"future" / "past" when the label cannot be right (the PC's clock was wrong), else ""."""
        if self.day > today:
            return "future"
        if self.day < EARLIEST_SANE:
            return "past"
        return ""


def label(snap: Snapshot, today: date | None = None) -> str:
    """The snapshot's time as its name says, and a warning when that cannot be right."""
    from cchc_desktop.i18n import format_datetime, tr
    text = format_datetime(snap.taken_at)
    odd = snap.odd_date(today or date.today())
    if odd == "future":
        return tr("{t} (ngày ở tương lai: đồng hồ máy tính đã bị sai)", t=text)
    if odd == "past":
        return tr("{t} (ngày quá xa trong quá khứ: đồng hồ máy tính đã bị sai)", t=text)
    return text


def folder(workspace) -> Path:
    return workspace.backup_dir / FOLDER


def snapshots(workspace) -> list[Snapshot]:
    """Newest first: by sequence number, then (for names from before numbering) by label."""
    found = []
    base = folder(workspace)
    if base.exists():
        for path in base.iterdir():
            match = _NAME.match(path.name)
            if match:
                parts = [int(x) for x in match.groups()[:6]]
                try:
                    taken = datetime(*parts)
                except ValueError:
                    continue
                found.append(Snapshot(path, taken, match.group(7), int(match.group(8) or 0)))
    return sorted(found, key=lambda s: (s.seq, s.taken_at, s.path.name), reverse=True)


def take(workspace, reason: str, now: datetime | None = None) -> Snapshot:
    """A consistent copy of the database now (safe while the program is writing: WAL + backup API).

    Raises ``EnvironmentProblem`` when the disk, a permission or a lock stands in the way."""
    now = now or datetime.now()
    seq = max((s.seq for s in snapshots(workspace)), default=0) + 1
    target = folder(workspace) / f"cchc-{now:%Y%m%d-%H%M%S}-{reason}-n{seq}.sqlite3"
    try:
        conn = connect(workspace.db_path)
        try:
            backup_to(conn, target)
        finally:
            conn.close()
    except (OSError, sqlite3.Error) as exc:
        raise environment_problem(exc, target) or exc
    return Snapshot(target, now.replace(microsecond=0), reason, seq)


def due_today(workspace, today: date) -> bool:
    return not any(s.day == today for s in snapshots(workspace))


def prune(workspace, today: date) -> list[Path]:
    """Delete snapshots nobody needs: the newest per day (last KEEP_DAYS days) and per month (last
    KEEP_MONTHS months) are kept, and today's. The clock alone never decides: a snapshot goes only when
    its age counted by the snapshots taken after it (the distinct days and months among them, leaving
    out the one just taken) agrees with its age by the clock. Always kept besides: the newest KEEP_MIN
    by sequence number before the one just taken, and every snapshot dated after today or before 2000 (its
    date says nothing about its age). When the newest snapshot's date jumps back, or more than KEEP_DAYS
    ahead of the one before it, nothing is deleted at all this time. Returns what was deleted."""
    found = snapshots(workspace)
    if len(found) > 1 and not 0 <= (found[0].day - found[1].day).days <= KEEP_DAYS:
        return []       # the clock jumped between the last two snapshots: nothing goes until a later one agrees
    keep: set[Path] = set()
    by_clock = _keep_by_clock(found, today)
    later_days: set[date] = set()
    later_months: set[tuple[int, int]] = set()
    for index, snap in enumerate(snapshots(workspace)):   # newest first
        month = (snap.day.year, snap.day.month)
        if index <= KEEP_MIN or snap.odd_date(today) or snap.path in by_clock:
            keep.add(snap.path)
        elif (snap.day not in later_days and len(later_days) < KEEP_DAYS) or (
                month not in later_months and len(later_months) < KEEP_MONTHS):
            keep.add(snap.path)          # young by the snapshots taken since: the clock has jumped
        if index > 0:
            later_days.add(snap.day)
            later_months.add(month)
    removed = []
    for snap in snapshots(workspace):
        if snap.path not in keep and remove_files([snap.path]):     # one held open is logged, pruned next time
            removed.append(snap.path)
    return removed


def _keep_by_clock(found: list[Snapshot], today: date) -> set[Path]:
    keep: set[Path] = set()
    days_seen: set[date] = set()
    months_seen: set[tuple[int, int]] = set()
    for index, snap in enumerate(found):   # newest first: the first of each day/month is kept
        if snap.day == today and index < KEEP_TODAY:
            keep.add(snap.path)
        if 0 <= (today - snap.day).days < KEEP_DAYS and snap.day not in days_seen:
            days_seen.add(snap.day)
            keep.add(snap.path)
        month = (snap.day.year, snap.day.month)
        age = (today.year - month[0]) * 12 + today.month - month[1]
        if age < KEEP_MONTHS and month not in months_seen:
            months_seen.add(month)
            keep.add(snap.path)
    return keep


def writes(path: Path) -> int | None:
    """The write counter stored in a database file (None when it cannot be read or predates it)."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            return conn.execute("SELECT writes FROM data_version WHERE id = 1").fetchone()[0]
        finally:
            conn.close()
    except (sqlite3.Error, TypeError):
        return None


def _state(path: Path) -> tuple | None:
    """What tells two copies of the database apart without reading them through: the write counter, the
    schema version and the settings (the one table written without an audit row). None when unreadable."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            writes = conn.execute("SELECT writes FROM data_version WHERE id = 1").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            settings = conn.execute("SELECT key, value FROM settings ORDER BY key").fetchall()
            return writes, version, tuple(settings)
        finally:
            conn.close()
    except (sqlite3.Error, TypeError):
        return None


def unchanged_since(workspace, snap: Snapshot) -> bool:
    """True when nothing was written to the database since ``snap`` was taken (so a new copy would be the
    same): its write counter, schema version and settings all agree with the live file's."""
    before = _state(snap.path)
    return before is not None and before == _state(workspace.db_path)


def automatic(workspace, reason: str, now: datetime | None = None) -> Snapshot | None:
    """The snapshot the program takes by itself: on exit, unless nothing was written since the newest
    snapshot (opening the program to look must not crowd older copies out); otherwise once a day.
    None when none was taken."""
    now = now or datetime.now()
    if reason != "thoat" and not due_today(workspace, now.date()):
        return None
    newest = next(iter(snapshots(workspace)), None)
    if reason == "thoat" and newest is not None and unchanged_since(workspace, newest):
        return None
    snap = take(workspace, reason, now)
    prune(workspace, now.date())
    return snap
