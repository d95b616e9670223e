"""Writing the periodic report PDF for the demo plan, against LibreOffice headless turning our DOCX of the
same report into a PDF, in the same run. Target: at least 5x faster (ratio ≤ 0,20).

Two figures, both against the same LibreOffice conversion (its profile warmed up first):
- in the window: the report built from the data and laid out as PDF, in-process;
- from the command line: a fresh ``python main.py report … --format pdf`` process, start to finish
  (shown for information: it also pays for starting Python and importing reportlab).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import Result, paired_median

ROOT = Path(__file__).resolve().parent.parent


def run(repeat: int = 5) -> list[Result]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice chưa cài: bỏ qua phép đo báo cáo (./cchc test cài nó)", file=sys.stderr)
        return []
    from cchc_desktop.services.demo import DemoLoader
    from cchc_desktop.workspace import Clock, Workspace
    from datetime import date

    folder = Path(tempfile.mkdtemp(prefix="cchc-bench-bc-"))
    workspace = Workspace(folder / "dữ liệu")
    workspace.prepare()
    session = workspace.session(Clock(date(2026, 11, 25)))
    plan, _ = DemoLoader(session).load()
    period = session.periods.by_key("2026-Q1").id
    docx_path = folder / "bao-cao.docx"
    session.reports.write(plan, "periodic", period, "docx", docx_path)
    profile = f"-env:UserInstallation=file://{folder}/lo-profile"

    def libreoffice() -> None:
        subprocess.run([soffice, "--headless", "--norestore", profile, "--convert-to", "pdf", "--outdir",
                        str(folder / "lo"), str(docx_path)], check=True, capture_output=True, timeout=300)

    def in_process() -> None:
        session.reports.write(plan, "periodic", period, "pdf", folder / "bao-cao.pdf")

    env = {**os.environ, "CCHC_TODAY": "2026-11-25"}

    def command() -> None:
        subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(workspace.data_dir), "report",
                        "--period", "2026-Q1", "--format", "pdf", "--out", str(folder / "lenh.pdf")],
                       check=True, capture_output=True, env=env, timeout=120)

    libreoffice()   # the first start of LibreOffice builds its profile: not part of a conversion
    baseline = "LibreOffice đổi .docx → .pdf"
    results = []
    ours, lo = paired_median(in_process, libreoffice, repeat)
    results.append(Result("Báo cáo quý I dữ liệu mẫu ra PDF (trong chương trình)", ours, baseline, lo,
                          "≤ 0,20 lần", ours <= 0.2 * lo))
    ours, lo = paired_median(command, libreoffice, repeat)
    results.append(Result("Báo cáo quý I ra PDF (lệnh report, cả khởi động Python)", ours, baseline, lo,
                          "(tham khảo)", True))
    session.close()
    return results
