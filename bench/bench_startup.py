"""Start-up until the window is ready, against a bare PySide6 window: with the demo data (target ≤ 1,5×)
and with a plan of 3 000 tasks and 20 000 evidence files (target ≤ 2×) (issue "Fits the office PC", item 7)."""
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


def _large(data: Path) -> None:
    """3 000 tasks in one plan, 20 000 evidence files spread over them; the window opens on that plan."""
    from bench.bench_report_scale import _plan
    from cchc_desktop.workspace import Clock, Workspace
    workspace = Workspace(data)
    workspace.prepare()
    source = data.parent / "tep"
    source.mkdir()
    with workspace.session(Clock()) as session:
        plan = _plan(session, 3000)
        tasks = [row.id for row in session.tasks.rows(plan)]
        for index, task in enumerate(tasks):
            count = 20000 // len(tasks) + (index < 20000 % len(tasks))
            paths = [source / f"{index}-{number}-QĐ-UBND.pdf" for number in range(count)]
            for number, path in enumerate(paths):
                path.write_bytes(f"{index} {number}".encode())
            session.evidence.attach(task, paths)
        session.profile.set_setting("ui.last_plan", str(plan))


def run(repeat: int = 15) -> list[Result]:
    # A user's machine keeps compiled bytecode (and the frozen build ships it); a machine with
    # PYTHONDONTWRITEBYTECODE set would otherwise recompile every module on every start.
    compileall.compile_dir(str(ROOT), quiet=1, rx=re.compile(r"[/\\](\.venv|\.git|tests|build|dist)[/\\]"))
    data = Path(tempfile.mkdtemp(prefix="cchc-bench-")) / "dữ liệu"
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "CCHC_TODAY": "2026-11-25"}
    _run([sys.executable, "main.py", "--data-dir", str(data), "demo"], env)
    large = Path(tempfile.mkdtemp(prefix="cchc-bench-lon-")) / "dữ liệu"
    _large(large)
    results = []
    for label, folder, limit in (("Khởi động với dữ liệu mẫu đến khi dùng được", data, 1.5),
                                 ("Khởi động với 3 000 nhiệm vụ, 20 000 tệp minh chứng", large, 2.0)):
        ours, bare = paired_median(
            lambda f=folder: _run([sys.executable, "main.py", "--data-dir", str(f)],
                                  {**env, "CCHC_EXIT_WHEN_READY": "1"}),
            lambda: _run([sys.executable, "-c", BARE], env), repeat)
        results.append(Result(label, ours, "cửa sổ PySide6 trống", bare, f"≤ {limit:g} lần".replace(".", ","),
                              ours / bare <= limit))
    return results
