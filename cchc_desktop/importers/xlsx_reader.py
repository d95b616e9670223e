"""Excel workbooks through openpyxl in read-only mode (fast, little memory on an old PC).

Read-only worksheets do not expose merged ranges, so those are read from the sheet XML
and the top-left value is copied into every cell of a merge, as the eye reads it.
"""
from __future__ import annotations

import logging

import re
import zipfile
from datetime import date, datetime
from pathlib import Path

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import format_date, tr
from cchc_desktop.importers.document import SourceDocument, Table

log = logging.getLogger(__name__)
MAX_ROWS = 20000
MAX_COLS = 40
_MERGE = re.compile(rb'<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def read_xlsx(path: Path) -> SourceDocument:
    import openpyxl  # heavy: only when a workbook is read
    try:
        workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged package
        raise ValidationError(tr("Không đọc được tệp Excel “{name}”: tệp bị hỏng hoặc không đúng định dạng.",
                                 name=path.name),
                              tr("Hãy mở tệp bằng Excel, lưu lại (.xlsx) rồi thử nhập lại.")) from exc
    document = SourceDocument(path.name, "xlsx")
    try:
        props = workbook.properties
        document.properties = {"title": props.title or "", "subject": props.subject or "",
                               "keywords": props.keywords or ""}
        merges = _merged_ranges(path, workbook)
        for sheet in workbook.worksheets:   # read-only mode unpacks each sheet only now
            _read_sheet(sheet, merges.get(sheet.title, []), document)
    except Exception as exc:  # a sheet damaged inside a sound-looking package (bad CRC, broken XML)
        log.warning("damaged workbook %s: %r", path.name, exc)
        raise ValidationError(tr("Không đọc được tệp Excel “{name}”: một phần của tệp bị hỏng.", name=path.name),
                              tr("Hãy mở tệp bằng Excel, lưu lại (.xlsx) rồi thử nhập lại.")) from exc
    finally:
        workbook.close()
    return document


def _read_sheet(sheet, merges, document: SourceDocument) -> None:
    rows: list[list[str]] = []
    for index, values in enumerate(sheet.iter_rows(values_only=True)):
        if index >= MAX_ROWS:
            document.warnings.append(tr("Trang tính “{s}” quá dài; chỉ đọc {n} dòng đầu.", s=sheet.title, n=MAX_ROWS))
            break
        rows.append([_text(v) for v in values[:MAX_COLS]])
    for top, left, bottom, right in merges:
        if top - 1 >= len(rows):
            continue
        value = rows[top - 1][left - 1] if left - 1 < len(rows[top - 1]) else ""
        for r in range(top - 1, min(bottom, len(rows))):
            row = rows[r]
            if len(row) < right:
                row.extend([""] * (right - len(row)))
            for c in range(left - 1, min(right, MAX_COLS)):
                row[c] = value
    # Title lines above the table (one filled cell) are paragraphs, like in a Word file.
    table = Table([], sheet=sheet.title)
    for row in rows:
        filled = [c for c in row if c]
        if not filled:
            continue
        if len(filled) == 1 and not table.rows and len(set(row) - {""}) == 1:
            document.add_paragraph(filled[0])
        else:
            table.rows.append(row)
    if table.rows:
        document.blocks.append(table)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_date(value.date())
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("_x000D_", "").replace("\r", "").strip()


def _merged_ranges(path: Path, workbook) -> dict[str, list[tuple[int, int, int, int]]]:
    """Merged cell ranges per sheet title, from the sheet XML parts."""
    from openpyxl.utils import column_index_from_string
    result: dict[str, list] = {}
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        for sheet in workbook.worksheets:
            part = getattr(sheet, "_worksheet_path", None) or getattr(sheet, "path", "")
            part = part.lstrip("/")
            if part not in names:
                continue
            with archive.open(part) as handle:
                tail = _tail(handle)
            result[sheet.title] = [
                (int(r1), column_index_from_string(c1.decode()), int(r2), column_index_from_string(c2.decode()))
                for c1, r1, c2, r2 in _MERGE.findall(tail)]
    return result


def _tail(handle) -> bytes:
    """The <mergeCells> element sits after <sheetData>: read the part, keep what follows the data."""
    data = handle.read()
    at = data.rfind(b"</sheetData>")
    return data[at:] if at >= 0 else data
