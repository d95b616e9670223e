"""Excel workbooks through openpyxl in read-only mode (fast, little memory on an old PC).

Read-only worksheets do not expose merged ranges, so those are read from the sheet XML
and the top-left value is copied into every cell of a merge, as the eye reads it. The same
pass over the XML (in pieces, never the whole part at once) notices formula cells saved
without a computed value (what web exports write: "=ROW()-4" with an empty <v>); only then
is the sheet read a second time for its formulas, and the simple ones are computed here
(``evaluate``). Text in cells whose font is TCVN3 or VNI (".VnTime", "VNI-Times", from the
cell's style) is converted to Unicode (``legacy_text.convert_marked``); the cells are walked
with their styles only when the workbook names such a font.
"""
from __future__ import annotations

import io
import logging
import re
import zipfile
from datetime import datetime
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import tr
from cchc_desktop.importers import legacy_text
from cchc_desktop.importers.document import SourceDocument
from cchc_desktop.importers.sheet_blocks import MAX_COLS, MAX_ROWS, add_sheet, apply_merges, cell_text

log = logging.getLogger(__name__)
CHUNK = 1 << 20
OVERLAP = 1 << 16                   # a cell cut by a chunk boundary is seen whole in the next window
_ROW_TAG = re.compile(rb'<(?:\w+:)?row\b[^>]*\bhidden="(?:1|true)"[^>]*>')
_COL_TAG = re.compile(rb'<(?:\w+:)?col\b[^>]*\bhidden="(?:1|true)"[^>]*>')
_ATTRIBUTE = {name: re.compile(rb'\b' + name.encode() + rb'="(\d+)"') for name in ("r", "min", "max")}
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
# A formula cell with no <v>, or an empty one: Excel never computed it.
_UNCACHED = re.compile(rb"<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?f\b[^>]*(?:/>|>[^<]*</(?:\w+:)?f>)\s*"
                       rb"(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>")


@dataclass
class _SheetScan:
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)   # (top, left, bottom, right)
    uncached: bool = False
    hidden_rows: set[int] = field(default_factory=set)      # 1-based: last year's tasks left in, hidden
    hidden_columns: set[int] = field(default_factory=set)   # 1-based: "Thời gian (KH 2025)", hidden


def read_xlsx(path: Path) -> SourceDocument:
    """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
    import openpyxl  # heavy: only when a workbook is read
    try:
        # From an open file, so a workbook saved under another name (".xls", ".docx") is still read:
        # openpyxl refuses such names, not such contents.
        with open(path, "rb") as handle:
            workbook = openpyxl.load_workbook(io.BytesIO(handle.read()), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged package
        raise ValidationError(tr("Không đọc được tệp Excel “{name}”: tệp bị hỏng hoặc không đúng định dạng.",
                                 name=path.name),
                              tr("Hãy mở tệp bằng Excel, lưu lại (.xlsx) rồi thử nhập lại.")) from exc
    document = SourceDocument(path.name, "xlsx")
    try:
        props = workbook.properties
        document.properties = {"title": props.title or "", "subject": props.subject or "",
                               "keywords": props.keywords or ""}
        document.fonts = {f.name for f in getattr(workbook, "_fonts", ()) if getattr(f, "name", None)}
        legacy = bool(legacy_text.legacy_fonts(document.fonts))
        scans = _scan_sheets(path, workbook)
        for sheet in workbook.worksheets:   # read-only mode unpacks each sheet only now
            if getattr(sheet, "sheet_state", "visible") != "visible":
                document.warnings.append(tr("Trang tính ẩn “{s}” không được đọc (thường là số liệu cũ hoặc bảng phụ); "
                                            "nếu cần, hãy bỏ ẩn trang tính đó trong Excel rồi nhập lại.", s=sheet.title))
                continue
            _read_sheet(sheet, scans.get(sheet.title, _SheetScan()), document, path, legacy)
        if legacy:
            legacy_text.convert_marked_document(document)
    except Exception as exc:  # a sheet damaged inside a sound-looking package (bad CRC, broken XML)
        log.warning("damaged workbook %s: %r", path.name, exc)
        raise ValidationError(tr("Không đọc được tệp Excel “{name}”: một phần của tệp bị hỏng.", name=path.name),
                              tr("Hãy mở tệp bằng Excel, lưu lại (.xlsx) rồi thử nhập lại.")) from exc
    finally:
        workbook.close()
    return document


def _read_sheet(sheet, scan: _SheetScan, document: SourceDocument, path: Path, legacy: bool) -> None:
    values = _values(sheet, document, legacy)
    if scan.uncached:
        _fill_formulas(values, path, sheet.title, document)
    shown = _dates_as_shown(sheet, values)
    rows = [[shown.get((r, c)) or cell_text(v) for c, v in enumerate(row)] for r, row in enumerate(values)]
    apply_merges(rows, scan.merges)
    _hide(rows, scan, sheet.title, document)
    add_sheet(document, rows, sheet.title)


def _hide(rows: list[list[str]], scan: _SheetScan, title: str, document: SourceDocument) -> None:
    """Hidden rows and columns are what the officer does not see: old tasks, last year's dates. Not read."""
    if not (scan.hidden_rows or scan.hidden_columns):
        return
    for number in scan.hidden_rows:
        if number - 1 < len(rows):
            rows[number - 1] = [""] * len(rows[number - 1])
    for row in rows:
        for column in scan.hidden_columns:
            if column - 1 < len(row):
                row[column - 1] = ""
    parts = ([tr("{n} dòng ẩn", n=len(scan.hidden_rows))] if scan.hidden_rows else []) + \
        ([tr("{n} cột ẩn", n=len(scan.hidden_columns))] if scan.hidden_columns else [])
    document.warnings.append(tr("Trang tính “{s}”: {parts} không được đọc (thường là số liệu cũ); nếu cần, hãy bỏ ẩn "
                                "trong Excel rồi nhập lại.", s=title, parts=tr(" và ").join(parts)))


def _dates_as_shown(sheet, values: list[list]) -> dict[tuple[int, int], str]:
    """Date cells as Excel shows them: "02/2026" for a cell formatted mm/yyyy (a month, not its first
    day), "30/6/2026" for d/m/yyyy. Only rows holding a date are read a second time, for the formats."""
    candidates = {(r, c) for r, row in enumerate(values) for c, v in enumerate(row) if isinstance(v, datetime)}
    found: dict[tuple[int, int], str] = {}
    for r in sorted({r for r, _c in candidates}):
        for cells in sheet.iter_rows(min_row=r + 1, max_row=r + 1):
            for c, cell in enumerate(cells[:MAX_COLS]):
                text = _as_shown(values[r][c], cell.number_format or "") if (r, c) in candidates else None
                if text:
                    found[(r, c)] = text
    return found


_NO_DAY = re.compile(r"[^d]*m[^d]*y[^d]*|[^d]*y[^d]*m[^d]*", re.I)
_DAY_FIRST = re.compile(r"(d{1,2})([/.\-])(m{1,2})\2(y{2,4})", re.I)


def _as_shown(value: datetime, number_format: str) -> str | None:
    """``value`` written as ``number_format`` shows it, for the usual day-first and month formats."""
    pattern = _strip_quoted(number_format).split(";")[0].strip()
    if _NO_DAY.fullmatch(pattern):
        return f"{value.month:02d}/{value.year}" if "mm" in pattern.lower() else f"{value.month}/{value.year}"
    match = _DAY_FIRST.fullmatch(pattern)
    if not match:
        return None
    day = f"{value.day:02d}" if len(match.group(1)) == 2 else str(value.day)
    month = f"{value.month:02d}" if len(match.group(3)) == 2 else str(value.month)
    year = str(value.year) if len(match.group(4)) >= 3 else f"{value.year % 100:02d}"
    return match.group(2).join((day, month, year))


def _strip_quoted(number_format: str) -> str:
    return re.sub(r'"[^"]*"|\[[^]]*\]', "", number_format)


def _values(sheet, document: SourceDocument, legacy: bool) -> list[list]:
    """The sheet's cell values, row 1 first; text in a legacy font marked (``legacy_text.wrap``)."""
    rows: list[list] = []
    source = sheet.iter_rows() if legacy else sheet.iter_rows(values_only=True)
    for index, row in enumerate(source):
        if index >= MAX_ROWS:
            document.warnings.append(tr("Trang tính “{s}” quá dài; chỉ đọc {n} dòng đầu.", s=sheet.title, n=MAX_ROWS))
            break
        rows.append([_cell_value(c) for c in row[:MAX_COLS]] if legacy else list(row[:MAX_COLS]))
    return rows


def _cell_value(cell):
    value = cell.value
    if not isinstance(value, str):
        return value
    try:
        found = _font_encoding(cell.font.name or "")
    except (AttributeError, IndexError, TypeError):   # a style index the workbook does not have
        return value
    if found is None or (value.isascii() and not found[1]):   # plain ASCII reads the same in any font
        return value
    return legacy_text.wrap(value, *found)


@lru_cache(maxsize=64)
def _font_encoding(name: str):
    return legacy_text.font_encoding(name)


# --- The sheet XML: merged ranges and formulas without values ---------------------------------

def _scan_sheets(path: Path, workbook) -> dict[str, _SheetScan]:
    """Merged ranges and whether uncomputed formulas exist, per sheet title, from the sheet XML parts."""
    from openpyxl.utils import column_index_from_string
    result: dict[str, _SheetScan] = {}
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        for sheet in workbook.worksheets:
            part = getattr(sheet, "_worksheet_path", None) or getattr(sheet, "path", "")
            part = part.lstrip("/")
            if part not in names:
                continue
            scan = _SheetScan()
            with archive.open(part) as handle:
                tail, scan.uncached = _scan_part(handle, scan)
            scan.merges = [(int(r1), column_index_from_string(c1.decode()), int(r2),
                            column_index_from_string(c2.decode())) for c1, r1, c2, r2 in _MERGE.findall(tail)]
            result[sheet.title] = scan
    return result


def _scan_part(handle, scan: _SheetScan) -> tuple[bytes, bool]:
    """(the XML after </sheetData>, where <mergeCells> sits; whether a formula has no value), read in pieces;
    hidden rows and columns noted in ``scan`` on the way."""
    carry, uncached = b"", False
    while chunk := handle.read(CHUNK):
        window = carry + chunk
        uncached = uncached or (b"<f" in window and _has_uncached(window))
        if b"hidden" in window:   # attributes come in any order: read each tag's own
            for tag in _ROW_TAG.findall(window):
                row = _ATTRIBUTE["r"].search(tag)
                if row:
                    scan.hidden_rows.add(int(row.group(1)))
            for tag in _COL_TAG.findall(window):
                first, last = _ATTRIBUTE["min"].search(tag), _ATTRIBUTE["max"].search(tag)
                if first and last:
                    scan.hidden_columns.update(range(int(first.group(1)), min(int(last.group(1)), MAX_COLS) + 1))
        at = window.find(b"</sheetData>")
        if at >= 0:
            return window[at:] + handle.read(), uncached
        carry = window[-OVERLAP:]
    return carry, uncached


def _has_uncached(window: bytes) -> bool:
    # An empty cached text result (t="str" with <v></v>) is a value: a formula that gives "".
    return any(b't="str"' not in m.group(1) or b"<v" not in m.group() for m in _UNCACHED.finditer(window))


# --- Formulas saved without values --------------------------------------------------------------

class _Unknown(Exception):
    """The formula is not one we compute."""


_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|(ROW|COLUMN)\(\s*(\$?[A-Z]{1,3}\$?\d+)?\s*\)|(\$?[A-Z]{1,3}\$?\d+)"
                    r"|([-+()]))", re.I)
_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)", re.I)


def evaluate(formula: str, row: int, column: int, lookup) -> int | float | None:
    """The value of a simple formula at (row, column), both from 1; None when it is not simple.

    Simple: numbers, ROW(), ROW(A5), COLUMN(), references (A5, $A$5) whose number ``lookup(row,
    column)`` gives, + and - (also unary), parentheses. "=ROW()-4" in row 5 → 1; "=A5+1" → A5's
    value + 1. Anything else (functions, other sheets, text) → None; nothing is ever eval'ed."""
    text = formula[1:] if formula.startswith("=") else formula
    tokens, at = [], 0
    while at < len(text.rstrip()):
        match = _TOKEN.match(text, at)
        if not match:
            return None
        tokens.append(match)
        at = match.end()
    try:
        value, rest = _sum(tokens, row, column, lookup)
    except (_Unknown, IndexError, RecursionError):
        return None
    if rest or value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _sum(tokens, row, column, lookup):
    value, tokens = _term(tokens, row, column, lookup)
    while tokens and tokens[0].group(5) in ("+", "-"):
        sign = tokens[0].group(5)
        right, tokens = _term(tokens[1:], row, column, lookup)
        value = value + right if sign == "+" else value - right
    return value, tokens


def _term(tokens, row, column, lookup):
    token, rest = tokens[0], tokens[1:]
    number, function, argument, reference, op = token.groups()
    if op in ("-", "+"):
        value, rest = _term(rest, row, column, lookup)
        return (-value if op == "-" else value), rest
    if op == "(":
        value, rest = _sum(rest, row, column, lookup)
        if not rest or rest[0].group(5) != ")":
            raise _Unknown
        return value, rest[1:]
    if number:
        return float(number), rest
    if function:
        where = _cell(argument) if argument else (row, column)
        return float(where[0] if function.upper() == "ROW" else where[1]), rest
    if reference:
        value = lookup(*_cell(reference))
        if value is None:
            raise _Unknown
        return float(value), rest
    raise _Unknown


def _cell(reference: str) -> tuple[int, int]:
    from openpyxl.utils import column_index_from_string
    letters, digits = _REF.fullmatch(reference).groups()
    return int(digits), column_index_from_string(letters.upper())


def _fill_formulas(values: list[list], path: Path, title: str, document: SourceDocument) -> None:
    """Compute the sheet's formulas that have no saved value, in place; warn about the others."""
    import openpyxl
    from openpyxl.utils import get_column_letter
    workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=False)
    unknown: list[tuple[str, str]] = []
    try:
        for r, formulas in enumerate(workbook[title].iter_rows(values_only=True, max_row=len(values)), start=1):
            row = values[r - 1]
            for c, formula in enumerate(formulas[:len(row)], start=1):
                if row[c - 1] is not None or formula is None or (isinstance(formula, str) and formula[:1] != "="):
                    continue
                if isinstance(formula, str):    # else an array or data-table formula: never computed here
                    row[c - 1] = evaluate(formula, r, c, lambda rr, cc: _number(values, rr, cc))
                if row[c - 1] is None:
                    unknown.append((f"{get_column_letter(c)}{r}", str(getattr(formula, "text", formula))))
    finally:
        workbook.close()
    if unknown:
        document.warnings.append(_formula_warning(unknown, title))


def _number(values: list[list], row: int, column: int) -> float | None:
    try:
        value = values[row - 1][column - 1]
    except IndexError:
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    try:
        return float(str(value).strip().replace(",", "."))
    except ValueError:
        return None


def _formula_warning(unknown: list[tuple[str, str]], title: str) -> str:
    cell, formula = unknown[0]
    if len(unknown) == 1:
        return tr("Ô {cell} của trang tính “{sheet}” là công thức chưa có giá trị tính sẵn ({formula}); chương trình "
                  "để trống ô này. Hãy mở tệp bằng Excel, lưu lại (Excel sẽ tính công thức) rồi nhập lại nếu cần.",
                  cell=cell, sheet=title, formula=formula[:60])
    return tr("Ô {cell} và {n} ô khác của trang tính “{sheet}” là công thức chưa có giá trị tính sẵn (như {formula}); "
              "chương trình để trống các ô này. Hãy mở tệp bằng Excel, lưu lại (Excel sẽ tính công thức) rồi nhập "
              "lại nếu cần.", cell=cell, n=len(unknown) - 1, sheet=title, formula=formula[:60])
