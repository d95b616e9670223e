"""Lay a ``Document`` out as DOCX with python-docx (imported on first use): the same content and page
format as the PDF, for communes that finish the text in Word or LibreOffice."""
from __future__ import annotations

import io
import zipfile

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from cchc_desktop.i18n import tr
from cchc_desktop.reports import document as d
from cchc_desktop.reports.fonts import WORD_FONT
from cchc_desktop.reports.word_table import table_xml
from cchc_desktop.text import strip_controls

NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DOCUMENT_PART = "word/document.xml"
TABLE_MARKER = "CCHC-BANG-"     # a paragraph holding only this and a number stands for a table until saved
# What may follow w:pBdr inside w:pPr (ECMA-376 order; Word refuses other orders).
PPR_AFTER_BORDER = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
                    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
                    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
# style → (bold, italic, keep with next)
TEXT_STYLES = {d.BODY: (False, False, False), d.BULLET: (False, False, False), d.NOTE: (False, True, False),
               d.HEADING1: (True, False, True), d.HEADING2: (True, False, True), d.HEADING3: (False, True, True)}


def render_docx(doc: d.Document) -> bytes:
    word = docx.Document()
    _base_style(word)
    _properties(word, doc.meta)
    _page(word.sections[0], doc.body.landscape, first=True)
    width = d.text_width(doc.body.landscape)
    _letterhead(word, doc.letterhead, width)
    _title_block(word, doc)
    _part_heading(word, doc.body)
    tables: dict[bytes, bytes] = {}
    _blocks(word, doc.body.blocks, width, tables)
    if doc.closing is not None:
        _closing(word, doc.closing, width)
    for part in doc.appendices:
        _page(word.add_section(WD_SECTION.NEW_PAGE), part.landscape, first=False)
        _part_heading(word, part)
        _blocks(word, part.blocks, d.text_width(part.landscape), tables)
    out = io.BytesIO()
    word.save(out)
    return _splice_tables(out.getvalue(), tables)


# ---------------------------------------------------------------------------- page and styles

def _base_style(word) -> None:
    normal = word.styles["Normal"]
    normal.font.name, normal.font.size = WORD_FONT, Pt(d.BODY_SIZE)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), WORD_FONT)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), 1.0


def _properties(word, meta: d.Meta) -> None:
    props = word.core_properties
    props.title, props.author, props.subject = meta.title, meta.author, meta.subject
    props.keywords, props.comments = meta.keywords, "CCHC Desktop"


def _page(section, landscape: bool, first: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    short, long_ = Mm(d.A4_WIDTH), Mm(d.A4_HEIGHT)
    section.page_width, section.page_height = (long_, short) if landscape else (short, long_)
    section.top_margin, section.bottom_margin = Mm(d.MARGIN_TOP), Mm(d.MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Mm(d.MARGIN_LEFT), Mm(d.MARGIN_RIGHT)
    section.header_distance = Mm(10)
    # Page numbers centred at the top, none on the first page of the document.
    section.different_first_page_header_footer = first
    if first:
        header = section.header
        header.is_linked_to_previous = False
        para = header.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_field(para)


def _page_field(paragraph) -> None:
    """A PAGE field, one piece per run as Word writes it: begin, instruction, separator, result, end."""
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        run = paragraph.add_run()
        run.font.size = Pt(13)
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == " PAGE ":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


# ---------------------------------------------------------------------------- paragraphs

def _para(container, text: str = "", *, size: float = d.BODY_SIZE, bold=False, italic=False,
          align=WD_ALIGN_PARAGRAPH.CENTER, after: float = 0, indent: float = 0, keep=False):
    para = container.add_paragraph()
    para.alignment = align
    fmt = para.paragraph_format
    fmt.space_after = Pt(after)
    if indent:
        fmt.first_line_indent = Mm(indent)
    if keep:
        fmt.keep_with_next = True
    if text:
        _runs(para, text, size, bold, italic)
    return para


def _runs(para, text: str, size: float, bold: bool, italic: bool) -> None:
    for index, line in enumerate(strip_controls(text).split("\n")):
        run = para.add_run()
        if index:
            run.add_break()
        run.add_text(line)
        run.font.size, run.bold, run.italic = Pt(size), bold, italic


def _rule(container, length_mm: float, width_mm: float) -> None:
    """A centred line ``length_mm`` long: an empty paragraph with a top border, indented both sides."""
    para = container.add_paragraph()
    fmt = para.paragraph_format
    side = max(0.0, (width_mm - length_mm) / 2)
    fmt.left_indent, fmt.right_indent = Mm(side), Mm(side)
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(1), Pt(0), Pt(4)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    # Word rejects a pPr whose children are out of the schema's order.
    para._p.get_or_add_pPr().insert_element_before(borders, *PPR_AFTER_BORDER)


def _text_mm(text: str, size: float, bold: bool = False) -> float:
    """Approximate width of ``text`` in Times (for rule lengths only)."""
    per_char = 0.52 if bold else 0.47
    return len(text) * size * per_char * 0.3528


# ---------------------------------------------------------------------------- header, title, closing

def _borderless(word, rows: int, widths: list[float]):
    table = word.add_table(rows=rows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _fixed_grid(table, widths)
    return table


def _fixed_grid(table, widths: list[float]) -> None:
    table.autofit = False     # w:tblLayout fixed: the widths below are kept
    for col, width in zip(table.columns, widths):
        col.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Mm(width)


def _letterhead(word, head: d.Letterhead, width: float) -> None:
    right = min(max(_text_mm(NATIONAL, 12, True), _text_mm(head.place_date, 14)) + 8, width * 0.68)
    left = width - right
    table = _borderless(word, 2, [left, right])
    issuer_cell, national_cell = table.rows[0].cells
    for index, line in enumerate(head.issuer_lines):
        para = issuer_cell.paragraphs[0] if index == 0 else issuer_cell.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _runs(para, line, 13, True, False)
    _rule(issuer_cell, max(_text_mm(line, 13, True) for line in head.issuer_lines) * 0.4, left)
    for index, (line, size) in enumerate(((NATIONAL, 12), (MOTTO, 13))):
        para = national_cell.paragraphs[0] if index == 0 else national_cell.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _runs(para, line, size, True, False)
    _rule(national_cell, _text_mm(MOTTO, 13, True), right)
    number_cell, date_cell = table.rows[1].cells
    if head.number_line:
        para = number_cell.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _runs(para, head.number_line, 13, False, False)
    para = date_cell.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _runs(para, head.place_date, 14, False, True)


def _title_block(word, doc: d.Document) -> None:
    _para(word, "", size=8)
    _para(word, doc.title, bold=True, keep=True)
    for line in doc.subject:
        _para(word, line, bold=True, keep=True)
    if doc.subject:
        widest = max(_text_mm(line, 14, True) for line in doc.subject)
        _rule(word, min(widest * 0.35, 55), d.text_width(doc.body.landscape))
    if doc.addressees:
        lead = tr("Kính gửi: ")
        if len(doc.addressees) == 1:
            _para(word, lead + doc.addressees[0], after=6)
        else:
            _para(word, lead.strip())
            for name in doc.addressees:
                _para(word, "- " + name)
    _para(word, "", size=8)


def _part_heading(word, part: d.Part) -> None:
    if part.label:
        _para(word, part.label, bold=True, keep=True)
    if part.title:
        _para(word, part.title, bold=True, keep=True)
    if part.caption:
        _para(word, part.caption, italic=True, after=8, keep=True)


def _closing(word, closing: d.Closing, width: float) -> None:
    _para(word, "", size=8)
    table = _borderless(word, 1, [width * 0.45, width * 0.55])
    left, right = table.rows[0].cells
    if closing.recipients:
        head = left.paragraphs[0]
        _runs(head, tr("Nơi nhận:"), 12, True, True)
        for line in closing.recipients:
            _runs(left.add_paragraph(), line, 11, False, False)
    for index, line in enumerate(closing.authority):
        para = right.paragraphs[0] if index == 0 else right.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _runs(para, line, 14, True, False)
    gap = right.add_paragraph()
    gap.paragraph_format.space_before = Pt(72)   # room for the signature and the red seal
    para = right.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _runs(para, closing.signer, 14, True, False)
    row = table.rows[0]._tr.get_or_add_trPr()
    row.append(OxmlElement("w:cantSplit"))


# ---------------------------------------------------------------------------- body and tables

def _blocks(word, blocks: list, width: float, tables: dict[bytes, bytes]) -> None:
    for block in blocks:
        if isinstance(block, d.Table):
            _table(word, block, width, tables)
            _para(word, "", size=6)
            continue
        if isinstance(block, d.Figure):
            _figure(word, block, width)
            continue
        bold, italic, keep = TEXT_STYLES.get(block.style, (False, False, False))
        if block.style == d.CENTER:
            _para(word, block.text, after=6)
            continue
        _para(word, block.text, bold=bold, italic=italic, keep=keep, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
              after=6, indent=d.FIRST_LINE_INDENT)


def _figure(word, figure: d.Figure, width: float) -> None:
    """The chart as a picture (the PDF's own drawing, rendered), the text width wide, with its words as
    the picture's description for screen readers."""
    from cchc_desktop.charts.drawing import chart_png
    points = 72 / 25.4
    png = chart_png(figure.chart, width * points, figure.height * points, figure.font_size)
    para = _para(word, after=6)
    para.add_run().add_picture(io.BytesIO(png), width=Mm(width), height=Mm(figure.height))
    described = para._p.xpath(".//wp:docPr")
    if described:
        described[0].set("descr", strip_controls("\n".join(figure.chart.as_text()))[:2000])
        described[0].set("title", strip_controls(figure.chart.title))


def _table(word, table: d.Table, width: float, tables: dict[bytes, bytes]) -> None:
    """A marker paragraph now; the table's markup replaces it in the saved file (see ``word_table``)."""
    marker = f"{TABLE_MARKER}{len(tables)}"
    word.add_paragraph(marker)
    tables[f"<w:p><w:r><w:t>{marker}</w:t></w:r></w:p>".encode()] = table_xml(table, width)


def _splice_tables(package: bytes, tables: dict[bytes, bytes]) -> bytes:
    """``package`` with each marker paragraph of ``word/document.xml`` replaced by its table, written
    piece by piece (the document of a 20 000-row table is tens of megabytes)."""
    if not tables:
        return package
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != DOCUMENT_PART:
                target.writestr(item, source.read(item), compress_type=zipfile.ZIP_DEFLATED)
                continue
            rest = source.read(item)
            with target.open(DOCUMENT_PART, "w") as stream:
                for paragraph, markup in tables.items():
                    before, found, rest = rest.partition(paragraph)
                    if not found:
                        raise RuntimeError(f"{paragraph!r} not found in {DOCUMENT_PART}")
                    stream.write(before)
                    stream.write(markup)
                stream.write(rest)
    return out.getvalue()
