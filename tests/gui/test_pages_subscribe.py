"""Issue 12.5: no view is refreshed by a hand-written call. Every page subscribes to the kinds of data it
shows, so a write made anywhere (here: a bare background job, as any dialog or command would run) shows
on it: the overview, the domain tabs (at once when on screen, when next shown otherwise), the window's plan
pickers and title, the units and trash dialogs."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from cchc_desktop.model import DONE, PlanInput
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]


def _write(ctx, wait_jobs, work):
    ctx.jobs.run("thử", lambda s, _r: work(s))
    wait_jobs()


def test_no_view_is_refreshed_by_hand():
    pattern = re.compile(r"ctx\.changed\b|data_changed|profile_changed")
    found = [f"{path.relative_to(ROOT)}:{n}" for path in (ROOT / "ui").rglob("*.py")
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if pattern.search(line)]
    assert not found, found


def test_overview_follows_a_task_completed_elsewhere(demo_window, ctx, wait_jobs):
    overview = demo_window.overview
    demo_window.tabs.setCurrentIndex(0)
    wait_jobs()
    late = ctx.session.overview.build(ctx.plan_id).overdue
    assert late, "the demo has overdue tasks on the pinned day"
    before = overview.overdue.rowCount()
    _write(ctx, wait_jobs, lambda s: s.tasks.update_progress(late[0].id, status=DONE, progress=100,
                                                             completed_on=TODAY))
    assert overview.overdue.rowCount() == before - 1
    assert f"({before - 1})" in overview.overdue_label.text()


def test_domain_tab_follows_writes_now_or_when_shown(demo_window, ctx, wait_jobs):
    rows = ctx.session.tasks.rows(ctx.plan_id, "PAR", "III")
    view = demo_window.show_domain("PAR", "III")
    wait_jobs()
    open_rows = [r for r in rows if r.status != DONE]
    _write(ctx, wait_jobs, lambda s: s.tasks.update_progress(open_rows[0].id, status=DONE, progress=100,
                                                             completed_on=TODAY))
    assert next(r for r in view.rows if r.id == open_rows[0].id).status == DONE      # on screen: at once
    demo_window.tabs.setCurrentIndex(0)                                                # hidden now
    _write(ctx, wait_jobs, lambda s: s.tasks.update_progress(open_rows[1].id, status=DONE, progress=100,
                                                             completed_on=TODAY))
    assert next(r for r in view.rows if r.id == open_rows[1].id).status != DONE       # not read while hidden
    demo_window.show_domain("PAR", "III")
    assert next(r for r in view.rows if r.id == open_rows[1].id).status == DONE       # read when shown


def test_window_follows_plans_and_the_profile(demo_window, ctx, wait_jobs):
    count = demo_window.plan_combo.count()
    _write(ctx, wait_jobs, lambda s: s.plans.create(PlanInput("Kế hoạch nâng cao Chỉ số PAPI 2026", 2026, "PAPI")))
    assert demo_window.plan_combo.count() == count + 1
    profile = ctx.session.profile.get()
    _write(ctx, wait_jobs, lambda s: s.profile.save(replace(profile, commune="Thử Nghiệm")))
    assert "xã Thử Nghiệm" in demo_window.windowTitle()


def test_units_and_trash_dialogs_follow_writes(demo_window, ctx, wait_jobs, qtbot):
    from ui.dialogs.trash_dialog import TrashDialog
    from ui.dialogs.units_dialog import UnitsDialog
    units = UnitsDialog(ctx, demo_window)
    qtbot.addWidget(units)
    units.show()
    before = units.table.rowCount()
    _write(ctx, wait_jobs, lambda s: s.units.add("Tổ công nghệ số cộng đồng thử"))
    assert units.table.rowCount() == before + 1
    units.close()
    trash = TrashDialog(ctx, demo_window)
    qtbot.addWidget(trash)
    trash.show()
    before = trash.tasks.rowCount()
    task = ctx.session.tasks.rows(ctx.plan_id)[-1]
    _write(ctx, wait_jobs, lambda s: s.tasks.delete(task.id))
    assert trash.tasks.rowCount() == before + 1
    trash.close()


def test_every_page_of_the_strip_keeps_the_page_protocol(demo_window, wait_jobs):
    """Issue 14.8: pages are listed once (ui/pages.py) and the window treats them all alike."""
    from ui.pages import PAGES
    assert demo_window.nav.count() == len(PAGES)
    for row, spec in enumerate(PAGES):
        demo_window.nav.setCurrentRow(row)
        wait_jobs()
        page = demo_window.stack.currentWidget()
        assert page is demo_window.page(spec.key)
        assert page.page_title() and demo_window.windowTitle().startswith(page.page_title())
        page.reload()
        page.flush(now=True)
        assert page.unsaved() == ""
        wait_jobs()
