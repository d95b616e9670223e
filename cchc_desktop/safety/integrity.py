"""Is the data whole? The database (SQLite's own checks, schema version, references), the evidence store
(every file against its hash) and the issued reports. ``quick`` is what runs at every start on an old
PC: SQLite's quick check and a look that every file is there with its size; the ``check`` command does
it all. Start-up also sweeps away what an interrupted operation left behind."""
from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from cchc_desktop.files import remove_files
from cchc_desktop.i18n import tr
from cchc_desktop.safety.names import JOURNAL, STAGING
from db.connection import header, read_only_uri
from db.migrate import LATEST_VERSION
from db.migrations import APPLICATION_ID
from db.fs import replace

log = logging.getLogger(__name__)


def _wal_holds_pages(path: Path) -> bool:
    """A checkpoint killed half-way leaves the header's new size in the file before the pages that grow it; the
    write-ahead log beside it still holds them all, and SQLite finishes the checkpoint on the next open."""
    try:
        return path.with_name(path.name + "-wal").stat().st_size > 32
    except OSError:
        return False


def file_problem(path: Path) -> str | None:
    """Damage that shows in the file itself, before SQLite is asked: empty, not SQLite, cut short, or the
    database of another program. None when the file looks like ours (or is not there)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None
    except OSError:
        return tr("Không đọc được tệp cơ sở dữ liệu {p}.", p=path)
    if size == 0:
        return tr("Tệp cơ sở dữ liệu rỗng (0 byte): nội dung đã mất, có thể do mất điện hoặc ổ đĩa lỗi.")
    found = header(path)
    if found is None:
        return tr("Tệp cơ sở dữ liệu không còn là tệp SQLite (phần đầu tệp bị hỏng hoặc bị ghi đè).")
    if found["pages"] and found["pages"] * found["page_size"] > size and not _wal_holds_pages(path):
        return tr("Tệp cơ sở dữ liệu bị cắt cụt: chỉ còn {have} trên {want} byte.", have=size,
                  want=found["pages"] * found["page_size"])
    return foreign_problem(path, found)


def foreign_wal(path: Path) -> bool:
    """A non-empty "-wal" beside our database that would turn it into something else once SQLite applied
    it (another program's, or an old copy's): tried on copies, with and without it, never on the data itself.
    Only a log that changes a sound database of ours into another one, or into a broken one, is foreign; a
    database already damaged on its own keeps its log (that log may hold the newest changes)."""
    wal = path.with_name(path.name + "-wal")
    try:
        if not path.exists() or not wal.exists() or wal.stat().st_size == 0:
            return False
    except OSError:
        return False
    ours = header(path)
    if ours is None or ours["application_id"] != APPLICATION_ID:
        return False
    import tempfile
    with tempfile.TemporaryDirectory(prefix="cchc-wal-") as folder:
        alone = Path(folder) / "rieng" / path.name
        alone.parent.mkdir()
        shutil.copyfile(path, alone)
        trial = Path(folder) / path.name
        shutil.copyfile(path, trial)
        shutil.copyfile(wal, trial.with_name(trial.name + "-wal"))
        before, after = _identity(alone), _identity(trial)
    if before is None or not before[2]:
        return False          # damaged without the log too: the log is not what breaks it
    return after is None or after[0] != APPLICATION_ID or after[1] < before[1] or not after[2]


def _identity(path: Path) -> tuple[int, int, bool] | None:
    """(application id, schema version, quick check passes) of a database, or None when it does not open."""
    try:
        conn = sqlite3.connect(str(path), timeout=1)
        try:
            return (conn.execute("PRAGMA application_id").fetchone()[0],
                    conn.execute("PRAGMA user_version").fetchone()[0],
                    conn.execute("PRAGMA quick_check").fetchone()[0] == "ok")
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def set_aside_foreign_wal(path: Path, aside_dir: Path) -> str | None:
    """Move a foreign "-wal" (and its "-shm") out of the way, into ``aside_dir``; the message to show, or None."""
    if not foreign_wal(path):
        return None
    aside_dir.mkdir(parents=True, exist_ok=True)
    stamp = len(list(aside_dir.glob("wal-la-*"))) + 1
    for suffix in ("-wal", "-shm"):
        source = path.with_name(path.name + suffix)
        if source.exists():
            replace(source, aside_dir / f"wal-la-{stamp}{suffix}")
    log.warning("foreign WAL beside %s set aside as wal-la-%s", path, stamp)
    return tr("Tệp “{n}-wal” bên cạnh cơ sở dữ liệu không thuộc về dữ liệu này (của chương trình khác hoặc của một bản "
              "chép cũ); nếu dùng nó, dữ liệu sẽ bị ghi đè. Tệp đã được chuyển sang {d} và dữ liệu được mở như cũ.",
              n=path.name, d=aside_dir)


def foreign_problem(path: Path, found: dict | None = None) -> str | None:
    """The file is an SQLite database, but not one of ours."""
    found = found or header(path)
    if found is None:
        return None
    app_id = found["application_id"]
    if app_id == APPLICATION_ID:
        return None
    if app_id == 0 and 1 <= found["user_version"] < 5 and _has_our_tables(path):
        return None        # written before schema 5 set the id: upgraded on open
    return tr("Tệp {p} là cơ sở dữ liệu của một chương trình khác, không phải dữ liệu của CCHC Desktop.", p=path.name)


def _has_our_tables(path: Path) -> bool:
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return {"plans", "tasks", "audit_log"} <= names


@dataclass
class CheckReport:
    schema_version: int | None = None
    database_problems: list[str] = field(default_factory=list)
    evidence_files: int = 0
    evidence_missing: list[str] = field(default_factory=list)     # sha256
    evidence_changed: list[str] = field(default_factory=list)
    unreferenced: int = 0                                           # stored files no record points to (harmless)
    reports_checked: int = 0
    reports_bad: list[str] = field(default_factory=list)            # numbers of issued reports whose file is bad
    cannot_open: list[str] = field(default_factory=list)            # not damage: this place will not let us open it
    notes: list[str] = field(default_factory=list)                  # what the check set right (a foreign -wal)

    @property
    def database_ok(self) -> bool:
        return not self.database_problems and self.schema_version == LATEST_VERSION

    @property
    def ok(self) -> bool:
        return not self.cannot_open and self.database_ok and not self.evidence_missing and not self.evidence_changed and not self.reports_bad

    def messages(self) -> list[str]:
        out = list(self.notes) + list(self.cannot_open) + list(self.database_problems)
        if self.schema_version is not None and self.schema_version != LATEST_VERSION:
            out.append(tr("Lược đồ dữ liệu {v}, chương trình cần {latest}.", v=self.schema_version,
                          latest=LATEST_VERSION))
        if self.evidence_missing:
            out.append(tr("{n} tệp minh chứng bị mất.", n=len(self.evidence_missing)))
        if self.evidence_changed:
            out.append(tr("{n} tệp minh chứng bị thay đổi hoặc hỏng.", n=len(self.evidence_changed)))
        if self.reports_bad:
            out.append(tr("Tệp của văn bản đã ban hành bị mất hoặc bị sửa: {n}.", n=", ".join(self.reports_bad)))
        return out

    def to_json(self) -> dict:
        return {"ok": self.ok, "cannot_open": self.cannot_open, "notes": self.notes,
                "database": {"ok": self.database_ok, "schema_version": self.schema_version,
                             "expected_schema_version": LATEST_VERSION, "problems": self.database_problems},
                "evidence": {"files": self.evidence_files, "missing": self.evidence_missing,
                             "changed": self.evidence_changed, "unreferenced": self.unreferenced},
                "reports": {"checked": self.reports_checked, "bad": self.reports_bad},
                "messages": self.messages()}


def check(workspace, *, quick: bool = False, files: bool = True, progress=None) -> CheckReport:
    """``files=False``: the database only (start-up, before the window; the files are looked at after)."""
    report = CheckReport()
    if not workspace.db_path.exists():
        report.database_problems.append(tr("Không có tệp cơ sở dữ liệu {p}.", p=workspace.db_path))
        return report
    problem = file_problem(workspace.db_path)
    if problem:
        report.database_problems.append(problem)
        return report
    hot_journal = workspace.db_path.with_name(workspace.db_path.name + "-journal")
    writable = os.access(workspace.data_dir, os.W_OK)
    if not writable and hot_journal.exists() and hot_journal.stat().st_size > 0:
        report.cannot_open.append(tr(
            "Không mở được cơ sở dữ liệu ở đây (không phải hỏng): còn tệp nhật ký giao dịch {j} của một lần ghi bị "
            "ngắt, mà thư mục {d} chỉ cho phép đọc nên không hoàn tất được. Hãy chép cả thư mục sang ổ đĩa ghi "
            "được rồi mở lại.", j=hot_journal.name, d=workspace.data_dir))
        return report
    try:
        if writable:    # a journal left by a cut-off write is rolled back, as any open does
            conn = sqlite3.connect(str(workspace.db_path), timeout=5)
        else:
            conn = sqlite3.connect(read_only_uri(workspace.db_path), uri=True, timeout=5)
    except sqlite3.Error as exc:
        log.warning("check: cannot open %s: %s", workspace.db_path, exc)
        report.cannot_open.append(tr("Không mở được cơ sở dữ liệu ở đây (không phải hỏng): {p}.", p=workspace.db_path))
        return report
    try:
        _check_database(conn, report, quick)
        if report.database_problems or not files:
            return report
        _check_files(workspace, conn, report, quick, progress)
    except sqlite3.OperationalError as exc:
        log.warning("check: %s: %s", workspace.db_path, exc)
        text = str(exc).lower()
        if "locked" in text or "busy" in text or "unable to open" in text or "readonly" in text:
            report.cannot_open.append(tr("Không đọc được cơ sở dữ liệu lúc này (đang bị khóa hoặc thư mục không "
                                         "cho phép): không phải hỏng. Hãy thử lại."))
        else:
            report.database_problems.append(tr("Cơ sở dữ liệu bị hỏng (chi tiết trong nhật ký)."))
    except sqlite3.DatabaseError as exc:
        log.warning("check: %s: %s", workspace.db_path, exc)
        report.database_problems.append(tr("Cơ sở dữ liệu bị hỏng (chi tiết trong nhật ký)."))
    finally:
        conn.close()
    return report


def _check_database(conn: sqlite3.Connection, report: CheckReport, quick: bool) -> None:
    report.schema_version = conn.execute("PRAGMA user_version").fetchone()[0]
    rows = conn.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()
    problems = [r[0] for r in rows if r[0] != "ok"]
    if problems:
        log.warning("integrity check: %s", problems[:20])
        report.database_problems.append(tr("SQLite thấy {n} chỗ hỏng trong cơ sở dữ liệu (chi tiết trong nhật ký).",
                                           n=len(problems)))
    if not problems and not quick:
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            report.database_problems.append(tr("{n} bản ghi trỏ tới bản ghi không còn (bảng {t}).", n=len(broken),
                                               t=", ".join(sorted({r[0] for r in broken}))))


def _check_files(workspace, conn: sqlite3.Connection, report: CheckReport, quick: bool, progress) -> None:
    from cchc_desktop.evidence_store import EvidenceStore   # hashing machinery: not needed at start-up
    store = EvidenceStore(workspace.evidence_dir)
    blobs = conn.execute("SELECT sha256, size FROM blobs ORDER BY sha256").fetchall()
    for done, (sha, size) in enumerate(blobs, start=1):
        state = _quick_state(store.path_for(sha), size) if quick else store.check(sha, size)
        report.evidence_files += 1
        if state == "missing":
            report.evidence_missing.append(sha)
        elif state != "ok":
            report.evidence_changed.append(sha)
        if progress:
            progress(done, len(blobs))
    report.unreferenced = len(store.stored_hashes() - {b[0] for b in blobs}) if not quick else 0
    bad = set(report.evidence_missing) | set(report.evidence_changed)
    for number, sha in conn.execute("SELECT number, sha256 FROM issued_reports WHERE deleted_at IS NULL"):
        report.reports_checked += 1
        if sha in bad:
            report.reports_bad.append(number)


def _quick_state(path: Path, size: int) -> str:
    try:
        return "ok" if path.stat().st_size == size else "changed"
    except FileNotFoundError:
        return "missing"


def sweep(workspace, older_than_seconds: float = 0) -> int:
    """Remove what interrupted operations left: half-copied evidence, viewer copies, snapshot temp files,
    an unfinished restore's staging folder (a restore under way has its journal and is finished instead)."""
    limit = time.time() - older_than_seconds
    removed = 0
    for scratch in (workspace.evidence_dir / ".tam", workspace.data_dir / "tam"):   # half-copied files, viewer copies
        if not scratch.exists():
            continue
        old = []
        for path in scratch.rglob("*"):
            try:
                if path.is_file() and path.stat().st_mtime <= limit:
                    old.append(path)
            except OSError:
                continue        # gone meanwhile
        removed += remove_files(old)    # a viewer copy still open in Word stays, logged, for the next sweep
    # Snapshot copies cut short (not rglob: set-aside data under sao-luu/ can hold thousands of files).
    removed += remove_files([*workspace.backup_dir.glob("*.tmp"), *(workspace.backup_dir / "tu-dong").glob("*.tmp")])
    staging = workspace.data_dir / STAGING
    if staging.exists() and not (workspace.data_dir / JOURNAL).exists():
        removed += remove_files([staging])      # an unfinished restore's files (read-only, as staged)
    return removed
