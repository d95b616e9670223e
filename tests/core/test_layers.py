"""Arrows point one way: ui → cchc_desktop → db. The core never imports Qt; ui never runs SQL."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _sources(folder: str):
    return [(p, p.read_text(encoding="utf-8")) for p in (ROOT / folder).rglob("*.py")]


def test_core_and_db_never_import_qt():
    for folder in ("cchc_desktop", "db"):
        for path, text in _sources(folder):
            assert not re.search(r"^\s*(from|import)\s+PySide6", text, re.M), path


def test_imports_point_one_way():
    for path, text in _sources("db"):
        assert not re.search(r"^\s*(from|import)\s+(cchc_desktop|ui)\b", text, re.M), path
    for path, text in _sources("cchc_desktop"):
        assert not re.search(r"^\s*(from|import)\s+ui\b", text, re.M), path


def test_ui_never_talks_sql():
    for path, text in _sources("ui"):
        assert not re.search(r"\b(execute|executemany)\(|sqlite3\.connect|\bSELECT\b", text), path


def test_reports_and_exporters_never_import_each_other():
    """What both need (workbook page setup, text safety, row heights) lives in cchc_desktop/workbooks.py."""
    for folder, other in (("cchc_desktop/reports", "exporters"), ("cchc_desktop/exporters", "reports")):
        for path, text in _sources(folder):
            assert not re.search(rf"^\s*(from|import)\s+cchc_desktop\.{other}\b", text, re.M), path


def test_migrations_carry_their_own_seed_data():
    """A migration is frozen: it never reads the live catalogs, which later releases may edit."""
    for path, text in _sources("db/migrations"):
        assert not re.search(r"^\s*(from|import)\s+(db\.catalogs|db import catalogs|cchc_desktop)", text, re.M), path


def test_domain_numbers_live_in_the_model():
    for folder in ("cchc_desktop", "db"):
        for path, text in _sources(folder):
            if path.name != "model.py":
                assert not re.search(r"^ROMAN\s*=", text, re.M), path


def test_public_core_functions_say_what_they_raise():
    """Issue 14.8: a caller of the core learns from the docstring which errors to expect."""
    import ast
    folders = ("cchc_desktop/services", "cchc_desktop/safety", "cchc_desktop/importers", "cchc_desktop/exporters",
               "cchc_desktop/statistics", "cchc_desktop/cli", "cchc_desktop/assessment")
    files = ("cchc_desktop/workspace.py", "cchc_desktop/files.py", "cchc_desktop/evidence_store.py",
             "cchc_desktop/resources.py", "cchc_desktop/reports/builder.py", "cchc_desktop/reports/pdf.py")
    paths = [p for folder in folders for p in (ROOT / folder).rglob("*.py")] + [ROOT / f for f in files]
    silent = []
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and not n.name.startswith("_"))]:
            for fn in node.body:
                if isinstance(fn, ast.FunctionDef) and not fn.name.startswith("_") and \
                        any(isinstance(n, ast.Raise) and n.exc is not None for n in ast.walk(fn)) and \
                        "raise" not in (ast.get_docstring(fn) or "").lower():
                    silent.append(f"{path.relative_to(ROOT)}:{fn.lineno} {fn.name}")
    assert silent == []
