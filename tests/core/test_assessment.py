"""Issue 16: the PAR Index self-assessment end to end — a criteria sheet in layouts the sample does not use,
declared values and their scores, values drawn from the statistics form, evidence, closing, the package."""
from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path

import pytest

from cchc_desktop.assessment import rules as R
from cchc_desktop.errors import NotFound, ValidationError
from cchc_desktop.resources import resource_path

SAMPLE = resource_path("samples", "bo-chi-so-cchc-cap-xa-mau.xlsx")

# Another province's style: "TT | Nội dung | Tài liệu kiểm chứng | Điểm chuẩn | Cách chấm", domain rows merged
# across as "I. …", numbering running on across domains, parts lettered, a "Tổng điểm" row.
OTHER_LAYOUT = [
    ("I. CHỈ ĐẠO, ĐIỀU HÀNH", None, None, None),
    ("1", "Kế hoạch CCHC", "Kế hoạch", "2", "Ban hành trước 31/12: 2 điểm; Ban hành sau 31/12: 1 điểm; "
                                                    "Không ban hành: 0 điểm"),
    ("2", "Kiểm tra CCHC", "", "3", None),
    ("a", "Có kế hoạch kiểm tra", "Kế hoạch kiểm tra", "1", "Có: 1; Không: 0"),
    ("b", "Xử lý sau kiểm tra", "Văn bản xử lý", "2",
     "Điểm = (Số đã xử lý/Tổng số phát hiện) x 2; Không phát sinh thì được điểm tối đa"),
    ("II. THỦ TỤC HÀNH CHÍNH", None, None, None),
    ("3", "Hồ sơ giải quyết đúng hạn", "Báo cáo", "4",
     "Từ 98% trở lên: 4 điểm; Từ 95% đến dưới 98%: 2 điểm; Dưới 95%: 0 điểm"),
    ("4", "Công khai TTHC", "Ảnh chụp", "2", "Mỗi TTHC không công khai trừ 0,5 điểm"),
    ("5", "Sáng kiến", "Quyết định công nhận", "1", "Mỗi sáng kiến được 0,5 điểm, tối đa 1 điểm"),
    ("III. ĐIỀU TRA XÃ HỘI HỌC", None, None, None),
    ("6", "Sự hài lòng của người dân", "", "8", "Điều tra xã hội học"),
]


def write_other_layout_xlsx(path: Path, total: str = "20") -> Path:
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.append(["ỦY BAN NHÂN DÂN TỈNH HÀ GIANG"])
    sheet.append(["BỘ TIÊU CHÍ ĐÁNH GIÁ CHỈ SỐ CCHC CẤP XÃ NĂM 2026"])
    sheet.append(["TT", "Nội dung tiêu chí", "Tài liệu kiểm chứng", "Điểm chuẩn", "Cách chấm điểm"])
    sheet.append(["(1)", "(2)", "(3)", "(4)", "(5)"])
    for row in OTHER_LAYOUT:
        sheet.append(list(row))
        if row[1] is None:
            sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=5)
    sheet.append(["", "Tổng điểm", "", total, ""])
    sheet.append(["Xếp loại: Xuất sắc từ 90% trở lên; Tốt từ 80% đến dưới 90%; Khá từ 65%; Trung bình dưới 65%"])
    book.save(path)
    return path


def write_other_layout_docx(path: Path) -> Path:
    from docx import Document
    doc = Document()
    doc.add_paragraph("PHỤ LỤC: BỘ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CẤP XÃ TỈNH LÂM ĐỒNG NĂM 2026")
    table = doc.add_table(rows=2, cols=5)
    table.rows[0].cells[0].text = "STT"
    table.rows[0].cells[1].text = "Lĩnh vực/Tiêu chí/Tiêu chí thành phần"
    merged = table.rows[0].cells[2].merge(table.rows[0].cells[3])
    merged.text = "Điểm"
    table.rows[0].cells[4].text = "Hướng dẫn chấm điểm"
    for i, text in enumerate(["", "", "Tối đa", "Tự chấm", ""]):
        table.rows[1].cells[i].text = text
    for code, name, _hint, max_points, *guide in OTHER_LAYOUT:
        guide = guide[0] if guide else ""
        cells = table.add_row().cells
        if name is None:
            numeral, title = code.split(". ", 1)
            cells[0].text, cells[1].text = numeral, title
            continue
        cells[0].text, cells[1].text, cells[2].text, cells[4].text = code, name, max_points, guide or ""
    cells = table.add_row().cells
    cells[1].text, cells[2].text = "TỔNG CỘNG", "20"
    doc.save(path)
    return path


@pytest.fixture
def other_sheet(tmp_path) -> Path:
    return write_other_layout_xlsx(tmp_path / "bo-tieu-chi.xlsx")


def test_another_provinces_layout_is_read_into_the_tree(session, other_sheet):
    sheet = session.assessment.read_sheet(other_sheet)
    codes = [(c.code, c.parent) for c in sheet.items]
    assert codes == [("I", None), ("1", "I"), ("2", "I"), ("2.a", "2"), ("2.b", "2"), ("II", None), ("3", "II"),
                     ("4", "II"), ("5", "II"), ("III", None), ("6", "III")]
    kinds = {c.code: c.rule.kind for c in sheet.leaves}
    assert kinds == {"1": R.OPTIONS, "2.a": R.YESNO, "2.b": R.RATIO, "3": R.BANDS, "4": R.DEDUCTION,
                     "5": R.PER_ITEM, "6": R.SURVEY}
    assert sheet.max_total == sheet.declared_total == 20 and not sheet.warnings
    assert sheet.province == "Hà Giang" and sheet.year == 2026      # as a title names it, not in capitals
    assert sheet.bands[0] == ("Xuất sắc", 90.0) and sheet.bands[-1][1] == 0


def test_a_total_that_does_not_add_up_is_said(session, tmp_path):
    sheet = session.assessment.read_sheet(write_other_layout_xlsx(tmp_path / "sai.xlsx", total="25"))
    assert any("25" in w and "20" in w for w in sheet.warnings)


def test_a_word_table_with_a_two_row_header_is_read_too(session, tmp_path):
    sheet = session.assessment.read_sheet(write_other_layout_docx(tmp_path / "bo-tieu-chi.docx"))
    assert [c.code for c in sheet.leaves] == ["1", "2.a", "2.b", "3", "4", "5", "6"]
    assert sheet.columns["max"] == 2 and sheet.columns["self"] == 3
    assert sheet.declared_total == 20 == sheet.max_total
    assert sheet.province == "Lâm Đồng"


def test_a_file_without_a_criteria_table_is_refused_in_vietnamese(session, tmp_path):
    from docx import Document
    doc = Document()
    doc.add_paragraph("Không có bảng nào.")
    doc.save(tmp_path / "trong.docx")
    with pytest.raises(ValidationError, match="Không thấy bảng tiêu chí"):
        session.assessment.read_sheet(tmp_path / "trong.docx")
    assert session.assessment.find(2026) is None


def test_declared_values_score_as_the_province_wrote_them(session, other_sheet):
    service = session.assessment
    service.load(2026, other_sheet)
    service.set_values(2026, {"1": "ban hành sau 31/12", "2.a": "có", "2.b": "0/0", "3": "96,5", "4": "7",
                              "5": "1"})
    view = service.view(2026)
    scores = {i.code: i.score for i in view.items}
    assert scores == {"I": 4, "1": 1, "2": 3, "2.a": 1, "2.b": 2, "II": 2.5, "3": 2, "4": 0, "5": 0.5,
                      "III": None, "6": None}
    assert view.item("6").scored_by == "survey"
    assert view.totals.max_total == 20 and view.totals.max_self == 12 and view.totals.self_total == 6.5
    assert view.percent == 54.17 and view.band == "Trung bình"
    with pytest.raises(ValidationError, match="cấp trên chấm"):
        service.set_values(2026, {"6": "7"})
    with pytest.raises(NotFound, match="không có tiêu chí"):
        service.set_values(2026, {"9.9": "1"})


def test_show_json_has_the_agreed_shape(session, other_sheet, tmp_path, capsys):
    from cchc_desktop.cli import build_parser, run
    service = session.assessment
    service.load(2026, other_sheet)
    service.set_values(2026, {"3": "99"})
    args = build_parser().parse_args(["--data-dir", str(session.workspace.data_dir), "assessment", "show",
                                      "--year", "2026", "--json"])
    session.close()
    assert run(args) == 0
    shown = json.loads(capsys.readouterr().out)
    assert {"year", "max_total", "max_self", "self_total", "percent", "band", "items"} <= shown.keys()
    item = next(i for i in shown["items"] if i["code"] == "3")
    assert {"code", "name", "max", "rule", "value", "score", "scored_by", "evidence_count", "explanation",
            "needs_explanation"} <= item.keys()
    assert item["score"] == 4 and item["value"] == "99" and item["needs_explanation"] is True
    assert item["rule"]["kind"] == "bands"
    assert shown["percent"] == round(4 / 12 * 100, 2)


def test_evidence_and_explanations(session, other_sheet, tmp_path):
    service = session.assessment
    service.load(2026, other_sheet)
    service.set_values(2026, {"1": "ban hành trước 31/12", "3": "99"})
    assert [i.code for i in service.view(2026).missing_explanations] == ["1", "3"]
    proof = tmp_path / "123-QD-UBND.pdf"
    proof.write_bytes(b"%PDF-1.4 ke hoach")
    assert len(service.evidence.add(2026, "1", [proof])) == 1
    assert service.evidence.add(2026, "1", [proof]) == []                      # already on the item
    stored = service.evidence.list(2026, "1")[0]
    assert stored.doc_number == "123/QĐ-UBND"
    service.explain(2026, "3", "Báo cáo chưa được phê duyệt, sẽ bổ sung.")
    view = service.view(2026)
    assert view.missing_explanations == [] and view.item("1").evidence_count == 1
    with pytest.raises(ValidationError, match="tiêu chí con"):
        service.evidence.add(2026, "2", [proof])


def test_task_evidence_is_suggested_by_domain_and_product_and_linked_without_a_copy(session, demo, tmp_path):
    service = session.assessment          # the demo loads the sample set and links one task file to I.1.1
    assert [e.linked for e in service.evidence.list(2026, "I.1.1")] == [True]
    suggestions = service.evidence.suggestions(2026, "I.1.1")
    assert suggestions, "the demo plan's domain I tasks have a 'Kế hoạch' product with evidence"
    assert all(s.evidence.task_id and "ke" in s.matched for s in suggestions)
    blobs_before = session.one("SELECT count(*) FROM blobs")[0]
    service.evidence.link(2026, "I.1.1", [suggestions[0].evidence.id])
    linked = service.evidence.list(2026, "I.1.1")[-1]
    assert linked.evidence_id == suggestions[0].evidence.id and linked.sha256 == suggestions[0].evidence.sha256
    assert session.one("SELECT count(*) FROM blobs")[0] == blobs_before
    assert suggestions[0].evidence.id not in [s.evidence.id for s in service.evidence.suggestions(2026, "I.1.1")]


def test_a_value_drawn_from_the_statistics_form_at_the_cutoff(session):
    service = session.assessment
    service.load(2026, SAMPLE, sample=True)
    q3 = session.periods.by_key("2026-Q3")
    session.statistics.set_many(q3, {"III.4.2": "200", "III.4.3": "193"})     # 96,5 % on time
    service.link_indicator(2026, "III.2.1", "III.4.4")
    item = service.view(2026).item("III.2.1")
    assert item.declared.number == 96.5 and item.score == 4
    assert "Quý III năm 2026" in item.source and "III.4.4" in item.source
    service.set_cutoff(2026, date(2026, 6, 30))       # before Q3's cut-off: the 6-month form is used
    assert service.view(2026).item("III.2.1").declared is None
    service.set_cutoff(2026, q3.end_on)
    service.set_values(2026, {"III.2.1": "99"})        # typed by hand wins, and says the form's value
    item = service.view(2026).item("III.2.1")
    assert item.score == 6 and "96,5" in item.source
    with pytest.raises(ValidationError, match="mức chọn"):
        service.link_indicator(2026, "I.1.1", "III.4.4")
    with pytest.raises(NotFound, match="Không có chỉ tiêu mã “XX.9” trong danh mục năm 2026"):
        service.link_indicator(2026, "VII.1", "XX.9")


def test_closing_freezes_and_reopening_needs_a_reason(session, tmp_path):
    service = session.assessment
    service.load(2026, SAMPLE, sample=True)
    q3 = session.periods.by_key("2026-Q3")
    session.statistics.set_many(q3, {"III.4.2": "200", "III.4.3": "193"})
    service.link_indicator(2026, "III.2.1", "III.4.4")
    service.set_values(2026, {"I.1.1": "không ban hành"})
    with pytest.raises(ValidationError, match="chưa có tài liệu kiểm chứng và chưa có giải trình: I.1.1, III.2.1"):
        service.close(2026)
    service.explain(2026, "I.1.1", "Chưa ban hành.")
    service.explain(2026, "III.2.1", "Số liệu từ biểu thống kê quý III.")
    closed = service.close(2026)
    assert closed.assessment.closed and closed.item("III.2.1").score == 4
    session.statistics.set_many(q3, {"III.4.3": "200"})
    assert service.view(2026).item("III.2.1").score == 4           # frozen as it was closed
    for attempt in (lambda: service.set_values(2026, {"I.1.1": "ban hành kịp thời"}),
                    lambda: service.explain(2026, "I.1.1", "khác"),
                    lambda: service.evidence.add(2026, "I.1.1", [SAMPLE]),
                    lambda: service.set_rule(2026, "VI.1", R.MANUAL)):
        with pytest.raises(ValidationError, match="đã chốt"):
            attempt()
    service.set_province_score(2026, "I.1.1", 0.5, "Đã có kế hoạch nhưng ban hành muộn")
    view = service.view(2026)
    assert view.item("I.1.1").province_score == 0.5 and view.item("I").province_score == 0.5
    with pytest.raises(ValidationError, match="lý do"):
        service.reopen(2026, "")
    service.reopen(2026, "Sở Nội vụ yêu cầu bổ sung")
    assert service.view(2026).item("III.2.1").score == 6              # live again: 100 %
    actions = [r[0] for r in session.rows("SELECT action FROM audit_log WHERE entity = 'assessment'")]
    assert "close" in actions and "reopen" in actions


def test_a_flagged_rule_is_fixed_by_the_officer(session):
    service = session.assessment
    result = service.load(2026, SAMPLE, sample=True)
    assert [c.code for c in result.sheet.flagged] == ["VI.1"]
    with pytest.raises(ValidationError, match="không khớp"):
        service.set_rule(2026, "VI.1", R.BANDS, "Có: 1; Không: 0")
    rule = service.set_rule(2026, "VI.1", R.OPTIONS,
                            "Công khai đầy đủ, đúng hạn: 3 điểm; Công khai chậm: 1,5 điểm; Không công khai: 0 điểm")
    assert rule.kind == R.OPTIONS and rule.sure
    assert service.view(2026).flagged == []
    service.set_values(2026, {"VI.1": "công khai chậm"})
    assert service.view(2026).item("VI.1").score == 1.5


def test_a_corrected_sheet_is_a_new_version_and_keeps_what_still_fits(session, other_sheet, tmp_path):
    service = session.assessment
    first = service.load(2026, other_sheet)
    service.set_values(2026, {"3": "99", "4": "1"})
    service.explain(2026, "3", "Có báo cáo.")
    from openpyxl import load_workbook
    book = load_workbook(other_sheet)
    for row in book.active.iter_rows():
        if row[0].value == "4":
            row[4].value = "Công khai đầy đủ: 2 điểm; Không đầy đủ: 0 điểm"     # now a choice, not deductions
    book.save(tmp_path / "sua.xlsx")
    second = service.load(2026, tmp_path / "sua.xlsx")
    assert (first.version, second.version) == (1, 2)
    assert second.kept_values == ["3"] and second.dropped_values == ["4"]
    view = service.view(2026)
    assert view.item("3").score == 4 and view.item("3").explanation == "Có báo cáo."
    assert view.item("4").declared is None


def test_next_year_starts_from_this_one_with_values_empty(session, demo):
    service = session.assessment
    service.load(2026, SAMPLE, sample=True)
    service.link_indicator(2026, "III.2.1", "III.4.4")
    service.set_values(2026, {"I.1.1": "ban hành kịp thời"})
    service.start_from(2027, 2026)
    view = service.view(2027)
    assert [i.code for i in view.items] == [i.code for i in service.view(2026).items]
    assert all(i.value == "" and i.evidence_count == 0 for i in view.items)
    assert view.item("III.2.1").criterion.indicator_code == "III.4.4"
    assert view.criteria_set.sample and "chép từ năm 2026" in view.criteria_set.title
    with pytest.raises(ValidationError, match="đã có"):
        service.start_from(2027, 2026)


def test_the_evidence_package_holds_a_folder_per_item_and_an_index(session, other_sheet, tmp_path):
    from cchc_desktop.assessment.package import INDEX_NAME, write_package
    service = session.assessment
    service.load(2026, other_sheet)
    with pytest.raises(ValidationError, match="chưa có tài liệu"):
        write_package(session, 2026, tmp_path / "goi.zip")
    a, b = tmp_path / "KH 01.pdf", tmp_path / "x" / "KH 01.pdf"
    b.parent.mkdir()
    a.write_bytes(b"%PDF-1.4 a")
    b.write_bytes(b"%PDF-1.4 b")
    service.evidence.add(2026, "1", [a, b])
    service.evidence.add(2026, "2.a", [a])
    result = write_package(session, 2026, tmp_path / "goi.zip")
    assert (result.files, result.items) == (3, 2)
    with zipfile.ZipFile(tmp_path / "goi.zip") as archive:
        names = archive.namelist()
        assert "1 - Kế hoạch CCHC/KH 01.pdf" in names and "1 - Kế hoạch CCHC/KH 01 (2).pdf" in names
        assert "2.a - Có kế hoạch kiểm tra/KH 01.pdf" in names
        index = archive.read(INDEX_NAME).decode("utf-8-sig").splitlines()
        assert len(index) == 4 and index[0].startswith("Mã tiêu chí")
        import hashlib
        assert hashlib.sha256(b"%PDF-1.4 b").hexdigest() in archive.read(INDEX_NAME).decode("utf-8-sig")
    # a file changed in the store refuses the package, and the good one stays
    stored = session.evidence.store.path_for(service.evidence.list(2026, "2.a")[0].sha256)
    stored.chmod(0o644)
    stored.write_bytes(b"changed")
    before = (tmp_path / "goi.zip").read_bytes()
    with pytest.raises(ValidationError, match="đã bị thay đổi"):
        write_package(session, 2026, tmp_path / "goi.zip")
    assert (tmp_path / "goi.zip").read_bytes() == before
    assert [p.name for p in tmp_path.glob(".tam-*")] == []


def test_the_whole_job_through_the_commands(tmp_path, other_sheet):
    import subprocess
    import sys
    root = Path(__file__).resolve().parents[2]
    data = tmp_path / "dữ liệu"

    def cli(*args):
        done = subprocess.run([sys.executable, str(root / "main.py"), "--data-dir", str(data), "assessment", *args],
                              capture_output=True, text=True, encoding="utf-8", cwd=root)
        return done.returncode, done.stdout, done.stderr

    rc, out, _ = cli("load", "--year", "2026", str(other_sheet), "--dry-run", "--json")
    assert rc == 0 and json.loads(out)["dry_run"] and json.loads(out)["total_matches"]
    assert cli("load", "--year", "2026", str(other_sheet))[0] == 0
    rc, _, err = cli("set", "--year", "2026", "1=Ban hành trước 31/12", "2.b=3/4", "3=97", "4=9")
    assert rc == 0, err
    rc, _, err = cli("set", "--year", "2026", "3=abc")
    assert rc == 1 and "không phải là số" in err
    proof = tmp_path / "bc.pdf"
    proof.write_bytes(b"%PDF-1.4")
    assert cli("evidence", "add", "--year", "2026", "--item", "3", str(proof))[0] == 0
    for code in ("1", "2.b", "4"):
        assert cli("explain", "--year", "2026", "--item", code, "--text", "Đang bổ sung hồ sơ.")[0] == 0
    shown = json.loads(cli("show", "--year", "2026", "--json")[1])
    assert {i["code"]: i["score"] for i in shown["items"] if i["code"] in ("1", "2.b", "3", "4")} == \
        {"1": 2, "2.b": 1.5, "3": 2, "4": 0}
    assert cli("package", "--year", "2026", "--out", str(tmp_path / "goi.zip"))[0] == 0
    assert cli("close", "--year", "2026")[0] == 0
    rc, _, err = cli("set", "--year", "2026", "3=99")
    assert rc == 1 and "đã chốt" in err
    assert cli("reopen", "--year", "2026", "--reason", "Bổ sung tài liệu")[0] == 0


def test_domain_rows_merged_across_with_their_points_in_the_title(session, tmp_path):
    """Word tables often merge the lĩnh vực row across the table and write its points in the title."""
    from docx import Document
    doc = Document()
    table = doc.add_table(rows=1, cols=5)
    for cell, text in zip(table.rows[0].cells, ["TT", "Tiêu chí, tiêu chí thành phần", "Điểm tối đa",
                                                "Phương pháp chấm điểm", "Tài liệu kiểm chứng"]):
        cell.text = text
    rows = [("A. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH (10 điểm)",),
            ("1", "Kế hoạch", "2", "Ban hành đúng hạn: 2 điểm; chậm: 1 điểm; không: 0 điểm", "KH"),
            ("2", "Báo cáo", "8", "Mỗi báo cáo chậm trừ 2 điểm", "BC"),
            ("B. CẢI CÁCH THỂ CHẾ (5 đ)",),
            ("3", "Rà soát văn bản", "5", "Có: 5 điểm; Không: 0 điểm", "BC rà soát")]
    for cells in rows:
        row = table.add_row().cells
        if len(cells) == 1:
            row[0].merge(row[4]).text = cells[0]
            continue
        for cell, text in zip(row, cells):
            cell.text = text
    doc.save(tmp_path / "bo.docx")
    sheet = session.assessment.read_sheet(tmp_path / "bo.docx")
    assert [(c.code, c.parent, c.name, c.max_points) for c in sheet.items] == [
        ("A", None, "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH", 10), ("1", "A", "Kế hoạch", 2), ("2", "A", "Báo cáo", 8),
        ("B", None, "CẢI CÁCH THỂ CHẾ", 5), ("3", "B", "Rà soát văn bản", 5)]
    assert sheet.flagged == [] and sheet.max_total == 15
