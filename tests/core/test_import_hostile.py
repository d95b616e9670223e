"""Hostile input to the importer: each gets a clear Vietnamese message, and nothing is written."""
from __future__ import annotations

import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_desktop.errors import UserError
from cchc_desktop.importers import read_document
from cchc_desktop.importers.analysis import analyze
from cchc_desktop.importers.text_reader import read_text
from cchc_desktop.services.units import builtin_matcher
from db.catalogs import UNITS

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def refused(session, path, *words):
    with pytest.raises(UserError) as info:
        session.plan_import.preview(path)
    message = str(info.value)
    for word in words:
        assert word in message, message
    assert session.one("SELECT count(*) FROM plans")[0] == 0
    assert session.one("SELECT count(*) FROM tasks")[0] == 0
    return message


def test_corrupt_office_files(session, tmp_path):
    bad = tmp_path / "ke-hoach.docx"
    bad.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 100)
    refused(session, bad, "bị hỏng", "lưu lại")
    broken = tmp_path / "hong.xlsx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not really xml")
    refused(session, broken, "Excel", "bị hỏng")
    odd = tmp_path / "nen.docx"
    with zipfile.ZipFile(odd, "w") as archive:
        archive.writestr("readme.txt", "xin chào")
    refused(session, odd, "không phải tài liệu Word")


def test_password_protected_and_old_binary(session, tmp_path):
    locked = tmp_path / "co-mat-khau.docx"
    locked.write_bytes(OLE + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 2000)
    refused(session, locked, "mật khẩu", "gỡ mật khẩu")
    old = tmp_path / "ke-hoach-cu.doc"
    old.write_bytes(OLE + b"\x00" * 504 + "WordDocument".encode("utf-16-le") + b"\x00" * 2000)
    refused(session, old, "định dạng Word/Excel cũ", ".docx")
    old_xls = tmp_path / "bang.xls"
    old_xls.write_bytes(OLE + b"\x00" * 3000)
    refused(session, old_xls, ".xlsx")


def test_no_table_empty_table_pdf_folder_and_missing(session, tmp_path):
    import docx
    plain = tmp_path / "cong-van.docx"
    document = docx.Document()
    document.add_paragraph("Kính gửi: các phòng chuyên môn")
    document.add_table(rows=1, cols=3).rows[0].cells[0].text = "Không phải bảng nhiệm vụ"
    document.save(plain)
    preview = session.plan_import.preview(plain)
    assert preview.tasks == [] and "Không tìm thấy bảng nhiệm vụ" in preview.warnings[0]
    with pytest.raises(UserError, match="Không có nhiệm vụ nào"):
        session.plan_import.apply(preview)
    empty = tmp_path / "bang-rong.html"
    empty.write_text("<table><tr><th>STT</th><th>Nhiệm vụ</th><th>Chủ trì</th><th>Thời gian</th></tr></table>",
                     encoding="utf-8")
    assert session.plan_import.preview(empty).tasks == []
    pdf = tmp_path / "ke-hoach.pdf"
    pdf.write_bytes(b"%PDF-1.7 ...")
    refused(session, pdf, "PDF", "Dán bảng")
    refused(session, tmp_path, "thư mục")
    refused(session, tmp_path / "khong-co.docx", "Không tìm thấy tệp")
    zero = tmp_path / "rong.xlsx"
    zero.write_bytes(b"")
    refused(session, zero, "rỗng")


def test_zip_bomb_is_refused_before_reading(session, tmp_path):
    bomb = tmp_path / "bom.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as part:
            chunk = b"\x00" * (1 << 20)
            for _ in range(60):
                part.write(chunk)
    refused(session, bomb, "giải nén lớn bất thường")


def test_huge_files(session, tmp_path):
    big_text = tmp_path / "rat-lon.txt"
    with open(big_text, "wb") as handle:
        handle.write(b"STT\tNhiem vu\n" * (25 * 1024 * 1024 // 13))
    refused(session, big_text, "quá lớn")
    # A 50 MB Word file whose bulk is a scanned picture still imports its table.
    import docx
    path = tmp_path / "co-anh-scan.docx"
    document = docx.Document()
    table = document.add_table(rows=2, cols=4)
    for cell, text in zip(table.rows[0].cells, ("STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian")):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("1", "Số hóa hồ sơ", "TTPVHCC", "Quý I/2026")):
        cell.text = text
    document.save(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/media/scan.bin", bytes(range(256)) * (50 * 1024 * 1024 // 256))
    assert path.stat().st_size > 50 * 1024 * 1024
    preview = session.plan_import.preview(path)
    assert [t.name for t in preview.tasks] == ["Số hóa hồ sơ"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=2000))
def test_any_text_reads_without_crashing(text):
    preview = analyze(read_text(text.encode("utf-8", "surrogatepass"), "dan.txt"), builtin_matcher())
    for task in preview.tasks:
        assert task.name and task.code


WORDS = ("Rà soát", "Ban hành", "Công khai", "Triển khai", "Tổ chức", "Xây dựng", "Kiểm tra", "Số hóa")
OBJECTS = ("thủ tục hành chính", "kế hoạch tuyên truyền", "văn bản QPPL", "hồ sơ công việc", "dịch vụ công")
DEADLINES = ("Quý I/2026", "Thường xuyên", "Trước ngày 10/01/2026", "Tháng 7-10/2026", "Hằng quý, năm",
             "Theo hướng dẫn của Sở Nội vụ", "Cả năm 2026", "6 tháng, 1 năm")
UNIT_NAMES = [u[0] for u in UNITS if u[2] != "external"]
DOMAIN_TITLES = {"I": "Công tác chỉ đạo, điều hành", "II": "Cải cách thể chế", "III": "Cải cách thủ tục hành chính",
                 "V": "Cải cách chế độ công vụ", "VII": "Chuyển đổi số"}

task_strategy = st.tuples(st.sampled_from(WORDS), st.sampled_from(OBJECTS), st.integers(1, 999),
                          st.sampled_from(UNIT_NAMES), st.lists(st.sampled_from(UNIT_NAMES), max_size=3, unique=True),
                          st.sampled_from(DEADLINES))
plan_strategy = st.dictionaries(st.sampled_from(sorted(DOMAIN_TITLES)), st.lists(task_strategy, min_size=1, max_size=6),
                                min_size=1)


@settings(max_examples=120, deadline=None)
@given(plan_strategy, st.sampled_from(["\t", "tsv-quoted"]))
def test_generated_tables_read_back(plan, style):
    lines = ["STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành"]
    expected = []
    for domain, tasks in plan.items():
        lines.append(f"{domain}.\t{DOMAIN_TITLES[domain]}\t\t\t")
        for number, (verb, thing, n, lead, coords, deadline) in enumerate(tasks, start=1):
            name = f"{verb} {thing} số {n}"
            cell = f'"{name}"' if style == "tsv-quoted" else name
            lines.append(f"{number}\t{cell}\t{lead}\t{'; '.join(coords)}\t{deadline}")
            expected.append((domain, str(number), name, [lead], coords, deadline))
    preview = analyze(read_text("\n".join(lines).encode("utf-8"), "dan.txt"), builtin_matcher())
    got = [(t.domain, t.code, t.name, [u.name for u in t.lead], [u.name for u in t.coordinators], t.deadline_text)
           for t in preview.tasks]
    assert got == expected
    assert all(t.deadline.understood for t in preview.tasks)


def test_reading_never_touches_the_database(session, tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("STT\tNhiệm vụ\tChủ trì\tThời gian\n1\tA\tVHXH\tQuý I/2026\n", encoding="utf-8")
    before = session.one("SELECT count(*) FROM audit_log")[0]
    assert len(read_document(path).tables) == 1
    assert len(session.plan_import.preview(path).tasks) == 1
    assert session.one("SELECT count(*) FROM audit_log")[0] == before
