"""The form's checks exactly at their bounds (issue 18: these were caught only by accident, through the demo
data): a percent of exactly 100 and 0 is right, a ratio whose numerator equals its denominator (100 %) is
right, a rule "a <= b" holds when a equals b and "a < b" does not, and the task register's two rows are not
swapped."""
from __future__ import annotations

from cchc_desktop.statistics.form import (COUNT, PERCENT, RATIO, REGISTER_DONE, REGISTER_PLANNED, Entry, Indicator,
                                          Rule, evaluate_form)


def _row(position: int, code: str, kind: str, formula: str = "", source: str = "") -> Indicator:
    return Indicator(position, code, "I", str(position), None, position, f"Chỉ tiêu {code}", "", kind, formula,
                     source=source)


def _entries(**raw: float) -> dict[str, Entry]:
    return {code.replace("_", "."): Entry(str(value), float(value)) for code, value in raw.items()}


def test_a_percent_of_exactly_0_or_100_is_right_and_just_past_either_is_not():
    rows = [_row(1, "A", PERCENT)]
    for value, wrong in ((0, []), (100, []), (100.01, ["Tỷ lệ phải nằm trong khoảng 0–100 %."]),
                         (-0.01, ["Tỷ lệ phải nằm trong khoảng 0–100 %."])):
        assert evaluate_form(rows, [], _entries(A=value), {}, {})["A"].violations == wrong, value


def test_a_ratio_whose_numerator_equals_its_denominator_is_100_percent_and_right():
    rows = [_row(1, "I.1", COUNT), _row(2, "I.2", COUNT), _row(3, "I.3", RATIO, "I.2 / I.1 * 100")]
    cell = evaluate_form(rows, [], _entries(I_1=8, I_2=8), {}, {})["I.3"]
    assert (cell.value, cell.violations) == (100.0, [])
    cell = evaluate_form(rows, [], _entries(I_1=8, I_2=9), {}, {})["I.3"]
    assert cell.violations == ["Tử số (9) lớn hơn mẫu số (8): tỷ lệ vượt 100 %."]


def test_a_rule_at_equality_holds_for_less_or_equal_and_fails_for_less_than():
    rows = [_row(1, "I.1", COUNT), _row(2, "I.2", COUNT)]
    equal = _entries(I_1=5, I_2=5)
    for op, broken in (("<=", False), (">=", False), ("=", False), ("<", True), (">", True)):
        cells = evaluate_form(rows, [Rule("I.1", op, "I.2", "I.1 so với I.2 sai")], equal, {}, {})
        said = " ".join(cells["I.1"].violations + cells["I.2"].violations)
        assert ("I.1 so với I.2 sai" in said) is broken, op


def test_the_register_rows_take_planned_and_done_each_from_its_own_count():
    rows = [_row(1, "P", COUNT, source=REGISTER_PLANNED), _row(2, "D", COUNT, source=REGISTER_DONE)]
    cells = evaluate_form(rows, [], {}, {REGISTER_PLANNED: 12.0, REGISTER_DONE: 5.0}, {})
    assert (cells["P"].value, cells["D"].value) == (12.0, 5.0)
    assert cells["P"].computed and cells["D"].computed
