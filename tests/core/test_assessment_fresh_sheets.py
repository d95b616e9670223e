"""Issue 16, a fresh tester's sheets (tests/data/assessment, built with openpyxl/python-docx): three provinces' layouts the
program had not seen, with the scores a person reading the sheet expects. Each case guards a misreading found:
lĩnh vực numbered 1, 2, 3; "không phát sinh"/"không phát hiện"/"B = 0 … điểm tối đa"; points written before
"mỗi"; "90 - dưới 95%"; a capped deduction; a percentage over 100; exact sums; "80%" for a ratio."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent.parent / "data" / "assessment"

CASES = {
    "sheetA_hason_2026.xlsx": (
        {"I.1.1": "ban hanh  tu ngay 31/01 den ngay 28/02", "I.1.2": "80", "I.2": "5", "I.3.a": "không", "I.3.b": "30",
         "I.3.c": "0/0", "I.4": "4", "I.5": "co sang kien nhung chua duoc cong nhan", "II.6.1": "KAD",
         "II.6.2": "45/50", "II.7": "1", "II.8": "đạt", "III.1": "3", "III.2": "96,5", "III.3": "3/4",
         "III.4": "100%", "III.5.1": "50", "III.5.2": "35", "III.6": "80/100",
         "IV.1": "thuc hien chua day du", "IV.2": "sử dụng biên chế không vượt số được giao", "IV.3": "KAD",
         "V.1": "thực hiện", "V.2": "0", "V.3": "6", "VI.1": "ban hành sau quý I", "VI.2": "94,99", "VI.3": "2/3",
         "VII.1.a": "100", "VII.1.b": "Không", "VII.2": "su dung chua day du", "VIII.2": "102,3"},
        {"I.1.1": 0.5, "I.1.2": 1, "I.2": 0, "I.3.a": 0, "I.3.b": 1, "I.3.c": 1, "I.4": 2, "I.5": 1.5, "II.6.1": 2,
         "II.6.2": 1.8, "II.7": 1, "II.8": 2, "III.1": 2.5, "III.2": 4, "III.3": 1.5, "III.4": 2, "III.5.1": 1,
         "III.5.2": 1, "III.6": 2.4, "IV.1": 1.5, "IV.2": 2, "V.1": 2, "V.2": 4, "V.3": 4, "VI.1": 1, "VI.2": 2,
         "VI.3": 2.67, "VII.1.a": 2, "VII.1.b": 0, "VII.2": 1, "VIII.2": 5},
        (55.37, 80, 69.21, "Khá")),
    "sheetB_bacgiangnam_2026.docx": (
        {"1.1": "ban hanh cham", "1.2": "70", "1.3": "3", "2.1": "85", "2.2": "0/0", "2.3": "1", "3.1": "có",
         "3.2": "7", "3.3": "KAD", "4.1": "45/90", "4.2": "không", "4.3": "70"},
        {"1.1": 1, "1.2": 1, "1.3": 1.25, "2.1": 1, "2.2": 2, "2.3": 1.5, "3.1": 0, "3.2": 1.75, "4.1": 1.5, "4.2": 0,
         "4.3": 2},
        (13, 26, 50, "Trung bình")),
    "sheetC_phrasings.xlsx": (
        {"1": "5", "2": "50", "3": "thu vượt dự toán", "4": "105", "5": "2", "6": "1", "7": "80%",
         "8": "không phát sinh", "11": "KAD", "12": "95", "13": "70", "14": "85", "15": "thực hiện đúng", "16": "10"},
        {"1": 2, "2": 0, "3": 2, "4": 2, "5": 1, "6": 0.5, "7": 1.6, "8": 1, "12": 1, "13": 1, "14": 0, "15": 0.5,
         "16": 1},
        (13.6, 23, 59.13, "Thấp")),      # 10 "Sở Tư pháp đánh giá, chấm điểm" is the province's to score
}


@pytest.mark.parametrize("name", CASES)
def test_a_fresh_provinces_sheet_scores_as_a_person_reads_it(session, name):
    values, expected, (total, max_self, percent, band) = CASES[name]
    service = session.assessment
    service.load(2026, HERE / name)
    service.set_values(2026, values)
    view = service.view(2026)
    assert {code: view.item(code).score for code in expected} == expected
    assert (view.totals.self_total, view.totals.max_self, view.percent, view.band) == (total, max_self, percent, band)


def test_lĩnh_vực_numbered_1_2_3_are_not_nested(session):
    sheet = session.assessment.read_sheet(HERE / "sheetB_bacgiangnam_2026.docx")
    assert [(c.code, c.max_points) for c in sheet.items if c.parent is None] == [("1", 6), ("2", 10), ("3", 6),
                                                                                 ("4", 8)]
    assert sheet.max_total == sheet.declared_total == 30
    # the lĩnh vực rows' merged cells are not read as their guidance
    assert all(c.guidance == "" for c in sheet.items if c.parent is None)


def test_a_ratio_typed_as_a_percentage_is_kept_as_one(session):
    service = session.assessment
    service.load(2026, HERE / "sheetA_hason_2026.xlsx")
    service.set_values(2026, {"III.6": "80%"})
    item = service.view(2026).item("III.6")
    assert item.value == "80%" and item.score == 2.4


def test_every_decimal_typed_decides_the_band(session):
    service = session.assessment
    service.load(2026, HERE / "sheetA_hason_2026.xlsx")
    service.set_values(2026, {"III.2": "94,995"})
    item = service.view(2026).item("III.2")
    assert item.value == "94,995" and item.score == 2
    assert service.set_values(2026, {"III.2": "95"}) == ["III.2"]
    assert service.view(2026).item("III.2").score == 4


def test_sums_are_of_exact_scores(session):
    service = session.assessment
    service.load(2026, HERE / "sheet_huge_968.xlsx")
    view = service.view(2026)
    ratios = [i.code for i in view.items if i.is_leaf and i.criterion.rule.kind == "ratio"]
    service.set_values(2026, dict.fromkeys(ratios, "3/4"))
    view = service.view(2026)
    exact = sum(view.item(code).criterion.max_points * 0.75 for code in ratios)
    assert view.totals.self_total == round(exact, 2)


def test_a_reloaded_sheet_keeps_what_still_fits_and_says_what_it_drops(session):
    service = session.assessment
    service.load(2026, HERE / "sheetA_hason_2026.xlsx")
    service.set_values(2026, {"I.1.1": "ban hành trước ngày 31/01", "III.2": "96,5"})
    service.link_indicator(2026, "III.2", "III.4.4")
    service.set_rule(2026, "I.3.c", "manual")          # the officer's own decision on an unchanged item
    preview = service.carry_over(2026, service.read_sheet(HERE / "sheetA_v2_changed_rules.xlsx"))
    assert preview.dropped_values == ["I.1.1"] and "III.2" in preview.kept_values     # I.1.1's levels were renamed
    assert service.view(2026).item("I.1.1").value                                     # a preview writes nothing
    result = service.load(2026, HERE / "sheetA_v2_changed_rules.xlsx")
    assert result.dropped_values == ["I.1.1"] and "I.3.c" in result.kept_rules
    view = service.view(2026)
    assert view.item("I.1.1").value == "" and view.item("III.2").criterion.indicator_code == "III.4.4"


def test_the_provinces_total_is_ours_with_its_changes_and_its_own_parts(session):
    service = session.assessment
    service.load(2026, HERE / "sheetA_hason_2026.xlsx")
    service.set_values(2026, {"III.2": "96,5", "III.1": "3"})            # 4 and 2,5
    assert service.view(2026).totals.province_total is None             # not reviewed yet
    service.set_province_score(2026, "III.2", 2, "Số liệu chưa khớp hệ thống")
    service.set_province_score(2026, "III.7", 3)                        # a survey part
    view = service.view(2026)
    assert view.item("III").province_score == 2 + 2.5 + 3
    assert view.totals.province_total == round(view.totals.self_total - 4 + 2 + 3, 2)


def test_the_rating_bands_can_be_set_as_the_province_rules(session):
    from cchc_desktop.errors import ValidationError
    service = session.assessment
    service.load(2026, HERE / "sheetC_phrasings.xlsx")       # a sheet that does not say its bands
    service.set_values(2026, {"1": "5", "3": "thu vượt dự toán"})
    assert service.view(2026).band == "Thấp"
    service.set_bands(2026, [("Xuất sắc", 20), ("Tốt", 10), ("Khá", 5), ("Yếu", 0)])
    view = service.view(2026)
    assert view.percent == round(4 / 24 * 100, 2) and view.band == "Tốt"
    with pytest.raises(ValidationError, match="bắt đầu từ 0%"):
        service.set_bands(2026, [("Tốt", 80), ("Khá", 70)])


SECOND = json.loads((HERE / "second_tester_expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", SECOND)
def test_a_second_testers_sheets_score_and_rate_as_written(session, name):
    """Rating bands read only from the rating line ("Tốt: từ 80 đến dưới 90 điểm", "80% ≤ tổng điểm"), never from
    a criterion named "… hoàn thành tốt … từ 70%"; capped deductions in several wordings; "giảm"; "không tính
    điểm"; "0,5 điểm/sáng kiến"; "01 cuộc"; not-applicable full points; a commune's own survey task."""
    case = SECOND[name]
    service = session.assessment
    service.load(2026, HERE / name)
    assert [list(b) for b in service.view(2026).criteria_set.bands] == case["bands"]
    service.set_values(2026, {code: item["value"] for code, item in case["items"].items() if item["value"]})
    view = service.view(2026)
    for code, item in case["items"].items():
        got, want = view.item(code), item["expected"]
        if want == "EXCL":
            assert got.score is None and not got.applicable, code
        elif want in ("SURVEY", "PROVINCE"):
            assert got.scored_by == want.lower(), code
        elif want != "ADDITIVE":
            assert got.score == pytest.approx(want, abs=0.005), code       # shown to 0,01
    assert (view.totals.self_total, view.totals.max_self, view.percent, view.band) == (
        case["self_total"], case["max_self"], case["percent"], case["band"])


def test_a_reload_keeps_the_rating_bands_the_officer_set(session):
    service = session.assessment
    service.load(2026, HERE / "sheetC_phrasings.xlsx")
    service.set_bands(2026, [("Tốt", 75), ("Khá", 50), ("Yếu", 0)])
    result = service.load(2026, HERE / "sheetC_phrasings.xlsx")
    assert result.kept_bands and service.view(2026).criteria_set.bands == (("Tốt", 75), ("Khá", 50), ("Yếu", 0))


RULE_PROBES = [
    ("Mỗi trường hợp vi phạm trừ 0,5 điểm, nhưng không trừ quá 1 điểm", 2, {"3": 1.0}),
    ("Mỗi lần chậm trừ 0,25 điểm; số điểm bị trừ tối đa là 1 điểm", 2, {"6": 1.0}),
    ("Chậm 01 ngày trừ 0,1 điểm, tổng điểm trừ không vượt quá 0,5 điểm", 1, {"8": 0.5}),
    ("Mỗi văn bản ban hành sai thẩm quyền bị giảm 0,5 điểm", 2, {"1": 1.5}),
    ("Mỗi mô hình được công nhận: +0,5 điểm (tối đa 1 điểm)", 1, {"1": 0.5, "3": 1.0}),
    ("0,25 điểm/01 sáng kiến; tối đa 1 điểm", 1, {"2": 0.5}),
    ("Cứ 01 tin bài được đăng tải = 0,1 điểm (không quá 1 điểm)", 1, {"4": 0.4}),
    ("Đạt từ 50% đến hết 80%: 1 điểm; trên 80%: 2 điểm; dưới 50%: 0 điểm", 2, {"90": 2.0, "60": 1.0}),
    ("Tỷ lệ từ 80% trở xuống: 0 điểm; trên 80% đến 95%: 0,5 điểm; trên 95%: 1 điểm", 1, {"80": 0.0, "85": 0.5}),
    ("Điểm = 2 x (số hồ sơ đúng hạn/tổng số hồ sơ)", 2, {"9/10": 1.8}),
    ("Số điểm = Điểm tối đa × (A/B), trong đó A: số hồ sơ đúng hạn; B: tổng số hồ sơ", 2, {"9/10": 1.8}),
    ("Điểm đạt được = (Số văn bản được xử lý : tổng số văn bản) x 1", 1, {"1/2": 0.5}),
    ("Tính theo tỷ lệ: số đã xử lý/tổng số × 1 điểm. Trường hợp không có vụ việc phải xử lý: được 1 điểm", 1,
     {"0/0": 1.0}),
    ("Không ban hành: không tính điểm; Ban hành đúng hạn: 1 điểm; Ban hành chậm: 0,5 điểm", 1,
     {"ban hành chậm": 0.5, "không ban hành": 0.0}),
    ("Có: 1 điểm; Không: 0 điểm. Xã không phát sinh nhiệm vụ này được tính đủ điểm", 1, {"KAD": 1.0}),
    ("Tổ chức từ 02 cuộc trở lên: 1 điểm; Tổ chức 01 cuộc: 0,5 điểm; Không tổ chức: 0 điểm", 1,
     {"2": 1.0, "01 cuộc": 0.5, "0": 0.0}),
    ("Đủ 4 báo cáo: 1 điểm; thiếu 1 báo cáo: 0,5 điểm; thiếu từ 2 báo cáo trở lên: 0 điểm", 1,
     {"thiếu 1 báo cáo": 0.5}),
]


@pytest.mark.parametrize("text, max_points, expected", RULE_PROBES, ids=[p[0][:40] for p in RULE_PROBES])
def test_a_second_testers_phrasings(text, max_points, expected):
    from cchc_desktop.assessment.rules import read_rule
    from cchc_desktop.assessment.scoring import parse_value, rounded, score_item
    rule = read_rule(text, max_points)
    for value, want in expected.items():
        assert rounded(score_item(rule, max_points, parse_value(rule, value, max_points)).points) == want, value


@pytest.mark.parametrize("text", ["Thẩm định của Sở Nội vụ", "Do Sở Tư pháp chấm điểm trên cơ sở kết quả kiểm tra",
                                  "Căn cứ kết quả điều tra xã hội học do tỉnh thực hiện"])
def test_parts_the_province_scores_are_refused_to_the_commune(text):
    from cchc_desktop.assessment.rules import read_rule
    from cchc_desktop.assessment.scoring import parse_value
    with pytest.raises(ValueError, match="cấp trên chấm"):
        parse_value(read_rule(text, 1), "1", 1)
