"""Names offered for files the program writes out: ASCII, no spaces, saying what the document is."""
from __future__ import annotations

from datetime import date

import pytest

from cchc_desktop.file_names import backup_file_name, document_file_name, slug


@pytest.mark.parametrize("text, expected", [
    ("Quý III năm 2026", "quy-III-2026"), ("6 tháng năm 2026", "6-thang-2026"), ("Năm 2026", "nam-2026"),
    ("Kế hoạch CCHC xã Đông Sơn", "ke-hoach-CCHC-xa-dong-son"), ("  ", ""), ("Báo cáo: “tháng 9/2026”!", "bao-cao-thang-9-2026"),
])
def test_slug(text, expected):
    assert slug(text) == expected


def test_document_names():
    assert document_file_name("BC", "5", "CCHC Quý I năm 2026", "pdf") == "BC-05-CCHC-quy-I-2026.pdf"
    assert document_file_name("TB", "", "nhiệm vụ quá hạn 2026", "docx") == "TB-nhiem-vu-qua-han-2026.docx"
    assert (document_file_name("DM", "", "minh chứng CCHC 2026", "xlsx", date(2026, 3, 14))
            == "DM-minh-chung-CCHC-2026-den-14-03-2026.xlsx")
    long = document_file_name("BC", "12a", "x " * 200, "pdf")
    assert long.endswith(".pdf") and len(long) <= 124 and long.isascii()


def test_names_never_carry_what_windows_forbids():
    assert backup_file_name('Vĩnh Lộc/Bình Chánh: "A"', date(2026, 11, 25)) == \
        "SaoLuu-CCHC-vinh-loc-binh-chanh-A-2026-11-25.zip"
    assert backup_file_name("", date(2026, 11, 25)) == "SaoLuu-CCHC-xa-2026-11-25.zip"
    assert document_file_name("BC&ĐT", "7", "CCHC quý I năm 2026", "pdf") == "BC-DT-07-CCHC-quy-I-2026.pdf"
    assert document_file_name("đb.x", "５", "CCHC", "pdf").startswith("DB-X-")
    assert "５" not in document_file_name("BC", "５", "CCHC", "pdf")
    long = document_file_name("BC", "5", "nhiệm vụ " * 40, "pdf")
    assert len(long) <= 124 and not long[:-4].endswith("-")
