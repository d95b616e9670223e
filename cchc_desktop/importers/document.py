"""The neutral form every reader produces: paragraphs and tables, in document order."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Table:
    rows: list[list[str]]
    # PDF extracts have lost their cell borders: the analyzer recovers the cells itself.
    flattened: bool = False
    sheet: str = ""

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class SourceDocument:
    name: str
    kind: str                                   # docx | xlsx | xls | pdf | html | text
    blocks: list[str | Table] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)   # title/subject/keywords when the file has them
    warnings: list[str] = field(default_factory=list)
    # Font names the file uses (".VnTime", "VNI-Times" …): how old Vietnamese encodings are told apart.
    fonts: set[str] = field(default_factory=set)
    # Set by ``legacy_text.normalize_document`` when text was converted from TCVN3/VNI ("TCVN3", "VNI").
    converted_from: str | None = None

    def add_paragraph(self, text: str) -> None:
        text = text.strip()
        if text:
            self.blocks.append(text)

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def paragraphs(self) -> list[str]:
        return [b for b in self.blocks if isinstance(b, str)]
