"""How every workbook the program writes prints: A4 landscape, one page wide, the table's header rows
on every page, and the margins of Nghị định 30 (as our PDFs)."""
from __future__ import annotations

from cchc_desktop.reports.document import MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP

MM_PER_INCH = 25.4


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
