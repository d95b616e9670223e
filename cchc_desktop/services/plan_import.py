"""Apply an ``ImportPreview`` to the database, all or nothing.

Importing the same plan again updates it: the plan is found by its number and year (or
title and year), tasks by framework, domain and STT. What the officer recorded (status,
progress, results, evidence) is kept unless the file itself carries status columns. A
task the file no longer lists goes to the bin if nobody has touched it, and stays (with
a note) if it has a status or evidence.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import format_date, tr
from cchc_desktop.importers.analysis import ImportPreview, Overrides, PreviewTask, analyze
from cchc_desktop.model import DONE, NOT_STARTED, PlanInput, TaskInput
from cchc_desktop.text import fold

Progress = Callable[[int, int, str], None]


@dataclass
class ImportResult:
    plan_id: int
    plan_created: bool
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    binned: list[str] = field(default_factory=list)     # codes moved to the bin
    kept: list[str] = field(default_factory=list)       # codes not in the file but with work recorded
    new_units: list[str] = field(default_factory=list)
    plan_changes: dict[str, tuple] = field(default_factory=dict)   # an existing plan's field → (old, new)

    def summary(self) -> str:
        parts = [tr("Thêm {a} nhiệm vụ, cập nhật {u}, giữ nguyên {s}.", a=self.added, u=self.updated,
                    s=self.unchanged)]
        if self.plan_changes:
            labels = {"title": tr("tên"), "number": tr("số, ký hiệu"), "issued_on": tr("ngày ban hành"),
                      "year": tr("năm")}
            parts.append(tr("Thông tin kế hoạch theo tệp: {changes}.", changes="; ".join(
                tr("{what} “{old}” → “{new}”", what=labels.get(name, name), old=_shown(old), new=_shown(new))
                for name, (old, new) in self.plan_changes.items())))
        if self.binned:
            parts.append(tr("{n} nhiệm vụ không còn trong tệp đã được chuyển vào thùng rác ({codes}).",
                            n=len(self.binned), codes=", ".join(self.binned)))
        if self.kept:
            parts.append(tr("{n} nhiệm vụ không còn trong tệp nhưng đã có tiến độ hoặc minh chứng nên được giữ lại "
                            "({codes}).", n=len(self.kept), codes=", ".join(self.kept)))
        if self.new_units:
            parts.append(tr("Đã thêm {n} đơn vị mới vào danh mục.", n=len(self.new_units)))
        return " ".join(parts)


def _shown(value) -> str:
    return format_date(value) if isinstance(value, date) else str(value or "")


def kept_plan(old, stated: PlanInput, *, explicit: bool) -> PlanInput:
    """What an existing plan becomes when a file is imported into it: the file's title, number, date and year
    where the file states them, the plan's own where it does not (a file exported before the plan was numbered
    never erases its number); the plan's kind and issuer unless the officer chose them (``explicit``)."""
    number = stated.number if (stated.number or "").strip()[:1].isdigit() else old.number
    return PlanInput(stated.title.strip() or old.title, stated.year or old.year,
                     stated.kind if explicit else old.kind, number, stated.issued_on or old.issued_on,
                     stated.issuer or old.issuer)


def plan_key(number: str | None, title: str, year: int) -> str:
    """How a re-import finds its plan: a real number wins, else the title."""
    if number and any(c.isdigit() for c in number.split("/")[0]):
        return f"so:{number.upper()}|{year}"
    return f"ten:{fold(title)}|{year}"


class PlanImportService:
    def __init__(self, session):
        self.session = session

    def preview(self, path: Path | str, overrides: Overrides | None = None) -> ImportPreview:
        from cchc_desktop.importers import read_document
        return analyze(read_document(path), self.session.units.matcher(), overrides)

    def preview_document(self, document, overrides: Overrides | None = None) -> ImportPreview:
        return analyze(document, self.session.units.matcher(), overrides)

    def find_plan(self, preview: ImportPreview) -> int | None:
        meta = preview.plan
        key = plan_key(meta.number, meta.title, meta.year or 0)
        row = self.session.one("SELECT id FROM plans WHERE source_key = ? AND deleted_at IS NULL", (key,))
        if row:
            return row["id"]
        # A plan made by hand (or the demo) has no key yet: the same title or number and year is the same plan.
        for plan in self.session.plans.list(meta.year):
            if plan_key(plan.number, plan.title, plan.year) == key:
                return plan.id
        return None

    def apply(self, preview: ImportPreview, *, plan: PlanInput | None = None, plan_id: int | None = None,
              new_plan: bool = False, progress: Progress | None = None) -> ImportResult:
        """Write the preview. ``plan_id`` names the plan to update; without it the plan this
        file was imported into before is found again, unless ``new_plan`` asks for a new one.

        Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        if not preview.tasks:
            raise ValidationError(tr("Không có nhiệm vụ nào để nhập."),
                                  tr("Hãy kiểm tra tệp: cần có bảng phụ lục với dòng tiêu đề các cột."))
        meta = preview.plan
        explicit = plan is not None
        with self.session.transaction() as conn:
            plan_id = plan_id or (None if new_plan else self.find_plan(preview))
            created = plan_id is None
            changes: dict[str, tuple] = {}
            if created:
                plan = plan or PlanInput(meta.title or tr("Kế hoạch nhập từ {name}", name=preview.source),
                                         meta.year, meta.kind, meta.number or "", meta.issued_on)
                plan_id = self.session.plans.create(plan)
            else:
                old = self.session.plans.get(plan_id)
                plan = kept_plan(old, plan or PlanInput(meta.title, meta.year, meta.kind, meta.number or "",
                                                        meta.issued_on), explicit=explicit)
                changes = {name: (before, after) for name, before, after in (
                    ("title", old.title, plan.title), ("number", old.number, plan.number),
                    ("issued_on", old.issued_on, plan.issued_on), ("year", old.year, plan.year)) if before != after}
                self.session.plans.update(plan_id, plan)
            conn.execute("UPDATE plans SET source_key = ? WHERE id = ?",
                         (plan_key(plan.number, plan.title, plan.year), plan_id))
            result = ImportResult(plan_id, created, plan_changes=changes)
            unit_ids = self._units(preview, result)
            self._tasks(plan_id, preview.tasks, unit_ids, result, progress)
        return result

    # ------------------------------------------------------------------ helpers

    def _units(self, preview: ImportPreview, result: ImportResult) -> dict[str, int]:
        ids: dict[str, int] = {}
        matcher = self.session.units.matcher()
        for name in preview.new_units:
            unit = matcher.match(name)
            if unit is None:
                kind = "group" if fold(name).startswith("cac ") else "unit"
                ids[name] = self.session.units.add(name, "", kind)
                result.new_units.append(name)
            else:
                ids[name] = unit.id
        return ids

    def _tasks(self, plan_id: int, tasks: list[PreviewTask], unit_ids: dict[str, int], result: ImportResult,
               progress: Progress | None) -> None:
        service = self.session.tasks
        existing = {(r.framework, r.domain_code, r.code.rstrip(".")): r for r in service.rows(plan_id)}
        ids: dict[tuple[str, str, str], int] = {}
        # Parents before their sub-tasks, file order otherwise.
        ordered = sorted(tasks, key=lambda t: t.code.count("."))
        for index, task in enumerate(ordered, start=1):
            key = (task.framework, task.domain, task.code)
            parent_id = ids.get((task.framework, task.domain, task.parent_code)) if task.parent_code else None
            data = self._input(plan_id, task, parent_id, unit_ids)
            try:
                row = existing.pop(key, None)
                if row is None:
                    ids[key] = service.add(data)
                    result.added += 1
                else:
                    ids[key] = row.id
                    if self._keep_tracking(task):
                        old = service.input_for(row.id)
                        data.status, data.progress, data.result = old.status, old.progress, old.result
                        data.completed_on, data.status_reason, data.note = old.completed_on, old.status_reason, \
                            data.note or old.note
                    before = service.input_for(row.id)
                    service.update(row.id, data)
                    changed = service.input_for(row.id) != before
                    result.updated += changed
                    result.unchanged += not changed
            except ValidationError as exc:
                raise ValidationError(tr("{where} (nhiệm vụ {code}): {problem}", where=task.source, code=task.code,
                                         problem=exc.message), exc.hint, exc.field) from exc
            if progress:
                progress(index, len(ordered), task.code)
        self._leftovers(sorted(existing.values(), key=lambda r: r.code.count(".")), result)

    def _leftovers(self, rows, result: ImportResult) -> None:
        """Tasks the file no longer lists: to the bin if untouched, kept (and reported) otherwise."""
        service = self.session.tasks
        for row in rows:
            current = service.row(row.id, include_deleted=True)
            if current.deleted_at:
                continue  # already went to the bin with its parent
            family = [current] + [service.row(i) for i in service.descendants(row.id)]
            if any(r.status != NOT_STARTED or r.progress or r.result or r.evidence_count for r in family):
                result.kept.append(row.code)
            else:
                service.delete(row.id)
                result.binned.append(row.code)

    @staticmethod
    def _keep_tracking(task: PreviewTask) -> bool:
        return task.status is None

    def _input(self, plan_id: int, task: PreviewTask, parent_id: int | None, unit_ids: dict[str, int]) -> TaskInput:
        def resolve(refs):
            return [ref.unit_id if ref.known else unit_ids[ref.name] for ref in refs]
        data = TaskInput(plan_id, task.framework, task.domain, task.name, parent_id, task.code, task.product,
                         task.deadline_text, resolve(task.lead), resolve(task.coordinators), task.note,
                         start_text=task.start_text)
        if task.status is not None:
            data.status = task.status
            data.status_reason = task.status_reason
            data.result = task.result or ""
            data.progress = task.progress if task.progress is not None else (100 if task.status == DONE else 0)
            data.completed_on = task.completed_on
            if task.status == NOT_STARTED:
                data.progress = 0
        return data
