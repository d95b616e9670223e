"""Kế hoạch → Tạo kế hoạch năm sau…: the preview (ticks, old → new deadline, flags with their reason,
"chuyển tiếp" marks), the plan created in the background and shown, the draft visible until numbered and dated."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from cchc_desktop.model import TaskInput
from ui.dialogs.rollover_dialog import CODE, FLAG_BACKGROUND, NAME, NEW, NOTE, OLD, SOURCE_ROLE, RolloverDialog
from ui.models.task_tree import UNREAD_DEADLINE


def _task_items(tree) -> list:
    found, stack = [], [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        for i in range(item.childCount()):
            found.append(item.child(i))
            stack.append(item.child(i))
    return found


def _open(window, wait_jobs) -> RolloverDialog:
    action = next(a for a in window.plan_actions.needs_plan if a.text() == "Tạo kế hoạch năm sau…")
    assert action.isEnabled()
    action.trigger()
    wait_jobs()
    dialog = next(w for w in window.findChildren(RolloverDialog) if w.isVisible())
    assert dialog.preview is not None
    return dialog


def test_next_years_plan_from_the_menu(demo_window, ctx, wait_jobs):
    window, session = demo_window, ctx.session
    plan_id = ctx.plan_id
    roadmap = session.tasks.add(TaskInput(plan_id, "PAR", "VII", "Chuyển đổi số theo lộ trình", code="43",
                                          deadline_text="Theo lộ trình giai đoạn 2026 - 2030"))
    parent = session.tasks.find(plan_id, "20", "PAR", "III")[0].id
    child = session.tasks.add(TaskInput(plan_id, "PAR", "III", "Rà soát lĩnh vực hộ tịch", parent, "20.1",
                                        deadline_text="Quý II/2026"))
    dialog = _open(window, wait_jobs)
    ui = dialog.ui
    items = {item.data(CODE, SOURCE_ROLE): item for item in _task_items(ui.tree)}
    assert len(items) == 44
    assert items[child].parent() is items[parent]       # listed before its parent in the plan's order
    assert ui.tree.headerItem().text(OLD) == "Thời gian năm 2026" and ui.tree.headerItem().text(NEW) == \
        "Thời gian năm 2027"
    assert ui.year.value() == 2027 and ui.title.text().endswith("năm 2027")
    by_code = {dialog.preview.tasks[i].code: dialog.preview.tasks[i] for i in range(len(dialog.preview.tasks))}
    first = items[by_code["1"].source_id]           # old → new side by side
    assert (first.text(OLD), first.text(NEW)) == ("Trước ngày 10/01/2026", "Trước ngày 10/01/2027")
    carried_task = next(t for t in dialog.preview.tasks if t.carried)               # a one-off task left undone
    carried = items[carried_task.source_id]
    assert carried.checkState(CODE) == Qt.CheckState.Checked and "Chuyển tiếp từ năm 2026" in carried.text(NOTE)
    recurring = items[by_code["14"].source_id]      # a duty: ticked, never "chuyển tiếp"
    assert recurring.checkState(CODE) == Qt.CheckState.Checked and "Chuyển tiếp" not in recurring.text(NOTE)
    done = items[by_code["34"].source_id]            # done, one-off: listed, not ticked, said why
    assert done.checkState(CODE) == Qt.CheckState.Unchecked and "Hoàn thành" in done.text(NOTE)
    assert "Nên xem" in done.text(NOTE)              # its product is a report: maybe yearly
    yearly = items[by_code["13"].source_id]          # a plan made each year, dated in a quarter: ticked, said why
    assert yearly.checkState(CODE) == Qt.CheckState.Checked and "Có thể là việc hằng năm" in yearly.text(NOTE)
    renamed = items[by_code["1"].source_id]          # "năm 2026" → "năm 2027" in the name: tinted, listed
    assert renamed.background(NAME).color() == QColor(FLAG_BACKGROUND) and "Tên nhiệm vụ đã đổi" in renamed.text(NOTE)
    assert "năm 2026" in renamed.toolTip(NAME) and "Tên nhiệm vụ đổi năm" in ui.around.text()
    assert f"1: “{by_code['1'].old_name}” → “{by_code['1'].name}”" in ui.around.text()     # old → new, listed
    flagged = items[roadmap]
    assert flagged.background(NEW).color() == QColor(FLAG_BACKGROUND)
    assert "Giai đoạn nhiều năm" in flagged.text(NOTE) and "Giai đoạn nhiều năm" in flagged.toolTip(NEW)
    assert flagged.text(NEW) == "Theo lộ trình giai đoạn 2026 - 2030"
    assert "Lịch báo cáo năm 2027" in ui.around.text() and "Số liệu đầu năm" in ui.around.text()
    flagged_ids = {t.source_id for t in dialog.preview.tasks if t.flags}
    assert roadmap in flagged_ids and f"{len(flagged_ids)} nhiệm vụ cần xem lại" in ui.summary.text()
    # only the rows to look at, then all again
    ui.only_flagged.setChecked(True)
    assert {i.data(CODE, SOURCE_ROLE) for i in _task_items(ui.tree) if not i.isHidden()} == flagged_ids
    ui.only_flagged.setChecked(False)
    # untick one, tick the done one
    carried.setCheckState(CODE, Qt.CheckState.Unchecked)
    done.setCheckState(CODE, Qt.CheckState.Checked)
    chosen = set(dialog.chosen())
    assert by_code["34"].source_id in chosen and carried_task.source_id not in chosen
    assert f"Sẽ tạo {len(chosen)}/44" in ui.summary.text()

    ui.create_button.click()
    wait_jobs()
    assert not dialog.isVisible()
    new_plan = session.plans.get(ctx.plan_id)
    assert new_plan.year == 2027 and new_plan.draft and new_plan.id != plan_id
    rows = session.tasks.rows(new_plan.id)
    assert {r.previous_id for r in rows} == chosen
    assert "Dự thảo" in window.plan_combo.currentText() and "2027" in window.plan_combo.currentText()
    assert "Đã tạo kế hoạch năm 2027 (Dự thảo)" in window.message_label.text()
    # the window shows where the tasks to look at are: the first one's domain, filtered to them
    first = next(t for t in sorted(dialog.preview.tasks, key=lambda t: t.position) if t.flags and t.source_id in chosen)
    page = window.pages[(first.framework, first.domain_code)]
    assert window.tabs.currentWidget() is page
    assert page.ensure_view().ui.status_filter.currentData() == UNREAD_DEADLINE
    kept = next(r for r in rows if r.previous_id == roadmap)      # the flags stay with the task
    assert kept.note.startswith("Cần xem lại thời gian: Giai đoạn nhiều năm") and kept.time_review
    # a carried task says where it came from; its evidence stayed with last year's
    view = window.show_domain("PAR", "I")
    row = next(r for r in rows if r.code == "1")
    view.select_task(row.id)
    wait_jobs()
    previous = view.ui.detail.fields["previous"]
    assert view.ui.detail.form.isRowVisible(previous)
    assert previous.text() == "STT 1 của kế hoạch năm 2026: Hoàn thành, 1 tệp minh chứng"
    note = view.ui.detail.fields["note"]            # the name moved on: said in the task's note
    assert view.ui.detail.form.isRowVisible(note) and note.text().startswith("Cần xem lại: Tên nhiệm vụ đã đổi")
    # the carried task shows its mark in its details
    carried_row = next(r for r in rows if r.previous_id in {t.source_id for t in dialog.preview.tasks if t.carried})
    carried_view = window.show_domain(carried_row.framework, carried_row.domain_code)
    carried_view.reveal_task(carried_row.id)
    wait_jobs()
    shown = carried_view.ui.detail.fields["note"]
    assert carried_view.ui.detail.form.isRowVisible(shown) and shown.text() == "Chuyển tiếp từ năm 2026"
    assert row.evidence_count == 0
    # the draft is not counted in the statistics, and the form says why
    stats = window.show_statistics(session.periods.by_key("2027-Q1").id)
    wait_jobs()
    assert "Kế hoạch năm 2027 còn là bản Dự thảo" in stats.ui.summary.text()
    assert stats.form.cells["I.2.1"].value is None or stats.form.cells["I.2.1"].value == 0
    window.show_page("tasks")

    # numbered and dated: the draft mark goes
    from ui.dialogs.plan_dialog import PlanDialog
    edit = window.plan_actions.edit_plan()
    assert isinstance(edit, PlanDialog) and edit.ui.draft_note.isVisibleTo(edit)
    edit.ui.number.setText("12/KH-UBND")
    edit.ui.issued_on.set_value(date(2026, 12, 20))
    edit.save_button.click()
    wait_jobs()
    assert not session.plans.get(new_plan.id).draft
    assert "Dự thảo" not in window.plan_combo.currentText()


def test_a_second_time_into_the_same_year_is_said_and_refused(demo_window, ctx, wait_jobs):
    ctx.session.rollover.apply(ctx.session.rollover.preview(ctx.plan_id))
    dialog = _open(demo_window, wait_jobs)
    assert "Đã có kế hoạch năm 2027" in dialog.ui.around.text()
    assert not dialog.ui.create_button.isEnabled()
    dialog.ui.year.setValue(2028)           # another year: read again (once the spin box rests)
    assert dialog._year_timer.isActive()
    dialog._year_timer.stop()
    dialog.start()
    wait_jobs()
    assert dialog.preview.year == 2028 and dialog.ui.create_button.isEnabled()
    assert dialog.ui.tree.headerItem().text(NEW) == "Thời gian năm 2028"
    dialog.reject()


def test_the_next_start_opens_on_this_years_plan_not_the_draft(demo_window, ctx, qtbot, wait_jobs, workspace):
    from cchc_desktop.workspace import Clock
    from tests.conftest import TODAY
    from ui.context import AppContext
    from ui.main_window import LAST_PLAN_KEY, MainWindow
    this_year = ctx.plan_id
    dialog = _open(demo_window, wait_jobs)
    dialog.ui.create_button.click()
    wait_jobs()
    draft = ctx.plan_id
    assert draft != this_year and ctx.session.plans.get(draft).draft          # shown now, in this session
    assert ctx.session.profile.setting(LAST_PLAN_KEY) != str(draft)         # but not remembered for it
    demo_window.close()
    ctx.jobs.wait()
    start = AppContext(workspace, Clock(TODAY))                            # the next start
    try:
        again = MainWindow(start)
        qtbot.addWidget(again)
        qtbot.waitUntil(lambda: not start.jobs.busy)
        assert start.plan_id == this_year and "Dự thảo" not in again.plan_combo.currentText()
        # the officer picks the draft: from then on it is their choice
        again.year_combo.setCurrentIndex(again.year_combo.findData(2027))
        assert start.plan_id == draft
        qtbot.waitUntil(lambda: not start.jobs.busy)
        assert start.session.profile.setting(LAST_PLAN_KEY) == str(draft)
        again.close()
    finally:
        start.jobs.wait()
        start.session.close()


def test_a_year_with_a_plan_of_its_own_needs_a_tick_to_add_a_second(demo_window, ctx, wait_jobs):
    from cchc_desktop.model import PlanInput
    ctx.session.plans.create(PlanInput("Kế hoạch CCHC năm 2027 (nhập tay)", 2027, "CCHC"))
    dialog = _open(demo_window, wait_jobs)
    ui = dialog.ui
    assert "Năm 2027 đã có kế hoạch “Kế hoạch CCHC năm 2027 (nhập tay)”" in ui.around.text()
    assert ui.also.isVisibleTo(dialog) and not ui.create_button.isEnabled()
    assert ui.title.text().endswith("(tạo từ kế hoạch năm 2026)")
    ui.also.setChecked(True)
    assert ui.create_button.isEnabled()
    ui.create_button.click()
    wait_jobs()
    assert len(ctx.session.plans.list(2027)) == 2


def test_the_dialog_fits_the_office_screen(demo_window, wait_jobs):
    dialog = _open(demo_window, wait_jobs)
    screen = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().width() <= max(screen.width(), 1366)
    assert dialog.frameGeometry().height() <= max(screen.height(), 768)
    dialog.reject()
