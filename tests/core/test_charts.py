"""Charts (issue 17, items 4–7): described once from the data, laid out once, drawn as SVG for the screen and
with reportlab for paper — the same bars and words; in the periodic report as an appendix (a choice kept
per report) and as the overview's one page for a meeting."""
from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date

import docx
import openpyxl
import pytest
from pypdf import PdfReader

from cchc_desktop.charts import metrics
from cchc_desktop.charts.layout import Box, Line, Text, layout, natural_height
from cchc_desktop.charts.model import (DONE_COLOUR, HATCH, IN_PROGRESS_COLOUR, NOT_STARTED_COLOUR,
                                       PERIOD_COLOURS, Bar, Chart, Segment, Series, luminance)
from cchc_desktop.charts.overview import UnitCount, overdue_chart
from cchc_desktop.charts.svg import to_svg
from cchc_desktop.errors import ValidationError
from cchc_desktop.model import DONE, IN_PROGRESS, NOT_STARTED, SUSPENDED, TaskInput

SVG = "{http://www.w3.org/2000/svg}"
TODAY = date(2026, 11, 25)


@pytest.fixture
def charts(session, demo):
    return {c.key: c for c in session.overview.charts(demo)}


# ---------------------------------------------------------------------------- the descriptions, from the data

def test_completion_counts_every_task_by_domain_and_status_as_the_summary_table(session, demo, charts):
    overview = session.overview.build(demo)
    chart = charts["completion"]
    statuses = (DONE, IN_PROGRESS, NOT_STARTED, SUSPENDED)
    expected = {f"{s.domain.code}. {s.domain.short}": s.counts for s in overview.domains if s.total}
    got = {bar.label: {statuses[seg.series]: seg.value for seg in bar.segments} for bar in chart.bars}
    assert set(got) == set(expected)
    for label, counts in expected.items():
        assert got[label] == {k: v for k, v in counts.items() if v}, label
        done, total = counts[DONE], sum(counts.values())
        bar = next(b for b in chart.bars if b.label == label)
        assert bar.note.startswith(f"{done}/{total} (")
    first = chart.bars[0]
    assert first.target == ("domain", "PAR", "I", "")
    assert {seg.target[3] for seg in first.segments} <= set(statuses)


def test_overdue_by_lead_unit_matches_the_overdue_list(session, demo, charts):
    # two more overdue tasks: one led by two units, one without a lead unit
    units = session.units.list()
    session.tasks.add(TaskInput(demo, "PAR", "II", "Rà soát văn bản quá hạn", deadline_text="Quý I/2026",
                                lead_ids=[units[0].id, units[1].id]))
    session.tasks.add(TaskInput(demo, "PAR", "III", "Nhiệm vụ chưa phân công", deadline_text="Quý II/2026"))
    overview = session.overview.build(demo)
    per_unit = Counter(u.id for r in overview.overdue for u in r.leads)
    per_unit.update(None for r in overview.overdue if not r.leads)
    chart = {c.key: c for c in session.overview.charts(demo)}["overdue"]
    got = {bar.target[1]: bar.total for bar in chart.bars}
    assert got == {(unit,): n for unit, n in per_unit.items()}
    assert f"Tổng số: {len(overview.overdue)} nhiệm vụ quá hạn." in chart.caption
    assert "được tính cho từng đơn vị" in chart.caption          # the task led by two units
    assert any(bar.label == "Chưa phân công chủ trì" for bar in chart.bars)
    totals = [bar.total for bar in chart.bars]
    assert totals == sorted(totals, reverse=True)               # the unit with most overdue tasks first


def test_many_units_share_one_last_bar():
    units = [UnitCount(i, f"Đơn vị số {i}", "", 20 - i) for i in range(1, 13)]
    chart = overdue_chart(units, 100)
    assert len(chart.bars) == 9
    assert chart.bars[-1].label == "Các đơn vị khác (4)"
    assert chart.bars[-1].target == ("overdue", (9, 10, 11, 12))
    assert chart.bars[-1].total == sum(u.tasks for u in units[8:])


def test_indicators_across_the_periods_are_the_forms_values(session, demo, charts):
    chart = charts["indicators"]
    periods = session.periods.list(2026)
    assert chart.percent
    assert chart.groups[0] == "Tỷ lệ hồ sơ đã tiếp nhận được giải quyết đúng hạn"     # III.4.4 first
    assert chart.groups[1:] == ["Tỷ lệ sử dụng văn bản điện tử của đơn vị", "Tỷ lệ hồ sơ trực tuyến toàn trình"]
    for bar in chart.bars:
        kind, period_id, code = bar.target
        assert kind == "indicator"
        period = next(p for p in periods if p.id == period_id)
        value = session.statistics.form_values(period)[code]
        if value is None:
            assert not bar.has_value and bar.blank == "chưa có số liệu"
        else:
            assert bar.total == pytest.approx(value)
    on_time = [b for b in chart.bars if b.target[2] == "III.4.4"]
    assert [b.label for b in on_time] == ["Quý I", "6 tháng", "Quý III", "Năm"]
    assert chart.note_of(on_time[0]) == "99,3 %"


def test_the_main_indicators_are_the_preferred_ones_with_values_else_any_percentage():
    from cchc_desktop.charts.overview import PeriodValues, pick_indicators
    candidates = [("A.1", "Tỷ lệ một"), ("III.4.4", "Đúng hạn"), ("B.2", "Tỷ lệ hai"), ("VII.2", "Văn bản điện tử"),
                  ("C.3", "Tỷ lệ ba")]
    periods = [PeriodValues(1, "Quý I", {"A.1": 50.0, "III.4.4": 99.0, "VII.2": None, "C.3": 70.0}),
               PeriodValues(2, "6 tháng", {"B.2": None, "C.3": 71.0})]
    # III.4.4 is preferred; VII.2 has no value; then the others with values, in the catalog's order
    assert pick_indicators(candidates, periods) == [("A.1", "Tỷ lệ một"), ("III.4.4", "Đúng hạn"),
                                                    ("C.3", "Tỷ lệ ba")]
    assert pick_indicators(candidates, periods, limit=1) == [("III.4.4", "Đúng hạn")]
    assert pick_indicators(candidates, []) == []


def test_reading_the_charts_never_creates_a_form(session, plan_id):
    """A year without a statistics form yet: the indicators chart says so; nothing is written."""
    before = session.audit.last_id()
    chart = {c.key: c for c in session.overview.charts(plan_id)}["indicators"]
    assert chart.bars == () and chart.empty == "Chưa có số liệu thống kê của năm 2026."
    assert session.audit.last_id() == before


def _percent_chart(*values: float) -> Chart:
    return Chart("x", "Thử", tuple(Bar(f"Kỳ {i}", (Segment(0, v),)) for i, v in enumerate(values)),
                 (Series("a", "#000000"),), percent=True)


def test_numbers_are_written_the_vietnamese_way():
    chart = _percent_chart(95.5, 99.34, 100)
    assert chart.value_text(95.5) == "95,5 %"
    assert chart.value_text(99.34) == "99,3 %"
    assert chart.value_text(100) == "100,0 %"
    assert chart.value_text(100, tick=True) == "100 %"             # the axis: round numbers
    assert Chart("y", "Thử", (), ()).value_text(1234) == "1.234"


def test_every_value_of_a_chart_has_the_same_decimals():
    """Found by a fresh tester: 98,98 % printed "99 %" beside "99,3 %"."""
    chart = _percent_chart(98.98, 99.3)
    assert [chart.note_of(bar) for bar in chart.bars] == ["99,0 %", "99,3 %"]
    assert [_percent_chart(25, 50).note_of(bar) for bar in _percent_chart(25, 50).bars] == ["25 %", "50 %"]


def test_completion_notes_group_thousands_and_share_their_decimals():
    """Found by a fresh tester: "375/1500 (25 %)" beside an axis reading "1.500"."""
    from cchc_desktop.charts.overview import completion_chart
    from cchc_desktop.model import Domain
    domains = [Domain("PAR", "I", "Cải cách thể chế", "Thể chế", 1), Domain("PAR", "II", "Cải cách TTHC", "TTHC", 2)]
    chart = completion_chart(domains, {("PAR", "I"): {DONE: 375, NOT_STARTED: 1125},
                                       ("PAR", "II"): {DONE: 1, NOT_STARTED: 2}})
    assert [bar.note for bar in chart.bars] == ["375/1.500 (25,0 %)", "1/3 (33,3 %)"]
    scene = layout(chart, 900, 400, 12)
    assert "1.500" in scene.texts() and "1500" not in " ".join(scene.texts())


def test_the_palette_reads_in_grey_and_for_colour_blind_readers():
    """Statuses differ in lightness (done darkest), the suspended ones are hatched; periods darken in order."""
    greys = [luminance(c) for c in (NOT_STARTED_COLOUR, IN_PROGRESS_COLOUR, DONE_COLOUR)]
    assert greys[0] - greys[1] > 0.2 and greys[1] - greys[2] > 0.2
    ramp = [luminance(c) for c in PERIOD_COLOURS]
    assert ramp == sorted(ramp, reverse=True) and min(a - b for a, b in zip(ramp, ramp[1:])) > 0.1
    from cchc_desktop.charts.overview import completion_chart
    chart = completion_chart([], {})
    assert [s.pattern for s in chart.series].count(HATCH) == 1


# ---------------------------------------------------------------------------- one layout, two drawings

def test_font_widths_are_reportlabs():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from cchc_desktop.reports.pdf import FACE, _register_fonts
    _register_fonts()
    for text in ("Trung tâm Phục vụ hành chính công", "Tỷ lệ hồ sơ đúng hạn 99,3 %", "ĐỒNG Ý ữỡẵẫ"):
        assert metrics.text_width(text, 11) == pytest.approx(stringWidth(text, FACE["regular"], 11))
        assert metrics.text_width(text, 9, bold=True) == pytest.approx(stringWidth(text, FACE["bold"], 9))


def _svg_shapes(svg: str):
    root = ET.fromstring(svg)
    rects = [(float(e.get("x")), float(e.get("y")), float(e.get("width")), float(e.get("height")), e.get("fill"))
             for e in root.iter(f"{SVG}rect")]
    texts = [(e.text, float(e.get("x")), float(e.get("y"))) for e in root.iter(f"{SVG}text")]
    lines = len(list(root.iter(f"{SVG}line")))
    return rects, texts, lines


def _drawing_shapes(drawing):
    from reportlab.graphics.shapes import Line as RLLine
    from reportlab.graphics.shapes import Rect, String
    height = drawing.height
    rects, texts, lines = [], [], 0
    for shape in drawing.contents:
        if isinstance(shape, Rect):
            fill = "#" + shape.fillColor.hexval()[2:].lower()
            rects.append((shape.x, height - shape.y - shape.height, shape.width, shape.height, fill))
        elif isinstance(shape, String):
            texts.append((shape.text, shape.x, height - shape.y))
        elif isinstance(shape, RLLine):
            lines += 1
    return rects, texts, lines


@pytest.mark.parametrize("key", ["completion", "overdue", "indicators"])
def test_screen_and_paper_draw_the_same_bars_and_words(charts, key):
    from cchc_desktop.charts.drawing import to_drawing
    scene = layout(charts[key], 520, 360, 11)
    svg_rects, svg_texts, svg_lines = _svg_shapes(to_svg(scene))
    rl_rects, rl_texts, rl_lines = _drawing_shapes(to_drawing(scene))
    assert svg_lines == rl_lines
    assert len(svg_rects) == len(rl_rects) and len(svg_texts) == len(rl_texts)
    for a, b in zip(svg_rects, rl_rects):
        assert a[:4] == pytest.approx(b[:4], abs=0.01) and a[4] == b[4]
    for a, b in zip(svg_texts, rl_texts):
        assert a[0] == b[0] and a[1:] == pytest.approx(b[1:], abs=0.01)
    words = " ".join(t[0] for t in svg_texts)
    assert charts[key].title in words
    for bar in charts[key].bars:
        assert charts[key].note_of(bar) in words or bar.blank in words


def _label_boxes(scene):
    return [(t, t.x - metrics.text_width(t.text, t.size, t.bold, t.italic) if t.anchor == "end" else t.x)
            for t in scene.items if isinstance(t, Text)]


@pytest.mark.parametrize("size", [(300, 260), (420, 330), (640, 420), (1200, 700)])
def test_no_word_leaves_the_chart_and_category_labels_never_reach_the_bars(size):
    long_names = ["Ban chỉ đạo thực hiện Đề án phát triển ứng dụng dữ liệu dân cư, định danh và xác thực điện tử "
                  "phục vụ chuyển đổi số quốc gia xã", "Trung tâm Phục vụ hành chính công", "Công an xã",
                  "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã"]
    units = [UnitCount(i, name, "BCĐ06" if i == 0 else "", 9 - i) for i, name in enumerate(long_names)]
    chart = overdue_chart(units, 30)
    width, height = size
    scene = layout(chart, width, height, 12)
    bar_left = min(b.x for b in scene.boxes())
    for text, left in _label_boxes(scene):
        right = left + metrics.text_width(text.text, text.size, text.bold, text.italic)
        assert left >= -0.5 and right <= width + 0.5, text.text
        if text.anchor == "end":            # a category label: left of the bars
            assert right <= bar_left, text.text
    labels = [t.text for t in scene.items if isinstance(t, Text) and t.anchor == "end"]
    assert any(label in ("BCĐ06", ) or label.endswith("…") or "Ban chỉ đạo" in label for label in labels)
    tips = [h.tooltip for h in scene.hits]
    assert any(long_names[0] in tip for tip in tips)           # the whole name stays in the tooltip


def test_a_box_too_small_makes_the_text_smaller_not_the_rows_overlap(charts):
    chart = charts["indicators"]
    roomy = layout(chart, 500, 2000, 12)
    tight = layout(chart, 500, 240, 12)
    assert roomy.scale == 1 and tight.scale < 1
    bars = sorted((b for b in tight.boxes() if b.h > 3 and b.stroke), key=lambda b: b.y)     # not a label's patch
    for upper, lower in zip(bars, bars[1:]):
        assert upper.y + upper.h <= lower.y + 0.01
    assert natural_height(chart, 500, 12) < 2000


def test_no_gridline_crosses_a_value_written_after_a_bar():
    """Found by a fresh tester: "2/6 (33,3 %)" after a bar was crossed by the grid's lines."""
    from cchc_desktop.charts.layout import BACKGROUND, GRID
    chart = Chart("g", "Thử", (Bar("A", (Segment(0, 2), Segment(1, 4)), note="2/6 (33,3 %)"), Bar("B", (Segment(0, 1),), note="1/1 (100 %)"),
                               Bar("C", (), blank="chưa có số liệu")),
                  (Series("a", "#0072b2"), Series("b", "#e0e0e0")), stacked=True)
    scene = layout(chart, 700, 300, 12)
    items = scene.items
    for label in ("2/6 (33,3 %)", "1/1 (100 %)", "chưa có số liệu"):
        index, text = next((i, t) for i, t in enumerate(items) if isinstance(t, Text) and t.text == label)
        patch = items[index - 1]           # a patch of the background right under the words, over the grid
        assert isinstance(patch, Box) and patch.fill == BACKGROUND and not patch.stroke
        right = text.x + metrics.text_width(text.text, text.size, text.bold, text.italic)
        assert patch.x <= text.x and right <= patch.x + patch.w and patch.y <= text.y <= patch.y + patch.h
        grid = [i for i, line in enumerate(items) if isinstance(line, Line) and line.colour == GRID]
        assert max(grid) < index - 1        # the grid is painted first


def test_hatched_parts_keep_their_lines_inside():
    chart = Chart("h", "Thử", (Bar("A", (Segment(0, 3), Segment(1, 2))),),
                  (Series("a", "#0072b2"), Series("b", "#ffffff", HATCH)), stacked=True)
    scene = layout(chart, 400, 200, 12)
    hatched = [b for b in scene.boxes() if b.fill == "#ffffff" and b.stroke]      # the legend's and the bar's
    assert len(hatched) == 2
    lines = [i for i in scene.items if isinstance(i, Line) and i.colour == "#707070"]
    assert lines

    def inside(box, x, y):
        return box.x - 0.01 <= x <= box.x + box.w + 0.01 and box.y - 0.01 <= y <= box.y + box.h + 0.01

    for line in lines:
        assert any(inside(box, line.x1, line.y1) and inside(box, line.x2, line.y2) for box in hatched)
    assert any(isinstance(i, Box) and i.fill == "#ffffff" and not i.stroke for i in scene.items)  # under the "2"


# ---------------------------------------------------------------------------- in the periodic report

def _pdf_text(data: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split()), len(reader.pages)


def test_the_chart_appendix_is_chosen_per_report_and_remembered(session, demo, workspace):
    q1, q3 = session.periods.by_key("2026-Q1"), session.periods.by_key("2026-Q3")
    assert session.reports.draft(demo, "periodic", q1.id).with_charts is False      # not unless asked
    session.reports.save_with_charts(demo, "periodic", q1.id, True)
    from cchc_desktop.workspace import Clock
    with workspace.session(Clock(TODAY)) as other:
        assert other.reports.draft(demo, "periodic", q1.id).with_charts is True
        assert other.reports.draft(demo, "periodic", q3.id).with_charts is False    # another report: its own
        assert "appendix.charts" not in other.reports.draft(demo, "periodic", q1.id).sections
        assert "appendix.charts" not in {s.key for s in other.reports.sections(demo, "periodic", q1.id)}
    entries = session.rows("SELECT entity, field, new_value FROM audit_log WHERE field = 'appendix.charts'")
    assert [(e["entity"], e["new_value"]) for e in entries] == [("report_section", "1")]
    session.reports.save_with_charts(demo, "periodic", q1.id, False)
    assert session.reports.draft(demo, "periodic", q1.id).with_charts is False
    with pytest.raises(ValidationError, match="Chỉ báo cáo theo kỳ mới có phụ lục biểu đồ"):
        session.reports.save_with_charts(demo, "tasks", None, True)


def test_the_report_with_charts_has_one_more_page_with_the_charts(session, demo):
    q3 = session.periods.by_key("2026-Q3")
    plain, pages = _pdf_text(session.reports.render(demo, "periodic", q3.id, "pdf")[0])
    session.reports.save_with_charts(demo, "periodic", q3.id, True)
    data, built = session.reports.render(demo, "periodic", q3.id, "pdf")
    text, with_charts = _pdf_text(data)
    assert with_charts == pages + 1
    assert "BIỂU ĐỒ" not in plain
    for expected in ("Phụ lục III", "BIỂU ĐỒ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH QUÝ III NĂM 2026",
                     "(Số liệu tính đến ngày 05/09/2026", "Tiến độ thực hiện nhiệm vụ theo lĩnh vực",
                     "Nhiệm vụ quá hạn theo đơn vị chủ trì", "Một số chỉ tiêu chủ yếu qua các kỳ báo cáo năm 2026",
                     "I. Chỉ đạo, điều hành", "Hoàn thành", "Tỷ lệ hồ sơ đã tiếp nhận được giải quyết đúng hạn",
                     "99,3 %", "Quý III"):
        assert expected in text, expected
    # as of the report's cut-off, and only up to its period
    indicators = next(b.chart for b in built.document.appendices[-1].blocks if hasattr(b, "chart")
                      and b.chart.key == "indicators")
    assert {bar.label for bar in indicators.bars} == {"Quý I", "6 tháng", "Quý III"}
    completion = built.context.facts[None]
    chart = next(b.chart for b in built.document.appendices[-1].blocks if hasattr(b, "chart"))
    assert sum(bar.total for bar in chart.bars) == completion.total


def test_word_and_excel_carry_the_charts_as_pictures(session, demo):
    q1 = session.periods.by_key("2026-Q1")
    session.reports.save_with_charts(demo, "periodic", q1.id, True)
    data, _ = session.reports.render(demo, "periodic", q1.id, "docx")
    document = docx.Document(io.BytesIO(data))
    pictures = document.inline_shapes
    assert len(pictures) == 3
    described = [p._inline.docPr.get("descr") for p in pictures]
    assert described[0].startswith("Tiến độ thực hiện nhiệm vụ theo lĩnh vực\nI. Chỉ đạo, điều hành:")
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Phụ lục III" in text and "BIỂU ĐỒ KẾT QUẢ" in text
    book = openpyxl.load_workbook(io.BytesIO(session.reports.render(demo, "periodic", q1.id, "xlsx")[0]))
    assert "Biểu đồ" in book.sheetnames and len(book["Biểu đồ"]._images) == 3


def test_cli_report_with_charts(tmp_path):
    from tests.core.test_cli import run
    folder = tmp_path / "Dữ liệu xã"
    assert run("demo", data_dir=folder).returncode == 0
    out = tmp_path / "bc.pdf"
    result = run("report", "--period", "2026-Q1", "--charts", "yes", "--out", str(out), data_dir=folder)
    assert result.returncode == 0, result.stderr
    text, _pages = _pdf_text(out.read_bytes())
    assert "Tiến độ thực hiện nhiệm vụ theo lĩnh vực" in text
    again = tmp_path / "bc2.pdf"     # remembered: the next report of that period has them without asking
    assert run("report", "--period", "2026-Q1", "--out", str(again), data_dir=folder).returncode == 0
    assert "Tiến độ thực hiện nhiệm vụ theo lĩnh vực" in _pdf_text(again.read_bytes())[0]


# ---------------------------------------------------------------------------- the overview on one page

def test_the_overview_prints_on_one_page_for_a_meeting(session, demo):
    text, pages = _pdf_text(session.overview.sheet_pdf(demo, TODAY))
    assert pages == 1
    for expected in ("ỦY BAN NHÂN DÂN", "TÌNH HÌNH THỰC HIỆN KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026",
                     "Số liệu đến ngày 25/11/2026: 42 nhiệm vụ, đã hoàn thành 6 (14,3 %)",
                     "Tiến độ thực hiện nhiệm vụ theo lĩnh vực", "Nhiệm vụ quá hạn theo đơn vị chủ trì",
                     "Phòng Văn hóa - Xã hội", "Một số chỉ tiêu chủ yếu qua các kỳ báo cáo năm 2026", "99,2 %"):
        assert expected in text, expected


def test_charts_in_a_pdf_use_only_the_embedded_document_font(session, demo):
    import re
    q1 = session.periods.by_key("2026-Q1")
    session.reports.save_with_charts(demo, "periodic", q1.id, True)
    for data in (session.reports.render(demo, "periodic", q1.id, "pdf")[0], session.overview.sheet_pdf(demo, TODAY)):
        fonts = set(re.findall(rb"/BaseFont\s*/([A-Za-z0-9+\-]+)", data))
        assert fonts and all(b"+" in name for name in fonts), fonts          # subsets embedded; no Helvetica


def test_a_large_plan_still_prints_on_one_page(session, plan_id):
    units = [session.units.add(f"Đơn vị thử nghiệm có tên khá dài số {i}") for i in range(12)]
    for i in range(60):
        session.tasks.add(TaskInput(plan_id, "PAR", ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")[i % 8],
                                    f"Nhiệm vụ {i}", deadline_text="Quý I/2026", lead_ids=[units[i % 12]]))
    _text, pages = _pdf_text(session.overview.sheet_pdf(plan_id, TODAY))
    assert pages == 1


def test_the_overview_page_without_a_commune_profile_reads_well(session, plan_id, tmp_path):
    """Found by a fresh tester: the heading read "ỦY BAN NHÂN DÂN / XÃ" and the date line began with a comma."""
    from cchc_desktop.model import CommuneProfile
    from cchc_desktop.reports import parts
    assert not session.profile.get().commune
    session.tasks.add(TaskInput(plan_id, "PAR", "I", "Kiểm tra công vụ", deadline_text="Quý I/2026"))
    text, pages = _pdf_text(session.overview.sheet_pdf(plan_id, TODAY))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert pages == 1 and "XÃ (CHƯA NHẬP TÊN)" in text
    assert not any(line.startswith(",") for line in lines)
    assert parts.place_date(CommuneProfile(), TODAY, 2026) == "Ngày 25 tháng 11 năm 2026"
    assert parts.issuer_lines(CommuneProfile()) == ["ỦY BAN NHÂN DÂN", "XÃ (CHƯA NHẬP TÊN)"]


def test_the_overview_page_from_the_command_line(tmp_path):
    from tests.core.test_cli import run
    folder = tmp_path / "Dữ liệu"
    assert run("demo", data_dir=folder).returncode == 0
    out = tmp_path / "tong-quan.pdf"
    done = run("overview", "pdf", "--out", str(out), data_dir=folder)
    assert done.returncode == 0, done.stderr
    text, pages = _pdf_text(out.read_bytes())
    assert pages == 1 and "TÌNH HÌNH THỰC HIỆN" in text and "Vĩnh Lộc, ngày" in text
    refused = run("overview", "pdf", "--out", str(tmp_path / "tong-quan.docx"), data_dir=folder)
    assert refused.returncode == 1 and ".pdf" in refused.stderr
