"""Text helpers: diacritic-insensitive search keys and natural ordering of STT codes."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def _base_letters() -> dict[int, str]:
    """Every precomposed Latin letter → its bare letter ("ế" → "e", "Đ" → "D"), for str.translate."""
    table = {ord("đ"): "d", ord("Đ"): "D"}
    for code in range(0xC0, 0x2000):
        decomposed = unicodedata.normalize("NFD", chr(code))
        if len(decomposed) > 1 and not unicodedata.combining(decomposed[0]):
            table[code] = decomposed[0]
    for code in range(0x300, 0x370):  # combining marks of text that came decomposed
        table[code] = None
    return table


_BARE = _base_letters()


def bare_letters(text: str) -> str:
    """``text`` without diacritics, case kept: "Quý III" → "Quy III", "Đông" → "Dong"."""
    return unicodedata.normalize("NFC", text).translate(_BARE)


def strip_marks(text: str) -> str:
    """Lower case without diacritics, one character per character of NFC ``text``."""
    return bare_letters(text).lower()


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Search key: no diacritics, no case, single spaces. "Cải  cách" → "cai cach"."""
    if not text:
        return ""
    return " ".join(strip_marks(text).casefold().split())


def matches(query_key: str, haystack_key: str) -> bool:
    """Every word of the (already folded) query occurs in the folded text."""
    return all(word in haystack_key for word in query_key.split())


_NUM_PART = re.compile(r"\d+|\D+")


def natural_key(code: str) -> tuple:
    """Sort "2" before "10" and "3.2" before "3.10"."""
    parts = []
    for piece in _NUM_PART.findall(code or ""):
        parts.append((0, int(piece), "") if piece.isdigit() else (1, 0, piece))
    return tuple(parts)


# Control characters (pasted from old files or other programs) that no document format may hold:
# C0 except tab and line breaks, DEL, C1, and the two non-characters at the end of the BMP.
_CONTROLS = {c: None for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0), 0xFFFE,
                                0xFFFF]}


def strip_controls(text: str) -> str:
    """``text`` as documents carry it: composed (NFC, or a PDF shows accents beside their letters), line
    breaks as "\n" (a Windows "\r\n" or old Mac "\r" would become extra lines in Word), and without the
    characters Word, Excel and PDF text cannot carry."""
    if not text:
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text.translate(_CONTROLS)


def clean_cell(text: str) -> str:
    """Trim and collapse runs of spaces inside lines; keep line breaks (bullets); drop control characters."""
    lines = [" ".join(line.split()) for line in strip_controls(text or "").split("\n")]
    return "\n".join(line for line in lines if line).strip()
