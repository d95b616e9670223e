"""``plans``: list and create plans."""
from __future__ import annotations

from cchc_desktop.i18n import format_date, tr
from cchc_desktop.model import PLAN_KINDS, PlanInput
from cchc_desktop.workspace import Session
from cchc_desktop.cli.common import date_arg, print_json, year_arg


def add_commands(commands, parser_class) -> None:
    plans = commands.add_parser("plans", help="kế hoạch").add_subparsers(
        dest="action", metavar="VIỆC", required=True, parser_class=parser_class)
    p = plans.add_parser("list", help="liệt kê kế hoạch")
    p.add_argument("--json", action="store_true", help="in ra dạng JSON")
    p = plans.add_parser("add", help="tạo kế hoạch")
    p.add_argument("--title", required=True, help="tên kế hoạch")
    p.add_argument("--year", required=True, type=year_arg, help="năm kế hoạch")
    p.add_argument("--number", default="", help="số, ký hiệu, ví dụ 235/KH-UBND")
    p.add_argument("--date", type=date_arg, help="ngày ban hành dd/mm/yyyy")
    p.add_argument("--kind", default="CCHC", choices=list(PLAN_KINDS), help="loại kế hoạch")


def cmd_plans_list(session: Session, args) -> int:
    plans = session.plans.list()
    if args.json:
        print_json([{"id": p.id, "title": p.title, "number": p.number or None, "year": p.year,
                      "date": p.issued_on.isoformat() if p.issued_on else None, "kind": p.kind} for p in plans])
    else:
        for p in plans:
            print(f"{p.id}\t{p.year}\t{p.number}\t{format_date(p.issued_on)}\t{p.title}")
    return 0


def cmd_plans_add(session: Session, args) -> int:
    plan_id = session.plans.create(PlanInput(args.title, args.year, args.kind, args.number, args.date))
    print(tr("Đã tạo kế hoạch số {id}.", id=plan_id))
    return 0


HANDLERS = {
    ("plans", "list"): cmd_plans_list,
    ("plans", "add"): cmd_plans_add,
}
