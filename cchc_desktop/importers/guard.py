"""Refuse what cannot or should not be read, before any library touches it, with a reason.

Old binary .doc/.xls and password-protected Office files share the OLE2 signature; zip
bombs are caught by the declared uncompressed sizes; very large text is refused rather than
parsed for minutes on an old PC.
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

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
SUPPORTED = ".docx, .xlsx, .html, .htm, .txt, .tsv, .csv"


def check_file(path: Path) -> bytes:
    """The file's first bytes, after checking it exists, is readable and not absurdly large."""
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
    suffix = path.suffix.lower()
    size = path.stat().st_size
    if head.startswith(OLE_MAGIC):
        _refuse_ole(path, head)
    if head.startswith(ZIP_MAGIC) or suffix in (".docx", ".xlsx", ".docm", ".xlsm"):
        if size > MAX_OFFICE_BYTES:
            raise _too_big(path, size, MAX_OFFICE_BYTES)
        return _check_zip(path)
    if suffix in (".doc", ".xls"):
        raise _old_binary(path)
    if suffix in (".pdf",) or head.startswith(b"%PDF"):
        raise ValidationError(
            tr("Chương trình chưa đọc trực tiếp được tệp PDF “{name}”.", name=path.name),
            tr("Hãy mở tệp PDF, chọn toàn bộ bảng phụ lục, sao chép rồi dùng “Dán bảng từ Word/Excel”; "
               "hoặc dùng bản Word (.docx) của kế hoạch."))
    if size > MAX_TEXT_BYTES:
        raise _too_big(path, size, MAX_TEXT_BYTES)
    if b"\x00" in head[:1024] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValidationError(tr("Tệp “{name}” không phải là văn bản hay bảng tính mà chương trình đọc được.",
                                 name=path.name), tr("Các định dạng được hỗ trợ: {formats}.", formats=SUPPORTED))
    lowered = head.lower()
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
    except zipfile.BadZipFile:
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
    raise ValidationError(tr("Tệp “{name}” là tệp nén nhưng không phải tài liệu Word hay bảng tính Excel.",
                             name=path.name), tr("Các định dạng được hỗ trợ: {formats}.", formats=SUPPORTED))


def _refuse_ole(path: Path, head: bytes) -> None:
    with open(path, "rb") as handle:
        body = handle.read(2 * 1024 * 1024)
    if "EncryptionInfo".encode("utf-16-le") in body or "EncryptedPackage".encode("utf-16-le") in body:
        raise _protected(path)
    raise _old_binary(path)


def _protected(path: Path) -> ValidationError:
    return ValidationError(tr("Tệp “{name}” được đặt mật khẩu nên không đọc được.", name=path.name),
                           tr("Hãy mở tệp bằng Word/Excel, gỡ mật khẩu (Tệp → Thông tin → Bảo vệ), lưu lại "
                              "rồi nhập lại."))


def _old_binary(path: Path) -> ValidationError:
    new = ".xlsx" if path.suffix.lower() == ".xls" else ".docx"
    return ValidationError(
        tr("Tệp “{name}” ở định dạng Word/Excel cũ (.doc/.xls) mà chương trình không đọc được.", name=path.name),
        tr("Hãy mở tệp bằng Word/Excel, chọn “Lưu thành” (Save As) kiểu {new}, rồi nhập tệp mới.", new=new))


def _too_big(path: Path, size: int, limit: int) -> ValidationError:
    return ValidationError(tr("Tệp “{name}” quá lớn ({size}, tối đa {limit}).", name=path.name,
                              size=format_size(size), limit=format_size(limit)),
                           tr("Hãy lưu riêng phần phụ lục nhiệm vụ sang một tệp nhỏ hơn rồi nhập lại."))


def check_pasted(html: str | None, text: str | None) -> None:
    if not (html or "").strip() and not (text or "").strip():
        raise ValidationError(tr("Bộ nhớ tạm đang trống."),
                              tr("Hãy chọn bảng phụ lục trong Word, Excel hoặc trình duyệt, nhấn Ctrl+C rồi dán lại."))
    if len(html or "") > MAX_PASTE_CHARS or len(text or "") > MAX_PASTE_CHARS:
        raise ValidationError(tr("Nội dung dán vào quá lớn."),
                              tr("Hãy chỉ chọn bảng phụ lục nhiệm vụ rồi sao chép lại."))
