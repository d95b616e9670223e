"""The province's criteria table, read into a tree of items with their rules.

The published layout (each province's decision on its commune-level PAR Index, Phụ lục kèm theo):
``STT | Lĩnh vực/Tiêu chí/Tiêu chí thành phần | Điểm tối đa | Hướng dẫn chấm điểm | Tài liệu kiểm chứng``,
columns found by their words in any order, the header on one or two rows. The tree comes from the STT:
Roman numerals are lĩnh vực, "1" tiêu chí, "1.1" tiêu chí thành phần, "1.1.1" or "a" a further part.
Numbering that restarts in every lĩnh vực ("II.1.1") is told apart by prefixing the numeral.
Anything unsure is said in ``CriteriaSheet.warnings`` or on the item (``Criterion.notes``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from cchc_desktop.assessment import rules as R
from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import format_number, parse_number, tr
from cchc_desktop.importers.document import SourceDocument
from cchc_desktop.importers.domains import split_roman
from cchc_desktop.text import fold

STT, NAME, MAX, GUIDE, EVIDENCE, SELF, PROVINCE, NOTE = (
    "stt", "name", "max", "guide", "evidence", "self", "province", "note")
_HEADERS = (
    (STT, re.compile(r"^(?:s\s*\.?\s*tt|tt|so\s+tt|so\s+thu\s+tu|ma\s+so|ky\s+hieu)\.?$")),
    (SELF, re.compile(r"tu\s+(?:cham|danh\s+gia)|diem\s+tu|xa\s+tu\s+cham")),
    (PROVINCE, re.compile(r"tham\s+dinh|cap\s+tren|diem\s+(?:chinh\s+thuc|danh\s+gia\s+cua)|so\s+noi\s+vu")),
    (MAX, re.compile(r"diem\s+toi\s+da|diem\s+chuan|thang\s+diem|^diem$|diem\s+so|so\s+diem|^toi\s+da$")),
    (NAME, re.compile(r"^(?:noi\s+dung|linh\s+vuc|tieu\s+chi|ten\s+tieu\s+chi)\b(?!.*\b(?:huong\s+dan|cach)\b)")),
    (GUIDE, re.compile(r"huong\s+dan|cach\s+(?:cham|tinh|thuc|danh\s+gia)|phuong\s+phap|yeu\s+cau|tieu\s+chuan\s+cham|"
                       r"cham\s+diem|cho\s+diem|tinh\s+diem")),
    (EVIDENCE, re.compile(r"kiem\s+chung|minh\s+chung|tai\s+lieu|ho\s+so")),
    (NOTE, re.compile(r"ghi\s+chu|giai\s+trinh")),
    (NAME, re.compile(r"linh\s+vuc|tieu\s+chi|noi\s+dung|chi\s+so|ten")),
)
_ROMAN = re.compile(r"^(?:XX|XIX|XVIII|XVII|XVI|XV|XIV|XIII|XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)$")
_ARABIC = re.compile(r"^\d{1,4}(?:\.\d{1,3}){0,3}$")
_LETTER = re.compile(r"^[a-zđ]$")
# "Tổng cộng", "TỔNG ĐIỂM (I+II)", "Tổng điểm tối đa", "Cộng (A+B+C)", "Tổng số điểm:"
_TOTAL = re.compile(r"^(?:tong\s+cong|tong\s+(?:so\s+)?diem(?:\s+toi\s+da)?|tong\s+so|tong|cong)\b\s*"
                    r"(?:\([^)]*\))?[^a-z]*$|^tong\s+cong\b")
_RATING_NAME = re.compile(r"^\W*(?:(?:loai|muc|xep\s+loai)\s+)?(xuat\s+sac|tot|kha|trung\s+binh|yeu|kem|thap)\b")
_RATING_LOW = re.compile(r"(?:\btu|>=|≥|\btren|\bdat)\s*(\d{1,3}(?:[.,]\d+)?)|(\d{1,3}(?:[.,]\d+)?)\s*%?\s*(?:<=|≤)")
_RATING_BELOW = re.compile(r"(?:\bduoi|<)\s*\d")
_RATING_TEXT = re.compile(r"xep\s+loai|phan\s+loai|xep\s+hang|muc\s+xep")
_RATING_NAMES = {"xuat sac": "Xuất sắc", "tot": "Tốt", "kha": "Khá", "trung binh": "Trung bình", "yeu": "Yếu",
                 "kem": "Kém", "thap": "Thấp"}
_PROVINCE_NAME = re.compile(r"\b(?:[Tt]ỉnh|TỈNH|[Tt]hành phố|THÀNH PHỐ)\s+((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)(?:\s+(?!NĂM\b|Năm\b|CẤP\b|VỀ\b|GIAI\b)[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,2})")
_YEAR = re.compile(r"\bnăm\s+(20\d\d)\b", re.I)


@dataclass
class Criterion:
    code: str                 # unique in the set: "1.2", or "II.1.2" where numbering restarts
    stt: str                  # as printed
    parent: str | None
    level: int                # 1 lĩnh vực, 2 tiêu chí, 3 tiêu chí thành phần, 4 …
    name: str
    max_points: float
    guidance: str = ""
    evidence_hint: str = ""
    rule: R.Rule | None = None        # leaves only
    notes: list[str] = field(default_factory=list)
    indicator_code: str = ""          # linked statistics indicator ("3.2"), set later by the officer
    sheet: str = ""

    @property
    def is_leaf(self) -> bool:
        return self.rule is not None

    def flags(self) -> list[str]:
        return self.notes + list(self.rule.notes if self.rule else ())


@dataclass
class CriteriaSheet:
    items: list[Criterion]
    declared_total: float | None = None
    bands: tuple[tuple[str, float], ...] = ()
    province: str = ""
    year: int | None = None
    title: str = ""
    warnings: list[str] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)

    @property
    def leaves(self) -> list[Criterion]:
        return [c for c in self.items if c.is_leaf]

    @property
    def max_total(self) -> float:
        return round(sum(c.max_points for c in self.items if c.parent is None), 2)

    @property
    def flagged(self) -> list[Criterion]:
        return [c for c in self.items if c.flags()]


def _roles(cells: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = fold(cell).strip(" .:")
        for role, pattern in _HEADERS:
            if role not in found and pattern.search(key):
                found[role] = index
                break
    return found


def find_header(rows: list[list[str]]) -> tuple[int, int, dict[str, int]] | None:
    """Where a criteria table's header is among ``rows`` (cell texts, the table's non-empty rows):
    (its first row, its last row — the same one unless the header takes two rows, "Điểm" over
    "Tối đa | Tự chấm" —, role → column index, roles STT/NAME/MAX/GUIDE/EVIDENCE/SELF/PROVINCE/NOTE);
    None if none."""
    for index, row in enumerate(rows[:15]):
        roles = _roles(row)
        if NAME not in roles or MAX not in roles:
            continue
        below = rows[index + 1] if index + 1 < len(rows) else []
        if _subheader(below):
            joined = [f"{a} {b}" if a != b else a for a, b in zip(row, below + [""] * len(row))]
            both = _roles(joined)
            if set(roles) <= set(both):
                return index, index + 1, _first_column_codes(rows, index + 2, both)
        return index, index, _first_column_codes(rows, index + 1, roles)
    return None


def _subheader(row: list[str]) -> bool:
    """The second row of a header ("Tối đa | Tự chấm"): short words, no number, no lĩnh vực heading."""
    filled = [c for c in row if c]
    return (len(set(filled)) >= 2 and not _is_code(row[0]) and split_roman(row[0])[0] is None
            and not any(_is_code(c) for c in row[:2]) and all(len(c) <= 40 for c in filled)
            and _points(filled[-1]) is None and not any(_split_heading(c)[0] for c in filled))


def _first_column_codes(rows: list[list[str]], start: int, roles: dict[str, int]) -> dict[str, int]:
    """A header without an STT word ("" or "Số") over a first column of codes: that column is the STT."""
    if STT in roles or 0 in roles.values():
        return roles
    cells = [r for r in rows[start:start + 40] if r and r[0]]
    if cells and sum(_is_code(r[0]) or split_roman(r[0])[0] is not None for r in cells) >= len(cells) * 0.6:
        return {**roles, STT: 0}
    return roles


_POINTS_IN_NAME = re.compile(r"\s*[(\[]\s*(?:tối đa\s*)?(\d+(?:[.,]\d+)?)\s*(?:điểm|đ)\s*[)\]]\s*$", re.I)
_LETTER_HEADING = re.compile(r"^([A-H])\s*[.)]\s+(.+)$")


_LABELLED_HEADING = re.compile(r"^(?:lĩnh vực|phần|mục)\s+(?:thứ\s+)?([IVX]+|\d{1,2})\s*[:.\-–]\s*(.+)$", re.I)


def _split_heading(text: str) -> tuple[str | None, str]:
    """ "II. CẢI CÁCH THỂ CHẾ" → ("II", …); "B. CẢI CÁCH THỂ CHẾ" → ("B", …); "Lĩnh vực II: Cải cách thể chế"
    → ("II", …); else (None, text)."""
    labelled = _LABELLED_HEADING.match(text.strip())
    if labelled:
        return labelled.group(1).upper(), labelled.group(2).strip()
    numeral, rest = split_roman(text)
    if numeral:
        return numeral.upper(), rest
    match = _LETTER_HEADING.match(text.strip())
    if match and match.group(2).upper() == match.group(2):
        return match.group(1), match.group(2)
    return None, text


def _points_in_name(name: str) -> tuple[str, str]:
    match = _POINTS_IN_NAME.search(name)
    if not match:
        return name, ""
    return name[:match.start()].strip(), match.group(1)


def _letter_domain(stt: str, name: str) -> bool:
    """ "A | CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH": a capital letter over a title in capitals is a lĩnh vực."""
    return len(stt) == 1 and "A" <= stt <= "H" and name.upper() == name and any(ch.isalpha() for ch in name)


def _column_numbers(row: list[str]) -> bool:
    filled = [c.strip("() ") for c in row if c.strip()]
    return len(filled) >= 3 and all(c.isdigit() and len(c) <= 2 for c in filled) and \
        [int(c) for c in filled] == sorted(int(c) for c in filled)


def _is_code(text: str) -> bool:
    code = _code_of(text)
    return bool(_ROMAN.match(code) or _ARABIC.match(code) or _LETTER.match(code.lower()))


def _code_of(text: str) -> str:
    return (text or "").strip().rstrip(".):").strip()


def read_criteria(document: SourceDocument) -> CriteriaSheet:
    """The tree of the first table that has a criteria header.

    Raises ``ValidationError`` (Vietnamese) when no table has the columns a criteria sheet needs."""
    for table in document.tables:
        found = find_header(table.rows)
        if found is not None:
            break
    else:
        raise ValidationError(tr("Không thấy bảng tiêu chí trong tệp “{name}”.", name=document.name),
                              tr("Bảng cần có các cột: STT, Lĩnh vực/Tiêu chí, Điểm tối đa, Hướng dẫn chấm điểm "
                                 "(và Tài liệu kiểm chứng)."))
    _first, start, columns = found
    sheet = CriteriaSheet([], columns=columns)
    notes = _Reader(sheet, columns, table.sheet).read(table.rows[start + 1:])
    if not sheet.leaves:
        raise ValidationError(tr("Bảng tiêu chí trong tệp “{name}” không có tiêu chí nào có điểm.", name=document.name))
    others = [" ".join(dict.fromkeys(c for c in r if c)) for t in document.tables if t is not table for r in t.rows]
    _describe_document(sheet, document, notes + others)
    _check(sheet)
    return sheet


class _Reader:
    def __init__(self, sheet: CriteriaSheet, columns: dict[str, int], sheet_name: str):
        self.sheet, self.columns, self.sheet_name = sheet, columns, sheet_name
        self.domain: Criterion | None = None
        self.parents: dict[int, Criterion | None] = {}
        self.last: Criterion | None = None

    def cell(self, row: list[str], role: str) -> str:
        index = self.columns.get(role)
        return (row[index] if index is not None and index < len(row) else "").strip()

    def read(self, rows: list[list[str]]) -> list[str]:
        """Read the items; returns the lines after the total row (xếp loại, nơi nhận…)."""
        notes: list[str] = []
        for row in rows:
            if self.sheet.declared_total is not None:
                notes.append(" ".join(dict.fromkeys(c for c in row if c)))  # merged cells read once
                continue
            if _column_numbers(row):
                continue        # the column-number row under the header: "1 | 2 | 3 …" or "(1) | (2) …"
            self.row(row)
        self._qualify_codes()
        groups = {id(parent) for parent in self.parents.values() if parent is not None}
        for item in self.sheet.items:
            if id(item) not in groups:
                self._finish(item)
        return notes

    def row(self, row: list[str]) -> None:
        raw_stt, name = self.cell(row, STT), self.cell(row, NAME)
        stt = _code_of(raw_stt)
        points_text = self.cell(row, MAX)
        filled = {c for c in row if c}
        if (raw_stt == name or len(filled) == 1) and name:   # "I. LĨNH VỰC … (12 điểm)" merged across the row
            points_text = "" if points_text == raw_stt else points_text
            name, in_name = _points_in_name(name)
            numeral, rest = _split_heading(name)
            stt, name = (numeral, rest) if numeral else ("", name)
            points_text = points_text or in_name
        elif not name and stt:
            numeral, rest = _split_heading(raw_stt)
            if numeral and rest:
                stt, name = numeral, rest
        if not points_text or _points(points_text) is None:
            name, in_name = _points_in_name(name)        # "CẢI CÁCH THỂ CHẾ (8 điểm)" and no points column
            points_text = in_name or points_text
        if _TOTAL.search(fold(name or stt)):
            self.sheet.declared_total = _points(points_text)
            return
        if not stt and not name:
            if self.last is not None:       # a guidance cut by a page break continues on the next row
                self._append(self.last, row)
            return
        if (stt.upper() == stt and _ROMAN.match(stt.upper())) or _letter_domain(stt, name):
            self._add(stt.upper(), None, 1, name, row, points_text=points_text)
            return
        if not stt and _split_heading(name)[0]:      # "Lĩnh vực II: Cải cách thể chế" with no STT of its own
            numeral, name = _split_heading(name)
            self._add(numeral, None, 1, name, row, points_text=points_text)
            return
        if not stt:
            if self.last is not None and not points_text and not self.cell(row, GUIDE):
                self.last.name = f"{self.last.name} {name}".strip()
                return
            stt = self._next_letter()
            self._add(stt, self.last_group(), 0, name, row, note=tr("Dòng không có STT: đã đánh số “{c}”.", c=stt),
                      points_text=points_text)
            return
        if _LETTER.match(stt.lower()):
            parent = self.last_group()
            self._add(stt.lower(), parent, 0, name, row, points_text=points_text)
            return
        if _ARABIC.match(stt):
            parent = self._parent_of(stt)
            self._add(stt, parent, 0, name, row, points_text=points_text)
            return
        self._add(stt, self.last_group(), 0, name, row, points_text=points_text,
                  note=tr("STT “{c}” không theo dạng I, 1, 1.1, a: đã xếp dưới mục trước.", c=stt))

    def last_group(self) -> Criterion | None:
        item = self.last
        while item is not None and _LETTER.match(item.stt):
            item = self.parents.get(id(item))
        return item

    def _parent_of(self, stt: str) -> Criterion | None:
        if "." in stt:
            prefix = stt.rsplit(".", 1)[0]
            for item in reversed(self.sheet.items):
                if item.stt == prefix:
                    return item
                if item is self.domain:
                    break
        elif self.domain is not None and _ARABIC.match(self.domain.stt):
            return None         # lĩnh vực numbered 1, 2, 3 (tiêu chí 1.1, 2.1): a bare number is the next lĩnh vực
        return self.domain

    def _next_letter(self) -> str:
        parent = self.last_group()
        used = sum(1 for c in self.sheet.items if parent is not None and self.parents.get(id(c)) is parent)
        return "abcdefghiklmnopqrstuvxy"[min(used, 22)]

    def _add(self, stt: str, parent: Criterion | None, level: int, name: str, row: list[str], note: str = "",
             points_text: str | None = None):
        title = self.cell(row, NAME)        # a Word cell merged across the row is read into every column
        guide, evidence = (text if text != title else "" for text in (self.cell(row, GUIDE), self.cell(row, EVIDENCE)))
        item = Criterion(stt, stt, None, (parent.level + 1) if parent else 1, name, 0.0, guide, evidence,
                         sheet=self.sheet_name)
        self.parents[id(item)] = parent
        points_text = self.cell(row, MAX) if points_text is None else points_text
        item.max_points = _points(points_text) or 0.0
        if points_text and _points(points_text) is None:
            item.notes.append(tr("Điểm tối đa “{v}” không đọc được.", v=points_text[:30]))
        if note:
            item.notes.append(note)
        self.sheet.items.append(item)
        self.last = item
        if item.level == 1:
            self.domain = item

    def _append(self, item: Criterion, row: list[str]) -> None:
        extra = self.cell(row, GUIDE)
        if extra:
            item.guidance = f"{item.guidance}\n{extra}".strip()
        evidence = self.cell(row, EVIDENCE)
        if evidence:
            item.evidence_hint = f"{item.evidence_hint}\n{evidence}".strip()

    def _qualify_codes(self) -> None:
        """Codes once the whole tree is known: "a" under "2.1" is "2.1.a"; numbering that restarts in each
        lĩnh vực ("1.1" twice) is told apart by the numeral ("I.1.1", "II.1.1")."""
        arabic = [c.stt for c in self.sheet.items if _ARABIC.match(c.stt)]
        restarts = len(set(arabic)) < len(arabic)
        seen: set[str] = set()
        for item in self.sheet.items:
            parent = self.parents.get(id(item))
            domain = self._domain(item)
            if _LETTER.match(item.stt) and parent is not None:
                code = f"{parent.code}.{item.stt}"
            elif restarts and item.level > 1 and domain is not None:
                code = f"{domain.code}.{item.stt}"
            else:
                code = item.stt
            while code in seen:
                code += "'"
            seen.add(code)
            item.code = code
            item.parent = parent.code if parent else None
            item.level = (self._level(parent) + 1) if parent else 1

    def _domain(self, item: Criterion) -> Criterion | None:
        parent = self.parents.get(id(item))
        while parent is not None and self.parents.get(id(parent)) is not None:
            parent = self.parents.get(id(parent))
        return parent

    def _level(self, item: Criterion) -> int:
        level, parent = 1, self.parents.get(id(item))
        while parent is not None:
            level, parent = level + 1, self.parents.get(id(parent))
        return level

    def _finish(self, item: Criterion) -> None:
        text = item.guidance
        if not text.strip():
            text = " ".join(a.guidance or a.name for a in self._ancestors(item) if R.read_rule(a.guidance or a.name)
                            .kind in R.NOT_SELF_SCORED)
        if R._SURVEY.search(fold(item.name)):
            text = text or item.name
        item.rule = R.read_rule(text, item.max_points)
        if R._SURVEY.search(fold(item.name)) and item.rule.kind == R.MANUAL:
            item.rule = R.Rule(R.SURVEY)     # "Mức độ hài lòng … (điều tra xã hội học)" with no levels of its own
        if item.max_points <= 0:
            item.notes.append(tr("Tiêu chí không có điểm tối đa."))

    def _ancestors(self, item: Criterion):
        parent = self.parents.get(id(item))
        while parent is not None:
            yield parent
            parent = self.parents.get(id(parent))


def _points(text: str) -> float | None:
    try:
        return parse_number(text.replace("điểm", "").replace("đ", "").strip()) if text else None
    except ValueError:
        return None


def _check(sheet: CriteriaSheet) -> None:
    """Every group's maximum is the sum of its parts', and the whole the sheet's total."""
    children: dict[str, list[Criterion]] = {}
    for item in sheet.items:
        if item.parent is not None:
            children.setdefault(item.parent, []).append(item)
    for item in reversed(sheet.items):          # parts before their group: a group without points gets theirs
        parts = children.get(item.code)
        if not parts:
            continue
        total = round(sum(c.max_points for c in parts), 2)
        if item.max_points == 0:
            item.max_points = total
        elif abs(total - item.max_points) > 0.001:
            item.notes.append(tr("Điểm tối đa {a} nhưng các phần cộng lại {b}.", a=format_number(item.max_points),
                                 b=format_number(total)))
    if sheet.declared_total is None:
        sheet.warnings.append(tr("Bảng không có dòng tổng điểm: chưa đối chiếu được tổng điểm tối đa ({t}).",
                                 t=format_number(sheet.max_total)))
    elif abs(sheet.declared_total - sheet.max_total) > 0.001:
        sheet.warnings.append(tr("Tổng điểm tối đa trong bảng là {a} nhưng các lĩnh vực cộng lại {b}.",
                                 a=format_number(sheet.declared_total), b=format_number(sheet.max_total)))


def _describe_document(sheet: CriteriaSheet, document: SourceDocument, notes: list[str]) -> None:
    texts = list(document.paragraphs) + [" ".join(r) for t in document.tables for r in t.rows[-12:]]
    for text in texts[:40]:
        match = _PROVINCE_NAME.search(text)
        if match and not sheet.province:
            name = match.group(1).strip()
            sheet.province = name.title() if name.isupper() else name     # "HÀ SƠN" in a title → "Hà Sơn"
        year = _YEAR.search(text)
        if year and sheet.year is None:
            sheet.year = int(year.group(1))
    sheet.title = next((p for p in document.paragraphs if "chỉ số" in p.lower() or "tiêu chí" in p.lower()),
                       document.properties.get("title", ""))[:300]
    found = _rating_bands(document.paragraphs + notes)
    if len(found) >= 2:
        bands = sorted(found.items(), key=lambda b: -b[1])
        if all(low > 0 for _, low in bands):
            bands.append((_lowest_name(bands), 0.0)) if not any(low == 0 for _, low in bands) else None
        sheet.bands = tuple(bands)
    else:
        sheet.warnings.append(tr("Tệp không ghi cách xếp loại: dùng mức thường gặp (từ 80% Tốt, 70% Khá, 60% Trung "
                                 "bình, dưới 60% Thấp). Hãy sửa nếu tỉnh quy định khác."))


def _rating_bands(texts: list[str]) -> dict[str, float]:
    """ "Xếp loại: Tốt: từ 80 đến dưới 90 điểm; Khá: 65% ≤ điểm < 80%; Trung bình dưới 65%" → {name: lowest %}.
    Only lines that speak of rating (xếp loại, phân loại) are read: a criterion's name saying "hoàn thành tốt
    nhiệm vụ … từ 70%" is not a rating."""
    found: dict[str, float] = {}
    for text in texts:
        key = fold(text)
        if not _RATING_TEXT.search(key):
            continue
        key = _RATING_TEXT.sub(" ", key)
        for piece in re.split(r"[;\n]|,\s|\.\s|:\s(?=(?:xuat sac|tot|kha|trung binh|yeu|kem|thap)\b)", key):
            name = _RATING_NAME.search(piece.strip(" :-–"))
            if not name:
                continue
            low = _RATING_LOW.search(piece, name.end())
            if low is not None:
                found.setdefault(_RATING_NAMES[" ".join(name.group(1).split())],
                                 float((low.group(1) or low.group(2)).replace(",", ".")))
            elif _RATING_BELOW.search(piece, name.end()):       # "Trung bình dưới 65%": the lowest band
                found.setdefault(_RATING_NAMES[" ".join(name.group(1).split())], 0.0)
    return found


def _lowest_name(bands) -> str:
    names = {n for n, _ in bands}
    for candidate in ("Thấp", "Yếu", "Kém"):
        if candidate not in names:
            return candidate
    return "Thấp"
