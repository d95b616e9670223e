"""Plans (Kế hoạch): create, edit, list by year, delete to the bin and restore."""
from __future__ import annotations

import re
from datetime import date

from cchc_desktop.errors import NotFound, ValidationError
from cchc_desktop.i18n import format_date, tr, year_problem
from cchc_desktop.model import PLAN_KINDS, Plan, PlanInput
from cchc_desktop.services.audit import CREATE, DELETE, RESTORE, UPDATE, diff
from cchc_desktop.text import strip_controls

# "235/KH-UBND", "/KH-UBND" (not numbered yet), "12/2026/QĐ-UBND".
_NUMBER = re.compile(r"^\d{0,5}(?:/\d{4})?/[A-ZĐ]{1,6}(?:-[A-ZĐ&]{1,10}){0,3}$")


def _plan(row) -> Plan:
    return Plan(row["id"], row["title"], row["number"],
                date.fromisoformat(row["issued_on"]) if row["issued_on"] else None,
                row["year"], row["kind"], row["issuer"], row["deleted_at"], bool(row["draft"]),
                row["previous_plan_id"])


def normalize_number(number: str) -> str:
    """Tidy a number/symbol the way it is printed: "235 / kh-ubnd" → "235/KH-UBND"."""
    text = re.sub(r"\s*([/-])\s*", r"\1", strip_controls(number or "").strip()).upper()
    return text.replace("QD", "QĐ").replace("ND-", "NĐ-")


def validate_plan(data: PlanInput) -> PlanInput:
    """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
    title = " ".join(strip_controls(data.title or "").split())
    if not title:
        raise ValidationError(tr("Chưa nhập tên kế hoạch."),
                              tr("Ví dụ: Kế hoạch cải cách hành chính xã Vĩnh Lộc năm 2026."), field="title")
    if not isinstance(data.year, int) or not 2000 <= data.year <= 2100:
        raise ValidationError(tr("Năm kế hoạch “{year}” không hợp lệ.", year=data.year),
                              tr("Hãy nhập năm có 4 chữ số, ví dụ 2026."), field="year")
    if data.kind not in PLAN_KINDS:
        raise ValidationError(tr("Loại kế hoạch không hợp lệ."), field="kind")
    number = normalize_number(data.number)
    if number and not _NUMBER.match(number):
        raise ValidationError(tr("Số, ký hiệu “{number}” không đúng dạng.", number=data.number),
                              tr("Hãy nhập theo dạng 235/KH-UBND (có thể để trống số: /KH-UBND)."),
                              field="number")
    problem = year_problem(data.issued_on, tr("Ngày ban hành"))
    if problem:
        raise ValidationError(problem, field="issued_on")
    if data.issued_on and data.issued_on.year not in (data.year - 1, data.year, data.year + 1):
        raise ValidationError(
            tr("Ngày ban hành {d} cách quá xa năm kế hoạch {year}.", d=format_date(data.issued_on),
               year=data.year), tr("Hãy kiểm tra lại ngày ban hành hoặc năm kế hoạch."), field="issued_on")
    return PlanInput(title, data.year, data.kind, number, data.issued_on, " ".join(strip_controls(data.issuer).split()))


class PlanService:
    def __init__(self, session):
        self.session = session

    def list(self, year: int | None = None, *, deleted: bool = False) -> list[Plan]:
        where = "deleted_at IS NOT NULL" if deleted else "deleted_at IS NULL"
        params: tuple = ()
        if year is not None:
            where += " AND year = ?"
            params = (year,)
        rows = self.session.rows(f"SELECT * FROM plans WHERE {where} ORDER BY year DESC, id", params)
        return [_plan(r) for r in rows]

    def pick(self, plan_id: int | None, year: int | None = None) -> Plan:
        """The plan a command means: the one named, or the only one (of that year).

        Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        if plan_id:
            return self.get(plan_id)
        plans = self.list(year)
        if year is not None and len(plans) > 1:
            plans = [p for p in plans if p.kind == "CCHC"] or plans
            plans = [p for p in plans if not p.draft] or plans      # a draft is not yet the year's plan
        if len(plans) == 1:
            return plans[0]
        if not plans:
            where = tr(" của năm {y}", y=year) if year else ""
            raise ValidationError(tr("Chưa có kế hoạch nào{where}.", where=where),
                                  tr("Hãy tạo kế hoạch hoặc chạy lệnh demo trước."))
        listing = "; ".join(f"{p.id} = {p.year} {p.title}" for p in plans)
        raise ValidationError(tr("Có {n} kế hoạch, chưa biết dùng kế hoạch nào.", n=len(plans)),
                              tr("Hãy thêm --plan với một trong các mã: {listing}", listing=listing))

    def years(self) -> list[int]:
        return [r[0] for r in self.session.rows(
            "SELECT DISTINCT year FROM plans WHERE deleted_at IS NULL ORDER BY year DESC")]

    def get(self, plan_id: int) -> Plan:
        """Raises ``NotFound`` when there is no such record."""
        row = self.session.one("SELECT * FROM plans WHERE id = ? AND deleted_at IS NULL", (plan_id,))
        if row is None:
            raise NotFound(tr("Không tìm thấy kế hoạch số {id}.", id=plan_id),
                           tr("Kế hoạch có thể đã bị xóa. Hãy chọn kế hoạch khác."))
        return _plan(row)

    def create(self, data: PlanInput) -> int:
        data = validate_plan(data)
        now = self.session.clock.now()
        with self.session.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO plans (title, number, issued_on, year, kind, issuer, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (data.title, data.number, data.issued_on.isoformat() if data.issued_on else None,
                 data.year, data.kind, data.issuer, now, now))
            plan_id = cur.lastrowid
            self.session.audit.record("plan", plan_id, CREATE, {"title": (None, data.title)},
                                      plan_id=plan_id)
        return plan_id

    def update(self, plan_id: int, data: PlanInput) -> None:
        """A draft ("Dự thảo") stops being one once it has a number and a date of issue.

        Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        data = validate_plan(data)
        old = self.get(plan_id)
        changes = diff(
            {"title": old.title, "number": old.number, "issued_on": old.issued_on, "year": old.year,
             "kind": old.kind, "issuer": old.issuer},
            {"title": data.title, "number": data.number, "issued_on": data.issued_on,
             "year": data.year, "kind": data.kind, "issuer": data.issuer})
        issued = Plan(plan_id, data.title, data.number, data.issued_on, data.year, data.kind).has_number \
            and data.issued_on is not None
        draft = old.draft and not issued
        if old.draft and not draft:
            changes["draft"] = (tr("Dự thảo"), None)
        if not changes:
            return
        with self.session.transaction() as conn:
            conn.execute(
                "UPDATE plans SET title = ?, number = ?, issued_on = ?, year = ?, kind = ?, issuer = ?,"
                " updated_at = ?, draft = ? WHERE id = ?",
                (data.title, data.number, data.issued_on.isoformat() if data.issued_on else None,
                 data.year, data.kind, data.issuer, self.session.clock.now(), int(draft), plan_id))
            if "year" in changes:
                self.session.tasks.refresh_due_dates(plan_id)
            self.session.audit.record("plan", plan_id, UPDATE, changes, plan_id=plan_id)

    def delete(self, plan_id: int) -> None:
        self.get(plan_id)
        with self.session.transaction() as conn:
            conn.execute("UPDATE plans SET deleted_at = ? WHERE id = ?", (self.session.clock.now(), plan_id))
            self.session.audit.record("plan", plan_id, DELETE, plan_id=plan_id)

    def restore(self, plan_id: int) -> None:
        """Raises ``NotFound`` when there is no such record."""
        with self.session.transaction() as conn:
            cur = conn.execute("UPDATE plans SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL",
                               (plan_id,))
            if cur.rowcount == 0:
                raise NotFound(tr("Không có kế hoạch số {id} trong thùng rác.", id=plan_id))
            self.session.audit.record("plan", plan_id, RESTORE, plan_id=plan_id)

    def counted(self, year: int) -> int | None:
        """The year's CCHC plan, the one the statistics count (the first one entered when there are several,
        so a plan added later never changes the scope). PAR Index and PAPI plans are reported on their own,
        never added in; a draft ("Dự thảo", made from last year's plan and not yet numbered and dated) is
        never counted."""
        row = self.session.one(
            "SELECT id FROM plans WHERE year = ? AND deleted_at IS NULL AND draft = 0"
            " ORDER BY kind <> 'CCHC', id LIMIT 1", (year,))
        return row["id"] if row else None

    def has_framework(self, plan_id: int, framework: str) -> bool:
        row = self.session.one("SELECT 1 FROM tasks WHERE plan_id = ? AND framework = ? "
                               "AND deleted_at IS NULL LIMIT 1", (plan_id, framework))
        return row is not None
