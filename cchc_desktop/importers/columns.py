"""Which column is which: header wording varies from plan to plan (see the seeds).

A column's role is decided from its header text, folded (no diacritics, lower case).
The order of the checks matters: "Kết quả thực hiện" is the result an officer records,
"Sản phẩm/Kết quả dự kiến" the product a plan asks for.

A header may take 1–3 rows, with a merged group cell over sub-columns ("Thời gian" over
"Bắt đầu | Hoàn thành", "Đơn vị thực hiện" over "Chủ trì | Phối hợp"): each column is read
from its whole path, top to bottom (``find_header``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from cchc_desktop.text import fold

CODE, NAME, LEAD, COORD, DEADLINE, PRODUCT = "code", "name", "lead", "coord", "deadline", "product"
STATUS, RESULT, PROGRESS, COMPLETED, NOTE, IGNORE = "status", "result", "progress", "completed", "note", "ignore"
START, UNITS = "start", "units"
ROLES = (CODE, NAME, LEAD, COORD, UNITS, DEADLINE, START, PRODUCT, STATUS, RESULT, PROGRESS, COMPLETED, NOTE, IGNORE)
ROLE_LABELS = {
    CODE: "STT", NAME: "Nhiệm vụ", LEAD: "Cơ quan chủ trì", COORD: "Cơ quan phối hợp", DEADLINE: "Thời gian",
    START: "Ngày bắt đầu", UNITS: "Chủ trì, phối hợp (chung một cột)",
    PRODUCT: "Sản phẩm", STATUS: "Trạng thái", RESULT: "Kết quả thực hiện", PROGRESS: "Tiến độ (%)",
    COMPLETED: "Ngày hoàn thành", NOTE: "Ghi chú", IGNORE: "(bỏ qua)",
}

_RULES: tuple[tuple[str, re.Pattern], ...] = tuple((role, re.compile(pattern)) for role, pattern in (
    (CODE, r"^(?:s\s*\.?\s*t\s*t|tt|stt|so\s+tt|so\s+thu\s+tu|thu\s+tu|ma|ma\s+so)\.?$"),
    (UNITS, r"chu\s+tri\s*(?:,|/|-|va|&)\s*(?:co\s+quan\s+|don\s+vi\s+)?phoi\s+hop"),
    (COORD, r"phoi\s+hop|\b(?:cq|dv|don\s+vi|co\s+quan)\s*ph\b|^ph$"),
    (LEAD, r"chu\s+tri|don\s+vi\s+thuc\s+hien|phu\s+trach|co\s+quan\s+thuc\s+hien|bo\s+phan\s+thuc\s+hien|"
           r"nguoi\s+thuc\s+hien|trach\s+nhiem\s+thuc\s+hien|tham\s+muu|giao\s+cho|phan\s+cong|"
           r"\b(?:cq|dv|don\s+vi|co\s+quan)\s*ct\b|^ct$|"
           r"^(?:don\s+vi|co\s+quan)(?:\s*,\s*(?:don\s+vi|co\s+quan))?$"),
    (COMPLETED, r"ngay\s+hoan\s+thanh"),
    (PROGRESS, r"tien\s+do\s*(?:\(%\)|%|thuc\s+hien\s*\(%\))|ty\s+le\s+hoan\s+thanh"),
    (RESULT, r"ket\s+qua\s+(?:thuc\s+hien|dat\s+duoc|trien\s+khai)"),
    (STATUS, r"trang\s+thai|tinh\s+trang"),
    (PRODUCT, r"san\s+pham|ket\s+qua\s+du\s+kien|ket\s+qua\s+dau\s+ra|^ket\s+qua$|^sp$"),
    (START, r"^(?:ngay\s+|thoi\s+gian\s+)?bat\s+dau|^tu\s+ngay$"),
    (DEADLINE, r"thoi\s+gian|thoi\s+han|han\s+hoan\s+thanh|tien\s+do(?:\s+thuc\s+hien|\s+hoan\s+thanh)?$|^han$|"
               r"^moc\s+|thoi\s+diem|lo\s+trinh|han\s+chot|^tg\b|ky\s+han|^hoan\s+thanh$|deadline"),
    (NOTE, r"ghi\s+chu"),
    (NAME, r"^nd$|nhiem\s+vu|noi\s+dung|giai\s+phap|cong\s+viec|hoat\s+dong|ten\s+thu\s+tuc|"
           r"ke\s+hoach\s+hanh\s+dong"),
))


@lru_cache(maxsize=4096)
def role_of(header: str) -> str | None:
    if len(header) > 90:  # a header names a column in a few words
        return None
    key = " ".join(fold(header).replace("\n", " ").split())
    if not key:
        return None
    for role, pattern in _RULES:
        if pattern.search(key):
            return role
    return None


_STATS_FORM = re.compile(r"\bdon\s+vi\s+tinh\b|\bdvt\b|\bky\s+bao\s+cao\b|\bso\s+lieu\b|\bky\s+truoc\b")
_TIME_GROUP = re.compile(r"thoi\s+gian|thoi\s+han|tien\s+do|moc\s+thoi\s+gian")
_UNIT_GROUP = re.compile(r"don\s+vi|co\s+quan|trach\s+nhiem|phan\s+cong|to\s+chuc\s+thuc\s+hien|bo\s+phan")
_START_LEAF = re.compile(r"bat\s+dau|khoi\s+cong|^tu(?:\s+ngay|\s+thang)?$|trien\s+khai")
_END_LEAF = re.compile(r"hoan\s+thanh|ket\s+thuc|^den(?:\s+ngay|\s+thang)?$|han\s+chot|thoi\s+han|^han$")
_CODE_LIKE = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[IVX]{1,4}|[a-zđ])[.)]?$", re.I)
MAX_HEADER_ROWS = 3
HEADER_SCAN = 8


@dataclass
class Header:
    """A task table's header: where it is and what each column holds."""
    row: int                       # index of its first row in the table
    depth: int                     # 1–3 rows
    roles: list[str | None]
    paths: list[str]               # "Thời gian › Hoàn thành", for messages and the preview
    unsure: dict[int, str] = field(default_factory=dict)   # column -> why its role is a guess

    @property
    def body(self) -> int:
        return self.row + self.depth


def _key(text: str) -> str:
    return " ".join(fold(text).replace("\n", " ").split())


def role_of_path(parts: list[str]) -> tuple[str | None, str | None]:
    """The role of a column whose header reads ``parts`` top to bottom, and why it is unsure.

    "Thời gian › Hoàn thành" is the deadline, "Thời gian › Bắt đầu" the start,
    "Đơn vị thực hiện › Phối hợp" the coordinating units."""
    leaf, groups = parts[-1], [_key(p) for p in parts[:-1]]
    key = _key(leaf)
    if any(_TIME_GROUP.search(g) for g in groups):
        if _START_LEAF.search(key):
            return START, None
        if _END_LEAF.search(key):
            return DEADLINE, None
        own = role_of(leaf)
        return (own, None) if own in (DEADLINE, START, COMPLETED, NOTE) else (
            DEADLINE, "cột “{p}” có thể không phải thời hạn hoàn thành")
    if any(_UNIT_GROUP.search(g) for g in groups):
        if "phoi hop" in key:
            return COORD, None
        if "chu tri" in key or "thuc hien" in key:
            return LEAD, None
    own = role_of(leaf)
    if own is None and groups:
        own = role_of(parts[0])
    return own, None


def _valid(roles: list[str | None], cells: list[str]) -> bool:
    if NAME not in roles:
        return False
    if any(_STATS_FORM.search(_key(c)) for c in cells):   # a statistics form, not a task table
        return False
    useful = {r for r in roles if r in (LEAD, COORD, UNITS, DEADLINE, PRODUCT, START)}
    return len(useful) >= 2 or (len(useful) == 1 and CODE in roles)


def _times(roles: list[str | None], paths: list[list[str]]) -> list[str | None]:
    """Two time columns: "Thời gian thực hiện" beside "Thời gian hoàn thành" is the start, the other the
    deadline. A plan (no status columns) whose only time column is "Ngày hoàn thành" states deadlines."""
    roles = list(roles)
    deadlines = [i for i, r in enumerate(roles) if r == DEADLINE]
    if len(deadlines) >= 2:
        ends = [i for i in deadlines if _END_LEAF.search(_key(paths[i][-1]))]
        if ends:
            for i in deadlines:
                if i not in ends[:1] and START not in roles:
                    roles[i] = START
    if DEADLINE not in roles and COMPLETED in roles and not {STATUS, RESULT, PROGRESS} & set(roles):
        roles[roles.index(COMPLETED)] = DEADLINE
    return roles


def _dedupe(roles: list[str | None]) -> list[str | None]:
    seen: set[str] = set()
    for index, role in enumerate(roles):      # two "Nhiệm vụ" columns: keep the first
        if role in seen and role != IGNORE:
            roles[index] = None
        elif role:
            seen.add(role)
    return roles


def _paths(rows: list[list[str]]) -> list[list[str]]:
    """Each column's header texts top to bottom, a merged cell counted once."""
    width = max(len(r) for r in rows)
    grid = [list(r) + [""] * (width - len(r)) for r in rows]
    for upper, lower in zip(grid, grid[1:]):   # a group label the reader left in its first column only
        for col in range(1, width):
            if not upper[col].strip() and upper[col - 1].strip() and lower[col].strip() and lower[col - 1].strip() \
                    and lower[col] != lower[col - 1]:
                upper[col] = upper[col - 1]
    paths = []
    for col in range(width):
        parts: list[str] = []
        for row in grid:
            text = " ".join(row[col].split())
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        paths.append(parts)
    return paths


def _title_row(row: list[str]) -> bool:
    """One text merged across a wide row: a title above the header, not a column name."""
    filled = [c.strip() for c in row if c.strip()]
    return len(filled) >= 3 and len(set(filled)) == 1


def _subheader(upper: list[str], lower: list[str]) -> bool:
    """``lower`` continues a header: it splits some group of ``upper`` into short sub-columns."""
    if not any(c.strip() for c in lower) or any(len(c) > 60 for c in lower) or _title_row(lower):
        return False
    if all(re.fullmatch(r"\(?\d+\)?|[a-z]", c.strip()) for c in lower if c.strip()):
        return False   # the column-number row "(1) (2) (3)"
    split = False
    for col, text in enumerate(lower):
        above = upper[col].strip() if col < len(upper) else ""
        text = text.strip()
        if not text or text == above:
            continue
        # Under a merged group cell (the same text over several columns) any short label is a sub-column.
        grouped = bool(above) and any(0 <= c < len(upper) and upper[c].strip() == above for c in (col - 1, col + 1))
        if not grouped and role_of(text) is None and not (_START_LEAF.search(_key(text)) or
                                                          _END_LEAF.search(_key(text))):
            return False
        if len(text) > 40 or _CODE_LIKE.match(text):
            return False
        split = True
    return split


def header_at(rows: list[list[str]], start: int, depth: int) -> Header | None:
    block = [r for r in rows[start:start + depth] if not _title_row(r)]   # "Biểu: …" merged across the top
    if not block:
        return None
    paths = _paths(block)
    roles, unsure = [], {}
    for col, parts in enumerate(paths):
        if not parts:
            roles.append(None)
            continue
        role, doubt = role_of_path(parts) if len(parts) > 1 else (role_of(parts[0]), None)
        roles.append(role)
        if doubt:
            unsure[col] = doubt.format(p=" › ".join(parts))
    cells = [" ".join(p) for p in paths]
    roles = _times(roles, paths)
    if not _valid(roles, cells):
        return None
    roles = _dedupe(roles)
    if CODE not in roles and roles and roles[0] is None and not paths[0]:
        roles[0] = CODE
    return Header(start, depth, roles, [" › ".join(p) for p in paths], unsure)


def find_header(rows: list[list[str]], scan: int = HEADER_SCAN) -> Header | None:
    """The task-table header among the first ``scan`` rows, spanning 1–3 rows, or None."""
    named = [any(role_of(c[:90]) == NAME for c in row if c) for row in rows[:scan + MAX_HEADER_ROWS]]
    for start in range(min(scan, len(rows))):
        if not any(named[start:start + MAX_HEADER_ROWS]):   # no task column here: no header either
            continue
        for depth in range(1, MAX_HEADER_ROWS + 1):
            if start + depth > len(rows):
                break
            if depth > 1 and not _subheader(rows[start + depth - 2], rows[start + depth - 1]):
                break
            header = header_at(rows, start, depth)
            if header is None:
                continue
            # A deeper header wins when the next row splits a group into sub-columns.
            while header.depth < MAX_HEADER_ROWS and header.body < len(rows) and \
                    _subheader(rows[header.body - 1], rows[header.body]):
                deeper = header_at(rows, start, header.depth + 1)
                if deeper is None:
                    break
                header = deeper
            return header
    return None


def header_roles(cells: list[str]) -> list[str | None] | None:
    """The role of each cell when ``cells`` alone is a task table's header row, else None.

    A header names the task column and at least two of: lead unit, deadline, product,
    coordinating units (or one of them and an STT column). A statistics form ("Đơn vị tính",
    "Kỳ báo cáo") is not a task table."""
    header = header_at([list(cells)], 0, 1)
    return header.roles if header else None


def looks_like_header_line(text: str) -> list[str] | None:
    """A header flattened to one line by a PDF extract: the roles in their order, or None.

    "Tên nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Sản phẩm  Thời gian" gives
    [name, lead, coord, product, deadline].
    """
    key = " ".join(fold(text).split())
    found = []
    for role, pattern in ((NAME, r"(?:ten\s+)?nhiem\s+vu|noi\s+dung"), (LEAD, r"(?:co\s+quan|don\s+vi)\s+chu\s+tri"),
                          (COORD, r"(?:co\s+quan|don\s+vi)\s+phoi\s+hop"), (PRODUCT, r"san\s+pham"),
                          (DEADLINE, r"thoi\s+gian|thoi\s+han")):
        match = re.search(pattern, key)
        if match:
            found.append((match.start(), role))
    if len(found) < 4 or NAME not in {r for _, r in found}:
        return None
    return [role for _, role in sorted(found)]
