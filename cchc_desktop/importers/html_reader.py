"""HTML: a plan published on the commune's web portal, or the clipboard of Word/Excel/a browser.

The standard library's parser is enough: tables with colspan/rowspan, paragraphs between
them, list items as "- " lines inside a cell.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from cchc_desktop.importers.document import SourceDocument, Table
from cchc_desktop.importers.text_reader import decode

_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "section", "article"}
MAX_SPAN = 50


class _TableBuilder:
    def __init__(self):
        self.rows: list[list[str]] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.span = (1, 1)
        self.pending: dict[tuple[int, int], str] = {}   # rowspan fill-ins: (row, col) -> text

    def start_row(self) -> None:
        self.end_row()
        self.row = []

    def end_row(self) -> None:
        self.end_cell()
        if self.row is not None:
            self._fill_pending(len(self.row))
            self.rows.append(self.row)
            self.row = None

    def start_cell(self, colspan: int, rowspan: int) -> None:
        self.end_cell()
        if self.row is None:
            self.row = []
        self.cell, self.span = [], (colspan, rowspan)

    def end_cell(self) -> None:
        if self.cell is None or self.row is None:
            return
        text = _clean("".join(self.cell))
        colspan, rowspan = self.span
        self._fill_pending(len(self.row))
        for _ in range(colspan):
            col = len(self.row)
            self.row.append(text)
            for down in range(1, rowspan):
                self.pending[(len(self.rows) + down, col)] = text
            self._fill_pending(len(self.row))
        self.cell = None

    def _fill_pending(self, col: int) -> None:
        row_index = len(self.rows)
        while (row_index, col) in self.pending:
            self.row.append(self.pending.pop((row_index, col)))
            col += 1


def _clean(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line).strip()


class _Parser(HTMLParser):
    def __init__(self, document: SourceDocument):
        super().__init__(convert_charrefs=True)
        self.document = document
        self.tables: list[_TableBuilder] = []
        self.text: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style", "head", "title"):
            self.skip += 1
        elif tag == "table":
            self._flush_paragraph()
            self.tables.append(_TableBuilder())
        elif self.tables and tag == "tr":
            self.tables[-1].start_row()
        elif self.tables and tag in ("td", "th"):
            self.tables[-1].start_cell(_span(attrs.get("colspan")), _span(attrs.get("rowspan")))
        elif tag == "li":
            self._write("\n- ")
        elif tag in _BLOCK_TAGS:
            self._write("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head", "title"):
            self.skip = max(0, self.skip - 1)
        elif tag == "table" and self.tables:
            builder = self.tables.pop()
            builder.end_row()
            rows = [r for r in builder.rows if any(c.strip() for c in r)]
            if rows:
                self.document.blocks.append(Table(rows))
        elif self.tables and tag in ("td", "th"):
            self.tables[-1].end_cell()
        elif self.tables and tag == "tr":
            self.tables[-1].end_row()
        elif tag in _BLOCK_TAGS and not self.tables:
            self._flush_paragraph()

    def handle_data(self, data):
        if not self.skip:
            self._write(data)

    def _write(self, text: str) -> None:
        if self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.append(text)
        elif not self.tables:
            self.text.append(text)

    def _flush_paragraph(self) -> None:
        for line in "".join(self.text).split("\n"):
            self.document.add_paragraph(" ".join(line.split()))
        self.text = []

    def close(self):
        super().close()
        while self.tables:
            self.handle_endtag("table")
        self._flush_paragraph()


def _span(value) -> int:
    try:
        return max(1, min(MAX_SPAN, int(str(value).strip())))
    except (TypeError, ValueError):
        return 1


def read_html(data: bytes, name: str) -> SourceDocument:
    text, warning = _decode_html(data)
    document = SourceDocument(name, "html")
    if warning:
        document.warnings.append(warning)
    # Word's clipboard wraps the fragment in comments and conditional blocks; drop them.
    text = re.sub(r"<!--\[if.*?<!\[endif\]-->", " ", text, flags=re.S)
    parser = _Parser(document)
    parser.feed(text)
    parser.close()
    return document


def _decode_html(data: bytes) -> tuple[str, str | None]:
    head = data[:2048].decode("ascii", errors="ignore").lower()
    match = re.search(r"charset=[\"']?([a-z0-9_-]+)", head)
    if match and match.group(1) not in ("utf-8", "utf8"):
        try:
            return data.decode(match.group(1)), None
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)

