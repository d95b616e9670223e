"""The self-assessment's outputs: the report (PDF, DOCX, XLSX) in the form of NĐ 30, the criteria set back
to Excel in the published layout, and the province's own workbook with the self-score filled in."""
from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
from pypdf import PdfReader

from cchc_desktop.assessment.criteria_sheet import read_criteria
from cchc_desktop.errors import ValidationError
from cchc_desktop.exporters.criteria_xlsx import bands_line, write_criteria, write_province_layout
from cchc_desktop.importers import read_document
from cchc_desktop.model import CommuneProfile
from cchc_desktop.reports.assessment import write_assessment_report

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "samples" / "bo-chi-so-cchc-cap-xa-mau.xlsx"
YEAR = 2026
# What the sample set is given: I.1.1 1 point, III.2.1 96,5 % → 4, VII.2 45/50 × 4 → 3,6, V.3 one breach → 2,
# III.3.b không áp dụng (the rule gives the maximum, 3), I.6 two initiatives → 1 (capped): 14,6 of 70.
VALUES = {"I.1.1": "ban hành kịp thời", "III.2.1": "96,5", "VII.2": "45/50", "V.3": "1", "III.3.b": "KAD",
          "I.6": "2"}
EXPLAINED = ("I.1.1", "III.2.1", "VII.2", "V.3", "III.3.b")


def _profile(session) -> None:
    session.profile.save(CommuneProfile(commune="Vĩnh Lộc", province="Thanh Hóa", issuer="Ủy ban nhân dân xã Vĩnh Lộc",
                                        place="Vĩnh Lộc", officer="Lê Thị Hoa", signer_name="Nguyễn Văn An"))


@pytest.fixture
def scored(session, tmp_path):
    """The sample set loaded as a sample, scored, with evidence on I.6 and explanations on the rest."""
    _profile(session)
    session.assessment.load(YEAR, SAMPLE, sample=True)
    session.assessment.set_values(YEAR, VALUES)
    for code in EXPLAINED:
        session.assessment.explain(YEAR, code, f"Tài liệu kiểm chứng của tiêu chí {code} đang được bổ sung.")
    files = []
    for name in ("235-KH-UBND ke hoach.pdf", "12-QĐ-UBND sang kien.pdf"):
        path = tmp_path / name
        path.write_bytes(name.encode())
        files.append(path)
    session.assessment.evidence.add(YEAR, "I.6", files)
    return session


def _table_row(rows: list[list[str]], name: str) -> list[str]:
    return next(r for r in rows if any(c.split("\n")[0] == name for c in r))


# ---------------------------------------------------------------------------- the report

def test_pdf_report_states_the_scores(scored, tmp_path):
    out = write_assessment_report(scored, YEAR, "pdf", tmp_path / "bc.pdf")
    reader = PdfReader(out)
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    for words in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ỦY BAN NHÂN DÂN", "XÃ VĨNH LỘC", "/BC-UBND", "BÁO CÁO",
                  "Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2026",
                  "BỘ CHỈ SỐ MẪU", "Kính gửi: Sở Nội vụ tỉnh Thanh Hóa", "Tổng điểm tự chấm đạt 14,6/70 điểm",
                  "bằng 20,86 %", "xếp loại: Thấp", "Cấp trên chấm", "235/KH-UBND; 12/QĐ-UBND", "II. GIẢI TRÌNH",
                  "Tiêu chí III.2.1", "Nơi nhận:", "Nguyễn Văn An", "./."):
        assert words in text, words
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)          # A4 portrait


def test_docx_report_table_has_the_right_numbers(scored, tmp_path):
    out = write_assessment_report(scored, YEAR, "docx", tmp_path / "bc.docx")
    word = docx.Document(out)
    rows = [[c.text for c in r.cells] for t in word.tables for r in t.rows]
    header = next(r for r in rows if r[0] == "STT")
    assert header == ["STT", "Lĩnh vực/Tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Tài liệu kiểm chứng", "Giải trình"]
    assert _table_row(rows, "Tỷ lệ hồ sơ giải quyết đúng hạn")[2:4] == ["6", "4"]
    assert "96,5 %" in _table_row(rows, "Tỷ lệ hồ sơ giải quyết đúng hạn")[1]
    assert _table_row(rows, "Tỷ lệ hồ sơ TTHC được tiếp nhận, giải quyết trực tuyến")[3] == "3,6"
    survey = _table_row(rows, "Mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính")
    assert survey[3] == "Cấp trên chấm"
    assert _table_row(rows, "Mức độ thực hiện kế hoạch CCHC")[3] == "Chưa chấm"
    assert _table_row(rows, "Sáng kiến, giải pháp mới trong CCHC được công nhận")[3:5] == \
        ["1", "235/KH-UBND; 12/QĐ-UBND"]
    assert _table_row(rows, "TỔNG CỘNG")[2:4] == ["100", "14,6"]
    domain = next(t for t in word.tables if len(t.columns) == 6).rows[1]
    assert domain.cells[1].paragraphs[0].runs[0].bold                    # lĩnh vực rows in bold
    paragraphs = [p.text for p in word.paragraphs]
    assert any("BỘ CHỈ SỐ MẪU" in p for p in paragraphs)
    assert any(p.startswith("- Tiêu chí V.3") for p in paragraphs)


def test_not_applicable_without_the_maximum_says_so(session, tmp_path):
    """An item whose rule excludes it when not applicable shows "Không áp dụng", never a zero."""
    _profile(session)
    session.assessment.load(YEAR, SAMPLE)
    session.assessment.set_rule(YEAR, "III.2.1", "bands", "Từ 98% trở lên: 6 điểm; Dưới 98%: 0 điểm", na="exclude")
    session.assessment.set_values(YEAR, {"III.2.1": "KAD"})
    out = write_assessment_report(session, YEAR, "docx", tmp_path / "bc.docx")
    rows = [[c.text for c in r.cells] for t in docx.Document(out).tables for r in t.rows]
    assert _table_row(rows, "Tỷ lệ hồ sơ giải quyết đúng hạn")[3] == "Không áp dụng"
    assert not any("BỘ CHỈ SỐ MẪU" in p.text for p in docx.Document(out).paragraphs)    # not a sample


def test_xlsx_report_holds_numbers_and_the_explanations(scored, tmp_path):
    out = write_assessment_report(scored, YEAR, "xlsx", tmp_path / "bc.xlsx")
    sheet = openpyxl.load_workbook(out).active
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    texts = [[str(c) if c is not None else "" for c in r] for r in rows]
    assert any("(THEO BỘ CHỈ SỐ MẪU" in r[0] for r in texts)
    row = rows[texts.index(_table_row(texts, "Tỷ lệ hồ sơ giải quyết đúng hạn"))]
    assert row[2:4] == (6, 4)
    assert row[5] == "Tài liệu kiểm chứng của tiêu chí III.2.1 đang được bổ sung."     # whole: no prose in Excel
    total = rows[texts.index(_table_row(texts, "TỔNG CỘNG"))]
    assert total[2:4] == (100, 14.6)


def test_export_refused_while_an_explanation_is_missing(scored, tmp_path):
    scored.assessment.set_values(YEAR, {"II.1.1": "có"})          # a score, no evidence, no explanation
    out = tmp_path / "bc.pdf"
    out.write_bytes(b"the report sent yesterday")
    for fmt in ("pdf", "docx", "xlsx"):
        with pytest.raises(ValidationError) as caught:
            write_assessment_report(scored, YEAR, fmt, out)
        assert "II.1.1" in str(caught.value) and "giải trình" in str(caught.value)
    assert out.read_bytes() == b"the report sent yesterday"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".tam-")) == []


def test_unknown_format_is_refused(scored, tmp_path):
    with pytest.raises(ValidationError, match="Định dạng “odt” không được hỗ trợ; hãy chọn pdf, docx hoặc xlsx"):
        write_assessment_report(scored, YEAR, "odt", tmp_path / "bc.odt")
    assert not (tmp_path / "bc.odt").exists()


# ---------------------------------------------------------------------------- the criteria set back to Excel

def _shape(sheet) -> list[tuple]:
    return [(c.code, c.max_points, c.rule.kind if c.rule else None) for c in sheet.items]


def test_write_criteria_round_trips(scored, tmp_path):
    scored.assessment.set_rule(YEAR, "I.2", "yesno", "Có: 2 điểm; Không: 0 điểm")       # an edited rule
    out = write_criteria(scored, YEAR, tmp_path / "bo.xlsx")
    back = read_criteria(read_document(out))
    stored = scored.assessment.view(YEAR)
    assert [(i.code, i.criterion.max_points, i.criterion.rule.kind if i.criterion.rule else None)
            for i in stored.items] == _shape(back)
    assert back.declared_total == 100
    assert back.bands == stored.criteria_set.bands
    assert next(c for c in back.items if c.code == "I.2").rule.kind == "yesno"
    sheet = openpyxl.load_workbook(out).active
    header = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "STT")
    assert header == ("STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm tối đa", "Hướng dẫn chấm điểm",
                      "Tài liệu kiểm chứng")


def test_bands_line_reads_back():
    assert bands_line((("Tốt", 80.0), ("Khá", 70.0), ("Trung bình", 60.0), ("Thấp", 0.0))) == \
        "Xếp loại: Tốt: từ 80% trở lên; Khá: từ 70% đến dưới 80%; Trung bình: từ 60% đến dưới 70%; Thấp: dưới 60%."
    assert bands_line((("Xuất sắc", 90.0), ("Yếu", 0.0))).endswith("Yếu: từ 0% đến dưới 90%.")


# ---------------------------------------------------------------------------- the province's own workbook

def _cells(path: Path, columns: int) -> list[list]:
    sheet = openpyxl.load_workbook(path).active
    return [[c.value for c in row[:columns]] for row in sheet.iter_rows()]


def test_province_layout_adds_a_score_column_and_keeps_the_rest(scored, tmp_path):
    out = write_province_layout(scored, YEAR, tmp_path / "tinh.xlsx")
    before, after = _cells(SAMPLE, 5), _cells(out, 6)
    assert [r[:5] for r in after] == before                            # the province's cells untouched
    by_name = {r[1]: r for r in after}
    header = next(r for r in after if r[0] == "STT")
    assert header[5] == "Điểm tự chấm"
    assert by_name["Tỷ lệ hồ sơ giải quyết đúng hạn"][5] == 4
    assert by_name["Tỷ lệ hồ sơ TTHC được tiếp nhận, giải quyết trực tuyến"][5] == 3.6
    assert by_name["CẢI CÁCH THỦ TỤC HÀNH CHÍNH"][5] == 7                 # a group: its sum
    assert by_name["Kết quả giải quyết hồ sơ TTHC"][5] == 4
    assert by_name["Tác động đến phát triển kinh tế - xã hội của xã"][5] is None     # the province scores it
    assert by_name["TỔNG CỘNG"][5] == 14.6
    assert by_name["Mức độ thực hiện kế hoạch CCHC"][5] is None          # not scored yet: left blank
    sheet = openpyxl.load_workbook(out).active
    assert sheet["F4"].font.b and sheet["F4"].border.left.style == "thin"   # styled as the header beside it


def _province_file(path: Path) -> Path:
    """A province's own layout: two header rows, "Điểm" over "Tối đa | Tự chấm", a "Ghi chú" column and a
    note of the province's in it, a formula total."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "BỘ TIÊU CHÍ ĐÁNH GIÁ CẢI CÁCH HÀNH CHÍNH CẤP XÃ NĂM 2026"
    sheet.append([])
    sheet.append(["STT", "Nội dung đánh giá", "Điểm", None, "Hướng dẫn chấm điểm", "Ghi chú"])
    sheet.append([None, None, "Tối đa", "Tự chấm", None, None])
    for cells in ("A3:A4", "B3:B4", "C3:D3", "E3:E4", "F3:F4"):
        sheet.merge_cells(cells)
    rows = [["I", "CÔNG TÁC CHỈ ĐẠO", 3, None, None, None],
            ["1", "Ban hành kế hoạch CCHC", 1, None, "Có: 1 điểm; Không: 0 điểm", "Trước 31/12"],
            ["2", "Tỷ lệ hồ sơ đúng hạn", 2, None, "Từ 98% trở lên: 2 điểm; Dưới 98%: 0 điểm", None],
            ["II", "CẢI CÁCH THỂ CHẾ", 2, None, None, None],
            ["1", "Ban hành kế hoạch CCHC", 2, None, "Có: 2 điểm; Không: 0 điểm", None],
            [None, "Tổng cộng", "=C5+C8", None, None, None]]
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_province_layout_fills_the_sheets_own_columns(session, tmp_path):
    _profile(session)
    session.assessment.load(YEAR, _province_file(tmp_path / "tinh-mau.xlsx"))
    session.assessment.set_values(YEAR, {"I.1": "có", "I.2": "99", "II.1": "không"})
    for code in ("I.1", "I.2"):
        session.assessment.explain(YEAR, code, f"=Giải trình {code}")      # typed as a formula: stays text
    with pytest.raises(ValidationError, match="II.1"):                       # scored, no evidence, no explanation
        write_province_layout(session, YEAR, tmp_path / "ra.xlsx")
    session.assessment.explain(YEAR, "II.1", "Chưa thực hiện.")
    out = write_province_layout(session, YEAR, tmp_path / "ra.xlsx")
    sheet = openpyxl.load_workbook(out).active
    assert sheet.max_column == 6                                       # no column added
    assert [sheet.cell(r, 4).value for r in range(5, 11)] == [3, 1, 2, 0, 0, 3]
    assert sheet["F6"].value == "Trước 31/12\nGiải trình: =Giải trình I.1"   # after the province's note
    assert sheet["F7"].value == "=Giải trình I.2" and sheet["F7"].data_type == "s"
    assert sheet.column_dimensions["F"].width >= 32          # widened to hold the explanations
    assert sheet["C10"].value == "=C5+C8" and sheet["C10"].data_type == "f"   # the province's formula kept
    # the same STT "1" with the same name in two lĩnh vực: each got its own score
    assert (sheet["D6"].value, sheet["D9"].value) == (1, 0)


def test_province_layout_of_a_word_set_is_the_published_layout(session, tmp_path):
    _profile(session)
    source = tmp_path / "bo-chi-so.docx"
    word = docx.Document()
    word.add_paragraph("BỘ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CẤP XÃ TỈNH Thanh Hóa NĂM 2026")
    table = word.add_table(rows=0, cols=4)
    for cells in (("STT", "Lĩnh vực/Tiêu chí", "Điểm tối đa", "Hướng dẫn chấm điểm"),
                  ("I", "CẢI CÁCH THỂ CHẾ", "3", ""), ("1", "Ban hành kế hoạch", "1", "Có: 1 điểm; Không: 0 điểm"),
                  ("2", "Mức độ hài lòng của người dân", "2", "Điểm do điều tra xã hội học"),
                  ("", "Tổng cộng", "3", "")):
        row = table.add_row()
        for cell, text in zip(row.cells, cells):
            cell.text = text
    word.save(source)
    session.assessment.load(YEAR, source)
    session.assessment.set_values(YEAR, {"1": "có"})
    session.assessment.explain(YEAR, "1", "Kế hoạch số 01/KH-UBND")
    out = write_province_layout(session, YEAR, tmp_path / "ra.xlsx")
    rows = [r for r in openpyxl.load_workbook(out).active.iter_rows(values_only=True)]
    header = next(r for r in rows if r[0] == "STT")
    assert header[5:7] == ("Điểm tự chấm", "Giải trình")
    by_name = {r[1]: r for r in rows}
    assert by_name["Ban hành kế hoạch"][5:7] == (1, "Kế hoạch số 01/KH-UBND")
    assert by_name["Mức độ hài lòng của người dân"][5] is None
    assert by_name["TỔNG CỘNG"][5] == 1


def test_province_layout_says_when_the_stored_file_is_gone(scored, tmp_path):
    from cchc_desktop.errors import DataProblem
    sha = scored.assessment.view(YEAR).criteria_set.source_sha256
    stored = scored.evidence.store.path_for(sha)
    stored.chmod(0o600)
    stored.unlink()
    with pytest.raises(DataProblem) as caught:
        write_province_layout(scored, YEAR, tmp_path / "tinh.xlsx")
    assert "bo-chi-so-cchc-cap-xa-mau.xlsx" in str(caught.value)
    assert not (tmp_path / "tinh.xlsx").exists()
