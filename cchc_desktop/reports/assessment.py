"""The self-assessment report: "BÁO CÁO Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm …"
in the form of Nghị định 30/2020, built as the same neutral ``Document`` the periodic reports use and written
by the same PDF, DOCX and XLSX writers.

Its body: an opening paragraph (the criteria set, the cut-off date, the self-score against the maximum of
the items the commune scores itself, the percentage and the rating), the table of scores (lĩnh vực in bold;
items the upper level scores say so instead of a score), and every item's explanation ("Giải trình").
An item with a score but neither evidence nor explanation refuses the whole report (domain: PAR Index).
"""
from __future__ import annotations

from pathlib import Path

from cchc_desktop.assessment import rules as R
from cchc_desktop.i18n import format_date, format_number, tr
from cchc_desktop.reports import document as d
from cchc_desktop.reports import parts
from cchc_desktop.reports.context import Draft

KIND = "assessment"
SYMBOL = "BC-UBND"
SHORT_EXPLANATION = 120      # characters of an explanation shown whole in the table of the PDF/DOCX
EVIDENCE_NUMBERS = 3         # documents named by number in a table cell; the rest are counted


def write_assessment_report(session, year: int, fmt: str, out: Path) -> Path:
    """Write the year's self-assessment report as ``fmt`` (pdf | docx | xlsx) to ``out`` atomically (a
    killed run leaves no half file; a name without an extension gets ``.fmt``). Returns the path written.

    Raises ``ValidationError`` (Vietnamese) for an unknown format, or while an item with a score has neither
    evidence nor explanation (nothing is written); ``NotFound`` when the year has no assessment;
    ``EnvironmentProblem`` when the file cannot be written."""
    from cchc_desktop.errors import ValidationError
    from cchc_desktop.files import write_bytes_atomically
    from cchc_desktop.reports.builder import ReportBuilder
    from cchc_desktop.reports.kinds import FORMATS
    from cchc_desktop.services.assessment import require_explanations

    if fmt not in FORMATS:
        raise ValidationError(tr("Định dạng “{fmt}” không được hỗ trợ; hãy chọn pdf, docx hoặc xlsx.", fmt=fmt))
    view = session.assessment.view(year)
    require_explanations(view)
    evidence: dict[str, list] = {}
    for item in session.assessment.evidence.list(year):
        evidence.setdefault(item.code, []).append(item)
    document = assessment_document(view, evidence, session.profile.get(), session.clock.today().year,
                                   session.reports.archive_unit(), for_excel=fmt == "xlsx")
    data = ReportBuilder().render(document, fmt)
    out = Path(out)
    if not out.suffix:
        out = out.with_name(f"{out.name}.{fmt}")
    return write_bytes_atomically(out, data)


def assessment_document(view, evidence: dict[str, list], profile, issue_year: int, archive_unit: str = "",
                        for_excel: bool = False) -> d.Document:
    """The report for ``view`` (services.assessment.AssessmentView); ``evidence``: item code → its
    ItemEvidence. ``for_excel``: explanations whole in the table (a workbook carries only the tables)."""
    year = view.assessment.year
    draft = _draft(profile, archive_unit)
    subject = [tr("Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {year}", year=year)]
    if view.criteria_set.sample:
        subject.append(tr("(THEO BỘ CHỈ SỐ MẪU, KHÔNG PHẢI BỘ CHỈ SỐ CỦA TỈNH)"))
    blocks: list = []
    if view.criteria_set.sample:
        blocks.append(d.Paragraph(tr("Lưu ý: báo cáo này chấm điểm theo BỘ CHỈ SỐ MẪU đi kèm phần mềm, không phải "
                                     "bộ chỉ số do tỉnh ban hành; chỉ dùng để làm quen, không gửi cấp trên."),
                                  d.HEADING2))
    blocks += [d.Paragraph(_opening(view, profile), d.BODY),
               d.Paragraph(tr("I. KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM"), d.HEADING1),
               # a plain line between heading and table: a heading keeps with what follows, and kept with a
               # table longer than the page it would push the whole table onto the next page
               d.Paragraph(tr("Kết quả tự chấm điểm từng lĩnh vực, tiêu chí như sau:"), d.BODY),
               summary_table(view, evidence, for_excel),
               d.Paragraph(tr("II. GIẢI TRÌNH"), d.HEADING1),
               *_explanations(view),
               d.Paragraph(_ending(profile, view), d.BODY)]
    d.end_text(blocks)
    title = tr("Báo cáo kết quả tự đánh giá, chấm điểm Chỉ số CCHC năm {year}", year=year)
    province = profile.province or view.criteria_set.province
    return d.Document(parts.letterhead(profile, draft, issue_year, numbered=True), tr("BÁO CÁO"), subject,
                      d.Part(blocks), closing=parts.closing(draft),
                      addressees=[tr("Sở Nội vụ tỉnh {p}", p=province) if province else tr("Sở Nội vụ")],
                      meta=d.Meta(title, profile.issuer or profile.commune, title,
                                  f"cchc-desktop=1;kind={KIND};year={year}"))


def _draft(profile, archive_unit: str) -> Draft:
    """Number left blank for the clerk ("Số:    /BC-UBND"), the date for the signer; the commune's signer."""
    keep = tr("Lưu: VT, {unit}", unit=archive_unit) if archive_unit else tr("Lưu: VT")
    recipients = [tr("Như trên"), tr("Thường trực Đảng ủy xã (b/c)"), tr("Thường trực HĐND xã (b/c)"),
                  tr("Chủ tịch, các Phó Chủ tịch UBND xã"), keep]
    return Draft(None, 0, None, KIND, symbol=SYMBOL, recipients="\n".join(recipients),
                 signer_authority=profile.signer_authority, signer_position=profile.signer_position,
                 signer_name=profile.signer_name)


def _commune(profile) -> str:
    return profile.issuer or tr("Ủy ban nhân dân xã {c}", c=profile.commune)


def _set_phrase(criteria_set) -> str:
    if criteria_set.sample:
        return tr("Bộ chỉ số mẫu đi kèm phần mềm (không phải của tỉnh nào)")
    place = tr(" tỉnh {p}", p=criteria_set.province) if criteria_set.province else ""
    text = tr("Bộ chỉ số cải cách hành chính cấp xã{place} năm {y}", place=place, y=criteria_set.year)
    return text + (tr(" (lần {v})", v=criteria_set.version) if criteria_set.version > 1 else "")


def _percent(value: float | None) -> str:
    return f"{format_number(value)} %" if value is not None else "—"


def _opening(view, profile) -> str:
    t = view.totals
    text = tr("Căn cứ {set}, {who} đã tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {year}, số liệu tính "
              "đến ngày {cutoff}. Tổng điểm tự chấm đạt {score}/{max} điểm (điểm tối đa của các tiêu chí xã tự chấm), "
              "bằng {percent}, xếp loại: {band}.", set=_set_phrase(view.criteria_set), who=_commune(profile),
              year=view.assessment.year, cutoff=format_date(view.assessment.cutoff_on),
              score=format_number(t.self_total), max=format_number(t.max_self), percent=_percent(view.percent),
              band=view.band or "—")
    upper = round(sum(i.criterion.max_points for i in view.items if i.is_leaf and i.scored_by != "self"), 2)
    if upper:
        text += tr(" Các tiêu chí do cấp trên chấm ({n} điểm) và các tiêu chí không áp dụng không tính vào kết quả "
                   "này.", n=format_number(upper))
    if view.unscored:
        text += tr(" Còn {n} tiêu chí chưa chấm điểm (ghi “Chưa chấm” trong bảng).", n=len(view.unscored))
    return text


def _ending(profile, view) -> str:
    province = profile.province or view.criteria_set.province
    to = tr("Sở Nội vụ tỉnh {p}", p=province) if province else tr("Sở Nội vụ")
    return tr("{who} kính báo cáo {to} xem xét, thẩm định.", who=_commune(profile), to=to)


# ---------------------------------------------------------------------------- the table

def summary_table(view, evidence: dict[str, list], for_excel: bool = False) -> d.Table:
    """STT | Lĩnh vực/Tiêu chí | Điểm tối đa | Điểm tự chấm | Tài liệu kiểm chứng | Giải trình, then the total."""
    # widths (mm of the 165 of a portrait page): "Không áp dụng" fits the score column on one line
    columns = [d.Column(tr("STT"), 11, "center"), d.Column(tr("Lĩnh vực/Tiêu chí"), 51),
               d.Column(tr("Điểm tối đa"), 14, "right"), d.Column(tr("Điểm tự chấm"), 27, "right"),
               d.Column(tr("Tài liệu kiểm chứng"), 33), d.Column(tr("Giải trình"), 29)]
    rows = []
    for item in view.items:
        c = item.criterion
        rows.append(d.TableRow([c.stt, _name_cell(item), format_number(c.max_points), score_text(item),
                                _evidence_cell(evidence.get(item.code, [])) if item.is_leaf else "",
                                _explanation_cell(item.explanation, for_excel)],
                               bold=c.level == 1, keep_with_next=not item.is_leaf))
    t = view.totals
    rows.append(d.TableRow(["", tr("TỔNG CỘNG"), format_number(t.max_total), format_number(t.self_total), "", ""],
                           bold=True))
    rows.append(d.TableRow([tr("Tỷ lệ điểm tự chấm trên điểm tối đa của các tiêu chí xã tự chấm: {s}/{m} điểm = "
                               "{p}; xếp loại: {band}.", s=format_number(t.self_total), m=format_number(t.max_self),
                               p=_percent(view.percent), band=view.band or "—")], group=True))
    return d.Table(columns, rows, sheet_name=tr("Tự đánh giá"))


def score_text(item) -> str:
    """The self-score column: points, or "Cấp trên chấm", "Không áp dụng", "Chưa chấm"."""
    if item.scored_by != "self":
        return tr("Cấp trên chấm")
    if not item.applicable:
        return tr("Không áp dụng")
    return format_number(item.score) if item.score is not None else tr("Chưa chấm")


def _name_cell(item) -> str:
    """The item's name, and under it what the commune declared when that is what earned the points."""
    declared = _declared_text(item)
    return f"{item.criterion.name}\n" + tr("(Tự đánh giá: {v})", v=declared) if declared else item.criterion.name


def _declared_text(item) -> str:
    value, rule = item.declared, item.criterion.rule
    if not item.is_leaf or value is None or item.scored_by != "self" or rule is None:
        return ""
    if value.na:      # the score column says "Không áp dụng" unless the rule gives the maximum then
        return tr("không áp dụng, được điểm tối đa") if item.applicable else ""
    if value.option is not None or value.ratio is not None:
        return value.text()
    if rule.kind == R.BANDS:
        return value.text() + (" %" if rule.percent else "")
    if rule.kind == R.PER_ITEM:
        return tr("{n} trường hợp", n=value.text())
    if rule.kind == R.DEDUCTION:
        return tr("{n} vi phạm", n=value.text())
    return ""          # points typed by hand: the score column says it


def _evidence_cell(items: list) -> str:
    """The documents' numbers ("235/KH-UBND; 12/QĐ-UBND"), the rest counted; "3 tệp" when none has one."""
    if not items:
        return ""
    numbers = [e.doc_number for e in items if e.doc_number]
    if not numbers:
        return tr("{n} tệp", n=len(items))
    shown = numbers[:EVIDENCE_NUMBERS]
    rest = len(items) - len(shown)
    return "; ".join(shown) + (tr(" và {n} tài liệu khác", n=rest) if rest else "")


def _explanation_cell(text: str, whole: bool) -> str:
    text = " ".join((text or "").split())
    if whole or len(text) <= SHORT_EXPLANATION:
        return text
    cut = text[:SHORT_EXPLANATION - 20].rsplit(" ", 1)[0]
    return tr("{t}… (xem mục II)", t=cut)


# ---------------------------------------------------------------------------- explanations

def _explanations(view) -> list[d.Paragraph]:
    explained = [i for i in view.items if i.explanation.strip()]
    if not explained:
        return [d.Paragraph(tr("Các tiêu chí đã chấm điểm đều có tài liệu kiểm chứng kèm theo."), d.BODY)]
    blocks = [d.Paragraph(tr("Ủy ban nhân dân xã giải trình đối với các tiêu chí sau:"), d.BODY)]
    for position, item in enumerate(explained, start=1):
        c = item.criterion
        score = score_text(item)
        points = tr("tự chấm {s}/{m} điểm", s=score, m=format_number(c.max_points)) \
            if item.score is not None and item.applicable else score[:1].lower() + score[1:]
        blocks.append(d.Paragraph(tr("- Tiêu chí {code} “{name}” ({points}): {text}", code=c.code, name=c.name,
                                     points=points, text=" ".join(item.explanation.split()).rstrip(".;")
                                     + (";" if position < len(explained) else ".")),
                                  d.BULLET))
    return blocks
