"""Words of a PDF with their boxes (poppler's pdftotext -bbox), to measure margins and page breaks."""
from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

MM = 72 / 25.4
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


@dataclass
class Word:
    text: str
    x0: float
    y0: float      # from the top of the page
    x1: float
    y1: float


@dataclass
class Page:
    width: float
    height: float
    words: list[Word] = field(default_factory=list)

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def body_words(self) -> list[Word]:
        """Everything but the page number in the top margin."""
        return [w for w in self.words if w.y1 > 20 * MM - 1]


def pdf_pages(path: Path) -> list[Page]:
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True).stdout
    pages = []
    for width, height, body in _PAGE.findall(out.decode("utf-8")):
        page = Page(float(width), float(height))
        for x0, y0, x1, y1, text in _WORD.findall(body):
            page.words.append(Word(html.unescape(text), float(x0), float(y0), float(x1), float(y1)))
        pages.append(page)
    return pages
