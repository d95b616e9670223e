"""The statistics form of one period: what each row holds, what is computed, what is wrong.

Pure logic over plain data. Built-in checks: a count is whole and not negative; a
percentage lies in 0–100; a yes/no is 0 or 1; for a ratio b ≤ a. Rules from the catalog
("đúng hạn ≤ đã giải quyết xong") come on top. A typed value that breaks a check is kept
and marked, never thrown away; a blank is not a zero and breaks nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from cchc_desktop.i18n import format_number, tr
from cchc_desktop.statistics.formula import evaluate, references

GROUP, COUNT, NUMBER, PERCENT, YESNO, RATIO, SUM = "group", "count", "number", "percent", "yesno", "ratio", "sum"
KINDS = (GROUP, COUNT, NUMBER, PERCENT, YESNO, RATIO, SUM)
KIND_LABELS = {GROUP: "Nhóm (tiêu đề)", COUNT: "Số đếm", NUMBER: "Số", PERCENT: "Tỷ lệ % (nhập)",
               YESNO: "Có/Không", RATIO: "Tỷ lệ tự tính (b/a×100)", SUM: "Tổng tự tính"}
COMPUTED_KINDS = (RATIO, SUM)
REGISTER_PLANNED, REGISTER_DONE = "register_planned", "register_done"
OPS = {"<": lambda a, b: a < b, "<=": lambda a, b: a <= b + 1e-9, "=": lambda a, b: abs(a - b) < 1e-9,
       ">=": lambda a, b: a + 1e-9 >= b, ">": lambda a, b: a > b}


@dataclass(frozen=True)
class Indicator:
    id: int
    code: str
    domain: str
    stt: str
    parent_code: str | None
    position: int
    name: str
    unit: str
    kind: str
    formula: str = ""
    yes_label: str = ""
    no_label: str = ""
    stock: bool = False
    source: str = ""
    lead: str = ""
    coordinator: str = ""

    @property
    def computed(self) -> bool:
        return self.kind in COMPUTED_KINDS

    @property
    def enterable(self) -> bool:
        return self.kind not in (GROUP, *COMPUTED_KINDS)

    def label_of(self, value: float | None) -> str:
        if value is None:
            return ""
        if self.kind == YESNO and value in (0, 1):
            return self.yes_label if value == 1 else self.no_label
        if self.kind in (RATIO, PERCENT):
            return f"{format_number(round(value, 2))} %"
        return format_number(value)


@dataclass(frozen=True)
class Rule:
    left: str
    op: str
    right: str
    message: str


@dataclass
class Entry:
    raw: str | None = None
    value: float | None = None
    comment: str = ""
    follow_up: bool = False
    override_note: str = ""
    updated_at: str = ""
    updated_by: str = ""


@dataclass
class Cell:
    indicator: Indicator
    entry: Entry
    value: float | None               # what the form shows: typed, computed, or taken from the register
    computed: bool = False            # the value comes from a formula or from the task register
    register_value: float | None = None
    previous: float | None = None
    register_now: float | None = None  # a closed period: the register today, when it disagrees with the frozen value
    violations: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def blank(self) -> bool:
        return self.value is None and not (self.entry.raw or "").strip()

    def to_json(self) -> dict:
        ind = self.indicator
        return {"code": ind.code, "name": ind.name, "unit": ind.unit, "kind": ind.kind, "value": self.value,
                "raw": self.entry.raw, "computed": self.computed, "register_value": self.register_value,
                "previous": self.previous, "violations": self.violations, "warnings": self.warnings,
                "comment": self.entry.comment, "follow_up": self.entry.follow_up,
                "override_note": self.entry.override_note}


def evaluate_form(indicators: list[Indicator], rules: list[Rule], entries: dict[str, Entry],
                  register: dict[str, float], previous: dict[str, float | None]) -> dict[str, Cell]:
    """Every row's value and problems for one period."""
    cells: dict[str, Cell] = {}
    values: dict[str, float | None] = {}
    for ind in indicators:
        entry = entries.get(ind.code, Entry())
        cell = Cell(ind, entry, None, previous=previous.get(ind.code))
        if ind.source in (REGISTER_PLANNED, REGISTER_DONE):
            cell.register_value = register.get(ind.source)
        if ind.enterable:
            if entry.raw not in (None, "") or entry.value is not None:
                cell.value = entry.value
            elif cell.register_value is not None:
                cell.value, cell.computed = cell.register_value, True
        cells[ind.code] = cell
        values[ind.code] = cell.value
    _compute(indicators, cells, values)
    for cell in cells.values():
        _builtin_checks(cell, values)
    for rule in rules:
        _check_rule(rule, cells, values)
    return cells


def _compute(indicators: list[Indicator], cells: dict[str, Cell], values: dict[str, float | None]) -> None:
    # Sums first (a ratio may use a sum), in catalog order; formulas only read earlier results.
    for wanted in (SUM, RATIO):
        for ind in indicators:
            if ind.kind != wanted or not ind.formula:
                continue
            outcome = evaluate(ind.formula, values)
            cell = cells[ind.code]
            value = None if outcome.value is None else round(outcome.value, 6)  # no 110.00000000000001
            cell.value, cell.computed = value, True
            values[ind.code] = value
            if outcome.problem:
                cell.warnings.append(tr("Không tính được tỷ lệ: {why} (chưa có số liệu ở mẫu số).",
                                        why=outcome.problem))


def _builtin_checks(cell: Cell, values: dict[str, float | None]) -> None:
    ind, entry, value = cell.indicator, cell.entry, cell.value
    if ind.enterable and entry.raw and entry.value is None:
        cell.violations.append(tr("“{raw}” không phải là số.", raw=entry.raw))
        return
    if value is None:
        return
    if ind.kind in (COUNT, SUM) and not cell.computed and (value < 0 or value != int(value)):
        cell.violations.append(tr("Phải là số nguyên không âm ({unit}).", unit=ind.unit or tr("số lượng")))
    elif ind.kind == PERCENT and not 0 <= value <= 100:
        cell.violations.append(tr("Tỷ lệ phải nằm trong khoảng 0–100 %."))
    elif ind.kind == YESNO and value not in (0, 1):
        cell.violations.append(tr("Chỉ nhận {no} = 0 hoặc {yes} = 1.", no=ind.no_label, yes=ind.yes_label))
    elif ind.kind == RATIO and ind.formula:
        refs = references(ind.formula)
        if len(refs) == 2:
            b, a = values.get(refs[0]), values.get(refs[1])
            if a is not None and b is not None and b > a:
                message = tr("Tử số ({b}) lớn hơn mẫu số ({a}): tỷ lệ vượt 100 %.", b=format_number(b),
                             a=format_number(a))
                cell.violations.append(message)


def _check_rule(rule: Rule, cells: dict[str, Cell], values: dict[str, float | None]) -> None:
    left, right = evaluate(rule.left, values), evaluate(rule.right, values)
    if left.value is None or right.value is None or OPS[rule.op](left.value, right.value):
        return
    message = tr("{message} ({left} {op} {right} không đúng)", message=rule.message,
                 left=format_number(left.value), op=rule.op.replace("<=", "≤").replace(">=", "≥"),
                 right=format_number(right.value))
    for code in references(rule.left):
        if code in cells and message not in cells[code].violations:
            cells[code].violations.append(message)
