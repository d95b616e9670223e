"""Write the sample evidence PDFs that ship with the demo plan (run once; output is committed).

Each is a one-page stand-in marked as sample data, named the way communes name scans
("05-QD-UBND ngay 08-01-2026.pdf") so the number and date are pre-filled when attached.
"""
from __future__ import annotations

import sys
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "resources" / "fonts"
OUT = ROOT / "resources" / "demo" / "evidence"

DOCS = (
    ("05-QD-UBND ngay 08-01-2026.pdf", "QUYẾT ĐỊNH", "Số: 05/QĐ-UBND", "Vĩnh Lộc, ngày 08 tháng 01 năm 2026",
     "Về việc ban hành Kế hoạch cải cách hành chính trên địa bàn xã Vĩnh Lộc năm 2026"),
    ("15-KH-UBND ngay 20-02-2026.pdf", "KẾ HOẠCH", "Số: 15/KH-UBND", "Vĩnh Lộc, ngày 20 tháng 02 năm 2026",
     "Tuyên truyền cải cách hành chính nhà nước xã Vĩnh Lộc năm 2026"),
    ("18-KH-UBND ngay 20-03-2026.pdf", "KẾ HOẠCH", "Số: 18/KH-UBND", "Vĩnh Lộc, ngày 20 tháng 03 năm 2026",
     "Công tác cải cách thủ tục hành chính, kiểm soát thủ tục hành chính năm 2026"),
    ("62-BC-UBND ngay 10-04-2026.pdf", "BÁO CÁO", "Số: 62/BC-UBND", "Vĩnh Lộc, ngày 10 tháng 04 năm 2026",
     "Kết quả tổng kiểm kê tài sản công tại cơ quan, đơn vị năm 2026"),
)


def write(path: Path, kind: str, number: str, dated: str, subject: str) -> None:
    page = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    page.setFont("Serif-Bold", 12)
    page.drawCentredString(55 * mm, height - 25 * mm, "ỦY BAN NHÂN DÂN")
    page.drawCentredString(55 * mm, height - 31 * mm, "XÃ VĨNH LỘC")
    page.drawCentredString(140 * mm, height - 25 * mm, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    page.drawCentredString(140 * mm, height - 31 * mm, "Độc lập - Tự do - Hạnh phúc")
    page.setFont("Serif", 13)
    page.drawCentredString(55 * mm, height - 40 * mm, number)
    page.setFont("Serif-Italic", 13)
    page.drawCentredString(140 * mm, height - 40 * mm, dated)
    page.setFont("Serif-Bold", 14)
    page.drawCentredString(width / 2, height - 60 * mm, kind)
    page.setFont("Serif-Bold", 13)
    page.drawCentredString(width / 2, height - 67 * mm, subject)
    page.setFont("Serif-Italic", 12)
    page.drawCentredString(width / 2, height - 90 * mm, "TÀI LIỆU MẪU — dùng để xem thử chương trình CCHC Desktop.")
    page.showPage()
    page.save()


def main() -> int:
    for name, file in (("Serif", "Regular"), ("Serif-Bold", "Bold"), ("Serif-Italic", "Italic")):
        pdfmetrics.registerFont(TTFont(name, str(FONTS / f"LiberationSerif-{file}.ttf")))
    OUT.mkdir(parents=True, exist_ok=True)
    for name, *text in DOCS:
        write(OUT / name, *text)
        print(OUT / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
