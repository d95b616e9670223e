"""Everything a document is written from, gathered once: the commune, the plan, the period, the
tasks at the document's date, their evidence, the statistics form, and the officer's draft."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from cchc_desktop.i18n import format_date
from cchc_desktop.model import CommuneProfile, Domain, Evidence, Plan, TaskRow
from cchc_desktop.reports.facts import TaskFacts, gather
from cchc_desktop.reports.fields import keyed

BLANK = "\u00a0" * 7     # room left for a hand-written number or day

# Fields the officer can put in their text, with what each becomes. In a domain's section the
# task counts are that domain's; elsewhere, the whole plan's. Indicator codes ({III.4.1}) work too.
FIELD_HELP = {
    "xã": "tên xã", "năm": "năm của kỳ báo cáo", "kỳ": "tên kỳ báo cáo, ví dụ “quý I năm 2026”",
    "ngày chốt": "ngày chốt số liệu", "kế hoạch": "số, ký hiệu của kế hoạch",
    "tổng số nhiệm vụ": "số nhiệm vụ", "hoàn thành": "số nhiệm vụ đã hoàn thành",
    "hoàn thành trong kỳ": "số nhiệm vụ hoàn thành trong kỳ", "đang thực hiện": "số nhiệm vụ đang thực hiện",
    "chưa triển khai": "số nhiệm vụ chưa triển khai", "tạm dừng": "số nhiệm vụ tạm dừng, không thực hiện",
    "quá hạn": "số nhiệm vụ quá hạn", "hoàn thành muộn": "số nhiệm vụ hoàn thành sau hạn",
    "hoàn thành đúng hạn": "số nhiệm vụ đã hoàn thành không muộn hạn",
    "tỷ lệ hoàn thành": "tỷ lệ nhiệm vụ đã hoàn thành (%)",
}


@dataclass
class SectionText:
    text: str
    with_lists: bool = True
    updated_at: str = ""
    updated_by: str = ""


@dataclass
class Draft:
    """The officer's choices for one document: number, date, recipients, signer, edited sections."""
    id: int | None
    plan_id: int
    period_id: int | None
    kind: str
    number: str = ""
    symbol: str = ""
    issued_on: date | None = None
    addressees: str = ""
    recipients: str = ""
    signer_authority: str = ""
    signer_position: str = ""
    signer_name: str = ""
    sections: dict[str, SectionText] = field(default_factory=dict)
    updated_at: str = ""
    with_charts: bool = False    # a periodic report: an appendix of charts after the tables

    @property
    def number_text(self) -> str:
        """"05/BC-UBND": a number under 10 takes a leading zero."""
        number = self.number.strip()
        if number.isdigit() and len(number) == 1:
            number = "0" + number
        if not self.symbol:
            return number
        return f"{number or BLANK}/{self.symbol}"


@dataclass
class ReportContext:
    profile: CommuneProfile
    plan: Plan
    period: object | None            # services.periods.Period
    as_of: date
    rows: list[TaskRow]
    domains: list[Domain]
    evidence: dict[int, list[Evidence]]
    form: object | None              # services.statistics.Form
    draft: Draft
    archive_unit: str = ""
    chart_periods: list = field(default_factory=list)   # charts.overview.PeriodValues, when charts are wanted

    @property
    def year(self) -> int:
        return self.period.year if self.period is not None else self.plan.year

    @cached_property
    def facts(self) -> dict[tuple[str, str] | None, TaskFacts]:
        start = self.period.start_on if self.period is not None else None
        facts = gather(self.rows, start, self.as_of)
        papi = [r for r in self.rows if r.framework == "PAPI"]
        if papi:
            facts[("PAPI", "*")] = gather(papi, start, self.as_of)[None]
        return facts

    def scope_facts(self, scope: tuple[str, str] | None) -> TaskFacts:
        return self.facts.get(scope) or TaskFacts()

    def field_values(self, scope: tuple[str, str] | None) -> dict[str, str]:
        from cchc_desktop.reports import parts   # parts builds on this module
        values = {"xã": self.profile.commune, "năm": str(self.year), "ngày chốt": format_date(self.as_of),
                  "kế hoạch": parts.plan_short(self.plan)}
        if self.period is not None:
            values["kỳ"] = self.period.title
        values.update(self.scope_facts(scope).fields())
        if self.form is not None:
            for code, cell in self.form.cells.items():
                if cell.value is not None:
                    values[code] = (parts.yes_no(cell.indicator, cell.value) if cell.indicator.kind == "yesno"
                                    else cell.indicator.label_of(cell.value))
        return keyed(values)
