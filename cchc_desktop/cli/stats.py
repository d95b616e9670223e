"""``stats``: the statistics form of a reporting period."""
from __future__ import annotations

from pathlib import Path

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import format_date, tr
from cchc_desktop.workspace import Session
from cchc_desktop.cli.common import period_arg, print_json


def add_commands(commands, parser_class) -> None:
    stats = commands.add_parser("stats", help="biểu thống kê số liệu CCHC theo kỳ báo cáo").add_subparsers(
        dest="action", metavar="VIỆC", required=True, parser_class=parser_class)
    p = stats.add_parser("show", help="xem biểu thống kê của một kỳ")
    period_arg(p)
    p.add_argument("--json", action="store_true", help="in ra dạng JSON")
    p = stats.add_parser("set", help="nhập số liệu: MÃ=GIÁ_TRỊ (ví dụ III.4.1=120)")
    period_arg(p)
    p.add_argument("values", nargs="+", metavar="MÃ=GIÁ_TRỊ", help="mã chỉ tiêu và số liệu; để trống để xóa")
    p = stats.add_parser("export", help="xuất biểu thống kê ra Excel (mẫu Phụ lục 01b)")
    period_arg(p)
    p.add_argument("--out", required=True, metavar="TỆP", help="tệp .xlsx sẽ ghi ra")
    p = stats.add_parser("import", help="nhập số liệu từ tệp Excel của biểu thống kê (chương trình xuất hoặc mẫu "
                                        "của tỉnh)")
    period_arg(p)
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
    period_arg(p)
    p = stats.add_parser("reopen", help="mở lại kỳ đã chốt (phải ghi lý do)")
    period_arg(p)
    p.add_argument("--reason", required=True, help="lý do mở lại")


def _value_text(cell) -> str:
    if cell.value is not None:
        return cell.indicator.label_of(cell.value)
    return cell.entry.raw or ""


def cmd_stats_show(session: Session, args) -> int:
    period = session.periods.by_key(args.period)
    form = session.statistics.form(period)
    if args.json:
        print_json(form.to_json())
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
    """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
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
    """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
    from cchc_desktop.importers.stats_xlsx import ColumnChoiceNeeded, apply_statistics, read_statistics
    period = session.periods.by_key(args.period)
    try:
        found = read_statistics(session, period, Path(args.file), column=args.column)
    except ColumnChoiceNeeded as exc:
        if not args.json:
            raise
        print_json({"error": str(exc), "candidates": [c.to_json() for c in exc.candidates]})
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
        print_json({"period": period.key, "file": Path(args.file).name, "dry_run": bool(args.dry_run),
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


HANDLERS = {
    ("stats", "show"): cmd_stats_show,
    ("stats", "set"): cmd_stats_set,
    ("stats", "export"): cmd_stats_export,
    ("stats", "import"): cmd_stats_import,
    ("stats", "close"): cmd_stats_close,
    ("stats", "reopen"): cmd_stats_reopen,
}
