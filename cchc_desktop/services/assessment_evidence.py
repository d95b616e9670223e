"""Evidence for the self-assessment's items: files copied once into the evidence store (hashed, verified),
or evidence already attached to the plan's tasks, linked without a second copy."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cchc_desktop.errors import NotFound, ValidationError
from cchc_desktop.evidence_store import Progress
from cchc_desktop.i18n import tr
from cchc_desktop.importers.domains import domain_by_name
from cchc_desktop.model import Evidence, EvidenceInput
from cchc_desktop.services.audit import CREATE, DELETE
from cchc_desktop.services.evidence import prepared_files
from cchc_desktop.text import fold

# Words too common in product and evidence texts to say two of them match.
_COMMON = {"cua", "cac", "va", "ve", "cho", "tai", "lieu", "kiem", "chung", "nam", "nhung", "theo", "tren", "duoc",
           "trong", "xa", "ubnd", "cap", "so", "tu", "den", "co", "khong", "voi", "viec", "thuc", "hien"}


@dataclass(frozen=True)
class ItemEvidence:
    id: int
    code: str
    sha256: str
    file_name: str
    size: int
    doc_number: str
    doc_date: date | None
    issuer: str
    summary: str
    evidence_id: int | None          # the task evidence it was linked from
    added_at: str
    added_by: str

    @property
    def linked(self) -> bool:
        return self.evidence_id is not None


@dataclass(frozen=True)
class Suggestion:
    evidence: Evidence
    task_code: str
    task_name: str
    product: str
    matched: tuple[str, ...]          # the words product and "Tài liệu kiểm chứng" share


def _words(text: str) -> set[str]:
    cleaned = "".join(ch if ch.isalnum() else " " for ch in fold(text or ""))
    return {w for w in cleaned.split() if len(w) > 1 and w not in _COMMON}


def _item_evidence(row) -> ItemEvidence:
    return ItemEvidence(row["id"], row["code"], row["sha256"], row["file_name"], row["size"], row["doc_number"],
                        date.fromisoformat(row["doc_date"]) if row["doc_date"] else None, row["issuer"],
                        row["summary"], row["evidence_id"], row["added_at"], row["added_by"])


_SELECT = "SELECT a.*, b.size FROM assessment_evidence a JOIN blobs b ON b.sha256 = a.sha256 "


class AssessmentEvidence:
    def __init__(self, assessments):
        self.assessments = assessments
        self.session = assessments.session

    def list(self, year: int, code: str | None = None) -> list[ItemEvidence]:
        assessment = self.assessments.get(year)
        if code is None:
            rows = self.session.rows(_SELECT + "WHERE a.assessment_id = ? AND a.deleted_at IS NULL ORDER BY a.id",
                                     (assessment.id,))
        else:
            code = self.assessments.criterion(assessment, code).code
            rows = self.session.rows(_SELECT + "WHERE a.assessment_id = ? AND a.code = ? AND a.deleted_at IS NULL "
                                               "ORDER BY a.id", (assessment.id, code))
        return [_item_evidence(r) for r in rows]

    def get(self, evidence_id: int) -> ItemEvidence:
        """Raises ``NotFound`` when there is no such record."""
        row = self.session.one(_SELECT + "WHERE a.id = ?", (evidence_id,))
        if row is None:
            raise NotFound(tr("Không tìm thấy tài liệu kiểm chứng số {id}.", id=evidence_id))
        return _item_evidence(row)

    def add(self, year: int, code: str, paths: list[Path], metadata: list[EvidenceInput] | None = None,
            progress: Progress | None = None) -> list[int]:
        """Copy files into the store and record them on the item, all or nothing. Returns the new ids;
        a file already on the item is skipped.

        Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        assessment = self.assessments._writable(year)
        criterion = self.assessments.criterion(assessment, code)
        self._check_leaf(criterion)
        paths, metadata = prepared_files(paths, metadata)
        added = []
        with self.session.evidence.stored(paths, progress) as blobs:
            with self.session.transaction() as conn:
                self.session.evidence.record_blobs(conn, blobs)
                for path, blob, meta in zip(paths, blobs, metadata):
                    new = self._insert(conn, assessment.id, criterion.code, blob.sha256, path.name, meta, None)
                    if new is not None:
                        added.append(new)
        return added

    def link(self, year: int, code: str, evidence_ids: list[int]) -> list[int]:
        """Use evidence already attached to tasks (no copy: the store holds each file once).

        Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        assessment = self.assessments._writable(year)
        criterion = self.assessments.criterion(assessment, code)
        self._check_leaf(criterion)
        sources = [self.session.evidence.get(i) for i in evidence_ids]
        added = []
        with self.session.transaction() as conn:
            for source in sources:
                meta = EvidenceInput(source.doc_number, source.doc_date, source.issuer, source.summary)
                new = self._insert(conn, assessment.id, criterion.code, source.sha256, source.file_name, meta,
                                   source.id)
                if new is not None:
                    added.append(new)
        return added

    def _check_leaf(self, criterion) -> None:
        if criterion.rule is None:
            raise ValidationError(tr("Hãy đính kèm vào từng tiêu chí con của “{code}”.", code=criterion.code))

    def _insert(self, conn, assessment_id: int, code: str, sha256: str, file_name: str, meta: EvidenceInput,
                evidence_id: int | None) -> int | None:
        if conn.execute("SELECT 1 FROM assessment_evidence WHERE assessment_id = ? AND code = ? AND sha256 = ? "
                        "AND deleted_at IS NULL", (assessment_id, code, sha256)).fetchone():
            return None
        cur = conn.execute(
            "INSERT INTO assessment_evidence (assessment_id, code, sha256, file_name, doc_number, doc_date, issuer,"
            " summary, evidence_id, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (assessment_id, code, sha256, file_name, meta.doc_number or "",
             meta.doc_date.isoformat() if meta.doc_date else None, meta.issuer or "", meta.summary or "",
             evidence_id, self.session.clock.now(), self.session.profile.officer_name()))
        self.session.audit.record("assessment", assessment_id, CREATE, {f"file_name:{code}": (None, file_name)})
        return cur.lastrowid

    def remove(self, evidence_id: int) -> None:
        """Take a file off its item (the file stays in the store, and on any task that has it)."""
        item = self.get(evidence_id)
        year = self.session.one("SELECT year FROM assessments WHERE id = (SELECT assessment_id FROM "
                                "assessment_evidence WHERE id = ?)", (evidence_id,))[0]
        assessment = self.assessments._writable(year)
        with self.session.transaction() as conn:
            conn.execute("UPDATE assessment_evidence SET deleted_at = ? WHERE id = ?",
                         (self.session.clock.now(), evidence_id))
            self.session.audit.record("assessment", assessment.id, DELETE,
                                      {f"file_name:{item.code}": (item.file_name, None)})

    def view_path(self, evidence_id: int) -> Path:
        item = self.get(evidence_id)
        return self.session.evidence.store.view_copy(item.sha256, item.file_name,
                                                      self.session.workspace.view_dir / f"cs-{evidence_id}")

    def suggestions(self, year: int, code: str, limit: int = 20) -> list[Suggestion]:
        """Evidence of the year's plan tasks in the item's reform domain whose product ("Sản phẩm") shares
        words with the item's "Tài liệu kiểm chứng" (or, without it, its name); best match first."""
        assessment = self.assessments.get(year)
        criterion = self.assessments.criterion(assessment, code)
        criteria = {c.code: c for c in self.assessments.criteria(assessment.set_id)}
        top = criterion
        while top.parent is not None and top.parent in criteria:
            top = criteria[top.parent]
        domain = domain_by_name(top.name)
        wanted = _words(criterion.evidence_hint or criterion.name)
        plan_id = self.session.statistics.default_plan_id(year)
        if plan_id is None or not wanted:
            return []
        already = {e.sha256 for e in self.list(year, criterion.code)}
        tasks = {t.id: t for t in self.session.tasks.rows(plan_id, "PAR", domain)} if domain else {}
        found = []
        for evidence in self.session.evidence.for_plan(plan_id):
            task = tasks.get(evidence.task_id)
            if task is None or evidence.sha256 in already:
                continue
            matched = wanted & (_words(task.product) | _words(evidence.summary) | _words(evidence.file_name))
            if matched:
                found.append(Suggestion(evidence, task.code, task.name, task.product, tuple(sorted(matched))))
        found.sort(key=lambda s: (-len(s.matched), s.task_code))
        return found[:limit]
