"""A document's editable sections: the officer's prose, drafted from the data until edited, with
"{fields}" refilled from the data every time the document is written."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from cchc_desktop.i18n import tr
from cchc_desktop.reports import document as d
from cchc_desktop.reports import parts
from cchc_desktop.reports.context import ReportContext
from cchc_desktop.reports.fields import fill

PLACEHOLDER = "…"


@dataclass(frozen=True)
class Section:
    key: str
    heading: str                          # printed heading; "" for the opening and closing lines
    style: str
    scope: tuple[str, str] | None         # the tasks its numbers count: one domain, or the whole plan
    lists: str                            # which lists from the register follow the prose
    default: Callable[[ReportContext, "Section"], str]
    group_heading: str = ""               # printed once before it ("III. ĐÁNH GIÁ CHUNG")
    label: str = ""                       # what the editor calls a section without a heading

    @property
    def title(self) -> str:
        return self.heading or self.label or (tr("Mở đầu") if self.key == "intro" else tr("Kết thúc"))


@dataclass
class Problem:
    section: str
    message: str
    blocking: bool = False      # the document cannot be issued until it is fixed


def draft(text: str, **values) -> str:
    """Drafted prose: "{{field}}" stays a field for the officer's text (always formatted, so always single)."""
    return tr(text).format(**values)


def section_text(ctx: ReportContext, sec: Section) -> str:
    stored = ctx.draft.sections.get(sec.key)
    return stored.text if stored is not None else sec.default(ctx, sec)


def with_lists(ctx: ReportContext, sec: Section) -> bool:
    stored = ctx.draft.sections.get(sec.key)
    return bool(sec.lists) and (stored is None or stored.with_lists)


_NUMBERED = re.compile(r"^\d+(\.\d+)*\.\s")
_LETTERED = re.compile(r"^[a-zđ]\)\s")


def prose_blocks(text: str) -> list[d.Paragraph]:
    """One paragraph per line. "- …" lines are bullets; a short "2. …" or "a) …" line is a heading."""
    blocks = []
    for line in parts.lines(text):
        if line[:2] in ("- ", "+ ", "• ") or line[:1] in "-+•" and len(line) > 1 and line[1] != "-":
            blocks.append(d.Paragraph(line, d.BULLET))
        elif _NUMBERED.match(line) and len(line) < 110 and not line.endswith("."):
            blocks.append(d.Paragraph(line, d.HEADING2))
        elif _LETTERED.match(line) and len(line) < 110 and not line.endswith("."):
            blocks.append(d.Paragraph(line, d.HEADING3))
        else:
            blocks.append(d.Paragraph(line, d.BODY))
    return blocks


def section_blocks(ctx: ReportContext, sec: Section, problems: list[Problem]) -> list[d.Paragraph]:
    """The section's heading and filled prose; unknown fields and unwritten "…" become problems."""
    blocks = []
    if sec.group_heading:
        blocks.append(d.Paragraph(sec.group_heading, d.HEADING1))
    if sec.heading:
        blocks.append(d.Paragraph(sec.heading, sec.style))
    text, unknown = fill(section_text(ctx, sec), ctx.field_values(sec.scope))
    problems += [Problem(sec.title, tr("Không có trường số liệu “{{{name}}}”.", name=name), True)
                 for name in unknown]
    if PLACEHOLDER in text:
        problems.append(Problem(sec.title, tr("Còn chỗ “…” chưa viết."), True))
    return blocks + prose_blocks(text)
