"""Word, Excel and HTML versions of the seed plans, built the way real files are.

The seeds are text extracts. These writers turn them back into the documents communes
actually exchange: landscape sections, domain rows as merged cells, a lead unit merged
down the rows it covers, "- " bullets as separate paragraphs or list items, the header
row again on every page, and the paragraphs around the tables.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from cchc_desktop.importers import read_document
from cchc_desktop.importers.columns import looks_like_header_line
from cchc_desktop.importers.document import SourceDocument, Table
from cchc_desktop.importers.flat_table import find_flat_table
from cchc_desktop.services.units import builtin_matcher

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
SEED_NAMES = {"000": "000_6e2be833faf95f3b.txt", "001": "001_b821c13b2d9249b6.txt",
              "003": "003_d94acb5e5da1ddce.txt", "004": "004_af92c9f39506e254.txt"}
_BULLET = re.compile(r"\s+-\s+(?=[A-ZÀ-ỸĐ])")
_ROMAN = re.compile(r"^(VIII|VII|VI|IV|V|III|II|I)\b")


def seed_source(seed: str) -> SourceDocument:
    """The seed as read from its text; a PDF extract gets its table recovered first."""
    document = read_document(SEEDS / SEED_NAMES[seed])
    if not document.tables:
        table, _warnings = find_flat_table(document.paragraphs, builtin_matcher(), 2026)
        cut = next(i for i, p in enumerate(document.paragraphs) if looks_like_header_line(p))
        document.blocks = [*document.paragraphs[:cut], table]
    return document


def _is_section(row: list[str]) -> bool:
    filled = [c for c in row if c.strip()]
    return bool(filled) and bool(_ROMAN.match(row[0].strip() or filled[0])) and len(filled) <= 2


def _bullets(text: str) -> list[str]:
    """ "- A - B" → ["- A", "- B"]: how a Word cell holds bullet items."""
    text = re.sub(r"<[^>]+>", " ", text)
    if text.strip().startswith("- "):
        return [p.strip() for p in _BULLET.sub("\n- ", text.strip()).split("\n") if p.strip()]
    return [line for line in text.split("\n") if line.strip()] or [""]


def write_docx(document: SourceDocument, path: Path) -> Path:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    word = docx.Document()
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for block in document.blocks:
        if isinstance(block, str):
            word.add_paragraph(block)
            continue
        width = block.width
        table = word.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        previous_lead: tuple[int, str] | None = None
        for index, row in enumerate(block.rows):
            row = row + [""] * (width - len(row))
            cells = table.add_row().cells
            if index == 0:
                flag = OxmlElement("w:tblHeader")
                flag.set(qn("w:val"), "true")
                table.rows[-1]._tr.get_or_add_trPr().append(flag)
            if _is_section(row):
                cells[0].text = row[0]
                merged = cells[1].merge(cells[-1])
                merged.text = next((c for c in row[1:] if c), "")
                previous_lead = None
                continue
            for col, (cell, text) in enumerate(zip(cells, row)):
                lead_col = col == 2 and index > 0
                if lead_col and previous_lead and previous_lead[1] == text and text:
                    above = table.cell(previous_lead[0], col)
                    above.merge(cell)  # one lead unit merged down the rows it covers
                    continue
                paragraphs = _bullets(text)
                cell.text = paragraphs[0]
                for extra in paragraphs[1:]:
                    cell.add_paragraph(extra)
                if lead_col:
                    previous_lead = (len(table.rows) - 1, text)
    word.save(str(path))
    return path


def write_xlsx(document: SourceDocument, path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    book = Workbook()
    sheet = book.active
    sheet.title = "Phụ lục"
    row_number = 1
    for block in document.blocks:
        if isinstance(block, str):
            sheet.cell(row=row_number, column=1, value=block)
            row_number += 1
            continue
        width = block.width
        for row in block.rows:
            row = row + [""] * (width - len(row))
            if _is_section(row):
                sheet.cell(row=row_number, column=1, value=row[0])
                sheet.cell(row=row_number, column=2, value=next((c for c in row[1:] if c), ""))
                sheet.merge_cells(start_row=row_number, start_column=2, end_row=row_number, end_column=width)
            else:
                for col, text in enumerate(row, start=1):
                    value = "\n".join(_bullets(text)) if text else None
                    if value and value[0] in "=+":
                        value = "'" + value
                    cell = sheet.cell(row=row_number, column=col, value=value)
                    cell.alignment = Alignment(wrap_text=True)
            row_number += 1
        row_number += 1
    book.save(str(path))
    return path


def write_html(document: SourceDocument, path: Path) -> Path:
    parts = ['<html><head><meta charset="utf-8"><title>Kế hoạch</title></head><body>']
    for block in document.blocks:
        if isinstance(block, str):
            parts.append(f"<p>{html.escape(block)}</p>")
            continue
        width = block.width
        parts.append('<table border="1">')
        for index, row in enumerate(block.rows):
            row = row + [""] * (width - len(row))
            tag = "th" if index == 0 else "td"
            if _is_section(row):
                title = html.escape(next((c for c in row[1:] if c), ""))
                parts.append(f"<tr><td><b>{html.escape(row[0])}</b></td><td colspan=\"{width - 1}\">"
                             f"<b>{title}</b></td></tr>")
                continue
            cells = []
            for text in row:
                items = _bullets(text)
                if len(items) > 1:
                    body = "<ul>" + "".join(f"<li>{html.escape(i.lstrip('- '))}</li>" for i in items) + "</ul>"
                else:
                    body = html.escape(items[0])
                cells.append(f"<{tag}>{body}</{tag}>")
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


WRITERS = {"docx": write_docx, "xlsx": write_xlsx, "html": write_html}


def seed_file(seed: str, fmt: str, folder: Path) -> Path:
    """The seed in ``fmt`` ("txt", "docx", "xlsx", "html") inside ``folder``."""
    if fmt == "txt":
        return SEEDS / SEED_NAMES[seed]
    return WRITERS[fmt](seed_source(seed), folder / f"ke-hoach-{seed}.{fmt}")


__all__ = ["Table", "seed_file", "seed_source"]
