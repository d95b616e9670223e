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
from db.connection import backup_to, connect

KEEP_DAYS = 14
KEEP_MONTHS = 12
KEEP_TODAY = 10     # today's snapshots are all kept (up to this many): the morning's and each exit
FOLDER = "tu-dong"
_NAME = re.compile(r"^cchc-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(\w+)\.sqlite3$")


@dataclass(frozen=True)
class Snapshot:
    path: Path
    taken_at: datetime
    reason: str            # "ngay" (daily), "thoat" (on exit), "thu-cong" (asked for)

    @property
    def day(self) -> date:
        return self.taken_at.date()


def folder(workspace) -> Path:
    return workspace.backup_dir / FOLDER


def snapshots(workspace) -> list[Snapshot]:
    """Newest first."""
    found = []
    base = folder(workspace)
    if base.exists():
        for path in base.iterdir():
            match = _NAME.match(path.name)
            if match:
                parts = [int(x) for x in match.groups()[:6]]
                found.append(Snapshot(path, datetime(*parts), match.group(7)))
    return sorted(found, key=lambda s: (s.taken_at, s.path.name), reverse=True)


def take(workspace, reason: str, now: datetime | None = None) -> Snapshot:
    """A consistent copy of the database now (safe while the program is writing: WAL + backup API)."""
    now = now or datetime.now()
    target = folder(workspace) / f"cchc-{now:%Y%m%d-%H%M%S}-{reason}.sqlite3"
    try:
        conn = connect(workspace.db_path)
        try:
            backup_to(conn, target)
        finally:
            conn.close()
    except (OSError, sqlite3.Error) as exc:
        raise environment_problem(exc, target) or exc
    return Snapshot(target, now.replace(microsecond=0), reason)


def due_today(workspace, today: date) -> bool:
    return not any(s.day == today for s in snapshots(workspace))


def prune(workspace, today: date) -> list[Path]:
    """Delete snapshots nobody needs: keep the newest per day (last KEEP_DAYS days) and per month
    (last KEEP_MONTHS months). Returns what was deleted."""
    keep: set[Path] = set()
    days_seen: set[date] = set()
    months_seen: set[tuple[int, int]] = set()
    for index, snap in enumerate(snapshots(workspace)):   # newest first: the first of each day/month is kept
        if snap.day == today and index < KEEP_TODAY:
            keep.add(snap.path)
        if (today - snap.day).days < KEEP_DAYS and snap.day not in days_seen:
            days_seen.add(snap.day)
            keep.add(snap.path)
        month = (snap.day.year, snap.day.month)
        age = (today.year - month[0]) * 12 + today.month - month[1]
        if age < KEEP_MONTHS and month not in months_seen:
            months_seen.add(month)
            keep.add(snap.path)
    removed = []
    for snap in snapshots(workspace):
        if snap.path not in keep:
            try:
                snap.path.unlink()
                removed.append(snap.path)
            except OSError:
                continue
    return removed


def automatic(workspace, reason: str, now: datetime | None = None) -> Snapshot | None:
    """The snapshot the program takes by itself: on exit always, otherwise once a day."""
    now = now or datetime.now()
    if reason != "thoat" and not due_today(workspace, now.date()):
        return None
    snap = take(workspace, reason, now)
    prune(workspace, now.date())
    return snap
