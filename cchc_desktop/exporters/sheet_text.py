"""Text stays text in every workbook the program writes.

openpyxl stores any string starting with "=" as a formula, so a task name, a result or an evidence
summary typed as ``=HYPERLINK("http://…","…")`` would become a live, clickable formula in an official
workbook. Before saving, every formula cell the program did not put there on purpose is turned back
into a string (the text is kept exactly as typed).

A cell holds at most 32 767 characters (Excel's limit; openpyxl cuts longer text as it is assigned, with
no sign). Writers pass long text through ``fit_cell``, which cuts it and says so in the cell.
"""
from __future__ import annotations

from cchc_desktop.i18n import format_number, tr

EXCEL_CELL_LIMIT = 32767


def fit_cell(text: str) -> str:
    """``text``, or its start and a note of how much did not fit, within Excel's limit for one cell."""
    if len(text) <= EXCEL_CELL_LIMIT:
        return text
    room = EXCEL_CELL_LIMIT - 100          # the note takes under 100 characters
    return text[:room] + tr("… [còn {n} ký tự không vừa một ô Excel: xem bản PDF hoặc Word]",
                            n=format_number(len(text) - room))


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
