"""Understand the free-text "Thời gian hoàn thành" of a plan.

``parse_deadline(text, plan_year)`` keeps the text verbatim and derives what can be
derived: a due date, a window, a recurring duty, a date that depends on someone
else (no fixed date), or several of these at once ("Thường xuyên. - Báo cáo kết
quả: Quý IV/2026"). Whatever it cannot read is kept as an ``unknown`` part with the
reason, never guessed: an impossible date ("31/02/2026", "quý V") is unknown, and
text only partly understood keeps its rest as an unknown part.

A small grammar, on the folded text (no diacritics, lower case, so "Quý", "quý" and
"Qúy" read the same):

    text      := bullet ("- " bullet)*            bullet := [label ":"] sentence (";" sentence)*
    sentence  := phrase ["(" label-or-detail ")"]
    phrase    := [anchor] item (("," | "và" | "hoặc") item)* [recurrence]
               | recurring-list | no-fixed-date | frequency | open-ended years
    item      := atom | atom ("-" | "đến" | "tới") atom
    atom      := date | month | quarter | half-year | year | years | week | day-of-period
    anchor    := trước | chậm nhất | hạn | hoàn thành | đến (hết) | dịp | trong | từ
    recurrence:= hằng/mỗi năm|quý|tháng

An item without a year takes the year of the next item that has one ("Quý II và Quý IV/2022"),
else the plan's year. Adjacent windows merge ("Quý III, IV"); others stay separate parts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

from cchc_desktop.i18n import format_date, tr
from cchc_desktop.text import fold

DUE, WINDOW, RECURRING, NO_FIXED_DATE, UNKNOWN = "due", "window", "recurring", "no_fixed_date", "unknown"

# Recurring frequencies and their Vietnamese names.
FREQUENCY_LABELS = {
    "continuous": "Thường xuyên",
    "weekly": "Hằng tuần",
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


_UNIT_WORDS = {"yearly": "năm", "quarterly": "quý", "monthly": "tháng", "half_yearly": "6 tháng", "weekly": "tuần"}
_DAY_WORDS = {"monthly": ", chậm nhất ngày {d}", "quarterly": ", chậm nhất ngày {d} tháng cuối quý",
              "half_yearly": ", chậm nhất ngày {d} tháng cuối của mỗi 6 tháng",
              "yearly": ", chậm nhất ngày {d} tháng 12", "reporting_periods": ", chậm nhất ngày {d} tháng cuối kỳ",
              "periodic": ", chậm nhất ngày {d} tháng cuối kỳ"}


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
    day: int = 0                     # recurring: the day of the period's last month ("ngày 20 tháng cuối quý")
    count: int = 0                   # recurring: "ít nhất {count} lần" per period

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
        if self.day:
            data["day"] = self.day
        if self.count:
            data["count"] = self.count
        return data

    def describe(self) -> str:
        prefix = f"{self.label}: " if self.label else ""
        if self.kind == DUE:
            body = tr("hạn chót {date}", date=format_date(self.end))
        elif self.kind == WINDOW:
            body = tr("từ {start} đến {end}", start=format_date(self.start), end=format_date(self.end))
        elif self.kind == RECURRING:
            body = tr(FREQUENCY_LABELS[self.frequency])
            if self.count:
                body = tr("Ít nhất {n} lần mỗi {unit}", n=self.count, unit=tr(_UNIT_WORDS[self.frequency]))
            if self.periods:
                body += " (" + ", ".join(tr(PERIOD_LABELS[p]) for p in self.periods) + ")"
            if self.day:
                body += tr(_DAY_WORDS[self.frequency], d=self.day)
            if self.start:
                body += tr(", bắt đầu từ {date}", date=format_date(self.start))
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

class _Pattern:
    """A regular expression compiled the first time it is used: the window parses the deadlines it lists at
    every start, and the wordings of one plan use only some of the patterns below (compiling all ~80 costs
    ~5 ms)."""
    __slots__ = ("_args", "_compiled")

    def __init__(self, *args):
        self._args, self._compiled = args, None

    def __getattr__(self, name):
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return getattr(self._compiled, name)


_TAG = _Pattern(r"<[^>]*>")
_BULLET_SPLIT = _Pattern(r"(?:^|(?<=[.;:])|\n)\s*[-–•+]\s+")
_SENTENCE_SPLIT = _Pattern(r"[.;]\s+(?=[^\d\s])")
_SEGMENT_SPLIT = _Pattern(r";\s*|(?<=\))\s*,\s*")
_PAREN = _Pattern(r"^(.*?\S)\s*\(([^()]+)\)\s*[.;,]?$", re.S)
_ROMAN_VALUE = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEAR_TAIL = r"(?:\s*(?:/|nam)\s*(\d{4}))?"

# Atoms: one span of the calendar each.
_DATE = _Pattern(r"(?:ngay\s+)?(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?")
_DATE_WORDS = _Pattern(r"(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})" + r"(?:\s*(?:/|nam)\s*(\d{4}))?")
_MONTH_YEAR = _Pattern(r"(\d{1,2})\s*/\s*(\d{4})")
_BARE_YEAR = _Pattern(r"(?:nam\s+)?(\d{4})")
_DAYS_OF_MONTH = _Pattern(r"(\d{1,2})\s+ngay\s+(dau|cuoi)\s+(?:cua\s+)?thang\s+(\d{1,2})"
                            + r"(?:\s*(?:/|nam)\s*(\d{4}))?")
_MONTHS = _Pattern(r"thang\s+(\d{1,2})(?:\s*-\s*(\d{1,2}))?" + _YEAR_TAIL)
_QUARTER = _Pattern(r"quy\s+([ivx]+|\d{1,2})" + _YEAR_TAIL)
# "6 tháng đầu năm 2026", "06 tháng cuối năm", "9 tháng đầu năm": the first (last) months of a year.
_HALF = _Pattern(r"0?([1-9]|1[01])\s+thang\s+(dau|cuoi)\s+nam" + _YEAR_TAIL.replace("(?:/|nam)", "(?:/|nam)?"))
# "Năm học 2026-2027": a school year, from September to May.
_SCHOOL_YEAR = _Pattern(r"(?:trong\s+)?nam\s+hoc\s+(\d{4})\s*-\s*(\d{4})")
_YEAR = _Pattern(r"(?:trong\s+ca\s+|trong\s+|ca\s+)?nam(?:\s+(\d{4}))?")
_YEAR_END = _Pattern(r"(cuoi|dau)\s+nam(?:\s+(\d{4}))?")
_YEAR_RANGE = _Pattern(r"(?:theo\s+lo\s+trinh\s+)?(?:giai\s+doan\s+)?(\d{4})\s*-\s*(\d{4})")
_PART_OF = _Pattern(r"(cuoi|dau|giua)\s+((?:thang|quy)\s+\S+)")
_WEEK = _Pattern(r"tuan\s+(dau\s+tien|dau|cuoi\s+cung|cuoi|(?:thu\s+)?(\d))\s+(?:cua\s+|trong\s+)?thang\s+(\d{1,2})"
                   + _YEAR_TAIL)
# "ngày 20 của tháng cuối quý": a day repeated in every period.
_DAY_OF_PERIOD = _Pattern(r"(truoc\s+|cham\s+nhat\s+(?:la\s+)?(?:vao\s+)?)?(?:ngay\s+)?(\d{1,2})\s+"
                            r"(?:cua\s+|trong\s+)?thang\s+cuoi\s+(quy|nam|ky|6\s+thang)")
_DAY_OF_MONTH = _Pattern(r"(truoc\s+|cham\s+nhat\s+(?:la\s+)?)?(?:vao\s+)?ngay\s+(\d{1,2}(?:\s*(?:,|va)\s*\d{1,2})*)"
                           r"\s+(?:hang|moi)\s+thang")
_BARE_DAY = _Pattern(r"(truoc|cham\s+nhat(?:\s+la)?|han)\s+(?:ngay\s+)?(\d{1,2})")
_PERIOD_UNIT = {"quy": "quarterly", "nam": "yearly", "ky": "reporting_periods", "6 thang": "half_yearly"}

# Anchors in front of a list of items, and what they make of each item.
BEFORE, DUE_BY, OCCASION, WITHIN, FROM = "before", "due_by", "occasion", "within", "from"
_ANCHORS = (
    (_Pattern(r"^(?:cham\s+nhat\s+|hoan\s+thanh\s+)?truoc\s+(?:ngay\s+)?"), BEFORE),
    (_Pattern(r"^(?:cham\s+nhat\s+(?:la\s+)?(?:trong\s+|vao\s+|den\s+)?|han\s+(?:chot\s+)?(?:la\s+)?|"
                r"hoan\s+thanh\s+(?:trong\s+|vao\s+)?|den\s+het\s+|het\s+|den\s+(?=ngay|\d|thang|quy|nam))"), DUE_BY),
    (_Pattern(r"^(?:vao\s+|nhan\s+)?dip\s+(?:ky\s+niem\s+)?(?:ngay\s+)?"), OCCASION),
    (_Pattern(r"^(?:thuc\s+hien\s+|trien\s+khai\s+|du\s+kien\s+)?trong\s+(?=\d|thang|quy|tuan|nam|6)"), WITHIN),
    (_Pattern(r"^(?:bat\s+dau\s+)?tu\s+(?=ngay|\d|thang|quy|nam)"), FROM),
    (_Pattern(r"^(?:thuc\s+hien\s+|trien\s+khai\s+|du\s+kien\s+|vao\s+)"), None),
)
_RECURRENCE = _Pattern(r"\s+(?:hang|moi)\s+(nam|quy|thang)$")
_RECURRENCE_FIRST = _Pattern(r"^(?:dinh\s+ky\s+)?(?:hang|moi)\s+(nam)\s*,?\s+(?=vao|truoc|cham|han|ngay|\d)")
_LIST_SPLIT = _Pattern(r"\s*(?:,|;|\bva\b|\bhoac\b)\s*")
_LIST_HINT = _Pattern(r"[,;]|\bva\b|\bhoac\b")
_RANGE_SPLIT = _Pattern(r"\s*(?:-|\bden\s+het\b|\bden\b|\btoi\b)\s*")
_BARE_ROMAN = _Pattern(r"^(?:iv|i{1,3}|v|vi{1,3})\b")
_BARE_MONTH = _Pattern(r"^\d{1,2}(?:\s*(?:/|nam)\s*\d{4})?$")
_BARE_QUARTER = _Pattern(r"^[1-4](?:\s*(?:/|nam)\s*\d{4})?$")
_BARE_DAY_ITEM = _Pattern(r"(?:ngay\s+)?(\d{1,2})")

_FREQUENCY_WORD = {"nam": "yearly", "quy": "quarterly", "thang": "monthly", "6 thang": "half_yearly", "tuan": "weekly"}
_AT_LEAST = _Pattern(r"(?:it\s+nhat\s+|toi\s+thieu\s+)?(\d{1,2}|mot)\s+(?:lan|dot)\s*"
                       r"(?:/\s*|\s+(?:trong|moi|mot|1)\s+)(nam|quy|thang|6\s+thang|tuan)")
_EACH = _Pattern(r"(?:dinh\s+ky\s+)?moi\s+(nam|quy|thang|tuan|6\s+thang)\s+(?:it\s+nhat\s+)?(\d{1,2}|mot)\s+(?:lan|dot)")
_EVERY_MONTHS = _Pattern(r"(?:dinh\s+ky\s+)?(\d{1,2})\s+thang\s*(?:/\s*|\s+mot\s+|\s+1\s+)(?:lan|dot)")
_MONTHS_FREQUENCY = {1: "monthly", 3: "quarterly", 6: "half_yearly", 12: "yearly"}
_OPEN_YEARS = _Pattern(r"(?:tu\s+)?nam\s+(\d{4})\s+(?:va|den)\s+(?:cac|nhung)\s+nam\s+(?:tiep\s+theo|sau)")

_NO_FIXED = (
    (_Pattern(r"^theo\s+huong\s+dan"), "guidance"),
    (_Pattern(r"^theo\s+yeu\s+cau"), "on_request"),
    (_Pattern(r"^theo\s+(?:ke\s+hoach|cong\s+van|van\s+ban|quyet\s+dinh|thong\s+bao)"), "upper_plan"),
    (_Pattern(r"^(?:thuc\s+hien\s+)?theo\s+quy\s+dinh"), "regulation"),
    (_Pattern(r"^theo\s+chi\s+dao"), "direction"),
    (_Pattern(r"^(?:ngay\s+)?(?:sau\s+)?khi\s+(?:co|phat\s+sinh|duoc)"), "event"),
    (_Pattern(r"^(?:ngay\s+)?sau\s+khi\s+\w"), "event"),
    (_Pattern(r"^(?:trong\s+(?:vong\s+|thoi\s+han\s+)?)?\d{1,3}\s+ngay(?:\s+lam\s+viec)?\s+(?:ke\s+tu|sau\s+khi)"),
     "event"),
    (_Pattern(r"^(?:truoc|sau|trong)\s+(?:ky\s+hop|hoi\s+nghi|dai\s+hoi)\b"), "event"),
    (_Pattern(r"^theo\s+lo\s+trinh"), "roadmap"),
    (_Pattern(r"^(?:thuc\s+hien\s+)?theo\s+(?:thong\s+tu|nghi\s+dinh|luat|chi\s+thi|nghi\s+quyet)"), "regulation"),
    (_Pattern(r"^(?:thuc\s+hien\s+)?theo\s+"), "other"),
)

# Tokens of a recurring list such as "Hằng quý, năm" or "Quý I, 6 tháng, quý III và tổng kết năm".
_FREQ_TOKENS = (
    (_Pattern(r"^(?:dinh\s+ky\s+)?(?:hang|moi)\s+tuan$|^(?:vao\s+)?thu\s+[2-7]\s+hang\s+tuan$"),
     ("weekly", None)),
    (_Pattern(r"^(?:dinh\s+ky\s+)?hang\s+thang$"), ("monthly", None)),
    (_Pattern(r"^(?:dinh\s+ky\s+)?hang\s+quy$|^bao\s+cao\s+(?:hang\s+)?quy$"), ("quarterly", None)),
    (_Pattern(r"^(?:dinh\s+ky\s+)?hang\s+nam$"), ("yearly", None)),
    (_Pattern(r"^(?:dinh\s+ky\s+)?6\s+thang\s+(?:mot|1)\s+lan$"), ("half_yearly", None)),
    (_Pattern(r"^thuong\s+xuyen(?:\s+lien\s+tuc)?$"), ("continuous", None)),
    (_Pattern(r"^lien\s+tuc$"), ("continuous", None)),
    (_Pattern(r"^dinh\s+ky$"), ("periodic", None)),
    (_Pattern(r"^dot\s+xuat(?:\s+theo\s+(?:quy\s+dinh|yeu\s+cau))?$"), ("ad_hoc", None)),
    (_Pattern(r"^quy\s+i$"), (None, "Q1")),
    (_Pattern(r"^quy\s+ii$"), (None, "Q2")),
    (_Pattern(r"^(?:quy\s+iii)$"), (None, "Q3")),
    (_Pattern(r"^quy\s+iv$"), (None, "Q4")),
    (_Pattern(r"^(?:bao\s+cao\s+)?6\s+thang(?:\s+dau\s+nam)?$"), (None, "H1")),
    (_Pattern(r"^9\s+thang$"), (None, "9M")),
    (_Pattern(r"^(?:tong\s+ket\s+|ca\s+|1\s+|mot\s+|cuoi\s+)?nam$"), (None, "Y")),
)
_FREQ_ANYWHERE = (
    (_Pattern(r"\bhang\s+quy\b"), "quarterly"),
    (_Pattern(r"\bhang\s+thang\b"), "monthly"),
    (_Pattern(r"\bhang\s+tuan\b"), "weekly"),
    (_Pattern(r"\bhang\s+nam\b"), "yearly"),
    (_Pattern(r"\bthuong\s+xuyen\b"), "continuous"),
    (_Pattern(r"\bdot\s+xuat\b"), "ad_hoc"),
)


@dataclass(frozen=True)
class _Span:
    """What one atom names: the days it covers, whether it is one day, whether it named its year."""
    start: date
    end: date
    exact: bool
    has_year: bool
    unit: str          # "date", "month", "quarter", "year" … (an item without a unit word takes the previous one's)


def _normalize(text: str) -> str:
    text = _TAG.sub(" ", text or "")
    if "&" in text:         # an entity of a pasted web page ("&nbsp;"); ``html`` is imported then only
        import html
        text = html.unescape(text)
    text = text.replace("–", "-").replace("—", "-").replace("\u00a0", " ")
    return " ".join(text.replace("\r", "\n").split(" ")).strip()


_ABBREVIATIONS = tuple((_Pattern(p), r) for p, r in (
    (r"\bqui\b", "quy"),                                      # the old spelling "Quí"
    (r"\bq\s*([1-4])\b", r"quy \1"),                          # "Q1/2026"
    (r"\bth?\s*(\d{1,2})(?=\s*(?:/|-|,|$|\s+(?:va|den|nam)\b))", r"thang \1"),   # "T3/2026", "Th3"
    (r"\bgd\b", "giai doan"),
    (r"\bnua\s+(dau|cuoi)\s+nam\b", r"6 thang \1 nam"),
    (r"\b(\d{1,2})[.-](\d{1,2})[.-](\d{4})\b", r"\1/\2/\3"),   # "15.3.2026", "15-3-2026"
    (r"\b(thang|quy)\s+([ivx]+|\d{1,2})\s*[-.]\s*(\d{4})\b", r"\1 \2/\3"),   # "tháng 3-2026", "Quý I-2026"
    (r"\s*\+\s*|\s*&\s*", " va "),
    (r"\bngay\s+(\d{1,2})\s+(?:cua\s+)?cac\s+thang\b", r"ngay \1 thang"),   # "ngày 20 các tháng 3, 6, 9, 12"
))


_ABBREVIATION_HINT = _Pattern(r"\bqu?i\b|\bq\s*\d|\bth?\s*\d|\bgd\b|\bnua\b|\d[.-]\d|\s[-.]\s*\d{4}|\w[-.]\d{4}|[+&]|"
                                r"\bcac\s+thang")


def _fold_phrase(text: str) -> str:
    # "hằng"/"hàng" both fold to "hang"; trailing punctuation carries no meaning.
    folded = fold(text).strip(" .;,:")
    if _ABBREVIATION_HINT.search(folded):   # one look first: most phrases have no abbreviation
        for pattern, replacement in _ABBREVIATIONS:
            folded = pattern.sub(replacement, folded)
    return folded


@lru_cache(maxsize=4096)
def parse_deadline(text: str, plan_year: int) -> Deadline:
    """Structured reading of a deadline phrase. Never raises, never guesses.

    ``plan_year`` is the year of phrases that name none ("Tháng 10 - tháng 11")."""
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
    """Segments split by ";", each with its own "label:"; a label covers its segment's sentences."""
    parts: list[DeadlinePart] = []
    for segment in _SEGMENT_SPLIT.split(bullet):
        label, body = _split_label(segment)
        for sentence in _SENTENCE_SPLIT.split(body):
            _add_sentence(parts, sentence.strip(" .;"), label, plan_year)
    return parts


def _add_sentence(parts: list[DeadlinePart], sentence: str, label: str, plan_year: int) -> None:
    if not sentence:
        return
    own, body = _split_label(sentence)   # "… Quý I/2026. Tổ chức thực hiện: Quý II-IV/2026"
    if own:
        label, sentence = own, body
    found = _parse_sentence(sentence, plan_year)
    # A fragment we cannot read that follows free text ("…chỉ đạo của Chính phủ;
    # Thủ tướng Chính phủ") is the rest of that text, not a new deadline.
    if (len(found) == 1 and found[0].kind == UNKNOWN and parts
            and parts[-1].kind in (NO_FIXED_DATE, RECURRING) and not _has_digits(sentence)):
        previous = parts.pop()
        found = [_replace(previous, text=f"{previous.text}; {sentence}")]
    parts.extend(_with_label(p, label) for p in found)


def _replace(part: DeadlinePart, **changes) -> DeadlinePart:
    return replace(part, **changes)


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
    return _replace(part, label=label)


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


def _parse_sentence(sentence: str, plan_year: int) -> list[DeadlinePart]:
    """A phrase, with what is in parentheses at its end: the day of the phrase's recurring period
    ("hằng quý (trước ngày 15 tháng cuối quý)"), a more precise date ("Quý I/2026 (trước ngày 15/3)"),
    a dated duty beside a recurring one ("Thường xuyên (báo cáo trước 10/12)"), or else a label
    ("trước 15/6 (báo cáo 6 tháng)")."""
    match = _PAREN.match(sentence)
    if not match:
        return _parse_phrase(sentence, plan_year)
    main, inside = match.group(1).strip(" ,;"), match.group(2).strip()
    parts = _parse_phrase(main, plan_year)
    folded = _fold_phrase(inside)
    if parts and all(p.kind == RECURRING for p in parts):
        detail = _day_of_period(folded) or _bare_day(folded, parts[0].frequency)
        if isinstance(detail, str):
            return parts + [DeadlinePart(UNKNOWN, inside, reason=detail)]
        if detail:
            frequency, days = detail
            return [q for p in parts for q in (_with_days(p, days) if p.frequency in (frequency, "periodic") else [p])]
    own = _dated(inside, folded, plan_year)
    if own is None:
        return [_with_label(p, inside) for p in parts]
    if all(p.kind in (DUE, WINDOW) for p in parts):
        return own
    return parts + own


def _dated(text: str, folded: str, plan_year: int) -> list[DeadlinePart] | None:
    """``text`` read as dates or periods (DUE/WINDOW or a yearly date), wholly understood; else None."""
    found = next((f for rule in _ANCHORED_RULES if (f := rule(text, folded, plan_year)) is not None), None)
    if found is None and (_has_digits(folded) or _anchor(folded)[0]):
        found = _parse_partly(text, plan_year)
    if not found or any(p.kind == UNKNOWN for p in found):
        return None
    return found if any(p.kind in (DUE, WINDOW) or p.end for p in found) else None


def _parse_phrase(sentence: str, plan_year: int) -> list[DeadlinePart]:
    folded = _fold_phrase(sentence)
    for rule in _ANCHORED_RULES:
        found = rule(sentence, folded, plan_year)
        if found is not None:
            return found
    return (_parse_partly(sentence, plan_year) or _parse_recurring_anywhere(sentence, folded, plan_year)
            or [DeadlinePart(UNKNOWN, sentence)])


def _parse_partly(sentence: str, plan_year: int) -> list[DeadlinePart] | None:
    """The longest start that reads as a deadline, and the rest read on its own (or kept unknown);
    else words then a deadline ("báo cáo kết quả trước 10/12/2026"): the words label it."""
    words = sentence.split()
    found = _head_partly(words, plan_year)
    if found:
        return found
    for cut in range(max(1, len(words) - MAX_TIME_WORDS), len(words)):
        if fold(words[cut]) not in _ANCHOR_WORDS:
            continue
        label = " ".join(words[:cut]).strip(" ,;:-")
        if not label or fold(words[0]) in _NOT_LABELS or "," in label:
            return None
        found = _anchored(" ".join(words[cut:]), plan_year) or _head_partly(words[cut:], plan_year)
        if found and all(p.kind != UNKNOWN for p in found):
            return [_with_label(p, label) for p in found]
    return None


MIN_YEAR, MAX_YEAR = 2000, 2100   # a plan's dates: anything else is a typing slip, never a deadline
MAX_TIME_WORDS = 12   # a time expression is short: longer heads and tails are not tried (linear cost)


def _head_partly(words: list[str], plan_year: int) -> list[DeadlinePart] | None:
    first = fold(words[0]) if words else ""
    if not first[:1].isdigit() and first not in _HEAD_STARTS:   # no rule can start with this word
        return None
    for cut in range(min(len(words) - 1, MAX_TIME_WORDS), 0, -1):
        found = _anchored(" ".join(words[:cut]).strip(" ,;"), plan_year)
        if found and all(p.kind != UNKNOWN for p in found):
            rest = " ".join(words[cut:]).strip(" ,;.")
            tail = [p for p in _parse_phrase(rest, plan_year)] if rest else []
            if any(p.kind == UNKNOWN for p in tail):
                tail = [DeadlinePart(UNKNOWN, rest, reason=tr("phần “{t}” chưa hiểu", t=rest))]
            return found + tail
    return None


def _anchored(text: str, plan_year: int) -> list[DeadlinePart] | None:
    folded = _fold_phrase(text)
    return next((f for rule in _ANCHORED_RULES if (f := rule(text, folded, plan_year)) is not None), None)


_ATOM_STARTS = {"ngay", "thang", "quy", "tuan", "cuoi", "dau", "giua", "nam", "ca", "trong", "theo", "giai"}
_ANCHOR_WORDS = {"truoc", "cham", "han", "den", "vao", "trong", "tu", "dip", "hoan"}
_HEAD_STARTS = _ANCHOR_WORDS | _ATOM_STARTS | {"thuong", "dinh", "hang", "moi", "it", "toi", "lien", "dot", "theo",
                                               "khi", "sau", "thuc", "trien", "du", "bat", "het", "nhan", "tong",
                                               "bao", "t", "th", "q", "qui", "gd", "nua"}
# Words that change a time's meaning: never a mere label in front of it ("Sau ngày 15/3" is not "by 15/3").
_NOT_LABELS = {"sau", "cuoi", "dau", "giua", "tuan", "khoang", "gan", "ngoai", "hon", "chua", "khong", "it", "toi"}


# ----------------------------------------------------------------------------- dated phrases

def _parse_times(sentence: str, folded: str, plan_year: int) -> list[DeadlinePart] | None:
    """[anchor] item ("," | "và" item)* [hằng năm]: each item a date, month, quarter … or a range of them."""
    frequency = None
    head = _RECURRENCE_FIRST.match(folded)
    if head:
        frequency, folded = _FREQUENCY_WORD[head.group(1)], folded[head.end():]
    anchor, rest = _anchor(folded)
    tail = _RECURRENCE.search(rest)
    if tail and frequency is None:
        frequency, rest = _FREQUENCY_WORD[tail.group(1)], rest[:tail.start()]
    rest = rest.strip()
    items = [i for i in _LIST_SPLIT.split(rest) if i] if _LIST_HINT.search(rest) else [rest]
    if not items or not items[0] or len(items) > 12:
        return None
    spans = _item_spans(_with_units(items) if len(items) > 1 else items, plan_year)
    if spans is None:
        return None
    if isinstance(spans, str):
        return [DeadlinePart(UNKNOWN, sentence, reason=spans)]
    parts = _anchored_parts(sentence, spans, anchor, frequency)
    early = [p.end.year for p in parts if p.end and p.end.year < MIN_YEAR]   # "Trước ngày 01/01/2000": 1999
    if early:
        return [DeadlinePart(UNKNOWN, sentence, reason=tr("năm {y} nằm ngoài khoảng {a}–{b}", y=early[0],
                                                           a=MIN_YEAR, b=MAX_YEAR))]
    return parts


def _anchor(folded: str) -> tuple[str | None, str]:
    for pattern, kind in _ANCHORS:
        match = pattern.match(folded)
        if match:
            return kind, folded[match.end():]
    return None, folded


def _with_units(items: list[str]) -> list[str]:
    """An item without its unit word takes the previous item's: "quý II, III/2026" → ["quy ii",
    "quy iii/2026"]; "tháng 6 và 12" → ["thang 6", "thang 12"]; "ngày 20 tháng 3, 6" → ["20 thang 3",
    "20 thang 6"]; and a bare day takes the next date's month: "ngày 15, 30/6" → ["15/6", "30/6"]."""
    out: list[str] = []
    for item in items:
        previous = out[-1] if out else ""
        day = _DATE_WORDS.fullmatch(previous)
        if previous.startswith("quy") and (_BARE_ROMAN.match(item) or _BARE_QUARTER.match(item)):
            item = "quy " + item
        elif previous.startswith("thang") and _BARE_MONTH.match(item):
            item = "thang " + item
        elif day and (_BARE_MONTH.match(item) or item.startswith("thang ")):
            item = f"{day.group(1)} thang {item.removeprefix('thang ').strip()}"
        out.append(item)
    for index in range(len(out) - 2, -1, -1):
        bare, after = _BARE_DAY_ITEM.fullmatch(out[index]), _DATE.fullmatch(out[index + 1])
        if bare and after:
            out[index] = f"{bare.group(1)}/{after.group(2)}" + (f"/{after.group(3)}" if after.group(3) else "")
    return out


def _item_spans(items: list[str], plan_year: int):
    """Each item's span, read right to left so a year written once at the end applies to all.
    A list runs forward in time: "Tháng 12, tháng 1/2027" is December 2026, "Tháng 12/2026 và
    tháng 01" ends in January 2027."""
    spans: list[tuple[_Span, _Span | None]] = []
    year = plan_year
    for item in reversed(items):
        found = _item(item, year, plan_year)
        if found is None or isinstance(found, str):
            return found
        first, last = found
        if not (MIN_YEAR <= first.start.year and (last or first).end.year <= MAX_YEAR):
            return tr("năm {y} nằm ngoài khoảng {a}–{b}", y=first.start.year if first.start.year < MIN_YEAR
                      else (last or first).end.year, a=MIN_YEAR, b=MAX_YEAR)
        if spans and not (last or first).has_year and first.start > spans[-1][0].start \
                and first.start.year > plan_year:
            found = _item(item, first.start.year - 1, plan_year)
            first, last = found
        if (last or first).has_year:
            year = (last or first).start.year if last is None else last.end.year
        spans.append(found)
    spans.reverse()
    for index in range(1, len(spans)):
        first, last = spans[index]
        if not first.has_year and first.start < spans[index - 1][0].start and spans[index - 1][0].has_year:
            spans[index] = _item(items[index], first.start.year + 1, plan_year)
    return spans


def _item(item: str, year: int, plan_year: int):
    """One atom, or a range "atom - atom" / "atom đến atom": (span, None) or (first, last)."""
    whole = _atom(item, year)
    if whole is not None:
        return whole if isinstance(whole, str) else (whole, None)
    pieces = _RANGE_SPLIT.split(item, maxsplit=1)
    if len(pieces) != 2:
        return None
    left_text, right_text = pieces
    if left_text.startswith("quy") and (_BARE_ROMAN.match(right_text) or _BARE_QUARTER.match(right_text)):
        right_text = "quy " + right_text
    elif left_text.startswith("thang") and _BARE_MONTH.match(right_text):
        right_text = "thang " + right_text
    bare, after = _BARE_DAY_ITEM.fullmatch(left_text), _DATE.fullmatch(right_text)
    if bare and after:   # "15-20/3/2026", "từ 15 đến 20/3"
        left_text = f"{bare.group(1)}/{after.group(2)}" + (f"/{after.group(3)}" if after.group(3) else "")
    right = _atom(right_text, year)
    if right is None or isinstance(right, str):
        return right
    left = _atom(left_text, right.start.year if right.has_year else year)
    if left is None or isinstance(left, str):
        return left
    if left.start > right.end and not left.has_year and left.start.year > plan_year:
        left = _atom(left_text, left.start.year - 1)   # "Tháng 11 - tháng 2/2027" in a 2026 plan
    if left.start > right.end:
        return tr("khoảng thời gian có ngày đầu sau ngày cuối")
    return left, right


def _atom(text: str, year: int):
    """A _Span for one calendar expression filling all of ``text``; a reason (str) when it names
    a day that does not exist; None when it is not a calendar expression."""
    text = text.strip()
    first = text.split(" ", 1)[0]
    if not first[:1].isdigit() and first not in _ATOM_STARTS:   # not a calendar word: no pattern can match
        return None
    for pattern in (_DATE, _DATE_WORDS):
        m = pattern.fullmatch(text)
        if m:
            return _day_span(int(m.group(1)), int(m.group(2)), m.group(3), year)
    m = _MONTHS.fullmatch(text)
    if m:
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        y = int(m.group(3)) if m.group(3) else year
        if not (1 <= first <= last <= 12):
            return tr("tháng {a}–{b} không hợp lệ", a=first, b=last) if m.group(2) else \
                tr("tháng {a} không có", a=first)
        return _Span(date(y, first, 1), _month_end(y, last), False, bool(m.group(3)), "month")
    m = _QUARTER.fullmatch(text)
    if m:
        number = _ROMAN_VALUE.get(m.group(1), int(m.group(1)) if m.group(1).isdigit() else 0)
        if not 1 <= number <= 4:
            return tr("quý {q} không có (chỉ có quý I–IV)", q=m.group(1).upper())
        y = int(m.group(2)) if m.group(2) else year
        return _Span(date(y, number * 3 - 2, 1), _month_end(y, number * 3), False, bool(m.group(2)), "quarter")
    return _atom_more(text, year)


def _atom_more(text: str, year: int):
    m = _HALF.fullmatch(text)
    if m:
        months, y = int(m.group(1)), int(m.group(3)) if m.group(3) else year
        if m.group(2) == "dau":
            return _Span(date(y, 1, 1), _month_end(y, months), False, bool(m.group(3)), "half")
        return _Span(date(y, 13 - months, 1), date(y, 12, 31), False, bool(m.group(3)), "half")
    m = _SCHOOL_YEAR.fullmatch(text)
    if m:
        first, last = int(m.group(1)), int(m.group(2))
        if last != first + 1:
            return tr("năm học {a} - {b} không hợp lệ", a=first, b=last)
        return _Span(date(first, 9, 1), date(last, 5, 31), False, True, "school_year")
    m = _WEEK.fullmatch(text)
    if m:
        return _week(m, year)
    m = _PART_OF.fullmatch(text)
    if m:
        return _part_of(m, year)
    m = _YEAR_RANGE.fullmatch(text)
    if m:
        first, last = int(m.group(1)), int(m.group(2))
        if first > last:
            return tr("giai đoạn {a} - {b} không hợp lệ", a=first, b=last)
        return _Span(date(first, 1, 1), date(last, 12, 31), False, True, "years")
    m = _YEAR_END.fullmatch(text)
    if m:   # "cuối năm" is its last day, as "cuối tháng 6"; "đầu năm" its first month
        y = int(m.group(2)) if m.group(2) else year
        if m.group(1) == "cuoi":
            return _Span(date(y, 12, 31), date(y, 12, 31), True, bool(m.group(2)), "date")
        return _Span(date(y, 1, 1), _month_end(y, 1), False, bool(m.group(2)), "month")
    m = _YEAR.fullmatch(text) or _BARE_YEAR.fullmatch(text)
    if m:
        y = int(m.group(1)) if m.group(1) else year
        return _Span(date(y, 1, 1), date(y, 12, 31), False, bool(m.group(1)), "year")
    m = _MONTH_YEAR.fullmatch(text)
    if m:   # "06/2026": a month
        return _atom(f"thang {m.group(1)}/{m.group(2)}", year)
    m = _DAYS_OF_MONTH.fullmatch(text)
    if m:
        return _days_of_month(m, year)
    return None


def _days_of_month(m, year: int):
    """ "10 ngày đầu tháng 3/2026" → 01–10/03; "5 ngày cuối tháng 3" → 27–31/03."""
    count, month = int(m.group(1)), int(m.group(3))
    y = int(m.group(4)) if m.group(4) else year
    if not 1 <= month <= 12:
        return tr("tháng {a} không có", a=month)
    last_day = _last_day(y, month)
    if not 1 <= count <= last_day:
        return tr("tháng {m} không có {n} ngày", m=month, n=count)
    first = 1 if m.group(2) == "dau" else last_day - count + 1
    return _Span(date(y, month, first), date(y, month, first + count - 1), False, bool(m.group(4)), "days")


def _day_span(day: int, month: int, year_text: str | None, year: int):
    y = int(year_text) if year_text else year
    try:
        d = date(y, month, day)
    except ValueError:
        return tr("ngày {d}/{m}/{y} không có trên lịch", d=f"{day:02d}", m=f"{month:02d}", y=y)
    return _Span(d, d, True, bool(year_text), "date")


def _week(m, year: int):
    month = int(m.group(3))
    y = int(m.group(4)) if m.group(4) else year
    if not 1 <= month <= 12:
        return tr("tháng {a} không có", a=month)
    last_day = _last_day(y, month)
    which = m.group(1)
    if which.startswith("cuoi"):
        first = last_day - 6
    else:
        number = int(m.group(2)) if m.group(2) else 1
        if not 1 <= number <= 5:
            return tr("tuần thứ {n} không có", n=number)
        first = 7 * (number - 1) + 1
    if first > last_day:
        return tr("tuần thứ {n} của tháng {m} không có", n=m.group(2), m=month)
    return _Span(date(y, month, first), date(y, month, min(first + 6, last_day)), False, bool(m.group(4)), "week")


def _part_of(m, year: int):
    """ "cuối tháng 6": its last day (a due date); "đầu tháng 7": days 1–10; "giữa tháng 3": 11–20;
    "đầu quý III": its first month, "cuối quý II": its last day."""
    whole = _atom(m.group(2), year)
    if whole is None or isinstance(whole, str):
        return whole
    which = m.group(1)
    if which == "cuoi":
        return _Span(whole.end, whole.end, True, whole.has_year, whole.unit)
    if whole.unit == "quarter":
        first_month = _month_end(whole.start.year, whole.start.month)
        end = first_month if which == "dau" else _month_end(whole.start.year, whole.start.month + 1)
        start = whole.start if which == "dau" else date(whole.start.year, whole.start.month + 1, 1)
        return _Span(start, end, False, whole.has_year, "month")
    first = 1 if which == "dau" else 11
    return _Span(whole.start.replace(day=first), whole.start.replace(day=first + 9), False, whole.has_year, "days")


def _last_day(year: int, month: int) -> int:
    """How many days ``month`` of ``year`` has (as ``calendar.monthrange``, whose import with ``locale`` costs
    every start a millisecond)."""
    if not 1 <= month <= 12:
        raise ValueError(f"bad month number {month}; must be 1-12")
    return (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day


def _month_end(year: int, month: int) -> date:
    return date(year, month, _last_day(year, month))


def _anchored_parts(sentence: str, spans, anchor: str | None, frequency: str | None) -> list[DeadlinePart]:
    """Each item as a part: a due date, a window, or a yearly date; adjacent windows joined."""
    parts: list[DeadlinePart] = []
    for first, last in spans:
        start, end, exact = first.start, (last or first).end, first.exact and last is None
        if anchor == BEFORE:
            start = end = first.start - timedelta(days=1)
            exact = True
        if frequency:
            parts.append(DeadlinePart(RECURRING, sentence, end=end, frequency=frequency))
        elif anchor == FROM and last is None:
            parts.append(DeadlinePart(RECURRING, sentence, start=start, frequency="continuous"))
        elif exact or (anchor in (BEFORE, DUE_BY) and last is None):
            parts.append(DeadlinePart(DUE, sentence, end=end))
        elif parts and parts[-1].kind == WINDOW and parts[-1].end + timedelta(days=1) == start:
            parts[-1] = _replace(parts[-1], end=end)       # "Quý III, IV": one window
        else:
            parts.append(DeadlinePart(WINDOW, sentence, start=start, end=end))
    return parts


def _day_of_period(folded: str):
    """The days a recurring duty falls on: "trước ngày 15 tháng cuối quý" → ("quarterly", [14]);
    "ngày 10 và 25 hằng tháng" → ("monthly", [10, 25]). A reason (str) for a day no month has."""
    m = _DAY_OF_PERIOD.fullmatch(folded)
    if m:
        frequency, days = _PERIOD_UNIT[" ".join(m.group(3).split())], [int(m.group(2))]
    else:
        m = _DAY_OF_MONTH.fullmatch(folded)
        if not m:
            return None
        frequency, days = "monthly", [int(d) for d in re.findall(r"\d+", m.group(2))]
    return _checked_days(frequency, days, bool(m.group(1)) and m.group(1).startswith("truoc"))


def _checked_days(frequency: str, days: list[int], before: bool):
    bad = [d for d in days if not 1 <= d <= 31 or (before and d == 1)]
    if bad:
        return tr("ngày {d} không có trong tháng", d=bad[0])
    return frequency, [d - 1 if before else d for d in days]


def _bare_day(folded: str, frequency: str):
    """ "trước ngày 25" after "Hằng tháng": (frequency, [24]); None when it is not a bare day."""
    m = _BARE_DAY.fullmatch(folded)
    if m is None or frequency not in _PERIOD_MONTHS:
        return None
    return _checked_days(frequency, [int(m.group(2))], m.group(1).startswith("truoc"))


def _with_days(part: DeadlinePart, days: list[int]) -> list[DeadlinePart]:
    return [_replace(part, day=d) for d in days]


# ----------------------------------------------------------------------------- recurring and undated

def _parse_periodic_day(sentence: str, folded: str, plan_year: int) -> list[DeadlinePart] | None:
    """ "Chậm nhất ngày 20 của tháng cuối quý", "Ngày 10 và 25 hằng tháng", "Hằng tháng, trước ngày 25"."""
    if "ngay" not in folded or not ("cuoi" in folded or "thang" in folded or "," in folded):
        return None
    detail = _day_of_period(folded)
    if detail is None:
        head, _comma, rest = folded.partition(",")
        listed = _parse_recurring_list(sentence, head.strip(), plan_year) if rest else None
        if not listed or len(listed) != 1:
            return None
        detail = _day_of_period(rest.strip()) or _bare_day(rest.strip(), listed[0].frequency)
        if detail is None or (not isinstance(detail, str) and detail[0] != listed[0].frequency):
            return None
    if isinstance(detail, str):
        return [DeadlinePart(UNKNOWN, sentence, reason=detail)]
    frequency, days = detail
    return _with_days(DeadlinePart(RECURRING, sentence, frequency=frequency), days)


def _parse_frequency(sentence: str, folded: str, plan_year: int) -> list[DeadlinePart] | None:
    """ "Ít nhất 01 lần/năm", "02 lần/năm", "1 lần mỗi quý"."""
    if "lan" not in folded and "dot" not in folded:
        return None
    m = _EVERY_MONTHS.fullmatch(folded)
    if m:   # "6 tháng/lần", "03 tháng một lần"
        frequency = _MONTHS_FREQUENCY.get(int(m.group(1)))
        if frequency is None:
            return [DeadlinePart(UNKNOWN, sentence, reason=tr("chu kỳ {n} tháng chưa được hỗ trợ", n=int(m.group(1))))]
        return [DeadlinePart(RECURRING, sentence, frequency=frequency)]
    m = _AT_LEAST.fullmatch(folded)
    count_text, unit = (m.group(1), m.group(2)) if m else (None, None)
    if m is None:
        each = _EACH.fullmatch(folded)
        if each is None:
            return None
        count_text, unit = each.group(2), each.group(1)
    count = 1 if count_text == "mot" else int(count_text)
    if count < 1:
        return [DeadlinePart(UNKNOWN, sentence, reason=tr("số lần phải từ 1 trở lên"))]
    return [DeadlinePart(RECURRING, sentence, frequency=_FREQUENCY_WORD[" ".join(unit.split())], count=count)]


def _parse_open_years(sentence: str, folded: str, plan_year: int) -> list[DeadlinePart] | None:
    """ "Năm 2025 và các năm tiếp theo": every year from that one on."""
    m = _OPEN_YEARS.fullmatch(folded) if "cac nam" in folded or "nhung nam" in folded else None
    if not m:
        return None
    year = int(m.group(1))
    if not MIN_YEAR <= year <= MAX_YEAR:
        return [DeadlinePart(UNKNOWN, sentence, reason=tr("năm {y} nằm ngoài khoảng {a}–{b}", y=year, a=MIN_YEAR,
                                                           b=MAX_YEAR))]
    return [DeadlinePart(RECURRING, sentence, start=date(year, 1, 1), end=date(year, 12, 31), frequency="yearly")]


def _parse_recurring_list(sentence: str, folded: str, plan_year: int) -> list[DeadlinePart] | None:
    periodic = folded.startswith("dinh ky ")   # "Định kỳ 6 tháng và cuối năm": the periods are recurring
    if periodic:
        folded = folded[len("dinh ky "):]
    tokens = [t.strip() for t in re.split(r",|\bva\b|\bhoac\b", folded) if t.strip()]
    if not tokens:
        return None
    frequencies: list[str] = []
    periods: list[str] = []
    previous_freq = False
    for token in tokens:
        # "Hằng quý, năm": the bare "năm" after a "hằng …" means yearly.
        if previous_freq and token in ("nam", "quy", "thang"):
            frequencies.append(_FREQUENCY_WORD[token])
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
    if periodic and periods == ["H1"] and not frequencies:
        return [DeadlinePart(RECURRING, sentence, frequency="half_yearly")]   # "Định kỳ 6 tháng": every six months
    parts = [DeadlinePart(RECURRING, sentence, frequency=f) for f in dict.fromkeys(frequencies)]
    if periods:
        if not frequencies and not periodic and all(p in ("Q1", "Q2", "Q3", "Q4", "Y") for p in periods):
            return None  # "Quý II và Quý IV", a bare "năm": dated windows, read by _parse_times
        parts.append(DeadlinePart(RECURRING, sentence, frequency="reporting_periods",
                                  periods=tuple(dict.fromkeys(periods))))
    return parts


def _parse_no_fixed(sentence: str, folded: str, plan_year: int) -> list[DeadlinePart] | None:
    for pattern, reason in _NO_FIXED:
        if pattern.search(folded):
            return [DeadlinePart(NO_FIXED_DATE, sentence, reason=reason)]
    return None


def _parse_recurring_anywhere(sentence: str, folded: str, plan_year: int) -> list[DeadlinePart] | None:
    """ "Báo cáo kết quả thực hiện cùng báo cáo CCHC định kỳ hằng quý" → quarterly. Not when the text
    holds numbers: they would be days or dates read as nothing ("Ngày 32 hằng tháng")."""
    if _has_digits(folded):
        return None
    found = [freq for pattern, freq in _FREQ_ANYWHERE if pattern.search(folded)]
    if not found and re.search(r"\bdinh\s+ky\b", folded):
        found = ["periodic"]
    if not found:
        return None
    return [DeadlinePart(RECURRING, sentence, frequency=f) for f in found]


_ANCHORED_RULES = (_parse_open_years, _parse_periodic_day, _parse_frequency, _parse_times, _parse_recurring_list,
                   _parse_no_fixed)

# ----------------------------------------------------------------------------- occurrences

_PERIOD_END = {"Q1": (3, 31), "Q2": (6, 30), "H1": (6, 30), "Q3": (9, 30), "9M": (9, 30),
               "Q4": (12, 31), "Y": (12, 31)}
_PERIOD_MONTHS = {"monthly": tuple(range(1, 13)), "quarterly": (3, 6, 9, 12), "half_yearly": (6, 12),
                  "yearly": (12,), "reporting_periods": (3, 6, 9, 12)}


def _next_occurrence(part: DeadlinePart, today: date) -> date | None:
    if part.day and part.frequency in _PERIOD_MONTHS:
        return _next_day_of_period(part.day, _PERIOD_MONTHS[part.frequency], today)
    if part.frequency == "weekly":
        return today + timedelta(days=6 - today.weekday())   # the week's Sunday
    if part.frequency == "quarterly":
        month = ((today.month - 1) // 3 + 1) * 3
        return date(today.year, month, _last_day(today.year, month))
    if part.frequency == "monthly":
        return date(today.year, today.month, _last_day(today.year, today.month))
    if part.frequency == "half_yearly":
        return date(today.year, 6, 30) if today.month <= 6 else date(today.year, 12, 31)
    if part.frequency == "yearly":
        if part.end:
            candidate = _safe_replace_year(part.end, today.year)
            return candidate if candidate >= today else _safe_replace_year(part.end, today.year + 1)
        return date(today.year, 12, 31)
    if part.frequency == "reporting_periods":
        ends = sorted(date(today.year, *_PERIOD_END[p]) for p in part.periods)
        upcoming = [d for d in ends if d >= today]
        return upcoming[0] if upcoming else None
    return None


def _next_day_of_period(day: int, months: tuple[int, ...], today: date) -> date:
    """The first "day ``day`` of one of ``months``" on or after ``today`` (clamped to short months)."""
    for year in (today.year, today.year + 1):
        for month in months:
            candidate = date(year, month, min(day, _last_day(year, month)))
            if candidate >= today:
                return candidate
    raise AssertionError("unreachable: a later year always has the month")


def _safe_replace_year(d: date, year: int) -> date:
    try:
        return d.replace(year=year)
    except ValueError:  # 29/02
        return d.replace(year=year, day=28)
