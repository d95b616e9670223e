"""Read plans (DOCX, XLSX, PDF, HTML, text; DOC, XLS, ODT, RTF) into one neutral form, then find the tasks.

``read_document(path)`` and ``read_pasted(html, text)`` give a ``SourceDocument``
(paragraphs and tables in order); ``analyze(document)`` in ``analysis`` turns it into an
``ImportPreview``. Heavy libraries (python-docx, openpyxl, xlrd, pdfplumber) load only when their
format is read; .doc, .odt, .rtf are converted to .docx through LibreOffice or Word first.
"""
from __future__ import annotations

from pathlib import Path

from cchc_desktop.importers.document import SourceDocument
from cchc_desktop.importers.guard import check_file, detect_format


def read_document(path: Path | str) -> SourceDocument:
    """Read any supported file; a bad or unsupported one raises a Vietnamese UserError.

    The text comes back in NFC Unicode, converted from TCVN3/VNI when the file used them."""
    from cchc_desktop.importers.legacy_text import normalize_document
    return normalize_document(_read_any(Path(path)))


def _read_any(path: Path) -> SourceDocument:
    kind = detect_format(path, check_file(path))
    if kind == "docx":
        from cchc_desktop.importers.docx_reader import read_docx
        return read_docx(path)
    if kind == "xlsx":
        from cchc_desktop.importers.xlsx_reader import read_xlsx
        return read_xlsx(path)
    if kind == "xls":
        from cchc_desktop.importers.xls_reader import read_xls
        return read_xls(path)
    if kind == "pdf":
        from cchc_desktop.importers.pdf_reader import read_pdf
        return read_pdf(path)
    if kind in ("doc", "odt", "rtf", "ods", "xml-word", "xml-excel"):
        from cchc_desktop.importers.office_convert import read_converted
        return read_converted(path, kind)
    if kind == "html":
        from cchc_desktop.importers.html_reader import read_html
        return read_html(path.read_bytes(), path.name)
    from cchc_desktop.importers.text_reader import read_text
    return read_text(path.read_bytes(), path.name)


def read_pasted(html: str | None, text: str | None) -> SourceDocument:
    """A table copied from Word, Excel or a browser: its HTML if the clipboard has it, else its text."""
    from cchc_desktop.importers.guard import check_pasted
    from cchc_desktop.importers.legacy_text import normalize_document
    check_pasted(html, text)
    if html and "<t" in html.lower():
        from cchc_desktop.importers.html_reader import read_html
        return normalize_document(read_html(html.encode("utf-8"), "(dán từ bộ nhớ tạm)"))
    from cchc_desktop.importers.text_reader import read_text
    return normalize_document(read_text((text or "").encode("utf-8"), "(dán từ bộ nhớ tạm)"))
