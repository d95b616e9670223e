"""Memory of importing a ~100 MB Word file (a small task table and big incompressible pictures).

Peak resident memory (``resource.getrusage``) of a fresh Python process that reads the file
and finds its tasks, against a bare process that loads the same modules and does not read
anything. Target: the import stays under 500 MB in all (the file is at most 100 MB, see
``guard.MAX_OFFICE_BYTES``); the growth over the bare process is shown as the ratio.
Not measured on Windows (no ``resource`` module).
"""
from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import Result

ROOT = Path(__file__).resolve().parent.parent
LIMIT_MB = 500
CHILD = """
import resource, sys
sys.path.insert(0, {root!r})
from cchc_desktop.importers import read_document
from cchc_desktop.importers.analysis import analyze
from cchc_desktop.importers import docx_reader, legacy_text  # what a Word import loads
from cchc_desktop.services.units import builtin_matcher
import lxml.etree, zipfile
matcher = builtin_matcher()
if len(sys.argv) > 1:
    preview = analyze(read_document(sys.argv[1]), matcher)
    assert preview.tasks, "no task read"
scale = 1 if sys.platform == "darwin" else 1024   # ru_maxrss: bytes on macOS, KiB on Linux
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale)
"""


def build_big_docx(path: Path, megabytes: int) -> Path:
    """A Word file of about ``megabytes`` MB: one task table, then pictures of random pixels (they do not compress)."""
    import docx
    from PIL import Image

    document = docx.Document()
    document.add_paragraph("Phụ lục: NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026")
    table = document.add_table(rows=2, cols=4)
    for cell, text in zip(table.rows[0].cells, ("STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian")):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("1", "Số hóa hồ sơ", "TTPVHCC", "Quý I/2026")):
        cell.text = text
    side = 1400
    for _ in range(max(1, round(megabytes * 2**20 / (side * side * 3)))):
        picture = io.BytesIO()
        Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(picture, "PNG", compress_level=0)
        picture.seek(0)
        document.add_picture(picture)
    document.save(str(path))
    return path


# Linux carries a process's peak memory over fork and exec: a child started straight from this
# (big) process would report at least our own peak. A small launcher in between starts it clean.
LAUNCHER = "import subprocess, sys; sys.exit(subprocess.run(sys.argv[1:]).returncode)"


def peak_bytes(path: Path | None) -> int:
    """Peak resident memory of a fresh process that imports ``path`` (None: loads the modules only)."""
    child = [sys.executable, "-c", CHILD.format(root=str(ROOT))] + ([str(path)] if path else [])
    done = subprocess.run([sys.executable, "-c", LAUNCHER, *child], check=True, capture_output=True, text=True,
                          cwd=ROOT)
    return int(done.stdout.strip().splitlines()[-1])


def run() -> list[Result]:
    if sys.platform == "win32":
        return []
    folder = Path(tempfile.mkdtemp(prefix="cchc-bench-bo-nho-"))
    path = build_big_docx(folder / "ke-hoach-co-anh.docx", 95)
    size_mb = path.stat().st_size / 2**20
    ours = min(peak_bytes(path) for _ in range(3)) / 2**20
    bare = min(peak_bytes(None) for _ in range(3)) / 2**20
    return [Result(f"Bộ nhớ đỉnh khi nhập tệp Word {size_mb:.0f} MB (nhiều ảnh)", ours,
                   "Python nạp cùng các mô-đun, không đọc tệp", bare, f"≤ {LIMIT_MB} MB", ours <= LIMIT_MB,
                   unit="MB")]


if __name__ == "__main__":
    for result in run():
        print(f"{result.name}: {result.value:.1f} MB, {result.baseline_name}: {result.baseline:.1f} MB, "
              f"{result.ratio:.2f}×, tăng {result.value - result.baseline:.1f} MB")
