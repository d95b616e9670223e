"""From a read document to the tasks it holds: an ``ImportPreview`` the officer checks first.

The walk keeps a context (framework PAR or PAPI, current domain) across paragraphs and
tables, because plans put the domain in a section row ("III. Cải cách thủ tục hành chính"),
in an appendix title ("Phụ lục 01: Cải cách thể chế"), or in a separate PAPI appendix.
Rows are: a header (again on every page), a column-number row, a section row, a task,
or the rest of the previous task cut by a page break.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache
from dataclasses import dataclass, field
from datetime import date

from cchc_desktop.deadlines import Deadline, parse_deadline
from cchc_desktop.i18n import parse_date, tr
from cchc_desktop.importers.columns import (CODE, COMPLETED, COORD, DEADLINE, IGNORE, LEAD, NAME, NOTE, PRODUCT,
                                            PROGRESS, RESULT, STATUS, header_roles)
from cchc_desktop.importers.document import SourceDocument, Table
from cchc_desktop.importers.domains import ROMAN, match_domain, mentions_papi, split_roman
from cchc_desktop.importers.flat_table import find_flat_table
from cchc_desktop.importers.metadata import PlanMeta, extract_metadata, guess_year, plain
from cchc_desktop.model import DONE, IN_PROGRESS, NOT_STARTED, STATUS_LABELS, SUSPENDED
from cchc_desktop.text import fold

_CODE = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,3})\.?$")
_LETTER_CODE = re.compile(r"^([a-zđ])[.)]$", re.I)
_CODE_IN_TEXT = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){1,3})\.?\s+(\S.*)$", re.S)
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

    @property
    def key(self) -> tuple[str, str, str]:
        return self.framework, self.domain, self.code

    def to_json(self) -> dict:
        data = {"framework": self.framework, "domain": self.domain, "code": self.code,
                "parent_code": self.parent_code, "name": self.name, "product": self.product,
                "lead": [u.name for u in self.lead], "coordinators": [u.name for u in self.coordinators],
                "deadline_text": self.deadline_text,
                "deadline": self.deadline.to_json() if self.deadline else None}
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
                            "tasks": m.task_count} for m in self.tables]}


@dataclass
class Overrides:
    """What the officer corrected in the preview: a table's columns, a task's domain."""
    roles: dict[int, list[str | None]] = field(default_factory=dict)
    domains: dict[str, tuple[str, str]] = field(default_factory=dict)   # task.source -> (framework, domain)


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
        self._walk(document)
        if not self.tasks:
            self._try_flat_table(document)
        if meta.year is None:
            meta.year = guess_year([t.deadline_text for t in self.tasks]) or self.year
            self.year = meta.year
        self._finish()
        return ImportPreview(document.name, meta, self.tasks, self.mappings, self.warnings)

    # ------------------------------------------------------------------ walking the blocks

    def _walk(self, document: SourceDocument) -> None:
        self.framework, self.domain, self.domain_loose = "PAR", None, False
        previous_roles: list[str | None] | None = None
        table_index = -1
        recent: list[str] = []
        for block in document.blocks:
            if isinstance(block, str):
                self._paragraph(block, recent)
                recent = (recent + [block])[-3:]
                continue
            table_index += 1
            previous_roles = self._table(block, table_index, previous_roles)

    def _paragraph(self, text: str, recent: list[str]) -> None:
        if text[:1] not in "Pp" and not (recent and recent[-1][:1] in "Pp"):
            return  # only "Phụ lục …" and the line after it change the context; most lines are prose
        low = plain(text[:16]).strip()
        if _APPENDIX.match(low):
            # A new appendix: its own framework, and maybe its domain ("Phụ lục 01: Cải cách thể chế").
            self.framework = "PAPI" if mentions_papi(text) else "PAR"
            self.domain, self.domain_loose = None, False
            title = text.split(":", 1)[1] if ":" in text else ""
            found = match_domain(title, self.framework) if title.strip() else None
            if found and not found.loose:
                self.domain = found.code
        elif recent and _APPENDIX.match(plain(recent[-1][:16]).strip()) and mentions_papi(text):
            self.framework, self.domain = "PAPI", None

    def _table(self, table: Table, index: int, previous: list[str | None] | None) -> list[str | None] | None:
        """Rows of one table. A spreadsheet may hold several appendices one under another: a
        "Phụ lục …" row ends the current one, and the next header row starts the next."""
        roles, start = self._mapping(table, index, previous)
        label = tr("Bảng {n}", n=index + 1) + (tr(" (trang tính “{s}”)", s=table.sheet) if table.sheet else "")
        mapping = self._new_mapping(index, table.rows[start - 1] if start > 0 else None, roles, label)
        last: PreviewTask | None = None
        recent: list[str] = []
        for row_number, row in enumerate(table.rows[start:], start=start + 1):
            single = _single_text(row)
            if single and _APPENDIX.match(plain(single[:16]).strip()):
                self._paragraph(single, recent)
                roles, mapping, last = None, None, None
            elif roles is None:
                found = header_roles(row)
                if found:
                    roles = self.overrides.roles.get(index, found)
                    mapping = self._new_mapping(index, row, roles, label)
                elif single:
                    self._paragraph(single, recent)
            else:
                before = len(self.tasks)
                last = self._row(row, roles, f"{label}, {tr('dòng')} {row_number}", last)
                if mapping is not None:
                    mapping.task_count += len(self.tasks) - before
            if single:
                recent = (recent + [single])[-3:]
        return roles if roles is not None else previous

    def _new_mapping(self, index: int, header: list[str] | None, roles, label: str) -> TableMapping | None:
        if roles is None:
            return None
        mapping = TableMapping(index, list(header) if header else [""] * len(roles), list(roles), label)
        self.mappings.append(mapping)
        return mapping

    def _mapping(self, table: Table, index: int, previous):
        if index in self.overrides.roles:
            for start, row in enumerate(table.rows[:6]):
                if header_roles(row):
                    return self.overrides.roles[index], start + 1
            return self.overrides.roles[index], 0
        for start, row in enumerate(table.rows[:6]):
            roles = header_roles(row)
            if roles:
                return roles, start + 1
        # A table continued on the next page without its header: same columns as before.
        if previous is not None and table.width == len(previous):
            return previous, 0
        return None, 0

    # ------------------------------------------------------------------ rows

    def _row(self, row: list[str], roles, where: str, last: PreviewTask | None) -> PreviewTask | None:
        cells = {role: clean_text(row[i], bullets=role not in (LEAD, COORD))
                 for i, role in enumerate(roles) if role and i < len(row)}
        filled = [t for t in (c.strip() for c in row) if t.strip("-_=—–.* ")]  # a row of dashes is a rule
        if not filled or all(_NUMBERING_ROW.match(t) for t in filled):
            return last
        code = cells.get(CODE, "")
        if not _CODE.match(code) and header_roles(row):  # the header again, on the next page
            return last
        name = cells.get(NAME, "")
        if self._section(code, name, filled):
            return None
        code_match = _CODE.match(code) or _LETTER_CODE.match(code)
        if not code_match and not code:
            in_text = _CODE_IN_TEXT.match(name)
            if in_text and last is not None and in_text.group(1).split(".")[0] == last.code.split(".")[0]:
                code_match, name = in_text, in_text.group(2)
                code = in_text.group(1)
                cells[NAME] = name
        if code_match is None or (last is not None and code and code.rstrip(".") == last.code and not name):
            if last is not None:
                self._continue(last, cells)
            elif filled:
                self.warnings.append(tr("{where}: không xếp được dòng “{text}” vào nhiệm vụ nào.", where=where,
                                        text=filled[0][:60]))
            return last
        if not name:
            self.warnings.append(tr("{where}: nhiệm vụ STT {code} không có nội dung; đã bỏ qua.", where=where,
                                    code=code))
            return last
        return self._task(code_match, cells, where, last)

    def _section(self, code: str, name: str, filled: list[str]) -> bool:
        """A domain row: "III" + title, "III. Cải cách thủ tục hành chính" in one cell, a merged row."""
        numeral, rest = split_roman(code)
        title = rest or name
        if numeral is None and len(set(filled)) == 1:
            numeral, rest = split_roman(filled[0])
            title = rest
            if numeral is None:
                if mentions_papi(filled[0]) and len(filled[0]) < 120:
                    self.framework, self.domain = "PAPI", None
                    return True
                found = match_domain(filled[0], self.framework)
                if found and (filled[0].isupper() or len(filled[0]) < 70) and not _CODE.match(filled[0]):
                    self.domain, self.domain_loose = found.code, False
                    return True
                return False
        if numeral is None or (code and numeral + "." != code.strip() and numeral != code.strip() and rest and
                               not code.startswith(numeral)):
            return False
        found = match_domain(title, self.framework, numeral)
        if found is None:
            return False
        if found.renumbered:
            self.warnings.append(tr("Mục {numeral} “{title}” được xếp vào lĩnh vực {code} theo tên của mục.",
                                    numeral=numeral, title=title[:60], code=found.code))
        self.domain, self.domain_loose = found.code, found.loose
        if found.loose:
            self.warnings.append(tr("Mục {numeral} “{title}”: không nhận ra tên lĩnh vực, tạm xếp theo số La Mã.",
                                    numeral=numeral, title=title[:60]))
        return True

    def _task(self, code_match, cells: dict[str, str], where: str, last: PreviewTask | None) -> PreviewTask:
        code = code_match.group(1).rstrip(".")  # "1." and "1" are the same STT
        if _LETTER_CODE.match(code_match.group(0)) and last is not None:
            code = f"{last.code.split('.')[0]}.{code.lower()}"
        framework, domain, loose = self.framework, self.domain, self.domain_loose
        if domain is None:
            domain, loose = "I", True
        override = self.overrides.domains.get(where)
        if override:
            (framework, domain), loose = override, False
        task = PreviewTask(framework, domain, code, cells.get(NAME, ""), cells.get(PRODUCT, ""),
                           cells.get(LEAD, ""), cells.get(COORD, ""), cells.get(DEADLINE, ""),
                           source=where, domain_loose=loose, note=cells.get(NOTE, ""))
        self._tracking(task, cells, where)
        self.tasks.append(task)
        return task

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
        digits = re.sub(r"[^\d]", "", cells.get(PROGRESS, ""))
        task.progress = min(100, int(digits)) if digits else None
        if cells.get(COMPLETED):
            try:
                task.completed_on = parse_date(cells[COMPLETED])
            except ValueError:
                self.warnings.append(tr("{where}: ngày hoàn thành “{d}” không hợp lệ; đã bỏ qua.", where=where,
                                        d=cells[COMPLETED]))

    def _continue(self, task: PreviewTask, cells: dict[str, str]) -> None:
        """The rest of a row the page break cut off: each cell continues its column."""
        for role, attr in ((NAME, "name"), (PRODUCT, "product"), (LEAD, "lead_text"), (COORD, "coord_text"),
                           (DEADLINE, "deadline_text"), (NOTE, "note")):
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
        self.framework, self.domain, self.domain_loose = "PAR", None, False
        self._table(table, len(document.tables), None)

    # ------------------------------------------------------------------ finishing

    def _finish(self) -> None:
        if not self.tasks:
            self.warnings.insert(0, tr("Không tìm thấy bảng nhiệm vụ nào trong tệp. Bảng cần có dòng tiêu đề gồm cột "
                                       "nhiệm vụ và ít nhất hai cột: cơ quan chủ trì, phối hợp, thời gian, sản phẩm."))
            return
        self._dedupe_codes()
        codes = {t.key for t in self.tasks}
        for task in self.tasks:
            if "." in task.code:
                parent = task.code.rsplit(".", 1)[0]
                if (task.framework, task.domain, parent) in codes:
                    task.parent_code = parent
                else:
                    self.warnings.append(tr("{where}: nhiệm vụ {code} không có nhiệm vụ cha {parent}; "
                                            "được nhập như nhiệm vụ cấp 1.", where=task.source, code=task.code,
                                            parent=parent))
            task.lead = self._units(task.lead_text)
            task.coordinators = self._units(task.coord_text)
            task.deadline = parse_deadline(task.deadline_text, self.year)
            if task.deadline_text and not task.deadline.understood:
                self.warnings.append(tr("{where}: chưa hiểu thời gian “{text}” (nhiệm vụ {code}); "
                                        "vẫn giữ nguyên văn.", where=task.source, text=task.deadline_text[:80],
                                        code=task.code))
            if task.domain_loose:
                self.warnings.append(tr("{where}: nhiệm vụ {code} chưa rõ thuộc lĩnh vực nào; tạm xếp vào {domain}, "
                                        "hãy chọn lại nếu cần.", where=task.source, code=task.code,
                                        domain=task.domain))
        unknown = {ref.name for t in self.tasks for ref in (*t.lead, *t.coordinators) if not ref.known}
        if unknown:
            self.warnings.append(tr("Đơn vị mới sẽ được thêm vào danh mục: {names}.", names="; ".join(sorted(unknown))))

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
            seen.add(task.key)

    def _units(self, text: str) -> list[UnitRef]:
        refs = []
        for match in self.matcher.split(text):
            if match.unit is not None:
                refs.append(UnitRef(match.text, match.unit.id, match.unit.name))
            else:
                refs.append(UnitRef(match.text, None, " ".join(match.text.split()).strip(" .;,")))
        return refs


def _single_text(row: list[str]) -> str | None:
    """The text of a row with one filled cell (a title line inside a spreadsheet)."""
    filled = {c.strip() for c in row if c and c.strip()}
    return filled.pop() if len(filled) == 1 else None


def analyze(document: SourceDocument, matcher, overrides: Overrides | None = None) -> ImportPreview:
    return PlanAnalyzer(matcher, overrides).analyze(document)


__all__ = ["IGNORE", "ROMAN", "ImportPreview", "Overrides", "PlanAnalyzer", "PreviewTask", "UnitRef",
           "analyze", "clean_text"]
