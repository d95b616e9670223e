"""A chart described once, as plain data: horizontal bars, each a category with its label on the left,
split into segments of one or more series, its value or a note written at its end.

The same description is laid out (``layout``) and then drawn twice: as SVG for the screen (``svg``,
shown through QtSvg) and with reportlab for documents (``drawing``). Nothing here draws or imports a
drawing library.

Readable by everyone: the values are written on the bars, so no figure is told by colour alone; the
colours are safe for colour-blind readers (blues of distinct lightness, a vermilion, grey) and still
differ when printed in black and white, where a hatch marks the one series whose grey could be mistaken.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from cchc_desktop.i18n import format_number, tr

SOLID, HATCH = "solid", "hatch"


@dataclass(frozen=True)
class Series:
    name: str
    colour: str                 # "#rrggbb"
    pattern: str = SOLID        # HATCH: diagonal lines over the colour


@dataclass(frozen=True)
class Segment:
    series: int                 # index into ``Chart.series``
    value: float
    target: tuple = ()          # what a click on it opens on screen; () for nothing
    tooltip: str = ""


@dataclass(frozen=True)
class Bar:
    label: str                  # the category, in full ("Trung tâm Phục vụ hành chính công")
    segments: tuple[Segment, ...] = ()
    short: str = ""             # said instead when the full label does not fit ("TTPVHCC")
    note: str = ""              # written after the bar ("6/12 – 50 %"); "" writes the bar's total
    blank: str = ""             # written instead of a bar that has no value ("chưa có số liệu")
    target: tuple = ()          # what a click on the label opens
    tooltip: str = ""
    group: str = ""             # a heading row before the first bar of each group (an indicator's name)

    @property
    def total(self) -> float:
        return sum(s.value for s in self.segments)

    @property
    def has_value(self) -> bool:
        return bool(self.segments)


@dataclass(frozen=True)
class Chart:
    key: str                    # "completion", "overdue", "indicators"
    title: str
    bars: tuple[Bar, ...]
    series: tuple[Series, ...]
    percent: bool = False       # values are percentages: the axis runs 0–100 and values read "95,5 %"
    empty: str = ""             # said instead of the bars when there are none
    legend: bool = True         # a legend row (when there are two series or more)
    caption: str = ""           # a line under the bars, in italics
    stacked: bool = False       # bars split into parts of a whole: each part's value written inside it

    @cached_property
    def decimals(self) -> int:
        """Decimals of every value written on this chart: one for percentages when any needs it ("99,0 %"
        beside "99,3 %", never "99 %"), none for counts."""
        if not self.percent:
            return 0
        values = [v for bar in self.bars for v in (bar.total, *(s.value for s in bar.segments))]
        return 1 if any(round(v, 1) != round(v) for v in values) else 0

    def value_text(self, value: float, *, tick: bool = False) -> str:
        """"1.234" for a count, "95,5 %" for a percentage (Vietnamese separators), with the chart's decimals;
        an axis ``tick`` is a round number ("25 %")."""
        text = fixed_number(value, 0 if tick else self.decimals)
        return tr("{p} %", p=text) if self.percent else text

    def note_of(self, bar: Bar) -> str:
        if not bar.has_value:
            return ""
        return bar.note or self.value_text(bar.total)

    @property
    def groups(self) -> list[str]:
        return list(dict.fromkeys(bar.group for bar in self.bars if bar.group))

    def as_text(self) -> list[str]:
        """The chart in words, a line per bar: what a document's text layer and a screen reader carry."""
        lines = [self.title]
        if not self.bars:
            return lines + ([self.empty] if self.empty else [])
        group = ""
        for bar in self.bars:
            if bar.group and bar.group != group:
                group = bar.group
                lines.append(group)
            if not bar.has_value:
                lines.append(f"{bar.label}: {bar.blank}")
                continue
            parts = [f"{self.series[s.series].name} {self.value_text(s.value)}" for s in bar.segments
                     if s.value and self.stacked]
            detail = f" ({'; '.join(parts)})" if parts else ""
            lines.append(f"{bar.label}: {self.note_of(bar)}{detail}")
        if self.caption:
            lines.append(self.caption)
        return lines


def fixed_number(value: float, decimals: int) -> str:
    """``format_number`` with exactly ``decimals`` decimals ("1.500", "99,0", "33,3"): the figures of one chart
    line up."""
    text = format_number(round(value, decimals), decimals)
    if decimals:
        whole, _sep, part = text.partition(",")
        text = f"{whole},{part.ljust(decimals, '0')}"
    return text


def percent_decimals(values) -> int:
    """One decimal when any of ``values`` (percentages) needs it, else none."""
    return 1 if any(round(v, 1) != round(v) for v in values) else 0


# ---------------------------------------------------------------------------- the palette

# Task statuses, lightest to darkest as work advances; the suspended ones hatched (their grey would
# otherwise pass for "chưa triển khai" on a black-and-white printout).
NOT_STARTED_COLOUR = "#e0e0e0"
IN_PROGRESS_COLOUR = "#56b4e9"     # Okabe–Ito sky blue
DONE_COLOUR = "#0072b2"            # Okabe–Ito blue
SUSPENDED_COLOUR = "#ffffff"
OVERDUE_COLOUR = "#d55e00"         # Okabe–Ito vermilion
# Periods of the year, one blue each, light to dark (a sequential single-hue ramp reads in any vision and
# in grey; the period is also written beside each bar).
PERIOD_COLOURS = ("#c6dbef", "#6baed6", "#2171b5", "#08306b")
OUTLINE = "#404040"


def luminance(colour: str) -> float:
    """Relative luminance 0–1 (WCAG) of "#rrggbb"."""
    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_colour_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour``."""
    return "#ffffff" if luminance(colour) < 0.18 else "#000000"
