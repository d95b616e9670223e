"""Headless commands: the same operations as the window, for scripts and tests.

Exit codes: 0 done, 1 the operation was refused (message on stderr, in Vietnamese),
2 the command line itself is wrong.
"""
from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import sys

from cchc_desktop.errors import DataProblem, UserError, environment_problem
from cchc_desktop.i18n import tr
from cchc_desktop.logs import current_log_path, setup_logging
from cchc_desktop.paths import resolve_data_dir
from cchc_desktop.workspace import Workspace
from cchc_desktop.cli import (assessment, demo, evidence, overview, periods, plan_files, plans, reports, safety, stats,
                              tasks, units)
from cchc_desktop.cli.parser import VietnameseArgumentParser

PROG = "main.py"
log = logging.getLogger(__name__)
# One module per noun; each adds its commands to the parser and names their handlers.
NOUNS = (demo, plans, tasks, evidence, plan_files, stats, periods, units, reports, overview, assessment, safety)
HANDLERS = {key: handler for noun in NOUNS for key, handler in noun.HANDLERS.items()}


def build_parser() -> argparse.ArgumentParser:
    parser = VietnameseArgumentParser(
        prog=PROG, description="CCHC Desktop — quản lý kế hoạch cải cách hành chính cấp xã. "
                               "Không có lệnh thì mở cửa sổ chương trình.")
    parser.add_argument("--data-dir", metavar="THƯ_MỤC", help="thư mục dữ liệu (mặc định: thư mục dữ liệu người dùng)")
    parser.add_argument("--self-test", action="store_true",
                        help="tự kiểm tra mọi phần của chương trình trên một thư mục tạm rồi thoát (0 = tốt)")
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=VietnameseArgumentParser)
    for noun in NOUNS:
        noun.add_commands(commands, VietnameseArgumentParser)
    return parser


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
            # reads only: the data folder is not created or migrated
            return plan_files.cmd_import_preview(workspace, args)
        direct = safety.DIRECT_HANDLERS.get((args.command, getattr(args, "action", None)))
        if direct is not None:   # restore and check work on the folder itself, before it is opened
            return direct(workspace, args)
        workspace.prepare()
        with workspace.session() as session:
            handler = HANDLERS[(args.command, getattr(args, "action", None))]
            return handler(session, args) or 0
    except UserError as err:
        print(tr("Lỗi: {message}", message=str(err)), file=sys.stderr)
        return 1
    except BrokenPipeError:
        # the reader of the output stopped early ("| head"): not a problem with the data
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
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
