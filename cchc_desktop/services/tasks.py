"""Tasks (nhiệm vụ) of a plan: the plan's columns plus what a plan never has —
status, progress, result, completion date — with sub-tasks, a bin and history."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from datetime import date

from cchc_desktop.deadlines import parse_deadline
from cchc_desktop.errors import NotFound, ValidationError
from cchc_desktop.i18n import format_date, tr, year_problem
from cchc_desktop.model import (DONE, FRAMEWORKS, NOT_STARTED, ROMAN, STATUSES, SUSPENDED, AuditEntry,
                                TaskInput, TaskRow, Unit, without_time_review)
from cchc_desktop.services.audit import CREATE, DELETE, RESTORE, UPDATE, diff
from cchc_desktop.text import clean_cell

MAX_TEXT = 20000
_CODE = re.compile(r"^[0-9A-Za-zđĐ]{1,6}(?:[.)][0-9A-Za-z]{1,4})*[.)]?$")

# The evidence of each task counted through its index (a grouped subquery would count every file of every
# plan, however few tasks are read: 20 000 files cost a few ms even to read ten tasks).
_ROW_SQL = """
SELECT t.*, p.year AS plan_year,
       (SELECT count(*) FROM evidence e WHERE e.task_id = t.id AND e.deleted_at IS NULL) AS evidence_count
FROM tasks t
JOIN plans p ON p.id = t.plan_id
JOIN domains d ON d.framework = t.framework AND d.code = t.domain_code
WHERE {where}
ORDER BY t.framework = 'PAPI', d.position, t.position, t.id
"""
_IDS_PER_QUERY = 500     # well under SQLite's limit on a statement's parameters
# The units of the same tasks in one query (same WHERE), rather than one query per chunk of ids.
_UNITS_SQL = """
SELECT tu.task_id, tu.role, tu.unit_id FROM task_units tu JOIN tasks t ON t.id = tu.task_id
WHERE {where} ORDER BY tu.task_id, tu.role, tu.position
"""


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class TaskService:
    def __init__(self, session):
        self.session = session

    # ------------------------------------------------------------------ reading

    def rows(self, plan_id: int, framework: str | None = None, domain_code: str | None = None,
             *, deleted: bool = False) -> list[TaskRow]:
        where = ["t.plan_id = ?", "t.deleted_at IS NOT NULL" if deleted else "t.deleted_at IS NULL"]
        params: list = [plan_id]
        if framework:
            where.append("t.framework = ?")
            params.append(framework)
        if domain_code:
            where.append("t.domain_code = ?")
            params.append(domain_code)
        return self._rows(" AND ".join(where), params)

    def by_ids(self, ids: list[int]) -> list[TaskRow]:
        """The tasks ``ids``, in that order (deleted ones too; an id with no task is left out)."""
        found: dict[int, TaskRow] = {}
        for start in range(0, len(ids), _IDS_PER_QUERY):
            chunk = list(ids[start:start + _IDS_PER_QUERY])
            found.update((r.id, r) for r in self._rows(f"t.id IN ({', '.join('?' * len(chunk))})", chunk))
        return [found[i] for i in ids if i in found]

    def row(self, task_id: int, *, include_deleted: bool = False) -> TaskRow:
        """Raises ``NotFound`` when there is no such record."""
        where = "t.id = ?" + ("" if include_deleted else " AND t.deleted_at IS NULL")
        found = self._rows(where, [task_id])
        if not found:
            raise NotFound(tr("Không tìm thấy nhiệm vụ số {id}.", id=task_id),
                           tr("Nhiệm vụ có thể đã bị xóa; hãy xem trong Thùng rác."))
        return found[0]

    def _rows(self, where: str, params: list) -> list[TaskRow]:
        records = self.session.rows(_ROW_SQL.format(where=where), params)
        units = self._units_for(where, params)
        return [_task_row(r, units.get((r["id"], "lead"), ()), units.get((r["id"], "coordinator"), ()))
                for r in records]

    def _units_for(self, where: str, params: list) -> dict[tuple[int, str], tuple[Unit, ...]]:
        catalog = {r["id"]: Unit(r["id"], r["name"], r["abbreviation"], r["kind"], (), r["deleted_at"] is not None)
                   for r in self.session.rows("SELECT id, name, abbreviation, kind, deleted_at FROM units")}
        result: dict[tuple[int, str], list[Unit]] = defaultdict(list)
        for task_id, role, unit_id in self.session.conn.execute(_UNITS_SQL.format(where=where), params):
            result[(task_id, role)].append(catalog[unit_id])
        return {k: tuple(v) for k, v in result.items()}

    def input_for(self, task_id: int) -> TaskInput:
        """The editable fields of a task, as a dialog would fill them."""
        row = self.row(task_id)
        return TaskInput(row.plan_id, row.framework, row.domain_code, row.name, row.parent_id, row.code,
                         row.product, row.deadline_text, [u.id for u in row.leads],
                         [u.id for u in row.coordinators], row.note, row.status, row.status_reason,
                         row.progress, row.result, row.completed_on, row.start_text)

    def find(self, plan_id: int, code: str, framework: str | None = None,
             domain_code: str | None = None) -> list[TaskRow]:
        wanted = code.strip().rstrip(".")
        return [r for r in self.rows(plan_id, framework, domain_code) if r.code.rstrip(".") == wanted]

    def children(self, task_id: int) -> list[int]:
        return [r[0] for r in self.session.rows(
            "SELECT id FROM tasks WHERE parent_id = ? AND deleted_at IS NULL ORDER BY position", (task_id,))]

    def history(self, task_id: int) -> list[AuditEntry]:
        return self.session.audit.for_task(task_id)

    def next_code(self, plan_id: int, framework: str, domain_code: str, parent_id: int | None) -> str:
        if parent_id:
            parent = self.row(parent_id)
            base = parent.code.rstrip(".")
            numbers = [int(m.group(1)) for c in self._codes(plan_id, parent_id=parent_id)
                       if (m := re.match(re.escape(base) + r"\.(\d+)\.?$", c))]
            return f"{base}.{max(numbers, default=0) + 1}" if base else str(max(numbers, default=0) + 1)
        numbers = [int(c.rstrip(".")) for c in self._codes(plan_id, framework=framework, domain_code=domain_code)
                   if c.rstrip(".").isdigit()]
        return str(max(numbers, default=0) + 1)

    def _codes(self, plan_id: int, *, parent_id: int | None = None, framework: str | None = None,
               domain_code: str | None = None) -> list[str]:
        if parent_id:
            sql, params = "SELECT code FROM tasks WHERE plan_id = ? AND parent_id = ?", (plan_id, parent_id)
        else:
            sql = ("SELECT code FROM tasks WHERE plan_id = ? AND parent_id IS NULL AND framework = ?"
                   " AND domain_code = ?")
            params = (plan_id, framework, domain_code)
        return [r[0] for r in self.session.rows(sql + " AND deleted_at IS NULL", params)]

    # ------------------------------------------------------------------ writing

    def add(self, data: TaskInput) -> int:
        data = self._validated(data, task_id=None)
        now = self.session.clock.now()
        with self.session.transaction() as conn:
            if not data.code:
                data.code = self.next_code(data.plan_id, data.framework, data.domain_code, data.parent_id)
            position = conn.execute(
                "SELECT coalesce(max(position), 0) + 1 FROM tasks WHERE plan_id = ? AND framework = ?"
                " AND domain_code = ? AND parent_id IS ?",
                (data.plan_id, data.framework, data.domain_code, data.parent_id)).fetchone()[0]
            cur = conn.execute(
                "INSERT INTO tasks (plan_id, framework, domain_code, parent_id, code, position, name,"
                " product, deadline_text, due_on, status, status_reason, progress, result, completed_on,"
                " note, created_at, updated_at, start_text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (data.plan_id, data.framework, data.domain_code, data.parent_id, data.code, position,
                 data.name, data.product, data.deadline_text, self._due(data), data.status,
                 data.status_reason, data.progress, data.result,
                 data.completed_on.isoformat() if data.completed_on else None, data.note, now, now,
                 data.start_text))
            task_id = cur.lastrowid
            self._write_units(task_id, data)
            self.session.audit.record("task", task_id, CREATE,
                                      {"code": (None, data.code), "name": (None, data.name)},
                                      task_id=task_id, plan_id=data.plan_id)
        return task_id

    def update(self, task_id: int, data: TaskInput) -> None:
        before = self.input_for(task_id)
        data = self._validated(data, task_id=task_id)
        if (data.deadline_text, data.start_text) != (before.deadline_text, before.start_text) and \
                data.note == before.note:     # the deadline looked at and rewritten: its "Cần xem lại thời gian" goes
            data = replace(data, note=without_time_review(data.note))
        old, new = _fields(before, self.session), _fields(data, self.session)
        changes = diff(old, new)
        if not changes:
            return
        with self.session.transaction() as conn:
            conn.execute(
                "UPDATE tasks SET framework = ?, domain_code = ?, parent_id = ?, code = ?, name = ?,"
                " product = ?, deadline_text = ?, due_on = ?, status = ?, status_reason = ?, progress = ?,"
                " result = ?, completed_on = ?, note = ?, updated_at = ?, start_text = ? WHERE id = ?",
                (data.framework, data.domain_code, data.parent_id, data.code, data.name, data.product,
                 data.deadline_text, self._due(data), data.status, data.status_reason, data.progress,
                 data.result, data.completed_on.isoformat() if data.completed_on else None, data.note,
                 self.session.clock.now(), data.start_text, task_id))
            if (before.framework, before.domain_code) != (data.framework, data.domain_code):
                self._move_descendants(task_id, data.framework, data.domain_code)
            if "leads" in changes or "coordinators" in changes:
                conn.execute("DELETE FROM task_units WHERE task_id = ?", (task_id,))
                self._write_units(task_id, data)
            self.session.audit.record("task", task_id, UPDATE, changes, task_id=task_id,
                                      plan_id=data.plan_id)

    def update_progress(self, task_id: int, *, status: str, progress: int, result: str | None = None,
                        completed_on: date | None = None, reason: str = "") -> None:
        """The daily update: how far a task got."""
        data = self.input_for(task_id)
        data.status, data.progress, data.status_reason = status, progress, reason
        data.completed_on = completed_on
        if result is not None:
            data.result = result
        self.update(task_id, data)

    def delete(self, task_id: int) -> int:
        """Move a task and its sub-tasks to the bin. Returns how many tasks moved."""
        row = self.row(task_id)
        stamp = self.session.clock.now()
        ids = [task_id, *self._descendants(task_id)]
        with self.session.transaction() as conn:
            conn.executemany("UPDATE tasks SET deleted_at = ? WHERE id = ?", [(stamp, i) for i in ids])
            for i in ids:
                self.session.audit.record("task", i, DELETE, task_id=i, plan_id=row.plan_id)
        return len(ids)

    def restore(self, task_id: int) -> int:
        """Raises ``NotFound`` when there is no such record, ``ValidationError`` when the input is
        refused (the reason in Vietnamese; nothing is written)."""
        row = self.session.one("SELECT parent_id, deleted_at, plan_id FROM tasks WHERE id = ?", (task_id,))
        if row is None or row["deleted_at"] is None:
            raise NotFound(tr("Nhiệm vụ số {id} không có trong thùng rác.", id=task_id))
        if row["parent_id"]:
            parent = self.session.one("SELECT deleted_at, code FROM tasks WHERE id = ?", (row["parent_id"],))
            if parent["deleted_at"] is not None:
                raise ValidationError(tr("Nhiệm vụ cha (STT {code}) cũng đang ở thùng rác.", code=parent["code"]),
                                      tr("Hãy khôi phục nhiệm vụ cha trước."))
        plan = self.session.one("SELECT deleted_at FROM plans WHERE id = ?", (row["plan_id"],))
        if plan["deleted_at"] is not None:
            raise ValidationError(tr("Kế hoạch của nhiệm vụ này đang ở thùng rác."),
                                  tr("Hãy khôi phục kế hoạch trước."))
        stamp = row["deleted_at"]
        ids = [task_id] + [i for i in self._descendants(task_id, deleted_at=stamp)]
        with self.session.transaction() as conn:
            conn.executemany("UPDATE tasks SET deleted_at = NULL WHERE id = ?", [(i,) for i in ids])
            for i in ids:
                self.session.audit.record("task", i, RESTORE, task_id=i, plan_id=row["plan_id"])
        return len(ids)

    def refresh_due_dates(self, plan_id: int) -> None:
        """Recompute derived due dates, e.g. after the plan's year changed."""
        year = self.session.one("SELECT year FROM plans WHERE id = ?", (plan_id,))[0]
        rows = self.session.rows("SELECT id, deadline_text FROM tasks WHERE plan_id = ?", (plan_id,))
        due = [(_iso(parse_deadline(r["deadline_text"], year).due), r["id"]) for r in rows]
        with self.session.transaction() as conn:
            conn.executemany("UPDATE tasks SET due_on = ? WHERE id = ?", due)

    def descendants(self, task_id: int) -> list[int]:
        """Live sub-tasks at any depth."""
        return self._descendants(task_id)

    # ------------------------------------------------------------------ helpers

    def _descendants(self, task_id: int, deleted_at: str | None = None) -> list[int]:
        found, frontier = [], [task_id]
        while frontier:
            marks = ",".join("?" * len(frontier))
            cond = "deleted_at = ?" if deleted_at else "deleted_at IS NULL"
            params = [*frontier] + ([deleted_at] if deleted_at else [])
            frontier = [r[0] for r in self.session.rows(
                f"SELECT id FROM tasks WHERE parent_id IN ({marks}) AND {cond}", params)]
            found.extend(frontier)
        return found

    def _move_descendants(self, task_id: int, framework: str, domain_code: str) -> None:
        ids = self._descendants(task_id)
        self.session.conn.executemany("UPDATE tasks SET framework = ?, domain_code = ? WHERE id = ?",
                                      [(framework, domain_code, i) for i in ids])

    def _due(self, data: TaskInput) -> str | None:
        year = self.session.one("SELECT year FROM plans WHERE id = ?", (data.plan_id,))[0]
        return _iso(parse_deadline(data.deadline_text, year).due)

    def _write_units(self, task_id: int, data: TaskInput) -> None:
        rows = [(task_id, unit_id, "lead", i) for i, unit_id in enumerate(data.lead_ids)]
        rows += [(task_id, unit_id, "coordinator", i) for i, unit_id in enumerate(data.coordinator_ids)]
        self.session.conn.executemany(
            "INSERT INTO task_units (task_id, unit_id, role, position) VALUES (?, ?, ?, ?)", rows)

    def _validated(self, data: TaskInput, task_id: int | None) -> TaskInput:
        return TaskValidator(self.session, task_id).validate(data)


class TaskValidator:
    """Checks a TaskInput and returns a tidied copy, or raises ValidationError in Vietnamese."""

    def __init__(self, session, task_id: int | None):
        self.session = session
        self.task_id = task_id
        self.today = session.clock.today()

    def validate(self, data: TaskInput) -> TaskInput:
        plan = self.session.plans.get(data.plan_id)
        data = TaskInput(**{**data.__dict__})
        data.name = clean_cell(data.name)
        data.product = clean_cell(data.product)
        data.deadline_text = clean_cell(data.deadline_text)
        data.start_text = clean_cell(data.start_text)
        data.result, data.note = clean_cell(data.result), clean_cell(data.note)
        data.status_reason = clean_cell(data.status_reason)
        data.code = " ".join((data.code or "").split())
        self._text_fields(data)
        self._placement(data, plan.id)
        self._tracking(data, plan.year)
        self._units(data)
        return data

    def _text_fields(self, data: TaskInput) -> None:
        if not data.name:
            raise ValidationError(tr("Chưa nhập nội dung nhiệm vụ."), field="name")
        for name, label in (("name", "Nội dung nhiệm vụ"), ("product", "Sản phẩm"),
                            ("result", "Kết quả thực hiện"), ("note", "Ghi chú"),
                            ("deadline_text", "Thời gian"), ("start_text", "Bắt đầu")):
            if len(getattr(data, name)) > MAX_TEXT:
                raise ValidationError(tr("Mục “{label}” quá dài (tối đa {n} ký tự).", label=tr(label),
                                         n=MAX_TEXT), field=name)
        if data.code and not _CODE.match(data.code):
            raise ValidationError(tr("STT “{code}” không đúng dạng.", code=data.code),
                                  tr("Hãy nhập số thứ tự như 3, 3.1 hoặc 3.1.2."), field="code")

    def _placement(self, data: TaskInput, plan_id: int) -> None:
        if data.framework not in FRAMEWORKS or data.domain_code not in ROMAN:
            raise ValidationError(tr("Lĩnh vực của nhiệm vụ không hợp lệ."), field="domain_code")
        if data.parent_id is not None:
            parent = self.session.one("SELECT * FROM tasks WHERE id = ?", (data.parent_id,))
            if parent is None or parent["deleted_at"] is not None or parent["plan_id"] != plan_id:
                raise ValidationError(tr("Nhiệm vụ cha không còn trong kế hoạch này."), field="parent_id")
            if self.task_id is not None and (data.parent_id == self.task_id or
                                             data.parent_id in self.session.tasks.descendants(self.task_id)):
                raise ValidationError(tr("Không thể đặt một nhiệm vụ làm con của chính nó."), field="parent_id")
            # A sub-task lives in its parent's domain.
            data.framework, data.domain_code = parent["framework"], parent["domain_code"]
        if data.code:
            clash = self.session.one(
                "SELECT id FROM tasks WHERE plan_id = ? AND framework = ? AND domain_code = ? AND code = ?"
                " AND deleted_at IS NULL AND id IS NOT ?",
                (plan_id, data.framework, data.domain_code, data.code, self.task_id))
            if clash:
                raise ValidationError(tr("STT {code} đã có trong lĩnh vực này.", code=data.code),
                                      tr("Hãy đặt số thứ tự khác."), field="code")

    def _tracking(self, data: TaskInput, plan_year: int) -> None:
        if data.status not in STATUSES:
            raise ValidationError(tr("Trạng thái không hợp lệ."), field="status")
        if not isinstance(data.progress, int) or not 0 <= data.progress <= 100:
            raise ValidationError(tr("Tiến độ phải là số nguyên từ 0 đến 100 (%)."), field="progress")
        if data.status == SUSPENDED and not data.status_reason:
            raise ValidationError(tr("Nhiệm vụ tạm dừng hoặc không thực hiện cần ghi rõ lý do."),
                                  field="status_reason")
        if data.status != SUSPENDED:
            data.status_reason = ""
        if data.status == NOT_STARTED and data.progress > 0:
            raise ValidationError(tr("Nhiệm vụ chưa triển khai thì tiến độ phải là 0%."),
                                  tr("Nếu đã bắt đầu, hãy chọn trạng thái “Đang thực hiện”."), field="progress")
        if data.status == DONE:
            data.progress = 100
            data.completed_on = data.completed_on or self.today
            problem = year_problem(data.completed_on, tr("Ngày hoàn thành"))
            if problem:
                raise ValidationError(problem, field="completed_on")
            if data.completed_on > self.today:
                raise ValidationError(
                    tr("Ngày hoàn thành {d} còn ở tương lai.", d=format_date(data.completed_on)),
                    tr("Hãy nhập ngày đã hoàn thành thực tế."), field="completed_on")
            if data.completed_on.year < plan_year - 1:
                raise ValidationError(
                    tr("Ngày hoàn thành {d} trước cả năm kế hoạch {y}.", d=format_date(data.completed_on),
                       y=plan_year), field="completed_on")
        else:
            data.completed_on = None

    def _units(self, data: TaskInput) -> None:
        data.lead_ids = list(dict.fromkeys(data.lead_ids))
        data.coordinator_ids = list(dict.fromkeys(data.coordinator_ids))
        ids = set(data.lead_ids) | set(data.coordinator_ids)
        if not ids:
            return
        marks = ",".join("?" * len(ids))
        live = {r[0] for r in self.session.rows(
            f"SELECT id FROM units WHERE id IN ({marks}) AND deleted_at IS NULL", list(ids))}
        if live != ids:
            raise ValidationError(tr("Có đơn vị đã bị xóa khỏi danh mục."),
                                  tr("Hãy chọn lại đơn vị chủ trì và phối hợp."), field="leads")


def _fields(data: TaskInput, session) -> dict:
    names = {u.id: u.name for u in session.units.list(include_deleted=True)}
    return {"framework": data.framework, "domain_code": data.domain_code, "parent_id": data.parent_id,
            "code": data.code, "name": data.name, "product": data.product,
            "deadline_text": data.deadline_text, "start_text": data.start_text, "status": data.status,
            "status_reason": data.status_reason, "progress": data.progress, "result": data.result,
            "completed_on": data.completed_on, "note": data.note,
            "leads": [names.get(i, str(i)) for i in data.lead_ids],
            "coordinators": [names.get(i, str(i)) for i in data.coordinator_ids]}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _task_row(r, leads, coordinators) -> TaskRow:
    return TaskRow(r["id"], r["plan_id"], r["plan_year"], r["framework"], r["domain_code"], r["parent_id"],
                   r["code"], r["position"], r["name"], r["product"], r["deadline_text"], _date(r["due_on"]),
                   r["status"], r["status_reason"], r["progress"], r["result"], _date(r["completed_on"]),
                   r["note"], leads, coordinators, r["evidence_count"], r["updated_at"], r["deleted_at"],
                   r["start_text"], r["previous_id"])
