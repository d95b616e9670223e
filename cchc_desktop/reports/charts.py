"""Charts on paper: the periodic report's appendix of charts, and the overview as one page for a meeting.
Both hold the same three charts the overview shows (``cchc_desktop.charts.overview``), drawn from the
same descriptions; the report's count its tasks as the report does (at the cut-off, tasks with sub-tasks
through their sub-tasks)."""
from __future__ import annotations

from datetime import date

from cchc_desktop.charts import overview as co
from cchc_desktop.charts.layout import natural_height
from cchc_desktop.charts.model import Chart
from cchc_desktop.i18n import format_date, tr
from cchc_desktop.model import DONE, IN_PROGRESS, NOT_STARTED, SUSPENDED, CommuneProfile, Plan
from cchc_desktop.reports import document as d
from cchc_desktop.reports import parts
from cchc_desktop.reports.context import ReportContext
from cchc_desktop.statistics.form import PERCENT, RATIO

POINTS_PER_MM = 72 / 25.4
FIGURE_GAP = 3.0            # mm: the space after each chart (the PDF writer's spacer, and a little more)
APPENDIX_HEADING = 52.0     # mm: label, title on two lines, caption on two lines, the cut-off line
SHEET_HEADING = 64.0        # mm: letterhead, title, subject, the summary line
MIN_SIZE = 7.5              # pt: the smallest chart text on paper


def page_room(heading: float) -> float:
    return d.A4_HEIGHT - d.MARGIN_TOP - d.MARGIN_BOTTOM - heading


def figures(charts: list[Chart], room: float, width: float = d.text_width(False),
            size: float = d.CHART_SIZE) -> list[d.Figure]:
    """The charts as figures sharing ``room`` mm of height, each as tall as it needs with rows of a
    comfortable height; when together they need more, all are laid out in a smaller size (the same for
    every chart, never below ``MIN_SIZE``), and if that is not enough their heights are cut alike."""
    if not charts:
        return []
    available = room - FIGURE_GAP * len(charts)
    while True:
        natural = [natural_height(chart, width * POINTS_PER_MM, size) / POINTS_PER_MM for chart in charts]
        if sum(natural) <= available or size <= MIN_SIZE:
            break
        size = max(MIN_SIZE, size * 0.92)
    factor = min(1.0, available / sum(natural))
    return [d.Figure(chart, height * factor, size) for chart, height in zip(charts, natural)]


# ---------------------------------------------------------------------------- the periodic report

def report_charts(ctx: ReportContext) -> list[Chart]:
    """The three charts as of the report's cut-off date."""
    counts = {key: {DONE: f.done, IN_PROGRESS: f.in_progress, NOT_STARTED: f.not_started, SUSPENDED: f.suspended}
              for key, f in ctx.facts.items() if key is not None}
    completion = co.completion_chart(ctx.domains, counts, clickable=False)
    overdue_rows = ctx.scope_facts(None).overdue_rows
    overdue = co.overdue_chart(unit_counts(overdue_rows), len(overdue_rows), clickable=False)
    periods = ctx.chart_periods or []
    candidates = [(i.code, i.name) for i in ctx.form.indicators if i.kind in (RATIO, PERCENT)] if ctx.form else []
    indicators = co.indicators_chart(co.pick_indicators(candidates, periods), periods, ctx.year, clickable=False)
    return [completion, overdue, indicators]


def unit_counts(rows) -> list[co.UnitCount]:
    """Overdue tasks per lead unit, from task rows (a task led by two units counts for each)."""
    found: dict[int | None, co.UnitCount] = {}
    for row in rows:
        for unit in row.leads or (None,):
            key = unit.id if unit is not None else None
            old = found.get(key)
            found[key] = co.UnitCount(key, unit.name if unit else "", unit.abbreviation if unit else "",
                                      (old.tasks if old else 0) + 1)
    return list(found.values())


def charts_appendix(ctx: ReportContext, label: str) -> d.Part:
    note = d.Paragraph(tr("(Số liệu tính đến ngày {d}, theo {plan})", d=format_date(ctx.as_of),
                          plan=parts.plan_reference(ctx.plan)), d.CENTER)
    return d.Part([note, *figures(report_charts(ctx), page_room(APPENDIX_HEADING))], landscape=False,
                  label=label, title=tr("BIỂU ĐỒ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH {period}",
                                        period=ctx.period.title.upper()),
                  caption=parts.caption(ctx.draft, ctx.profile, ctx.year))


# ---------------------------------------------------------------------------- the overview for a meeting

def overview_sheet(profile: CommuneProfile, plan: Plan, charts: list[Chart], today: date,
                   summary: str) -> d.Document:
    """One A4 page: the commune's heading, the plan, the figures of the day and the three charts."""
    from cchc_desktop.reports.listings import KIND_TITLES
    title = tr("TÌNH HÌNH THỰC HIỆN\nKẾ HOẠCH {kind} NĂM {year}", kind=KIND_TITLES.get(plan.kind, ""), year=plan.year)
    head = d.Letterhead(parts.issuer_lines(profile), None, parts.place_date(profile, today, plan.year))
    blocks = [d.Paragraph(summary, d.CENTER), *figures(charts, page_room(SHEET_HEADING))]
    subject = tr("Theo {plan}", plan=parts.plan_reference(plan))
    meta = d.Meta(title=tr("Tình hình thực hiện kế hoạch năm {y}", y=plan.year),
                  author=profile.issuer or profile.commune, subject=subject,
                  keywords=f"cchc-desktop=1;kind=overview;plan={plan.id}")
    return d.Document(head, title, [subject], d.Part(blocks), meta=meta)
