"""PDF versions of the seed plans, as a commune's word processor prints them: landscape A4, the
appendix as a ruled table (domain rows merged across, the header again on every page, rows
that may break across pages), in the bundled Vietnamese font; and a scan-like PDF (a picture
of a page, no text layer)."""
from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from cchc_desktop.importers.document import SourceDocument
from tests.support.seed_documents import _bullets, _is_section, seed_source

FONT = "CCHCTestSerif"
# Column widths (cm) by header, as plans lay them out; unknown columns share the rest.
_WIDTHS = {"stt": 1.2, "tt": 1.2}
_registered = False


def _register() -> None:
    global _registered
    if _registered:
        return
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from cchc_desktop.reports.fonts import document_fonts
    files = document_fonts().files
    pdfmetrics.registerFont(TTFont(FONT, str(files["regular"])))
    pdfmetrics.registerFont(TTFont(FONT + "-Bold", str(files["bold"])))
    _registered = True


def write_pdf(document: SourceDocument, path: Path, *, repeat_header: bool = True, merge_leads: bool = False,
              breaks: dict[int, set[int]] | None = None, borders: bool = True, font_size: float = 10) -> Path:
    """``document`` as a PDF with ruled tables. ``merge_leads`` merges a lead unit down the rows that
    share it (as many plans do); ``breaks`` {table: {row, …}} starts a new page before those rows (the
    header repeated when ``repeat_header``), as Word prints a row cut by the page break: its rest
    on the next page in a row of its own. Without ``borders`` the table is laid out but not ruled."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    _register()
    body = ParagraphStyle("body", fontName=FONT, fontSize=font_size + 2, leading=(font_size + 2) * 1.25)
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=font_size, leading=font_size * 1.2)
    bold = ParagraphStyle("bold", parent=cell, fontName=FONT + "-Bold")
    page = landscape(A4)
    template = SimpleDocTemplate(str(path), pagesize=page, leftMargin=2 * cm, rightMargin=1.5 * cm,
                                 topMargin=2 * cm, bottomMargin=2 * cm, title="Kế hoạch", author="UBND xã")
    usable = page[0] - 3.5 * cm
    story: list = []
    table_index = -1
    for block in document.blocks:
        if isinstance(block, str):
            story.append(Paragraph(escape(block), body))
            continue
        table_index += 1
        width = block.width
        header = [c.strip().lower() for c in block.rows[0]] + [""] * width
        fixed = [_WIDTHS.get(header[i], 0) * cm for i in range(width)]
        rest = (usable - sum(fixed)) / max(1, sum(1 for f in fixed if not f))
        widths = [f or rest for f in fixed]
        cuts = sorted((breaks or {}).get(table_index, ()))
        pieces = [(a, b) for a, b in zip([0, *cuts], [*cuts, len(block.rows)]) if b > a]
        for number, (first, end) in enumerate(pieces):
            rows = block.rows[first:end]
            if number:
                story.append(PageBreak())
                if repeat_header:
                    rows = [block.rows[0], *rows]
            story.append(_table(rows, width, widths, merge_leads, repeat_header, borders, cell, bold))
        story.append(Spacer(1, 0.4 * cm))
    template.build(story, onLaterPages=_page_number, onFirstPage=_page_number)
    return path


def _table(rows: list[list[str]], width: int, widths: list[float], merge_leads: bool, repeat_header: bool,
           borders: bool, cell, bold):
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table

    data, style = [], [("VALIGN", (0, 0), (-1, -1), "TOP")]
    if borders:
        style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    lead_from: tuple[int, str] | None = None
    head = bool(rows) and rows[0][:1] in (["STT"], ["TT"])
    for r, row in enumerate(rows):
        row = row + [""] * (width - len(row))
        if _is_section(row) and not (head and r == 0):
            numeral, title = row[0], next((c for c in row[1:] if c), "")
            if not title:   # "III CẢI CÁCH THỦ TỤC HÀNH CHÍNH" in the first cell: the title spans the rest
                numeral, _, title = row[0].partition(" ")
            data.append([Paragraph(escape(numeral), bold), Paragraph(escape(title), bold)] + [""] * (width - 2))
            style.append(("SPAN", (1, r), (-1, r)))
            lead_from = _close_lead(style, lead_from, r)
            continue
        cells = []
        for c, text in enumerate(row):
            if merge_leads and r > 0 and c == 2:
                if lead_from and lead_from[1] == text and text and r - lead_from[0] < 3:
                    cells.append("")
                    continue
                lead_from = _close_lead(style, lead_from, r)
                lead_from = (r, text)
            lines = _bullets(text) if text else [""]
            cells.append(Paragraph("<br/>".join(escape(x) for x in lines), bold if head and r == 0 else cell))
        data.append(cells)
    _close_lead(style, lead_from, len(rows))
    return Table(data, colWidths=widths, repeatRows=1 if repeat_header and head else 0, style=style)


def _close_lead(style: list, lead_from: tuple[int, str] | None, row: int) -> None:
    if lead_from and row - 1 > lead_from[0]:
        style.append(("SPAN", (2, lead_from[0]), (2, row - 1)))
    return None


def _page_number(canvas, template) -> None:
    """A page number centred in the top margin, from page 2 (NĐ 30)."""
    if template.page > 1:
        canvas.setFont(FONT, 11)
        canvas.drawCentredString(template.pagesize[0] / 2, template.pagesize[1] - 1.2 * 72 / 2.54,
                                 str(template.page))


def seed_pdf(seed: str, folder: Path, **options) -> Path:
    return write_pdf(seed_source(seed), folder / f"ke-hoach-{seed}.pdf", **options)


def write_scan(path: Path, pages: int = 2, stamp: str = "") -> Path:
    """A scanned plan: each page one picture, no characters (``stamp``: a line of real text, as a
    portal's signature stamp adds)."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    _register()
    picture = Image.new("L", (620, 877), 255)
    draw = ImageDraw.Draw(picture)
    for y in range(60, 820, 24):
        draw.line((60, y, 560, y), fill=40, width=3)   # lines of "text", as a scanner sees them
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        pdf.drawImage(ImageReader(picture), 0, 0, A4[0], A4[1])
        if stamp:
            pdf.setFont(FONT, 8)
            pdf.drawString(40, 20, stamp)
        pdf.showPage()
    pdf.save()
    return path
