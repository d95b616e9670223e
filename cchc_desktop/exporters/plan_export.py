"""Export a plan back as its appendix table (XLSX or DOCX), optionally with status columns.

The layout is the usual one (STT, Nhiệm vụ, Cơ quan chủ trì, Cơ quan phối hợp, Thời gian,
Sản phẩm, with a row per domain; "Ghi chú" last when some task has a note, such as "Chuyển tiếp từ năm
2026"), so the file can go to the units for updating and come
back through the importer. The plan's exact title, number and date travel in the file's
properties, which the importer reads first: export → import gives back the same plan.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cchc_desktop.errors import ValidationError
from cchc_desktop.workbooks import print_a4_landscape
from cchc_desktop.files import write_atomically
from cchc_desktop.i18n import format_date, tr
from cchc_desktop.model import STATUS_LABELS, SUSPENDED, Domain, Plan, TaskRow
from cchc_desktop.workbooks import fit_cell

BASE_HEADERS = ("STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian", "Sản phẩm")
STATUS_HEADERS = ("Trạng thái", "Tiến độ (%)", "Kết quả thực hiện", "Ngày hoàn thành")
BASE_WIDTHS = (6, 48, 20, 24, 16, 24)          # characters (XLSX) / scaled to cm for DOCX
STATUS_WIDTHS = (16, 9, 30, 12)
NOTE_HEADER, NOTE_WIDTH = "Ghi chú", 24
KIND_HEADINGS = {"CCHC": "CẢI CÁCH HÀNH CHÍNH", "PAR_INDEX": "NÂNG CAO CHỈ SỐ CẢI CÁCH HÀNH CHÍNH (PAR INDEX)",
                 "SIPAS": "NÂNG CAO CHỈ SỐ HÀI LÒNG (SIPAS)", "PAPI": "NÂNG CAO CHỈ SỐ PAPI"}


@dataclass
class Section:
    """One appendix: the PAR domains, or the PAPI dimensions."""
    heading: str
    title: str
    groups: list[tuple[Domain, list[TaskRow]]]


@dataclass
class PlanTable:
    plan: Plan
    issuer: str
    commune: str
    sections: list[Section]
    with_status: bool
    with_start: bool = False    # a "Bắt đầu" column, only when some task has a start
    with_note: bool = False     # a "Ghi chú" column ("Chuyển tiếp từ năm 2026"…), only when some task has a note

    @property
    def headers(self) -> tuple[str, ...]:
        return BASE_HEADERS + (("Bắt đầu",) if self.with_start else ()) + (STATUS_HEADERS if self.with_status else ()) \
            + ((NOTE_HEADER,) if self.with_note else ())

    @property
    def widths(self) -> tuple[int, ...]:
        return BASE_WIDTHS + ((12,) if self.with_start else ()) + (STATUS_WIDTHS if self.with_status else ()) \
            + ((NOTE_WIDTH,) if self.with_note else ())

    def caption(self) -> str:
        plan = self.plan
        number = tr(" số {n}", n=plan.number) if plan.number else ""
        issued = tr(" ngày {d}", d=format_date(plan.issued_on)) if plan.issued_on else ""
        issuer = tr(" của {who}", who=self.issuer) if self.issuer else ""
        return tr("(Kèm theo Kế hoạch{number}{issued}{issuer})", number=number, issued=issued, issuer=issuer)

    def keywords(self) -> str:
        plan = self.plan
        parts = {"cchc-desktop": "1", "kind": plan.kind, "year": str(plan.year),
                 "date": plan.issued_on.isoformat() if plan.issued_on else "", "commune": self.commune}
        return ";".join(f"{k}={v}" for k, v in parts.items())

    def cells(self, row: TaskRow) -> list[str]:
        values = [row.code, row.name, "; ".join(u.name for u in row.leads),
                  "; ".join(u.name for u in row.coordinators), row.deadline_text, row.product]
        if self.with_start:
            values.append(row.start_text)
        if self.with_status:
            status = tr(STATUS_LABELS[row.status])
            if row.status == SUSPENDED and row.status_reason:
                status = f"{status}: {row.status_reason}"
            values += [status, str(row.progress), row.result, format_date(row.completed_on)]
        if self.with_note:
            values.append(row.note)
        return values


def build_plan_table(session, plan_id: int, with_status: bool = False) -> PlanTable:
    """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
    plan = session.plans.get(plan_id)
    profile = session.profile.get()
    rows = session.tasks.rows(plan_id)
    if not rows:
        raise ValidationError(tr("Kế hoạch “{title}” chưa có nhiệm vụ nào để xuất.", title=plan.title))
    sections = []
    for framework in ("PAR", "PAPI"):
        groups = []
        for domain in session.overview.all_domains():
            if domain.framework != framework:
                continue
            tasks = _tree_order([r for r in rows if r.framework == framework and r.domain_code == domain.code])
            if tasks:
                groups.append((domain, tasks))
        if not groups:
            continue
        if framework == "PAR":
            heading = tr("Phụ lục") if not any(r.framework == "PAPI" for r in rows) else tr("Phụ lục I")
            title = tr("DANH MỤC NHIỆM VỤ {kind} NĂM {year}", kind=KIND_HEADINGS.get(plan.kind, ""), year=plan.year)
        else:
            heading = tr("Phụ lục II")
            title = tr("NHIỆM VỤ NÂNG CAO CHỈ SỐ HIỆU QUẢ QUẢN TRỊ VÀ HÀNH CHÍNH CÔNG (PAPI) NĂM {year}",
                       year=plan.year)
        sections.append(Section(heading, title, groups))
    return PlanTable(plan, plan.issuer or profile.issuer, profile.commune, sections, with_status,
                     any(r.start_text for r in rows), any(r.note.strip() for r in rows))


def _tree_order(rows: list[TaskRow]) -> list[TaskRow]:
    """Each task followed by its sub-tasks, as the appendix prints them."""
    children: dict[int | None, list[TaskRow]] = {}
    ids = {r.id for r in rows}
    for row in rows:
        children.setdefault(row.parent_id if row.parent_id in ids else None, []).append(row)
    ordered: list[TaskRow] = []

    def visit(parent):
        for row in children.get(parent, []):
            ordered.append(row)
            visit(row.id)
    visit(None)
    return ordered


def export_plan(session, plan_id: int, path: Path | str, fmt: str, with_status: bool = False) -> Path:
    """Write the plan as ``fmt`` ("xlsx" or "docx") to ``path``, atomically.

    Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
    table = build_plan_table(session, plan_id, with_status)
    path = Path(path)
    writer = {"xlsx": _write_xlsx, "docx": _write_docx}.get(fmt)
    if writer is None:
        raise ValidationError(tr("Định dạng “{fmt}” không được hỗ trợ; hãy chọn xlsx hoặc docx.", fmt=fmt))
    return write_atomically(path, lambda temp: writer(table, temp))


# ---------------------------------------------------------------------------- XLSX

def _write_xlsx(table: PlanTable, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    book.properties.title = table.plan.title
    book.properties.subject = table.plan.number
    book.properties.keywords = table.keywords()
    book.properties.creator = "CCHC Desktop"
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    font = Font(name="Times New Roman", size=12)
    bold = Font(name="Times New Roman", size=12, bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    center = Alignment(wrap_text=True, vertical="center", horizontal="center")
    width = len(table.headers)
    for section in table.sections:
        sheet = book.create_sheet(tr("PAPI") if section.heading.endswith("II") else tr("Phụ lục"))
        for row, (text, style) in enumerate(((section.heading, bold), (section.title, bold),
                                             (table.caption(), Font(name="Times New Roman", size=12, italic=True))),
                                            start=1):
            sheet.cell(row=row, column=1, value=text).font = style
            sheet.cell(row=row, column=1).alignment = center
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        header_row = 5
        for col, header in enumerate(table.headers, start=1):
            cell = sheet.cell(row=header_row, column=col, value=header)
            cell.font, cell.alignment, cell.border = bold, center, border
            sheet.column_dimensions[get_column_letter(col)].width = table.widths[col - 1]
        row = header_row + 1
        for domain, tasks in section.groups:
            sheet.cell(row=row, column=1, value=domain.code).font = bold
            sheet.cell(row=row, column=2, value=domain.name).font = bold
            sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=width)
            for col in range(1, width + 1):
                sheet.cell(row=row, column=col).border = border
                sheet.cell(row=row, column=col).alignment = wrap
            row += 1
            for task in tasks:
                for col, value in enumerate(table.cells(task), start=1):
                    cell = sheet.cell(row=row, column=col, value=fit_cell(value) if value else None)
                    cell.font, cell.border = font, border
                    cell.alignment = center if col == 1 else wrap
                    if value and value[0] in "=+@":  # text, never a formula Excel would run
                        cell.data_type = "s"
                row += 1
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
        print_a4_landscape(sheet, f"{header_row}:{header_row}")
    from cchc_desktop.workbooks import finish
    finish(book)   # text stays text; rows as tall as their text
    book.save(str(path))


# ---------------------------------------------------------------------------- DOCX

def _write_docx(table: PlanTable, path: Path) -> None:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = docx.Document()
    props = document.core_properties
    props.title, props.subject, props.keywords = table.plan.title, table.plan.number, table.keywords()
    props.author = "CCHC Desktop"
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    page = document.sections[0]
    page.orientation = WD_ORIENT.LANDSCAPE
    page.page_width, page.page_height = Cm(29.7), Cm(21.0)
    page.left_margin, page.right_margin = Cm(2.0), Cm(1.5)
    page.top_margin, page.bottom_margin = Cm(2.0), Cm(2.0)
    usable = 29.7 - 3.5
    scale = usable / sum(table.widths)
    for index, section in enumerate(table.sections):
        if index:
            document.add_page_break()
        for text, bold, italic in ((section.heading, True, False), (section.title, True, False),
                                   (table.caption(), False, True)):
            para = document.add_paragraph()
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            para.paragraph_format.space_after = Pt(2)
            run = para.add_run(text)
            run.bold, run.italic = bold, italic
        grid = document.add_table(rows=1, cols=len(table.headers))
        grid.style = "Table Grid"
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        header = grid.rows[0]
        _repeat_header(header, OxmlElement, qn)
        for cell, text in zip(header.cells, table.headers):
            _set_cell(cell, text, bold=True, center=True)
        for domain, tasks in section.groups:
            row = grid.add_row()
            _set_cell(row.cells[0], domain.code, bold=True, center=True)
            merged = row.cells[1].merge(row.cells[-1])
            _set_cell(merged, domain.name, bold=True)
            for task in tasks:
                row = grid.add_row()
                for col, (cell, value) in enumerate(zip(row.cells, table.cells(task))):
                    _set_cell(cell, value, center=col == 0)
        for row in grid.rows:
            for cell, chars in zip(row.cells, table.widths):
                cell.width = Cm(chars * scale)
    document.save(str(path))


def _repeat_header(row, OxmlElement, qn) -> None:  # noqa: N803 (python-docx factories)
    """Mark the first row as a header Word repeats on every page."""
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _set_cell(cell, text: str, *, bold: bool = False, center: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    lines = (text or "").split("\n")
    paragraph = cell.paragraphs[0]
    for index, line in enumerate(lines):
        if index:
            paragraph = cell.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = bold
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
