"""Issue 12.3: the task list and the evidence list as of a date (`report --kind tasks --as-of 14/03/2026`),
rebuilt from the history, through ReportsService and on the command line."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from cchc_desktop.errors import ValidationError
from cchc_desktop.model import DONE
from tests.core.test_official_numbers import _on, register  # noqa: F401  (the fixture)

ROOT = Path(__file__).resolve().parents[2]


def test_task_and_evidence_lists_as_of_a_date(session, register, tmp_path):  # noqa: F811
    plan, ids = register
    _on(session, date(2026, 4, 20))
    session.tasks.update_progress(ids[1], status=DONE, progress=100, result="KẾT QUẢ VIẾT SAU NGÀY CHỐT",
                                  completed_on=date(2026, 4, 15))
    proof = tmp_path / "Báo cáo 12-BC-UBND.pdf"
    proof.write_bytes(b"%PDF-1.4 minh chung")
    session.evidence.attach(ids[1], [proof])
    _on(session, date(2026, 11, 25))
    then = session.reports.build(plan, "tasks", None, date(2026, 3, 14))
    now = session.reports.build(plan, "tasks", None)
    assert then.context.as_of == date(2026, 3, 14) and now.context.as_of == date(2026, 11, 25)
    text_then, text_now = then.document.plain_text(), now.document.plain_text()
    assert "Tình hình thực hiện đến ngày 14/03/2026" in text_then
    assert "KẾT QUẢ VIẾT SAU NGÀY CHỐT" not in text_then and "KẾT QUẢ VIẾT SAU NGÀY CHỐT" in text_now
    assert "đã hoàn thành 1 " in text_then and "đã hoàn thành 2 " in text_now
    evidence = session.reports.build(plan, "evidence", None, date(2026, 3, 14)).document.plain_text()
    assert "Tính đến ngày 14/03/2026" in evidence and "Báo cáo 12-BC-UBND" not in evidence
    assert "Báo cáo 12-BC-UBND" in session.reports.build(plan, "evidence", None).document.plain_text()
    out = tmp_path / "ds.pdf"
    built = session.reports.write(plan, "tasks", None, "pdf", out, date(2026, 3, 14))
    assert built.context.as_of == date(2026, 3, 14) and out.stat().st_size > 1000


def test_as_of_is_refused_where_it_does_not_belong(session, register):  # noqa: F811
    plan, _ids = register
    q1 = session.periods.by_key("2026-Q1")
    with pytest.raises(ValidationError, match="ngày chốt"):
        session.reports.build(plan, "periodic", q1.id, date(2026, 2, 1))
    with pytest.raises(ValidationError, match="chưa tới"):
        session.reports.build(plan, "tasks", None, date(2027, 1, 1))


def _cli(folder: Path, today: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CCHC_TODAY": today, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(folder), *args],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=60)


def test_report_as_of_on_the_command_line(tmp_path):
    folder = tmp_path / "Dữ liệu xã"
    steps = [("2026-01-10", "plans", "add", "--title", "Kế hoạch CCHC năm 2026", "--year", "2026", "--number",
              "235/KH-UBND", "--date", "08/01/2026"),
             ("2026-01-10", "tasks", "add", "--domain", "I", "--name", "Nhiệm vụ một", "--deadline", "Quý I/2026"),
             ("2026-01-10", "tasks", "add", "--domain", "I", "--name", "Nhiệm vụ hai", "--deadline", "Quý II/2026"),
             ("2026-04-20", "tasks", "update", "--domain", "I", "--task", "1", "--status", "done", "--result",
              "KẾT QUẢ SAU NGÀY CHỐT", "--completed", "15/04/2026")]
    for today, *args in steps:
        result = _cli(folder, today, *args)
        assert result.returncode == 0, (args, result.stdout, result.stderr)
    texts = {}
    for as_of in ("14/03/2026", None):
        out = tmp_path / f"ds-{'then' if as_of else 'now'}.pdf"
        extra = ["--as-of", as_of] if as_of else []
        result = _cli(folder, "2026-11-25", "report", "--kind", "tasks", *extra, "--out", str(out), "--json")
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["as_of"] == ("2026-03-14" if as_of else "2026-11-25")
        texts[as_of] = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                                               check=True).stdout.split())
    assert "đến ngày 14/03/2026" in texts["14/03/2026"]
    assert "KẾT QUẢ SAU NGÀY CHỐT" not in texts["14/03/2026"] and "KẾT QUẢ SAU NGÀY CHỐT" in texts[None]
    result = _cli(folder, "2026-11-25", "report", "--kind", "evidence", "--as-of", "14/03/2026", "--out",
                  str(tmp_path / "mc.docx"))
    assert result.returncode == 0, result.stderr
    for bad in (["--kind", "tasks", "--as-of", "31/02/2026"], ["--kind", "tasks", "--as-of", "01/01/2027"],
                ["--kind", "overdue", "--as-of", "14/03/2026"]):
        result = _cli(folder, "2026-11-25", "report", *bad, "--out", str(tmp_path / "x.pdf"))
        assert result.returncode == 1, (bad, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
