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

    def text(self) -> str:
        """As stored and shown: "KAD", the label, "96,5", "45/50"."""
        if self.na:
            return "KAD"
        if self.option is not None:
            return self.option
        if self.ratio is not None:
            return f"{format_number(self.ratio[0])}/{format_number(self.ratio[1])}"
        return format_number(self.number) if self.number is not None else ""


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
    if rule.kind == R.BANDS:
        if rule.percent and not 0 <= value <= 100:
            raise ValueError(tr("Tỷ lệ phải từ 0 đến 100%, không phải {v}.", v=raw))
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


def _number(raw: str) -> float:
    value = parse_number(raw)
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
    # "có" / "không" for options written "Có ban hành" / "Không ban hành"; a unique start of a label.
    starting = [label for label in labels if _key(label).startswith(key)]
    if words in ("co", "khong"):
        starting = [label for label in labels if fold(label).split()[:1] == [words]]
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
        if not 0 <= value <= 100:
            raise ValueError(tr("Tỷ lệ phải từ 0 đến 100%, không phải {v}.", v=raw))
        return Declared(number=value)
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
    """The points for one leaf item, in 0 … ``max_points`` (rounded to 0,01)."""
    if declared is None:
        return ItemScore(None)
    if declared.na:
        if (rule.na or na_default) == R.NA_FULL:
            return ItemScore(rounded(max_points))
        return ItemScore(None, applicable=False)
    if not rule.self_scored:
        return ItemScore(None)
    points, problem = _points(rule, max_points, declared)
    if points is None:
        return ItemScore(None, problem=problem)
    return ItemScore(rounded(min(max(points, 0.0), max_points)))


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
        return None, tr("Giá trị {v} không thuộc mức nào của hướng dẫn.", v=d.text())
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
        return max(0.0, max_points - (d.number or 0) * rule.per), ""
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
    province_score: float | None = None
    unscored: int = 0                    # self-scored leaves under it with no score yet


@dataclass
class Totals:
    items: dict[str, Result] = field(default_factory=dict)
    max_total: float = 0.0
    max_self: float = 0.0
    self_total: float = 0.0
    province_total: float | None = None

    @property
    def percent(self) -> float | None:
        return rounded(self.self_total / self.max_self * 100) if self.max_self else None


def band_for(percent: float | None, bands=DEFAULT_BANDS) -> str:
    """The rating for a percentage, from (name, lowest percent) pairs, best first."""
    if percent is None:
        return ""
    for name, lowest in sorted(bands, key=lambda b: -b[1]):
        if percent >= lowest - 1e-9:
            return name
    return bands[-1][0] if bands else ""


def score_tree(nodes: list[Node], na_default: str = R.NA_EXCLUDE) -> Totals:
    """Every item's result; groups are the sums of their children. ``nodes`` in sheet order."""
    totals = Totals()
    children: dict[str | None, list[Node]] = {}
    for node in nodes:
        children.setdefault(node.parent, []).append(node)

    def visit(node: Node) -> Result:
        kids = children.get(node.code, [])
        if not kids:
            totals.items[node.code] = _leaf(node, na_default)
            return totals.items[node.code]
        parts = [visit(k) for k in kids]
        scored = [p.score for p in parts if p.score is not None]
        province = [p.province_score for p in parts if p.province_score is not None]
        result = Result(node.code, node.max_points, rounded(sum(scored)) if scored else None,
                        rounded(sum(p.max_self for p in parts)), any(p.applicable for p in parts),
                        "self" if any(p.scored_by == "self" for p in parts) else parts[0].scored_by,
                        province_score=rounded(sum(province)) if province else None,
                        unscored=sum(p.unscored for p in parts))
        totals.items[node.code] = result
        return result

    top = [visit(node) for node in children.get(None, [])]
    totals.max_total = rounded(sum(r.max_points for r in top))
    totals.max_self = rounded(sum(r.max_self for r in top))
    totals.self_total = rounded(sum(r.score or 0.0 for r in top))
    province = [r.province_score for r in top if r.province_score is not None]
    totals.province_total = rounded(sum(province)) if province else None
    return totals


def _leaf(node: Node, na_default: str) -> Result:
    rule = node.rule or R.Rule(R.MANUAL)
    if not rule.self_scored:
        result = Result(node.code, node.max_points, None, 0.0, True, rule.kind)
    else:
        item = score_item(rule, node.max_points, node.declared, na_default)
        result = Result(node.code, node.max_points, item.points,
                        node.max_points if item.applicable else 0.0, item.applicable, "self", item.problem,
                        unscored=int(item.points is None and item.applicable))
    result.province_score = node.province_points
    return result
