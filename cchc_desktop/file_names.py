"""Names the program offers when it writes a file out: short, without diacritics or spaces (they
survive e-mail, Zalo and old USB sticks), and saying what the document is, e.g.
"BC-05-CCHC-quy-I-2026.pdf" for report no. 05 on quý I năm 2026.
"""
from __future__ import annotations

import re
from datetime import date

from cchc_desktop.text import bare_letters

_WORDS = re.compile(r"[A-Za-z0-9]+")


def slug(text: str) -> str:
    """"Quý III năm 2026" → "quy-III-2026": ASCII words joined by "-", words in capitals (Roman numerals,
    CCHC, UBND) kept so, the others in lower case; the word "năm" before a year dropped."""
    words = _WORDS.findall(bare_letters(text or ""))
    kept = []
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        if word.lower() == "nam" and following.isdigit() and len(following) == 4 and kept:
            continue
        kept.append(word if word.isupper() else word.lower())
    return "-".join(kept)


def document_file_name(kind_code: str, number: str, subject: str, fmt: str, as_of: date | None = None) -> str:
    """``kind_code`` "BC" / "TB" / "DM" (the symbol's first part), ``number`` as drafted ("5", "05", ""),
    ``subject`` what it is about ("CCHC quý I năm 2026"); ``as_of`` adds "den-14-03-2026" to a list."""
    parts = [slug(kind_code).upper()]
    number = number.strip()
    if number:
        parts.append(number.zfill(2) if number.isascii() and number.isdigit() else slug(number))
    parts.append(slug(subject))
    if as_of is not None:
        parts.append(f"den-{as_of:%d-%m-%Y}")
    return _joined(parts) + f".{fmt}"


def backup_file_name(commune: str, day: date) -> str:
    """"SaoLuu-CCHC-vinh-loc-2026-11-25.zip": the commune's name as a slug (any "/" or ":" it holds can
    never become a folder or a forbidden character)."""
    return _joined(["SaoLuu-CCHC", slug(commune) or "xa", day.isoformat()]) + ".zip"


def _joined(parts: list[str], limit: int = 120) -> str:
    """Parts joined by "-", cut at ``limit`` characters without leaving a "-" at the end."""
    return "-".join(part for part in parts if part)[:limit].rstrip("-")
