"""A document as Nghị định 30/2020 shapes it, independent of PDF, Word or Excel.

Builders fill this model from the data; each writer lays the same model out in its format,
so the PDF to print and the DOCX to finish in Word always carry the same content.
Sizes are in millimetres and points, as the decree gives them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Paragraph styles (the writers map them to fonts, indents and spacing)
BODY = "body"            # 14 pt, justified, first-line indent
HEADING1 = "heading1"    # "I. …" bold
HEADING2 = "heading2"    # "1. …" bold
HEADING3 = "heading3"    # "a) …" italic
BULLET = "bullet"        # "- …" body text
CENTER = "center"        # centred line (a subtitle under a table title)
NOTE = "note"            # italic body line

# Page geometry in millimetres: NĐ 30 allows top/bottom 20–25, left 30–35, right 15–20.
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 20.0, 20.0, 30.0, 15.0
A4_WIDTH, A4_HEIGHT = 210.0, 297.0
BODY_SIZE = 14.0
TABLE_SIZE = 11.0
CHART_SIZE = 10.0              # pt, the text of a chart
FIRST_LINE_INDENT = 12.7       # mm (1.27 cm)


def text_width(landscape: bool) -> float:
    return (A4_HEIGHT if landscape else A4_WIDTH) - MARGIN_LEFT - MARGIN_RIGHT


@dataclass
class Paragraph:
    text: str
    style: str = BODY


@dataclass
class Column:
    header: str
    width: float                 # mm; the writer scales the set to the text width
    align: str = "left"          # left | center | right


@dataclass
class TableRow:
    cells: list[str]
    group: bool = False          # a heading row ("I. Cải cách thể chế") spanning every column
    bold: bool = False
    keep_with_next: bool = False  # never the last row of a page (a group's or a parent task's first line)

    @property
    def keeps_with_next(self) -> bool:
        return self.group or self.keep_with_next


@dataclass
class Table:
    columns: list[Column]
    rows: list[TableRow]
    font_size: float = TABLE_SIZE
    sheet_name: str = ""         # the Excel sheet this table becomes

    def widths(self, available: float) -> list[float]:
        total = sum(c.width for c in self.columns)
        return [c.width * available / total for c in self.columns]


@dataclass
class Figure:
    """A chart (``cchc_desktop.charts.model.Chart``) across the text width, ``height`` mm tall: drawn in the
    PDF, a picture in Word and Excel, its words in ``plain_text``."""
    chart: object
    height: float
    font_size: float = CHART_SIZE


@dataclass
class Part:
    """A run of blocks on pages of one orientation: the body, or one appendix."""
    blocks: list[Paragraph | Table | Figure] = field(default_factory=list)
    landscape: bool = False
    label: str = ""              # "Phụ lục I"
    title: str = ""              # capitals, bold
    caption: str = ""            # "(Kèm theo Báo cáo số …)", italic


@dataclass
class Letterhead:
    issuer_lines: list[str]      # ["ỦY BAN NHÂN DÂN", "XÃ VĨNH LỘC"]
    number_line: str | None      # "Số: 05/BC-UBND"; None: a document without a number
    place_date: str              # "Vĩnh Lộc, ngày 05 tháng 03 năm 2026"


@dataclass
class Closing:
    recipients: list[str]        # "- Sở Nội vụ (b/c);" … "- Lưu: VT, VHXH."; empty: no "Nơi nhận"
    authority: list[str]         # ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    signer: str                  # name, no titles


@dataclass
class Meta:
    title: str
    author: str
    subject: str = ""
    keywords: str = ""


@dataclass
class Document:
    letterhead: Letterhead
    title: str                   # "BÁO CÁO", "THÔNG BÁO", or a list's heading in capitals
    subject: list[str]           # bold lines under the title
    body: Part
    closing: Closing | None = None
    addressees: list[str] = field(default_factory=list)   # "Kính gửi: …"
    appendices: list[Part] = field(default_factory=list)
    meta: Meta = field(default_factory=lambda: Meta("", ""))

    def tables(self) -> list[tuple[str, Table]]:
        """Every table with the heading it sits under, for the Excel writer: the part's title, and the section
        heading right above the table when there is one ("THÔNG BÁO — 1. Văn phòng HĐND và UBND (3 nhiệm vụ)")."""
        found = []
        for part in [self.body, *self.appendices]:
            above = ""
            for block in part.blocks:
                if isinstance(block, Table):
                    title = part.title or self.title
                    found.append((f"{title} — {above}" if above else title, block))
                    above = ""
                elif isinstance(block, Paragraph) and block.style in (HEADING1, HEADING2, HEADING3):
                    above = block.text
        return found

    def figures(self) -> list[tuple[str, Figure]]:
        """Every chart with the heading it sits under, for the Excel writer."""
        return [(part.title or self.title, block) for part in [self.body, *self.appendices] for block in part.blocks
                if isinstance(block, Figure)]

    def plain_text(self) -> str:
        """All the words in reading order (tests and the search index read this)."""
        lines = [*self.letterhead.issuer_lines, self.letterhead.number_line or "", self.letterhead.place_date,
                 self.title, *self.subject, *self.addressees]
        for part in [self.body, *self.appendices]:
            lines += [part.label, part.title, part.caption]
            for block in part.blocks:
                if isinstance(block, Paragraph):
                    lines.append(block.text)
                elif isinstance(block, Figure):
                    lines += block.chart.as_text()
                else:
                    lines += [" | ".join(c.header for c in block.columns)]
                    lines += [" | ".join(r.cells) for r in block.rows]
        if self.closing:
            lines += ["Nơi nhận:", *self.closing.recipients, *self.closing.authority, self.closing.signer]
        return "\n".join(line for line in lines if line)


def end_text(blocks: list[Paragraph | Table]) -> None:
    """A document's text ends with "./." after its last paragraph."""
    for block in reversed(blocks):
        if isinstance(block, Paragraph):
            text = block.text.rstrip()
            if not text.endswith("./."):
                text = text.rstrip(".;:,") + "./."
            block.text = text
            return
