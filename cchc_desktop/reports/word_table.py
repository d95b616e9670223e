"""A report table as WordprocessingML text, written straight into ``word/document.xml``.

python-docx keeps every cell, paragraph and run as an lxml element: a 20 000-row evidence list made a
tree of millions of nodes (over 500 MB). A table is plain, regular markup, so it is written as text, row
by row, and spliced into the saved document in place of a marker paragraph. Element order follows
ECMA-376 (Word refuses other orders).
"""
from __future__ import annotations

from docx.shared import Mm
from xml.sax.saxutils import escape

from cchc_desktop.reports import document as d
from cchc_desktop.text import strip_controls

# A little air above and below cell text (Word's default is none), as in the PDF; twips.
CELL_MARGINS = (("top", 40), ("bottom", 60), ("left", 85), ("right", 85))


def table_xml(table: d.Table, width_mm: float) -> bytes:
    """``<w:tbl>`` for ``table`` on a text width of ``width_mm``: a "Table Grid" table of fixed column
    widths, its header row repeated on every page, no row cut across pages, and no page holding a lone
    row (a group heading keeps with its first row; the first two rows and the last two share a page)."""
    widths = [Mm(w).twips for w in table.widths(width_mm)]
    size = round(table.font_size * 2)          # half-points
    parts = [_table_properties(widths).encode()]      # UTF-8 bytes: half the memory of a str of Vietnamese
    parts.append(_row([_cell_xml(c.header, w, size, True, "center", False) for c, w in
                       zip(table.columns, widths)], header=True))
    last = len(table.rows) - 1
    for index, row in enumerate(table.rows):
        keep = index < last and (row.keeps_with_next or index == 0 or index == last - 1)
        if row.group:
            cells = [_cell_xml(row.cells[0], sum(widths), size, True, "left", keep, span=len(widths))]
        else:
            cells = [_cell_xml(text, w, size, row.bold, column.align, keep)
                     for text, w, column in zip(row.cells, widths, table.columns)]
        parts.append(_row(cells, header=False))
    parts.append(b"</w:tbl>")
    return b"".join(parts)


def _table_properties(widths: list[int]) -> str:
    margins = "".join(f'<w:{side} w:w="{twips}" w:type="dxa"/>' for side, twips in CELL_MARGINS)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:type="auto" w:w="0"/>'
            '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
            f'<w:tblCellMar>{margins}</w:tblCellMar>'
            '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0"'
            f' w:noVBand="1" w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>')


def _row(cells: list[str], header: bool) -> bytes:
    flags = '<w:cantSplit/><w:tblHeader w:val="true"/>' if header else "<w:cantSplit/>"
    return f"<w:tr><w:trPr>{flags}</w:trPr>{''.join(cells)}</w:tr>".encode()


def _cell_xml(text: str, width: int, size: int, bold: bool, align: str, keep: bool, span: int = 1) -> str:
    """One ``<w:tc>``: a paragraph per line of ``text`` (Word keeps a row whose paragraphs keep with
    the next on the page of the next row)."""
    span_xml = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    run_props = f'<w:rPr>{"<w:b/>" if bold else ""}<w:sz w:val="{size}"/></w:rPr>'
    # the paragraph mark carries the run's size too: an empty cell is as tall as a line of table text
    paragraph_props = f'<w:pPr>{"<w:keepNext/>" if keep else ""}<w:jc w:val="{align}"/>{run_props}</w:pPr>'
    paragraphs = []
    for line in strip_controls(text or "").split("\n"):
        run = f"<w:r>{run_props}{_text(line)}</w:r>" if line else ""
        paragraphs.append(f"<w:p>{paragraph_props}{run}</w:p>")
    return f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>{span_xml}</w:tcPr>{"".join(paragraphs)}</w:tc>'


def _text(line: str) -> str:
    pieces = line.split("\t")
    return "<w:tab/>".join(f'<w:t xml:space="preserve">{escape(piece)}</w:t>' if piece else "" for piece in pieces)
