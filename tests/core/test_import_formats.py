"""Every file kind a commune office keeps: PDF with a text layer, .xls, and .doc/.odt/.rtf/.ods
converted through LibreOffice. Each seed plan comes out of them with the same tasks as from its
Word/Excel version; scans, locked, damaged and huge files get a message saying what to do; a
conversion that hangs is killed and leaves nothing behind."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
import zlib
from pathlib import Path

import pytest

from cchc_desktop.errors import UserError
from cchc_desktop.importers import office_convert, ole, read_document
from cchc_desktop.importers.analysis import analyze
from cchc_desktop.importers.document import SourceDocument, Table
from cchc_desktop.importers.guard import detect_format
from cchc_desktop.services.units import builtin_matcher
from tests.core.test_import import EXPECTED, META
from tests.support.libreoffice import convert
from tests.support.seed_documents import seed_file, seed_source
from tests.support.seed_pdf import seed_pdf, write_pdf, write_scan

SEEDS = sorted(EXPECTED)


def preview_of(path: Path):
    return analyze(read_document(path), builtin_matcher())


def summary(preview) -> list[tuple]:
    """What the officer checks for each task: where it goes, its text, units and deadline."""
    return [(t.framework, t.domain, t.code, t.name, t.product, [u.name for u in t.lead],
             [u.name for u in t.coordinators], t.deadline_text) for t in preview.tasks]


def assert_seed(preview, seed: str) -> None:
    counts = {domain: n for (framework, domain), n in preview.counts().items() if framework == "PAR"}
    assert counts == EXPECTED[seed]
    number, issued, year, kind, commune = META[seed]
    assert (preview.plan.number, preview.plan.issued_on, preview.plan.year, preview.plan.kind,
            preview.plan.commune) == (number, issued, year, kind, commune)
    assert all(t.name and t.lead for t in preview.tasks)


def refused(path: Path, *words: str) -> str:
    with pytest.raises(UserError) as info:
        read_document(path)
    message = str(info.value)
    for word in words:
        assert word in message, message
    return message


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("dinh-dang")


@pytest.fixture(scope="module")
def docx_previews(folder):
    """The Word version of each seed: what every other kind must match."""
    return {seed: summary(preview_of(seed_file(seed, "docx", folder))) for seed in SEEDS}


@pytest.fixture
def temp_dir(tmp_path, monkeypatch) -> Path:
    """Conversions' temporary folders land here, so a test sees whether any is left behind."""
    folder = tmp_path / "tam"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


# ---------------------------------------------------------------------------------------------- PDF

@pytest.mark.parametrize("repeat_header", [True, False], ids=["tieu-de-lap-lai", "khong-lap-tieu-de"])
@pytest.mark.parametrize("seed", SEEDS)
def test_pdf_with_ruled_table_reads_like_the_word_file(folder, docx_previews, seed, repeat_header):
    sub = folder / ("lap" if repeat_header else "khong-lap")
    sub.mkdir(exist_ok=True)
    path = seed_pdf(seed, sub, repeat_header=repeat_header)
    document = read_document(path)
    assert document.kind == "pdf"
    assert document.fonts == {"LiberationSerif", "LiberationSerif-Bold"}   # the subset tag "ABCDEF+" dropped
    # The appendix runs over many pages, yet is one table (two for seed 004, one per appendix table;
    # seed 003 has a table per appendix with paragraphs between).
    assert len(document.tables) == len(seed_source(seed).tables)
    preview = analyze(document, builtin_matcher())
    assert_seed(preview, seed)
    assert summary(preview) == docx_previews[seed]
    assert not [w for w in preview.warnings if "không xếp được" in w or "bị trùng" in w]


@pytest.mark.parametrize("seed", ["000", "004"])
def test_pdf_printed_by_an_office_program(folder, docx_previews, seed):
    """The Word file printed to PDF by LibreOffice, as an office does: rows broken across pages, the
    header repeated, a lead unit merged down rows and cut by the page break, words cut at "-"."""
    work = folder / "in-pdf"
    work.mkdir(exist_ok=True)
    preview = preview_of(convert(seed_file(seed, "docx", work), "pdf", work))
    assert_seed(preview, seed)
    assert summary(preview) == docx_previews[seed]


@pytest.mark.parametrize("repeat_header", [True, False])
def test_pdf_row_cut_by_the_page_break_is_joined(tmp_path, repeat_header):
    source = seed_source("000")
    rows = source.tables[0].rows
    cut = next(i for i, row in enumerate(rows) if row[0] == "" and row[1].startswith("UBND tỉnh, Chủ tịch"))
    path = write_pdf(source, tmp_path / "cat-trang.pdf", repeat_header=repeat_header, breaks={0: {cut}})
    document = read_document(path)
    assert len(document.tables) == 1
    assert "2" not in document.paragraphs      # the page number between the two parts is gone
    preview = analyze(document, builtin_matcher())
    task = next(t for t in preview.tasks if (t.domain, t.code) == ("I", "8"))
    assert task.name == "Thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao trong năm 2026 đúng hạn."
    assert task.deadline_text == "Trong năm 2026"
    assert [u.name for u in task.lead] == ["Văn phòng HĐND và UBND"]
    assert [u.name for u in task.coordinators] == ["Các cơ quan, đơn vị liên quan"]
    assert_seed(preview, "000")


def test_pdf_merged_cells_fill_every_row_they_cover(tmp_path):
    header = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
    document = SourceDocument("x", "docx", ["KẾ HOẠCH Cải cách hành chính năm 2026", Table([
        header,
        ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "", "", ""],
        ["1", "Ban hành Kế hoạch CCHC năm 2026", "Phòng Văn hóa - Xã hội", "Các phòng chuyên môn", "Quý I/2026"],
        ["2", "Kiểm tra công tác CCHC", "Phòng Văn hóa - Xã hội", "- Các phòng chuyên môn\n- TTPVHCC",
         "Tháng 7-10/2026"],
        ["3", "Tuyên truyền CCHC", "Phòng Văn hóa - Xã hội", "", "Thường xuyên"],
        ["III", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", "", ""],
        ["1", "Rà soát, đơn giản hóa TTHC", "Trung tâm Phục vụ hành chính công", "", "Trước ngày 10/01/2026"],
    ])])
    preview = preview_of(write_pdf(document, tmp_path / "gop-o.pdf", merge_leads=True))
    got = [(t.domain, t.code, t.name, [u.name for u in t.lead], [u.name for u in t.coordinators], t.deadline_text)
           for t in preview.tasks]
    assert got == [
        ("I", "1", "Ban hành Kế hoạch CCHC năm 2026", ["Phòng Văn hóa - Xã hội"], ["Các phòng, ban chuyên môn"],
         "Quý I/2026"),
        ("I", "2", "Kiểm tra công tác CCHC", ["Phòng Văn hóa - Xã hội"],
         ["Các phòng, ban chuyên môn", "Trung tâm Phục vụ hành chính công"], "Tháng 7-10/2026"),
        ("I", "3", "Tuyên truyền CCHC", ["Phòng Văn hóa - Xã hội"], [], "Thường xuyên"),
        ("III", "1", "Rà soát, đơn giản hóa TTHC", ["Trung tâm Phục vụ hành chính công"], [],
         "Trước ngày 10/01/2026"),
    ]
    assert all(t.deadline.understood for t in preview.tasks)


def test_pdf_without_ruled_table_gives_lines_for_the_recovery(tmp_path):
    document = read_document(seed_pdf("001", tmp_path, borders=False, repeat_header=False))
    assert document.tables == [] and len(document.paragraphs) > 300
    preview = analyze(document, builtin_matcher())
    assert {d: n for (_f, d), n in preview.counts().items()} == EXPECTED["001"]
    assert any("không có đường kẻ bảng" in w for w in preview.warnings)


def test_scanned_pdf_is_refused_with_what_to_do(tmp_path):
    message = refused(write_scan(tmp_path / "ban-quet.pdf"), "bản quét", "không có lớp chữ", "Word/Excel",
                      "OCR", ".docx")
    assert "ban-quet.pdf" in message
    # A portal's signature stamp is a line of real text on a scan: still a scan.
    refused(write_scan(tmp_path / "co-dau-ky-so.pdf", stamp="Người ký: Ủy ban nhân dân xã Vĩnh Lộc"), "bản quét")


def test_scanned_pages_inside_a_text_pdf_are_named(tmp_path):
    from pypdf import PdfWriter
    writer = PdfWriter()
    writer.append(str(seed_pdf("004", tmp_path)))
    writer.append(str(write_scan(tmp_path / "quet.pdf", pages=1)))
    mixed = tmp_path / "tron.pdf"
    writer.write(str(mixed))
    pages = len(writer.pages)
    preview = preview_of(mixed)
    assert_seed(preview, "004")
    assert any(f"Trang {pages} của tệp PDF là ảnh quét" in w for w in preview.warnings)


def test_damaged_pdfs(tmp_path):
    garbage = tmp_path / "hong.pdf"
    garbage.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    refused(garbage, "PDF", "bị hỏng", "Word/Excel")
    not_pdf = tmp_path / "loi-tai-ve.pdf"
    not_pdf.write_text("<html><body>404 Not Found</body></html>", encoding="utf-8")
    refused(not_pdf, "không phải tệp PDF", "tải lại")
    # Cut short in the middle (an interrupted download): what is left is read, or a message says why.
    whole = seed_pdf("000", tmp_path).read_bytes()
    cut = tmp_path / "cat-giua.pdf"
    cut.write_bytes(whole[: len(whole) // 2])
    try:
        preview = preview_of(cut)
    except UserError as error:
        assert "PDF" in str(error)
    else:
        assert len(preview.tasks) < 36


def test_password_protected_pdf(tmp_path):
    from pypdf import PdfWriter
    source = seed_pdf("004", tmp_path)
    locked = tmp_path / "mat-khau.pdf"
    writer = PdfWriter(clone_from=str(source))
    writer.encrypt(user_password="1234", owner_password="chu-so-huu", algorithm="AES-128")
    writer.write(str(locked))
    refused(locked, "mật khẩu", "Word/Excel")
    # Only an owner password (no printing/copying allowed): it opens without one, so it reads.
    restricted = tmp_path / "han-che.pdf"
    writer = PdfWriter(clone_from=str(source))
    writer.encrypt(user_password="", owner_password="chu-so-huu", algorithm="RC4-128", permissions_flag=-3904)
    writer.write(str(restricted))
    assert_seed(preview_of(restricted), "004")


def _raw_pdf(content: bytes, count: int = 1) -> bytes:
    """A one-page PDF whose page draws ``content`` (deflated), claiming ``count`` pages."""
    packed = zlib.compress(content, 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count %d >>" % count,
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def test_hostile_pdfs_are_refused_before_parsing(tmp_path):
    bomb = tmp_path / "bom.pdf"
    bomb.write_bytes(_raw_pdf(b" " * (40 * 1024 * 1024)))   # 40 MB of drawing instructions in ~40 KB
    assert bomb.stat().st_size < 200_000
    refused(bomb, "nặng bất thường")
    many = tmp_path / "nhieu-trang.pdf"
    many.write_bytes(_raw_pdf(b"BT ET", count=50_000))
    refused(many, "50000 trang", "quá nhiều", "Word/Excel")
    empty = tmp_path / "khong-chu.pdf"
    empty.write_bytes(_raw_pdf(b"0 0 m 100 100 l S"))
    refused(empty, "không có chữ")


def test_pdf_too_big(tmp_path, monkeypatch):
    from cchc_desktop.importers import guard
    monkeypatch.setattr(guard, "MAX_PDF_BYTES", 1000)
    refused(seed_pdf("000", tmp_path), "quá lớn")


# ---------------------------------------------------------------------------------------------- XLS

@pytest.fixture(scope="module")
def xls_files(folder):
    work = folder / "xls"
    work.mkdir()
    return {seed: convert(seed_file(seed, "xlsx", work), "xls", work) for seed in ("000", "004")}


@pytest.mark.parametrize("seed", ["000", "004"])
def test_xls_reads_like_the_xlsx(xls_files, folder, seed):
    xlsx = summary(preview_of(seed_file(seed, "xlsx", folder)))
    document = read_document(xls_files[seed])
    assert document.kind == "xls" and document.fonts   # the fonts the text cells use
    preview = analyze(document, builtin_matcher())
    assert_seed(preview, seed)
    assert summary(preview) == xlsx
    # Domain rows merged across the table read as one title in every cell, as in the .xlsx.
    row = next(r for r in document.tables[0].rows if r[0].rstrip(".") in ("IV", "VI") and r[1])
    assert row[2] == row[1] and set(row[1:]) - {""} == {row[1]}


def test_xls_dates_numbers_merges_titles_and_fonts(tmp_path):
    from datetime import date, datetime

    from openpyxl import Workbook
    from openpyxl.styles import Font
    book = Workbook()
    sheet = book.active
    sheet.title = "Phụ lục"
    sheet["A1"] = "PHỤ LỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"
    sheet["A1"].font = Font(name="Times New Roman")
    sheet.append(["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành", "Ghi chú"])
    sheet.append(["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"])
    sheet.merge_cells("B3:E3")
    sheet.append([1.0, "Ban hành Kế hoạch CCHC", "Phòng Văn hóa - Xã hội", datetime(2026, 1, 15), 12.5])
    sheet.append([2, "Kiểm tra công tác CCHC", "Văn phòng HĐND và UBND", date(2026, 10, 31), None])
    sheet.append([3, "Rà soát thủ tục hành chính", None, "Quý I/2026", None])
    sheet.merge_cells("C4:C6")
    source = tmp_path / "mau.xlsx"
    book.save(source)
    document = read_document(convert(source, "xls", tmp_path))
    assert document.paragraphs == ["PHỤ LỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"]
    assert "Times New Roman" in document.fonts
    rows = document.tables[0].rows
    assert rows[1] == ["I"] + ["CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"] * 4
    assert rows[2] == ["1", "Ban hành Kế hoạch CCHC", "Phòng Văn hóa - Xã hội", "15/01/2026", "12.5"]
    assert rows[3][0] == "2" and rows[3][3] == "31/10/2026"
    assert rows[4][2] == "Phòng Văn hóa - Xã hội"     # the merged lead unit, down every row it covers
    preview = analyze(document, builtin_matcher())
    assert [(t.code, t.deadline.due) for t in preview.tasks] == [
        ("1", date(2026, 1, 15)), ("2", date(2026, 10, 31)), ("3", date(2026, 3, 31))]


def test_xls_xlrd_cannot_read_falls_back_to_libreoffice(xls_files, temp_dir, monkeypatch):
    import xlrd

    def broken(*_args, **_kwargs):
        raise xlrd.XLRDError("Unsupported format, or corrupt file")
    monkeypatch.setattr(xlrd, "open_workbook", broken)
    assert_seed(preview_of(xls_files["004"]), "004")
    assert list(temp_dir.iterdir()) == []
    monkeypatch.setattr(office_convert, "find_converter", lambda target: None)
    refused(xls_files["004"], "Không đọc được tệp Excel", "Lưu thành", "Excel Workbook (*.xlsx)")


def test_excel_xml_2003_named_xls(tmp_path, temp_dir):
    rows = [("STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"),
            ("1", "Số hóa hồ sơ, kết quả giải quyết TTHC", "Trung tâm Phục vụ hành chính công", "Quý II/2026")]
    body = "".join("<Row>" + "".join(f'<Cell><Data ss:Type="String">{c}</Data></Cell>' for c in row) + "</Row>"
                   for row in rows)
    path = tmp_path / "xuat-tu-phan-mem.xls"
    path.write_text('<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
                    'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Sheet1"><Table>'
                    f"{body}</Table></Worksheet></Workbook>", encoding="utf-8")
    preview = preview_of(path)
    assert [(t.name, [u.name for u in t.lead], t.deadline_text) for t in preview.tasks] == [
        ("Số hóa hồ sơ, kết quả giải quyết TTHC", ["Trung tâm Phục vụ hành chính công"], "Quý II/2026")]
    assert list(temp_dir.iterdir()) == []


# ---------------------------------------------------------------------------------- .doc .odt .rtf .ods

@pytest.fixture(scope="module")
def word_files(folder):
    """The seeds saved by LibreOffice as .odt, and from that as .doc and .rtf (LibreOffice 7.4 saving
    python-docx's tables straight to .doc loses them); the workbook as .ods."""
    work = folder / "word"
    work.mkdir()
    files = {}
    for seed in ("000", "004"):
        odt = convert(seed_file(seed, "docx", work), "odt", work)
        files[(seed, "odt")] = odt
        for fmt in ("doc", "rtf"):
            files[(seed, fmt)] = convert(odt, fmt, work)
    files[("004", "ods")] = convert(seed_file("004", "xlsx", work), "ods", work)
    return files


@pytest.mark.parametrize("seed, fmt", [("000", "doc"), ("004", "doc"), ("004", "odt"), ("004", "rtf"),
                                       ("004", "ods")])
def test_old_and_open_formats_convert_through_libreoffice(word_files, folder, docx_previews, temp_dir, seed, fmt):
    path = word_files[(seed, fmt)]
    document = read_document(path)
    assert (document.kind, document.name) == (fmt, path.name)
    preview = analyze(document, builtin_matcher())
    assert_seed(preview, seed)
    expected = summary(preview_of(seed_file(seed, "xlsx", folder))) if fmt == "ods" else docx_previews[seed]
    assert summary(preview) == expected
    assert list(temp_dir.iterdir()) == []    # the converted copy, its profile and the log are gone


def test_kind_comes_from_content_not_suffix(word_files, xls_files, tmp_path):
    doc, xls = word_files[("004", "doc")], xls_files["004"]
    assert ole.inspect(doc).kind == "doc" and ole.inspect(xls).kind == "xls"
    renamed = tmp_path / "that-ra-la-doc.xls"
    shutil.copyfile(doc, renamed)
    assert detect_format(renamed, renamed.read_bytes()[:4096]) == "doc"
    docx_named = tmp_path / "ke-hoach.docx"
    shutil.copyfile(doc, docx_named)
    assert detect_format(docx_named, docx_named.read_bytes()[:4096]) == "doc"
    rtf_doc = tmp_path / "luu-tu-wordpad.doc"
    shutil.copyfile(word_files[("004", "rtf")], rtf_doc)
    assert detect_format(rtf_doc, rtf_doc.read_bytes()[:4096]) == "rtf"
    odt_zip = tmp_path / "van-ban"
    shutil.copyfile(word_files[("004", "odt")], odt_zip)
    assert detect_format(odt_zip, odt_zip.read_bytes()[:4096]) == "odt"


def test_doc_with_a_password_is_refused_before_conversion(word_files, tmp_path, monkeypatch):
    source = word_files[("004", "doc")]
    data = bytearray(source.read_bytes())
    with open(source, "rb") as handle:
        reader = ole._Reader(handle)
        word = next(s for s in reader.directory() if s.name == "WordDocument")
        offset = (word.start + 1) * reader.size
    data[offset + 0x0B] |= 0x01        # fEncrypted in the FIB
    locked = tmp_path / "co-mat-khau.doc"
    locked.write_bytes(bytes(data))
    monkeypatch.setattr(office_convert, "find_converter", lambda target: pytest.fail("must not convert"))
    refused(locked, "mật khẩu", "gỡ mật khẩu")


def test_odf_with_a_password_is_refused_before_conversion(tmp_path, monkeypatch):
    import zipfile
    locked = tmp_path / "co-mat-khau.odt"
    with zipfile.ZipFile(locked, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", b"\x8f\x01 encrypted bytes")
        archive.writestr("META-INF/manifest.xml", '<manifest:manifest><manifest:file-entry manifest:full-path='
                         '"content.xml"><manifest:encryption-data manifest:checksum-type="SHA1"/>'
                         '</manifest:file-entry></manifest:manifest>')
    monkeypatch.setattr(office_convert, "find_converter", lambda target: pytest.fail("must not convert"))
    refused(locked, "mật khẩu")


def test_no_libreoffice_nor_word_says_how_to_save_as_docx(word_files, monkeypatch):
    monkeypatch.setattr(office_convert, "find_libreoffice", lambda: None)
    monkeypatch.setattr(office_convert.sys, "platform", "linux")
    message = refused(word_files[("004", "doc")], "LibreOffice hoặc Microsoft Word",
                      "Tệp → Lưu thành → Word Document (*.docx)")
    assert "ke-hoach-004.doc" in message


def _fake_converter(monkeypatch, script: str) -> None:
    monkeypatch.setattr(office_convert, "find_converter",
                        lambda target: office_convert.Converter("libreoffice", "/bin/sh"))
    monkeypatch.setattr(office_convert, "_command", lambda converter, source, out, target, work: ["/bin/sh", "-c",
                                                                                                 script])


def test_a_hanging_conversion_is_killed_and_cleaned_up(word_files, temp_dir, monkeypatch):
    marker = "61.4142"   # a child of the converter that would outlive it if only the parent were killed
    _fake_converter(monkeypatch, f"sleep {marker} & sleep {marker}; wait")
    monkeypatch.setattr(office_convert, "CONVERT_TIMEOUT", 1.5)
    refused(word_files[("004", "doc")], "quá 1 giây", "đã dừng", "Lưu thành")
    assert list(temp_dir.iterdir()) == []
    for _ in range(50):   # SIGKILL lands within moments
        left = subprocess.run(["pgrep", "-f", f"sleep {marker}"], capture_output=True, text=True).stdout.strip()
        if not left:
            break
        time.sleep(0.1)
    assert left == "", "the converter's children were left running"


def test_a_failed_conversion_says_so_and_cleans_up(word_files, temp_dir, monkeypatch):
    _fake_converter(monkeypatch, "echo 'Error: source file could not be loaded'; exit 0")
    refused(word_files[("004", "odt")], "Không chuyển được", "mật khẩu", "Lưu thành")
    assert list(temp_dir.iterdir()) == []
    # An error while the converted file is being read removes the folder too.
    monkeypatch.setattr(office_convert, "_command", lambda converter, source, out, target, work: [
        "/bin/sh", "-c", 'printf "PK\\003\\004 hong" > "$0"', str(out / f"{source.stem}.{target}")])
    refused(word_files[("004", "rtf")], "Không chuyển được")
    assert list(temp_dir.iterdir()) == []


def test_windows_word_command_is_a_vbscript(tmp_path):
    converter = office_convert.Converter("word", r"C:\Windows\System32\cscript.exe")
    command = office_convert._command(converter, tmp_path / "nguon.doc", tmp_path / "ket-qua", "docx", tmp_path)
    assert command[:3] == [converter.program, "//nologo", "//B"]
    script = Path(command[3]).read_text(encoding="ascii")
    assert 'CreateObject("Word.Application")' in script and "SaveAs2 dst, 16" in script and "Quit" in script
    assert command[4:] == ["word", str(tmp_path / "nguon.doc"), str(tmp_path / "ket-qua" / "nguon.docx")]
