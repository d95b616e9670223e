"""The values of a statistics period: what a write stores and records, what it refuses (writing nothing),
closing and reopening, copying stocks from the period before, and the arithmetic of computed rows.

Each test names the behaviour it guards; values are compared exactly, audit rows one by one.
"""
from __future__ import annotations

import re
from datetime import date

import pytest

from cchc_desktop.errors import ValidationError
from cchc_desktop.model import DONE, PlanInput, TaskInput
from cchc_desktop.statistics.form import (COUNT, RATIO, REGISTER_DONE, SUM, Cell, Entry, Indicator,
                                          evaluate_form)
from cchc_desktop.statistics.formula import FormulaError, evaluate, parse

Q1_LABEL = "Quý I năm 2026"
CLOSED_HINT = "Nếu cần sửa, hãy “Mở lại” kỳ báo cáo và ghi rõ lý do."
OFFICER = "(chưa đặt tên cán bộ)"   # the profile's name when none was entered


@pytest.fixture(autouse=True)
def _fresh_parser():
    """Formulas are parsed again in every test, never taken from the cache another test filled."""
    parse.cache_clear()
    yield
    parse.cache_clear()


@pytest.fixture
def stats(session):
    return session.statistics


@pytest.fixture
def q1(session):
    session.statistics.ensure_catalog(2026)      # installing the catalog is a write of its own
    return session.periods.by_key("2026-Q1")


@pytest.fixture
def h1(session):
    return session.periods.by_key("2026-H1")


@pytest.fixture
def counted_plan(session):
    """The year's CCHC plan with three tasks, one of them done in February: I.2.1 = 3, I.2.2 = 1."""
    plan = session.plans.create(PlanInput("Kế hoạch CCHC năm 2026", 2026, "CCHC", "235/KH-UBND", date(2026, 1, 8)))
    ids = [session.tasks.add(TaskInput(plan, "PAR", "I", f"Nhiệm vụ {n}", deadline_text="Quý I/2026"))
           for n in (1, 2, 3)]
    session.tasks.update_progress(ids[0], status=DONE, progress=100, completed_on=date(2026, 2, 1))
    return plan, ids


def exact(message: str) -> str:
    """``match=`` for the whole text the officer reads (message and hint)."""
    return f"^{re.escape(message)}$"


def trail(session, period, code) -> list[tuple]:
    """The value's audit rows, oldest first: (action, field, old, new)."""
    return [(e.action, e.field, e.old_value, e.new_value)
            for e in reversed(session.statistics.history(period, code))]


def period_trail(session, period) -> list[tuple]:
    return [(e.entity_id, e.action, e.field, e.old_value, e.new_value)
            for e in reversed(session.audit.for_period(period.id))]


def stored(session) -> list[tuple]:
    """Everything the statistics keep, to show that a refused change wrote nothing."""
    return [tuple(r) for r in session.rows(
        "SELECT period_id, indicator_id, raw, value, comment, follow_up, override_note FROM stat_values "
        "ORDER BY period_id, indicator_id")] + \
        [tuple(r) for r in session.rows("SELECT key, value FROM settings WHERE key LIKE 'frozen.%' ORDER BY key")] + \
        [tuple(r) for r in session.rows("SELECT id, closed_at, closed_by FROM report_periods ORDER BY id")]


def unchanged(session):
    """A context: asserts that the block wrote no statistics and no audit row."""
    class _Same:
        def __enter__(self):
            self.before, self.last = stored(session), session.audit.last_id()
            return self

        def __exit__(self, *exc):
            assert stored(session) == self.before
            assert session.audit.last_id() == self.last
            return False
    return _Same()


def cell(session, period, code) -> Cell:
    return session.statistics.form(session.periods.get(period.id)).cells[code]


# ---------------------------------------------------------------------------- set_value

def test_a_typed_value_is_stored_as_typed_and_read_as_a_number(session, stats, q1):
    last = session.audit.last_id()
    shown = stats.set_value(q1, "III.4.1", "  1.234,5 ")
    assert (shown.entry.raw, shown.value, shown.computed) == ("1.234,5", 1234.5, False)
    assert trail(session, q1, "III.4.1") == [("update", "value", None, "1.234,5")]
    assert session.audit.kinds_since(last)[0] == frozenset({"stat"})
    entry = cell(session, q1, "III.4.1").entry
    assert (entry.updated_by, entry.updated_at[:10]) == (OFFICER, "2026-11-25")   # "Sửa lần cuối" in the form


def test_a_value_may_be_forty_characters_long_not_forty_one(session, stats, q1):
    forty = "1" * 40
    assert stats.set_value(q1, "III.4.1", f" {forty} ").entry.raw == forty    # spaces around do not count
    with unchanged(session), pytest.raises(ValidationError, match=exact("Số liệu quá dài (tối đa 40 ký tự).")) as err:
        stats.set_value(q1, "III.4.1", "2" * 41)
    assert err.value.field == "value"


def test_blank_over_blank_writes_nothing(session, stats, q1):
    with unchanged(session):
        assert stats.set_value(q1, "III.4.1", "").value is None
        assert stats.set_value(q1, "III.4.1", None).value is None
    assert trail(session, q1, "III.4.1") == []


def test_the_same_value_again_writes_nothing_and_still_shows_the_cell(session, stats, q1):
    stats.set_value(q1, "III.4.1", "12")
    with unchanged(session):
        again = stats.set_value(q1, "III.4.1", "12")
    assert (again.indicator.code, again.value) == ("III.4.1", 12.0)
    assert trail(session, q1, "III.4.1") == [("update", "value", None, "12")]


def test_clearing_a_value_is_recorded_as_a_change_to_blank(session, stats, q1):
    stats.set_value(q1, "III.4.1", "12")
    assert stats.set_value(q1, "III.4.1", " ").value is None
    assert trail(session, q1, "III.4.1") == [("update", "value", None, "12"), ("update", "value", "12", None)]


def test_a_computed_row_refuses_typing_and_nothing_is_written(session, stats, q1):
    with unchanged(session):
        with pytest.raises(ValidationError, match=exact("Chỉ tiêu III.4.4 được tính tự động, không nhập trực tiếp.")):
            stats.set_value(q1, "III.4.4", "50")
        with pytest.raises(ValidationError, match=exact("Chỉ tiêu VI.4 được tính tự động, không nhập trực tiếp.")):
            stats.set_value(q1, "VI.4", "3")


def test_a_register_row_needs_a_reason_before_it_is_overridden(session, stats, q1):
    refused = "“Số nhiệm vụ đã hoàn thành” được lấy tự động từ danh sách nhiệm vụ. Nếu sửa, hãy ghi chú lý do sửa."
    with unchanged(session), pytest.raises(ValidationError, match=exact(refused)) as err:
        stats.set_value(q1, "I.2.2", "7")
    assert err.value.field == "override_note"
    stats.set_comment(q1, "I.2.2", "Theo báo cáo của Phòng VHXH")     # a row exists now, still without a reason
    with unchanged(session), pytest.raises(ValidationError, match=exact(refused)):
        stats.set_value(q1, "I.2.2", "7")


def test_override_notes_are_kept_and_recorded_field_by_field(session, stats, q1):
    first = stats.set_value(q1, "I.2.2", "7", note="Tỉnh giao bổ sung")
    assert (first.value, first.entry.override_note) == (7.0, "Tỉnh giao bổ sung")
    assert trail(session, q1, "I.2.2") == [("update", "value", None, "7"),
                                           ("update", "override_note", None, "Tỉnh giao bổ sung")]
    # a new value without a note keeps the reason already given, and records only the value
    assert stats.set_value(q1, "I.2.2", "8").entry.override_note == "Tỉnh giao bổ sung"
    assert trail(session, q1, "I.2.2")[2:] == [("update", "value", "7", "8")]
    # the same value with a new reason records only the reason
    assert stats.set_value(q1, "I.2.2", "8", note="Sở Nội vụ hướng dẫn").entry.override_note == "Sở Nội vụ hướng dẫn"
    assert trail(session, q1, "I.2.2")[3:] == [("update", "override_note", "Tỉnh giao bổ sung", "Sở Nội vụ hướng dẫn")]
    # the same value and the same reason: nothing
    with unchanged(session):
        stats.set_value(q1, "I.2.2", "8", note="Sở Nội vụ hướng dẫn")
    # the reason taken away, the number kept
    assert stats.set_value(q1, "I.2.2", "8", note="").entry.override_note == ""
    assert trail(session, q1, "I.2.2")[4:] == [("update", "override_note", "Sở Nội vụ hướng dẫn", None)]


def test_a_note_on_a_plain_row_is_stored_with_the_value(session, stats, q1):
    stats.set_value(q1, "III.4.1", "5", note="Số của Trung tâm")
    assert trail(session, q1, "III.4.1") == [("update", "value", None, "5"),
                                             ("update", "override_note", None, "Số của Trung tâm")]


# ---------------------------------------------------------------------------- yes/no rows

@pytest.mark.parametrize(("code", "typed", "raw"), [
    ("IV.1", "hoàn  THÀNH", "1"),       # its own yes label, any case and spacing
    ("IV.1", "Có", "1"), ("IV.1", "x", "1"), ("IV.1", "X", "1"),
    ("IV.1", "Chưa", "0"), ("IV.1", "không", "0"), ("IV.1", "KHÔNG", "0"),
    ("I.4", "chưa", "0"), ("I.4", "Có", "1"),
    ("V.3", "Chưa thực hiện", "0"), ("V.3", "đã thực hiện", "1"),
    ("V.3", "0", "0"), ("V.3", "1", "1"),
])
def test_a_yes_no_row_takes_its_labels_and_the_usual_words(session, stats, q1, code, typed, raw):
    shown = stats.set_value(q1, code, typed)
    assert (shown.entry.raw, shown.value, shown.violations) == (raw, float(raw), [])


def test_a_yes_no_row_keeps_other_words_as_typed_and_marks_them(session, stats, q1):
    shown = stats.set_value(q1, "IV.1", "có lẽ")
    assert (shown.entry.raw, shown.value, shown.violations) == ("có lẽ", None, ["“có lẽ” không phải là số."])


@pytest.mark.parametrize("typed", ["x", "có", "không", "chưa"])
def test_yes_no_words_mean_nothing_in_a_count_row(session, stats, q1, typed):
    shown = stats.set_value(q1, "III.4.1", typed)
    assert (shown.entry.raw, shown.value, shown.violations) == (typed, None, [f"“{typed}” không phải là số."])


# ---------------------------------------------------------------------------- comments and follow-up

def test_a_comment_may_be_two_thousand_characters_not_more(session, stats, q1):
    stats.set_comment(q1, "III.4.1", "a" * 2000)
    assert cell(session, q1, "III.4.1").entry.comment == "a" * 2000
    with unchanged(session), pytest.raises(ValidationError, match=exact("Ghi chú quá dài (tối đa 2000 ký tự).")) as err:
        stats.set_comment(q1, "III.4.1", "b" * 2001)
    assert err.value.field == "comment"


def test_a_comment_is_recorded_once_and_cleared_by_blank_or_none(session, stats, q1):
    stats.set_value(q1, "III.4.1", "5")
    with unchanged(session):
        stats.set_comment(q1, "III.4.1", "   ")                 # blank over no comment: nothing
    stats.set_comment(q1, "III.4.1", " Theo sổ của Trung tâm ")
    with unchanged(session):
        stats.set_comment(q1, "III.4.1", "Theo sổ của Trung tâm")
    stats.set_comment(q1, "III.4.1", None)
    assert cell(session, q1, "III.4.1").entry.comment == ""
    assert trail(session, q1, "III.4.1")[1:] == [("update", "comment", None, "Theo sổ của Trung tâm"),
                                                 ("update", "comment", "Theo sổ của Trung tâm", None)]


def test_following_up_twice_is_recorded_once(session, stats, q1):
    stats.set_follow_up(q1, "III.4.1", True)
    with unchanged(session):
        stats.set_follow_up(q1, "III.4.1", True)
    assert cell(session, q1, "III.4.1").entry.follow_up is True
    assert trail(session, q1, "III.4.1") == [("update", "follow_up", "0", "1")]


# ---------------------------------------------------------------------------- JSON of a cell

def test_a_cell_as_json(session, stats, q1, h1, counted_plan):
    stats.set_value(h1, "I.2.2", "2,5", note="Tính cả nhiệm vụ tỉnh giao")
    stats.set_comment(h1, "I.2.2", "Xem lại cuối kỳ")
    stats.set_follow_up(h1, "I.2.2", True)
    stats.set_many(h1, {"III.4.2": "0", "III.4.3": "0"})
    cells = stats.form(h1).cells
    assert cells["I.2.2"].to_json() == {
        "code": "I.2.2", "name": "Số nhiệm vụ đã hoàn thành", "unit": "Nhiệm vụ", "kind": "count", "value": 2.5,
        "raw": "2,5", "computed": False, "register_value": 1.0, "previous": 1.0,
        "violations": ["Phải là số nguyên không âm (Nhiệm vụ)."], "warnings": [],
        "comment": "Xem lại cuối kỳ", "follow_up": True, "override_note": "Tính cả nhiệm vụ tỉnh giao"}
    assert cells["III.4.4"].to_json() == {
        "code": "III.4.4", "name": cells["III.4.4"].indicator.name, "unit": "%", "kind": "ratio", "value": None,
        "raw": None, "computed": True, "register_value": None, "previous": None, "violations": [],
        "warnings": ["Không tính được tỷ lệ: mẫu số bằng 0 (chưa có số liệu ở mẫu số)."],
        "comment": "", "follow_up": False, "override_note": ""}
    assert cells["I.2.1"].to_json()["computed"] is True and cells["I.2.1"].to_json()["value"] == 3.0


# ---------------------------------------------------------------------------- set_many

def test_set_many_returns_the_codes_it_changed_and_records_each(session, stats, q1):
    stats.set_value(q1, "III.4.2", "5")
    last = session.audit.last_id()
    assert stats.set_many(q1, {"III.4.1": "9", "III.4.2": "5", "III.4.3": "4", "III.4.5": ""}) == ["III.4.1", "III.4.3"]
    assert session.audit.kinds_since(last)[0] == frozenset({"stat"})
    assert trail(session, q1, "III.4.1") == [("update", "value", None, "9")]
    assert trail(session, q1, "III.4.2") == [("update", "value", None, "5")]
    assert trail(session, q1, "III.4.5") == []
    assert stats.set_many(q1, {"III.4.2": "6"}) == ["III.4.2"]
    assert trail(session, q1, "III.4.2")[1:] == [("update", "value", "5", "6")]
    entry = cell(session, q1, "III.4.1").entry
    assert (entry.raw, entry.value, entry.override_note) == ("9", 9.0, "")   # a plain row gets no note


def test_set_many_blank_over_blank_writes_nothing_and_none_clears(session, stats, q1):
    with unchanged(session):
        assert stats.set_many(q1, {"III.4.1": "", "III.4.2": None, "III.4.3": "  "}) == []
    stats.set_many(q1, {"III.4.1": "5"})
    assert stats.set_many(q1, {"III.4.1": None}) == ["III.4.1"]
    assert (cell(session, q1, "III.4.1").entry.raw, cell(session, q1, "III.4.1").value) == (None, None)
    assert trail(session, q1, "III.4.1") == [("update", "value", None, "5"), ("update", "value", "5", None)]


def test_set_many_refuses_a_computed_row_and_writes_none_of_the_others(session, stats, q1):
    with unchanged(session), pytest.raises(ValidationError,
                                           match=exact("Chỉ tiêu III.4.4 được tính tự động, không nhập trực tiếp.")):
        stats.set_many(q1, {"III.4.1": "5", "III.4.4": "50"})


def test_set_many_notes_where_a_register_row_was_overridden(session, stats, q1):
    assert stats.set_many(q1, {"I.2.2": "4", "I.2.1": "9"}) == ["I.2.2", "I.2.1"]
    note = "Nhập từ tệp/lệnh ngày 25/11/2026"
    assert cell(session, q1, "I.2.2").entry.override_note == note
    assert cell(session, q1, "I.2.1").entry.override_note == note
    # a reason already given stays
    stats.set_value(q1, "III.4.1", "1")
    stats.set_value(q1, "I.2.2", "5", note="Tỉnh giao bổ sung")
    stats.set_many(q1, {"I.2.2": "6"})
    assert cell(session, q1, "I.2.2").entry.override_note == "Tỉnh giao bổ sung"


def test_set_many_keeps_text_that_is_no_number_and_marks_it(session, stats, q1):
    stats.set_many(q1, {"III.4.1": "mười"})
    shown = cell(session, q1, "III.4.1")
    assert (shown.entry.raw, shown.value, shown.violations) == ("mười", None, ["“mười” không phải là số."])


def test_set_many_records_the_action_it_is_given(session, stats, q1):
    stats.set_many(q1, {"III.4.1": "5"}, action="import")
    stats.set_many(q1, {"III.4.1": "6"})
    assert trail(session, q1, "III.4.1") == [("import", "value", None, "5"), ("update", "value", "5", "6")]


def test_set_many_takes_yes_no_labels(session, stats, q1):
    assert stats.set_many(q1, {"IV.1": "Hoàn thành", "I.4": "không", "V.3": "Chưa thực hiện"}) == ["IV.1", "I.4", "V.3"]
    assert [cell(session, q1, c).entry.raw for c in ("IV.1", "I.4", "V.3")] == ["1", "0", "0"]


# ---------------------------------------------------------------------------- a closed period refuses writes

def test_every_write_to_a_closed_period_is_refused_with_the_way_out(session, stats, q1, h1):
    stats.set_value(q1, "III.4.1", "5")
    stats.close(q1)
    q1 = session.periods.get(q1.id)
    refused = exact(f"{Q1_LABEL} đã chốt số liệu nên không sửa được. {CLOSED_HINT}")
    with unchanged(session):
        for write in (lambda: stats.set_value(q1, "III.4.1", "6"), lambda: stats.set_many(q1, {"III.4.1": "6"}),
                      lambda: stats.set_comment(q1, "III.4.1", "x"), lambda: stats.set_follow_up(q1, "III.4.1", True),
                      lambda: stats.copy_previous(q1)):
            with pytest.raises(ValidationError, match=refused):
                write()


# ---------------------------------------------------------------------------- copy_previous

def test_the_first_period_has_nothing_to_copy(session, stats, q1):
    with unchanged(session), pytest.raises(ValidationError, match=exact(f"Chưa có kỳ báo cáo nào trước {Q1_LABEL}.")):
        stats.copy_previous(q1)


def test_copy_previous_fills_blank_stocks_and_never_overwrites_a_typed_value(session, stats, q1, h1):
    stats.set_many(q1, {"III.1": "112", "III.4.1": "300", "IV.1": "1", "IV.3.1": "24", "IV.3.2": "22"})
    stats.set_value(h1, "III.1", "120")                       # typed in this period: stays
    stats.set_comment(h1, "IV.3.1", "Theo quyết định giao biên chế")   # a comment only: still blank
    last = session.audit.last_id()
    assert stats.copy_previous(h1) == ["IV.1", "IV.3.1", "IV.3.2"]     # catalog order, stocks only
    assert session.audit.kinds_since(last)[0] == frozenset({"stat"})
    cells = stats.form(h1).cells
    assert (cells["III.1"].entry.raw, cells["III.1"].value) == ("120", 120.0)
    assert (cells["IV.3.1"].entry.raw, cells["IV.3.1"].value, cells["IV.3.1"].entry.comment) == \
        ("24", 24.0, "Theo quyết định giao biên chế")
    assert (cells["IV.1"].entry.raw, cells["IV.1"].value) == ("1", 1.0)
    assert (cells["III.4.1"].entry.raw, cells["III.4.1"].value) == (None, None)   # a flow is never copied
    assert trail(session, h1, "IV.3.1")[1:] == [("copy", "value", None, "24")]
    assert trail(session, h1, "III.1") == [("update", "value", None, "120")]
    with unchanged(session):
        assert stats.copy_previous(h1) == []                  # everything is filled now


# ---------------------------------------------------------------------------- closing

def _not_numbers(stats, period, codes):
    stats.set_many(period, {code: f"a{n}" for n, code in enumerate(codes, start=1)})


def test_closing_with_five_problems_lists_all_five(session, stats, q1):
    _not_numbers(stats, q1, ["I.1", "I.3.1", "I.3.2", "II.1", "II.2"])
    listing = ("I.1: “a1” không phải là số.; I.3.1: “a2” không phải là số.; I.3.2: “a3” không phải là số.; "
               "II.1: “a4” không phải là số.; II.2: “a5” không phải là số.")
    with unchanged(session), pytest.raises(ValidationError, match=exact(
            f"Biểu còn 5 lỗi nên chưa chốt được: {listing} Hãy sửa các ô được đánh dấu đỏ rồi chốt lại.")):
        stats.close(q1)


def test_closing_with_six_problems_lists_five_and_counts_the_rest(session, stats, q1):
    _not_numbers(stats, q1, ["I.1", "I.3.1", "I.3.2", "II.1", "II.2", "II.3"])
    listing = ("I.1: “a1” không phải là số.; I.3.1: “a2” không phải là số.; I.3.2: “a3” không phải là số.; "
               "II.1: “a4” không phải là số.; II.2: “a5” không phải là số.")
    with unchanged(session), pytest.raises(ValidationError, match=exact(
            f"Biểu còn 6 lỗi nên chưa chốt được: {listing} (và 1 lỗi khác) "
            "Hãy sửa các ô được đánh dấu đỏ rồi chốt lại.")):
        stats.close(q1)


def test_closing_records_who_and_refuses_a_second_time(session, stats, q1):
    stats.set_value(q1, "III.4.1", "5")
    last = session.audit.last_id()
    form = stats.close(q1)
    assert form.period.closed and form.period.closed_by == OFFICER and form.cells["III.4.1"].value == 5.0
    assert session.audit.kinds_since(last)[0] == frozenset({"period"})
    assert period_trail(session, q1) == [(q1.id, "close", "closed", None, "1")]
    closed = session.periods.get(q1.id)
    with unchanged(session), pytest.raises(ValidationError, match=exact(f"{Q1_LABEL} đã được chốt rồi.")):
        stats.close(closed)
    with unchanged(session), pytest.raises(ValidationError, match=exact(f"{Q1_LABEL} đã được chốt rồi.")):
        stats.close(q1.id)


def test_a_closed_period_hands_its_own_values_to_the_next(session, stats, q1, h1, counted_plan):
    stats.set_many(q1, {"III.4.1": "300", "III.4.2": "200", "III.4.3": "150", "VI.4.1": "1", "VI.4.2": "2",
                        "VI.4.3": "4"})
    stats.close(q1)
    cells = stats.form(h1).cells
    assert {c: cells[c].previous for c in ("III.4.1", "III.4.4", "VI.4", "I.2.1", "I.2.2", "III.5")} == {
        "III.4.1": 300.0, "III.4.4": 75.0, "VI.4": 7.0, "I.2.1": 3.0, "I.2.2": 1.0, "III.5": None}
    # and once the period after is closed too, it still shows them beside its own
    stats.close(h1)
    cells = stats.form(session.periods.get(h1.id)).cells
    assert (cells["III.4.1"].previous, cells["VI.4"].previous, cells["I.2.2"].previous) == (300.0, 7.0, 1.0)


def test_a_closed_period_keeps_its_computed_values_when_the_catalog_changes(session, stats, q1, h1):
    stats.set_many(q1, {"VI.4.1": "1", "VI.4.2": "2", "VI.4.3": "4"})
    stats.close(q1)
    item = next(i for i in stats.catalog_data(2026)["indicators"] if i["code"] == "VI.4")
    stats.save_indicator(2026, "VI.4", {**item, "formula": "VI.4.1 + VI.4.2"})
    assert stats.form(h1).cells["VI.4"].previous == 7.0           # as closed, not 3
    assert stats.form_values(session.periods.get(q1.id))["VI.4"] == 7.0


def test_a_closed_period_shows_the_register_drift_only_where_there_is_one(session, stats, q1, counted_plan):
    plan, ids = counted_plan
    stats.close(q1)
    closed = session.periods.get(q1.id)
    assert stats.form(closed).drifted == []
    session.tasks.delete(ids[1])
    form = stats.form(closed)
    assert [(c.indicator.code, c.value, c.register_now) for c in form.drifted] == [("I.2.1", 3.0, 2.0)]
    for task in ids:
        if task != ids[1]:
            session.tasks.delete(task)
    form = stats.form(closed)                                  # no task left: the register now says 0
    assert [(c.indicator.code, c.value, c.register_now) for c in form.drifted] == [("I.2.1", 3.0, 0.0),
                                                                                  ("I.2.2", 1.0, 0.0)]


def test_a_period_closed_before_snapshots_were_kept_still_shows_its_form(session, stats, q1, h1):
    stats.set_value(q1, "III.4.1", "5")
    with session.transaction() as conn:      # as an earlier version closed it: no snapshot in the settings
        conn.execute("UPDATE report_periods SET closed_at = '2026-03-10T08:00:00', closed_by = 'X' WHERE id = ?",
                     (q1.id,))
    closed = session.periods.get(q1.id)
    assert stats.form(closed).cells["III.4.1"].value == 5.0
    assert stats.form(h1).cells["III.4.1"].previous == 5.0


# ---------------------------------------------------------------------------- reopening

def test_reopening_an_open_period_is_refused(session, stats, q1):
    with unchanged(session), pytest.raises(ValidationError, match=exact(f"{Q1_LABEL} chưa chốt.")):
        stats.reopen(q1, "Sở Nội vụ yêu cầu bổ sung")


@pytest.mark.parametrize("reason", ["", None, "abcd", "  a  b ", "ab\n\tc"])
def test_reopening_needs_a_reason_of_five_characters(session, stats, q1, reason):
    stats.close(q1)
    closed = session.periods.get(q1.id)
    with unchanged(session), pytest.raises(ValidationError, match=exact("Hãy ghi rõ lý do mở lại kỳ báo cáo.")) as err:
        stats.reopen(closed, reason)
    assert err.value.field == "reason"


def test_reopening_with_five_characters_records_the_reason_and_drops_the_snapshot(session, stats, q1):
    stats.close(q1)
    key = f"frozen.period.{q1.id}"
    assert session.one("SELECT 1 FROM settings WHERE key = ?", (key,)) is not None
    last = session.audit.last_id()
    stats.reopen(session.periods.get(q1.id), " a  b\tc ")      # spaces collapse: "a b c", five characters
    assert not session.periods.get(q1.id).closed
    assert session.one("SELECT 1 FROM settings WHERE key = ?", (key,)) is None
    assert session.audit.kinds_since(last)[0] == frozenset({"period"})
    assert period_trail(session, q1)[1:] == [(q1.id, "reopen", "closed", "1", None),
                                             (q1.id, "reopen", "reason", None, "a b c")]
    stats.set_value(q1, "III.4.1", "8")                        # open again for writing


# ---------------------------------------------------------------------------- the catalog as data

def test_a_catalog_row_as_data_has_every_field(stats):
    rows = {i["code"]: i for i in stats.catalog_data(2026)["indicators"]}
    assert rows["IV.1"] == {
        "code": "IV.1", "domain": "IV", "stt": "1", "parent": "IV",
        "name": "Ban hành chức năng, nhiệm vụ, quyền hạn, tổ chức bộ máy của phòng chuyên môn thuộc UBND cấp xã",
        "unit": "Chưa = 0; Hoàn thành = 1", "kind": "yesno", "formula": "", "yes": "Hoàn thành", "no": "Chưa",
        "stock": True, "source": "",
        "lead": "Phòng VHXH (bộ phận phụ trách cán bộ, công chức, viên chức và công vụ)", "coordinator": ""}
    assert (rows["I.2.2"]["source"], rows["I.2.2"]["stock"]) == ("register_done", False)
    assert rows["VI.4"]["formula"] == "VI.4.1 + VI.4.2 + VI.4.3"
    assert rows["I.2"]["coordinator"] == "Các Phòng, ban, Trung tâm"


def test_next_years_catalog_starts_as_a_copy_of_this_one(stats):
    this = [(i.code, i.domain, i.stt, i.parent_code, i.position, i.name, i.unit, i.kind, i.formula, i.yes_label,
             i.no_label, i.stock, i.source, i.lead, i.coordinator) for i in stats.indicators(2026)]
    following = [(i.code, i.domain, i.stt, i.parent_code, i.position, i.name, i.unit, i.kind, i.formula, i.yes_label,
                  i.no_label, i.stock, i.source, i.lead, i.coordinator) for i in stats.indicators(2027)]
    assert following == this


# ---------------------------------------------------------------------------- evaluate_form (pure)

def _ind(position, code, kind, formula="", source=""):
    return Indicator(position, code, "X", str(position), None, position, f"Chỉ tiêu {code}", "", kind, formula,
                     source=source)


def test_sums_are_computed_before_ratios_whatever_the_catalog_order():
    rows = [_ind(1, "I.9", RATIO, "I.1 / I.3 * 100"), _ind(2, "I.1", COUNT), _ind(3, "I.2", COUNT),
            _ind(4, "I.3", SUM, "I.1 + I.2")]
    cells = evaluate_form(rows, [], {"I.1": Entry("1", 1.0), "I.2": Entry("2", 2.0)}, {}, {})
    assert (cells["I.3"].value, cells["I.3"].computed) == (3.0, True)
    assert (cells["I.9"].value, cells["I.9"].computed, cells["I.9"].warnings) == (33.333333, True, [])


def test_a_ratio_over_zero_warns_once_and_shows_no_number():
    rows = [_ind(1, "I.1", COUNT), _ind(2, "I.2", COUNT), _ind(3, "I.9", RATIO, "I.2 / I.1 * 100")]
    cells = evaluate_form(rows, [], {"I.1": Entry("0", 0.0), "I.2": Entry("0", 0.0)}, {}, {})
    assert (cells["I.9"].value, cells["I.9"].computed) == (None, True)
    assert cells["I.9"].warnings == ["Không tính được tỷ lệ: mẫu số bằng 0 (chưa có số liệu ở mẫu số)."]
    blank = evaluate_form(rows, [], {"I.1": Entry("4", 4.0)}, {}, {})["I.9"]
    assert (blank.value, blank.warnings) == (None, [])                  # a blank operand: blank, no warning


def test_text_typed_over_a_register_row_hides_the_register_number():
    rows = [_ind(1, "I.2.2", COUNT, source=REGISTER_DONE)]
    typed = evaluate_form(rows, [], {"I.2.2": Entry("nhiều", None)}, {REGISTER_DONE: 5.0}, {})["I.2.2"]
    assert (typed.value, typed.computed, typed.register_value) == (None, False, 5.0)
    assert typed.violations == ["“nhiều” không phải là số."]
    blank = evaluate_form(rows, [], {"I.2.2": Entry("", None)}, {REGISTER_DONE: 5.0}, {})["I.2.2"]
    assert (blank.value, blank.computed, blank.violations) == (5.0, True, [])


# ---------------------------------------------------------------------------- formulas

@pytest.mark.parametrize(("text", "value"), [
    ("VI.2 - VI.3", 3.0), ("VI.2 + VI.3", 7.0), ("10 - 4 - 3", 3.0), ("VI.2 - VI.3 + 1", 4.0),
    ("VI.2 * VI.3", 10.0), ("VI.2 / VI.3", 2.5), ("20 / VI.2 * 2", 8.0), ("2 * VI.2 + 1", 11.0),
    ("1 + VI.2 * 2", 11.0), ("(1 + VI.2) * 2", 12.0), ("(VI.2) - (VI.3)", 3.0),
    ("-VI.2 + 10", 5.0), ("- 2 * 3", -6.0), ("-(VI.2 - VI.3)", -3.0), ("10 - -2", 12.0),
])
def test_formula_arithmetic(text, value):
    assert evaluate(text, {"VI.2": 5.0, "VI.3": 2.0}).value == value


def test_formula_trees():
    assert parse("VI.2 - VI.3") == ("-", ("ref", "VI.2"), ("ref", "VI.3"))
    assert parse("2 * VI.2") == ("*", ("num", 2.0), ("ref", "VI.2"))
    assert parse("-VI.2") == ("-", ("num", 0.0), ("ref", "VI.2"))
    assert parse("(1 + 2) / 3") == ("/", ("+", ("num", 1.0), ("num", 2.0)), ("num", 3.0))
    assert parse("1 - 2 + 3") == ("+", ("-", ("num", 1.0), ("num", 2.0)), ("num", 3.0))


@pytest.mark.parametrize(("text", "why"), [
    ("VI.2 )", "công thức “VI.2 )” thừa phần cuối"), ("(1) 2", "công thức “(1) 2” thừa phần cuối"),
    ("(1 2)", "thiếu dấu đóng ngoặc"), ("(1", "thiếu dấu đóng ngoặc"), ("2 *", "công thức bị thiếu"),
    ("-", "công thức bị thiếu"), ("2 * + 3", "không hiểu “+”"), ("1 + * 2", "không hiểu “*”"),
])
def test_formulas_that_cannot_be_read_are_refused(text, why):
    with pytest.raises(FormulaError, match=exact(why)):
        parse(text)


def test_division_by_zero_is_a_problem_never_a_number():
    outcome = evaluate("VI.2 / (VI.3 - 2)", {"VI.2": 5.0, "VI.3": 2.0})
    assert (outcome.value, outcome.problem) == (None, "mẫu số bằng 0")
    assert evaluate("0 / VI.2", {"VI.2": 5.0}).value == 0.0


def test_a_closed_periods_own_form_shows_its_sums_as_closed_after_a_formula_edit(session, stats, q1):
    """The closed Q1 form showed (and its report quoted) 7; an edited formula would now give 3: the form still
    shows 7, and says what today's formula gives."""
    stats.set_many(q1, {"VI.4.1": "1", "VI.4.2": "2", "VI.4.3": "4"})
    stats.close(q1)
    item = next(i for i in stats.catalog_data(2026)["indicators"] if i["code"] == "VI.4")
    stats.save_indicator(2026, "VI.4", {**item, "formula": "VI.4.1 + VI.4.2"})
    cell = stats.form(session.periods.get(q1.id)).cells["VI.4"]
    assert cell.value == 7.0
    assert cell.warnings == ["Công thức của chỉ tiêu đã sửa sau khi chốt kỳ: kỳ đã chốt giữ số 7; theo công thức "
                             "hiện nay là 3."]
    stats.reopen(session.periods.get(q1.id), "Sửa công thức theo hướng dẫn của tỉnh")     # today's formula counts
    cell = stats.form(session.periods.get(q1.id)).cells["VI.4"]
    assert (cell.value, cell.warnings) == (3.0, [])
