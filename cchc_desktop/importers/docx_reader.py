"""Word documents: paragraphs and tables of the body, in order, read straight from the zip.

Only three small parts are opened: the main document part (found through the package
relationships ``_rels/.rels``, or ``[Content_Types].xml`` when those are damaged), the core
properties, and the styles when they name an old Vietnamese font. Pictures and every other
part stay packed, so a 100 MB file of scanned pages costs no more memory than its text.

The body is flattened to text by one XSLT transform (libxslt, in C), which is many times
faster than walking cells from Python on a long appendix. A horizontally merged cell
(gridSpan) is repeated across the columns it covers, a vertically merged one (vMerge) down
the rows, so every row has one value per column, as in the printed table.

A table inside a table: when the outer one is a frame (at most 3 rows, or fewer rows than
the tables inside it), its cells are read like the body, so the inner tables come out as
tables, in document order; in a real table a small table inside a cell stays that cell's text.

Runs in a TCVN3 or VNI font (".VnTime", ".VnTimeH", "VNI-Times"; the run's own font, else
its character style, paragraph style or the document default) are wrapped in private-use
markers by the transform and converted to Unicode here, run by run (``legacy_text``).
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from functools import lru_cache
from pathlib import Path

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import tr
from cchc_desktop.importers import legacy_text
from cchc_desktop.importers.document import SourceDocument, Table

MAX_ROWS = 20000
# Private-use characters mark the structure in the transform's output; Word text never has them.
PARA, TABLE, ROW, CELL, FIELD = "\ue000", "\ue001", "\ue002", "\ue003", "\ue004"
# Text in a legacy font is written between legacy_text.MARKS (&#xE005; … &#xE00A;).
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}Override"
_MAIN_TYPES = ("wordprocessingml.document.main+xml", "wordprocessingml.template.main+xml",
               "ms-word.document.macroEnabled.main+xml", "ms-word.template.macroEnabledTemplate.main+xml")
_TEXT = re.compile(f"[^{PARA}{TABLE}{ROW}{CELL}{FIELD}]+")     # a paragraph's or a cell's text in the flat output
_STYLE_FONT = re.compile(rb"""\bw:(?:ascii|hAnsi)\s*=\s*["']([^"']+)["']""")
_FONT_NAME = re.compile(rb"""<(?:\w+:)?font\s[^>]*?\bw:name\s*=\s*["']([^"']+)["']""")

_XSL = """<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
 xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<xsl:output method="text" encoding="utf-8"/>
<xsl:param name="legacy" select="''"/>
<xsl:param name="styles" select="'|'"/>
<xsl:param name="default" select="''"/>
<xsl:param name="pdefault" select="''"/>
<xsl:template match="/"><xsl:apply-templates select="w:document/w:body"/></xsl:template>
<xsl:template match="w:body|w:sdtContent"><xsl:apply-templates select="w:p|w:tbl|w:sdt/w:sdtContent"/></xsl:template>
<xsl:template match="w:p">&#xE000;<xsl:call-template name="text"/></xsl:template>
<xsl:template name="text"><xsl:for-each select=".//w:t|.//w:tab|.//w:br|.//w:cr|.//w:softHyphen"><xsl:choose>
 <xsl:when test="$legacy and (self::w:t or self::w:softHyphen)"><xsl:call-template name="legacy"/></xsl:when>
 <xsl:when test="self::w:t"><xsl:value-of select="."/></xsl:when>
 <xsl:when test="self::w:softHyphen"/>
 <xsl:when test="self::w:tab"><xsl:text> </xsl:text></xsl:when>
 <xsl:otherwise><xsl:text>&#10;</xsl:text></xsl:otherwise></xsl:choose></xsl:for-each></xsl:template>
<xsl:template match="w:tbl"><xsl:choose>
 <xsl:when test="w:tr/w:tc/w:tbl and (count(w:tr) &lt;= 3 or count(w:tr/w:tc/w:tbl/w:tr) &gt;= count(w:tr))">
  <xsl:for-each select="w:tr/w:tc"><xsl:apply-templates select="w:p|w:tbl|w:sdt/w:sdtContent"/></xsl:for-each>
 </xsl:when>
 <xsl:otherwise><xsl:call-template name="table"/></xsl:otherwise></xsl:choose></xsl:template>
<xsl:template name="table">&#xE001;<xsl:for-each select="w:tr">&#xE002;<xsl:value-of
 select="w:trPr/w:gridBefore/@w:val"/><xsl:for-each select="w:tc">&#xE003;<xsl:value-of
 select="w:tcPr/w:gridSpan/@w:val"/>&#xE004;<xsl:choose>
 <xsl:when test="w:tcPr/w:vMerge/@w:val='restart'">r</xsl:when><xsl:when test="w:tcPr/w:vMerge">c</xsl:when>
 </xsl:choose>&#xE004;<xsl:for-each select=".//w:p"><xsl:if test="position()&gt;1"><xsl:text>&#10;</xsl:text></xsl:if><xsl:call-template
 name="text"/></xsl:for-each></xsl:for-each></xsl:for-each></xsl:template>
<xsl:template name="legacy">
 <xsl:variable name="fonts" select="../w:rPr/w:rFonts"/>
 <xsl:variable name="font"><xsl:choose>
  <xsl:when test="$fonts/@w:hAnsi"><xsl:value-of select="$fonts/@w:hAnsi"/></xsl:when>
  <xsl:when test="$fonts/@w:hAnsiTheme"/>
  <xsl:when test="$fonts/@w:ascii"><xsl:value-of select="$fonts/@w:ascii"/></xsl:when>
  <xsl:when test="$fonts/@w:asciiTheme"/>
  <xsl:otherwise><xsl:call-template name="styled"/></xsl:otherwise></xsl:choose></xsl:variable>
 <xsl:variable name="f" select="translate($font, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
 <xsl:variable name="text"><xsl:choose><xsl:when test="self::w:softHyphen">&#xAD;</xsl:when>
  <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise></xsl:choose></xsl:variable>
 <xsl:choose>
  <xsl:when test="starts-with($f, '.vn') and substring($font, string-length($font)) = 'H'"
   >&#xE007;<xsl:value-of select="$text"/>&#xE008;</xsl:when>
  <xsl:when test="starts-with($f, '.vn')">&#xE005;<xsl:value-of select="$text"/>&#xE006;</xsl:when>
  <xsl:when test="starts-with($f, 'vni-') or starts-with($f, 'vni ')"
   >&#xE009;<xsl:value-of select="$text"/>&#xE00A;</xsl:when>
  <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise></xsl:choose></xsl:template>
<xsl:template name="styled">
 <xsl:variable name="rs" select="concat('|', ../w:rPr/w:rStyle/@w:val, '=')"/>
 <xsl:variable name="p" select="ancestor::w:p[1]/w:pPr/w:pStyle/@w:val"/>
 <xsl:variable name="ps"><xsl:choose><xsl:when test="$p"><xsl:value-of select="concat('|', $p, '=')"/></xsl:when>
  <xsl:otherwise><xsl:value-of select="concat('|', $pdefault, '=')"/></xsl:otherwise></xsl:choose></xsl:variable>
 <xsl:choose>
  <xsl:when test="../w:rPr/w:rStyle and contains($styles, $rs)"
   ><xsl:value-of select="substring-before(substring-after($styles, $rs), '|')"/></xsl:when>
  <xsl:when test="contains($styles, $ps)"
   ><xsl:value-of select="substring-before(substring-after($styles, $ps), '|')"/></xsl:when>
  <xsl:otherwise><xsl:value-of select="$default"/></xsl:otherwise></xsl:choose></xsl:template>
</xsl:stylesheet>"""


@lru_cache(maxsize=1)
def _parser():
    from lxml import etree
    # No network, no entity expansion: a document is data, never instructions.
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_blank_text=False)


@lru_cache(maxsize=1)
def _transform():
    from lxml import etree
    return etree.XSLT(etree.fromstring(_XSL.encode("utf-8")))


def read_docx(path: Path) -> SourceDocument:
    """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
    document = SourceDocument(path.name, "docx")
    try:
        with zipfile.ZipFile(path) as archive:
            parts = _package_parts(archive)
            tree = _parse(archive, parts["main"])
            document.properties = _core_properties(archive, parts.get("core-properties"))
            # The font table lists every font the file uses, its styles' too (Word, LibreOffice and
            # WPS keep it); the styles, bigger, are read only when it names an old Vietnamese font.
            font_table = _read_small(archive, parts.get("fontTable"))
            document.fonts = _fonts(tree) | {f.decode("utf-8", "replace") for f in _FONT_NAME.findall(font_table)}
            legacy = bool(legacy_text.legacy_fonts(document.fonts)) or not font_table
            style_bytes = _read_small(archive, parts.get("styles")) if legacy else b""
            document.fonts |= {f.decode("utf-8", "replace") for f in _STYLE_FONT.findall(style_bytes)}
    except Exception as exc:  # a damaged package fails in many ways
        raise ValidationError(tr("Không đọc được tệp Word “{name}”: tệp bị hỏng hoặc không đúng định dạng.",
                                 name=path.name),
                              tr("Hãy mở tệp bằng Word, lưu lại (.docx) rồi thử nhập lại.")) from exc
    flat = _flatten(tree, document, style_bytes)
    if document.converted_from is None and legacy_text.might_be_legacy(flat):
        flat = _convert_by_characters(flat, document)
    _split(flat, document)
    return document


# --- The package: which parts to read ---------------------------------------------------------

def _package_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """The part names to read, by role: {"main": "word/document.xml", "core-properties": "docProps/core.xml",
    "styles": "word/styles.xml", "fontTable": "word/fontTable.xml"}; only "main" is sure to be there."""
    names = set(archive.namelist())
    package = _relationships(archive, "_rels/.rels", "")
    main = package.get("officeDocument")
    if main not in names:
        main = _main_by_content_type(archive) or "word/document.xml"
    if main not in names:
        raise ValueError("no main document part")
    folder, leaf = posixpath.split(main)
    related = _relationships(archive, posixpath.join(folder, "_rels", leaf + ".rels"), folder)
    parts = {"main": main, "core-properties": package.get("core-properties", "docProps/core.xml"),
             "styles": related.get("styles"), "fontTable": related.get("fontTable")}
    return {role: name for role, name in parts.items() if name in names}


def _relationships(archive: zipfile.ZipFile, rels: str, folder: str) -> dict[str, str]:
    """Relationship type (its last word: "officeDocument", "styles") → target part name; {} when unreadable."""
    from lxml import etree
    try:
        with archive.open(rels) as handle:
            root = etree.parse(handle, _parser()).getroot()
    except Exception:  # missing or damaged (bad XML, bad CRC, bad compression): fall back
        return {}
    found: dict[str, str] = {}
    for rel in root.iter(_REL):
        kind, target = rel.get("Type", "").rsplit("/", 1)[-1], rel.get("Target", "")
        if rel.get("TargetMode") != "External" and target and kind not in found:
            found[kind] = posixpath.normpath(posixpath.join("/" + folder, target)).lstrip("/")
    return found


def _main_by_content_type(archive: zipfile.ZipFile) -> str | None:
    from lxml import etree
    try:
        with archive.open("[Content_Types].xml") as handle:
            root = etree.parse(handle, _parser()).getroot()
    except Exception:  # missing or damaged: the usual name is tried next
        return None
    for override in root.iter(_CT):
        if override.get("ContentType", "").endswith(_MAIN_TYPES):
            return override.get("PartName", "").lstrip("/")
    return None


def _parse(archive: zipfile.ZipFile, name: str):
    """The part's XML tree, parsed from the zip stream (the part is never held whole as bytes)."""
    from lxml import etree
    with archive.open(name) as handle:
        return etree.parse(handle, _parser())


def _read_small(archive: zipfile.ZipFile, name: str | None) -> bytes:
    """A small optional part (styles, font table); b"" when missing or damaged: the text reads without it."""
    if name is None:
        return b""
    try:
        return archive.read(name)
    except Exception:  # damaged in any way: the text is read without it
        return b""


def _core_properties(archive: zipfile.ZipFile, name: str | None) -> dict[str, str]:
    """Title, subject and keywords; {} when the part is missing or damaged."""
    if name is None:
        return {}
    try:
        core = _parse(archive, name).getroot()
    except Exception:  # damaged: the plan is read without its title
        return {}
    names = {"title": "{http://purl.org/dc/elements/1.1/}title",
             "subject": "{http://purl.org/dc/elements/1.1/}subject",
             "keywords": "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}keywords"}
    return {key: (core.findtext(tag) or "") for key, tag in names.items()}


# --- Fonts and old encodings ------------------------------------------------------------------

@lru_cache(maxsize=1)
def _font_xpath():
    from lxml import etree
    return etree.XPath("//w:rFonts/@w:ascii | //w:rFonts/@w:hAnsi", namespaces={"w": W}, smart_strings=False)


def _fonts(tree) -> set[str]:
    return set(_font_xpath()(tree))


def _flatten(tree, document: SourceDocument, style_bytes: bytes) -> str:
    """The transform's text, with runs in a legacy font already converted to Unicode."""
    from lxml import etree
    if not legacy_text.legacy_fonts(document.fonts) and not _style_names_legacy(style_bytes):
        return str(_transform()(tree))
    styles, default, pdefault = _style_fonts(style_bytes)
    flat = str(_transform()(tree, legacy=etree.XSLT.strparam("1"), styles=etree.XSLT.strparam(styles),
                            default=etree.XSLT.strparam(default), pdefault=etree.XSLT.strparam(pdefault)))
    return legacy_text.convert_marked([flat], document)[0]


def _convert_by_characters(flat: str, document: SourceDocument) -> str:
    """Old-encoded text in fonts with other names, found by its characters (``legacy_text.detect``).

    Done here, not only in ``normalize_document``: a task table must be recognised by its
    header row before it is read in full."""
    encoding = legacy_text.detect_among(_TEXT.findall(flat))
    if encoding is None:
        return flat
    legacy_text.mark_converted(document, encoding, document.fonts)
    return _TEXT.sub(lambda m: legacy_text.convert_unless_unicode(m.group(), encoding), flat)


def _style_names_legacy(style_bytes: bytes) -> bool:
    """Whether the styles name an old Vietnamese font (read when the file has no font table)."""
    lowered = style_bytes.lower()
    return any(quote + prefix in lowered for quote in (b'"', b"'") for prefix in (b".vn", b"vni-", b"vni "))


def _style_fonts(style_bytes: bytes) -> tuple[str, str, str]:
    """("|styleId=font|…|", default font, default paragraph style id) from styles.xml.

    A style's font is its own w:rFonts (hAnsi, else ascii; "" for a theme font) or that of the
    style it is based on; styles with neither are left out, so their runs use the default."""
    from lxml import etree
    try:
        root = etree.fromstring(style_bytes, _parser())
    except Exception:  # missing or damaged styles: runs keep only their own fonts
        return "|", "", ""
    ns = {"w": W}
    own, based, pdefault = {}, {}, ""
    for style in root.iterfind("w:style", ns):
        sid = style.get(f"{{{W}}}styleId", "")
        font = _own_font(style.find("w:rPr/w:rFonts", ns))
        if font is not None:
            own[sid] = font
        parent = style.find("w:basedOn", ns)
        if parent is not None:
            based[sid] = parent.get(f"{{{W}}}val", "")
        if style.get(f"{{{W}}}type") == "paragraph" and style.get(f"{{{W}}}default") in ("1", "true", "on"):
            pdefault = sid
    resolved = {sid: _resolve(sid, own, based) for sid in set(own) | set(based)}
    pairs = "".join(f"{sid}={font}|" for sid, font in resolved.items()
                    if font is not None and not set("|=") & set(sid + font))
    default = _own_font(root.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", ns)) or ""
    return "|" + pairs, default, pdefault


def _own_font(fonts) -> str | None:
    if fonts is None:
        return None
    for attribute in ("hAnsi", "ascii"):
        if fonts.get(f"{{{W}}}{attribute}Theme") is not None:
            return ""
        if fonts.get(f"{{{W}}}{attribute}"):
            return fonts.get(f"{{{W}}}{attribute}")
    return None


def _resolve(sid: str, own: dict[str, str], based: dict[str, str]) -> str | None:
    seen = set()
    while sid not in own and sid in based and sid not in seen:
        seen.add(sid)
        sid = based[sid]
    return own.get(sid)


# --- From the flat text to paragraphs and tables ----------------------------------------------

def _split(flat: str, document: SourceDocument) -> None:
    pieces = re.split(f"([{PARA}{TABLE}])", flat)
    for marker, body in zip(pieces[1::2], pieces[2::2]):
        if marker == PARA:
            document.add_paragraph(body.replace("\n", " "))
            continue
        # Every table is read in full: a header over two rows, or one the officer maps by hand
        # in the preview, is only known to be a task table after the analysis.
        table = _table(body.split(ROW)[1:], document)
        if table.rows:
            document.blocks.append(table)


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
