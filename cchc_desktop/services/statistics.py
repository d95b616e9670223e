"""The statistics form per period: the year's indicator catalog, values as typed, checks,
numbers taken from the task register, copying stocks from last period, closing and reopening.

Every change is one transaction with its audit rows. A closed period refuses writes.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from cchc_desktop.errors import NotFound, ValidationError
from cchc_desktop.i18n import parse_number, tr
from cchc_desktop.resources import resource_path
from cchc_desktop.services.audit import UPDATE
from cchc_desktop.services.periods import Period
from cchc_desktop.statistics.form import (KINDS, REGISTER_DONE, REGISTER_PLANNED, YESNO, Cell, Entry,
                                          Indicator, Rule, evaluate_form)
from cchc_desktop.statistics.formula import FormulaError, parse
from cchc_desktop.text import strip_controls

CATALOG_FILE = ("indicators", "phu-luc-01b.json")
MAX_RAW = 40
MAX_COMMENT = 2000


FROZEN_KEY = "frozen.period.{id}"   # settings: what a closed period showed, as it was when closed


@dataclass
class Form:
    period: Period
    indicators: list[Indicator]
    cells: dict[str, Cell]
    plan: object | None = None         # the plan whose tasks the register rows count (model.Plan)

    @property
    def drifted(self) -> list[Cell]:
        """A closed period's register rows the task register now disagrees with (for information only)."""
        return [c for c in self.cells.values() if c.register_now is not None]

    @property
    def violations(self) -> list[tuple[Indicator, str]]:
        return [(c.indicator, v) for c in self.cells.values() for v in c.violations]

    @property
    def blanks(self) -> list[Indicator]:
        return [c.indicator for c in self.cells.values() if c.indicator.enterable and c.value is None]

    def domains(self) -> list[str]:
        return list(dict.fromkeys(i.domain for i in self.indicators))

    def to_json(self) -> list[dict]:
        return [self.cells[i.code].to_json() for i in self.indicators]


def _indicator(row) -> Indicator:
    return Indicator(row["id"], row["code"], row["domain"], row["stt"], row["parent_code"], row["position"],
                     row["name"], row["unit"], row["kind"], row["formula"], row["yes_label"], row["no_label"],
                     bool(row["stock"]), row["source"], row["lead"], row["coordinator"])


def _under(code: str | None, root: str | None, parents: dict[str, str | None]) -> bool:
    """``code`` is the row ``root`` or lies under it, by the parent links, not by the spelling ("II.1" is not
    under "I"); at most one step per row, so links that loop end. Every row lies under None, the catalog's top."""
    for _ in range(len(parents)):
        if code == root:
            return True
        code = parents.get(code)
    return False


def _keep_closed_results(cells: dict[str, Cell], closed: dict[str, float | None]) -> None:
    """A closed period's sums and ratios as they were when it was closed, even when a formula was edited since
    (the report sent upward quoted them); where today's formula gives another number, the cell says so."""
    for code, cell in cells.items():
        if not cell.computed or cell.indicator.source or code not in closed or closed[code] == cell.value:
            continue
        now, cell.value = cell.value, closed[code]
        cell.warnings.append(tr("Công thức của chỉ tiêu đã sửa sau khi chốt kỳ: kỳ đã chốt giữ số {then}; theo công "
                                "thức hiện nay là {now}.", then=cell.indicator.label_of(cell.value),
                                now=cell.indicator.label_of(now)))


class StatisticsService:
    def __init__(self, session):
        self.session = session

    # ------------------------------------------------------------------ catalog

    def indicators(self, year: int) -> list[Indicator]:
        self.ensure_catalog(year)
        rows = self.session.rows("SELECT * FROM indicators WHERE year = ? ORDER BY position", (year,))
        return [_indicator(r) for r in rows]

    def rules(self, year: int) -> list[Rule]:
        rows = self.session.rows("SELECT left, op, right, message FROM indicator_rules WHERE year = ? ORDER BY id",
                                 (year,))
        return [Rule(*r) for r in rows]

    def ensure_catalog(self, year: int) -> None:
        """A year's catalog: last year's (it changes little), else the one the program ships."""
        if self.session.one("SELECT 1 FROM indicators WHERE year = ? LIMIT 1", (year,)):
            return
        earlier = self.session.one("SELECT max(year) FROM indicators WHERE year < ?", (year,))[0]
        if earlier:
            items = [self._as_data(i) for i in self.indicators(earlier)]
            rules = [r.__dict__ for r in self.rules(earlier)]
            self.replace_catalog(year, {"indicators": items, "rules": rules})
        else:
            data = json.loads(resource_path(*CATALOG_FILE).read_text(encoding="utf-8"))
            self.replace_catalog(year, data)

    @staticmethod
    def _as_data(i: Indicator) -> dict:
        return {"code": i.code, "domain": i.domain, "stt": i.stt, "parent": i.parent_code, "name": i.name,
                "unit": i.unit, "kind": i.kind, "formula": i.formula, "yes": i.yes_label, "no": i.no_label,
                "stock": i.stock, "source": i.source, "lead": i.lead, "coordinator": i.coordinator}

    def replace_catalog(self, year: int, data: dict) -> int:
        """Install a catalog for ``year``. Values already typed stay with the rows whose codes remain.

        Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        items = self._validated_catalog(data)
        with self.session.transaction() as conn:
            old = {r["code"]: r["id"] for r in self.session.rows("SELECT id, code FROM indicators WHERE year = ?",
                                                                  (year,))}
            used = {r[0] for r in self.session.rows("SELECT DISTINCT indicator_id FROM stat_values "
                                                    "WHERE raw IS NOT NULL OR comment <> ''")}
            gone = [code for code, ident in old.items() if ident in used and code not in {i["code"] for i in items}]
            if gone:
                raise ValidationError(tr("Danh mục mới bỏ các chỉ tiêu đã có số liệu: {codes}.",
                                         codes=", ".join(gone)),
                                      tr("Hãy giữ lại các chỉ tiêu đó trong danh mục mới."))
            conn.execute("DELETE FROM indicator_rules WHERE year = ?", (year,))
            for position, item in enumerate(items, start=1):
                values = (item["domain"], item["stt"], item.get("parent"), position, item["name"], item.get("unit", ""),
                          item["kind"], item.get("formula", ""), item.get("yes", ""), item.get("no", ""),
                          int(bool(item.get("stock"))), item.get("source", ""), item.get("lead", ""),
                          item.get("coordinator", ""))
                if item["code"] in old:
                    conn.execute("UPDATE indicators SET domain=?, stt=?, parent_code=?, position=?, name=?, unit=?, "
                                 "kind=?, formula=?, yes_label=?, no_label=?, stock=?, source=?, lead=?, "
                                 "coordinator=? WHERE id=?", (*values, old[item["code"]]))
                else:
                    conn.execute("INSERT INTO indicators (year, code, domain, stt, parent_code, position, name, unit, "
                                 "kind, formula, yes_label, no_label, stock, source, lead, coordinator) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                 (year, item["code"], *values))
            keep = {i["code"] for i in items}
            for code, ident in old.items():
                if code not in keep:  # only rows without data get here (checked above)
                    conn.execute("DELETE FROM stat_values WHERE indicator_id = ?", (ident,))
                    conn.execute("DELETE FROM indicators WHERE id = ?", (ident,))
            conn.executemany("INSERT INTO indicator_rules (year, left, op, right, message) VALUES (?, ?, ?, ?, ?)",
                             [(year, r["left"], r["op"], r["right"], r["message"]) for r in data.get("rules", [])])
            self.session.audit.record("catalog", year, UPDATE, {"name": (None, tr("{n} chỉ tiêu", n=len(items)))})
        return len(items)

    def catalog_data(self, year: int) -> dict:
        return {"indicators": [self._as_data(i) for i in self.indicators(year)],
                "rules": [dict(r.__dict__) for r in self.rules(year)]}

    def load_catalog_xlsx(self, year: int, path) -> tuple[int, int]:
        """Replace the year's catalog from an Excel form; rules whose rows remain are kept.
        Returns (indicators loaded, rules dropped)."""
        from cchc_desktop.importers.catalog_xlsx import catalog_from_xlsx
        from cchc_desktop.statistics.formula import references
        data = catalog_from_xlsx(path)
        codes = {i["code"] for i in data["indicators"]}
        rules = self.catalog_data(year)["rules"]
        kept = [r for r in rules if all(c in codes for c in references(r["left"]) + references(r["right"]))]
        data["rules"] = kept
        return self.replace_catalog(year, data), len(rules) - len(kept)

    def save_indicator(self, year: int, original: str | None, item: dict) -> None:
        """Add (``original`` None) or change one row of the year's catalog.

        Raises ``NotFound`` when there is no such record, ``ValidationError`` when the input is refused
        (the reason in Vietnamese; nothing is written)."""
        data = self.catalog_data(year)
        items = data["indicators"]
        if original is None:
            parent = item.get("parent")
            parents = {x["code"]: x.get("parent") for x in items}
            after = max((i for i, x in enumerate(items) if _under(x["code"], parent, parents)),
                        default=len(items) - 1)
            items.insert(after + 1, item)
        else:
            index = next((i for i, x in enumerate(items) if x["code"] == original), None)
            if index is None:
                raise NotFound(tr("Không có chỉ tiêu mã “{code}”.", code=original))
            if item["code"] != original and self._has_values(year, original):
                raise ValidationError(tr("Chỉ tiêu {code} đã có số liệu nên không đổi mã được.", code=original))
            items[index] = item
        self.replace_catalog(year, data)

    def delete_indicator(self, year: int, code: str) -> None:
        """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        from cchc_desktop.statistics.formula import references
        data = self.catalog_data(year)
        if self._has_values(year, code):
            raise ValidationError(tr("Chỉ tiêu {code} đã có số liệu nên không xóa được.", code=code))
        users = [i["code"] for i in data["indicators"] if i.get("formula") and code in references(i["formula"])]
        users += [r["message"][:40] for r in data["rules"] if code in references(r["left"]) + references(r["right"])]
        if any(i.get("parent") == code for i in data["indicators"]):
            users.append(tr("các chỉ tiêu con"))
        if users:
            raise ValidationError(tr("Chỉ tiêu {code} đang được dùng ở: {users}.", code=code, users="; ".join(users)),
                                  tr("Hãy sửa các công thức, quy tắc đó trước."))
        data["indicators"] = [i for i in data["indicators"] if i["code"] != code]
        self.replace_catalog(year, data)

    def save_rules(self, year: int, rules: list[dict]) -> None:
        data = self.catalog_data(year)
        data["rules"] = rules
        self.replace_catalog(year, data)

    def _has_values(self, year: int, code: str) -> bool:
        return self.session.one(
            "SELECT 1 FROM stat_values v JOIN indicators i ON i.id = v.indicator_id WHERE i.year = ? AND i.code = ? "
            "AND (v.raw IS NOT NULL OR v.comment <> '') LIMIT 1", (year, code)) is not None

    def _validated_catalog(self, data: dict) -> list[dict]:
        items = list(data.get("indicators", []))
        if not items:
            raise ValidationError(tr("Danh mục chỉ tiêu trống."))
        codes = set()
        for item in items:
            code = str(item.get("code", "")).strip()
            if not code or code in codes:
                raise ValidationError(tr("Mã chỉ tiêu “{code}” bị trống hoặc trùng.", code=code))
            codes.add(code)
            if item.get("kind") not in KINDS:
                raise ValidationError(tr("Chỉ tiêu {code}: loại “{kind}” không hợp lệ.", code=code,
                                         kind=item.get("kind")))
            if not str(item.get("name", "")).strip():
                raise ValidationError(tr("Chỉ tiêu {code} chưa có tên.", code=code))
        for item in items:
            for text in filter(None, [item.get("formula", "")]):
                self._check_formula(text, codes, item["code"])
        for rule in data.get("rules", []):
            if rule.get("op") not in ("<", "<=", "=", ">=", ">") or not str(rule.get("message", "")).strip():
                raise ValidationError(tr("Quy tắc kiểm tra cần phép so sánh (<, ≤, =, ≥, >) và lời nhắc."))
            for side in (rule["left"], rule["right"]):
                self._check_formula(side, codes, tr("quy tắc “{m}”", m=rule["message"][:40]))
        return items

    @staticmethod
    def _check_formula(text: str, codes: set[str], where: str) -> None:
        from cchc_desktop.statistics.formula import references
        try:
            parse(text)
            missing = [c for c in references(text) if c not in codes]
        except FormulaError as exc:
            raise ValidationError(tr("{where}: {problem}", where=where, problem=str(exc))) from None
        if missing:
            raise ValidationError(tr("{where}: công thức dùng chỉ tiêu không có trong danh mục: {codes}.",
                                     where=where, codes=", ".join(missing)))

    # ------------------------------------------------------------------ the form

    def form(self, period: Period | int, plan_id: int | None = None) -> Form:
        """The form of a period, its register rows counting the tasks of ``plan_id`` (by default the
        year's CCHC plan) as they stood at the period's cut-off. A closed period shows what it showed
        when it was closed."""
        period = self._period(period)
        indicators = self.indicators(period.year)
        entries = self._entries(period.id)
        plan_id = plan_id or self.default_plan_id(period.year)
        frozen = self._frozen(period)
        if frozen is not None:
            before = frozen["previous"]
        else:
            previous = self.session.periods.previous(period)
            before = self.form_values(previous) if previous is not None else {}
        register = self.register_values(period, plan_id)
        cells = evaluate_form(indicators, self.rules(period.year), entries, register, before)
        if frozen is not None:
            now = self._register_at_cutoff(period, plan_id)
            for cell in cells.values():
                source = cell.indicator.source
                if source and cell.register_value != now.get(source):
                    cell.register_now = now.get(source, 0.0)
            _keep_closed_results(cells, frozen.get("values", {}))
        plan = self.session.plans.get(plan_id) if plan_id else None
        return Form(period, indicators, cells, plan)

    def form_values(self, period: Period) -> dict[str, float | None]:
        """The values a period ended with (computed ones included), for "kỳ trước"."""
        frozen = self._frozen(period)
        if frozen is not None and "values" in frozen:
            return dict(frozen["values"])
        indicators = self.indicators(period.year)
        cells = evaluate_form(indicators, self.rules(period.year), self._entries(period.id),
                              self.register_values(period), {})
        return {code: cell.value for code, cell in cells.items()}

    def _entries(self, period_id: int) -> dict[str, Entry]:
        rows = self.session.rows(
            "SELECT i.code, v.* FROM stat_values v JOIN indicators i ON i.id = v.indicator_id WHERE v.period_id = ?",
            (period_id,))
        return {r["code"]: Entry(r["raw"], r["value"], r["comment"], bool(r["follow_up"]), r["override_note"],
                                 r["updated_at"], r["updated_by"]) for r in rows}

    def default_plan_id(self, year: int) -> int | None:
        """The year's plan the form counts (``PlanService.counted``)."""
        return self.session.plans.counted(year)

    def register_values(self, period: Period, plan_id: int | None = None) -> dict[str, float]:
        """From the task register: the plan's tasks, and those done, at the period's cut-off.
        A closed period keeps the numbers it was closed with."""
        plan_id = plan_id or self.default_plan_id(period.year)
        frozen = self._frozen(period)
        if frozen is not None and str(plan_id) in frozen["register"]:
            return dict(frozen["register"][str(plan_id)])
        return self._register_at_cutoff(period, plan_id)

    def _register_at_cutoff(self, period: Period, plan_id: int | None) -> dict[str, float]:
        """Counted the way the report counts (tasks with sub-tasks through their sub-tasks), from the
        register as it stood at the cut-off (services.history)."""
        if plan_id is None:
            return {}
        from cchc_desktop.reports.facts import gather
        from cchc_desktop.services.history import rows_as_of
        rows = rows_as_of(self.session, self.session.tasks.rows(plan_id), period.end_on)
        if not rows:
            return {}
        facts = gather(rows, period.start_on, period.end_on)[None]
        return {REGISTER_PLANNED: float(facts.total), REGISTER_DONE: float(facts.done)}

    def _frozen(self, period: Period) -> dict | None:
        if not period.closed:
            return None
        row = self.session.one("SELECT value FROM settings WHERE key = ?", (FROZEN_KEY.format(id=period.id),))
        return json.loads(row["value"]) if row else None

    def _freeze(self, period: Period, conn) -> None:
        """At closing: the register rows for every plan of the year, and the previous period's values."""
        plans = [r["id"] for r in self.session.rows("SELECT id FROM plans WHERE year = ? AND deleted_at IS NULL",
                                                    (period.year,))]
        previous = self.session.periods.previous(period)
        data = {"register": {str(p): self._register_at_cutoff(period, p) for p in plans},
                "previous": self.form_values(previous) if previous is not None else {},
                "values": {}}
        cells = evaluate_form(self.indicators(period.year), self.rules(period.year), self._entries(period.id),
                              data["register"].get(str(self.default_plan_id(period.year)), {}), {})
        data["values"] = {code: cell.value for code, cell in cells.items()}
        conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = "
                     "excluded.value", (FROZEN_KEY.format(id=period.id), json.dumps(data, ensure_ascii=False)))

    def indicator(self, year: int, code: str) -> Indicator:
        """Raises ``NotFound`` when there is no such record."""
        for item in self.indicators(year):
            if item.code == code.strip():
                return item
        raise NotFound(tr("Không có chỉ tiêu mã “{code}” trong danh mục năm {year}.", code=code, year=year),
                       tr("Hãy xem mã các chỉ tiêu bằng lệnh: stats show"))

    def _period(self, period: Period | int) -> Period:
        return period if isinstance(period, Period) else self.session.periods.get(period)

    def _writable(self, period: Period) -> None:
        if period.closed:
            raise ValidationError(tr("{label} đã chốt số liệu nên không sửa được.", label=period.label),
                                  tr("Nếu cần sửa, hãy “Mở lại” kỳ báo cáo và ghi rõ lý do."))

    # ------------------------------------------------------------------ writing

    def set_value(self, period: Period | int, code: str, raw: str | None, note: str | None = None) -> Cell:
        """Store what was typed. A value that breaks a check is kept (and shown as a violation);
        only text that is no number at all for a yes/no row is refused.

        Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        period = self._period(period)
        self._writable(period)
        ind = self.indicator(period.year, code)
        if not ind.enterable:
            raise ValidationError(tr("Chỉ tiêu {code} được tính tự động, không nhập trực tiếp.", code=code))
        raw = strip_controls(raw or "").strip()
        if len(raw) > MAX_RAW:
            raise ValidationError(tr("Số liệu quá dài (tối đa {n} ký tự).", n=MAX_RAW), field="value")
        raw = self._yesno_raw(ind, raw)
        try:
            value = parse_number(raw)
        except ValueError:
            value = None  # kept as typed, marked as "không phải là số"
        if ind.source and raw and not (note or self._entry(period, ind).override_note):
            raise ValidationError(tr("“{name}” được lấy tự động từ danh sách nhiệm vụ.", name=ind.name),
                                  tr("Nếu sửa, hãy ghi chú lý do sửa."), field="override_note")
        old = self._entry(period, ind)
        changes = {}
        if (old.raw or "") != raw:
            changes["value"] = (old.raw or None, raw or None)
        if note is not None and note != old.override_note:
            changes["override_note"] = (old.override_note or None, note or None)
        if not changes:
            return self.form(period).cells[ind.code]
        self._write(period, ind, raw=raw or None, value=value, override_note=old.override_note if note is None
                    else note, changes=changes)
        return self.form(period).cells[ind.code]

    def _yesno_raw(self, ind: Indicator, raw: str) -> str:
        """A yes/no row accepts its labels as typed ("Có", "Hoàn thành") as well as 0/1."""
        if ind.kind != YESNO or not raw:
            return raw
        from cchc_desktop.text import fold
        key = fold(raw)
        if key == fold(ind.yes_label) or key in ("co", "x"):
            return "1"
        if key == fold(ind.no_label) or key in ("khong", "chua"):
            return "0"
        return raw

    def set_comment(self, period: Period | int, code: str, comment: str) -> None:
        """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        period = self._period(period)
        self._writable(period)
        ind = self.indicator(period.year, code)
        comment = strip_controls(comment or "").strip()
        if len(comment) > MAX_COMMENT:
            raise ValidationError(tr("Ghi chú quá dài (tối đa {n} ký tự).", n=MAX_COMMENT), field="comment")
        old = self._entry(period, ind)
        if comment != old.comment:
            self._write(period, ind, comment=comment, changes={"comment": (old.comment or None, comment or None)})

    def set_follow_up(self, period: Period | int, code: str, follow_up: bool) -> None:
        period = self._period(period)
        self._writable(period)
        ind = self.indicator(period.year, code)
        old = self._entry(period, ind)
        if bool(follow_up) != old.follow_up:
            self._write(period, ind, follow_up=int(bool(follow_up)),
                        changes={"follow_up": (int(old.follow_up), int(bool(follow_up)))})

    def _entry(self, period: Period, ind: Indicator) -> Entry:
        row = self.session.one("SELECT * FROM stat_values WHERE period_id = ? AND indicator_id = ?",
                               (period.id, ind.id))
        if row is None:
            return Entry()
        return Entry(row["raw"], row["value"], row["comment"], bool(row["follow_up"]), row["override_note"],
                     row["updated_at"], row["updated_by"])

    def _write(self, period: Period, ind: Indicator, *, changes: dict, action: str = UPDATE, **fields) -> None:
        now, officer = self.session.clock.now(), self.session.profile.officer_name()
        with self.session.transaction() as conn:
            conn.execute("INSERT OR IGNORE INTO stat_values (period_id, indicator_id, updated_at, updated_by) "
                         "VALUES (?, ?, ?, ?)", (period.id, ind.id, now, officer))
            sets = ", ".join(f"{name} = ?" for name in fields)
            conn.execute(f"UPDATE stat_values SET {sets}, updated_at = ?, updated_by = ? "
                         "WHERE period_id = ? AND indicator_id = ?",
                         (*fields.values(), now, officer, period.id, ind.id))
            self.session.audit.record("stat", ind.id, action, changes, period_id=period.id)

    def history(self, period: Period | int, code: str):
        period = self._period(period)
        return self.session.audit.for_value(period.id, self.indicator(period.year, code).id)

    def copy_previous(self, period: Period | int) -> list[str]:
        """Stocks (staff quota, number of units…) from the period before, where this one is blank.

        Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        period = self._period(period)
        self._writable(period)
        previous = self.session.periods.previous(period)
        if previous is None:
            raise ValidationError(tr("Chưa có kỳ báo cáo nào trước {label}.", label=period.label))
        before = self._entries(previous.id)
        now = self._entries(period.id)
        copied = []
        with self.session.transaction():
            for ind in self.indicators(period.year):
                old = before.get(ind.code)
                if not ind.stock or not ind.enterable or old is None or old.raw in (None, ""):
                    continue
                if ind.code in now and now[ind.code].raw not in (None, ""):
                    continue
                self._write(period, ind, raw=old.raw, value=old.value, action="copy",
                            changes={"value": (None, old.raw)})
                copied.append(ind.code)
        return copied

    def close(self, period: Period | int) -> Form:
        """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        period = self._period(period)
        if period.closed:
            raise ValidationError(tr("{label} đã được chốt rồi.", label=period.label))
        form = self.form(period)
        problems = form.violations
        if problems:
            listing = "; ".join(f"{ind.code}: {message}" for ind, message in problems[:5])
            more = tr(" (và {n} lỗi khác)", n=len(problems) - 5) if len(problems) > 5 else ""
            raise ValidationError(tr("Biểu còn {n} lỗi nên chưa chốt được: {listing}{more}", n=len(problems),
                                     listing=listing, more=more),
                                  tr("Hãy sửa các ô được đánh dấu đỏ rồi chốt lại."))
        with self.session.transaction() as conn:
            self._freeze(period, conn)
            conn.execute("UPDATE report_periods SET closed_at = ?, closed_by = ? WHERE id = ?",
                         (self.session.clock.now(), self.session.profile.officer_name(), period.id))
            self.session.audit.record("period", period.id, "close", {"closed": (None, "1")}, period_id=period.id)
        return self.form(period.id)

    def reopen(self, period: Period | int, reason: str) -> None:
        """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        period = self._period(period)
        reason = " ".join(strip_controls(reason or "").split())
        if not period.closed:
            raise ValidationError(tr("{label} chưa chốt.", label=period.label))
        if len(reason) < 5:
            raise ValidationError(tr("Hãy ghi rõ lý do mở lại kỳ báo cáo."), field="reason")
        with self.session.transaction() as conn:
            conn.execute("UPDATE report_periods SET closed_at = NULL, closed_by = NULL WHERE id = ?", (period.id,))
            conn.execute("DELETE FROM settings WHERE key = ?", (FROZEN_KEY.format(id=period.id),))
            self.session.audit.record("period", period.id, "reopen", {"closed": ("1", None), "reason": (None, reason)},
                                      period_id=period.id)

    def set_many(self, period: Period | int, values: dict[str, str], action: str = UPDATE) -> list[str]:
        """Several values in one transaction (the CLI, an Excel import). Returns the codes changed.

        Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        period = self._period(period)
        self._writable(period)
        changed = []
        with self.session.transaction():
            for code, raw in values.items():
                ind = self.indicator(period.year, code)
                if not ind.enterable:
                    raise ValidationError(tr("Chỉ tiêu {code} được tính tự động, không nhập trực tiếp.", code=code))
                raw = self._yesno_raw(ind, (raw or "").strip())
                old = self._entry(period, ind)
                if (old.raw or "") == raw:
                    continue
                if ind.source and raw and not old.override_note:
                    note = tr("Nhập từ tệp/lệnh ngày {d}", d=self.session.clock.today().strftime("%d/%m/%Y"))
                else:
                    note = old.override_note
                try:
                    value = parse_number(raw)
                except ValueError:
                    value = None
                self._write(period, ind, raw=raw or None, value=value, override_note=note, action=action,
                            changes={"value": (old.raw or None, raw or None)})
                changed.append(code)
        return changed

    def export_values(self, period: Period | int) -> dict[str, str | None]:
        period = self._period(period)
        return {code: entry.raw for code, entry in self._entries(period.id).items()}

