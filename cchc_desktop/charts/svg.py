"""A laid-out chart as SVG text, for the screen (QtSvg draws it). Only rectangles, lines and text:
what SVG Tiny 1.2, and so QtSvg, draws the same everywhere. No drawing library is imported."""
from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from cchc_desktop.charts.layout import Box, Line, Scene, Text


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def to_svg(scene: Scene) -> str:
    family = quoteattr(scene.family)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" '
           f'width="{_n(scene.width)}" height="{_n(scene.height)}" '
           f'viewBox="0 0 {_n(scene.width)} {_n(scene.height)}">']
    for item in scene.items:
        if isinstance(item, Box):
            stroke = (f' stroke="{item.stroke}" stroke-width="{_n(item.stroke_width)}"' if item.stroke
                      else ' stroke="none"')
            out.append(f'<rect x="{_n(item.x)}" y="{_n(item.y)}" width="{_n(item.w)}" height="{_n(item.h)}" '
                       f'fill="{item.fill}"{stroke}/>')
        elif isinstance(item, Line):
            out.append(f'<line x1="{_n(item.x1)}" y1="{_n(item.y1)}" x2="{_n(item.x2)}" y2="{_n(item.y2)}" '
                       f'stroke="{item.colour}" stroke-width="{_n(item.width)}"/>')
        elif isinstance(item, Text):
            style = (' font-weight="bold"' if item.bold else "") + (' font-style="italic"' if item.italic else "")
            out.append(f'<text x="{_n(item.x)}" y="{_n(item.y)}" font-family={family} '
                       f'font-size="{_n(item.size)}" fill="{item.colour}" text-anchor="{item.anchor}"{style}>'
                       f'{escape(item.text)}</text>')
    out.append("</svg>")
    return "\n".join(out)
