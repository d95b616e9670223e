"""From a sheet's grid of values to the document's blocks, whatever library read the workbook.

Shared by the .xls reader (xlrd) and the .xlsx reader (openpyxl): a
merged range shows its top-left value in every cell it covers, as the eye reads it; title
lines above the table (one filled cell) become paragraphs, like in a Word file.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time

from cchc_desktop.i18n import format_date
from cchc_desktop.importers.document import SourceDocument, Table

MAX_ROWS = 20000
MAX_COLS = 40


def cell_text(value) -> str:
    """A cell's value as the officer sees it: dates dd/mm/yyyy, 12.0 as 12, no stray carriage returns."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_date(value.date())
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("_x000D_", "").replace("\r", "").strip()


def apply_merges(rows: list[list[str]], merges: Iterable[tuple[int, int, int, int]],
                 max_cols: int = MAX_COLS) -> None:
    """Copy each merge's top-left value into all its cells, in place.

    ``merges`` are (top, left, bottom, right), 1-based and inclusive, as in "B3:F3"."""
    for top, left, bottom, right in merges:
        if top - 1 >= len(rows) or left - 1 >= max_cols:
            continue
        value = rows[top - 1][left - 1] if left - 1 < len(rows[top - 1]) else ""
        for r in range(top - 1, min(bottom, len(rows))):
            row = rows[r]
            if len(row) < min(right, max_cols):
                row.extend([""] * (min(right, max_cols) - len(row)))
            for c in range(left - 1, min(right, max_cols)):
                row[c] = value


def add_sheet(document: SourceDocument, rows: list[list[str]], sheet: str) -> None:
    """The sheet's title lines as paragraphs, then its table (if any) as one ``Table`` block."""
    table = Table([], sheet=sheet)
    for row in rows:
        filled = [c for c in row if c]
        if not filled:
            continue
        if len(set(filled)) == 1 and not table.rows:   # one text, maybe merged across: a title line
            document.add_paragraph(filled[0])
        else:
            table.rows.append(row)
    if table.rows:
        document.blocks.append(table)
