"""``units``: the catalog of offices and units."""
from __future__ import annotations

from cchc_desktop.workspace import Session
from cchc_desktop.cli.common import print_json


def add_commands(commands, parser_class) -> None:
    units = commands.add_parser("units", help="danh mục đơn vị").add_subparsers(
        dest="action", metavar="VIỆC", required=True, parser_class=parser_class)
    p = units.add_parser("list", help="liệt kê đơn vị")
    p.add_argument("--json", action="store_true", help="in ra dạng JSON")


def cmd_units_list(session: Session, args) -> int:
    units = session.units.list()
    if args.json:
        print_json([{"id": u.id, "name": u.name, "abbreviation": u.abbreviation, "kind": u.kind,
                      "aliases": list(u.aliases)} for u in units])
    else:
        for u in units:
            print(f"{u.id}\t{u.abbreviation}\t{u.name}")
    return 0


HANDLERS = {
    ("units", "list"): cmd_units_list,
}
