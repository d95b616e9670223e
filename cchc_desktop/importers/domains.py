"""Which reform domain (or PAPI dimension) a section row or an appendix title names.

Plans list domains in their own order and words (seed 003 gives each its own appendix,
seed 004 calls domain I "Chỉ đạo, điều hành, kiểm tra và tuyên truyền"), so the name
decides; the Roman numeral only helps when the name says nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from cchc_desktop.text import fold

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
_ROMAN_PREFIX = re.compile(r"^\s*(VIII|VII|VI|IV|V|III|II|I)\s*[.):\-–]?(?:\s+|$)(.*)$", re.S)

PAR_KEYWORDS = (
    ("I", (r"chi\s+dao", r"dieu\s+hanh")),
    ("II", (r"the\s+che",)),
    ("III", (r"thu\s+tuc\s+hanh\s+chinh", r"\btthc\b")),
    ("IV", (r"to\s+chuc\s+bo\s+may", r"bo\s+may")),
    ("V", (r"che\s+do\s+cong\s+vu", r"cong\s+vu")),
    ("VI", (r"tai\s+chinh\s+cong", r"tai\s+chinh")),
    ("VII", (r"chinh\s+quyen\s+dien\s+tu", r"chinh\s+quyen\s+so", r"chuyen\s+doi\s+so")),
    ("VIII", (r"tac\s+dong",)),
)
PAPI_KEYWORDS = (
    ("I", (r"tham\s+gia\s+cua\s+nguoi\s+dan",)),
    ("II", (r"cong\s+khai", r"minh\s+bach")),
    ("III", (r"trach\s+nhiem\s+giai\s+trinh",)),
    ("IV", (r"tham\s+nhung",)),
    ("V", (r"thu\s+tuc\s+hanh\s+chinh",)),
    ("VI", (r"cung\s+ung\s+dich\s+vu\s+cong", r"dich\s+vu\s+cong")),
    ("VII", (r"moi\s+truong",)),
    ("VIII", (r"quan\s+tri\s+dien\s+tu", r"dien\s+tu")),
)


@dataclass(frozen=True)
class DomainMatch:
    framework: str
    code: str
    loose: bool = False        # found by the numeral only: the name said nothing we know
    renumbered: bool = False   # the name says another domain than the numeral in front of it


def split_roman(text: str) -> tuple[str | None, str]:
    """ "III. Cải cách thủ tục hành chính" → ("III", "Cải cách thủ tục hành chính")."""
    match = _ROMAN_PREFIX.match(text or "")
    if not match:
        return None, (text or "").strip()
    return match.group(1), match.group(2).strip()


def _by_name(key: str, table) -> str | None:
    for code, patterns in table:
        if any(re.search(p, key) for p in patterns):
            return code
    return None


def match_domain(text: str, framework: str = "PAR", numeral: str | None = None) -> DomainMatch | None:
    roman, rest = split_roman(text)
    numeral = numeral or roman
    key = fold(rest if rest else text)
    table = PAPI_KEYWORDS if framework == "PAPI" else PAR_KEYWORDS
    code = _by_name(key, table)
    if code:
        return DomainMatch(framework, code, renumbered=numeral is not None and numeral != code)
    if numeral in ROMAN:
        return DomainMatch(framework, numeral, loose=True)
    return None


def mentions_papi(text: str) -> bool:
    return "papi" in fold(text)
