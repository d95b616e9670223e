"""Headless commands that keep the data safe: archives to carry away and restore, and the full check.

    main.py --data-dir DIR backup create --out PATH
    main.py --data-dir DIR backup restore PATH
    main.py --data-dir DIR check --json
"""
from __future__ import annotations

import json
from pathlib import Path

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import format_datetime, format_size, tr
from cchc_desktop.workspace import Workspace

def add_commands(commands, parser_class) -> None:
    backup = commands.add_parser("backup", help="sao lưu, khôi phục dữ liệu").add_subparsers(
        dest="action", metavar="VIỆC", required=True, parser_class=parser_class)
    p = backup.add_parser("create", help="ghi toàn bộ dữ liệu (cơ sở dữ liệu và tệp minh chứng) ra một tệp .zip")
    p.add_argument("--out", required=True, metavar="TỆP", help="tệp sao lưu sẽ ghi ra, ví dụ E:\\\\SaoLuu.zip")
    p = backup.add_parser("restore", help="khôi phục từ tệp sao lưu (dữ liệu hiện tại được cất sang bên)")
    p.add_argument("file", metavar="TỆP", help="tệp sao lưu .zip")
    backup.add_parser("undo", help="hoàn tác lần khôi phục gần nhất")
    backup.add_parser("list", help="các bản sao tự động và dữ liệu đã cất sang bên")
    p = commands.add_parser("check", help="kiểm tra toàn vẹn dữ liệu (mã thoát 0 khi mọi thứ đều tốt)")
    p.add_argument("--json", action="store_true", help="in ra dạng JSON")
    p.add_argument("--quick", action="store_true", help="kiểm tra nhanh (như lúc khởi động)")


def _own_folder(workspace: Workspace):
    workspace.ensure_writable()
    from cchc_desktop.safety.instance import InstanceLock
    lock = InstanceLock(workspace.data_dir)
    if not lock.acquire():
        raise ValidationError(tr("Cửa sổ CCHC Desktop đang mở trên thư mục dữ liệu này."),
                              tr("Hãy đóng chương trình rồi chạy lại lệnh."))
    return lock


def cmd_backup_create(session, args) -> int:
    from cchc_desktop.safety.archive import create
    result = create(session.workspace, Path(args.out))
    print(tr("Đã sao lưu {n} tệp ({size}) vào {path}.", n=result.files, size=format_size(result.size),
             path=result.path))
    for sha in result.missing:
        print(tr("Lưu ý: tệp minh chứng {sha}… đã mất khỏi kho, không có trong bản sao lưu.", sha=sha[:12]))
    for sha in result.damaged:
        print(tr("Lưu ý: tệp minh chứng {sha}… trong kho đã bị hỏng.", sha=sha[:12]))
    return 0


def cmd_backup_restore(workspace: Workspace, args) -> int:
    from cchc_desktop.safety import archive
    lock = _own_folder(workspace)
    try:
        staged = archive.stage(workspace, Path(args.file))
        aside = archive.apply(workspace)
        workspace.prepare()      # an archive from an older version is upgraded here
    finally:
        lock.release()
    print(tr("Đã khôi phục bản sao lưu lúc {at} ({n} tệp, {size}) của xã {commune}.",
             at=format_datetime(staged.created_at) if staged.created_at else "?", n=staged.files,
             size=format_size(staged.size), commune=staged.commune or "?"))
    print(tr("Dữ liệu trước khi khôi phục được cất ở {aside}; hoàn tác bằng lệnh: backup undo", aside=aside))
    return 0


def cmd_backup_undo(workspace: Workspace, _args) -> int:
    from cchc_desktop.safety import archive
    lock = _own_folder(workspace)
    try:
        aside = archive.undo(workspace)
        workspace.prepare()
    finally:
        lock.release()
    print(tr("Đã đưa dữ liệu trước lần khôi phục trở lại; dữ liệu vừa khôi phục được cất ở {aside}.", aside=aside))
    return 0


def cmd_backup_list(session, _args) -> int:
    from cchc_desktop.safety import archive, snapshots
    for snap in snapshots.snapshots(session.workspace):
        print(f"{snapshots.label(snap)}\t{snap.reason}\t{snap.path}")
    for folder in archive.asides(session.workspace):
        print(tr("{name}\t(dữ liệu cất sang bên khi khôi phục)", name=folder))
    return 0


def cmd_check(workspace: Workspace, args) -> int:
    from cchc_desktop.safety.integrity import check
    report = check(workspace, quick=args.quick)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    elif report.ok:
        print(tr("Dữ liệu tốt: cơ sở dữ liệu nguyên vẹn (lược đồ {v}), {n} tệp minh chứng đúng mã kiểm tra, "
                 "{r} văn bản đã ban hành còn nguyên.", v=report.schema_version, n=report.evidence_files,
                 r=report.reports_checked))
    else:
        for message in report.messages():
            print(tr("Lỗi: {m}", m=message))
    return 0 if report.ok else 1


HANDLERS = {("backup", "create"): cmd_backup_create, ("backup", "list"): cmd_backup_list}
# These work on the folder itself, before (or instead of) the usual opening of the data.
DIRECT_HANDLERS = {("backup", "restore"): cmd_backup_restore, ("backup", "undo"): cmd_backup_undo,
                   ("check", None): cmd_check}
