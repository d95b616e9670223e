"""From a read document to the tasks it holds: an ``ImportPreview`` the officer checks first.

The walk keeps a context (framework PAR or PAPI, current domain) across paragraphs and
tables, because plans put the domain in a section row ("III. Cải cách thủ tục hành chính"),
in an appendix title ("Phụ lục 01: Cải cách thể chế"), or in a separate PAPI appendix.
Rows are: a header (again on every page), a column-number row, a group row, a task, or
the rest of the previous task cut by a page break. A group row is read by what it says:
when it names a reform domain (or a PAPI dimension) it sets the domain; any other group
(a sector, a media kind, an index component) is a sub-group inside the current domain.

Nothing silently wrong: every field the analyzer is not sure of carries a ``Flag``
("field", Vietnamese message) that the preview highlights and ``--json`` prints.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache
from dataclasses import dataclass, field
from datetime import date

from cchc_desktop.deadlines import Deadline, is_deadline_phrase, parse_deadline
from cchc_desktop.i18n import parse_date, parse_number, tr
from cchc_desktop.importers.columns import (CODE, COMPLETED, COORD, DEADLINE, IGNORE, LEAD, NAME, NOTE, PRODUCT,
                                            PROGRESS, RESULT, START, STATUS, UNITS, HEADER_SCAN, Header, find_header,
                                            header_roles, role_of)
from cchc_desktop.importers.document import SourceDocument, Table
from cchc_desktop.importers.domains import (domain_by_name, frameworks_named, match_domain, mentions_papi,
                                            names_papi_dimension, split_roman, suggest_domain)
from cchc_desktop.importers.flat_table import find_flat_table
from cchc_desktop.importers.metadata import PlanMeta, extract_metadata, guess_year, plain
from cchc_desktop.importers.headings import (GROUP_NUMBER, domain_heading, heading_key, is_domain_heading,
                                             is_labelled_group, is_upper)
from cchc_desktop.importers.legacy_text import UNREADABLE
from cchc_desktop.importers.prose import read_prose
from cchc_desktop.importers.unit_cells import split_unit_cell
from cchc_desktop.model import DONE, IN_PROGRESS, NOT_STARTED, ROMAN, STATUS_LABELS, SUSPENDED
from cchc_desktop.text import fold

_CODE = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,3})\.?$")
_LETTER_CODE = re.compile(r"^([a-zđ])[.)]?$", re.I)
_ODD_CODE = re.compile(r"^((?:VIII|VII|VI|IV|V|III|II|I|\d{1,3}[a-zđ]?)(?:\.\d{1,3}[a-zđ]?){0,3})[.)*]?$", re.I)
_CODE_IN_TEXT = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){1,3})\.?\s+(\S.*)$", re.S)
FLAG_FIELDS = ("row", "code", "name", "domain", "lead", "coordinators", "deadline", "product")
_PERCENTS = re.compile(r"(?<![\d.,-])(\d{1,3}(?:[.,]\d+)?)\s*%")
_TAG = re.compile(r"<\s*(/?)\s*(li|p|br|div|ul|ol)\b[^>]*>|<[^>]+>", re.I)
# " - " before a capital starts a new bullet, except inside names like "Văn hóa - Xã hội".
_INLINE_BULLET = re.compile(r"\s+[-–•]\s+(?!Xã hội|XH\b|Hạnh phúc)(?=[A-ZÀ-ỸĐ0-9“\"(])")
_NUMBERING_ROW = re.compile(r"^\(?\d+\)?$")
_APPENDIX = re.compile(r"^phu\s+luc\b")
STATUS_WORDS = {fold(label): key for key, label in STATUS_LABELS.items()}
STATUS_WORDS.update({"chua thuc hien": NOT_STARTED, "dang trien khai": IN_PROGRESS, "da hoan thanh": DONE,
                     "hoan thanh": DONE, "tam dung": SUSPENDED, "khong thuc hien": SUSPENDED})


@dataclass
class UnitRef:
    text: str
    unit_id: int | None
    name: str          # the catalog name when matched, else the text as written

    @property
    def known(self) -> bool:
        return self.unit_id is not None

    @property
    def written(self) -> str:
        return " ".join(self.text.split()).strip(" .;,-")


@dataclass(frozen=True)
class Flag:
    """A field the importer is not sure of. ``field`` is one of FLAG_FIELDS; ``message`` Vietnamese."""
    field: str
    message: str

    def to_json(self) -> dict:
        return {"field": self.field, "message": self.message}


@dataclass
class PreviewTask:
    framework: str
    domain: str
    code: str
    name: str
    product: str = ""
    lead_text: str = ""
    coord_text: str = ""
    deadline_text: str = ""
    lead: list[UnitRef] = field(default_factory=list)
    coordinators: list[UnitRef] = field(default_factory=list)
    parent_code: str | None = None
    deadline: Deadline | None = None
    status: str | None = None
    progress: int | None = None
    result: str | None = None
    completed_on: date | None = None
    status_reason: str = ""
    note: str = ""
    source: str = ""             # where it came from, for messages: "bảng 2, dòng 14"
    domain_loose: bool = False   # the domain was guessed (numeral only, or nothing at all)
    start_text: str = ""         # "Thời gian › Bắt đầu", kept verbatim
    flags: list[Flag] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str]:
        return self.framework, self.domain, self.code

    def flag(self, field_name: str, message: str) -> None:
        """Mark ``field_name`` unsure (once per message)."""
        assert field_name in FLAG_FIELDS, field_name
        item = Flag(field_name, message)
        if item not in self.flags:
            self.flags.append(item)

    def flagged(self, field_name: str) -> list[str]:
        return [f.message for f in self.flags if f.field in (field_name, "row")]

    def to_json(self) -> dict:
        data = {"framework": self.framework, "domain": self.domain, "code": self.code,
                "parent_code": self.parent_code, "name": self.name, "product": self.product,
                # As the plan writes them; the catalog units they were matched to come beside.
                "lead": [u.written for u in self.lead], "coordinators": [u.written for u in self.coordinators],
                "lead_units": [u.name for u in self.lead], "coordinator_units": [u.name for u in self.coordinators],
                "deadline_text": self.deadline_text, "start_text": self.start_text,
                "deadline": self.deadline.to_json() if self.deadline else None,
                "source": self.source, "flags": [f.to_json() for f in self.flags]}
        if self.status is not None:
            data.update(status=self.status, progress=self.progress, result=self.result,
                        completed_on=self.completed_on.isoformat() if self.completed_on else None)
        return data


@dataclass
class TableMapping:
    index: int              # position among the document's tables
    headers: list[str]
    roles: list[str | None]
    label: str              # "Bảng 2 (trang tính Phụ lục)" for the preview
    task_count: int = 0
    problem: str = ""       # why the columns could not be read: the officer assigns them by hand


@dataclass
class ImportPreview:
    source: str
    plan: PlanMeta
    tasks: list[PreviewTask]
    tables: list[TableMapping]
    warnings: list[str]

    @property
    def new_units(self) -> list[str]:
        names = []
        for task in self.tasks:
            for ref in (*task.lead, *task.coordinators):
                if not ref.known and ref.name not in names:
                    names.append(ref.name)
        return names

    def counts(self) -> dict[tuple[str, str], int]:
        result: dict[tuple[str, str], int] = {}
        for task in self.tasks:
            result[(task.framework, task.domain)] = result.get((task.framework, task.domain), 0) + 1
        return result

    def to_json(self) -> dict:
        return {"plan": self.plan.to_json(), "tasks": [t.to_json() for t in self.tasks],
                "warnings": self.warnings, "new_units": self.new_units,
                "tables": [{"table": m.index + 1, "headers": m.headers, "roles": m.roles,
                            "tasks": m.task_count, "problem": m.problem or None} for m in self.tables]}

    @property
    def flagged_count(self) -> int:
        return sum(1 for t in self.tasks if t.flags)


@dataclass
class Overrides:
    """What the officer corrected in the preview: a table's columns, a task's domain."""
    roles: dict[int, list[str | None]] = field(default_factory=dict)
    domains: dict[str, tuple[str, str]] = field(default_factory=dict)   # task.source -> (framework, domain)
    # task.source -> {"name"|"code"|"lead"|"coordinators"|"deadline"|"product": text the officer typed}
    fields: dict[str, dict[str, str]] = field(default_factory=dict)
    checked: set[str] = field(default_factory=set)      # task.source the officer confirmed as read right


@lru_cache(maxsize=8192)  # plans repeat the same cells ("Thường xuyên.", "- Các phòng chuyên môn")
def clean_text(text: str, bullets: bool = True) -> str:
    """Cell text without HTML fragments; with ``bullets``, "- " items on their own lines."""
    if "<" in text:
        text = _TAG.sub(lambda m: "\n" if m.group(2) and m.group(2).lower() in ("li", "p", "br", "div") else " ",
                        text)
        text = html.unescape(text)
    text = text.replace("\xa0", " ").replace("\r", "\n").replace("\x0b", "\n")
    lines = []
    for line in text.split("\n"):
        line = " ".join(line.split())
        if bullets and line.startswith(("- ", "– ", "• ")):
            lines.extend(_INLINE_BULLET.sub("\n- ", line).split("\n"))
        elif line:
            lines.append(line)
    return "\n".join(line.strip() for line in lines if line.strip())


@dataclass
class _Group:
    """A group row that is not a domain: a sector, a media kind, an index component."""
    code: str
    title: str
    prefix: bool | None = None      # tasks restart at 1 under it: their codes take the group's in front


class PlanAnalyzer:
    def __init__(self, matcher, overrides: Overrides | None = None):
        self.matcher = matcher
        self.overrides = overrides or Overrides()

    def analyze(self, document: SourceDocument) -> ImportPreview:
        meta = extract_metadata(document)
        self.year = meta.year or guess_year(document.paragraphs[:80]) or date.today().year
        self.warnings: list[str] = list(document.warnings)
        self.tasks: list[PreviewTask] = []
        self.mappings: list[TableMapping] = []
        self.tables = document.tables
        self.group_codes: set[tuple[str, str]] = set()   # (framework, number) of group rows: not missing parents
        self._plan_context(meta, document)
        self._walk(document)
        if not self.tasks:
            self._try_flat_table(document)
        if not self.tasks:
            self._try_prose(document)
        if meta.year is None:
            meta.year = guess_year([t.deadline_text for t in self.tasks]) or self.year
            self.year = meta.year
        self._finish()
        return ImportPreview(document.name, meta, self.tasks, self.mappings, self.warnings)

    # ------------------------------------------------------------------ context

    def _plan_context(self, meta: PlanMeta, document: SourceDocument) -> None:
        """The plan's framework and, when its title names one domain only, that domain."""
        title = _plan_title(meta, document)
        named = frameworks_named(" ".join([title, *document.properties.values()]))
        if named & {"SIPAS", "DTI", "DDCI", "PCI"} and meta.kind == "CCHC":
            meta.kind = "SIPAS" if "SIPAS" in named else meta.kind
        self.base_framework = "PAPI" if named == {"PAPI"} else "PAR"
        if self.base_framework == "PAPI" and meta.kind == "CCHC":
            meta.kind = "PAPI"
        self.title_domain = domain_by_name(heading_key(title), "PAR") if title else None
        # A DTI plan's rows are its pillars ("Thể chế số", "Hạ tầng số"): all of it is digital transformation.
        # A SIPAS plan's rows are the satisfaction factors: the impact on citizens (domain VIII).
        self.single_domain = "VII" if "DTI" in named else "VIII" if named == {"SIPAS"} else None

    def _reset(self, framework: str) -> None:
        self.framework, self.domain, self.domain_loose = framework, None, False
        self.carry: PreviewTask | None = None    # the last task of the table before, for its continuation
        self.group: _Group | None = None
        self.group_hint = ""
        self.letter_parent: str | None = None
        self.bullet_parent: str | None = None
        self.domain_numbering = ""   # how the domain rows are numbered: "roman", "arabic", "none"
        self.bullet_count = 0

    def _set_domain(self, code: str) -> None:
        self.domain, self.domain_loose, self.group, self.group_hint = code, False, None, ""
        self.letter_parent = None

    def _walk(self, document: SourceDocument) -> None:
        self._reset(self.base_framework)
        previous: Header | None = None
        table_index, sheet, heading_since_table = -1, None, False
        recent: list[str] = []
        heading_domain: str | None = None      # "II. CẢI CÁCH THỂ CHẾ" written just above a table
        for block in document.blocks:
            if isinstance(block, str):
                if self._paragraph(block, recent):
                    heading_since_table, previous = True, None   # a new appendix continues no table
                heading_domain = domain_heading(block, self.framework)
                recent = (recent + [block])[-3:]
                continue
            table_index += 1
            if heading_domain:
                self._set_domain(heading_domain)
                heading_since_table, previous, heading_domain = True, None, None
            if block.sheet and block.sheet != sheet:
                if sheet is not None and not heading_since_table:
                    self._reset(self.base_framework)
                if mentions_papi(block.sheet):
                    self._reset("PAPI")
                sheet = block.sheet
            heading_since_table = False
            previous = self._table(block, table_index, previous)

    def _paragraph(self, text: str, recent: list[str]) -> bool:
        """A heading that changes the context ("Phụ lục 02 …", "NHIỆM VỤ … CHỈ SỐ PAPI"); True if it did."""
        if len(text) > 250:
            return False
        if text[:1] in "Pp" and _APPENDIX.match(plain(text[:16]).strip()):
            # A new appendix: its own framework, and maybe its domain ("Phụ lục 01: Cải cách thể chế").
            self._reset("PAPI" if _names_papi_only(text) else self.base_framework
                        if not frameworks_named(text) else "PAR")
            title = text.split(":", 1)[1] if ":" in text else ""
            found = match_domain(title, self.framework) if title.strip() else None
            if found:
                self._set_domain(found.code)
            return True
        if "PAPI" not in text.upper():
            return False
        after_appendix = bool(recent) and _APPENDIX.match(plain(recent[-1][:16]).strip()) is not None
        if (after_appendix or is_upper(text)) and _names_papi_only(text):
            self._reset("PAPI")
            return True
        return False

    # ------------------------------------------------------------------ tables

    def _table(self, table: Table, index: int, previous: Header | None) -> Header | None:
        """Rows of one table. A spreadsheet may hold several appendices one under another: a
        "Phụ lục …" row ends the current one, and the next header row starts the next."""
        header = self._header(table, index, previous)
        label = tr("Bảng {n}", n=index + 1) + (tr(" (trang tính “{s}”)", s=table.sheet) if table.sheet else "")
        if header is None:
            self._unreadable(table, index, label)
            return previous
        mapping = self._new_mapping(index, header, label) if header.row >= 0 else None
        # The same table on the next page (its header repeated, or none): a first row without STT
        # is the rest of the last task.
        continued = previous is not None and (header.row < 0 or header.paths == previous.paths)
        last: PreviewTask | None = self.carry if continued else None
        recent: list[str] = []
        roles: list[str | None] | None = header.roles
        self.header = header
        self.next_code = ""
        row_number = header.body
        rows = table.rows
        while row_number < len(rows):
            row = rows[row_number]
            single = _single_text(row)
            if single and _APPENDIX.match(plain(single[:16]).strip()):
                self._paragraph(single, recent)
                roles, mapping, last = None, None, None
            elif roles is None:
                found = find_header(rows[row_number:row_number + 3], scan=1)
                if found:
                    found.row += row_number
                    header = Header(found.row, found.depth, self.overrides.roles.get(index, found.roles),
                                    found.paths, found.unsure)
                    roles, self.header = header.roles, header
                    mapping = self._new_mapping(index, header, label)
                    row_number = header.body
                    continue
                if single:
                    self._paragraph(single, recent)
            else:
                before = len(self.tasks)
                self.next_code = _next_row_code(rows, row_number + 1, roles)
                last = self._row(row, roles, f"{label}, {tr('dòng')} {row_number + 1}", last)
                if mapping is not None:
                    mapping.task_count += len(self.tasks) - before
            if single:
                recent = (recent + [single])[-3:]
            row_number += 1
        self.carry = last
        return header

    def _header(self, table: Table, index: int, previous: Header | None) -> Header | None:
        found = find_header(table.rows)
        override = self.overrides.roles.get(index)
        if override is not None:
            if found:
                return Header(found.row, found.depth, list(override), found.paths)
            head = _head_row(table)   # the row the officer saw as the header in the preview
            return Header(-1 if head is None else head, 1, list(override), [""] * len(override))
        if found:
            return found
        # A table continued on the next page without its header: same columns as before.
        if previous is not None and table.width == len(previous.roles) and not _looks_like_stats(table):
            return Header(-1, 1, previous.roles, previous.paths, previous.unsure)
        return None

    def _new_mapping(self, index: int, header: Header, label: str) -> TableMapping:
        mapping = TableMapping(index, list(header.paths), list(header.roles), label)
        self.mappings.append(mapping)
        return mapping

    def _unreadable(self, table: Table, index: int, label: str) -> None:
        """A table that may hold tasks but whose header we could not read: say what we saw."""
        if table.width < 3 or len(table.rows) < 2 or table.flattened:
            return
        at = _head_row(table)
        if at is None or _looks_like_stats(table):
            return
        head = table.rows[at]
        seen = [" ".join(c.split())[:40] for c in head]
        roles = [role_of(c) for c in head]
        missing = [tr(text) for role, text in ((NAME, "cột tên nhiệm vụ"), (LEAD, "cột cơ quan chủ trì"),
                                               (DEADLINE, "cột thời gian")) if role not in roles]
        if len(missing) == 3 and not any(_CODE.match(r[0].strip()) for r in table.rows[1:6] if r):
            return   # nothing like a task table: a signature block, a layout frame
        problem = tr("{label}: không thấy {missing}; các cột đọc được: {cells}.", label=label,
                     missing=", ".join(missing), cells=", ".join(f"“{c}”" for c in seen if c) or tr("(trống)"))
        self.warnings.append(problem + " " + tr("Hãy chọn vai trò từng cột (trong cửa sổ nhập: thẻ “Cột của bảng”)."))
        self.mappings.append(TableMapping(index, [" ".join(c.split()) for c in head], [None] * len(head), label,
                                          problem=problem))

    # ------------------------------------------------------------------ rows

    def _row(self, row: list[str], roles, where: str, last: PreviewTask | None) -> PreviewTask | None:
        cells = {role: clean_text(row[i], bullets=role not in (LEAD, COORD, UNITS))
                 for i, role in enumerate(roles) if role and i < len(row)}
        _split_units(cells)
        filled = [t for t in (c.strip() for c in row) if t.strip("-_=—–.* ")]  # a row of dashes is a rule
        if not filled or all(_NUMBERING_ROW.match(t) for t in filled):
            return last
        code = cells.get(CODE, "").strip()
        name = cells.get(NAME, "")
        numbered = _CODE.match(code)
        if numbered and name and any(cells.get(r) and cells[r] != name for r in (LEAD, COORD, DEADLINE, PRODUCT)):
            return self._task(numbered.group(1), cells, where)   # the usual row: STT, name and its cells
        if not numbered and role_of(name) == NAME and header_roles(row):
            return last   # the header again, on the next page
        group = _group_row(row, cells, filled, self.framework)
        same_number = bool(code) and self.next_code.rstrip(".)") == code.rstrip(".)")
        if group is None and _restarts(self.next_code) and (not _restarts(code) or same_number):
            # "Lĩnh vực đất đai" (or "2 | Lĩnh vực đất đai") with no other cell, then tasks numbered from 1 again
            title = _name_only(cells, filled, code)
            if title:
                group = (code.rstrip(".)") or None, title)
        if group is not None:
            self._enter_group(*group, where)
            return None
        code_match = _CODE.match(code) or _LETTER_CODE.match(code) or _ODD_CODE.match(code)
        if not code:
            in_text = _CODE_IN_TEXT.match(name)
            if in_text:
                code_match, name = in_text, in_text.group(2)
                cells[NAME] = name
        if code in _BULLET_CODES and name:
            return self._bullet_item(cells, where)
        if not code and CODE not in roles and name and (cells.get(LEAD) or cells.get(DEADLINE)):
            task = self._task(self._running_code(), cells, where)   # a table with no STT column at all
            task.flag("code", tr("Bảng không có cột STT: số thứ tự được đánh tự động."))
            return task
        if code_match is None and code:
            return self._odd_row(code, cells, where, last)
        if code_match is None or (last is not None and code and code.rstrip(".") == last.code and not name):
            return self._continuation(cells, filled, where, last)
        if not name:
            self.warnings.append(tr("{where}: nhiệm vụ STT {code} không có nội dung; đã bỏ qua.", where=where,
                                    code=code))
            return last
        task = self._task(code_match.group(1), cells, where)
        if _name_only(cells, filled, code) and len(name.split()) <= 12 and any(
                r in self.header.roles for r in (LEAD, DEADLINE)):
            task.flag("row", _NAME_ONLY)
        return task

    def _bullet_item(self, cells: dict[str, str], where: str) -> PreviewTask:
        """A row whose STT is "-" or "+": an item numbered under the last numbered task or group."""
        parent = self.letter_parent
        self.bullet_count = self.bullet_count + 1 if self.bullet_parent == parent else 1
        self.bullet_parent = parent
        code = f"{parent}.{self.bullet_count}" if parent else self._running_code()
        task = self._task(code, cells, where)
        self.letter_parent = parent      # an item is not a parent for the next "a)"
        task.flag("code", tr("STT ghi “-”: số thứ tự {code} được đánh tạm.", code=task.code))
        return task

    def _running_code(self) -> str:
        """The next free top-level number in the current domain."""
        used = {t.code for t in self.tasks if (t.framework, t.domain) == (self.framework, self.domain or "I")}
        number = 1
        while str(number) in used:
            number += 1
        return str(number)

    def _odd_row(self, code: str, cells: dict[str, str], where: str, last: PreviewTask | None):
        """An STT we cannot read ("1*", "(a)"): a task all the same when it has a name, flagged."""
        if not cells.get(NAME):
            return self._continuation(cells, [code], where, last)
        task = self._task(code.strip(" .)(*"), cells, where)
        task.flag("code", tr("STT “{code}” không đúng dạng thường gặp; hãy kiểm tra.", code=code))
        return task

    def _continuation(self, cells: dict[str, str], filled: list[str], where: str,
                      last: PreviewTask | None) -> PreviewTask | None:
        if last is None:
            self.warnings.append(tr("{where}: không xếp được dòng “{text}” vào nhiệm vụ nào.", where=where,
                                    text=filled[0][:60]))
            return None
        if self._is_own_task(cells, last):
            parent_like = not (last.lead_text or last.deadline_text)   # "Tổ chức hội nghị:" over its items
            task = self._task(f"{last.code}.1" if parent_like else _next_code(last.code), cells, where)
            task.name = task.name.lstrip("-–+• ")
            task.flag("code", tr("Dòng không có STT nhưng có đủ cơ quan chủ trì và thời gian riêng: được coi là một "
                                 "nhiệm vụ riêng, STT tạm đặt là {code}.", code=task.code))
            return task
        if _short_heading(cells, filled):
            last.flag("name", tr("Dòng “{t}” được ghép vào nhiệm vụ này; nếu đó là tên một nhóm, hãy sửa lại.",
                                 t=filled[0][:60]))
        self._continue(last, cells)
        return last

    def _is_own_task(self, cells: dict[str, str], last: PreviewTask) -> bool:
        """A row without STT that is a whole task (or an item of the task above that has no cells of
        its own), not the rest of a row cut by the page."""
        name, lead, deadline = cells.get(NAME, ""), cells.get(LEAD, ""), cells.get(DEADLINE, "")
        if not (name.lstrip("-–+• ")[:1].isupper() and lead and deadline and any(c.isalpha() for c in deadline)):
            return False
        if not (parse_deadline(deadline, self.year).understood
                and self.matcher.match(lead.split("\n")[0].strip(" -;,.")) is not None):
            return False
        if not (last.lead_text or last.deadline_text):
            return True
        # "2026" or a cut "Văn phòng" above: the rest of a row cut by the page
        return bool(last.lead_text and last.deadline_text and parse_deadline(last.deadline_text, self.year).understood
                    and self.matcher.match(last.lead_text.split("\n")[0]) is not None)

    def _enter_group(self, code: str | None, title: str, where: str) -> None:
        if _names_papi_only(title) and len(title) < 150:
            self._reset("PAPI")
        if code:   # "1.1" under the group row "1 | CẢI CÁCH THỂ CHẾ" has no parent task to miss
            self.group_codes.add((self.framework, code.rstrip(".)")))
        if self.framework == "PAPI" and self.domain is None and _names_papi_only(title):
            return
        found = match_domain(title, self.framework, code if code in ROMAN else None)
        self.group_hint = ""
        if self.single_domain and self.framework == "PAR":   # every group is a pillar or factor of one domain
            if self.domain is None:
                self._set_domain(self.single_domain)
            if found is not None and found.code != self.single_domain:
                self.group_hint = tr("Nhóm “{t}” nói về lĩnh vực {d}; trong kế hoạch này các nhiệm vụ được xếp vào lĩnh vực "
                                     "{s}.", t=title[:60], d=found.code, s=self.single_domain)
            found = None
        elif found is not None and found.code == self.domain and _numbering(code) not in (self.domain_numbering,
                                                                                          "none"):
            found = None   # "1 | Tuyên truyền cải cách hành chính" inside domain I: a group of that domain
        elif found is not None and not self._domain_level(code, found.code):
            self.group_hint = tr("Nhóm “{t}” nói về lĩnh vực {d} nhưng nằm trong lĩnh vực {c}; các nhiệm vụ được giữ ở "
                                 "lĩnh vực {c}.", t=title[:60], d=found.code, c=self.domain)
            found = None
        if found is not None and is_domain_heading(title, self.framework):
            if found.renumbered:
                self.warnings.append(tr("Mục {numeral} “{title}” được xếp vào lĩnh vực {code} theo tên của mục.",
                                        numeral=code, title=title[:60], code=found.code))
            self._set_domain(found.code)
            if self.domain_numbering in ("", "none"):   # the first numbered domain row sets the style
                self.domain_numbering = _numbering(code)
            return
        hint = self.group_hint
        self.group = _Group((code or "").rstrip("."), title)
        self.letter_parent = self.group.code or None
        self.group_hint = hint
        if code in ROMAN and self.domain is not None and code != self.domain:
            self.group_hint = tr("Mục {c} “{t}” không được nhận ra là lĩnh vực nào nên các nhiệm vụ dưới nó vẫn ở lĩnh "
                                 "vực {d}; nếu mục này là một lĩnh vực, hãy chuyển chúng sang.", c=code, t=title[:60],
                                 d=self.domain)
        if self.framework == "PAR" and names_papi_dimension(title):
            self.group_hint = tr("Nhóm “{t}” giống tên một lĩnh vực PAPI; hãy kiểm tra nhiệm vụ thuộc kế hoạch PAR "
                                 "hay PAPI.", t=title[:60])

    def _domain_level(self, code: str | None, domain: str) -> bool:
        """A group row numbered like the domain rows above it can be a domain; one numbered a level
        below ("1" under Roman domains, "2.1" under "2") is a sub-group, whatever it is named — unless
        its number is the domain's own ("3 | Lĩnh vực thứ ba: Cải cách TTHC")."""
        if self.domain is None or self.domain_numbering in ("", "none"):
            return True
        style = _numbering(code)
        # Roman numerals mark top-level sections in Vietnamese documents: always a domain's level.
        return style in (self.domain_numbering, "none", "roman") or (style == "arabic" and
                                                              code.strip().rstrip(".)") == str(ROMAN.index(domain) + 1))

    def _task(self, raw_code: str, cells: dict[str, str], where: str) -> PreviewTask:
        code, code_doubt = self._code(raw_code.rstrip("."))
        framework, domain, loose = self.framework, self.domain, self.domain_loose
        task = PreviewTask(framework, domain or "I", code, cells.get(NAME, ""), cells.get(PRODUCT, ""),
                           cells.get(LEAD, ""), cells.get(COORD, ""), cells.get(DEADLINE, ""),
                           source=where, domain_loose=loose, note=cells.get(NOTE, ""),
                           start_text=cells.get(START, ""))
        if code_doubt:
            task.flag("code", code_doubt)
        if cells.get(_UNITS_UNSURE):
            for field_name in ("lead", "coordinators"):
                task.flag(field_name, tr("Ô ghi chung cơ quan chủ trì và phối hợp mà không nói rõ: đơn vị đầu được "
                                         "coi là chủ trì, các đơn vị sau là phối hợp."))
        if domain is None:
            self._guess_domain(task)
        if self.group_hint:
            task.flag("domain", self.group_hint)
        override = self.overrides.domains.get(where)
        if override:
            (task.framework, task.domain), task.domain_loose = override, False
            task.flags = [f for f in task.flags if f.field != "domain"]
        for field_name, message in _missing_columns(tuple(self.header.paths), tuple(self.header.roles)).items():
            task.flag(field_name, message)
        for column, doubt in self.header.unsure.items():
            role = self.header.roles[column] if column < len(self.header.roles) else None
            if role in (DEADLINE, LEAD, COORD, NAME, PRODUCT):
                task.flag(_FLAG_OF_ROLE[role], doubt)
        self._tracking(task, cells, where)
        self.tasks.append(task)
        return task

    def _code(self, code: str) -> tuple[str, str | None]:
        """The task's code in its domain: "a" under "1" is "1.a"; "1" under sub-group "II" restarting at 1 is "II.1"."""
        if _LETTER_CODE.match(code) and not code.isdigit():
            if self.letter_parent:
                return f"{self.letter_parent}.{code.lower()}", None
            return code.lower(), tr("Nhiệm vụ đánh chữ “{c})” không nằm dưới mục đánh số nào.", c=code)
        top = code.split(".")[0]
        group = self.group
        if group is not None and group.code and not code.startswith(group.code + "."):
            if group.prefix is None:
                group.prefix = top in ("1", "01")
            if group.prefix:
                code = f"{group.code}.{code}"
        if "." not in code or (group is not None and group.prefix and code.count(".") == 1):
            self.letter_parent = code
        return code, None

    def _guess_domain(self, task: PreviewTask) -> None:
        """No domain row above: the plan's title when it names one domain, else the task's own words."""
        if self.framework == "PAR" and self.title_domain:
            task.domain, task.domain_loose = self.title_domain, False
            own = domain_by_name(task.name[:300], "PAR")
            if own and own != self.title_domain:
                task.flag("domain", tr("Kế hoạch không chia theo lĩnh vực; nhiệm vụ được xếp vào lĩnh vực {d} theo tên "
                                       "kế hoạch, nhưng nội dung giống lĩnh vực {o}.", d=self.title_domain, o=own))
            return
        guess = suggest_domain(task.name, task.framework)
        task.domain, task.domain_loose = guess.code, True
        task.flag("domain", tr("Không có dòng lĩnh vực phía trên: tạm xếp vào lĩnh vực {d} theo nội dung nhiệm vụ; "
                               "hãy chọn lại nếu cần.", d=guess.code))

    def _tracking(self, task: PreviewTask, cells: dict[str, str], where: str) -> None:
        """Status and result columns of a file sent back by the units."""
        if STATUS not in cells:
            return
        word = fold(cells.get(STATUS, ""))
        task.status = next((key for label, key in STATUS_WORDS.items() if word.startswith(label)), None) \
            if word else NOT_STARTED
        if task.status is None:
            self.warnings.append(tr("{where}: không hiểu trạng thái “{s}”; giữ trạng thái cũ.", where=where,
                                    s=cells.get(STATUS, "")))
        elif task.status == SUSPENDED:
            # "Tạm dừng/Không thực hiện: chờ hướng dẫn của tỉnh" carries its reason after the colon.
            reason = cells.get(STATUS, "").partition(":")[2].strip()
            task.status_reason = reason or tr("(theo tệp cập nhật của đơn vị)")
        task.result = cells.get(RESULT, "")
        task.progress = self._progress(cells.get(PROGRESS, ""), where)
        if cells.get(COMPLETED):
            try:
                task.completed_on = parse_date(cells[COMPLETED])
            except ValueError:
                self.warnings.append(tr("{where}: ngày hoàn thành “{d}” không hợp lệ; đã bỏ qua.", where=where,
                                        d=cells[COMPLETED]))

    def _progress(self, text: str, where: str) -> int | None:
        """A "Tiến độ (%)" cell as a whole percent: "60", "60%", "12,5 %" (→ 13), or the one "N%" in "Đạt 80% (ngày
        15/3)". Anything else ("50-60%", "gần xong") is left blank, and a value past 100 is taken as 100, each with
        a warning: digits are never glued together ("12,5%" was once read as 100)."""
        text = text.strip()
        if not text:
            return None
        found = _PERCENTS.findall(text)
        try:
            value = parse_number(found[0] if len(found) == 1 else text)
        except ValueError:
            value = None
        if value is None or value < 0:
            self.warnings.append(tr("{where}: không hiểu tiến độ “{p}”; để trống, hãy nhập lại sau khi nhập kế hoạch.",
                                    where=where, p=text[:30]))
            return None
        if 0 < value < 1 and not found:      # a percent-formatted Excel cell holds 0.6 for 60 %
            value *= 100
            self.warnings.append(tr("{where}: tiến độ “{p}” được hiểu là {n} %; hãy kiểm tra lại.", where=where,
                                    p=text[:30], n=int(value + 0.5)))
        elif value > 100:
            self.warnings.append(tr("{where}: tiến độ “{p}” vượt quá 100 %; tính là 100 %.", where=where, p=text[:30]))
        return min(100, int(value + 0.5))       # half up: 12,5 % → 13 %, as officers round

    def _continue(self, task: PreviewTask, cells: dict[str, str]) -> None:
        """The rest of a row the page break cut off: each cell continues its column."""
        for role, attr in ((NAME, "name"), (PRODUCT, "product"), (LEAD, "lead_text"), (COORD, "coord_text"),
                           (DEADLINE, "deadline_text"), (NOTE, "note"), (START, "start_text")):
            extra = cells.get(role, "")
            if extra:
                before = getattr(task, attr)
                joiner = "\n" if extra.startswith(("- ", "– ")) or not before else " "
                setattr(task, attr, clean_text(f"{before}{joiner}{extra}", bullets=role not in (LEAD, COORD)))

    def _try_flat_table(self, document: SourceDocument) -> None:
        found = find_flat_table(document.paragraphs, self.matcher, self.year)
        if found is None:
            return
        table, warnings = found
        self.warnings.append(tr("Văn bản không có đường kẻ bảng (trích từ PDF): các cột được tách tự động, "
                                "hãy kiểm tra kỹ bản xem trước."))
        self.warnings.extend(warnings)
        self._reset(self.base_framework)
        self._table(table, len(document.tables), None)

    def _try_prose(self, document: SourceDocument) -> None:
        """A plan written as numbered paragraphs under domain headings, fields inline."""
        found = read_prose(document.paragraphs, wrapped=document.kind in ("pdf", "text"))
        if not found:
            return
        self.warnings.append(tr("Kế hoạch không có bảng nhiệm vụ: {n} nhiệm vụ được đọc từ các đoạn văn đánh số "
                                "dưới tên từng lĩnh vực. Hãy kiểm tra kỹ từng nhiệm vụ.", n=len(found)))
        for item in found:
            where = tr("Đoạn {n}", n=item.paragraph + 1)
            task = PreviewTask(item.framework, item.domain, item.code, item.name, item.fields.get(PRODUCT, ""),
                               item.fields.get(LEAD, ""), item.fields.get(COORD, ""), item.fields.get(DEADLINE, ""),
                               source=where, start_text=item.fields.get(START, ""))
            task.flag("row", tr("Đọc từ đoạn văn (kế hoạch không có bảng): hãy kiểm tra tên, cơ quan và thời gian."))
            self.group_codes.add((item.framework, item.code.split(".")[0]))   # "1.1" under heading "1. …"
            override = self.overrides.domains.get(where)
            if override:
                task.framework, task.domain = override
            self.tasks.append(task)

    # ------------------------------------------------------------------ finishing

    def _finish(self) -> None:
        if not self.tasks:
            self._nothing_found()
        else:
            self._finish_tasks()
        self.warnings = [" ".join(w.split()) for w in self.warnings]   # a cell's line breaks inside a message

    def _nothing_found(self) -> None:
        if any(m.problem for m in self.mappings):
            self.warnings.insert(0, tr("Không đọc được cột của bảng nhiệm vụ; hãy chọn vai trò từng cột."))
            return
        message = tr("Không tìm thấy bảng nhiệm vụ nào trong tệp. Bảng cần có dòng tiêu đề gồm cột nhiệm vụ và ít "
                     "nhất hai cột: cơ quan chủ trì, phối hợp, thời gian, sản phẩm.")
        widest = max(self.tables, key=lambda t: (t.width * len(t.rows)), default=None)
        if widest is not None and widest.width >= 2 and len(widest.rows) >= 2:
            head = [" ".join(c.split())[:40] for c in widest.rows[0] if c.strip()]
            message += " " + tr("Bảng lớn nhất trong tệp có các cột: {cells}.", cells=", ".join(f"“{c}”" for c in head))
        self.warnings.insert(0, message)

    def _finish_tasks(self) -> None:
        self._apply_edits()
        self._dedupe_codes()
        codes = {t.key for t in self.tasks}
        for task in self.tasks:
            self._parent(task, codes)
            task.lead = self._units(task.lead_text)
            task.coordinators = self._units(task.coord_text)
            task.deadline = parse_deadline(task.deadline_text, self.year)
            self._check_fields(task)
        for task in self.tasks:
            if task.source in self.overrides.checked:
                task.flags = []
        unknown = {ref.name for t in self.tasks for ref in (*t.lead, *t.coordinators) if not ref.known}
        if unknown:
            self.warnings.append(tr("Đơn vị mới sẽ được thêm vào danh mục: {names}.", names="; ".join(sorted(unknown))))
        flagged = sum(1 for t in self.tasks if t.flags)
        if flagged:
            self.warnings.append(tr("{n}/{total} nhiệm vụ có ô cần kiểm tra lại.", n=flagged, total=len(self.tasks)))

    def _apply_edits(self) -> None:
        """Cells the officer corrected in the preview: the typed text wins, and its flag goes."""
        for task in self.tasks:
            edits = self.overrides.fields.get(task.source)
            if not edits:
                continue
            for field_name, value in edits.items():
                setattr(task, _EDITABLE[field_name], clean_text(value, bullets=field_name not in ("lead",
                                                                                                 "coordinators")))
            task.flags = [f for f in task.flags if f.field not in edits and f.field != "row"]

    def _parent(self, task: PreviewTask, codes: set[tuple[str, str, str]]) -> None:
        if "." not in task.code:
            return
        parent = task.code.rsplit(".", 1)[0]
        if (task.framework, task.domain, parent) in codes:
            task.parent_code = parent
        elif (task.framework, parent) not in self.group_codes:
            task.flag("code", tr("Không có nhiệm vụ {parent} ở trên để làm mục lớn; được nhập như một nhiệm vụ riêng.",
                                 parent=parent))

    def _check_fields(self, task: PreviewTask) -> None:
        """Flag what reads wrong: a deadline not understood, a unit cell that is not a unit, no name."""
        if task.deadline_text and not task.deadline.understood:
            task.flag("deadline", tr("Chưa hiểu thời gian “{text}”; vẫn giữ nguyên văn.", text=task.deadline_text[:80]))
            self.warnings.append(tr("{where}: chưa hiểu thời gian “{text}” (nhiệm vụ {code}); vẫn giữ nguyên văn.",
                                    where=task.source, text=task.deadline_text[:80], code=task.code))
        if task.domain_loose:
            self.warnings.append(tr("{where}: nhiệm vụ {code} chưa rõ thuộc lĩnh vực nào; tạm xếp vào {domain}, "
                                    "hãy chọn lại nếu cần.", where=task.source, code=task.code, domain=task.domain))
        for field_name, text, refs in (("lead", task.lead_text, task.lead),
                                       ("coordinators", task.coord_text, task.coordinators)):
            if text and not all(r.known for r in refs) and not _unit_like(text, self.year):
                task.flag(field_name, tr("“{text}” không giống tên cơ quan, đơn vị; hãy kiểm tra cột.", text=text[:60]))
        if len(task.name.strip()) < 4:
            task.flag("name", tr("Tên nhiệm vụ quá ngắn: “{n}”.", n=task.name))
        for field_name, text in (("name", task.name), ("lead", task.lead_text), ("coordinators", task.coord_text),
                                 ("deadline", task.deadline_text), ("product", task.product)):
            if UNREADABLE in text:
                task.flag(field_name, tr("Có chữ không đọc được (“{mark}”); hãy sửa theo bản gốc.", mark=UNREADABLE))
        if task.deadline_text and _unit_like(task.deadline_text, self.year) and not task.deadline.understood and \
                self.matcher.match(task.deadline_text.strip(" .;")) is not None:
            task.flag("deadline", tr("Ô thời gian lại giống tên đơn vị; có thể các cột bị lệch."))

    def _dedupe_codes(self) -> None:
        seen: set[tuple[str, str, str]] = set()
        for task in self.tasks:
            if task.key in seen:
                original = task.code
                for suffix in "bcdefghijklmnopqrstuvwxyz":
                    task.code = f"{original}{suffix}"
                    if task.key not in seen:
                        break
                self.warnings.append(tr("{where}: STT {code} bị trùng trong lĩnh vực {domain}; đổi thành {new}.",
                                        where=task.source, code=original, domain=task.domain, new=task.code))
                task.flag("code", tr("STT {code} bị trùng trong lĩnh vực; đổi thành {new}.", code=original,
                                     new=task.code))
            seen.add(task.key)

    def _units(self, text: str) -> list[UnitRef]:
        refs = []
        for match in self.matcher.split(text):
            if match.unit is not None:
                refs.append(UnitRef(match.text, match.unit.id, match.unit.name))
            else:
                refs.append(UnitRef(match.text, None, " ".join(match.text.split()).strip(" .;,")))
        return refs


_UNITS_UNSURE = "units_unsure"
_NAME_ONLY = tr("Dòng chỉ có tên, không có cơ quan chủ trì hay thời gian: có thể là tên một nhóm chứ không phải "
                "nhiệm vụ.")
_BULLET_CODES = {"-", "+", "•", "*", "–", "o"}


def _split_units(cells: dict[str, str]) -> None:
    """A cell naming both lead and coordinating units ("Chủ trì, phối hợp" column, or a lead cell
    that says "(chủ trì)", "Chủ trì: …; Phối hợp: …") becomes the lead and coordinators cells."""
    text = cells.pop(UNITS, None)
    lead = cells.get(LEAD, "")
    if text is None and not (lead and _UNIT_WORDS.search(fold(lead))):
        return
    if text is None:
        text = cells.pop(LEAD)
    split = split_unit_cell(text)
    cells[LEAD] = split.lead
    cells[COORD] = "\n".join(c for c in (cells.get(COORD, ""), split.coordinators) if c)
    if not split.sure:
        cells[_UNITS_UNSURE] = "1"


_UNIT_WORDS = re.compile(r"chu\s+tri|phoi\s+hop|\b(?:ct|ph)\s*:")
_EDITABLE = {"code": "code", "name": "name", "lead": "lead_text", "coordinators": "coord_text",
             "deadline": "deadline_text", "product": "product"}
_FLAG_OF_ROLE = {DEADLINE: "deadline", LEAD: "lead", COORD: "coordinators", NAME: "name", PRODUCT: "product"}


def _plan_title(meta: PlanMeta, document: SourceDocument) -> str:
    """The plan's own title, only when it stands above the first table (an appendix or sheet
    heading further down names that part, not the plan)."""
    title = meta.title or ""
    if not title:
        return ""
    tail = fold(title).removeprefix("ke hoach ")[-30:]   # the subject line, as the title paragraph writes it
    for block in document.blocks[:60]:
        if isinstance(block, Table):
            if len(block.rows) > 3 or find_header(block.rows):   # the first real table: the plan's body ends
                break
            continue   # the 2×2 block "ỦY BAN NHÂN DÂN … | CỘNG HÒA …" above the title
        if len(block) < 300 and tail in fold(block):   # headings are short; prose is skipped unread
            return title
    return ""


def _names_papi_only(text: str) -> bool:
    named = frameworks_named(text)
    return "PAPI" in named and not named & {"PAR_INDEX", "SIPAS", "DTI", "PCI", "DDCI"}


def _group_row(row: list[str], cells: dict[str, str], filled: list[str], framework: str):
    """(code, title) when the row is a group row (a domain or a sub-group heading), else None.

    A group row is one text merged across the row ("I. CÔNG TÁC CHỈ ĐẠO" over all columns,
    "1 | CẢI CÁCH THỂ CHẾ" with the title merged), or an STT and a title with every other
    column empty when the STT is a Roman numeral, the title is in capitals or names a domain."""
    texts = set(filled)
    code = cells.get(CODE, "").strip()
    if len(texts) == 1:
        text = filled[0]
        merged = sum(1 for c in row if c.strip() == text) >= 2
        match = GROUP_NUMBER.match(text)
        number, title = (match.group(1), match.group(2).strip()) if match else split_roman(text)
        if title and (merged or number in ROMAN or is_upper(title) or is_domain_heading(title, framework)
                      or is_labelled_group(text)):
            return number, title
        return None
    rest = texts - {code}
    if not code or len(rest) != 1:
        return None
    title = rest.pop()
    merged = sum(1 for c in row if c.strip() == title) >= 2
    other = any(cells.get(role) for role in (LEAD, COORD, DEADLINE, PRODUCT, START))
    numeral, after = split_roman(code)
    roman = numeral is not None and not after.strip(".)")
    if merged or (not other and (roman or is_upper(title) or is_domain_heading(title, framework))):
        return (numeral if roman else code.rstrip(".)")), title
    return None


def _numbering(code: str | None) -> str:
    code = (code or "").strip().rstrip(".)")
    if not code:
        return "none"
    if code in ROMAN:
        return "roman"
    return "arabic" if code.isdigit() else "other"


@lru_cache(maxsize=64)
def _missing_columns(paths: tuple[str, ...] | list[str], roles) -> dict[str, str]:
    """No lead or deadline column found while some columns were not understood: the task's lead or
    deadline may sit in one of them, so it is flagged as possibly missing."""
    unknown = [p for p, r in zip(paths, roles) if r is None and p.strip()]
    if not unknown:
        return {}
    seen = ", ".join(f"“{p[:30]}”" for p in unknown[:4])
    missing = {}
    if not {LEAD, UNITS} & set(roles):
        missing["lead"] = tr("Không nhận ra cột cơ quan chủ trì; các cột chưa rõ: {cells}.", cells=seen)
    if DEADLINE not in roles:
        missing["deadline"] = tr("Không nhận ra cột thời gian; các cột chưa rõ: {cells}.", cells=seen)
    return missing


def _head_row(table: Table) -> int | None:
    """The first row with three filled cells: what a table without a known header starts with."""
    return next((i for i, r in enumerate(table.rows[:HEADER_SCAN]) if sum(1 for c in r if c.strip()) >= 3), None)


def _next_row_code(rows: list[list[str]], start: int, roles) -> str:
    """The STT of the next row that has one (for telling a heading from a wrapped line)."""
    if CODE not in roles:
        return ""
    column = roles.index(CODE)
    for row in rows[start:start + 3]:
        if column < len(row) and row[column].strip():
            return row[column].strip()
    return ""


def _restarts(code: str) -> bool:
    return code.rstrip(".)") in ("1", "01", "a")


def _name_only(cells: dict[str, str], filled: list[str], code: str) -> str:
    """The name when it is the only filled cell besides the STT, else ""."""
    rest = [t for t in filled if t != code]
    name = cells.get(NAME, "")
    return name if len(rest) == 1 and rest[0] == name and name[:1].isupper() else ""


def _short_heading(cells: dict[str, str], filled: list[str]) -> bool:
    """Only the task column filled, with a short capitalised phrase: maybe a group's name."""
    text = filled[0] if len(filled) == 1 else ""
    return bool(text) and cells.get(NAME, "") == text and text[:1].isupper() and len(text.split()) <= 12 \
        and not text.endswith((".", ";", ",", ":"))


def _next_code(code: str) -> str:
    head, _dot, tail = code.rpartition(".")
    if tail.isdigit():
        return f"{head}.{int(tail) + 1}" if head else str(int(tail) + 1)
    return f"{code}+"


@lru_cache(maxsize=4096)
def _unit_like(text: str, year: int) -> bool:
    """A lead/coordinating cell reads as unit names: short lines, not a date or a sentence."""
    first = text.split("\n")[0]
    if len(text) > 300 or len(first) > 160:
        return False
    if re.search(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\bqu[yý]\s+[IV]+\b", text, re.I):
        return False
    return not is_deadline_phrase(first, year)


def _looks_like_stats(table: Table) -> bool:
    head = " ".join(" ".join(r) for r in table.rows[:4])
    return bool(re.search(r"don vi tinh|\bdvt\b|chi tieu thong ke|ky bao cao", fold(head)))


def _single_text(row: list[str]) -> str | None:
    """The text of a row with one filled cell (a title line inside a spreadsheet)."""
    filled = {c.strip() for c in row if c and c.strip()}
    return filled.pop() if len(filled) == 1 else None


def analyze(document: SourceDocument, matcher, overrides: Overrides | None = None) -> ImportPreview:
    return PlanAnalyzer(matcher, overrides).analyze(document)


__all__ = ["IGNORE", "ROMAN", "ImportPreview", "Overrides", "PlanAnalyzer", "PreviewTask", "UnitRef",
           "analyze", "clean_text"]
