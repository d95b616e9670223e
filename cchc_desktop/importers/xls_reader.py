"""Excel 97–2003 workbooks (.xls) through xlrd, with formatting so merged cells and fonts are known.

A workbook xlrd cannot read (damaged, or a variant it does not know) is converted to .xlsx
through LibreOffice (or Excel on Windows) when one is installed, and read as that.
"""
from __future__ import annotations

import logging
from pathlib import Path

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import tr
from cchc_desktop.importers.document import SourceDocument
from cchc_desktop.importers.sheet_blocks import MAX_COLS, MAX_ROWS, add_sheet, apply_merges, cell_text

log = logging.getLogger(__name__)


def read_xls(path: Path) -> SourceDocument:
    """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
    import xlrd  # only when an .xls is read
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, logfile=_Discard())
    except xlrd.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise ValidationError(tr("Tệp “{name}” được đặt mật khẩu nên không đọc được.", name=path.name),
                                  tr("Hãy mở tệp bằng Excel, gỡ mật khẩu (Tệp → Thông tin → Bảo vệ), lưu lại "
                                     "rồi nhập lại.")) from exc
        return _converted(path, exc)
    except Exception as exc:  # xlrd fails in many ways on a damaged file (struct, index, assertion)
        return _converted(path, exc)
    document = SourceDocument(path.name, "xls")
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            _read_sheet(book, sheet, document)
            book.unload_sheet(index)
    except Exception as exc:  # a sheet damaged inside a sound-looking file
        return _converted(path, exc)
    finally:
        book.release_resources()
    return document


def _read_sheet(book, sheet, document: SourceDocument) -> None:
    import xlrd
    fonts = _FontNames(book)
    rows: list[list[str]] = []
    count = sheet.nrows
    if count > MAX_ROWS:
        document.warnings.append(tr("Trang tính “{s}” quá dài; chỉ đọc {n} dòng đầu.", s=sheet.name, n=MAX_ROWS))
        count = MAX_ROWS
    text_type, date_type, error_type = xlrd.XL_CELL_TEXT, xlrd.XL_CELL_DATE, xlrd.XL_CELL_ERROR
    runs = sheet.rich_text_runlist_map
    for r in range(count):
        types = sheet.row_types(r, 0, MAX_COLS)
        values = sheet.row_values(r, 0, MAX_COLS)
        row = []
        for c, (kind, value) in enumerate(zip(types, values)):
            if kind == text_type:
                if value.strip():
                    fonts.add_cell(sheet.cell_xf_index(r, c), runs.get((r, c)))
            elif kind == date_type:
                value = _date(value, book.datemode)
            elif kind == error_type:
                value = xlrd.error_text_from_code.get(value, "")
            row.append(cell_text(value))
        rows.append(row)
    # xlrd's ranges are 0-based and half-open; the shared helper takes "B3:F3" numbers.
    apply_merges(rows, [(top + 1, left + 1, bottom, right) for top, bottom, left, right in sheet.merged_cells])
    document.fonts |= fonts.names
    add_sheet(document, rows, sheet.name)


def _date(value: float, datemode: int):
    import xlrd
    try:
        moment = xlrd.xldate_as_datetime(value, datemode)
    except (ValueError, OverflowError, xlrd.xldate.XLDateError):
        return value
    return moment.time() if value < 1 else moment


class _FontNames:
    """Names of the fonts text cells use (cached per cell format), rich-text runs included."""

    def __init__(self, book):
        self.book = book
        self.names: set[str] = set()
        self._seen_xf: set[int] = set()
        self._seen_font: set[int] = set()

    def add_cell(self, xf_index: int, runs) -> None:
        if xf_index not in self._seen_xf:
            self._seen_xf.add(xf_index)
            if 0 <= xf_index < len(self.book.xf_list):
                self._font(self.book.xf_list[xf_index].font_index)
        for _offset, font_index in runs or ():
            self._font(font_index)

    def _font(self, index: int) -> None:
        if index in self._seen_font:
            return
        self._seen_font.add(index)
        if 0 <= index < len(self.book.font_list):
            name = (self.book.font_list[index].name or "").strip()
            if name:
                self.names.add(name)


def _converted(path: Path, error: Exception) -> SourceDocument:
    """xlrd could not read it: let LibreOffice (or Excel) try, through .xlsx."""
    from cchc_desktop.importers.office_convert import ConversionError, read_converted
    log.warning("xlrd could not read %s (%r); trying a conversion", path.name, error)
    try:
        return read_converted(path, "xls")
    except ConversionError as exc:
        raise ValidationError(
            tr("Không đọc được tệp Excel “{name}”: tệp bị hỏng hoặc ở dạng chương trình không đọc được.",
               name=path.name),
            exc.hint) from error


class _Discard:
    """xlrd writes its complaints to a log file; they are not the officer's business."""

    def write(self, _text: str) -> None:
        pass

    def flush(self) -> None:
        pass
