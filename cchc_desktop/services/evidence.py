"""Evidence records: which file proves which task, with its document metadata.

The record is written only after the file is safely in the store; if anything fails,
no record is written and the files this operation added are removed again.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from cchc_desktop.errors import NotFound, ValidationError
from cchc_desktop.evidence_store import EvidenceStore, Progress, StoredBlob
from cchc_desktop.i18n import tr, year_problem
from cchc_desktop.model import Evidence, EvidenceInput
from cchc_desktop.services.audit import CREATE, DELETE, RESTORE, UPDATE, diff
from cchc_desktop.text import strip_controls

# Document-type and issuer codes as written in file names, without Vietnamese letters.
_TYPE_CODES = {"QD": "QĐ", "QĐ": "QĐ", "KH": "KH", "BC": "BC", "TB": "TB", "TTR": "TTr", "CV": "CV",
               "NQ": "NQ", "CT": "CT", "HD": "HD", "BB": "BB", "GM": "GM", "KL": "KL", "PA": "PA",
               "DA": "ĐA", "ĐA": "ĐA", "ND": "NĐ", "NĐ": "NĐ", "TT": "TT", "TTG": "TTg", "QC": "QC"}
_ISSUER_CODES = {"UBND": "UBND", "CP": "CP", "TTG": "TTg", "BNV": "BNV", "VHXH": "VHXH",
                 "HDND": "HĐND", "HĐND": "HĐND", "VP": "VP", "TU": "TU", "DU": "ĐU", "ĐU": "ĐU",
                 "SNV": "SNV", "BCD": "BCĐ", "BCĐ": "BCĐ", "TTPVHCC": "TTPVHCC", "MTTQ": "MTTQ",
                 "BTP": "BTP", "BTC": "BTC", "TW": "TW", "BCT": "BCT"}
_NUMBER_IN_NAME = re.compile(
    r"(?<![\dA-Za-z])(\d{1,5})\s*[-_/ ]\s*(?:(\d{4})\s*[-_/ ]\s*)?([A-Za-zĐđ]{2,4})\s*[-_]\s*([A-Za-zĐđ]{2,7})(?![A-Za-z])")
_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{1,2})[-_.](\d{1,2})[-_.](\d{4})(?!\d)")
MAX_FILES_PER_ATTACH = 500


def guess_metadata(file_name: str) -> EvidenceInput:
    """Pre-fill from names like "123-QD-UBND.pdf" or "154_2025_ND-CP ngay 15-06-2025.pdf"."""
    stem = Path(file_name).stem
    found = EvidenceInput()
    for m in _NUMBER_IN_NAME.finditer(stem):
        kind, issuer = _TYPE_CODES.get(m.group(3).upper()), _ISSUER_CODES.get(m.group(4).upper())
        if kind and issuer:
            year = f"/{m.group(2)}" if m.group(2) else ""
            found.doc_number = f"{int(m.group(1)):02d}{year}/{kind}-{issuer}"  # NĐ 30: "05", not "5"
            break
    d = _DATE_IN_NAME.search(stem)
    if d:
        try:
            found.doc_date = date(int(d.group(3)), int(d.group(2)), int(d.group(1)))
        except ValueError:
            pass
    return found


@dataclass
class AttachResult:
    added: list[int] = field(default_factory=list)
    already_attached: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Problem:
    state: str          # "missing" | "changed"
    sha256: str
    evidence_id: int
    file_name: str
    task_id: int
    task_code: str
    plan_id: int
    item_code: str = ""        # a self-assessment item's file (task_id 0)
    year: int = 0

    @property
    def where(self) -> str:
        """What the file proves, as the officer finds it: "nhiệm vụ STT 3.1" or "tiêu chí III.2.1 (Chỉ số CCHC 2026)"."""
        if self.item_code:
            return tr("tiêu chí {code} (Chỉ số CCHC năm {year})", code=self.item_code, year=self.year)
        return tr("nhiệm vụ STT {code}", code=self.task_code)

    def to_json(self) -> dict:
        return {"state": self.state, "sha256": self.sha256, "evidence_id": self.evidence_id,
                "file_name": self.file_name, "task_id": self.task_id, "task_code": self.task_code,
                "plan_id": self.plan_id, "item_code": self.item_code or None, "year": self.year or None}


@dataclass
class VerifyReport:
    files_checked: int = 0
    records: int = 0
    problems: list[Problem] = field(default_factory=list)
    unreferenced: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict:
        return {"ok": self.ok, "files_checked": self.files_checked, "records": self.records,
                "missing": [p.to_json() for p in self.problems if p.state == "missing"],
                "changed": [p.to_json() for p in self.problems if p.state == "changed"],
                "unreferenced": self.unreferenced}


_SELECT = ("SELECT e.*, b.size FROM evidence e JOIN blobs b ON b.sha256 = e.sha256 ")


def _evidence(r) -> Evidence:
    return Evidence(r["id"], r["task_id"], r["sha256"], r["file_name"], r["size"], r["doc_number"],
                    date.fromisoformat(r["doc_date"]) if r["doc_date"] else None, r["issuer"],
                    r["summary"], r["added_at"], r["added_by"], r["deleted_at"])


class EvidenceService:
    def __init__(self, session):
        self.session = session
        self.store = EvidenceStore(session.workspace.evidence_dir)

    def list(self, task_id: int, *, deleted: bool = False) -> list[Evidence]:
        cond = "IS NOT NULL" if deleted else "IS NULL"
        return [_evidence(r) for r in self.session.rows(
            _SELECT + f"WHERE e.task_id = ? AND e.deleted_at {cond} ORDER BY e.id", (task_id,))]

    def for_plan(self, plan_id: int) -> list[Evidence]:
        return [_evidence(r) for r in self.session.rows(
            _SELECT + "JOIN tasks t ON t.id = e.task_id WHERE t.plan_id = ? AND e.deleted_at IS NULL"
                      " AND t.deleted_at IS NULL ORDER BY e.id", (plan_id,))]

    def get(self, evidence_id: int) -> Evidence:
        """Raises ``NotFound`` when there is no such record."""
        row = self.session.one(_SELECT + "WHERE e.id = ?", (evidence_id,))
        if row is None:
            raise NotFound(tr("Không tìm thấy tài liệu minh chứng số {id}.", id=evidence_id))
        return _evidence(row)

    def deleted(self) -> list[Evidence]:
        return [_evidence(r) for r in self.session.rows(
            _SELECT + "WHERE e.deleted_at IS NOT NULL ORDER BY e.deleted_at DESC")]

    # ------------------------------------------------------------------ attach

    def attach(self, task_id: int, paths: list[Path], metadata: list[EvidenceInput] | None = None,
               progress: Progress | None = None) -> AttachResult:
        """Copy files into the store and record them on the task, all or nothing.

        Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is
        written), ``ValueError`` (with a Vietnamese message) for a value that cannot be read."""
        self.session.workspace.ensure_writable()
        task = self.session.tasks.row(task_id)
        paths, metadata = prepared_files(paths, metadata)
        with self.stored(paths, progress) as blobs:
            return self._record(task.id, task.plan_id, paths, blobs, metadata)

    def record_blobs(self, conn, blobs: list[StoredBlob]) -> None:
        """The store's files known to the database (inside the caller's transaction, before what refers to them)."""
        now = self.session.clock.now()
        conn.executemany("INSERT OR IGNORE INTO blobs (sha256, size, stored_at) VALUES (?, ?, ?)",
                         [(blob.sha256, blob.size, now) for blob in blobs])

    @contextmanager
    def stored(self, paths: list[Path], progress: Progress | None = None) -> Iterator[list[StoredBlob]]:
        """Copy ``paths`` into the store (checked first, then copied with one progress across them all);
        the body records them. If the body fails, the files this call added are removed again."""
        total = sum(self.store._check_source(p) for p in paths)  # fail fast, before copying anything
        created: list[str] = []
        done = 0
        try:
            blobs = []
            for path in paths:
                def file_progress(copied: int, _size: int, base=done) -> None:
                    if progress:
                        progress(base + copied, total)
                blob = self.store.put(path, file_progress)
                if blob.created:
                    created.append(blob.sha256)
                blobs.append(blob)
                done += blob.size
            yield blobs
        except BaseException:
            self._discard_unrecorded(created)
            raise

    def _record(self, task_id, plan_id, paths, blobs, metadata) -> AttachResult:
        result = AttachResult()
        now = self.session.clock.now()
        officer = self.session.profile.officer_name()
        with self.session.transaction() as conn:
            self.record_blobs(conn, blobs)
            for path, blob, meta in zip(paths, blobs, metadata):
                if conn.execute("SELECT 1 FROM evidence WHERE task_id = ? AND sha256 = ? AND deleted_at IS NULL",
                                (task_id, blob.sha256)).fetchone():
                    result.already_attached.append(path.name)
                    continue
                cur = conn.execute(
                    "INSERT INTO evidence (task_id, sha256, file_name, doc_number, doc_date, issuer, summary,"
                    " added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (task_id, blob.sha256, path.name, meta.doc_number, _iso(meta.doc_date), meta.issuer,
                     meta.summary, now, officer))
                result.added.append(cur.lastrowid)
                self.session.audit.record("evidence", cur.lastrowid, CREATE,
                                          {"file_name": (None, path.name), "doc_number": (None, meta.doc_number)},
                                          task_id=task_id, plan_id=plan_id)
        return result

    def _discard_unrecorded(self, created: list[str]) -> None:
        for sha in created:
            if self.session.one("SELECT 1 FROM blobs WHERE sha256 = ?", (sha,)) is None:
                self.store.discard(sha)

    # ------------------------------------------------------------------ edit / bin

    def update(self, evidence_id: int, meta: EvidenceInput) -> None:
        validate_metadata(meta)
        old = self.get(evidence_id)
        changes = diff({"doc_number": old.doc_number, "doc_date": old.doc_date, "issuer": old.issuer,
                        "summary": old.summary},
                       {"doc_number": meta.doc_number, "doc_date": meta.doc_date, "issuer": meta.issuer,
                        "summary": meta.summary})
        if not changes:
            return
        with self.session.transaction() as conn:
            conn.execute("UPDATE evidence SET doc_number = ?, doc_date = ?, issuer = ?, summary = ? WHERE id = ?",
                         (meta.doc_number, _iso(meta.doc_date), meta.issuer, meta.summary, evidence_id))
            self.session.audit.record("evidence", evidence_id, UPDATE, changes, task_id=old.task_id)

    def remove(self, evidence_id: int) -> None:
        """To the bin; the file stays in the store so it can be restored."""
        item = self.get(evidence_id)
        if item.deleted_at:
            return
        with self.session.transaction() as conn:
            conn.execute("UPDATE evidence SET deleted_at = ? WHERE id = ?", (self.session.clock.now(), evidence_id))
            self.session.audit.record("evidence", evidence_id, DELETE, {"file_name": (item.file_name, None)},
                                      task_id=item.task_id)

    def restore(self, evidence_id: int) -> None:
        """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        item = self.get(evidence_id)
        if not item.deleted_at:
            return
        if self.session.one("SELECT 1 FROM evidence WHERE task_id = ? AND sha256 = ? AND deleted_at IS NULL",
                            (item.task_id, item.sha256)):
            raise ValidationError(tr("Tệp “{name}” đã có lại trên nhiệm vụ này.", name=item.file_name))
        with self.session.transaction() as conn:
            conn.execute("UPDATE evidence SET deleted_at = NULL WHERE id = ?", (evidence_id,))
            self.session.audit.record("evidence", evidence_id, RESTORE, {"file_name": (None, item.file_name)},
                                      task_id=item.task_id)

    def view_path(self, evidence_id: int) -> Path:
        item = self.get(evidence_id)
        return self.store.view_copy(item.sha256, item.file_name,
                                    self.session.workspace.view_dir / str(evidence_id))

    # ------------------------------------------------------------------ verify

    def verify(self, progress: Progress | None = None) -> VerifyReport:
        """Check every stored file against its hash; list what is missing or changed."""
        report = VerifyReport()
        blobs = self.session.rows("SELECT sha256, size FROM blobs ORDER BY sha256")
        records = self.session.rows(
            "SELECT e.id, e.sha256, e.file_name, e.task_id, t.code, t.plan_id FROM evidence e "
            "JOIN tasks t ON t.id = e.task_id ORDER BY e.id")
        items = self.session.rows(
            "SELECT e.id, e.sha256, e.file_name, e.code, a.year FROM assessment_evidence e "
            "JOIN assessments a ON a.id = e.assessment_id WHERE e.deleted_at IS NULL ORDER BY e.id")
        by_sha: dict[str, list] = {}
        for r in records:
            by_sha.setdefault(r["sha256"], []).append(
                lambda state, r=r: Problem(state, r["sha256"], r["id"], r["file_name"], r["task_id"], r["code"],
                                           r["plan_id"]))
        for r in items:
            by_sha.setdefault(r["sha256"], []).append(
                lambda state, r=r: Problem(state, r["sha256"], r["id"], r["file_name"], 0, "", 0, r["code"],
                                           r["year"]))
        report.records = len(records) + len(items)
        for index, blob in enumerate(blobs, start=1):
            state = self.store.check(blob["sha256"], blob["size"])
            report.files_checked += 1
            if state != "ok":
                report.problems.extend(make(state) for make in by_sha.get(blob["sha256"], []))
            if progress:
                progress(index, len(blobs))
        known = {b["sha256"] for b in blobs}
        report.unreferenced = sorted(self.store.stored_hashes() - known)
        return report


def prepared_files(paths, metadata: list[EvidenceInput] | None) -> tuple[list[Path], list[EvidenceInput]]:
    """The files to attach and their metadata (guessed from the names when not given), checked.

    Raises ``ValidationError`` (Vietnamese) for no file, too many, or metadata refused; ``ValueError`` when the
    metadata list does not match the files."""
    paths = [Path(p) for p in paths]
    if not paths:
        raise ValidationError(tr("Chưa chọn tệp nào để đính kèm."))
    if len(paths) > MAX_FILES_PER_ATTACH:
        raise ValidationError(tr("Mỗi lần chỉ đính kèm tối đa {n} tệp.", n=MAX_FILES_PER_ATTACH))
    metadata = metadata or [guess_metadata(p.name) for p in paths]
    if len(metadata) != len(paths):
        raise ValueError("one metadata entry per file")
    for item in metadata:
        validate_metadata(item)
    return paths, metadata


def validate_metadata(meta: EvidenceInput) -> None:
    """Clean the fields in place. Raises ``ValidationError`` (Vietnamese, naming the field) when one is refused."""
    meta.doc_number = " ".join(strip_controls(meta.doc_number or "").split())
    meta.issuer = " ".join(strip_controls(meta.issuer or "").split())
    meta.summary = strip_controls(meta.summary or "").strip()
    if len(meta.doc_number) > 60:
        raise ValidationError(tr("Số, ký hiệu văn bản quá dài (tối đa 60 ký tự)."), field="doc_number")
    if len(meta.summary) > 2000:
        raise ValidationError(tr("Trích yếu quá dài (tối đa 2000 ký tự)."), field="summary")
    problem = year_problem(meta.doc_date, tr("Ngày văn bản"))
    if problem:
        raise ValidationError(problem, field="doc_date")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
