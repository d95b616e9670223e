"""The statistics form of a period as an Excel file in the Phụ lục 01b layout.

Ratio and sum rows carry real Excel formulas, so the sheet recalculates in Excel or
LibreOffice to the same figures the program shows. Two hidden columns (the indicator's
code and the value at export) let a unit fill its part and the officer import it back,
with conflicts detected.
"""
from __future__ import annotations

from pathlib import Path

from cchc_desktop.workbooks import print_a4_landscape
from cchc_desktop.files import write_atomically
from cchc_desktop.i18n import format_date, tr
from cchc_desktop.statistics.form import COMPUTED_KINDS, GROUP, YESNO
from cchc_desktop.statistics.formula import parse

HEADERS = ("STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Đơn vị chủ trì thực hiện", "Đơn vị phối hợp",
           "Ghi chú")
WIDTHS = (8, 60, 16, 14, 26, 22, 30)
CODE_HEADER, EXPORTED_HEADER = "Mã chỉ tiêu", "Số liệu khi xuất"
FIRST_ROW = 8      # data starts below the two header rows
VALUE_COL = "D"


def export_statistics(session, period_id: int, path: Path | str) -> Path:
    form = session.statistics.form(period_id)
    profile = session.profile.get()
    return write_atomically(Path(path), lambda temp: _write(form, profile, temp))


def _excel(node, rows: dict[str, int]) -> tuple[str, list[str]]:
    """Our formula as an Excel expression, and the cells it reads."""
    kind = node[0]
    if kind == "num":
        return format(node[1], "g"), []
    if kind == "ref":
        cell = f"{VALUE_COL}{rows[node[1]]}"
        return cell, [cell]
    left, lrefs = _excel(node[1], rows)
    right, rrefs = _excel(node[2], rows)
    return f"({left}{kind}{right})", lrefs + rrefs


def _write(form, profile, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = tr("Phụ lục 01b")
    book.properties.title = tr("Thống kê số liệu CCHC {period}", period=form.period.title)
    book.properties.keywords = f"cchc-desktop=1;period={form.period.key}"
    times = "Times New Roman"
    bold, normal, italic = Font(name=times, size=12, bold=True), Font(name=times, size=12), \
        Font(name=times, size=12, italic=True)
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    computed_fill = PatternFill("solid", fgColor="EEF3F8")
    commune = f" {profile.commune.upper()}" if profile.commune else ""
    period = form.period
    lines = (tr("Phụ lục 01b"), tr("THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH"),
             tr("CỦA UBND XÃ{c}", c=commune),
             tr("Kỳ báo cáo: {p} (số liệu từ ngày {a} đến ngày {b})", p=period.title, a=format_date(period.start_on),
                b=format_date(period.end_on)))
    for row, text in enumerate(lines, start=1):
        sheet.cell(row=row, column=1, value=text).font = italic if row == 4 else bold
        sheet.cell(row=row, column=1).alignment = center
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(HEADERS))
    top, sub = 6, 7
    for col, header in enumerate(HEADERS, start=1):
        if col in (3, 4):
            continue
        sheet.cell(row=top, column=col, value=header)
        sheet.merge_cells(start_row=top, start_column=col, end_row=sub, end_column=col)
    sheet.cell(row=top, column=3, value=tr("Kết quả thống kê"))
    sheet.merge_cells(start_row=top, start_column=3, end_row=top, end_column=4)
    sheet.cell(row=sub, column=3, value=tr("Đơn vị tính"))
    sheet.cell(row=sub, column=4, value=tr("Số liệu"))
    sheet.cell(row=sub, column=8, value=CODE_HEADER)
    sheet.cell(row=sub, column=9, value=EXPORTED_HEADER)
    for row in (top, sub):
        for col in range(1, len(HEADERS) + 1):
            cell = sheet.cell(row=row, column=col)
            cell.font, cell.alignment, cell.border = bold, center, border
    for col, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    rows = {ind.code: FIRST_ROW + i for i, ind in enumerate(form.indicators)}
    formulas: set[tuple[str, str]] = set()     # the form's own formulas; everything else typed is text
    yes_no = DataValidation(type="list", formula1='"0,1"', allow_blank=True)
    sheet.add_data_validation(yes_no)
    for ind in form.indicators:
        cell_state = form.cells[ind.code]
        row = rows[ind.code]
        unit = ind.unit
        if ind.kind == YESNO:
            unit = tr("{no} = 0; {yes} = 1", no=ind.no_label, yes=ind.yes_label)
        values = [ind.stt, ind.name, unit, None, ind.lead, ind.coordinator, cell_state.entry.comment]
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=col, value=value if value != "" else None)
            cell.font = bold if ind.kind == GROUP else normal
            cell.border = border
            cell.alignment = center if col in (1, 3, 4) else wrap
        value_cell = sheet.cell(row=row, column=4)
        if ind.kind in COMPUTED_KINDS and ind.formula:
            expression, refs = _excel(parse(ind.formula), rows)
            blanks = ",".join(f'{r}=""' for r in dict.fromkeys(refs))
            value_cell.value = f'=IF(OR({blanks}),"",{expression})'
            formulas.add((sheet.title, value_cell.coordinate))
            value_cell.number_format = "0.00" if ind.kind == "ratio" else "#,##0"
            value_cell.fill = computed_fill
        elif ind.enterable:
            if cell_state.entry.raw not in (None, ""):
                value_cell.value = cell_state.entry.value if cell_state.entry.value is not None \
                    else cell_state.entry.raw
            elif cell_state.computed and cell_state.value is not None:
                value_cell.value = cell_state.value  # from the task register
                value_cell.fill = computed_fill
            value_cell.number_format = "#,##0.##" if ind.kind != YESNO else "0"
            if ind.kind == YESNO:
                yes_no.add(value_cell)
        sheet.cell(row=row, column=8, value=ind.code)
        exported = cell_state.entry.raw
        sheet.cell(row=row, column=9, value=exported if exported not in (None, "") else None)
    sheet.column_dimensions["H"].hidden = True
    sheet.column_dimensions["I"].hidden = True
    sheet.freeze_panes = f"A{FIRST_ROW}"
    print_a4_landscape(sheet, f"{top}:{sub}")
    from cchc_desktop.workbooks import finish
    finish(book, formulas)
    book.save(str(path))

