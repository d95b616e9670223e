"""Refuse what cannot or should not be read, before any library touches it, with a reason.

The kind comes from the content, the name's suffix only breaks ties: Office 97–2003 files
(.doc, .xls, and password-protected .docx/.xlsx share the OLE2 signature) are told apart by
the names of the streams inside; OpenDocument by its ``mimetype`` member; RTF and PDF by
their first bytes. Zip bombs are caught by the declared uncompressed sizes; very large text
is refused rather than parsed for minutes on an old PC.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from cchc_desktop.errors import ValidationError, environment_problem
from cchc_desktop.i18n import format_size, tr

MAX_OFFICE_BYTES = 100 * 1024 * 1024        # a plan with scanned pictures inside can be big
MAX_TEXT_BYTES = 20 * 1024 * 1024           # HTML/TXT: no real plan is this large
MAX_UNPACKED_BYTES = 400 * 1024 * 1024      # all parts of a DOCX/XLSX, as declared by the zip
MAX_XML_PART_BYTES = 120 * 1024 * 1024      # one XML part (document.xml, a sheet)
MAX_RATIO = 200                             # compression ratio of an honest Office file stays far below
MAX_PASTE_CHARS = 5_000_000
MAX_PDF_BYTES = 100 * 1024 * 1024
MAX_PDF_PAGES = 300                         # a plan with its appendices runs to a few dozen pages
MAX_PDF_PAGE_CONTENT = 16 * 1024 * 1024     # one page's drawing instructions, unpacked

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
SUPPORTED = ".docx, .doc, .odt, .rtf, .xlsx, .xls, .ods, .pdf, .html, .htm, .txt, .tsv, .csv"
ODF_KINDS = {"application/vnd.oasis.opendocument.text": "odt",
             "application/vnd.oasis.opendocument.spreadsheet": "ods"}


def check_file(path: Path) -> bytes:
    """The file's first bytes, after checking it exists, is readable and not absurdly large.

    Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written),
    ``EnvironmentProblem`` when the disk, a permission or a lock stands in the way."""
    if path.is_dir():
        raise ValidationError(tr("“{name}” là một thư mục.", name=path.name), tr("Hãy chọn một tệp kế hoạch."))
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        raise environment_problem(exc, path) or exc
    if size == 0:
        raise ValidationError(tr("Tệp “{name}” rỗng (0 byte).", name=path.name),
                              tr("Hãy kiểm tra lại tệp; có thể tệp chưa được lưu hoặc chép đủ."))
    return head


def detect_format(path: Path, head: bytes) -> str:
    """docx, xlsx, doc, xls, odt, ods, rtf, pdf, xml-word, xml-excel, html or text; else a ValidationError.

    Raises ``UserError`` when the officer has something to do first (said in Vietnamese),
    ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
    suffix = path.suffix.lower()
    size = path.stat().st_size
    if head.startswith(OLE_MAGIC):
        if size > MAX_OFFICE_BYTES:
            raise _too_big(path, size, MAX_OFFICE_BYTES)
        return _check_ole(path)
    if head.startswith(ZIP_MAGIC) or suffix in (".docx", ".xlsx", ".docm", ".xlsm", ".odt", ".ods"):
        if size > MAX_OFFICE_BYTES:
            raise _too_big(path, size, MAX_OFFICE_BYTES)
        return _check_zip(path)
    # A PDF may have a few bytes before its header (some portals add them); viewers accept that.
    if head.startswith(b"%PDF-") or suffix == ".pdf":
        if size > MAX_PDF_BYTES:
            raise _too_big(path, size, MAX_PDF_BYTES)
        if b"%PDF-" not in head[:1024]:
            raise ValidationError(
                tr("Tệp “{name}” có đuôi .pdf nhưng không phải tệp PDF (có thể là trang báo lỗi khi tải về).",
                   name=path.name),
                tr("Hãy tải lại tệp từ nơi gửi, hoặc dùng bản Word/Excel của kế hoạch."))
        return "pdf"
    if head.lstrip()[:5] == b"{\\rtf":
        if size > MAX_OFFICE_BYTES:
            raise _too_big(path, size, MAX_OFFICE_BYTES)
        return "rtf"
    if size > MAX_TEXT_BYTES:
        raise _too_big(path, size, MAX_TEXT_BYTES)
    if b"\x00" in head[:1024] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        if suffix in (".doc", ".xls"):
            raise _old_binary_broken(path)
        raise ValidationError(tr("Tệp “{name}” không phải là văn bản hay bảng tính mà chương trình đọc được.",
                                 name=path.name), tr("Các định dạng được hỗ trợ: {formats}.", formats=SUPPORTED))
    lowered = head.lower()
    # Office 2003 saved "XML Spreadsheet"/"XML Document" files, often named .xls/.doc.
    if b"urn:schemas-microsoft-com:office:spreadsheet" in lowered:
        return "xml-excel"
    if b"schemas.microsoft.com/office/word/2003/wordml" in lowered:
        return "xml-word"
    if suffix in (".html", ".htm") or b"<table" in lowered or b"<html" in lowered:
        return "html"
    return "text"


def _check_zip(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {i.filename for i in infos}
            if any(i.flag_bits & 0x1 for i in infos):
                raise _protected(path)
            total = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
            biggest_xml = max((i.file_size for i in infos if i.filename.endswith(".xml")), default=0)
            mimetype, odf_locked = "", False
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                # An OpenDocument saved with a password lists how each part is encrypted.
                manifest = "META-INF/manifest.xml"
                if manifest in names and archive.getinfo(manifest).file_size < 4 * 1024 * 1024:
                    odf_locked = b"encryption-data" in archive.read(manifest)
    except (zipfile.BadZipFile, EOFError, NotImplementedError, ValueError):
        raise ValidationError(tr("Tệp “{name}” bị hỏng hoặc không phải tệp Word/Excel hợp lệ.", name=path.name),
                              tr("Hãy mở tệp bằng Word/Excel, lưu lại rồi thử nhập lại.")) from None
    except OSError as exc:
        raise environment_problem(exc, path) or exc
    if total > MAX_UNPACKED_BYTES or biggest_xml > MAX_XML_PART_BYTES or total / packed > MAX_RATIO:
        raise ValidationError(
            tr("Tệp “{name}” khi giải nén lớn bất thường ({size}); chương trình không mở để tránh treo máy.",
               name=path.name, size=format_size(total)),
            tr("Hãy kiểm tra nguồn gốc tệp. Nếu là kế hoạch thật, hãy lưu lại chỉ phần phụ lục sang tệp mới."))
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if mimetype in ODF_KINDS:
        if odf_locked:
            raise _protected(path)
        return ODF_KINDS[mimetype]
    if mimetype.startswith("application/vnd.oasis.opendocument"):
        raise ValidationError(tr("Tệp “{name}” là tài liệu OpenDocument nhưng không phải văn bản (.odt) hay bảng "
                                 "tính (.ods).", name=path.name),
                              tr("Các định dạng được hỗ trợ: {formats}.", formats=SUPPORTED))
    raise ValidationError(tr("Tệp “{name}” là tệp nén nhưng không phải tài liệu Word hay bảng tính Excel.",
                             name=path.name), tr("Các định dạng được hỗ trợ: {formats}.", formats=SUPPORTED))


def _check_ole(path: Path) -> str:
    """doc or xls, told apart by the streams inside; a protected or broken one is refused."""
    from cchc_desktop.importers import ole
    try:
        with open(path, "rb") as handle:
            body = handle.read(2 * 1024 * 1024)
    except OSError as exc:
        raise environment_problem(exc, path) or exc
    if "EncryptionInfo".encode("utf-16-le") in body or "EncryptedPackage".encode("utf-16-le") in body:
        raise _protected(path)
    try:
        info = ole.inspect(path)
    except (ole.NotOle, ValueError):
        raise _old_binary_broken(path) from None
    except OSError as exc:
        raise environment_problem(exc, path) or exc
    if info.kind == "encrypted" or info.word_encrypted:
        raise _protected(path)
    if info.kind in ("doc", "xls"):
        return info.kind
    raise ValidationError(
        tr("Tệp “{name}” là tệp Office cũ nhưng không phải văn bản Word hay bảng tính Excel (có thể là PowerPoint "
           "hoặc thư Outlook).", name=path.name),
        tr("Hãy dùng bản Word (.docx, .doc) hoặc Excel (.xlsx, .xls) của kế hoạch."))


def _protected(path: Path) -> ValidationError:
    return ValidationError(tr("Tệp “{name}” được đặt mật khẩu nên không đọc được.", name=path.name),
                           tr("Hãy mở tệp bằng Word/Excel, gỡ mật khẩu (Tệp → Thông tin → Bảo vệ), lưu lại "
                              "rồi nhập lại."))


def _old_binary_broken(path: Path) -> ValidationError:
    new = ".xlsx" if path.suffix.lower() == ".xls" else ".docx"
    return ValidationError(
        tr("Tệp “{name}” ở định dạng Word/Excel cũ (.doc/.xls) nhưng bị hỏng nên không đọc được.", name=path.name),
        tr("Hãy mở tệp bằng Word/Excel; nếu mở được, chọn Tệp → Lưu thành, kiểu {new}, rồi nhập tệp mới.", new=new))


def pdf_too_many_pages(path: Path, pages: int) -> ValidationError:
    return ValidationError(tr("Tệp PDF “{name}” có {pages} trang, quá nhiều (tối đa {limit}).", name=path.name,
                              pages=pages, limit=MAX_PDF_PAGES),
                           tr("Hãy lưu riêng các trang có bảng phụ lục nhiệm vụ thành một tệp PDF nhỏ hơn (In → "
                              "Microsoft Print to PDF, chọn trang), hoặc dùng bản Word/Excel của kế hoạch."))


def _too_big(path: Path, size: int, limit: int) -> ValidationError:
    return ValidationError(tr("Tệp “{name}” quá lớn ({size}, tối đa {limit}).", name=path.name,
                              size=format_size(size), limit=format_size(limit)),
                           tr("Hãy lưu riêng phần phụ lục nhiệm vụ sang một tệp nhỏ hơn rồi nhập lại."))


def check_pasted(html: str | None, text: str | None) -> None:
    """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
    if not (html or "").strip() and not (text or "").strip():
        raise ValidationError(tr("Bộ nhớ tạm đang trống."),
                              tr("Hãy chọn bảng phụ lục trong Word, Excel hoặc trình duyệt, nhấn Ctrl+C rồi dán lại."))
    if len(html or "") > MAX_PASTE_CHARS or len(text or "") > MAX_PASTE_CHARS:
        raise ValidationError(tr("Nội dung dán vào quá lớn."),
                              tr("Hãy chỉ chọn bảng phụ lục nhiệm vụ rồi sao chép lại."))
