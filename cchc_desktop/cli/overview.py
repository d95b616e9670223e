"""``overview``: the overview as one A4 page for a meeting (the same page as *Tổng quan → In, lưu PDF…*)."""
from __future__ import annotations

from pathlib import Path

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import tr
from cchc_desktop.workspace import Session


def add_commands(commands, parser_class) -> None:
    overview = commands.add_parser("overview", help="tổng quan kế hoạch").add_subparsers(
        dest="action", metavar="VIỆC", required=True, parser_class=parser_class)
    p = overview.add_parser("pdf", help="ghi tổng quan (số liệu trong ngày và ba biểu đồ) ra một trang A4 PDF")
    p.add_argument("--plan", type=int, metavar="KẾ_HOẠCH",
                   help="mã kế hoạch (mặc định: kế hoạch đang thực hiện của năm nay)")
    p.add_argument("--out", required=True, metavar="TỆP", help="tệp .pdf sẽ ghi ra")


def cmd_overview_pdf(session: Session, args) -> int:
    """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
    from cchc_desktop.files import write_atomically
    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise ValidationError(tr("Tổng quan chỉ ghi ra tệp PDF: “{out}”.", out=args.out),
                              tr("Hãy đặt tên tệp kết thúc bằng .pdf."))
    year = session.clock.today().year
    if args.plan:
        plan = session.plans.get(args.plan)
    else:      # this year's plan in force (the one the statistics count), else the only plan there is
        plan_id = session.statistics.default_plan_id(year)
        plan = session.plans.get(plan_id) if plan_id else session.plans.pick(None)
    data = session.overview.sheet_pdf(plan.id)
    write_atomically(out, lambda temp: temp.write_bytes(data))
    print(tr("Đã ghi tổng quan kế hoạch “{title}” ra {path}.", title=plan.title, path=out))
    return 0


HANDLERS = {
    ("overview", "pdf"): cmd_overview_pdf,
}
