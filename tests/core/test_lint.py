"""Unused imports, undefined names and syntax slips fail the build (ruff's pyflakes rules)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_pyflakes_clean():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff, "ruff is installed by ./cchc test (requirements-dev.txt)"
    result = subprocess.run([ruff, "check", "--select", "F,E9,E7", "--line-length", "120", "cchc_desktop", "db",
                             "ui", "tools", "bench", "windows", "main.py", "tests"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
