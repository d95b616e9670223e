"""Scores: a pure function of (criteria, declared values). No database, no clock.

- ``parse_value(rule, text)`` reads what the officer declared, the way it is typed ("96,5", "45/50", "có",
  "KAD", an option's label ignoring case, diacritics and spacing).
- ``score_item`` gives one item's points, always within 0 … its maximum (a rule that would give more is
  capped: the province's maximum is the law of the sheet).
- ``score_tree`` adds the items up the tree: a parent's score is the sum of its children's; "không áp dụng"
  either earns the maximum or leaves the item out of the applicable maximum, as the rule (or the set) says,
  and the percentage is of the self-scored applicable maximum (Bộ Nội vụ's method for units whose
  criteria do not all apply).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from cchc_desktop.assessment import rules as R
from cchc_desktop.i18n import format_number, parse_number, tr
from cchc_desktop.text import fold

NA_WORDS = {"kad", "k.a.d", "k a d", "khong ap dung", "n/a", "na"}
YES_WORDS = {"co", "1", "dat", "x", "yes"}
NO_WORDS = {"khong", "0", "chua", "khong dat", "no"}
DEFAULT_BANDS = (("Tốt", 80.0), ("Khá", 70.0), ("Trung bình", 60.0), ("Thấp", 0.0))


@dataclass(frozen=True)
class Declared:
    """A declared value: exactly one of the fields is set (``na`` for không áp dụng)."""
    na: bool = False
    option: str | None = None          # an option's label, as the rule writes it
    number: float | None = None        # a percentage, a count, or points typed by hand
    ratio: tuple[float, float] | None = None
    percent: bool = False              # ``number`` was typed as a percentage ("80%"), as a ratio may be

    def text(self) -> str:
        """As stored and shown, read back to the same value: "KAD", the label, "94,995", "45/50", "80%"."""
        if self.na:
            return "KAD"
        if self.option is not None:
            return self.option
        if self.ratio is not None:
            return f"{_exact(self.ratio[0])}/{_exact(self.ratio[1])}"
        if self.number is None:
            return ""
        return _exact(self.number) + ("%" if self.percent else "")


def _exact(value: float) -> str:
    """Every decimal the officer typed (up to 6): "94,995" must not become "95" and change its band."""
    return format_number(value, 6)


def _key(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isalnum())


def parse_value(rule: R.Rule, text: str, max_points: float | None = None) -> Declared | None:
    """Blank → None. Raises ``ValueError`` with a Vietnamese message saying what to type instead."""
    raw = " ".join((text or "").split())
    if not raw:
        return None
    if fold(raw).strip(" .") in NA_WORDS:
        return Declared(na=True)
    if not rule.self_scored:
        raise ValueError(tr("Tiêu chí này do cấp trên chấm (điều tra xã hội học hoặc thẩm định), xã không tự chấm."))
    if rule.kind in (R.OPTIONS, R.YESNO):
        return Declared(option=_option(rule, raw))
    if rule.kind == R.RATIO:
        return _ratio(raw)
    value = _number(raw)
    if rule.kind == R.BANDS:       # a percentage may pass 100 ("thu ngân sách đạt 102,3% dự toán")
        if value < 0:
            raise ValueError(tr("Giá trị không được âm ({v}).", v=raw))
        return Declared(number=value)
    if rule.kind in (R.PER_ITEM, R.DEDUCTION):
        if value < 0 or not float(value).is_integer():
            raise ValueError(tr("Hãy nhập số lượng là số nguyên không âm, không phải “{v}”.", v=raw))
        return Declared(number=value)
    if max_points is not None and not 0 <= value <= max_points:
        raise ValueError(tr("Điểm tự chấm phải từ 0 đến {m}.", m=format_number(max_points)))
    return Declared(number=value)


_NUMBER_WITH_UNIT = re.compile(r"^\s*([-+]?\d[\d.,]*)\s*%?\s*[^\W\d_]+(?:[\s/][^\W\d_]+)*\s*$")


def _number(raw: str) -> float:
    """ "96,5", and a count written with its unit: "01 cuộc", "3 lần/năm"."""
    with_unit = _NUMBER_WITH_UNIT.match(raw)
    value = parse_number(with_unit.group(1) if with_unit else raw)
    if value is None:
        raise ValueError(tr("Hãy nhập một số."))
    return value


def _option(rule: R.Rule, raw: str) -> str:
    key = _key(raw)
    labels = [o.label for o in rule.options]
    for label in labels:
        if _key(label) == key:
            return label
    words = fold(raw)
    if rule.kind == R.YESNO:
        if words in YES_WORDS:
            return labels[0]
        if words in NO_WORDS:
            return labels[1]
    # "có" / "không" for options written "Có ban hành" / "Không ban hành", or for "Thực hiện" / "Không thực
    # hiện" (the one level that is not a negation); a unique start of a label; words found in one label only.
    negated = [label for label in labels if fold(label).split()[:1] in (["khong"], ["chua"])]
    starting = [label for label in labels if _key(label).startswith(key)]
    if words in ("co", "khong"):
        starting = [label for label in labels if fold(label).split()[:1] == [words]]
        if not starting and len(labels) == 2 and len(negated) == 1:
            starting = negated if words == "khong" else [label for label in labels if label not in negated]
    if not starting and len(key) >= 4:
        starting = [label for label in labels if key in _key(label)]
    if len(starting) == 1:
        return starting[0]
    raise ValueError(tr("“{v}” không phải là một mức của tiêu chí này. Các mức: {labels}.", v=raw,
                        labels="; ".join(labels)))


def _ratio(raw: str) -> Declared:
    if "/" in raw:
        a_text, _, b_text = raw.partition("/")
        try:
            a, b = parse_number(a_text), parse_number(b_text)
        except ValueError:
            a = b = None
        if a is None or b is None or a < 0 or b < 0:
            raise ValueError(tr("Hãy nhập dạng “số đạt/tổng số”, ví dụ 45/50, không phải “{v}”.", v=raw))
        if a > b:
            raise ValueError(tr("Số đạt ({a}) lớn hơn tổng số ({b}).", a=format_number(a), b=format_number(b)))
        return Declared(ratio=(a, b))
    if raw.endswith("%"):
        value = _number(raw)
        if value < 0:
            raise ValueError(tr("Tỷ lệ không được âm ({v}).", v=raw))
        return Declared(number=value, percent=True)
    raise ValueError(tr("Hãy nhập dạng “số đạt/tổng số” (ví dụ 45/50) hoặc một tỷ lệ có dấu % (ví dụ 90%)."))


# ---------------------------------------------------------------------------------------------- scoring

def rounded(value: float) -> float:
    return float(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class ItemScore:
    points: float | None        # None: not scored yet (no value, or not self-scored)
    applicable: bool = True     # False: "không áp dụng" that leaves the maximum out
    problem: str = ""           # why a value gives no score (Vietnamese)


def score_item(rule: R.Rule, max_points: float, declared: Declared | None, na_default: str = R.NA_EXCLUDE
               ) -> ItemScore:
    """The points for one leaf item, in 0 … ``max_points`` (exact: rounding is for showing)."""
    if declared is None:
        return ItemScore(None)
    if declared.na:
        if (rule.na or na_default) == R.NA_FULL:
            return ItemScore(max_points)
        return ItemScore(None, applicable=False)
    if not rule.self_scored:
        return ItemScore(None)
    points, problem = _points(rule, max_points, declared)
    if points is None:
        return ItemScore(None, problem=problem)
    return ItemScore(min(max(points, 0.0), max_points))


def _points(rule: R.Rule, max_points: float, d: Declared) -> tuple[float | None, str]:
    if rule.kind in (R.OPTIONS, R.YESNO):
        for option in rule.options:
            if option.label == d.option:
                return option.points, ""
        return None, tr("Mức “{v}” không còn trong tiêu chí.", v=d.option or d.text())
    if rule.kind == R.BANDS:
        if d.number is None:
            return None, tr("Hãy nhập một số.")
        for band in rule.bands:
            if band.holds(d.number):
                return band.points, ""
        for band in rule.bands:
            if band.otherwise:
                return band.points, ""
        return 0.0, ""      # in no band: no points (the rule carries a note saying so, shown until checked)
    if rule.kind == R.RATIO:
        factor = max_points if rule.factor is None else rule.factor
        if d.ratio is not None:
            a, b = d.ratio
            if b == 0:
                if rule.empty_full:
                    return max_points, ""
                return None, tr("Tổng số bằng 0 mà hướng dẫn không nói cách chấm: hãy chọn Không áp dụng hoặc "
                                "sửa cách chấm.")
            return factor * a / b, ""
        if d.number is not None:
            return factor * d.number / 100, ""
        return None, tr("Hãy nhập dạng “số đạt/tổng số”.")
    if rule.kind == R.PER_ITEM:
        cap = max_points if rule.cap is None else min(rule.cap, max_points)
        return min(cap, (d.number or 0) * rule.per), ""
    if rule.kind == R.DEDUCTION:
        taken = (d.number or 0) * rule.per
        return max(0.0, max_points - (taken if rule.cap is None else min(taken, rule.cap))), ""
    if d.number is None:
        return None, tr("Hãy nhập số điểm.")
    return d.number, ""


@dataclass
class Node:
    """One item of the tree as scoring needs it. ``rule`` is None for a group (lĩnh vực, tiêu chí with parts)."""
    code: str
    parent: str | None
    max_points: float
    rule: R.Rule | None
    declared: Declared | None = None
    province_points: float | None = None


@dataclass
class Result:
    code: str
    max_points: float
    score: float | None = None           # self-score (leaf) or sum of children
    max_self: float = 0.0                # self-scored, applicable maximum
    applicable: bool = True
    scored_by: str = "self"              # self | survey | province
    problem: str = ""
    province_score: float | None = None  # the province's own score (a leaf), or the sum of the reviewed scores
    unscored: int = 0                    # self-scored leaves under it with no score yet
    exact: float | None = None           # ``score`` before rounding: what sums are made of
    province_exact: float | None = None


@dataclass
class Totals:
    items: dict[str, Result] = field(default_factory=dict)
    max_total: float = 0.0
    max_self: float = 0.0
    self_total: float = 0.0
    province_total: float | None = None
    self_exact: float = 0.0
    scored: int = 0                      # self-scored items with a score

    @property
    def percent(self) -> float | None:
        """Of the exact total (29,6167/40 is 74,04 %, not 74,05 from a rounded 29,62); None before any score."""
        return rounded(self.self_exact / self.max_self * 100) if self.max_self and self.scored else None


def parse_bands(text: str) -> list[tuple[str, float]]:
    """ "Tốt=80; Khá=70; Trung bình=60; Thấp=0" → [("Tốt", 80.0), …].

    Raises ``ValueError`` (Vietnamese) for a level not written TÊN=SỐ."""
    bands = []
    for part in (p for p in text.split(";") if p.strip()):
        name, sep, low = part.partition("=")
        try:
            value = parse_number(low) if sep else None
        except ValueError:
            value = None
        if value is None or not name.strip():
            raise ValueError(tr("“{p}” không đúng dạng TÊN=TỶ_LỆ (ví dụ Tốt=80).", p=part.strip()))
        bands.append((" ".join(name.split()), value))
    return bands


def band_for(percent: float | None, bands=DEFAULT_BANDS) -> str:
    """The rating for a percentage, from (name, lowest percent) pairs, best first."""
    if percent is None:
        return ""
    for name, lowest in sorted(bands, key=lambda b: -b[1]):
        if percent >= lowest - 1e-9:
            return name
    return bands[-1][0] if bands else ""


def score_tree(nodes: list[Node], na_default: str = R.NA_EXCLUDE) -> Totals:
    """Every item's result; groups are the sums of their children. ``nodes`` in sheet order.

    Sums are of the exact scores, rounded once (160 items of 0,1875 make 30, not 30,4). Once the province has
    scored any item, its total is the commune's own scores with the province's changes put in, plus what only
    the province scores (survey, thẩm định)."""
    totals = Totals()
    reviewed = any(n.province_points is not None for n in nodes)
    children: dict[str | None, list[Node]] = {}
    for node in nodes:
        children.setdefault(node.parent, []).append(node)

    def visit(node: Node) -> Result:
        kids = children.get(node.code, [])
        result = _leaf(node, na_default, reviewed) if not kids else _group(node, [visit(k) for k in kids])
        totals.items[node.code] = result
        return result

    top = [visit(node) for node in children.get(None, [])]
    totals.max_total = rounded(sum(r.max_points for r in top))
    totals.max_self = rounded(sum(r.max_self for r in top))
    totals.self_exact = sum(r.exact or 0.0 for r in top)
    totals.self_total = rounded(totals.self_exact)
    totals.scored = sum(1 for r in totals.items.values() if r.exact is not None and r.scored_by == "self"
                        and r.code not in children)
    if reviewed:
        totals.province_total = rounded(sum(r.province_exact or 0.0 for r in top))
    return totals


def _sum(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def _group(node: Node, parts: list[Result]) -> Result:
    exact, province = _sum([p.exact for p in parts]), _sum([p.province_exact for p in parts])
    return Result(node.code, node.max_points, _round(exact), sum(p.max_self for p in parts),
                  any(p.applicable for p in parts),
                  "self" if any(p.scored_by == "self" for p in parts) else parts[0].scored_by,
                  province_score=_round(province), unscored=sum(p.unscored for p in parts), exact=exact,
                  province_exact=province)


def _leaf(node: Node, na_default: str, reviewed: bool) -> Result:
    rule = node.rule or R.Rule(R.MANUAL)
    if not rule.self_scored:
        result = Result(node.code, node.max_points, None, 0.0, True, rule.kind)
    else:
        item = score_item(rule, node.max_points, node.declared, na_default)
        result = Result(node.code, node.max_points, _round(item.points),
                        node.max_points if item.applicable else 0.0, item.applicable, "self", item.problem,
                        unscored=int(item.points is None and item.applicable), exact=item.points)
    result.province_score = node.province_points
    result.province_exact = node.province_points
    if reviewed and node.province_points is None:
        result.province_exact = result.exact        # not changed by the province: the commune's own score
    return result


def _round(value: float | None) -> float | None:
    return rounded(value) if value is not None else None
