"""Layouts a fresh reader built, that came out wrong without a flag before: each is kept here as
the smallest table that shows it."""
from __future__ import annotations

import pytest

from cchc_desktop.importers import read_document
from cchc_desktop.importers.analysis import analyze
from cchc_desktop.importers.document import SourceDocument, Table
from cchc_desktop.importers.legacy_text import UNREADABLE, normalize_document
from cchc_desktop.importers.unit_cells import split_unit_cell
from cchc_desktop.services.units import builtin_matcher
from tests.support.plan_builder import Cell
from tests.support.plan_builder import plain_row as _row
from tests.support.plan_builder import preview as _preview

def _docx(tmp_path, blocks) -> object:
    """Paragraphs (str) and tables (lists of rows) in order, as Word lays them out."""
    from docx import Document
    document = Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        table = document.add_table(rows=len(block), cols=len(block[0]))
        for r, row in enumerate(block):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    path = tmp_path / "ke-hoach.docx"
    document.save(path)
    return analyze(read_document(path), builtin_matcher())


def test_a_combined_unit_column_and_a_progress_column_are_lead_and_deadline(tmp_path):
    rows = [_row("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì, phối hợp", "Tiến độ thực hiện"),
            [Cell("II"), Cell("CẢI CÁCH THỂ CHẾ", cs=3)],
            _row("1", "Rà soát văn bản quy phạm pháp luật", "Văn phòng HĐND và UBND", "Quý II/2026")]
    task, = _preview(tmp_path, rows).tasks
    assert (task.lead_text, task.deadline_text, task.flags) == ("Văn phòng HĐND và UBND", "Quý II/2026", [])


@pytest.mark.parametrize(("cell", "lead", "coordinators", "sure"), [
    ("Chủ trì: Phòng Văn hóa - Xã hội; Phối hợp: Văn phòng HĐND và UBND", "Phòng Văn hóa - Xã hội",
     "Văn phòng HĐND và UBND", True),
    ("Phòng Văn hóa - Xã hội (chủ trì); Văn phòng HĐND và UBND", "Phòng Văn hóa - Xã hội", "Văn phòng HĐND và UBND",
     True),
    ("TTPVHCC chủ trì; Phòng Kinh tế phối hợp", "TTPVHCC", "Phòng Kinh tế", True),
    ("Giao Phòng Văn hóa - Xã hội chủ trì, phối hợp với các phòng chuyên môn", "Phòng Văn hóa - Xã hội",
     "các phòng chuyên môn", True),
    ("Phòng Kinh tế\nCông an xã", "Phòng Kinh tế", "Công an xã", False),
    ("Công chức Tư pháp - Hộ tịch", "Công chức Tư pháp - Hộ tịch", "", True),
])
def test_one_cell_naming_lead_and_coordinators_is_split(cell, lead, coordinators, sure):
    split = split_unit_cell(cell)
    assert (split.lead, split.coordinators, split.sure) == (lead, coordinators, sure)


def test_an_unsure_split_flags_both_unit_fields(tmp_path):
    rows = [_row("STT", "Nhiệm vụ", "Đơn vị chủ trì/phối hợp", "Thời gian"),
            [Cell("III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH", cs=4)],
            _row("1", "Niêm yết thủ tục", "Phòng Kinh tế\nCông an xã", "Quý II/2026")]
    task, = _preview(tmp_path, rows).tasks
    assert (task.lead_text, task.coord_text) == ("Phòng Kinh tế", "Công an xã")
    assert task.flagged("lead") and task.flagged("coordinators")


def test_three_row_header_under_a_title_in_excel(tmp_path):
    rows = [[Cell("Biểu: Danh mục nhiệm vụ", cs=7)], _row("", "", "", "", "", "", ""),
            [Cell("TT", rs=3), Cell("Nội dung thực hiện", rs=3), Cell("Phân công thực hiện", cs=2),
             Cell("Thời gian", cs=2, rs=2), Cell("Sản phẩm", rs=3)],
            [Cell("Đơn vị thực hiện", cs=2)],
            _row("Chủ trì", "Phối hợp", "Bắt đầu", "Kết thúc"),
            [Cell("II"), Cell("CẢI CÁCH THỂ CHẾ", cs=6)],
            _row("1", "Rà soát văn bản", "Văn phòng HĐND và UBND", "Các phòng chuyên môn", "Tháng 01/2026",
                 "Quý II/2026", "Báo cáo")]
    task, = _preview(tmp_path, rows, "xlsx").tasks
    assert (task.lead_text, task.coord_text, task.start_text, task.deadline_text) == (
        "Văn phòng HĐND và UBND", "Các phòng chuyên môn", "Tháng 01/2026", "Quý II/2026")


def test_hidden_sheets_are_not_read_and_a_workbook_named_xls_is(tmp_path):
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["STT", "Nhiệm vụ", "Chủ trì", "Thời gian"])
    sheet.append(["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"])
    sheet.append(["1", "Ban hành kế hoạch", "Văn phòng HĐND và UBND", "Quý I/2026"])
    old = book.create_sheet("Năm 2025")
    old.append(["STT", "Nhiệm vụ", "Chủ trì", "Thời gian"])
    old.append(["1", "Nhiệm vụ cũ của năm 2025", "Phòng Kinh tế", "Quý IV/2025"])
    old.sheet_state = "hidden"
    path = tmp_path / "ke-hoach.xls"   # an .xlsx saved under the old extension
    book.save(path)
    preview = analyze(read_document(path), builtin_matcher())
    assert [t.name for t in preview.tasks] == ["Ban hành kế hoạch"]
    assert any("Trang tính ẩn “Năm 2025”" in w for w in preview.warnings)


@pytest.mark.parametrize(("number", "title", "domain"), [
    ("3", "Lĩnh vực thứ ba: Cải cách thủ tục hành chính", "III"),
    ("4", "Nội dung 4. Cải cách tổ chức bộ máy", "IV"),
    ("5", "Trục 5 - Cải cách chế độ công vụ", "V"),
    ("", "Phần VI. Cải cách tài chính công", "VI"),
    ("VI", "Phần VI. Cải cách tài chính công", "VI"),
    ("II", "Xây dựng và tổ chức thực hiện văn bản QPPL", "II"),
    ("V", "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức", "V"),
])
def test_domain_rows_in_other_wordings(tmp_path, number, title, domain):
    rows = [_row("STT", "Nhiệm vụ", "Chủ trì", "Thời gian"),
            [Cell("I"), Cell("Công tác chỉ đạo, điều hành", cs=3)],
            _row("1", "Nhiệm vụ A", "Phòng Kinh tế", "Quý II/2026"),
            [Cell(number), Cell(title, cs=3)] if number else [Cell(title, cs=4)],
            _row("1", "Nhiệm vụ B", "Phòng Kinh tế", "Quý II/2026")]
    first, second = _preview(tmp_path, rows).tasks
    assert (first.domain, second.domain, second.code) == ("I", domain, "1")


def test_a_roman_group_that_names_no_domain_flags_its_tasks(tmp_path):
    rows = [_row("STT", "Nhiệm vụ", "Chủ trì", "Thời gian"),
            [Cell("I"), Cell("Công tác chỉ đạo, điều hành", cs=3)],
            _row("1", "Nhiệm vụ A", "Phòng Kinh tế", "Quý II/2026"),
            [Cell("II"), Cell("Những việc cần làm ngay", cs=3)],
            _row("1", "Nhiệm vụ B", "Phòng Kinh tế", "Quý II/2026")]
    second = _preview(tmp_path, rows).tasks[1]
    assert second.domain == "I" and second.flagged("domain")


HEADER = ["STT", "Nhiệm vụ cụ thể", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
BEFORE = [["I", "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH", "", "", ""],
          ["1", "Thực hiện Kế hoạch CCHC năm 2026", "Phòng Văn hóa - Xã hội", "Các cơ quan, đơn vị", "Trong năm 2026"],
          ["2", "Thực hiện nhiệm vụ do", "Văn phòng", "Các cơ quan,", "Trong năm"]]
TAIL = ["", "UBND tỉnh, Chủ tịch UBND tỉnh giao đúng hạn.", "HĐND và UBND", "đơn vị liên quan", "2026"]


@pytest.mark.parametrize("repeated_header", [True, False])
def test_a_row_cut_by_the_page_into_the_next_table_is_joined(tmp_path, repeated_header):
    after = [HEADER, TAIL] if repeated_header else [TAIL]
    preview = _docx(tmp_path, [[HEADER] + BEFORE, after + [["II", "CẢI CÁCH THỂ CHẾ", "", "", ""]]])
    cut = preview.tasks[1]
    assert cut.name == "Thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao đúng hạn."
    assert (cut.lead_text, cut.deadline_text) == ("Văn phòng HĐND và UBND", "Trong năm 2026")


def test_domain_headings_written_above_each_table(tmp_path):
    header = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"]
    preview = _docx(tmp_path, ["II. CẢI CÁCH THỂ CHẾ", [header, ["1", "Rà soát văn bản", "Phòng Kinh tế", "Quý II/2026"]],
                               "III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
                               [header, ["1", "Niêm yết thủ tục", "Phòng Kinh tế", "Quý II/2026"]]])
    assert [(t.domain, t.code) for t in preview.tasks] == [("II", "1"), ("III", "1")]


def test_dash_stt_items_and_rows_without_stt_under_a_parent(tmp_path):
    rows = [_row("TT", "Nội dung", "Cơ quan chủ trì", "Thời gian"),
            [Cell("III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH", cs=4)],
            _row("1", "Tổ chức các hội nghị đối thoại:", "", ""),
            _row("", "- Hội nghị với doanh nghiệp", "Phòng Kinh tế", "Quý II/2026"),
            _row("", "- Hội nghị với người dân", "Công an xã", "Quý III/2026"),
            _row("2", "Kiểm soát thủ tục", "Trung tâm Phục vụ hành chính công", "Thường xuyên"),
            _row("-", "Rà soát thủ tục hộ tịch", "Trung tâm Phục vụ hành chính công", "Quý I/2026")]
    got = [(t.code, t.parent_code, t.name, any(f.field == "code" for f in t.flags))
           for t in _preview(tmp_path, rows).tasks]
    assert got == [("1", None, "Tổ chức các hội nghị đối thoại:", False),
                   ("1.1", "1", "Hội nghị với doanh nghiệp", True), ("1.2", "1", "Hội nghị với người dân", True),
                   ("2", None, "Kiểm soát thủ tục", False), ("2.1", "2", "Rà soát thủ tục hộ tịch", True)]


def test_a_table_without_an_stt_column_numbers_its_tasks(tmp_path):
    rows = [_row("Nhiệm vụ cụ thể", "Cơ quan chủ trì", "Thời gian hoàn thành"),
            [Cell("II. CẢI CÁCH THỂ CHẾ", cs=3)],
            _row("Rà soát văn bản quy phạm pháp luật", "Văn phòng HĐND và UBND", "Quý II/2026"),
            _row("Theo dõi thi hành pháp luật", "Phòng Kinh tế", "Cả năm 2026")]
    tasks = _preview(tmp_path, rows).tasks
    assert [(t.domain, t.code) for t in tasks] == [("II", "1"), ("II", "2")]
    assert all(t.flagged("code") for t in tasks)


def test_prose_with_fields_in_a_sentence_and_in_parentheses(tmp_path):
    preview = _docx(tmp_path, [
        "KẾ HOẠCH", "Cải cách hành chính năm 2026", "II. NHIỆM VỤ TRỌNG TÂM", "1. Cải cách thể chế",
        "a) Rà soát văn bản quy phạm pháp luật. Giao Văn phòng HĐND và UBND chủ trì, phối hợp với các phòng chuyên "
        "môn thực hiện; hoàn thành trong Quý IV/2026.",
        "2. Cải cách thủ tục hành chính",
        "a) Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính đạt 100%.",
        "- Chủ trì: Trung tâm Phục vụ hành chính công.", "- Thời gian: Trong năm 2026.",
        "b) Thanh toán trực tuyến phí, lệ phí (Trung tâm Phục vụ hành chính công chủ trì; thời gian: Quý II/2026)."])
    got = [(t.domain, t.name, t.lead_text, t.coord_text, t.deadline_text) for t in preview.tasks]
    assert got == [
        ("II", "Rà soát văn bản quy phạm pháp luật", "Văn phòng HĐND và UBND", "các phòng chuyên môn", "Quý IV/2026"),
        ("III", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính đạt 100%", "Trung tâm Phục vụ hành chính công",
         "", "Trong năm 2026"),
        ("III", "Thanh toán trực tuyến phí, lệ phí", "Trung tâm Phục vụ hành chính công", "", "Quý II/2026")]


def test_letters_a_font_could_not_map_are_shown_and_flagged():
    document = SourceDocument("ke-hoach.pdf", "pdf", [Table([
        ["STT", "Nhiệm vụ", "Chủ trì", "Thời gian"], ["II", "CẢI CÁCH THỂ CHẾ", "", ""],
        ["1", "Rà soát văn b\x00n", "Phòng Kinh tế", "Quý II/2026"]])])
    preview = analyze(normalize_document(document), builtin_matcher())
    task, = preview.tasks
    assert task.name == f"Rà soát văn b{UNREADABLE}n" and task.flagged("name")
    assert any("không đọc được" in w for w in preview.warnings)


def test_nothing_found_names_the_widest_tables_columns(tmp_path):
    preview = _docx(tmp_path, ["KẾ HOẠCH", [["Mục tiêu", "Chỉ tiêu năm 2025", "Chỉ tiêu năm 2026"],
                                            ["Tỷ lệ hồ sơ đúng hạn", "98%", "99%"]]])
    assert preview.tasks == [] and "“Mục tiêu”, “Chỉ tiêu năm 2025”" in preview.warnings[0]


def test_hidden_rows_and_columns_of_a_sheet_are_not_read(tmp_path):
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["TT", "Nhiệm vụ", "Chủ trì", "Thời gian hoàn thành (KH 2025)", "Thời gian hoàn thành"])
    sheet.append(["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"])
    sheet.append(["1", "Ban hành Kế hoạch CCHC năm 2026", "Phòng Văn hóa - Xã hội", "Tháng 01/2025", "Tháng 01/2026"])
    sheet.append(["2", "Tổ chức Hội thi năm 2025", "Phòng Văn hóa - Xã hội", "Quý III/2025", "Quý III/2025"])
    sheet.append(["2", "Kiểm tra công tác CCHC năm 2026", "Phòng Văn hóa - Xã hội", "", "Quý III/2026"])
    sheet.column_dimensions["D"].hidden = True
    sheet.row_dimensions[4].hidden = True
    path = tmp_path / "an.xlsx"
    book.save(path)
    preview = analyze(read_document(path), builtin_matcher())
    assert [(t.code, t.deadline_text) for t in preview.tasks] == [("1", "Tháng 01/2026"), ("2", "Quý III/2026")]
    assert any("1 dòng ẩn và 1 cột ẩn" in w for w in preview.warnings)


def test_an_excel_date_shown_as_a_month_is_a_month(tmp_path):
    from datetime import datetime

    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["TT", "Nhiệm vụ", "Chủ trì", "Thời gian"])
    sheet.append(["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"])
    sheet.append(["1", "Ban hành kế hoạch tuyên truyền", "Phòng Văn hóa - Xã hội", datetime(2026, 2, 1)])
    sheet.append(["2", "Ban hành quy chế", "Phòng Văn hóa - Xã hội", datetime(2026, 3, 1)])
    sheet["D3"].number_format = "mm/yyyy"
    sheet["D4"].number_format = "dd/mm/yyyy"
    path = tmp_path / "thang.xlsx"
    book.save(path)
    first, second = analyze(read_document(path), builtin_matcher()).tasks
    assert (first.deadline_text, second.deadline_text) == ("02/2026", "01/03/2026")
    assert first.deadline.due.isoformat() == "2026-02-28"


def test_groups_inside_a_domain_never_switch_it(tmp_path):
    rows = [_row("STT", "Nhiệm vụ", "Chủ trì", "Thời gian"),
            [Cell("I"), Cell("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", cs=3)],
            _row("1", "Tuyên truyền cải cách hành chính", "", ""),
            _row("1.1", "Tuyên truyền trên loa truyền thanh", "Văn phòng HĐND và UBND", "Thường xuyên"),
            [Cell("II"), Cell("XÂY DỰNG, PHÁT TRIỂN CHÍNH QUYỀN SỐ", cs=3)],
            _row("1", "Cải cách thủ tục hành chính trên môi trường điện tử", "", ""),
            _row("1.1", "Cung cấp dịch vụ công trực tuyến toàn trình", "Trung tâm Phục vụ hành chính công", "Cả năm 2026"),
            _row("2", "Cải cách tài chính công: số hóa kế toán", "", ""),
            _row("2.1", "Triển khai phần mềm kế toán dùng chung", "Phòng Kinh tế", "Quý II/2026")]
    tasks = {t.name[:20]: t for t in _preview(tmp_path, rows).tasks}
    assert tasks["Tuyên truyền trên lo"].domain == "I"
    assert tasks["Cung cấp dịch vụ côn"].domain == "VII" and tasks["Cung cấp dịch vụ côn"].flagged("domain")
    assert tasks["Triển khai phần mềm "].domain == "VII" and tasks["Triển khai phần mềm "].flagged("domain")


def test_excel_dates_read_as_the_sheet_shows_them(tmp_path):
    from datetime import datetime

    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["TT", "Nhiệm vụ", "Chủ trì", "Thời gian"])
    sheet.append(["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"])
    sheet.append(["1", "Ban hành quy chế", "Phòng Văn hóa - Xã hội", datetime(2026, 6, 30)])
    sheet["D3"].number_format = "d/m/yyyy"
    path = tmp_path / "ngay.xlsx"
    book.save(path)
    task, = analyze(read_document(path), builtin_matcher()).tasks
    assert task.deadline_text == "30/6/2026"


@pytest.mark.parametrize(("title", "domain"), [("Nâng cao Chỉ số chuyển đổi số (DTI) năm 2026", "VII"),
                                               ("Nâng cao Chỉ số hài lòng (SIPAS) năm 2026", "VIII")])
def test_dti_and_sipas_groups_are_pillars_of_one_domain(tmp_path, title, domain):
    rows = [_row("STT", "Nhiệm vụ", "Chủ trì", "Thời gian"),
            [Cell("1. Thể chế số", cs=4)],
            _row("1.1", "Ban hành quy chế sử dụng chữ ký số", "Văn phòng HĐND và UBND", "Quý I/2026"),
            [Cell("2. Thủ tục hành chính", cs=4)],
            _row("2.1", "Niêm yết thủ tục tại Bộ phận Một cửa", "Trung tâm Phục vụ hành chính công", "Quý II/2026")]
    first, second = _preview(tmp_path, rows, paragraphs=["KẾ HOẠCH", title]).tasks
    assert (first.domain, second.domain) == (domain, domain)
    assert second.flagged("domain")   # its group names another domain: said, not silently overruled
