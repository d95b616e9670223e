"""``import-plan`` and ``export-plan``: plans from and to Word, Excel, PDF and other files."""
from __future__ import annotations

from pathlib import Path

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import format_date, tr
from cchc_desktop.workspace import Session, Workspace
from cchc_desktop.cli.common import plan_for, print_json


def add_commands(commands, parser_class) -> None:
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
        print_json(preview.to_json())
    else:
        _print_preview(preview)
    return 0 if preview.tasks else 1


def cmd_import_plan(session: Session, args) -> int:
    """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
    preview = session.plan_import.preview(Path(args.file))
    if not preview.tasks:
        raise ValidationError(preview.warnings[0] if preview.warnings else tr("Không có nhiệm vụ nào để nhập."))
    result = session.plan_import.apply(preview, plan_id=args.plan)
    if args.json:
        print_json({"plan": result.plan_id, "created": result.plan_created, "added": result.added,
                     "updated": result.updated, "unchanged": result.unchanged, "binned": result.binned,
                     "kept": result.kept, "new_units": result.new_units, "warnings": preview.warnings,
                     "plan_changes": {name: [_plain(old), _plain(new)]
                                      for name, (old, new) in result.plan_changes.items()}})
    else:
        verb = tr("Đã tạo") if result.plan_created else tr("Đã cập nhật")
        print(tr("{verb} kế hoạch số {id}: {summary}", verb=verb, id=result.plan_id, summary=result.summary()))
        for warning in preview.warnings:
            print(tr("Lưu ý: {w}", w=warning))
    return 0


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def cmd_export_plan(session: Session, args) -> int:
    from cchc_desktop.exporters.plan_export import export_plan
    plan = plan_for(session, args.plan)
    path = export_plan(session, plan.id, Path(args.out), args.format, args.with_status)
    print(tr("Đã xuất kế hoạch “{title}” ra {path}.", title=plan.title, path=path))
    return 0


HANDLERS = {
    ("import-plan", None): cmd_import_plan,
    ("export-plan", None): cmd_export_plan,
}
