"""Where the data folder is: --data-dir, else portable mode, else the user's data folder."""
from __future__ import annotations

import os
import sys
from pathlib import Path

PORTABLE_MARKER = "cchc-portable.txt"
PORTABLE_DATA = "DuLieuCCHC"
APP_DIR_NAME = "CCHC Desktop"


def program_dir() -> Path:
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def is_portable() -> bool:
    """Run from a USB stick: the marker file sits next to the program."""
    return (program_dir() / PORTABLE_MARKER).exists()


def default_data_dir() -> Path:
    """Portable mode when the marker file sits next to the program (USB stick)."""
    if is_portable():
        return program_dir() / PORTABLE_DATA
    env = os.environ.get("CCHC_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir
    return Path(user_data_dir(APP_DIR_NAME, appauthor=False, roaming=False))


def resolve_data_dir(explicit: str | Path | None) -> Path:
    """The data folder, absolute (messages and banners name it whole, wherever the program was started)."""
    return Path(explicit).expanduser().absolute() if explicit else default_data_dir()
