"""Plans written only as prose: numbered paragraphs under domain headings (realworld 01).

    1. Công tác chỉ đạo, điều hành            ← a heading that names a domain
    1.1. Ban hành Kế hoạch CCHC năm 2025.       ← a task: a numbered paragraph
    - Đơn vị chủ trì: Văn phòng HĐND và UBND; phối hợp: các phòng.   ← its fields, inline
    - Thời gian thực hiện: Tháng 7/2025.

Tasks start after the first domain heading and stop at "Tổ chức thực hiện", "Kinh phí",
"Nơi nhận" or an appendix. Every task read this way is flagged for review by the caller.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from cchc_desktop.importers.columns import COORD, DEADLINE, LEAD, PRODUCT, START
from cchc_desktop.importers.domains import domain_by_name, mentions_papi
from cchc_desktop.text import strip_marks

_TASK = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){0,3}|[a-zđ])\s*[.)]\s+(\S.*)$", re.S)
_HEADING = re.compile(r"^\s*(?:(?:[IVX]{1,4}|\d{1,2}|[A-Z])\s*[.):\-–]\s*)?(\S.{2,150})$", re.S)
_STOP = re.compile(r"^\s*(?:(?:[ivx]{1,4}|\d{1,2})\s*[.)]\s*)?(?:to chuc thuc hien|kinh phi|noi nhan|phu luc|"
                   r"trach nhiem thuc hien|dieu khoan thi hanh)\b")
# "Đơn vị chủ trì:", "phối hợp:", "Thời gian thực hiện:" … in plain (diacritic-free, lower) text.
_LABELS = (
    (COORD, r"(?:don vi |co quan )?phoi hop(?: thuc hien)?"),
    (LEAD, r"(?:don vi |co quan |bo phan )?chu tri(?: thuc hien)?|(?:don vi|co quan|bo phan) thuc hien|"
           r"trach nhiem thuc hien|phan cong"),
    (START, r"(?:thoi gian |ngay )?bat dau"),
    (DEADLINE, r"thoi gian(?: thuc hien| hoan thanh)?|thoi han(?: hoan thanh)?|tien do(?: thuc hien)?|"
               r"han hoan thanh"),
    (PRODUCT, r"san pham(?: dau ra)?|ket qua du kien|hinh thuc van ban"),
)
_LABEL = re.compile(r"(?:^|(?<=[\s;,.(\-–+•]))(" + "|".join(f"(?P<{role}>{p})" for role, p in _LABELS)
                    + r")\s*:", re.I)


@dataclass
class ProseTask:
    domain: str
    framework: str
    code: str
    name: str
    fields: dict[str, str] = field(default_factory=dict)
    paragraph: int = 0          # index among the document's paragraphs, for messages


def split_labels(text: str) -> tuple[str, dict[str, str]]:
    """ "Rà soát VB; Chủ trì: Phòng Kinh tế; Thời gian: Quý II" → ("Rà soát VB", {lead: …, deadline: …})."""
    plain = strip_marks(text)
    found = list(_LABEL.finditer(plain))
    if not found:
        return text, {}
    values: dict[str, str] = {}
    for match, nxt in zip(found, found[1:] + [None]):
        role = next(r for r, _p in _LABELS if match.group(r))
        value = text[match.end():nxt.start() if nxt else len(text)]
        value = value.strip(" \t;,.-–+•")
        if value and role not in values:
            values[role] = value
    return text[:found[0].start()].rstrip(" \t;,.-–+•("), values


def _heading_domain(text: str, framework: str) -> str | None:
    match = _HEADING.match(text)
    if not match or len(text) > 160 or ":" in text:
        return None
    return domain_by_name(match.group(1), framework) if len(match.group(1).split()) <= 16 else None


def read_prose(paragraphs: list[str]) -> list[ProseTask]:
    """The tasks of a prose plan, in order; empty when the paragraphs hold none."""
    tasks: list[ProseTask] = []
    framework, domain, current = "PAR", None, None
    for index, text in enumerate(paragraphs):
        plain = strip_marks(text).strip()
        if domain is not None and _STOP.match(plain):
            domain, current = None, None
            continue
        if len(text) < 160 and mentions_papi(text) and text.upper() == text:
            framework, domain, current = "PAPI", None, None
            continue
        found = _heading_domain(text, framework) if not _TASK.match(text) or len(text) < 90 else None
        task_match = _TASK.match(text)
        if found and (not task_match or "." not in task_match.group(1)) and not split_labels(text)[1]:
            domain, current = found, None
            continue
        if domain is None:
            continue
        if task_match and (current is None or not _is_field_line(text)):
            name, fields = split_labels(task_match.group(2))
            current = ProseTask(domain, framework, task_match.group(1), name.strip().rstrip("."), fields, index)
            tasks.append(current)
        elif current is not None:
            _more(current, text)
    return tasks


def _is_field_line(text: str) -> bool:
    head, fields = split_labels(text)
    return bool(fields) and len(head.strip(" -–+•")) < 3


def _more(task: ProseTask, text: str) -> None:
    """A line after a task: its fields ("- Thời gian: …"), or one more bullet of its text."""
    head, fields = split_labels(text)
    for role, value in fields.items():
        task.fields.setdefault(role, value)
    head = head.strip()
    if head and not fields and head[:1] in "-–+•":
        task.name = f"{task.name}\n- {head.lstrip('-–+• ').rstrip('.;')}"
