"""``tasks``: list, add and update tasks."""
from __future__ import annotations

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import tr
from cchc_desktop.model import STATUS_LABELS, STATUSES, TaskInput
from cchc_desktop.workspace import Session
from cchc_desktop.cli.common import date_arg, plan_for, print_json, task_for, task_selector, year_arg


def add_commands(commands, parser_class) -> None:
    tasks = commands.add_parser("tasks", help="nhiệm vụ").add_subparsers(
        dest="action", metavar="VIỆC", required=True, parser_class=parser_class)
    p = tasks.add_parser("list", help="liệt kê nhiệm vụ")
    p.add_argument("--plan", type=int, metavar="KẾ_HOẠCH", help="mã kế hoạch (xem: plans list)")
    p.add_argument("--year", type=year_arg, help="chỉ kế hoạch của năm này")
    p.add_argument("--json", action="store_true", help="in ra dạng JSON")
    p = tasks.add_parser("add", help="thêm nhiệm vụ")
    task_selector(p, code_required=False)
    p.add_argument("--name", required=True, help="nội dung nhiệm vụ")
    p.add_argument("--code", default="", help="STT; bỏ trống để tự đánh số")
    p.add_argument("--parent", help="STT của nhiệm vụ cha (để thêm nhiệm vụ con)")
    p.add_argument("--deadline", default="", help="thời gian hoàn thành, ví dụ “Quý I/2026”")
    p.add_argument("--product", default="", help="sản phẩm")
    p.add_argument("--lead", action="append", default=[], help="đơn vị chủ trì (có thể lặp)")
    p.add_argument("--coordinator", action="append", default=[], help="đơn vị phối hợp (có thể lặp)")
    p = tasks.add_parser("update", help="cập nhật tiến độ nhiệm vụ")
    task_selector(p, code_required=True)
    p.add_argument("--status", choices=STATUSES, required=True,
                   help="; ".join(f"{k} = {v}" for k, v in STATUS_LABELS.items()))
    p.add_argument("--progress", type=int, default=None, help="tiến độ 0–100")
    p.add_argument("--result", default=None, help="kết quả thực hiện")
    p.add_argument("--completed", type=date_arg, help="ngày hoàn thành dd/mm/yyyy")
    p.add_argument("--reason", default="", help="lý do (khi tạm dừng/không thực hiện)")


def task_json(row, plan, codes: dict[int, str], today) -> dict:
    deadline = row.deadline
    return {
        "id": row.id, "plan": row.plan_id, "plan_title": plan.title, "year": plan.year,
        "framework": row.framework, "domain": row.domain_code, "code": row.code,
        "parent_code": codes.get(row.parent_id) if row.parent_id else None,
        "name": row.name, "lead": row.lead_names, "leads": [u.name for u in row.leads],
        "coordinators": [u.name for u in row.coordinators], "product": row.product,
        "deadline_text": row.deadline_text, "start_text": row.start_text,
        # a deadline moved on from last year's that could not be moved safely is not "understood" until looked at
        "deadline": {**deadline.to_json(), "understood": deadline.understood and not row.time_review},
        "review": row.review,
        "due": row.due_on.isoformat() if row.due_on else None,
        "status": row.status, "status_label": STATUS_LABELS[row.status], "status_reason": row.status_reason,
        "progress": row.progress, "result": row.result,
        "completed_on": row.completed_on.isoformat() if row.completed_on else None,
        "overdue": row.is_overdue(today), "finished_late": row.finished_late,
        "evidence_count": row.evidence_count, "note": row.note,
        "previous_id": row.previous_id,      # last year's task it was carried from (plans rollover)
    }


def cmd_tasks_list(session: Session, args) -> int:
    plans = [session.plans.get(args.plan)] if args.plan else session.plans.list(args.year)
    today = session.clock.today()
    out = []
    for plan in plans:
        rows = session.tasks.rows(plan.id)
        codes = {r.id: r.code for r in rows}
        out.extend(task_json(r, plan, codes, today) for r in rows)
    if args.json:
        print_json(out)
    else:
        for t in out:
            print(f"{t['plan']}\t{t['framework']} {t['domain']}\t{t['code']}\t{t['status_label']}\t"
                  f"{t['evidence_count']} tệp\t{t['name'][:80]}")
    return 0


def cmd_tasks_add(session: Session, args) -> int:
    """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
    plan = plan_for(session, args.plan)
    framework = "PAPI" if args.papi else "PAR"
    parent_id = None
    if args.parent:
        found = session.tasks.find(plan.id, args.parent, framework, args.domain)
        if len(found) != 1:
            raise ValidationError(tr("Không xác định được nhiệm vụ cha STT {code}.", code=args.parent),
                                  tr("Hãy kiểm tra STT và --domain."))
        parent_id = found[0].id
    if not args.domain and not parent_id:
        raise ValidationError(tr("Cần chọn lĩnh vực bằng --domain (I–VIII)."))
    with session.transaction():
        task_id = session.tasks.add(TaskInput(
            plan.id, framework, args.domain or "I", args.name, parent_id, args.code, args.product,
            args.deadline, session.units.resolve(args.lead), session.units.resolve(args.coordinator)))
    row = session.tasks.row(task_id)
    print(tr("Đã thêm nhiệm vụ STT {code} (mã {id}).", code=row.code, id=task_id))
    return 0


def cmd_tasks_update(session: Session, args) -> int:
    _plan, row = task_for(session, args)
    progress = args.progress if args.progress is not None else (row.progress if args.status != "not_started" else 0)
    session.tasks.update_progress(row.id, status=args.status, progress=progress, result=args.result,
                                  completed_on=args.completed, reason=args.reason)
    print(tr("Đã cập nhật nhiệm vụ STT {code}: {status}.", code=row.code, status=STATUS_LABELS[args.status]))
    return 0


HANDLERS = {
    ("tasks", "list"): cmd_tasks_list,
    ("tasks", "add"): cmd_tasks_add,
    ("tasks", "update"): cmd_tasks_update,
}
