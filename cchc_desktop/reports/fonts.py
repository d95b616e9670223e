"""The document font: Times New Roman where the computer has it, else the bundled Liberation Serif
(same metrics, so a page breaks in the same place either way). Always embedded in the PDF."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from cchc_desktop.resources import resource_path

STYLES = ("regular", "bold", "italic", "bold_italic")
WORD_FONT = "Times New Roman"   # what the DOCX asks for; Word and LibreOffice resolve it themselves

_TIMES_NAMES = {
    "regular": ("times.ttf", "Times_New_Roman.ttf", "TimesNewRoman.ttf", "Times New Roman.ttf"),
    "bold": ("timesbd.ttf", "Times_New_Roman_Bold.ttf", "TimesNewRomanBold.ttf", "Times New Roman Bold.ttf"),
    "italic": ("timesi.ttf", "Times_New_Roman_Italic.ttf", "TimesNewRomanItalic.ttf",
               "Times New Roman Italic.ttf"),
    "bold_italic": ("timesbi.ttf", "Times_New_Roman_Bold_Italic.ttf", "TimesNewRomanBoldItalic.ttf",
                    "Times New Roman Bold Italic.ttf"),
}
_LIBERATION = {"regular": "LiberationSerif-Regular.ttf", "bold": "LiberationSerif-Bold.ttf",
               "italic": "LiberationSerif-Italic.ttf", "bold_italic": "LiberationSerif-BoldItalic.ttf"}


@dataclass(frozen=True)
class FontSet:
    family: str                   # shown to the user ("Times New Roman" or "Liberation Serif")
    files: dict[str, Path]        # style → .ttf


def _font_dirs() -> list[Path]:
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", "")) / "Microsoft" / "Windows" / "Fonts"
        return [windir / "Fonts", local]
    if sys.platform == "darwin":
        return [Path("/Library/Fonts"), Path("/System/Library/Fonts/Supplemental"), Path.home() / "Library/Fonts"]
    return [Path("/usr/share/fonts/truetype/msttcorefonts"), Path("/usr/share/fonts/truetype/ms-fonts"),
            Path("/usr/share/fonts/TTF"), Path.home() / ".fonts", Path.home() / ".local/share/fonts"]


def _find_times() -> dict[str, Path] | None:
    found: dict[str, Path] = {}
    for style, names in _TIMES_NAMES.items():
        for folder in _font_dirs():
            hit = next((folder / n for n in names if (folder / n).is_file()), None)
            if hit:
                found[style] = hit
                break
        if style not in found:
            return None
    return found


_chosen: FontSet | None = None


def document_fonts() -> FontSet:
    """Chosen once per run. ``CCHC_BUNDLED_FONT=1`` forces the bundled font (tests, benchmarks)."""
    global _chosen
    if _chosen is None:
        times = None if os.environ.get("CCHC_BUNDLED_FONT") else _find_times()
        if times:
            _chosen = FontSet("Times New Roman", times)
        else:
            _chosen = FontSet("Liberation Serif",
                              {style: resource_path("fonts", name) for style, name in _LIBERATION.items()})
    return _chosen
