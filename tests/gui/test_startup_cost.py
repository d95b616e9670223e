"""What start-up must not pay for (issue "Fits the office PC", item 7). Speed itself is measured in bench/."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import ui
import ui.main_window

ROOT = Path(__file__).resolve().parents[2]


def test_pyside_does_not_read_our_sources_for_features():
    feature = sys.modules["shibokensupport.feature"]
    # A PySide upgrade that renames the hook would bring the scan back: this says so.
    assert feature._mod_uses_pyside(ui.main_window) is False


def test_opening_the_window_imports_no_document_or_import_machinery():
    code = ("import sys, ui.app, ui.main_window, ui.startup, ui.context; "
            "heavy = ('openpyxl', 'docx', 'reportlab', 'pdfplumber', 'pypdf', 'lxml', 'PIL', "
            "'PySide6.QtNetwork', 'PySide6.QtPrintSupport', 'cchc_desktop.importers', "
            "'cchc_desktop.reports', 'cchc_desktop.exporters', 'cchc_desktop.cli'); "
            "print(sorted(m for m in sys.modules if m.startswith(heavy)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", result.stdout
