"""HTML: a plan published on the commune's web portal, or the clipboard of Word/Excel/a browser.

The standard library's parser is enough: tables with colspan/rowspan, paragraphs between
them, list items as "- " lines inside a cell.

Old Vietnamese fonts: the font of each element comes from its ``style="font-family:…"``,
``<font face="…">`` or a simple rule of the page's ``<style>`` (``p``, ``.cls``, ``span.cls``),
else from its parent. Text in a TCVN3/VNI font (".VnTime", "VNI-Times") is marked as it is
read and converted to Unicode once the whole page is read (``legacy_text.convert_marked``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

from cchc_desktop.importers import legacy_text
from cchc_desktop.importers.document import SourceDocument, Table
from cchc_desktop.importers.text_reader import decode

_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "section", "article"}
_VOID_TAGS = {"br", "img", "meta", "link", "input", "hr", "col", "area", "base", "wbr", "source", "param",
              "embed", "track"}
_SELF_CLOSING = {"p", "li", "tr", "td", "th", "option", "dt", "dd"}
MAX_SPAN = 50
MAX_DEPTH = 500
_FAMILY = re.compile(r"font-family\s*:\s*([^;]+)", re.I)
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_FONT_NAMES = re.compile(r"""font-family\s*:\s*([^;}>]+)|<font\b[^>]*?\bface\s*=\s*["']?([^"'>]+)""", re.I)


def first_family(value: str) -> str:
    """'".VnTime", serif' → ".VnTime": the font the page asks for first."""
    return value.split(",")[0].strip().strip("'\"").strip()


class _Fonts:
    """The font in force at each point of the page: a stack of (tag, its legacy encoding or None)."""

    def __init__(self, document: SourceDocument):
        self.document = document
        self.rules: dict[str, str] = {}         # "p", ".cls", "span.cls" -> font family
        self.stack: list[tuple[str, tuple[str, bool] | None]] = []
        self.marked = False                     # some text was in a legacy font

    @property
    def current(self) -> tuple[str, bool] | None:
        return self.stack[-1][1] if self.stack else None

    def add_css(self, css: str) -> None:
        for selectors, body in _RULE.findall(css):
            family = _FAMILY.search(body)
            if not family:
                continue
            for selector in selectors.split(","):
                self.rules[selector.strip().lower()] = first_family(family.group(1))
                self.document.fonts.add(first_family(family.group(1)))

    def start(self, tag: str, attrs: dict) -> None:
        if tag in _VOID_TAGS:
            return
        if tag in _SELF_CLOSING:
            self._close_open(tag)
        if len(self.stack) >= MAX_DEPTH:
            return
        font = self._declared(tag, attrs) if attrs or self.rules else ""
        if font:
            self.document.fonts.add(font)
        self.stack.append((tag, _encoding(font) if font else self.current))

    def end(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def _close_open(self, tag: str) -> None:
        """A new <p> ends an open <p> (a new <td> an open <td>…) of the same table, as browsers do."""
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return
            if self.stack[depth][0] == "table":
                return

    def _declared(self, tag: str, attrs: dict) -> str:
        family = _FAMILY.search(attrs.get("style") or "")
        if family:
            return first_family(family.group(1))
        if tag == "font" and attrs.get("face"):
            return first_family(attrs["face"])
        classes = (attrs.get("class") or "").lower().split()
        for key in [f"{tag}.{c}" for c in classes] + [f".{c}" for c in classes] + [tag]:
            if key in self.rules:
                return self.rules[key]
        return ""


@lru_cache(maxsize=256)
def _encoding(font: str) -> tuple[str, bool] | None:
    return legacy_text.font_encoding(font)


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
    def __init__(self, document: SourceDocument, track_fonts: bool):
        super().__init__(convert_charrefs=True)
        self.document = document
        self.tables: list[_TableBuilder] = []
        self.text: list[str] = []
        self.skip = 0
        self.fonts = _Fonts(document) if track_fonts else None
        self.css: list[str] | None = None       # the text of a <style> being read

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.fonts:
            self.fonts.start(tag, attrs)
        if tag in ("script", "style", "head", "title"):
            self.skip += 1
            self.css = [] if tag == "style" and self.fonts else self.css
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
        if self.fonts:
            self.fonts.end(tag)
        if tag == "style" and self.css is not None:
            self.fonts.add_css("".join(self.css))
            self.css = None
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
        if self.css is not None:
            self.css.append(data)
        elif not self.skip:
            legacy = self.fonts.current if self.fonts else None
            if legacy:
                self.fonts.marked = True
            self._write(legacy_text.wrap(data, *legacy) if legacy else data)

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
    if "font" in text or "FONT" in text or "Font" in text:
        document.fonts = {first_family(a or b) for a, b in _FONT_NAMES.findall(text)} - {""}
    # Following the font of every element costs time: only when the page names an old font.
    parser = _Parser(document, track_fonts=bool(legacy_text.legacy_fonts(document.fonts)))
    parser.feed(text)
    parser.close()
    if parser.fonts and parser.fonts.marked:
        legacy_text.convert_marked_document(document)
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

