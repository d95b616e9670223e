"""Issue 14.4: every workbook row is as tall as its wrapped text, so LibreOffice and Excel show each cell
whole (LibreOffice drew wrapped cells over each other when no height was set)."""
from __future__ import annotations

import openpyxl
from openpyxl.styles import Alignment, Font

from cchc_desktop.workbooks import LINE_HEIGHT, _lines, fit_row_heights


def test_lines_break_at_words_and_inside_words_too_long():
    assert _lines("ngắn", 20, 11) == 1
    assert _lines("một hai ba bốn năm sáu bảy tám chín mười", 10, 11) >= 4
    assert _lines("dòng một\ndòng hai\n\ndòng bốn", 40, 11) == 4
    assert _lines("x" * 100, 10, 11) >= 9


def test_rows_take_the_height_of_their_tallest_wrapped_cell(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.column_dimensions["A"].width = 10
    sheet.column_dimensions["B"].width = 40
    wrap = Alignment(wrap_text=True)
    long_text = "Rà soát, đánh giá thủ tục hành chính thuộc thẩm quyền giải quyết của UBND xã " * 3
    for row, (a, b) in enumerate((("1", "ngắn"), ("2", long_text), ("3", long_text + "\n" + long_text)), start=1):
        for column, value in ((1, a), (2, b)):
            cell = sheet.cell(row=row, column=column, value=value)
            cell.alignment, cell.font = wrap, Font(size=11)
    sheet.cell(row=4, column=1, value=long_text).alignment = wrap
    sheet.merge_cells("A4:B4")                       # a merged cell wraps at the merged width
    fit_row_heights(sheet)
    heights = [sheet.row_dimensions[r].height for r in range(1, 5)]
    assert heights[0] < heights[1] < heights[2]
    assert heights[1] >= 3 * 11 * LINE_HEIGHT          # ~240 characters in 40: at least 6 lines, surely 3
    assert heights[3] < heights[1]                      # 50 characters wide, not 10


def test_a_formula_is_measured_by_its_result_not_its_own_text():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.column_dimensions["A"].width = 12
    sheet["A1"] = '=IF(OR(D68="",D69="",D70=""),"",ROUND(D68/(D69+D70)*100,1))'
    sheet["A1"].alignment = Alignment(wrap_text=True)
    fit_row_heights(sheet)
    assert sheet.row_dimensions[1].height is None
