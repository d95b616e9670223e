"""The statistics form: formulas, every built-in rule, blank vs zero, the calendar, closing."""
from __future__ import annotations

import csv
from datetime import date

import openpyxl
import pytest

from cchc_desktop.errors import ValidationError
from cchc_desktop.exporters.stats_xlsx import export_statistics
from cchc_desktop.i18n import parse_number
from cchc_desktop.importers.stats_xlsx import apply_statistics, read_statistics
from cchc_desktop.model import DONE
from cchc_desktop.services.periods import preset_dates
from cchc_desktop.statistics.formula import FormulaError, evaluate, parse, references
from tests.support.libreoffice import convert


@pytest.fixture
def q1(session):
    return session.periods.by_key("2026-Q1")


def form_of(session, period):
    return session.statistics.form(period).cells


# ---------------------------------------------------------------------------- formulas and numbers

def test_formula_evaluation():
    values = {"III.4.2": 200.0, "III.4.3": 150.0, "VI.2": 1.0, "VI.3": 2.0, "VI.4": None}
    assert evaluate("III.4.3 / III.4.2 * 100", values).value == 75.0
    assert evaluate("VI.2 + VI.3 * 2", values).value == 5.0
    assert evaluate("(VI.2 + VI.3) * 2", values).value == 6.0
    assert evaluate("VI.2 + VI.4", values).value is None            # a blank operand: blank, not 0
    zero = evaluate("III.4.3 / VI.9", {"III.4.3": 3.0, "VI.9": 0.0})
    assert zero.value is None and "0" in zero.problem               # a warning, never a number
    assert references("III.4.3 / III.4.2 * 100") == ["III.4.3", "III.4.2"]
    assert parse("=VII.3.1.2/VII.3.1.1*100")[0] == "*"
    for bad, why in (("III.4.3 /", "công thức bị thiếu"), ("(VI.2 + 1", "thiếu dấu đóng ngoặc"),
                     ("import os", "không hiểu công thức “import os” ở vị trí 1"), ("VI.2 ++", "không hiểu “\\+”"),
                     ("VI.2 VI.3", "công thức “VI.2 VI.3” thừa phần cuối")):
        with pytest.raises(FormulaError, match=f"^{why}$"):
            parse(bad)


@pytest.mark.parametrize(("text", "value"), [("1.234", 1234.0), ("12,5", 12.5), ("1.234,5", 1234.5), ("0", 0.0),
                                             ("  7 ", 7.0), ("85%", 85.0), ("", None), ("2.5", 2.5)])
def test_vietnamese_numbers(text, value):
    assert parse_number(text) == value


def test_not_a_number():
    with pytest.raises(ValueError, match="không phải là số"):
        parse_number("mười")


# ---------------------------------------------------------------------------- the rules

def test_blank_is_not_zero(session, q1):
    cells = form_of(session, q1)
    assert cells["III.4.1"].value is None and cells["III.4.1"].blank
    assert cells["III.4.4"].value is None and not cells["III.4.4"].warnings   # nothing typed: nothing to say
    session.statistics.set_value(q1, "III.4.2", "0")
    cells = form_of(session, q1)
    assert cells["III.4.2"].value == 0 and not cells["III.4.2"].blank
    assert cells["III.4.4"].value is None                                   # b is still blank
    session.statistics.set_value(q1, "III.4.3", "0")
    ratio = form_of(session, q1)["III.4.4"]
    assert ratio.value is None and ratio.warnings and not ratio.violations  # 0/0: a warning, not a number


def test_every_builtin_rule(session, q1):
    stats = session.statistics
    stats.set_value(q1, "III.1", "12,5")         # a count must be whole
    stats.set_value(q1, "III.2", "-3")           # … and not negative
    stats.set_value(q1, "VII.1", "120")          # a percentage lies in 0–100
    stats.set_value(q1, "I.4", "2")              # yes/no is 0 or 1
    stats.set_value(q1, "VII.2.1", "50")
    stats.set_value(q1, "VII.2.2", "60")         # b ≤ a for every ratio
    stats.set_value(q1, "II.1", "mười hai")      # not a number: kept as typed, and marked
    cells = form_of(session, q1)
    assert "số nguyên không âm" in cells["III.1"].violations[0] and cells["III.1"].value == 12.5
    assert "số nguyên không âm" in cells["III.2"].violations[0]
    assert "0–100" in cells["VII.1"].violations[0]
    assert "Không = 0 hoặc Có = 1" in cells["I.4"].violations[0]
    assert "lớn hơn mẫu số" in cells["VII.2"].violations[0] and cells["VII.2"].value == 120.0
    assert cells["II.1"].entry.raw == "mười hai" and "không phải là số" in cells["II.1"].violations[0]
    assert "số văn bản điện tử" in cells["VII.2.2"].violations[0].lower()   # the catalog's own rule


def test_rules_from_the_catalog(session, q1):
    stats = session.statistics
    stats.set_many(q1, {"III.4.1": "100", "III.4.2": "120", "III.4.3": "90", "I.3.1": "5", "I.3.2": "4",
                        "I.3.3": "2"})
    cells = form_of(session, q1)
    assert "đã tiếp nhận" in cells["III.4.2"].violations[0]                  # xong ≤ tiếp nhận
    assert not cells["III.4.3"].violations                                  # đúng hạn ≤ xong holds
    assert "(6 ≤ 5 không đúng)" in cells["I.3.2"].violations[0]             # 4 + 2 ≤ 5 fails
    stats.set_value(q1, "III.4.2", "95")
    assert not form_of(session, q1)["III.4.2"].violations


def test_yes_no_accepts_its_labels(session, q1):
    session.statistics.set_value(q1, "IV.1", "Hoàn thành")
    assert form_of(session, q1)["IV.1"].value == 1
    session.statistics.set_value(q1, "IV.1", "chưa")
    assert form_of(session, q1)["IV.1"].value == 0


def test_computed_rows_refuse_typing(session, q1):
    with pytest.raises(ValidationError, match="tính tự động"):
        session.statistics.set_value(q1, "III.4.4", "50")
    with pytest.raises(ValidationError, match="tính tự động"):
        session.statistics.set_value(q1, "III", "1")


def test_sum_rows(session, q1):
    session.statistics.set_many(q1, {"VI.4.1": "1", "VI.4.2": "2", "VI.4.3": "0"})
    assert form_of(session, q1)["VI.4"].value == 3


# ---------------------------------------------------------------------------- from the register, from last period

def test_numbers_from_the_task_register(session, demo):
    q1, year = session.periods.by_key("2026-Q1"), session.periods.by_key("2026-Y")
    cells = form_of(session, q1)
    assert cells["I.2.1"].value == 42 and cells["I.2.1"].computed
    done_by_march = sum(1 for r in session.tasks.rows(demo) if r.status == DONE and r.completed_on <= q1.end_on)
    assert cells["I.2.2"].value == done_by_march == 2                     # by the cut-off (05/03)
    assert form_of(session, year)["I.2.2"].value == 6
    with pytest.raises(ValidationError, match="ghi chú lý do"):
        session.statistics.set_value(year, "I.2.2", "7")
    session.statistics.set_value(year, "I.2.2", "7", note="Tính thêm nhiệm vụ tỉnh giao bổ sung")
    cell = form_of(session, year)["I.2.2"]
    assert (cell.value, cell.computed, cell.register_value) == (7, False, 6)
    assert cell.entry.override_note.startswith("Tính thêm")


def test_start_from_last_period(session, q1):
    stats = session.statistics
    stats.set_many(q1, {"IV.3.1": "22", "IV.3.2": "20", "III.4.1": "300", "IV.1": "1"})
    h1 = session.periods.by_key("2026-H1")
    copied = stats.copy_previous(h1)
    assert sorted(copied) == ["IV.1", "IV.3.1", "IV.3.2"]          # stocks only, not the period's flows
    cells = form_of(session, h1)
    assert cells["IV.3.1"].value == 22 and cells["III.4.1"].value is None
    assert cells["III.4.1"].previous == 300                        # last period shown beside
    history = stats.history(h1, "IV.3.1")
    assert history[0].action == "copy"


# ---------------------------------------------------------------------------- closing

def test_lock_and_reopen_cycle(session, q1):
    stats = session.statistics
    stats.set_many(q1, {"III.4.2": "10", "III.4.3": "12"})
    with pytest.raises(ValidationError, match="còn 2 lỗi"):
        stats.close(q1)
    stats.set_value(q1, "III.4.3", "9")
    stats.close(q1)
    q1 = session.periods.get(q1.id)
    assert q1.closed and session.periods.status(q1) == "closed"
    for write in (lambda: stats.set_value(q1, "III.4.3", "8"), lambda: stats.set_comment(q1, "III.4.3", "x"),
                  lambda: stats.copy_previous(q1)):
        with pytest.raises(ValidationError, match="đã chốt"):
            write()
    with pytest.raises(ValidationError, match="lý do"):
        stats.reopen(q1, "")
    stats.reopen(q1, "Sở Nội vụ yêu cầu bổ sung số liệu")
    q1 = session.periods.get(q1.id)
    assert not q1.closed
    trail = [(e.action, e.field, e.new_value) for e in session.audit.for_period(q1.id)]
    assert ("reopen", "reason", "Sở Nội vụ yêu cầu bổ sung số liệu") in trail and ("close", "closed", "1") in trail
    stats.set_value(q1, "III.4.3", "8")


def test_values_comments_and_follow_up_have_history(session, q1):
    stats = session.statistics
    stats.set_value(q1, "III.4.1", "100")
    stats.set_value(q1, "III.4.1", "110")
    stats.set_comment(q1, "III.4.1", "Theo sổ theo dõi của Trung tâm")
    stats.set_follow_up(q1, "III.4.1", True)
    changes = [(e.field, e.old_value, e.new_value) for e in stats.history(q1, "III.4.1")]
    assert ("value", "100", "110") in changes and ("value", None, "100") in changes
    assert ("comment", None, "Theo sổ theo dõi của Trung tâm") in changes and ("follow_up", "0", "1") in changes
    cell = form_of(session, q1)["III.4.1"]
    assert cell.entry.follow_up and cell.entry.comment


# ---------------------------------------------------------------------------- calendar

def test_calendar_presets_and_keys(session):
    assert preset_dates("vinh_loc", "Q1", 2026) == (date(2025, 12, 5), date(2026, 3, 5), date(2026, 3, 7))
    assert preset_dates("bnv", "Y", 2026) == (date(2025, 12, 15), date(2026, 12, 14), date(2026, 12, 15))
    periods = session.periods.ensure_year(2027)
    assert [p.kind for p in periods] == ["Q1", "H1", "Q3", "Y"]
    session.periods.apply_preset(2027, "vinh_loc", third="9M")
    periods = session.periods.list(2027)
    assert [p.kind for p in periods] == ["Q1", "H1", "9M", "Y"]
    nine = session.periods.by_key("2027-9M")
    assert (nine.start_on, nine.end_on, nine.due_on) == (date(2026, 12, 5), date(2027, 9, 5), date(2027, 9, 7))
    with pytest.raises(ValidationError, match="kỳ thứ ba là 9 tháng"):
        session.periods.by_key("2027-Q3")
    with pytest.raises(ValidationError, match="không đúng dạng"):
        session.periods.by_key("2027-Q5")
    with pytest.raises(ValidationError, match="trước ngày chốt"):
        session.periods.update(nine.id, nine.start_on, nine.end_on, date(2027, 9, 1))


def test_deadline_reminder(session):
    session.periods.apply_preset(2026, "vinh_loc")
    soon = session.periods.due_soon(date(2026, 12, 1))
    assert [p.key for p in soon] == ["2026-Y"]                   # due 07/12, within 7 days
    assert session.periods.due_soon(date(2026, 11, 20)) == []


# ---------------------------------------------------------------------------- Excel out and in

def test_xlsx_round_trip(session, workspace, q1, tmp_path):
    session.statistics.set_many(q1, {"III.4.1": "120", "III.4.2": "100", "III.4.3": "95", "I.4": "1",
                                     "VII.2.1": "400", "VII.2.2": "310"})
    session.statistics.set_comment(q1, "III.4.1", "Số liệu của Trung tâm")
    out = export_statistics(session, q1.id, tmp_path / "biểu thống kê.xlsx")
    sheet = openpyxl.load_workbook(out).active
    rows = {sheet.cell(r, 8).value: r for r in range(8, sheet.max_row + 1)}
    assert sheet.cell(rows["III.4.4"], 4).value.startswith("=IF(")          # a real Excel formula
    assert sheet.cell(rows["III.4.1"], 7).value == "Số liệu của Trung tâm"
    assert sheet.column_dimensions["H"].hidden
    found = read_statistics(session, q1, out)
    assert found.changes == [] and found.unchanged >= 6
    sheet.cell(rows["III.4.5"], 4).value = 4
    sheet.cell(rows["VII.2.2"], 4).value = 320
    sheet.parent.save(out)
    session.statistics.set_value(q1, "VII.2.2", "315")                       # changed here too: a conflict
    found = read_statistics(session, q1, out)
    assert {c.code: (c.current, c.new, c.conflict) for c in found.changes} == {
        "III.4.5": (None, "4", False), "VII.2.2": ("315", "320", True)}
    assert apply_statistics(session, q1, found, take_conflicts=False) == ["III.4.5"]
    cells = form_of(session, q1)
    assert (cells["III.4.5"].value, cells["VII.2.2"].value) == (4, 315)


def test_import_into_a_closed_period_is_refused(session, q1, tmp_path):
    session.statistics.set_value(q1, "III.4.1", "5")
    out = export_statistics(session, q1.id, tmp_path / "q1.xlsx")
    session.statistics.close(q1)
    with pytest.raises(ValidationError, match="đã chốt"):
        read_statistics(session, session.periods.get(q1.id), out)
    assert form_of(session, q1)["III.4.1"].value == 5


def test_libreoffice_recalculates_to_the_same_ratios(session, q1, tmp_path):
    session.statistics.set_many(q1, {"III.4.2": "160", "III.4.3": "150", "III.5.1": "9", "III.5.2": "7",
                                     "VII.3.1.1": "80", "VII.3.1.2": "33", "VI.4.1": "1", "VI.4.2": "1",
                                     "VI.4.3": "0"})
    out = export_statistics(session, q1.id, tmp_path / "q1.xlsx")
    csv_path = convert(out, "csv:Text - txt - csv (StarCalc):44,34,76,1", tmp_path, timeout=120)
    with open(csv_path, encoding="utf-8") as handle:
        by_code = {row[7]: row[3] for row in csv.reader(handle) if len(row) > 7 and row[7]}
    cells = form_of(session, q1)
    for code in ("III.4.4", "III.5", "VII.3.1", "VI.4"):
        assert float(by_code[code]) == pytest.approx(cells[code].value, abs=0.005), code
    assert by_code["VII.3.2"] == ""                                           # blank operands: blank, not 0


# ---------------------------------------------------------------------------- the catalog

def _seed_form_xlsx(path):
    """Seed 004's Phụ lục 01b, as the province sends it: a, b and =b/a*100 marks, page breaks."""
    from cchc_desktop.importers import read_document
    from tests.conftest import SEEDS
    document = read_document(SEEDS / "004_af92c9f39506e254.txt")
    rows, taking = [], False
    for table in document.tables:
        for row in table.rows:
            taking = taking or (len(row) > 1 and "Chỉ tiêu thống kê" in row[1])
            if taking:
                rows.append(row)
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append([c or None for c in row])
    book.save(path)
    return path


def test_catalog_loads_from_the_provinces_form(session, tmp_path):
    import json

    from cchc_desktop.resources import resource_path
    bundled = json.loads(resource_path("indicators", "phu-luc-01b.json").read_text(encoding="utf-8"))
    expected = {i["code"]: (i["kind"], i.get("formula", "")) for i in bundled["indicators"]}
    loaded, dropped = session.statistics.load_catalog_xlsx(2027, _seed_form_xlsx(tmp_path / "pl01b.xlsx"))
    assert (loaded, dropped) == (80, 0)
    got = {i.code: (i.kind, i.formula) for i in session.statistics.indicators(2027)}
    assert got == expected
    four = next(i for i in session.statistics.indicators(2027) if i.code == "IV.1")
    assert (four.yes_label, four.no_label) == ("Hoàn thành", "Chưa")


def test_catalog_round_trips_through_our_export(session, q1, tmp_path):
    out = export_statistics(session, q1.id, tmp_path / "mau.xlsx")
    session.statistics.load_catalog_xlsx(2028, out)
    assert [(i.code, i.kind, i.formula) for i in session.statistics.indicators(2028)] == \
        [(i.code, i.kind, i.formula) for i in session.statistics.indicators(2026)]


def test_catalog_edits_are_checked(session, q1):
    stats = session.statistics
    stats.save_indicator(2026, None, {"code": "III.6", "domain": "III", "stt": "6", "parent": "III",
                                      "name": "Số hồ sơ trực tuyến tiếp nhận qua bưu chính", "unit": "Hồ sơ",
                                      "kind": "count"})
    assert any(i.code == "III.6" for i in stats.indicators(2026))
    with pytest.raises(ValidationError, match="không có trong danh mục"):
        stats.save_rules(2026, [{"left": "III.6", "op": "<=", "right": "III.99", "message": "x"}])
    with pytest.raises(ValidationError, match="đang được dùng"):
        stats.delete_indicator(2026, "III.4.2")        # the ratio III.4.4 divides by it
    stats.set_value(q1, "III.6", "3")
    with pytest.raises(ValidationError, match="đã có số liệu"):
        stats.delete_indicator(2026, "III.6")
    stats.set_value(q1, "III.6", "")
    stats.delete_indicator(2026, "III.6")
    assert not any(i.code == "III.6" for i in stats.indicators(2026))


def test_a_period_is_named_without_a_doubled_word(session):
    titles = [session.periods.by_key(f"2026-{kind}").title for kind in ("Q1", "H1", "Q3", "Y")]
    assert titles == ["quý I năm 2026", "6 tháng đầu năm 2026", "quý III năm 2026", "năm 2026"]
