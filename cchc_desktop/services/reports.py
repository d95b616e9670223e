"""Reports: the officer's drafts (number, date, recipients, signer, edited sections), writing them
as PDF/DOCX/XLSX, and the register of issued reports, each kept as the exact file that was sent.

A draft row exists only once something is saved; until then the defaults come from the
commune profile. An issued file goes into the content-addressed store beside the evidence,
so it can be reopened byte for byte however the data changes afterwards.
"""
from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from cchc_desktop.errors import NotFound, ValidationError
from cchc_desktop.evidence_store import safe_file_name
from cchc_desktop.file_names import document_file_name
from cchc_desktop.files import write_bytes_atomically
from cchc_desktop.i18n import format_date, tr
from cchc_desktop.reports import kinds, parts
from cchc_desktop.reports.kinds import FORMATS, NUMBERED
from cchc_desktop.reports.builder import Built, ReportBuilder
from cchc_desktop.reports.context import Draft, ReportContext, SectionText
from cchc_desktop.reports.document import HEADING2
from cchc_desktop.services.audit import CREATE, DELETE, UPDATE, diff
from cchc_desktop.text import strip_controls

MAX_SECTION = 20000
_NUMBER = re.compile(r"^\d{1,5}$")
_SYMBOL = re.compile(r"^[0-9A-Za-zĐđ&\-.]{1,30}$")
# The choice of a chart appendix is kept as the sections' "with lists" choices are: a row of the draft's
# sections (its text empty, ``with_lists`` the choice), so no schema change was needed for it.
CHARTS_KEY = "appendix.charts"
META_FIELDS = ("number", "symbol", "issued_on", "addressees", "recipients", "signer_authority", "signer_position",
               "signer_name")


@dataclass(frozen=True)
class IssuedReport:
    id: int
    plan_id: int | None
    period_id: int | None
    kind: str
    number: str
    issued_on: date
    title: str
    signer_name: str
    format: str
    file_name: str
    sha256: str
    size: int
    issued_at: str
    issued_by: str


@dataclass
class SectionState:
    """One editable section as the editor shows it."""
    key: str
    title: str
    text: str
    default: str
    edited: bool
    has_lists: bool
    with_lists: bool
    level: int = 0          # 1 under a Roman-numbered part ("1. Cải cách thể chế")
    group: str = ""         # the part heading printed before it ("III. ĐÁNH GIÁ CHUNG")


def _issued(row) -> IssuedReport:
    return IssuedReport(row["id"], row["plan_id"], row["period_id"], row["kind"], row["number"],
                        date.fromisoformat(row["issued_on"]), row["title"], row["signer_name"], row["format"],
                        row["file_name"], row["sha256"], row["size"], row["issued_at"], row["issued_by"])


class ReportService:
    def __init__(self, session):
        self.session = session
        self.builder = ReportBuilder()

    # ------------------------------------------------------------------ drafts

    def draft(self, plan_id: int, kind: str, period_id: int | None = None) -> Draft:
        self._check_kind(kind, period_id)
        row = self.session.one("SELECT * FROM report_drafts WHERE plan_id = ? AND kind = ? AND "
                               "ifnull(period_id, 0) = ?", (plan_id, kind, period_id or 0))
        if row is None:
            return self._default_draft(plan_id, kind, period_id)
        draft = Draft(row["id"], plan_id, period_id, kind, row["number"], row["symbol"],
                      date.fromisoformat(row["issued_on"]) if row["issued_on"] else None, row["addressees"],
                      row["recipients"], row["signer_authority"], row["signer_position"], row["signer_name"],
                      updated_at=row["updated_at"])
        for s in self.session.rows("SELECT * FROM report_sections WHERE draft_id = ?", (draft.id,)):
            draft.sections[s["key"]] = SectionText(s["text"], bool(s["with_lists"]), s["updated_at"], s["updated_by"])
        charts = draft.sections.pop(CHARTS_KEY, None)
        draft.with_charts = kind == kinds.PERIODIC and charts is not None and charts.with_lists
        return draft

    def _default_draft(self, plan_id: int, kind: str, period_id: int | None) -> Draft:
        profile = self.session.profile.get()
        draft = Draft(None, plan_id, period_id, kind, symbol=f"{kinds.DOC_CODES[kind]}-UBND" if kind in NUMBERED
                      else "", recipients=parts.default_recipients(kind, profile, self.archive_unit())
                      if kind in NUMBERED else "", signer_authority=profile.signer_authority,
                      signer_position=profile.signer_position, signer_name=profile.signer_name)
        if kind == kinds.TASKS:
            draft.signer_authority, draft.signer_position = tr("NGƯỜI LẬP BIỂU"), ""
            draft.signer_name = profile.officer
        if kind not in NUMBERED:
            draft.issued_on = self.session.clock.today()
        return draft

    def archive_unit(self) -> str:
        """The officer's unit as "Lưu: VT, VHXH" writes it."""
        unit_name = self.session.profile.get().officer_unit
        if not unit_name:
            return ""
        unit = self.session.units.matcher().match(unit_name)
        return unit.abbreviation if unit is not None and unit.abbreviation else unit_name

    def save_draft(self, draft: Draft) -> Draft:
        """Number, date, recipients and signer. Validated; one transaction with its audit rows."""
        self._check_kind(draft.kind, draft.period_id)
        clean = _clean_meta(draft)
        old = self.draft(draft.plan_id, draft.kind, draft.period_id)
        changes = diff({f: getattr(old, f) for f in META_FIELDS}, {f: getattr(clean, f) for f in META_FIELDS})
        with self.session.transaction():
            draft_id = self._ensure_row(clean)
            if changes:
                self.session.conn.execute(
                    "UPDATE report_drafts SET number = ?, symbol = ?, issued_on = ?, addressees = ?, recipients = ?,"
                    " signer_authority = ?, signer_position = ?, signer_name = ?, updated_at = ? WHERE id = ?",
                    (clean.number, clean.symbol, clean.issued_on.isoformat() if clean.issued_on else None,
                     clean.addressees, clean.recipients, clean.signer_authority, clean.signer_position,
                     clean.signer_name, self.session.clock.now(), draft_id))
                self.session.audit.record("report_draft", draft_id, UPDATE, changes, plan_id=draft.plan_id,
                                          period_id=draft.period_id)
        return self.draft(draft.plan_id, draft.kind, draft.period_id)

    def _put_section(self, draft_id: int, key: str, text: str, with_lists: bool) -> None:
        self.session.conn.execute(
            "INSERT INTO report_sections (draft_id, key, text, with_lists, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(draft_id, key) DO UPDATE SET text = excluded.text, with_lists = excluded.with_lists,"
            " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            (draft_id, key, text, int(with_lists), self.session.clock.now(), self.session.profile.officer_name()))

    def _ensure_row(self, draft: Draft) -> int:
        row = self.session.one("SELECT id FROM report_drafts WHERE plan_id = ? AND kind = ? AND "
                               "ifnull(period_id, 0) = ?", (draft.plan_id, draft.kind, draft.period_id or 0))
        if row is not None:
            return row["id"]
        now = self.session.clock.now()
        cur = self.session.conn.execute(
            "INSERT INTO report_drafts (plan_id, period_id, kind, number, symbol, issued_on, addressees, recipients,"
            " signer_authority, signer_position, signer_name, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (draft.plan_id, draft.period_id, draft.kind, draft.number, draft.symbol,
             draft.issued_on.isoformat() if draft.issued_on else None, draft.addressees, draft.recipients,
             draft.signer_authority, draft.signer_position, draft.signer_name, now, now))
        self.session.audit.record("report_draft", cur.lastrowid, CREATE, plan_id=draft.plan_id,
                                  period_id=draft.period_id)
        return cur.lastrowid

    def save_section(self, plan_id: int, kind: str, period_id: int | None, key: str, text: str,
                     with_lists: bool = True) -> None:
        """The officer's text for one section, saved as typed.

        Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        text = strip_controls(text.replace("\r\n", "\n"))
        if len(text) > MAX_SECTION:
            raise ValidationError(tr("Nội dung mục này quá dài (tối đa {n} ký tự).", n=MAX_SECTION))
        draft = self.draft(plan_id, kind, period_id)
        old = draft.sections.get(key)
        if old is not None and old.text == text and old.with_lists == with_lists:
            return
        with self.session.transaction():
            draft_id = self._ensure_row(draft)
            self._put_section(draft_id, key, text, with_lists)
            self.session.audit.record("report_section", draft_id, UPDATE,
                                      {key: (old.text if old else None, text)}, plan_id=plan_id, period_id=period_id)

    def save_with_charts(self, plan_id: int, kind: str, period_id: int | None, wanted: bool) -> None:
        """Whether the periodic report carries an appendix of charts (remembered per report).

        Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        if kind != kinds.PERIODIC:
            raise ValidationError(tr("Chỉ báo cáo theo kỳ mới có phụ lục biểu đồ."))
        draft = self.draft(plan_id, kind, period_id)
        if draft.with_charts == bool(wanted):
            return
        with self.session.transaction():
            draft_id = self._ensure_row(draft)
            self._put_section(draft_id, CHARTS_KEY, "", bool(wanted))      # the choice rides on with_lists
            self.session.audit.record("report_section", draft_id, UPDATE,
                                      {CHARTS_KEY: (int(draft.with_charts), int(bool(wanted)))}, plan_id=plan_id,
                                      period_id=period_id)

    def reset_section(self, plan_id: int, kind: str, period_id: int | None, key: str) -> None:
        """Back to the text drafted from the data."""
        draft = self.draft(plan_id, kind, period_id)
        old = draft.sections.get(key)
        if draft.id is None or old is None:
            return
        with self.session.transaction() as conn:
            conn.execute("DELETE FROM report_sections WHERE draft_id = ? AND key = ?", (draft.id, key))
            self.session.audit.record("report_section", draft.id, DELETE, {key: (old.text, None)}, plan_id=plan_id,
                                      period_id=period_id)

    # ------------------------------------------------------------------ building

    def context(self, plan_id: int, kind: str, period_id: int | None = None,
                draft: Draft | None = None, as_of: date | None = None) -> ReportContext:
        self._check_kind(kind, period_id)
        s = self.session
        plan = s.plans.get(plan_id)
        period = s.periods.get(period_id) if period_id else None
        today = s.clock.today()
        self._check_as_of(kind, as_of, today)
        as_of = min(period.end_on, today) if period is not None else min(as_of or today, today)
        # The facts as they stood at the document's date (a period's cut-off), from the history.
        from cchc_desktop.services.history import evidence_as_of, rows_as_of
        rows = s.tasks.rows(plan_id)
        if as_of < today:
            rows = rows_as_of(s, rows, as_of)
        evidence: dict[int, list] = {}
        for item in evidence_as_of(s, plan_id, as_of):
            evidence.setdefault(item.task_id, []).append(item)
        # One scope: the statistics appendix counts the tasks of the plan the body reports on; but a draft
        # ("Dự thảo") is never counted anywhere official: its report's appendix is the form as the statistics
        # page has it (the year's plan in force, or none), and the document says "Dự thảo".
        form = s.statistics.form(period, None if plan.draft else plan_id) if period is not None else None
        draft = draft or self.draft(plan_id, kind, period_id)
        # the chart appendix: the indicators of every period up to this one (this one as Phụ lục II has them)
        chart_periods = s.overview.period_values(period.year, period, form) \
            if draft.with_charts and period is not None else []
        return ReportContext(s.profile.get(), plan, period, as_of, rows, s.overview.domains(plan_id),
                             evidence, form, draft, self.archive_unit(), chart_periods)

    @staticmethod
    def _check_as_of(kind: str, as_of: date | None, today: date) -> None:
        """A task or evidence list may be written as of an earlier date; a period's report is as of its cut-off."""
        if as_of is None:
            return
        if kind not in kinds.DATED:
            raise ValidationError(tr("Chỉ danh mục nhiệm vụ và danh mục tài liệu kiểm chứng mới chọn được ngày "
                                     "tính số liệu."), tr("Báo cáo theo kỳ tính đến ngày chốt số liệu của kỳ."))
        if as_of > today:
            raise ValidationError(tr("Ngày {d} chưa tới.", d=format_date(as_of)),
                                  tr("Hãy chọn hôm nay hoặc một ngày đã qua."))

    def build(self, plan_id: int, kind: str, period_id: int | None = None, as_of: date | None = None) -> Built:
        """``as_of``: for a task or evidence list, the facts at that date (rebuilt from the history)."""
        return self.builder.build(self.context(plan_id, kind, period_id, as_of=as_of))

    def sections(self, plan_id: int, kind: str, period_id: int | None = None) -> list[SectionState]:
        from cchc_desktop.reports.sections import section_text, with_lists
        ctx = self.context(plan_id, kind, period_id)
        states = []
        for sec in self.builder.sections(ctx):
            stored = ctx.draft.sections.get(sec.key)
            states.append(SectionState(sec.key, sec.title, section_text(ctx, sec), sec.default(ctx, sec),
                                       stored is not None, bool(sec.lists), with_lists(ctx, sec),
                                       1 if sec.style == HEADING2 else 0, sec.group_heading))
        return states

    def render(self, plan_id: int, kind: str, period_id: int | None, fmt: str,
               as_of: date | None = None) -> tuple[bytes, Built]:
        built = self.build(plan_id, kind, period_id, as_of)
        return self.builder.render(built.document, fmt), built

    def write(self, plan_id: int, kind: str, period_id: int | None, fmt: str, path: Path | str,
              as_of: date | None = None) -> Built:
        """Write the document to ``path`` atomically (a half-written file never replaces a good one)."""
        data, built = self.render(plan_id, kind, period_id, fmt, as_of)
        write_bytes_atomically(path, data)
        return built

    # ------------------------------------------------------------------ the register

    def issue(self, plan_id: int, kind: str, period_id: int | None, fmt: str = "pdf") -> IssuedReport:
        """Record the document as issued: its number, date and signer, and the exact file, verified.

        Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        self.session.workspace.ensure_writable()
        if kind not in NUMBERED:
            raise ValidationError(tr("Chỉ báo cáo và thông báo (có số, ký hiệu) mới đưa vào sổ văn bản đã ban hành."))
        if fmt not in FORMATS:
            raise ValidationError(tr("Định dạng “{fmt}” không được hỗ trợ.", fmt=fmt))
        draft = self.draft(plan_id, kind, period_id)
        self._check_issuable(draft)
        data, built = self.render(plan_id, kind, period_id, fmt)
        blocking = [p for p in built.problems if p.blocking]
        if blocking:
            raise ValidationError(tr("Chưa ban hành được: mục “{s}”: {m}", s=blocking[0].section, m=blocking[0].message),
                                  tr("Hãy sửa nội dung mục đó rồi ban hành lại."))
        title = f"{built.document.title.capitalize()} {built.document.subject[0][:1].lower()}" \
                f"{built.document.subject[0][1:]}"
        name = safe_file_name(f"{draft.number_text.replace('/', '-')} {title[:80]}.{fmt}")
        return self._store_issued(draft, data, fmt, name, title)

    def _check_issuable(self, draft: Draft) -> None:
        if not draft.number.strip():
            raise ValidationError(tr("Văn bản chưa có số."), tr("Hãy nhập số văn bản (do văn thư cấp) rồi ban hành."),
                                  field="number")
        if draft.issued_on is None:
            raise ValidationError(tr("Văn bản chưa có ngày ban hành."), tr("Hãy nhập ngày ký rồi ban hành."),
                                  field="issued_on")
        if not draft.signer_name.strip():
            raise ValidationError(tr("Chưa có tên người ký."), tr("Hãy nhập người ký rồi ban hành."),
                                  field="signer_name")
        clash = self.session.one(
            "SELECT title, issued_on FROM issued_reports WHERE number = ? AND substr(issued_on, 1, 4) = ? "
            "AND deleted_at IS NULL", (draft.number_text, str(draft.issued_on.year)))
        if clash:
            raise ValidationError(tr("Số {n} đã dùng cho “{t}” ngày {d}.", n=draft.number_text, t=clash["title"],
                                     d=format_date(clash["issued_on"])),
                                  tr("Mỗi văn bản trong năm có một số riêng; hãy kiểm tra lại số do văn thư cấp."),
                                  field="number")

    def _store_issued(self, draft: Draft, data: bytes, fmt: str, name: str, title: str) -> IssuedReport:
        store = self.session.evidence.store
        with tempfile.TemporaryDirectory(prefix="cchc-bc-") as folder:
            temp = Path(folder) / name
            temp.write_bytes(data)
            blob = store.put(temp)
        try:
            now = self.session.clock.now()
            officer = self.session.profile.officer_name()
            with self.session.transaction() as conn:
                self.session.evidence.record_blobs(conn, [blob])
                cur = conn.execute(
                    "INSERT INTO issued_reports (plan_id, period_id, kind, number, issued_on, title, signer_name,"
                    " format, file_name, sha256, size, issued_at, issued_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    " ?, ?, ?)", (draft.plan_id, draft.period_id, draft.kind, draft.number_text,
                                  draft.issued_on.isoformat(), title, draft.signer_name, fmt, name, blob.sha256,
                                  blob.size, now, officer))
                self.session.audit.record("issued_report", cur.lastrowid, CREATE,
                                          {"number": (None, draft.number_text), "file_name": (None, name)},
                                          plan_id=draft.plan_id, period_id=draft.period_id)
        except BaseException:
            if blob.created and self.session.one("SELECT 1 FROM blobs WHERE sha256 = ?", (blob.sha256,)) is None:
                store.discard(blob.sha256)
            raise
        return self.issued(cur.lastrowid)

    def register(self, year: int | None = None) -> list[IssuedReport]:
        where, params = "WHERE deleted_at IS NULL", ()
        if year is not None:
            where, params = where + " AND substr(issued_on, 1, 4) = ?", (str(year),)
        rows = self.session.rows(f"SELECT * FROM issued_reports {where} ORDER BY issued_on DESC, id DESC", params)
        return [_issued(r) for r in rows]

    def issued(self, report_id: int) -> IssuedReport:
        """Raises ``NotFound`` when there is no such record."""
        row = self.session.one("SELECT * FROM issued_reports WHERE id = ?", (report_id,))
        if row is None:
            raise NotFound(tr("Không tìm thấy văn bản số {id} trong sổ.", id=report_id))
        return _issued(row)

    def issued_state(self, report_id: int) -> str:
        """"ok", "missing" or "changed": the stored file against the hash taken when it was issued."""
        item = self.issued(report_id)
        return self.session.evidence.store.check(item.sha256, item.size)

    def issued_copy(self, report_id: int, dest: Path | None = None) -> Path:
        """A read-only copy of the file exactly as issued, checked against its hash first.

        Raises ``DataProblem`` when stored data or a stored file is damaged."""
        item = self.issued(report_id)
        state = self.issued_state(report_id)
        if state != "ok":
            from cchc_desktop.errors import DataProblem
            raise DataProblem(tr("Tệp của văn bản {n} trong kho đã bị mất hoặc bị thay đổi.", n=item.number),
                              tr("Hãy khôi phục từ bản sao lưu."))
        if dest is None:
            return self.session.evidence.store.view_copy(item.sha256, item.file_name,
                                                         self.session.workspace.view_dir / f"bc-{item.id}")
        source = self.session.evidence.store.path_for(item.sha256)
        return write_bytes_atomically(dest, source.read_bytes())

    def suggest_file_name(self, plan_id: int, kind: str, period_id: int | None, fmt: str,
                          as_of: date | None = None) -> str:
        """The name to offer when the officer saves this document: "BC-05-CCHC-quy-I-2026.pdf",
        "TB-03-nhiem-vu-qua-han-2026.docx", "DM-nhiem-vu-CCHC-2026-den-14-03-2026.xlsx"."""
        draft = self.draft(plan_id, kind, period_id)
        year = self.session.plans.get(plan_id).year
        if kind == kinds.PERIODIC and period_id is not None:
            code = (draft.symbol or "BC").split("-")[0] or "BC"
            return document_file_name(code, draft.number, tr("CCHC {p}", p=self.session.periods.get(period_id).title),
                                      fmt)
        if kind in NUMBERED:
            code = (draft.symbol or "TB").split("-")[0] or "TB"
            return document_file_name(code, draft.number, tr("nhiệm vụ quá hạn {y}", y=year), fmt)
        subject = tr("minh chứng CCHC {y}", y=year) if kind == "evidence" else tr("nhiệm vụ CCHC {y}", y=year)
        return document_file_name("DM", "", subject, fmt, as_of)

    def suggest_number(self, year: int, symbol: str) -> str:
        """The next free number this year for ``symbol`` among the issued documents the program knows."""
        used = [r["number"].split("/")[0] for r in self.session.rows(
            "SELECT number FROM issued_reports WHERE substr(issued_on, 1, 4) = ? AND number LIKE ? AND "
            "deleted_at IS NULL", (str(year), f"%/{symbol}"))]
        numbers = [int(n) for n in used if n.isdigit()]
        return f"{(max(numbers) + 1) if numbers else 1:02d}"

    # ------------------------------------------------------------------ checks

    def _check_kind(self, kind: str, period_id: int | None) -> None:
        if kind not in kinds.KINDS:
            raise ValidationError(tr("Loại văn bản “{k}” không có; hãy chọn: {all}.", k=kind, all=", ".join(kinds.KINDS)))
        if kind == kinds.PERIODIC and not period_id:
            raise ValidationError(tr("Báo cáo theo kỳ cần chọn kỳ báo cáo."),
                                  tr("Hãy chọn kỳ (ví dụ 2026-Q1) rồi làm lại."))


def _clean_meta(draft: Draft) -> Draft:
    draft = replace(draft, **{f: strip_controls(getattr(draft, f)) for f in META_FIELDS if f != "issued_on"})
    clean = replace(draft, number=draft.number.strip(), symbol="".join(draft.symbol.split()),
                    addressees="\n".join(parts.lines(draft.addressees)),
                    recipients="\n".join(parts.lines(draft.recipients)),
                    signer_authority="\n".join(parts.lines(draft.signer_authority)),
                    signer_position="\n".join(parts.lines(draft.signer_position)),
                    signer_name=" ".join(draft.signer_name.split()))
    if clean.number and not _NUMBER.match(clean.number):
        raise ValidationError(tr("Số văn bản “{n}” không hợp lệ.", n=clean.number),
                              tr("Chỉ ghi phần số, ví dụ 05; ký hiệu (BC-UBND) ghi ở ô bên cạnh."), field="number")
    if clean.symbol and not _SYMBOL.match(clean.symbol):
        raise ValidationError(tr("Ký hiệu “{s}” không hợp lệ.", s=clean.symbol),
                              tr("Ký hiệu gồm chữ viết tắt và dấu gạch nối, ví dụ BC-UBND."), field="symbol")
    if clean.issued_on and not date(2000, 1, 1) <= clean.issued_on <= date(2100, 12, 31):
        raise ValidationError(tr("Ngày ban hành không hợp lệ."), field="issued_on")
    if len(clean.signer_name) > 80:
        raise ValidationError(tr("Tên người ký quá dài (tối đa 80 ký tự)."), field="signer_name")
    if len(parts.lines(clean.recipients)) > 30:
        raise ValidationError(tr("“Nơi nhận” quá dài (tối đa 30 dòng)."), field="recipients")
    return clean
