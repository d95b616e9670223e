"""A report made on a draft plan (issue 17, what a fresh tester found): a draft is counted nowhere official, so
its report's Phụ lục II is the statistics form as the statistics page has it, and the document says "Dự thảo"."""
from __future__ import annotations

from datetime import date

from cchc_desktop.model import PlanInput
from cchc_desktop.reports.kinds import PERIODIC, TASKS
from cchc_desktop.workspace import Clock


def _draft_2027(session, demo) -> int:
    return session.rollover.apply(session.rollover.preview(demo)).plan_id


def test_a_report_on_a_draft_counts_in_its_statistics_what_the_statistics_page_counts(workspace, demo, session):
    draft = _draft_2027(session, demo)
    with workspace.session(Clock(date(2027, 3, 10))) as later:
        q1 = later.periods.by_key("2027-Q1")
        built = later.reports.build(draft, PERIODIC, q1.id)
        page = later.statistics.form(q1)                     # what the statistics page shows
        assert built.context.form.cells["I.2.1"].value == page.cells["I.2.1"].value is None
        assert built.context.scope_facts(None).total == len(later.tasks.rows(draft))   # the body: the draft's tasks
        text = built.document.plain_text()
        assert "(Theo kế hoạch DỰ THẢO năm 2027, chưa ban hành)" in built.document.subject
        assert "năm 2027 (Dự thảo)" in text
        assert built.problems[0].blocking and "Dự thảo" in built.problems[0].message


def test_once_numbered_and_dated_the_plan_is_counted_and_the_mark_goes(workspace, demo, session):
    draft = _draft_2027(session, demo)
    plan = session.plans.get(draft)
    session.plans.update(draft, PlanInput(plan.title, 2027, plan.kind, "12/KH-UBND", date(2026, 12, 20)))
    with workspace.session(Clock(date(2027, 3, 10))) as later:
        q1 = later.periods.by_key("2027-Q1")
        built = later.reports.build(draft, PERIODIC, q1.id)
        assert built.context.form.cells["I.2.1"].value == len(later.tasks.rows(draft))
        assert "Dự thảo" not in built.document.plain_text() and "DỰ THẢO" not in built.document.plain_text()


def test_a_list_of_a_draft_plans_tasks_says_du_thao(session, demo):
    built = session.reports.build(_draft_2027(session, demo), TASKS)
    assert "(Theo kế hoạch DỰ THẢO năm 2027, chưa ban hành)" in built.document.subject
