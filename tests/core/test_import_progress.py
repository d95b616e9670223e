"""The "Tiến độ (%)" column of a file the units send back: read as the number it is, or left blank with a
warning — never digits glued together ("12,5%" was read as 125 and capped to 100, "50-60%" as 100)."""
from __future__ import annotations

import pytest

from tests.core.test_hand_mutations import LEAD, _preview

WHERE = "Bảng 1 (trang tính “Sheet”), dòng 3"


def _read(tmp_path, cell):
    preview = _preview(tmp_path, ["1", "Rà soát văn bản quy phạm pháp luật", LEAD, "Quý II/2026", "Đang thực hiện",
                                  cell, "", ""])
    [task] = preview.tasks
    return task.progress, [w for w in preview.warnings if "tiến độ" in w]


@pytest.mark.parametrize(("cell", "progress"), [("60", 60), ("60%", 60), ("60 %", 60), (60, 60), ("100%", 100),
                                                ("0", 0), ("12,5%", 13), ("12,4 %", 12), ("Đạt 80% (ngày 15/3)", 80)])
def test_a_progress_that_is_one_clear_percent_is_read_without_a_warning(tmp_path, cell, progress):
    assert _read(tmp_path, cell) == (progress, [])


@pytest.mark.parametrize("cell", ["50-60%", "gần xong", "Đạt 50% đợt 1, 30% đợt 2", "-20%"])
def test_a_progress_that_is_not_one_percent_is_left_blank_and_said(tmp_path, cell):
    progress, warnings = _read(tmp_path, cell)
    assert progress is None
    assert warnings == [f"{WHERE}: không hiểu tiến độ “{cell}”; để trống, hãy nhập lại sau khi nhập kế hoạch."]


def test_a_progress_past_one_hundred_is_taken_as_one_hundred_and_said(tmp_path):
    assert _read(tmp_path, "150%") == (100, [f"{WHERE}: tiến độ “150%” vượt quá 100 %; tính là 100 %."])


def test_a_fraction_from_a_percent_formatted_cell_is_read_as_a_percent_and_said(tmp_path):
    assert _read(tmp_path, 0.6) == (60, [f"{WHERE}: tiến độ “0.6” được hiểu là 60 %; hãy kiểm tra lại."])
