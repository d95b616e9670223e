"""The register as it stood at a date, rebuilt from the audit history.

A period's form and report state the facts as of the period's cut-off (ngày chốt số liệu), even when
they are written or printed later. Every change to a task's status, progress, result, reason or
completion date made after the date is undone, newest first, from the old values the audit rows
kept. A task whose completion date is on or before the date counts as done then, even when the
officer recorded it later: it was done by the cut-off. Evidence counts are the files attached by
the date and not removed by it.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from cchc_desktop.model import DONE, IN_PROGRESS, TaskRow

TRACKED = ("status", "status_reason", "progress", "result", "completed_on")


def _after(when: date) -> str:
    """Audit times are ISO text; everything from the next day on happened after ``when``."""
    return (when + timedelta(days=1)).isoformat()


def rows_as_of(session, rows: list[TaskRow], when: date) -> list[TaskRow]:
    """``rows`` (the register now) as they stood at the end of ``when``."""
    if not rows:
        return rows
    ids = [r.id for r in rows]
    changes: dict[int, list] = {}
    for chunk in range(0, len(ids), 500):
        part = ids[chunk:chunk + 500]
        marks = ",".join("?" * len(part))
        for r in session.rows(
                f"SELECT task_id, field, old_value FROM audit_log WHERE entity = 'task' AND task_id IN ({marks}) "
                f"AND field IN ({','.join('?' * len(TRACKED))}) AND at >= ? ORDER BY id DESC",
                (*part, *TRACKED, _after(when))):
            changes.setdefault(r["task_id"], []).append((r["field"], r["old_value"]))
    evidence = evidence_counts(session, ids, when)
    found = []
    for row in rows:
        then = row
        if not (row.status == DONE and row.completed_on is not None and row.completed_on <= when):
            fields = {}
            for name, old in changes.get(row.id, ()):
                fields[name] = old
            if fields:
                then = replace(row, **_typed(fields))
            if then.status == DONE and then.completed_on is not None and then.completed_on > when:
                then = replace(then, status=IN_PROGRESS, completed_on=None)
        found.append(replace(then, evidence_count=evidence.get(row.id, 0)))
    return found


def _typed(fields: dict[str, str | None]) -> dict:
    out: dict = {}
    for name, value in fields.items():
        if name == "progress":
            out[name] = int(value or 0)
        elif name == "completed_on":
            out[name] = date.fromisoformat(value) if value else None
        elif name == "status":
            out[name] = value or "not_started"
        else:
            out[name] = value or ""
    return out


def evidence_counts(session, task_ids: list[int], when: date) -> dict[int, int]:
    counts: dict[int, int] = {}
    after = _after(when)
    for chunk in range(0, len(task_ids), 500):
        part = task_ids[chunk:chunk + 500]
        marks = ",".join("?" * len(part))
        for r in session.rows(
                f"SELECT task_id, count(*) AS n FROM evidence WHERE task_id IN ({marks}) AND added_at < ? "
                "AND (deleted_at IS NULL OR deleted_at >= ?) GROUP BY task_id", (*part, after, after)):
            counts[r["task_id"]] = r["n"]
    return counts


def evidence_as_of(session, plan_id: int, when: date) -> list:
    """The plan's evidence records as they stood at the end of ``when``: attached by then and not removed by
    then (a file removed later was still there), as ``evidence_counts`` counts them."""
    from cchc_desktop.services.evidence import _SELECT, _evidence
    after = _after(when)
    return [_evidence(r) for r in session.rows(
        _SELECT + "JOIN tasks t ON t.id = e.task_id WHERE t.plan_id = ? AND t.deleted_at IS NULL AND e.added_at < ?"
                  " AND (e.deleted_at IS NULL OR e.deleted_at >= ?) ORDER BY e.id", (plan_id, after, after))]
