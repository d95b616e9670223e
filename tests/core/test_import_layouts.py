"""Plans in layouts the seeds don't have: every field comes out right, or it is flagged.

Hypothesis builds tables with random column orders and wordings, headers over two rows with
merged group cells, domain rows in every form, group rows that are not domains (sectors,
media kinds, index components), lettered tasks; each is written as HTML, Word and Excel.
"""
from __future__ import annotations

import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_desktop.importers import read_document
from cchc_desktop.importers.analysis import Overrides, analyze
from cchc_desktop.importers.columns import CODE, DEADLINE, LEAD, NAME, find_header
from cchc_desktop.services.units import builtin_matcher
from tests.support.plan_builder import Cell, write
from tests.support.plan_builder import plain_row as _row
from tests.support.plan_builder import preview as _preview

HEADERS = {
    "code": ["STT", "TT", "Số TT"],
    "name": ["Nhiệm vụ", "Nội dung nhiệm vụ", "Tên nhiệm vụ", "Nội dung công việc", "Nhiệm vụ, giải pháp",
             "Nội dung thực hiện", "Tên thủ tục hành chính"],
    "lead": ["Cơ quan chủ trì", "Đơn vị chủ trì", "Chủ trì", "Cơ quan, đơn vị thực hiện"],
    "coord": ["Cơ quan phối hợp", "Đơn vị phối hợp", "Phối hợp"],
    "deadline": ["Thời gian hoàn thành", "Thời gian thực hiện", "Thời hạn", "Thời gian"],
    "product": ["Sản phẩm", "Kết quả dự kiến", "Sản phẩm dự kiến"],
    "start": ["Ngày bắt đầu", "Thời gian bắt đầu"],
}
UNIT_GROUPS = ["Đơn vị thực hiện", "Cơ quan thực hiện", "Trách nhiệm thực hiện", "Phân công thực hiện"]
TIME_GROUPS = [("Thời gian", "Bắt đầu", "Hoàn thành"), ("Thời gian thực hiện", "Từ ngày", "Đến ngày"),
               ("Tiến độ", "Bắt đầu", "Kết thúc")]
DOMAIN_TITLES = {
    "I": ["Công tác chỉ đạo, điều hành CCHC", "Chỉ đạo, điều hành, kiểm tra và tuyên truyền CCHC"],
    "II": ["Cải cách thể chế", "Xây dựng và tổ chức thực hiện thể chế"],
    "III": ["Cải cách thủ tục hành chính", "Cải cách TTHC"],
    "IV": ["Cải cách tổ chức bộ máy hành chính nhà nước", "Cải cách tổ chức bộ máy"],
    "V": ["Cải cách chế độ công vụ", "Xây dựng đội ngũ cán bộ, công chức"],
    "VI": ["Cải cách tài chính công", "Cải cách tài chính công"],
    "VII": ["Xây dựng và phát triển chính quyền điện tử, chính quyền số", "Chuyển đổi số trong cơ quan nhà nước"],
    "VIII": ["Tác động của CCHC đến người dân, tổ chức và phát triển KT-XH",
             "Tác động của cải cách hành chính đến phát triển kinh tế - xã hội"],
}
ROMAN = list(DOMAIN_TITLES)
SUBGROUPS = ["LĨNH VỰC HỘ TỊCH", "Lĩnh vực đất đai", "LĨNH VỰC BẢO TRỢ XÃ HỘI", "BÁO CHÍ", "HỘI NGHỊ",
             "Trang thông tin điện tử của xã", "Nhóm nhiệm vụ trọng tâm", "Chỉ số thành phần 2.1",
             "Hệ thống truyền thanh cơ sở"]
UNITS = ["Văn phòng HĐND và UBND", "Phòng Văn hóa - Xã hội", "Phòng Kinh tế", "Trung tâm Phục vụ hành chính công",
         "Công an xã", "Đoàn Thanh niên xã"]
COORDS = ["Các phòng chuyên môn", "Các cơ quan, đơn vị liên quan", "Phòng Kinh tế", "Công an xã", ""]
DEADLINES = ["Quý I/2026", "Tháng 3/2026", "Trước ngày 15/12/2026", "Thường xuyên", "Quý III/2026",
             "Tháng 01-03/2026", "Năm 2026", "Hằng quý"]
STARTS = ["Tháng 01/2026", "01/02/2026", "Quý I/2026"]
VERBS = ["Rà soát", "Xây dựng", "Tổ chức", "Triển khai", "Kiểm tra", "Hướng dẫn", "Công khai", "Theo dõi"]
OBJECTS = ["quy chế làm việc", "kế hoạch tuyên truyền", "hồ sơ trực tuyến", "danh mục văn bản",
           "báo cáo định kỳ", "hội nghị đối thoại", "số liệu thống kê", "quy trình nội bộ"]


@dataclass
class Expected:
    name: str
    domain: str | None
    lead: str
    coord: str
    deadline: str
    letter: str = ""


@dataclass
class Layout:
    rows: list[list[Cell]]
    tasks: list[Expected] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)


def _header(draw, roles: list[str], two_rows: bool) -> list[list[Cell]]:
    if not two_rows:
        return [[Cell(draw(st.sampled_from(HEADERS[r]))) for r in roles]]
    top, bottom = [], []
    index = 0
    while index < len(roles):
        role = roles[index]
        pair = roles[index:index + 2]
        if pair == ["lead", "coord"]:
            top.append(Cell(draw(st.sampled_from(UNIT_GROUPS)), cs=2))
            bottom += [Cell("Chủ trì"), Cell("Phối hợp")]
            index += 2
        elif pair == ["start", "deadline"]:
            group, start, end = draw(st.sampled_from(TIME_GROUPS))
            top.append(Cell(group, cs=2))
            bottom += [Cell(start), Cell(end)]
            index += 2
        else:
            top.append(Cell(draw(st.sampled_from(HEADERS[role])), rs=2))
            index += 1
    return [top, bottom]


def _group_row(draw, roles: list[str], numeral: str, title: str) -> list[Cell]:
    form = draw(st.sampled_from(["merged", "code+merged", "code+name"]))
    if form == "merged" or "code" not in roles:
        return [Cell(f"{numeral}. {title}" if numeral else title, cs=len(roles))]
    if form == "code+merged":
        return [Cell(numeral), Cell(title, cs=len(roles) - 1)]
    return [Cell(numeral if r == "code" else title if r == "name" else "") for r in roles]


@st.composite
def layouts(draw) -> Layout:
    others = draw(st.permutations(["lead", "coord", "deadline", "product"]))
    with_start = draw(st.booleans())
    two_rows = draw(st.booleans())
    roles = ["code", "name"] + list(others)
    if two_rows:   # sub-columns sit side by side under their group
        roles = [r for r in roles if r != "coord"]
        roles.insert(roles.index("lead") + 1, "coord")
    if with_start:
        roles.insert(roles.index("deadline"), "start")
    layout = Layout(_header(draw, roles, two_rows), roles=roles)
    with_domains = draw(st.booleans())
    domains = draw(st.lists(st.sampled_from(ROMAN), min_size=1, max_size=3, unique=True)) if with_domains else [None]
    counter = 0
    for domain in domains:
        if domain:
            title = draw(st.sampled_from(DOMAIN_TITLES[domain]))
            title = title.upper() if draw(st.booleans()) else title
            numeral = draw(st.sampled_from([domain, str(ROMAN.index(domain) + 1)]))
            layout.rows.append(_group_row(draw, roles, numeral, title))
        for group in range(draw(st.integers(0, 2))):
            if group or draw(st.booleans()):
                sub = draw(st.sampled_from(SUBGROUPS))
                number = draw(st.sampled_from(["", str(group + 1), f"{ROMAN[group]}"]))
                layout.rows.append(_group_row(draw, roles, number, sub))
            number = 0
            for _ in range(draw(st.integers(1, 3))):
                counter += 1
                number += 1
                layout.rows.append(_task_row(draw, roles, str(number), counter, domain, layout))
                if draw(st.integers(0, 4)) == 0:
                    for letter in "ab":
                        counter += 1
                        layout.rows.append(_task_row(draw, roles, f"{letter})", counter, domain, layout, letter))
    return layout


def _task_row(draw, roles, code, counter, domain, layout: Layout, letter: str = "") -> list[Cell]:
    name = f"{draw(st.sampled_from(VERBS))} {draw(st.sampled_from(OBJECTS))} đợt {counter}"
    values = {"code": code, "name": name, "lead": draw(st.sampled_from(UNITS)), "coord": draw(st.sampled_from(COORDS)),
              "deadline": draw(st.sampled_from(DEADLINES)), "product": draw(st.sampled_from(["Kế hoạch", "Báo cáo", ""])),
              "start": draw(st.sampled_from(STARTS))}
    layout.tasks.append(Expected(name, domain, values["lead"], values["coord"], values["deadline"], letter))
    return [Cell(values[r]) for r in roles]


def _problems(layout: Layout, preview) -> list[str]:
    """Every expected field that is neither right nor flagged, and every unflagged extra task."""
    problems = []
    by_name = {t.name: t for t in preview.tasks}
    for want in layout.tasks:
        got = by_name.pop(want.name, None)
        if got is None:
            problems.append(f"missing {want.name}")
            continue
        checks = [("domain", got.domain, want.domain), ("lead", got.lead_text, want.lead),
                  ("coordinators", got.coord_text, want.coord), ("deadline", got.deadline_text, want.deadline)]
        for field_name, value, expected in checks:
            if value != expected and not got.flagged(field_name):
                problems.append(f"{want.name}: {field_name} {value!r} != {expected!r} (silent)")
        if want.letter and not (got.code.endswith("." + want.letter) and got.code.count(want.letter) == 1
                                or got.flagged("code")):
            problems.append(f"{want.name}: code {got.code!r} for {want.letter})")
    problems += [f"extra {t.code} {t.name!r} (silent)" for t in by_name.values() if not t.flagged("row")]
    return problems


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(layout=layouts(), fmt=st.sampled_from(["html", "docx", "xlsx"]))
def test_generated_layouts_every_field_right_or_flagged(layout, fmt):
    with tempfile.TemporaryDirectory() as folder:
        path = write(fmt, Path(folder) / "ke-hoach", ["KẾ HOẠCH", "Cải cách hành chính năm 2026"], layout.rows)
        preview = analyze(read_document(path), builtin_matcher())
    assert _problems(layout, preview) == [], _describe(layout, preview)


def _describe(layout: Layout, preview) -> str:
    rows = "\n".join(" | ".join(f"{c.text}" + (f"<{c.cs}x{c.rs}>" if c.cs > 1 or c.rs > 1 else "") for c in row)
                     for row in layout.rows)
    got = "\n".join(f"{t.domain} {t.code} {t.name} | {t.lead_text} | {t.coord_text} | {t.deadline_text} "
                     f"{[f.field for f in t.flags]}" for t in preview.tasks)
    return f"\n{rows}\n--- got:\n{got}\n{preview.warnings}"


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "html"])
def test_two_row_header_reads_start_deadline_and_coordinators(tmp_path, fmt):
    rows = [[Cell("STT", rs=2), Cell("Nhiệm vụ", rs=2), Cell("Đơn vị thực hiện", cs=2), Cell("Thời gian", cs=2)],
            _row("Chủ trì", "Phối hợp", "Bắt đầu", "Hoàn thành"),
            [Cell("II. CẢI CÁCH THỂ CHẾ", cs=6)],
            _row("1", "Rà soát văn bản quy phạm pháp luật", "Phòng Kinh tế", "Công an xã", "01/02/2026", "Quý III/2026")]
    task, = _preview(tmp_path, rows, fmt).tasks
    assert (task.domain, task.lead_text, task.coord_text) == ("II", "Phòng Kinh tế", "Công an xã")
    assert (task.start_text, task.deadline_text) == ("01/02/2026", "Quý III/2026")
    assert task.flags == []


def test_header_paths_name_each_column():
    header = find_header([["STT", "Nội dung", "Thời gian thực hiện", "Thời gian thực hiện", "Ghi chú"],
                          ["STT", "Nội dung", "Bắt đầu", "Kết thúc", "Ghi chú"]])
    assert header.depth == 2 and header.roles[:4] == [CODE, NAME, "start", DEADLINE]
    assert header.paths[3] == "Thời gian thực hiện › Kết thúc"


def test_a_time_group_over_unknown_sub_columns_is_flagged(tmp_path):
    rows = [[Cell("TT", rs=2), Cell("Nội dung nhiệm vụ", rs=2), Cell("Chủ trì", rs=2), Cell("Thời gian", cs=2)],
            _row("Đợt 1", "Đợt 2"),
            _row("1", "Tổ chức hội nghị tập huấn", "Phòng Văn hóa - Xã hội", "Tháng 3/2026", "Tháng 9/2026")]
    task, = _preview(tmp_path, rows).tasks
    assert task.deadline_text == "Tháng 3/2026" and task.flagged("deadline")


@pytest.mark.parametrize("title", ["I. BÁO CHÍ", "II. HỘI NGHỊ", "I. LĨNH VỰC HỘ TỊCH", "1.2. Chỉ số nội dung “Quản lý”"])
def test_group_rows_that_are_not_domains_keep_the_domain(tmp_path, title):
    rows = [_row("STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian"),
            [Cell("VII"), Cell("CHUYỂN ĐỔI SỐ", cs=4)],
            _row("1", "Duy trì trang thông tin điện tử", "Văn phòng HĐND và UBND", "", "Thường xuyên"),
            [Cell(title, cs=5)],
            _row("2", "Đăng tin bài về cải cách hành chính", "Phòng Văn hóa - Xã hội", "Công an xã", "Hằng quý")]
    preview = _preview(tmp_path, rows)
    assert [(t.domain, t.name[:10], t.lead_text, t.deadline_text) for t in preview.tasks] == [
        ("VII", "Duy trì tr", "Văn phòng HĐND và UBND", "Thường xuyên"),
        ("VII", "Đăng tin b", "Phòng Văn hóa - Xã hội", "Hằng quý")]
    assert "Đơn vị mới" not in " ".join(preview.warnings) or title not in " ".join(preview.warnings)


def test_arabic_domain_rows_are_domains_not_tasks(tmp_path):
    rows = [_row("TT", "Nội dung công việc", "Đơn vị chủ trì", "Thời hạn"),
            [Cell("1"), Cell("CẢI CÁCH THỂ CHẾ", cs=3)],
            _row("1.1", "Rà soát văn bản", "Phòng Kinh tế", "Quý II/2026"),
            [Cell("2"), Cell("CẢI CÁCH THỦ TỤC HÀNH CHÍNH", cs=3)],
            _row("2.1", "Niêm yết thủ tục", "Trung tâm Phục vụ hành chính công", "Thường xuyên")]
    preview = _preview(tmp_path, rows, "xlsx")
    assert [(t.domain, t.code, t.parent_code) for t in preview.tasks] == [("II", "1.1", None), ("III", "2.1", None)]
    assert not any(f.field == "code" for t in preview.tasks for f in t.flags)
    assert "CẢI CÁCH" not in " ".join(preview.warnings)


def test_lettered_tasks_take_their_parent_number(tmp_path):
    rows = [_row("STT", "Nhiệm vụ", "Chủ trì", "Thời gian"),
            [Cell("III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH", cs=4)],
            _row("1", "Kiểm soát thủ tục hành chính", "Trung tâm Phục vụ hành chính công", "Thường xuyên"),
            _row("a)", "Rà soát thủ tục", "Trung tâm Phục vụ hành chính công", "Quý II/2026"),
            _row("b)", "Công khai thủ tục", "Trung tâm Phục vụ hành chính công", "Quý III/2026"),
            _row("2", "Số hóa hồ sơ", "Trung tâm Phục vụ hành chính công", "Hằng tháng"),
            _row("a)", "Số hóa kết quả", "Trung tâm Phục vụ hành chính công", "Hằng quý")]
    got = [(t.code, t.parent_code) for t in _preview(tmp_path, rows).tasks]
    assert got == [("1", None), ("1.a", "1"), ("1.b", "1"), ("2", None), ("2.a", "2")]


def test_papi_from_the_sheet_title_and_reworded_dimensions(tmp_path):
    import openpyxl
    workbook = openpyxl.Workbook()
    first = workbook.active
    first.title = "KH CCHC"
    first.append(["STT", "Nhiệm vụ", "Chủ trì", "Thời gian"])
    first.append(["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"])
    first.append(["1", "Ban hành kế hoạch CCHC", "Văn phòng HĐND và UBND", "Quý I/2026"])
    second = workbook.create_sheet("NHIỆM VỤ, GIẢI PHÁP NÂNG CAO CHỈ SỐ PAPI"[:31])
    second.append(["NHIỆM VỤ, GIẢI PHÁP NÂNG CAO CHỈ SỐ PAPI"])
    second.append(["STT", "Nhiệm vụ", "Chủ trì", "Thời gian"])
    second.append(["1", "Tham gia người dân ở cấp cơ sở"])
    second.append(["1.1", "Lấy ý kiến nhân dân về quy hoạch", "Phòng Kinh tế", "Quý II/2026"])
    second.append(["2", "Kiểm soát tham nhũng trong khu vực công"])
    second.append(["2.1", "Công khai kết luận thanh tra", "Văn phòng HĐND và UBND", "Quý III/2026"])
    path = tmp_path / "papi.xlsx"
    workbook.save(path)
    preview = analyze(read_document(path), builtin_matcher())
    assert [(t.framework, t.domain, t.code) for t in preview.tasks] == [
        ("PAR", "I", "1"), ("PAPI", "I", "1.1"), ("PAPI", "IV", "2.1")]


@pytest.mark.parametrize("name_header", ["Tên thủ tục hành chính", "Nội dung công việc", "Nhiệm vụ, giải pháp"])
def test_headers_with_chi_tieu_and_other_task_columns(tmp_path, name_header):
    rows = [_row("STT", "Chỉ số thành phần, chỉ tiêu", name_header, "Cơ quan chủ trì", "Thời gian hoàn thành"),
            _row("1", "Chỉ số 2.1", "Rà soát quy trình nội bộ", "Phòng Kinh tế", "Quý II/2026")]
    task, = _preview(tmp_path, rows).tasks
    assert (task.name, task.lead_text) == ("Rà soát quy trình nội bộ", "Phòng Kinh tế")


def test_unreadable_table_names_what_it_saw_and_can_be_mapped_by_hand(tmp_path):
    rows = [_row("Số", "Việc", "Ai làm", "Bao giờ"),
            _row("1", "Rà soát quy chế làm việc", "Phòng Kinh tế", "Quý II/2026"),
            _row("2", "Kiểm tra công tác CCHC", "Phòng Văn hóa - Xã hội", "Quý IV/2026")]
    path = write("docx", tmp_path / "ke-hoach", ["KẾ HOẠCH CCHC NĂM 2026"], rows)
    preview = analyze(read_document(path), builtin_matcher())
    assert preview.tasks == []
    mapping, = preview.tables
    assert "không thấy cột tên nhiệm vụ" in mapping.problem and "“Ai làm”" in mapping.problem
    assert any("Ai làm" in w for w in preview.warnings)
    roles = [CODE, NAME, LEAD, DEADLINE]
    fixed = analyze(read_document(path), builtin_matcher(), Overrides(roles={mapping.index: roles}))
    assert [(t.code, t.lead_text, t.deadline_text) for t in fixed.tasks] == [
        ("1", "Phòng Kinh tế", "Quý II/2026"), ("2", "Phòng Văn hóa - Xã hội", "Quý IV/2026")]


def test_decomposed_text_is_stored_composed(tmp_path):
    rows = [_row("STT", "Nhiệm vụ", "Chủ trì", "Thời gian"),
            [Cell("II. CẢI CÁCH THỂ CHẾ", cs=4)],
            _row("1", "Rà soát văn bản quy phạm", "Phòng Kinh tế", "Quý II/2026")]
    nfd = [[Cell(unicodedata.normalize("NFD", c.text), c.cs, c.rs) for c in row] for row in rows]
    composed = _preview(tmp_path, rows).tasks[0]
    decomposed = _preview(tmp_path, nfd).tasks[0]
    assert decomposed.to_json() == composed.to_json()
    assert unicodedata.is_normalized("NFC", decomposed.name) and decomposed.domain == "II"


def test_no_domain_rows_suggests_from_the_words_and_flags(tmp_path):
    rows = [_row("STT", "Nhiệm vụ", "Chủ trì", "Thời gian"),
            _row("1", "Rà soát, đơn giản hóa thủ tục hành chính", "Trung tâm Phục vụ hành chính công", "Quý II/2026"),
            _row("2", "Tổ chức hội nghị", "Văn phòng HĐND và UBND", "Quý III/2026")]
    first, second = _preview(tmp_path, rows, paragraphs=["DANH MỤC NHIỆM VỤ NĂM 2026"]).tasks
    assert (first.domain, second.domain) == ("III", "I")
    assert first.flagged("domain") and second.flagged("domain")


def test_a_row_with_its_own_lead_and_deadline_is_never_glued(tmp_path):
    rows = [_row("STT", "Nhiệm vụ", "Chủ trì", "Thời gian"),
            [Cell("V. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", cs=4)],
            _row("1", "Đánh giá, xếp loại công chức", "Phòng Văn hóa - Xã hội", "Tháng 12/2026"),
            _row("", "Tuyển dụng công chức theo kế hoạch", "Phòng Văn hóa - Xã hội", "Quý III/2026")]
    first, second = _preview(tmp_path, rows).tasks
    assert first.deadline_text == "Tháng 12/2026" and second.name.startswith("Tuyển dụng")
    assert second.flagged("code")


def test_prose_plan_reads_inline_fields_and_flags_every_task(tmp_path):
    from docx import Document
    document = Document()
    for text in ["KẾ HOẠCH", "Cải cách hành chính năm 2026", "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích",
                 "II. NHIỆM VỤ", "1. Cải cách thể chế",
                 "1.1. Rà soát văn bản quy phạm pháp luật; Chủ trì: Phòng Kinh tế; Thời gian: Quý II/2026.",
                 "2. Cải cách thủ tục hành chính", "2.1. Niêm yết công khai thủ tục hành chính.",
                 "- Đơn vị chủ trì: Trung tâm Phục vụ hành chính công; phối hợp: Công an xã.",
                 "- Thời gian thực hiện: Thường xuyên.", "III. TỔ CHỨC THỰC HIỆN",
                 "1. Văn phòng HĐND và UBND theo dõi, đôn đốc."]:
        document.add_paragraph(text)
    path = tmp_path / "van-xuoi.docx"
    document.save(path)
    preview = analyze(read_document(path), builtin_matcher())
    got = [(t.domain, t.code, t.name, t.lead_text, t.coord_text, t.deadline_text) for t in preview.tasks]
    assert got == [("II", "1.1", "Rà soát văn bản quy phạm pháp luật", "Phòng Kinh tế", "", "Quý II/2026"),
                   ("III", "2.1", "Niêm yết công khai thủ tục hành chính", "Trung tâm Phục vụ hành chính công",
                    "Công an xã", "Thường xuyên")]
    assert all(t.flagged("row") for t in preview.tasks)
    assert not any(f.field == "code" for t in preview.tasks for f in t.flags)


def test_flags_are_in_the_dry_run_json(tmp_path):
    rows = [_row("STT", "Nhiệm vụ", "Chủ trì", "Thời gian"),
            _row("1", "Rà soát quy chế", "Phòng Kinh tế", "Cuối đợt 3")]
    data = _preview(tmp_path, rows).to_json()
    flags = data["tasks"][0]["flags"]
    assert {"field": "domain"}.items() <= flags[0].items() or any(f["field"] == "domain" for f in flags)
    assert all(set(f) == {"field", "message"} and f["message"] for f in flags)


def test_cells_corrected_in_the_preview_win_and_lose_their_flag(tmp_path):
    rows = [_row("STT", "Nhiệm vụ", "Chủ trì", "Thời gian"),
            [Cell("III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH", cs=4)],
            _row("1", "Niêm yết thủ tục", "Trung tâm Phục vụ hành chính công", "Đợt cao điểm của xã"),
            _row("2", "Số hóa hồ sơ", "Trung tâm Phục vụ hành chính công", "Sau đợt kiểm tra")]
    path = write("docx", tmp_path / "ke-hoach", ["KẾ HOẠCH CCHC NĂM 2026"], rows)
    first, second = analyze(read_document(path), builtin_matcher()).tasks
    assert first.flagged("deadline") and second.flagged("deadline")
    edits = Overrides(fields={first.source: {"deadline": "Quý II/2026", "lead": "Phòng Kinh tế"}},
                      checked={second.source})
    fixed_first, fixed_second = analyze(read_document(path), builtin_matcher(), edits).tasks
    assert (fixed_first.deadline_text, fixed_first.deadline.understood) == ("Quý II/2026", True)
    assert [u.name for u in fixed_first.lead] == ["Phòng Kinh tế"] and fixed_first.flags == []
    assert fixed_second.deadline_text == "Sau đợt kiểm tra" and fixed_second.flags == []


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_start_dates_are_stored_and_survive_export_and_reimport(session, tmp_path, fmt):
    from cchc_desktop.exporters.plan_export import export_plan
    rows = [[Cell("STT", rs=2), Cell("Nhiệm vụ", rs=2), Cell("Chủ trì", rs=2), Cell("Thời gian", cs=2)],
            _row("Bắt đầu", "Hoàn thành"),
            [Cell("II. CẢI CÁCH THỂ CHẾ", cs=5)],
            _row("1", "Rà soát văn bản quy phạm pháp luật", "Phòng Kinh tế", "01/02/2026", "Quý III/2026")]
    path = write("docx", tmp_path / "ke-hoach", ["KẾ HOẠCH", "Cải cách hành chính năm 2026"], rows)
    result = session.plan_import.apply(session.plan_import.preview(path))
    task, = session.tasks.rows(result.plan_id)
    assert (task.start_text, task.deadline_text) == ("01/02/2026", "Quý III/2026")
    exported = export_plan(session, result.plan_id, tmp_path / f"xuat.{fmt}", fmt)
    again = session.plan_import.apply(session.plan_import.preview(exported))
    assert (again.plan_id, again.added, again.updated, again.unchanged) == (result.plan_id, 0, 0, 1)


@pytest.mark.parametrize("heading", [None, "Phụ lục II"])
def test_a_statistics_form_of_the_same_width_is_not_read_as_more_tasks(tmp_path, heading):
    from docx import Document
    document = Document()
    document.add_paragraph("Phụ lục I")
    tasks = document.add_table(rows=3, cols=4)
    for r, values in enumerate([["STT", "Nhiệm vụ", "Chủ trì", "Thời gian"], ["I", "CÔNG TÁC CHỈ ĐẠO", "", ""],
                                ["1", "Ban hành kế hoạch", "Văn phòng HĐND và UBND", "Quý I/2026"]]):
        for c, value in enumerate(values):
            tasks.cell(r, c).text = value
    if heading:
        document.add_paragraph(heading)
    form = document.add_table(rows=3, cols=4)
    for r, values in enumerate([["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"], ["1", "Số văn bản", "Văn bản", "3"],
                                ["2", "Số nhiệm vụ", "Nhiệm vụ", "42"]]):
        for c, value in enumerate(values):
            form.cell(r, c).text = value
    path = tmp_path / "bao-cao.docx"
    document.save(path)
    preview = analyze(read_document(path), builtin_matcher())
    assert [t.name for t in preview.tasks] == ["Ban hành kế hoạch"]


def test_our_own_report_pdf_gives_back_its_task_appendix(session, demo, tmp_path):
    data, _built = session.reports.render(demo, "periodic", session.periods.by_key("2026-Q1").id, "pdf")
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(data)
    preview = session.plan_import.preview(path)
    assert len(preview.tasks) == len(session.tasks.rows(demo))
    assert not any("trùng" in w for w in preview.warnings)


# ------------------------------------------------------------------ prose plans (generated)

FIELD_FORMS = ["lines", "inline", "sentence", "parentheses"]


@st.composite
def prose_plans(draw):
    """(paragraphs, expected tasks): domain headings, numbered or lettered tasks, fields in several forms."""
    paragraphs = ["KẾ HOẠCH", "Cải cách hành chính năm 2026", "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích",
                  "- Nâng cao chất lượng phục vụ người dân.", "II. NHIỆM VỤ TRỌNG TÂM"]
    expected = []
    domains = draw(st.lists(st.sampled_from(ROMAN), min_size=1, max_size=3, unique=True))
    counter = 0
    for number, domain in enumerate(domains, start=1):
        paragraphs.append(f"{number}. {draw(st.sampled_from(DOMAIN_TITLES[domain]))}")
        lettered = draw(st.booleans())
        for index in range(draw(st.integers(1, 3))):
            counter += 1
            code = "abcde"[index] + ")" if lettered else f"{number}.{index + 1}."
            name = f"{draw(st.sampled_from(VERBS))} {draw(st.sampled_from(OBJECTS))} đợt {counter}"
            lead, deadline = draw(st.sampled_from(UNITS)), draw(st.sampled_from(DEADLINES))
            form = draw(st.sampled_from(FIELD_FORMS))
            if form == "lines":
                paragraphs += [f"{code} {name}.", f"- Đơn vị chủ trì: {lead}.", f"- Thời gian thực hiện: {deadline}."]
            elif form == "inline":
                paragraphs.append(f"{code} {name}; Chủ trì: {lead}; Thời gian: {deadline}.")
            elif form == "sentence":
                paragraphs.append(f"{code} {name}. Giao {lead} chủ trì, phối hợp với các phòng chuyên môn thực "
                                  f"hiện; hoàn thành trong {deadline}.")
            else:
                paragraphs.append(f"{code} {name} ({lead} chủ trì; thời gian: {deadline}).")
            expected.append((domain, name, lead, deadline))
    paragraphs += ["III. TỔ CHỨC THỰC HIỆN", "1. Văn phòng HĐND và UBND theo dõi, đôn đốc."]
    return paragraphs, expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=prose_plans())
def test_generated_prose_plans_are_read_field_by_field(plan):
    from docx import Document
    paragraphs, expected = plan
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "van-xuoi.docx"
        document.save(path)
        preview = analyze(read_document(path), builtin_matcher())
    got = [(t.domain, t.name, t.lead_text, t.deadline_text) for t in preview.tasks]
    assert got == expected
    assert all(t.flagged("row") for t in preview.tasks)
