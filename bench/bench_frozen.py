"""The built program (PyInstaller, one folder) against the source run, in the same run:
start-up with the demo data until the window is usable, and size on disk (the built folder against
the source tree plus the Python environment it runs in). Shown for information: the frozen start-up
should not be slower than the source one."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import Result, paired_median

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "frozen-test"
APP = WORK / "dist" / "CCHC-Desktop"
EXE = ".exe" if sys.platform == "win32" else ""


def _size(path: Path, skip: tuple[str, ...] = ()) -> int:
    total = 0
    for item in path.rglob("*"):
        if item.is_file() and not item.is_symlink() and not any(part in skip for part in item.parts):
            total += item.stat().st_size
    return total


def run(repeat: int = 7) -> list[Result]:
    subprocess.run([str(Path(sys.executable).with_name("pyinstaller" + EXE)), str(ROOT / "pyinstaller.spec"),
                    "--noconfirm", "--log-level", "WARN", "--distpath", str(WORK / "dist"), "--workpath",
                    str(WORK / "work")], check=True, capture_output=True, cwd=ROOT)
    data = Path(tempfile.mkdtemp(prefix="cchc-bench-dong-goi-")) / "dữ liệu"
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "CCHC_TODAY": "2026-11-25"}
    subprocess.run([str(APP / f"cchc{EXE}"), "--data-dir", str(data), "demo"], check=True, env=env,
                   capture_output=True)
    ready = {**env, "CCHC_EXIT_WHEN_READY": "1"}

    def frozen() -> None:
        subprocess.run([str(APP / f"CCHC-Desktop{EXE}"), "--data-dir", str(data)], check=True, env=ready,
                       capture_output=True)

    def source() -> None:
        subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(data)], check=True, env=ready,
                       capture_output=True, cwd=ROOT)

    ours, base = paired_median(frozen, source, repeat)
    results = [Result("Khởi động bản đóng gói (đến khi dùng được)", ours, "chạy từ mã nguồn", base,
                      "≤ 1,0 lần", ours <= base * 1.05)]
    built = _size(APP)
    site = Path(sys.prefix)
    source_size = _size(ROOT, skip=(".venv", ".git", "build", "dist", "screenshots")) + _size(site)
    results.append(Result("Dung lượng bản đóng gói trên đĩa", built / 1e6, "mã nguồn + môi trường Python",
                          source_size / 1e6, "(tham khảo)", True, unit="MB"))
    return results
