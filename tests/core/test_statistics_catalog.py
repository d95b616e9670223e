"""The indicator catalog of a year: installing, checking, editing, deleting, carrying it to a new year;
and the form's own checks (whole counts, 0–100 %, yes/no, b ≤ a, the catalog's rules) with their wording.

A refused change says why in Vietnamese and writes nothing: neither the catalog nor the audit trail moves.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from cchc_desktop.errors import NotFound, ValidationError
from cchc_desktop.statistics.form import Entry, Indicator, Rule, evaluate_form

YEAR = 2030

RULE_MESSAGE = "Số văn bản điện tử không thể lớn hơn tổng số văn bản của đơn vị."   # longer than 40 characters


def exactly(text: str) -> str:
    """A ``match=`` pattern for the whole message (message and hint) the officer reads."""
    return "^" + re.escape(text) + "$"


def catalog() -> dict:
    """A small catalog: two domains, a nested group, every kind of row, one rule."""
    return {"indicators": [
        {"code": "I", "domain": "I", "stt": "I", "name": "Chỉ đạo điều hành", "kind": "group",
         "lead": "Văn phòng UBND", "coordinator": "Các phòng, ban"},
        {"code": "I.1", "domain": "I", "stt": "1", "parent": "I", "name": "Tổng số văn bản của đơn vị",
         "unit": "Văn bản", "kind": "count", "stock": True, "lead": "Bộ phận Văn thư", "coordinator": "Phòng VHXH"},
        {"code": "I.2", "domain": "I", "stt": "2", "parent": "I", "name": "Số văn bản điện tử", "unit": "Văn bản",
         "kind": "count"},
        {"code": "I.3", "domain": "I", "stt": "3", "parent": "I", "name": "Tỷ lệ văn bản điện tử", "unit": "%",
         "kind": "ratio", "formula": "I.2 / I.1 * 100"},
        {"code": "I.4", "domain": "I", "stt": "4", "parent": "I", "name": "Tổ chức đối thoại với người dân",
         "unit": "Không = 0 Có = 1", "kind": "yesno", "yes": "Có", "no": "Không"},
        {"code": "II", "domain": "II", "stt": "II", "name": "Cải cách thủ tục hành chính", "kind": "group"},
        {"code": "II.1", "domain": "II", "stt": "1", "parent": "II", "name": "Kết quả giải quyết hồ sơ",
         "kind": "group"},
        {"code": "II.1.1", "domain": "II", "stt": "1.1", "parent": "II.1", "name": "Số hồ sơ đã tiếp nhận",
         "unit": "Hồ sơ", "kind": "count", "source": "register_planned"},
        {"code": "II.2", "domain": "II", "stt": "2", "parent": "II", "name": "Tỷ lệ báo cáo gửi qua hệ thống",
         "unit": "%", "kind": "percent"},
    ], "rules": [{"left": "I.2", "op": "<=", "right": "I.1", "message": RULE_MESSAGE}]}


ROWS = [  # what catalog() installs: code, domain, stt, parent, position, name, unit, kind, formula, yes, no, stock,
    #       source, lead, coordinator (a field left out of the input is stored empty)
    ("I", "I", "I", None, 1, "Chỉ đạo điều hành", "", "group", "", "", "", False, "", "Văn phòng UBND",
     "Các phòng, ban"),
    ("I.1", "I", "1", "I", 2, "Tổng số văn bản của đơn vị", "Văn bản", "count", "", "", "", True, "",
     "Bộ phận Văn thư", "Phòng VHXH"),
    ("I.2", "I", "2", "I", 3, "Số văn bản điện tử", "Văn bản", "count", "", "", "", False, "", "", ""),
    ("I.3", "I", "3", "I", 4, "Tỷ lệ văn bản điện tử", "%", "ratio", "I.2 / I.1 * 100", "", "", False, "", "", ""),
    ("I.4", "I", "4", "I", 5, "Tổ chức đối thoại với người dân", "Không = 0 Có = 1", "yesno", "", "Có", "Không",
     False, "", "", ""),
    ("II", "II", "II", None, 6, "Cải cách thủ tục hành chính", "", "group", "", "", "", False, "", "", ""),
    ("II.1", "II", "1", "II", 7, "Kết quả giải quyết hồ sơ", "", "group", "", "", "", False, "", "", ""),
    ("II.1.1", "II", "1.1", "II.1", 8, "Số hồ sơ đã tiếp nhận", "Hồ sơ", "count", "", "", "", False,
     "register_planned", "", ""),
    ("II.2", "II", "2", "II", 9, "Tỷ lệ báo cáo gửi qua hệ thống", "%", "percent", "", "", "", False, "", "", ""),
]


def rows_of(session, year: int = YEAR) -> list[tuple]:
    return [(i.code, i.domain, i.stt, i.parent_code, i.position, i.name, i.unit, i.kind, i.formula, i.yes_label,
             i.no_label, i.stock, i.source, i.lead, i.coordinator) for i in session.statistics.indicators(year)]


def stored_codes(session, year: int = YEAR) -> list[str]:
    """The codes in the database, without ``indicators()`` installing a catalog for an empty year."""
    return [r[0] for r in session.rows("SELECT code FROM indicators WHERE year = ? ORDER BY position", (year,))]


def catalog_trail(session, year: int = YEAR) -> list[tuple]:
    return [(e.action, e.field, e.old_value, e.new_value) for e in session.audit.for_entity("catalog", year)]


@pytest.fixture
def installed(session):
    """The small catalog in YEAR and its first quarter (the calendar made before anything is measured)."""
    session.statistics.replace_catalog(YEAR, catalog())
    return session.periods.by_key(f"{YEAR}-Q1")


class Unchanged:
    """Snapshot of the year's catalog, its values and the audit trail, to show a refusal wrote nothing."""

    def __init__(self, session, year: int = YEAR):
        self.session, self.year = session, year
        self.state = self._state()

    def _state(self):
        s = self.session
        return (s.rows("SELECT * FROM indicators WHERE year = ? ORDER BY id", (self.year,)),
                s.rows("SELECT * FROM indicator_rules WHERE year = ? ORDER BY id", (self.year,)),
                s.rows("SELECT * FROM stat_values ORDER BY period_id, indicator_id"),
                s.audit.last_id())

    def check(self) -> None:
        now = self._state()
        assert [list(map(tuple, part)) for part in now[:3]] == [list(map(tuple, part)) for part in self.state[:3]]
        assert now[3] == self.state[3], "a refused change wrote audit rows"


# ---------------------------------------------------------------------------- installing a catalog

def test_a_catalog_is_installed_in_its_order_with_every_field_and_one_audit_row(session):
    mark = session.audit.last_id()
    assert session.statistics.replace_catalog(YEAR, catalog()) == 9
    assert rows_of(session) == ROWS
    assert session.statistics.rules(YEAR) == [Rule("I.2", "<=", "I.1", RULE_MESSAGE)]
    assert catalog_trail(session) == [("update", "name", None, "9 chỉ tiêu")]
    assert session.audit.kinds_since(mark)[0] == frozenset({"catalog"})


def test_a_catalog_without_rules_installs_none(session):
    data = catalog()
    del data["rules"]
    assert session.statistics.replace_catalog(YEAR, data) == 9
    assert session.statistics.rules(YEAR) == []


def test_every_comparison_of_a_rule_is_accepted(session, installed):
    rules = [{"left": "I.2", "op": op, "right": "I.1", "message": f"Quy tắc {op}"} for op in ("<", "<=", "=", ">=", ">")]
    session.statistics.save_rules(YEAR, rules)
    assert session.statistics.rules(YEAR) == [Rule("I.2", r["op"], "I.1", r["message"]) for r in rules]


def test_saving_rules_replaces_the_years_rules_and_is_audited(session, installed):
    mark = session.audit.last_id()
    session.statistics.save_rules(YEAR, [{"left": "I.3", "op": "<=", "right": "100", "message": "Không quá 100 %"}])
    assert session.statistics.rules(YEAR) == [Rule("I.3", "<=", "100", "Không quá 100 %")]
    assert rows_of(session) == ROWS
    assert session.audit.kinds_since(mark)[0] == frozenset({"catalog"})


@pytest.mark.parametrize("data", [{}, {"indicators": []}, {"indicators": [], "rules": []}])
def test_an_empty_catalog_is_refused_and_nothing_is_written(session, data):
    before = Unchanged(session)
    with pytest.raises(ValidationError, match=exactly("Danh mục chỉ tiêu trống.")):
        session.statistics.replace_catalog(YEAR, data)
    before.check()
    assert stored_codes(session) == []


def _with(change):
    data = catalog()
    change(data)
    return data


def _row(**fields):
    return {"code": "I.9", "domain": "I", "stt": "9", "parent": "I", "name": "Chỉ tiêu mới", "kind": "count",
            **fields}


BAD_CATALOGS = {
    "no code": (lambda d: d["indicators"].append({k: v for k, v in _row().items() if k != "code"}),
                "Mã chỉ tiêu “” bị trống hoặc trùng."),
    "blank code": (lambda d: d["indicators"].append(_row(code="   ")), "Mã chỉ tiêu “” bị trống hoặc trùng."),
    "same code twice": (lambda d: d["indicators"].append(_row(code=" I.2 ")),
                        "Mã chỉ tiêu “I.2” bị trống hoặc trùng."),
    "unknown kind": (lambda d: d["indicators"].append(_row(kind="percentage")),
                     "Chỉ tiêu I.9: loại “percentage” không hợp lệ."),
    "no name": (lambda d: d["indicators"].append({k: v for k, v in _row().items() if k != "name"}),
                "Chỉ tiêu I.9 chưa có tên."),
    "blank name": (lambda d: d["indicators"].append(_row(name="  ")), "Chỉ tiêu I.9 chưa có tên."),
    "formula cut short": (lambda d: d["indicators"].append(_row(kind="ratio", formula="I.2 /")),
                          "I.9: công thức bị thiếu"),
    "formula on missing rows": (lambda d: d["indicators"].append(_row(kind="sum", formula="I.7 + I.2 + I.8")),
                                "I.9: công thức dùng chỉ tiêu không có trong danh mục: I.7, I.8."),
    "rule with a word for its comparison": (
        lambda d: d["rules"].append({"left": "I.2", "op": "≤", "right": "I.1", "message": "Nhắc"}),
        "Quy tắc kiểm tra cần phép so sánh (<, ≤, =, ≥, >) và lời nhắc."),
    "rule with a blank message": (
        lambda d: d["rules"].append({"left": "I.2", "op": "<=", "right": "I.1", "message": "  "}),
        "Quy tắc kiểm tra cần phép so sánh (<, ≤, =, ≥, >) và lời nhắc."),
    "rule without a message": (
        lambda d: d["rules"].append({"left": "I.2", "op": "<=", "right": "I.1"}),
        "Quy tắc kiểm tra cần phép so sánh (<, ≤, =, ≥, >) và lời nhắc."),
    "rule formula cut short": (
        lambda d: d["rules"].append({"left": "I.2 +", "op": "<=", "right": "I.1", "message": RULE_MESSAGE}),
        "quy tắc “Số văn bản điện tử không thể lớn hơn tổn”: công thức bị thiếu"),
    "rule on a missing row": (
        lambda d: d["rules"].append({"left": "I.2", "op": "<=", "right": "I.8", "message": RULE_MESSAGE}),
        "quy tắc “Số văn bản điện tử không thể lớn hơn tổn”: công thức dùng chỉ tiêu không có trong danh mục: I.8."),
}


@pytest.mark.parametrize("case", list(BAD_CATALOGS))
def test_a_bad_catalog_is_refused_with_its_reason_and_the_old_one_stays(session, installed, case):
    change, message = BAD_CATALOGS[case]
    before = Unchanged(session)
    with pytest.raises(ValidationError, match=exactly(message)):
        session.statistics.replace_catalog(YEAR, _with(change))
    before.check()
    assert rows_of(session) == ROWS


def test_a_new_catalog_keeps_typed_values_with_the_codes_that_remain(session, installed):
    stats = session.statistics
    stats.set_value(installed, "I.1", "12")
    stats.set_follow_up(installed, "II.2", True)                  # a flag only: no number, no comment
    first_id = {i.code: i.id for i in stats.indicators(YEAR)}["I.1"]
    data = catalog()
    data["indicators"] = [data["indicators"][i] for i in (0, 2, 1, 3, 4, 5, 6, 7)]   # I.2 before I.1, II.2 dropped
    data["indicators"][2]["name"] = "Tổng số văn bản đi và đến"
    data["indicators"].append(_row(code="I.5", stt="5", name="Số văn bản mật"))
    assert stats.replace_catalog(YEAR, data) == 9
    rows = {i.code: i for i in stats.indicators(YEAR)}
    assert [c for c in rows] == ["I", "I.2", "I.1", "I.3", "I.4", "II", "II.1", "II.1.1", "I.5"]
    assert (rows["I.1"].id, rows["I.1"].position, rows["I.1"].name) == (first_id, 3, "Tổng số văn bản đi và đến")
    assert stats.form(installed).cells["I.1"].value == 12
    assert session.one("SELECT count(*) FROM stat_values")[0] == 1          # the dropped row's flag went with it


def test_a_new_catalog_that_drops_rows_with_data_is_refused(session, installed):
    stats = session.statistics
    stats.set_value(installed, "I.1", "12")
    stats.set_comment(installed, "II.2", "Theo báo cáo của Văn phòng")     # a comment alone is data too
    before = Unchanged(session)
    data = catalog()
    data["indicators"] = [i for i in data["indicators"] if i["code"] not in ("I.1", "I.3", "II.2")]
    data["rules"] = []
    with pytest.raises(ValidationError, match=exactly(
            "Danh mục mới bỏ các chỉ tiêu đã có số liệu: I.1, II.2. Hãy giữ lại các chỉ tiêu đó trong danh mục mới.")):
        stats.replace_catalog(YEAR, data)
    before.check()


# ---------------------------------------------------------------------------- a new year, the shipped catalog

def test_a_new_year_starts_from_last_years_catalog_and_rules(session, installed):
    assert rows_of(session, YEAR + 1) == ROWS
    assert session.statistics.rules(YEAR + 1) == [Rule("I.2", "<=", "I.1", RULE_MESSAGE)]
    assert catalog_trail(session, YEAR + 1) == [("update", "name", None, "9 chỉ tiêu")]


def test_the_first_year_gets_the_shipped_catalog_read_as_utf8_on_a_windows_machine(session, monkeypatch):
    """Windows in Vietnamese reads text as code page 1258 unless told: the catalog must say UTF-8."""
    read_text = Path.read_text

    def windows_read_text(self, encoding=None, errors=None):
        return read_text(self, encoding=encoding or "cp1258", errors=errors)

    monkeypatch.setattr(Path, "read_text", windows_read_text)
    first = 2000
    rows = {i.code: i for i in session.statistics.indicators(first)}
    assert len(rows) == 80
    assert rows["III.4.4"].name == "Tỷ lệ hồ sơ đã tiếp nhận được giải quyết đúng hạn"
    assert (rows["IV.1"].yes_label, rows["IV.1"].no_label) == ("Hoàn thành", "Chưa")
    assert len(session.statistics.rules(first)) == 13


# ---------------------------------------------------------------------------- one row

def test_a_row_is_found_by_its_code_and_an_unknown_code_is_named(session, installed):
    assert session.statistics.indicator(YEAR, " I.3 ").formula == "I.2 / I.1 * 100"
    with pytest.raises(NotFound, match=exactly("Không có chỉ tiêu mã “IX.9” trong danh mục năm 2030. "
                                               "Hãy xem mã các chỉ tiêu bằng lệnh: stats show")):
        session.statistics.indicator(YEAR, "IX.9")


def _new(code, parent, **fields):
    return {"code": code, "domain": code.split(".")[0], "stt": code, "parent": parent, "name": f"Chỉ tiêu {code}",
            "unit": "Hồ sơ", "kind": "count", **fields}


@pytest.mark.parametrize(("parent", "after"), [
    ("I", "I.4"),          # after the domain's last row, not after domain II (whose code also begins with "I")
    ("II.1", "II.1.1"),    # after the group's own rows, before the next row of the domain
    ("II", "II.2"),
    (None, "II.2"),        # no parent: at the end
    ("V", "II.2"),         # a parent not in the catalog: at the end
])
def test_a_new_row_goes_after_the_last_row_under_its_parent(session, installed, parent, after):
    mark = session.audit.last_id()
    session.statistics.save_indicator(YEAR, None, _new("I.5", parent))
    codes = [r[0] for r in rows_of(session)]
    assert codes.index("I.5") == codes.index(after) + 1 and len(codes) == 10
    assert [r for r in rows_of(session) if r[0] != "I.5"] == [
        (*r[:4], r[4] + (r[4] > codes.index("I.5")), *r[5:]) for r in ROWS]        # the others keep every field
    assert session.audit.kinds_since(mark)[0] == frozenset({"catalog"})
    assert catalog_trail(session)[0] == ("update", "name", None, "10 chỉ tiêu")


def test_a_new_row_under_a_parent_whose_links_loop_still_finds_its_place(session):
    data = catalog()
    data["indicators"][6]["parent"] = "II.1.1"              # II.1 ↔ II.1.1: a province's file can say so
    session.statistics.replace_catalog(YEAR, data)
    session.statistics.save_indicator(YEAR, None, _new("I.5", "I"))
    assert [r[0] for r in rows_of(session)][4:6] == ["I.4", "I.5"]


def test_changing_a_row_changes_only_that_row(session, installed):
    session.statistics.set_value(installed, "I.2", "7")
    changed = dict(catalog()["indicators"][2], name="Số văn bản đi điện tử", unit="Bản", lead="Văn thư")
    session.statistics.save_indicator(YEAR, "I.2", changed)      # a row with values: same code, so allowed
    rows = rows_of(session)
    assert rows[2] == ("I.2", "I", "2", "I", 3, "Số văn bản đi điện tử", "Bản", "count", "", "", "", False, "",
                       "Văn thư", "")
    assert rows[:2] + rows[3:] == ROWS[:2] + ROWS[3:]
    assert session.statistics.form(installed).cells["I.2"].value == 7


def test_a_row_without_values_can_take_a_new_code(session, installed):
    session.statistics.save_indicator(YEAR, "I.4", dict(catalog()["indicators"][4], code="I.5", stt="5"))
    assert [r[0] for r in rows_of(session)][4] == "I.5"


def test_changing_an_unknown_row_is_refused_and_nothing_is_written(session, installed):
    before = Unchanged(session)
    with pytest.raises(NotFound, match=exactly("Không có chỉ tiêu mã “I.9”.")):
        session.statistics.save_indicator(YEAR, "I.9", _new("I.9", "I"))
    before.check()


def test_a_row_with_values_keeps_its_code(session, installed):
    session.statistics.set_value(installed, "I.1", "12")
    before = Unchanged(session)
    with pytest.raises(ValidationError, match=exactly("Chỉ tiêu I.1 đã có số liệu nên không đổi mã được.")):
        session.statistics.save_indicator(YEAR, "I.1", dict(catalog()["indicators"][1], code="I.10"))
    before.check()


def test_a_changed_row_is_checked_like_a_whole_catalog(session, installed):
    before = Unchanged(session)
    with pytest.raises(ValidationError, match=exactly("I.3: công thức dùng chỉ tiêu không có trong danh mục: I.9.")):
        session.statistics.save_indicator(YEAR, "I.3", dict(catalog()["indicators"][3], formula="I.9 / I.1 * 100"))
    before.check()


# ---------------------------------------------------------------------------- deleting a row

def test_deleting_a_free_row_removes_it_and_is_audited(session, installed):
    mark = session.audit.last_id()
    session.statistics.delete_indicator(YEAR, "I.4")
    assert rows_of(session) == [r if r[4] < 5 else (*r[:4], r[4] - 1, *r[5:]) for r in ROWS if r[0] != "I.4"]
    assert session.audit.kinds_since(mark)[0] == frozenset({"catalog"})
    assert catalog_trail(session)[0] == ("update", "name", None, "8 chỉ tiêu")


@pytest.mark.parametrize(("code", "message"), [
    ("I.2", "Chỉ tiêu I.2 đang được dùng ở: I.3; Số văn bản điện tử không thể lớn hơn tổn. "
            "Hãy sửa các công thức, quy tắc đó trước."),                     # a ratio and a rule
    ("I.1", "Chỉ tiêu I.1 đang được dùng ở: I.3; Số văn bản điện tử không thể lớn hơn tổn. "
            "Hãy sửa các công thức, quy tắc đó trước."),
    ("II.1", "Chỉ tiêu II.1 đang được dùng ở: các chỉ tiêu con. Hãy sửa các công thức, quy tắc đó trước."),
])
def test_deleting_a_row_others_use_is_refused_and_names_them(session, installed, code, message):
    before = Unchanged(session)
    with pytest.raises(ValidationError, match=exactly(message)):
        session.statistics.delete_indicator(YEAR, code)
    before.check()


def test_deleting_a_row_with_values_is_refused(session, installed):
    session.statistics.set_value(installed, "II.2", "85")
    before = Unchanged(session)
    with pytest.raises(ValidationError, match=exactly("Chỉ tiêu II.2 đã có số liệu nên không xóa được.")):
        session.statistics.delete_indicator(YEAR, "II.2")
    before.check()


# ---------------------------------------------------------------------------- loading the province's Excel form

def test_loading_a_form_keeps_the_rules_whose_rows_remain(session, tmp_path):
    from cchc_desktop.exporters.stats_xlsx import export_statistics
    stats = session.statistics
    form = export_statistics(session, session.periods.by_key("2026-Q1").id, tmp_path / "mau.xlsx")
    year = 2028
    stats.save_indicator(year, None, _new("III.6", "III", domain="III", stt="6"))
    shipped = stats.rules(year)
    stats.save_rules(year, [r.__dict__ for r in shipped]
                     + [{"left": "III.6", "op": "<=", "right": "III.4.1", "message": "Hồ sơ qua bưu chính"}])
    assert stats.load_catalog_xlsx(year, form) == (80, 1)
    assert stats.rules(year) == shipped
    assert "III.6" not in {i.code for i in stats.indicators(year)}


# ---------------------------------------------------------------------------- the form's checks and labels

def _ind(code, kind, unit="", formula="", yes="", no=""):
    return Indicator(0, code, "I", code, None, 1, f"Chỉ tiêu {code}", unit, kind, formula, yes, no)


def _cells(indicators, typed, rules=()):
    entries = {code: Entry(raw, value) for code, (raw, value) in typed.items()}
    return evaluate_form(indicators, list(rules), entries, {}, {})


def test_a_count_must_be_whole_and_not_negative_and_says_its_unit():
    cells = _cells([_ind("I.1", "count", unit="Hồ sơ"), _ind("I.2", "count"), _ind("I.3", "count")],
                   {"I.1": ("12,5", 12.5), "I.2": ("-3", -3.0), "I.3": ("4", 4.0)})
    assert cells["I.1"].violations == ["Phải là số nguyên không âm (Hồ sơ)."]
    assert cells["I.2"].violations == ["Phải là số nguyên không âm (số lượng)."]
    assert cells["I.3"].violations == []


def test_text_that_is_no_number_is_named_in_the_violation():
    cells = _cells([_ind("I.1", "number")], {"I.1": ("mười hai", None)})
    assert cells["I.1"].violations == ["“mười hai” không phải là số."]


@pytest.mark.parametrize(("value", "wrong"), [(0.0, False), (0.5, False), (100.0, False), (100.5, True),
                                               (-0.5, True)])
def test_a_percentage_lies_between_0_and_100_inclusive(value, wrong):
    cells = _cells([_ind("I.1", "percent", unit="%")], {"I.1": (str(value), value)})
    assert cells["I.1"].violations == (["Tỷ lệ phải nằm trong khoảng 0–100 %."] if wrong else [])


def test_a_yes_no_row_takes_only_0_or_1_and_says_its_labels():
    cells = _cells([_ind("I.1", "yesno", yes="Hoàn thành", no="Chưa")], {"I.1": ("2", 2.0)})
    assert cells["I.1"].violations == ["Chỉ nhận Chưa = 0 hoặc Hoàn thành = 1."]


def test_a_ratio_above_its_denominator_says_both_numbers_but_a_sum_of_two_rows_does_not():
    indicators = [_ind("I.1", "count"), _ind("I.2", "count"), _ind("I.3", "ratio", formula="I.2 / I.1 * 100"),
                  _ind("I.4", "sum", formula="I.2 + I.1")]
    cells = _cells(indicators, {"I.1": ("1000", 1000.0), "I.2": ("1234", 1234.0)})
    assert cells["I.3"].violations == ["Tử số (1.234) lớn hơn mẫu số (1.000): tỷ lệ vượt 100 %."]
    assert cells["I.4"].value == 2234 and cells["I.4"].violations == []


def test_a_broken_rule_is_told_once_per_row_with_the_numbers_and_the_sign():
    indicators = [_ind("I.1", "count"), _ind("I.2", "count")]
    rules = [Rule("I.1 + I.1", ">=", "I.2", "Gấp đôi số đã giao phải đủ số đã làm"),
             Rule("I.2", "<=", "I.1", "Số đã làm không thể lớn hơn số đã giao")]
    cells = _cells(indicators, {"I.1": ("1", 1.0), "I.2": ("5", 5.0)}, rules)
    assert cells["I.1"].violations == ["Gấp đôi số đã giao phải đủ số đã làm (2 ≥ 5 không đúng)"]
    assert cells["I.2"].violations == ["Số đã làm không thể lớn hơn số đã giao (5 ≤ 1 không đúng)"]


@pytest.mark.parametrize(("indicator", "value", "label"), [
    (_ind("I.1", "yesno", yes="Hoàn thành", no="Chưa"), 1.0, "Hoàn thành"),
    (_ind("I.1", "yesno", yes="Hoàn thành", no="Chưa"), 0.0, "Chưa"),
    (_ind("I.1", "yesno", yes="Hoàn thành", no="Chưa"), 2.0, "2"),         # out of range: shown as typed
    (_ind("I.1", "yesno", yes="Hoàn thành", no="Chưa"), None, ""),
    (_ind("I.1", "count"), 1.0, "1"),
    (_ind("I.1", "count"), 0.0, "0"),
    (_ind("I.1", "count"), 1234.0, "1.234"),
    (_ind("I.1", "number"), 12.5, "12,5"),
    (_ind("I.1", "percent"), 0.0049, "0 %"),                                # two decimals at most
    (_ind("I.1", "ratio"), 66.666666, "66,67 %"),
])
def test_a_value_is_shown_the_way_its_row_reads(indicator, value, label):
    assert indicator.label_of(value) == label


def test_a_new_row_under_domain_i_of_the_shipped_catalog_stays_in_domain_i(session):
    """Domains II, III and IV begin with the letter I too; the new row still goes before domain II."""
    session.statistics.save_indicator(2026, None, _new("I.5", "I", stt="5"))
    codes = [i.code for i in session.statistics.indicators(2026)]
    at = codes.index("I.5")
    assert codes[at - 1:at + 2] == ["I.4", "I.5", "II"]
