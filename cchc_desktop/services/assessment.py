"""The PAR Index self-assessment of one year: the province's criteria, what the commune declares for each
item, its evidence and explanations, the self-score, and later the province's score.

Every write is one transaction with its audit rows (entity "assessment"; loading a set: "criteria").
A closed assessment is frozen like a closed period: values, explanations and evidence are refused until it
is reopened with a reason, and values drawn from the statistics form keep what they were when it closed.
Only the province's score (which comes after the self-assessment was sent) may still be entered.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from cchc_desktop.assessment import rules as R
from cchc_desktop.assessment.criteria_sheet import CriteriaSheet, Criterion, read_criteria
from cchc_desktop.assessment.scoring import DEFAULT_BANDS, Declared, Node, Totals, band_for, parse_value, score_tree
from cchc_desktop.errors import NotFound, ValidationError
from cchc_desktop.i18n import format_date, format_number, tr, year_problem
from cchc_desktop.services.audit import CREATE, UPDATE
from cchc_desktop.text import strip_controls

SAMPLE_TITLE_PREFIX = "MẪU MINH HỌA – "
MAX_EXPLANATION = 4000


@dataclass(frozen=True)
class CriteriaSet:
    id: int
    province: str
    year: int
    version: int
    title: str
    source_name: str
    source_sha256: str | None
    sample: bool
    bands: tuple[tuple[str, float], ...]
    na_default: str
    declared_total: float | None

    @property
    def label(self) -> str:
        if self.sample:
            return tr("Bộ chỉ số MẪU năm {year} — minh họa, không phải của tỉnh nào", year=self.year)
        place = self.province or tr("(chưa rõ tỉnh)")
        return tr("Bộ chỉ số {place} năm {year}, lần {v}", place=place, year=self.year, v=self.version)


@dataclass(frozen=True)
class Assessment:
    id: int
    year: int
    set_id: int
    cutoff_on: date
    closed_at: str | None
    closed_by: str | None

    @property
    def closed(self) -> bool:
        return self.closed_at is not None


@dataclass
class ItemView:
    """One row of the page, the report and ``show --json``."""
    criterion: Criterion
    value: str = ""                  # what the officer typed ("" when none)
    declared: Declared | None = None
    source: str = ""                 # where a value drawn from the statistics form came from
    value_problem: str = ""
    score: float | None = None
    max_self: float = 0.0
    applicable: bool = True
    scored_by: str = "self"
    evidence_count: int = 0
    explanation: str = ""
    province_score: float | None = None
    province_note: str = ""

    @property
    def code(self) -> str:
        return self.criterion.code

    @property
    def is_leaf(self) -> bool:
        return self.criterion.is_leaf

    @property
    def needs_explanation(self) -> bool:
        """A self-scored item with a score and no evidence must say why (domain: PAR Index)."""
        return (self.is_leaf and self.scored_by == "self" and self.applicable and self.score is not None
                and self.evidence_count == 0 and not self.explanation.strip())

    def to_json(self) -> dict:
        rule = self.criterion.rule
        return {"code": self.code, "name": self.criterion.name, "max": self.criterion.max_points,
                "level": self.criterion.level, "parent": self.criterion.parent,
                "rule": ({**json.loads(rule.to_json()), "text": R.describe(rule)} if rule else None),
                "value": (self.declared.text() if self.declared else None) if self.is_leaf else None,
                "typed": self.value or None, "value_problem": self.value_problem or None,
                "source": self.source or None, "score": self.score, "scored_by": self.scored_by,
                "applicable": self.applicable, "evidence_count": self.evidence_count,
                "explanation": self.explanation, "needs_explanation": self.needs_explanation,
                "flags": self.criterion.flags(), "indicator_code": self.criterion.indicator_code or None,
                "province_score": self.province_score, "province_note": self.province_note or None}


@dataclass
class AssessmentView:
    assessment: Assessment
    criteria_set: CriteriaSet
    items: list[ItemView]
    totals: Totals

    @property
    def percent(self) -> float | None:
        return self.totals.percent

    @property
    def band(self) -> str:
        return band_for(self.percent, self.criteria_set.bands or DEFAULT_BANDS)

    @property
    def missing_explanations(self) -> list[ItemView]:
        return [i for i in self.items if i.needs_explanation]

    @property
    def unscored(self) -> list[ItemView]:
        return [i for i in self.items if i.is_leaf and i.scored_by == "self" and i.applicable and i.score is None]

    @property
    def flagged(self) -> list[ItemView]:
        return [i for i in self.items if i.criterion.flags()]

    def item(self, code: str) -> ItemView:
        """Raises ``KeyError`` when the set has no item ``code``."""
        for item in self.items:
            if item.code == code:
                return item
        raise KeyError(code)

    def to_json(self) -> dict:
        t = self.totals
        return {"year": self.assessment.year, "criteria_set": self.criteria_set.label,
                "sample": self.criteria_set.sample, "cutoff": self.assessment.cutoff_on.isoformat(),
                "closed": self.assessment.closed, "max_total": t.max_total, "max_self": t.max_self,
                "self_total": t.self_total, "percent": self.percent, "band": self.band,
                "province_total": t.province_total,
                "missing_explanations": [i.code for i in self.missing_explanations],
                "unscored": [i.code for i in self.unscored],
                "items": [i.to_json() for i in self.items]}


@dataclass
class LoadResult:
    set_id: int
    version: int
    sheet: CriteriaSheet
    kept_values: list[str] = field(default_factory=list)
    dropped_values: list[str] = field(default_factory=list)     # the new rule cannot read them: cleared
    kept_rules: list[str] = field(default_factory=list)         # the officer's fixes, on unchanged items
    vanished: list[str] = field(default_factory=list)           # values, evidence or explanations on items gone
    kept_bands: bool = False                                    # the rating bands the officer set stay

    def to_json(self) -> dict:
        s = self.sheet
        return {"set_id": self.set_id, "version": self.version, "province": s.province, "year": s.year,
                "items": len(s.items), "leaves": len(s.leaves), "max_total": s.max_total,
                "declared_total": s.declared_total, "total_matches": s.declared_total is not None
                and abs(s.declared_total - s.max_total) < 0.001,
                "bands": [list(b) for b in s.bands], "warnings": s.warnings,
                "flagged": [{"code": c.code, "notes": c.flags()} for c in s.flagged],
                "rules": [{"code": c.code, "kind": c.rule.kind, "text": R.describe(c.rule)} for c in s.leaves],
                "guidance": {c.code: c.guidance for c in s.leaves},
                "kept_values": self.kept_values, "dropped_values": self.dropped_values, "kept_rules": self.kept_rules,
                "vanished": self.vanished, "kept_bands": self.kept_bands}


def _criteria_set(row) -> CriteriaSet:
    return CriteriaSet(row["id"], row["province"], row["year"], row["version"], row["title"], row["source_name"],
                       row["source_sha256"], bool(row["sample"]),
                       tuple((name, float(low)) for name, low in json.loads(row["bands"] or "[]")),
                       row["na_default"], row["declared_total"])


def _assessment(row) -> Assessment:
    return Assessment(row["id"], row["year"], row["set_id"], date.fromisoformat(row["cutoff_on"]),
                      row["closed_at"], row["closed_by"])


def _criterion(row) -> Criterion:
    item = Criterion(row["code"], row["stt"], row["parent_code"], row["level"], row["name"], row["max_points"],
                     row["guidance"], row["evidence_hint"], R.Rule.from_json(row["rule"]) if row["rule"] else None,
                     json.loads(row["notes"] or "[]"), row["indicator_code"])
    return item


class AssessmentService:
    def __init__(self, session):
        self.session = session

    # ------------------------------------------------------------------ criteria sets

    def read_sheet(self, path: Path | str) -> CriteriaSheet:
        """Raises ``UserError`` (Vietnamese) for a file that cannot be read or holds no criteria table."""
        from cchc_desktop.importers import read_document
        return read_criteria(read_document(path))

    def load(self, year: int, path: Path | str, *, province: str | None = None, sample: bool = False,
             sheet: CriteriaSheet | None = None) -> LoadResult:
        """Load a province's criteria sheet as the year's set (a new version when the year has one) and
        move the year's assessment onto it; values and explanations stay on items whose code and kind of
        rule are unchanged.

        Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        _check_year(year)
        path = Path(path)
        sheet = sheet or self.read_sheet(path)
        if sheet.year is not None and sheet.year != year and not any(str(sheet.year) in w for w in sheet.warnings):
            sheet.warnings.append(tr("Tệp ghi năm {a} nhưng đang nạp cho năm {b}: hãy kiểm tra đúng bộ chỉ số.",
                                     a=sheet.year, b=year))
        existing = self.find(year)
        if existing is not None and existing.closed:
            raise ValidationError(tr("Bản tự đánh giá năm {year} đã chốt; hãy mở lại trước khi nạp bộ chỉ số khác.",
                                     year=year))
        if province is None:
            province = "" if sample else sheet.province or self.session.profile.get().province
        province = " ".join(province.split())
        with self.session.evidence.stored([path]) as blobs:
            with self.session.transaction() as conn:
                self.session.evidence.record_blobs(conn, blobs)
                result = self.carry_over(year, sheet)
                set_id, version = self._insert_set(conn, year, province, sheet, path.name, blobs[0].sha256, sample)
                result.set_id, result.version = set_id, version
                if existing is None:
                    self._create(conn, year, set_id)
                else:
                    self._move(conn, existing, set_id, result)
                self.session.audit.record("criteria", set_id, "import",
                                          {"file_name": (None, path.name), "year": (None, year)})
        return result

    def _insert_set(self, conn, year, province, sheet: CriteriaSheet, source_name, sha256, sample) -> tuple[int, int]:
        version = conn.execute("SELECT coalesce(max(version), 0) + 1 FROM criteria_sets WHERE province = ? AND year = ?",
                               (province, year)).fetchone()[0]
        title = (SAMPLE_TITLE_PREFIX if sample else "") + (sheet.title or source_name)
        cur = conn.execute(
            "INSERT INTO criteria_sets (province, year, version, title, source_name, source_sha256, sample, bands,"
            " declared_total, loaded_at, loaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (province, year, version, title[:300], source_name, sha256, int(sample),
             json.dumps([list(b) for b in (sheet.bands or DEFAULT_BANDS)], ensure_ascii=False), sheet.declared_total,
             self.session.clock.now(), self.session.profile.officer_name()))
        set_id = cur.lastrowid
        conn.executemany(
            "INSERT INTO criteria (set_id, code, stt, parent_code, level, position, name, max_points, guidance,"
            " evidence_hint, rule, notes, indicator_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(set_id, c.code, c.stt, c.parent, c.level, i, c.name, c.max_points, c.guidance, c.evidence_hint,
              c.rule.to_json() if c.rule else None, json.dumps(c.notes, ensure_ascii=False), c.indicator_code)
             for i, c in enumerate(sheet.items)])
        return set_id, version

    def _create(self, conn, year: int, set_id: int) -> int:
        cur = conn.execute("INSERT INTO assessments (year, set_id, cutoff_on, created_at) VALUES (?, ?, ?, ?)",
                           (year, set_id, self._default_cutoff(year).isoformat(), self.session.clock.now()))
        self.session.audit.record("assessment", cur.lastrowid, CREATE, {"year": (None, year)})
        return cur.lastrowid

    def _default_cutoff(self, year: int) -> date:
        """The third period's cut-off: the self-assessment is made in September–October."""
        periods = self.session.periods.planned(year)     # a look: the calendar is not made for it
        third = [p for p in periods if p.kind in ("Q3", "9M")]
        return third[0].end_on if third else date(year, 9, 30)

    def carry_over(self, year: int, sheet: CriteriaSheet) -> LoadResult:
        """What the year's assessment keeps if moved onto ``sheet`` (nothing is written; ``sheet``'s items take
        over what still applies): on an item whose guidance and maximum are unchanged, the rule as the officer
        fixed or confirmed it; the link to a statistics indicator; each declared value the new rule still reads.
        The rest is listed: values dropped, and items with values, evidence or explanations that are gone."""
        result = LoadResult(0, 0, sheet)
        existing = self.find(year)
        if existing is None:
            return result
        old = {c.code: c for c in self.criteria(existing.set_id)}
        new = {c.code: c for c in sheet.items}
        if self.session.one("SELECT 1 FROM audit_log WHERE entity = 'criteria' AND entity_id = ? AND field = 'bands'",
                            (existing.set_id,)):
            sheet.bands = self.criteria_set(existing.set_id).bands      # the officer set them: they stay
            result.kept_bands = True
        for code, item in new.items():
            before = old.get(code)
            if before is None or item.rule is None or before.rule is None:
                continue
            if (before.guidance, before.max_points) == (item.guidance, item.max_points) and before.rule != item.rule:
                item.rule, item.notes = before.rule, list(before.notes)
                result.kept_rules.append(code)
            if before.indicator_code and not item.indicator_code:
                item.indicator_code = before.indicator_code
        for row in self.session.rows("SELECT code, value FROM assessment_items WHERE assessment_id = ? AND value <> ''",
                                     (existing.id,)):
            item = new.get(row["code"])
            try:
                fits = item is not None and item.rule is not None and \
                    parse_value(item.rule, row["value"], item.max_points) is not None
            except ValueError:
                fits = False
            (result.kept_values if fits else result.dropped_values).append(row["code"])
        used = {r[0] for r in self.session.rows(
            "SELECT code FROM assessment_items WHERE assessment_id = ? AND (value <> '' OR explanation <> '') "
            "UNION SELECT code FROM assessment_evidence WHERE assessment_id = ? AND deleted_at IS NULL",
            (existing.id, existing.id))}
        result.vanished = sorted(code for code in used if code not in new or new[code].rule is None)
        return result

    def _move(self, conn, assessment: Assessment, set_id: int, result: LoadResult) -> None:
        for code in result.dropped_values:
            conn.execute("UPDATE assessment_items SET value = '' WHERE assessment_id = ? AND code = ?",
                         (assessment.id, code))
        conn.execute("UPDATE assessments SET set_id = ? WHERE id = ?", (set_id, assessment.id))
        self.session.audit.record("assessment", assessment.id, UPDATE,
                                  {"framework": (assessment.set_id, set_id),
                                   "value": ("; ".join(result.dropped_values) or None, None)})

    def criteria_set(self, set_id: int) -> CriteriaSet:
        """Raises ``NotFound`` when there is no such set."""
        row = self.session.one("SELECT * FROM criteria_sets WHERE id = ?", (set_id,))
        if row is None:
            raise NotFound(tr("Không tìm thấy bộ chỉ số số {id}.", id=set_id))
        return _criteria_set(row)

    def sets(self) -> list[CriteriaSet]:
        return [_criteria_set(r) for r in self.session.rows("SELECT * FROM criteria_sets ORDER BY year DESC, id DESC")]

    def criteria(self, set_id: int) -> list[Criterion]:
        return [_criterion(r) for r in self.session.rows(
            "SELECT * FROM criteria WHERE set_id = ? ORDER BY position", (set_id,))]

    # ------------------------------------------------------------------ the year's assessment

    def find(self, year: int) -> Assessment | None:
        row = self.session.one("SELECT * FROM assessments WHERE year = ?", (year,))
        return _assessment(row) if row else None

    def get(self, year: int) -> Assessment:
        """Raises ``NotFound`` (Vietnamese, saying what to do) when the year has no assessment."""
        found = self.find(year)
        if found is None:
            raise NotFound(tr("Năm {year} chưa có bộ chỉ số để tự đánh giá.", year=year),
                           tr("Hãy nạp bộ chỉ số CCHC cấp xã của tỉnh (tệp Excel hoặc Word) trước."))
        return found

    def years(self) -> list[int]:
        return [r[0] for r in self.session.rows("SELECT year FROM assessments ORDER BY year DESC")]

    def view(self, year: int) -> AssessmentView:
        assessment = self.get(year)
        criteria_set = self.criteria_set(assessment.set_id)
        criteria = self.criteria(assessment.set_id)
        stored = {r["code"]: r for r in self.session.rows(
            "SELECT * FROM assessment_items WHERE assessment_id = ?", (assessment.id,))}
        counts = dict(self.session.rows(
            "SELECT code, count(*) FROM assessment_evidence WHERE assessment_id = ? AND deleted_at IS NULL "
            "GROUP BY code", (assessment.id,)))
        linked = self._linked_values(assessment, criteria)
        items = [self._item(c, stored.get(c.code), counts.get(c.code, 0), linked.get(c.code)) for c in criteria]
        nodes = [Node(i.code, i.criterion.parent, i.criterion.max_points, i.criterion.rule, i.declared,
                      i.province_score) for i in items]
        totals = score_tree(nodes, criteria_set.na_default)
        for item in items:
            result = totals.items[item.code]
            item.score, item.max_self, item.applicable = result.score, result.max_self, result.applicable
            item.scored_by = result.scored_by
            item.value_problem = item.value_problem or result.problem
            if not item.is_leaf:
                item.province_score = result.province_score
        return AssessmentView(assessment, criteria_set, items, totals)

    def _item(self, criterion: Criterion, row, evidence_count: int, linked: tuple[str, str] | None) -> ItemView:
        item = ItemView(criterion, evidence_count=evidence_count)
        if row is not None:
            item.value, item.explanation = row["value"], row["explanation"]
            item.province_score, item.province_note = row["province_score"], row["province_note"]
        raw = item.value
        if not raw and linked is not None:
            raw, item.source = linked
        elif raw and linked is not None:
            item.source = tr("Nhập tay (biểu thống kê: {v})", v=linked[0])
        if raw and criterion.rule is not None:
            try:
                item.declared = parse_value(criterion.rule, raw, criterion.max_points)
            except ValueError as exc:
                item.value_problem = str(exc)
        return item

    # ------------------------------------------------------------------ values drawn from the statistics form

    def _linked_values(self, assessment: Assessment, criteria: list[Criterion]) -> dict[str, tuple[str, str]]:
        """code → (value as the rule reads it, where it came from), for items linked to an indicator."""
        linked = [c for c in criteria if c.indicator_code and c.rule is not None]
        if not linked:
            return {}
        frozen = self._frozen(assessment)
        if frozen is not None:
            return {code: tuple(v) for code, v in frozen.get("linked", {}).items()}
        period = self._period_at(assessment)
        if period is None:
            return {}
        values = self.session.statistics.form_values(period)
        found = {}
        for c in linked:
            value = values.get(c.indicator_code)
            if value is None:
                continue
            source = tr("Biểu thống kê {period} (chốt số liệu {d}), chỉ tiêu {code}", period=period.label,
                        d=format_date(period.end_on), code=c.indicator_code)
            found[c.code] = (_as_rule_value(c.rule, value), source)
        return found

    def _period_at(self, assessment: Assessment):
        """The year's last period whose cut-off is on or before the assessment's."""
        candidates = [p for p in self.session.periods.list(assessment.year) if p.end_on <= assessment.cutoff_on]
        return candidates[-1] if candidates else None

    def _frozen(self, assessment: Assessment) -> dict | None:
        row = self.session.one("SELECT frozen FROM assessments WHERE id = ?", (assessment.id,))
        return json.loads(row["frozen"]) if row and row["frozen"] else None

    # ------------------------------------------------------------------ writing values

    def criterion(self, assessment: Assessment, code: str, criteria: list[Criterion] | None = None) -> Criterion:
        """The item by its code ("III.2.1"), or by its STT when that is unique ("2.1").

        Raises ``NotFound`` (Vietnamese) when the set has no such item."""
        criteria = criteria if criteria is not None else self.criteria(assessment.set_id)
        wanted = (code or "").strip().rstrip(".")
        exact = [c for c in criteria if c.code == wanted]
        if not exact:
            exact = [c for c in criteria if c.code.lower() == wanted.lower()]
        if not exact:
            by_stt = [c for c in criteria if c.stt == wanted or c.code.endswith("." + wanted)]
            exact = by_stt if len(by_stt) == 1 else []
        if not exact:
            raise NotFound(tr("Bộ chỉ số không có tiêu chí “{code}”.", code=code),
                           tr("Hãy dùng mã như trong cột STT (ví dụ III.2.1); xem bằng lệnh assessment show."))
        return exact[0]

    def set_values(self, year: int, values: dict[str, str]) -> list[str]:
        """Declare several items' values in one transaction. Returns the codes changed.

        Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        assessment = self._writable(year)
        criteria = self.criteria(assessment.set_id)
        by_code = {c.code: c for c in criteria}
        prepared = []
        for code, raw in values.items():
            criterion = by_code.get(code.strip()) or self.criterion(assessment, code, criteria)
            if criterion.rule is None:
                raise ValidationError(tr("“{code}” là nhóm tiêu chí; điểm của nhóm là tổng các tiêu chí con.",
                                         code=criterion.code))
            raw = " ".join(strip_controls(raw or "").split())
            try:
                declared = parse_value(criterion.rule, raw, criterion.max_points)
            except ValueError as exc:
                raise ValidationError(tr("{code}: {problem}", code=criterion.code, problem=str(exc)),
                                      field=criterion.code) from None
            prepared.append((criterion.code, declared.text() if declared else ""))
        changed = []
        with self.session.transaction():
            for code, text in prepared:
                old = self._row(assessment, code)
                if (old["value"] if old else "") == text:
                    continue
                self._upsert(assessment, code, value=text)
                self.session.audit.record("assessment", assessment.id, UPDATE,
                                          {f"value:{code}": (old["value"] if old else None, text or None)})
                changed.append(code)
        return changed

    def explain(self, year: int, code: str, text: str) -> bool:
        """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        assessment = self._writable(year)
        criterion = self.criterion(assessment, code)
        if criterion.rule is None:
            raise ValidationError(tr("“{code}” là nhóm tiêu chí; hãy viết giải trình cho từng tiêu chí con.",
                                     code=criterion.code))
        text = strip_controls(text or "").strip()
        if len(text) > MAX_EXPLANATION:
            raise ValidationError(tr("Giải trình quá dài (tối đa {n} ký tự).", n=MAX_EXPLANATION))
        old = self._row(assessment, criterion.code)
        if (old["explanation"] if old else "") == text:
            return False
        with self.session.transaction():
            self._upsert(assessment, criterion.code, explanation=text)
            self.session.audit.record("assessment", assessment.id, UPDATE,
                                      {f"explanation:{criterion.code}": (old["explanation"] if old else None,
                                                                         text or None)})
        return True

    def set_province_score(self, year: int, code: str, score: float | None, note: str = "") -> None:
        """The score the province gave after checking (allowed once closed: it comes after sending).

        Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        assessment = self.get(year)
        criterion = self.criterion(assessment, code)
        if criterion.rule is None:
            raise ValidationError(tr("Hãy nhập điểm thẩm định cho từng tiêu chí con của “{code}”.", code=criterion.code))
        if score is not None and not 0 <= score <= criterion.max_points:
            raise ValidationError(tr("Điểm thẩm định phải từ 0 đến {m}.", m=format_number(criterion.max_points)))
        note = " ".join(strip_controls(note or "").split())
        old = self._row(assessment, criterion.code)
        with self.session.transaction():
            self._upsert(assessment, criterion.code, province_score=score, province_note=note)
            self.session.audit.record("assessment", assessment.id, UPDATE,
                                      {f"province_score:{criterion.code}": (old["province_score"] if old else None,
                                                                            score)})

    def set_cutoff(self, year: int, cutoff: date) -> None:
        """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        assessment = self._writable(year)
        problem = year_problem(cutoff, tr("Ngày chốt số liệu"))
        if problem:
            raise ValidationError(problem)
        with self.session.transaction() as conn:
            conn.execute("UPDATE assessments SET cutoff_on = ? WHERE id = ?", (cutoff.isoformat(), assessment.id))
            self.session.audit.record("assessment", assessment.id, UPDATE,
                                      {"end_on": (assessment.cutoff_on, cutoff)})

    def _row(self, assessment: Assessment, code: str):
        return self.session.one("SELECT * FROM assessment_items WHERE assessment_id = ? AND code = ?",
                                (assessment.id, code))

    def _upsert(self, assessment: Assessment, code: str, **fields) -> None:
        now, officer = self.session.clock.now(), self.session.profile.officer_name()
        self.session.conn.execute(
            "INSERT OR IGNORE INTO assessment_items (assessment_id, code, updated_at, updated_by) VALUES (?, ?, ?, ?)",
            (assessment.id, code, now, officer))
        sets = ", ".join(f"{name} = ?" for name in fields)
        self.session.conn.execute(
            f"UPDATE assessment_items SET {sets}, updated_at = ?, updated_by = ? WHERE assessment_id = ? AND code = ?",
            (*fields.values(), now, officer, assessment.id, code))

    def _writable(self, year: int) -> Assessment:
        assessment = self.get(year)
        if assessment.closed:
            raise ValidationError(tr("Bản tự đánh giá năm {year} đã chốt; hãy mở lại (ghi lý do) trước khi sửa.",
                                     year=year))
        return assessment

    # ------------------------------------------------------------------ editing the set

    def set_rule(self, year: int, code: str, kind: str, text: str = "", na: str | None = None) -> R.Rule:
        """The officer says how an item is scored: ``kind`` and its parts written as ``text`` in the usual
        phrasing (``rules.template(kind)``). Clears what the reader was unsure of.

        Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        assessment = self._writable(year)
        criterion = self.criterion(assessment, code)
        if criterion.rule is None:
            raise ValidationError(tr("“{code}” là nhóm tiêu chí, không có cách chấm riêng.", code=criterion.code))
        if kind not in R.KINDS:
            raise ValidationError(tr("Cách chấm “{kind}” không có.", kind=kind))
        rule = R.rule_for_kind(kind, text, criterion.max_points)
        if rule.kind == R.MANUAL and kind != R.MANUAL:
            raise ValidationError(rule.notes[0] if rule.notes else tr("Chưa hiểu cách chấm."),
                                  tr("Mẫu: {t}", t=R.template(kind)))
        if na is not None and na not in (R.NA_FULL, R.NA_EXCLUDE, ""):
            raise ValidationError(tr("Cách tính khi không áp dụng không hợp lệ."))
        rule = R.Rule(**{**rule.__dict__, "na": (na or None) if na is not None else rule.na, "notes": ()})
        with self.session.transaction() as conn:
            conn.execute("UPDATE criteria SET rule = ?, notes = '[]' WHERE set_id = ? AND code = ?",
                         (rule.to_json(), assessment.set_id, criterion.code))
            self.session.audit.record("assessment", assessment.id, UPDATE,
                                      {f"rule:{criterion.code}": (R.describe(criterion.rule), R.describe(rule))})
        return rule

    def confirm_rule(self, year: int, code: str) -> None:
        """The officer checked what the reader was unsure of and agrees with it."""
        assessment = self._writable(year)
        criterion = self.criterion(assessment, code)
        if not criterion.flags():
            return
        with self.session.transaction() as conn:
            conn.execute("UPDATE criteria SET rule = ?, notes = '[]' WHERE set_id = ? AND code = ?",
                         (criterion.rule.confirmed().to_json() if criterion.rule else None, assessment.set_id,
                          criterion.code))
            self.session.audit.record("assessment", assessment.id, UPDATE,
                                      {f"rule:{criterion.code}": ("; ".join(criterion.flags()), tr("Đã kiểm tra"))})

    def set_bands(self, year: int, bands: list[tuple[str, float]]) -> None:
        """The rating bands of the year's set: (name, lowest percentage), e.g. [("Tốt", 80), …, ("Thấp", 0)].

        Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        assessment = self._writable(year)
        cleaned = sorted(((" ".join(strip_controls(n).split()), float(low)) for n, low in bands), key=lambda b: -b[1])
        if len(cleaned) < 2 or any(not n for n, _ in cleaned) or not all(0 <= low <= 100 for _, low in cleaned):
            raise ValidationError(tr("Cần ít nhất hai mức xếp loại, mỗi mức có tên và tỷ lệ thấp nhất từ 0 đến 100%."))
        if len({low for _, low in cleaned}) < len(cleaned) or cleaned[-1][1] != 0:
            raise ValidationError(tr("Các mức xếp loại phải có tỷ lệ khác nhau, và mức thấp nhất bắt đầu từ 0%."))
        old = self.criteria_set(assessment.set_id).bands
        with self.session.transaction() as conn:
            conn.execute("UPDATE criteria_sets SET bands = ? WHERE id = ?",
                         (json.dumps([list(b) for b in cleaned], ensure_ascii=False), assessment.set_id))
            self.session.audit.record("criteria", assessment.set_id, UPDATE,
                                      {"bands": (_bands_text(old), _bands_text(cleaned))})

    def link_indicator(self, year: int, code: str, indicator_code: str) -> None:
        """Draw the item's value from an indicator of the year's statistics form ("" unlinks).

        Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        assessment = self._writable(year)
        criterion = self.criterion(assessment, code)
        indicator_code = (indicator_code or "").strip()
        if indicator_code:
            indicator = self.session.statistics.indicator(year, indicator_code)
            if not criterion.rule or criterion.rule.kind not in (R.BANDS, R.RATIO, R.YESNO, R.PER_ITEM, R.DEDUCTION,
                                                                 R.MANUAL):
                raise ValidationError(tr("Tiêu chí “{code}” chấm theo mức chọn, không lấy được số từ biểu thống kê.",
                                         code=criterion.code))
            if indicator.kind == "group":
                raise ValidationError(tr("Chỉ tiêu {c} là nhóm, không có số liệu.", c=indicator_code))
        with self.session.transaction() as conn:
            conn.execute("UPDATE criteria SET indicator_code = ? WHERE set_id = ? AND code = ?",
                         (indicator_code, assessment.set_id, criterion.code))
            self.session.audit.record("assessment", assessment.id, UPDATE,
                                      {f"indicator:{criterion.code}": (criterion.indicator_code or None,
                                                                       indicator_code or None)})

    # ------------------------------------------------------------------ closing

    def close(self, year: int) -> AssessmentView:
        """Freeze the assessment. Refused while an item with a score lacks both evidence and explanation.

        Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        view = self.view(year)
        if view.assessment.closed:
            raise ValidationError(tr("Bản tự đánh giá năm {year} đã chốt rồi.", year=year))
        require_explanations(view)
        linked = {i.code: [i.declared.text(), i.source] for i in view.items
                  if i.source and not i.value and i.declared is not None}
        frozen = {"linked": linked, "self_total": view.totals.self_total, "percent": view.percent, "band": view.band}
        with self.session.transaction() as conn:
            conn.execute("UPDATE assessments SET closed_at = ?, closed_by = ?, frozen = ? WHERE id = ?",
                         (self.session.clock.now(), self.session.profile.officer_name(),
                          json.dumps(frozen, ensure_ascii=False), view.assessment.id))
            self.session.audit.record("assessment", view.assessment.id, "close", {"closed": (None, "1")})
        return self.view(year)

    def reopen(self, year: int, reason: str) -> None:
        """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        assessment = self.get(year)
        reason = " ".join(strip_controls(reason or "").split())
        if not assessment.closed:
            raise ValidationError(tr("Bản tự đánh giá năm {year} chưa chốt.", year=year))
        if len(reason) < 5:
            raise ValidationError(tr("Hãy ghi rõ lý do mở lại bản tự đánh giá."), field="reason")
        with self.session.transaction() as conn:
            conn.execute("UPDATE assessments SET closed_at = NULL, closed_by = NULL, frozen = NULL WHERE id = ?",
                         (assessment.id,))
            self.session.audit.record("assessment", assessment.id, "reopen",
                                      {"closed": ("1", None), "reason": (None, reason)})

    # ------------------------------------------------------------------ next year

    def start_from(self, year: int, previous_year: int) -> LoadResult:
        """Next year's assessment from this one: the same criteria (a copy of the set, to be checked against
        the province's new one), the links to indicators kept, values, evidence and explanations empty.

        Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        _check_year(year)
        if self.find(year) is not None:
            raise ValidationError(tr("Năm {year} đã có bản tự đánh giá.", year=year))
        before = self.get(previous_year)
        old_set = self.criteria_set(before.set_id)
        sheet = CriteriaSheet(self.criteria(before.set_id), old_set.declared_total, old_set.bands, old_set.province,
                              year, tr("{title} (chép từ năm {y})", title=old_set.title, y=previous_year))
        with self.session.transaction() as conn:
            set_id, version = self._insert_set(conn, year, old_set.province, sheet, old_set.source_name,
                                               old_set.source_sha256, old_set.sample)
            self._create(conn, year, set_id)
            self.session.audit.record("criteria", set_id, "copy", {"year": (previous_year, year)})
        return LoadResult(set_id, version, sheet)

    # ------------------------------------------------------------------ evidence

    @property
    def evidence(self):
        from cchc_desktop.services.assessment_evidence import AssessmentEvidence
        return AssessmentEvidence(self)


def require_explanations(view: AssessmentView) -> None:
    """Raises ``ValidationError`` listing the items with a score but neither evidence nor explanation."""
    missing = view.missing_explanations
    if missing:
        codes = ", ".join(i.code for i in missing[:10]) + (tr(" và {n} tiêu chí khác", n=len(missing) - 10)
                                                             if len(missing) > 10 else "")
        raise ValidationError(tr("{n} tiêu chí đã chấm điểm nhưng chưa có tài liệu kiểm chứng và chưa có giải trình: "
                                 "{codes}.", n=len(missing), codes=codes),
                              tr("Hãy đính kèm tài liệu kiểm chứng hoặc viết giải trình cho các tiêu chí này."))


def _bands_text(bands) -> str:
    return "; ".join(f"{name} từ {format_number(low)}%" for name, low in bands)


def _as_rule_value(rule: R.Rule, value: float) -> str:
    """A statistics value in the form the rule reads: a percentage for ratio ("96,5%"), Có/Không for yes/no."""
    if rule.kind == R.RATIO:
        return format_number(max(0.0, min(100.0, value))) + "%"
    if rule.kind == R.YESNO:
        return "có" if value else "không"
    return format_number(value)


def _check_year(year: int) -> None:
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ValidationError(tr("Năm {year} không hợp lệ.", year=year))


