"""Read a filled-in statistics form back from Excel: this program's own export, or the province's sheet as a
commune fills it by hand (``province_sheet`` reads the header, the domain rows and the numbers).

- **The value column** is found by its header. When more than one column could be this period's figure
  ("Kỳ trước | Kỳ báo cáo | Lũy kế" has one; "Số liệu | Kết quả", or two sheets, have two), nothing is
  guessed: ``ColumnChoiceNeeded`` names the candidates and the caller passes ``column``.
- **Rows are matched** by this program's hidden code column, else by the code path (domain + STT) checked
  against the name, else by the name alone (rapidfuzz on folded names) — and a row found only by its name says
  so. A row whose STT points at one indicator while its name reads as another's is flagged, not taken.
- **Every row** comes back with its source cell, the value now and the value in the file; a change is a
  value that differs from the data, a conflict one where the data also changed since the file was exported
  (this program's export keeps the values it wrote in a hidden column). "x", "-", "KAD" are "không áp dụng":
  nothing is stored for them (the form has no such value), and they are never a 0. A blank is not a zero:
  it changes nothing, except in this program's own export where it clears a value that was there.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import format_number, parse_number, tr
from cchc_desktop.importers.domains import domain_by_name
from cchc_desktop.importers.guard import check_file, detect_format
from cchc_desktop.importers.province_sheet import (BLANK, DOUBTFUL, EXPORTED, NOT_APPLICABLE, NUMBER, VALUE, Cell,
                                                   Column, ProvinceSheet, Reading, SheetRow, contrast,
                                                   names_other_figure, number_style, read_number, read_workbook,
                                                   same_name, similarity)
from cchc_desktop.statistics.form import COUNT, GROUP, PERCENT, YESNO, Entry, Indicator, evaluate_form
from cchc_desktop.text import fold

MATCH_SURE = 85      # names this alike are the same indicator
NAME_DIFFERENT = 75  # below this, the file's name is not the indicator's the STT points at
NAME_BETTER = 12     # another indicator's name this much more alike: the STT is shifted
NAME_MARGIN = 6      # a match by name alone must beat the next best by this much
NEAR = 70            # an unmatched row names the indicator it reads like from here
LEAN = 1.0           # the words telling two names apart lean this much to the other: not the STT's indicator

CHANGE, SAME, KEEP, NA, COMPUTED, UNREADABLE, HEADING = (
    "change", "same", "blank", "not_applicable", "computed", "unreadable", "group")
STATUS_LABELS = {CHANGE: "thay đổi", SAME: "không đổi", KEEP: "trống trong tệp, giữ nguyên",
                 NA: "không áp dụng", COMPUTED: "tự tính", UNREADABLE: "không đọc được", HEADING: "dòng tiêu đề"}


@dataclass(frozen=True)
class ColumnChoice:
    sheet: str
    letter: str
    label: str
    several_sheets: bool = False
    hidden: bool = False

    @property
    def key(self) -> str:
        return f"{self.sheet}!{self.letter}"

    @property
    def display(self) -> str:
        hidden = tr(", cột đang ẩn") if self.hidden else ""
        if self.several_sheets:
            return tr("“{label}” (trang “{sheet}”, cột {letter}{hidden})", label=self.label, sheet=self.sheet,
                      letter=self.letter, hidden=hidden)
        return tr("“{label}” (cột {letter}{hidden})", label=self.label, letter=self.letter, hidden=hidden)

    def to_json(self) -> dict:
        return {"key": self.key, "sheet": self.sheet, "column": self.letter, "label": self.label,
                "hidden": self.hidden}


class ColumnChoiceNeeded(ValidationError):
    """More than one column (or none) could be this period's values: the officer chooses."""

    def __init__(self, message: str, hint: str, candidates: list[ColumnChoice]):
        super().__init__(message, hint, field="column")
        self.candidates = candidates


@dataclass
class ValueChange:
    """One row of the file matched to an indicator: the value now, the value in the file, and why."""
    code: str
    name: str
    current: str | None
    new: str | None
    conflict: bool = False
    status: str = CHANGE
    source: str = ""                # "Biểu 01b!D14"
    typed: str = ""                 # the cell as typed
    file_name: str = ""             # the indicator's name as the file writes it
    stt: str = ""
    matched_by: str = ""            # "code" (this program's hidden column), "path" (domain + STT) or "name"
    notes: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)   # reasons to look before taking it: not taken unless asked

    @property
    def flagged(self) -> bool:
        return bool(self.flags)

    @property
    def file_value(self) -> str:
        """The file's side as the preview shows it."""
        if self.status == NA:
            return tr("không áp dụng")
        if self.status in (UNREADABLE, COMPUTED, HEADING):
            return self.typed or tr("(trống)")
        return self.new or tr("(trống)")

    @property
    def held(self) -> bool:
        """A value the file would write, held for a look: written only when the officer ticks it."""
        return self.status == CHANGE and self.flagged

    @property
    def status_label(self) -> str:
        if self.held:
            return tr("cần kiểm tra — không được nhập")
        return tr(STATUS_LABELS[self.status])

    def to_json(self) -> dict:
        return {"code": self.code, "name": self.name, "source": self.source, "stt": self.stt,
                "file_name": self.file_name, "typed": self.typed, "old": self.current, "new": self.new,
                "status": "held" if self.held else self.status, "status_label": self.status_label,
                "held": self.held, "conflict": self.conflict,
                "matched_by": self.matched_by, "notes": self.notes, "flags": self.flags}


@dataclass
class UnmatchedRow:
    source: str
    stt: str
    name: str
    typed: str
    reason: str

    def to_json(self) -> dict:
        return {"source": self.source, "stt": self.stt, "name": self.name, "typed": self.typed,
                "reason": self.reason}


@dataclass
class StatsImport:
    rows: list[ValueChange] = field(default_factory=list)
    unmatched: list[UnmatchedRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    column: ColumnChoice | None = None
    candidates: list[ColumnChoice] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)       # the form's checks broken once the changes are in

    @property
    def changes(self) -> list[ValueChange]:
        """What importing writes (conflicts included; ``apply_statistics`` decides about them)."""
        return [r for r in self.rows if r.status == CHANGE and not r.flagged]

    @property
    def unchanged(self) -> int:
        return sum(1 for r in self.rows if r.status == SAME)

    @property
    def conflicts(self) -> list[ValueChange]:
        return [c for c in self.changes if c.conflict]

    @property
    def flagged(self) -> list[ValueChange]:
        return [r for r in self.rows if r.flagged]

    def to_json(self) -> dict:
        return {"column": self.column.to_json() if self.column else None,
                "candidates": [c.to_json() for c in self.candidates],
                "rows": [r.to_json() for r in self.rows], "unmatched": [u.to_json() for u in self.unmatched],
                "changes": [c.code for c in self.changes], "conflicts": [c.code for c in self.conflicts],
                "flagged": [r.code for r in self.flagged], "unchanged": self.unchanged, "warnings": self.warnings,
                "problems": self.problems}


def _same(a: str | None, b: str | None) -> bool:
    if (a or "") == (b or ""):
        return True
    try:
        return parse_number(a) == parse_number(b)
    except ValueError:
        return False


# --------------------------------------------------------------------------- reading

def read_statistics(session, period, path: Path | str, column: str | None = None) -> StatsImport:
    """What the file would change in ``period``'s form; nothing is written. ``column`` picks the value column
    (its header "Kỳ báo cáo", its letter "D", or "Trang!D") when the file leaves a choice.

    Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
    path = Path(path)
    if detect_format(path, check_file(path)) != "xlsx":
        raise ValidationError(tr("Hãy chọn tệp Excel (.xlsx) của biểu thống kê."))
    if period.closed:
        raise ValidationError(tr("{label} đã chốt số liệu nên không nhập được.", label=period.label),
                              tr("Nếu cần sửa, hãy “Mở lại” kỳ báo cáo và ghi rõ lý do."))
    sheets = read_workbook(path)
    form = session.statistics.form(period)
    matcher = _Matcher(form.indicators, period.year)
    found = [(sheet, matcher.match(sheet)) for sheet in sheets]
    counts = [sum(1 for m in matches if m.indicator) for _sheet, matches in found]
    # A sheet with the form beside one with a few look-alike rows (instructions, another form): the form.
    useful = [(sheet, matches) for (sheet, matches), n in zip(found, counts) if n and n * 2 >= max(counts)]
    if not useful:
        seen = tr(" Tệp có {n} trang tính có dòng tiêu đề của biểu nhưng không dòng nào khớp danh mục chỉ tiêu "
                  "năm {year}.", n=len(sheets), year=period.year) if sheets else ""
        raise ValidationError(tr("Không tìm thấy dòng chỉ tiêu nào trong tệp.") + seen,
                              tr("Hãy dùng tệp biểu thống kê do chương trình xuất ra, hoặc đúng mẫu Phụ lục 01b "
                                 "(dòng tiêu đề có “STT”, “Chỉ tiêu”, “Số liệu”)."))
    sheet, matches, chosen, candidates = _choose(useful, column, period)
    result = StatsImport(column=chosen, candidates=candidates)
    column_used = sheet.columns[_index(chosen.letter)]
    if column and names_period(column_period(column_used), period) == GENERIC:
        words, said = title_period(sheet)
        if names_period(words, period) == ANOTHER:
            result.warnings.append(tr("Tiêu đề hoặc tên trang của biểu ghi {what} ({said}), không phải {period}; "
                                      "cột {col} được lấy vì đã được chọn rõ.", what=words.describe(), said=said,
                                      period=_period_name(period), col=chosen.display))
    if column_used.hidden:
        result.warnings.append(tr("Cột {col} đang bị ẩn trong Excel.", col=chosen.display))
    result.warnings.extend(matcher.warnings)
    _read_values(session, period, form, sheet, matches, column_used, result, _same_cutoff(sheet, column_used, period))
    result.problems = _problems(session, period, form, {c.code: c.new for c in result.changes})
    for problem in result.problems:
        result.warnings.append(tr("Sau khi nhập: {p}", p=problem))
    return result


def _same_cutoff(sheet: ProvinceSheet, column: Column, period) -> Column | None:
    """Beside a cumulative column of a period from the year's start, the column of its last quarter ("Quý II/2026"
    beside "Lũy kế 6 tháng năm 2026"): both end at the same cut-off, so a stock must read the same in both."""
    if period.kind not in LAST_QUARTER or names_period(column_period(column), period) != THIS:
        return None
    last = LAST_QUARTER[period.kind]
    for other in sheet.data_columns():
        words = column_period(other)
        if other is not column and words.kinds == {last} and (not words.years or period.year in words.years):
            return other
    return None


def _problems(session, period, form, changes: dict[str, str | None]) -> list[str]:
    """The form's checks (b ≤ a, "đúng hạn ≤ đã giải quyết xong" …) on the values as they would be after writing
    ``changes`` beside the values kept: the problems that are new."""
    stats = session.statistics
    entries = {code: cell.entry for code, cell in form.cells.items()}
    before = evaluate_form(form.indicators, stats.rules(period.year), entries, stats.register_values(period), {})
    for code, new in changes.items():
        entries[code] = Entry(new, parse_number(new) if new else None)
    after = evaluate_form(form.indicators, stats.rules(period.year), entries, stats.register_values(period), {})
    found = []
    for code, cell in after.items():
        for problem in cell.violations:
            if problem not in before[code].violations:
                found.append(tr("chỉ tiêu {code}: {p}", code=code, p=problem))
    return found


def form_problems(session, period) -> list[str]:
    """Every problem the period's form shows now ("chỉ tiêu III.4.3: …")."""
    form = session.statistics.form(period)
    return [tr("chỉ tiêu {code}: {p}", code=code, p=problem) for code, cell in form.cells.items()
            for problem in cell.violations]


# --------------------------------------------------------------------------- which period a header names

_DATE = re.compile(r"\b\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*(?:19|20)\d\d\b")
_YEAR_RANGE = re.compile(r"\b(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d\b")
_QUARTERS = re.compile(r"\b(?:quy|q)\s*\.?\s*(iv|iii|ii|i|[1-4])\b")
_MONTH_SPANS = re.compile(r"\b(3|6|9|12)\s*thang(\s+cuoi\s+nam)?\b")
_ANY_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d\d)(?!\d)")
_NAMED_YEAR = re.compile(r"\bnam\s+((?:19|20)\d\d)\b")
_CUMULATIVE = re.compile(r"\bluy\s+ke\b|\bcong\s+don\b")
_FROM_START = re.compile(r"\btu\s+dau\s+nam\b|\bdau\s+nam\s+den\b|\btu\s+01/01\b")
_WHOLE_YEAR = re.compile(r"\bca\s+nam\b")
YEAR_START_KINDS = ("Q1", "H1", "9M", "Y")     # periods whose window runs from the year's start
LAST_QUARTER = {"H1": "Q2", "9M": "Q3", "Y": "Q4"}
KIND_WORDS = {"Q1": "quý I", "Q2": "quý II", "Q3": "quý III", "Q4": "quý IV", "H1": "6 tháng", "H2": "6 tháng cuối năm",
              "9M": "9 tháng", "Y": "năm"}


@dataclass(frozen=True)
class PeriodWords:
    """The period a header or a title names: "Quý IV/2025" → kinds {"Q4"}, years {2025}; "Lũy kế 6 tháng năm
    2026" → {"H1"}, {2026}, cumulative; "Lũy kế từ đầu năm" → from the year's start, its end not said."""
    kinds: frozenset = frozenset()
    years: frozenset = frozenset()
    cumulative: bool = False
    from_start: bool = False

    def describe(self) -> str:
        year = min(self.years) if len(self.years) == 1 else None
        if self.kinds:
            if self.kinds == {"Y"}:
                return tr("năm {y}", y=year) if year else tr("cả năm")
            words = ", ".join(tr(KIND_WORDS[k]) for k in sorted(self.kinds))
            return tr("{w} năm {y}", w=words, y=year) if year else words
        if self.from_start:
            return tr("lũy kế từ đầu năm {y}", y=year) if year else tr("lũy kế từ đầu năm")
        return tr("năm {y}", y=year) if year else ""


@lru_cache(maxsize=1024)
def period_words(text: str, *, year_is_period: bool = True) -> PeriodWords:
    """The period ``text`` names. ``year_is_period``: "Năm 2026" alone names the year's report (a value column's
    own header) rather than only the year (a group over "Kế hoạch | Thực hiện", a title "… năm 2026")."""
    key = _YEAR_RANGE.sub(" ", _DATE.sub(" ", fold(text or "")))
    kinds = set()
    for match in _QUARTERS.finditer(key):
        number = {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(match.group(1)) or int(match.group(1))
        kinds.add(f"Q{number}")
    for match in _MONTH_SPANS.finditer(key):
        kinds.add("H2" if match.group(2) else {"3": "Q1", "6": "H1", "9": "9M", "12": "Y"}[match.group(1)])
    cumulative = bool(_CUMULATIVE.search(key))
    from_start = bool(_FROM_START.search(key))
    if kinds:
        years = {int(y) for y in _ANY_YEAR.findall(key)}
    else:
        years = {int(y) for y in _NAMED_YEAR.findall(key)}
        if _WHOLE_YEAR.search(key) or (years and year_is_period and not cumulative and
                                       re.fullmatch(r"(?:ca\s+)?nam\s+\d{4}", key.strip())):
            kinds.add("Y")
        elif years and cumulative:
            from_start = True          # "Lũy kế năm 2026": the year so far
    return PeriodWords(frozenset(kinds), frozenset(years), cumulative, from_start)


def column_period(column: Column) -> PeriodWords:
    """The period a column's header path names: its own cell first, then the group cells above it."""
    parts = list(column.path)
    if not parts:
        return PeriodWords()
    own = period_words(parts[-1])
    kinds, years, cumulative, from_start = set(own.kinds), set(own.years), own.cumulative, own.from_start
    for part in reversed(parts[:-1]):
        above = period_words(part, year_is_period=False)
        if not kinds and not from_start:
            kinds |= above.kinds
        years = years or set(above.years)
        cumulative = cumulative or above.cumulative
        from_start = from_start or above.from_start
    return PeriodWords(frozenset(kinds), frozenset(years), cumulative, from_start)


THIS, GENERIC, ANOTHER = "this", "generic", "another"


def names_period(words: PeriodWords, period) -> str:
    """THIS when ``words`` name ``period`` (a cumulative figure from the year's start is the value of a period
    that starts there too), ANOTHER when they name another one, GENERIC when they name none."""
    if words.years and period.year not in words.years:
        return ANOTHER
    if words.kinds:
        return THIS if period.kind in words.kinds else ANOTHER
    if words.from_start:
        return THIS if period.kind in YEAR_START_KINDS else ANOTHER
    return GENERIC


def title_period(sheet: ProvinceSheet) -> tuple[PeriodWords, str]:
    """The period the sheet's title lines and its tab name name, with the texts that name it ("" if none)."""
    kinds, years, said = set(), set(), []
    for text in [*sheet.heading[:6], sheet.title]:
        words = period_words(text, year_is_period=False)
        if words.kinds or words.years:
            kinds |= words.kinds
            years |= words.years
            said.append(text)
    return PeriodWords(frozenset(kinds), frozenset(years)), "; ".join(f"“{t}”" for t in said)


def _period_name(period) -> str:
    """As a sentence names it: "quý I năm 2026", "6 tháng đầu năm 2026", "năm 2026"."""
    return period.title.replace("năm năm", "năm")


def _index(letter: str) -> int:
    number = 0
    for char in letter:
        number = number * 26 + ord(char) - 64
    return number - 1


def _choose(useful, column: str | None, period):
    """The sheet and column holding ``period``'s values. A column whose header names another period is never
    taken, named or not. For a period that starts with the year (6 tháng, 9 tháng, năm) a cumulative column
    ("Lũy kế 6 tháng năm 2026", "Lũy kế từ đầu năm") IS the period's value, and beside it a quarter's column
    ("Quý II/2026") or a bare "Kỳ báo cáo" (the quarter, or else the same figure) is not taken.

    Stocks and flows: for a flow (hồ sơ tiếp nhận, văn bản ban hành) the quarter's figure and the cumulative one
    differ; for a stock (biên chế, số ĐVSNCL, TTHC đang áp dụng) both state the count at the same cut-off and must
    be equal. The column is chosen once for the file by the flow rule; a stock whose cumulative cell differs
    from the last quarter's cell beside it (a stock added up over the quarters) is held with both figures
    (``_read_values``), never stored."""
    several = len(useful) > 1
    pool = [(s, m, c) for s, m in useful for c in s.data_columns()]

    def choice(sheet: ProvinceSheet, col: Column) -> ColumnChoice:
        return ColumnChoice(sheet.title, col.letter, col.label, several, col.hidden)

    def kind_of(col: Column) -> str:
        return names_period(column_period(col), period)

    def value_like(col: Column) -> bool:
        if col.role == VALUE:
            return True
        if col.role is None and kind_of(col) == THIS:
            return True             # "Q1/2026": a header that only names this period
        return (period.kind in LAST_QUARTER and column_period(col).cumulative and kind_of(col) == THIS and
                not names_other_figure(" ".join(col.path), besides_cumulative=True))

    values = [x for x in pool if value_like(x[2])]
    this = [x for x in values if kind_of(x[2]) == THIS]
    generic = [x for x in values if kind_of(x[2]) == GENERIC]
    another = [x for x in values if kind_of(x[2]) == ANOTHER]
    if len(generic) > 1 and len({id(x[0]) for x in generic}) > 1:
        # Sheets named by period ("Quý IV năm 2025", "Quý I năm 2026"): the other period's sheet is set aside.
        apart = [x for x in generic if names_period(title_period(x[0])[0], period) == ANOTHER]
        if apart and len(apart) < len(generic):
            generic = [x for x in generic if x not in apart]
    usable = this or generic
    candidates = [choice(s, c) for s, _m, c in usable]
    open_pool = [choice(s, c) for s, _m, c in pool if kind_of(c) != ANOTHER]
    hint = _column_hint(candidates or open_pool, several)

    def not_this(x) -> str:
        sheet_, _m, col = x
        return tr("{col} ghi số liệu {what}", col=choice(sheet_, col).display, what=column_period(col).describe())

    if column:
        hits = _named(column, pool, choice)
        if len(hits) > 1:
            hits = [x for x in hits if x[2].role == VALUE] or hits
        if len(hits) == 1:
            sheet, matches, col = hits[0]
            if kind_of(col) == ANOTHER:
                raise ColumnChoiceNeeded(tr("Không nhập được từ cột đã chọn: {why}, không phải {period}.",
                                            why=not_this(hits[0]), period=_period_name(period)), hint, candidates)
            return sheet, matches, choice(sheet, col), candidates or open_pool
        named = [choice(s, c) for s, _m, c in (hits or pool) if kind_of(c) != ANOTHER]
        problem = tr("Có nhiều cột “{c}” trong tệp.", c=column.strip()) if hits else \
            tr("Không có cột “{c}” trong tệp.", c=column.strip())
        raise ColumnChoiceNeeded(
            problem + " " + tr("Các cột có thể chọn: {list}.", list="; ".join(c.display for c in named)), hint, named)
    set_aside = (" " + tr("Các cột ghi kỳ khác không được lấy: {list}.", list="; ".join(not_this(x) for x in another))
                 if another else "")
    if len(this) == 1 or (not this and len(generic) == 1):
        sheet, matches, col = usable[0]
        if kind_of(col) == GENERIC:
            _check_title(sheet, period, choice(sheet, col))
        return sheet, matches, choice(sheet, col), candidates
    if not usable and another:
        raise ColumnChoiceNeeded(tr("Không cột nào trong tệp là số liệu của {period}: {list}. Chương trình không "
                                    "nhập số liệu của kỳ khác.", period=_period_name(period),
                                    list="; ".join(not_this(x) for x in another)),
                                 tr("Hãy nhập đúng tệp của {period}, hoặc chọn kỳ báo cáo mà tệp ghi.",
                                    period=_period_name(period)), [])
    if not usable:
        others = [choice(s, c) for s, _m, c in pool]
        listing = "; ".join(c.display for c in others) or tr("(không có)")
        raise ColumnChoiceNeeded(tr("Không thấy cột số liệu của kỳ báo cáo (tiêu đề “Số liệu”, “Kỳ báo cáo”, "
                                    "“Thực hiện” hay “Kết quả”). Các cột khác trong tệp: {list}.", list=listing),
                                 hint, others)
    raise ColumnChoiceNeeded(tr("Tệp có {n} cột có thể là số liệu của {period}: {list}. Chương trình không tự "
                                "chọn.", n=len(usable), period=_period_name(period),
                                list="; ".join(c.display for c in candidates)) + set_aside, hint, candidates)


def _check_title(sheet: ProvinceSheet, period, chosen: ColumnChoice) -> None:
    """A value column that names no period, in a sheet whose title or tab names another: refused (the officer
    may still name the column, having read why)."""
    words, said = title_period(sheet)
    if names_period(words, period) == ANOTHER:
        raise ColumnChoiceNeeded(
            tr("Cột {col} không ghi kỳ nào, nhưng tiêu đề hoặc tên trang của biểu ghi {what} ({said}), không phải "
               "{period}. Chương trình không nhập số liệu có thể là của kỳ khác.", col=chosen.display,
               what=words.describe(), said=said, period=_period_name(period)),
            tr("Nếu đúng là số liệu của {period}, hãy sửa tiêu đề của biểu, hoặc chọn rõ cột: --column {c}.",
               period=_period_name(period), c=_quoted(chosen.key if chosen.several_sheets else chosen.letter)), [chosen])


def _named(column: str, pool, choice):
    """The columns ``column`` names: a header (whole, its last line, or a unique part of it), a letter, or
    "Trang!D"."""
    wanted = fold(" ".join(column.strip().split()))
    hits = [x for x in pool if wanted in (fold(choice(x[0], x[2]).key), fold(x[2].letter), fold(x[2].label),
                                          fold(x[2].path[-1] if x[2].path else ""))]
    if not hits and len(wanted) >= 3:
        hits = [x for x in pool if wanted in fold(" ".join(x[2].path))]
    return hits


def _quoted(text: str) -> str:
    return f"\"{text}\"" if re.search(r"[\s!›\"']", text) else text


def _column_hint(candidates: list[ColumnChoice], several: bool) -> str:
    """How to name a column, with values this file really has: a header, a letter or "Trang!D"."""
    if not candidates:
        return tr("Chọn cột bằng tham số --column: tiêu đề của cột, chữ cái của cột (D) hoặc “Trang!D”.")
    first = candidates[0]
    labels = [c.label for c in candidates]
    by_label = first.label if labels.count(first.label) == 1 and "›" not in first.label and not several else None
    letter = first.key if several else first.letter
    if by_label:
        return tr("Chọn cột bằng tham số --column, ví dụ: --column {h} (hoặc bằng chữ cái của cột: --column {l}).",
                  h=_quoted(by_label), l=_quoted(letter))
    return tr("Chọn cột bằng tham số --column, ví dụ: --column {l}.", l=_quoted(letter))


@dataclass
class _Match:
    row: SheetRow
    indicator: Indicator | None
    matched_by: str = ""
    notes: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    reason: str = ""


class _Matcher:
    """Sheet rows to the year's catalog: domain rows by name (the numeral when the name says nothing), items
    by code path checked against the name, or by the name alone."""

    def __init__(self, indicators: list[Indicator], year: int):
        self.year = year
        self.by_code = {i.code: i for i in indicators}
        self.domains = {i.code: i for i in indicators if not i.parent_code}
        self.domain_key = {code: domain_by_name(i.name) for code, i in self.domains.items()}
        self.items = [i for i in indicators if i.parent_code]
        self.warnings: list[str] = []
        self._domain_cache: dict[tuple, str | None] = {}

    def match(self, sheet: ProvinceSheet) -> list[_Match]:
        matches = []
        for row in sheet.rows:
            if row.kind == "domain":
                self.domain(row)
            elif row.kind == "item":
                matches.append(self.item(row))
        by_code = defaultdict(list)
        for m in matches:
            if m.indicator is not None:
                by_code[m.indicator.code].append(m)
        for code, group in by_code.items():
            if len(group) > 1:
                rows = ", ".join(str(m.row.number) for m in group)
                clean = [m for m in group if not m.flags]
                # One row matches cleanly, the others are already held (a very different name on that STT):
                # the clean one stands.
                for m in (group if len(clean) != 1 else [m for m in group if m.flags]):
                    m.flags.append(tr("nhiều dòng trong tệp (dòng {rows}) cùng ứng với chỉ tiêu {code}",
                                      rows=rows, code=code))
        return matches

    def domain(self, row: SheetRow) -> str | None:
        key = (row.numeral, row.title)
        if key in self._domain_cache:
            return self._domain_cache[key]
        code, named = None, domain_by_name(row.title) if row.title else None
        shown = " ".join(x for x in (row.numeral or "", row.title) if x)
        hits = [c for c, k in self.domain_key.items() if named and k == named]
        if len(hits) > 1:
            hits = [c for c in hits if c == row.numeral] or hits[:1]
        if hits:
            code = hits[0]
            if row.numeral and row.numeral != code:
                self.warnings.append(tr("Dòng lĩnh vực “{row}” (dòng {n}) được hiểu là lĩnh vực {code} “{name}” "
                                        "theo tên của dòng.", row=shown, n=row.number, code=code,
                                        name=self.domains[code].name))
        elif row.numeral in self.domains and not (named and self.domain_key.get(row.numeral) not in (None, named)):
            code = row.numeral
        elif row.title:
            scores = sorted(((similarity(row.title, d.name), c) for c, d in self.domains.items()), reverse=True)
            if scores and scores[0][0] >= MATCH_SURE:
                code = scores[0][1]
        if code is None:
            self.warnings.append(tr("Dòng lĩnh vực “{row}” (dòng {n}) không ứng với lĩnh vực nào trong danh mục "
                                    "năm {year}; các chỉ tiêu dưới nó chỉ được tìm theo tên.", row=shown,
                                    n=row.number, year=self.year))
        self._domain_cache[key] = code
        return code

    def item(self, row: SheetRow) -> _Match:
        name = row.name
        if row.code:
            indicator = self.by_code.get(row.code)
            if indicator is None:
                return _Match(row, None, reason=tr("mã {code} không có trong danh mục chỉ tiêu năm {year}",
                                                   code=row.code, year=self.year))
            match = _Match(row, indicator, "code")
            if name and similarity(name, indicator.name) < NAME_DIFFERENT:
                match.flags.append(tr("tên trong tệp “{file}” khác hẳn tên chỉ tiêu {code} “{name}”", file=name,
                                      code=indicator.code, name=indicator.name))
            return match
        domain = self.domain(row) if (row.numeral or row.title) else None
        scope = [i for i in self.items if i.domain == domain] if domain else self.items
        ranked = sorted(((similarity(name, i.name), i.code) for i in scope), reverse=True) if name else []
        path_code = f"{domain}.{row.path}" if domain and row.path else None
        indicator = self.by_code.get(path_code) if path_code else None
        if indicator is not None and indicator.parent_code:
            if not name:
                return _Match(row, indicator, "path", notes=[tr("dòng trong tệp không có tên chỉ tiêu")])
            own = next((s for s, c in ranked if c == indicator.code), None)
            own = similarity(name, indicator.name) if own is None else own
            # A row holding a figure is another indicator's, never a group heading's.
            holding = [(s, c) for s, c in ranked if self.by_code[c].kind != GROUP]
            best_score, best_code = holding[0] if holding else (0.0, "")
            other = None
            if not same_name(name, indicator.name):
                exact = [i for i in scope if same_name(name, i.name) and i.kind != GROUP]
                if len(exact) == 1:
                    other = exact[0]
                elif best_code != indicator.code and best_score >= MATCH_SURE and best_score - own >= NAME_BETTER \
                        and (len(holding) < 2 or best_score - holding[1][0] >= NAME_MARGIN):
                    other = self.by_code[best_code]
                else:
                    other = self._look_alike(name, indicator, holding)
            if other is not None and other.code != indicator.code:
                if same_name(name, other.name) and sum(1 for i in scope if same_name(name, i.name)) == 1:
                    # The name is word for word another indicator's, and no other's: that one, said so.
                    return _Match(row, other, "name", notes=[tr(
                        "STT {stt} trong tệp là chỉ tiêu {code} “{name}”, nhưng tên trong tệp đúng là tên chỉ tiêu "
                        "{other}: nhập vào {other}", stt=row.stt, code=indicator.code, name=indicator.name,
                        other=other.code)])
                # The numbering is shifted or the rows are in another order: shown under the indicator the name
                # says, held for the officer to confirm.
                return _Match(row, other, "name", flags=[tr(
                    "STT {stt} trong tệp là chỉ tiêu {code} “{name}”, nhưng tên trong tệp “{file}” là của chỉ tiêu "
                    "{other} “{other_name}”; không nhập theo STT, đánh dấu để nhập vào {other} nếu đúng",
                    stt=row.stt, code=indicator.code, name=indicator.name, file=name, other=other.code,
                    other_name=other.name)])
            if own < NAME_DIFFERENT:
                return _Match(row, indicator, "path", flags=[tr(
                    "tên trong tệp “{file}” khác hẳn tên chỉ tiêu {code} “{name}”", file=name, code=indicator.code,
                    name=indicator.name)])
            notes = [] if own >= MATCH_SURE else [tr("tên trong tệp hơi khác: “{file}”", file=name)]
            return _Match(row, indicator, "path", notes=notes)
        exact = [i for i in scope if same_name(name, i.name)] if name else []
        if len(exact) == 1:
            where = tr("STT trong tệp: {stt}", stt=row.stt) if row.stt else tr("dòng trong tệp không có STT")
            return _Match(row, exact[0], "name", notes=[tr("tìm theo tên, đúng từng chữ ({where})", where=where)])
        if ranked and ranked[0][0] >= MATCH_SURE and (len(ranked) < 2 or ranked[0][0] - ranked[1][0] >= NAME_MARGIN) \
                and self._look_alike(name, self.by_code[ranked[0][1]], ranked) is None:
            indicator = self.by_code[ranked[0][1]]
            where = tr("STT trong tệp: {stt}", stt=row.stt) if row.stt else tr("dòng trong tệp không có STT")
            return _Match(row, indicator, "name", notes=[tr("tìm theo tên ({where})", where=where)])
        if path_code:
            reason = tr("không có chỉ tiêu {code} trong danh mục năm {year}", code=path_code, year=self.year)
        elif row.path and not domain:
            reason = tr("không rõ dòng thuộc lĩnh vực nào")
        else:
            reason = tr("không tìm thấy chỉ tiêu có tên như vậy trong danh mục năm {year}", year=self.year)
        if ranked and ranked[0][0] >= NEAR:
            near = self.by_code[ranked[0][1]]
            reason += tr("; gần giống chỉ tiêu {code} “{name}”", code=near.code, name=near.name)
        return _Match(row, None, reason=reason)


    def _look_alike(self, name: str, indicator: Indicator, ranked) -> Indicator | None:
        """Another indicator whose name ``name`` reads as more than ``indicator``'s, by the words that tell the two
        apart ("một phần" / "toàn trình", "viên chức" / "công chức", "cấp phòng" / "cấp xã"), or None."""
        best, best_key = None, (0.0, 0.0)
        for score, code in ranked:
            if code == indicator.code or score < NEAR:
                continue
            other = self.by_code[code]
            lean = contrast(name, indicator.name, other.name)
            if lean >= LEAN and (lean, score) > best_key:
                best, best_key = other, (lean, score)
        return best


def _value_cell(sheet: ProvinceSheet, row: SheetRow, column: Column) -> Cell:
    """The row's cell in ``column``; when a page break cut the row, the first part holding something."""
    cell = sheet.cell(row, column)
    if cell.value is None and not cell.formula:
        for rest in row.continued:
            other = sheet.cell(rest, column)
            if other.value is not None or other.formula:
                return other
    return cell


def _reading(cell: Cell, indicator: Indicator, style: str | None) -> Reading:
    if cell.formula and cell.value is None:
        if indicator.computed:   # this program's own ratio and sum formulas, saved without values
            return Reading(BLANK, typed=cell.formula)
        return Reading(DOUBTFUL, typed=cell.formula, problem=tr(
            "ô có công thức nhưng Excel chưa tính ra số (hãy mở tệp bằng Excel, lưu lại rồi nhập lại)"))
    if indicator.kind == YESNO and isinstance(cell.value, str):
        key = fold(cell.value)
        if key in {fold(indicator.yes_label), "co", "1"}:
            return Reading(NUMBER, 1.0, typed=cell.value.strip())
        if key in {fold(indicator.no_label), "khong", "chua", "0"}:
            return Reading(NUMBER, 0.0, typed=cell.value.strip())
        if key == "x":
            return Reading(DOUBTFUL, typed="x", problem=tr("ở dòng Có/Không, “x” có thể là “{yes}” hoặc “không áp "
                                                          "dụng”; hãy ghi 1 hay 0", yes=indicator.yes_label))
    return read_number(cell.value, cell.number_format, style, at_most=100 if indicator.kind == PERCENT else None)


def _read_values(session, period, form, sheet: ProvinceSheet, matches: list[_Match], column: Column,
                 result: StatsImport, partner: Column | None = None) -> None:
    style = number_style(sheet.cell(m.row, column).value for m in matches
                         if isinstance(sheet.cell(m.row, column).value, str))
    exported_col = sheet.first(EXPORTED)
    computed: list[tuple[ValueChange, Reading]] = []
    for match in matches:
        row, indicator = match.row, match.indicator
        cell = _value_cell(sheet, row, column)
        reading = _reading(cell, indicator, style) if indicator else read_number(cell.value, cell.number_format)
        if indicator is None:
            result.unmatched.append(UnmatchedRow(row.ref(0) or cell.ref, row.stt, row.name, reading.typed,
                                                 match.reason))
            continue
        state = form.cells[indicator.code]
        current = state.entry.raw
        change = ValueChange(indicator.code, indicator.name, current, None, source=cell.ref, typed=reading.typed,
                             file_name=row.name, stt=row.stt, matched_by=match.matched_by, notes=list(match.notes),
                             flags=list(match.flags))
        if reading.note:
            change.notes.append(reading.note)
        if cell.formula and reading.kind == NUMBER and not indicator.computed:
            change.notes.append(tr("ô có công thức; lấy số Excel đã tính"))
        if indicator.kind == GROUP:
            if reading.kind in (BLANK, NOT_APPLICABLE):
                continue
            change.status = HEADING
            change.notes.append(tr("dòng tiêu đề của nhóm, không có số liệu; bỏ qua"))
        elif indicator.computed:
            change.status = COMPUTED
            change.current = indicator.label_of(state.value) or None
            computed.append((change, reading))
        elif reading.kind == DOUBTFUL:
            change.status = UNREADABLE
            change.flags.append(reading.problem)
        elif reading.kind == NOT_APPLICABLE:
            change.status = NA
            change.notes.append(tr("tệp ghi “{t}”: không ghi số liệu (không phải số 0)", t=reading.typed) +
                                (tr("; số hiện có giữ nguyên") if current else ""))
        elif reading.kind == BLANK:
            exported = sheet.cell(row, exported_col).value if exported_col else None
            if exported_col is not None and current and exported not in (None, ""):
                change.status = CHANGE      # this program's file, emptied by the officer: a value removed
                change.conflict = not _same(current, str(exported))
            else:
                change.status = KEEP
        else:
            change.new = reading.text
            from_register = current in (None, "") and state.computed and state.value is not None
            shown = current if current not in (None, "") else (format_number(state.value) if from_register else None)
            if from_register:
                change.current = shown
            if _same(shown, change.new):
                change.status = SAME
            else:
                change.status = CHANGE
                problem = _invalid(reading, indicator, cell)
                if problem:
                    change.flags.append(problem)
                if from_register:
                    change.flags.append(tr("chương trình tính từ sổ theo dõi nhiệm vụ được {now}; tệp ghi {new}, khác "
                                           "với số tự tính", now=shown, new=change.new))
                if partner is not None and indicator.stock:
                    other = _reading(_value_cell(sheet, row, partner), indicator, style)
                    if other.kind == NUMBER and abs(other.value - reading.value) > 1e-9:
                        change.flags.append(tr(
                            "chỉ tiêu tính tại thời điểm (không cộng dồn): cột “{c}” ghi {a}, cột “{q}” ghi {b}; "
                            "cùng ngày chốt nên hai số phải bằng nhau", c=column.label, a=reading.text,
                            q=partner.label, b=other.text))
                if exported_col is not None:
                    exported = read_number(sheet.cell(row, exported_col).value)
                    change.conflict = not _same(current, exported.text if exported.kind == NUMBER else
                                                (exported.typed or None))
        result.rows.append(change)
    if computed:
        _check_computed(session, period, form, result, computed)
    for change in result.conflicts:
        result.warnings.append(tr("Chỉ tiêu {code}: số liệu trong chương trình đã đổi thành {now} sau khi xuất tệp; "
                                  "tệp ghi {new}.", code=change.code, now=change.current or tr("(trống)"),
                                  new=change.new or tr("(trống)")))


def _invalid(reading: Reading, indicator: Indicator, cell: Cell) -> str:
    """Why a number read from the file cannot be this row's value ("" when it can): counts are whole and not
    negative, a yes/no is 0 or 1, a percentage lies in 0–100."""
    value, typed = reading.value, reading.typed or reading.text
    if indicator.kind == COUNT:
        unit = indicator.unit or tr("số lượng")
        if value < 0:
            return tr("số âm ({t}) ở dòng đếm ({unit})", t=typed, unit=unit)
        if value != int(value):
            dot = tr("; dấu chấm trong “{t}” có thể là dấu phân cách hàng nghìn đặt sai", t=typed) \
                if "." in typed and "," not in typed else ""
            return tr("“{t}” không phải số nguyên, mà dòng này đếm {unit}{dot}", t=typed, unit=unit, dot=dot)
    elif indicator.kind == YESNO and value not in (0, 1):
        return tr("dòng Có/Không chỉ nhận 0 ({no}) hoặc 1 ({yes}); tệp ghi {t}", no=indicator.no_label,
                  yes=indicator.yes_label, t=typed)
    elif indicator.kind == PERCENT:
        if not 0 <= value <= 100:
            return tr("tỷ lệ phải nằm trong khoảng 0–100 %; tệp ghi {t}", t=typed)
        if 0 < value < 1 and "%" not in (cell.number_format or "") and "%" not in typed:
            return tr("“{t}” có thể là {p} % viết dạng số thập phân", t=typed,
                      p=format_number(round(value * 100, 2)))
    return ""


def _check_computed(session, period, form, result: StatsImport, computed) -> None:
    """A ratio or sum the file writes is compared with what the program computes from the file's numbers."""
    entries = {code: cell.entry for code, cell in form.cells.items()}
    for change in result.changes:
        entries[change.code] = Entry(change.new, parse_number(change.new) if change.new else None)
    stats = session.statistics
    cells = evaluate_form(form.indicators, stats.rules(period.year), entries, stats.register_values(period), {})
    for change, reading in computed:
        indicator = cells[change.code].indicator
        value = cells[change.code].value
        change.new = indicator.label_of(value) or None
        typed = _rounded(reading)
        if reading.kind == NUMBER:
            change.typed = typed
        if reading.kind != NUMBER:
            if reading.kind == DOUBTFUL:
                change.notes.append(reading.problem)
            continue
        if value is None:
            change.notes.append(tr("tệp ghi {v}; chương trình chưa tính được (thiếu số liệu)", v=typed))
        elif abs(value - reading.value) <= _tolerance(reading):
            change.notes.append(tr("tệp ghi {v}, khớp với số chương trình tự tính", v=typed))
        else:
            message = tr("tệp ghi {v} nhưng chương trình tính được {c} từ các số liệu", v=typed,
                         c=indicator.label_of(value))
            change.notes.append(message)
            result.warnings.append(tr("Chỉ tiêu {code}: {m}.", code=change.code, m=message))


def _rounded(reading: Reading) -> str:
    """The file's figure to the form's precision (two decimals): a cell holding 95.341365 shows "95,34"."""
    if reading.kind == NUMBER and reading.value is not None and round(reading.value, 2) != reading.value:
        return format_number(round(reading.value, 2))
    return reading.typed


def _tolerance(reading: Reading) -> float:
    """Half a unit of the last digit the file shows ("98,6" → 0,05)."""
    typed = reading.typed.rstrip("%").strip()
    decimals = len(typed.rsplit(",", 1)[1]) if "," in typed else 0
    return 0.5 * 10 ** -min(decimals, 6) + 1e-9


def apply_statistics(session, period, result: StatsImport, *, take_conflicts: bool = True,
                     include: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Write the changes. A flagged (held) row is written only when its source cell or its code is in ``include``
    (the officer looked at it and ticked it); a conflict only with ``take_conflicts``. ``result.problems`` then
    holds the form's checks broken by the values as they now stand, kept and new together."""
    values = {}
    for change in result.rows:
        if change.status != CHANGE:
            continue
        if change.flagged and change.source not in include and change.code not in include:
            continue
        if change.conflict and not take_conflicts:
            continue
        values[change.code] = change.new or ""
    changed = session.statistics.set_many(period, values, action="import")
    result.problems = form_problems(session, period)
    return changed
