"""Importing each seed-sized plan (DOCX, XLSX) against the library alone opening the same file.

Two figures per file, both against the same floor (python-docx ``Document(path)`` /
openpyxl ``load_workbook(path)``, nothing else):
- to the preview: read the file and find the tasks (what the officer waits for after
  choosing a file). Target: at most 1.5x the floor (issue "Real plans from any commune").
- whole import: the preview plus writing the plan into a fresh database in one
  transaction, with the audit rows (after the officer confirms). Shown for information.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from bench.common import Result, paired_median

SEEDS = ("000", "001", "003", "004")


def run(repeat: int = 15) -> list[Result]:
    import docx
    import openpyxl
    from cchc_desktop.importers import read_document
    from cchc_desktop.deadlines import parse_deadline
    from cchc_desktop.importers.analysis import analyze, clean_text
    from cchc_desktop.services.units import unit_key
    from cchc_desktop.text import fold
    from cchc_desktop.services.units import builtin_matcher
    from cchc_desktop.workspace import Workspace
    from tests.support.seed_documents import seed_file

    folder = Path(tempfile.mkdtemp(prefix="cchc-bench-nhap-"))
    ready: list[Workspace] = []

    def fresh_workspaces(count: int) -> None:
        """Empty data folders made before timing: creating one is not part of an import."""
        for _ in range(count):
            workspace = Workspace(folder / f"db{len(ready)}-{id(ready)}-{_}")
            workspace.prepare()
            ready.append(workspace)

    def import_once(path: Path) -> None:
        with ready.pop().session() as session:
            session.plan_import.apply(session.plan_import.preview(path))

    def preview_once(path: Path) -> None:
        for cache in (clean_text, parse_deadline, fold, unit_key):  # each run starts cold, as a first import
            cache.cache_clear()
        analyze(read_document(path), builtin_matcher())

    results = []
    floors = {"docx": lambda p: docx.Document(str(p)), "xlsx": lambda p: openpyxl.load_workbook(str(p))}
    for fmt, opener in floors.items():
        for seed in SEEDS:
            path = seed_file(seed, fmt, folder)
            library = f"{'python-docx' if fmt == 'docx' else 'openpyxl'} chỉ mở tệp"
            ours, floor = paired_median(lambda: preview_once(path), lambda: opener(path), repeat)
            results.append(Result(f"Đọc kế hoạch mẫu {seed} (.{fmt}) đến bản xem trước", ours, library, floor,
                                  "≤ 1,5 lần", ours <= 1.5 * floor))
            fresh_workspaces(repeat + 1)
            ours, floor = paired_median(lambda: import_once(path), lambda: opener(path), repeat)
            results.append(Result(f"Nhập hẳn kế hoạch mẫu {seed} (.{fmt}) vào dữ liệu", ours, library, floor,
                                  "(tham khảo)", True))
    return results
