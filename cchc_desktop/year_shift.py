"""Move the years a plan's texts name on to next year's plan, or say why not.

``shift_deadline(text, from_year, to_year)`` returns the new text and, when it cannot be moved safely,
flags with the reason in Vietnamese:

- every year the deadline names moves on ("Quý I/2026" → "Quý I/2027", "Trước ngày 10/01/2026" →
  "Trước ngày 10/01/2027"); a text naming no year is kept ("Thường xuyên", "Tháng 4"), and so is a
  document's number ("Nghị định 30/2020/NĐ-CP");
- the moved text is read again for the new year and must mean the same, a year later: a day the new
  year does not have ("29/02") is flagged;
- a span of several years ("Theo lộ trình giai đoạn 2026 - 2030"), a year inside a text that is no
  deadline (a referenced document's date: "Theo Kế hoạch số 12/KH-UBND ngày 10/01/2026") and a text
  not understood are kept as they are and flagged: they are never moved blindly;
- a cited document ("Công văn số 123/SNV-CCHC ngày 05/01/2026", "Quyết định 1234/QĐ-UBND năm 2026"),
  in brackets or not, keeps its date: the rest of the text moves on and the text is flagged, since next
  year may cite another document;
- a year far from the plan's ("Quý II/2022" in a 2026 plan) is moved but flagged, and so is a moved date
  that falls before the new plan's year ("Trước ngày 31/12/2025" → "… 31/12/2026" in a 2027 plan).

``shift_name`` moves "năm 2026" in a task's name or product ("Kế hoạch CCHC năm 2026" → "… năm 2027"),
never the year of a cited document ("Nghị quyết số 05/NQ-HĐND năm 2026").
Pure functions: no database, no Qt.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from cchc_desktop.deadlines import DUE, MAX_YEAR, MIN_YEAR, NO_FIXED_DATE, UNKNOWN, WINDOW, Deadline, parse_deadline
from cchc_desktop.i18n import format_date, tr
from cchc_desktop.text import fold, strip_marks

# Flag codes: why a text was not moved, or was moved but should be looked at.
RANGE, NO_SUCH_DAY, UNREAD, REFERENCE, FAR_YEAR, CHANGED, EARLY, NAME = (
    "range", "no_such_day", "unread", "reference", "far_year", "changed", "early", "name")

_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
# A year inside a document's number ("154/2025/NĐ-CP", "12/2026/QĐ-UBND") or a standard's ("ISO 9001:2015").
_SYMBOL_AFTER = re.compile(r"\s*/\s*[A-Za-zĐđ]")
_SYMBOL_BEFORE = re.compile(r"(?:\d\s*/\s*|\d:)$")
_SYMBOL_BEFORE_SLASH = re.compile(r"\d{1,5}\s*/\s*$")
# Two bare years joined: "2026 - 2030", "năm 2026 đến năm 2030" (folded).
_YEAR_RANGE = re.compile(r"(?<![\d/])(\d{4})\s*(?:-|den|toi)\s*(?:het\s+)?(?:nam\s+)?(\d{4})(?![\d/])")
# A cited document, on the text without marks (one character per character): its number and symbol
# ("số 123/SNV-CCHC", "12/2026/QĐ-UBND", "57-NQ/TW"), with the date or year it was issued ("ngày 05/01/2026",
# "ngày 05 tháng 01 năm 2026", "năm 2026"), maybe after whom ("của UBND tỉnh"); or a document's kind and
# its date without a number ("Công văn ngày 05/01/2026").
_OF = r"(?:\s*,?\s*cua\s+[^\d(),;:]{1,60}?)?\s*,?\s*"
_ISSUED_ON = r"ngay\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|ngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}"
_CITED = re.compile(
    r"(?:\bso\s*)?\b\d{1,6}(?:/\d{4})?[/-][a-z]{2}[a-z0-9.]*(?:[/-][a-z0-9][a-z0-9.]*)*"
    rf"(?:{_OF}(?:{_ISSUED_ON}|nam\s+\d{{4}}))?"
    r"|\b(?:cong\s+van|quyet\s+dinh|nghi\s+quyet|nghi\s+dinh|thong\s+tu|chi\s+thi|van\s+ban|thong\s+bao"
    rf"|huong\s+dan|cong\s+dien|to\s+trinh)(?:\s+so)?{_OF}(?:{_ISSUED_ON})")
_KIND_BEFORE = re.compile(r"\b(?:cong\s+van|ke\s+hoach|quyet\s+dinh|nghi\s+quyet|nghi\s+dinh|thong\s+tu|chi\s+thi"
                          r"|van\s+ban|thong\s+bao|huong\s+dan|cong\s+dien|to\s+trinh|chuong\s+trinh|de\s+an)\s+$")
_NAME_YEAR = re.compile(r"\b(năm\s+)(\d{4})\b(?!\s*[-–—/]\s*\d)", re.IGNORECASE)
MAX_SPAN_DAYS = 366        # a deadline spanning more than a year is a multi-year stage


@dataclass(frozen=True)
class Flag:
    """Why a moved text needs a look: ``code`` (RANGE, NO_SUCH_DAY…) and the reason in Vietnamese.
    ``field``: "deadline", "start" (the "Bắt đầu" column), "units", "name" or "product"."""
    code: str
    message: str
    field: str = "deadline"

    def to_json(self) -> dict:
        return {"code": self.code, "field": self.field, "message": self.message}


@dataclass(frozen=True)
class Shifted:
    text: str                       # the text for the new year (the old one when it is kept)
    flags: tuple[Flag, ...] = ()

    @property
    def flagged(self) -> bool:
        return bool(self.flags)


def _citations(text: str) -> list[tuple[int, int]]:
    """Where ``text`` (NFC) cites a document, by its number or its date: (start, end) of each."""
    bare = strip_marks(text)
    if len(bare) != len(text):       # not one character per character: nothing is taken for a citation
        return []
    return [(m.start(), m.end()) for m in _CITED.finditer(bare)]


def _year_tokens(text: str) -> list[tuple[re.Match, str]]:
    """Every four-digit number that can be a year, with what keeps it: "symbol" when it is part of a
    document's number ("154/2025/NĐ-CP"), "cited" when it is the date or year of a cited document
    ("Công văn số 123/SNV-CCHC ngày 05/01/2026"), else ""."""
    found = []
    spans = _citations(text)
    for match in _YEAR.finditer(text):
        if not MIN_YEAR <= int(match.group(1)) <= MAX_YEAR:
            continue
        before, after = text[:match.start()], text[match.end():]
        symbol = bool(_SYMBOL_AFTER.match(after)) and bool(_SYMBOL_BEFORE_SLASH.search(before)) \
            or before.endswith(":") and bool(_SYMBOL_BEFORE.search(before))
        cited = any(a <= match.start() and match.end() <= b for a, b in spans)
        found.append((match, "symbol" if symbol else "cited" if cited else ""))
    return found


def _cited_documents(text: str) -> list[str]:
    """The cited documents of ``text`` that name the day or year they were issued, as written."""
    bare, found = strip_marks(text), []
    for a, b in _citations(text):
        if _YEAR.search(text[a:b]) and re.search(r"\b(?:ngay|nam)\s+\d", bare[a:b]):
            kind = _KIND_BEFORE.search(bare[:a])
            found.append(text[kind.start() if kind else a:b].strip(" ,;"))
    return found


def _moved_date(day: date | None, delta: int) -> date | None | bool:
    """The same day ``delta`` years on; the last of February for a 29/02 that the new year lacks."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year + delta)
    except ValueError:
        return day.replace(year=day.year + delta, day=28)


def _same_meaning(old: Deadline, new: Deadline, delta: int) -> bool:
    if len(old.parts) != len(new.parts):
        return False
    for a, b in zip(old.parts, new.parts):
        if (a.kind, a.frequency, a.periods, a.reason, a.day, a.count) != \
                (b.kind, b.frequency, b.periods, b.reason, b.day, b.count):
            return False
        if _moved_date(a.start, delta) != b.start or _moved_date(a.end, delta) != b.end:
            return False
    return True


def _is_range(text: str, deadline: Deadline) -> tuple[int, int] | None:
    for part in deadline.parts:
        if part.start and part.end and (part.end - part.start).days > MAX_SPAN_DAYS:
            return part.start.year, part.end.year
    folded = fold(text)
    match = _YEAR_RANGE.search(folded)
    if match and folded[:match.start()].endswith("nam hoc "):    # a school year moves on whole ("2026-2027")
        match = None
    if match and int(match.group(1)) != int(match.group(2)):
        return int(match.group(1)), int(match.group(2))
    return None


def shift_deadline(text: str, from_year: int, to_year: int, *, field: str = "deadline") -> Shifted:
    """``text`` (a plan's "Thời gian" of ``from_year``) for the plan of ``to_year``. Never raises."""
    text = unicodedata.normalize("NFC", text or "")
    delta = to_year - from_year
    if not text.strip() or delta == 0:
        return Shifted(text)
    old = parse_deadline(text, from_year)
    tokens = _year_tokens(text)
    movable = [m for m, keep in tokens if not keep]
    kept_symbols = sorted({int(m.group(1)) for m, keep in tokens if keep == "symbol" and int(m.group(1)) == from_year})
    flags: list[Flag] = []
    cited = _cited_documents(text)
    if cited:
        flags.append(Flag(REFERENCE, tr("Văn bản dẫn chiếu “{doc}”: giữ nguyên ngày của văn bản; năm {y} có thể theo "
                                        "văn bản khác, hãy xem lại.", doc=cited[0], y=to_year), field))
    elif kept_symbols:
        flags.append(Flag(REFERENCE, tr("Số hiệu văn bản trong câu chữ có năm {y}: giữ nguyên, hãy xem lại.",
                                        y=kept_symbols[0]), field))
    span = _is_range(text, old)
    if span:
        return Shifted(text, (*flags, Flag(RANGE, tr(
            "Giai đoạn nhiều năm ({a} - {b}): không tự dời năm; hãy xem lại thời gian cho năm {y}.",
            a=span[0], b=span[1], y=to_year), field)))
    if not old.understood:
        unread = "; ".join(p.describe() for p in old.parts if p.kind == UNKNOWN)
        if movable:
            message = tr("Chưa hiểu hết câu chữ ({why}) nên chưa dời năm: hãy sửa tay cho năm {y}.", why=unread,
                         y=to_year)
        else:
            message = tr("Thời gian chưa hiểu được ({why}): hãy xem lại cho năm {y}.", why=unread, y=to_year)
        return Shifted(text, (*flags, Flag(UNREAD, message, field)))
    referenced = [p for p in old.parts if p.kind == NO_FIXED_DATE and any(
        not keep for _m, keep in _year_tokens(p.text))]
    if referenced:
        return Shifted(text, (*flags, Flag(REFERENCE, tr(
            "Câu chữ “{t}” nhắc tới năm của một văn bản dẫn chiếu, không phải thời hạn: giữ nguyên, hãy xem lại.",
            t=referenced[0].text), field)))
    if not movable:
        new_text = text
    else:
        pieces, last = [], 0
        for match in movable:
            pieces += [text[last:match.start()], str(int(match.group(1)) + delta)]
            last = match.end()
        new_text = "".join(pieces) + text[last:]
        far = sorted({int(m.group(1)) for m in movable if abs(int(m.group(1)) - from_year) > 1})
        if far:
            flags.append(Flag(FAR_YEAR, tr("Năm {y} cách xa năm kế hoạch {p}: đã dời thành {n}, hãy xem lại.",
                                           y=far[0], p=from_year, n=far[0] + delta), field))
    new = parse_deadline(new_text, to_year)
    if not _same_meaning(old, new, delta):
        flags.append(_changed_flag(old, new, field, to_year))
    elif not any(f.code == FAR_YEAR for f in flags):
        early = [p.end for p in new.parts if p.kind in (DUE, WINDOW) and p.end and p.end.year < to_year]
        if early:
            flags.append(Flag(EARLY, tr("Sau khi dời năm, thời hạn ({d}) vẫn nằm trước năm kế hoạch {y}: hãy xem lại.",
                                        d=format_date(min(early)), y=to_year), field))
    return Shifted(new_text, tuple(flags))


def _changed_flag(old: Deadline, new: Deadline, field: str, to_year: int) -> Flag:
    missing = [p for p in new.parts if p.kind == UNKNOWN and p.reason]
    if missing:
        return Flag(NO_SUCH_DAY, tr("Sang năm {y}: {why}; hãy sửa lại ngày.", y=to_year, why=missing[0].reason),
                    field)
    if old.describe() == new.describe():    # a year the text names but that is no deadline ("ISO 9001:2015")
        return Flag(CHANGED, tr("Câu chữ “{text}” được hiểu là {meaning}, không dời năm được: hãy xem lại.", text=old.text,
                                meaning=old.describe()), field)
    return Flag(CHANGED, tr("Sau khi dời năm, thời gian được hiểu khác: “{old}” thành “{new}”; hãy xem lại.",
                            old=old.describe(), new=new.describe()), field)


def shift_name(text: str, from_year: int, to_year: int) -> str:
    """ "năm 2026" in a name, product or title moved on ("Kế hoạch CCHC năm 2026" → "… năm 2027"), for the
    plan's year and the years beside it; a span ("năm 2026 - 2030"), the year of a cited document ("Nghị
    quyết số 05/NQ-HĐND năm 2026") and other numbers are kept."""
    delta = to_year - from_year
    if not text or not delta:
        return text or ""
    text = unicodedata.normalize("NFC", text)
    spans = _citations(text)

    def move(match: re.Match) -> str:
        year = int(match.group(2))
        if abs(year - from_year) > 1 or any(a <= match.start(2) < b for a, b in spans):
            return match.group(0)
        return match.group(1) + str(year + delta)
    return _NAME_YEAR.sub(move, text)


def name_flag(old: str, new: str, from_year: int, to_year: int, what: str = "name") -> Flag | None:
    """A flag saying a name (or product) was rewritten for the new year (the preview lists old → new); None when
    unchanged."""
    if old == new:
        return None
    label = tr("Tên nhiệm vụ") if what == "name" else tr("Sản phẩm")
    return Flag(NAME, tr("{what} đã đổi “năm {a}” thành “năm {b}”; hãy xem lại.", what=label, a=from_year,
                         b=to_year), what)


def shift_title(title: str, from_year: int, to_year: int) -> str:
    """A plan's title for the new year: its years moved, the new year added when it named none."""
    moved = shift_name(title, from_year, to_year)
    moved = "".join(str(to_year) if piece == str(from_year) else piece for piece in re.split(r"(?<!\d)(\d{4})(?!\d)",
                                                                                          moved))
    return moved if str(to_year) in moved else tr("{title} năm {y}", title=moved.strip(), y=to_year)


__all__ = ["CHANGED", "EARLY", "FAR_YEAR", "Flag", "NAME", "NO_SUCH_DAY", "RANGE", "REFERENCE", "Shifted", "UNREAD",
           "name_flag", "shift_deadline", "shift_name", "shift_title"]
