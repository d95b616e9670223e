"""What every workbook the program writes shares — the report tables, the plan export and the
statistics form — for ``reports/`` and ``exporters/`` alike (neither imports the other):

- **Printing:** A4 landscape, one page wide, the table's header rows on every page, and the margins of
  Nghị định 30 (as our PDFs).
- **Text stays text.** openpyxl stores any string starting with "=" as a formula, so a task name, a result
  or an evidence summary typed as ``=HYPERLINK("http://…","…")`` would become a live, clickable formula in
  an official workbook. Before saving, every formula cell the program did not put there on purpose is
  turned back into a string (the text is kept exactly as typed).
- **Whole cells.** A cell holds at most 32 767 characters (Excel's limit; openpyxl cuts longer text as it
  is assigned, with no sign): ``fit_cell`` cuts it and says so. Row heights come from the wrapped text
  and the column widths (``fit_row_heights``): Excel sizes wrapped rows only in files it wrote itself,
  and LibreOffice draws them over each other.
"""
from __future__ import annotations

import math

from cchc_desktop.i18n import format_number, tr
from cchc_desktop.reports.document import MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP

MM_PER_INCH = 25.4
EXCEL_CELL_LIMIT = 32767
DEFAULT_COLUMN_WIDTH = 8.43      # Excel's, in characters of the default font
CHAR_FILL = 1.15                 # Vietnamese text fits a little more than one "0" per width unit at 11 pt
LINE_HEIGHT = 1.32               # points of row per point of font size, per line (Times New Roman)


def print_a4_landscape(sheet, title_rows: str) -> None:
    """``title_rows`` like "5:5" or "4:5": repeated at the top of each printed page."""
    sheet.print_title_rows = title_rows
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    margins = sheet.page_margins
    margins.left, margins.right = MARGIN_LEFT / MM_PER_INCH, MARGIN_RIGHT / MM_PER_INCH
    margins.top, margins.bottom = MARGIN_TOP / MM_PER_INCH, MARGIN_BOTTOM / MM_PER_INCH


def fit_cell(text: str) -> str:
    """``text``, or its start and a note of how much did not fit, within Excel's limit for one cell."""
    if len(text) <= EXCEL_CELL_LIMIT:
        return text
    room = EXCEL_CELL_LIMIT - 100          # the note takes under 100 characters
    return text[:room] + tr("… [còn {n} ký tự không vừa một ô Excel: xem bản PDF hoặc Word]",
                            n=format_number(len(text) - room))


def finish(book, formulas: set[tuple[str, str]] = frozenset()) -> None:
    """What every workbook gets just before it is saved: text kept text, and every row as tall as its
    wrapped text."""
    keep_text(book, formulas)
    for sheet in book.worksheets:
        fit_row_heights(sheet)


def keep_text(book, formulas: set[tuple[str, str]] = frozenset()) -> int:
    """Make every formula cell a string, except (sheet title, coordinate) pairs in ``formulas``.
    Returns how many cells were made text."""
    made = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" and (sheet.title, cell.coordinate) not in formulas:
                    cell.data_type = "s"
                    made += 1
    return made


def fit_row_heights(sheet, first_row: int = 1) -> None:
    """Set each row's height (points) from ``first_row`` on to its tallest wrapped cell: lines of text
    at the column's width (merged cells: the merged width) times the font's line height. Rows holding
    no wrapped text keep the default height."""
    spans = {}
    for merged in sheet.merged_cells.ranges:
        spans[(merged.min_row, merged.min_col)] = range(merged.min_col, merged.max_col + 1)
    widths: dict[int, float] = {}
    for row in sheet.iter_rows(min_row=first_row):
        tallest = 0.0
        for cell in row:
            if not isinstance(cell.value, str) or not (cell.alignment and cell.alignment.wrap_text):
                continue
            if cell.data_type == "f" or cell.value.startswith("="):
                continue        # a formula shows its result (a number), not its own text
            columns = spans.get((cell.row, cell.column), (cell.column,))
            width = sum(widths.setdefault(c, _column_width(sheet, c)) for c in columns)
            size = float(cell.font.sz or 11) if cell.font else 11.0
            tallest = max(tallest, _lines(cell.value, width, size) * size * LINE_HEIGHT + 3)
        if tallest:
            sheet.row_dimensions[row[0].row].height = round(min(tallest, 409.0), 1)   # Excel's largest row


def _column_width(sheet, column: int) -> float:
    from openpyxl.utils import get_column_letter
    dimension = sheet.column_dimensions.get(get_column_letter(column))
    return dimension.width if dimension is not None and dimension.width else DEFAULT_COLUMN_WIDTH


def _lines(text: str, width: float, size: float) -> int:
    """Lines ``text`` takes in a column ``width`` characters wide at ``size`` points, broken at words."""
    per_line = max(1.0, (width - 1) * CHAR_FILL * 11.0 / size)
    total = 0
    for paragraph in text.split("\n"):
        used, lines = 0.0, 1
        for word in paragraph.split(" "):
            need = len(word) + (1 if used else 0)
            if used and used + need > per_line:
                lines, used = lines + 1, 0.0
                need = len(word)
            while need > per_line:            # a word longer than the column breaks inside it
                lines += 1
                need -= per_line
            used += need
        total += lines
    return max(1, math.ceil(total))
