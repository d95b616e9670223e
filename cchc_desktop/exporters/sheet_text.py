"""Text stays text in every workbook the program writes.

openpyxl stores any string starting with "=" as a formula, so a task name, a result or an evidence
summary typed as ``=HYPERLINK("http://…","…")`` would become a live, clickable formula in an official
workbook. Before saving, every formula cell the program did not put there on purpose is turned back
into a string (the text is kept exactly as typed).
"""
from __future__ import annotations


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
