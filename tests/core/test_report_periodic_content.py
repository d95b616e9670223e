"""Issue 18.5: what the periodic report says, list by list. A small plan whose every task sits on one side of
a rule at the Q1 cut-off (BNV calendar: 15/12/2025 – 14/03/2026, the report printed in November): which task
goes under "đã hoàn thành trong kỳ", "đang triển khai" and "quá hạn" (an overdue task in progress only under
"quá hạn"), which statistics each domain quotes, the counts the prose states, Phụ lục I's states, and the
warnings the officer is shown ("chưa chốt", a wrong figure, a closed form the register has moved from)."""
from __future__ import annotations

from datetime import date

import pytest

from cchc_desktop.model import DONE, IN_PROGRESS, SUSPENDED, CommuneProfile, PlanInput, TaskInput
from cchc_desktop.reports import document as d
from cchc_desktop.workspace import Clock

NOVEMBER = date(2026, 11, 25)


def _on(session, day: date):
    session.clock = Clock(day)
    session.profile.invalidate()


def _add(session, plan, domain, name, deadline, lead=None, parent=None):
    leads = [session.units.matcher().match(lead).id] if lead else []
    return session.tasks.add(TaskInput(plan, "PAR", domain, name, parent, deadline_text=deadline, lead_ids=leads))


@pytest.fixture
def q1_plan(session):
    """Domain III holds one task on each side of each rule; domain VII only overdue ones; domain I a done task
    and a parent with two sub-tasks. Returns (plan, Q1, {name: id})."""
    _on(session, date(2025, 12, 1))
    session.profile.save(CommuneProfile(commune="Hòa Bình", province="Thanh Hóa", place="Hòa Bình",
                                        officer="Nguyễn Văn An", signer_name="Lê Văn Bình"))
    plan = session.plans.create(PlanInput("Kế hoạch CCHC năm 2026", 2026, "CCHC", "235/KH-UBND", date(2025, 12, 1)))
    ids = {}
    for domain, name, deadline, lead in (
            ("I", "Ban hành kế hoạch CCHC", "Tháng 01/2026", "VHXH"),
            ("I", "Kiểm tra CCHC", "Quý II/2026", None),
            ("III", "Niêm yết công khai TTHC", "Quý I/2026", "TTPVHCC"),
            ("III", "Rà soát TTHC năm trước", "Quý I/2026", None),
            ("III", "Rà soát quy trình nội bộ", "Quý II/2026", None),
            ("III", "Số hóa hồ sơ TTHC", "Tháng 02/2026", "TTPVHCC"),
            ("III", "Cập nhật TTHC lên Cổng dịch vụ công", "Tháng 01/2026", None),
            ("III", "Đánh giá mức độ hài lòng", "Quý IV/2026", None),
            ("III", "Tập huấn nghiệp vụ một cửa", "Quý II/2026", None),
            ("III", "Sáp nhập bộ phận một cửa", "Quý I/2026", None),
            ("III", "Công khai kết quả giải quyết hồ sơ", "Ngày 14/03/2026", None),
            ("VII", "Triển khai chữ ký số", "Tháng 02/2026", "VHXH"),
    ):
        ids[name] = _add(session, plan, domain, name, deadline, lead)
    parent = ids["Kiểm tra CCHC"]
    ids["Kiểm tra tại bộ phận một cửa"] = _add(session, plan, "I", "Kiểm tra tại bộ phận một cửa", "Tháng 02/2026",
                                               parent=parent)
    ids["Kiểm tra công vụ"] = _add(session, plan, "I", "Kiểm tra công vụ", "Quý II/2026", parent=parent)
    session.periods.apply_preset(2026, "bnv")
    _on(session, date(2025, 12, 10))      # before the period starts (15/12/2025): done, but not "in the period"
    session.tasks.update_progress(ids["Rà soát TTHC năm trước"], status=DONE, progress=100,
                                  result="Đã rà soát 40 TTHC", completed_on=date(2025, 12, 10))
    _on(session, date(2026, 3, 1))
    for name, result in (("Ban hành kế hoạch CCHC", "Kế hoạch số 235/KH-UBND."),
                         ("Niêm yết công khai TTHC", "Đã niêm yết 45 TTHC;")):
        session.tasks.update_progress(ids[name], status=DONE, progress=100, result=result,
                                      completed_on=date(2026, 2, 10))
    session.tasks.update_progress(ids["Rà soát quy trình nội bộ"], status=IN_PROGRESS, progress=40)
    session.tasks.update_progress(ids["Số hóa hồ sơ TTHC"], status=IN_PROGRESS, progress=50)
    session.tasks.update_progress(ids["Tập huấn nghiệp vụ một cửa"], status=IN_PROGRESS, progress=30)
    session.tasks.update_progress(ids["Công khai kết quả giải quyết hồ sơ"], status=IN_PROGRESS, progress=90)
    session.tasks.update_progress(ids["Sáp nhập bộ phận một cửa"], status=SUSPENDED, progress=0,
                                  reason="Chờ hướng dẫn của tỉnh")
    session.tasks.update_progress(ids["Kiểm tra tại bộ phận một cửa"], status=IN_PROGRESS, progress=20)
    _on(session, date(2026, 3, 20))       # after the cut-off: at the cut-off it was still in progress
    session.tasks.update_progress(ids["Tập huấn nghiệp vụ một cửa"], status=DONE, progress=100,
                                  result="Đã tập huấn", completed_on=date(2026, 3, 20))
    _on(session, NOVEMBER)
    return plan, session.periods.by_key("2026-Q1"), ids


def _lists(document: d.Document, heading: str) -> dict[str, list[str]]:
    """The lettered lists under a section's heading: {"Nhiệm vụ đang triển khai": ["- … .", …], …}, in the
    order printed, with their letters ("a) …")."""
    blocks = document.body.blocks
    start = next(i for i, b in enumerate(blocks) if isinstance(b, d.Paragraph) and b.text == heading)
    found: dict[str, list[str]] = {}
    current = None
    for block in blocks[start + 1:]:
        if block.style in (d.HEADING1, d.HEADING2):
            break
        if block.style == d.HEADING3:
            current = found.setdefault(block.text, [])
        elif block.style == d.BULLET and current is not None:
            current.append(block.text)
    return found


def _prose(document: d.Document, heading: str) -> list[str]:
    """The body paragraphs right under a heading, before its lists."""
    blocks = document.body.blocks
    start = next(i for i, b in enumerate(blocks) if isinstance(b, d.Paragraph) and b.text == heading)
    out = []
    for block in blocks[start + 1:]:
        if block.style in (d.HEADING1, d.HEADING2, d.HEADING3):
            break
        out.append(block.text)
    return out


def _build(session, plan, period):
    return session.reports.build(plan, "periodic", period.id)


# ---------------------------------------------------------------------------- which task lands in which list

def test_each_task_lands_in_the_one_list_its_state_at_the_cut_off_puts_it(session, q1_plan):
    plan, q1, _ids = q1_plan
    lists = _lists(_build(session, plan, q1).document, "2. Cải cách thủ tục hành chính")
    tt = session.units.matcher().match("TTPVHCC").name
    assert lists == {
        "a) Nhiệm vụ đã hoàn thành trong kỳ:": ["- Niêm yết công khai TTHC: Đã niêm yết 45 TTHC."],
        "b) Nhiệm vụ đang triển khai:": ["- Rà soát quy trình nội bộ (đạt 40 %; hạn 30/06/2026).",
                                         "- Tập huấn nghiệp vụ một cửa (đạt 30 %; hạn 30/06/2026).",
                                         "- Công khai kết quả giải quyết hồ sơ (đạt 90 %; hạn 14/03/2026)."],
        "c) Nhiệm vụ quá hạn, chưa hoàn thành:": [f"- Số hóa hồ sơ TTHC (hạn 28/02/2026; chủ trì: {tt}).",
                                                  "- Cập nhật TTHC lên Cổng dịch vụ công (hạn 31/01/2026; chủ trì: "
                                                  "chưa phân công)."],
    }


def test_an_overdue_task_in_progress_is_listed_only_under_qua_han(session, q1_plan):
    plan, q1, _ids = q1_plan
    text = "\n".join(t for items in _lists(_build(session, plan, q1).document,
                                           "2. Cải cách thủ tục hành chính").values() for t in items)
    assert text.count("Số hóa hồ sơ TTHC") == 1
    going = _lists(_build(session, plan, q1).document, "2. Cải cách thủ tục hành chính")[
        "b) Nhiệm vụ đang triển khai:"]
    assert not any("Số hóa hồ sơ TTHC" in line for line in going)


def test_done_before_the_period_suspended_and_not_started_tasks_are_in_no_list(session, q1_plan):
    plan, q1, _ids = q1_plan
    text = "\n".join(t for items in _lists(_build(session, plan, q1).document,
                                           "2. Cải cách thủ tục hành chính").values() for t in items)
    for name in ("Rà soát TTHC năm trước", "Sáp nhập bộ phận một cửa", "Đánh giá mức độ hài lòng"):
        assert name not in text, name


def test_a_task_finished_after_the_cut_off_is_in_progress_in_that_periods_report_and_done_in_the_next(
        session, q1_plan):
    plan, q1, _ids = q1_plan
    result = "Đã tập huấn"
    q1_text = _build(session, plan, q1).document.plain_text()
    assert result not in q1_text
    h1 = session.periods.by_key("2026-H1")
    h1_lists = _lists(_build(session, plan, h1).document, "2. Cải cách thủ tục hành chính")
    assert "- Tập huấn nghiệp vụ một cửa: Đã tập huấn." in h1_lists["a) Nhiệm vụ đã hoàn thành trong kỳ:"]
    # H1 runs from 15/12/2025 as well: the task done on 10/02 is done in it too; the one of 10/12/2025 is not
    assert h1_lists["a) Nhiệm vụ đã hoàn thành trong kỳ:"] == [
        "- Niêm yết công khai TTHC: Đã niêm yết 45 TTHC.", "- Tập huấn nghiệp vụ một cửa: Đã tập huấn."]


def test_letters_follow_the_lists_that_have_tasks(session, q1_plan):
    """Domain VII has only an overdue task: its list is "a)", never a "c)" after two missing ones."""
    plan, q1, _ids = q1_plan
    vhxh = session.units.matcher().match("VHXH").name
    lists = _lists(_build(session, plan, q1).document, "6. Xây dựng và phát triển chính quyền điện tử, chính quyền số")
    assert lists == {"a) Nhiệm vụ quá hạn, chưa hoàn thành:": [
        f"- Triển khai chữ ký số (hạn 28/02/2026; chủ trì: {vhxh})."]}


def test_a_domain_without_tasks_says_so_and_lists_nothing(session, q1_plan):
    plan, q1, _ids = q1_plan
    document = _build(session, plan, q1).document
    assert _prose(document, "1. Cải cách thể chế") == ["Kế hoạch không đề ra nhiệm vụ riêng thuộc lĩnh vực này."]
    assert _lists(document, "1. Cải cách thể chế") == {}


def test_sub_tasks_are_listed_and_counted_never_their_parent(session, q1_plan):
    plan, q1, _ids = q1_plan
    document = _build(session, plan, q1).document
    lists = _lists(document, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH")
    assert lists == {
        "a) Nhiệm vụ đã hoàn thành trong kỳ:": ["- Ban hành kế hoạch CCHC: Kế hoạch số 235/KH-UBND."],
        "b) Nhiệm vụ quá hạn, chưa hoàn thành:": ["- Kiểm tra tại bộ phận một cửa (hạn 28/02/2026; chủ trì: "
                                                  "chưa phân công)."],
    }
    assert _prose(document, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH") == [
        "Ủy ban nhân dân xã tiếp tục quán triệt, triển khai Kế hoạch cải cách hành chính năm 2026, phân công cụ thể "
        "cho từng cơ quan, đơn vị. Lĩnh vực chỉ đạo, điều hành có 3 nhiệm vụ: đã hoàn thành 1, đang thực hiện 1, "
        "chưa triển khai 1."]


def test_the_listed_tasks_are_dropped_when_the_officer_unticks_them(session, q1_plan):
    plan, q1, _ids = q1_plan
    session.reports.save_section(plan, "periodic", q1.id, "II.III", "Lĩnh vực có {số nhiệm vụ} nhiệm vụ.",
                                 with_lists=False)
    document = _build(session, plan, q1).document
    assert _lists(document, "2. Cải cách thủ tục hành chính") == {}
    assert _prose(document, "2. Cải cách thủ tục hành chính") == ["Lĩnh vực có 9 nhiệm vụ."]


# ---------------------------------------------------------------------------- the counts the prose states

def test_the_prose_states_the_counts_at_the_cut_off(session, q1_plan):
    """13 leaves at 14/03: done 3 (one of them on 10/12/2025, before the period), in progress 5 (the one
    finished on 20/03 among them), not started 4, suspended 1; overdue 4 (due 31/01 and 28/02 three times);
    the task due on the cut-off day itself is not overdue yet."""
    plan, q1, _ids = q1_plan
    document = _build(session, plan, q1).document
    assert _prose(document, "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH") == [
        "Tổng số nhiệm vụ theo Kế hoạch là 13. Đến ngày 14/03/2026, đã hoàn thành 3 nhiệm vụ (đạt 23,1 %), đang "
        "thực hiện 5, chưa triển khai 4, quá hạn 4 nhiệm vụ (chi tiết tại Phụ lục I). Kết quả cụ thể theo từng "
        "lĩnh vực như sau:"]
    assert _prose(document, "2. Cải cách thủ tục hành chính") == [
        "Lĩnh vực có 9 nhiệm vụ: đã hoàn thành 2, đang thực hiện 4, chưa triển khai 2."]
    assert _prose(document, "6. Xây dựng và phát triển chính quyền điện tử, chính quyền số") == [
        "Lĩnh vực có 1 nhiệm vụ: đã hoàn thành 0, đang thực hiện 0, chưa triển khai 1."]
    assert "Số liệu tính đến ngày 14/03/2026 (ngày chốt số liệu), theo Kế hoạch số 235/KH-UBND ngày 01/12/2025, " \
           "gồm 13 nhiệm vụ." in document.plain_text().splitlines()


def test_the_assessment_names_what_the_data_shows(session, q1_plan):
    """Two tasks done in the period, one of them late: no "đều bảo đảm thời hạn", no completion rate (23 %
    is no strength), and the overdue tasks are the first weakness and the next period's focus."""
    plan, q1, _ids = q1_plan
    document = _build(session, plan, q1).document
    assert _prose(document, "1. Ưu điểm") == [
        "Công tác cải cách hành chính được Ủy ban nhân dân xã quan tâm chỉ đạo, phân công cụ thể cho từng cơ quan, "
        "đơn vị. Trong kỳ đã hoàn thành 2 nhiệm vụ."]
    assert _prose(document, "2. Tồn tại, hạn chế và nguyên nhân") == [
        "- Còn 4 nhiệm vụ quá hạn chưa hoàn thành (chi tiết tại Phụ lục I).", "- Nguyên nhân: …"]
    assert _prose(document, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI") == [
        "Tiếp tục triển khai các nhiệm vụ còn lại của Kế hoạch cải cách hành chính năm 2026; tập trung hoàn thành "
        "các nhiệm vụ quá hạn và các nhiệm vụ đến hạn trong kỳ tới.",
        # the open tasks next due within 92 days of the cut-off (to 14/06), not overdue: only the one due on
        # 14/03 itself; the Quý II windows end on 30/06, beyond
        "- Công khai kết quả giải quyết hồ sơ (hạn 14/03/2026)."]


def test_phu_luc_i_states_every_task_as_it_stood_at_the_cut_off(session, q1_plan):
    plan, q1, _ids = q1_plan
    table = next(b for b in _build(session, plan, q1).document.appendices[0].blocks if isinstance(b, d.Table))
    states = {row.cells[1]: (row.cells[4], row.cells[5]) for row in table.rows if not row.group}
    assert states == {
        "Ban hành kế hoạch CCHC": ("Hoàn thành ngày 10/02/2026 (muộn 10 ngày)", "Kế hoạch số 235/KH-UBND."),
        "Kiểm tra CCHC": ("Gồm 2 nhiệm vụ con: hoàn thành 0; đang thực hiện 1; chưa triển khai 1; quá hạn 1", ""),
        "Kiểm tra tại bộ phận một cửa": ("Đang thực hiện (20 %); quá hạn 14 ngày", ""),
        "Kiểm tra công vụ": ("Chưa triển khai", ""),
        "Niêm yết công khai TTHC": ("Hoàn thành ngày 10/02/2026", "Đã niêm yết 45 TTHC;"),
        "Rà soát TTHC năm trước": ("Hoàn thành ngày 10/12/2025", "Đã rà soát 40 TTHC"),
        "Rà soát quy trình nội bộ": ("Đang thực hiện (40 %)", ""),
        "Số hóa hồ sơ TTHC": ("Đang thực hiện (50 %); quá hạn 14 ngày", ""),
        "Cập nhật TTHC lên Cổng dịch vụ công": ("Chưa triển khai; quá hạn 42 ngày", ""),
        "Đánh giá mức độ hài lòng": ("Chưa triển khai", ""),
        "Tập huấn nghiệp vụ một cửa": ("Đang thực hiện (30 %)", ""),          # its result came after
        "Sáp nhập bộ phận một cửa": ("Tạm dừng/Không thực hiện: Chờ hướng dẫn của tỉnh", ""),
        "Công khai kết quả giải quyết hồ sơ": ("Đang thực hiện (90 %)", ""),  # due on the cut-off: not late
        "Triển khai chữ ký số": ("Chưa triển khai; quá hạn 14 ngày", ""),
    }


def test_the_counts_of_late_and_on_time_work_fill_the_officers_fields(session, q1_plan):
    """Of the 3 tasks done by 14/03, "Ban hành kế hoạch CCHC" (due 31/01, done 10/02) was late."""
    plan, q1, _ids = q1_plan
    session.reports.save_section(plan, "periodic", q1.id, "II",
                                 "Hoàn thành {hoàn thành} ({hoàn thành đúng hạn} đúng hạn, {hoàn thành muộn} muộn; "
                                 "{hoàn thành trong kỳ} trong kỳ), tạm dừng {tạm dừng}, quá hạn {quá hạn}.")
    assert _prose(_build(session, plan, q1).document, "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH") == [
        "Hoàn thành 3 (2 đúng hạn, 1 muộn; 2 trong kỳ), tạm dừng 1, quá hạn 4."]


def test_an_overdue_task_is_not_listed_again_among_the_next_periods_work(session, q1_plan):
    """Overdue at the cut-off, with a quarterly report still to come (next due 31/03): it is named once, under
    "quá hạn", never again under "kỳ tới"."""
    plan, q1, _ids = q1_plan
    _add(session, plan, "V", "Đánh giá công chức", "- Đánh giá: Tháng 02/2026. - Báo cáo: Hằng quý")
    document = _build(session, plan, q1).document
    assert _lists(document, "4. Cải cách chế độ công vụ") == {
        "a) Nhiệm vụ quá hạn, chưa hoàn thành:": ["- Đánh giá công chức (hạn 28/02/2026; chủ trì: chưa phân công)."]}
    assert "Đánh giá công chức" not in "\n".join(_prose(document, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI"))


# ---------------------------------------------------------------------------- the statistics each domain quotes

@pytest.fixture
def q1_figures(session, q1_plan):
    plan, q1, ids = q1_plan
    session.statistics.set_many(q1, {"I.1": "3", "I.4": "Có", "III.1": "45", "III.2": "40", "III.4.1": "120",
                                     "III.4.2": "100", "III.4.3": "98", "III.5.1": "10", "III.5.2": "9"})
    return plan, q1, ids


def test_each_domain_quotes_its_own_figures_ratios_without_their_parts(session, q1_figures):
    plan, q1, _ids = q1_figures
    document = _build(session, plan, q1).document
    assert _lists(document, "2. Cải cách thủ tục hành chính")["d) Một số chỉ tiêu chủ yếu:"] == [
        "- Tổng số TTHC đang áp dụng: 45 thủ tục.",
        "- Số TTHC đã được phê duyệt quy trình nội bộ: 40 thủ tục.",
        "- Kết quả giải quyết TTHC — số hồ sơ đã tiếp nhận: 120 hồ sơ.",
        "- Kết quả giải quyết TTHC — số hồ sơ đã được giải quyết xong: 100 hồ sơ.",
        "- Kết quả giải quyết TTHC — số hồ sơ đã giải quyết đúng hạn: 98 hồ sơ.",
        "- Kết quả giải quyết TTHC — tỷ lệ hồ sơ đã tiếp nhận được giải quyết đúng hạn: 98 %.",
        "- Tỷ lệ giải quyết phản ánh, kiến nghị (PAKN) về TTHC: 90 %.",     # not "Số PAKN …" 10 and 9
    ]


def test_the_task_counts_of_the_form_are_never_quoted_beside_one_domain(session, q1_figures):
    """I.2.1 and I.2.2 count the whole plan (13 and 3): the domain of I quotes its typed figures only."""
    plan, q1, _ids = q1_figures
    lists = _lists(_build(session, plan, q1).document, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH")
    assert lists["c) Một số chỉ tiêu chủ yếu:"] == [
        "- Số văn bản chỉ đạo CCHC đã ban hành: 3 văn bản.",
        "- Tổ chức đối thoại của lãnh đạo với người dân, cộng đồng doanh nghiệp trên địa bàn: Có."]


def test_a_domain_with_no_figure_typed_quotes_none(session, q1_figures):
    plan, q1, _ids = q1_figures
    lists = _lists(_build(session, plan, q1).document, "6. Xây dựng và phát triển chính quyền điện tử, chính quyền số")
    assert list(lists) == ["a) Nhiệm vụ quá hạn, chưa hoàn thành:"]


def test_figures_in_the_officers_text_are_the_forms(session, q1_figures):
    plan, q1, _ids = q1_figures
    session.reports.save_section(plan, "periodic", q1.id, "II.III",
                                 "Tiếp nhận {III.4.1} hồ sơ, đúng hạn {III.4.4}; kế hoạch {I.2.1} nhiệm vụ, xong "
                                 "{I.2.2}; đối thoại: {I.4}.", with_lists=False)
    document = _build(session, plan, q1).document
    assert _prose(document, "2. Cải cách thủ tục hành chính") == [
        "Tiếp nhận 120 hồ sơ, đúng hạn 98 %; kế hoạch 13 nhiệm vụ, xong 3; đối thoại: Có."]


# ---------------------------------------------------------------------------- the warnings

def _form_problems(built) -> list[tuple[str, bool]]:
    return [(p.message, p.blocking) for p in built.problems if p.section == "Phụ lục II"]


def test_an_open_period_warns_that_its_figures_are_not_closed(session, q1_figures):
    plan, q1, _ids = q1_figures
    assert _form_problems(_build(session, plan, q1)) == [("Số liệu thống kê quý I năm 2026 chưa chốt.", False)]


def test_a_wrong_figure_is_counted_in_the_warnings(session, q1_figures):
    plan, q1, _ids = q1_figures
    session.statistics.set_value(q1, "III.4.2", "130")         # more solved than received (120)
    assert _form_problems(_build(session, plan, q1)) == [
        ("Biểu thống kê còn 1 số liệu sai (xem mục Thống kê).", False),
        ("Số liệu thống kê quý I năm 2026 chưa chốt.", False)]


def test_a_closed_period_has_no_warning_until_the_register_moves(session, q1_figures):
    plan, q1, ids = q1_figures
    session.statistics.close(q1)
    q1 = session.periods.by_key("2026-Q1")
    assert _form_problems(_build(session, plan, q1)) == []
    # recorded in November, done on 01/03: the register at the cut-off now says 4, the closed form 3
    session.tasks.update_progress(ids["Rà soát quy trình nội bộ"], status=DONE, progress=100,
                                  completed_on=date(2026, 3, 1))
    built = _build(session, plan, q1)
    assert _form_problems(built) == [(
        "Kỳ đã chốt số liệu nhưng danh sách nhiệm vụ nay đã khác (I.2.2: đã chốt 3, nay 4), nên thân báo cáo và "
        "Phụ lục II không khớp nhau. Hãy mở lại kỳ ở mục Thống kê (ghi lý do) để tính lại, rồi chốt lại.", True)]
    assert "đã hoàn thành 4 nhiệm vụ" in _prose(built.document,
                                                "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH")[0]


def test_phu_luc_ii_holds_the_forms_figures_as_the_body_quotes_them(session, q1_figures):
    plan, q1, _ids = q1_figures
    appendices = _build(session, plan, q1).document.appendices
    assert [a.label for a in appendices] == ["Phụ lục I", "Phụ lục II"]
    table = next(b for b in appendices[1].blocks if isinstance(b, d.Table))
    values = {(row.cells[0], row.cells[1]): row.cells[3] for row in table.rows}
    assert values[("2.1", "Số nhiệm vụ đề ra trong kế hoạch")] == "13"
    assert values[("2.2", "Số nhiệm vụ đã hoàn thành")] == "3"
    assert values[("4.4", "Tỷ lệ hồ sơ đã tiếp nhận được giải quyết đúng hạn")] == "98"
    assert values[("5", "Tỷ lệ giải quyết phản ánh, kiến nghị (PAKN) về TTHC")] == "90"
