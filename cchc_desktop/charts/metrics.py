"""How wide a line of text is in the document font, read from the font file itself (its character map and
advance widths): the same numbers reportlab uses for the PDF, without importing reportlab, so a chart
is laid out the same way for the screen and for paper, and cheaply on the GUI thread.

Only what a width needs is read: ``head`` (units per em), ``hhea`` and ``hmtx`` (advances), and the
Unicode ``cmap`` (format 4, or 12). A font that cannot be read falls back to an average width (a
little generous, so labels are never laid out narrower than they print).
"""
from __future__ import annotations

import logging
import struct
import threading
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

REGULAR, BOLD, ITALIC = "regular", "bold", "italic"
FALLBACK_EM = 0.56          # average advance of a Vietnamese text in Times, in em, plus a little
_LOCK = threading.Lock()


class _Widths:
    def __init__(self, advances: dict[int, float], default: float):
        self.advances, self.default = advances, default     # in em

    def em(self, text: str) -> float:
        get, default = self.advances.get, self.default
        return sum(get(ord(ch), default) for ch in text)


def _tables(data: bytes) -> dict[bytes, tuple[int, int]]:
    count = struct.unpack_from(">H", data, 4)[0]
    found = {}
    for index in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * index)
        found[tag] = (offset, length)
    return found


def _cmap(data: bytes, offset: int) -> dict[int, int]:
    """Code point → glyph id, from the Windows Unicode subtable (format 12 preferred, else format 4)."""
    _version, count = struct.unpack_from(">HH", data, offset)
    subtables = {}
    for index in range(count):
        platform, encoding, sub = struct.unpack_from(">HHI", data, offset + 4 + 8 * index)
        subtables[(platform, encoding)] = offset + sub
    for key in ((3, 10), (3, 1), (0, 4), (0, 3)):
        if key not in subtables:
            continue
        start = subtables[key]
        fmt = struct.unpack_from(">H", data, start)[0]
        if fmt == 12:
            groups = struct.unpack_from(">I", data, start + 12)[0]
            mapping = {}
            for g in range(groups):
                first, last, glyph = struct.unpack_from(">III", data, start + 16 + 12 * g)
                if first > 0x2FFFF:
                    continue
                for code in range(first, min(last, 0x2FFFF) + 1):
                    mapping[code] = glyph + code - first
            return mapping
        if fmt == 4:
            return _format4(data, start)
    raise ValueError("no Unicode character map")


def _format4(data: bytes, start: int) -> dict[int, int]:
    seg_x2 = struct.unpack_from(">H", data, start + 6)[0]
    segs = seg_x2 // 2
    ends = struct.unpack_from(f">{segs}H", data, start + 14)
    starts = struct.unpack_from(f">{segs}H", data, start + 16 + seg_x2)
    deltas = struct.unpack_from(f">{segs}h", data, start + 16 + 2 * seg_x2)
    range_at = start + 16 + 3 * seg_x2
    ranges = struct.unpack_from(f">{segs}H", data, range_at)
    mapping = {}
    for i in range(segs):
        first, last, delta, offset = starts[i], ends[i], deltas[i], ranges[i]
        if first == 0xFFFF:
            continue
        for code in range(first, last + 1):
            if offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                at = range_at + 2 * i + offset + 2 * (code - first)
                glyph = struct.unpack_from(">H", data, at)[0]
                if glyph:
                    glyph = (glyph + delta) & 0xFFFF
            if glyph:
                mapping[code] = glyph
    return mapping


def read_widths(path: Path) -> _Widths:
    """Raises ``ValueError`` (or ``struct.error``) when the file is not a TrueType font it can read."""
    data = Path(path).read_bytes()
    tables = _tables(data)
    units = struct.unpack_from(">H", data, tables[b"head"][0] + 18)[0]
    metrics = struct.unpack_from(">H", data, tables[b"hhea"][0] + 34)[0]
    hmtx = tables[b"hmtx"][0]
    advances = struct.unpack_from(f">{2 * metrics}H", data, hmtx)[0::2]
    glyphs = _cmap(data, tables[b"cmap"][0])
    last = advances[-1]
    widths = {code: (advances[g] if g < metrics else last) / units for code, g in glyphs.items()}
    return _Widths(widths, widths.get(ord("n"), FALLBACK_EM))


@lru_cache(maxsize=None)
def _face(style: str) -> _Widths:
    from cchc_desktop.reports.fonts import document_fonts
    path = document_fonts().files[style]
    try:
        return read_widths(path)
    except (OSError, ValueError, KeyError, struct.error) as exc:
        log.warning("font widths unreadable in %s (%r): estimating", path, exc)
        return _Widths({}, FALLBACK_EM)


def face(style: str) -> _Widths:
    with _LOCK:      # the first reading may come from the GUI thread and a job at once
        return _face(style)


def text_width(text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    """The advance width of ``text`` at ``size`` (points or pixels: the same unit comes back)."""
    style = BOLD if bold else ITALIC if italic else REGULAR
    return face(style).em(text) * size


def family() -> str:
    """The font family a picture names ("Times New Roman", or the bundled "Liberation Serif")."""
    from cchc_desktop.reports.fonts import document_fonts
    return document_fonts().family
