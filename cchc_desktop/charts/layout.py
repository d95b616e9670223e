"""A chart's description laid out in a box: where every bar, line and word goes. Both drawings (SVG for
the screen, reportlab for paper) only copy these shapes, so they show the same picture.

Coordinates start at the top left, y downwards, in the box's own unit (pixels on screen, points on
paper). Text is measured with the document font's own widths (``metrics``). A label too long for its
column is wrapped onto two lines when the row is tall enough, else replaced by its short form
("TTPVHCC"), else cut with "…"; the full text stays in the tooltip. A value is written inside its
segment only where it fits; the bar's total (or note) is always written after it, on a patch of the
background so no gridline crosses it. When the bars do not
fit the box at the font size asked for, everything is laid out again a little smaller (not below
``MIN_SCALE`` of it).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from cchc_desktop.charts import metrics
from cchc_desktop.charts.model import HATCH, OUTLINE, Bar, Chart, text_colour_on

GRID = "#d0d0d0"
BACKGROUND = "#ffffff"      # the page and the screen behind a chart
AXIS = "#606060"
MUTED = "#505050"
TEXT = "#000000"
MIN_SCALE = 0.6
ELLIPSIS = "…"


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str = ""
    stroke_width: float = 0.0


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    width: float = 1.0


@dataclass(frozen=True)
class Text:
    x: float
    y: float                    # the baseline
    text: str
    size: float
    colour: str = TEXT
    bold: bool = False
    italic: bool = False
    anchor: str = "start"       # start | middle | end


@dataclass(frozen=True)
class Hit:
    """A region that answers a click (a segment, a category label) with what it counts."""
    x: float
    y: float
    w: float
    h: float
    target: tuple
    tooltip: str

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.x + self.w and self.y <= y <= self.y + self.h


@dataclass
class Scene:
    width: float
    height: float
    family: str
    items: list = field(default_factory=list)      # Box | Line | Text, in painting order
    hits: list[Hit] = field(default_factory=list)
    scale: float = 1.0                             # the font size used, as a share of the one asked for

    def texts(self) -> list[str]:
        return [item.text for item in self.items if isinstance(item, Text)]

    def boxes(self) -> list[Box]:
        return [item for item in self.items if isinstance(item, Box)]

    def hit(self, x: float, y: float) -> Hit | None:
        for region in reversed(self.hits):      # segments are added after their row's label
            if region.contains(x, y):
                return region
        return None


def width(text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    return metrics.text_width(text, size, bold, italic)


def wrap(text: str, size: float, room: float, lines: int, bold: bool = False) -> list[str] | None:
    """``text`` in at most ``lines`` lines no wider than ``room``, or None when it does not fit."""
    words, found, current = text.split(), [], ""
    for word in words:
        trial = f"{current} {word}" if current else word
        if width(trial, size, bold) <= room:
            current = trial
            continue
        if not current or width(word, size, bold) > room:
            return None
        found.append(current)
        current = word
    if current:
        found.append(current)
    return found if len(found) <= lines else None


def cut(text: str, size: float, room: float, bold: bool = False, italic: bool = False) -> str:
    """``text`` whole if it fits ``room``, else cut at a word (or a letter) with "…"."""
    if width(text, size, bold, italic) <= room:
        return text
    words = text.split()
    while len(words) > 1:
        words.pop()
        trial = " ".join(words).rstrip(",;:-–") + ELLIPSIS
        if width(trial, size, bold, italic) <= room:
            return trial
    letters = text
    while letters and width(letters + ELLIPSIS, size, bold, italic) > room:
        letters = letters[:-1]
    return letters + ELLIPSIS if letters else ""


def nice_step(top: float, ticks: int = 4) -> float:
    """A round step (1, 2, 5 × 10^k) giving about ``ticks`` intervals up to ``top``."""
    raw = max(top, 1) / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return max(1.0, factor * power)
    return 10 * power


def layout(chart: Chart, box_width: float, box_height: float, size: float) -> Scene:
    """``chart`` laid out in ``box_width`` × ``box_height`` with text of ``size`` (smaller if it must)."""
    scale = 1.0
    while True:
        scene, overflow = _layout(chart, box_width, box_height, size * scale)
        if not overflow or scale <= MIN_SCALE:
            scene.scale = scale
            return scene
        scale = max(MIN_SCALE, scale * min(0.92, overflow))


def natural_height(chart: Chart, box_width: float, size: float) -> float:
    """The height the chart takes at ``size`` with rows of a comfortable height (for a page that
    shares its room among several charts)."""
    return _layout(chart, box_width, None, size)[0].height


class _Rows:
    """Heights of the rows, from the font size."""

    def __init__(self, chart: Chart, size: float):
        self.size = size
        grouped = bool(chart.groups)        # many thin bars, each labelled by its period
        self.group_height = size * 1.4 if grouped else 0.0
        self.min_bar = size * (1.2 if grouped else 1.5)
        self.comfortable = size * (1.3 if grouped else 1.8)
        self.max_bar = size * (1.8 if grouped else 2.7)


def _layout(chart: Chart, box_width: float, box_height: float | None, size: float) -> tuple[Scene, float]:
    """The scene and 0 when everything fit, else the share of the height the rows needed that they got.
    ``box_height`` None: as tall as the chart comfortably needs (the scene's height says how tall)."""
    scene = Scene(box_width, box_height or 0.0, metrics.family())
    items = scene.items
    pad = size * 0.5
    rows = _Rows(chart, size)
    title_size = size * 1.15
    y = pad
    title_lines = wrap(chart.title, title_size, box_width - 2 * pad, 2, bold=True) or \
        [cut(chart.title, title_size, box_width - 2 * pad, bold=True)]
    for line in title_lines:
        y += title_size * 1.2
        items.append(Text(pad, y - title_size * 0.25, line, title_size, bold=True))
    y += size * 0.35
    if chart.legend and len(chart.series) > 1 and chart.bars:
        y = _legend(chart, scene, pad, y, box_width - pad, size)
    caption_size = size * 0.9
    caption_lines = (wrap(chart.caption, caption_size, box_width - 2 * pad, 3) or
                     [cut(chart.caption, caption_size, box_width - 2 * pad)]) if chart.caption else []
    caption_height = len(caption_lines) * caption_size * 1.25 + (size * 0.3 if caption_lines else 0)
    if not chart.bars:
        items.append(Text(box_width / 2, y + size * 2.2, chart.empty, size, MUTED, italic=True, anchor="middle"))
        _caption(scene, caption_lines, pad, y + size * 3.4, caption_size)
        if box_height is None:
            scene.height = y + size * 3.4 + caption_height + pad
        return scene, 0.0
    axis_height = size * 1.5
    plot_top = y + size * 0.2
    headings = len(chart.groups) * rows.group_height
    count = len(chart.bars)
    overflow = 0.0
    if box_height is None:
        bar_height = rows.comfortable
        scene.height = plot_top + headings + count * bar_height + axis_height + caption_height + pad
    else:
        room = box_height - plot_top - axis_height - caption_height - pad - headings
        bar_height = min(rows.max_bar, room / count)
        if bar_height < rows.min_bar:
            overflow = max(0.01, room / (count * rows.min_bar))
            bar_height = rows.min_bar
    plot_height = headings + count * bar_height
    _bars(chart, scene, pad, plot_top, box_width - pad, bar_height, rows)
    _caption(scene, caption_lines, pad, plot_top + plot_height + axis_height + size * 0.3, caption_size)
    return scene, overflow


def _legend(chart: Chart, scene: Scene, left: float, y: float, right: float, size: float) -> float:
    swatch = size * 0.95
    gap = size * 0.9
    x, line_y = left, y
    for series in chart.series:
        text_size = size * 0.95
        needed = swatch + size * 0.35 + width(series.name, text_size)
        if x > left and x + needed > right:
            x, line_y = left, line_y + size * 1.35
        top = line_y + (size * 1.3 - swatch) / 2
        _segment_box(scene, x, top, swatch, swatch, series.colour, series.pattern, size)
        scene.items.append(Text(x + swatch + size * 0.35, line_y + size * 0.98, series.name, text_size))
        x += needed + gap
    return line_y + size * 1.3 + size * 0.3


def _segment_box(scene: Scene, x: float, y: float, w: float, h: float, colour: str, pattern: str,
                 size: float) -> None:
    scene.items.append(Box(x, y, w, h, colour, OUTLINE, max(0.5, size * 0.05)))
    if pattern == HATCH:
        scene.items += hatch(x, y, w, h, max(3.0, size * 0.42), "#707070", max(0.5, size * 0.06))


def hatch(x: float, y: float, w: float, h: float, step: float, colour: str, line_width: float) -> list[Line]:
    """Diagonal lines (/) filling the rectangle, clipped to it: drawn as plain lines on both media."""
    found = []
    t = x + step / 2
    while t < x + w + h:
        y_a = y + max(0.0, t - (x + w))
        y_b = y + min(h, t - x)
        if y_b > y_a:
            found.append(Line(t - (y_a - y), y_a, t - (y_b - y), y_b, colour, line_width))
        t += step
    return found


def _label_lines(bar: Bar, size: float, room: float, two_lines: bool) -> list[str]:
    """The category as written left of its bar: whole (on two lines if the row allows), else its short
    form, else as much as fits with "…"."""
    whole = wrap(bar.label, size, room, 2 if two_lines else 1)
    if whole:
        return whole
    if bar.short and width(bar.short, size) <= room:
        return [bar.short]
    if two_lines:
        words, head = bar.label.split(), []
        for word in words:       # as many words as fill the first line, the rest cut on the second
            if width(" ".join(head + [word]), size) > room:
                break
            head.append(word)
        if head:
            return [" ".join(head), cut(" ".join(words[len(head):]), size, room)]
    return [cut(bar.label, size, room)]


def _bars(chart: Chart, scene: Scene, left: float, top: float, right: float, bar_height: float,
          rows: _Rows) -> None:
    items, size = scene.items, rows.size
    value_size = size * 0.92
    notes = [chart.note_of(bar) for bar in chart.bars]
    note_room = max((width(n, value_size, bold=True) for n in notes), default=0) + size * 0.6
    blank_room = max((width(bar.blank, size * 0.9, italic=True) for bar in chart.bars if not bar.has_value),
                     default=0)
    widest_label = max(width(bar.label, size) for bar in chart.bars)
    label_room = min(widest_label, (right - left) * (0.24 if chart.groups else 0.4))
    label_room = max(label_room, min(widest_label, size * 5))
    x0 = left + label_room + size * 0.6
    x1 = right - note_room
    plot_width = max(size * 4, x1 - x0, blank_room)
    peak = max((bar.total for bar in chart.bars), default=0)
    if chart.percent:
        top_value, step = 100.0, 25.0
    else:
        step = nice_step(max(peak, 5), 6)       # a lone overdue task is not a bar across the chart
        top_value = max(step, math.ceil(max(peak, 5) / step) * step)
    plot_height = rows.group_height * len(chart.groups) + bar_height * len(chart.bars)
    # the grid under the bars (not across the headings of groups), with its numbers along the bottom
    spans, y, group = [], top, ""
    for bar in chart.bars:
        if bar.group and bar.group != group:
            group = bar.group
            y += rows.group_height
            spans.append([y, y])
        elif not spans:
            spans.append([y, y])
        y += bar_height
        spans[-1][1] = y
    tick = 0.0
    while tick <= top_value + 1e-9:
        x = x0 + plot_width * tick / top_value
        for start, end in spans:
            items.append(Line(x, start, x, end, AXIS if tick == 0 else GRID, max(0.5, size * 0.06)))
        label = chart.value_text(tick, tick=True)
        items.append(Text(x, top + plot_height + size * 1.1, label, size * 0.85, MUTED, anchor="middle"))
        tick += step
    two_lines = bar_height >= size * 2.15
    thickness = bar_height * (0.62 if not chart.groups else 0.72)
    y, group = top, ""
    for bar, note in zip(chart.bars, notes):
        if bar.group and bar.group != group:
            group = bar.group
            heading = cut(group, size, right - left, bold=True)
            items.append(Text(left, y + rows.group_height * 0.72, heading, size, bold=True))
            if heading != group:
                scene.hits.append(Hit(left, y, right - left, rows.group_height, (), group))
            y += rows.group_height
        mid = y + bar_height / 2
        lines = _label_lines(bar, size, label_room, two_lines)
        line_gap = size * 1.05
        first = mid + size * 0.35 - (len(lines) - 1) * line_gap / 2
        for index, line in enumerate(lines):
            items.append(Text(x0 - size * 0.45, first + index * line_gap, line, size, anchor="end"))
        tip = bar.tooltip or bar.label
        scene.hits.append(Hit(left, y, x0 - left, bar_height, bar.target, tip))
        bar_top = mid - thickness / 2
        if not bar.has_value:
            _clear(items, x0 + size * 0.4, mid, width(bar.blank, size * 0.9, italic=True), size * 0.9, size)
            items.append(Text(x0 + size * 0.4, mid + size * 0.32, bar.blank, size * 0.9, MUTED, italic=True))
            y += bar_height
            continue
        x = x0
        for segment in bar.segments:
            if segment.value <= 0:
                continue
            w = plot_width * segment.value / top_value
            series = chart.series[segment.series]
            _segment_box(scene, x, bar_top, w, thickness, series.colour, series.pattern, size)
            text = chart.value_text(segment.value)
            if chart.stacked and width(text, value_size) + size * 0.5 <= w and thickness >= size * 0.9:
                ink = text_colour_on(series.colour)
                if series.pattern == HATCH:   # a white box under the figure keeps it readable over the lines
                    tw = width(text, value_size) + size * 0.3
                    items.append(Box(x + (w - tw) / 2, mid - value_size * 0.55, tw, value_size * 1.1, "#ffffff"))
                items.append(Text(x + w / 2, mid + value_size * 0.35, text, value_size, ink, anchor="middle"))
            scene.hits.append(Hit(x, bar_top, w, thickness, segment.target or bar.target,
                                  segment.tooltip or tip))
            x += w
        _clear(items, x + size * 0.35, mid, width(note, value_size, bold=True), value_size, size)
        items.append(Text(x + size * 0.35, mid + value_size * 0.35, note, value_size, bold=True))
        y += bar_height


def _clear(items: list, x: float, mid: float, text_width: float, text_size: float, size: float) -> None:
    """A box of the background colour under a word written across the grid, so no gridline crosses it."""
    pad = size * 0.15
    items.append(Box(x - pad, mid - text_size * 0.62, text_width + 2 * pad, text_size * 1.24, BACKGROUND))


def _caption(scene: Scene, lines: list[str], left: float, y: float, size: float) -> None:
    for line in lines:
        y += size * 1.25
        scene.items.append(Text(left, y - size * 0.25, line, size, MUTED, italic=True))
