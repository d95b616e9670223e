"""Issue 12.4: one scope. Every report kind, generated on data with two plans in the year, for each plan and
(for the periodic report) each period: every number printed twice agrees — the body's counts, its per-domain
counts, its key figures, Phụ lục I's rows, Phụ lục II's register rows; the task list's summary and its table;
the evidence list's table and its missing-evidence list; the overdue notice's count and its tables."""
from __future__ import annotations

import re
from datetime import date

import pytest

from cchc_desktop.model import DONE, IN_PROGRESS, PlanInput, TaskInput
from cchc_desktop.reports import document as d
from cchc_desktop.workspace import Clock


def _on(session, day: date):
    session.clock = Clock(day)
    session.profile.invalidate()


def _add(session, plan, domain, name, deadline, parent=None):
    return session.tasks.add(TaskInput(plan, "PAR", domain, name, parent, deadline_text=deadline))


@pytest.fixture
def two_plans(session, tmp_path):
    _on(session, date(2026, 1, 10))
    a = session.plans.create(PlanInput("Kế hoạch CCHC năm 2026", 2026, "CCHC", "235/KH-UBND", date(2026, 1, 8)))
    b = session.plans.create(PlanInput("Kế hoạch nâng cao Chỉ số cải cách hành chính năm 2026", 2026, "CCHC", "",
                                       date(2026, 1, 20)))
    ta = [_add(session, a, "I", "Ban hành kế hoạch CCHC", "Tháng 01/2026"),
          _add(session, a, "I", "Tuyên truyền CCHC", "Quý I/2026"),
          _add(session, a, "I", "Kiểm tra CCHC", "Quý IV/2026")]
    parent = _add(session, a, "III", "Rà soát TTHC", "Quý II/2026")
    ta += [_add(session, a, "III", "Rà soát TTHC hộ tịch", "Tháng 02/2026", parent),
           _add(session, a, "III", "Rà soát TTHC đất đai", "Quý II/2026", parent),
           _add(session, a, "III", "Niêm yết TTHC", "Tháng 02/2026"),
           _add(session, a, "VII", "Số hóa hồ sơ", "Quý III/2026"),
           _add(session, a, "VII", "Dịch vụ công trực tuyến", "Tháng 01/2026")]
    tb = [_add(session, b, "III", f"Cải thiện chỉ số thành phần {n}", "Tháng 01/2026") for n in range(1, 6)]
    session.periods.apply_preset(2026, "bnv")
    _on(session, date(2026, 2, 20))
    for task in (ta[0], ta[3], tb[0]):
        session.tasks.update_progress(task, status=DONE, progress=100, result="Đã thực hiện",
                                      completed_on=date(2026, 2, 15))
    session.tasks.update_progress(ta[1], status=IN_PROGRESS, progress=50, result="Đang tuyên truyền")
    session.tasks.update_progress(tb[1], status=IN_PROGRESS, progress=20)
    proof = tmp_path / "05-QĐ-UBND ngày 15-02-2026.pdf"
    proof.write_bytes(b"%PDF-1.4 minh chung")
    session.evidence.attach(ta[0], [proof])
    q1 = session.periods.by_key("2026-Q1")
    session.statistics.set_value(q1, "III.4.1", "120")
    _on(session, date(2026, 6, 10))
    session.tasks.update_progress(ta[6], status=DONE, progress=100, completed_on=date(2026, 6, 5))
    session.tasks.update_progress(tb[2], status=DONE, progress=100, completed_on=date(2026, 6, 5))
    h1 = session.periods.by_key("2026-H1")
    session.statistics.set_value(h1, "III.4.1", "300")
    _on(session, date(2026, 11, 25))
    return a, b


def _number(pattern: str, text: str) -> int:
    found = re.search(pattern, text)
    assert found, pattern
    return int(found.group(1))


def _table_rows(part: d.Part) -> list[d.TableRow]:
    return [row for block in part.blocks if isinstance(block, d.Table) for row in block.rows if not row.group]


def _leaves(rows: list[d.TableRow]) -> list[d.TableRow]:
    return [row for row in rows if not row.keep_with_next]       # a parent task keeps with its first sub-task


def _check_periodic(built):
    doc, ctx = built.document, built.context
    facts = ctx.scope_facts(None)
    body = "\n".join(b.text for b in doc.body.blocks if isinstance(b, d.Paragraph))
    total, done = facts.total, facts.done
    assert total == len([r for r in ctx.rows if not any(c.parent_id == r.id for c in ctx.rows)])
    assert _number(r"gồm (\d+) nhiệm vụ", body) == total
    results = next(b.text for b in doc.body.blocks if b.text.startswith("Tổng số nhiệm vụ theo Kế hoạch"))
    assert _number(r"Tổng số nhiệm vụ theo Kế hoạch là (\d+)", results) == total
    assert _number(r"đã hoàn thành (\d+) nhiệm vụ \(đạt", results) == done
    assert _number(r"đang thực hiện (\d+), chưa triển", results) == facts.in_progress
    assert _number(r"chưa triển khai (\d+), quá hạn", results) == facts.not_started
    assert _number(r"quá hạn (\d+) nhiệm vụ \(chi tiết", results) == facts.overdue
    # the domains add up to the whole
    per_domain = [tuple(map(int, m)) for m in re.findall(
        r"có (\d+) nhiệm vụ: đã hoàn thành (\d+), đang thực hiện (\d+), chưa triển khai (\d+)", body)]
    assert sum(p[0] for p in per_domain) == total and sum(p[1] for p in per_domain) == done
    assert sum(p[2] for p in per_domain) == facts.in_progress and sum(p[3] for p in per_domain) == facts.not_started
    # Phụ lục I: one row per task of the plan reported on, in the state the body counts
    leaves = _leaves(_table_rows(doc.appendices[0]))
    assert len(leaves) == total
    states = [row.cells[4] for row in leaves]
    assert sum(s.startswith("Hoàn thành") for s in states) == done
    assert sum("quá hạn" in s for s in states) == facts.overdue
    assert sum(s.startswith("Chưa triển khai") for s in states) == facts.not_started
    # Phụ lục II and the body's key figures: the register rows count the same tasks
    stats = {row.cells[0] + " " + row.cells[1]: row.cells[3] for row in _table_rows(doc.appendices[1])}
    planned = next(v for k, v in stats.items() if "Số nhiệm vụ đề ra trong kế hoạch" in k)
    finished = next(v for k, v in stats.items() if k.endswith(" Số nhiệm vụ đã hoàn thành"))
    assert (int(planned), int(finished)) == (total, done)
    # the whole plan's register counts are never listed among one domain's key figures
    assert "Số nhiệm vụ đề ra trong kế hoạch:" not in body and "- Số nhiệm vụ đã hoàn thành:" not in body
    notes = [b.text for p in doc.appendices for b in p.blocks if isinstance(b, d.Paragraph)]
    assert all(ctx.plan.title in n or "235/KH-UBND" in n for n in notes)


def _check_tasks(built):
    doc = built.document
    summary = next(b.text for b in doc.body.blocks if isinstance(b, d.Paragraph) and b.text.startswith("Tổng số"))
    leaves = _leaves(_table_rows(doc.body))
    states = [row.cells[4] for row in leaves]
    assert _number(r"Tổng số (\d+) nhiệm vụ", summary) == len(leaves)
    assert _number(r"đã hoàn thành (\d+)", summary) == sum(s.startswith("Hoàn thành") for s in states)
    assert _number(r"chưa triển khai (\d+)", summary) == sum(s.startswith("Chưa triển khai") for s in states)
    assert _number(r"đang thực hiện (\d+)", summary) == sum(s.startswith("Đang thực hiện") for s in states)
    assert _number(r"quá hạn (\d+) nhiệm vụ", summary) == sum("quá hạn" in s for s in states)


def _check_evidence(built, attached: int, done_without: int):
    doc = built.document
    rows = _table_rows(doc.body)
    assert len(rows) == attached
    heading = [b.text for b in doc.body.blocks if isinstance(b, d.Paragraph) and "chưa có tài liệu" in b.text]
    bullets = [b for b in doc.body.blocks if isinstance(b, d.Paragraph) and b.style == d.BULLET]
    if done_without:
        assert _number(r"\((\d+)\)", heading[0]) == done_without == len(bullets)
    else:
        assert not heading and not bullets


def _check_overdue(built):
    doc, ctx = built.document, built.context
    body = "\n".join(b.text for b in doc.body.blocks if isinstance(b, d.Paragraph))
    overdue = ctx.scope_facts(None).overdue
    assert _number(r"còn (\d+) nhiệm vụ đã quá thời hạn", body) == overdue
    tables = [b for b in doc.body.blocks if isinstance(b, d.Table)]
    heads = [int(k) for k in re.findall(r"\((\d+) nhiệm vụ\)", body)]
    assert heads == [len(t.rows) for t in tables]
    names = {row.cells[1] for t in tables for row in t.rows}
    assert len(names) == overdue


def test_every_number_printed_twice_agrees(session, two_plans):
    a, b = two_plans
    seen_totals = set()
    for plan in (a, b):
        for key in ("2026-Q1", "2026-H1", "2026-Q3", "2026-Y"):
            period = session.periods.by_key(key)
            built = session.reports.build(plan, "periodic", period.id)
            _check_periodic(built)
            seen_totals.add((plan, built.context.scope_facts(None).total))
        _check_tasks(session.reports.build(plan, "tasks"))
        _check_tasks(session.reports.build(plan, "tasks", None, date(2026, 3, 14)))
        _check_overdue(session.reports.build(plan, "overdue"))
    assert seen_totals == {(a, 8), (b, 5)}                      # each plan counted on its own
    _check_evidence(session.reports.build(a, "evidence"), attached=1, done_without=2)
    _check_evidence(session.reports.build(b, "evidence"), attached=0, done_without=2)
    _check_evidence(session.reports.build(a, "evidence", None, date(2026, 2, 1)), attached=0, done_without=0)


def test_a_closed_period_whose_register_moved_is_not_issued_contradicting_itself(session, two_plans):
    """After closing Q1 a task is added to the plan: the closed form keeps 8, the body would count 9. The
    report says so, blocking, until the period is reopened (and the numbers recomputed)."""
    a, _b = two_plans
    q1 = session.periods.by_key("2026-Q1")
    session.statistics.close(q1)
    assert not [p for p in session.reports.build(a, "periodic", q1.id).problems if p.blocking
                and "không khớp" in p.message]
    _add(session, a, "II", "Nhiệm vụ bổ sung sau khi chốt", "Quý IV/2026")
    problems = [p for p in session.reports.build(a, "periodic", q1.id).problems if "không khớp" in p.message]
    assert problems and problems[0].blocking and "I.2.1: đã chốt 8, nay 9" in problems[0].message
    session.statistics.reopen(session.periods.by_key("2026-Q1"), "Bổ sung nhiệm vụ")
    built = session.reports.build(a, "periodic", session.periods.by_key("2026-Q1").id)
    assert not [p for p in built.problems if "không khớp" in p.message]
    _check_periodic(built)


def test_a_task_above_finished_sub_tasks_is_not_shown_overdue(session):
    """Found by a tester: a task still "Chưa triển khai" (due Quý I) whose sub-tasks were all done showed
    "quá hạn 239 ngày" in the task list, beside totals saying nothing was overdue."""
    plan = session.plans.create(PlanInput("Kế hoạch CCHC năm 2026", 2026, "CCHC", "15/KH-UBND"))
    parent = _add(session, plan, "III", "Rà soát thủ tục", "Quý I/2026")
    for name in ("Rà soát lĩnh vực hộ tịch", "Rà soát lĩnh vực đất đai", "Rà soát lĩnh vực tư pháp"):
        child = _add(session, plan, "III", name, "Quý I/2026", parent)
        session.tasks.update_progress(child, status=DONE, progress=100, completed_on=date(2026, 3, 20))
    built = session.reports.build(plan, "tasks")
    row = next(r for r in _table_rows(built.document.body) if r.cells[1] == "Rà soát thủ tục")
    assert row.cells[4] == "Gồm 3 nhiệm vụ con: hoàn thành 3"
    overdue = session.reports.build(plan, "overdue").context.scope_facts(None).overdue_rows
    assert overdue == [] and "quá hạn" not in row.cells[4]
