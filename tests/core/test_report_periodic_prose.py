"""The periodic report's own words: the opening sentence, the outline (section keys, headings, their levels and
numbering, the PAPI part), the assessment drafted from the data (each strength and when it is claimed, the
weaknesses and the next period's focus with and without overdue tasks), the closing sentence, how each listed task
is written, which figures a domain quotes, the appendices, the document's frame and metadata, and the warning of a
closed form the register has moved from. Exact Vietnamese where the words are what the commune sends out."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from cchc_desktop.model import DONE, IN_PROGRESS, NOT_STARTED, CommuneProfile, PlanInput, TaskInput
from cchc_desktop.reports import document as d
from cchc_desktop.reports.context import BLANK
from cchc_desktop.reports.periodic import _open_tail
from tests.core import test_report_periodic_content as content
from tests.core.test_report_periodic_content import NOVEMBER, _add, _build, _lists, _on, _prose

q1_plan, q1_figures = content.q1_plan, content.q1_figures     # the shared fixtures (a Q1 plan; its figures typed)

INTRO_TAIL = "Ủy ban nhân dân xã báo cáo kết quả thực hiện công tác cải cách hành chính quý I năm 2026 như sau:"
BASE_STRENGTH = ("Công tác cải cách hành chính được Ủy ban nhân dân xã quan tâm chỉ đạo, phân công cụ thể cho từng "
                 "cơ quan, đơn vị.")
CLOSING = "Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính quý I năm 2026 của Ủy ban nhân dân xã "
III_1, III_2 = "1. Ưu điểm", "2. Tồn tại, hạn chế và nguyên nhân"
IV, V = "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", "V. KIẾN NGHỊ, ĐỀ XUẤT"
TTHC, CONG_VU, SO = ("2. Cải cách thủ tục hành chính", "4. Cải cách chế độ công vụ",
                     "6. Xây dựng và phát triển chính quyền điện tử, chính quyền số")
PAPI = "8. Nâng cao Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI)"


def _new_plan(session, title="Kế hoạch CCHC năm 2026", number="235/KH-UBND", issued=date(2025, 12, 1),
              issuer="") -> int:
    _on(session, date(2025, 12, 1))
    session.profile.save(CommuneProfile(commune="Hòa Bình", province="Thanh Hóa", place="Hòa Bình",
                                        officer="Nguyễn Văn An", issuer=issuer))
    plan = session.plans.create(PlanInput(title, 2026, "CCHC", number, issued))
    session.periods.apply_preset(2026, "bnv")
    return plan


def _done(session, task, on: date, result=""):
    _on(session, on)
    session.tasks.update_progress(task, status=DONE, progress=100, result=result, completed_on=on)


def _going(session, task, progress: int):
    _on(session, date(2026, 3, 1))
    session.tasks.update_progress(task, status=IN_PROGRESS, progress=progress)


def _q1(session):
    _on(session, NOVEMBER)
    return session.periods.by_key("2026-Q1")


def _q1_built(session, plan):
    return _build(session, plan, _q1(session))


def _headings(document: d.Document) -> list[tuple[str, str]]:
    return [(b.text, b.style) for b in document.body.blocks
            if isinstance(b, d.Paragraph) and b.style in (d.HEADING1, d.HEADING2)]


@pytest.fixture
def tidy(session):
    """Nothing overdue at the Q1 cut-off: two tasks done on time in the period, in two domains each finished
    (III and V); four in domain VII still in progress — 2 of 6 done, a third of the plan."""
    plan = _new_plan(session)
    ids = {name: _add(session, plan, domain, name, deadline) for domain, name, deadline in (
        ("III", "Niêm yết TTHC.", "Tháng 01/2026"),
        ("V", "Tổ chức Hội thi cải cách hành chính lần thứ IX", "Tháng 02/2026"),
        ("VII", "Số hóa hồ sơ;", "Quý II/2026"),
        ("VII", "Rà soát văn bản định kỳ", "Thường xuyên."),
        ("VII", "Tổng kết Nghị quyết", "Trước Đại hội Đảng bộ tỉnh lần thứ XX"),
        ("VII", "Cập nhật trang thông tin điện tử", ""),
    )}
    _done(session, ids["Niêm yết TTHC."], date(2026, 1, 20))
    _done(session, ids["Tổ chức Hội thi cải cách hành chính lần thứ IX"], date(2026, 2, 20),
          result="Đạt giải nhì Hội thi lần thứ IX")
    _going(session, ids["Số hóa hồ sơ;"], 0)
    _going(session, ids["Rà soát văn bản định kỳ"], 40)
    _going(session, ids["Tổng kết Nghị quyết"], 10)
    _going(session, ids["Cập nhật trang thông tin điện tử"], 0)
    return plan, ids


# ---------------------------------------------------------------------------- the opening

def test_the_report_opens_with_the_intro_then_the_as_of_note_then_part_i(session, q1_plan):
    plan, q1, _ids = q1_plan
    blocks = _build(session, plan, q1).document.body.blocks[:4]
    assert [(b.text, b.style) for b in blocks] == [
        ("Thực hiện Kế hoạch số 235/KH-UBND ngày 01/12/2025 của Ủy ban nhân dân xã Hòa Bình về cải cách hành chính "
         f"năm 2026, {INTRO_TAIL}", d.BODY),
        ("Số liệu tính đến ngày 14/03/2026 (ngày chốt số liệu), theo Kế hoạch số 235/KH-UBND ngày 01/12/2025, gồm "
         "13 nhiệm vụ.", d.NOTE),
        ("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", d.HEADING1),
        ("Ủy ban nhân dân xã tiếp tục quán triệt, triển khai Kế hoạch cải cách hành chính năm 2026, phân công cụ thể "
         "cho từng cơ quan, đơn vị. Lĩnh vực chỉ đạo, điều hành có 3 nhiệm vụ: đã hoàn thành 1, đang thực hiện 1, "
         "chưa triển khai 1.", d.BODY)]


def test_the_intro_names_the_issuer_set_for_the_commune(session, q1_plan):
    plan, q1, _ids = q1_plan
    session.profile.save(replace(session.profile.get(), issuer="UBND xã Hòa Bình"))
    intro = _build(session, plan, q1).document.body.blocks[0].text
    assert intro == ("Thực hiện Kế hoạch số 235/KH-UBND ngày 01/12/2025 của UBND xã Hòa Bình về cải cách hành chính "
                     f"năm 2026, {INTRO_TAIL}")


def test_the_intro_names_the_communes_peoples_committee_when_no_issuer_was_ever_set(session):
    """A profile never saved has no issuer (and no commune: the officer is told so, and the blank shows)."""
    plan = session.plans.create(PlanInput("Kế hoạch CCHC năm 2026", 2026, "CCHC", "235/KH-UBND", date(2026, 1, 8)))
    session.periods.apply_preset(2026, "bnv")
    built = _build(session, plan, session.periods.by_key("2026-Q1"))
    assert built.document.body.blocks[0].text == (
        "Thực hiện Kế hoạch số 235/KH-UBND ngày 08/01/2026 của Ủy ban nhân dân xã  về cải cách hành chính năm 2026, "
        f"{INTRO_TAIL}")
    # the missing commune is the officer's to fix; the drafted intro itself leaves no unknown "{field}", and the
    # committee is named in words in the editor's draft (its only field is the period's)
    assert [(p.section, p.blocking) for p in built.problems] == [
        ("Thông tin văn bản", True), (III_2, True), ("Phụ lục II", False)]
    intro = session.reports.sections(plan, "periodic", built.context.period.id)[0]
    assert (intro.key, intro.default) == (
        "intro", "Thực hiện Kế hoạch số 235/KH-UBND ngày 08/01/2026 của Ủy ban nhân dân xã  về cải cách hành chính "
                 "năm 2026, Ủy ban nhân dân xã báo cáo kết quả thực hiện công tác cải cách hành chính {kỳ} như sau:")


def test_the_intro_says_about_reform_only_when_the_plans_name_does_not(session):
    plan = _new_plan(session, title="Kế hoạch cải cách hành chính năm 2026", number="", issued=date(2026, 1, 8))
    intro = _q1_built(session, plan).document.body.blocks[0].text
    assert intro == ("Thực hiện Kế hoạch cải cách hành chính năm 2026 (ban hành ngày 08/01/2026) của Ủy ban nhân dân "
                     f"xã Hòa Bình, {INTRO_TAIL}")


# ---------------------------------------------------------------------------- the outline

def test_the_editor_lists_every_section_in_print_order_with_its_key_level_and_lists(session, q1_plan):
    plan, q1, _ids = q1_plan
    outline = [(s.key, s.title, s.level, s.group, s.has_lists)
               for s in session.reports.sections(plan, "periodic", q1.id)]
    assert outline == [
        ("intro", "Mở đầu", 0, "", False),
        ("I", "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", 0, "", True),
        ("II", "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH", 0, "", False),
        ("II.II", "1. Cải cách thể chế", 1, "", True),
        ("II.III", "2. Cải cách thủ tục hành chính", 1, "", True),
        ("II.IV", "3. Cải cách tổ chức bộ máy hành chính nhà nước", 1, "", True),
        ("II.V", "4. Cải cách chế độ công vụ", 1, "", True),
        ("II.VI", "5. Cải cách tài chính công", 1, "", True),
        ("II.VII", "6. Xây dựng và phát triển chính quyền điện tử, chính quyền số", 1, "", True),
        ("II.VIII", "7. Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội", 1,
         "", True),
        ("III.1", "1. Ưu điểm", 1, "III. ĐÁNH GIÁ CHUNG", False),
        ("III.2", "2. Tồn tại, hạn chế và nguyên nhân", 1, "", False),
        ("IV", "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", 0, "", True),
        ("V", "V. KIẾN NGHỊ, ĐỀ XUẤT", 0, "", False),
        ("end", "Kết thúc", 0, "", False),
    ]


def test_the_printed_headings_number_the_domains_under_ii_and_the_assessment_under_iii(session, q1_plan):
    """No PAPI part in a plan without PAPI tasks."""
    plan, q1, _ids = q1_plan
    h1, h2 = d.HEADING1, d.HEADING2
    assert _headings(_build(session, plan, q1).document) == [
        ("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", h1),
        ("II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH", h1),
        ("1. Cải cách thể chế", h2), (TTHC, h2), ("3. Cải cách tổ chức bộ máy hành chính nhà nước", h2),
        (CONG_VU, h2), ("5. Cải cách tài chính công", h2), (SO, h2),
        ("7. Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội", h2),
        ("III. ĐÁNH GIÁ CHUNG", h1), (III_1, h2), (III_2, h2),
        (IV, h1), (V, h1)]


def test_text_saved_under_a_sections_key_is_printed_in_that_section(session, q1_plan):
    plan, q1, _ids = q1_plan
    for key, text in (("intro", "Mở đầu của cán bộ."), ("I", "Chỉ đạo của cán bộ."), ("III.1", "Ưu điểm của cán bộ."),
                      ("III.2", "Hạn chế của cán bộ."), ("IV", "Phương hướng của cán bộ."),
                      ("V", "Kiến nghị của cán bộ."), ("end", "Kết thúc của cán bộ.")):
        session.reports.save_section(plan, "periodic", q1.id, key, text, with_lists=False)
    document = _build(session, plan, q1).document
    assert document.body.blocks[0].text == "Mở đầu của cán bộ."
    assert _prose(document, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH") == ["Chỉ đạo của cán bộ."]
    assert _prose(document, III_1) == ["Ưu điểm của cán bộ."]
    assert _prose(document, III_2) == ["Hạn chế của cán bộ."]
    assert _prose(document, IV) == ["Phương hướng của cán bộ."]
    assert _prose(document, V) == ["Kiến nghị của cán bộ.", "Kết thúc của cán bộ./."]


@pytest.fixture
def with_papi(session, q1_plan):
    plan, q1, ids = q1_plan
    _on(session, date(2025, 12, 1))
    for name, deadline in (("Khảo sát mức độ hài lòng (PAPI)", "Tháng 01/2026"),
                           ("Công khai kết quả PAPI", "Quý II/2026")):
        ids[name] = session.tasks.add(TaskInput(plan, "PAPI", "I", name, deadline_text=deadline))
    _on(session, NOVEMBER)
    return plan, q1, ids


def test_papi_tasks_get_their_own_part_numbered_after_the_par_domains(session, with_papi):
    plan, q1, _ids = with_papi
    document = _build(session, plan, q1).document
    headings = _headings(document)
    at = headings.index((PAPI, d.HEADING2))
    assert headings[at - 1:at + 2] == [
        ("7. Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội", d.HEADING2),
        (PAPI, d.HEADING2), ("III. ĐÁNH GIÁ CHUNG", d.HEADING1)]
    # its counts and lists are the PAPI tasks' alone
    assert _prose(document, PAPI) == ["Lĩnh vực có 2 nhiệm vụ: đã hoàn thành 0, đang thực hiện 0, chưa triển khai 2."]
    assert _lists(document, PAPI) == {"a) Nhiệm vụ quá hạn, chưa hoàn thành:": [
        "- Khảo sát mức độ hài lòng (PAPI) (hạn 31/01/2026; chủ trì: chưa phân công)."]}
    states = {s.key: s for s in session.reports.sections(plan, "periodic", q1.id)}
    papi = states["II.PAPI"]
    assert (papi.title, papi.level, papi.has_lists) == (PAPI, 1, True)


def test_the_officers_text_for_the_papi_part_is_kept_under_its_key(session, with_papi):
    plan, q1, _ids = with_papi
    session.reports.save_section(plan, "periodic", q1.id, "II.PAPI", "PAPI có {số nhiệm vụ} nhiệm vụ.",
                                 with_lists=False)
    document = _build(session, plan, q1).document
    assert _prose(document, PAPI) == ["PAPI có 2 nhiệm vụ."]


# ---------------------------------------------------------------------------- the assessment

def test_the_strengths_name_each_good_sign_the_data_shows_but_not_a_rate_under_half(session, tidy):
    """Done in the period and all on time; every task due done; III and V finished (VII not, and domains with no
    task are never "finished"); nothing overdue. 2 of 6 done (33,3 %) is not called a strength."""
    plan, _ids = tidy
    assert _prose(_q1_built(session, plan).document, III_1) == [
        f"{BASE_STRENGTH} Trong kỳ đã hoàn thành 2 nhiệm vụ, đều bảo đảm thời hạn; các nhiệm vụ đến hạn đều được "
        "hoàn thành; hoàn thành toàn bộ nhiệm vụ thuộc lĩnh vực cải cách thủ tục hành chính, cải cách chế độ công vụ; "
        "không có nhiệm vụ quá hạn."]


def test_half_the_plan_done_is_a_strength_stated_with_its_rate(session):
    plan = _new_plan(session)
    ids = [_add(session, plan, domain, name, deadline) for domain, name, deadline in (
        ("III", "Niêm yết TTHC", "Tháng 01/2026"), ("III", "Rà soát TTHC", "Tháng 02/2026"),
        ("VII", "Số hóa hồ sơ", "Quý II/2026"), ("VII", "Triển khai chữ ký số", "Quý II/2026"))]
    _done(session, ids[0], date(2026, 1, 20))
    _done(session, ids[1], date(2026, 2, 20))
    assert _prose(_q1_built(session, plan).document, III_1) == [
        f"{BASE_STRENGTH} Trong kỳ đã hoàn thành 2 nhiệm vụ, đều bảo đảm thời hạn; các nhiệm vụ đến hạn đều được "
        "hoàn thành; hoàn thành toàn bộ nhiệm vụ thuộc lĩnh vực cải cách thủ tục hành chính; đã hoàn thành 2/4 nhiệm "
        "vụ của Kế hoạch (đạt 50 %); không có nhiệm vụ quá hạn."]


def test_the_drafts_in_the_editor_keep_their_fields_so_they_are_refilled_every_time(session):
    """What the officer edits: the drafted wording with "{fields}" (lower case, as the field list names them)
    where the numbers go."""
    plan = _new_plan(session)
    ids = [_add(session, plan, "III", "Niêm yết TTHC", "Tháng 01/2026"), _add(session, plan, "VII", "Số hóa", "")]
    _done(session, ids[0], date(2026, 1, 20))
    q1 = _q1(session)
    drafts = {s.key: s.default for s in session.reports.sections(plan, "periodic", q1.id)}
    assert drafts["intro"] == ("Thực hiện Kế hoạch số 235/KH-UBND ngày 01/12/2025 của Ủy ban nhân dân xã Hòa Bình về "
                               "cải cách hành chính năm 2026, Ủy ban nhân dân xã báo cáo kết quả thực hiện công tác cải "
                               "cách hành chính {kỳ} như sau:")
    assert drafts["III.1"] == (
        f"{BASE_STRENGTH} Trong kỳ đã hoàn thành {{hoàn thành trong kỳ}} nhiệm vụ, đều bảo đảm thời hạn; các nhiệm vụ "
        "đến hạn đều được hoàn thành; hoàn thành toàn bộ nhiệm vụ thuộc lĩnh vực cải cách thủ tục hành chính; đã hoàn "
        "thành {hoàn thành}/{tổng số nhiệm vụ} nhiệm vụ của Kế hoạch (đạt {tỷ lệ hoàn thành}); không có nhiệm vụ "
        "quá hạn.")
    assert drafts["end"] == ("Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính {kỳ} của Ủy ban nhân "
                             "dân xã {xã}.")


def test_a_plan_done_in_every_domain_it_has_singles_out_no_domain(session):
    plan = _new_plan(session)
    ids = [_add(session, plan, "III", "Niêm yết TTHC", "Tháng 01/2026"),
           _add(session, plan, "VII", "Số hóa hồ sơ", "Tháng 02/2026")]
    _done(session, ids[0], date(2026, 1, 20))
    _done(session, ids[1], date(2026, 2, 20))
    assert _prose(_q1_built(session, plan).document, III_1) == [
        f"{BASE_STRENGTH} Trong kỳ đã hoàn thành 2 nhiệm vụ, đều bảo đảm thời hạn; các nhiệm vụ đến hạn đều được "
        "hoàn thành; đã hoàn thành 2/2 nhiệm vụ của Kế hoạch (đạt 100 %); không có nhiệm vụ quá hạn."]


def test_a_plan_without_tasks_claims_no_strength(session):
    plan = _new_plan(session)
    assert _prose(_q1_built(session, plan).document, III_1) == [BASE_STRENGTH]


def test_without_overdue_tasks_the_weakness_and_its_cause_are_left_for_the_officer(session, tidy):
    plan, _ids = tidy
    built = _q1_built(session, plan)
    assert _prose(built.document, III_2) == ["- Tồn tại, hạn chế: …", "- Nguyên nhân: …"]
    assert [(p.message, p.blocking) for p in built.problems if p.section == III_2] == [
        ("Còn chỗ “…” chưa viết.", True)]


def test_without_overdue_tasks_the_next_period_focuses_on_what_falls_due(session, tidy):
    plan, _ids = tidy
    assert _prose(_q1_built(session, plan).document, IV)[0] == (
        "Tiếp tục triển khai các nhiệm vụ còn lại của Kế hoạch cải cách hành chính năm 2026; tập trung hoàn thành "
        "các nhiệm vụ đến hạn trong kỳ tới.")


def test_the_report_proposes_nothing_until_told_and_closes_with_the_communes_name(session, q1_plan):
    """V has no list of tasks after it, and the closing sentence is the last line, with "./."."""
    plan, q1, _ids = q1_plan
    document = _build(session, plan, q1).document
    assert _prose(document, V) == ["Không có kiến nghị, đề xuất.", f"{CLOSING}Hòa Bình./."]
    last = document.body.blocks[-1]
    assert (last.text, last.style) == (f"{CLOSING}Hòa Bình./.", d.BODY)


# ---------------------------------------------------------------------------- how a listed task is written

def test_a_done_task_is_listed_with_its_result_else_by_name_alone(session, tidy):
    """The name's and the result's own final stop or semicolon gives way to the list's; other endings (a Roman
    "IX") stay."""
    plan, _ids = tidy
    document = _q1_built(session, plan).document
    assert _lists(document, TTHC) == {"a) Nhiệm vụ đã hoàn thành trong kỳ:": ["- Niêm yết TTHC."]}
    assert _lists(document, CONG_VU) == {"a) Nhiệm vụ đã hoàn thành trong kỳ:": [
        "- Tổ chức Hội thi cải cách hành chính lần thứ IX: Đạt giải nhì Hội thi lần thứ IX."]}


def test_a_task_in_progress_is_listed_with_its_progress_and_deadline_when_it_has_them(session, tidy):
    """Progress only when above 0 %; the due date, else the plan's own words for the deadline (without their final
    stop); nothing in brackets when there is neither."""
    plan, _ids = tidy
    assert _lists(_q1_built(session, plan).document, SO) == {"a) Nhiệm vụ đang triển khai:": [
        "- Số hóa hồ sơ (hạn 30/06/2026).",
        "- Rà soát văn bản định kỳ (đạt 40 %; Thường xuyên).",
        "- Tổng kết Nghị quyết (đạt 10 %; Trước Đại hội Đảng bộ tỉnh lần thứ XX).",
        "- Cập nhật trang thông tin điện tử."]}


def test_the_tail_of_a_task_not_started_says_so(session, q1_plan):
    """The report lists no task not started among those "đang triển khai"; the tail itself still says it."""
    plan, _q1, ids = q1_plan
    row = next(r for r in session.tasks.rows(plan) if r.id == ids["Đánh giá mức độ hài lòng"])
    assert row.status == NOT_STARTED
    assert _open_tail(row) == " (chưa triển khai; hạn 31/12/2026)"
    unscheduled = replace(row, due_on=None, deadline_text="Khi có yêu cầu.")
    assert _open_tail(unscheduled) == " (chưa triển khai; Khi có yêu cầu)"
    assert _open_tail(replace(row, status=IN_PROGRESS, progress=0, due_on=None, deadline_text="")) == ""


# ---------------------------------------------------------------------------- the figures a domain quotes

def test_figures_after_a_ratios_parts_are_still_quoted_and_a_sub_heading_names_its_group(session, q1_figures):
    plan, q1, _ids = q1_figures
    session.statistics.set_many(q1, {"VII.1": "80", "VII.2.1": "200", "VII.2.2": "150", "VII.3.1.1": "40",
                                     "VII.3.1.2": "10"})
    assert _lists(_build(session, plan, q1).document, SO)["b) Một số chỉ tiêu chủ yếu:"] == [
        "- Tỷ lệ báo cáo định kỳ được gửi, nhận qua Hệ thống thông tin báo cáo cấp tỉnh: 80 %.",
        "- Tỷ lệ sử dụng văn bản điện tử của đơn vị: 75 %.",
        "- Dịch vụ công trực tuyến — tỷ lệ hồ sơ trực tuyến toàn trình: 25 %."]


def test_a_figure_under_a_summed_row_is_quoted_by_its_own_name(session, q1_figures):
    """VI.4.1 sits under VI.4, a sum and not a heading row: no "— …" before its name."""
    plan, q1, _ids = q1_figures
    session.statistics.set_many(q1, {"VI.3": "1", "VI.4.1": "2"})
    assert _lists(_build(session, plan, q1).document, "5. Cải cách tài chính công") == {
        "a) Một số chỉ tiêu chủ yếu:": ["- Số ĐVSN tự bảo đảm chi thường xuyên: 1 đơn vị.",
                                        "- Số ĐVSN tự bảo đảm từ 70% - dưới 100% chi thường xuyên: 2 đơn vị."]}


# ---------------------------------------------------------------------------- the appendices

def _part(part: d.Part) -> tuple:
    note = part.blocks[0]
    return part.label, part.title, part.caption, part.landscape, (note.text, note.style)


def test_phu_luc_i_and_ii_are_titled_for_the_period_and_captioned_for_the_report(session, q1_plan):
    plan, q1, _ids = q1_plan
    blank_caption = (f"(Kèm theo Báo cáo số {BLANK}/BC-UBND ngày {BLANK}/{BLANK}/2026 của Ủy ban nhân dân xã "
                     "Hòa Bình)")
    note = ("(Số liệu tính đến ngày 14/03/2026, theo Kế hoạch số 235/KH-UBND ngày 01/12/2025)", d.CENTER)
    appendices = _build(session, plan, q1).document.appendices
    assert [_part(p) for p in appendices] == [
        ("Phụ lục I", "KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2026", blank_caption, True, note),
        ("Phụ lục II", "SỐ LIỆU THỐNG KÊ CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2026", blank_caption, True, note)]
    assert isinstance(appendices[0].blocks[1], d.Table) and isinstance(appendices[1].blocks[1], d.Table)
    draft = session.reports.draft(plan, "periodic", q1.id)
    session.reports.save_draft(replace(draft, number="5", issued_on=date(2026, 3, 20)))
    captions = [p.caption for p in _build(session, plan, q1).document.appendices]
    assert captions == ["(Kèm theo Báo cáo số 05/BC-UBND ngày 20/03/2026 của Ủy ban nhân dân xã Hòa Bình)"] * 2


def test_phu_luc_ii_appears_only_once_the_form_has_a_figure(session):
    """A plan without tasks gives the form no count from the register: until a figure is typed, Phụ lục I alone."""
    plan = _new_plan(session)
    q1 = _q1(session)
    assert [p.label for p in _build(session, plan, q1).document.appendices] == ["Phụ lục I"]
    session.statistics.set_value(q1, "III.1", "45")
    assert [(p.label, p.title) for p in _build(session, plan, q1).document.appendices] == [
        ("Phụ lục I", "KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2026"),
        ("Phụ lục II", "SỐ LIỆU THỐNG KÊ CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2026")]


def test_the_chart_appendix_takes_the_next_number(session):
    plan = _new_plan(session)
    q1 = _q1(session)
    session.reports.save_with_charts(plan, "periodic", q1.id, True)
    charts_title = "BIỂU ĐỒ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2026"
    assert [(p.label, p.title) for p in _build(session, plan, q1).document.appendices][1:] == [
        ("Phụ lục II", charts_title)]
    session.statistics.set_value(q1, "III.1", "45")
    assert [(p.label, p.title) for p in _build(session, plan, q1).document.appendices][1:] == [
        ("Phụ lục II", "SỐ LIỆU THỐNG KÊ CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2026"), ("Phụ lục III", charts_title)]


# ---------------------------------------------------------------------------- the document's frame

def test_the_document_is_a_numbered_bao_cao_on_the_periods_results(session, q1_plan):
    plan, q1, _ids = q1_plan
    document = _build(session, plan, q1).document
    assert document.title == "BÁO CÁO"
    assert document.subject == ["Kết quả thực hiện công tác cải cách hành chính quý I năm 2026"]
    assert document.letterhead.number_line == f"Số: {BLANK}/BC-UBND"
    assert document.letterhead.place_date == f"Hòa Bình, ngày {BLANK} tháng {BLANK} năm 2026"
    assert document.addressees == []
    assert document.meta == d.Meta(
        title="Báo cáo Kết quả thực hiện công tác cải cách hành chính quý I năm 2026",
        author="Ủy ban nhân dân xã Hòa Bình",
        subject="Kết quả thực hiện công tác cải cách hành chính quý I năm 2026",
        keywords=f"cchc-desktop=1;kind=periodic;period=2026-Q1;plan={plan}")


def test_the_addressees_and_the_issuer_the_officer_set_are_the_documents(session, q1_plan):
    plan, q1, _ids = q1_plan
    session.profile.save(replace(session.profile.get(), issuer="UBND xã Hòa Bình"))
    draft = session.reports.draft(plan, "periodic", q1.id)
    session.reports.save_draft(replace(draft, addressees="Ủy ban nhân dân tỉnh Thanh Hóa\nSở Nội vụ"))
    document = _build(session, plan, q1).document
    assert document.addressees == ["Ủy ban nhân dân tỉnh Thanh Hóa", "Sở Nội vụ"]
    assert document.meta.author == "UBND xã Hòa Bình"


# ---------------------------------------------------------------------------- the warning of a moved register

def test_a_closed_periods_warning_names_at_most_three_changed_figures(session, q1_figures):
    """Four register rows now disagree with the closed form (the catalog counts the plan twice): the first three
    are named, joined by "; "."""
    plan, q1, ids = q1_figures
    for code, source, name in (("I.2.3", "register_planned", "Số nhiệm vụ đề ra (cả nhiệm vụ con)"),
                               ("I.2.4", "register_done", "Số nhiệm vụ đã hoàn thành (cả nhiệm vụ con)")):
        session.statistics.save_indicator(2026, None, {"code": code, "domain": "I", "stt": code[2:], "parent": "I.2",
                                                       "name": name, "unit": "nhiệm vụ", "kind": "count",
                                                       "source": source})
    session.statistics.close(q1)
    q1 = session.periods.by_key("2026-Q1")
    session.tasks.update_progress(ids["Rà soát quy trình nội bộ"], status=DONE, progress=100,
                                  completed_on=date(2026, 3, 1))
    session.tasks.delete(ids["Đánh giá mức độ hài lòng"])
    problems = [(p.message, p.blocking) for p in _build(session, plan, q1).problems if p.section == "Phụ lục II"]
    assert problems == [(
        "Kỳ đã chốt số liệu nhưng danh sách nhiệm vụ nay đã khác (I.2.1: đã chốt 13, nay 12; I.2.2: đã chốt 3, nay 4; "
        "I.2.3: đã chốt 13, nay 12), nên thân báo cáo và Phụ lục II không khớp nhau. Hãy mở lại kỳ ở mục Thống kê "
        "(ghi lý do) để tính lại, rồi chốt lại.", True)]


def test_a_plan_without_direction_tasks_says_so_as_every_other_empty_domain_does(session):
    """Never "Lĩnh vực chỉ đạo, điều hành có 0 nhiệm vụ: đã hoàn thành 0 …": the same sentence as domains II–VII."""
    plan = _new_plan(session)
    _add(session, plan, "III", "Niêm yết công khai TTHC", "Quý I/2026")
    document = _q1_built(session, plan).document
    assert _prose(document, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH") == [
        "Ủy ban nhân dân xã tiếp tục quán triệt, triển khai Kế hoạch cải cách hành chính năm 2026, phân công cụ thể "
        "cho từng cơ quan, đơn vị. Kế hoạch không đề ra nhiệm vụ riêng thuộc lĩnh vực này."]
