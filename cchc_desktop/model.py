"""Domain model: plans, tasks, units, evidence and their Vietnamese names."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from cchc_desktop.deadlines import Deadline, parse_deadline
from cchc_desktop.i18n import tr

NOT_STARTED, IN_PROGRESS, DONE, SUSPENDED = "not_started", "in_progress", "done", "suspended"
STATUSES = (NOT_STARTED, IN_PROGRESS, DONE, SUSPENDED)
STATUS_LABELS = {
    NOT_STARTED: "Chưa triển khai",
    IN_PROGRESS: "Đang thực hiện",
    DONE: "Hoàn thành",
    SUSPENDED: "Tạm dừng/Không thực hiện",
}

PLAN_KINDS = {
    "CCHC": "Kế hoạch cải cách hành chính",
    "PAR_INDEX": "Kế hoạch nâng cao Chỉ số cải cách hành chính (PAR Index)",
    "SIPAS": "Kế hoạch nâng cao Chỉ số hài lòng (SIPAS)",
    "PAPI": "Kế hoạch nâng cao Chỉ số PAPI",
}
FRAMEWORKS = ("PAR", "PAPI")
# The eight reform domains of the PAR programme (NQ 76/NQ-CP, and the province's PAR Index), and the
# eight PAPI dimensions, are numbered I … VIII.
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
UNIT_KINDS = {"unit": "Cơ quan, đơn vị", "group": "Nhóm đơn vị", "external": "Cơ quan bên ngoài"}


def status_label(status: str) -> str:
    return tr(STATUS_LABELS[status])


@dataclass(frozen=True)
class Domain:
    framework: str
    code: str
    name: str
    short: str
    position: int

    @property
    def title(self) -> str:
        prefix = "PAPI " if self.framework == "PAPI" else ""
        return f"{prefix}{self.code}. {self.name}"


@dataclass(frozen=True)
class Unit:
    id: int
    name: str
    abbreviation: str = ""
    kind: str = "unit"
    aliases: tuple[str, ...] = ()
    deleted: bool = False

    @property
    def display(self) -> str:
        return self.name


@dataclass(frozen=True)
class Plan:
    id: int
    title: str
    number: str
    issued_on: date | None
    year: int
    kind: str
    issuer: str = ""
    deleted_at: str | None = None
    draft: bool = False                  # made from last year's plan: "Dự thảo" until it has a number and a date
    previous_plan_id: int | None = None  # the plan it was made from

    @property
    def has_number(self) -> bool:
        """"235/KH-UBND" is a number; "", "/KH-UBND" or "…/KH-UBND" (left blank to fill by hand) is not."""
        return (self.number or "").strip()[:1].isdigit()

    @property
    def display(self) -> str:
        number = f" — {self.number}" if self.number else ""
        return f"{self.year}: {self.title}{number}{self.draft_mark}"

    @property
    def draft_mark(self) -> str:
        """ " (Dự thảo)" after a draft's name, else ""."""
        return tr(" (Dự thảo)") if self.draft else ""


@dataclass
class PlanInput:
    title: str
    year: int
    kind: str = "CCHC"
    number: str = ""
    issued_on: date | None = None
    issuer: str = ""


# A task's note keeps what needs a look after next year's plan was made from this one, one line each:
# "Cần xem lại thời gian: …" (a deadline not moved safely), "Cần xem lại: …" (a name, product or unit).
REVIEW_MARK = "Cần xem lại"
REVIEW_TIME = "Cần xem lại thời gian:"


def review_lines(note: str) -> list[str]:
    return [line.strip() for line in (note or "").splitlines() if line.strip().startswith(REVIEW_MARK)]


def without_time_review(note: str) -> str:
    """The note without its "Cần xem lại thời gian: …" line (the deadline was looked at and changed)."""
    return "\n".join(line for line in (note or "").splitlines() if not line.strip().startswith(REVIEW_TIME))


@dataclass
class TaskInput:
    """Everything a user can set on a task. ``None`` for ids means "not given"."""
    plan_id: int
    framework: str
    domain_code: str
    name: str
    parent_id: int | None = None
    code: str = ""
    product: str = ""
    deadline_text: str = ""
    lead_ids: list[int] = field(default_factory=list)
    coordinator_ids: list[int] = field(default_factory=list)
    note: str = ""
    status: str = NOT_STARTED
    status_reason: str = ""
    progress: int = 0
    result: str = ""
    completed_on: date | None = None
    start_text: str = ""        # "Bắt đầu" as the plan writes it, verbatim


@dataclass(frozen=True)
class TaskRow:
    """A task as lists and reports show it (units resolved, evidence counted)."""
    id: int
    plan_id: int
    plan_year: int
    framework: str
    domain_code: str
    parent_id: int | None
    code: str
    position: int
    name: str
    product: str
    deadline_text: str
    due_on: date | None
    status: str
    status_reason: str
    progress: int
    result: str
    completed_on: date | None
    note: str
    leads: tuple[Unit, ...]
    coordinators: tuple[Unit, ...]
    evidence_count: int
    updated_at: str = ""
    deleted_at: str | None = None
    start_text: str = ""
    previous_id: int | None = None      # last year's task it was carried from (``plans rollover``)

    @property
    def deadline(self) -> Deadline:
        return parse_deadline(self.deadline_text, self.plan_year)

    @property
    def review(self) -> list[str]:
        """The note's lines that ask for a look ("Cần xem lại thời gian: …", written by ``plans rollover``)."""
        return review_lines(self.note)

    @property
    def time_review(self) -> bool:
        """The deadline was moved on from last year's and could not be moved safely: look at it."""
        return any(line.startswith(REVIEW_TIME) for line in self.review)

    @property
    def lead_names(self) -> str:
        return "; ".join(u.name for u in self.leads)

    @property
    def coordinator_names(self) -> str:
        return "; ".join(u.name for u in self.coordinators)

    def is_overdue(self, today: date) -> bool:
        return self.status in (NOT_STARTED, IN_PROGRESS) and self.due_on is not None and self.due_on < today

    def days_overdue(self, today: date) -> int:
        return (today - self.due_on).days if self.is_overdue(today) else 0

    @property
    def finished_late(self) -> bool:
        return (self.status == DONE and self.due_on is not None and self.completed_on is not None
                and self.completed_on > self.due_on)

    def state_label(self, today: date) -> str:
        """Status with the deadline verdict: "Đang thực hiện — quá hạn 12 ngày"."""
        label = status_label(self.status)
        if self.is_overdue(today):
            return tr("{status} — quá hạn {days} ngày", status=label, days=self.days_overdue(today))
        if self.finished_late:
            days = (self.completed_on - self.due_on).days
            return tr("{status} (muộn {days} ngày)", status=label, days=days)
        return label


@dataclass(frozen=True)
class Evidence:
    id: int
    task_id: int
    sha256: str
    file_name: str
    size: int
    doc_number: str
    doc_date: date | None
    issuer: str
    summary: str
    added_at: str
    added_by: str
    deleted_at: str | None = None


@dataclass
class EvidenceInput:
    doc_number: str = ""
    doc_date: date | None = None
    issuer: str = ""
    summary: str = ""


@dataclass(frozen=True)
class AuditEntry:
    at: str
    officer: str
    entity: str
    entity_id: int | None
    action: str
    field: str | None
    old_value: str | None
    new_value: str | None


@dataclass
class CommuneProfile:
    commune: str = ""
    province: str = ""
    issuer: str = ""
    place: str = ""
    officer: str = ""
    officer_unit: str = ""
    signer_name: str = ""
    signer_authority: str = "TM. ỦY BAN NHÂN DÂN"
    signer_position: str = "CHỦ TỊCH"

    FIELDS = ("commune", "province", "issuer", "place", "officer", "officer_unit",
              "signer_name", "signer_authority", "signer_position")

    @property
    def configured(self) -> bool:
        return bool(self.commune.strip() and self.officer.strip())
