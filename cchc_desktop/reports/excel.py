"""The tables of a ``Document`` as an Excel workbook (openpyxl, imported on first use): one sheet per
table, its title above, header repeated on every printed page, A4 landscape fitted to width."""
from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from cchc_desktop.workbooks import print_a4_landscape
from cchc_desktop.workbooks import fit_cell
from cchc_desktop.i18n import tr
from cchc_desktop.reports import document as d
from cchc_desktop.reports.fonts import WORD_FONT
from cchc_desktop.text import strip_controls

MM_PER_CHAR = 2.0
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")


def render_xlsx(doc: d.Document) -> bytes:
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    tables = doc.tables()
    figures = doc.figures()
    if not tables and not figures:
        sheet = book.create_sheet(tr("Văn bản"))
        _title(sheet, doc, doc.title, 1)
    for heading, table in tables:
        sheet = book.create_sheet(_sheet_name(table.sheet_name or heading, used))
        _write_table(sheet, doc, heading, table)
    if figures:
        _write_figures(book.create_sheet(_sheet_name(tr("Biểu đồ"), used)), doc, figures)
    props = book.properties
    props.title, props.creator, props.subject = doc.meta.title, doc.meta.author, doc.meta.subject
    props.keywords = doc.meta.keywords
    out = io.BytesIO()
    from cchc_desktop.workbooks import finish
    finish(book)   # a task name starting with "=" stays text; rows as tall as their text
    book.save(out)
    return out.getvalue()


def _sheet_name(name: str, used: set[str]) -> str:
    base = _BAD_SHEET.sub(" ", name).strip()[:28] or tr("Bảng")
    candidate, n = base, 2
    while candidate.casefold() in used:
        candidate, n = f"{base} {n}", n + 1
    used.add(candidate.casefold())
    return candidate


def _title(sheet, doc: d.Document, heading: str, columns: int) -> int:
    """Issuer, heading and subject above the table; returns the next free row."""
    lines = [(" ".join(doc.letterhead.issuer_lines), 12, True), (heading, 13, True)]
    lines += [(line, 12, False) for line in doc.subject]
    for row, (text, size, bold) in enumerate(lines, start=1):
        cell = sheet.cell(row=row, column=1, value=strip_controls(text))
        cell.font = Font(name=WORD_FONT, size=size, bold=bold)
        cell.alignment = Alignment(horizontal="center" if row > 1 else "left")
        if columns > 1 and row > 1:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    return len(lines) + 2


def _write_table(sheet, doc: d.Document, heading: str, table: d.Table) -> None:
    n = len(table.columns)
    header_row = _title(sheet, doc, heading, n)
    size = table.font_size
    for col, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=header_row, column=col, value=strip_controls(column.header))
        cell.font = Font(name=WORD_FONT, size=size, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BOX
        sheet.column_dimensions[get_column_letter(col)].width = max(6.0, column.width / MM_PER_CHAR * 1.6)
    row_index = header_row
    for row in table.rows:
        row_index += 1
        if row.group:
            _put(sheet, row_index, 1, row.cells[0], size, True, "left")
            for col in range(2, n + 1):
                sheet.cell(row=row_index, column=col).border = _BOX
            sheet.merge_cells(start_row=row_index, start_column=1, end_row=row_index, end_column=n)
            continue
        for col, (text, column) in enumerate(zip(row.cells, table.columns), start=1):
            _put(sheet, row_index, col, _number_or_text(text, column), size, row.bold, column.align)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    print_a4_landscape(sheet, f"{header_row}:{header_row}")


def _write_figures(sheet, doc: d.Document, figures: list[tuple[str, d.Figure]]) -> None:
    """The charts as pictures, one under the other, under the heading they sit under in the document."""
    import io

    from openpyxl.drawing.image import Image

    from cchc_desktop.charts.drawing import chart_png
    width = d.text_width(False)
    points = 72 / 25.4
    row = _title(sheet, doc, figures[0][0], 10)
    for _heading, figure in figures:
        png = chart_png(figure.chart, width * points, figure.height * points, figure.font_size)
        image = Image(io.BytesIO(png))
        image.width, image.height = width / 25.4 * 96, figure.height / 25.4 * 96    # shown at its size on paper
        sheet.add_image(image, f"A{row}")
        row += int(figure.height / 25.4 * 96 / 20) + 2       # rows of 20 pixels (15 points)
    sheet.page_setup.orientation, sheet.page_setup.paperSize = "portrait", sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _put(sheet, row: int, col: int, value, size: float, bold: bool, align: str) -> None:
    cell = sheet.cell(row=row, column=col, value=fit_cell(strip_controls(value)) if isinstance(value, str) else value)
    cell.font = Font(name=WORD_FONT, size=size, bold=bold)
    cell.alignment = Alignment(horizontal=align, vertical="top", wrap_text=True)
    cell.border = _BOX


_PLAIN_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+(,\d+)?$")


def _number_or_text(text: str, column: d.Column):
    """A right-aligned figure ("2.615", "98,98") goes in as a number Excel can add up."""
    if column.align == "right" and text and _PLAIN_NUMBER.match(text):
        value = float(text.replace(".", "").replace(",", "."))
        return int(value) if value.is_integer() else value
    return text or None
