"""A long PDF table laid out a page at a time, so its cost grows linearly with its rows.

reportlab's ``Table`` measures every remaining row again at each page break (``Table.split`` →
``_calc``), which makes a table of N rows cost O(N²). ``LongTable`` hands reportlab only a window of
rows a little longer than a page, takes the part that fits and keeps the rest for the next page, with
the header row repeated as ``repeatRows=1`` would. Rows are built when a window first reaches them and
forgotten once laid out, so a 20 000-row table never holds all its paragraphs at once.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle

FIRST_WINDOW = 60      # data rows measured for the first page; later pages learn from the one before


class CellParagraph(RLParagraph):
    """A paragraph measured once per width. reportlab wraps every cell again at each table wrap and split
    (about fourteen times per cell of a long table); the lines only depend on the width."""

    _measured_for: float | None = None

    def wrap(self, availWidth, availHeight):
        if self._measured_for == availWidth and "blPara" in self.__dict__:   # split() may drop blPara
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._measured_for = availWidth
        return size


class Rows:
    """A table's rows: ``header`` (built cells) and ``specs``, one per data row, each turned into cells by
    ``build`` when first needed. Built rows are kept until ``forget_before`` says they are laid out.
    ``measure(index, cells)`` gives a row's height in points, as reportlab's ``Table`` would: each row is
    measured once, and the tables of each page are given their row heights instead of measuring every
    row of the window again at each wrap and split."""

    def __init__(self, header: list, specs: Sequence, build: Callable[[object], list],
                 measure: Callable[[int, list], float]):
        self.header, self.specs, self.build, self.measure = header, specs, build, measure
        self._built: dict[int, list] = {}
        self._heights: dict[int, float] = {}

    def height(self, index: int) -> float:
        found = self._heights.get(index)
        if found is None:
            found = self._heights[index] = self.measure(index, self.row(index))
        return found

    def heights(self, start: int, stop: int) -> list[float]:
        """The header's height followed by those of data rows ``start`` … ``stop - 1``."""
        return [self.height(0), *(self.height(index) for index in range(start, stop))]

    def __len__(self) -> int:
        """Rows including the header: data rows are numbered from 1, as in the style commands."""
        return len(self.specs) + 1

    def row(self, index: int) -> list:
        if index == 0:
            return self.header
        cells = self._built.get(index)
        if cells is None:
            cells = self._built[index] = self.build(self.specs[index - 1])
        return cells

    def window(self, start: int, stop: int) -> list[list]:
        """The header followed by data rows ``start`` … ``stop - 1``."""
        return [self.header, *(self.row(index) for index in range(start, stop))]

    def forget_before(self, index: int) -> None:
        for done in [i for i in self._built if i < index]:
            del self._built[done]


def table_flowable(rows: Rows, widths: list[float], commands: list[tuple]) -> Flowable:
    """``commands`` are TableStyle commands with absolute row indices (the header is row 0).

    Commands starting on row 0 apply to every page's table (they cover the whole table or the header);
    the others name data rows (SPAN, NOSPLIT) and go with the rows they name.
    """
    if len(rows) - 1 <= FIRST_WINDOW:
        table = RLTable(rows.window(1, len(rows)), colWidths=widths, rowHeights=rows.heights(1, len(rows)),
                        repeatRows=1, splitByRow=1)
        table.setStyle(TableStyle(commands))
        return table
    common = [c for c in commands if c[1][1] == 0]
    by_start: dict[int, list[tuple]] = {}
    for command in commands:
        if command[1][1] != 0:
            by_start.setdefault(command[1][1], []).append(command)
    return LongTable(rows, widths, common, by_start, first_row=1, window=FIRST_WINDOW)


class LongTable(Flowable):
    """Rows ``first_row`` and after still to be laid out. ``by_start`` holds the row commands by the row
    they start on. Nothing is copied per page: the cost stays linear."""

    def __init__(self, rows: Rows, widths, common, by_start, first_row: int, window: int):
        super().__init__()
        self.rows, self.widths = rows, widths
        self.common, self.by_start, self.first_row, self.window = common, by_start, first_row, window
        self.hAlign = "CENTER"
        self._table: RLTable | None = None
        self._wrapped_for: tuple[float, float] | None = None

    def _build(self, count: int) -> RLTable:
        last = self.first_row + count        # absolute index just past the window
        shift = self.first_row - 1
        commands = list(self.common)
        for start in range(self.first_row, last):
            for name, (c0, r0), (c1, r1), *rest in self.by_start.get(start, ()):
                if r1 < last:
                    commands.append((name, (c0, r0 - shift), (c1, r1 - shift), *rest))
        table = RLTable(self.rows.window(self.first_row, last), colWidths=self.widths,
                        rowHeights=self.rows.heights(self.first_row, last), repeatRows=1, splitByRow=1)
        table.setStyle(TableStyle(commands))
        return table

    def wrap(self, avail_width, avail_height):
        if self._wrapped_for == (avail_width, avail_height):     # the frame wraps, then splits: once is enough
            return self.width, self.height
        # Grow the window until it no longer fits: then the page break falls inside it.
        while True:
            left = len(self.rows) - self.first_row
            count = min(self.window, left)
            self._table = self._build(count)
            width, height = self._table.wrap(avail_width, avail_height)
            if count == left or height > avail_height:
                self.width, self.height = width, height
                self._wrapped_for = (avail_width, avail_height)
                return width, height
            self.window *= 2

    def split(self, avail_width, avail_height):
        self.wrap(avail_width, avail_height)
        parts = self._table.split(avail_width, avail_height)
        if not parts:
            return []
        if len(parts) == 1:        # only when every remaining row fits (wrap grows the window otherwise)
            return parts
        taken = len(parts[0]._cellvalues) - 1
        self.rows.forget_before(self.first_row + taken)    # the page's table holds them until drawn
        rest = LongTable(self.rows, self.widths, self.common, self.by_start, self.first_row + taken,
                         max(20, taken + taken // 2 + 5))
        return [parts[0], rest]

    def drawOn(self, canvas, x, y, _sW=0):
        self._table.drawOn(canvas, x, y, _sW)
