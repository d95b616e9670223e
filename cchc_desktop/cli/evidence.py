"""``evidence``: attach evidence files and verify the store."""
from __future__ import annotations

from pathlib import Path

from cchc_desktop.i18n import tr
from cchc_desktop.workspace import Session
from cchc_desktop.cli.common import date_arg, print_json, task_for, task_selector


def add_commands(commands, parser_class) -> None:
    evidence = commands.add_parser("evidence", help="tài liệu kiểm chứng").add_subparsers(
        dest="action", metavar="VIỆC", required=True, parser_class=parser_class)
    p = evidence.add_parser("add", help="đính kèm tệp minh chứng cho một nhiệm vụ")
    task_selector(p, code_required=True)
    p.add_argument("--number", default=None, help="số, ký hiệu văn bản (mặc định: đoán từ tên tệp)")
    p.add_argument("--doc-date", type=date_arg, help="ngày văn bản dd/mm/yyyy")
    p.add_argument("--issuer", default="", help="cơ quan ban hành")
    p.add_argument("--summary", default="", help="trích yếu")
    p.add_argument("files", nargs="+", metavar="TỆP", help="các tệp cần đính kèm")
    p = evidence.add_parser("verify", help="kiểm tra toàn bộ tệp minh chứng")
    p.add_argument("--json", action="store_true", help="in ra dạng JSON")


def cmd_evidence_add(session: Session, args) -> int:
    from cchc_desktop.services.evidence import guess_metadata
    _plan, row = task_for(session, args)
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
        print_json(report.to_json())
    else:
        print(tr("Đã kiểm tra {n} tệp.", n=report.files_checked))
        for problem in report.problems:
            state = tr("bị mất") if problem.state == "missing" else tr("bị thay đổi")
            print(tr("- “{name}” ({where}) {state}.", name=problem.file_name, where=problem.where, state=state))
        if report.ok:
            print(tr("Tất cả tệp minh chứng đều nguyên vẹn."))
    return 0 if report.ok else 1


HANDLERS = {
    ("evidence", "add"): cmd_evidence_add,
    ("evidence", "verify"): cmd_evidence_verify,
}
