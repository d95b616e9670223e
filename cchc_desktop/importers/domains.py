"""Which reform domain (or PAPI dimension) a group row, a heading or a task's words name.

Plans list domains in their own order and words (seed 003 gives each its own appendix,
seed 004 calls domain I "Chỉ đạo, điều hành, kiểm tra và tuyên truyền"), so the name
decides, never the numeral: "I. LĨNH VỰC HỘ TỊCH" or "II. HỘI NGHỊ" are sub-groups.

A name matches a domain when one of the domain's phrases occurs in it, word for word up
to small differences (a missing diacritic, a typo): rapidfuzz compares the words. Sources
of the names: domain.md (PAR Index 8 domains, PAPI 8 dimensions) and the seeds.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cchc_desktop.text import fold, strip_marks

_ROMAN_PREFIX = re.compile(r"^\s*(VIII|VII|VI|IV|V|III|II|I)\s*[.):\-–]?(?:\s+|$)(.*)$", re.S)

# Each domain's phrases, folded. A phrase matches when all its words occur in order.
PAR_PHRASES: dict[str, tuple[str, ...]] = {
    "I": ("chi dao dieu hanh", "chi dao va dieu hanh", "dieu hanh cai cach hanh chinh",
          "kiem tra tuyen truyen cai cach hanh chinh", "tuyen truyen cai cach hanh chinh", "tuyen truyen cchc",
          "cong tac chi dao", "kiem tra danh gia", "cong tac kiem tra"),
    "II": ("the che", "cai cach the che", "xay dung va to chuc thuc hien the che", "van ban qppl", "vbqppl",
           "van ban quy pham phap luat"),
    "III": ("thu tuc hanh chinh", "tthc", "kiem soat thu tuc hanh chinh", "mot cua lien thong"),
    "IV": ("to chuc bo may", "bo may hanh chinh", "sap xep to chuc bo may"),
    "V": ("che do cong vu", "cai cach cong vu", "doi ngu can bo cong chuc", "cong vu cong chuc",
          "can bo cong chuc vien chuc", "doi ngu cong chuc"),
    "VI": ("tai chinh cong", "cai cach tai chinh", "co che quan ly tai chinh", "co che tai chinh", "tu chu tai chinh"),
    "VII": ("chinh quyen dien tu", "chinh quyen so", "chuyen doi so", "chinh phu dien tu", "chinh phu so",
            "hien dai hoa hanh chinh", "hien dai hoa nen hanh chinh"),
    "VIII": ("tac dong cua cai cach hanh chinh", "tac dong cua cchc", "tac dong den nguoi dan",
             "phat trien kinh te xa hoi", "su hai long cua nguoi dan", "danh gia su hai long"),
}
PAPI_PHRASES: dict[str, tuple[str, ...]] = {
    "I": ("tham gia cua nguoi dan", "tham gia nguoi dan", "nguoi dan tham gia", "tham gia o cap co so"),
    "II": ("cong khai minh bach",),
    "III": ("trach nhiem giai trinh",),
    "IV": ("kiem soat tham nhung", "phong chong tham nhung", "tham nhung"),
    "V": ("thu tuc hanh chinh cong", "thu tuc hanh chinh"),
    "VI": ("cung ung dich vu cong", "dich vu cong"),
    "VII": ("quan tri moi truong", "moi truong"),
    "VIII": ("quan tri dien tu", "chinh quyen dien tu"),
}
FRAMEWORK_WORDS = {"PAPI": r"\bpapi\b", "SIPAS": r"\bsipas\b|hai long cua nguoi dan", "DTI": r"\bdti\b",
                   "DDCI": r"\bddci\b", "PCI": r"\bpci\b", "PAR_INDEX": r"par\s*index|chi\s+so\s+cai\s+cach"}


@dataclass(frozen=True)
class DomainMatch:
    framework: str
    code: str
    loose: bool = False        # guessed (from the numeral or the task's words), not read from a name
    renumbered: bool = False   # the name says another domain than the numeral in front of it


def split_roman(text: str) -> tuple[str | None, str]:
    """ "III. Cải cách thủ tục hành chính" → ("III", "Cải cách thủ tục hành chính")."""
    match = _ROMAN_PREFIX.match(text or "")
    if not match:
        return None, (text or "").strip()
    return match.group(1), match.group(2).strip()


_LEAD_NUMBER = re.compile(r"^\s*(?:(?:VIII|VII|VI|IV|V|III|II|I|\d{1,3}(?:\.\d{1,3})*|[a-zđ])\s*[.):\-–]\s*)+",
                          re.I)


# "Lĩnh vực thứ ba:", "Nội dung 4.", "Trục 5 -", "Phần VI.", "Chỉ số nội dung 1:" in front of a domain's name.
_LABEL_PREFIX = re.compile(r"^\s*(?:linh\s+vuc|noi\s+dung|truc(?:\s+noi\s+dung)?|phan|muc|chuong|nhom|"
                           r"chi\s+so(?:\s+noi\s+dung|\s+thanh\s+phan)?|tieu\s+chi|nhiem\s+vu)\s+"
                           r"(?:thu\s+)?[a-z0-9]+\s*[:.\-–]\s*")


def heading_core(text: str) -> str:
    """The name a heading gives, without its numbering and label: "Lĩnh vực thứ ba: Cải cách TTHC" →
    "Cải cách TTHC"."""
    text = _LEAD_NUMBER.sub("", text or "", count=1) if _LEAD_NUMBER.match(text or "") else (text or "")
    match = _LABEL_PREFIX.match(strip_marks(text))
    return text[match.end():].strip() if match else text.strip()


def _words(text: str) -> tuple[str, ...]:
    key = fold(heading_core(text))
    return tuple(re.findall(r"[a-z0-9]+", key))


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 4:   # short words ("so", "cong") must be exact
        return False
    from rapidfuzz.fuzz import ratio  # a typo or a dropped letter in a long word still matches
    return ratio(a, b) >= 80


def _find_phrase(phrase: tuple[str, ...], words: tuple[str, ...]) -> int | None:
    """Where ``phrase`` occurs in ``words`` in order (gaps of one word allowed), or None."""
    for start in range(len(words)):
        if not _same_word(phrase[0], words[start]):
            continue
        at, ok = start, True
        for word in phrase[1:]:
            nxt = next((j for j in range(at + 1, min(at + 3, len(words))) if _same_word(word, words[j])), None)
            if nxt is None:
                ok = False
                break
            at = nxt
        if ok:
            return start
    return None


def domain_by_name(text: str, framework: str = "PAR") -> str | None:
    """The domain code whose phrase occurs earliest (longest first on a tie), or None."""
    found = domain_at(text, framework)
    return found[0] if found else None


@lru_cache(maxsize=4096)
def domain_at(text: str, framework: str = "PAR") -> tuple[str, int] | None:
    """(domain code, index of the word where its phrase starts), or None."""
    words = _words(text)
    table = PAPI_PHRASES if framework == "PAPI" else PAR_PHRASES
    best: tuple[int, int, str] | None = None
    for code, phrases in table.items():
        for phrase in phrases:
            at = _find_phrase(tuple(phrase.split()), words)
            if at is not None and (best is None or (at, -len(phrase)) < best[:2]):
                best = (at, -len(phrase), code)
    return (best[2], best[0]) if best else None


def match_domain(text: str, framework: str = "PAR", numeral: str | None = None) -> DomainMatch | None:
    """A group row's domain, read from its name. The numeral alone never decides."""
    roman, rest = split_roman(text)
    numeral = numeral or roman
    code = domain_by_name(rest or text, framework)
    if code:
        return DomainMatch(framework, code, renumbered=numeral is not None and numeral != code)
    return None


def names_papi_dimension(text: str) -> bool:
    """The words name a PAPI dimension that no PAR domain shares ("kiểm soát tham nhũng")."""
    code = domain_by_name(text, "PAPI")
    return code is not None and code not in ("V", "VI", "VIII") and domain_by_name(text, "PAR") is None


def suggest_domain(text: str, framework: str = "PAR") -> DomainMatch:
    """A domain guessed from a task's own words; "I" when they name none. Always ``loose``."""
    code = domain_by_name(text[:300], framework)
    return DomainMatch(framework, code or "I", loose=True)


def frameworks_named(text: str) -> set[str]:
    """Index frameworks a title or heading names: {"PAPI"}, {"SIPAS", "PAR_INDEX"} …"""
    key = fold(text)
    return {name for name, pattern in FRAMEWORK_WORDS.items() if re.search(pattern, key)}


def mentions_papi(text: str) -> bool:
    return "PAPI" in frameworks_named(text)
