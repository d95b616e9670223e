"""parse_deadline against every distinct deadline text in the four seed plans."""
from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_desktop.deadlines import parse_deadline
from tests.conftest import SEEDS


def summary(text: str, year: int = 2026) -> list[str]:
    """A compact, readable rendering of the parse to compare against the table."""
    out = []
    for p in parse_deadline(text, year).parts:
        label = f"{p.label} | " if p.label else ""
        if p.kind == "due":
            body = f"due {p.end}"
        elif p.kind == "window":
            body = f"window {p.start}..{p.end}"
        elif p.kind == "recurring":
            body = f"recurring {p.frequency}" + (f" {','.join(p.periods)}" if p.periods else "")
            body += f" {p.end}" if p.end else ""
        elif p.kind == "no_fixed_date":
            body = f"no_fixed_date {p.reason}"
        else:
            body = "unknown" + (f": {p.reason}" if p.reason else "")
        out.append(label + body)
    return out


UL = '<ul style="list-style-type: none"> '

# (seed, verbatim text, expected parts). Seed "doc" = phrases listed in domain.md.
TABLE = [
    # seed 000 (Đình Lập, PAR Index plan); "Trong năm" is a cell cut by a page break
    ("000", "Trong năm 2026", ["window 2026-01-01..2026-12-31"]),
    ("000", "Trong năm", ["window 2026-01-01..2026-12-31"]),
    # seed 001 (Sơn Vĩ, text extracted from PDF)
    ("001", "Trước 14/12/2025", ["due 2025-12-13"]),
    ("001", "Tháng 01/2026", ["window 2026-01-01..2026-01-31"]),
    ("001", "Tháng \n\n01/2026", ["window 2026-01-01..2026-01-31"]),
    ("001", "Hằng quý, năm", ["recurring quarterly", "recurring yearly"]),
    ("001", "Thường xuyên", ["recurring continuous"]),
    ("001", "Quý I, II/2026", ["window 2026-01-01..2026-06-30"]),
    ("001", "Quý II, III/2026", ["window 2026-04-01..2026-09-30"]),
    ("001", "Quý I/2026", ["window 2026-01-01..2026-03-31"]),
    ("001", "6 tháng, 1 năm", ["recurring reporting_periods H1,Y"]),
    ("001", "Quý IV/2026", ["window 2026-10-01..2026-12-31"]),
    ("001", "Định kỳ", ["recurring periodic"]),
    # seed 003 (Hoàng Sơn, one appendix per domain)
    ("003", "- Hàng năm.", ["recurring yearly"]),
    ("003", "- Kế hoạch của UBND xã: Chậm nhất trong Quý I/2026. - Báo cáo kết quả thực hiện: Tháng 11/2026.",
     ["Kế hoạch của UBND xã | due 2026-03-31",
      "Báo cáo kết quả thực hiện | window 2026-11-01..2026-11-30"]),
    ("003", "- Kế hoạch kiểm tra, rà soát văn bản QPPL: chậm nhất trong Quý I/2026. - Báo cáo kết quả rà soát: "
            "thực hiện theo quy định về công tác thống kê, báo cáo của tỉnh.",
     ["Kế hoạch kiểm tra, rà soát văn bản QPPL | due 2026-03-31",
      "Báo cáo kết quả rà soát | no_fixed_date regulation"]),
    ("003", "- Năm 2026.", ["window 2026-01-01..2026-12-31"]),
    ("003", "- Quý I/2026.", ["window 2026-01-01..2026-03-31"]),
    ("003", "- Theo hướng dẫn của Bộ Nội vụ.", ["no_fixed_date guidance"]),
    ("003", "- Thường xuyên.", ["recurring continuous"]),
    ("003", "- Triển khai: Quý I/2026. hàng năm.",
     ["Triển khai | window 2026-01-01..2026-03-31", "Triển khai | recurring yearly"]),
    ("003", UL + "- Báo cáo kết quả thực hiện: Định kỳ hàng Quý hoặc đột xuất theo quy định.",
     ["Báo cáo kết quả thực hiện | recurring quarterly", "Báo cáo kết quả thực hiện | recurring ad_hoc"]),
    ("003", UL + "- Báo cáo tự chấm điểm của các phòng chuyên môn, TTPVHCC: Trước ngày 31/11/2026; "
                 "- Báo cáo tổng hợp chỉ số cải cách hành chính toàn xã: 05/12/2026.",
     ["Báo cáo tự chấm điểm của các phòng chuyên môn, TTPVHCC | unknown: ngày 31/11/2026 không có trên lịch",
      "Báo cáo tổng hợp chỉ số cải cách hành chính toàn xã | due 2026-12-05"]),
    ("003", UL + "- Kế hoạch cải cách hành chính năm UBND xã: Trước ngày 05/01 hằng năm. - Báo cáo kết quả "
                 "thực hiện của các cơ quan, đơn vị: Định kỳ hằng Quý hoặc đột xuất theo quy định",
     ["Kế hoạch cải cách hành chính năm UBND xã | recurring yearly 2026-01-04",
      "Báo cáo kết quả thực hiện của các cơ quan, đơn vị | recurring quarterly",
      "Báo cáo kết quả thực hiện của các cơ quan, đơn vị | recurring ad_hoc"]),
    ("003", UL + "- Kế hoạch kiểm tra: quý I/2026. - Báo cáo kết quả thực hiện: tháng 11/2026.",
     ["Kế hoạch kiểm tra | window 2026-01-01..2026-03-31",
      "Báo cáo kết quả thực hiện | window 2026-11-01..2026-11-30"]),
    ("003", UL + "- Văn bản triển khai: ngay sau khi có chỉ đạo của Chính phủ; Thủ tướng Chính phủ. "
                 "- Báo cáo kết quả thực hiện cùng báo cáo CCHC định kỳ hằng quý.",
     ["Văn bản triển khai | no_fixed_date event", "recurring quarterly"]),
    ("003", "Năm 2026.", ["window 2026-01-01..2026-12-31"]),
    ("003", "Quý II/2026.", ["window 2026-04-01..2026-06-30"]),
    ("003", "Theo Kế hoạch số 101/KH-UBND tỉnh.", ["no_fixed_date upper_plan"]),
    ("003", "Theo kế hoạch của Tỉnh ủy, UBND các cấp.", ["no_fixed_date upper_plan"]),
    ("003", "Thường xuyên.", ["recurring continuous"]),
    ("003", "Thường xuyên. - Báo cáo kết quả: Quý IV/2026.",
     ["recurring continuous", "Báo cáo kết quả | window 2026-10-01..2026-12-31"]),
    ("003", "Định kỳ hàng quý.", ["recurring quarterly"]),
    # seed 004 (Vĩnh Lộc, the demo plan)
    ("004", "Trước ngày 10/01/2026", ["due 2026-01-09"]),
    ("004", "Theo yêu cầu của Sở Nội vụ", ["no_fixed_date on_request"]),
    ("004", "Quý IV/2026", ["window 2026-10-01..2026-12-31"]),
    ("004", "Quý I/2026", ["window 2026-01-01..2026-03-31"]),
    ("004", "Cả năm 2026", ["window 2026-01-01..2026-12-31"]),
    ("004", "Theo hướng dẫn của Sở Nội vụ", ["no_fixed_date guidance"]),
    ("004", "Quý I năm 2026", ["window 2026-01-01..2026-03-31"]),
    ("004", "Thường xuyên", ["recurring continuous"]),
    ("004", "Theo hướng dẫn của Trung ương và Kế hoạch của UBND tỉnh", ["no_fixed_date guidance"]),
    ("004", "Trong năm 2026", ["window 2026-01-01..2026-12-31"]),
    ("004", "Theo Kế hoạch và Công văn của tỉnh", ["no_fixed_date upper_plan"]),
    ("004", "Tháng 01-03/2026", ["window 2026-01-01..2026-03-31"]),
    ("004", "Tháng 7-10/2026", ["window 2026-07-01..2026-10-31"]),
    # phrases the domain notes list
    ("doc", "Chậm nhất trong Quý I/2026", ["due 2026-03-31"]),
    ("doc", "Hàng năm", ["recurring yearly"]),
    ("doc", "Quý I, 6 tháng, quý III và tổng kết năm", ["recurring reporting_periods Q1,H1,Q3,Y"]),
    ("doc", "Theo lộ trình giai đoạn 2026 - 2030", ["window 2026-01-01..2030-12-31"]),
    ("doc", "Năm 2026", ["window 2026-01-01..2026-12-31"]),
    ("doc", "Thường xuyên. - Báo cáo kết quả: Quý IV/2026",
     ["recurring continuous", "Báo cáo kết quả | window 2026-10-01..2026-12-31"]),
]


@pytest.mark.parametrize(("seed", "text", "expected"), TABLE, ids=[f"{s}:{t[:40]}" for s, t, _ in TABLE])
def test_seed_deadline_phrases(seed, text, expected):
    assert summary(text) == expected
    assert parse_deadline(text, 2026).text == text  # kept verbatim


def _tsv_deadline_cells(name: str, column: int) -> set[str]:
    """Deadline cells of the task appendix (seed 004's statistics form "Phụ lục 01b" excluded)."""
    cells = set()
    text = (SEEDS / name).read_text(encoding="utf-8").split("\nPhụ lục 01b")[0]
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) > column and re.match(r"^\s*\d+\.?\s*$", parts[0]) and parts[column].strip():
            cells.add(parts[column].strip())
    return cells


SEED_001_DEADLINES = {"Trước 14/12/2025", "Tháng 01/2026", "Hằng quý, năm", "Thường xuyên", "Quý I, II/2026",
                      "Quý II, III/2026", "Quý I/2026", "6 tháng, 1 năm", "Quý IV/2026", "Định kỳ"}


def test_table_covers_every_deadline_in_the_seeds():
    found = (_tsv_deadline_cells("000_6e2be833faf95f3b.txt", 4)
             | _tsv_deadline_cells("003_d94acb5e5da1ddce.txt", 5)
             | _tsv_deadline_cells("004_af92c9f39506e254.txt", 4))
    seed_001 = (SEEDS / "001_b821c13b2d9249b6.txt").read_text(encoding="utf-8")
    for phrase in SEED_001_DEADLINES:  # a PDF extract: check the phrases really occur there
        assert phrase in seed_001, phrase
    in_table = {text for _, text, _ in TABLE}
    assert len(found) >= 30
    assert sorted(found - in_table) == []
    assert SEED_001_DEADLINES <= in_table


def test_derived_dates():
    d = parse_deadline("- Kế hoạch của UBND xã: Chậm nhất trong Quý I/2026. - Báo cáo kết quả thực hiện: "
                       "Tháng 11/2026.", 2026)
    assert d.kind == "multiple" and d.understood
    assert d.due == date(2026, 11, 30)  # the last dated part
    assert d.next_due(date(2026, 2, 1)) == date(2026, 3, 31)
    assert d.next_due(date(2026, 4, 1)) == date(2026, 11, 30)
    assert d.next_due(date(2026, 12, 1)) is None


def test_recurring_next_occurrence():
    assert parse_deadline("Hằng quý, năm", 2026).next_due(date(2026, 5, 10)) == date(2026, 6, 30)
    assert parse_deadline("6 tháng, 1 năm", 2026).next_due(date(2026, 7, 1)) == date(2026, 12, 31)
    assert parse_deadline("Thường xuyên", 2026).next_due(date(2026, 7, 1)) is None
    yearly = parse_deadline("Trước ngày 05/01 hằng năm", 2026)
    assert yearly.next_due(date(2026, 3, 1)) == date(2027, 1, 4)


def test_unknown_text_is_kept_and_flagged():
    d = parse_deadline("Khi nào xong thì báo", 2026)
    assert not d.understood and d.kind == "unknown" and d.due is None
    assert d.parts[0].text == "Khi nào xong thì báo"
    assert "chưa hiểu" in d.describe()


def test_invalid_calendar_date_is_not_guessed():
    d = parse_deadline("Trước ngày 31/11/2026", 2026)
    assert not d.understood and d.due is None
    assert "không có trên lịch" in d.describe()


def test_blank_means_no_deadline():
    d = parse_deadline("  ", 2026)
    assert d.parts == () and d.kind == "none" and d.due is None


def test_year_comes_from_plan_when_missing():
    assert summary("Tháng 11", 2027) == ["window 2027-11-01..2027-11-30"]
    assert summary("Quý II", 2027) == ["window 2027-04-01..2027-06-30"]


def test_describe_is_vietnamese():
    assert parse_deadline("Quý I/2026", 2026).describe() == "từ 01/01/2026 đến 31/03/2026"
    assert parse_deadline("Trước ngày 10/01/2026", 2026).describe() == "hạn chót 09/01/2026"


def test_json_shape():
    data = parse_deadline("Thường xuyên. - Báo cáo kết quả: Quý IV/2026.", 2026).to_json()
    assert data["understood"] is True and data["kind"] == "multiple" and data["due"] == "2026-12-31"
    assert data["parts"][1] == {"kind": "window", "text": "Quý IV/2026", "label": "Báo cáo kết quả",
                                "start": "2026-10-01", "end": "2026-12-31"}


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=200), st.integers(min_value=2000, max_value=2100))
def test_never_raises_and_keeps_text(text, year):
    d = parse_deadline(text, year)
    assert d.text == text
    for part in d.parts:
        assert part.kind in {"due", "window", "recurring", "no_fixed_date", "unknown"}
        if part.start and part.end:
            assert part.start <= part.end
    d.describe()
    d.to_json()


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 28), st.integers(1, 12), st.integers(2000, 2100))
def test_any_real_date_reads_back(day, month, year):
    before = date.fromordinal(date(year, month, day).toordinal() - 1)   # "Trước ngày X": the day before X
    assert parse_deadline(f"Trước ngày {day:02d}/{month:02d}/{year}", 2026).due == \
        (before if before.year >= 2000 else None)                       # 31/12/1999 is outside 2000–2100


def test_a_deadline_pasted_from_a_web_page_reads_as_its_text():
    """Tags and entities ("&nbsp;", "&amp;") of a pasted web page are read as the text they show."""
    plain = summary("Trước ngày 15/02/2026 - Quý II/2026")
    assert summary("Trước&nbsp;ngày <b>15/02/2026</b> &#8211; Quý&nbsp;II/2026") == plain
    assert parse_deadline("Quý III &amp; Quý IV/2026", 2026).due == parse_deadline("Quý III và Quý IV/2026", 2026).due


def test_month_lengths_are_the_calendars():
    import calendar

    from cchc_desktop.deadlines import _last_day
    assert all(_last_day(y, m) == calendar.monthrange(y, m)[1] for y in range(1999, 2102) for m in range(1, 13))
    for month in (0, 13):
        with pytest.raises(ValueError, match=f"bad month number {month}; must be 1-12"):
            _last_day(2026, month)
