"""Start-up with the demo data until the window is ready, against a bare PySide6 window.
Target ≤ 1,5× (issue "Fits the office PC", item 7)."""
from __future__ import annotations

import compileall
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import Result, paired_median

ROOT = Path(__file__).resolve().parent.parent
BARE = ("from PySide6.QtCore import QTimer\nfrom PySide6.QtWidgets import QApplication, QMainWindow\n"
        "app = QApplication([])\nw = QMainWindow()\nw.resize(1280, 760)\nw.show()\n"
        "QTimer.singleShot(0, app.quit)\napp.exec()\n")


def _run(args: list[str], env: dict) -> None:
    subprocess.run(args, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def run(repeat: int = 15) -> list[Result]:
    # A user's machine keeps compiled bytecode (and the frozen build ships it); a machine with
    # PYTHONDONTWRITEBYTECODE set would otherwise recompile every module on every start.
    compileall.compile_dir(str(ROOT), quiet=1, rx=re.compile(r"[/\\](\.venv|\.git|tests|build|dist)[/\\]"))
    data = Path(tempfile.mkdtemp(prefix="cchc-bench-")) / "dữ liệu"
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "CCHC_TODAY": "2026-11-25"}
    _run([sys.executable, "main.py", "--data-dir", str(data), "demo"], env)
    ours, bare = paired_median(
        lambda: _run([sys.executable, "main.py", "--data-dir", str(data)], {**env, "CCHC_EXIT_WHEN_READY": "1"}),
        lambda: _run([sys.executable, "-c", BARE], env), repeat)
    return [Result("Khởi động với dữ liệu mẫu đến khi dùng được", ours, "cửa sổ PySide6 trống", bare,
                   "≤ 1,5 lần", ours / bare <= 1.5)]
