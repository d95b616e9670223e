"""Which column is which: header wording varies from plan to plan (see the seeds).

A column's role is decided from its header text, folded (no diacritics, lower case).
The order of the checks matters: "Kết quả thực hiện" is the result an officer records,
"Sản phẩm/Kết quả dự kiến" the product a plan asks for.
"""
from __future__ import annotations

import re

from cchc_desktop.text import fold

CODE, NAME, LEAD, COORD, DEADLINE, PRODUCT = "code", "name", "lead", "coord", "deadline", "product"
STATUS, RESULT, PROGRESS, COMPLETED, NOTE, IGNORE = "status", "result", "progress", "completed", "note", "ignore"
ROLES = (CODE, NAME, LEAD, COORD, DEADLINE, PRODUCT, STATUS, RESULT, PROGRESS, COMPLETED, NOTE, IGNORE)
ROLE_LABELS = {
    CODE: "STT", NAME: "Nhiệm vụ", LEAD: "Cơ quan chủ trì", COORD: "Cơ quan phối hợp", DEADLINE: "Thời gian",
    PRODUCT: "Sản phẩm", STATUS: "Trạng thái", RESULT: "Kết quả thực hiện", PROGRESS: "Tiến độ (%)",
    COMPLETED: "Ngày hoàn thành", NOTE: "Ghi chú", IGNORE: "(bỏ qua)",
}

_RULES: tuple[tuple[str, re.Pattern], ...] = tuple((role, re.compile(pattern)) for role, pattern in (
    (CODE, r"^(?:s\s*\.?\s*tt|tt|stt|so\s+tt|so\s+thu\s+tu|thu\s+tu)\.?$"),
    (COORD, r"phoi\s+hop"),
    (LEAD, r"chu\s+tri|don\s+vi\s+thuc\s+hien|phu\s+trach|co\s+quan\s+thuc\s+hien"),
    (COMPLETED, r"ngay\s+hoan\s+thanh"),
    (PROGRESS, r"tien\s+do\s*(?:\(%\)|%|thuc\s+hien\s*\(%\))|ty\s+le\s+hoan\s+thanh"),
    (RESULT, r"ket\s+qua\s+(?:thuc\s+hien|dat\s+duoc|trien\s+khai)"),
    (STATUS, r"trang\s+thai|tinh\s+trang"),
    (PRODUCT, r"san\s+pham|ket\s+qua\s+du\s+kien|ket\s+qua\s+dau\s+ra|^ket\s+qua$"),
    (DEADLINE, r"thoi\s+gian|thoi\s+han|han\s+hoan\s+thanh|tien\s+do$"),
    (NOTE, r"ghi\s+chu"),
    (NAME, r"nhiem\s+vu|noi\s+dung|giai\s+phap|cong\s+viec|hoat\s+dong"),
))


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


def header_roles(cells: list[str]) -> list[str | None] | None:
    """The role of each cell when ``cells`` is a task table's header row, else None.

    A header names the task column and at least two of: lead unit, deadline, product,
    coordinating units. A statistics form ("Chỉ tiêu thống kê") is not a task table.
    """
    roles = [role_of(c) for c in cells]
    if NAME not in roles:
        return None
    if any("chi tieu" in fold(c) for c in cells):
        return None
    useful = {r for r in roles if r in (LEAD, COORD, DEADLINE, PRODUCT)}
    if len(useful) < 2:
        return None
    seen: set[str] = set()
    for index, role in enumerate(roles):      # two "Nhiệm vụ" columns: keep the first
        if role in seen and role != IGNORE:
            roles[index] = None
        elif role:
            seen.add(role)
    if CODE not in roles and roles[0] is None and cells[0].strip() == "":
        roles[0] = CODE
    return roles


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
