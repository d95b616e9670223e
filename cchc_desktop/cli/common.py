"""What the command modules share: argument types, the task and period options, JSON output, and
finding the plan and the task a command names."""
from __future__ import annotations

import argparse
import json

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import parse_date, tr
from cchc_desktop.model import ROMAN
from cchc_desktop.workspace import Session


def task_selector(p: argparse.ArgumentParser, *, code_required: bool) -> None:
    p.add_argument("--plan", type=int, metavar="KẾ_HOẠCH", help="mã kế hoạch (bỏ trống nếu chỉ có một kế hoạch)")
    p.add_argument("--domain", choices=ROMAN, help="lĩnh vực I–VIII")
    p.add_argument("--papi", action="store_true", help="nhiệm vụ thuộc phần PAPI")
    if code_required:
        p.add_argument("--task", required=True, metavar="STT", help="STT của nhiệm vụ, ví dụ 3 hoặc 3.1")


def period_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--period", required=True, metavar="KỲ",
                   help="kỳ báo cáo: 2026-Q1, 2026-H1, 2026-Q3 (hoặc 2026-9M), 2026-Y")


def year_arg(text: str) -> int:
    """Raises ``argparse.ArgumentTypeError`` for a value the command line then reports."""
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"năm “{text}” không hợp lệ")
    return int(text)


def date_arg(text: str):
    """Raises ``argparse.ArgumentTypeError`` for a value the command line then reports."""
    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=1))


def plan_for(session: Session, plan_id: int | None):
    return session.plans.pick(plan_id)


def task_for(session: Session, args):
    """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
    plan = plan_for(session, args.plan)
    framework = "PAPI" if args.papi else "PAR"
    found = session.tasks.find(plan.id, args.task, framework, args.domain)
    if not found:
        where = tr(" trong lĩnh vực {d}", d=args.domain) if args.domain else ""
        raise ValidationError(tr("Không có nhiệm vụ STT {code}{where} trong kế hoạch “{title}”.",
                                 code=args.task, where=where, title=plan.title),
                              tr("Hãy xem danh sách bằng lệnh: tasks list"))
    if len(found) > 1:
        domains = ", ".join(sorted({r.domain_code for r in found}))
        raise ValidationError(tr("STT {code} có ở nhiều lĩnh vực ({domains}).", code=args.task, domains=domains),
                              tr("Hãy thêm --domain để chỉ rõ lĩnh vực."))
    return plan, found[0]
