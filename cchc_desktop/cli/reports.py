"""Headless report commands: ``report`` writes a document, ``reports`` reads the register of issued ones.

    main.py --data-dir DIR report --period 2026-Q1 [--plan ID] [--charts yes|no] --format pdf|docx|xlsx --out FILE
    main.py --data-dir DIR report --kind tasks|evidence|overdue [--plan ID] [--as-of dd/mm/yyyy] --format … --out FILE
"""
from __future__ import annotations

import json
from pathlib import Path

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import format_date, format_size, parse_date, tr
from cchc_desktop.reports.kinds import FORMATS, KINDS, PERIODIC
from cchc_desktop.workspace import Session


def add_commands(commands, parser_class) -> None:
    p = commands.add_parser("report", help="viết báo cáo, danh mục hoặc thông báo ra .pdf, .docx, .xlsx")
    p.add_argument("--kind", choices=KINDS, default=PERIODIC,
                   help="periodic = báo cáo theo kỳ (mặc định); tasks = danh mục nhiệm vụ; "
                        "evidence = danh mục tài liệu kiểm chứng; overdue = thông báo nhiệm vụ quá hạn")
    p.add_argument("--period", metavar="KỲ", help="kỳ báo cáo: 2026-Q1, 2026-H1, 2026-Q3 (hoặc 2026-9M), 2026-Y")
    p.add_argument("--plan", type=int, metavar="KẾ_HOẠCH", help="mã kế hoạch (bỏ trống nếu năm đó chỉ có một kế hoạch)")
    p.add_argument("--as-of", metavar="NGÀY", help="danh mục nhiệm vụ, tài liệu kiểm chứng tính đến ngày dd/mm/yyyy "
                                                  "(mặc định: hôm nay)")
    p.add_argument("--format", choices=FORMATS, help="định dạng (mặc định: theo đuôi tệp --out)")
    p.add_argument("--out", required=True, metavar="TỆP", help="tệp sẽ ghi ra")
    p.add_argument("--number", metavar="SỐ", help="số văn bản, ví dụ 05 (lưu vào bản nháp)")
    p.add_argument("--date", metavar="NGÀY", help="ngày ban hành dd/mm/yyyy (lưu vào bản nháp)")
    p.add_argument("--signer", metavar="HỌ_TÊN", help="họ tên người ký (lưu vào bản nháp)")
    p.add_argument("--section", action="append", default=[], metavar="MỤC=NỘI_DUNG",
                   help="viết lại một mục (lưu vào bản nháp), ví dụ \"III.2=- Còn 2 nhiệm vụ chậm.\"; "
                        "mục: intro, I, II, II.III…, III.1, III.2, IV, V, end")
    p.add_argument("--charts", choices=("yes", "no"), help="báo cáo theo kỳ: kèm (yes) hay bỏ (no) phụ lục biểu đồ "
                                                        "(lưu vào bản nháp)")
    p.add_argument("--issue", action="store_true", help="ghi vào sổ văn bản đã ban hành (cần số và ngày)")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    register = commands.add_parser("reports", help="sổ văn bản đã ban hành").add_subparsers(
        dest="action", metavar="VIỆC", required=True, parser_class=parser_class)
    p = register.add_parser("list", help="các văn bản đã ban hành")
    p.add_argument("--year", type=int, help="chỉ năm này")
    p.add_argument("--json", action="store_true", help="in ra dạng JSON")
    p = register.add_parser("copy", help="chép tệp của một văn bản đã ban hành, đúng như lúc ban hành")
    p.add_argument("--id", type=int, required=True, help="mã văn bản trong sổ (xem: reports list)")
    p.add_argument("--out", required=True, metavar="TỆP", help="tệp sẽ ghi ra")


def _format(args) -> str:
    fmt = args.format or Path(args.out).suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValidationError(tr("Không biết ghi định dạng nào cho “{out}”.", out=args.out),
                              tr("Hãy thêm --format pdf, docx hoặc xlsx."))
    return fmt


def _target(session: Session, args):
    period = session.periods.by_key(args.period) if args.period else None
    if args.kind == PERIODIC and period is None:
        raise ValidationError(tr("Báo cáo theo kỳ cần --period."), tr("Ví dụ: report --period 2026-Q1 --out bc.pdf"))
    plan = session.plans.pick(args.plan, period.year if period else None)
    period_id = period.id if period is not None and args.kind == PERIODIC else None
    return plan, period_id


def _apply_sections(session: Session, args, plan, period_id) -> None:
    keys = {s.key for s in session.reports.sections(plan.id, args.kind, period_id)}
    for item in args.section:
        key, sep, text = item.partition("=")
        if not sep or key.strip() not in keys:
            raise ValidationError(tr("“{item}” không đúng dạng MỤC=NỘI_DUNG.", item=item[:40]),
                                  tr("Các mục có thể viết: {keys}", keys=", ".join(sorted(keys))))
        session.reports.save_section(plan.id, args.kind, period_id, key.strip(), text.replace("\\n", "\n"))


def _apply_options(session: Session, args, plan, period_id) -> None:
    _apply_sections(session, args, plan, period_id)
    if args.charts is not None:
        session.reports.save_with_charts(plan.id, args.kind, period_id, args.charts == "yes")
    if args.number is None and args.date is None and args.signer is None:
        return
    draft = session.reports.draft(plan.id, args.kind, period_id)
    if args.number is not None:
        draft.number = args.number
    if args.date is not None:
        try:
            draft.issued_on = parse_date(args.date)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None
    if args.signer is not None:
        draft.signer_name = args.signer
    session.reports.save_draft(draft)


def _as_of(args):
    if not args.as_of:
        return None
    try:
        return parse_date(args.as_of)
    except ValueError as exc:
        raise ValidationError(str(exc), tr("Ví dụ: --as-of 14/03/2026")) from None


def cmd_report(session: Session, args) -> int:
    """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
    fmt = _format(args)
    as_of = _as_of(args)
    plan, period_id = _target(session, args)
    if as_of is not None and args.issue:
        raise ValidationError(tr("--as-of không dùng cùng --issue."))
    _apply_options(session, args, plan, period_id)
    issued = None
    if args.issue:   # the file written out is the very file the register keeps
        issued = session.reports.issue(plan.id, args.kind, period_id, fmt)
        session.reports.issued_copy(issued.id, Path(args.out))
        built = session.reports.build(plan.id, args.kind, period_id)
    else:
        built = session.reports.write(plan.id, args.kind, period_id, fmt, Path(args.out), as_of)
    problems = [{"section": p.section, "message": p.message, "blocking": p.blocking} for p in built.problems]
    if args.json:
        print(json.dumps({"out": str(args.out), "format": fmt, "plan": plan.id, "period": args.period,
                          "kind": args.kind, "as_of": built.context.as_of.isoformat(), "problems": problems,
                          "issued": issued.id if issued else None}, ensure_ascii=False, indent=1))
        return 0
    print(tr("Đã ghi “{title}” ra {out}.", title=" ".join([built.document.title, *built.document.subject]),
             out=args.out))
    for p in built.problems:
        print(tr("Lưu ý ({section}): {message}", section=p.section, message=p.message))
    if issued:
        print(tr("Đã vào sổ văn bản đã ban hành: số {n}, ngày {d} (mã {id}).", n=issued.number,
                 d=format_date(issued.issued_on), id=issued.id))
    return 0


def cmd_reports_list(session: Session, args) -> int:
    items = session.reports.register(args.year)
    if args.json:
        print(json.dumps([{"id": r.id, "number": r.number, "issued_on": r.issued_on.isoformat(), "title": r.title,
                           "signer": r.signer_name, "format": r.format, "file_name": r.file_name,
                           "sha256": r.sha256, "size": r.size, "kind": r.kind, "period": r.period_id,
                           "plan": r.plan_id} for r in items], ensure_ascii=False, indent=1))
        return 0
    if not items:
        print(tr("Chưa có văn bản nào được ban hành."))
    for r in items:
        print(f"{r.id}\t{r.number}\t{format_date(r.issued_on)}\t{r.title}\t{r.file_name} ({format_size(r.size)})")
    return 0


def cmd_reports_copy(session: Session, args) -> int:
    path = session.reports.issued_copy(args.id, Path(args.out))
    item = session.reports.issued(args.id)
    print(tr("Đã chép văn bản số {n} ra {path} (đúng như lúc ban hành, mã SHA-256 {sha}…).", n=item.number,
             path=path, sha=item.sha256[:12]))
    return 0


HANDLERS = {("report", None): cmd_report, ("reports", "list"): cmd_reports_list,
            ("reports", "copy"): cmd_reports_copy}
