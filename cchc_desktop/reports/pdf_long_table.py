"""A long PDF table laid out a page at a time, so its cost grows linearly with its rows.

reportlab's ``Table`` measures every remaining row again at each page break (``Table.split`` →
``_calc``), which makes a table of N rows cost O(N²). ``LongTable`` hands reportlab only a window of
rows a little longer than a page, takes the part that fits and keeps the rest for the next page, with
the header row repeated as ``repeatRows=1`` would.
"""
from __future__ import annotations

from reportlab.platypus import Flowable
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle

FIRST_WINDOW = 60      # data rows measured for the first page; later pages learn from the one before


def table_flowable(data: list[list], widths: list[float], commands: list[tuple]) -> Flowable:
    """``data[0]`` is the header; ``commands`` are TableStyle commands with absolute row indices.

    Commands starting on row 0 apply to every page's table (they cover the whole table or the header);
    the others name data rows (SPAN, NOSPLIT) and go with the rows they name.
    """
    if len(data) - 1 <= FIRST_WINDOW:
        table = RLTable(data, colWidths=widths, repeatRows=1, splitByRow=1)
        table.setStyle(TableStyle(commands))
        return table
    common = [c for c in commands if c[1][1] == 0]
    by_start: dict[int, list[tuple]] = {}
    for command in commands:
        if command[1][1] != 0:
            by_start.setdefault(command[1][1], []).append(command)
    return LongTable(data, widths, common, by_start, first_row=1, window=FIRST_WINDOW)


class LongTable(Flowable):
    """Rows ``data[first_row:]`` still to be laid out; ``data[0]`` is the header. ``by_start`` holds the
    row commands by the row they start on. Nothing is copied per page: the cost stays linear."""

    def __init__(self, data, widths, common, by_start, first_row: int, window: int):
        super().__init__()
        self.data, self.widths = data, widths
        self.common, self.by_start, self.first_row, self.window = common, by_start, first_row, window
        self.hAlign = "CENTER"
        self._table: RLTable | None = None

    def _build(self, count: int) -> RLTable:
        last = self.first_row + count        # absolute index just past the window
        shift = self.first_row - 1
        commands = list(self.common)
        for start in range(self.first_row, last):
            for name, (c0, r0), (c1, r1), *rest in self.by_start.get(start, ()):
                if r1 < last:
                    commands.append((name, (c0, r0 - shift), (c1, r1 - shift), *rest))
        table = RLTable([self.data[0], *self.data[self.first_row:last]], colWidths=self.widths, repeatRows=1,
                        splitByRow=1)
        table.setStyle(TableStyle(commands))
        return table

    def wrap(self, avail_width, avail_height):
        # Grow the window until it no longer fits: then the page break falls inside it.
        while True:
            left = len(self.data) - self.first_row
            count = min(self.window, left)
            self._table = self._build(count)
            width, height = self._table.wrap(avail_width, avail_height)
            if count == left or height > avail_height:
                self.width, self.height = width, height
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
        rest = LongTable(self.data, self.widths, self.common, self.by_start, self.first_row + taken,
                         max(20, taken + taken // 2 + 5))
        return [parts[0], rest]

    def drawOn(self, canvas, x, y, _sW=0):
        self._table.drawOn(canvas, x, y, _sW)
