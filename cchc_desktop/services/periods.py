"""The reporting calendar: four periods a year, each with its data cut-off window and the
date the report is due. Provinces set their own dates, so two presets ship and every date
can be edited."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from cchc_desktop.errors import NotFound, ValidationError
from cchc_desktop.i18n import format_date, tr, year_problem
from cchc_desktop.services.audit import UPDATE, diff

KINDS = ("Q1", "H1", "Q3", "9M", "Y")
KIND_LABELS = {"Q1": "Quý I", "H1": "6 tháng", "Q3": "Quý III", "9M": "9 tháng", "Y": "Năm"}
KIND_TITLES = {"Q1": "quý I", "H1": "6 tháng đầu năm", "Q3": "quý III", "9M": "9 tháng", "Y": "năm"}
EMPTY, IN_PROGRESS, CLOSED = "empty", "in_progress", "closed"
STATUS_LABELS = {EMPTY: "Chưa nhập", IN_PROGRESS: "Đang nhập", CLOSED: "Đã chốt"}
PRESET_KEY = "calendar.preset"
THIRD_KEY = "calendar.third"   # "Q3" or "9M"

# (start month, start day, year offset), (end month, end day), (due month, due day)
PRESETS: dict[str, tuple[str, dict[str, tuple]]] = {
    "bnv": ("Theo hướng dẫn của Bộ Nội vụ (581/BNV-CCHC)", {
        "Q1": ((12, 15, -1), (3, 14), (3, 15)),
        "H1": ((12, 15, -1), (6, 14), (6, 15)),
        "Q3": ((6, 15, 0), (9, 14), (9, 15)),
        "9M": ((12, 15, -1), (9, 14), (9, 15)),
        "Y": ((12, 15, -1), (12, 14), (12, 15)),
    }),
    "vinh_loc": ("Theo Kế hoạch CCHC xã Vĩnh Lộc (chốt ngày 05, gửi ngày 07)", {
        "Q1": ((12, 5, -1), (3, 5), (3, 7)),
        "H1": ((12, 5, -1), (6, 5), (6, 7)),
        "Q3": ((6, 5, 0), (9, 5), (9, 7)),
        "9M": ((12, 5, -1), (9, 5), (9, 7)),
        "Y": ((12, 5, -1), (12, 5), (12, 7)),
    }),
}
DEFAULT_PRESET = "bnv"
_KEY = re.compile(r"^(\d{4})-(Q1|H1|Q3|9M|Y)$", re.I)


@dataclass(frozen=True)
class Period:
    id: int
    year: int
    kind: str
    start_on: date
    end_on: date
    due_on: date
    closed_at: str | None = None
    closed_by: str | None = None

    @property
    def key(self) -> str:
        return f"{self.year}-{self.kind}"

    @property
    def label(self) -> str:
        if self.kind == "Y":
            return tr("Năm {year}", year=self.year)
        return tr("{kind} năm {year}", kind=tr(KIND_LABELS[self.kind]), year=self.year)

    @property
    def title(self) -> str:
        """As a report names it: "quý I năm 2026", "6 tháng đầu năm 2026", "năm 2026"."""
        if self.kind == "Y":
            return tr("năm {year}", year=self.year)
        if self.kind == "H1":   # "6 tháng đầu năm" already ends with "năm"
            return tr("6 tháng đầu năm {year}", year=self.year)
        return tr("{kind} năm {year}", kind=tr(KIND_TITLES[self.kind]), year=self.year)

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    def window_text(self) -> str:
        return tr("{a} – {b}", a=format_date(self.start_on), b=format_date(self.end_on))


def preset_dates(preset: str, kind: str, year: int) -> tuple[date, date, date]:
    (sm, sd, offset), (em, ed), (dm, dd) = PRESETS[preset][1][kind]

    import calendar     # here: a start reads the periods, it does not lay out a calendar

    def safe(y, m, d):
        return date(y, m, min(d, calendar.monthrange(y, m)[1]))
    return safe(year + offset, sm, sd), safe(year, em, ed), safe(year, dm, dd)


def _period(row) -> Period:
    return Period(row["id"], row["year"], row["kind"], date.fromisoformat(row["start_on"]),
                  date.fromisoformat(row["end_on"]), date.fromisoformat(row["due_on"]), row["closed_at"],
                  row["closed_by"])


class PeriodService:
    def __init__(self, session):
        self.session = session

    # ------------------------------------------------------------------ reading

    def preset(self) -> str:
        value = self.session.profile.setting(PRESET_KEY, DEFAULT_PRESET)
        return value if value in PRESETS else DEFAULT_PRESET

    def third_kind(self) -> str:
        return "9M" if self.session.profile.setting(THIRD_KEY, "Q3") == "9M" else "Q3"

    def list(self, year: int) -> list[Period]:
        rows = self.session.rows("SELECT * FROM report_periods WHERE year = ? ORDER BY end_on", (year,))
        return [_period(r) for r in rows]

    def years(self) -> list[int]:
        return [r[0] for r in self.session.rows("SELECT DISTINCT year FROM report_periods ORDER BY year DESC")]

    def get(self, period_id: int) -> Period:
        """Raises ``NotFound`` when there is no such record."""
        row = self.session.one("SELECT * FROM report_periods WHERE id = ?", (period_id,))
        if row is None:
            raise NotFound(tr("Không tìm thấy kỳ báo cáo số {id}.", id=period_id))
        return _period(row)

    def by_key(self, key: str) -> Period:
        """ "2026-Q1", "2026-H1", "2026-Q3" / "2026-9M", "2026-Y"; the year's calendar is made if missing.

        Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        match = _KEY.match((key or "").strip())
        if not match:
            raise ValidationError(tr("Kỳ báo cáo “{key}” không đúng dạng.", key=key),
                                  tr("Hãy viết như 2026-Q1, 2026-H1, 2026-Q3 (hoặc 2026-9M), 2026-Y."))
        year, kind = int(match.group(1)), match.group(2).upper()
        self.ensure_year(year)
        row = self.session.one("SELECT * FROM report_periods WHERE year = ? AND kind = ?", (year, kind))
        if row is None:
            other = "9M" if kind == "Q3" else "Q3"
            raise ValidationError(tr("Năm {year} báo cáo kỳ thứ ba là {other}, không phải {kind}.", year=year,
                                     other=KIND_LABELS[other], kind=KIND_LABELS[kind]),
                                  tr("Hãy dùng {year}-{other} hoặc đổi cách báo cáo trong lịch báo cáo.",
                                     year=year, other=other))
        return _period(row)

    def planned(self, year: int) -> list[Period]:
        """The year's periods as stored, or else as the preset would make them (id 0, nothing written): what a
        read-only look at a year without a calendar shows.

        Raises ``ValidationError`` when the year is refused."""
        if not 2000 <= year <= 2100:
            raise ValidationError(tr("Năm {year} không hợp lệ.", year=year))
        existing = self.list(year)
        if existing:
            return existing
        preset = self.preset()
        return [Period(0, year, kind, *preset_dates(preset, kind, year))
                for kind in ("Q1", "H1", self.third_kind(), "Y")]

    def untouched(self, period: Period) -> bool:
        """Made by the program from the preset (a page or command needed the year) and never changed since."""
        if period.closed or self.session.one("SELECT 1 FROM audit_log WHERE entity = 'period' AND entity_id = ? "
                                             "LIMIT 1", (period.id,)):
            return False
        kind = period.kind
        return any((period.start_on, period.end_on, period.due_on) == preset_dates(name, kind, period.year)
                   for name in PRESETS if kind in PRESETS[name][1])

    def status(self, period: Period) -> str:
        if period.closed:
            return CLOSED
        if not period.id:
            return EMPTY
        typed = self.session.one("SELECT 1 FROM stat_values WHERE period_id = ? AND (raw IS NOT NULL AND raw <> '')"
                                 " LIMIT 1", (period.id,))
        return IN_PROGRESS if typed else EMPTY

    def previous(self, period: Period) -> Period | None:
        """The period before: the same year's earlier one, or last year's annual report."""
        row = self.session.one("SELECT * FROM report_periods WHERE end_on < ? ORDER BY end_on DESC LIMIT 1",
                               (period.end_on.isoformat(),))
        return _period(row) if row else None

    def due_soon(self, today: date, days: int = 7) -> list[Period]:
        """Open periods whose report is due within ``days`` days, or already late."""
        limit = (today + timedelta(days=days)).isoformat()
        rows = self.session.rows("SELECT * FROM report_periods WHERE closed_at IS NULL AND due_on <= ? "
                                 "AND due_on >= ? ORDER BY due_on",
                                 (limit, (today - timedelta(days=30)).isoformat()))
        return [_period(r) for r in rows]

    def current(self, today: date) -> Period | None:
        """The open period whose report is due next (what an officer is filling in now)."""
        self.ensure_year(today.year)
        row = self.session.one("SELECT * FROM report_periods WHERE closed_at IS NULL AND due_on >= ? "
                               "ORDER BY due_on LIMIT 1", ((today - timedelta(days=30)).isoformat(),))
        return _period(row) if row else None

    # ------------------------------------------------------------------ writing

    def ensure_year(self, year: int) -> list[Period]:
        """The year's four periods, made from the chosen preset the first time they are needed.

        Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        if not 2000 <= year <= 2100:
            raise ValidationError(tr("Năm {year} không hợp lệ.", year=year))
        existing = self.list(year)
        if existing:
            return existing
        preset, third = self.preset(), self.third_kind()
        with self.session.transaction() as conn:
            for kind in ("Q1", "H1", third, "Y"):
                start, end, due = preset_dates(preset, kind, year)
                conn.execute("INSERT OR IGNORE INTO report_periods (year, kind, start_on, end_on, due_on) "
                             "VALUES (?, ?, ?, ?, ?)", (year, kind, start.isoformat(), end.isoformat(),
                                                        due.isoformat()))
        return self.list(year)

    def update(self, period_id: int, start: date, end: date, due: date) -> None:
        """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        period = self.get(period_id)
        for value, what, field in ((start, tr("Ngày bắt đầu"), "start_on"), (end, tr("Ngày chốt số liệu"), "end_on"),
                                   (due, tr("Hạn gửi báo cáo"), "due_on")):
            problem = year_problem(value, what)
            if problem:
                raise ValidationError(problem, field=field)
        if start > end:
            raise ValidationError(tr("Ngày bắt đầu chốt số liệu ({a}) sau ngày kết thúc ({b}).", a=format_date(start),
                                     b=format_date(end)), field="start_on")
        if due < end:
            raise ValidationError(tr("Hạn gửi báo cáo ({d}) trước ngày chốt số liệu ({b}).", d=format_date(due),
                                     b=format_date(end)), field="due_on")
        if period.closed:
            raise ValidationError(tr("{label} đã chốt số liệu; hãy mở lại trước khi sửa lịch.", label=period.label))
        changes = diff({"start_on": period.start_on, "end_on": period.end_on, "due_on": period.due_on},
                       {"start_on": start, "end_on": end, "due_on": due})
        if not changes:
            return
        with self.session.transaction() as conn:
            conn.execute("UPDATE report_periods SET start_on = ?, end_on = ?, due_on = ? WHERE id = ?",
                         (start.isoformat(), end.isoformat(), due.isoformat(), period_id))
            self.session.audit.record("period", period_id, UPDATE, changes, period_id=period_id)

    def apply_preset(self, year: int, preset: str, third: str | None = None) -> None:
        """Re-date the year's open periods from a preset; the third one may become 9 tháng (or back).

        Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        if preset not in PRESETS:
            raise ValidationError(tr("Mẫu lịch báo cáo không hợp lệ."))
        third = third or self.third_kind()
        with self.session.transaction():
            self.session.profile.set_setting(PRESET_KEY, preset)
            self.session.profile.set_setting(THIRD_KEY, third)
            self.ensure_year(year)
            for period in self.list(year):
                kind = third if period.kind in ("Q3", "9M") else period.kind
                if period.closed:
                    continue
                start, end, due = preset_dates(preset, kind, year)
                if kind != period.kind:
                    self.session.conn.execute("UPDATE report_periods SET kind = ? WHERE id = ?", (kind, period.id))
                    self.session.audit.record("period", period.id, UPDATE, {"kind": (period.kind, kind)},
                                              period_id=period.id)
                self.update(period.id, start, end, max(due, end))
