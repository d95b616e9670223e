"""Issue 12.3: the reports page writes a task or evidence list as of a date the officer picks."""
from __future__ import annotations

from datetime import date

import pytest

from ui.widgets import InvalidDate


def test_task_list_as_of_a_date_from_the_reports_page(demo_window, ctx, qtbot, wait_jobs):
    view = demo_window.show_reports("periodic", ctx.session.periods.by_key("2026-Q1").id)
    wait_jobs()
    assert not view.ui.as_of.isVisible()                  # a period's report is as of its cut-off
    view.show_document("tasks")
    wait_jobs()
    assert view.ui.as_of.isVisible() and view.ui.as_of.value() == date(2026, 11, 25)
    view.ui.as_of.edit.setText("26/11/2026")                       # no date to come
    with pytest.raises(InvalidDate, match="26/11/2026 sau ngày 25/11/2026"):
        view.ui.as_of.value()
    view.ui.as_of.set_value(date(2026, 3, 14))
    wait_jobs()
    seen = []
    view._render_pdf(lambda pages, built: seen.append(built))
    wait_jobs()
    assert seen and seen[0].context.as_of == date(2026, 3, 14)
    assert "Tình hình thực hiện đến ngày 14/03/2026" in seen[0].document.subject
    assert "14-03-2026" in view._suggested_name("pdf")
    view.show_document("evidence")
    wait_jobs()
    seen.clear()
    view._render_pdf(lambda pages, built: seen.append(built))
    wait_jobs()
    assert seen[0].context.as_of == date(2026, 3, 14)
