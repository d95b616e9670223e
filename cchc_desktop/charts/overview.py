"""The three charts of the overview (and of the periodic report's chart appendix), described from counts:

- completion by domain: a bar per domain split by status, "done/total (rate)" after it;
- overdue tasks by lead unit: a bar per unit, the most overdue first;
- the main indicators of the statistics form across the year's periods.

Each bar carries what a click on it opens on screen (``target``):
``("domain", framework, code, status)`` (status "" for the whole domain), ``("overdue", unit ids)``
(None among the ids: tasks without a lead unit), ``("indicator", period id, code)``.
"""
from __future__ import annotations

from dataclasses import dataclass

from cchc_desktop.charts.model import (DONE_COLOUR, IN_PROGRESS_COLOUR, NOT_STARTED_COLOUR, OVERDUE_COLOUR,
                                       PERIOD_COLOURS, SUSPENDED_COLOUR, HATCH, Bar, Chart, Segment, Series,
                                       fixed_number, percent_decimals)
from cchc_desktop.i18n import format_number, tr
from cchc_desktop.model import DONE, IN_PROGRESS, NOT_STARTED, SUSPENDED, Domain, status_label

COMPLETION, OVERDUE, INDICATORS = "completion", "overdue", "indicators"
# Left to right: what is done first, so the domains' progress lines up from the axis.
STATUS_ORDER = (DONE, IN_PROGRESS, NOT_STARTED, SUSPENDED)
STATUS_COLOURS = {DONE: DONE_COLOUR, IN_PROGRESS: IN_PROGRESS_COLOUR, NOT_STARTED: NOT_STARTED_COLOUR,
                  SUSPENDED: SUSPENDED_COLOUR}
OVERDUE_UNITS = 8            # bars of the overdue chart; the other units share one bar
MAIN_INDICATORS = 3          # indicators on the indicators chart (more would not read at 1366×768, 125 %)
# Preferred when the catalog has them (Phụ lục 01b): on-time dossiers, fully online dossiers, electronic
# documents, feedback answered. Any other percentage with values fills the rest.
PREFERRED_INDICATORS = ("III.4.4", "VII.3.1", "VII.2", "III.5")
CLICK_HINT = "Nhấp để xem các nhiệm vụ này."


def percent_text(part: int, whole: int, decimals: int = 1) -> str:
    return tr("{p} %", p=fixed_number(100 * part / whole, decimals)) if whole else "—"


def _hint(clickable: bool, text: str = CLICK_HINT) -> str:
    return "\n" + tr(text) if clickable else ""


def completion_chart(domains: list[Domain], counts: dict[tuple[str, str], dict[str, int]], *,
                     clickable: bool = True, caption: str = "") -> Chart:
    """``counts``: tasks per (framework, domain code) and status. Domains without tasks are left out."""
    series = tuple(Series(status_label(s), STATUS_COLOURS[s], HATCH if s == SUSPENDED else "solid")
                   for s in STATUS_ORDER)
    bars = []
    totals = [(c.get(DONE, 0), sum(c.values())) for c in counts.values() if sum(c.values())]
    decimals = percent_decimals(100 * done / total for done, total in totals)    # one way for every rate
    for domain in domains:
        by_status = counts.get((domain.framework, domain.code), {})
        total = sum(by_status.values())
        if not total:
            continue
        prefix = "PAPI " if domain.framework == "PAPI" else ""
        key = (domain.framework, domain.code)
        segments = tuple(
            Segment(i, by_status.get(status, 0), ("domain", *key, status),
                    tr("{domain}\n{status}: {n} nhiệm vụ", domain=domain.title, status=status_label(status),
                       n=format_number(by_status.get(status, 0))) + _hint(clickable))
            for i, status in enumerate(STATUS_ORDER) if by_status.get(status, 0))
        done = by_status.get(DONE, 0)
        breakdown = "; ".join(f"{status_label(s)}: {format_number(by_status.get(s, 0))}" for s in STATUS_ORDER)
        bars.append(Bar(f"{prefix}{domain.code}. {domain.short}", segments, short=f"{prefix}{domain.code}",
                        note=tr("{done}/{total} ({rate})", done=format_number(done), total=format_number(total),
                                rate=percent_text(done, total, decimals)),
                        target=("domain", *key, ""),
                        tooltip=f"{domain.title}\n{breakdown}" + _hint(clickable, "Nhấp để mở lĩnh vực này.")))
    return Chart(COMPLETION, tr("Tiến độ thực hiện nhiệm vụ theo lĩnh vực"), tuple(bars), series,
                 empty=tr("Kế hoạch chưa có nhiệm vụ nào."), caption=caption, stacked=True)


@dataclass(frozen=True)
class UnitCount:
    unit_id: int | None          # None: tasks with no lead unit
    name: str
    abbreviation: str
    tasks: int


def overdue_chart(units: list[UnitCount], overdue_tasks: int, *, clickable: bool = True,
                  caption: str = "") -> Chart:
    """``units``: overdue tasks per lead unit (a task led by two units counts for each);
    ``overdue_tasks``: how many overdue tasks there are in all."""
    ranked = sorted(units, key=lambda u: (-u.tasks, u.unit_id is None, u.name))
    shown, rest = ranked[:OVERDUE_UNITS], ranked[OVERDUE_UNITS:]
    if len(rest) == 1:
        shown, rest = ranked, []
    bars = []
    for unit in shown:
        name = unit.name if unit.unit_id is not None else tr("Chưa phân công chủ trì")
        target = ("overdue", (unit.unit_id,))
        tip = tr("{unit}: {n} nhiệm vụ quá hạn", unit=name, n=format_number(unit.tasks)) + _hint(clickable)
        bars.append(Bar(name, (Segment(0, unit.tasks, target, tip),), short=unit.abbreviation, target=target,
                        tooltip=tip))
    if rest:
        target = ("overdue", tuple(u.unit_id for u in rest))
        n = sum(u.tasks for u in rest)
        tip = tr("{k} đơn vị khác: {names}", k=len(rest), names="; ".join(u.abbreviation or u.name for u in rest))
        bars.append(Bar(tr("Các đơn vị khác ({k})", k=len(rest)), (Segment(0, n, target, tip + _hint(clickable)),),
                        target=target, tooltip=tip + _hint(clickable)))
    shared = sum(u.tasks for u in units) > overdue_tasks
    notes = [caption] if caption else []
    if overdue_tasks:
        notes.append(tr("Tổng số: {n} nhiệm vụ quá hạn.", n=format_number(overdue_tasks)))
    if shared:
        notes.append(tr("Nhiệm vụ có nhiều đơn vị chủ trì được tính cho từng đơn vị."))
    return Chart(OVERDUE, tr("Nhiệm vụ quá hạn theo đơn vị chủ trì"), tuple(bars),
                 (Series(tr("Nhiệm vụ quá hạn"), OVERDUE_COLOUR),), legend=False,
                 empty=tr("Không có nhiệm vụ quá hạn."), caption=" ".join(notes))


@dataclass(frozen=True)
class PeriodValues:
    period_id: int
    label: str                         # "Quý I", "6 tháng", "Quý III", "Năm"
    values: dict[str, float | None]    # indicator code → value (None: blank)


def pick_indicators(candidates: list[tuple[str, str]], periods: list[PeriodValues],
                    limit: int = MAIN_INDICATORS) -> list[tuple[str, str]]:
    """The main percentages to chart: the preferred ones the catalog has, then any other with values, all
    among ``candidates`` (code, name), in the catalog's order; only indicators with at least one value."""
    filled = {code for code, _name in candidates if any(p.values.get(code) is not None for p in periods)}
    preferred = [c for c in PREFERRED_INDICATORS if c in filled]
    others = [code for code, _name in candidates if code in filled and code not in preferred]
    chosen = set((preferred + others)[:limit])
    return [(code, name) for code, name in candidates if code in chosen]


def indicators_chart(indicators: list[tuple[str, str]], periods: list[PeriodValues], year: int, *,
                     clickable: bool = True, caption: str = "") -> Chart:
    """A group of bars per indicator (code, name), one bar per period, valued in %."""
    series = tuple(Series(p.label, PERIOD_COLOURS[min(i, len(PERIOD_COLOURS) - 1)]) for i, p in enumerate(periods))
    decimals = percent_decimals(p.values[code] for code, _name in indicators for p in periods
                                if p.values.get(code) is not None)
    bars = []
    for code, name in indicators:
        for i, period in enumerate(periods):
            value = period.values.get(code)
            target = ("indicator", period.period_id, code)
            tip = tr("{code}. {name}\n{period}: {value}", code=code, name=name, period=period.label,
                     value=tr("{p} %", p=fixed_number(value, decimals)) if value is not None
                     else tr("chưa có số liệu"))
            tip += _hint(clickable, "Nhấp để mở biểu thống kê của kỳ này.")
            segments = (Segment(i, value, target, tip),) if value is not None else ()
            bars.append(Bar(period.label, segments, blank=tr("chưa có số liệu"), target=target, tooltip=tip,
                            group=name))
    return Chart(INDICATORS, tr("Một số chỉ tiêu chủ yếu qua các kỳ báo cáo năm {y}", y=year), tuple(bars),
                 series, percent=True, legend=False,
                 empty=tr("Chưa có số liệu thống kê của năm {y}.", y=year), caption=caption)
