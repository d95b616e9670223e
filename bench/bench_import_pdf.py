"""Importing a seed-sized plan from a PDF (ruled appendix table over many pages) against pdfplumber
alone extracting the same pages.

Ours: read the PDF (tables, text outside them, page-to-page joins, fonts) and find the tasks, to the
preview the officer checks. Floor: ``pdfplumber.open`` then ``page.extract_tables()`` and
``page.extract_text()`` on every page, nothing else. Target: at most 1.5x the floor.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from bench.common import Result, paired_median

SEEDS = ("000", "004")


def run(repeat: int = 7) -> list[Result]:
    import pdfplumber

    from cchc_desktop.deadlines import parse_deadline
    from cchc_desktop.importers import read_document
    from cchc_desktop.importers.analysis import analyze, clean_text
    from cchc_desktop.services.units import builtin_matcher, unit_key
    from cchc_desktop.text import fold
    from tests.support.seed_pdf import seed_pdf

    folder = Path(tempfile.mkdtemp(prefix="cchc-bench-pdf-"))

    def preview_once(path: Path) -> None:
        for cache in (clean_text, parse_deadline, fold, unit_key):  # each run starts cold, as a first import
            cache.cache_clear()
        analyze(read_document(path), builtin_matcher())

    def pdfplumber_only(path: Path) -> None:
        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                page.extract_text()
                page.close()

    results = []
    try:
        for seed in SEEDS:
            path = seed_pdf(seed, folder)
            with pdfplumber.open(str(path)) as pdf:
                pages = len(pdf.pages)
            ours, floor = paired_median(lambda: preview_once(path), lambda: pdfplumber_only(path), repeat)
            results.append(Result(f"Đọc kế hoạch mẫu {seed} (.pdf, {pages} trang) đến bản xem trước", ours,
                                  "pdfplumber chỉ trích bảng và chữ", floor, "≤ 1,5 lần", ours <= 1.5 * floor))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return results
