"""Word documents through python-docx: paragraphs and tables of the body, in order.

Cells are read straight from the XML (w:tc / w:p / w:t), which is many times faster than
python-docx's cell objects on a long appendix. A horizontally merged cell (gridSpan) is
repeated across the columns it covers, a vertically merged one (vMerge) down the rows, so
every row has one value per column, as in the printed table.
"""
from __future__ import annotations

from pathlib import Path

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import tr
from cchc_desktop.importers.document import SourceDocument, Table

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_ROWS = 20000


def read_docx(path: Path) -> SourceDocument:
    import docx  # heavy: only when a Word file is read
    try:
        word = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise ValidationError(tr("Không đọc được tệp Word “{name}”: tệp bị hỏng hoặc không đúng định dạng.",
                                 name=path.name),
                              tr("Hãy mở tệp bằng Word, lưu lại (.docx) rồi thử nhập lại.")) from exc
    document = SourceDocument(path.name, "docx")
    props = word.core_properties
    document.properties = {"title": props.title or "", "subject": props.subject or "",
                           "keywords": props.keywords or ""}
    _read_body(word.element.body, document)
    return document


def _read_body(body, document: SourceDocument) -> None:
    for child in body.iterchildren():
        if child.tag == W + "p":
            document.add_paragraph(_paragraph_text(child))
        elif child.tag == W + "tbl":
            table = _read_table(child, document)
            if table.rows:
                document.blocks.append(table)
        elif child.tag == W + "sdt":  # content controls wrap ordinary paragraphs and tables
            content = child.find(W + "sdtContent")
            if content is not None:
                _read_body(content, document)


def _paragraph_text(p) -> str:
    parts = []
    for node in p.iter(W + "t", W + "tab", W + "br", W + "cr"):
        if node.tag == W + "t":
            parts.append(node.text or "")
        elif node.tag == W + "tab":
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def _cell_text(tc) -> str:
    lines = []
    for p in tc.iter(W + "p"):
        text = " ".join(_paragraph_text(p).split())
        if text:
            lines.append(text)
    return "\n".join(lines)


def _read_table(tbl, document: SourceDocument) -> Table:
    rows: list[list[str]] = []
    above: dict[int, str] = {}      # column -> text of the cell a vMerge continues
    for tr_index, tr_el in enumerate(tbl.iterchildren(W + "tr")):
        if tr_index >= MAX_ROWS:
            document.warnings.append(tr("Bảng quá dài; chỉ đọc {n} dòng đầu.", n=MAX_ROWS))
            break
        row: list[str] = []
        grid_before = tr_el.find(f"{W}trPr/{W}gridBefore")
        if grid_before is not None:
            row.extend([""] * _int(grid_before.get(W + "val"), 0))
        for tc in tr_el.iterchildren(W + "tc"):
            props = tc.find(W + "tcPr")
            span, merge = 1, None
            if props is not None:
                grid = props.find(W + "gridSpan")
                span = _int(grid.get(W + "val"), 1) if grid is not None else 1
                vmerge = props.find(W + "vMerge")
                if vmerge is not None:
                    merge = vmerge.get(W + "val", "continue")
            col = len(row)
            text = above.get(col, "") if merge == "continue" else _cell_text(tc)
            for offset in range(min(span, 50)):
                row.append(text)
                if merge == "restart":
                    above[col + offset] = text
                elif merge is None:
                    above.pop(col + offset, None)
        rows.append(row)
    return Table(rows)


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
