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
from cchc_desktop.importers.headings import is_domain_heading
from cchc_desktop.importers.unit_cells import split_unit_cell
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
    if not match or len(text) > 160 or ":" in text or not is_domain_heading(match.group(1), framework):
        return None
    return domain_by_name(match.group(1), framework)


_STARTS_ITEM = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2}){0,3}\s*[.)]|[a-zđ]\s*[.)]|[IVX]{1,4}\s*[.)]|[-–+•*])\s*")


def reflow(lines: list[str]) -> list[str]:
    """Lines of a PDF or text extract joined back into paragraphs: a line that starts no item (no
    number, letter or bullet) and follows one not closed by "." or ":" continues it."""
    out: list[str] = []
    for line in lines:
        if out and not _STARTS_ITEM.match(line) and not out[-1].rstrip().endswith((".", ":", ";")) \
                and not _LABEL.match(strip_marks(line).lstrip(" -")):
            out[-1] = f"{out[-1]} {line.strip()}"
        else:
            out.append(line.strip())
    return out


def read_prose(paragraphs: list[str], wrapped: bool = False) -> list[ProseTask]:
    """The tasks of a prose plan, in order; empty when the paragraphs hold none. ``wrapped``: the
    paragraphs are lines of a PDF or text extract, joined back first (``reflow``)."""
    if wrapped:
        paragraphs = reflow(paragraphs)
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
            name, fields = _task_text(task_match.group(2))
            current = ProseTask(domain, framework, task_match.group(1), name, fields, index)
            tasks.append(current)
        elif current is not None:
            _more(current, text)
    return tasks


# "(Trung tâm … chủ trì; thời gian: Quý II/2026)" at the end of a task's sentence.
_DETAILS = re.compile(r"\s*\(([^()]*(?:chu tri|phoi hop|thoi gian|thoi han|hoan thanh)[^()]*)\)\s*[.;]?\s*$")
# "Giao Văn phòng HĐND và UBND chủ trì, phối hợp với các phòng chuyên môn thực hiện"
_GIVEN = re.compile(r"(?:^|(?<=[.;]\s))giao\s+(?:cho\s+)?(.+?\s+chu\s+tri\b.*?)(?:\s+thuc\s+hien)?\s*(?=[;.]|$)")
_FINISH = re.compile(r"(?:^|(?<=[.;,]\s))(?:va\s+)?hoan\s+thanh\s+(?:trong\s+|vao\s+)?(.+?)\s*(?=[;.]\s|[;.]?$)")


def _task_text(text: str) -> tuple[str, dict[str, str]]:
    """A task's sentence and the fields written into it: labels ("Chủ trì: …"), a sentence
    ("Giao X chủ trì…; hoàn thành trong Quý IV/2026"), or details in parentheses."""
    fields: dict[str, str] = {}
    details = _DETAILS.search(strip_marks(text))
    if details:
        inside = text[details.start(1):details.end(1)]
        text = text[:details.start()]
        for piece in re.split(r"\s*;\s*", inside):
            _piece_fields(piece, fields)
    name, labelled = split_labels(text)
    for role, value in labelled.items():
        fields.setdefault(role, value)
    name = _sentence_fields(name, fields)
    return name.strip().rstrip(".;, "), fields


def _piece_fields(piece: str, fields: dict[str, str]) -> None:
    head, labelled = split_labels(piece)
    for role, value in labelled.items():
        fields.setdefault(role, value)
    if head.strip() and re.search(r"chu tri|phoi hop", strip_marks(head)):
        split = split_unit_cell(head)
        if split.lead:
            fields.setdefault(LEAD, split.lead)
        if split.coordinators:
            fields.setdefault(COORD, split.coordinators)


def _sentence_fields(name: str, fields: dict[str, str]) -> str:
    """Take "Giao X chủ trì, phối hợp với Y" and "hoàn thành trong Z" out of the task's sentence."""
    plain = strip_marks(name)
    given = _GIVEN.search(plain)
    if given and LEAD not in fields:
        _piece_fields(name[given.start(1):given.end(1)], fields)
        name, plain = name[:given.start()] + name[given.end():], plain[:given.start()] + plain[given.end():]
    finish = _FINISH.search(plain)
    if finish and DEADLINE not in fields:
        fields[DEADLINE] = name[finish.start(1):finish.end(1)].strip(" .;")
        name = name[:finish.start()] + name[finish.end():]
    return " ".join(name.split())


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
