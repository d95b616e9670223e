"""Issue 13.10, the dates side: a date typed or imported outside 2000–2100 is refused with the reason."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import parse_date
from cchc_desktop.model import EvidenceInput, PlanInput, TaskInput

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("text", ["01/01/1900", "31/12/1999", "01/01/2101", "9999-12-31", "15/3/0026"])
def test_typed_dates_outside_the_working_years_are_refused(text):
    with pytest.raises(ValueError) as info:
        parse_date(text)
    assert "2000–2100" in str(info.value)


@pytest.mark.parametrize("text, value", [("01/01/2000", date(2000, 1, 1)), ("31/12/2100", date(2100, 12, 31))])
def test_the_edges_are_dates(text, value):
    assert parse_date(text) == value


def test_a_completion_date_before_2000_is_refused(session):
    plan = session.plans.create(PlanInput("Kế hoạch năm 2000", 2000))
    task = session.tasks.add(TaskInput(plan, "PAR", "I", "Nhiệm vụ"))
    with pytest.raises(ValidationError) as info:
        session.tasks.update_progress(task, status="done", progress=100, completed_on=date(1999, 12, 31))
    assert info.value.field == "completed_on" and "2000–2100" in str(info.value)


def test_a_plan_issued_before_2000_is_refused(session):
    with pytest.raises(ValidationError) as info:
        session.plans.create(PlanInput("Kế hoạch năm 2000", 2000, issued_on=date(1999, 12, 20)))
    assert info.value.field == "issued_on" and "2000–2100" in str(info.value)


def test_a_period_calendar_date_past_2100_is_refused(session):
    period = session.periods.ensure_year(2026)[0]
    with pytest.raises(ValidationError) as info:
        session.periods.update(period.id, period.start_on, period.end_on, date(2101, 1, 10))
    assert info.value.field == "due_on" and "2000–2100" in str(info.value)
    assert session.periods.get(period.id).due_on == period.due_on


def test_an_evidence_date_before_2000_is_refused(session, plan_id, tmp_path):
    task = session.tasks.add(TaskInput(plan_id, "PAR", "I", "Nhiệm vụ"))
    source = tmp_path / "qd.pdf"
    source.write_bytes(b"%PDF-1.4 qd")
    with pytest.raises(ValidationError) as info:
        session.evidence.attach(task, [source], [EvidenceInput(doc_number="01/QĐ-UBND", doc_date=date(1995, 5, 1))])
    assert info.value.field == "doc_date" and "2000–2100" in str(info.value)
    assert session.evidence.list(task) == []


def test_the_command_line_says_why_a_year_is_refused(workspace):
    env = {**os.environ, "CCHC_TODAY": "2026-11-25", "PYTHONIOENCODING": "utf-8"}

    def cli(*args):
        return subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(workspace.data_dir), *args],
                              capture_output=True, text=True, encoding="utf-8", env=env, timeout=60)

    done = cli("plans", "add", "--title", "Kế hoạch", "--year", "2026", "--date", "08/01/1900")
    assert done.returncode in (1, 2) and "2000–2100" in done.stderr and "Traceback" not in done.stderr, done.stderr
