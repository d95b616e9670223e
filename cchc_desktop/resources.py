"""Find bundled resources (fonts, icons, demo data), from source and in the frozen build."""
from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    if getattr(sys, "frozen", False):  # PyInstaller unpacks data next to the program
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Raises ``FileNotFoundError`` when the file is missing."""
    path = resource_root().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"missing bundled resource: {path}")
    return path
