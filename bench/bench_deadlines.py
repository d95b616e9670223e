"""Reading every deadline phrase of the seeds and of realworld against the parser before the grammar.

The earlier parser is read from git history (commit ``OLD_PARSER``), so the tree holds no copy of
it: both read the same list in the same run, caches cleared each time (a first import reads each
phrase once). Target: at most 2x.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import types
from pathlib import Path

from bench.common import Result, paired_median

OLD_PARSER = "4416c82"   # the last commit before the deadline grammar
ROOT = Path(__file__).resolve().parent.parent


def old_parser() -> types.ModuleType:
    source = subprocess.run(["git", "show", f"{OLD_PARSER}:cchc_desktop/deadlines.py"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    module = types.ModuleType("old_deadlines")
    sys.modules[module.__name__] = module   # dataclasses look their module up by name
    exec(compile(source, "old_deadlines.py", "exec"), module.__dict__)
    return module


def phrases() -> list[str]:
    from cchc_desktop.importers import read_document
    from cchc_desktop.importers.analysis import analyze
    from cchc_desktop.services.units import builtin_matcher
    from tests.core.test_deadline_grammar import REALWORLD
    from tests.support.seed_documents import seed_file
    folder = Path(tempfile.mkdtemp(prefix="cchc-bench-han-"))
    found = [text for text, _ in REALWORLD]
    for seed in ("000", "001", "003", "004"):
        preview = analyze(read_document(seed_file(seed, "docx", folder)), builtin_matcher())
        found += [t.deadline_text for t in preview.tasks if t.deadline_text]
    return found


def run(repeat: int = 15) -> list[Result]:
    from cchc_desktop import deadlines
    from cchc_desktop.text import fold
    texts = phrases()

    def read_all(module) -> None:
        module.parse_deadline.cache_clear()
        fold.cache_clear()
        for text in texts:
            module.parse_deadline(text, 2026)
    old_deadlines = old_parser()
    ours, old = paired_median(lambda: read_all(deadlines), lambda: read_all(old_deadlines), repeat)
    return [Result(f"Đọc {len(texts)} cụm thời gian (mẫu và realworld)", ours, "bộ đọc cũ", old, "≤ 2,0 lần",
                   ours <= 2.0 * old)]
