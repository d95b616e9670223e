"""Lay a ``Document`` out as a PDF, per Nghị định 30/2020, with reportlab (imported on first use).

A4, margins 20/20/30/15 mm; Times New Roman (or its metric twin) embedded; page numbers
centred in the top margin from page 2; wide tables on landscape pages with their header
repeated; no table row cut across pages unless one row alone is taller than a page.
"""
from __future__ import annotations

import io
import logging
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.platypus.doctemplate import LayoutError
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, KeepTogether, NextPageTemplate, PageBreak,
                                PageTemplate, Spacer)
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle

from cchc_desktop.errors import UserError
from cchc_desktop.i18n import tr
from cchc_desktop.reports import document as d
from cchc_desktop.reports.fonts import document_fonts
from cchc_desktop.reports.pdf_long_table import CellParagraph, Rows, table_flowable
from cchc_desktop.text import strip_controls

FACE = {"regular": "CCHCSerif", "bold": "CCHCSerif-Bold", "italic": "CCHCSerif-Italic",
        "bold_italic": "CCHCSerif-BoldItalic"}
NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
CELL_PAD = 3.0
_FONT = ("FONTNAME", (0, 0), (-1, -1), "CCHCSerif")   # even empty cells: never reportlab's Helvetica
_registered = False
log = logging.getLogger(__name__)


def _register_fonts() -> None:
    global _registered
    if _registered:
        return
    rl_config.useA85 = 0   # binary compressed streams: smaller files, no ASCII85 pass
    files = document_fonts().files
    for style, face in FACE.items():
        pdfmetrics.registerFont(TTFont(face, str(files[style])))
    pdfmetrics.registerFontFamily(FACE["regular"], normal=FACE["regular"], bold=FACE["bold"],
                                  italic=FACE["italic"], boldItalic=FACE["bold_italic"])
    _registered = True


def _style(name: str, size: float, face: str = "regular", align=TA_LEFT, **extra) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=FACE[face], fontSize=size, leading=extra.pop("leading", size * 1.2),
                          alignment=align, **extra)


def _styles() -> dict[str, ParagraphStyle]:
    indent = d.FIRST_LINE_INDENT * mm
    body = dict(firstLineIndent=indent, spaceAfter=6, align=TA_JUSTIFY)
    return {
        d.BODY: _style("body", d.BODY_SIZE, **body),
        d.BULLET: _style("bullet", d.BODY_SIZE, **body),
        d.HEADING1: _style("h1", d.BODY_SIZE, "bold", keepWithNext=1, **body),
        d.HEADING2: _style("h2", d.BODY_SIZE, "bold", keepWithNext=1, **body),
        d.HEADING3: _style("h3", d.BODY_SIZE, "italic", keepWithNext=1, **body),
        d.NOTE: _style("note", d.BODY_SIZE, "italic", **body),
        d.CENTER: _style("center", d.BODY_SIZE, align=TA_CENTER, spaceAfter=6),
        "issuer": _style("issuer", 13, "bold", TA_CENTER, leading=15),
        "number": _style("number", 13, align=TA_CENTER),
        "national": _style("national", 12, "bold", TA_CENTER, leading=15),
        "motto": _style("motto", 13, "bold", TA_CENTER, leading=15),
        "date": _style("date", 14, "italic", TA_CENTER),
        "title": _style("title", 14, "bold", TA_CENTER, leading=17),
        "subject": _style("subject", 14, "bold", TA_CENTER, leading=17),
        "to": _style("to", 14, align=TA_CENTER, spaceBefore=6),
        "label": _style("label", 14, "bold", TA_CENTER, leading=17),
        "caption": _style("caption", 14, "italic", TA_CENTER, leading=17, spaceAfter=8),
        "recipients_head": _style("rhead", 12, "bold_italic", leading=14),
        "recipients": _style("rlist", 11, leading=13),
        "sign": _style("sign", 14, "bold", TA_CENTER, leading=17),
    }


def _p(text: str, style: ParagraphStyle, kind: type[RLParagraph] = RLParagraph) -> RLParagraph:
    return kind(escape(strip_controls(text)).replace("\n", "<br/>"), style)


def _width(text: str, face: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, FACE[face], size)


class Rule(Flowable):
    """A horizontal line of a given length, centred in the space it is given."""

    def __init__(self, length: float, before: float = 3.5, after: float = 3.0):
        super().__init__()
        self.length, self.before, self.after = length, before, after
        self._avail = length

    def wrap(self, avail_width, avail_height):
        self._avail = avail_width
        return avail_width, self.before + self.after + 0.6

    def draw(self):
        x = (self._avail - self.length) / 2
        self.canv.setLineWidth(0.6)
        self.canv.line(x, self.after, x + self.length, self.after)


# ---------------------------------------------------------------------------- the parts of a page

def _letterhead(head: d.Letterhead, width: float, st) -> RLTable:
    issuer_width = max(_width(line, "bold", 13) for line in head.issuer_lines)
    right_width = max(_width(NATIONAL, "bold", 12), _width(head.place_date, "italic", 14)) + 6 * mm
    right_width = min(right_width, width * 0.68)
    left_width = width - right_width
    left = [_p(line, st["issuer"]) for line in head.issuer_lines] + [Rule(min(issuer_width, left_width) * 0.4)]
    right = [_p(NATIONAL, st["national"]), _p(MOTTO, st["motto"]), Rule(_width(MOTTO, "bold", 13))]
    number = [_p(head.number_line, st["number"])] if head.number_line else ""
    table = RLTable([[left, right], [number, [_p(head.place_date, st["date"])]]],
                    colWidths=[left_width, right_width])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), _FONT,
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 1), (-1, 1), 2)]))
    return table


def _title_block(doc: d.Document, st) -> list:
    flow: list = [Spacer(0, 14), _p(doc.title, st["title"])]
    flow += [_p(line, st["subject"]) for line in doc.subject]
    if doc.subject:
        widest = max(_width(line, "bold", 14) for line in doc.subject)
        flow.append(Rule(min(widest * 0.35, 55 * mm)))
    if doc.addressees:
        lead = tr("Kính gửi: ")
        if len(doc.addressees) == 1:
            flow.append(_p(lead + doc.addressees[0], st["to"]))
        else:
            flow.append(_p(lead.strip(), st["to"]))
            flow += [_p("- " + name, st["to"]) for name in doc.addressees]
    flow.append(Spacer(0, 10))
    return flow


def _closing(closing: d.Closing, width: float, st) -> RLTable:
    left: list = []
    if closing.recipients:
        left = [_p(tr("Nơi nhận:"), st["recipients_head"])]
        left += [_p(line, st["recipients"]) for line in closing.recipients]
    right: list = [_p(line, st["sign"]) for line in closing.authority]
    right += [Spacer(0, 26 * mm), _p(closing.signer or " ", st["sign"])]
    table = RLTable([[left or "", right]], colWidths=[width * 0.45, width * 0.55])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), _FONT,
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _part_heading(part: d.Part, st) -> list:
    flow: list = []
    if part.label:
        flow.append(_p(part.label, st["label"]))
    if part.title:
        flow.append(_p(part.title, st["label"]))
    if part.caption:
        flow.append(_p(part.caption, st["caption"]))
    if flow:
        flow.append(Spacer(0, 4))
    return flow


# ---------------------------------------------------------------------------- tables

def _cell_styles(size: float) -> dict[str, ParagraphStyle]:
    lead = size * 1.18
    styles = {"head": _style("th", size, "bold", TA_CENTER, leading=lead),
              "group": _style("tg", size, "bold", leading=lead)}
    for name, align in (("left", TA_LEFT), ("center", TA_CENTER), ("right", TA_RIGHT)):
        styles[name] = _style("t" + name, size, align=align, leading=lead)
        styles["bold-" + name] = _style("tb" + name, size, "bold", align, leading=lead)
    return styles


def _table(table: d.Table, width: float, page_height: float) -> Flowable:
    cells = _Cells(table, width, page_height)
    specs: list = []              # per data row: (texts, style names), or cells already built
    keep: list[int] = []          # rows that must share a page with the row after them
    pieces: set[int] = set()      # rows that are parts of a row taller than a page: never kept with another
    for row in table.rows:
        index = len(specs) + 1
        if row.keeps_with_next:
            keep.append(index)
        if row.group:
            specs.append(((row.cells[0],), ("group",)))
            cells.groups.add(index)
            continue
        names = tuple(("bold-" if row.bold else "") + col.align for col in table.columns)
        styled = [(text, cells.styles[name]) for text, name in zip(row.cells, names)]
        if _may_overflow(styled, cells.inner, cells.limit):
            split = _fit_row(styled, cells.inner, cells.limit)
            if len(split) > 1:
                pieces.update(range(index, index + len(split)))
            specs += split
        else:
            specs.append((tuple(row.cells), names))
    last = len(specs)
    if last >= 2:   # no page holds a lone row: the first two rows and the last two stay together
        keep += [1, last - 1]
    rows = Rows(cells.header, specs, cells.build, cells.measure)
    links = sorted(i for i in set(keep) if i < last and not {i, i + 1} & pieces)
    commands = cells.commands() + _keep_commands(links, rows.height, cells.limit)
    return table_flowable(rows, cells.widths, commands)


class _Cells:
    """How one table's cells are made, measured and styled."""

    def __init__(self, table: d.Table, width: float, page_height: float):
        self.table = table
        self.styles = _cell_styles(table.font_size)
        self.widths = [w * mm for w in table.widths(width / mm)]
        self.inner = [w - 2 * CELL_PAD for w in self.widths]
        self.header = [_cell(c.header, self.styles["head"]) for c in table.columns]
        header_height = max(p.wrap(w, page_height)[1] for p, w in zip(self.header, self.inner)) + 2 * CELL_PAD
        self.limit = page_height - header_height - 4 * CELL_PAD - 24   # what one row may take on an empty page
        self.groups: set[int] = set()     # rows spanning every column
        self._recent: dict[tuple[str, str], CellParagraph] = {}

    def commands(self) -> list[tuple]:
        leading = self.styles["left"].leading
        commands = [_FONT, ("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD), ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
                    ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD - 1), ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD),
                    ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                    # plain-text cells (see _plain) in the table text's size, leading and column alignment
                    ("FONTSIZE", (0, 0), (-1, -1), self.table.font_size), ("LEADING", (0, 0), (-1, -1), leading)]
        commands += [("ALIGN", (c, 0), (c, -1), col.align.upper()) for c, col in enumerate(self.table.columns)]
        return commands + [("SPAN", (0, index), (-1, index)) for index in sorted(self.groups)]

    def build(self, spec) -> list:
        if isinstance(spec, list):
            return spec
        texts, names = spec
        cells = [_plain(text, self.styles[name], width) or self._paragraph(text, name) if text else ""
                 for text, name, width in zip(texts, names, self.inner)]
        return cells + [""] * (len(self.widths) - len(cells))      # a group row spans every column

    def _paragraph(self, text: str, name: str) -> CellParagraph:
        """One paragraph for a text repeated down a column (the task of each of its 125 files): it is
        parsed and measured once, and drawn in every row (rows are never cut inside, so it is never split)."""
        key = (text, name)
        found = self._recent.get(key)
        if found is None:
            if len(self._recent) >= 256:
                self._recent.clear()
            found = self._recent[key] = _cell(text, self.styles[name])
        return found

    def measure(self, index: int, cells: list) -> float:
        """A row's height as reportlab's ``Table._calc_height`` finds it: the tallest cell (a plain cell,
        even an empty one, is one line per line) and the cell padding; a group row's text spans the table."""
        if index in self.groups:
            cells, widths = cells[:1], [sum(self.widths) - 2 * CELL_PAD]
        else:
            widths = self.inner
        leading = self.styles["left"].leading
        tallest = max(leading * (cell.count("\n") + 1) if isinstance(cell, str) else cell.wrap(width, 72000)[1]
                      for cell, width in zip(cells, widths))
        return tallest + 2 * CELL_PAD - 1


def _plain(text: str, style: ParagraphStyle, width: float) -> str | None:
    """A short one-line cell in the regular face as plain text, which reportlab lays out and draws at a
    fraction of a paragraph's cost (a 20 000-row list has some 50 000 such cells: numbers, dates, names
    of offices); None for anything that needs a paragraph (a line break, bold, or more than the width)."""
    if "\n" in text or style.fontName != FACE["regular"]:
        return None
    text = strip_controls(text)
    return text if pdfmetrics.stringWidth(text, style.fontName, style.fontSize) <= width - 0.5 else None


def _cell(text: str, style: ParagraphStyle) -> CellParagraph:
    return _p(text, style, CellParagraph)


def _may_overflow(cells: list[tuple[str, ParagraphStyle]], widths: list[float], limit: float) -> bool:
    """A generous guess whether a row could be taller than a page (measuring every row costs as much
    as laying the table out twice): the text's real width over the column's, twice over for the room
    that line breaks waste (one long word per line, wide letters like "W")."""
    for (text, style), width in zip(cells, widths):
        if text:
            lines = 2 * pdfmetrics.stringWidth(text, style.fontName, style.fontSize) / max(width, 1)
            if (lines + text.count("\n") + 1) * style.leading > limit * 0.5:
                return True
    return False


def _keep_commands(links: list[int], height, limit: float) -> list[tuple]:
    """NOSPLIT for each row in ``links`` with the row after it, unless the rows so chained together
    (a task, its first sub-task, that one's first sub-task…) would be taller than a page: reportlab
    cannot lay such a block out at all, so the chain is broken there."""
    commands, chain_end, chain_height = [], None, 0.0
    for index in links:
        if index == chain_end:                       # continues the block ending at this row
            grown = chain_height + height(index + 1)
        else:
            grown = height(index) + height(index + 1)
        if grown <= limit:
            commands.append(("NOSPLIT", (0, index), (-1, index + 1)))
            chain_end, chain_height = index + 1, grown
        else:
            chain_end, chain_height = None, 0.0
    return commands


def _fit_row(cells: list[tuple[str, ParagraphStyle]], widths: list[float], limit: float) -> list[list]:
    """A row of (text, style) cells as one or more rows of built cells, each no taller than ``limit``:
    only a row that could never fit on one page is continued on the next (rows are otherwise never cut)."""
    columns = [_cell_pieces(text, style, width, limit) if text else [] for (text, style), width in
               zip(cells, widths)]
    depth = max((len(column) for column in columns), default=0) or 1
    return [[column[k] if k < len(column) else "" for column in columns] for k in range(depth)]


def _cell_pieces(text: str, style: ParagraphStyle, width: float, limit: float) -> list[CellParagraph]:
    """A cell's text as paragraphs no taller than ``limit``, cut between its lines. Lines are measured
    one by one (cutting the remainder of one paragraph again and again costs O(lines²): a task may list
    3 000 files); a single line taller than a page is cut inside itself."""
    chunks: list[list[str]] = [[]]
    height = 0.0
    for line in strip_controls(text).split("\n"):
        line_height = max(_cell(line, style).wrap(width, 1e6)[1], style.leading)
        if chunks[-1] and height + line_height > limit:
            chunks.append([])
            height = 0.0
        chunks[-1].append(line)
        height += line_height
    pieces: list[CellParagraph] = []
    for chunk in chunks:
        paragraph = _cell("\n".join(chunk), style)
        while paragraph.wrap(width, 1e6)[1] > limit:
            parts = paragraph.split(width, limit)
            if len(parts) != 2:          # nothing could be cut: keep it whole, never loop
                break
            pieces.append(parts[0])
            paragraph = parts[1]
        pieces.append(paragraph)
    return pieces


# ---------------------------------------------------------------------------- the whole document

def _blocks(blocks: list, width: float, page_height: float, st) -> list:
    flow = []
    for block in blocks:
        if isinstance(block, d.Table):
            flow.append(_table(block, width, page_height))
            flow.append(Spacer(0, 6))
        elif isinstance(block, d.Figure):
            from cchc_desktop.charts.drawing import ChartFlowable
            flow.append(ChartFlowable(block.chart, block.height * mm, block.font_size))
            flow.append(Spacer(0, 6))
        else:
            flow.append(_p(block.text, st[block.style]))
    return flow


def _page_number(canvas, doc) -> None:
    if canvas.getPageNumber() > 1:
        width, height = canvas._pagesize
        canvas.setFont(FACE["regular"], 13)
        canvas.drawCentredString(width / 2, height - 12 * mm, str(canvas.getPageNumber()))


def _templates() -> dict[str, PageTemplate]:
    templates = {}
    for name, size in (("portrait", A4), ("landscape", landscape(A4))):
        frame = Frame(d.MARGIN_LEFT * mm, d.MARGIN_BOTTOM * mm, size[0] - (d.MARGIN_LEFT + d.MARGIN_RIGHT) * mm,
                      size[1] - (d.MARGIN_TOP + d.MARGIN_BOTTOM) * mm, leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0, id=name)
        templates[name] = PageTemplate(id=name, frames=[frame], pagesize=size, onPage=_page_number)
    return templates


def render_pdf(doc: d.Document) -> bytes:
    """Raises ``UserError`` when the officer has something to do first (said in Vietnamese)."""
    _register_fonts()
    st = _styles()
    templates = _templates()
    first = "landscape" if doc.body.landscape else "portrait"
    order = [templates[first]] + [t for k, t in templates.items() if k != first]
    flow = _story(doc, st)
    out = io.BytesIO()
    template = BaseDocTemplate(out, pagesize=order[0].pagesize, pageTemplates=order, title=doc.meta.title,
                               author=doc.meta.author, subject=doc.meta.subject, keywords=doc.meta.keywords,
                               creator="CCHC Desktop", leftMargin=d.MARGIN_LEFT * mm,
                               rightMargin=d.MARGIN_RIGHT * mm, topMargin=d.MARGIN_TOP * mm,
                               bottomMargin=d.MARGIN_BOTTOM * mm, lang="vi-VN",
                               # every page starts in our font: no unembedded Helvetica is ever referenced
                               initialFontName=FACE["regular"], initialFontSize=d.BODY_SIZE)
    try:
        template.build(flow)
    except LayoutError as exc:      # never expected (cells of any height continue); said plainly if it is
        log.error("PDF layout failed: %s", exc)
        raise UserError(tr("Không dàn được trang PDF của văn bản này: có một phần quá lớn so với khổ giấy."),
                        tr("Hãy xuất bản Word (.docx) của văn bản, và gửi tệp nhật ký cho người hỗ trợ kỹ thuật.")) \
            from None
    return out.getvalue()


def _geometry(is_landscape: bool) -> tuple[float, float]:
    width = d.text_width(is_landscape) * mm
    height = ((d.A4_WIDTH if is_landscape else d.A4_HEIGHT) - d.MARGIN_TOP - d.MARGIN_BOTTOM) * mm
    return width, height


def _story(doc: d.Document, st) -> list:
    width, height = _geometry(doc.body.landscape)
    flow = [_letterhead(doc.letterhead, width, st), *_title_block(doc, st), *_part_heading(doc.body, st)]
    body = _blocks(doc.body.blocks, width, height, st)
    if doc.closing is not None:
        closing = _closing(doc.closing, width, st)
        tail = [body.pop()] if body and isinstance(body[-1], RLParagraph) else []
        body.append(KeepTogether([*tail, Spacer(0, 8), closing]))
    flow += body
    for part in doc.appendices:
        width, height = _geometry(part.landscape)
        flow += [NextPageTemplate("landscape" if part.landscape else "portrait"), PageBreak()]
        flow += _part_heading(part, st)
        flow += _blocks(part.blocks, width, height, st)
    return flow
