"""Reports read back from the files: NĐ 30 layout in the PDF (text, fonts, page size, margins, page
numbers), the same content in DOCX and XLSX, editable sections, the register of issued reports."""
from __future__ import annotations

import io
from datetime import date

import docx
import openpyxl
import pytest
from pypdf import PdfReader

from cchc_desktop.errors import DataProblem, ValidationError
from cchc_desktop.model import DONE, TaskInput
from cchc_desktop.reports import parts
from cchc_desktop.reports.context import Draft
from cchc_desktop.reports.fields import fill, keyed
from tests.support.pdf_layout import MM, pdf_pages

A4_W, A4_H = 595.28, 841.89


@pytest.fixture
def q1(session, demo):
    return session.periods.by_key("2026-Q1")


@pytest.fixture
def numbered(session, demo, q1):
    draft = session.reports.draft(demo, "periodic", q1.id)
    draft.number, draft.issued_on = "5", date(2026, 3, 7)
    return session.reports.save_draft(draft)


def write(session, tmp_path, plan, kind="periodic", period=None, fmt="pdf"):
    path = tmp_path / f"{kind}.{fmt}"
    built = session.reports.write(plan, kind, period, fmt, path)
    return path, built


# ---------------------------------------------------------------------------- the PDF, read back

def test_periodic_pdf_text_follows_the_decree(session, demo, q1, numbered, tmp_path):
    path, _ = write(session, tmp_path, demo, period=q1.id)
    reader = PdfReader(path)
    first = reader.pages[0].extract_text()
    for expected in ("ỦY BAN NHÂN DÂN", "XÃ VĨNH LỘC", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "Độc lập - Tự do - Hạnh phúc", "Số: 05/BC-UBND", "Vĩnh Lộc, ngày 07 tháng 3 năm 2026",
                     "BÁO CÁO", "Kết quả thực hiện công tác cải cách hành chính quý I năm 2026",
                     "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"):
        assert expected in first, expected
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())   # lines wrap anywhere
    for expected in ("II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH", "1. Cải cách thể chế",
                     "III. ĐÁNH GIÁ CHUNG", "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", "V. KIẾN NGHỊ, ĐỀ XUẤT",
                     "Nơi nhận:", "- Sở Nội vụ tỉnh Thanh Hóa (b/c);", "- Lưu: VT, VHXH.", "KT. CHỦ TỊCH",
                     "PHÓ CHỦ TỊCH", "Trần Thanh Bình", "Phụ lục I", "Phụ lục II",
                     "(Kèm theo Báo cáo số 05/BC-UBND ngày 07/03/2026 của Ủy ban nhân dân xã Vĩnh Lộc)"):
        assert expected in text, expected
    assert "./." in text
    assert reader.metadata.title.startswith("Báo cáo Kết quả thực hiện")


def test_pdf_fonts_are_embedded_and_pages_are_a4(session, demo, q1, numbered, tmp_path):
    path, _ = write(session, tmp_path, demo, period=q1.id)
    reader = PdfReader(path)
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts and all("LiberationSerif" in name or "TimesNewRoman" in name for name in fonts)
    for name, font in fonts.items():
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{name} is not embedded"
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages]
    assert sizes[0] == (595, 842)                       # the report: A4 portrait
    assert sizes[-1] == (842, 595)                      # the appendix tables: A4 landscape
    assert set(sizes) == {(595, 842), (842, 595)}


def test_margins_and_page_numbers(session, demo, q1, numbered, tmp_path):
    path, _ = write(session, tmp_path, demo, period=q1.id)
    pages = pdf_pages(path)
    assert len(pages) > 3
    for number, page in enumerate(pages, start=1):
        body = page.body_words()
        assert min(w.x0 for w in body) >= 30 * MM - 1.5, f"page {number}: left margin under 30 mm"
        assert max(w.x1 for w in body) <= page.width - 15 * MM + 1.5, f"page {number}: right margin under 15 mm"
        assert min(w.y0 for w in body) >= 20 * MM - 4, f"page {number}: top margin under 20 mm"
        assert max(w.y1 for w in body) <= page.height - 20 * MM + 1.5, f"page {number}: bottom margin under 20 mm"
        in_top_margin = [w for w in page.words if w.y1 <= 20 * MM - 1]
        if number == 1:
            assert in_top_margin == [], "page 1 carries no page number"
        else:
            assert [w.text for w in in_top_margin] == [str(number)]
            centre = (in_top_margin[0].x0 + in_top_margin[0].x1) / 2
            assert abs(centre - page.width / 2) < 3, "page number centred"


def test_letterhead_rules_and_two_columns(session, demo, q1, numbered, tmp_path):
    path, _ = write(session, tmp_path, demo, period=q1.id)
    first = pdf_pages(path)[0]
    by_text = {w.text: w for w in first.words}
    assert by_text["ỦY"].x1 < by_text["CỘNG"].x0                     # issuer left, national title right
    assert abs(by_text["ỦY"].y0 - by_text["CỘNG"].y0) < 2            # on the same line
    date_word = next(w for w in first.words if w.text == "Vĩnh" and w.y0 > by_text["CỘNG"].y0 + 20)
    number_word = by_text["Số:"]
    assert abs(date_word.y0 - number_word.y0) < 4                    # "Số:" and the date share a line


def test_dates_take_leading_zeros_per_decree():
    from cchc_desktop.model import CommuneProfile
    profile = CommuneProfile(commune="Vĩnh Lộc", place="Vĩnh Lộc")
    assert parts.place_date(profile, date(2026, 1, 5), 2026) == "Vĩnh Lộc, ngày 05 tháng 01 năm 2026"
    assert parts.place_date(profile, date(2026, 2, 9), 2026) == "Vĩnh Lộc, ngày 09 tháng 02 năm 2026"
    assert parts.place_date(profile, date(2026, 3, 7), 2026) == "Vĩnh Lộc, ngày 07 tháng 3 năm 2026"
    assert parts.place_date(profile, date(2026, 12, 15), 2026) == "Vĩnh Lộc, ngày 15 tháng 12 năm 2026"
    blank = parts.place_date(profile, None, 2026)
    assert blank.startswith("Vĩnh Lộc, ngày ") and blank.endswith("năm 2026")
    draft = Draft(None, 1, None, "periodic", number="5", symbol="BC-UBND")
    assert draft.number_text == "05/BC-UBND"
    draft.number = "12"
    assert draft.number_text == "12/BC-UBND"


def test_issuer_lines():
    from cchc_desktop.model import CommuneProfile
    assert parts.issuer_lines(CommuneProfile(issuer="Ủy ban nhân dân xã Vĩnh Lộc")) == ["ỦY BAN NHÂN DÂN", "XÃ VĨNH LỘC"]
    assert parts.issuer_lines(CommuneProfile(issuer="UBND xã Hoằng Sơn")) == ["ỦY BAN NHÂN DÂN", "XÃ HOẰNG SƠN"]
    assert parts.issuer_lines(CommuneProfile(issuer="Đảng ủy xã A")) == ["ĐẢNG ỦY XÃ A"]


# ---------------------------------------------------------------------------- DOCX and XLSX

def test_docx_carries_the_same_content_and_layout(session, demo, q1, numbered, tmp_path):
    path, _ = write(session, tmp_path, demo, period=q1.id, fmt="docx")
    word = docx.Document(str(path))
    text = "\n".join(p.text for p in word.paragraphs)
    cells = "\n".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    for expected in ("BÁO CÁO", "Kết quả thực hiện công tác cải cách hành chính quý I năm 2026",
                     "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "V. KIẾN NGHỊ, ĐỀ XUẤT", "Phụ lục I"):
        assert expected in text, expected
    for expected in ("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 05/BC-UBND",
                     "Vĩnh Lộc, ngày 07 tháng 3 năm 2026", "Nơi nhận:", "Trần Thanh Bình", "STT", "Nhiệm vụ"):
        assert expected in cells, expected
    first, *rest = word.sections
    assert round(first.page_width.mm) == 210 and round(first.page_height.mm) == 297
    assert round(first.left_margin.mm) == 30 and round(first.right_margin.mm) == 15
    assert round(first.top_margin.mm) == 20 and round(first.bottom_margin.mm) == 20
    assert first.different_first_page_header_footer                      # no number on page 1
    assert "PAGE" in first.header._element.xml
    assert rest and all(round(s.page_width.mm) == 297 for s in rest)     # appendices landscape
    assert not any(s.different_first_page_header_footer for s in rest)
    task_table = next(t for t in word.tables if t.rows[0].cells[0].text == "STT")
    assert "w:tblHeader" in task_table.rows[0]._tr.xml                  # header repeats on every page
    assert len(task_table.rows) > 42                                     # the header, 42 tasks, their domains
    assert all("w:cantSplit" in row._tr.xml for row in task_table.rows)  # rows never cut
    assert word.styles["Normal"].font.name == "Times New Roman"


def test_docx_elements_keep_the_schema_order(session, demo, q1, numbered, tmp_path):
    """Word refuses a file whose paragraph or table properties are out of the ECMA-376 order."""
    from cchc_desktop.reports.word import PPR_AFTER_BORDER
    path, _ = write(session, tmp_path, demo, period=q1.id, fmt="docx")
    word = docx.Document(str(path))
    ppr_order = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
                 "suppressLineNumbers", "pBdr"] + [t.split(":")[1] for t in PPR_AFTER_BORDER]
    tblpr_order = ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
                   "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar",
                   "tblLook", "tblCaption", "tblDescription", "tblPrChange"]
    body = word.element.body
    for tag, order in (("pPr", ppr_order), ("tblPr", tblpr_order)):
        for props in body.iter(f"{{{body.nsmap['w']}}}{tag}"):
            names = [child.tag.split("}")[1] for child in props]
            positions = [order.index(n) for n in names]
            assert positions == sorted(positions) and len(set(names)) == len(names), (tag, names)


def test_docx_table_cells_hold_any_text_exactly(session, demo, tmp_path):
    """Tables are written as markup text (a 20 000-row table as an lxml tree took over 500 MB): markup
    characters, tabs, line breaks and text that looks like our table marker come back exactly."""
    from cchc_desktop.reports.word import TABLE_MARKER
    tricky = f"A & B <c> \"d\" 'e'\n{TABLE_MARKER}0 ]]> &amp;"
    session.tasks.add(TaskInput(demo, "PAR", "I", tricky, status="in_progress", progress=10,
                                       result=f"{TABLE_MARKER}1"))
    path, _ = write(session, tmp_path, demo, kind="tasks", fmt="docx")
    word = docx.Document(str(path))
    table = next(t for t in word.tables if t.rows[0].cells[0].text == "STT")
    row = next(r for r in table.rows if any(c.text.startswith("A & B") for c in r.cells))
    cell = next(c for c in row.cells if c.text.startswith("A & B"))
    assert cell.text == tricky and f"{TABLE_MARKER}1" in [c.text for c in row.cells]
    assert [p.text for p in cell.paragraphs] == tricky.split("\n")
    group = next(r for r in table.rows if r.cells[0].text.startswith("I."))
    assert "w:gridSpan" in group._tr.xml and len({id(c._tc) for c in group.cells}) == 1


def test_docx_table_markup_carries_tabs_and_empty_lines():
    from lxml import etree

    from cchc_desktop.reports import document as d
    from cchc_desktop.reports.word_table import table_xml
    table = d.Table([d.Column("Cột", 10), d.Column("Khác", 20)], [d.TableRow(["a\tb\n\nc", ""])])
    markup = table_xml(table, 160).replace(b"<w:tbl>", b'<w:tbl xmlns:w="urn:w">', 1)
    cell = etree.fromstring(markup).findall(".//{urn:w}tc")[2]
    lines = ["".join(t.text if t.tag.endswith("}t") else "\t" for t in p.iter("{urn:w}t", "{urn:w}tab"))
             for p in cell.findall("{urn:w}p")]
    assert lines == ["a\tb", "", "c"]


def test_xlsx_has_one_sheet_per_table(session, demo, q1, numbered, tmp_path):
    path, _ = write(session, tmp_path, demo, period=q1.id, fmt="xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Nhiệm vụ", "Thống kê"]
    tasks = book["Nhiệm vụ"]
    header = next(r for r in range(1, 10) if tasks.cell(r, 1).value == "STT")
    assert tasks.print_title_rows == f"${header}:${header}"
    names = [tasks.cell(r, 2).value for r in range(header + 1, tasks.max_row + 1) if tasks.cell(r, 2).value]
    assert len(names) == len(session.tasks.rows(demo))
    stats = book["Thống kê"]
    values = {stats.cell(r, 2).value: stats.cell(r, 4).value for r in range(1, stats.max_row + 1)}
    assert isinstance(values["Số nhiệm vụ đề ra trong kế hoạch"], int)   # figures stay numbers in Excel


# ---------------------------------------------------------------------------- the officer's text

def test_edited_section_survives_and_its_fields_follow_the_data(session, demo, q1, tmp_path):
    text = "Đến {ngày chốt}, toàn xã hoàn thành {hoàn thành}/{tổng số nhiệm vụ} nhiệm vụ; tiếp nhận {III.4.1} hồ sơ."
    session.reports.save_section(demo, "periodic", q1.id, "II", text)
    before = session.reports.build(demo, "periodic", q1.id)
    line = next(p.text for p in before.document.body.blocks if getattr(p, "text", "").startswith("Đến"))
    done_before = int(line.split("hoàn thành ")[1].split("/")[0])

    row = next(r for r in session.tasks.rows(demo) if r.status != DONE and r.parent_id is None
               and not any(c.parent_id == r.id for c in session.tasks.rows(demo)))
    session.tasks.update_progress(row.id, status=DONE, progress=100, completed_on=date(2026, 2, 1))
    after = session.reports.build(demo, "periodic", q1.id)
    line = next(p.text for p in after.document.body.blocks if getattr(p, "text", "").startswith("Đến"))
    assert f"hoàn thành {done_before + 1}/" in line
    assert "{" not in line
    assert session.reports.draft(demo, "periodic", q1.id).sections["II"].text == text
    states = {s.key: s for s in session.reports.sections(demo, "periodic", q1.id)}
    assert states["II"].edited and states["II"].text == text and states["II"].default != text
    session.reports.reset_section(demo, "periodic", q1.id, "II")
    assert not {s.key: s for s in session.reports.sections(demo, "periodic", q1.id)}["II"].edited


def test_fields_ignore_diacritics_and_report_unknown_names():
    values = keyed({"hoàn thành": "7", "III.4.1": "2.615"})
    assert fill("{hoan thanh} và {Hoàn Thành}; {III.4.1}", values) == ("7 và 7; 2.615", [])
    assert fill("{không có} {iii.4.1}", values) == ("{không có} 2.615", ["không có"])


def test_unknown_field_and_unwritten_text_block_issuing(session, demo, q1, numbered):
    built = session.reports.build(demo, "periodic", q1.id)
    assert any(p.blocking and "…" in p.message for p in built.problems)      # "Nguyên nhân: …" still to write
    with pytest.raises(ValidationError, match="chưa viết"):
        session.reports.issue(demo, "periodic", q1.id)
    session.reports.save_section(demo, "periodic", q1.id, "III.2", "Một số nhiệm vụ chậm do {lý do}.")
    with pytest.raises(ValidationError, match="lý do"):
        session.reports.issue(demo, "periodic", q1.id)


def test_lists_come_from_the_register_at_the_cut_off(session, demo, q1):
    """The demo at Q1's cut-off (05/03): tasks 1 and 4 of domain I done in the period; task 13, done on 20/03,
    still open; nothing overdue. By H1's cut-off (05/06) 13 is done in that period with 11 and 34."""
    ctx = session.reports.context(demo, "periodic", q1.id)
    assert ctx.as_of == q1.end_on == date(2026, 3, 5)
    facts = ctx.scope_facts(None)
    assert facts.total == len(parts_leaves(ctx.rows)) == 42
    assert [(r.domain_code, r.code, r.completed_on) for r in facts.done_in_period] == [
        ("I", "1", date(2026, 1, 8)), ("I", "4", date(2026, 2, 20))]
    assert facts.overdue_rows == [] and facts.overdue == 0
    assert ("III", "13") in [(r.domain_code, r.code) for r in facts.open_rows]
    text = session.reports.build(demo, "periodic", q1.id).document.plain_text()
    assert "a) Nhiệm vụ đã hoàn thành trong kỳ:" in text and "Nhiệm vụ quá hạn, chưa hoàn thành" not in text
    h1 = session.periods.by_key("2026-H1")
    done_h1 = session.reports.context(demo, "periodic", h1.id).scope_facts(None).done_in_period
    assert [(r.domain_code, r.code) for r in done_h1] == [("I", "1"), ("I", "4"), ("II", "11"), ("III", "13"),
                                                           ("VI", "34")]


def parts_leaves(rows):
    from cchc_desktop.reports.facts import leaves
    return leaves(rows)


def test_draft_validation_and_defaults(session, demo, q1):
    draft = session.reports.draft(demo, "periodic", q1.id)
    assert draft.id is None and draft.symbol == "BC-UBND" and draft.signer_name == "Trần Thanh Bình"
    assert "Lưu: VT, VHXH" in draft.recipients
    draft.number = "5a"
    with pytest.raises(ValidationError) as info:
        session.reports.save_draft(draft)
    assert info.value.field == "number"
    assert session.reports.draft(demo, "periodic", q1.id).id is None        # nothing written
    draft.number, draft.recipients = "7", "Sở Nội vụ\n\n  - Lưu: VT  "
    saved = session.reports.save_draft(draft)
    assert saved.id and saved.number == "7" and saved.recipients == "Sở Nội vụ\n- Lưu: VT"
    assert parts.recipient_lines(saved.recipients) == ["- Sở Nội vụ;", "- Lưu: VT."]
    with pytest.raises(ValidationError, match="kỳ báo cáo"):
        session.reports.draft(demo, "periodic", None)


# ---------------------------------------------------------------------------- the register

def _finish_text(session, plan, period):
    session.reports.save_section(plan, "periodic", period, "III.2", "- Còn một số nhiệm vụ chậm tiến độ.")


def test_issue_keeps_the_exact_file_whatever_changes_after(session, demo, q1, numbered, tmp_path):
    _finish_text(session, demo, q1.id)
    issued = session.reports.issue(demo, "periodic", q1.id, "pdf")
    assert issued.number == "05/BC-UBND" and issued.issued_on == date(2026, 3, 7)
    assert issued.signer_name == "Trần Thanh Bình" and issued.file_name.endswith(".pdf")
    copy = session.reports.issued_copy(issued.id, tmp_path / "ban-sao.pdf")
    original = copy.read_bytes()
    import hashlib
    assert hashlib.sha256(original).hexdigest() == issued.sha256
    # The data moves on; the issued report does not.
    session.reports.save_section(demo, "periodic", q1.id, "V", "Đề nghị tỉnh hỗ trợ kinh phí.")
    session.tasks.add(TaskInput(demo, "PAR", "III", "Nhiệm vụ thêm sau khi ban hành"))
    again = session.reports.issued_copy(issued.id, tmp_path / "lan-hai.pdf")
    assert again.read_bytes() == original
    assert "Đề nghị tỉnh hỗ trợ" not in "".join(p.extract_text() for p in PdfReader(io.BytesIO(original)).pages)
    assert [r.id for r in session.reports.register(2026)] == [issued.id]


def test_issue_refusals(session, demo, q1, tmp_path):
    _finish_text(session, demo, q1.id)
    with pytest.raises(ValidationError, match="chưa có số"):
        session.reports.issue(demo, "periodic", q1.id)
    draft = session.reports.draft(demo, "periodic", q1.id)
    draft.number = "5"
    session.reports.save_draft(draft)
    with pytest.raises(ValidationError, match="ngày ban hành"):
        session.reports.issue(demo, "periodic", q1.id)
    draft = session.reports.draft(demo, "periodic", q1.id)
    draft.issued_on = date(2026, 3, 7)
    session.reports.save_draft(draft)
    session.reports.issue(demo, "periodic", q1.id)
    with pytest.raises(ValidationError, match="đã dùng"):                # one number, one document a year
        session.reports.issue(demo, "periodic", q1.id)
    with pytest.raises(ValidationError,                                  # a list has no number to register
                       match=r"Chỉ báo cáo và thông báo \(có số, ký hiệu\) mới đưa vào sổ văn bản đã ban hành"):
        session.reports.issue(demo, "tasks", None)
    assert len(session.reports.register()) == 1
    assert session.reports.suggest_number(2026, "BC-UBND") == "06"


def test_tampered_issued_file_is_detected(session, demo, q1, numbered, tmp_path):
    _finish_text(session, demo, q1.id)
    issued = session.reports.issue(demo, "periodic", q1.id, "docx")
    stored = session.evidence.store.path_for(issued.sha256)
    stored.chmod(0o644)
    stored.write_bytes(b"doi noi dung")
    assert session.reports.issued_state(issued.id) == "changed"
    with pytest.raises(DataProblem, match="Tệp của văn bản 05/BC-UBND trong kho đã bị mất hoặc bị thay đổi"):
        session.reports.issued_copy(issued.id, tmp_path / "x.docx")


# ---------------------------------------------------------------------------- the other documents

def test_task_list_evidence_list_and_overdue_notice(session, demo, tmp_path):
    for kind, words in (("tasks", ["DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026", "Tình hình thực hiện đến ngày",
                                   "NGƯỜI LẬP BIỂU"]),
                        ("evidence", ["DANH MỤC TÀI LIỆU KIỂM CHỨNG", "Thuộc nhiệm vụ", "Số, ký hiệu"]),
                        ("overdue", ["THÔNG BÁO", "Số:", "/TB-UBND", "quá hạn", "Nơi nhận:"])):
        path, built = write(session, tmp_path, demo, kind=kind)
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())
        for word in words:
            assert word in text, (kind, word)
        for fmt in ("docx", "xlsx"):
            write(session, tmp_path, demo, kind=kind, fmt=fmt)
    overdue = session.reports.context(demo, "overdue").scope_facts(None).overdue_rows
    notice = session.reports.build(demo, "overdue").document.plain_text()
    for row in overdue:
        assert row.name in notice


def test_unknown_format_and_kind_are_refused(session, demo, tmp_path):
    with pytest.raises(ValidationError, match="Định dạng “odt” không được hỗ trợ; hãy chọn pdf, docx hoặc xlsx"):
        session.reports.write(demo, "tasks", None, "odt", tmp_path / "x.odt")
    with pytest.raises(ValidationError, match="Loại văn bản “bien-ban” không có; hãy chọn: periodic, tasks"):
        session.reports.draft(demo, "bien-ban", None)
    assert not (tmp_path / "x.odt").exists()


def test_document_font_prefers_times_new_roman(tmp_path, monkeypatch):
    from cchc_desktop.reports import fonts
    folder = tmp_path / "Fonts"
    folder.mkdir()
    bundled = fonts._LIBERATION
    for style, names in fonts._TIMES_NAMES.items():
        (folder / names[0]).write_bytes((fonts.resource_path("fonts", bundled[style])).read_bytes())
    monkeypatch.setattr(fonts, "_font_dirs", lambda: [folder])
    monkeypatch.setattr(fonts, "_chosen", None)
    monkeypatch.delenv("CCHC_BUNDLED_FONT", raising=False)
    chosen = fonts.document_fonts()
    assert chosen.family == "Times New Roman" and chosen.files["bold"].name == "timesbd.ttf"
    monkeypatch.setattr(fonts, "_chosen", None)
    monkeypatch.setattr(fonts, "_font_dirs", lambda: [tmp_path / "none"])
    assert fonts.document_fonts().family == "Liberation Serif"
    monkeypatch.setattr(fonts, "_chosen", None)


def test_a_document_without_the_communes_name_is_flagged(session, tmp_path):
    """Found by a tester: with no commune in the profile the heading read just "XÃ"; the officer is told,
    and such a document cannot be issued."""
    from cchc_desktop.model import PlanInput
    plan = session.plans.create(PlanInput("Kế hoạch CCHC năm 2026", 2026, "CCHC", "1/KH-UBND"))
    assert not session.profile.get().commune
    problems = session.reports.build(plan, "overdue").problems
    assert problems[0].blocking and "Chưa có tên xã" in problems[0].message


def test_the_overdue_notice_as_a_workbook_names_each_unit_on_its_tab_and_above_its_table(session, demo):
    """One sheet per lead unit: the tab says which unit ("1. Văn phòng …", not "Quá hạn 2") and so does the line
    above the table, so a printed sheet is never a list of tasks without its unit."""
    import io

    import openpyxl
    from cchc_desktop.reports.listings import overdue_by_unit
    from cchc_desktop.model import TaskInput
    other = session.units.matcher().match("Công an xã").id
    session.tasks.add(TaskInput(demo, "PAR", "III", "Cấp căn cước công dân lưu động", None,
                                deadline_text="Tháng 03/2026", lead_ids=[other]))
    groups = overdue_by_unit(session.reports.context(demo, "overdue"))
    assert len(groups) == 2
    data, _built = session.reports.render(demo, "overdue", None, "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data))
    for number, ((unit, rows), sheet) in enumerate(zip(groups, book.worksheets), start=1):
        assert sheet.title == f"{number}. {unit}"[:28].strip()
        assert sheet.cell(row=2, column=1).value == f"THÔNG BÁO — {number}. {unit} ({len(rows)} nhiệm vụ)"
    assert len(book.worksheets) == len(groups)
