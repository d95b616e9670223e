"""CCHC Desktop entry point.

No command: open the window. A command (demo, tasks, evidence, …): run it headless.
"""
from __future__ import annotations

import gc
import os
import sys


def _window_only(argv: list[str]) -> tuple[bool, str | None]:
    """Nothing, or only --data-dir: the window. Read by hand, so opening the window never waits for the
    command-line machinery (argparse and every command's imports)."""
    if not argv:
        return True, None
    if len(argv) == 2 and argv[0] == "--data-dir":
        return True, argv[1]
    if len(argv) == 1 and argv[0].startswith("--data-dir="):
        return True, argv[0].split("=", 1)[1]
    return False, None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")  # Vietnamese on a Windows console
    window, data_dir = _window_only(argv)
    if window:
        # Start-up allocates tens of thousands of objects that live as long as the program (modules, classes,
        # Qt's enums, the widgets) and frees almost none: the cyclic collector would walk them over and over.
        # It is off until the window shows (ui.app then freezes what exists and turns it back on).
        gc.disable()
        from ui.app import run_gui
        return run_gui(data_dir)
    from cchc_desktop.cli import build_parser, run
    args = build_parser().parse_args(argv)
    if args.self_test:
        from cchc_desktop.selftest import run as self_test
        from ui.selftest import GUI_STEP
        return 0 if self_test([GUI_STEP]) else 1
    if args.command is None:
        from ui.app import run_gui
        return run_gui(args.data_dir)
    try:
        return run(args)
    except BrokenPipeError:  # output piped into `head`: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
