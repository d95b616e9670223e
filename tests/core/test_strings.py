"""Every visible string goes through tr(): no literal text handed straight to a Qt widget."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTERS = {"setText", "setWindowTitle", "setToolTip", "setPlaceholderText", "addTab", "addItem", "addItems",
           "setLabelText", "setTabText", "addMenu", "setInformativeText", "setSpecialValueText", "setSuffix",
           "QLabel", "QPushButton", "QAction", "QGroupBox", "QMessageBox", "QCheckBox", "QRadioButton",
           "setOkButtonText", "setCancelButtonText", "setHorizontalHeaderLabels", "showMessage"}
LETTERS = set("abcdefghijklmnopqrstuvwxyzđăâêôơư")


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def test_ui_text_goes_through_tr():
    offenders = []
    for path in (ROOT / "ui").rglob("*.py"):
        if path.name == "qt_vi.py":  # the catalog of Qt's own strings
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _name(node.func) in SETTERS and node.args:
                # The visible text: a tab's label comes last, everything else's first (data follows it).
                arg = node.args[-1] if _name(node.func) in ("addTab", "insertTab") else node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and \
                        LETTERS & set(arg.value.lower()):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {arg.value!r}")
    assert offenders == []
