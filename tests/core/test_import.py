"""Importing plans: every seed, in every format, lands with the right tasks per domain."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cchc_desktop.errors import ValidationError
from cchc_desktop.importers import read_document, read_pasted
from cchc_desktop.importers.analysis import Overrides, analyze, clean_text
from cchc_desktop.importers.columns import DEADLINE, IGNORE, PRODUCT
from cchc_desktop.model import DONE, IN_PROGRESS, SUSPENDED
from cchc_desktop.services.units import builtin_matcher
from tests.support.seed_documents import seed_file

# Counted by hand from the seed appendices.
EXPECTED = {
    "000": {"I": 8, "II": 4, "III": 4, "IV": 3, "V": 7, "VI": 3, "VII": 4, "VIII": 3},
    "001": {"I": 10, "II": 7, "III": 7, "IV": 5, "V": 7, "VI": 8, "VII": 5},
    "003": {"I": 6, "II": 4, "III": 10, "IV": 7, "V": 5, "VI": 8, "VII": 14},
    "004": {"I": 6, "II": 6, "III": 11, "IV": 4, "V": 6, "VI": 4, "VII": 5},
}
META = {
    "000": ("235/KH-UBND", date(2026, 7, 6), 2026, "PAR_INDEX", "Đình Lập"),
    "001": (None, None, 2026, "CCHC", "Sơn Vĩ"),
    "003": ("/KH-UBND", None, 2026, "CCHC", "Hoàng Sơn"),
    "004": ("/KH-UBND", date(2026, 1, 8), 2026, "CCHC", "Vĩnh Lộc"),
}
FORMATS = ("txt", "docx", "xlsx", "html")


def preview_of(path: Path):
    return analyze(read_document(path), builtin_matcher())


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seeds")
    return {(seed, fmt): seed_file(seed, fmt, folder) for seed in EXPECTED for fmt in FORMATS}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_every_seed_in_every_format(files, seed, fmt):
    preview = preview_of(files[(seed, fmt)])
    counts = {domain: n for (framework, domain), n in preview.counts().items() if framework == "PAR"}
    assert counts == EXPECTED[seed]
    assert all(t.framework == "PAR" and t.parent_code is None for t in preview.tasks)
    number, issued, year, kind, commune = META[seed]
    assert (preview.plan.number, preview.plan.issued_on, preview.plan.year, preview.plan.kind,
            preview.plan.commune) == (number, issued, year, kind, commune)
    assert preview.plan.title.startswith("Kế hoạch")
    for task in preview.tasks:
        assert task.name and "<" not in task.name and "<" not in task.product
        assert task.lead, f"{task.code} has no lead unit"


def _task(preview, domain, code):
    return next(t for t in preview.tasks if (t.domain, t.code) == (domain, code))


@pytest.mark.parametrize("fmt", FORMATS)
def test_page_break_continuations_are_joined(files, fmt):
    cut = _task(preview_of(files[("000", fmt)]), "I", "8")
    assert cut.name == "Thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao trong năm 2026 đúng hạn."
    assert cut.deadline_text == "Trong năm 2026" and cut.deadline.due == date(2026, 12, 31)
    assert [u.name for u in cut.lead] == ["Văn phòng HĐND và UBND"]
    assert [u.name for u in cut.coordinators] == ["Các cơ quan, đơn vị liên quan"]
    vinh_loc = _task(preview_of(files[("004", fmt)]), "IV", "27")
    assert vinh_loc.name.endswith("số lượng người làm việc trong đơn vị sự nghiệp công lập")


def test_units_are_normalised_and_bullets_kept(files):
    preview = preview_of(files[("003", "txt")])
    task = _task(preview, "II", "4")
    assert [u.name for u in task.lead] == ["Văn phòng HĐND và UBND"]
    assert [u.name for u in task.coordinators] == ["Các phòng, ban chuyên môn", "Trung tâm Phục vụ hành chính công"]
    three = _task(preview, "I", "3")
    assert three.deadline_text.split("\n")[1].startswith("- Báo cáo tổng hợp")
    assert not three.deadline.understood  # "Trước ngày 31/11/2026" is not on the calendar
    assert any("31/11/2026" in w for w in preview.warnings)


def test_domains_by_name_not_position(files):
    """Seed 003 puts each domain in its own appendix, in another order (Phụ lục 07 is domain I)."""
    preview = preview_of(files[("003", "docx")])
    firsts = {}
    for task in preview.tasks:
        firsts.setdefault(task.domain, task.name)
    assert firsts["I"].startswith("UBND xã xây dựng Kế hoạch cải cách hành chính")
    assert firsts["II"].startswith("Ban hành và tổ chức thực hiện việc kiểm tra")


def test_pdf_extract_columns_are_recovered(files):
    preview = preview_of(files[("001", "txt")])
    assert any("trích từ PDF" in w for w in preview.warnings)
    first = _task(preview, "I", "1")
    assert (first.name, first.product, first.deadline_text) == (
        "Xây dựng Kế hoạch CCHC năm 2026", "Quyết định ban hành Kế hoạch", "Trước 14/12/2025")
    assert [u.name for u in first.lead] == ["Phòng Văn hóa - Xã hội"]
    eight = _task(preview, "I", "8")
    assert [u.name for u in eight.coordinators] == ["Ủy ban nhân dân xã", "Các phòng, ban chuyên môn"]
    seventeen = _task(preview, "II", "17")
    assert (seventeen.product, seventeen.deadline_text) == ("Báo cáo", "6 tháng, 1 năm")
    assert all(t.deadline.understood for t in preview.tasks)


def test_statistics_form_is_not_a_task_table(files):
    preview = preview_of(files[("004", "docx")])
    assert len(preview.tasks) == 42
    assert not any("Chỉ tiêu" in t.name or t.name.startswith("Số văn bản") for t in preview.tasks)


PAPI_HTML = """<html><body>
<p>Phụ lục I</p><p>NHIỆM VỤ NÂNG CAO CHỈ SỐ PAR INDEX XÃ AN BÌNH NĂM 2026</p>
<table><tr><th>STT</th><th>Nhiệm vụ</th><th>Cơ quan chủ trì</th><th>Cơ quan phối hợp</th><th>Thời gian</th></tr>
<tr><td>III</td><td colspan="4">CẢI CÁCH THỦ TỤC HÀNH CHÍNH</td></tr>
<tr><td>3</td><td>Rà soát TTHC</td><td>TTPVHCC</td><td>Các phòng chuyên môn</td><td>Quý I/2026</td></tr>
<tr><td>3.1</td><td>Rà soát TTHC lĩnh vực hộ tịch</td><td>TTPVHCC</td><td></td><td>Tháng 02/2026</td></tr>
<tr><td></td><td>3.2. Rà soát TTHC lĩnh vực đất đai</td><td>Phòng Kinh tế</td><td></td><td>Tháng 03/2026</td></tr>
</table>
<p>Phụ lục II</p><p>NHIỆM VỤ NÂNG CAO CHỈ SỐ PAPI NĂM 2026</p>
<table><tr><th>TT</th><th>Nội dung nhiệm vụ</th><th>Chủ trì</th><th>Phối hợp</th><th>Thời gian hoàn thành</th></tr>
<tr><td>I</td><td>Tham gia của người dân ở cấp cơ sở</td><td></td><td></td><td></td></tr>
<tr><td>1</td><td>Tổ chức hội nghị lấy ý kiến nhân dân</td><td>UBND xã</td><td>MTTQ</td><td>Quý II/2026</td></tr>
<tr><td>II</td><td>Công khai, minh bạch</td><td></td><td></td><td></td></tr>
<tr><td>1</td><td>Công khai thu, chi ngân sách</td><td>Phòng Kinh tế</td><td></td><td>Hằng quý, năm</td></tr>
<tr><td>V</td><td>Thủ tục hành chính công</td><td></td><td></td><td></td></tr>
<tr><td>1</td><td>Niêm yết TTHC</td><td>TTPVHCC</td><td></td><td>Thường xuyên</td></tr>
</table></body></html>"""


def test_papi_appendix_and_subtasks(tmp_path):
    path = tmp_path / "an-binh.html"
    path.write_text(PAPI_HTML, encoding="utf-8")
    preview = preview_of(path)
    got = [(t.framework, t.domain, t.code, t.parent_code) for t in preview.tasks]
    assert got == [("PAR", "III", "3", None), ("PAR", "III", "3.1", "3"), ("PAR", "III", "3.2", "3"),
                   ("PAPI", "I", "1", None), ("PAPI", "II", "1", None), ("PAPI", "V", "1", None)]
    assert preview.tasks[2].name == "Rà soát TTHC lĩnh vực đất đai"  # the number was inside the text
    assert [u.name for u in preview.tasks[3].coordinators] == ["Ủy ban Mặt trận Tổ quốc Việt Nam xã"]


def test_pasted_tab_separated_text_from_excel():
    text = ("STT\tNhiệm vụ\tChủ trì\tPhối hợp\tThời gian\tSản phẩm\n"
            "I\tCông tác chỉ đạo, điều hành\t\t\t\t\n"
            '1\t"Ban hành Kế hoạch CCHC\n- Kế hoạch tuyên truyền"\tPhòng VH-XH\tCác phòng chuyên môn\t'
            "Trước ngày 10/01/2026\tKế hoạch\n")
    preview = analyze(read_pasted(None, text), builtin_matcher())
    assert len(preview.tasks) == 1
    task = preview.tasks[0]
    assert task.name == "Ban hành Kế hoạch CCHC\n- Kế hoạch tuyên truyền"
    assert task.deadline.due == date(2026, 1, 9)
    assert task.lead[0].name == "Phòng Văn hóa - Xã hội"


def test_pasted_html_from_word_clipboard():
    fragment = ('<html><body><!--StartFragment--><table><tr><td><p>STT</p></td><td><p>Tên nhiệm vụ</p></td>'
                '<td><p>Cơ quan chủ trì</p></td><td><p>Thời gian</p></td><td><p>Sản phẩm</p></td></tr>'
                '<tr><td>VII</td><td colspan="4">Chuyển đổi số</td></tr>'
                '<tr><td>1</td><td><p>Tập huấn chuyển đổi số</p></td><td>VHXH</td><td>Tháng 7-10/2026</td>'
                '<td>Kế hoạch</td></tr></table><!--EndFragment--></body></html>')
    preview = analyze(read_pasted(fragment, "ignored"), builtin_matcher())
    assert [(t.domain, t.code, t.deadline.due) for t in preview.tasks] == [("VII", "1", date(2026, 10, 31))]


def test_column_mapping_can_be_corrected(files):
    preview = preview_of(files[("004", "txt")])
    roles = list(preview.tables[0].roles)
    swapped = [PRODUCT if r == DEADLINE else DEADLINE if r == PRODUCT else r for r in roles]
    corrected = analyze(read_document(files[("004", "txt")]), builtin_matcher(),
                        Overrides(roles={preview.tables[0].index: swapped}))
    first = corrected.tasks[0]
    assert first.deadline_text.startswith("Quyết định ban hành") and first.product == "Trước ngày 10/01/2026"
    ignored = [IGNORE if r == PRODUCT else r for r in roles]
    assert analyze(read_document(files[("004", "txt")]), builtin_matcher(),
                   Overrides(roles={0: ignored})).tasks[0].product == ""


def test_domain_can_be_corrected(files):
    preview = preview_of(files[("004", "txt")])
    target = preview.tasks[0]
    corrected = analyze(read_document(files[("004", "txt")]), builtin_matcher(),
                        Overrides(domains={target.source: ("PAR", "VII")}))
    assert (corrected.tasks[0].domain, corrected.tasks[0].code) == ("VII", "1")


def test_clean_text():
    assert clean_text('<ul style="list-style-type: none"> - Báo cáo A - Kế hoạch B</ul>') == \
        "- Báo cáo A\n- Kế hoạch B"
    assert clean_text("- Phòng Văn hóa - Xã hội chủ trì - Báo cáo") == "- Phòng Văn hóa - Xã hội chủ trì\n- Báo cáo"
    assert clean_text("<i>Số ĐVSN tự bảo đảm</i>") == "Số ĐVSN tự bảo đảm"
    assert clean_text(clean_text("- A. - B")) == clean_text("- A. - B")


# ---------------------------------------------------------------------------- into the database

def test_import_creates_then_updates_never_duplicates(session, files):
    first = session.plan_import.apply(session.plan_import.preview(files[("004", "docx")]))
    assert first.plan_created and first.added == 42
    plan = session.plans.get(first.plan_id)
    assert (plan.title, plan.number, plan.issued_on, plan.year) == (
        "Kế hoạch cải cách hành chính trên địa bàn xã Vĩnh Lộc năm 2026", "/KH-UBND", date(2026, 1, 8), 2026)
    task = session.tasks.find(first.plan_id, "13", "PAR", "III")[0]
    session.tasks.update_progress(task.id, status=IN_PROGRESS, progress=40, result="Đang làm")
    again = session.plan_import.apply(session.plan_import.preview(files[("004", "xlsx")]))
    assert (again.plan_id, again.plan_created, again.added, again.unchanged) == (first.plan_id, False, 0, 42)
    assert len(session.plans.list()) == 1 and len(session.tasks.rows(first.plan_id)) == 42
    kept = session.tasks.row(task.id)
    assert (kept.status, kept.progress, kept.result) == (IN_PROGRESS, 40, "Đang làm")  # work survives re-import


def test_reimport_of_a_shorter_plan(session, tmp_path):
    header = "STT\tNhiệm vụ\tChủ trì\tPhối hợp\tThời gian\n"
    body = "".join(f"{i}\tNhiệm vụ {i}\tVHXH\tTTPVHCC\tQuý I/2026\n" for i in range(1, 5))
    path = tmp_path / "ke-hoach.txt"
    path.write_text("KẾ HOẠCH\nCải cách hành chính xã Thử năm 2026\n" + header + "II\tCải cách thể chế\t\t\t\n" + body,
                    encoding="utf-8")
    first = session.plan_import.apply(session.plan_import.preview(path))
    worked = session.tasks.find(first.plan_id, "4")[0]
    session.tasks.update_progress(worked.id, status=DONE, progress=100, completed_on=date(2026, 3, 1))
    path.write_text("KẾ HOẠCH\nCải cách hành chính xã Thử năm 2026\n" + header + "II\tCải cách thể chế\t\t\t\n"
                    + body.split("\n")[0] + "\n", encoding="utf-8")
    result = session.plan_import.apply(session.plan_import.preview(path))
    assert result.plan_id == first.plan_id
    assert sorted(result.binned) == ["2", "3"] and result.kept == ["4"]
    assert {r.code for r in session.tasks.rows(first.plan_id)} == {"1", "4"}
    assert {r.code for r in session.tasks.rows(first.plan_id, deleted=True)} == {"2", "3"}


def test_failed_import_writes_nothing(session, files, monkeypatch):
    preview = session.plan_import.preview(files[("003", "txt")])
    preview.tasks[30].name = "x" * 30000  # too long: the whole import is refused
    with pytest.raises(ValidationError, match=r"^Bảng 5, dòng 6 \(nhiệm vụ 5\): Mục “Nội dung nhiệm vụ” quá dài "
                                              r"\(tối đa 20000 ký tự\)"):
        session.plan_import.apply(preview)
    assert session.one("SELECT count(*) FROM plans")[0] == 0
    assert session.one("SELECT count(*) FROM tasks")[0] == 0
    assert session.one("SELECT count(*) FROM units")[0] == 20  # no new unit either


def test_status_columns_come_back_from_the_units(session, demo, tmp_path):
    from cchc_desktop.exporters.plan_export import export_plan
    out = export_plan(session, demo, tmp_path / "gui-don-vi.xlsx", "xlsx", with_status=True)
    import openpyxl
    book = openpyxl.load_workbook(out)
    sheet = book.active
    header = [c.value for c in sheet[5]]
    status_col, result_col = header.index("Trạng thái") + 1, header.index("Kết quả thực hiện") + 1
    for row in sheet.iter_rows(min_row=6):
        if row[0].value == "2":
            row[status_col - 1].value = "Tạm dừng/Không thực hiện: chờ hướng dẫn của tỉnh"
        if row[0].value == "5":
            row[status_col - 1].value = "Hoàn thành"
            row[result_col - 1].value = "Đã kiểm tra 4/4 phòng."
    book.save(out)
    result = session.plan_import.apply(session.plan_import.preview(out))
    assert result.plan_id == demo and result.updated == 2
    two = session.tasks.find(demo, "2", "PAR", "I")[0]
    five = session.tasks.find(demo, "5", "PAR", "I")[0]
    assert (two.status, two.status_reason) == (SUSPENDED, "chờ hướng dẫn của tỉnh")
    assert (five.status, five.result, five.progress) == (DONE, "Đã kiểm tra 4/4 phòng.", 100)


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_export_import_round_trip_is_exact(session, workspace, demo, tmp_path, fmt):
    from cchc_desktop.exporters.plan_export import export_plan
    from cchc_desktop.workspace import Clock, Workspace
    from tests.conftest import TODAY
    parent = session.tasks.find(demo, "13", "PAR", "III")[0]
    from cchc_desktop.model import TaskInput
    session.tasks.add(TaskInput(demo, "PAR", "III", "Rà soát TTHC lĩnh vực hộ tịch\n- Báo cáo kết quả",
                                parent.id, deadline_text="Tháng 02/2026", product="Báo cáo"))
    out = export_plan(session, demo, tmp_path / f"ke-hoach.{fmt}", fmt, with_status=True)
    other = Workspace(tmp_path / "máy khác")
    other.prepare()
    with other.session(Clock(TODAY)) as second:
        result = second.plan_import.apply(second.plan_import.preview(out))

        def shape(s, plan_id):
            plan = s.plans.get(plan_id)
            rows = s.tasks.rows(plan_id)
            codes = {r.id: r.code for r in rows}
            return ((plan.title, plan.number, plan.issued_on, plan.year, plan.kind),
                    [(r.framework, r.domain_code, r.code, codes.get(r.parent_id), r.name, r.product,
                      r.deadline_text, r.lead_names, r.coordinator_names, r.status, r.progress, r.result,
                      r.completed_on, r.status_reason) for r in rows])
        assert shape(second, result.plan_id) == shape(session, demo)
