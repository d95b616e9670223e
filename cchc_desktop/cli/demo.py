"""``demo``: the demo plan in a folder of its own."""
from __future__ import annotations

from cchc_desktop.i18n import tr
from cchc_desktop.workspace import Session


def add_commands(commands, parser_class) -> None:
    commands.add_parser("demo", help="tạo dữ liệu mẫu (kế hoạch CCHC xã Vĩnh Lộc 2026)")


def cmd_demo(session: Session, args) -> int:
    from cchc_desktop.services.demo import DemoLoader
    plan_id, created = DemoLoader(session).load()
    count = len(session.tasks.rows(plan_id))
    if created:
        print(tr("Đã tạo dữ liệu mẫu: kế hoạch số {id} với {n} nhiệm vụ tại {dir}.", id=plan_id, n=count,
                 dir=session.workspace.data_dir))
    else:
        print(tr("Dữ liệu mẫu đã có sẵn: kế hoạch số {id} với {n} nhiệm vụ.", id=plan_id, n=count))
    return 0


HANDLERS = {
    ("demo", None): cmd_demo,
}
