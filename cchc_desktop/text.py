"""Text helpers: diacritic-insensitive search keys and natural ordering of STT codes."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Search key: no diacritics, no case, single spaces. "Cải  cách" → "cai cach"."""
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


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


def clean_cell(text: str) -> str:
    """Trim and collapse runs of spaces inside lines; keep line breaks (bullets)."""
    lines = [" ".join(line.split()) for line in (text or "").replace("\r", "").split("\n")]
    return "\n".join(line for line in lines if line).strip()
