"""``plans``: list and create plans."""
from __future__ import annotations

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import format_date, tr
from cchc_desktop.model import PLAN_KINDS, PlanInput
from cchc_desktop.workspace import Session
from cchc_desktop.cli.common import date_arg, plan_for, print_json, year_arg


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
    p = plans.add_parser("rollover", help="tạo kế hoạch năm sau từ kế hoạch này (bản dự thảo)")
    p.add_argument("--plan", type=int, metavar="KẾ_HOẠCH", help="mã kế hoạch (bỏ trống nếu chỉ có một kế hoạch)")
    p.add_argument("--year", type=year_arg, help="năm của kế hoạch mới (mặc định: năm sau năm kế hoạch)")
    p.add_argument("--all", action="store_true", help="đưa mọi nhiệm vụ sang (mặc định: nhiệm vụ định kỳ, "
                                                      "thường xuyên và nhiệm vụ chưa hoàn thành)")
    p.add_argument("--also", action="store_true", help="vẫn tạo khi năm đó đã có kế hoạch cùng loại (nhập tay hay "
                                                       "nhập từ tệp): năm đó sẽ có hai kế hoạch")
    p.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi gì vào dữ liệu")
    p.add_argument("--json", action="store_true", help="in ra dạng JSON")


def cmd_plans_list(session: Session, args) -> int:
    plans = session.plans.list()
    if args.json:
        print_json([{"id": p.id, "title": p.title, "number": p.number or None, "year": p.year,
                      "date": p.issued_on.isoformat() if p.issued_on else None, "kind": p.kind, "draft": p.draft}
                     for p in plans])
    else:
        for p in plans:
            print(f"{p.id}\t{p.year}\t{p.number}\t{format_date(p.issued_on)}\t{p.title}{p.draft_mark}")
    return 0


def cmd_plans_add(session: Session, args) -> int:
    plan_id = session.plans.create(PlanInput(args.title, args.year, args.kind, args.number, args.date))
    print(tr("Đã tạo kế hoạch số {id}.", id=plan_id))
    return 0


def cmd_plans_rollover(session: Session, args) -> int:
    """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
    plan = plan_for(session, args.plan)
    preview = session.rollover.preview(plan.id, args.year)
    chosen = [t.source_id for t in preview.tasks] if args.all else None
    if args.dry_run:
        if args.json:
            data = preview.to_json()
            if args.all:
                for task in data["tasks"]:
                    task["chosen"] = True
                data["chosen"] = len(data["tasks"])
            print_json(data)
        else:
            _print_rollover(preview, args.all)
        return 0
    if preview.other_plans and not args.also:
        raise ValidationError(preview.other_plans_warning,
                              tr("Nếu vẫn muốn tạo thêm kế hoạch năm {y}, hãy chạy lại với --also.", y=preview.year))
    result = session.rollover.apply(preview, chosen, also=args.also)
    if args.json:
        print_json({"plan": result.plan_id, "year": preview.year, "draft": True, "tasks": result.tasks,
                     "carried": result.carried, "flagged": result.flagged, "periods": result.periods,
                     "stocks": result.stocks, "stock_source": result.stock_source,
                     "parents_added": result.parents_added})
    else:
        print(tr("Đã tạo kế hoạch số {id}.", id=result.plan_id))
        print(result.summary(preview.year))
    return 0


def _print_rollover(preview, everything: bool) -> None:
    from cchc_desktop.services.rollover import period_line
    print(tr("Kế hoạch mới: {title} (Dự thảo)", title=preview.title))
    for task in preview.tasks:
        mark = "x" if everything or task.chosen else " "
        change = task.old_deadline_text if task.old_deadline_text == task.deadline_text else \
            f"{task.old_deadline_text} → {task.deadline_text}"
        print(f"[{mark}] {task.framework} {task.domain_code} {task.code}\t{change}\t{task.note}\t{task.name[:60]}")
        for flag in task.flags:
            print(tr("      Cần xem lại: {m}", m=flag.message))
        if task.why:
            print(f"      {task.why}")
    if preview.calendar:
        print(tr("Lịch báo cáo năm {y}:", y=preview.year))
        for period in preview.calendar:
            print("  " + period_line(period))
    elif preview.redated:
        print(tr("Lịch báo cáo năm {y} do chương trình tự lập, chưa ai sửa: dời theo lịch năm {p}:", y=preview.year,
                 p=preview.from_year))
        for _period, new in preview.redated:
            print("  " + period_line(new))
    elif preview.calendar_exists:
        print(tr("Lịch báo cáo năm {y} đã có: giữ nguyên.", y=preview.year))
    if preview.stocks:
        print(tr("Số đầu năm của {n} chỉ tiêu (ghi vào {target}, ô còn trống) lấy từ {source}.", n=len(preview.stocks),
                 target=preview.stock_target, source=preview.stock_source))
    if preview.renamed:
        print(tr("Tên nhiệm vụ đổi năm (hãy xem lại):"))
        for task in preview.renamed:
            print(f"  {task.code}: {task.old_name} → {task.name}")
    for warning in preview.warnings:
        print(tr("Lưu ý: {w}", w=warning))


HANDLERS = {
    ("plans", "list"): cmd_plans_list,
    ("plans", "add"): cmd_plans_add,
    ("plans", "rollover"): cmd_plans_rollover,
}
