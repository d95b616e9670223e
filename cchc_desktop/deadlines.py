"""Understand the free-text "Thời gian hoàn thành" of a plan.

``parse_deadline(text, plan_year)`` keeps the text verbatim and derives what can be
derived: a due date, a window, a recurring duty, a date that depends on someone
else (no fixed date), or several of these at once ("Thường xuyên. - Báo cáo kết
quả: Quý IV/2026"). Whatever it cannot read is kept as an ``unknown`` part with the
reason, never guessed.

Matching works on the folded text (no diacritics, lower case), so "Quý", "quý" and
"Qúy" read the same.
"""
from __future__ import annotations

import calendar
import html
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from cchc_desktop.i18n import format_date, tr
from cchc_desktop.text import fold

DUE, WINDOW, RECURRING, NO_FIXED_DATE, UNKNOWN = "due", "window", "recurring", "no_fixed_date", "unknown"

# Recurring frequencies and their Vietnamese names.
FREQUENCY_LABELS = {
    "continuous": "Thường xuyên",
    "monthly": "Hằng tháng",
    "quarterly": "Hằng quý",
    "half_yearly": "6 tháng một lần",
    "yearly": "Hằng năm",
    "reporting_periods": "Theo kỳ báo cáo",
    "periodic": "Định kỳ",
    "ad_hoc": "Đột xuất",
}
PERIOD_LABELS = {"Q1": "Quý I", "Q2": "Quý II", "H1": "6 tháng", "Q3": "Quý III",
                 "9M": "9 tháng", "Q4": "Quý IV", "Y": "Năm"}
# Why a task has no date of its own.
REASON_LABELS = {
    "guidance": "theo hướng dẫn của cấp trên",
    "on_request": "theo yêu cầu của cấp trên",
    "upper_plan": "theo kế hoạch, văn bản của cấp trên",
    "regulation": "theo quy định",
    "direction": "theo chỉ đạo của cấp trên",
    "event": "khi phát sinh sự việc",
    "roadmap": "theo lộ trình",
    "other": "phụ thuộc văn bản khác",
}


@dataclass(frozen=True)
class DeadlinePart:
    kind: str
    text: str
    label: str = ""
    start: date | None = None
    end: date | None = None          # last allowed day (for "Trước ngày X": X - 1)
    frequency: str = ""
    periods: tuple[str, ...] = ()
    reason: str = ""                 # no_fixed_date: a REASON_LABELS key; unknown: a message

    def to_json(self) -> dict:
        data: dict = {"kind": self.kind, "text": self.text}
        if self.label:
            data["label"] = self.label
        if self.start:
            data["start"] = self.start.isoformat()
        if self.end:
            data["end"] = self.end.isoformat()
        if self.frequency:
            data["frequency"] = self.frequency
        if self.periods:
            data["periods"] = list(self.periods)
        if self.reason:
            data["reason"] = self.reason
        return data

    def describe(self) -> str:
        prefix = f"{self.label}: " if self.label else ""
        if self.kind == DUE:
            body = tr("hạn chót {date}", date=format_date(self.end))
        elif self.kind == WINDOW:
            body = tr("từ {start} đến {end}", start=format_date(self.start), end=format_date(self.end))
        elif self.kind == RECURRING:
            body = tr(FREQUENCY_LABELS[self.frequency])
            if self.periods:
                body += " (" + ", ".join(tr(PERIOD_LABELS[p]) for p in self.periods) + ")"
            if self.end:
                body += tr(", năm nay hạn {date}", date=format_date(self.end))
        elif self.kind == NO_FIXED_DATE:
            body = tr("không có hạn cố định ({why})", why=tr(REASON_LABELS[self.reason]))
        else:
            body = tr("chưa hiểu được “{text}”", text=self.text)
            if self.reason:
                body += f" — {self.reason}"
        return prefix + body


@dataclass(frozen=True)
class Deadline:
    text: str
    parts: tuple[DeadlinePart, ...] = field(default_factory=tuple)

    @property
    def understood(self) -> bool:
        return all(p.kind != UNKNOWN for p in self.parts)

    @property
    def kind(self) -> str:
        if not self.parts:
            return "none"
        kinds = {p.kind for p in self.parts}
        if UNKNOWN in kinds:
            return UNKNOWN
        return kinds.pop() if len(kinds) == 1 and len(self.parts) == 1 else "multiple"

    @property
    def due(self) -> date | None:
        """The date by which all of the task's dated work is due (latest end)."""
        ends = [p.end for p in self.parts if p.kind in (DUE, WINDOW) and p.end]
        return max(ends) if ends else None

    def next_due(self, today: date) -> date | None:
        """The nearest date on or after ``today`` something of this task falls due."""
        candidates = [p.end for p in self.parts if p.kind in (DUE, WINDOW) and p.end and p.end >= today]
        for part in self.parts:
            if part.kind == RECURRING:
                occurrence = _next_occurrence(part, today)
                if occurrence:
                    candidates.append(occurrence)
        return min(candidates) if candidates else None

    def describe(self) -> str:
        if not self.parts:
            return tr("Chưa ghi thời gian")
        return "; ".join(p.describe() for p in self.parts)

    def to_json(self) -> dict:
        return {"text": self.text, "understood": self.understood, "kind": self.kind,
                "due": self.due.isoformat() if self.due else None,
                "parts": [p.to_json() for p in self.parts]}


# ----------------------------------------------------------------------------- parsing

_TAG = re.compile(r"<[^>]*>")
_BULLET_SPLIT = re.compile(r"(?:^|(?<=[.;:])|\n)\s*[-–•+]\s+")
_SENTENCE_SPLIT = re.compile(r"[.;]\s+(?=[^\d\s])")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

_DATE = re.compile(r"(?:ngay\s+)?(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?")
_DATE_WORDS = re.compile(r"(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?")
_MONTHS = re.compile(r"thang\s+(\d{1,2})(?:\s*-\s*(\d{1,2}))?(?:\s*(?:/|nam)\s*(\d{4}))?")
_QUARTERS = re.compile(r"quy\s+((?:iv|i{1,3})(?:\s*(?:,|-|va)\s*(?:quy\s+)?(?:iv|i{1,3}))*)"
                       r"(?:\s*(?:/|nam)\s*(\d{4}))?")
_YEAR = re.compile(r"(?:trong\s+ca\s+|trong\s+|ca\s+)?nam(?:\s+(\d{4}))?")
_YEAR_RANGE = re.compile(r"(?:theo\s+lo\s+trinh\s+)?(?:giai\s+doan\s+)?(\d{4})\s*-\s*(\d{4})")
_HALF = re.compile(r"6\s+thang\s+dau\s+nam(?:\s*(?:/|nam)?\s*(\d{4}))?")

_DUE_PREFIX = re.compile(r"^(?:cham\s+nhat\s+(?:la\s+)?(?:trong\s+|vao\s+)?|han\s+(?:chot\s+)?|"
                         r"hoan\s+thanh\s+(?:trong\s+|truoc\s+)?|truoc\s+)")
_SOFT_PREFIX = re.compile(r"^(?:thuc\s+hien\s+|trien\s+khai\s+|du\s+kien\s+|trong\s+(?=thang|quy))")

_NO_FIXED = (
    (re.compile(r"^theo\s+huong\s+dan"), "guidance"),
    (re.compile(r"^theo\s+yeu\s+cau"), "on_request"),
    (re.compile(r"^theo\s+(?:ke\s+hoach|cong\s+van|van\s+ban|quyet\s+dinh|thong\s+bao)"), "upper_plan"),
    (re.compile(r"^(?:thuc\s+hien\s+)?theo\s+quy\s+dinh"), "regulation"),
    (re.compile(r"^theo\s+chi\s+dao"), "direction"),
    (re.compile(r"^(?:ngay\s+)?(?:sau\s+)?khi\s+(?:co|phat\s+sinh|duoc)"), "event"),
    (re.compile(r"^ngay\s+sau\s+khi"), "event"),
    (re.compile(r"^theo\s+lo\s+trinh"), "roadmap"),
    (re.compile(r"^theo\s+"), "other"),
)

# Tokens of a recurring list such as "Hằng quý, năm" or "Quý I, 6 tháng, quý III và tổng kết năm".
_FREQ_TOKENS = (
    (re.compile(r"^(?:dinh\s+ky\s+)?hang\s+thang$"), ("monthly", None)),
    (re.compile(r"^(?:dinh\s+ky\s+)?hang\s+quy$"), ("quarterly", None)),
    (re.compile(r"^(?:dinh\s+ky\s+)?hang\s+nam$"), ("yearly", None)),
    (re.compile(r"^(?:dinh\s+ky\s+)?6\s+thang\s+(?:mot|1)\s+lan$"), ("half_yearly", None)),
    (re.compile(r"^thuong\s+xuyen(?:\s+lien\s+tuc)?$"), ("continuous", None)),
    (re.compile(r"^dinh\s+ky$"), ("periodic", None)),
    (re.compile(r"^dot\s+xuat(?:\s+theo\s+(?:quy\s+dinh|yeu\s+cau))?$"), ("ad_hoc", None)),
    (re.compile(r"^quy\s+i$"), (None, "Q1")),
    (re.compile(r"^quy\s+ii$"), (None, "Q2")),
    (re.compile(r"^(?:quy\s+iii)$"), (None, "Q3")),
    (re.compile(r"^quy\s+iv$"), (None, "Q4")),
    (re.compile(r"^(?:bao\s+cao\s+)?6\s+thang(?:\s+dau\s+nam)?$"), (None, "H1")),
    (re.compile(r"^9\s+thang$"), (None, "9M")),
    (re.compile(r"^(?:tong\s+ket\s+|ca\s+|1\s+|mot\s+)?nam$"), (None, "Y")),
)
_FREQ_ANYWHERE = (
    (re.compile(r"\bhang\s+quy\b"), "quarterly"),
    (re.compile(r"\bhang\s+thang\b"), "monthly"),
    (re.compile(r"\bhang\s+nam\b"), "yearly"),
    (re.compile(r"\bthuong\s+xuyen\b"), "continuous"),
    (re.compile(r"\bdot\s+xuat\b"), "ad_hoc"),
)


def _normalize(text: str) -> str:
    text = html.unescape(_TAG.sub(" ", text or ""))
    text = text.replace("–", "-").replace("—", "-").replace("\u00a0", " ")
    return " ".join(text.replace("\r", "\n").split(" ")).strip()


def _fold_phrase(text: str) -> str:
    # "hằng"/"hàng" both fold to "hang"; trailing punctuation carries no meaning.
    return fold(text).strip(" .;,:")


@lru_cache(maxsize=4096)
def parse_deadline(text: str, plan_year: int) -> Deadline:
    """Structured reading of a deadline phrase. Never raises, never guesses."""
    original = text or ""
    normalized = _normalize(original)
    if not normalized.strip(" .-;"):
        return Deadline(original, ())
    parts: list[DeadlinePart] = []
    for bullet in _BULLET_SPLIT.split(normalized):
        bullet = " ".join(bullet.split()).strip()
        if bullet.strip(" .;-"):
            parts.extend(_parse_bullet(bullet, plan_year))
    return Deadline(original, tuple(parts))


def _parse_bullet(bullet: str, plan_year: int) -> list[DeadlinePart]:
    label, body = _split_label(bullet)
    parts: list[DeadlinePart] = []
    for sentence in _SENTENCE_SPLIT.split(body):
        sentence = sentence.strip(" .;")
        if not sentence:
            continue
        found = _parse_phrase(sentence, plan_year)
        # A fragment we cannot read that follows free text ("…chỉ đạo của Chính phủ;
        # Thủ tướng Chính phủ") is the rest of that text, not a new deadline.
        if (len(found) == 1 and found[0].kind == UNKNOWN and parts
                and parts[-1].kind in (NO_FIXED_DATE, RECURRING) and not _has_digits(sentence)):
            previous = parts.pop()
            found = [DeadlinePart(previous.kind, f"{previous.text}; {sentence}", previous.label,
                                  previous.start, previous.end, previous.frequency,
                                  previous.periods, previous.reason)]
        parts.extend(_with_label(p, label) for p in found)
    return parts


def _has_digits(text: str) -> bool:
    return any(c.isdigit() for c in text)


def _split_label(bullet: str) -> tuple[str, str]:
    """ "Kế hoạch kiểm tra: quý I/2026" → ("Kế hoạch kiểm tra", "quý I/2026")."""
    if ":" not in bullet:
        return "", bullet
    label, body = bullet.split(":", 1)
    label = label.strip(" -")
    if not body.strip() or _looks_like_time(label):
        return "", bullet
    return label, body.strip()


def _looks_like_time(label: str) -> bool:
    folded = fold(label)
    return bool(re.match(r"^(?:quy|thang|nam|truoc|ngay|\d)", folded))


def _with_label(part: DeadlinePart, label: str) -> DeadlinePart:
    if not label or part.label:
        return part
    return DeadlinePart(part.kind, part.text, label, part.start, part.end, part.frequency,
                        part.periods, part.reason)


def is_deadline_phrase(text: str, plan_year: int) -> bool:
    """True when ``text`` as a whole reads as a deadline by an anchored rule.

    Used to find where a deadline starts inside text that lost its cell borders (a PDF
    extract): "Quyết định Thường xuyên" is not a deadline, "Thường xuyên" is.
    """
    sentence = _normalize(text).strip(" .;")
    if not sentence or len(sentence) > 80:
        return False
    folded = _fold_phrase(sentence)
    return any(rule(sentence, folded, plan_year) for rule in _ANCHORED_RULES)


def _parse_phrase(sentence: str, plan_year: int) -> list[DeadlinePart]:
    folded = _fold_phrase(sentence)
    for rule in (*_ANCHORED_RULES, _parse_recurring_anywhere):
        found = rule(sentence, folded, plan_year)
        if found is not None:
            return found
    return [DeadlinePart(UNKNOWN, sentence)]


def _parse_dated(sentence: str, folded: str, plan_year: int) -> list[DeadlinePart] | None:
    """A single span of the calendar: a date, month(s), quarter(s), a year, years."""
    m = _DUE_PREFIX.match(folded)
    is_due = bool(m)
    before = folded.startswith("truoc")
    rest = folded[m.end():] if m else _SOFT_PREFIX.sub("", folded)
    yearly = False
    tail = re.search(r"\s+(?:hang|moi)\s+nam$", rest)
    if tail:
        yearly, rest = True, rest[:tail.start()]
    span = _span(rest.strip(), plan_year)
    if span is None:
        return None
    if isinstance(span, str):  # a date that does not exist on the calendar
        return [DeadlinePart(UNKNOWN, sentence, reason=span)]
    start, end, exact_day = span
    if before:
        end = start - timedelta(days=1)
    if yearly:
        return [DeadlinePart(RECURRING, sentence, end=end, frequency="yearly")]
    if is_due or exact_day:
        return [DeadlinePart(DUE, sentence, end=end)]
    return [DeadlinePart(WINDOW, sentence, start=start, end=end)]


def _span(rest: str, plan_year: int):
    """(start, end, is_single_day) for a calendar expression filling all of ``rest``."""
    for pattern in (_DATE, _DATE_WORDS):
        m = pattern.fullmatch(rest)
        if m:
            day, month = int(m.group(1)), int(m.group(2))
            year = int(m.group(3)) if m.group(3) else plan_year
            try:
                d = date(year, month, day)
            except ValueError:
                return tr("ngày {d}/{m}/{y} không có trên lịch", d=f"{day:02d}", m=f"{month:02d}", y=year)
            return d, d, True
    m = _MONTHS.fullmatch(rest)
    if m:
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        year = int(m.group(3)) if m.group(3) else plan_year
        if not (1 <= first <= last <= 12):
            return tr("tháng {a}–{b} không hợp lệ", a=first, b=last)
        return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1]), False
    m = _QUARTERS.fullmatch(rest)
    if m:
        numbers = [_ROMAN[r] for r in re.findall(r"iv|i{1,3}", m.group(1))]
        year = int(m.group(2)) if m.group(2) else plan_year
        first, last = min(numbers), max(numbers)
        end_month = last * 3
        return (date(year, first * 3 - 2, 1),
                date(year, end_month, calendar.monthrange(year, end_month)[1]), False)
    m = _HALF.fullmatch(rest)
    if m:
        year = int(m.group(1)) if m.group(1) else plan_year
        return date(year, 1, 1), date(year, 6, 30), False
    m = _YEAR_RANGE.fullmatch(rest)
    if m:
        first, last = int(m.group(1)), int(m.group(2))
        if first > last:
            return tr("giai đoạn {a} - {b} không hợp lệ", a=first, b=last)
        return date(first, 1, 1), date(last, 12, 31), False
    m = _YEAR.fullmatch(rest)
    if m:
        year = int(m.group(1)) if m.group(1) else plan_year
        return date(year, 1, 1), date(year, 12, 31), False
    return None


def _parse_recurring_list(sentence: str, folded: str, plan_year: int) -> list[DeadlinePart] | None:
    tokens = [t.strip() for t in re.split(r",|\bva\b|\bhoac\b", folded) if t.strip()]
    if not tokens:
        return None
    frequencies: list[str] = []
    periods: list[str] = []
    previous_freq = False
    for token in tokens:
        # "Hằng quý, năm": the bare "năm" after a "hằng …" means yearly.
        if previous_freq and token == "nam":
            frequencies.append("yearly")
            continue
        for pattern, (freq, period) in _FREQ_TOKENS:
            if pattern.match(token):
                if freq:
                    frequencies.append(freq)
                    previous_freq = True
                else:
                    periods.append(period)
                    previous_freq = False
                break
        else:
            return None
    parts = [DeadlinePart(RECURRING, sentence, frequency=f) for f in dict.fromkeys(frequencies)]
    if periods:
        if len(periods) == 1 and periods[0] == "Y" and not frequencies:
            return None  # a bare "năm" is a year window, read by _parse_dated
        parts.append(DeadlinePart(RECURRING, sentence, frequency="reporting_periods",
                                  periods=tuple(dict.fromkeys(periods))))
    return parts


def _parse_no_fixed(sentence: str, folded: str, plan_year: int) -> list[DeadlinePart] | None:
    for pattern, reason in _NO_FIXED:
        if pattern.search(folded):
            return [DeadlinePart(NO_FIXED_DATE, sentence, reason=reason)]
    return None


def _parse_recurring_anywhere(sentence: str, folded: str, plan_year: int) -> list[DeadlinePart] | None:
    """ "Báo cáo kết quả thực hiện cùng báo cáo CCHC định kỳ hằng quý" → quarterly."""
    found = [freq for pattern, freq in _FREQ_ANYWHERE if pattern.search(folded)]
    if not found and re.search(r"\bdinh\s+ky\b", folded):
        found = ["periodic"]
    if not found:
        return None
    return [DeadlinePart(RECURRING, sentence, frequency=f) for f in found]


_ANCHORED_RULES = (_parse_dated, _parse_recurring_list, _parse_no_fixed)

# ----------------------------------------------------------------------------- occurrences

_PERIOD_END = {"Q1": (3, 31), "Q2": (6, 30), "H1": (6, 30), "Q3": (9, 30), "9M": (9, 30),
               "Q4": (12, 31), "Y": (12, 31)}


def _next_occurrence(part: DeadlinePart, today: date) -> date | None:
    if part.frequency == "quarterly":
        month = ((today.month - 1) // 3 + 1) * 3
        return date(today.year, month, calendar.monthrange(today.year, month)[1])
    if part.frequency == "monthly":
        return date(today.year, today.month, calendar.monthrange(today.year, today.month)[1])
    if part.frequency == "half_yearly":
        return date(today.year, 6, 30) if today.month <= 6 else date(today.year, 12, 31)
    if part.frequency == "yearly":
        if part.end:
            candidate = part.end.replace(year=today.year)
            return candidate if candidate >= today else _safe_replace_year(part.end, today.year + 1)
        return date(today.year, 12, 31)
    if part.frequency == "reporting_periods":
        ends = sorted(date(today.year, *_PERIOD_END[p]) for p in part.periods)
        upcoming = [d for d in ends if d >= today]
        return upcoming[0] if upcoming else None
    return None


def _safe_replace_year(d: date, year: int) -> date:
    try:
        return d.replace(year=year)
    except ValueError:  # 29/02
        return d.replace(year=year, day=28)
