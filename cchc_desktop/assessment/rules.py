"""How an item is scored: the province's "Hướng dẫn chấm điểm" read into a structured ``Rule``.

Provinces phrase the same few kinds of rule in many ways; the kinds that recur (Bộ Nội vụ's PAR Index
methodology, QĐ 876/QĐ-BNV and the provinces' commune-level sets modelled on it):

- ``options``   "Ban hành kịp thời: 1 điểm; Ban hành không kịp thời: 0,5 điểm; Không ban hành: 0 điểm"
- ``yesno``     "Có: 1; Không: 0"
- ``bands``     "Từ 98% trở lên: 4 điểm; từ 95% đến dưới 98%: 3 điểm; dưới 95%: 0 điểm" (or on a count)
- ``ratio``     "Điểm = (số đã xử lý / tổng số phát hiện) x 1", often with "không phát sinh: điểm tối đa"
- ``per_item``  "Mỗi sáng kiến được 0,5 điểm, tối đa 1 điểm"
- ``deduction`` "Mỗi TTHC không công khai trừ 0,5 điểm" (never below 0)
- ``survey``    điều tra xã hội học — scored by the province, never by the commune
- ``province``  "do Sở Nội vụ chấm" — likewise
- ``manual``    the officer types the points (what the reader could not understand, until the officer says)

``read_rule(text)`` never guesses silently: whatever it was unsure of is in ``Rule.notes`` (Vietnamese),
and a text it could not read at all becomes ``manual`` with a note. ``describe(rule)`` writes a rule back
in the standard phrasing, which ``read_rule`` reads back to the same rule.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, replace

from cchc_desktop.i18n import format_number, tr
from cchc_desktop.text import strip_marks

OPTIONS, YESNO, BANDS, RATIO, PER_ITEM, DEDUCTION, MANUAL, SURVEY, PROVINCE = (
    "options", "yesno", "bands", "ratio", "per_item", "deduction", "manual", "survey", "province")
KINDS = (OPTIONS, YESNO, BANDS, RATIO, PER_ITEM, DEDUCTION, MANUAL, SURVEY, PROVINCE)
KIND_LABELS = {OPTIONS: "Chọn mức", YESNO: "Có/Không", BANDS: "Theo mức tỷ lệ/số lượng", RATIO: "Tỷ lệ × điểm",
               PER_ITEM: "Cộng điểm theo số lượng", DEDUCTION: "Trừ điểm theo vi phạm", MANUAL: "Tự nhập điểm",
               SURVEY: "Điều tra xã hội học (tỉnh chấm)", PROVINCE: "Cấp trên chấm"}
NOT_SELF_SCORED = (SURVEY, PROVINCE)
NA_FULL, NA_EXCLUDE = "full", "exclude"

_NUM = r"\d+(?:[.,]\d+)?"
# A clause's points: "…: 1 điểm", "…: 1", "… được 0,5 điểm", "… (0,25đ)".
_POINTS = re.compile(rf"(?:[:=]\s*(?:duoc\s+)?(?P<a>{_NUM})\s*(?:diem\b|d\b)?|(?P<b>{_NUM})\s*(?:diem\b|d\b)|"
                     rf"[:=]?\s*\b(?P<z>khong)\s+(?:(?:tinh|duoc|cho|dat)\s+)?diem\b)")
_SURVEY = re.compile(r"dieu\s+tra\s+xa\s+hoi\s+hoc|khao\s+sat|phieu\s+(?:dieu\s+tra|hoi|lay\s+y\s+kien)|"
                     r"muc\s+do\s+hai\s+long\s+cua\s+nguoi\s+dan|sipas")
_PROVINCE = re.compile(r"^(?:(?:ket\s+qua\s+)?tham\s+dinh\s+cua\s+(?:so|hoi\s+dong|ubnd|cap\s+tren|doan))\b|"
                       r"^(?:so|phong|hoi\s+dong|ubnd\s+(?:tinh|huyen)|ban\s+chi\s+dao)\b[^.;]{0,40}?\b(?:cham|danh\s+gia|tham\s+dinh)"
                       r"|\bdo\s+(?:so|hoi\s+dong|ubnd\s+(?:tinh|huyen)|ban\s+chi\s+dao|doan|to\s+(?:cong\s+tac|tham\s+dinh)"
                       r"|cap\s+tren|co\s+quan\s+(?:danh\s+gia|tham\s+dinh))\b[^.;]{0,60}?\b(?:cham|danh\s+gia|tham\s+dinh|xac\s+dinh)"
                       r"|\b(?:cap\s+tren|hoi\s+dong\s+tham\s+dinh|so\s+noi\s+vu)\s+(?:cham|danh\s+gia)\b")
_MULTIPLY = re.compile(rf"[x×*]\s*(?:\(?\s*(?P<n>{_NUM})\s*\)?(?:\s*diem)?|(?:so\s+)?diem\s+toi\s+da)")
# "2 x (A/B)", "Điểm tối đa × (A/B)": the factor written first
_MULTIPLY_FIRST = re.compile(rf"(?:(?<![\d,./])(?P<n>{_NUM})\s*(?:diem\s*)?|diem\s+toi\s+da\s*)[x×*]\s*\(?[^()]*?[/:]")
_RATIO_HINT = re.compile(r"[^\d\s/]\s*/\s*[^\d\s/]|ty\s+le|\bti\s+le|phan\s+tram|%|\([^():]*\w\s*:\s*\w[^():]*\)")
_DEDUCT = re.compile(rf"(?<!ngoai\s)\b(?:tru|giam)\s+(?P<n>{_NUM})\s*(?:diem\b|d\b)")
# "tối đa trừ 1 điểm", "trừ tối đa 1 điểm", "không trừ quá 1 điểm", "tổng số điểm trừ không vượt quá 1 điểm",
# "số điểm bị trừ tối đa là 1 điểm"
_DEDUCT_CAP = re.compile(rf"(?:(?:tong\s+)?(?:so\s+)?diem\s+(?:bi\s+)?(?:tru|giam)|khong\s+(?:tru|giam)\s+qua|"
                         rf"(?:tru|giam)\s+toi\s+da|toi\s+da\s+(?:chi\s+)?(?:tru|giam)|(?:tru|giam)\s+khong\s+qua)"
                         rf"[^;.\d]{{0,30}}?(?P<n>{_NUM})\s*(?:diem\b|d\b)")
_POINTS_ONLY = re.compile(rf"(?P<n>{_NUM})\s*(?:diem\b|d\b)")
_PER_SLASH = re.compile(rf"(?P<n>{_NUM})\s*(?:diem|d)\s*/\s*(?:01\s+|1\s+|mot\s+|moi\s+)?[a-z]")
_PER = re.compile(rf"\b(?:moi|cu|01|mot)\b[^;.]*?(?:duoc|cong|tinh|dat)?\s*(?P<n>{_NUM})\s*(?:diem\b|d\b)")
_CAP = re.compile(rf"(?:toi\s+da|khong\s+qua|nhung\s+khong\s+vuot\s+qua|khong\s+vuot\s+qua)\s*(?:la\s+)?(?P<n>{_NUM})\s*(?:diem|d\b)")
_EMPTY_FULL = re.compile(r"(?:khong\s+phat\s+sinh|khong\s+co\s+[^;.]{0,60}?(?:thi|van)|chua\s+phat\s+sinh)"
                         r"[^;.]{0,80}?(?:diem\s+toi\s+da|toi\s+da|du\s+diem|dat\s+diem|tinh\s+diem\s+toi\s+da)")
# When the item does not apply to the commune: "… không áp dụng / không phát sinh … thì được điểm tối đa" (full
# points), or "… không tính điểm, điểm tối đa được trừ tương ứng" (left out of the commune's maximum).
_NOT_THERE = r"(?:khong\s+ap\s+dung|khong\s+phat\s+sinh|chua\s+phat\s+sinh|khong\s+co\s+[^;.]{0,50}?(?:thi|van)\b)"
_NA_EXCLUDE = re.compile(_NOT_THERE + r"[^;]{0,100}?(?:khong\s+tinh\s+(?:diem|vao)|khong\s+cham|loai\s+(?:tru|khoi)|"
                         r"tru\s+(?:vao\s+|khoi\s+)?(?:tong\s+)?(?:so\s+)?diem\s+toi\s+da|(?:tru|giam)\s+tuong\s+ung)")
_NA_FULL = re.compile(_NOT_THERE + r"[^;]{0,100}?(?:diem\s+toi\s+da|du\s+diem|tinh\s+toi\s+da|(?:dat|duoc)\s+toi\s+da)")
_ZERO_WORDS = re.compile(r"^(?:khong|chua|hoac\s+khong)\b")
# "Không phát sinh", "không phát hiện vấn đề phải xử lý", "không có hồ sơ trễ hạn", "B = 0": nothing to handle.
_NOTHING = re.compile(r"\b(?:khong|chua)\s+(?:phat\s+sinh|phat\s+hien|co\s+(?:ho\s+so|van\s+ban|van\s+de|truong\s+hop|"
                      r"vu\s+viec|phan\s+anh|kien\s+nghi|don|vi\s+pham|sai\s+sot)|co\s+[^;:]{0,40}?\b(?:phai|can)\s|"
                      r"duoc\s+(?:giao|phan\s+cap)|ban\s+hanh|thuc\s+hien\s+nhiem\s+vu)|"
                      r"\b[a-z]\s*=\s*0\b|\bbang\s+0\b|\btong\s+so\b[^;]{0,40}?\b(?:=\s*0|bang\s+0)")
_NEGATION = re.compile(r"\b(?:khong|chua)\b|\b[a-z]\s*=\s*0\b|\bbang\s+0\b")
_FULL_POINTS = re.compile(r"diem\s+toi\s+da|toi\s+da\s+(?:so\s+)?diem|du\s+(?:so\s+)?diem|(?:tinh|dat|duoc)\s+toi\s+da")
_SENTENCES = re.compile(r"[;\n]|\.(?!\d)")


@dataclass(frozen=True)
class Option:
    label: str
    points: float


@dataclass(frozen=True)
class Band:
    """Values from ``low`` to ``high`` (None: unbounded); ``*_open`` leaves that edge out.
    ``otherwise`` catches every value no other band holds ("không thực hiện: 0 điểm")."""
    points: float
    low: float | None = None
    low_open: bool = False
    high: float | None = None
    high_open: bool = False
    otherwise: bool = False

    def holds(self, value: float) -> bool:
        if self.otherwise:
            return False
        if self.low is not None and (value < self.low or (self.low_open and value == self.low)):
            return False
        if self.high is not None and (value > self.high or (self.high_open and value == self.high)):
            return False
        return True


@dataclass(frozen=True)
class Rule:
    kind: str
    options: tuple[Option, ...] = ()
    bands: tuple[Band, ...] = ()
    percent: bool = False            # bands on a percentage (0–100), not on a count
    factor: float | None = None      # ratio: the points at 100 %; None means the item's maximum
    per: float = 0.0                 # per_item: points each; deduction: points taken off each
    cap: float | None = None         # per_item: at most; deduction: at most taken off; None: the item's maximum
    empty_full: bool = False         # ratio: nothing to handle (0/0) earns the maximum
    na: str | None = None            # "full" | "exclude" | None (the criteria set's default)
    notes: tuple[str, ...] = ()      # what the reader was unsure of, in Vietnamese

    @property
    def self_scored(self) -> bool:
        return self.kind not in NOT_SELF_SCORED

    @property
    def sure(self) -> bool:
        return not self.notes

    def confirmed(self) -> "Rule":
        return replace(self, notes=())

    def highest(self) -> float | None:
        """The most points the rule itself can give (None: as much as the item's maximum)."""
        if self.kind in (OPTIONS, YESNO):
            return max((o.points for o in self.options), default=0.0)
        if self.kind == BANDS:
            return max((b.points for b in self.bands), default=0.0)
        if self.kind == RATIO:
            return self.factor
        if self.kind == PER_ITEM:
            return self.cap
        return None

    def lowest(self, max_points: float) -> float:
        """The fewest points the rule can give (a deduction capped at ``cap`` never goes below max − cap)."""
        if self.kind == DEDUCTION and self.cap is not None:
            return max(0.0, max_points - self.cap)
        return 0.0

    def to_json(self) -> str:
        data = {k: v for k, v in asdict(self).items() if v not in ((), None, False, 0.0) or k == "kind"}
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "Rule":
        data = json.loads(text)
        data["options"] = tuple(Option(**o) for o in data.get("options", ()))
        data["bands"] = tuple(Band(**b) for b in data.get("bands", ()))
        data["notes"] = tuple(data.get("notes", ()))
        return cls(**data)


def number(text: str) -> float:
    return float(text.replace(",", "."))


# ---------------------------------------------------------------------------------------------- reading

def read_rule(text: str, max_points: float | None = None) -> Rule:
    """The rule a "Hướng dẫn chấm điểm" text states. Never raises; what is unsure is in ``notes``."""
    raw = " ".join((text or "").split())
    s = strip_marks(raw)
    if not s:
        return Rule(MANUAL, notes=(tr("Không có hướng dẫn chấm điểm: hãy chọn cách chấm."),))
    na = NA_EXCLUDE if _NA_EXCLUDE.search(s) else NA_FULL if _NA_FULL.search(s) or _nothing_full(s, max_points) \
        else None
    # "Tổ chức khảo sát: 1 điểm; không: 0" is the commune's own task; only a text without levels of points
    # leaves the scoring to the survey or the province.
    levels = len(_POINTS.findall(s)) >= 2
    if _SURVEY.search(s) and not levels:
        return Rule(SURVEY, na=na)
    if _PROVINCE.search(s) and not levels:
        return Rule(PROVINCE, na=na)
    for reader in (_ratio, _deduction, _per_item):
        rule = reader(raw, s, max_points)
        if rule is not None:
            return _unused(_checked(replace(rule, na=na), max_points), s, max_points)
    clauses = _clauses(raw, s)
    if clauses:
        return _unused(_checked(replace(_from_clauses(clauses), na=na), max_points), s, max_points)
    return Rule(MANUAL, na=na, notes=(tr("Chưa hiểu cách chấm “{text}”: hãy chọn cách chấm và điền các mức điểm.",
                                         text=_short(raw)),))


def _unused(rule: Rule, s: str, max_points: float | None) -> Rule:
    """Every amount of points the text names must be in the rule as read; one that is not means a clause was
    not understood, and is said (the guard against losing part of a text without a word)."""
    used = {o.points for o in rule.options} | {b.points for b in rule.bands} | {0.0}
    used |= {x for x in (rule.factor, rule.per, rule.cap, max_points) if x is not None}
    if rule.kind == DEDUCTION and max_points is not None and rule.cap is not None:
        used.add(max_points - rule.cap)
    named = {_value(m) for m in _POINTS.finditer(s)} | {number(m.group("n")) for m in _POINTS_ONLY.finditer(s)}
    lost = sorted(value for value in named if not any(abs(value - u) < 1e-9 for u in used))
    if not lost:
        return rule
    return replace(rule, notes=rule.notes + (tr("Hướng dẫn có mức {values} chưa được dùng khi tính điểm: hãy kiểm tra "
                                               "cách chấm.", values=", ".join(_pts(v) for v in lost)),))


def _nothing_full(s: str, max_points: float | None) -> bool:
    """A sentence saying that with nothing to handle the item gets its maximum: "Trường hợp không phát hiện vấn đề
    phải xử lý thì được điểm tối đa", "Không có hồ sơ trễ hạn: 2 điểm" (2 being the maximum), "B = 0 thì được tối đa"."""
    for sentence in _SENTENCES.split(s):
        if _NEGATION.search(sentence) and _FULL_POINTS.search(sentence):
            return True         # "Trường hợp xã không có ĐVSNCL: tiêu chí này được tính điểm tối đa"
        if not _NOTHING.search(sentence):
            continue
        points = [_value(m) for m in _POINTS.finditer(sentence)]
        if max_points and points and points[-1] == max_points:
            return True
    return False


def _value(match: re.Match) -> float:
    if match.group("z"):
        return 0.0
    return number(match.group("a") or match.group("b"))


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _ratio(raw: str, s: str, max_points: float | None) -> Rule | None:
    multiply = _MULTIPLY.search(s)
    if not multiply or not _RATIO_HINT.search(s[:multiply.start()]):
        multiply = _MULTIPLY_FIRST.search(s)
        if not multiply or not _RATIO_HINT.search(s[multiply.start():]):
            return None
    factor = number(multiply.group("n")) if multiply.group("n") else None
    return Rule(RATIO, factor=factor, empty_full=bool(_EMPTY_FULL.search(s)) or _nothing_full(s, max_points))


def _deduction(raw: str, s: str, _max_points: float | None) -> Rule | None:
    match = _DEDUCT.search(s)
    if not match:
        return None
    cap = _DEDUCT_CAP.search(s)
    if cap is not None and cap.start() <= match.start() < cap.end():      # "trừ tối đa 1 điểm" only: no per-item
        match = _DEDUCT.search(s, cap.end())
        if match is None:
            return None
    return Rule(DEDUCTION, per=number(match.group("n")), cap=number(cap.group("n")) if cap else None)


def _per_item(raw: str, s: str, _max_points: float | None) -> Rule | None:
    slash = _PER_SLASH.search(s)        # "0,5 điểm/sáng kiến (tối đa 2 điểm)"
    if slash is not None:
        cap = _CAP.search(s)
        return Rule(PER_ITEM, per=number(slash.group("n")), cap=number(cap.group("n")) if cap else None)
    if _PER.search(s) is None or re.search(r"\bmoi\b|\bcu\b", s) is None:
        return None
    cap = _CAP.search(s)
    if cap is None and len(_POINTS.findall(s)) > 1:
        return None     # "mỗi quý có báo cáo: 1 điểm; không: 0" is a choice, not points per item
    # The points each are the amount outside the cap, before or after "mỗi": "Cộng 0,5 điểm cho mỗi mô hình,
    # tối đa không quá 1,5 điểm" as well as "Mỗi sáng kiến được 0,5 điểm, tối đa 1 điểm".
    each = [m for m in _POINTS_ONLY.finditer(s) if cap is None or not cap.start() <= m.start() < cap.end()]
    if not each:
        return None
    return Rule(PER_ITEM, per=number(each[0].group("n")), cap=number(cap.group("n")) if cap else None)


@dataclass
class _Clause:
    label: str
    points: float


def _clauses(raw: str, s: str) -> list[_Clause]:
    """"label: N điểm" pieces, in order; the label is the text since the previous piece (or, where the
    points come first — "1 điểm: ban hành đúng hạn; 0,5 điểm: ban hành chậm" —, the text up to the next)."""
    first = _POINTS.search(s)
    if first and not s[:first.start()].strip(" -–+•*;.\n"):
        return _points_first(raw, s)
    found, start = [], 0
    for match in _POINTS.finditer(s):
        label = raw[start:match.start()]
        start = match.end()
        label = re.sub(r"^[\s;,.)\-–+•*]+|[\s:=(\-–]+$", "", label)
        label = re.sub(r"\s+(?:được|đạt|thì|là)$", "", label, flags=re.I).strip(" ,;:")
        if not label:
            continue
        found.append(_Clause(label, _value(match)))
    return found


def _points_first(raw: str, s: str) -> list[_Clause]:
    matches = list(_POINTS.finditer(s))
    found = []
    for match, following in zip(matches, matches[1:] + [None]):
        label = raw[match.end():following.start() if following else len(raw)]
        label = re.sub(r"^[\s:=\-–,]+|[\s;,.\-–+•*]+$", "", label)
        label = re.sub(r"^(?:nếu|khi|đối với|trường hợp)\s+", "", label, flags=re.I).strip()
        if label:
            found.append(_Clause(label, _value(match)))
    return found


def _from_clauses(clauses: list[_Clause]) -> Rule:
    # "Không phát sinh: 2 điểm" among bands is what không áp dụng earns (read into ``na``), not a band.
    levels = [c for c in clauses if not _NOTHING.search(strip_marks(c.label))]
    # "thiếu 1 báo cáo", "chậm 2 ngày": a number of what is missing is a level to choose, not a value band
    missing = any(re.search(r"\b(?:thiếu|chậm|trễ)\b", c.label.lower()) for c in levels)   # not "chấm"
    bands = [None if missing else _band(c.label, c.points) for c in levels]
    if any(b is not None and not b.otherwise and b.low != b.high for b in bands):
        # beside "từ 02 cuộc trở lên", "Tổ chức 01 cuộc" means exactly one
        bands = [b if b is not None else _one_number(c.label, c.points) for b, c in zip(bands, levels)]
    if levels and sum(b is not None and not b.otherwise for b in bands) >= max(1, len(levels) - 1) and all(bands):
        percent = any("%" in c.label for c in clauses)
        notes = tuple(tr("Mức “{label}” được hiểu là mọi giá trị không thuộc các mức khác ({p}).", label=_short(c.label),
                         p=_pts(c.points)) for c, b in zip(levels, bands) if b.otherwise and c.points > 0)
        return _checked_bands(Rule(BANDS, bands=tuple(bands), percent=percent, notes=notes))
    options = tuple(Option(_cap_first(c.label), c.points) for c in clauses)
    folded = [strip_marks(o.label).strip(" .") for o in options]
    if len(options) == 2 and folded[0] in ("co", "dat", "co thuc hien") and folded[1].startswith(("khong", "chua")):
        return Rule(YESNO, options=(Option("Có", options[0].points), Option("Không", options[1].points)))
    if len(options) == 1:
        return Rule(YESNO, options=(Option("Có", options[0].points), Option("Không", 0.0)),
                    notes=(tr("Hướng dẫn chỉ có một mức điểm (“{label}”): đã hiểu là Có/Không, Không được 0 điểm.",
                              label=_short(options[0].label)),))
    if len({strip_marks(o.label) for o in options}) < len(options):
        return Rule(OPTIONS, options=options, notes=(tr("Có hai mức cùng tên: hãy sửa lại tên các mức."),))
    return Rule(OPTIONS, options=options)


def _cap_first(label: str) -> str:
    return label[:1].upper() + label[1:]


_BAND_FORMS = (
    (re.compile(rf"({_NUM})\s*%?\s*tro\s+xuong"), "at_most"),
    # "95% ≤ x < 98%", "80% <= tỷ lệ <= 90%"
    (re.compile(rf"({_NUM})\s*%?\s*(<=|≤|<)\s*[a-z ]{{0,20}}?\s*(<=|≤|<)\s*({_NUM})\s*%?"), "compare"),
    (re.compile(rf"\btu\s+({_NUM})\s*%?\s*(?:den|toi|-|–)\s*(?:het\s+)?(duoi\s+)?({_NUM})\s*%?"), "from_to"),
    (re.compile(rf"\btren\s+({_NUM})\s*%?\s*(?:den|toi|-|–)\s*(?:het\s+)?(duoi\s+)?({_NUM})\s*%?"), "above_to"),
    # "90 - dưới 95%", "80 đến 90%": a range written without "từ"
    (re.compile(rf"(?<![\d,.])({_NUM})\s*%?\s*(?:-|–|den)\s*(duoi\s+|<\s*)?({_NUM})\s*%?"), "from_to"),
    (re.compile(rf"(?:\btu\s+|>=\s*|≥\s*)?({_NUM})\s*%?\s*tro\s+len"), "at_least"),
    (re.compile(rf"(?:>=|≥|\btu)\s*({_NUM})\s*%?"), "at_least"),
    (re.compile(rf"(?:\bduoi|\bnho\s+hon|\bthap\s+hon|\bit\s+hon|<)\s*({_NUM})\s*%?"), "below"),
    (re.compile(rf"(?:\btren|\blon\s+hon|\bcao\s+hon|\bnhieu\s+hon|>)\s*({_NUM})\s*%?"), "above"),
    (re.compile(rf"(?:\bden|\btoi\s+da|\bkhong\s+qua|<=|≤)\s*({_NUM})\s*%?"), "at_most"),
    (re.compile(rf"({_NUM})\s*%?\s*(?:-|–)\s*({_NUM})\s*%"), "span"),
    (re.compile(rf"({_NUM})\s*%?\s*tro\s+xuong"), "at_most"),
)
# "Đạt 100%", "hoàn thành 100% kế hoạch", "1 cuộc": one value exactly (a number with %, or leading the label).
_EXACT = re.compile(rf"^(?:(?:dat|co|duoc|bang|=)\s*)?({_NUM})(?!\s*/)|(?<![\d/.,])({_NUM})\s*%")


def _band(label: str, points: float) -> Band | None:
    s = strip_marks(label)
    for pattern, form in _BAND_FORMS:
        m = pattern.search(s)
        if not m:
            continue
        a = number(m.group(1))
        if form == "compare":
            return Band(points, a, m.group(2) == "<", number(m.group(4)), m.group(3) == "<")
        if form == "from_to":
            return Band(points, a, False, number(m.group(3)), bool(m.group(2)))
        if form == "above_to":
            return Band(points, a, True, number(m.group(3)), bool(m.group(2)))
        if form == "span":
            return Band(points, a, False, number(m.group(2)), False)
        return {"at_least": Band(points, a), "below": Band(points, high=a, high_open=True),
                "above": Band(points, a, True), "at_most": Band(points, high=a)}[form]
    if _ZERO_WORDS.search(s.strip()):
        return Band(points, otherwise=True)
    m = _EXACT.search(s.strip())
    if m and len(re.findall(_NUM, s)) == 1 and (m.group(1) is None or m.start() == 0):
        value = number(m.group(1) or m.group(2))
        return Band(points, value, False, value, False)
    return None


def _one_number(label: str, points: float) -> Band | None:
    numbers = re.findall(r"(?<![\d/.,])\d{1,4}(?![\d/.,])", strip_marks(label))
    if len(numbers) != 1 or re.search(r"\d+\s*/\s*\d+", label):
        return None
    value = float(int(numbers[0]))
    return Band(points, value, False, value, False)


def _checked_bands(rule: Rule) -> Rule:
    """Edges that two bands both hold are given to the higher band (and said); a gap is said."""
    notes = list(rule.notes)
    bands = [b for b in rule.bands if not b.otherwise]
    fixed = list(rule.bands)
    for i, a in enumerate(bands):
        for b in bands[i + 1:]:
            for edge in {x for x in (a.low, a.high, b.low, b.high) if x is not None}:
                if a.holds(edge) and b.holds(edge):
                    lower = a if a.points < b.points else b
                    index = fixed.index(lower)
                    fixed[index] = replace(lower, high_open=True) if lower.high == edge else replace(lower, low_open=True)
                    notes.append(tr("Mức {v} thuộc cả hai khoảng: đã tính vào mức điểm cao hơn.",
                                    v=format_number(edge) + ("%" if rule.percent else "")))
    rule = replace(rule, bands=tuple(fixed), notes=tuple(notes))
    gap = _gap(rule)
    if gap is not None:
        rule = replace(rule, notes=rule.notes + (tr("Giá trị {v} không thuộc mức nào (được tính 0 điểm): hãy kiểm tra "
                                                    "các mức.",
                                                    v=format_number(gap) + ("%" if rule.percent else "")),))
    return rule


def _gap(rule: Rule) -> float | None:
    if any(b.otherwise for b in rule.bands):
        return None
    top = 100.0 if rule.percent else max((b.high or b.low or 0) for b in rule.bands) + 1
    edges = sorted({x for b in rule.bands for x in (b.low, b.high) if x is not None} | {0.0, top})
    probes = set(edges)
    if not rule.percent and all(float(x).is_integer() for x in edges):
        probes |= set(map(float, range(int(top) + 1)))      # counts: only whole numbers can be typed
    else:
        probes |= {(x + y) / 2 for x, y in zip(edges, edges[1:])}
    for value in sorted(probes):
        if 0 <= value <= top and not any(b.holds(value) for b in rule.bands):
            return value
    return None


def _checked(rule: Rule, max_points: float | None) -> Rule:
    if max_points is None:
        return rule
    highest = rule.highest()
    if highest is not None and highest > max_points + 1e-9:
        return replace(rule, notes=rule.notes + (tr("Mức điểm cao nhất ({a}) lớn hơn điểm tối đa ({b}): sẽ tính "
                                                   "không quá {b}.", a=format_number(highest),
                                                   b=format_number(max_points)),))
    if rule.kind in (OPTIONS, YESNO, BANDS) and highest is not None and highest < max_points - 1e-9:
        return replace(rule, notes=rule.notes + (tr("Mức điểm cao nhất ({a}) nhỏ hơn điểm tối đa ({b}).",
                                                   a=format_number(highest), b=format_number(max_points)),))
    return rule


# ---------------------------------------------------------------------------------------------- writing

def _pts(value: float) -> str:
    return tr("{n} điểm", n=format_number(value))


def _edge(value: float, percent: bool) -> str:
    return format_number(value) + ("%" if percent else "")


def band_label(band: Band, percent: bool) -> str:
    if band.otherwise:
        return tr("Không đạt các mức trên")
    lo, hi = band.low, band.high
    if lo is not None and hi is not None and lo == hi:
        return tr("Đạt {v}", v=_edge(lo, percent))
    if hi is None:
        return tr("Trên {v}", v=_edge(lo, percent)) if band.low_open else tr("Từ {v} trở lên", v=_edge(lo, percent))
    if lo is None:
        return tr("Dưới {v}", v=_edge(hi, percent)) if band.high_open else tr("Đến {v}", v=_edge(hi, percent))
    start = tr("Trên {v}", v=_edge(lo, percent)) if band.low_open else tr("Từ {v}", v=_edge(lo, percent))
    end = tr("đến dưới {v}", v=_edge(hi, percent)) if band.high_open else tr("đến {v}", v=_edge(hi, percent))
    return f"{start} {end}"


def describe(rule: Rule) -> str:
    """The rule in the standard phrasing ("Có: 1 điểm; Không: 0 điểm"); ``read_rule`` reads it back."""
    if rule.kind in (OPTIONS, YESNO):
        text = "; ".join(f"{o.label}: {_pts(o.points)}" for o in rule.options)
    elif rule.kind == BANDS:
        text = "; ".join(f"{band_label(b, rule.percent)}: {_pts(b.points)}" for b in rule.bands)
    elif rule.kind == RATIO:
        factor = format_number(rule.factor) if rule.factor is not None else tr("điểm tối đa")
        text = tr("Điểm = (số đạt / tổng số) x {f}", f=factor)
        if rule.empty_full:
            text += tr("; không phát sinh thì được điểm tối đa")
    elif rule.kind == PER_ITEM:
        text = tr("Mỗi trường hợp được {p}", p=_pts(rule.per))
        if rule.cap is not None:
            text += tr(", tối đa {c}", c=_pts(rule.cap))
    elif rule.kind == DEDUCTION:
        text = tr("Mỗi vi phạm trừ {p}", p=_pts(rule.per))
        text += tr(", trừ tối đa {c}", c=_pts(rule.cap)) if rule.cap is not None else tr(", không thấp hơn 0 điểm")
    elif rule.kind == SURVEY:
        text = tr("Điểm do điều tra xã hội học")
    elif rule.kind == PROVINCE:
        text = tr("Điểm do cấp trên chấm")
    else:
        text = tr("Tự nhập điểm")
    if rule.na == NA_FULL:
        text += tr(". Không áp dụng: được điểm tối đa")
    elif rule.na == NA_EXCLUDE:
        text += tr(". Không áp dụng: không tính vào tổng")
    return text


def template(kind: str) -> str:
    """A starting text for each kind, for the officer who picks the kind of a rule by hand."""
    return {OPTIONS: "Thực hiện đầy đủ, kịp thời: 1 điểm; Thực hiện chưa đầy đủ: 0,5 điểm; Không thực hiện: 0 điểm",
            YESNO: "Có: 1 điểm; Không: 0 điểm",
            BANDS: "Từ 95% trở lên: 1 điểm; Từ 80% đến dưới 95%: 0,5 điểm; Dưới 80%: 0 điểm",
            RATIO: "Điểm = (số đạt / tổng số) x 1; không phát sinh thì được điểm tối đa",
            PER_ITEM: "Mỗi trường hợp được 0,5 điểm, tối đa 1 điểm",
            DEDUCTION: "Mỗi vi phạm trừ 0,5 điểm",
            SURVEY: "Điểm do điều tra xã hội học", PROVINCE: "Điểm do cấp trên chấm",
            MANUAL: ""}[kind]


def rule_for_kind(kind: str, text: str, max_points: float | None = None) -> Rule:
    """The officer chose the kind: read ``text`` as that kind (``manual`` needs none)."""
    if kind == MANUAL:
        return Rule(MANUAL)
    rule = read_rule(text, max_points)
    if rule.kind == kind or (kind == OPTIONS and rule.kind == YESNO):
        return rule
    return replace(rule, kind=MANUAL, notes=(tr("Nội dung không khớp cách chấm “{kind}”.", kind=tr(KIND_LABELS[kind])),))


__all__ = ["Rule", "Option", "Band", "read_rule", "describe", "template", "rule_for_kind", "band_label", "KINDS",
           "KIND_LABELS"]
