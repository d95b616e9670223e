"""Plain text: the seeds (tab-separated rows), TSV pasted from Excel, CSV, or a PDF extract.

Lines holding tabs are table rows; other lines are paragraphs. A PDF extract has no tabs
at all: its table is recovered later from the paragraphs (see ``flat_table``).
"""
from __future__ import annotations

import csv
import io

from cchc_desktop.i18n import tr
from cchc_desktop.importers import legacy_text
from cchc_desktop.importers.document import SourceDocument, Table

# Bytes 0x80–0x9F as Windows-1252 shows them (€, ‘, “ …); the five it leaves undefined stay as they are.
_WINDOWS_1252 = {b: bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xA0)}


def decode(data: bytes) -> tuple[str, str | None]:
    """Text and a warning when the encoding had to be guessed.

    UTF-8 (or a BOM) first. Other bytes are either typed in an old Vietnamese font (TCVN3,
    VNI: one character per byte, read as Windows-1252 here and converted to Unicode by
    ``legacy_text.normalize_document`` with its own warning) or Windows Vietnamese (cp1258)."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    western = data.decode("latin-1").translate(_WINDOWS_1252)
    if legacy_text.detect(western):
        return western, None
    try:
        return data.decode("cp1258"), tr("Tệp không dùng mã UTF-8; đã đọc theo bảng mã Windows tiếng Việt (cp1258). "
                                         "Hãy kiểm tra dấu tiếng Việt trong bản xem trước.")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), tr("Một số ký tự trong tệp không đọc được và đã bị thay bằng �.")


def read_text(data: bytes, name: str) -> SourceDocument:
    text, warning = decode(data)
    document = SourceDocument(name, "text")
    if warning:
        document.warnings.append(warning)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if name.lower().endswith(".csv") and "\t" not in text:
        _read_csv(text, document)
        return document
    table: Table | None = None
    for line in _logical_lines(text):
        if "\t" in line:
            if table is None:
                table = Table([])
                document.blocks.append(table)
            table.rows.append([cell.strip().replace("\x0b", "\n") for cell in line.split("\t")])
        elif line.strip():
            table = None
            document.add_paragraph(line)
        # A blank line (page break in the seeds) does not end a table.
    return document


def _logical_lines(text: str) -> list[str]:
    """Lines, with Excel's quoted multi-line cells ("a\\nb") kept inside their row."""
    if '"' not in text or "\t" not in text:
        return text.split("\n")
    lines, pending = [], ""
    for line in text.split("\n"):
        pending = f"{pending}\n{line}" if pending else line
        if pending.count('"') % 2 == 0:
            lines.append(_unquote_row(pending) if "\t" in pending else pending)
            pending = ""
    if pending:
        lines.append(pending)
    return lines


def _unquote_row(line: str) -> str:
    """Excel quotes a TSV cell holding a newline or a quote; turn it back into plain cells."""
    if '"' not in line:
        return line
    cells = next(csv.reader(io.StringIO(line), delimiter="\t"))
    return "\t".join(cell.replace("\t", " ").replace("\n", "\x0b") for cell in cells)


def _read_csv(text: str, document: SourceDocument) -> None:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;")
    except csv.Error:
        dialect = csv.excel
    rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    document.blocks.append(Table([r for r in rows if any(r)]))
