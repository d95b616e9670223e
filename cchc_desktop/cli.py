"""Headless commands: the same operations as the window, for scripts and tests.

Exit codes: 0 done, 1 the operation was refused (message on stderr, in Vietnamese),
2 the command line itself is wrong.
"""
from __future__ import annotations

import argparse
import json
import logging
import sqlite3
import sys
from pathlib import Path

from cchc_desktop import cli_reports, cli_safety
from cchc_desktop.cli_parser import VietnameseArgumentParser
from cchc_desktop.errors import DataProblem, UserError, ValidationError, environment_problem
from cchc_desktop.i18n import format_date, parse_date, tr
from cchc_desktop.logs import current_log_path, setup_logging
from cchc_desktop.model import PLAN_KINDS, ROMAN, STATUS_LABELS, STATUSES, PlanInput, TaskInput
from cchc_desktop.paths import resolve_data_dir
from cchc_desktop.workspace import Session, Workspace

PROG = "main.py"
log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = VietnameseArgumentParser(
        prog=PROG, description="CCHC Desktop — quản lý kế hoạch cải cách hành chính cấp xã. "
                               "Không có lệnh thì mở cửa sổ chương trình.")
    parser.add_argument("--data-dir", metavar="THƯ_MỤC", help="thư mục dữ liệu (mặc định: thư mục dữ liệu người dùng)")
    parser.add_argument("--self-test", action="store_true",
                        help="tự kiểm tra mọi phần của chương trình trên một thư mục tạm rồi thoát (0 = tốt)")
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=VietnameseArgumentParser)

    commands.add_parser("demo", help="tạo dữ liệu mẫu (kế hoạch CCHC xã Vĩnh Lộc 2026)")

    plans = commands.add_parser("plans", help="kế hoạch").add_subparsers(
        dest="action", metavar="VIỆC", required=True, parser_class=VietnameseArgumentParser)
    p = plans.add_parser("list", help="liệt kê kế hoạch")
    p.add_argument("--json", action="store_true", help="in ra dạng JSON")
    p = plans.add_parser("add", help="tạo kế hoạch")
    p.add_argument("--title", required=True, help="tên kế hoạch")
    p.add_argument("--year", required=True, type=_year, help="năm kế hoạch")
    p.add_argument("--number", default="", help="số, ký hiệu, ví dụ 235/KH-UBND")
    p.add_argument("--date", type=_date, help="ngày ban hành dd/mm/yyyy")
    p.add_argument("--kind", default="CCHC", choices=list(PLAN_KINDS), help="loại kế hoạch")

    tasks = commands.add_parser("tasks", help="nhiệm vụ").add_subparsers(
        dest="action", metavar="VIỆC", required=True, parser_class=VietnameseArgumentParser)
    p = tasks.add_parser("list", help="liệt kê nhiệm vụ")
    p.add_argument("--plan", type=int, metavar="KẾ_HOẠCH", help="mã kế hoạch (xem: plans list)")
    p.add_argument("--year", type=_year, help="chỉ kế hoạch của năm này")
    p.add_argument("--json", action="store_true", help="in ra dạng JSON")
    p = tasks.add_parser("add", help="thêm nhiệm vụ")
    _task_selector(p, code_required=False)
    p.add_argument("--name", required=True, help="nội dung nhiệm vụ")
    p.add_argument("--code", default="", help="STT; bỏ trống để tự đánh số")
    p.add_argument("--parent", help="STT của nhiệm vụ cha (để thêm nhiệm vụ con)")
    p.add_argument("--deadline", default="", help="thời gian hoàn thành, ví dụ “Quý I/2026”")
    p.add_argument("--product", default="", help="sản phẩm")
    p.add_argument("--lead", action="append", default=[], help="đơn vị chủ trì (có thể lặp)")
    p.add_argument("--coordinator", action="append", default=[], help="đơn vị phối hợp (có thể lặp)")
    p = tasks.add_parser("update", help="cập nhật tiến độ nhiệm vụ")
    _task_selector(p, code_required=True)
    p.add_argument("--status", choices=STATUSES, required=True,
                   help="; ".join(f"{k} = {v}" for k, v in STATUS_LABELS.items()))
    p.add_argument("--progress", type=int, default=None, help="tiến độ 0–100")
    p.add_argument("--result", default=None, help="kết quả thực hiện")
    p.add_argument("--completed", type=_date, help="ngày hoàn thành dd/mm/yyyy")
    p.add_argument("--reason", default="", help="lý do (khi tạm dừng/không thực hiện)")

    evidence = commands.add_parser("evidence", help="tài liệu kiểm chứng").add_subparsers(
        dest="action", metavar="VIỆC", required=True, parser_class=VietnameseArgumentParser)
    p = evidence.add_parser("add", help="đính kèm tệp minh chứng cho một nhiệm vụ")
    _task_selector(p, code_required=True)
    p.add_argument("--number", default=None, help="số, ký hiệu văn bản (mặc định: đoán từ tên tệp)")
    p.add_argument("--doc-date", type=_date, help="ngày văn bản dd/mm/yyyy")
    p.add_argument("--issuer", default="", help="cơ quan ban hành")
    p.add_argument("--summary", default="", help="trích yếu")
    p.add_argument("files", nargs="+", metavar="TỆP", help="các tệp cần đính kèm")
    p = evidence.add_parser("verify", help="kiểm tra toàn bộ tệp minh chứng")
    p.add_argument("--json", action="store_true", help="in ra dạng JSON")

    p = commands.add_parser("import-plan", help="nhập kế hoạch từ tệp Word, Excel, PDF, "
                               ".doc, .xls, .odt, .rtf, .html, .txt")
    p.add_argument("file", metavar="TỆP", help="tệp kế hoạch")
    p.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi gì vào dữ liệu")
    p.add_argument("--json", action="store_true", help="in ra dạng JSON")
    p.add_argument("--plan", type=int, metavar="KẾ_HOẠCH", help="nhập vào kế hoạch có sẵn này (mặc định: tự tìm theo số, năm)")
    p = commands.add_parser("export-plan", help="xuất danh mục nhiệm vụ của kế hoạch ra .xlsx hoặc .docx")
    p.add_argument("--plan", type=int, metavar="KẾ_HOẠCH", help="mã kế hoạch (bỏ trống nếu chỉ có một kế hoạch)")
    p.add_argument("--format", choices=("xlsx", "docx"), required=True, help="định dạng tệp")
    p.add_argument("--out", required=True, metavar="TỆP", help="tệp sẽ ghi ra")
    p.add_argument("--with-status", action="store_true", help="thêm cột trạng thái, tiến độ, kết quả")

    stats = commands.add_parser("stats", help="biểu thống kê số liệu CCHC theo kỳ báo cáo").add_subparsers(
        dest="action", metavar="VIỆC", required=True, parser_class=VietnameseArgumentParser)
    p = stats.add_parser("show", help="xem biểu thống kê của một kỳ")
    _period_arg(p)
    p.add_argument("--json", action="store_true", help="in ra dạng JSON")
    p = stats.add_parser("set", help="nhập số liệu: MÃ=GIÁ_TRỊ (ví dụ III.4.1=120)")
    _period_arg(p)
    p.add_argument("values", nargs="+", metavar="MÃ=GIÁ_TRỊ", help="mã chỉ tiêu và số liệu; để trống để xóa")
    p = stats.add_parser("export", help="xuất biểu thống kê ra Excel (mẫu Phụ lục 01b)")
    _period_arg(p)
    p.add_argument("--out", required=True, metavar="TỆP", help="tệp .xlsx sẽ ghi ra")
    p = stats.add_parser("import", help="nhập số liệu từ tệp Excel của biểu thống kê (chương trình xuất hoặc mẫu "
                                        "của tỉnh)")
    _period_arg(p)
    p.add_argument("file", metavar="TỆP", help="tệp .xlsx")
    p.add_argument("--column", metavar="CỘT", help="cột số liệu của kỳ khi tệp có nhiều cột có thể chọn: tiêu đề "
                                                  "(\"Kỳ báo cáo\", hoặc một phần duy nhất của tiêu đề: \"lũy kế\"), "
                                                  "chữ cái (D), hoặc \"Trang!D\" khi nhiều trang có cùng cột D")
    p.add_argument("--include", metavar="MÃ", action="append", default=[],
                   help="nhập cả dòng cần kiểm tra này (mã chỉ tiêu như V.2.2, hoặc ô nguồn như \"Biểu 01b!D14\") "
                        "sau khi đã xem; dùng nhiều lần cho nhiều dòng")
    p.add_argument("--dry-run", action="store_true", help="chỉ xem trước từng dòng, không ghi gì vào dữ liệu")
    p.add_argument("--keep-ours", action="store_true", help="khi có xung đột, giữ số liệu trong chương trình")
    p.add_argument("--json", action="store_true", help="in ra dạng JSON")
    p = stats.add_parser("close", help="chốt số liệu của kỳ (khóa, không sửa được nữa)")
    _period_arg(p)
    p = stats.add_parser("reopen", help="mở lại kỳ đã chốt (phải ghi lý do)")
    _period_arg(p)
    p.add_argument("--reason", required=True, help="lý do mở lại")

    periods = commands.add_parser("periods", help="lịch báo cáo").add_subparsers(
        dest="action", metavar="VIỆC", required=True, parser_class=VietnameseArgumentParser)
    p = periods.add_parser("list", help="các kỳ báo cáo của năm")
    p.add_argument("--year", type=_year, required=True, help="năm")
    p.add_argument("--json", action="store_true", help="in ra dạng JSON")
    p = periods.add_parser("preset", help="áp dụng mẫu lịch báo cáo cho năm")
    p.add_argument("--year", type=_year, required=True, help="năm")
    p.add_argument("--preset", choices=("bnv", "vinh_loc"), required=True,
                   help="bnv = theo Bộ Nội vụ; vinh_loc = chốt ngày 05, gửi ngày 07")
    p.add_argument("--third", choices=("Q3", "9M"), help="kỳ thứ ba: Quý III hay 9 tháng")

    units = commands.add_parser("units", help="danh mục đơn vị").add_subparsers(
        dest="action", metavar="VIỆC", required=True, parser_class=VietnameseArgumentParser)
    p = units.add_parser("list", help="liệt kê đơn vị")
    p.add_argument("--json", action="store_true", help="in ra dạng JSON")
    cli_reports.add_commands(commands, VietnameseArgumentParser)
    cli_safety.add_commands(commands, VietnameseArgumentParser)
    return parser


def _task_selector(p: argparse.ArgumentParser, *, code_required: bool) -> None:
    p.add_argument("--plan", type=int, metavar="KẾ_HOẠCH", help="mã kế hoạch (bỏ trống nếu chỉ có một kế hoạch)")
    p.add_argument("--domain", choices=ROMAN, help="lĩnh vực I–VIII")
    p.add_argument("--papi", action="store_true", help="nhiệm vụ thuộc phần PAPI")
    if code_required:
        p.add_argument("--task", required=True, metavar="STT", help="STT của nhiệm vụ, ví dụ 3 hoặc 3.1")


def _period_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--period", required=True, metavar="KỲ",
                   help="kỳ báo cáo: 2026-Q1, 2026-H1, 2026-Q3 (hoặc 2026-9M), 2026-Y")


def _year(text: str) -> int:
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"năm “{text}” không hợp lệ")
    return int(text)


def _date(text: str):
    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


# ---------------------------------------------------------------------------- running

def run(args: argparse.Namespace) -> int:
    workspace = Workspace(resolve_data_dir(args.data_dir))
    from cchc_desktop.safety import locks, recovery
    try:
        dry_run = args.command == "import-plan" and args.dry_run
        _log_to(workspace)
        # First, always: the writer lock, an interrupted restore finished, what killed runs left swept.
        for warning in recovery.enter(workspace, on_wait=_told_to_wait, create=not dry_run).warnings:
            print(tr("Lưu ý: {w}", w=warning), file=sys.stderr)
        _log_to(workspace)
        if dry_run:
            return cmd_import_preview(workspace, args)  # reads only: the data folder is not created or migrated
        direct = cli_safety.DIRECT_HANDLERS.get((args.command, getattr(args, "action", None)))
        if direct is not None:   # restore and check work on the folder itself, before it is opened
            return direct(workspace, args)
        workspace.prepare()
        with workspace.session() as session:
            handler = HANDLERS[(args.command, getattr(args, "action", None))]
            return handler(session, args) or 0
    except UserError as err:
        print(tr("Lỗi: {message}", message=str(err)), file=sys.stderr)
        return 1
    except (OSError, sqlite3.Error) as exc:
        # What no operation turned into a message of its own: told in Vietnamese, SQLite's and the system's own
        # (English) words only in the log.
        log.error("%s failed", args.command, exc_info=(type(exc), exc, exc.__traceback__))
        problem = environment_problem(exc, workspace.data_dir)
        if problem is None:
            problem = DataProblem(tr("Không đọc hoặc ghi được dữ liệu trong thư mục {d}.", d=workspace.data_dir),
                                  tr("Hãy chạy “check” để kiểm tra dữ liệu; chi tiết nằm trong nhật ký {log}.",
                                     log=current_log_path() or workspace.log_dir))
        print(tr("Lỗi: {message}", message=str(problem)), file=sys.stderr)
        return 1
    finally:
        locks.release(workspace.data_dir)


def _log_to(workspace: Workspace) -> None:
    """Log into the data folder's nhat-ky/ like the window; where it cannot be written, log nowhere (never
    Python's last-resort handler, which would print SQLite's English text to the officer)."""
    root = logging.getLogger()
    if not any(isinstance(h, logging.NullHandler) for h in root.handlers):
        root.addHandler(logging.NullHandler())
    if workspace.data_dir.is_dir() and not workspace.read_only_folder:
        setup_logging(workspace.log_dir)


def _told_to_wait(mode: str) -> None:
    """A writer kept waiting is told why."""
    if mode == "exclusive":
        text = tr("Đang chờ các lệnh hoặc cửa sổ CCHC Desktop khác ghi xong vào thư mục dữ liệu…")
    else:
        text = tr("Đang chờ: dữ liệu đang được khôi phục hoặc hoàn tác khôi phục trên thư mục này…")
    print(text, file=sys.stderr, flush=True)


def _print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=1))


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


def cmd_plans_list(session: Session, args) -> int:
    plans = session.plans.list()
    if args.json:
        _print_json([{"id": p.id, "title": p.title, "number": p.number or None, "year": p.year,
                      "date": p.issued_on.isoformat() if p.issued_on else None, "kind": p.kind} for p in plans])
    else:
        for p in plans:
            print(f"{p.id}\t{p.year}\t{p.number}\t{format_date(p.issued_on)}\t{p.title}")
    return 0


def cmd_plans_add(session: Session, args) -> int:
    plan_id = session.plans.create(PlanInput(args.title, args.year, args.kind, args.number, args.date))
    print(tr("Đã tạo kế hoạch số {id}.", id=plan_id))
    return 0


def task_json(row, plan, codes: dict[int, str], today) -> dict:
    deadline = row.deadline
    return {
        "id": row.id, "plan": row.plan_id, "plan_title": plan.title, "year": plan.year,
        "framework": row.framework, "domain": row.domain_code, "code": row.code,
        "parent_code": codes.get(row.parent_id) if row.parent_id else None,
        "name": row.name, "lead": row.lead_names, "leads": [u.name for u in row.leads],
        "coordinators": [u.name for u in row.coordinators], "product": row.product,
        "deadline_text": row.deadline_text, "start_text": row.start_text, "deadline": deadline.to_json(),
        "due": row.due_on.isoformat() if row.due_on else None,
        "status": row.status, "status_label": STATUS_LABELS[row.status], "status_reason": row.status_reason,
        "progress": row.progress, "result": row.result,
        "completed_on": row.completed_on.isoformat() if row.completed_on else None,
        "overdue": row.is_overdue(today), "finished_late": row.finished_late,
        "evidence_count": row.evidence_count,
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
        _print_json(out)
    else:
        for t in out:
            print(f"{t['plan']}\t{t['framework']} {t['domain']}\t{t['code']}\t{t['status_label']}\t"
                  f"{t['evidence_count']} tệp\t{t['name'][:80]}")
    return 0


def _plan_for(session: Session, plan_id: int | None):
    return session.plans.pick(plan_id)


def _task_for(session: Session, args):
    plan = _plan_for(session, args.plan)
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


def cmd_tasks_add(session: Session, args) -> int:
    plan = _plan_for(session, args.plan)
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
    _plan, row = _task_for(session, args)
    progress = args.progress if args.progress is not None else (row.progress if args.status != "not_started" else 0)
    session.tasks.update_progress(row.id, status=args.status, progress=progress, result=args.result,
                                  completed_on=args.completed, reason=args.reason)
    print(tr("Đã cập nhật nhiệm vụ STT {code}: {status}.", code=row.code, status=STATUS_LABELS[args.status]))
    return 0


def cmd_evidence_add(session: Session, args) -> int:
    from cchc_desktop.services.evidence import guess_metadata
    _plan, row = _task_for(session, args)
    paths = [Path(f) for f in args.files]
    metadata = []
    for path in paths:
        meta = guess_metadata(path.name)
        if args.number is not None:
            meta.doc_number = args.number
        meta.doc_date = args.doc_date or meta.doc_date
        meta.issuer, meta.summary = args.issuer, args.summary
        metadata.append(meta)
    result = session.evidence.attach(row.id, paths, metadata)
    print(tr("Đã đính kèm {n} tệp cho nhiệm vụ STT {code}.", n=len(result.added), code=row.code))
    for name in result.already_attached:
        print(tr("Bỏ qua “{name}”: tệp này đã được đính kèm cho nhiệm vụ.", name=name))
    return 0


def cmd_evidence_verify(session: Session, args) -> int:
    report = session.evidence.verify()
    if args.json:
        _print_json(report.to_json())
    else:
        print(tr("Đã kiểm tra {n} tệp.", n=report.files_checked))
        for problem in report.problems:
            state = tr("bị mất") if problem.state == "missing" else tr("bị thay đổi")
            print(tr("- “{name}” (nhiệm vụ STT {code}) {state}.", name=problem.file_name,
                     code=problem.task_code, state=state))
        if report.ok:
            print(tr("Tất cả tệp minh chứng đều nguyên vẹn."))
    return 0 if report.ok else 1


def _print_preview(preview) -> None:
    plan = preview.plan
    print(tr("Kế hoạch: {title}", title=plan.title or tr("(chưa rõ tên)")))
    print(tr("Số: {n}; ngày: {d}; năm: {y}", n=plan.number or "—", d=format_date(plan.issued_on) or "—",
             y=plan.year or "—"))
    for (framework, domain), count in sorted(preview.counts().items()):
        print(tr("  {fw} {d}: {n} nhiệm vụ", fw=framework, d=domain, n=count))
    for warning in preview.warnings:
        print(tr("Lưu ý: {w}", w=warning))


def cmd_import_preview(workspace: Workspace, args) -> int:
    from cchc_desktop.importers import read_document
    from cchc_desktop.importers.analysis import analyze
    from cchc_desktop.services.units import UnitMatcher, builtin_matcher
    matcher = builtin_matcher()
    if workspace.db_path.exists():
        from cchc_desktop.model import Unit
        from db import connection
        conn = connection.connect(workspace.db_path, read_only=True)
        try:
            rows = conn.execute("SELECT u.id, u.name, u.abbreviation, u.kind, group_concat(a.alias, char(31)) "
                                "FROM units u LEFT JOIN unit_aliases a ON a.unit_id = u.id "
                                "WHERE u.deleted_at IS NULL GROUP BY u.id").fetchall()
            matcher = UnitMatcher([Unit(r[0], r[1], r[2], r[3], tuple((r[4] or "").split("\x1f")) if r[4] else ())
                                   for r in rows])
        except Exception:  # an old or damaged database: the built-in catalog reads the file just as well
            pass
        finally:
            conn.close()
    preview = analyze(read_document(Path(args.file)), matcher)
    if args.json:
        _print_json(preview.to_json())
    else:
        _print_preview(preview)
    return 0 if preview.tasks else 1


def cmd_import_plan(session: Session, args) -> int:
    preview = session.plan_import.preview(Path(args.file))
    if not preview.tasks:
        raise ValidationError(preview.warnings[0] if preview.warnings else tr("Không có nhiệm vụ nào để nhập."))
    result = session.plan_import.apply(preview, plan_id=args.plan)
    if args.json:
        _print_json({"plan": result.plan_id, "created": result.plan_created, "added": result.added,
                     "updated": result.updated, "unchanged": result.unchanged, "binned": result.binned,
                     "kept": result.kept, "new_units": result.new_units, "warnings": preview.warnings})
    else:
        verb = tr("Đã tạo") if result.plan_created else tr("Đã cập nhật")
        print(tr("{verb} kế hoạch số {id}: {summary}", verb=verb, id=result.plan_id, summary=result.summary()))
        for warning in preview.warnings:
            print(tr("Lưu ý: {w}", w=warning))
    return 0


def cmd_export_plan(session: Session, args) -> int:
    from cchc_desktop.exporters.plan_export import export_plan
    plan = _plan_for(session, args.plan)
    path = export_plan(session, plan.id, Path(args.out), args.format, args.with_status)
    print(tr("Đã xuất kế hoạch “{title}” ra {path}.", title=plan.title, path=path))
    return 0


def _value_text(cell) -> str:
    if cell.value is not None:
        return cell.indicator.label_of(cell.value)
    return cell.entry.raw or ""


def cmd_stats_show(session: Session, args) -> int:
    period = session.periods.by_key(args.period)
    form = session.statistics.form(period)
    if args.json:
        _print_json(form.to_json())
        return 0
    from cchc_desktop.services.periods import STATUS_LABELS
    print(tr("{label} — {status}; số liệu từ {window}; hạn gửi {due}", label=period.label,
             status=tr(STATUS_LABELS[session.periods.status(period)]), window=period.window_text(),
             due=format_date(period.due_on)))
    for ind in form.indicators:
        cell = form.cells[ind.code]
        mark = " *" if cell.computed else ""
        print(f"{ind.code:10} {_value_text(cell):>14}{mark}  {ind.name[:70]}")
        for problem in cell.violations + cell.warnings:
            print(tr("{pad}! {p}", pad=" " * 12, p=problem))
    return 0


def cmd_stats_set(session: Session, args) -> int:
    period = session.periods.by_key(args.period)
    values = {}
    for item in args.values:
        if "=" not in item:
            raise ValidationError(tr("“{item}” không đúng dạng MÃ=GIÁ_TRỊ.", item=item),
                                  tr("Ví dụ: stats set --period 2026-Q1 III.4.1=120 III.4.2=100"))
        code, _, value = item.partition("=")
        values[code.strip()] = value
    changed = session.statistics.set_many(period, values)
    form = session.statistics.form(period)
    print(tr("Đã lưu {n} số liệu cho {label}.", n=len(changed), label=period.label))
    problems = [(c, v) for c in values for v in form.cells[c].violations]
    for code, problem in problems:
        print(tr("Lưu ý {code}: {p}", code=code, p=problem))
    return 0


def cmd_stats_export(session: Session, args) -> int:
    from cchc_desktop.exporters.stats_xlsx import export_statistics
    period = session.periods.by_key(args.period)
    path = export_statistics(session, period.id, Path(args.out))
    print(tr("Đã xuất biểu thống kê {label} ra {path}.", label=period.label, path=path))
    return 0


def cmd_stats_import(session: Session, args) -> int:
    from cchc_desktop.importers.stats_xlsx import ColumnChoiceNeeded, apply_statistics, read_statistics
    period = session.periods.by_key(args.period)
    try:
        found = read_statistics(session, period, Path(args.file), column=args.column)
    except ColumnChoiceNeeded as exc:
        if not args.json:
            raise
        _print_json({"error": str(exc), "candidates": [c.to_json() for c in exc.candidates]})
        return 1
    include = {item.strip() for item in args.include if item.strip()}
    known = {r.code for r in found.rows} | {r.source for r in found.rows}
    unknown = sorted(include - known)
    if unknown:
        raise ValidationError(tr("Không có dòng {items} trong tệp để nhập.", items=", ".join(unknown)),
                              tr("Dùng mã chỉ tiêu hoặc ô nguồn như trong bản xem trước (--dry-run)."))
    changed = [] if args.dry_run else apply_statistics(session, period, found, take_conflicts=not args.keep_ours,
                                                       include=include)
    if args.json:
        _print_json({"period": period.key, "file": Path(args.file).name, "dry_run": bool(args.dry_run),
                     **found.to_json(), "changed": changed})
        return 0
    print(tr("Tệp {name}: trang “{sheet}”, cột số liệu {column}.", name=Path(args.file).name,
             sheet=found.column.sheet, column=found.column.display))
    for row in found.rows:
        print(f"{row.code:10} {row.current or tr('(trống)'):>12} → {row.file_value:<14} {row.source:18} "
              f"{row.status_label:12} {row.name[:60]}")
        for flag in row.flags:
            print(tr("{pad}! Cần kiểm tra: {f}", pad=" " * 11, f=flag))
        for note in row.notes:
            print(tr("{pad}· {n}", pad=" " * 11, n=note))
    if found.unmatched:
        print(tr("{n} dòng không khớp danh mục chỉ tiêu (không nhập):", n=len(found.unmatched)))
        for row in found.unmatched:
            print(tr("  {source}: STT {stt} “{name}” = {typed} — {reason}", source=row.source, stt=row.stt or "–",
                     name=row.name[:60], typed=row.typed or tr("(trống)"), reason=row.reason))
    for warning in found.warnings:
        print(tr("Lưu ý: {w}", w=warning))
    held = [r for r in found.flagged if r.code not in include and r.source not in include]
    if held:
        print(tr("{n} dòng cần kiểm tra không được nhập ({codes}); sửa tệp rồi nhập lại, hoặc xem xong thì nhập bằng "
                 "--include MÃ.", n=len(held), codes=", ".join(r.code for r in held)))
    if args.dry_run:
        print(tr("Xem trước: {n} số liệu sẽ thay đổi, {k} số liệu không đổi. Chưa ghi gì vào dữ liệu.",
                 n=len(found.changes), k=found.unchanged))
    else:
        print(tr("Đã nhập {n} số liệu cho {label}; {k} số liệu không đổi.", n=len(changed), label=period.label,
                 k=found.unchanged))
        for problem in found.problems:
            print(tr("Kiểm tra sau khi nhập: {p}", p=problem))
    return 0


def cmd_stats_close(session: Session, args) -> int:
    period = session.periods.by_key(args.period)
    form = session.statistics.close(period)
    blanks = len(form.blanks)
    print(tr("Đã chốt số liệu {label}.", label=period.label) +
          (tr(" Còn {n} chỉ tiêu để trống.", n=blanks) if blanks else ""))
    return 0


def cmd_stats_reopen(session: Session, args) -> int:
    period = session.periods.by_key(args.period)
    session.statistics.reopen(period, args.reason)
    print(tr("Đã mở lại {label}.", label=period.label))
    return 0


def cmd_periods_list(session: Session, args) -> int:
    from cchc_desktop.services.periods import STATUS_LABELS
    periods = session.periods.ensure_year(args.year)
    if args.json:
        _print_json([{"id": p.key, "label": p.label, "start": p.start_on.isoformat(), "end": p.end_on.isoformat(),
                      "due": p.due_on.isoformat(), "status": session.periods.status(p)} for p in periods])
        return 0
    for p in periods:
        print(f"{p.key:8} {p.label:20} {p.window_text():25} {format_date(p.due_on):12} "
              f"{tr(STATUS_LABELS[session.periods.status(p)])}")
    return 0


def cmd_periods_preset(session: Session, args) -> int:
    session.periods.apply_preset(args.year, args.preset, args.third)
    return cmd_periods_list(session, argparse.Namespace(year=args.year, json=False))


def cmd_units_list(session: Session, args) -> int:
    units = session.units.list()
    if args.json:
        _print_json([{"id": u.id, "name": u.name, "abbreviation": u.abbreviation, "kind": u.kind,
                      "aliases": list(u.aliases)} for u in units])
    else:
        for u in units:
            print(f"{u.id}\t{u.abbreviation}\t{u.name}")
    return 0


HANDLERS = {
    ("demo", None): cmd_demo,
    ("plans", "list"): cmd_plans_list,
    ("plans", "add"): cmd_plans_add,
    ("tasks", "list"): cmd_tasks_list,
    ("tasks", "add"): cmd_tasks_add,
    ("tasks", "update"): cmd_tasks_update,
    ("evidence", "add"): cmd_evidence_add,
    ("evidence", "verify"): cmd_evidence_verify,
    ("units", "list"): cmd_units_list,
    ("import-plan", None): cmd_import_plan,
    ("stats", "show"): cmd_stats_show,
    ("stats", "set"): cmd_stats_set,
    ("stats", "export"): cmd_stats_export,
    ("stats", "import"): cmd_stats_import,
    ("stats", "close"): cmd_stats_close,
    ("stats", "reopen"): cmd_stats_reopen,
    ("periods", "list"): cmd_periods_list,
    ("periods", "preset"): cmd_periods_preset,
    ("export-plan", None): cmd_export_plan,
    **cli_reports.HANDLERS,
    **cli_safety.HANDLERS,
}
