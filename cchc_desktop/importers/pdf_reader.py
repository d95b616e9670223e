"""PDF plans with a text layer, through pdfplumber (pdfminer.six underneath).

Each page gives its ruled tables (pdfplumber's table finder, lines strategy) and the text
outside them, line by line, top to bottom. A table running on from one page to the next
(same number of columns, no new header, at most a page number between) is joined into one,
and what the page break cut goes back together: the rest of a row (no number of its own)
into that row, the rest of a merged cell with the cell's whole text. A merged cell shows its
text in every cell it covers, as in the Word reader. The lines a cell wraps to are joined
again; a line that ended early (the next word would have fitted) ends a paragraph, and a
"- " item starts a new one. A page without a ruled table gives its lines as paragraphs, and
the analyzer recovers borderless tables from them (``flat_table``).

A scan (pictures, no characters) has nothing to read: it is refused with what to do instead.
"""
from __future__ import annotations

import logging
import re
import warnings
import zlib
from bisect import bisect_left, bisect_right
from operator import itemgetter
from pathlib import Path

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import tr
from cchc_desktop.importers.columns import header_roles
from cchc_desktop.importers.document import SourceDocument, Table
from cchc_desktop.importers.guard import MAX_PDF_PAGE_CONTENT, MAX_PDF_PAGES, pdf_too_many_pages

log = logging.getLogger(__name__)
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
SCAN_MAX_CHARS = 40          # a scan may carry a stamp or a signature line as text
SCAN_MIN_IMAGE_SHARE = 0.3   # of the page covered by pictures
MAX_ROWS = 20000
MAX_CELL_PADDING = 8.0    # points between a cell's border and its text, at most
_SUBSET = re.compile(r"^[A-Z]{6}\+")
# A line in a cell that starts a new item rather than continuing the one above.
_BULLET = re.compile(r"^[-–—+•*▪●◦]\s*")
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")         # "(1)", "2": the row numbering the columns
_NAME_TAILS = ("Xã hội", "XH", "Hạnh phúc")        # "Văn hóa - Xã hội", "Độc lập - Tự do - Hạnh phúc"
_NUMBERED = re.compile(r"^(?:\(?\d{1,2}[.)]|[a-zđ]\))\s")
_PAGE_NUMBER = re.compile(r"^(?:[-–]\s*)?(?:trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*[-–])?$", re.I)


def read_pdf(path: Path) -> SourceDocument:
    with warnings.catch_warnings():   # pdfminer warns about every broken cross-reference it repairs
        warnings.filterwarnings("ignore", module=r"pdfminer|pdfplumber")
        return _read(path)


def _read(path: Path) -> SourceDocument:
    import pdfplumber  # heavy: only when a PDF is read
    try:
        pdf = pdfplumber.open(str(path))
    except Exception as exc:  # pdfminer raises many kinds for a damaged file
        raise _open_error(path, exc) from exc
    document = SourceDocument(path.name, "pdf")
    reader = _PageReader(document)
    try:
        with pdf:
            declared = _declared_pages(pdf)
            if declared > MAX_PDF_PAGES:
                raise pdf_too_many_pages(path, declared)
            document.properties = _properties(pdf.metadata)
            try:
                pages = pdf.pages
            except Exception as exc:
                raise _open_error(path, exc) from exc
            if len(pages) > MAX_PDF_PAGES:
                raise pdf_too_many_pages(path, len(pages))
            if not pages:
                raise _open_error(path, None)
            for page in pages:
                try:
                    reader.read(page)
                except ValidationError:
                    raise
                except Exception as exc:  # one damaged page: the others may still hold the table
                    log.warning("PDF %s page %s: %r", path.name, page.page_number, exc)
                    reader.damaged.append(page.page_number)
                finally:
                    page.close()
    except ValidationError:
        raise
    except Exception as exc:
        raise _open_error(path, exc) from exc
    reader.finish()
    _check_readable(path, document, reader, len(pages))
    return document


class _PageReader:
    def __init__(self, document: SourceDocument):
        self.document = document
        self.scans: list[int] = []
        self.damaged: list[int] = []
        self.big: list[int] = []
        self.chars = 0
        self.open_table: Table | None = None   # the last block so far, a table that may run on
        self.open_header: list[str] | None = None
        self.tail: list[str] = []               # page numbers after it, dropped if it runs on

    def read(self, page) -> None:
        if _content_size(page.page_obj) > MAX_PDF_PAGE_CONTENT:
            self.big.append(page.page_number)
            return
        chars = page.chars
        self.chars += len(chars)
        self.document.fonts.update(_SUBSET.sub("", name) for name in {c.get("fontname") for c in chars} if name)
        if len(chars) <= SCAN_MAX_CHARS and _image_share(page) >= SCAN_MIN_IMAGE_SHARE:
            self.scans.append(page.page_number)
            return
        if not chars:
            return
        grids = [_Grid(t) for t in page.find_tables(TABLE_SETTINGS) if _is_grid(t)]
        outside = []
        for char in chars:
            h = (char["x0"] + char["x1"]) / 2
            v = (char["top"] + char["bottom"]) / 2
            if not any(grid.take(char, h, v) for grid in grids):
                outside.append(char)
        items: list[tuple[float, int, object]] = [(grid.top, 1, grid) for grid in grids]
        if outside:
            from pdfplumber.utils import chars_to_textmap
            for line in chars_to_textmap(outside).extract_text_lines(return_chars=False):
                items.append((line["top"], 0, line["text"]))
        items.sort(key=lambda item: (item[0], item[1]))
        self._place(items)

    def _place(self, items: list[tuple[float, int, object]]) -> None:
        started = False                  # something other than a page number came on this page
        for _top, is_table, value in items:
            if not is_table:
                text = str(value).strip()
                if self.open_table is not None and _PAGE_NUMBER.match(text):
                    self.tail.append(text)   # held back: dropped if the table runs on to the next page
                    continue
                self._close()
                self.document.add_paragraph(text)
                started = True
                continue
            grid: _Grid = value  # type: ignore[assignment]
            rows = grid.rows()
            if not started and self._runs_on(rows):
                self._continue_table(grid, rows)
                self.open_table.rows.extend(rows)   # the same table, on the next page
                self.tail = []
            else:
                self._close()
                table = Table(rows)
                self.document.blocks.append(table)
                self.open_table, self.open_header = table, _header(rows)
            started = True

    def _runs_on(self, rows: list[list[str]]) -> bool:
        table = self.open_table
        if table is None or not rows or len(rows[0]) != table.width:
            return False
        header = _header(rows)
        return header is None or header == self.open_header

    def _continue_table(self, grid: "_Grid", rows: list[list[str]]) -> None:
        """Page ``rows`` of the open table: what the page break cut goes back together.

        A row the break cut goes on at the top of this page without its number: its cells are
        appended to that row (a page break is no place for a new row). A cell merged down several
        rows and cut by the break printed its text on the previous page (or began it there): its
        rest here, as tall as the rows it still covers, gets the whole text."""
        start = 0   # the page's first row under the header printed again and its column numbers
        while start < len(rows) and (header_roles(rows[start]) or _column_numbers(rows[start])):
            start += 1
        previous = self.open_table.rows
        index = len(previous) - 1
        # The row above the break: the last one, unless that is the whole header printed again; a
        # header row itself cut in two ("Nội dung thực" + "hiện") is completed like any other.
        while index >= 0 and _same_header(previous[index], self.open_header):
            index -= 1
        if start >= len(rows) or index < 0:
            return
        above, row = previous[index], rows[start]
        filled = [c for c in row if c]
        cut = not row[0] and bool(filled) and not (len(filled) > 1 and len(set(filled)) == 1)
        for col in range(min(len(row), len(above))):
            first, end, _empty = grid.span(start, col)
            if not above[col] or end - first < 2 or (row[col] and not cut):
                continue
            whole = _join_lines(above[col], row[col]) if row[col] else above[col]
            for r in range(first, end):
                if not (r == start and cut):
                    rows[r][col] = whole
        if cut:
            for col, text in enumerate(row[:len(above)]):
                if text:
                    above[col] = _join_lines(above[col], text)
            del rows[start]

    def _close(self) -> None:
        """The open table ends here: the page numbers held back are text after all."""
        if self.open_table is None:
            return
        for text in self.tail:
            self.document.add_paragraph(text)
        self.open_table, self.open_header, self.tail = None, None, []

    def finish(self) -> None:
        self._close()
        for table in self.document.tables:
            if len(table.rows) > MAX_ROWS:
                del table.rows[MAX_ROWS:]
                self.document.warnings.append(tr("Bảng quá dài; chỉ đọc {n} dòng đầu.", n=MAX_ROWS))


class _Grid:
    """One ruled table of a page: its cells on a grid of row tops and column lefts, and the
    characters that fall in each cell."""

    def __init__(self, table):
        x0, top, x1, bottom = table.bbox
        self.bbox, self.top = (x0, top, x1, bottom), top
        cells = table.cells
        self.tops = sorted({c[1] for c in cells})
        self.lefts = sorted({c[0] for c in cells})
        # owner[r][c]: the cell covering that grid position (a merged cell covers several)
        self.owner: list[list[tuple | None]] = [[None] * len(self.lefts) for _ in self.tops]
        for box in cells:
            i, j = bisect_left(self.tops, box[1]), bisect_left(self.lefts, box[0])
            for r in range(i, max(i + 1, bisect_left(self.tops, box[3] - 1))):
                for c in range(j, max(j + 1, bisect_left(self.lefts, box[2] - 1))):
                    if self.owner[r][c] is None:
                        self.owner[r][c] = box
        self.members: dict[tuple, list] = {}

    def take(self, char, h: float, v: float) -> bool:
        x0, top, x1, bottom = self.bbox
        if not (x0 <= h < x1 and top <= v < bottom):
            return False
        box = self.owner[bisect_right(self.tops, v) - 1][bisect_right(self.lefts, h) - 1]
        if box is not None and box[0] <= h < box[2] and box[1] <= v < box[3]:
            self.members.setdefault(box, []).append(char)
        return True

    def span(self, row: int, col: int) -> tuple[int, int, bool]:
        """The rows [first, end) covered by the cell at (row, col), and whether it holds no text."""
        box = self.owner[row][col]
        if box is None:
            return row, row + 1, True
        first = bisect_left(self.tops, box[1])
        return first, max(first + 1, bisect_left(self.tops, box[3] - 1)), box not in self.members

    def rows(self) -> list[list[str]]:
        """The text as a grid, a merged cell's text in every position it covers."""
        texts = {box: _cell_text(box, chars) for box, chars in self.members.items()}
        return [[texts.get(box, "") if box else "" for box in row] for row in self.owner]


def _cell_text(box: tuple, chars: list) -> str:
    """A cell's lines, joined again where the text only wrapped: a line ends a paragraph when the
    next line's first word would still have fitted after it, or the next line starts a "- " item."""
    from pdfplumber.utils.clustering import cluster_objects
    from pdfplumber.utils.text import WordExtractor
    words = WordExtractor().extract_words(chars)
    if not words:
        return ""
    lines = [sorted(line, key=itemgetter("x0")) for line in cluster_objects(words, itemgetter("top"), 3)]
    padding = min(MAX_CELL_PADDING, max(0.0, min(line[0]["x0"] for line in lines) - box[0]))
    right = box[2] - padding
    out: list[str] = []
    previous_end = None
    for line in lines:
        text = " ".join(w["text"] for w in line)
        first = line[0]
        space = 0.3 * (first["bottom"] - first["top"])
        wrapped = previous_end is not None and right - previous_end <= first["x1"] - first["x0"] + space + 1
        if out and wrapped and not _starts_item(text):
            out[-1] = _join_lines(out[-1], text)
        else:
            out.append(text)
        previous_end = line[-1]["x1"]
    return "\n".join(out)


def _join_lines(before: str, after: str) -> str:
    """Text that runs on from one line (or page) to the next: a new "- " item on its own line;
    "Văn hoá-" + "Xã hội" one word cut at its hyphen; otherwise one space between."""
    if not before:
        return after
    if _starts_item(after):
        return f"{before}\n{after}"
    joiner = "" if before.endswith(("-", "–")) and before[-2:-1].isalnum() else " "
    return f"{before}{joiner}{after}"


def _starts_item(text: str) -> bool:
    """After a full line: a "- " item or a numbered one, but not "- 2030" (the wrap cutting "2026 - 2030")
    nor the rest of a ruled line ("-------")."""
    bullet = _BULLET.match(text)
    if bullet:
        rest = text[bullet.end():]
        if text[0] in "–—" or rest.startswith(_NAME_TAILS):   # "Văn hóa – Xã hội" cut at its dash
            return False
        return bool(rest) and not (rest[0].isdigit() or rest[0].islower() or rest[0] in "-–—_=.*")
    return bool(_NUMBERED.match(text))


def _header_index(rows: list[list[str]]) -> int | None:
    return next((i for i, row in enumerate(rows[:6]) if header_roles(row)), None)


def _column_numbers(row: list[str]) -> bool:
    """An empty row, or the one under the header that numbers the columns: (1) (2) (3) …"""
    filled = [c for c in row if c]
    return not filled or (len(filled) >= 3 and all(_COLUMN_NUMBER.match(c) for c in filled))


def _same_header(row: list[str], header: list[str] | None) -> bool:
    return header is not None and [" ".join(c.split()) for c in row] == header


def _header(rows: list[list[str]]) -> list[str] | None:
    at = _header_index(rows)
    return None if at is None else [" ".join(c.split()) for c in rows[at]]


def _is_grid(table) -> bool:
    """A real table: two columns at least. A framed line of text ("DỰ THẢO") is text."""
    lefts = {c[0] for c in table.cells}
    return len(lefts) >= 2


def _image_share(page) -> float:
    width, height = float(page.width), float(page.height)
    if width <= 0 or height <= 0:
        return 0.0
    covered = 0.0
    for image in page.images:
        w = min(float(image["x1"]), width) - max(float(image["x0"]), 0.0)
        h = min(float(image["bottom"]), height) - max(float(image["top"]), 0.0)
        if w > 0 and h > 0:
            covered += w * h
    return covered / (width * height)


def _content_size(page_obj) -> int:
    """How large the page's drawing instructions are once unpacked, counted without unpacking more
    than the limit (a small file can hold a stream that inflates to gigabytes)."""
    from pdfminer.pdftypes import PDFStream, resolve1
    total = 0
    for ref in page_obj.contents or ():
        stream = resolve1(ref)
        if not isinstance(stream, PDFStream):
            continue
        raw = stream.rawdata if stream.rawdata is not None else (stream.data or b"")
        filters = [getattr(f, "name", f) for f, _params in stream.get_filters()]
        if filters in (["FlateDecode"], ["Fl"]):
            try:
                total += len(zlib.decompressobj().decompress(raw, MAX_PDF_PAGE_CONTENT + 1 - total))
            except zlib.error:
                total += len(raw)   # pdfminer will judge it
        else:
            total += len(raw)
        if total > MAX_PDF_PAGE_CONTENT:
            break
    return total


def _declared_pages(pdf) -> int:
    from pdfminer.pdftypes import resolve1
    try:
        count = resolve1(resolve1(pdf.doc.catalog.get("Pages")).get("Count"))
        return int(count) if isinstance(count, int) else 0
    except Exception:  # a broken page tree: counted again when the pages are listed
        return 0


def _properties(metadata: dict) -> dict[str, str]:
    result = {}
    for key, name in (("title", "Title"), ("subject", "Subject"), ("keywords", "Keywords")):
        value = metadata.get(name)
        if isinstance(value, str) and value.strip():
            result[key] = value.strip()
    return result


def _check_readable(path: Path, document: SourceDocument, reader: _PageReader, pages: int) -> None:
    if not document.blocks:
        if reader.scans:
            raise ValidationError(
                tr("Tệp PDF “{name}” là bản quét (ảnh), không có lớp chữ nên chương trình không đọc được nội dung.",
                   name=path.name),
                tr("Hãy dùng bản Word/Excel của kế hoạch, hoặc nhận dạng chữ (OCR) rồi lưu thành .docx và nhập tệp "
                   "đó."))
        if reader.big:
            raise ValidationError(
                tr("Tệp PDF “{name}” có trang nặng bất thường; chương trình không mở để tránh treo máy.",
                   name=path.name),
                tr("Hãy kiểm tra nguồn gốc tệp, hoặc dùng bản Word/Excel của kế hoạch."))
        if reader.damaged and len(reader.damaged) == pages:
            raise _open_error(path, None)
        raise ValidationError(
            tr("Tệp PDF “{name}” không có chữ đọc được (chữ có thể đã bị chuyển thành hình vẽ).", name=path.name),
            tr("Hãy dùng bản Word/Excel của kế hoạch, hoặc nhận dạng chữ (OCR) rồi lưu thành .docx và nhập tệp đó."))
    if reader.scans:
        document.warnings.append(tr("Trang {pages} của tệp PDF là ảnh quét, không có chữ nên không đọc được; nhiệm "
                                    "vụ ở đó (nếu có) cần nhập tay.", pages=_pages(reader.scans)))
    if reader.damaged:
        document.warnings.append(tr("Trang {pages} của tệp PDF bị hỏng nên đã bỏ qua.",
                                    pages=_pages(reader.damaged)))
    if reader.big:
        document.warnings.append(tr("Trang {pages} của tệp PDF nặng bất thường nên đã bỏ qua.",
                                    pages=_pages(reader.big)))


def _pages(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def _open_error(path: Path, exc: Exception | None) -> ValidationError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    cause = exc
    while cause is not None and not isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
        cause = cause.args[0] if cause.args and isinstance(cause.args[0], Exception) else cause.__cause__
    if isinstance(cause, PDFPasswordIncorrect):
        return ValidationError(
            tr("Tệp PDF “{name}” được đặt mật khẩu nên không đọc được.", name=path.name),
            tr("Hãy xin nơi gửi bản không đặt mật khẩu hoặc bản Word/Excel của kế hoạch; nếu biết mật khẩu, mở tệp, "
               "chọn In → Microsoft Print to PDF để lưu bản không mật khẩu rồi nhập bản đó."))
    if isinstance(cause, PDFEncryptionError):
        return ValidationError(
            tr("Tệp PDF “{name}” được mã hóa theo cách chương trình không đọc được.", name=path.name),
            tr("Hãy mở tệp, chọn In → Microsoft Print to PDF để lưu một bản không mã hóa rồi nhập bản đó; hoặc dùng "
               "bản Word/Excel của kế hoạch."))
    log.warning("unreadable PDF %s: %r", path.name, exc)
    return ValidationError(
        tr("Tệp PDF “{name}” bị hỏng hoặc không đúng định dạng nên không đọc được.", name=path.name),
        tr("Hãy tải lại tệp từ nơi gửi, hoặc dùng bản Word/Excel của kế hoạch; cũng có thể mở tệp PDF, chọn bảng "
           "phụ lục, sao chép rồi dùng Kế hoạch → Dán bảng kế hoạch đã sao chép."))
