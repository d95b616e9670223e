"""The overview's charts and its meeting page are counted at the day they are asked for (not the clock's), say
which unit each overdue count belongs to, and carry click targets only on screen."""
from __future__ import annotations

import re
import unicodedata
from datetime import date

from cchc_desktop.charts.overview import UnitCount
from cchc_desktop.model import DONE, TaskInput
from tests.core.test_charts import TODAY, _pdf_text

JUNE = date(2026, 6, 1)      # the Q1 task is overdue, the October one not yet


def _flat(text: str) -> str:
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", text))


def _two_deadlines(session, plan_id) -> None:
    session.tasks.add(TaskInput(plan_id, "PAR", "I", "Ban hành kế hoạch", deadline_text="Quý I/2026"))
    session.tasks.add(TaskInput(plan_id, "PAR", "II", "Rà soát văn bản", deadline_text="Tháng 10/2026"))


def test_the_meeting_page_counts_the_day_it_is_for(session, plan_id):
    _two_deadlines(session, plan_id)
    text = _flat(_pdf_text(session.overview.sheet_pdf(plan_id, JUNE))[0])
    assert "Số liệu đến ngày 01/06/2026: 2 nhiệm vụ, đã hoàn thành 0 (0 %), quá hạn 1." in text
    assert "Tổng số: 1 nhiệm vụ quá hạn." in text              # the chart counts the same day
    done = session.tasks.add(TaskInput(plan_id, "PAR", "III", "Niêm yết TTHC", deadline_text="Tháng 02/2026"))
    session.tasks.update_progress(done, status=DONE, progress=100, completed_on=date(2026, 2, 10))
    text = _flat(_pdf_text(session.overview.sheet_pdf(plan_id))[0])     # by default: the clock's day
    assert "Số liệu đến ngày 25/11/2026: 3 nhiệm vụ, đã hoàn thành 1 (33,3 %), quá hạn 2." in text


def test_the_meeting_page_of_a_plan_without_tasks_says_zero(session, plan_id):
    text = _flat(_pdf_text(session.overview.sheet_pdf(plan_id, TODAY))[0])
    assert "Số liệu đến ngày 25/11/2026: 0 nhiệm vụ, đã hoàn thành 0 (0 %), quá hạn 0." in text


def test_the_overdue_chart_counts_the_day_it_is_asked_for(session, plan_id):
    _two_deadlines(session, plan_id)
    for day, total in ((JUNE, 1), (TODAY, 2)):
        chart = {c.key: c for c in session.overview.charts(plan_id, day)}["overdue"]
        assert [bar.total for bar in chart.bars] == [total]
        assert f"Tổng số: {total} nhiệm vụ quá hạn." in chart.caption
        assert session.overview.overdue_by_lead(plan_id, day)[1] == total


def test_overdue_counts_per_lead_unit_name_the_unit_and_its_abbreviation(session, plan_id):
    office = session.units.add("Tổ kiểm tra liên ngành", "TKT")
    session.tasks.add(TaskInput(plan_id, "PAR", "I", "Ban hành kế hoạch", deadline_text="Quý I/2026",
                                lead_ids=[office]))
    session.tasks.add(TaskInput(plan_id, "PAR", "II", "Rà soát văn bản", deadline_text="Quý II/2026"))
    session.tasks.add(TaskInput(plan_id, "PAR", "II", "Kiểm tra cuối năm", deadline_text="Tháng 12/2026"))
    units, total = session.overview.overdue_by_lead(plan_id, TODAY)
    assert sorted(units, key=lambda u: u.unit_id or 0) == [UnitCount(None, "", "", 1),
                                                           UnitCount(office, "Tổ kiểm tra liên ngành", "TKT", 1)]
    assert total == 2


def test_charts_say_they_can_be_clicked_on_screen_and_not_on_paper(session, demo):
    def tips(charts):
        return [t for c in charts for bar in c.bars for t in [bar.tooltip, *(s.tooltip for s in bar.segments)]]
    assert any("Nhấp để" in tip for tip in tips(session.overview.charts(demo)))
    assert not any("Nhấp để" in tip for tip in tips(session.overview.charts(demo, clickable=False)))
