"""A big plan with long cells breaks across pages cleanly: no cut rows, headers repeated, nothing off
the page — in our PDF, and in our DOCX as LibreOffice lays it out."""
from __future__ import annotations

import random

import pytest

from cchc_desktop.model import PlanInput, TaskInput
from tests.support.libreoffice import convert
from tests.support.pdf_layout import MM, pdf_pages

WORDS = ("rà soát", "đánh giá", "thủ tục hành chính", "cơ quan", "đơn vị", "triển khai", "kiểm tra", "công khai",
         "chuyển đổi số", "hồ sơ", "người dân", "doanh nghiệp", "kết quả", "văn bản", "quy định")
DOMAINS = ("I", "II", "III", "IV", "V", "VI", "VII")
GIANT = 77


def _sentence(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


@pytest.fixture
def big_plan(session):
    rng = random.Random(2026)
    plan = session.plans.create(PlanInput("Kế hoạch CCHC năm 2026 (200 nhiệm vụ)", 2026, "CCHC", "9/KH-UBND"))
    for i in range(1, 201):
        result = f"{_sentence(rng, 0, 60)} KT{i:03d}"
        if i == GIANT:   # one result longer than a page: the only row allowed to continue on the next page
            result = f"{_sentence(rng, 900, 900)} KT{i:03d}"
        session.tasks.add(TaskInput(plan, "PAR", DOMAINS[i % len(DOMAINS)], f"BĐ{i:03d} {_sentence(rng, 3, 70)}",
                                    deadline_text=rng.choice(["Quý I/2026", "Thường xuyên", "Tháng 7-10/2026"]),
                                    result=result, status="in_progress", progress=rng.randint(1, 99)))
    return plan


def _check_pages(pages, stt_header_on_every_table_page: bool = True):
    starts, ends = {}, {}
    for number, page in enumerate(pages, start=1):
        body = page.body_words()
        assert min(w.x0 for w in body) >= 30 * MM - 2, f"page {number}: text left of the margin"
        assert max(w.x1 for w in body) <= page.width - 15 * MM + 2, f"page {number}: text runs off the right"
        assert max(w.y1 for w in body) <= page.height - 20 * MM + 2, f"page {number}: text runs off the bottom"
        for w in page.words:
            if w.text.startswith("BĐ") and w.text[2:].isdigit():
                starts.setdefault(w.text[2:], []).append(number)
            if w.text.startswith("KT") and w.text[2:].isdigit():
                ends.setdefault(w.text[2:], []).append(number)
        if stt_header_on_every_table_page and any(w.text.startswith("BĐ") for w in page.words):
            assert "STT" in [w.text for w in page.words], f"page {number}: table header not repeated"
    assert sorted(starts) == sorted(ends) == [f"{i:03d}" for i in range(1, 201)], "every row printed once"
    assert all(len(v) == 1 for v in starts.values()) and all(len(v) == 1 for v in ends.values())
    cut = sorted(k for k in starts if starts[k] != ends[k])
    return cut, starts, ends


def test_200_tasks_break_cleanly_in_pdf(session, big_plan, tmp_path):
    path = tmp_path / "danh-muc.pdf"
    session.reports.write(big_plan, "tasks", None, "pdf", path)
    pages = pdf_pages(path)
    assert len(pages) > 20 and all(p.landscape for p in pages)
    cut, starts, ends = _check_pages(pages)
    assert cut == [f"{GIANT:03d}"], "only the row taller than a page continues on the next one"
    assert ends[f"{GIANT:03d}"][0] > starts[f"{GIANT:03d}"][0]


def test_200_tasks_in_docx_as_libreoffice_lays_it_out(session, big_plan, tmp_path):
    path = tmp_path / "danh-muc.docx"
    session.reports.write(big_plan, "tasks", None, "docx", path)
    pages = pdf_pages(convert(path, "pdf", tmp_path))
    assert len(pages) > 20 and all(p.landscape for p in pages)
    cut, _, _ = _check_pages(pages)
    assert set(cut) <= {f"{GIANT:03d}"}


def test_long_pdf_table_breaks_exactly_as_one_reportlab_table(session, big_plan, tmp_path, monkeypatch):
    """Laying a long table out a page at a time (linear cost) puts every row on the same page as
    reportlab's own whole-table split (quadratic cost) does, keeps and lone-row rules included."""
    from cchc_desktop.reports import pdf_long_table
    paged = tmp_path / "theo-trang.pdf"
    session.reports.write(big_plan, "tasks", None, "pdf", paged)
    monkeypatch.setattr(pdf_long_table, "FIRST_WINDOW", 10 ** 6)
    whole = tmp_path / "ca-bang.pdf"
    session.reports.write(big_plan, "tasks", None, "pdf", whole)
    texts = [[[w.text for w in page.words] for page in pdf_pages(path)] for path in (paged, whole)]
    assert len(texts[0]) > 20 and texts[0] == texts[1]


def test_a_cell_longer_than_fifty_pages_continues_to_its_end(session, tmp_path):
    """A task's cell of any height continues across pages (a task listing 3 000 files once stopped the PDF
    with reportlab's LayoutError after 50 pages)."""
    plan = session.plans.create(PlanInput("Kế hoạch CCHC năm 2026", 2026, "CCHC", "10/KH-UBND"))
    lines = "\n".join(f"DÒNG{i:04d}" for i in range(1, 1801))
    session.tasks.add(TaskInput(plan, "PAR", "I", "BĐ001 Rà soát thủ tục hành chính", result=lines,
                                status="in_progress", progress=40))
    path = tmp_path / "danh-muc.pdf"
    session.reports.write(plan, "tasks", None, "pdf", path)
    pages = pdf_pages(path)
    printed = [w.text for page in pages for w in page.words if w.text.startswith("DÒNG")]
    assert len(pages) > 50 and printed == [f"DÒNG{i:04d}" for i in range(1, 1801)]


def test_row_heights_are_measured_as_reportlab_measures_them(session, big_plan):
    """Each page's table is given its row heights (each row measured once); they must be the heights
    reportlab's own Table finds, or rows would overlap or leave gaps."""
    from reportlab.platypus import Table

    from cchc_desktop.reports import document as d
    from cchc_desktop.reports import pdf
    from cchc_desktop.reports.pdf_long_table import Rows
    pdf._register_fonts()
    built = session.reports.build(big_plan, "tasks")
    table = next(b for b in built.document.body.blocks if isinstance(b, d.Table))
    width, height = pdf._geometry(True)
    cells = pdf._Cells(table, width, height)
    specs = [((r.cells[0],), ("group",)) if r.group else (tuple(r.cells), tuple(("bold-" if r.bold else "") + c.align
             for c in table.columns)) for r in table.rows[:120]]
    cells.groups.update(i + 1 for i, r in enumerate(table.rows[:120]) if r.group)
    rows = Rows(cells.header, specs, cells.build, cells.measure)
    ours = rows.heights(1, len(rows))
    theirs = Table(rows.window(1, len(rows)), colWidths=cells.widths, repeatRows=1)
    theirs.setStyle(cells.commands())
    theirs.wrap(width, 10 ** 6)
    assert len(cells.groups) >= 5 and ours == pytest.approx(theirs._rowHeights, abs=0.01)


def _words(path):
    return [w.text for page in pdf_pages(path) for w in page.words]


def test_rows_kept_together_that_cannot_share_a_page_are_laid_out_anyway(session, tmp_path):
    """Found by a tester: the last two rows (each ⅔ of a page), a task and its first sub-task, or a chain
    3 > 3.1 > 3.1.1, are kept on one page only when they fit there; reportlab stopped with LayoutError."""
    plan = session.plans.create(PlanInput("Kế hoạch CCHC năm 2026", 2026, "CCHC", "11/KH-UBND"))
    tall = "\n".join(f"- Văn bản số {i}/UBND" for i in range(1, 23))
    session.tasks.add(TaskInput(plan, "PAR", "I", "NV001 Rà soát", status="in_progress", progress=5))
    for code in ("NV002", "NV003"):
        session.tasks.add(TaskInput(plan, "PAR", "I", f"{code} Ban hành", result=tall, status="in_progress",
                                    progress=50))
    parent = None
    for level in range(3):
        parent = session.tasks.add(TaskInput(plan, "PAR", "III", f"CHUỖI{level} Cấp {level}",
                                             parent_id=parent, result=tall, status="in_progress", progress=10))
    for kind in ("tasks", "periodic"):
        path = tmp_path / f"{kind}.pdf"
        session.reports.write(plan, kind, session.periods.by_key("2026-Y").id if kind == "periodic" else None,
                              "pdf", path)
        words = _words(path)
        assert all(code in words for code in ("NV002", "NV003", "CHUỖI0", "CHUỖI1", "CHUỖI2")), kind


def test_a_row_of_wide_letters_taller_than_a_page_continues(session, tmp_path):
    """"W" is twice as wide as the average letter: the guess of which rows may overflow uses real widths."""
    plan = session.plans.create(PlanInput("Kế hoạch CCHC năm 2026", 2026, "CCHC", "12/KH-UBND"))
    session.tasks.add(TaskInput(plan, "PAR", "I", " ".join(["WWWWWWWWW"] * 48) + " HẾT", status="in_progress",
                                progress=5))
    path = tmp_path / "w.pdf"
    session.reports.write(plan, "tasks", None, "pdf", path)
    words = _words(path)
    assert words.count("WWWWWWWWW") == 48 and "HẾT" in words


def test_sub_tasks_nested_a_thousand_deep_are_listed_in_order():
    from cchc_desktop.reports.parts import tree_order

    class Row:
        def __init__(self, id_, parent_id):
            self.id, self.parent_id = id_, parent_id
    rows = [Row(i, i - 1 if i > 1 else None) for i in range(1, 1501)]
    ordered = tree_order(rows)
    assert [r.id for r, _ in ordered] == list(range(1, 1501)) and ordered[-1][1] == 1499
