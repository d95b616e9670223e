"""Group rows and headings that name a reform domain: "III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
"1 | Cải cách thể chế", "Lĩnh vực thứ ba: Cải cách TTHC" — as opposed to a task sentence that
merely mentions one ("Rà soát thủ tục hành chính lĩnh vực hộ tịch"). Shared by the table
analysis and the prose reader.
"""
from __future__ import annotations

import re

from cchc_desktop.importers.domains import domain_at, heading_core, match_domain, split_roman
from cchc_desktop.text import fold

GROUP_NUMBER = re.compile(r"^\s*(?:ph[aầ]n\s+)?((?:VIII|VII|VI|IV|V|III|II|I)|\d{1,2}(?:\.\d{1,2}){0,3}|[A-ZĐ])"
                          r"\s*[.):\-–]\s*(\S.*)$", re.S)
# Words that dress a domain heading without naming it: "Công tác chỉ đạo", "Xây dựng và phát triển …".
HEADING_DRESS = re.compile(r"^(?:(?:cong tac|linh vuc|cai cach|ve|nhiem vu|giai phap|xay dung|va|phat trien|"
                           r"day manh|tang cuong|nang cao|chi so|thanh phan|noi dung|nhom|tiep tuc|doi moi|"
                           r"chat luong|hoan thien|thuc hien|to chuc thuc hien)\s+)*")


# "Chỉ số thành phần 1.2: …", "Tiêu chí 3 - …", "Nhóm 2. …": a labelled group, never a task.
LABELLED_GROUP = re.compile(r"^(?:chi\s+so(?:\s+thanh\s+phan|\s+noi\s+dung)?|tieu\s+chi(?:\s+thanh\s+phan)?|nhom|"
                            r"linh\s+vuc|noi\s+dung|phan|muc|truc(?:\s+noi\s+dung)?)\s+[0-9ivx]+(?:\.[0-9]+)*\s*[:.\-–]")


def is_labelled_group(text: str) -> bool:
    return LABELLED_GROUP.match(fold(text)) is not None


def is_upper(text: str) -> bool:
    """In capitals (a few lower-case letters allowed: "CẢI CÁCH TTHC (gồm)" is still a heading)."""
    if text == text.upper():
        return text != text.lower() and len(text) >= 3
    lower, upper = sum(map(str.islower, text)), sum(map(str.isupper, text))
    return upper >= 3 and lower <= 0.1 * (lower + upper)


def heading_key(text: str, dressed: bool = True) -> str:
    """A heading's words without the numbering, and without the dressing ("Công tác", "Lĩnh vực" …)
    unless ``dressed``."""
    _numeral, rest = split_roman(text)
    match = GROUP_NUMBER.match(rest)
    key = fold(heading_core(match.group(2) if match else rest))
    key = " ".join(re.sub(r"[^a-z0-9 ]+", " ", key).split())
    return HEADING_DRESS.sub("", key) if dressed else key


def domain_heading(text: str, framework: str) -> str | None:
    """The domain a short numbered or capitalised paragraph names ("II. CẢI CÁCH THỂ CHẾ"), else None."""
    if len(text) > 160 or not (GROUP_NUMBER.match(text) or is_upper(text)):
        return None
    match = GROUP_NUMBER.match(text)
    title = match.group(2) if match else text
    found = match_domain(title, framework)
    return found.code if found and is_domain_heading(title, framework) else None


def is_domain_heading(title: str, framework: str) -> bool:
    """The title is a domain's name (maybe dressed), not a task sentence that mentions one."""
    if is_upper(title) and len(title) < 160:
        return True
    key = heading_key(title, dressed=False)
    if not key or len(key.split()) > 24:
        return False
    undressed = domain_at(HEADING_DRESS.sub("", key), framework)
    whole = domain_at(key, framework)
    return (undressed is not None and undressed[1] <= 1) or (whole is not None and whole[1] == 0)
