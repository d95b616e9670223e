"""The province's own statistics sheets, in the layouts communes really fill: the value column found by its
header (never "Kỳ trước" or "Lũy kế"), domain rows in every form, Vietnamese numbers, "x" for not applicable,
rows matched by code path and name, every row's change with its source cell; the catalog read the same way."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_desktop.errors import ValidationError
from cchc_desktop.importers.catalog_xlsx import catalog_from_xlsx
from cchc_desktop.model import ROMAN
from cchc_desktop.importers.province_sheet import (DOUBTFUL, NOT_APPLICABLE, NUMBER, OTHER, VALUE, contrast,
                                                   number_style, path_role, read_number, read_workbook, similarity,
                                                   vietnamese_number)
from cchc_desktop.importers.stats_xlsx import ColumnChoiceNeeded, apply_statistics, read_statistics
from cchc_desktop.resources import resource_path
from cchc_desktop.workspace import Clock, Workspace
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
REALWORLD = Path("/work/shared/realworld/09-dungkno-bc-cchc-q1-2025-bieu")
CATALOG = {i["code"]: i for i in json.loads(resource_path("indicators", "phu-luc-01b.json")
                                            .read_text(encoding="utf-8"))["indicators"]}
TITLES = {"I": "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", "II": "CẢI CÁCH THỂ CHẾ", "III": "CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
          "IV": "CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH NHÀ NƯỚC", "V": "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ",
          "VI": "CẢI CÁCH TÀI CHÍNH CÔNG", "VII": "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ"}
FIXED = ("STT", "Chỉ tiêu", "Đơn vị tính")


@pytest.fixture
def q1(session):
    return session.periods.by_key("2026-Q1")


# ---------------------------------------------------------------------------- building sheets

def build_form(path: Path, values: dict[str, dict[str, object]], figures: tuple[str, ...] = ("Số liệu",), *,
               style: str = "roman", group: str | None = None, order: tuple[str, ...] | None = None,
               sheet: str = "Biểu 01b", names: dict[str, str] | None = None, stts: dict[str, str] | None = None,
               extra_rows: tuple[list, ...] = (), numbering: bool = False, title: bool | str = True,
               book: openpyxl.Workbook | None = None, formats: dict[str, str] | None = None,
               labels: dict[str, str] | None = None) -> Path:
    """A statistics sheet as a commune fills it.

    ``values[code][figure header]`` is a cell; ``style``: "roman" (I | title), "merged" ("I. TITLE" across the row),
    "arabic" (1 | TITLE over 1.1 …), "fullcode" (I | title over I.1 …), "title" (the title alone, in capitals;
    "title_case" in small letters), "column_a"
    ("I. TITLE" typed in column A, not merged); domains are numbered in order, as a sheet that leaves one out does.
    ``group`` puts the figure columns under one merged header cell; ``labels`` words the fixed headers."""
    shown = {**{label: label for label in FIXED}, **(labels or {})}
    columns = list(order or (*FIXED, *figures, "Ghi chú"))
    own = book is None
    book = book or openpyxl.Workbook()
    ws = book.active if own else book.create_sheet()
    ws.title = sheet
    width = len(columns)
    row = 1
    if title:
        ws.cell(row, 1, title if isinstance(title, str) else
                "PHỤ LỤC: SỐ LIỆU KẾT QUẢ CÔNG TÁC CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2026")
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        row = 3
    if group:
        for c, label in enumerate(columns, start=1):
            if label in figures:
                ws.cell(row + 1, c, label)
            else:
                ws.cell(row, c, shown.get(label, label))
                ws.merge_cells(start_row=row, start_column=c, end_row=row + 1, end_column=c)
        spots = [c for c, label in enumerate(columns, start=1) if label in figures]
        ws.cell(row, spots[0], group)
        if len(spots) > 1:
            ws.merge_cells(start_row=row, start_column=spots[0], end_row=row, end_column=spots[-1])
        row += 2
    else:
        for c, label in enumerate(columns, start=1):
            ws.cell(row, c, shown.get(label, label))
        row += 1
    if numbering:
        for c in range(1, width + 1):
            ws.cell(row, c, f"({c})")
        row += 1
    domains = list(dict.fromkeys(CATALOG[code]["domain"] for code in values))
    for number, domain in enumerate(domains, start=1):
        roman, title_text = ROMAN[number - 1], TITLES[domain]
        if style == "merged":
            ws.cell(row, 1, f"{roman}. {title_text}")
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        elif style == "column_a":
            ws.cell(row, 1, f"{roman}. {title_text}")
        elif style in ("title", "title_case"):
            text = title_text if style == "title" else title_text[0] + title_text[1:].lower()
            ws.cell(row, columns.index("Chỉ tiêu") + 1, text)
        else:
            ws.cell(row, columns.index("STT") + 1, str(number) if style == "arabic" else roman)
            ws.cell(row, columns.index("Chỉ tiêu") + 1, title_text)
        row += 1
        for code, cells in values.items():
            item = CATALOG[code]
            if item["domain"] != domain:
                continue
            stt = (stts or {}).get(code, item["stt"])
            if style == "arabic" and code not in (stts or {}):
                stt = f"{number}.{stt}"
            elif style == "fullcode" and code not in (stts or {}):
                stt = f"{roman}.{stt}"
            unit = item["unit"] if item["kind"] != "yesno" else f"{item['no']} = 0; {item['yes']} = 1"
            for label, value in {"STT": stt, "Chỉ tiêu": (names or {}).get(code, item["name"]), "Đơn vị tính": unit,
                                 **cells}.items():
                if label in columns and value is not None:
                    ws.cell(row, columns.index(label) + 1, value)
                    if formats and label in figures and code in formats:
                        ws.cell(row, columns.index(label) + 1).number_format = formats[code]
            row += 1
    for extra in extra_rows:
        for c, value in enumerate(extra, start=1):
            ws.cell(row, c, value)
        row += 1
    ws.cell(row + 1, 2, "NGƯỜI LẬP BIỂU")
    if own:
        book.save(path)
    return path


def got(found) -> dict[str, str | None]:
    return {r.code: r.new for r in found.changes}


# ---------------------------------------------------------------------------- numbers and headers

@pytest.mark.parametrize(("typed", "value"), [
    ("1.245", 1245.0), ("98,6", 98.6), ("1 245", 1245.0), ("1\u00a0245,5", 1245.5), ("1.245,5", 1245.5),
    ("1.245.300", 1245300.0), ("1,245.5", 1245.5), ("1,245,300", 1245300.0), ("98.6", 98.6), ("0,5", 0.5),
    ("12", 12.0), ("-3", -3.0), ("85%", 85.0), (1245, 1245.0), (98.6, 98.6)])
def test_numbers_read_as_typed(typed, value):
    reading = read_number(typed)
    assert reading.kind == NUMBER and reading.value == pytest.approx(value)


@pytest.mark.parametrize("typed", ["x", "X", "-", "KAD", "không", "Không áp dụng", "n/a"])
def test_not_applicable_words(typed):
    assert read_number(typed).kind == NOT_APPLICABLE


def test_two_way_numbers_are_doubtful_never_guessed():
    assert read_number("1,245").kind == DOUBTFUL                      # 1,245 or 1.245?
    assert "hai cách" in read_number("1,245").problem
    assert read_number("1,245", style="en").value == 1245.0           # the column writes the English way
    assert read_number("1.245", style="en").kind == DOUBTFUL
    assert read_number("mười hai").kind == DOUBTFUL
    assert read_number(None).kind == "blank" and read_number("  ").kind == "blank"
    assert read_number(0.986, "0.0%").value == pytest.approx(98.6)
    assert read_number("1.245", at_most=100).kind == DOUBTFUL and read_number("1.245", at_most=5000).value == 1245
    assert number_style(["1,245.5", "2,300", "12"]) == "en" and number_style(["98,6", "1.245"]) == "vi"
    assert number_style(["98,6", "98.6"]) is None


@pytest.mark.parametrize(("path", "role"), [
    (("Kỳ báo cáo",), VALUE), (("Số liệu",), VALUE), (("Thực hiện",), VALUE), (("Kết quả",), VALUE),
    (("Kỳ trước",), OTHER), (("Cùng kỳ năm trước",), OTHER), (("Kế hoạch",), OTHER), (("Lũy kế",), OTHER),
    (("Số liệu", "Kỳ trước"), OTHER), (("Số liệu", "Kỳ này"), VALUE), (("Lũy kế", "Thực hiện"), OTHER),
    (("Kết quả thống kê", "Đơn vị tính"), "unit"), (("Thực hiện so với kế hoạch (%)",), OTHER),
    (("Số liệu khi xuất",), "exported"), (("Đơn vị chủ trì thực hiện",), "lead"),
    (("Chỉ tiêu thống kê (Sử dụng trong kỳ báo cáo quý, 6 tháng, năm)",), "name")])
def test_header_words(path, role):
    assert path_role(path) == role


# ---------------------------------------------------------------------------- layouts

def test_realworld_09_imports_exactly_its_expected_values(session):
    bieu, expected = REALWORLD / "bieu.xlsx", REALWORLD / "expected.json"
    if not bieu.exists():
        pytest.skip("realworld sample not present")
    session.periods.ensure_year(2025)
    period = session.periods.by_key("2025-Q1")
    found = read_statistics(session, period, bieu)
    apply_statistics(session, period, found)
    cells = session.statistics.form(period).cells
    for code, typed in json.loads(expected.read_text(encoding="utf-8")).items():
        cell = cells[code]
        if typed == "x":
            assert cell.entry.raw is None and cell.value is None, code          # not applicable: nothing, not 0
            row = next(r for r in found.rows if r.code == code)
            assert row.status == "not_applicable" and row.source == "Bieu 01b!D9"
        elif cell.indicator.computed:
            assert round(cell.value, 1) == pytest.approx(read_number(typed).value), code
        else:
            assert cell.entry.raw == typed and cell.value == read_number(typed).value, code
    assert found.unmatched == [] and found.flagged == []


def test_merged_domain_rows_and_vietnamese_numbers(session, q1, tmp_path):
    path = build_form(tmp_path / "merged.xlsx", {
        "I.1": {"Số liệu": "4"}, "II.1": {"Số liệu": "x"}, "III.4.1": {"Số liệu": "1.245"},
        "III.4.2": {"Số liệu": "1 230"}, "III.4.3": {"Số liệu": 1213}, "III.4.4": {"Số liệu": "98,6"},
        "VII.1": {"Số liệu": "87,5"}}, style="merged")
    found = read_statistics(session, q1, path)
    assert got(found) == {"I.1": "4", "III.4.1": "1.245", "III.4.2": "1.230", "III.4.3": "1.213", "VII.1": "87,5"}
    assert {r.code: r.status for r in found.rows}["II.1"] == "not_applicable"
    assert next(r for r in found.rows if r.code == "III.4.1").source == "Biểu 01b!D9"
    apply_statistics(session, q1, found)
    cells = session.statistics.form(q1).cells
    assert (cells["III.4.1"].value, cells["VII.1"].value, cells["II.1"].value) == (1245, 87.5, None)


def test_roman_numeral_alone_with_title_and_numbering_rows(session, q1, tmp_path):
    path = build_form(tmp_path / "roman.xlsx", {"I.1": {"Số liệu": 3}, "I.3.1": {"Số liệu": 5},
                                                "II.2": {"Số liệu": 2}, "IV.2": {"Số liệu": 1}}, numbering=True)
    found = read_statistics(session, q1, path)
    assert got(found) == {"I.1": "3", "I.3.1": "5", "II.2": "2", "IV.2": "1"}
    assert found.unmatched == []


def test_arabic_domain_rows_numbered_in_order_are_read_by_their_names(session, q1, tmp_path):
    # Domains I, III and VI numbered 1, 2, 3: the names decide, and the renumbering is said.
    path = build_form(tmp_path / "arabic.xlsx", {"I.1": {"Số liệu": 7}, "I.3.2": {"Số liệu": 4},
                                                 "III.4.1": {"Số liệu": "250"}, "VI.4.1": {"Số liệu": 1}},
                      style="arabic")
    found = read_statistics(session, q1, path)
    assert got(found) == {"I.1": "7", "I.3.2": "4", "III.4.1": "250", "VI.4.1": "1"}
    assert any("lĩnh vực VI" in w for w in found.warnings)


def test_full_codes_in_the_stt_column(session, q1, tmp_path):
    path = build_form(tmp_path / "full.xlsx", {"II.3": {"Số liệu": 6}, "III.4.5": {"Số liệu": 0}},
                      style="fullcode")
    assert got(read_statistics(session, q1, path)) == {"II.3": "6", "III.4.5": "0"}


def test_previous_period_and_cumulative_columns_are_never_taken(session, q1, tmp_path):
    figures = ("Kỳ trước", "Kỳ báo cáo", "Lũy kế")
    path = build_form(tmp_path / "ba-cot.xlsx", {
        "I.1": {"Kỳ trước": 2, "Kỳ báo cáo": 4, "Lũy kế": 6},
        "III.4.1": {"Kỳ trước": "1.100", "Kỳ báo cáo": "1.245", "Lũy kế": "2.345"}}, figures)
    found = read_statistics(session, q1, path)
    assert got(found) == {"I.1": "4", "III.4.1": "1.245"}
    assert found.column.label == "Kỳ báo cáo" and found.column.letter == "E"
    assert [c.label for c in found.candidates] == ["Kỳ báo cáo"]


def test_two_row_header_with_a_merged_group_cell(session, q1, tmp_path):
    path = build_form(tmp_path / "hai-tang.xlsx", {
        "I.1": {"Kỳ trước": 9, "Kỳ này": 4}, "II.1": {"Kỳ trước": 1, "Kỳ này": "-"},
        "III.1": {"Kỳ trước": 110, "Kỳ này": 112}}, ("Kỳ trước", "Kỳ này"), group="Số liệu")
    sheet = read_workbook(path)[0]
    assert sheet.depth == 2 and [c.label for c in sheet.having(VALUE)] == ["Số liệu › Kỳ này"]
    found = read_statistics(session, q1, path)
    assert got(found) == {"I.1": "4", "III.1": "112"}
    assert {r.code: r.status for r in found.rows}["II.1"] == "not_applicable"


def test_plan_and_done_pair(session, q1, tmp_path):
    path = build_form(tmp_path / "ke-hoach.xlsx", {"I.3.1": {"Kế hoạch": 10, "Thực hiện": 8},
                                                   "V.2.1": {"Kế hoạch": 3, "Thực hiện": 2}},
                      ("Kế hoạch", "Thực hiện"), group="Năm 2026")
    assert got(read_statistics(session, q1, path)) == {"I.3.1": "8", "V.2.1": "2"}


def test_two_value_columns_are_refused_with_the_candidates_then_chosen(session, q1, tmp_path):
    path = build_form(tmp_path / "hai-cot.xlsx", {"I.1": {"Số liệu": 4, "Kết quả": 5},
                                                  "III.1": {"Số liệu": 100, "Kết quả": 112}}, ("Số liệu", "Kết quả"))
    with pytest.raises(ColumnChoiceNeeded) as refused:
        read_statistics(session, q1, path)
    assert [c.label for c in refused.value.candidates] == ["Số liệu", "Kết quả"]
    assert "“Số liệu” (cột D)" in str(refused.value) and "“Kết quả” (cột E)" in str(refused.value)
    assert got(read_statistics(session, q1, path, column="Kết quả")) == {"I.1": "5", "III.1": "112"}
    assert got(read_statistics(session, q1, path, column="d")) == {"I.1": "4", "III.1": "100"}
    with pytest.raises(ColumnChoiceNeeded, match="Không có cột “Kỳ sau”"):
        read_statistics(session, q1, path, column="Kỳ sau")
    assert session.statistics.form(q1).cells["I.1"].value is None           # nothing written by reading


def test_columns_named_by_period_take_this_periods_one(session, q1, tmp_path):
    path = build_form(tmp_path / "quy.xlsx", {"I.1": {"Quý IV/2025": 9, "Quý I/2026": 4}},
                      ("Quý IV/2025", "Quý I/2026"), group="Số liệu")
    found = read_statistics(session, q1, path)
    assert got(found) == {"I.1": "4"} and found.column.label == "Số liệu › Quý I/2026"
    other_year = build_form(tmp_path / "nam-khac.xlsx", {"I.1": {"Quý IV/2024": 9, "Quý I/2025": 4}},
                            ("Quý IV/2024", "Quý I/2025"))
    with pytest.raises(ColumnChoiceNeeded,           # neither is this period: asked, never guessed
                       match=r"Không cột nào trong tệp là số liệu của quý I năm 2026: “Quý IV/2024” \(cột D\) ghi số "
                             r"liệu quý IV năm 2024; “Quý I/2025” \(cột E\) ghi số liệu quý I năm 2025\."):
        read_statistics(session, q1, other_year)
    short = build_form(tmp_path / "kh-th.xlsx", {"I.1": {"KH": 5, "TH": 4}}, ("KH", "TH"),
                       labels={"Chỉ tiêu": "Tiêu chí"})
    assert got(read_statistics(session, q1, short)) == {"I.1": "4"}


def test_no_value_column_is_refused_but_can_be_named(session, q1, tmp_path):
    path = build_form(tmp_path / "luy-ke.xlsx", {"I.1": {"Kỳ trước": 2, "Lũy kế": 6}}, ("Kỳ trước", "Lũy kế"))
    with pytest.raises(ColumnChoiceNeeded, match="Không thấy cột số liệu") as refused:
        read_statistics(session, q1, path)
    assert [c.label for c in refused.value.candidates] == ["Kỳ trước", "Lũy kế"]
    assert got(read_statistics(session, q1, path, column="Lũy kế")) == {"I.1": "6"}


def test_not_applicable_blank_and_yes_no(session, q1, tmp_path):
    session.statistics.set_many(q1, {"II.2": "3", "II.3": "5"})
    path = build_form(tmp_path / "x.xlsx", {
        "I.4": {"Số liệu": "Có"}, "IV.1": {"Số liệu": "x"}, "V.3": {"Số liệu": "không"},
        "II.1": {"Số liệu": "KAD"}, "II.2": {"Số liệu": None}, "II.3": {"Số liệu": "x"}, "II.4": {"Số liệu": "0"}})
    found = read_statistics(session, q1, path)
    status = {r.code: r.status for r in found.rows}
    assert got(found) == {"I.4": "1", "V.3": "0", "II.4": "0"}
    assert status["II.1"] == "not_applicable" and status["II.2"] == "blank" and status["II.3"] == "not_applicable"
    assert status["IV.1"] == "unreadable" and "Có/Không" in found.flagged[0].flags[0]   # "x" on a yes/no row
    apply_statistics(session, q1, found)
    cells = session.statistics.form(q1).cells
    assert (cells["II.2"].value, cells["II.3"].value, cells["II.1"].value) == (3, 5, None)   # a blank is not a 0


def test_ambiguous_numbers_are_flagged_and_english_columns_read(session, q1, tmp_path):
    path = build_form(tmp_path / "so.xlsx", {"III.4.1": {"Số liệu": "1,245"}, "VII.1": {"Số liệu": "98,6"},
                                             "III.1": {"Số liệu": "1.5.3"}})
    found = read_statistics(session, q1, path)
    assert got(found) == {"VII.1": "98,6"}
    assert {r.code for r in found.flagged} == {"III.4.1", "III.1"}
    apply_statistics(session, q1, found)
    assert session.statistics.form(q1).cells["III.4.1"].value is None       # a wrong number is never stored
    english = build_form(tmp_path / "en.xlsx", {"III.4.1": {"Số liệu": "1,245"}, "III.4.2": {"Số liệu": "1,230.0"},
                                                "VII.1": {"Số liệu": "87.5"}})
    assert got(read_statistics(session, q1, english)) == {"III.4.1": "1.245", "III.4.2": "1.230", "VII.1": "87,5"}


def test_percent_formatted_cells_and_formulas(session, q1, tmp_path):
    path = build_form(tmp_path / "pt.xlsx", {"VII.1": {"Số liệu": 0.875}, "III.1": {"Số liệu": "=100+12"}},
                      formats={"VII.1": "0.0%"})
    found = read_statistics(session, q1, path)
    assert got(found) == {"VII.1": "87,5"}
    assert "Excel chưa tính" in next(r for r in found.rows if r.code == "III.1").flags[0]


def test_renamed_rows_rows_not_in_the_catalog_and_a_shifted_stt(session, q1, tmp_path):
    path = build_form(tmp_path / "doi-ten.xlsx", {
        "I.1": {"Số liệu": 4}, "II.1": {"Số liệu": 2}, "III.4.2": {"Số liệu": 90}, "III.4.5": {"Số liệu": 1}},
        names={"I.1": "Số văn bản chỉ đạo, điều hành về CCHC đã được ban hành",
               "II.1": "Số văn bản quy phạm pháp luật đã ban hành",
               "III.4.2": "Số hồ sơ giải quyết đúng hạn"},        # STT 4.2, but the name reads as 4.3's
        extra_rows=(["", "Số hồ sơ tiếp nhận qua dịch vụ bưu chính công ích", "Hồ sơ", 12],
                    ["9", "Số cuộc họp giao ban", "Cuộc", 3],
                    ["", "Tổng số TTHC đang áp dụng", "Thủ tục", 115]))
    found = read_statistics(session, q1, path)
    rows = {r.code: r for r in found.rows}
    assert got(found) == {"I.1": "4", "II.1": "2", "III.4.5": "1", "III.1": "115"}
    assert rows["III.1"].matched_by == "name" and "tìm theo tên" in rows["III.1"].notes[0]
    assert "III.4.2" not in rows and "III.4.2" in rows["III.4.3"].flags[0]      # shown where its name belongs
    assert [(u.stt, u.typed) for u in found.unmatched] == [("", "12"), ("9", "3")]
    assert "III.9" in found.unmatched[1].reason
    apply_statistics(session, q1, found)
    assert session.statistics.form(q1).cells["III.4.3"].value is None
    apply_statistics(session, q1, found, include={rows["III.4.3"].source})   # ticked after a look
    cells = session.statistics.form(q1).cells
    assert (cells["III.4.2"].value, cells["III.4.3"].value) == (None, 90)


def test_a_very_different_name_on_a_matching_stt_is_flagged(session, q1, tmp_path):
    path = build_form(tmp_path / "khac.xlsx", {"II.2": {"Số liệu": 7}},
                      names={"II.2": "Số lượt cán bộ được cử đi bồi dưỡng nghiệp vụ"})
    found = read_statistics(session, q1, path)
    assert got(found) == {} and "khác hẳn" in found.flagged[0].flags[0]


def test_an_extra_sheet_and_two_filled_sheets(session, q1, tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Hướng dẫn"
    book.active["A1"] = "Ghi số liệu vào trang Biểu 01b; ô không áp dụng ghi “x”."
    build_form(tmp_path / "unused.xlsx", {"I.1": {"Số liệu": 4}}, book=book)
    book.save(tmp_path / "hai-trang.xlsx")
    found = read_statistics(session, q1, tmp_path / "hai-trang.xlsx")
    assert got(found) == {"I.1": "4"} and found.column.sheet == "Biểu 01b"
    build_form(tmp_path / "unused.xlsx", {"I.1": {"Số liệu": 3}}, book=book, sheet="Quý IV 2025")
    book.save(tmp_path / "hai-bieu.xlsx")
    with pytest.raises(ColumnChoiceNeeded) as refused:
        read_statistics(session, q1, tmp_path / "hai-bieu.xlsx")
    assert [c.key for c in refused.value.candidates] == ["Biểu 01b!D", "Quý IV 2025!D"]
    assert got(read_statistics(session, q1, tmp_path / "hai-bieu.xlsx", column="Biểu 01b!D")) == {"I.1": "4"}


def test_a_hidden_sheet_of_old_figures_is_no_candidate(session, q1, tmp_path):
    book = openpyxl.Workbook()
    build_form(tmp_path / "unused.xlsx", {"I.1": {"Số liệu": 9}}, book=book, sheet="Quý IV 2025")
    book["Quý IV 2025"].sheet_state = "hidden"
    build_form(tmp_path / "unused.xlsx", {"I.1": {"Số liệu": 4}}, book=book)
    del book["Sheet"]
    book.save(tmp_path / "an.xls")                     # saved under an old name: read by its content
    assert got(read_statistics(session, q1, tmp_path / "an.xls")) == {"I.1": "4"}


def test_a_damaged_workbook_is_refused_in_vietnamese(session, q1, tmp_path):
    path = build_form(tmp_path / "hong.xlsx", {"I.1": {"Số liệu": 4}})
    data = bytearray(path.read_bytes())
    data[len(data) // 2: len(data) // 2 + 400] = b"\0" * 400
    path.write_bytes(bytes(data))
    with pytest.raises(ValidationError, match="Excel"):
        read_statistics(session, q1, path)


def test_a_sheet_with_no_indicator_rows_is_refused(session, q1, tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["STT", "Nội dung", "Số liệu"])
    book.active.append(["1", "Số lượt khách tham quan", 5])
    book.save(tmp_path / "khac.xlsx")
    with pytest.raises(ValidationError, match="Không tìm thấy dòng chỉ tiêu nào"):
        read_statistics(session, q1, tmp_path / "khac.xlsx")


def test_preview_lists_every_row_with_old_new_and_source(session, q1, tmp_path):
    session.statistics.set_many(q1, {"I.1": "4", "III.1": "100"})
    path = build_form(tmp_path / "xem.xlsx", {"I.1": {"Số liệu": 4}, "III.1": {"Số liệu": "112"},
                                              "III.4.1": {"Số liệu": None}})
    found = read_statistics(session, q1, path)
    assert [(r.code, r.current, r.new, r.status, r.source) for r in found.rows] == [
        ("I.1", "4", "4", "same", "Biểu 01b!D5"), ("III.1", "100", "112", "change", "Biểu 01b!D7"),
        ("III.4.1", None, None, "blank", "Biểu 01b!D8")]
    data = found.to_json()
    assert data["rows"][1]["old"] == "100" and data["rows"][1]["new"] == "112" and data["changes"] == ["III.1"]


# ---------------------------------------------------------------------------- the command line

def _cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "CCHC_TODAY": "2026-11-25", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)


def test_cli_refuses_lists_candidates_previews_and_chooses(tmp_path):
    path = build_form(tmp_path / "bieu.xlsx", {"I.1": {"Kỳ trước": 1, "Kỳ báo cáo": 4, "Kết quả": 5},
                                               "II.1": {"Kỳ trước": 0, "Kỳ báo cáo": "x", "Kết quả": "x"}},
                      ("Kỳ trước", "Kỳ báo cáo", "Kết quả"))
    data = tmp_path / "dữ liệu"
    refused = _cli("stats", "import", "--period", "2026-Q1", str(path), data_dir=data)
    assert refused.returncode == 1
    assert "“Kỳ báo cáo” (cột E)" in refused.stderr and "“Kết quả” (cột F)" in refused.stderr
    assert "Kỳ trước" not in refused.stderr.split("số liệu của quý I năm 2026:")[1]
    listed = _cli("stats", "import", "--period", "2026-Q1", str(path), "--json", data_dir=data)
    assert [c["label"] for c in json.loads(listed.stdout)["candidates"]] == ["Kỳ báo cáo", "Kết quả"]
    preview = _cli("stats", "import", "--period", "2026-Q1", str(path), "--column", "Kỳ báo cáo", "--dry-run",
                   "--json", data_dir=data)
    assert preview.returncode == 0, preview.stderr
    shown = json.loads(preview.stdout)
    assert shown["dry_run"] and shown["changed"] == [] and shown["changes"] == ["I.1"]
    assert [(r["code"], r["old"], r["new"], r["source"], r["status"]) for r in shown["rows"]] == [
        ("I.1", None, "4", "Biểu 01b!E5", "change"), ("II.1", None, None, "Biểu 01b!E7", "not_applicable")]
    text = _cli("stats", "import", "--period", "2026-Q1", str(path), "--column", "E", data_dir=data)
    assert text.returncode == 0 and "Đã nhập 1 số liệu" in text.stdout and "Biểu 01b!E5" in text.stdout
    show = json.loads(_cli("stats", "show", "--period", "2026-Q1", "--json", data_dir=data).stdout)
    assert {c["code"]: c["raw"] for c in show}["I.1"] == "4"


# ---------------------------------------------------------------------------- the catalog from the same reader

@pytest.mark.parametrize("style", ["merged", "roman", "arabic", "fullcode"])
def test_catalog_reads_the_provinces_layouts(tmp_path, style):
    codes = ["I.1", "I.3", "I.3.1", "I.3.2", "I.4", "III.4.1", "III.4.2", "III.4.3", "VII.1"]
    path = build_form(tmp_path / "mau.xlsx", {c: {} for c in codes}, ("Kỳ trước", "Kỳ báo cáo", "Lũy kế"),
                      style=style, numbering=True)
    items = catalog_from_xlsx(path)["indicators"]
    # The sheet numbers its domains I, II, III in order: the names say I, III, VII.
    assert [i["code"] for i in items] == ["I", *codes[:5], "III", *codes[5:8], "VII", "VII.1"]
    assert [i["name"] for i in items if i["code"] == "I.4"] == [CATALOG["I.4"]["name"]]
    assert next(i for i in items if i["code"] == "I.4")["kind"] == "yesno"
    assert next(i for i in items if i["code"] == "I.3")["kind"] == "group"


# ---------------------------------------------------------------------------- any layout, at random

ROWS = ("I.1", "I.3.1", "I.4", "II.1", "II.4", "III.1", "III.4.1", "III.4.3", "III.4.5", "IV.2", "V.2.1", "V.3",
        "VI.1", "VI.4.1", "VII.1", "VII.2.1")
VALUE_WORDS = ("Kỳ báo cáo", "Thực hiện", "Số liệu", "Kết quả", "Kỳ này", "Số liệu kỳ báo cáo", "Kết quả thực hiện")
OTHER_WORDS = ("Kỳ trước", "Lũy kế", "Kế hoạch", "Cùng kỳ năm trước", "Kế hoạch năm", "Lũy kế từ đầu năm")
RENAMES = (lambda n: n, lambda n: n.replace("đã ", "", 1), lambda n: n + " trong kỳ", lambda n: n.lower(),
           lambda n: n.replace("Số ", "Số lượng ", 1), lambda n: n.rstrip(".") + ".")


@pytest.fixture(scope="module")
def random_ws(tmp_path_factory) -> Workspace:
    ws = Workspace(tmp_path_factory.mktemp("bieu") / "dữ liệu")
    ws.prepare()
    return ws


def _typed(code: str, kind: int, value: int):
    """A cell as an officer types it: a number, "1.245", "1 245", a float, "x", "-", "KAD" or blank."""
    if kind >= 7:
        return None
    if kind >= 4:
        return ("x", "-", "KAD")[kind - 4]
    if CATALOG[code]["kind"] == "yesno":
        return (value % 2, ("Không", "Có")[value % 2], str(value % 2), float(value % 2))[kind]
    if CATALOG[code]["kind"] == "percent":
        value = value % 1001 / 10
        value = value + 1 if 0 < value < 1 else value     # "0,5" in a percentage row: 50 % or 0,5 %? Held (below)
        return (value, f"{value}".replace(".", ","), f"{value}".replace(".", ",") + "%", float(value))[kind]
    return (value, f"{value:,}".replace(",", "."), f"{value:,}".replace(",", " "), float(value))[kind]


layouts = st.fixed_dictionaries({
    "codes": st.lists(st.sampled_from(ROWS), min_size=1, max_size=len(ROWS), unique=True),
    "values": st.lists(st.sampled_from(VALUE_WORDS), max_size=2, unique=True),
    "others": st.lists(st.sampled_from(OTHER_WORDS), max_size=3, unique=True),
    "shuffle": st.randoms(use_true_random=False),
    "style": st.sampled_from(["roman", "merged", "arabic", "fullcode", "title", "title_case", "column_a"]),
    "group": st.sampled_from([None, "Số liệu", "Kết quả thực hiện năm 2026"]),
    "labels": st.fixed_dictionaries({"STT": st.sampled_from(["STT", "TT", "Số TT"]),
                                     "Chỉ tiêu": st.sampled_from(["Chỉ tiêu", "Nội dung", "Tên chỉ tiêu",
                                                                  "Chỉ tiêu thống kê"]),
                                     "Đơn vị tính": st.sampled_from(["Đơn vị tính", "ĐVT"])}),
    "renames": st.lists(st.integers(0, len(RENAMES) - 1), min_size=len(ROWS), max_size=len(ROWS)),
    "numbering": st.booleans(),
    "extra_sheet": st.booleans(),
    "unknown_row": st.booleans(),
    "cells": st.lists(st.tuples(st.integers(0, 8), st.integers(0, 99999)), min_size=len(ROWS) * 5,
                      max_size=len(ROWS) * 5),
})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layout=layouts)
def test_any_layout_gives_every_value_right_or_names_the_candidates(random_ws, layout):
    codes = sorted(layout["codes"], key=list(CATALOG).index)
    figures = [*layout["values"], *layout["others"]]
    if not figures:
        figures = ["Số liệu"]
    layout["shuffle"].shuffle(figures)
    fixed = list(FIXED[1:])
    layout["shuffle"].shuffle(fixed)
    order = ("STT", *fixed, *figures, "Ghi chú")
    cells = iter(layout["cells"])
    values = {code: {f: _typed(code, *next(cells)) for f in figures} for code in codes}
    names = {code: RENAMES[layout["renames"][ROWS.index(code)]](CATALOG[code]["name"]) for code in codes}
    unknown = {"Chỉ tiêu": "Số lượt khách tham quan di tích", "Đơn vị tính": "Lượt", **{f: 7 for f in figures}}
    extra = ([unknown.get(column) for column in order],) if layout["unknown_row"] else ()
    wanted = [f for f in figures if f in VALUE_WORDS]
    group = layout["group"]
    if group == "Kết quả thực hiện năm 2026" and not wanted:
        group = None        # a result group over "Kỳ trước" alone would read as a value column: not this test's point
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bieu.xlsx"
        book = openpyxl.Workbook()
        if layout["extra_sheet"]:
            book.active.title = "Hướng dẫn"
            book.active["A1"] = "Ghi số liệu của kỳ vào cột Kỳ báo cáo; không áp dụng ghi x."
        build_form(path, values, tuple(figures), style=layout["style"], group=group, order=order, names=names,
                   numbering=layout["numbering"], labels=layout["labels"], extra_rows=extra,
                   book=book if layout["extra_sheet"] else None)
        if layout["extra_sheet"]:
            book.save(path)
        with random_ws.session(Clock(TODAY)) as session:
            q1 = session.periods.by_key("2026-Q1")
            try:
                found = read_statistics(session, q1, path)
            except ColumnChoiceNeeded as refused:
                assert len(wanted) != 1, refused
                leaves = [c.label.split(" › ")[-1] for c in refused.candidates]
                assert leaves == (wanted or [f for f in order if f in figures])
                if not wanted:
                    return
                found = read_statistics(session, q1, path, column=refused.candidates[-1].key)
                wanted = [wanted[-1]]
            else:
                assert len(wanted) == 1 or (not wanted and group)
                wanted = wanted or [found.column.label.split(" › ")[-1]]
            assert found.column.label.split(" › ")[-1] == wanted[0]
            ticks = {c for c in codes if CATALOG[c]["kind"] == "yesno" and values[c][wanted[0]] == "x"}
            assert {r.code for r in found.flagged} == ticks, [(r.code, r.flags) for r in found.flagged]
            assert [u.name for u in found.unmatched] == [unknown["Chỉ tiêu"]] * len(extra)
            assert {r.code for r in found.rows} == set(codes)
            for row in found.rows:
                typed = values[row.code][wanted[0]]
                if row.code in ticks:            # "x" on a yes/no row: "Có" or not applicable? Asked, not guessed
                    assert row.status == "unreadable" and row.new is None
                elif typed is None:
                    assert row.status == "blank" and row.new is None
                elif typed in ("x", "-", "KAD"):
                    assert row.status == "not_applicable" and row.new is None
                else:
                    expected = read_number({"Có": 1, "Không": 0}.get(typed, typed)).value
                    assert row.status == "change" and read_number(row.new).value == pytest.approx(expected), row


# ---------------------------------------------------------------------------- fresh tester's kinds (issue 11)

@pytest.fixture
def h1(session):
    return session.periods.by_key("2026-H1")


def test_cumulative_column_is_the_value_of_a_period_from_the_years_start(session, h1, tmp_path):
    quarter_and_cumulative = build_form(tmp_path / "h1.xlsx", {
        "I.1": {"Quý II/2026": 2, "Lũy kế 6 tháng năm 2026": 5},
        "III.4.1": {"Quý II/2026": 300, "Lũy kế 6 tháng năm 2026": 700}},
        ("Quý II/2026", "Lũy kế 6 tháng năm 2026"), title="BIỂU THỐNG KÊ CCHC 6 THÁNG ĐẦU NĂM 2026")
    found = read_statistics(session, h1, quarter_and_cumulative)
    assert got(found) == {"I.1": "5", "III.4.1": "700"} and found.column.label == "Lũy kế 6 tháng năm 2026"
    since_start = build_form(tmp_path / "h1-tu-dau-nam.xlsx", {"I.1": {"Kỳ trước": 1, "Kỳ báo cáo": 2,
                                                                       "Lũy kế từ đầu năm": 5}},
                             ("Kỳ trước", "Kỳ báo cáo", "Lũy kế từ đầu năm"),
                             title="BIỂU THỐNG KÊ CCHC QUÝ II VÀ 6 THÁNG ĐẦU NĂM 2026")
    assert got(read_statistics(session, h1, since_start)) == {"I.1": "5"}
    year = session.periods.by_key("2026-Y")
    yearly = build_form(tmp_path / "nam.xlsx", {"I.1": {"Quý IV/2026": 2, "Lũy kế năm 2026": 11}},
                        ("Quý IV/2026", "Lũy kế năm 2026"), title=False)
    assert got(read_statistics(session, year, yearly)) == {"I.1": "11"}
    # A nine-month cumulative column is no quarter III, nor a six-month one.
    nine = build_form(tmp_path / "9t.xlsx", {"I.1": {"Lũy kế 9 tháng năm 2026": 9}}, ("Lũy kế 9 tháng năm 2026",),
                      title=False)
    with pytest.raises(ColumnChoiceNeeded, match="9 tháng năm 2026"):
        read_statistics(session, h1, nine)


@pytest.mark.parametrize(("key", "header", "says"), [
    ("2026-H1", "Quý II/2026", "quý II năm 2026"), ("2026-Q1", "Quý IV/2025", "quý IV năm 2025"),
    ("2026-Q3", "Quý I/2026", "quý I năm 2026"), ("2026-Y", "Quý IV/2026", "quý IV năm 2026")])
def test_a_column_headed_with_another_period_is_never_taken(session, tmp_path, key, header, says):
    period = session.periods.by_key(key)
    path = build_form(tmp_path / "khac-ky.xlsx", {"I.1": {header: 12}, "III.1": {header: 110}}, (header,),
                      title=False)
    with pytest.raises(ColumnChoiceNeeded) as refused:
        read_statistics(session, period, path)
    assert f"“{header}” (cột D) ghi số liệu {says}" in str(refused.value)
    assert period.title.replace("năm năm", "năm") in str(refused.value) and "năm năm" not in str(refused.value)
    with pytest.raises(ColumnChoiceNeeded, match="Không nhập được từ cột đã chọn"):
        read_statistics(session, period, path, column=header)          # not even when named
    with pytest.raises(ColumnChoiceNeeded, match="Không nhập được từ cột đã chọn"):
        read_statistics(session, period, path, column="D")
    assert session.statistics.form(period).cells["I.1"].value is None


def test_a_title_or_sheet_naming_another_period_refuses_a_column_that_names_none(session, q1, h1, tmp_path):
    previous = build_form(tmp_path / "q4.xlsx", {"I.1": {"Số liệu": 12}}, title="BIỂU THỐNG KÊ CCHC QUÝ IV NĂM 2025",
                          sheet="Q4-2025")
    with pytest.raises(ColumnChoiceNeeded, match="quý IV năm 2025") as refused:
        read_statistics(session, q1, previous)
    assert "“Q4-2025”" in str(refused.value) and "quý I năm 2026" in str(refused.value)
    found = read_statistics(session, q1, previous, column="Số liệu")     # the officer insists, having read why
    assert got(found) == {"I.1": "12"} and any("quý IV năm 2025" in w for w in found.warnings)
    six = build_form(tmp_path / "6t.xlsx", {"I.1": {"Số liệu": 12}}, title=False, sheet="6 thang 2026")
    with pytest.raises(ColumnChoiceNeeded, match="6 tháng năm 2026"):
        read_statistics(session, q1, six)
    assert got(read_statistics(session, h1, six)) == {"I.1": "12"}
    plain = build_form(tmp_path / "nam.xlsx", {"I.1": {"Số liệu": 3}}, title="SỐ LIỆU CCHC NĂM 2026 (kèm theo Báo "
                                                                           "cáo ngày 10/3/2026)")
    assert got(read_statistics(session, q1, plain)) == {"I.1": "3"}      # the year alone is no other period


def test_swapped_look_alike_rows_are_never_stored_crosswise(session, q1, tmp_path):
    swapped = {"V.2.1": "V.2.2", "V.2.2": "V.2.1", "V.4.1": "V.4.2", "V.4.2": "V.4.1", "VI.2": "VI.3",
               "VI.3": "VI.2", "VII.3.1.1": "VII.3.2.1", "VII.3.2.1": "VII.3.1.1"}
    values = {"V.2.1": 0, "V.2.2": 2, "V.4.1": 1, "V.4.2": 2, "VI.2": 2, "VI.3": 1, "VII.3.1.1": 160,
              "VII.3.2.1": 402}
    # Each row keeps its STT, but carries (and holds the value of) its look-alike's name, word for word.
    path = build_form(tmp_path / "dao.xlsx", {code: {"Số liệu": values[code]} for code in swapped},
                      names={code: CATALOG[other]["name"] for code, other in swapped.items()})
    found = read_statistics(session, q1, path)
    assert got(found) == {swapped[code]: str(value) for code, value in values.items()}
    row = {r.code: r for r in found.rows}["VII.3.2.1"]
    assert row.matched_by == "name" and "VII.3.1.1" in row.notes[0] and not row.flags
    # Worded a little differently: held under the indicator the name says, never stored by its STT.
    reworded = {"V.2.1": "Số viên chức tuyển dụng (thi tuyển, xét tuyển)",
                "V.4.1": "Số lãnh đạo cấp phòng bị kỷ luật",
                "VII.3.1.1": "Tổng số hồ sơ DVC trực tuyến một phần"}
    path = build_form(tmp_path / "dao-2.xlsx", {code: {"Số liệu": 7} for code in reworded}, names=reworded)
    found = read_statistics(session, q1, path)
    assert got(found) == {}
    assert {r.code for r in found.flagged} == {"V.2.2", "V.4.2", "VII.3.2.1"}
    assert all("không nhập theo STT" in r.flags[0] for r in found.flagged)


def test_names_are_told_apart_by_the_words_that_differ():
    toan, mot = CATALOG["VII.3.1.1"]["name"], CATALOG["VII.3.2.1"]["name"]
    typed = "Tổng số hồ sơ của DVCTT một phần"
    assert similarity(typed, toan) > 80          # a plain fuzzy ratio cannot tell them apart
    assert contrast(typed, toan, mot) > 0 > contrast(typed, mot, toan)
    assert contrast("Số lãnh đạo cấp xã bị kỷ luật", CATALOG["V.4.2"]["name"], CATALOG["V.4.1"]["name"]) > 0
    assert contrast("Số viên chức được tuyển dụng", CATALOG["V.2.1"]["name"], CATALOG["V.2.2"]["name"]) > 0
    assert contrast(CATALOG["VI.3"]["name"], CATALOG["VI.2"]["name"], CATALOG["VI.3"]["name"]) > 0
    assert contrast("Số hồ sơ giải quyết xong", CATALOG["III.4.2"]["name"], CATALOG["III.4.3"]["name"]) < 0


def test_invalid_values_are_held_with_the_reason(session, q1, tmp_path):
    path = build_form(tmp_path / "sai.xlsx", {
        "III.1": {"Số liệu": "118.5"}, "IV.2": {"Số liệu": "-3"}, "I.1": {"Số liệu": 2.5},
        "VII.3.2.1": {"Số liệu": "1.60"}, "V.3": {"Số liệu": 2}, "I.4": {"Số liệu": "3"},
        "VII.1": {"Số liệu": "0,986"}, "II.1": {"Số liệu": 4}})
    found = read_statistics(session, q1, path)
    assert got(found) == {"II.1": "4"}
    rows = {r.code: r for r in found.rows}
    assert {r.code for r in found.flagged} == {"III.1", "IV.2", "I.1", "VII.3.2.1", "V.3", "I.4", "VII.1"}
    assert "“118.5” không phải số nguyên" in rows["III.1"].flags[0] and "hàng nghìn" in rows["III.1"].flags[0]
    assert "số âm" in rows["IV.2"].flags[0] and "Thủ tục" in rows["III.1"].flags[0]
    assert "chỉ nhận 0" in rows["V.3"].flags[0] and "chỉ nhận 0" in rows["I.4"].flags[0]
    assert "98,6 %" in rows["VII.1"].flags[0]
    for code in ("III.1", "IV.2", "V.3", "VII.1"):
        assert rows[code].status_label == "cần kiểm tra — không được nhập"
        assert rows[code].to_json()["status"] == "held"
    over = build_form(tmp_path / "tren-100.xlsx", {"VII.1": {"Số liệu": "120"}})
    assert "0–100" in read_statistics(session, q1, over).flagged[0].flags[0]
    apply_statistics(session, q1, found)
    cells = session.statistics.form(q1).cells
    assert [cells[c].value for c in ("III.1", "IV.2", "I.1", "VII.3.2.1", "V.3", "VII.1")] == [None] * 6
    assert cells["II.1"].value == 4


def test_register_values_show_as_current_and_the_forms_checks_run_after_import(session, demo, tmp_path):
    q1 = session.periods.by_key("2026-Q1")
    session.statistics.reopen(q1, "thử nhập biểu của tỉnh")
    q1 = session.periods.by_key("2026-Q1")
    registered = session.statistics.form(q1).cells["I.2.1"].value
    kept = session.statistics.form(q1).cells["III.4.1"].value
    path = build_form(tmp_path / "so-nv.xlsx", {"I.2.1": {"Số liệu": 30}, "I.2.2": {"Số liệu": 2},
                                               "III.4.2": {"Số liệu": int(kept) + 50}})
    found = read_statistics(session, q1, path)
    rows = {r.code: r for r in found.rows}
    assert rows["I.2.1"].current == vietnamese_number(registered) and rows["I.2.1"].held
    assert "sổ theo dõi nhiệm vụ" in rows["I.2.1"].flags[0] and "khác" in rows["I.2.1"].flags[0]
    assert rows["I.2.2"].status == "same"                  # the file agrees with the register
    # III.4.2 is new, III.4.1 is kept: "đã giải quyết xong ≤ đã tiếp nhận" is checked on both together.
    assert any("III.4.2" in p for p in found.problems) and any("Sau khi nhập" in w for w in found.warnings)
    apply_statistics(session, q1, found)
    assert session.statistics.form(q1).cells["I.2.1"].entry.raw is None      # held: not written
    assert any(p.startswith("chỉ tiêu III.4.2") for p in found.problems)
    apply_statistics(session, q1, found, include={"I.2.1"})                     # ticked, by code
    assert session.statistics.form(q1).cells["I.2.1"].value == 30


def test_stocks_must_read_the_same_in_the_cumulative_and_last_quarter_columns(session, h1, tmp_path):
    path = build_form(tmp_path / "ton.xlsx", {
        "IV.3.1": {"Quý II/2026": 24, "Lũy kế 6 tháng năm 2026": 48},     # a stock added up: held
        "IV.2": {"Quý II/2026": 3, "Lũy kế 6 tháng năm 2026": 3},         # a stock read right
        "III.4.1": {"Quý II/2026": 300, "Lũy kế 6 tháng năm 2026": 700}},  # a flow: the cumulative one
        ("Quý II/2026", "Lũy kế 6 tháng năm 2026"), title=False)
    found = read_statistics(session, h1, path)
    assert got(found) == {"IV.2": "3", "III.4.1": "700"}
    held = {r.code: r for r in found.flagged}
    assert list(held) == ["IV.3.1"] and "“Quý II/2026” ghi 24" in held["IV.3.1"].flags[0]


def test_messages_name_real_columns_hidden_ones_and_partial_headers(session, q1, tmp_path):
    path = build_form(tmp_path / "an.xlsx", {"I.1": {"Số liệu": 9, "Số liệu ": 4}}, ("Số liệu", "Số liệu "))
    book = openpyxl.load_workbook(path)
    book.active.column_dimensions["D"].hidden = True
    book.save(path)
    with pytest.raises(ColumnChoiceNeeded) as refused:
        read_statistics(session, q1, path)
    assert "(cột D, cột đang ẩn)" in str(refused.value) and "--column D" in refused.value.hint
    found = read_statistics(session, q1, path, column="D")
    assert any("đang bị ẩn" in w for w in found.warnings)
    two = openpyxl.Workbook()
    for name in ("Biểu A", "Biểu B"):
        build_form(tmp_path / "x.xlsx", {"I.1": {"Số liệu": 1}}, book=two, sheet=name)
    del two["Sheet"]
    two.save(tmp_path / "hai-trang.xlsx")
    with pytest.raises(ColumnChoiceNeeded) as refused:
        read_statistics(session, q1, tmp_path / "hai-trang.xlsx")
    assert "--column \"Biểu A!D\"" in refused.value.hint
    assert got(read_statistics(session, q1, tmp_path / "hai-trang.xlsx", column="Biểu B!D")) == {"I.1": "1"}
    cumulative = build_form(tmp_path / "lk.xlsx", {"I.1": {"Kỳ trước": 2, "Lũy kế đến kỳ này": 6}},
                            ("Kỳ trước", "Lũy kế đến kỳ này"))
    assert got(read_statistics(session, q1, cumulative, column="lũy kế")) == {"I.1": "6"}   # a unique part
    year = session.periods.by_key("2026-Y")
    neither = build_form(tmp_path / "quy.xlsx", {"I.1": {"Quý IV/2025": 9, "Quý I/2026": 4}},
                         ("Quý IV/2025", "Quý I/2026"), group="Số liệu", title=False)
    with pytest.raises(ColumnChoiceNeeded, match="Không cột nào trong tệp là số liệu của năm 2026") as refused:
        read_statistics(session, year, neither)
    assert "quý IV năm 2025" in str(refused.value) and "quý I năm 2026" in str(refused.value)


def test_a_domain_row_labelled_linh_vuc_and_ratio_notes_rounded(session, q1, tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    for row in (["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"],
                ["", "Lĩnh vực VI - Cải cách tài chính công", "", ""],
                ["1", "Tổng số ĐVSN công lập tại địa phương", "Đơn vị", 3],
                ["", "Lĩnh vực III - Cải cách thủ tục hành chính", "", ""],
                ["4.1", "Số hồ sơ đã tiếp nhận", "Hồ sơ", 109], ["4.2", "Số hồ sơ đã được giải quyết xong", "Hồ sơ", 109],
                ["4.3", "Số hồ sơ đã giải quyết đúng hạn", "Hồ sơ", 108],
                ["4.4", "Tỷ lệ hồ sơ đã tiếp nhận được giải quyết đúng hạn", "%", 95.341365]):
        ws.append(row)
    book.save(tmp_path / "lv.xlsx")
    found = read_statistics(session, q1, tmp_path / "lv.xlsx")
    assert got(found) == {"VI.1": "3", "III.4.1": "109", "III.4.2": "109", "III.4.3": "108"}
    ratio = {r.code: r for r in found.rows}["III.4.4"]
    assert ratio.typed == "95,34" and "tệp ghi 95,34 nhưng" in ratio.notes[0] and "99,08 %" in ratio.notes[0]


def test_cli_include_takes_a_held_row_and_help_shows_the_sheet_form(tmp_path):
    path = build_form(tmp_path / "bieu.xlsx", {"V.2.1": {"Số liệu": 3}, "II.1": {"Số liệu": 1}},
                      names={"V.2.1": "Số viên chức tuyển dụng (thi tuyển, xét tuyển)"})
    data = tmp_path / "dữ liệu"
    preview = _cli("stats", "import", "--period", "2026-Q1", str(path), "--dry-run", data_dir=data)
    assert "cần kiểm tra — không được nhập" in preview.stdout and "--include" in preview.stdout
    done = _cli("stats", "import", "--period", "2026-Q1", str(path), "--include", "V.2.2", data_dir=data)
    assert done.returncode == 0, done.stderr
    shown = json.loads(_cli("stats", "show", "--period", "2026-Q1", "--json", data_dir=data).stdout)
    values = {r["code"]: r["value"] for r in shown}
    assert (values["V.2.1"], values["V.2.2"], values["II.1"]) == (None, 3, 1)
    wrong = _cli("stats", "import", "--period", "2026-Q1", str(path), "--include", "IX.9", data_dir=data)
    assert wrong.returncode != 0 and "IX.9" in wrong.stderr
    helped = _cli("stats", "import", "--help", data_dir=data)
    assert "Trang!D" in helped.stdout and "--include" in helped.stdout


def test_a_group_heading_is_no_look_alike_and_a_bare_period_header_is_a_value(session, q1, tmp_path):
    path = build_form(tmp_path / "nhom.xlsx", {"I.3.1": {"Q4/2025": 5, "Q1/2026": 6}}, ("Q4/2025", "Q1/2026"),
                      names={"I.3.1": "Tổng số nhiệm vụ UBND tỉnh giao"})   # reads a little like group I.3
    found = read_statistics(session, q1, path)
    assert got(found) == {"I.3.1": "6"} and found.column.label == "Q1/2026"


def test_sheets_named_by_period_the_other_periods_sheet_is_set_aside(session, q1, tmp_path):
    book = openpyxl.Workbook()
    build_form(tmp_path / "x.xlsx", {"I.1": {"Số liệu": 9}}, book=book, sheet="Quý IV năm 2025", title=False)
    build_form(tmp_path / "x.xlsx", {"I.1": {"Số liệu": 4}}, book=book, sheet="Quý I năm 2026", title=False)
    del book["Sheet"]
    book.save(tmp_path / "hai-ky.xlsx")
    found = read_statistics(session, q1, tmp_path / "hai-ky.xlsx")
    assert got(found) == {"I.1": "4"} and found.column.sheet == "Quý I năm 2026"
