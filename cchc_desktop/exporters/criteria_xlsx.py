"""The year's criteria set as Excel, two ways:

- ``write_criteria``: the published layout ``STT | Lĩnh vực/Tiêu chí/Tiêu chí thành phần | Điểm tối đa |
  Hướng dẫn chấm điểm | Tài liệu kiểm chứng``, a TỔNG CỘNG row and the "Xếp loại" line. The criteria reader
  reads it back to the same tree: the same codes, maxima and kinds of rule.
- ``write_province_layout``: the province's own workbook (the file that was loaded, kept in the evidence
  store) with the self-score written into its "Điểm tự chấm" column, or into one added after its last
  header column; every other cell is left as the province made it. A set loaded from Word, .xls or PDF
  has no workbook of its own: the published layout is written, with the self-score and explanation.

openpyxl is imported only when a workbook is written.
"""
from __future__ import annotations

import io
import logging
from copy import copy
from pathlib import Path

from cchc_desktop.assessment import rules as R
from cchc_desktop.assessment.criteria_sheet import MAX, NAME, NOTE, SELF, STT, find_header
from cchc_desktop.files import write_atomically
from cchc_desktop.i18n import format_number, tr
from cchc_desktop.text import fold

log = logging.getLogger(__name__)

FONT = "Times New Roman"
HEADERS = ("STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm tối đa", "Hướng dẫn chấm điểm",
           "Tài liệu kiểm chứng")
WIDTHS = (7, 56, 10, 58, 32)                     # characters
SELF_HEADER, NOTE_HEADER = "Điểm tự chấm", "Giải trình"
NOTE_WIDTH = 32
SCORE_WIDTHS = (12, 40)
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
LOWEST_BAND = "Thấp"          # the name the reader gives a lowest band written as "dưới …%"


def write_criteria(session, year: int, out: Path) -> Path:
    """The year's criteria set in the published layout. Returns the path written (atomically).

    Raises ``NotFound`` when the year has no assessment; ``EnvironmentProblem`` when the file cannot be written."""
    view = session.assessment.view(year)
    return _save(_published_book(view, with_scores=False), Path(out))


def write_province_layout(session, year: int, out: Path) -> Path:
    """The province's own workbook with the self-score filled in (see the module's text); the published
    layout with a score column when the set did not come from a workbook. Returns the path written.

    Raises ``NotFound`` when the year has no assessment; ``ValidationError`` while an item with a score has
    neither evidence nor explanation; ``DataProblem`` when the stored copy of the
    province's file is missing or damaged; ``EnvironmentProblem`` when the file cannot be written."""
    from cchc_desktop.services.assessment import require_explanations
    view = session.assessment.view(year)
    require_explanations(view)      # the filled sheet goes to the province too
    source = _source_workbook(session, view.criteria_set)
    book = _filled_province_book(source, view) if source is not None else None
    if book is None:
        book = _published_book(view, with_scores=True)
    return _save(book, Path(out))


def _save(book, out: Path) -> Path:
    return write_atomically(out, lambda temp: book.save(temp))


# ---------------------------------------------------------------------------- the published layout

def guidance_text(criterion) -> str:
    """The province's own words while they still say the stored rule; the rule in the standard phrasing once
    the officer has changed or confirmed it (``rules.describe``, which the reader reads back to the same rule)."""
    rule = criterion.rule
    if rule is None:
        return criterion.guidance
    if criterion.guidance.strip() and R.read_rule(criterion.guidance, criterion.max_points) == rule:
        return criterion.guidance
    return R.describe(rule)


def bands_line(bands) -> str:
    """"Xếp loại: Tốt: từ 80% trở lên; Khá: từ 70% đến dưới 80%; …; Thấp: dưới 60%." from (name, lowest %)."""
    ordered = sorted(bands, key=lambda b: -b[1])
    pieces, above = [], None
    for name, low in ordered:
        low_text, above_text = format_number(low), format_number(above) if above is not None else ""
        if above is None:
            pieces.append(tr("{n}: từ {lo}% trở lên", n=name, lo=low_text))
        elif low > 0 or name != LOWEST_BAND:
            pieces.append(tr("{n}: từ {lo}% đến dưới {hi}%", n=name, lo=low_text, hi=above_text))
        else:
            pieces.append(tr("{n}: dưới {hi}%", n=name, hi=above_text))
        above = low
    return tr("Xếp loại: {b}.", b="; ".join(pieces))


def _number(value: float | None):
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 2)


def score_value(item):
    """What the "Điểm tự chấm" cell holds: the points (a group: its sum), "Không áp dụng", or None (blank:
    the upper level scores it, or nothing is scored yet)."""
    if item.scored_by != "self":
        return None
    if not item.applicable:
        return tr("Không áp dụng")
    return _number(item.score)


def _title_lines(view) -> list[tuple[str, bool, bool]]:
    """(text, bold, italic) lines above the table: the set's title, the province and year, a sample's notice."""
    cs = view.criteria_set
    title = cs.title if cs.title and cs.title != cs.source_name else \
        tr("BỘ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CẤP XÃ NĂM {y}", y=cs.year)
    lines = [(title, True, False)]
    if cs.province:
        lines.append((tr("Tỉnh {p}, năm {y}", p=cs.province, y=cs.year), False, True))
    if cs.sample:
        lines.append((tr("Bộ chỉ số MẪU đi kèm phần mềm để làm quen, không phải bộ chỉ số của tỉnh nào."), True, True))
    return lines


def _published_book(view, with_scores: bool):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from cchc_desktop.workbooks import finish, print_a4_landscape

    book = Workbook()
    sheet = book.active
    sheet.title = tr("Bộ chỉ số")
    headers = HEADERS + ((SELF_HEADER, NOTE_HEADER) if with_scores else ())
    widths = WIDTHS + (SCORE_WIDTHS if with_scores else ())
    n = len(headers)
    row = 0
    for row, (text, bold, italic) in enumerate(_title_lines(view), start=1):
        _merged_line(sheet, row, n, text, Font(name=FONT, size=13, bold=bold, italic=italic))
    header_row = row + 2
    for col, (text, width) in enumerate(zip(headers, widths), start=1):
        _boxed(sheet.cell(header_row, col, tr(text)), bold=True, align="center")
        sheet.column_dimensions[get_column_letter(col)].width = width
    row = header_row
    for item in view.items:
        row += 1
        c = item.criterion
        values = [c.stt, c.name, _number(c.max_points), guidance_text(c), c.evidence_hint]
        if with_scores:
            values += [score_value(item), item.explanation or None]
        for col, value in enumerate(values, start=1):
            _boxed(sheet.cell(row, col, value), bold=c.level == 1, align="center" if col in (1, 3, 6) else "left")
    row += 1
    total = [None, tr("TỔNG CỘNG"), _number(view.totals.max_total), None, None]
    total += [_number(view.totals.self_total), None] if with_scores else []
    for col, value in enumerate(total, start=1):
        _boxed(sheet.cell(row, col, value), bold=True, align="center" if col in (1, 3, 6) else "left")
    _merged_line(sheet, row + 2, n, bands_line(view.criteria_set.bands), Font(name=FONT, size=12, italic=True),
                 Alignment(horizontal="left", vertical="top", wrap_text=True))
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    print_a4_landscape(sheet, f"{header_row}:{header_row}")
    book.properties.title = _title_lines(view)[0][0]
    book.properties.creator = "CCHC Desktop"
    finish(book)      # a name typed as "=…" stays text; rows as tall as their wrapped text
    return book


def _merged_line(sheet, row: int, columns: int, text: str, font, alignment=None) -> None:
    from openpyxl.styles import Alignment
    cell = sheet.cell(row, 1, text)
    cell.font = font
    cell.alignment = alignment or Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)


def _boxed(cell, bold: bool, align: str) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side
    thin = Side(style="thin", color="000000")
    cell.font = Font(name=FONT, size=12, bold=bold)
    cell.alignment = Alignment(horizontal=align, vertical="top", wrap_text=True)
    cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)


# ---------------------------------------------------------------------------- the province's own workbook

def _source_workbook(session, criteria_set) -> bytes | None:
    """The bytes of the province's file when it was a workbook; None for any other kind (or no file)."""
    if not criteria_set.source_sha256 or Path(criteria_set.source_name or "").suffix.lower() not in WORKBOOK_SUFFIXES:
        return None
    from cchc_desktop.errors import DataProblem
    try:
        return session.evidence.store.path_for(criteria_set.source_sha256).read_bytes()
    except (OSError, ValueError):
        raise DataProblem(tr("Tệp bộ chỉ số gốc “{name}” trong kho đã bị mất.", name=criteria_set.source_name),
                          tr("Hãy khôi phục từ bản sao lưu, hoặc nạp lại tệp bộ chỉ số của tỉnh.")) from None


def _filled_province_book(data: bytes, view):
    """The workbook with the scores written in, or None when no sheet has the criteria table (or none of
    its rows could be matched to an item): the caller then writes the published layout."""
    import openpyxl
    from cchc_desktop.errors import DataProblem
    try:
        book = openpyxl.load_workbook(io.BytesIO(data))                 # formulas kept, to be saved back
        shown = openpyxl.load_workbook(io.BytesIO(data), data_only=True)   # what the reader saw
    except Exception as exc:  # openpyxl raises many kinds for a damaged package
        raise DataProblem(tr("Tệp bộ chỉ số gốc trong kho bị hỏng, không mở được."),
                          tr("Hãy khôi phục từ bản sao lưu, hoặc nạp lại tệp bộ chỉ số của tỉnh.")) from exc
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible" or sheet.title not in shown.sheetnames:
            continue
        table = _table_rows(shown[sheet.title])
        found = find_header([cells for _number_, cells in table])
        if found is None:
            continue
        if _fill_sheet(book, sheet, table, found, view):
            return book
        log.warning("criteria rows not found in sheet %r: writing the published layout", sheet.title)
        return None
    return None


def _table_rows(sheet) -> list[tuple[int, list[str]]]:
    """(sheet row number, cell texts) of the rows the reader takes as the table: merged cells filled in,
    empty rows and the title lines above the table left out (as ``importers.sheet_blocks.add_sheet``)."""
    from cchc_desktop.importers.sheet_blocks import MAX_COLS, MAX_ROWS, apply_merges, cell_text
    rows = [[cell_text(v) for v in values[:MAX_COLS]] for values in
            sheet.iter_rows(max_row=min(sheet.max_row, MAX_ROWS), values_only=True)]
    apply_merges(rows, [(m.min_row, m.min_col, m.max_row, m.max_col) for m in sheet.merged_cells.ranges])
    table: list[tuple[int, list[str]]] = []
    for number, cells in enumerate(rows, start=1):
        filled = [c for c in cells if c]
        if filled and (table or len(set(filled)) > 1):
            table.append((number, cells))
    return table


def _fill_sheet(book, sheet, table, found, view) -> bool:
    from cchc_desktop.workbooks import keep_text
    first, last, roles = found
    data = table[last + 1:]
    matched = _match_rows(view.items, data, roles)
    if not matched:
        return False
    formulas = {(s.title, c.coordinate) for s in book.worksheets for r in s.iter_rows() for c in r
                if c.data_type == "f"}
    header_rows = [number for number, _cells in table[first:last + 1]]
    column = roles[SELF] + 1 if SELF in roles else _add_column(sheet, header_rows, table, last, roles)
    total_row = _total_row(data, roles, max(matched.values()))
    for item in view.items:
        if item.code in matched:
            _put(sheet, matched[item.code], column, score_value(item))
    if total_row is not None:
        _put(sheet, total_row, column, _number(view.totals.self_total))
    if NOTE in roles and roles[NOTE] != roles.get(SELF):
        explained = [item for item in view.items if item.code in matched and item.explanation.strip()]
        for item in explained:
            _explain(sheet, matched[item.code], roles[NOTE] + 1, item.explanation.strip())
        from openpyxl.utils import get_column_letter
        note = sheet.column_dimensions[get_column_letter(roles[NOTE] + 1)]
        if explained and (note.width or 0) < NOTE_WIDTH:
            note.width = NOTE_WIDTH     # a narrow "Ghi chú" column would stretch each explained row over pages
    keep_text(book, formulas)     # an explanation typed as "=…" stays text; the province's formulas stay
    _printable(sheet, header_rows)
    return True


def _printable(sheet, header_rows: list[int]) -> None:
    """What the province left unset, as our own workbooks have it: A4 landscape one page wide, and rows as
    tall as their wrapped text (LibreOffice draws unsized wrapped rows over each other). Heights the
    province's file sets are kept."""
    from cchc_desktop.workbooks import fit_row_heights, print_a4_landscape
    from openpyxl.worksheet.properties import PageSetupProperties
    if sheet.sheet_properties.pageSetUpPr is None:
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties()
    if not sheet.page_setup.orientation and not sheet.sheet_properties.pageSetUpPr.fitToPage:
        print_a4_landscape(sheet, f"{header_rows[0]}:{header_rows[-1]}")
    kept = {n: d.height for n, d in sheet.row_dimensions.items() if d.height is not None}
    fit_row_heights(sheet, header_rows[0])
    for number, height in kept.items():
        sheet.row_dimensions[number].height = height


def _label(cells: list[str], roles: dict[str, int]) -> tuple[str, str]:
    """(STT, name) of a row as the reader takes them: "I. LĨNH VỰC …" merged over both is ("I", "LĨNH VỰC …")."""
    from cchc_desktop.importers.domains import split_roman

    def cell(role: str) -> str:
        index = roles.get(role)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    stt, name = cell(STT).rstrip(".):").strip(), cell(NAME)
    if stt.startswith("="):       # "=ROW()-4" never computed: the name alone tells the row
        stt = ""
    if stt and (stt == name or not name):
        numeral, rest = split_roman(stt)
        if numeral and (rest or stt == name):
            stt, name = numeral, rest
    return stt, name


def _key(text: str) -> str:
    return "".join(ch for ch in fold(text or "") if ch.isalnum())


def _match_rows(items, data, roles) -> dict[str, int]:
    """Item code → sheet row, each item looked for after the row of the one before (the tree is in sheet
    order; the same STT "1" recurs in every lĩnh vực, so the name must agree too)."""
    found: dict[str, int] = {}
    position = 0
    for item in items:
        want_stt, want_name = item.criterion.stt.upper(), _key(item.criterion.name)
        for k in range(position, len(data)):
            stt, name = _label(data[k][1], roles)
            name_key = _key(name)
            # a name continued on the next row was joined by the reader: the row holds its start
            if name_key and want_name.startswith(name_key) and (not stt or stt.upper() == want_stt):
                found[item.code] = data[k][0]
                position = k + 1
                break
    return found


def _total_row(data, roles, after: int) -> int | None:
    for number, cells in data:
        stt, name = _label(cells, roles)
        if number > after and fold(name or stt).startswith("tong"):
            return number
    return None


def _add_column(sheet, header_rows: list[int], table, last: int, roles: dict[str, int]) -> int:
    """A "Điểm tự chấm" column right after the last header column, styled as the header and the cells
    beside it (borders included), down to the end of the table. Returns its column number."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter
    header_cells = [cells for _n, cells in table[last - len(header_rows) + 1:last + 1]]
    used = max([i + 1 for cells in header_cells for i, c in enumerate(cells) if c] + [v + 1 for v in roles.values()])
    column = used + 1
    for number in header_rows:
        _copy_style(sheet.cell(number, column - 1), sheet.cell(number, column))
    head = sheet.cell(header_rows[0], column)
    head.value = tr(SELF_HEADER)
    if len(header_rows) > 1:
        sheet.merge_cells(start_row=header_rows[0], start_column=column, end_row=header_rows[-1], end_column=column)
    width = sheet.column_dimensions[get_column_letter(roles[MAX] + 1)].width
    sheet.column_dimensions[get_column_letter(column)].width = max(width or 0, 11)
    end = _total_row(table[last + 1:], roles, 0) or table[-1][0]
    for number in range(header_rows[-1] + 1, end + 1):
        cell = sheet.cell(number, column)
        _copy_style(sheet.cell(number, column - 1), cell)
        cell.number_format = "General"
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    _number_column(sheet, table, last, column)
    return column


def _number_column(sheet, table, last: int, column: int) -> None:
    """Under a header numbered "1 | 2 | 3 …" the new column takes the next number."""
    if last + 1 >= len(table):
        return
    number, cells = table[last + 1]
    filled = [c for c in cells if c]
    if len(filled) >= 2 and all(c.isdigit() and len(c) <= 2 for c in filled):
        sheet.cell(number, column).value = max(int(c) for c in filled) + 1


def _copy_style(source, target) -> None:
    if not source.has_style:
        return
    for name in ("font", "border", "fill", "number_format", "protection", "alignment"):
        setattr(target, name, copy(getattr(source, name)))


def _put(sheet, row: int, column: int, value) -> None:
    from openpyxl.cell.cell import MergedCell
    cell = sheet.cell(row, column)
    if value is None or isinstance(cell, MergedCell):     # inside a merged heading row: nothing to write
        return
    cell.value = value


def _explain(sheet, row: int, column: int, text: str) -> None:
    """The explanation in the sheet's "Giải trình"/"Ghi chú" cell, after what the province wrote there."""
    from openpyxl.cell.cell import MergedCell
    from openpyxl.styles import Alignment
    cell = sheet.cell(row, column)
    if isinstance(cell, MergedCell):
        return
    before = str(cell.value).strip() if cell.value is not None else ""
    cell.value = f"{before}\n{tr('Giải trình: {t}', t=text)}" if before else text
    old = cell.alignment
    cell.alignment = Alignment(horizontal=old.horizontal, vertical=old.vertical or "top", wrap_text=True)
