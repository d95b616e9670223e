"""``periods``: the reporting calendar."""
from __future__ import annotations

import argparse

from cchc_desktop.i18n import format_date, tr
from cchc_desktop.workspace import Session
from cchc_desktop.cli.common import print_json, year_arg


def add_commands(commands, parser_class) -> None:
    periods = commands.add_parser("periods", help="lịch báo cáo").add_subparsers(
        dest="action", metavar="VIỆC", required=True, parser_class=parser_class)
    p = periods.add_parser("list", help="các kỳ báo cáo của năm")
    p.add_argument("--year", type=year_arg, required=True, help="năm")
    p.add_argument("--json", action="store_true", help="in ra dạng JSON")
    p = periods.add_parser("preset", help="áp dụng mẫu lịch báo cáo cho năm")
    p.add_argument("--year", type=year_arg, required=True, help="năm")
    p.add_argument("--preset", choices=("bnv", "vinh_loc"), required=True,
                   help="bnv = theo Bộ Nội vụ; vinh_loc = chốt ngày 05, gửi ngày 07")
    p.add_argument("--third", choices=("Q3", "9M"), help="kỳ thứ ba: Quý III hay 9 tháng")


def cmd_periods_list(session: Session, args) -> int:
    from cchc_desktop.services.periods import STATUS_LABELS
    periods = session.periods.planned(args.year)      # a look writes nothing: a year without a calendar is
    if args.json:                                      # shown as the preset would make it
        print_json([{"id": p.key, "label": p.label, "start": p.start_on.isoformat(), "end": p.end_on.isoformat(),
                      "due": p.due_on.isoformat(), "status": session.periods.status(p), "stored": bool(p.id)}
                    for p in periods])
        return 0
    if periods and not periods[0].id:
        print(tr("Năm {y} chưa có lịch báo cáo; theo mẫu đang dùng, lịch sẽ là:", y=args.year))
    for p in periods:
        print(f"{p.key:8} {p.label:20} {p.window_text():25} {format_date(p.due_on):12} "
              f"{tr(STATUS_LABELS[session.periods.status(p)])}")
    return 0


def cmd_periods_preset(session: Session, args) -> int:
    session.periods.apply_preset(args.year, args.preset, args.third)
    return cmd_periods_list(session, argparse.Namespace(year=args.year, json=False))


HANDLERS = {
    ("periods", "list"): cmd_periods_list,
    ("periods", "preset"): cmd_periods_preset,
}
