"""Word documents through python-docx: paragraphs and tables of the body, in order.

python-docx's package reader opens the file (content types, relationships); only the main
document part and the core properties are parsed, not styles, numbering or themes. The
body is then flattened to text by one XSLT transform (libxslt, in C), which is many times
faster than walking cells from Python on a long appendix. A horizontally merged cell (gridSpan) is repeated across the columns it covers,
a vertically merged one (vMerge) down the rows, so every row has one value per column, as
in the printed table.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import tr
from cchc_desktop.importers.columns import header_roles
from cchc_desktop.importers.document import SourceDocument, Table

MAX_ROWS = 20000
HEAD_ROWS = 6
# Private-use characters mark the structure in the transform's output; Word text never has them.
PARA, TABLE, ROW, CELL, FIELD = "\ue000", "\ue001", "\ue002", "\ue003", "\ue004"

_XSL = """<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
 xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<xsl:output method="text" encoding="utf-8"/>
<xsl:template match="/"><xsl:apply-templates select="w:document/w:body"/></xsl:template>
<xsl:template match="w:body|w:sdtContent"><xsl:apply-templates select="w:p|w:tbl|w:sdt/w:sdtContent"/></xsl:template>
<xsl:template match="w:p">&#xE000;<xsl:call-template name="text"/></xsl:template>
<xsl:template name="text"><xsl:for-each select=".//w:t|.//w:tab|.//w:br|.//w:cr"><xsl:choose>
 <xsl:when test="self::w:t"><xsl:value-of select="."/></xsl:when>
 <xsl:when test="self::w:tab"><xsl:text> </xsl:text></xsl:when>
 <xsl:otherwise><xsl:text>&#10;</xsl:text></xsl:otherwise></xsl:choose></xsl:for-each></xsl:template>
<xsl:template match="w:tbl">&#xE001;<xsl:for-each select="w:tr">&#xE002;<xsl:value-of
 select="w:trPr/w:gridBefore/@w:val"/><xsl:for-each select="w:tc">&#xE003;<xsl:value-of
 select="w:tcPr/w:gridSpan/@w:val"/>&#xE004;<xsl:choose>
 <xsl:when test="w:tcPr/w:vMerge/@w:val='restart'">r</xsl:when><xsl:when test="w:tcPr/w:vMerge">c</xsl:when>
 </xsl:choose>&#xE004;<xsl:for-each select=".//w:p"><xsl:if test="position()&gt;1"><xsl:text>&#10;</xsl:text></xsl:if><xsl:call-template
 name="text"/></xsl:for-each></xsl:for-each></xsl:for-each></xsl:template>
</xsl:stylesheet>"""


@lru_cache(maxsize=1)
def _parser():
    from lxml import etree
    # No network, no entity expansion: a document is data, never instructions.
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_blank_text=False)


def _core_properties(core) -> dict[str, str]:
    if core is None:
        return {}
    names = {"title": "{http://purl.org/dc/elements/1.1/}title",
             "subject": "{http://purl.org/dc/elements/1.1/}subject",
             "keywords": "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}keywords"}
    return {key: (core.findtext(tag) or "") for key, tag in names.items()}


@lru_cache(maxsize=1)
def _transform():
    from lxml import etree
    return etree.XSLT(etree.fromstring(_XSL.encode("utf-8")))


def read_docx(path: Path) -> SourceDocument:
    from docx.opc.pkgreader import PackageReader  # heavy: only when a Word file is read
    from lxml import etree
    try:
        main, core = None, None
        for partname, content_type, _reltype, blob in PackageReader.from_file(str(path)).iter_sparts():
            if "wordprocessingml" in content_type and content_type.endswith(".main+xml"):
                main = etree.fromstring(blob, _parser())
            elif partname == "/docProps/core.xml":
                core = etree.fromstring(blob, _parser())
        if main is None:
            raise ValueError("no main document part")
    except Exception as exc:  # a damaged package fails in many ways
        raise ValidationError(tr("Không đọc được tệp Word “{name}”: tệp bị hỏng hoặc không đúng định dạng.",
                                 name=path.name),
                              tr("Hãy mở tệp bằng Word, lưu lại (.docx) rồi thử nhập lại.")) from exc
    document = SourceDocument(path.name, "docx")
    document.properties = _core_properties(core)
    flat = str(_transform()(main.getroottree()))
    pieces = re.split(f"([{PARA}{TABLE}])", flat)
    task_width = 0
    for marker, body in zip(pieces[1::2], pieces[2::2]):
        if marker == PARA:
            document.add_paragraph(body.replace("\n", " "))
            continue
        rows = body.split(ROW)[1:]
        head = _table(rows[:HEAD_ROWS], document)
        # Only a task table (or its continuation on the next page) is read in full; the head of
        # another table (a statistics form, a signature block) is enough to tell what it is.
        if any(header_roles(r) for r in head.rows) or (task_width and head.width == task_width):
            table = _table(rows, document)
            task_width = table.width
        else:
            table = head
        if table.rows:
            document.blocks.append(table)
    return document


def _table(row_texts: list[str], document: SourceDocument) -> Table:
    rows: list[list[str]] = []
    above: dict[int, str] = {}      # column -> text of the cell a vMerge continues
    for index, row_text in enumerate(row_texts):
        if index >= MAX_ROWS:
            document.warnings.append(tr("Bảng quá dài; chỉ đọc {n} dòng đầu.", n=MAX_ROWS))
            break
        before, *cells = row_text.split(CELL)
        row: list[str] = [""] * _int(before, 0)
        for cell in cells:
            span_text, merge, body = cell.split(FIELD, 2)
            span = min(_int(span_text, 1), 50)
            col = len(row)
            value = above.get(col, "") if merge == "c" else _clean(body)
            for offset in range(span):
                row.append(value)
                if merge == "r":
                    above[col + offset] = value
                elif not merge and above:
                    above.pop(col + offset, None)
        rows.append(row)
    return Table(rows)


def _clean(text: str) -> str:
    if "\n" not in text:
        return " ".join(text.split())
    return "\n".join(line for line in (" ".join(part.split()) for part in text.split("\n")) if line)


def _int(value: str, default: int) -> int:
    return int(value) if value.isdigit() else default
