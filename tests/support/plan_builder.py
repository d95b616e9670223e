"""Build plan tables in many layouts, in HTML, Word and Excel, for import tests.

A table is a list of rows; a row is a list of ``Cell`` (text with column/row spans). Cells
covered by a span are omitted from the rows below or to the right, as in HTML. The three
writers lay the same grid out with real merges (colspan/rowspan, gridSpan/vMerge, merged
ranges), so every reader is tested against the same structure.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path


@dataclass
class Cell:
    text: str
    cs: int = 1
    rs: int = 1


def grid(rows: list[list[Cell]]) -> list[tuple[int, int, Cell]]:
    """(row, column, cell) of each cell, columns counted past the spans from above."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell))
            for dr in range(cell.rs):
                for dc in range(cell.cs):
                    taken.add((r + dr, c + dc))
            c += cell.cs
    return placed


def width(rows: list[list[Cell]]) -> int:
    return max(c + cell.cs for _r, c, cell in grid(rows))


def write_html(path: Path, paragraphs: list[str], rows: list[list[Cell]], after: list[str] = ()) -> Path:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    body += "<table border='1'>"
    for row in rows:
        body += "<tr>" + "".join(
            f"<td colspan='{c.cs}' rowspan='{c.rs}'>" + "<br>".join(escape(x) for x in c.text.split("\n")) + "</td>"
            for c in row) + "</tr>"
    body += "</table>" + "".join(f"<p>{escape(p)}</p>" for p in after)
    path.write_text(f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>", encoding="utf-8")
    return path


def write_docx(path: Path, paragraphs: list[str], rows: list[list[Cell]], after: list[str] = ()) -> Path:
    from docx import Document
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=len(rows), cols=width(rows))
    for r, c, cell in grid(rows):
        target = table.cell(r, c)
        if cell.rs > 1 or cell.cs > 1:
            target = target.merge(table.cell(r + cell.rs - 1, c + cell.cs - 1))
        lines = cell.text.split("\n")
        target.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            target.add_paragraph(line)
    for text in after:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def write_xlsx(path: Path, paragraphs: list[str], rows: list[list[Cell]], after: list[str] = (),
               sheet_title: str = "Phụ lục") -> Path:
    import openpyxl
    from openpyxl.styles import Alignment
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    for text in paragraphs:
        sheet.append([text])
    top = len(paragraphs) + 1
    for r, c, cell in grid(rows):
        target = sheet.cell(row=top + r, column=c + 1, value=cell.text)
        target.alignment = Alignment(wrap_text=True)
        if cell.rs > 1 or cell.cs > 1:
            sheet.merge_cells(start_row=top + r, start_column=c + 1, end_row=top + r + cell.rs - 1,
                              end_column=c + cell.cs)
    for offset, text in enumerate(after):
        sheet.cell(row=top + len(rows) + 1 + offset, column=1, value=text)
    workbook.save(str(path))
    return path


WRITERS = {"html": write_html, "docx": write_docx, "xlsx": write_xlsx}


def write(fmt: str, path: Path, paragraphs: list[str], rows: list[list[Cell]], after: list[str] = ()) -> Path:
    return WRITERS[fmt](path.with_suffix("." + fmt), paragraphs, rows, after)


PLAN_TITLE = ("KẾ HOẠCH", "Cải cách hành chính năm 2026")


def plain_row(*texts: str) -> list[Cell]:
    """A row of one-cell texts."""
    return [Cell(t) for t in texts]


def preview(tmp_path: Path, rows: list[list[Cell]], fmt: str = "docx", paragraphs=PLAN_TITLE, name: str = "ke-hoach"):
    """Write the plan as ``fmt`` and read it back as the import preview does (built-in unit catalog)."""
    from cchc_desktop.importers import read_document
    from cchc_desktop.importers.analysis import analyze
    from cchc_desktop.services.units import builtin_matcher
    return analyze(read_document(write(fmt, tmp_path / name, list(paragraphs), rows)), builtin_matcher())

