"""A province's statistics sheet (Phụ lục 01b and its many variants), read the way an officer reads it.

Shared by the statistics import (``stats_xlsx``) and the indicator-catalog loader (``catalog_xlsx``):

- **The header** is found by its words and may span 1–3 rows with merged group cells ("Số liệu" over
  "Kỳ trước | Kỳ này"); each column is read from its whole path. A *value* column is one whose header names
  this period's figure ("Kỳ báo cáo", "Số liệu", "Thực hiện", "Kết quả", "Kỳ này"); "Kỳ trước", "Cùng kỳ",
  "Kế hoạch", "Lũy kế" hold other figures and never are (``OTHER``).
- **Domain rows** come in every form: the Roman numeral alone in the STT column, "I. TITLE" merged across the
  row, an Arabic number over "1.1, 1.2 …" rows, or a title alone. Indicator rows carry their code path
  ("2.1"), or the whole code ("III.4.1"), or a letter; a name cut by a page break is joined back.
- **Numbers** are read as typed (``read_number``): "1.245", "98,6", "1 245" the Vietnamese way, "1,245.5" the
  English way only where nothing else is possible; a reading that could go two ways is reported, never guessed.
  "x", "-", "không", "KAD" mean not applicable; a blank is not a zero.
- **Names** are compared on diacritic-folded words with the usual abbreviations spelled out (``similarity``).
"""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import tr
from cchc_desktop.importers.domains import domain_by_name
from cchc_desktop.model import ROMAN
from cchc_desktop.importers.domains import split_roman as _split_roman
from cchc_desktop.importers.sheet_blocks import cell_text
from cchc_desktop.text import fold

MAX_ROWS = 2000
MAX_COLS = 40
HEADER_SCAN = 30
MAX_HEADER_ROWS = 3

# Column roles
STT, NAME, UNIT, VALUE, OTHER, LEAD, COORD, NOTE, CODE, EXPORTED = (
    "stt", "name", "unit", "value", "other", "lead", "coord", "note", "code", "exported")
SINGLE_ROLES = (STT, NAME, UNIT, LEAD, COORD, NOTE, CODE, EXPORTED)
# Row kinds
DOMAIN_ROW, ITEM_ROW, TEXT_ROW = "domain", "item", "text"

_EXPORTED = re.compile(r"^so lieu khi xuat$")
_CODE = re.compile(r"^ma chi tieu$")
_STT = re.compile(r"^(?:s\s*\.?\s*tt|tt|stt|so\s+tt|so\s+thu\s+tu|thu\s+tu|ma\s+so)\.?$")
_UNIT = re.compile(r"\bdon\s+vi\s+tinh\b|\bdvt\b|\bdv\s+tinh\b|\bdon\s+vi\s+do\b")
_COORD = re.compile(r"phoi\s+hop")
_LEAD = re.compile(r"chu\s+tri|don\s+vi\s+thuc\s+hien|co\s+quan\s+thuc\s+hien|phu\s+trach|bo\s+phan\s+thuc\s+hien")
_NOTE = re.compile(r"^ghi\s+chu")
_NAME = re.compile(r"^(?:ten\s+|cac\s+)?(?:chi\s+tieu|noi\s+dung|danh\s+muc|linh\s+vuc|tieu\s+chi|hang\s+muc)|^ten$")
# Figures of another time or kind than this period's result.
_OTHER = re.compile(r"ky\s+truoc|cung\s+ky|ke\s+hoach|luy\s+ke|nam\s+truoc|so\s+voi|so\s+sanh|tang\s*(?:,|/)?\s*giam|"
                    r"chenh\s+lech|muc\s+tieu|chi\s+tieu\s+giao|du\s+kien|\bdinh\s+muc|^kh(?:\s|$)")
_VALUE = re.compile(r"ky\s+bao\s+cao|so\s+lieu|thuc\s+hien|ket\s+qua|ky\s+nay|gia\s+tri|so\s+luong|trong\s+ky|"
                    r"^quy\s+(?:i|ii|iii|iv|[1-4])\b|^\d\s+thang\b|^(?:ca\s+)?nam\s+\d{4}$|^th(?:\s|$)")


_DOMAIN_LABEL = re.compile(r"^\s*(?:lĩnh\s+vực|phần|mục)\s+(?=[IVX]+\b)", re.I)


def split_roman(text: str) -> tuple[str | None, str]:
    """ "VI. Cải cách tài chính công" → ("VI", …); a label in front ("Lĩnh vực VI - …", "Phần I: …") is read past."""
    return _split_roman(_DOMAIN_LABEL.sub("", text or "", count=1))


def names_other_figure(text: str, *, besides_cumulative: bool = False) -> bool:
    """The header names a figure other than this period's result ("Kỳ trước", "Kế hoạch", "Cùng kỳ" …);
    ``besides_cumulative``: the word "Lũy kế" aside."""
    key = " ".join(fold(text).split())
    if besides_cumulative:
        key = re.sub(r"\bluy\s+ke\b|\bcong\s+don\b", " ", key).strip()
    return bool(_OTHER.search(key))


@lru_cache(maxsize=2048)
def header_role(text: str) -> str | None:
    """What one header cell says its column holds, or None."""
    key = " ".join(fold(text).replace("\n", " ").split())
    if not key or len(key) > 120:
        return None
    for role, pattern in ((EXPORTED, _EXPORTED), (CODE, _CODE), (STT, _STT), (UNIT, _UNIT), (COORD, _COORD),
                          (LEAD, _LEAD), (NOTE, _NOTE)):
        if pattern.search(key):
            return role
    if _NAME.search(key) and not (len(key.split()) <= 5 and _OTHER.search(key)):
        return NAME
    if _OTHER.search(key):
        return OTHER
    if _VALUE.search(key):
        return VALUE
    return None


def path_role(parts: tuple[str, ...]) -> str | None:
    """A column's role from its header read top to bottom: the leaf decides, except that a figure of another
    time anywhere in the path ("Lũy kế › Thực hiện", "Số liệu › Kỳ trước") is never this period's value."""
    if not parts:
        return None
    roles = [header_role(p) for p in parts]
    leaf = roles[-1]
    if leaf in SINGLE_ROLES:
        return leaf
    if OTHER in roles:
        return OTHER
    if leaf:
        return leaf
    return next((r for r in reversed(roles[:-1]) if r in (VALUE, LEAD, NOTE)), None)


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class Cell:
    value: object = None            # as typed, or what Excel computed for a formula (None if never computed)
    formula: str = ""               # "=D12/D11*100" when the cell holds a formula
    number_format: str = "General"
    ref: str = ""                   # "Biểu 01b!D14"

    @property
    def text(self) -> str:
        return cell_text(self.value)


@dataclass
class Column:
    index: int
    path: tuple[str, ...]
    role: str | None
    hidden: bool = False            # hidden in Excel: often an old period's figures left in place

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    @property
    def label(self) -> str:
        return " › ".join(self.path) if self.path else tr("cột {c}", c=self.letter)


@dataclass
class SheetRow:
    number: int                     # the sheet's row number (1-based)
    kind: str                       # DOMAIN_ROW, ITEM_ROW or TEXT_ROW
    texts: list[str]                # as shown, merged cells spread
    cells: list[Cell]
    stt: str = ""                   # as written
    name: str = ""
    unit: str = ""
    numeral: str | None = None      # domain row: its Roman numeral (an Arabic one converted); item: its domain's
    title: str = ""                 # domain row: the domain's name; item: the name of its domain row
    path: str | None = None         # item: code path inside the domain ("2.1"); None for a letter or no STT
    code: str = ""                  # this program's hidden code column ("III.4.1")
    arabic: int | None = None       # domain row numbered 1, 2 …
    continued: list[SheetRow] = field(default_factory=list)   # lines a page break cut from this row

    def ref(self, column: int) -> str:
        return self.cells[column].ref if column < len(self.cells) else ""


@dataclass
class ProvinceSheet:
    title: str
    header_row: int                 # sheet row number of the header's first row
    depth: int
    columns: list[Column]
    rows: list[SheetRow]
    heading: list[str] = field(default_factory=list)   # the lines above the header: the title ("… QUÝ I NĂM 2026")

    def first(self, role: str) -> Column | None:
        return next((c for c in self.columns if c.role == role), None)

    def having(self, role: str) -> list[Column]:
        return [c for c in self.columns if c.role == role]

    def text(self, row: SheetRow, role: str) -> str:
        column = self.first(role)
        return row.texts[column.index] if column and column.index < len(row.texts) else ""

    def cell(self, row: SheetRow, column: Column) -> Cell:
        return row.cells[column.index] if column.index < len(row.cells) else Cell(ref=f"{self.title}!"
                                                                                     f"{column.letter}{row.number}")

    @property
    def items(self) -> list[SheetRow]:
        return [r for r in self.rows if r.kind == ITEM_ROW]

    def data_columns(self) -> list[Column]:
        """Columns that could hold figures: value columns, other figures, and unnamed ones holding numbers."""
        taken = (STT, NAME, UNIT, LEAD, COORD, NOTE, CODE, EXPORTED)
        found = []
        for column in self.columns:
            if column.role in taken:
                continue
            if column.role in (VALUE, OTHER) or any(
                    read_number(self.cell(r, column).value).kind == NUMBER for r in self.items[:200]):
                found.append(column)
        return found


# --------------------------------------------------------------------------- reading the workbook

def read_workbook(path: Path) -> list[ProvinceSheet]:
    """Every visible sheet of the workbook that has a statistics-form header, in order (the hidden ones only when
    no visible sheet has one: a hidden sheet usually holds old figures).

    Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
    data = _workbook_bytes(path)
    book = _load(data, path, data_only=False)
    cached = None
    found: list[tuple[bool, ProvinceSheet]] = []
    try:
        for ws in book.worksheets:
            grid = _cells(ws)
            if any(c.formula for row in grid for c in row):
                if cached is None:
                    cached = _load(data, path, data_only=True)
                _computed_values(grid, cached[ws.title])
            merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
            sheet = read_grid(ws.title, grid, merges)
            if sheet is not None:
                hidden = _hidden_columns(ws)
                for column in sheet.columns:
                    column.hidden = column.index + 1 in hidden
                found.append((getattr(ws, "sheet_state", "visible") == "visible", sheet))
    except ValidationError:
        raise
    except Exception as exc:  # a sheet damaged inside a sound-looking package
        raise ValidationError(tr("Không đọc được tệp Excel “{name}”: một phần của tệp bị hỏng.", name=path.name),
                              tr("Hãy mở tệp bằng Excel, lưu lại (.xlsx) rồi thử lại.")) from exc
    finally:
        book.close()
        if cached is not None:
            cached.close()
    return [sheet for visible, sheet in found if visible] or [sheet for _visible, sheet in found]


def _hidden_columns(ws) -> set[int]:
    """1-based numbers of the columns Excel hides."""
    hidden: set[int] = set()
    for dimension in ws.column_dimensions.values():
        if getattr(dimension, "hidden", False) and dimension.min:
            hidden.update(range(dimension.min, (dimension.max or dimension.min) + 1))
    return hidden


MAX_SHEET_XML = 60 * 1024 * 1024    # a statistics form is a few hundred rows; a workbook this big is something else


def _workbook_bytes(path: Path) -> bytes:
    import zipfile
    try:
        with zipfile.ZipFile(path) as archive:
            size = sum(i.file_size for i in archive.infolist() if i.filename.startswith("xl/worksheets/"))
    except (zipfile.BadZipFile, OSError) as exc:
        raise ValidationError(tr("Không đọc được tệp Excel “{name}”.", name=path.name),
                              tr("Hãy mở tệp bằng Excel, lưu lại (.xlsx) rồi thử lại.")) from exc
    if size > MAX_SHEET_XML:
        raise ValidationError(tr("Tệp “{name}” quá lớn để là một biểu thống kê.", name=path.name),
                              tr("Hãy chép riêng trang biểu thống kê sang một tệp Excel mới rồi nhập tệp đó."))
    return path.read_bytes()


def _load(data: bytes, path: Path, *, data_only: bool):
    """The workbook in full mode (merged ranges are known), from its bytes: a name other than .xlsx is fine."""
    import io

    import openpyxl
    try:
        with warnings.catch_warnings():   # openpyxl warns about extensions it drops (data validation …)
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds for a damaged package
        raise ValidationError(tr("Không đọc được tệp Excel “{name}”.", name=path.name),
                              tr("Hãy mở tệp bằng Excel, lưu lại (.xlsx) rồi thử lại.")) from exc


def _cells(ws) -> list[list[Cell]]:
    rows = min(ws.max_row or 0, MAX_ROWS)
    cols = min(ws.max_column or 0, MAX_COLS)
    grid: list[list[Cell]] = []
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=rows, max_col=cols), start=1):
        out = []
        for c, cell in enumerate(row):
            value, formula = cell.value, ""
            if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=") and len(value) > 1):
                formula, value = str(getattr(value, "text", value) or ""), None
            out.append(Cell(value, formula, cell.number_format or "General", f"{ws.title}!{column_letter(c)}{r}"))
        grid.append(out)
    return grid


def _computed_values(grid: list[list[Cell]], ws) -> None:
    for r, row in enumerate(grid, start=1):
        for c, cell in enumerate(row, start=1):
            if cell.formula:
                cell.value = ws.cell(row=r, column=c).value


def read_grid(title: str, grid: list[list[Cell]], merges: list[tuple[int, int, int, int]]) -> ProvinceSheet | None:
    """The sheet's header and rows from its cells and merged ranges (1-based, inclusive), or None."""
    width = max((len(r) for r in grid), default=0)
    for r, row in enumerate(grid, start=1):
        row.extend(Cell(ref=f"{title}!{column_letter(c)}{r}") for c in range(len(row), width))
    texts = [[" ".join(c.text.replace("_x000D_", "").split()) if c.value is not None else "" for c in row]
             for row in grid]
    covered: set[tuple[int, int]] = set()   # cells of a merge other than its top-left one (0-based)
    across: dict[int, list[tuple[int, int]]] = {}   # row -> (left, right) of each merge spanning columns
    for top, left, bottom, right in merges:
        if top > len(texts) or left > width:
            continue
        value = texts[top - 1][left - 1]
        for r in range(top - 1, min(bottom, len(texts))):
            for c in range(left - 1, min(right, width)):
                texts[r][c] = value
                if (r, c) != (top - 1, left - 1):
                    covered.add((r, c))
        if right > left:
            for r in range(top - 1, min(bottom, len(texts))):
                across.setdefault(r, []).append((left - 1, right - 1))
    found = _find_header(texts)
    if found is None:
        return None
    top, depth = found
    columns = _columns(texts[top:top + depth], width)
    heading: list[str] = []
    for line in texts[:top]:
        for text in line:
            if text and text not in heading:
                heading.append(text)
    sheet = ProvinceSheet(title, top + 1, depth, columns, [], heading)
    _read_rows(sheet, grid, texts, top + depth, covered, across)
    return sheet


def _find_header(texts: list[list[str]]) -> tuple[int, int] | None:
    for top in range(min(HEADER_SCAN, len(texts))):
        roles = [header_role(t) for t in texts[top] if t]
        if NAME not in roles or not ({STT, UNIT, VALUE, OTHER, CODE} & set(roles)):
            continue
        depth = 1
        while depth < MAX_HEADER_ROWS and top + depth < len(texts) and \
                _continues_header(texts[top], texts[top + depth - 1], texts[top + depth]):
            depth += 1
        return top, depth
    return None


def _continues_header(first: list[str], upper: list[str], lower: list[str]) -> bool:
    """``lower`` is one more header row: it splits groups of ``upper`` into short labels, and has no STT."""
    filled = [t for t in lower if t]
    if not filled or _numbering_row(lower):
        return False
    stt_col = next((i for i, t in enumerate(first) if header_role(t) == STT), 0)
    name_col = next((i for i, t in enumerate(first) if header_role(t) == NAME), 1)
    for col in (stt_col, name_col):
        if col < len(lower) and lower[col] and lower[col] != upper[col]:
            return False
    new = [t for c, t in enumerate(lower) if t and (c >= len(upper) or t != upper[c])]
    return bool(new) and all(len(t) <= 60 and read_number(t).kind != NUMBER for t in new)


def _numbering_row(texts: list[str]) -> bool:
    """The column-number row under a header: "1 | 2 | 3" or "(1) | (2)" or "A | B | C"."""
    filled = [t for t in texts if t]
    return len(filled) >= 3 and len(set(filled)) == len(filled) and \
        all(re.fullmatch(r"\(?(?:\d{1,2}|[A-Za-z])\)?", t) for t in filled)


def _columns(header: list[list[str]], width: int) -> list[Column]:
    columns, seen = [], set()
    for col in range(width):
        parts: list[str] = []
        for row in header:
            text = row[col] if col < len(row) else ""
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        role = path_role(tuple(parts))
        if role in SINGLE_ROLES:
            if role in seen:
                role = None
            seen.add(role)
        columns.append(Column(col, tuple(parts), role))
    if not any(c.role == STT for c in columns) and columns and columns[0].role is None:
        columns[0].role = STT
    return columns


_ITEM_STT = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)[.)]?$")
_FULL_CODE = re.compile(r"^(VIII|VII|VI|IV|V|III|II|I)\.(\d{1,3}(?:\.\d{1,3})*)\.?$")
_LETTER = re.compile(r"^\(?([a-zđ])[.)]?$")
_ARABIC_TITLE = re.compile(r"^(\d{1,2})\s*[.):\-–]\s*(\S.*)$", re.S)
_TAG = re.compile(r"<[^>]+>")


def _clean(text: str) -> str:
    return " ".join(_TAG.sub("", text or "").split())


def _read_rows(sheet: ProvinceSheet, grid, texts, start: int, covered, across) -> None:
    """Body rows: a merged cell counts in its first column only (a sub-heading merged over "Chỉ tiêu" and
    "Đơn vị tính" has no unit), except a row that is one cell across, read as a whole line."""
    stt_col = sheet.first(STT)
    name_col = sheet.first(NAME)
    unit_col = sheet.first(UNIT)
    code_col = sheet.first(CODE)
    header_keys = [[fold(t) for t in texts[r]] for r in range(sheet.header_row - 1, start)]
    figures = [c.index for c in sheet.columns if c.role in (VALUE, OTHER)]

    def own(r: int, column: Column | None) -> str:
        if column is None or column.index >= len(texts[r]) or (r, column.index) in covered:
            return ""
        return texts[r][column.index]

    rows: list[SheetRow] = []
    for r in range(start, len(texts)):
        line = texts[r]
        if not any(line) or _numbering_row(line) or [fold(t) for t in line] in header_keys:
            continue
        row = SheetRow(r + 1, TEXT_ROW, line, grid[r])
        stt, name, unit = own(r, stt_col), _clean(own(r, name_col)), own(r, unit_col)
        row.code = own(r, code_col)
        whole = next((left for left, right in across.get(r, ()) if stt_col and name_col and
                      left <= min(stt_col.index, name_col.index) and right >= max(stt_col.index, name_col.index)),
                     None)
        if whole is not None:
            _whole_line(row, _clean(line[whole]))
        elif stt and split_roman(stt)[0] and not split_roman(stt)[1] and name:
            row.kind, row.numeral, row.title = DOMAIN_ROW, split_roman(stt)[0], name
        elif not stt and name and split_roman(name)[0] and split_roman(name)[1] and not unit:
            _whole_line(row, name)
        elif stt and not name and not unit and not (_FULL_CODE.match(stt) or _ITEM_STT.match(stt)):
            _whole_line(row, _clean(stt))      # "I. CÔNG TÁC …" typed in column A, running over the empty cells
        else:
            row.stt, row.name, row.unit = stt, name, unit
            full, item, letter = _FULL_CODE.match(stt), _ITEM_STT.match(stt), _LETTER.match(stt.lower())
            if row.code or full or item or (letter and name):
                row.kind = ITEM_ROW
                if full:
                    row.numeral, row.path = full.group(1), full.group(2)
                elif item:
                    row.path = item.group(1)
            elif not stt and name and not unit and _titles_domain(name) and \
                    not any(_has_figure(grid[r], i) for i in figures):
                row.kind, row.title = DOMAIN_ROW, name
            elif not stt and name and unit:
                row.kind = ITEM_ROW          # an indicator without STT: found by its name
            elif not stt and name and rows and rows[-1].kind == ITEM_ROW and not name.isupper():
                rows[-1].continued.append(row)   # the rest of a name a page break cut
                rows[-1].name = f"{rows[-1].name} {name}"
                continue
        if row.kind == DOMAIN_ROW:
            row.stt = row.numeral if row.arabic is None else str(row.arabic)
            row.stt, row.name = row.stt or "", row.title
        rows.append(row)
    _arabic_domains(rows)
    domain: SheetRow | None = None
    for row in rows:
        if row.kind == DOMAIN_ROW:
            domain = row
        elif row.kind == ITEM_ROW and domain is not None and row.numeral in (None, domain.numeral):
            row.numeral, row.title = domain.numeral, domain.title   # "V.1" under "V. TITLE": the title decides
            if domain.arabic is not None and row.path and row.path.startswith(f"{domain.arabic}."):
                row.path = row.path[len(str(domain.arabic)) + 1:]
    sheet.rows = rows


def _whole_line(row: SheetRow, text: str) -> None:
    """A row that is one cell across: "I. CÔNG TÁC CHỈ ĐẠO…", "1. CẢI CÁCH THỂ CHẾ", a bare title or a note."""
    numeral, rest = split_roman(text)
    arabic = _ARABIC_TITLE.match(text)
    if numeral and rest:
        row.kind, row.numeral, row.title = DOMAIN_ROW, numeral, rest
    elif arabic and _names_domain(arabic.group(2)):
        number = int(arabic.group(1))
        row.kind, row.arabic, row.title = DOMAIN_ROW, number, arabic.group(2).strip()
        row.numeral = ROMAN[number - 1] if 1 <= number <= len(ROMAN) else None
    elif _titles_domain(text):
        row.kind, row.title = DOMAIN_ROW, text
    else:
        row.name = text


def _names_domain(text: str) -> bool:
    return domain_by_name(text) is not None


def _titles_domain(text: str) -> bool:
    """A line that is a domain's title by itself ("CẢI CÁCH THỂ CHẾ", "Cải cách thủ tục hành chính"), not the rest
    of a name a page break cut ("thủ tục hành chính trên địa bàn") nor a sentence that mentions a domain."""
    if not text or not text[0].isupper():
        return False
    code = domain_by_name(text)
    return code is not None and (text.isupper() or max(similarity(text, t) for t in DOMAIN_TITLES[code]) >= 75)


# The domains' usual titles and their variants (domain.md), to tell a title-only domain row from a sentence.
DOMAIN_TITLES = {
    "I": ("Công tác chỉ đạo, điều hành cải cách hành chính", "Chỉ đạo, điều hành, kiểm tra và tuyên truyền"),
    "II": ("Cải cách thể chế", "Xây dựng và tổ chức thực hiện thể chế"),
    "III": ("Cải cách thủ tục hành chính",),
    "IV": ("Cải cách tổ chức bộ máy hành chính nhà nước",),
    "V": ("Cải cách chế độ công vụ",),
    "VI": ("Cải cách tài chính công",),
    "VII": ("Xây dựng và phát triển chính quyền điện tử, chính quyền số", "Chuyển đổi số trong cơ quan nhà nước"),
    "VIII": ("Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội",)}


def _has_figure(cells: list[Cell], index: int) -> bool:
    return index < len(cells) and read_number(cells[index].value).kind in (NUMBER, NOT_APPLICABLE)


def _arabic_domains(rows: list[SheetRow]) -> None:
    """With no Roman numerals, bare numbers over "n.1, n.2 …" rows that name domains are the domains."""
    if any(r.kind == DOMAIN_ROW and r.arabic is None for r in rows):
        return
    items = [r for r in rows if r.kind == ITEM_ROW and r.path and not r.code]
    bare = [r for r in items if "." not in r.path and r.numeral is None]
    if not bare:
        return
    with_children = all(any(o.path.startswith(f"{b.path}.") for o in items) for b in bare)
    named = sum(1 for b in bare if _names_domain(b.name) or (b.name.isupper() and len(b.name) > 3))
    if not with_children or named * 2 < len(bare):
        return
    for b in bare:
        number = int(b.path)
        b.kind, b.arabic, b.title, b.path = DOMAIN_ROW, number, b.name, None
        b.numeral = ROMAN[number - 1] if 1 <= number <= len(ROMAN) else None


# --------------------------------------------------------------------------- numbers

NUMBER, BLANK, NOT_APPLICABLE, DOUBTFUL = "number", "blank", "not_applicable", "doubtful"
NOT_APPLICABLE_WORDS = {"x", "-", "–", "—", "/", "khong", "kad", "k.a.d", "k/a/d", "khong ap dung", "kap dung",
                        "n/a", "na"}


@dataclass(frozen=True)
class Reading:
    kind: str                       # NUMBER, BLANK, NOT_APPLICABLE or DOUBTFUL
    value: float | None = None
    typed: str = ""                 # what the cell shows
    problem: str = ""               # DOUBTFUL: why it is not read
    note: str = ""                  # how it was read, when not the plain Vietnamese way

    @property
    def text(self) -> str:
        """The value in the program's own notation: "1.245", "98,6"."""
        return vietnamese_number(self.value) if self.value is not None else ""


def vietnamese_number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


_SPACED = re.compile(r"^[1-9]\d{0,2}(?: \d{3})+(?:,\d+)?$")
_VI_FULL = re.compile(r"^\d{1,3}(?:\.\d{3})+,\d+$")
_EN_FULL = re.compile(r"^\d{1,3}(?:,\d{3})+\.\d+$")
_VI_GROUPS = re.compile(r"^[1-9]\d{0,2}(?:\.\d{3}){2,}$")
_EN_GROUPS = re.compile(r"^[1-9]\d{0,2}(?:,\d{3}){2,}$")
_ONE_DOT_GROUP = re.compile(r"^[1-9]\d{0,2}\.\d{3}$")
_ONE_COMMA_GROUP = re.compile(r"^[1-9]\d{0,2},\d{3}$")
_COMMA_DECIMAL = re.compile(r"^\d+,\d+$")
_DOT_DECIMAL = re.compile(r"^\d+\.\d+$")


def number_style(texts) -> str | None:
    """"vi" or "en" when a column's typed numbers show one way of writing only, else None."""
    vi = en = False
    for text in texts:
        s = _bare(text)[0]
        if _VI_FULL.match(s) or _VI_GROUPS.match(s) or (_COMMA_DECIMAL.match(s) and not _ONE_COMMA_GROUP.match(s)):
            vi = True
        if _EN_FULL.match(s) or _EN_GROUPS.match(s) or (_DOT_DECIMAL.match(s) and not _ONE_DOT_GROUP.match(s)):
            en = True
    return "vi" if vi and not en else "en" if en and not vi else None


def _bare(text: str) -> tuple[str, int, bool]:
    """(digits and separators, sign, had a % sign)."""
    s = str(text).replace("\u00a0", " ").replace("\u202f", " ").strip()
    percent = s.endswith("%")
    s = s.rstrip("%").strip()
    sign = 1
    if len(s) > 1 and s[0] in "-−+" and s[1:2].isdigit():
        sign, s = (-1 if s[0] != "+" else 1), s[1:]
    return " ".join(s.split()), sign, percent


def read_number(value, number_format: str = "General", style: str | None = None,
                at_most: float | None = None) -> Reading:
    """A cell's figure. ``style`` is the column's way of writing ("vi", "en" or None: unknown); ``at_most`` the
    largest value the row can hold (100 for a percentage: "1.245" there may well be 1,245 %)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return Reading(BLANK)
    if isinstance(value, bool):
        return Reading(NUMBER, 1.0 if value else 0.0, typed=str(value))
    if isinstance(value, (int, float)):
        number = float(value)
        if number != number or number in (float("inf"), float("-inf")):
            return Reading(DOUBTFUL, typed=str(value), problem=tr("ô không chứa một số hợp lệ"))
        if "%" in (number_format or ""):
            return Reading(NUMBER, round(number * 100, 9), typed=f"{vietnamese_number(round(number * 100, 9))}%",
                           note=tr("ô định dạng phần trăm"))
        return Reading(NUMBER, number, typed=vietnamese_number(number))
    if isinstance(value, (datetime, date, time)):
        return Reading(DOUBTFUL, typed=cell_text(value),
                       problem=tr("ô chứa ngày tháng chứ không phải số (Excel có thể đã tự đổi số thành ngày)"))
    typed = " ".join(str(value).split())
    if fold(typed) in NOT_APPLICABLE_WORDS:
        return Reading(NOT_APPLICABLE, typed=typed)
    s, sign, _percent = _bare(typed)
    english = tr("đọc theo cách viết tiếng Anh")
    two_ways = tr("“{t}” đọc được hai cách ({a} hoặc {b})")
    if re.fullmatch(r"\d+", s):
        return Reading(NUMBER, sign * float(s), typed)
    if _SPACED.match(s):
        return Reading(NUMBER, sign * float(s.replace(" ", "").replace(",", ".")), typed)
    if _VI_FULL.match(s) or _VI_GROUPS.match(s):
        return Reading(NUMBER, sign * float(s.replace(".", "").replace(",", ".")), typed)
    if _EN_FULL.match(s) or _EN_GROUPS.match(s):
        return Reading(NUMBER, sign * float(s.replace(",", "")), typed, note=english)
    if _ONE_DOT_GROUP.match(s):            # "1.245": a thousand and more the Vietnamese way
        if style == "en" or (at_most is not None and float(s.replace(".", "")) > at_most >= float(s)):
            return Reading(DOUBTFUL, typed=typed, problem=two_ways.format(
                t=typed, a=vietnamese_number(float(s.replace(".", ""))), b=vietnamese_number(float(s))))
        return Reading(NUMBER, sign * float(s.replace(".", "")), typed)
    if _ONE_COMMA_GROUP.match(s):          # "1,245": a decimal the Vietnamese way, a thousand the English way
        if style == "en":
            return Reading(NUMBER, sign * float(s.replace(",", "")), typed, note=english)
        return Reading(DOUBTFUL, typed=typed, problem=two_ways.format(
            t=typed, a=vietnamese_number(float(s.replace(",", "."))), b=vietnamese_number(float(s.replace(",", "")))))
    if _COMMA_DECIMAL.match(s):
        return Reading(NUMBER, sign * float(s.replace(",", ".")), typed)
    if _DOT_DECIMAL.match(s):              # "98.6" can only be a decimal point
        return Reading(NUMBER, sign * float(s), typed, note=english)
    return Reading(DOUBTFUL, typed=typed, problem=tr("“{t}” không phải là số", t=typed))


# --------------------------------------------------------------------------- names

ABBREVIATIONS = {
    "cchc": "cai cach hanh chinh", "tthc": "thu tuc hanh chinh", "vbqppl": "van ban quy pham phap luat",
    "qppl": "quy pham phap luat", "dvsncl": "don vi su nghiep cong lap", "dvsn": "don vi su nghiep",
    "sncl": "su nghiep cong lap", "dvctt": "dich vu cong truc tuyen", "dvc": "dich vu cong",
    "pakn": "phan anh kien nghi", "ubnd": "uy ban nhan dan", "nsnn": "ngan sach nha nuoc",
    "cbccvc": "can bo cong chuc vien chuc", "ccvc": "cong chuc vien chuc",
}


@lru_cache(maxsize=8192)
def name_key(text: str) -> str:
    """Folded words, abbreviations spelled out, years and punctuation dropped."""
    key = fold(_TAG.sub(" ", text or ""))
    words = re.findall(r"[a-z0-9]+", key)
    out = []
    for word in words:
        if re.fullmatch(r"(?:19|20)\d\d", word):
            continue
        out.append(ABBREVIATIONS.get(word, word))
    return " ".join(out)


_PARENTHESIS = re.compile(r"\([^()]*\)")


def similarity(a: str, b: str) -> float:
    """0–100: how alike two indicator names read, word order and small wording changes aside; an explanation
    in brackets ("(trực tiếp hoặc do cơ quan có thẩm quyền chuyển đến)") may be left out."""
    score = _similarity(name_key(a), name_key(b))
    if "(" in a or "(" in b:
        score = max(score, _similarity(name_key(_PARENTHESIS.sub(" ", a)), name_key(_PARENTHESIS.sub(" ", b))))
    return score


def _similarity(ka: str, kb: str) -> float:
    from rapidfuzz import fuzz
    if not ka or not kb:
        return 0.0
    score = (fuzz.token_sort_ratio(ka, kb) + fuzz.token_set_ratio(ka, kb)) / 2
    numbers_a, numbers_b = set(re.findall(r"\d+", ka)), set(re.findall(r"\d+", kb))
    if numbers_a and numbers_b and numbers_a != numbers_b:   # "từ 70% - dưới 100%" is not "từ 30% - dưới 70%"
        score *= 0.75
    return score


# Words that carry little meaning on their own: a name may drop or add them freely.
_LIGHT_WORDS = frozenset({"so", "da", "duoc", "cua", "cac", "va", "tai", "theo", "la", "co", "cho", "voi", "ve",
                          "trong", "nay", "do", "tren", "the", "hoac"})


def contrast(text: str, first: str, second: str) -> float:
    """How much more ``text`` reads as the name ``second`` than as ``first``, counting only the words that tell
    the two names apart (> 0: ``second``; < 0: ``first``; 0: it cannot tell). A fuzzy ratio cannot: "Tổng số hồ sơ
    của DVCTT một phần" and "… toàn trình" differ by two words out of fifteen, "Số lãnh đạo cấp xã bị kỷ luật" is
    contained in "Số lãnh đạo cấp phòng thuộc xã bị kỷ luật". Here each word only one name has counts for that
    name twice when ``text`` has it (a word typed is strong evidence) and once against it when ``text`` lacks it
    (names get shortened); light words such as "số", "đã" count a quarter."""
    words = set(name_key(text).split())
    a, b = set(name_key(first).split()), set(name_key(second).split())

    def fit(own: set[str]) -> float:
        return sum((0.25 if w in _LIGHT_WORDS else 1.0) * (2 if w in words else -1) for w in own)
    return fit(b - a) - fit(a - b)


def same_name(a: str, b: str) -> bool:
    """The same words once folded, abbreviations spelled out and years dropped."""
    return bool(a and b) and name_key(a) == name_key(b)
