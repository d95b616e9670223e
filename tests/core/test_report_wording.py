"""Issue 12.7: the wording a province officer reads. "đang triển khai" lists tasks in progress only,
"Ưu điểm" never calls a poor figure a strength, yes/no reads Có/Không in every format, a plan without
a number is named by its title and date, and no page of an appendix holds a lone row."""
from __future__ import annotations

import subprocess
from datetime import date

import docx
import openpyxl
import pytest

from cchc_desktop.model import DONE, IN_PROGRESS, PlanInput, TaskInput
from cchc_desktop.workspace import Clock
from tests.support.pdf_layout import pdf_pages


def _on(session, day: date):
    session.clock = Clock(day)
    session.profile.invalidate()


@pytest.fixture
def slow_plan(session):
    """42 tasks, a plan whose number was never filled in ("/KH-UBND"); by the Q1 cut-off (14/03) two are
    done, one is in progress, the rest not started; I.4 (a yes/no row) is 1."""
    _on(session, date(2026, 1, 10))
    plan = session.plans.create(PlanInput("Kế hoạch cải cách hành chính xã Hòa Bình năm 2026", 2026, "CCHC",
                                          "/KH-UBND", date(2026, 1, 8)))
    ids = [session.tasks.add(TaskInput(plan, "PAR", "I" if n <= 6 else "III", f"Nhiệm vụ mẫu số {n:02d}",
                                       code=str(n), deadline_text="Quý IV/2026")) for n in range(1, 43)]
    session.periods.apply_preset(2026, "bnv")
    _on(session, date(2026, 3, 1))
    session.tasks.update_progress(ids[0], status=DONE, progress=100, completed_on=date(2026, 2, 20))
    session.tasks.update_progress(ids[1], status=DONE, progress=100, completed_on=date(2026, 2, 25))
    session.tasks.update_progress(ids[2], status=IN_PROGRESS, progress=40)
    q1 = session.periods.by_key("2026-Q1")
    session.statistics.set_value(q1, "I.4", "1")
    return plan, q1


def _section(text: str, start: str, stop: tuple[str, ...]) -> str:
    body = text.split(start, 1)[1]
    ends = [body.index(s) for s in stop if s in body]
    return body[:min(ends)] if ends else body


def test_in_progress_lists_only_tasks_in_progress(session, slow_plan):
    plan, q1 = slow_plan
    text = session.reports.build(plan, "periodic", q1.id).document.plain_text()
    going = _section(text, "Nhiệm vụ đang triển khai:", ("c)", "d)", "II. KẾT QUẢ"))
    assert "Nhiệm vụ mẫu số 03" in going
    assert "Nhiệm vụ mẫu số 04" not in going and "chưa triển khai" not in going


def test_strengths_never_cite_a_poor_completion_rate(session, slow_plan):
    plan, q1 = slow_plan
    built = session.reports.build(plan, "periodic", q1.id)
    assert built.context.scope_facts(None).done == 2 and built.context.scope_facts(None).total == 42
    strengths = _section(built.document.plain_text(), "1. Ưu điểm", ("2. Tồn tại",))
    assert "2/42" not in strengths and "4,8" not in strengths
    assert "đã hoàn thành 2 nhiệm vụ" in strengths.replace("Trong kỳ đã", "đã")   # what did go well


def test_strengths_cite_a_good_completion_rate(session, slow_plan):
    plan, _ = slow_plan
    y = session.periods.by_key("2026-Y")
    _on(session, date(2026, 11, 20))
    for row in session.tasks.rows(plan)[2:30]:
        session.tasks.update_progress(row.id, status=DONE, progress=100, completed_on=date(2026, 11, 19))
    strengths = _section(session.reports.build(plan, "periodic", y.id).document.plain_text(), "1. Ưu điểm",
                         ("2. Tồn tại",))
    assert "30/42" in strengths


def test_yes_no_reads_co_khong_in_every_format(session, slow_plan, tmp_path):
    plan, q1 = slow_plan
    built = session.reports.build(plan, "periodic", q1.id)
    name = built.context.form.cells["I.4"].indicator.name
    texts = {}
    pdf = tmp_path / "bc.pdf"
    session.reports.write(plan, "periodic", q1.id, "pdf", pdf)
    texts["pdf"] = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True,
                                  text=True).stdout
    word = tmp_path / "bc.docx"
    session.reports.write(plan, "periodic", q1.id, "docx", word)
    rows = [[c.text for c in row.cells] for t in docx.Document(word).tables for row in t.rows]
    xlsx = tmp_path / "bc.xlsx"
    session.reports.write(plan, "periodic", q1.id, "xlsx", xlsx)
    book = openpyxl.load_workbook(xlsx)
    sheet_rows = [[c.value for c in r] for s in book.worksheets for r in s.iter_rows()]
    for found in (rows, sheet_rows):
        row = next(r for r in found if name in r)
        value = row[3]
        assert value == "Có", (value, row)
    appendix = texts["pdf"].split("Phụ lục II", 1)[1]
    line = next(line for line in appendix.splitlines() if "Tổ chức đối thoại" in line)
    assert " Có " in f" {line} " and " 1 " not in f" {line} ", line
    assert f"{name}: Có." in built.document.plain_text()      # and in the body's key figures


@pytest.mark.parametrize("number", ["/KH-UBND", ""])
def test_a_plan_without_a_number_is_named_by_title_and_date(session, slow_plan, number):
    plan, q1 = slow_plan
    if number == "":
        p = session.plans.get(plan)
        session.plans.update(plan, PlanInput(p.title, p.year, p.kind, "", p.issued_on))
    for kind, period in (("periodic", q1.id), ("tasks", None), ("evidence", None), ("overdue", None)):
        text = " ".join(session.reports.build(plan, kind, period).document.plain_text().split())
        assert "/KH-UBND" not in text and "Kế hoạch ngày" not in text, kind
        assert "Kế hoạch cải cách hành chính xã Hòa Bình năm 2026 (ban hành ngày 08/01/2026)" in text, kind
    text = session.reports.build(plan, "periodic", q1.id).document.plain_text()
    assert "về cải cách hành chính năm 2026 về" not in text
    assert "Kế hoạch cải cách hành chính xã Hòa Bình năm 2026 (ban hành ngày 08/01/2026) của" in text


def _task_rows_per_page(path) -> list[int]:
    return [len({w.text for w in page.words if w.text.startswith("NV")}) for page in pdf_pages(path)]


@pytest.fixture
def growing(session):
    plan = session.plans.create(PlanInput("Kế hoạch CCHC năm 2026", 2026, "CCHC", "9/KH-UBND"))

    def grow(to: int):
        have = len(session.tasks.rows(plan))
        for n in range(have + 1, to + 1):
            session.tasks.add(TaskInput(plan, "PAR", "III", f"NV{n:03d} rà soát thủ tục hành chính cơ quan đơn vị "
                                        * 2, deadline_text="Quý I/2026"))
        return plan
    return grow


def test_no_pdf_page_holds_a_lone_appendix_row(session, growing, tmp_path):
    """Tables of 8 to 40 rows: without keep-with-next, 17, 27 and 37 rows left one row on the last page."""
    for n in range(8, 41):
        plan = growing(n)
        out = tmp_path / f"{n}.pdf"
        session.reports.write(plan, "tasks", None, "pdf", out)
        counts = _task_rows_per_page(out)
        assert sum(counts) == n and 1 not in counts, (n, counts)


def test_no_docx_page_holds_a_lone_appendix_row(session, growing, tmp_path):
    """As LibreOffice lays our DOCX out: without keep-with-next, 16 and 26 rows left one on the last page."""
    from tests.support.libreoffice import convert
    for n in (16, 17, 26):
        plan = growing(n)
        out = tmp_path / f"t{n}.docx"
        session.reports.write(plan, "tasks", None, "docx", out)
        counts = _task_rows_per_page(convert(out, "pdf", tmp_path))
        assert sum(counts) == n and 1 not in counts, (n, counts)
    rows = max(docx.Document(out).tables, key=lambda t: len(t.rows)).rows
    keeps = [all(p.paragraph_format.keep_with_next for c in r.cells for p in c.paragraphs) for r in rows]
    assert keeps[1] and not keeps[2] and keeps[-2] and not keeps[-1]    # the group row; the last two together


def test_a_figure_under_a_heading_row_names_its_heading(session, demo):
    """"Tổng số nhiệm vụ được giao: 4" under section I read as the domain's own count; it is the province's
    assignments (I.3), so the line says so; the plan-wide register counts stay out of a domain's figures."""
    q1 = session.periods.by_key("2026-Q1")
    text = session.reports.build(demo, "periodic", q1.id).document.plain_text()
    assert "- Thực hiện nhiệm vụ UBND tỉnh, Chủ tịch UBND tỉnh giao — tổng số nhiệm vụ được giao:" in text
    assert "\n- Tổng số nhiệm vụ được giao:" not in text and "\n- Số nhiệm vụ đề ra trong kế hoạch:" not in text
