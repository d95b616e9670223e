"""``assessment``: the PAR Index self-assessment (tự đánh giá, chấm điểm Chỉ số CCHC)."""
from __future__ import annotations

from pathlib import Path

from cchc_desktop.assessment import rules as R
from cchc_desktop.cli.common import date_arg, print_json, year_arg
from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import format_date, format_number, parse_number, tr
from cchc_desktop.workspace import Session


def add_commands(commands, parser_class) -> None:
    actions = commands.add_parser("assessment", help="tự đánh giá, chấm điểm Chỉ số CCHC").add_subparsers(
        dest="action", metavar="VIỆC", required=True, parser_class=parser_class)
    p = actions.add_parser("load", help="nạp bộ chỉ số của tỉnh (.xlsx, .docx …)")
    _year(p)
    p.add_argument("file", metavar="TỆP", help="tệp bộ chỉ số")
    p.add_argument("--province", metavar="TỈNH", help="tên tỉnh (bỏ trống: đọc từ tệp)")
    p.add_argument("--sample", action="store_true", help="đánh dấu là bộ chỉ số mẫu")
    p.add_argument("--dry-run", action="store_true", help="chỉ đọc và cho xem, không ghi gì")
    _json(p)
    p = actions.add_parser("set", help="khai giá trị cho tiêu chí: MÃ=GIÁ_TRỊ …")
    _year(p)
    p.add_argument("values", nargs="*", metavar="MÃ=GIÁ_TRỊ",
                   help="ví dụ III.2.1=96,5  I.1.1=\"ban hành kịp thời\"  I.4=3/4  II.1.1=có  III.3.b=KAD")
    p.add_argument("--cutoff", type=date_arg, metavar="NGÀY", help="ngày chốt số liệu của bản tự đánh giá")
    p = actions.add_parser("explain", help="viết giải trình cho một tiêu chí")
    _year(p)
    _item(p)
    p.add_argument("--text", required=True, metavar="NỘI_DUNG", help="nội dung giải trình")
    p = actions.add_parser("evidence", help="tài liệu kiểm chứng của tiêu chí")
    sub = p.add_subparsers(dest="evidence_action", metavar="VIỆC", required=True, parser_class=parser_class)
    q = sub.add_parser("add", help="đính kèm tệp vào tiêu chí")
    _year(q)
    _item(q)
    q.add_argument("files", nargs="+", metavar="TỆP", help="tệp cần đính kèm")
    q.add_argument("--number", help="số, ký hiệu văn bản (khi đính kèm một tệp)")
    q.add_argument("--date", dest="doc_date", type=date_arg, help="ngày văn bản")
    q.add_argument("--summary", help="trích yếu")
    q = sub.add_parser("link", help="dùng tài liệu đã đính kèm ở nhiệm vụ")
    _year(q)
    _item(q)
    q.add_argument("ids", nargs="+", type=int, metavar="MÃ_TÀI_LIỆU", help="mã tài liệu (evidence list)")
    q = sub.add_parser("suggest", help="gợi ý tài liệu của nhiệm vụ cùng lĩnh vực")
    _year(q)
    _item(q)
    _json(q)
    q = sub.add_parser("list", help="tài liệu kiểm chứng của tiêu chí (hoặc cả bản)")
    _year(q)
    q.add_argument("--item", metavar="MÃ", help="mã tiêu chí")
    _json(q)
    p = actions.add_parser("show", help="điểm tự chấm, theo từng tiêu chí")
    _year(p)
    _json(p)
    p = actions.add_parser("rule", help="sửa cách chấm của một tiêu chí")
    _year(p)
    _item(p)
    p.add_argument("--kind", required=True, choices=R.KINDS, help="cách chấm")
    p.add_argument("--text", default="", metavar="NỘI_DUNG",
                   help="các mức điểm viết như hướng dẫn, ví dụ \"Có: 1 điểm; Không: 0 điểm\"")
    p.add_argument("--na", choices=("full", "exclude"), help="khi không áp dụng: được điểm tối đa / không tính")
    p = actions.add_parser("bands", help="xem hoặc sửa các mức xếp loại")
    _year(p)
    p.add_argument("--set", dest="bands", metavar="MỨC", help="ví dụ \"Tốt=80; Khá=70; Trung bình=60; Thấp=0\"")
    p = actions.add_parser("link", help="lấy giá trị tiêu chí từ một chỉ tiêu của biểu thống kê")
    _year(p)
    _item(p)
    p.add_argument("--indicator", required=True, metavar="MÃ", help="mã chỉ tiêu (bỏ trống \"\" để bỏ liên kết)")
    p = actions.add_parser("province-score", help="điểm cấp trên thẩm định cho một tiêu chí")
    _year(p)
    _item(p)
    p.add_argument("--score", required=True, metavar="ĐIỂM", help="điểm thẩm định (bỏ trống \"\" để xóa)")
    p.add_argument("--note", default="", metavar="GHI_CHÚ", help="ghi chú của cấp trên")
    for name, help_text in (("report", "báo cáo tự đánh giá (PDF, DOCX, XLSX)"),
                            ("province-xlsx", "bảng Excel theo mẫu của tỉnh, có cột điểm tự chấm"),
                            ("export-criteria", "xuất bộ chỉ số ra Excel")):
        p = actions.add_parser(name, help=help_text)
        _year(p)
        if name == "report":
            p.add_argument("--format", choices=("pdf", "docx", "xlsx"), required=True, help="định dạng")
        p.add_argument("--out", required=True, metavar="TỆP", help="tệp ghi ra")
    p = actions.add_parser("package", help="gói tài liệu kiểm chứng (.zip, mỗi tiêu chí một thư mục)")
    _year(p)
    p.add_argument("--out", required=True, metavar="TỆP", help="tệp .zip ghi ra")
    for name, help_text in (("close", "chốt bản tự đánh giá"), ("reopen", "mở lại bản tự đánh giá đã chốt")):
        p = actions.add_parser(name, help=help_text)
        _year(p)
        p.add_argument("--reason", default="", help="lý do (bắt buộc khi mở lại)")
    p = actions.add_parser("start", help="bắt đầu năm mới từ bản tự đánh giá năm trước")
    _year(p)
    p.add_argument("--from", dest="source_year", type=year_arg, required=True, metavar="NĂM", help="năm lấy theo")


def _year(p) -> None:
    p.add_argument("--year", type=year_arg, required=True, help="năm đánh giá")


def _item(p) -> None:
    p.add_argument("--item", required=True, metavar="MÃ", help="mã tiêu chí, ví dụ III.2.1")


def _json(p) -> None:
    p.add_argument("--json", action="store_true", help="in ra dạng JSON")


def cmd_load(session: Session, args) -> int:
    service = session.assessment
    sheet = service.read_sheet(args.file)
    if args.dry_run:
        result = service.carry_over(args.year, sheet)
    else:
        result = service.load(args.year, Path(args.file), province=args.province, sample=args.sample, sheet=sheet)
    if args.json:
        print_json({**result.to_json(), "dry_run": bool(args.dry_run)})
        return 0
    s = result.sheet
    print(tr("Đọc được {n} mục, {leaves} tiêu chí chấm điểm; tổng điểm tối đa {total}.", n=len(s.items),
             leaves=len(s.leaves), total=format_number(s.max_total)))
    for c in s.items:
        indent = "  " * (c.level - 1)
        print(f"{indent}{c.code:10} {format_number(c.max_points):>5}  {c.name[:70]}")
        if c.rule:
            guidance = " / ".join(line.strip() for line in c.guidance.splitlines() if line.strip())
            shown = guidance[:200] + ("…" if len(guidance) > 200 else "")
            print(f"{indent}    {tr('Hướng dẫn')}: {shown or '—'}")
            print(f"{indent}    → [{tr(R.KIND_LABELS[c.rule.kind])}] {R.describe(c.rule)}")
        for note in c.flags():
            print(f"{indent}    ⚠ {note}")
    bands = "; ".join(tr("{name} từ {low}%", name=name, low=format_number(low)) for name, low in s.bands)
    print(tr("Xếp loại: {bands}", bands=bands or tr("(tệp không ghi; dùng mức thường gặp)")) +
          (tr(" — giữ các mức cán bộ đã sửa") if result.kept_bands else ""))
    for warning in s.warnings:
        print(tr("Lưu ý: {w}", w=warning))
    if result.dropped_values:
        verb = tr("Sẽ bỏ") if args.dry_run else tr("Đã bỏ")
        print(tr("{verb} giá trị của các tiêu chí mà cách chấm mới không đọc được: {c}", verb=verb,
                 c=", ".join(result.dropped_values)))
    if result.vanished:
        print(tr("Các tiêu chí sau không còn trong bộ mới; giá trị, giải trình và tài liệu của chúng không còn hiện: "
                 "{c}", c=", ".join(result.vanished)))
    if result.kept_rules:
        print(tr("Giữ cách chấm cán bộ đã sửa ở: {c}", c=", ".join(result.kept_rules)))
    if args.dry_run:
        print(tr("(Chạy thử: chưa ghi gì.)"))
    return 0


def cmd_set(session: Session, args) -> int:
    """Raises ``ValidationError`` for a pair not written MÃ=GIÁ_TRỊ (and what the service refuses)."""
    if args.cutoff:
        session.assessment.set_cutoff(args.year, args.cutoff)
        print(tr("Ngày chốt số liệu của bản tự đánh giá: {d}.", d=format_date(args.cutoff)))
        if not args.values:
            return 0
    values = {}
    for pair in args.values:
        code, sep, value = pair.partition("=")
        if not sep or not code.strip():
            raise ValidationError(tr("“{p}” không đúng dạng MÃ=GIÁ_TRỊ.", p=pair))
        values[code.strip()] = value
    changed = session.assessment.set_values(args.year, values)
    print(tr("Đã ghi {n} giá trị.", n=len(changed)))
    return 0


def cmd_explain(session: Session, args) -> int:
    session.assessment.explain(args.year, args.item, args.text)
    print(tr("Đã ghi giải trình."))
    return 0


def cmd_evidence(session: Session, args) -> int:
    service = session.assessment
    if args.evidence_action == "add":
        files = [Path(f) for f in args.files]
        added = service.evidence.add(args.year, args.item, files, _metadata(args, files))
        print(tr("Đã đính kèm {n} tệp.", n=len(added)))
        if len(added) < len(files):
            print(tr("{n} tệp đã có sẵn ở tiêu chí này (cùng nội dung), không đính kèm lại.", n=len(files) - len(added)))
    elif args.evidence_action == "link":
        added = service.evidence.link(args.year, args.item, args.ids)
        print(tr("Đã liên kết {n} tài liệu.", n=len(added)))
    elif args.evidence_action == "suggest":
        found = service.evidence.suggestions(args.year, args.item)
        if args.json:
            print_json([{"evidence_id": s.evidence.id, "file_name": s.evidence.file_name, "task": s.task_code,
                         "product": s.product, "matched": list(s.matched)} for s in found])
        for s in found if not args.json else ():
            print(f"{s.evidence.id:6}  {s.evidence.file_name}  ({tr('nhiệm vụ')} {s.task_code}: {s.product})")
        if not found and not args.json:
            print(tr("Không có tài liệu nào của nhiệm vụ cùng lĩnh vực khớp với “Tài liệu kiểm chứng” của tiêu chí."))
    else:
        items = service.evidence.list(args.year, args.item)
        if args.json:
            print_json([{"id": e.id, "item": e.code, "file_name": e.file_name, "sha256": e.sha256, "size": e.size,
                         "doc_number": e.doc_number, "doc_date": e.doc_date.isoformat() if e.doc_date else None,
                         "linked_evidence_id": e.evidence_id} for e in items])
        for e in items if not args.json else ():
            print(f"{e.id:6}  {e.code:10} {e.file_name}  {e.doc_number}  {format_date(e.doc_date)}")
    return 0


def _metadata(args, files: list[Path]):
    """--number/--date/--summary for one file; guessed from the file names otherwise.

    Raises ``ValidationError`` when they are given for several files at once."""
    if not (args.number or args.doc_date or args.summary):
        return None
    if len(files) != 1:
        raise ValidationError(tr("Số, ngày và trích yếu chỉ ghi được khi đính kèm từng tệp một."))
    from cchc_desktop.model import EvidenceInput
    return [EvidenceInput(args.number or "", args.doc_date, "", args.summary or "")]


def cmd_show(session: Session, args) -> int:
    view = session.assessment.view(args.year)
    if args.json:
        print_json(view.to_json())
        return 0
    print(view.criteria_set.label)
    reviewed = view.totals.province_total is not None
    for item in view.items:
        score = format_number(item.score) if item.score is not None else "—"
        value = item.declared.text() if item.declared and item.is_leaf else ""
        mark = " ⚠" if item.needs_explanation or item.value_problem or item.criterion.flags() else ""
        province = ""
        if reviewed:
            given = format_number(item.province_score) if item.province_score is not None else "—"
            province = f" {tr('thẩm định')} {given:>6}"
        print(f"{'  ' * (item.criterion.level - 1)}{item.code:10} {score:>6} / {format_number(item.criterion.max_points):<5}"
              f"{province} {value[:20]:20} {item.criterion.name[:60]}{mark}")
    t = view.totals
    print(tr("Tổng tự chấm: {s} / {m} điểm ({p}%) — {band}", s=format_number(t.self_total), m=format_number(t.max_self),
             p=format_number(view.percent or 0), band=view.band or "—"))
    if reviewed:
        print(tr("Tổng sau thẩm định (điểm tự chấm, thay bằng điểm cấp trên ở tiêu chí đã thẩm định, cộng phần cấp "
                 "trên chấm): {p} / {m} điểm", p=format_number(t.province_total), m=format_number(t.max_total)))
    if view.missing_explanations:
        print(tr("Còn thiếu giải trình: {c}", c=", ".join(i.code for i in view.missing_explanations)))
    return 0


def cmd_rule(session: Session, args) -> int:
    rule = session.assessment.set_rule(args.year, args.item, args.kind, args.text, args.na)
    print(tr("Cách chấm mới: {t}", t=R.describe(rule)))
    return 0


def cmd_bands(session: Session, args) -> int:
    """Raises ``ValidationError`` for a level not written TÊN=SỐ (and what the service refuses)."""
    if args.bands:
        from cchc_desktop.assessment.scoring import parse_bands
        try:
            bands = parse_bands(args.bands)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None
        session.assessment.set_bands(args.year, bands)
    view = session.assessment.view(args.year)
    for name, low in view.criteria_set.bands:
        print(tr("{name}: từ {low}%", name=name, low=format_number(low)))
    return 0


def cmd_link(session: Session, args) -> int:
    session.assessment.link_indicator(args.year, args.item, args.indicator)
    print(tr("Đã ghi liên kết."))
    return 0


def cmd_province_score(session: Session, args) -> int:
    """Raises ``ValidationError`` for a score that is not a number (and what the service refuses)."""
    try:
        score = parse_number(args.score)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    session.assessment.set_province_score(args.year, args.item, score, args.note)
    print(tr("Đã ghi điểm thẩm định."))
    return 0


def cmd_report(session: Session, args) -> int:
    from cchc_desktop.reports.assessment import write_assessment_report
    out = write_assessment_report(session, args.year, args.format, Path(args.out))
    print(tr("Đã ghi {path}", path=out))
    return 0


def cmd_province_xlsx(session: Session, args) -> int:
    from cchc_desktop.exporters.criteria_xlsx import write_province_layout
    out = write_province_layout(session, args.year, Path(args.out))
    print(tr("Đã ghi {path}", path=out))
    return 0


def cmd_export_criteria(session: Session, args) -> int:
    from cchc_desktop.exporters.criteria_xlsx import write_criteria
    out = write_criteria(session, args.year, Path(args.out))
    print(tr("Đã ghi {path}", path=out))
    return 0


def cmd_package(session: Session, args) -> int:
    from cchc_desktop.assessment.package import write_package
    result = write_package(session, args.year, Path(args.out))
    print(tr("Đã ghi {path}: {n} tệp của {items} tiêu chí.", path=result.path, n=result.files, items=result.items))
    return 0


def cmd_close(session: Session, args) -> int:
    view = session.assessment.close(args.year)
    print(tr("Đã chốt bản tự đánh giá năm {year}: {s} điểm ({p}%).", year=args.year,
             s=format_number(view.totals.self_total), p=format_number(view.percent or 0)))
    return 0


def cmd_reopen(session: Session, args) -> int:
    session.assessment.reopen(args.year, args.reason)
    print(tr("Đã mở lại bản tự đánh giá năm {year}.", year=args.year))
    return 0


def cmd_start(session: Session, args) -> int:
    result = session.assessment.start_from(args.year, args.source_year)
    print(tr("Đã tạo bản tự đánh giá năm {year} với {n} mục từ năm {y}. Hãy đối chiếu với bộ chỉ số mới của tỉnh.",
             year=args.year, n=len(result.sheet.items), y=args.source_year))
    return 0


HANDLERS = {("assessment", name): handler for name, handler in (
    ("load", cmd_load), ("set", cmd_set), ("explain", cmd_explain), ("evidence", cmd_evidence), ("show", cmd_show),
    ("rule", cmd_rule), ("bands", cmd_bands), ("link", cmd_link), ("province-score", cmd_province_score), ("report", cmd_report),
    ("province-xlsx", cmd_province_xlsx), ("export-criteria", cmd_export_criteria), ("package", cmd_package),
    ("close", cmd_close), ("reopen", cmd_reopen), ("start", cmd_start))}
