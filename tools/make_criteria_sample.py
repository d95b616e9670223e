"""Builds resources/samples/bo-chi-so-cchc-cap-xa-mau.xlsx: a SAMPLE commune-level PAR Index criteria set,
in the layout provinces publish (STT | Lĩnh vực/Tiêu chí/Tiêu chí thành phần | Điểm tối đa | Hướng dẫn chấm
điểm | Tài liệu kiểm chứng), using every kind of scoring rule. It is not any province's set.

    .venv/bin/python tools/make_criteria_sample.py
"""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

OUT = Path(__file__).resolve().parent.parent / "resources" / "samples" / "bo-chi-so-cchc-cap-xa-mau.xlsx"
TITLE = "BỘ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CẤP XÃ — MẪU MINH HỌA NĂM 2026"
NOTICE = ("Bộ chỉ số mẫu đi kèm phần mềm để làm quen, KHÔNG phải bộ chỉ số của tỉnh nào. "
          "Hãy nạp bộ chỉ số do tỉnh ban hành trước khi tự chấm.")

ROWS = [
    ("I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", 12, "", ""),
    ("1", "Kế hoạch cải cách hành chính năm", 3, "", ""),
    ("1.1", "Ban hành kế hoạch CCHC năm của xã", 1,
     "Ban hành kịp thời (trước ngày 31/12 năm trước): 1 điểm; Ban hành không kịp thời: 0,5 điểm; "
     "Không ban hành: 0 điểm", "Kế hoạch CCHC năm"),
    ("1.2", "Mức độ thực hiện kế hoạch CCHC", 2,
     "Hoàn thành 100% kế hoạch: 2 điểm; Từ 80% đến dưới 100%: 1 điểm; Dưới 80%: 0 điểm",
     "Báo cáo CCHC năm"),
    ("2", "Báo cáo CCHC định kỳ", 2,
     "Đủ số lượng, đúng thời hạn: 2 điểm; Đủ số lượng nhưng có báo cáo chậm: 1 điểm; Không đủ số lượng: 0 điểm",
     "Báo cáo CCHC quý I, 6 tháng, quý III, năm"),
    ("3", "Kiểm tra công tác CCHC đối với các bộ phận", 2,
     "Có kế hoạch kiểm tra và thực hiện đúng kế hoạch: 2 điểm; Có kế hoạch nhưng thực hiện chưa đủ: 1 điểm; "
     "Không có kế hoạch: 0 điểm", "Kế hoạch kiểm tra; Biên bản, báo cáo kết quả kiểm tra"),
    ("4", "Xử lý các vấn đề phát hiện qua kiểm tra", 2,
     "Điểm = (Số vấn đề đã xử lý / Tổng số vấn đề phát hiện) x 2. Trường hợp không phát sinh vấn đề phải xử "
     "lý thì được điểm tối đa", "Văn bản chỉ đạo xử lý"),
    ("5", "Công tác tuyên truyền CCHC", 2,
     "Có kế hoạch tuyên truyền và tổ chức thực hiện: 2 điểm; Không: 0 điểm", "Kế hoạch tuyên truyền CCHC"),
    ("6", "Sáng kiến, giải pháp mới trong CCHC được công nhận", 1,
     "Mỗi sáng kiến được công nhận được 0,5 điểm, tối đa 1 điểm", "Quyết định công nhận sáng kiến"),
    ("II", "CẢI CÁCH THỂ CHẾ", 8, "", ""),
    ("1", "Tổ chức thực hiện văn bản quy phạm pháp luật tại xã", 4, "", ""),
    ("1.1", "Ban hành kế hoạch triển khai văn bản QPPL của cấp trên", 1, "Có: 1; Không: 0",
     "Kế hoạch triển khai"),
    ("1.2", "Tỷ lệ văn bản QPPL của HĐND, UBND xã ban hành đúng trình tự, thủ tục", 3,
     "Từ 98% trở lên: 3 điểm; Từ 95% đến dưới 98%: 2 điểm; Từ 90% đến dưới 95%: 1 điểm; Dưới 90%: 0 điểm",
     "Báo cáo kết quả kiểm tra văn bản"),
    ("2", "Rà soát, hệ thống hóa văn bản QPPL", 2,
     "Thực hiện đầy đủ, đúng thời hạn: 2 điểm; Thực hiện nhưng không đúng thời hạn: 1 điểm; "
     "Không thực hiện: 0 điểm", "Báo cáo kết quả rà soát"),
    ("3", "Xử lý văn bản trái pháp luật được phát hiện", 2,
     "Điểm = (Số văn bản đã xử lý / Tổng số văn bản phát hiện) x 2; không phát sinh thì được điểm tối đa",
     "Văn bản xử lý"),
    ("III", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", 16, "", ""),
    ("1", "Công khai thủ tục hành chính", 4,
     "Mỗi TTHC không công khai hoặc công khai không đúng quy định trừ 0,5 điểm", "Ảnh chụp bảng niêm yết"),
    ("2", "Kết quả giải quyết hồ sơ TTHC", 8, "", ""),
    ("2.1", "Tỷ lệ hồ sơ giải quyết đúng hạn", 6,
     "Từ 98% trở lên: 6 điểm; Từ 95% đến dưới 98%: 4 điểm; Từ 90% đến dưới 95%: 2 điểm; Dưới 90%: 0 điểm",
     "Báo cáo kết quả giải quyết TTHC trên Hệ thống thông tin giải quyết TTHC"),
    ("2.2", "Xin lỗi người dân khi giải quyết hồ sơ trễ hạn", 2,
     "Điểm = (Số hồ sơ trễ hạn có văn bản xin lỗi / Tổng số hồ sơ trễ hạn) x 2. Không có hồ sơ trễ hạn thì "
     "được điểm tối đa", "Văn bản xin lỗi"),
    ("3", "Tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức", 4, "", ""),
    ("a", "Công khai địa chỉ tiếp nhận phản ánh, kiến nghị", 1, "Có: 1; Không: 0", "Ảnh chụp nơi niêm yết"),
    ("b", "Tỷ lệ phản ánh, kiến nghị được xử lý đúng hạn", 3,
     "Đạt 100%: 3 điểm; Từ 80% đến dưới 100%: 2 điểm; Dưới 80%: 0 điểm; Không phát sinh phản ánh, kiến nghị "
     "thì được điểm tối đa", "Sổ theo dõi phản ánh, kiến nghị"),
    ("IV", "CẢI CÁCH TỔ CHỨC BỘ MÁY", 6, "", ""),
    ("1", "Thực hiện quy định về số lượng, chức danh cán bộ, công chức cấp xã", 3,
     "Đúng quy định: 3 điểm; Không đúng quy định: 0 điểm", "Báo cáo số lượng cán bộ, công chức"),
    ("2", "Quy chế làm việc của UBND xã", 3,
     "Ban hành, cập nhật kịp thời: 3 điểm; Ban hành nhưng chưa cập nhật: 1,5 điểm; Không ban hành: 0 điểm",
     "Quyết định ban hành Quy chế làm việc"),
    ("V", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", 10, "", ""),
    ("1", "Tỷ lệ cán bộ, công chức xã đạt chuẩn theo quy định", 4,
     "Đạt 100%: 4 điểm; Từ 90% đến dưới 100%: 2 điểm; Dưới 90%: 0 điểm", "Danh sách cán bộ, công chức"),
    ("2", "Số lượt cán bộ, công chức được bồi dưỡng trong năm", 3,
     "Mỗi lượt cán bộ, công chức được cử đi bồi dưỡng được 0,5 điểm, tối đa 3 điểm", "Quyết định cử đi học"),
    ("3", "Chấp hành kỷ luật, kỷ cương hành chính", 3,
     "Mỗi trường hợp cán bộ, công chức bị kỷ luật trừ 1 điểm", "Quyết định kỷ luật (nếu có)"),
    ("VI", "CẢI CÁCH TÀI CHÍNH CÔNG", 6, "", ""),
    ("1", "Công khai dự toán, quyết toán ngân sách xã", 3, "Có: 1,5; Không: 0. Công khai đúng thời hạn thêm 1,5",
     "Văn bản công khai ngân sách"),
    ("2", "Thực hiện quy chế chi tiêu nội bộ", 3,
     "Ban hành và thực hiện đúng: 3 điểm; Ban hành nhưng thực hiện chưa đúng: 1,5 điểm; Chưa ban hành: 0 điểm",
     "Quy chế chi tiêu nội bộ"),
    ("VII", "XÂY DỰNG, PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ", 12, "", ""),
    ("1", "Tỷ lệ văn bản đi được ký số và gửi trên môi trường điện tử", 4,
     "Từ 95% trở lên: 4 điểm; Từ 85% đến dưới 95%: 2 điểm; Dưới 85%: 0 điểm", "Báo cáo từ hệ thống quản lý văn bản"),
    ("2", "Tỷ lệ hồ sơ TTHC được tiếp nhận, giải quyết trực tuyến", 4,
     "Điểm = tỷ lệ hồ sơ trực tuyến / tổng số hồ sơ x 4", "Báo cáo từ Cổng dịch vụ công"),
    ("3", "Số hóa kết quả giải quyết TTHC", 4,
     "Số hóa 100% kết quả: 4 điểm; Từ 70% đến dưới 100%: 2 điểm; Dưới 70%: 0 điểm",
     "Báo cáo số hóa hồ sơ"),
    ("VIII", "TÁC ĐỘNG CỦA CCHC ĐẾN NGƯỜI DÂN, TỔ CHỨC VÀ PHÁT TRIỂN KINH TẾ - XÃ HỘI", 30, "", ""),
    ("1", "Mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính", 20,
     "Điểm đánh giá qua điều tra xã hội học do Sở Nội vụ thực hiện", ""),
    ("2", "Tác động đến phát triển kinh tế - xã hội của xã", 10,
     "Do Hội đồng thẩm định của tỉnh chấm căn cứ kết quả thực hiện chỉ tiêu kinh tế - xã hội", ""),
]


def build(out: Path = OUT) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Bộ chỉ số"
    sheet["A1"], sheet["A2"] = TITLE, NOTICE
    for cell in ("A1", "A2"):
        sheet[cell].font = Font(name="Times New Roman", bold=cell == "A1", italic=cell == "A2", size=13)
    sheet.merge_cells("A1:E1")
    sheet.merge_cells("A2:E2")
    head = ["STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm tối đa", "Hướng dẫn chấm điểm",
            "Tài liệu kiểm chứng"]
    sheet.append([])
    sheet.append(head)
    thin = Side(style="thin")
    for row in ROWS:
        sheet.append(list(row))
    sheet.append(["", "TỔNG CỘNG", 100, "", ""])
    sheet.append([])
    sheet.append(["Xếp loại: Tốt: từ 80% trở lên; Khá: từ 70% đến dưới 80%; Trung bình: từ 60% đến dưới 70%; "
                  "Thấp: dưới 60%."])
    last = sheet.max_row - 2
    for row in sheet.iter_rows(min_row=4, max_row=last, max_col=5):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.font = Font(name="Times New Roman", size=12, bold=cell.row == 4 or str(row[0].value or "")
                             .isupper() and not str(row[0].value or "").isdigit() and bool(row[0].value))
    for column, width in zip("ABCDE", (7, 48, 10, 60, 34)):
        sheet.column_dimensions[column].width = width
    book.properties.title = TITLE
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return out


if __name__ == "__main__":
    print(build())
