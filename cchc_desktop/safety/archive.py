"""One file to carry away on a USB stick: the database, every evidence file and a manifest of hashes.

Restoring is done in two steps. ``stage`` reads the archive safely (no name may leave the target
folder, sizes are capped so a zip bomb stops early), checks every hash and the database, and
unpacks it into a staging folder beside the data. Only then ``apply`` swaps it in, moving the
current data aside first (so the restore can be undone), under a small journal so a power cut in
the middle is finished on the next start. An older archive is brought up to date by the usual
migrations when the data folder is next opened.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from cchc_desktop import __version__
from cchc_desktop.errors import DataProblem, EnvironmentProblem, UserError, ValidationError, environment_problem
from cchc_desktop.files import long_path, remove_files
from cchc_desktop.i18n import format_size, tr
from db.connection import backup_to, connect, fsync_dir, read_only_uri
from db.fs import force_delete, replace
from cchc_desktop.safety.names import ASIDE_PREFIX, JOURNAL, STAGING, TEMP_PREFIX
from db.migrate import LATEST_VERSION

log = logging.getLogger(__name__)

FORMAT = "cchc-desktop-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DB_ENTRY = "cchc.sqlite3"
EVIDENCE_PREFIX = "minh-chung/"
CHUNK = 1 << 20
# Limits for reading an archive someone hands us.
MAX_ENTRIES = 200_000
MAX_ENTRY_BYTES = 4 << 30
MAX_TOTAL_BYTES = 64 << 30
MAX_MANIFEST_BYTES = 64 << 20
MAX_RATIO = 200                 # a real file never shrinks 200-fold; a zip bomb does
_ENTRY = re.compile(r"^(manifest\.json|cchc\.sqlite3|minh-chung/[0-9a-f]{2}/[0-9a-f]{64})$")


@dataclass
class ArchiveResult:
    path: Path
    files: int = 0
    size: int = 0
    damaged: list[str] = field(default_factory=list)    # evidence files whose content no longer matches
    missing: list[str] = field(default_factory=list)    # evidence files the store has lost


@dataclass
class StagedRestore:
    folder: Path
    created_at: str
    app_version: str
    schema_version: int
    commune: str
    files: int
    size: int


def _refuse(message: str, hint: str = "") -> ValidationError:
    return ValidationError(tr("Tệp sao lưu không dùng được: {m}", m=message),
                           hint or tr("Dữ liệu hiện tại không bị thay đổi. Hãy dùng một bản sao lưu khác."))


# ---------------------------------------------------------------------------- writing an archive

def create(workspace, out: Path, progress=None) -> ArchiveResult:
    """Write the archive to ``out`` (a temporary name first, then renamed: a pulled USB stick leaves
    no half archive under the real name).

    Raises ``EnvironmentProblem`` when the disk, a permission or a lock stands in the way."""
    out = Path(out)
    if out.suffix.lower() != ".zip":
        out = out.with_name(out.name + ".zip")
    temp = out.with_name(f"{TEMP_PREFIX}{out.name}")
    result = ArchiveResult(out)
    snapshot = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        sweep_target(out.parent)
        scratch = workspace.data_dir / "tam"
        if workspace.read_only_folder:       # nothing can be written there: the copy is made beside the archive
            scratch = out.parent
        snapshot = scratch / f"{TEMP_PREFIX}{out.stem}.sqlite3"
        conn = connect(workspace.db_path, read_only=workspace.read_only)
        try:
            backup_to(conn, snapshot)
            blobs = [(r[0], r[1]) for r in conn.execute("SELECT sha256, size FROM blobs ORDER BY sha256")]
            profile = conn.execute("SELECT value FROM settings WHERE key = 'profile.commune'").fetchone()
            schema = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
        entries = _write_zip(temp, workspace, snapshot, blobs, result, progress)
        manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, "app_version": __version__,
                    "schema_version": schema, "created_at": datetime.now().isoformat(timespec="seconds"),
                    "commune": profile[0] if profile else "", "files": entries}
        with zipfile.ZipFile(temp, "a", allowZip64=True) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        replace(temp, out)
        fsync_dir(out.parent)
    except (OSError, sqlite3.Error, zipfile.BadZipFile) as exc:
        # The file the system names (an unreadable evidence file, say), not always the target.
        culprit = Path(exc.filename) if isinstance(exc, OSError) and exc.filename else out
        raise environment_problem(exc, culprit) or exc
    finally:        # a pulled stick: what cannot go now is logged, and the next run removes it by its name
        remove_files(leftover for leftover in (temp, snapshot) if leftover is not None)
    result.size = out.stat().st_size
    return result


def sweep_target(folder: Path) -> int:
    """Remove what a killed backup left on its target (a USB stick): files named with TEMP_PREFIX."""
    try:
        leftovers = list(folder.glob(f"{TEMP_PREFIX}*"))
    except OSError:
        return 0
    return remove_files(leftovers)


def _write_zip(temp: Path, workspace, snapshot: Path, blobs, result: ArchiveResult, progress) -> list[dict]:
    entries = []
    total = len(blobs) + 1
    with zipfile.ZipFile(temp, "w", allowZip64=True) as archive:
        entries.append(_add(archive, snapshot, DB_ENTRY, zipfile.ZIP_DEFLATED))
        result.files += 1
        for done, (sha, _size) in enumerate(blobs, start=2):
            source = workspace.evidence_dir / sha[:2] / sha
            name = f"{EVIDENCE_PREFIX}{sha[:2]}/{sha}"
            if not long_path(source).exists():
                result.missing.append(sha)
                continue
            entry = _add(archive, source, name, zipfile.ZIP_STORED)   # PDFs and scans are compressed already
            if entry["sha256"] != sha:
                # Carried as it is (the manifest hashes what the archive holds), and reported: the check
                # after a restore will flag it just as it flags it now.
                result.damaged.append(sha)
            entries.append(entry)
            result.files += 1
            if progress:
                progress(done, total)
    return entries


def _add(archive: zipfile.ZipFile, source: Path, name: str, method: int) -> dict:
    digest, size = hashlib.sha256(), 0
    info = zipfile.ZipInfo(name, date_time=datetime.now().timetuple()[:6])
    info.compress_type = method
    with open(long_path(source), "rb") as src, archive.open(info, "w", force_zip64=True) as dst:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
            dst.write(chunk)
            size += len(chunk)
    return {"path": name, "sha256": digest.hexdigest(), "size": size}


# ---------------------------------------------------------------------------- reading one safely

def _open(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise ValidationError(tr("Không tìm thấy tệp {p}.", p=path)) from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _refuse(tr("tệp bị hỏng, bị cắt cụt hoặc không phải bản sao lưu của CCHC Desktop.")) from None


def _manifest(archive: zipfile.ZipFile) -> dict:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise _refuse(tr("có quá nhiều tệp bên trong ({n}).", n=len(infos)))
    names = set()
    total = 0
    for info in infos:
        if info.filename in names:
            raise _refuse(tr("có hai mục cùng tên “{n}” bên trong (tệp đã bị ghép hoặc sửa).", n=info.filename[:80]))
        if not _ENTRY.match(info.filename) or info.is_dir():
            raise _refuse(tr("có mục lạ “{n}” bên trong.", n=info.filename[:80]))
        if info.file_size > MAX_ENTRY_BYTES or (
                info.compress_size and info.file_size > 1 << 20 and info.file_size / info.compress_size > MAX_RATIO):
            raise _refuse(tr("mục “{n}” có kích thước bất thường.", n=info.filename[:80]))
        names.add(info.filename)
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise _refuse(tr("dữ liệu bên trong quá lớn ({s}).", s=format_size(total)))
    if MANIFEST not in names or DB_ENTRY not in names:
        raise _refuse(tr("thiếu bản kê hoặc thiếu cơ sở dữ liệu."))
    if archive.getinfo(MANIFEST).file_size > MAX_MANIFEST_BYTES:
        raise _refuse(tr("bản kê quá lớn."))
    try:
        manifest = json.loads(archive.read(MANIFEST).decode("utf-8"))
    except (ValueError, UnicodeDecodeError, zipfile.BadZipFile, OSError, EOFError):
        raise _refuse(tr("bản kê bị hỏng.")) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse(tr("không phải bản sao lưu của CCHC Desktop."))
    if manifest.get("format_version", 0) > FORMAT_VERSION:
        raise _refuse(tr("do phiên bản CCHC Desktop mới hơn tạo ra."), tr("Hãy cài phiên bản mới hơn rồi khôi phục."))
    files = manifest.get("files", [])
    listed = {e.get("path"): e for e in files if isinstance(e, dict)} if isinstance(files, list) else {}
    for entry in listed.values():
        size, digest = entry.get("size"), entry.get("sha256")
        if type(size) is not int or size < 0 or not isinstance(digest, str):
            raise _refuse(tr("bản kê ghi sai kích thước hoặc mã kiểm tra của “{n}”.", n=str(entry.get("path"))[:80]))
    if set(listed) != names - {MANIFEST}:
        raise _refuse(tr("danh sách tệp trong bản kê không khớp với nội dung."))
    manifest["_listed"] = listed
    return manifest


def _extract(archive: zipfile.ZipFile, entry: dict, target: Path) -> None:
    target = long_path(target)        # a deep data folder on Windows: past 260 characters
    target.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    limit = int(entry.get("size", -1))
    try:
        with archive.open(entry["path"]) as src, open(target, "wb") as dst:
            while chunk := src.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise _refuse(tr("mục “{n}” dài hơn bản kê ghi.", n=entry["path"]))
                digest.update(chunk)
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
    except (zipfile.BadZipFile, EOFError, zlib.error):
        raise _refuse(tr("mục “{n}” bị hỏng (cắt cụt hoặc sai dữ liệu).", n=entry["path"])) from None
    if size != limit or digest.hexdigest() != entry.get("sha256"):
        raise _refuse(tr("mục “{n}” không khớp mã kiểm tra SHA-256 (tệp đã bị sửa hoặc hỏng).", n=entry["path"]))
    if entry["path"].startswith(EVIDENCE_PREFIX):
        os.chmod(target, stat.S_IREAD)     # as the store keeps its files


def stage(workspace, path: Path, progress=None) -> StagedRestore:
    """Check the whole archive and unpack it beside the data. Nothing of the current data is touched.

    Raises ``EnvironmentProblem`` when the disk, a permission or a lock stands in the way,
    ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
    path = Path(path)
    staging = workspace.data_dir / STAGING
    discard_staging(workspace)
    try:
        with _open(path) as archive:
            manifest = _manifest(archive)
            listed = manifest["_listed"]
            need = sum(int(e.get("size", 0)) for e in listed.values())
            workspace.data_dir.mkdir(parents=True, exist_ok=True)
            free = shutil.disk_usage(workspace.data_dir).free
            if need > free:
                raise ValidationError(tr("Ổ đĩa không đủ chỗ để khôi phục: cần {n}, còn {f}.",
                                         n=format_size(need), f=format_size(free)),
                                      tr("Hãy giải phóng bớt ổ đĩa rồi thử lại."))
            for done, entry in enumerate(listed.values(), start=1):
                _extract(archive, entry, staging / entry["path"])
                if progress:
                    progress(done, len(listed))
        schema = _check_database(staging / DB_ENTRY)
    except UserError:
        _discard_after_failure(workspace)
        raise
    except OSError as exc:
        _discard_after_failure(workspace)
        raise environment_problem(exc, staging) or exc
    (staging / "READY").write_text(path.name, encoding="utf-8")
    return StagedRestore(staging, str(manifest.get("created_at", "")), str(manifest.get("app_version", "")),
                         schema, str(manifest.get("commune", "")), len(listed), need)


def _check_database(path: Path) -> int:
    from cchc_desktop.safety.integrity import file_problem
    problem = file_problem(path)
    if problem:
        raise _refuse(problem)
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        raise _refuse(tr("cơ sở dữ liệu bên trong bị hỏng.")) from None
    if ok != "ok":
        log.warning("archive database fails its check: %s", ok)     # SQLite's own words: for the log only
        raise _refuse(tr("cơ sở dữ liệu bên trong bị hỏng (chi tiết trong nhật ký)."))
    if version > LATEST_VERSION:
        raise _refuse(tr("dữ liệu do phiên bản CCHC Desktop mới hơn tạo ra (lược đồ {v}).", v=version),
                      tr("Hãy cài phiên bản mới hơn rồi khôi phục. Dữ liệu hiện tại không bị thay đổi."))
    if version < LATEST_VERSION:
        _try_upgrade(path, version)
    return version


def _try_upgrade(path: Path, version: int) -> None:
    """An older archive is upgraded on a copy first: one that cannot be (lược đồ 0, tables missing) is refused
    before anything of the current data is set aside."""
    import tempfile
    from db.connection import connect
    from db.migrate import migrate
    if version < 1:
        raise _refuse(tr("cơ sở dữ liệu bên trong không có dữ liệu CCHC Desktop (lược đồ 0)."))
    with tempfile.TemporaryDirectory(prefix="cchc-thu-nang-cap-") as folder:
        trial = Path(folder) / path.name
        shutil.copyfile(path, trial)
        try:
            conn = connect(trial)
            try:
                migrate(conn, backup_dir=None)
            finally:
                conn.close()
        except Exception as exc:   # any failure of the trial: refuse, the current data stays in use
            log.warning("archive database cannot be upgraded from schema %s: %r", version, exc)
            raise _refuse(tr("cơ sở dữ liệu bên trong (lược đồ {v}) không nâng cấp được lên lược đồ hiện tại.",
                             v=version)) from None


def stage_snapshot(workspace, snapshot: Path) -> None:
    """Stage an automatic snapshot (the database only: the evidence store only ever grows, so the files
    the snapshot refers to are all still in it)."""
    _check_database(snapshot)
    discard_staging(workspace)
    staging = workspace.data_dir / STAGING
    staging.mkdir(parents=True)
    shutil.copyfile(snapshot, staging / DB_ENTRY)
    with open(staging / DB_ENTRY, "rb+") as handle:
        os.fsync(handle.fileno())
    (staging / "READY").write_text(snapshot.name, encoding="utf-8")


def _discard_after_failure(workspace) -> None:
    """Clear a restore that failed; the officer is told why it failed, and a leftover is logged (the next
    restore clears it before it starts, or says why it cannot)."""
    try:
        discard_staging(workspace)
    except UserError as problem:
        log.warning("staging not cleared after a failed restore: %s", problem.message)


def discard_staging(workspace) -> None:
    """Delete what a restore staged (its files are read-only, as the store keeps them).

    Raises ``EnvironmentProblem`` when something there cannot be deleted (held open, no permission)."""
    staging = workspace.data_dir / STAGING
    try:
        force_delete(staging)
    except OSError as exc:
        raise environment_problem(exc, staging) or EnvironmentProblem(
            tr("Không xóa được thư mục tạm của lần khôi phục trước ({d}).", d=staging),
            tr("Hãy đóng chương trình đang mở tệp trong thư mục đó rồi thử lại.")) from exc


# ---------------------------------------------------------------------------- swapping it in

def _journal(workspace) -> Path:
    return workspace.data_dir / JOURNAL


_ASIDE_SEQ = re.compile(r"-n(\d+)$")


def _aside_seq(path: Path) -> int:
    match = _ASIDE_SEQ.search(path.name)
    return int(match.group(1)) if match else 0


def _aside_name(workspace, now: datetime | None) -> str:
    """A fresh folder name under sao-luu/, numbered one past the last: the newest set-aside data is found
    by that number, never by a clock that may be wrong."""
    seq = max((_aside_seq(p) for p in _aside_folders(workspace)), default=0) + 1
    return f"{ASIDE_PREFIX}{(now or datetime.now()):%Y%m%d-%H%M%S}-n{seq}"


def _write_journal(workspace, record: dict) -> None:
    """The journal names everything the swap will move; it is on disk (file and folder synced) before
    the first move, so a kill at any later step is finished by the next start, whichever it is."""
    journal = _journal(workspace)
    temp = journal.with_name(journal.name + ".tam")
    try:
        with open(temp, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(record, ensure_ascii=False))
            handle.flush()
            os.fsync(handle.fileno())
        replace(temp, journal)
        fsync_dir(workspace.data_dir)
    except OSError as exc:      # nothing has moved yet: the data in use is as it was
        raise environment_problem(exc, workspace.data_dir) or EnvironmentProblem(
            tr("Chưa bắt đầu được việc thay dữ liệu ({e}).", e=exc),
            tr("Dữ liệu đang dùng không thay đổi. Hãy thử lại sau một lát.")) from exc


def apply(workspace, now: datetime | None = None) -> Path:
    """Swap the staged data in; the current data goes aside. Returns the aside folder.
    No connection to the database may be open (the window has closed it).

    Raises ``DataProblem`` when stored data or a stored file is damaged."""
    staging = workspace.data_dir / STAGING
    if not (staging / "READY").exists():
        raise DataProblem(tr("Chưa có bản sao lưu nào được kiểm tra để khôi phục."))
    from cchc_desktop.safety import locks
    with locks.exclusive(workspace.data_dir):
        checkpoint(workspace.db_path)
        name = _aside_name(workspace, now)
        _write_journal(workspace, {"aside": name, "source": STAGING})
        finish_pending(workspace)
    return workspace.backup_dir / name


def checkpoint(db_path: Path) -> None:
    """Fold the write-ahead log into the database file, so the file alone holds everything."""
    if not db_path.exists():
        return
    try:
        conn = sqlite3.connect(str(db_path))
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.Error:
        pass     # a damaged file is moved aside as it is


def _source(workspace, record: dict) -> Path:
    """Where the data coming in waits: the staging folder (a restore) or a set-aside folder (an undo)."""
    source = str(record.get("source", STAGING))
    if source == STAGING:
        return workspace.data_dir / STAGING
    if not source.startswith(ASIDE_PREFIX) or "/" in source or "\\" in source:
        raise ValueError(source)
    return workspace.backup_dir / source


def finish_pending(workspace) -> bool:
    """Complete a swap a power cut interrupted (idempotent: every step looks before it moves). True if
    there was one. Nothing is ever deleted that the journal names, until the journal is gone.

    Raises ``EnvironmentProblem`` when a file stays held longer than the retries wait (the journal is kept)."""
    journal = _journal(workspace)
    if not journal.exists():
        return False
    try:
        record = json.loads(journal.read_text(encoding="utf-8"))
        aside = workspace.backup_dir / str(record["aside"])
        if not aside.name.startswith(ASIDE_PREFIX):
            raise ValueError(aside.name)
        source = _source(workspace, record)
    except (ValueError, KeyError, TypeError, OSError):
        # Written whole before the first move (temporary name, then renamed): a journal that cannot be
        # read was never the start of a swap. It is kept aside for a person to look at, not deleted.
        replace(journal, journal.with_name(journal.name + ".hong"))
        return False
    try:
        _swap(workspace, source, aside)
    except OSError as exc:
        # Held by a scanner or another program longer than the retries wait: the journal stays, so the next
        # start finishes the swap from where it stopped. Nothing is lost either way.
        log.error("restore swap stopped at %s: %s", getattr(exc, "filename", None), exc)
        raise EnvironmentProblem(
            tr("Chưa hoàn tất được việc thay dữ liệu: một tệp trong thư mục dữ liệu đang bị chương trình khác giữ "
               "({f}).", f=getattr(exc, "filename", None) or workspace.data_dir),
            tr("Dữ liệu cũ và dữ liệu khôi phục đều còn nguyên. Hãy đóng các chương trình đang mở tệp trong thư mục "
               "dữ liệu (Word, Excel, trình xem PDF; phần mềm diệt virus đang quét thì đợi một lát) rồi mở lại "
               "CCHC Desktop: việc thay dữ liệu sẽ tự làm tiếp.")) from exc
    remove_files([journal])     # everything has moved: if held, the next start finds nothing left to do
    fsync_dir(workspace.data_dir)
    return True


def _swap(workspace, source: Path, aside: Path) -> None:
    """The moves the journal names, each skipped when already done (a second run after a kill or a lock)."""
    aside.mkdir(parents=True, exist_ok=True)
    fsync_dir(aside.parent)
    if (source / DB_ENTRY).exists():
        for suffix in ("", "-wal", "-shm", "-journal"):
            current = workspace.db_path.with_name(workspace.db_path.name + suffix)
            if current.exists():
                replace(current, aside / current.name)
        fsync_dir(aside)
        replace(source / DB_ENTRY, workspace.db_path)
        fsync_dir(workspace.data_dir)
    incoming = source / EVIDENCE_PREFIX.rstrip("/")
    if incoming.exists():
        if workspace.evidence_dir.exists():
            replace(workspace.evidence_dir, aside / workspace.evidence_dir.name)
            fsync_dir(aside)
        replace(incoming, workspace.evidence_dir)
        fsync_dir(workspace.data_dir)
        fsync_dir(source)
    # Everything named has moved: only now is what is left of the source cleared away.
    if source.name == STAGING:
        remove_files([source])      # what is left was not named by the journal; the next restore clears it
    else:
        for leftover in ("READY", f"{DB_ENTRY}-wal", f"{DB_ENTRY}-shm"):
            (source / leftover).unlink(missing_ok=True)
        try:
            source.rmdir()
        except OSError:
            pass       # something unexpected is in it: kept (it is no longer offered for an undo)


def asides(workspace) -> list[Path]:
    """Data set aside by restores, newest first."""
    if not workspace.backup_dir.exists():
        return []
    return sorted(_aside_folders(workspace), key=lambda p: (_aside_seq(p), p.name), reverse=True)


def _aside_folders(workspace) -> list[Path]:
    if not workspace.backup_dir.exists():
        return []
    return [p for p in workspace.backup_dir.iterdir() if p.name.startswith(ASIDE_PREFIX) and p.is_dir()]


def undo(workspace, now: datetime | None = None) -> Path:
    """Put back the data the last restore set aside; what the restore brought goes aside in turn.
    The set-aside folder itself is the source of the swap: nothing moves before the journal names it.

    Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
    from cchc_desktop.safety import locks
    with locks.exclusive(workspace.data_dir):
        found = [p for p in asides(workspace) if (p / workspace.db_path.name).exists()]
        if not found:
            raise ValidationError(tr("Không có lần khôi phục nào để hoàn tác."))
        previous = found[0]
        checkpoint(previous / workspace.db_path.name)
        checkpoint(workspace.db_path)
        name = _aside_name(workspace, now)
        _write_journal(workspace, {"aside": name, "source": previous.name})
        finish_pending(workspace)
    return workspace.backup_dir / name
