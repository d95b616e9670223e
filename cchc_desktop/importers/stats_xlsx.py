"""Read a statistics form back from Excel: what a unit filled in, checked against the data.

Rows are matched by the hidden code column this program writes, or else by the domain
rows (I, II …) and STT, as the printed form reads. A change is a value that differs from
the data; a conflict is one where the data also changed since the file was exported.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import format_number, parse_number, tr
from cchc_desktop.importers.domains import split_roman
from cchc_desktop.importers.guard import check_file, detect_format

MAX_ROWS = 2000


@dataclass
class ValueChange:
    code: str
    name: str
    current: str | None
    new: str | None
    conflict: bool = False


@dataclass
class StatsImport:
    changes: list[ValueChange] = field(default_factory=list)
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def conflicts(self) -> list[ValueChange]:
        return [c for c in self.changes if c.conflict]


def _text(value) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        return format_number(value)
    return str(value).strip()


def _same(a: str | None, b: str | None) -> bool:
    if (a or "") == (b or ""):
        return True
    try:
        return parse_number(a) == parse_number(b)
    except ValueError:
        return False


def read_statistics(session, period, path: Path | str) -> StatsImport:
    path = Path(path)
    if detect_format(path, check_file(path)) != "xlsx":
        raise ValidationError(tr("Hãy chọn tệp Excel (.xlsx) của biểu thống kê."))
    if period.closed:
        raise ValidationError(tr("{label} đã chốt số liệu nên không nhập được.", label=period.label),
                              tr("Nếu cần sửa, hãy “Mở lại” kỳ báo cáo và ghi rõ lý do."))
    import openpyxl
    try:
        book = openpyxl.load_workbook(str(path), read_only=True, data_only=False)
    except Exception as exc:
        raise ValidationError(tr("Không đọc được tệp Excel “{name}”.", name=path.name),
                              tr("Hãy mở tệp bằng Excel, lưu lại (.xlsx) rồi thử lại.")) from exc
    try:
        found = _values(book.worksheets[0])
    finally:
        book.close()
    form = session.statistics.form(period)
    result = StatsImport()
    matched = 0
    for code, (value, exported) in found.items():
        cell = form.cells.get(code)
        if cell is None:
            result.warnings.append(tr("Dòng mã {code} không có trong danh mục chỉ tiêu năm {year}; bỏ qua.",
                                      code=code, year=period.year))
            continue
        matched += 1
        ind = cell.indicator
        if not ind.enterable:
            continue
        current = cell.entry.raw
        new = _text(value) if not (isinstance(value, str) and value.startswith("=")) else current
        # A number the program filled in itself (from the task register) coming back unchanged is no edit.
        shown = current if current not in (None, "") else (format_number(cell.value) if cell.computed and
                                                           cell.value is not None else None)
        if _same(shown, new):
            result.unchanged += 1
            continue
        conflict = exported is not _MISSING and not _same(current, _text(exported))
        result.changes.append(ValueChange(code, ind.name, current, new, conflict))
    if not matched:
        raise ValidationError(tr("Không tìm thấy dòng chỉ tiêu nào trong tệp."),
                              tr("Hãy dùng tệp biểu thống kê do chương trình xuất ra, hoặc đúng mẫu Phụ lục 01b."))
    for change in result.conflicts:
        result.warnings.append(tr("Chỉ tiêu {code}: số liệu trong chương trình đã đổi thành {now} sau khi xuất tệp; "
                                  "tệp ghi {new}.", code=change.code, now=change.current or tr("(trống)"),
                                  new=change.new or tr("(trống)")))
    return result


class _Missing:
    pass


_MISSING = _Missing()


def _values(sheet) -> dict[str, tuple]:
    """code -> (value in the Số liệu column, value at export or _MISSING)."""
    found: dict[str, tuple] = {}
    code_col = exported_col = None
    domain = None
    for index, row in enumerate(sheet.iter_rows(values_only=True)):
        if index > MAX_ROWS:
            break
        cells = list(row) + [None] * 9
        texts = [str(c).strip() if c is not None else "" for c in cells]
        if "Mã chỉ tiêu" in texts:
            code_col = texts.index("Mã chỉ tiêu")
            exported_col = texts.index("Số liệu khi xuất") if "Số liệu khi xuất" in texts else None
            continue
        if code_col is not None and texts[code_col]:
            exported = cells[exported_col] if exported_col is not None else _MISSING
            found[texts[code_col]] = (cells[3], exported)
            continue
        stt = texts[0]
        numeral, rest = split_roman(stt)
        if numeral and not rest:
            domain = numeral
            continue
        if domain and stt and stt[0].isdigit():
            found[f"{domain}.{stt.rstrip('.')}"] = (cells[3], _MISSING)
    return found


def apply_statistics(session, period, result: StatsImport, *, take_conflicts: bool = True) -> list[str]:
    values = {c.code: c.new or "" for c in result.changes if take_conflicts or not c.conflict}
    return session.statistics.set_many(period, values, action="import")
