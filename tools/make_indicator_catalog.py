"""Write resources/indicators/phu-luc-01b.json: the statistics form of seed 004 as data.

Run once when the form changes; the output is committed. Kinds: group (a heading), count
(whole number ≥ 0), number, percent (typed, 0–100), yesno (0/1 with labels), ratio
(computed b/a*100 from two other rows), sum (computed from its children). "stock" rows
(staff quota, number of units…) carry over from the previous period.
"""
from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "indicators" / "phu-luc-01b.json"
VHXH = "Phòng VHXH"
CBCC = "Phòng VHXH (bộ phận phụ trách cán bộ, công chức, viên chức và công vụ)"
SNCL = "Phòng VHXH (bộ phận phụ trách các đơn vị sự nghiệp công lập)"
TT = "Trung tâm Phục vụ hành chính công"

# (domain, stt, name, unit, kind, extra)
ROWS = [
    ("I", "I", "Công tác chỉ đạo điều hành CCHC", "", "group", {}),
    ("I", "1", "Số văn bản chỉ đạo CCHC đã ban hành", "Văn bản", "count", {"lead": VHXH}),
    ("I", "2", "Kế hoạch CCHC năm", "", "group", {"lead": VHXH, "coordinator": "Các Phòng, ban, Trung tâm"}),
    ("I", "2.1", "Số nhiệm vụ đề ra trong kế hoạch", "Nhiệm vụ", "count", {"lead": VHXH, "source": "register_planned"}),
    ("I", "2.2", "Số nhiệm vụ đã hoàn thành", "Nhiệm vụ", "count", {"lead": VHXH, "source": "register_done"}),
    ("I", "3", "Thực hiện nhiệm vụ UBND tỉnh, Chủ tịch UBND tỉnh giao", "", "group",
     {"lead": "Văn phòng UBND (Bộ phận Văn thư)"}),
    ("I", "3.1", "Tổng số nhiệm vụ được giao", "Nhiệm vụ", "count", {}),
    ("I", "3.2", "Số nhiệm vụ đã hoàn thành đúng hạn", "Nhiệm vụ", "count", {}),
    ("I", "3.3", "Số nhiệm vụ đã hoàn thành nhưng quá hạn", "Nhiệm vụ", "count", {}),
    ("I", "4", "Tổ chức đối thoại của lãnh đạo với người dân, cộng đồng doanh nghiệp trên địa bàn",
     "Không = 0 Có = 1", "yesno", {"yes": "Có", "no": "Không", "lead": "Văn phòng UBND (Bộ phận Tiếp dân)"}),
    ("II", "II", "Cải cách thể chế", "", "group", {"lead": "Văn phòng UBND"}),
    ("II", "1", "Số VBQPPL đã ban hành", "Văn bản", "count", {}),
    ("II", "2", "Số VBQPPL đã kiểm tra theo thẩm quyền", "Văn bản", "count", {}),
    ("II", "3", "Số VBQPPL đã rà soát", "Văn bản", "count", {}),
    ("II", "4", "Số VBQPPL đã kiến nghị xử lý sau kiểm tra, rà soát", "Văn bản", "count", {}),
    ("II", "5", "Số VBQPPL có kiến nghị xử lý đã được xử lý xong", "Văn bản", "count", {}),
    ("III", "III", "Cải cách thủ tục hành chính", "", "group", {"lead": TT}),
    ("III", "1", "Tổng số TTHC đang áp dụng", "Thủ tục", "count", {"stock": True}),
    ("III", "2", "Số TTHC đã được phê duyệt quy trình nội bộ", "Thủ tục", "count", {"stock": True}),
    ("III", "3", "Số TTHC đã thực hiện tiếp nhận và giải quyết hồ sơ không phụ thuộc vào địa giới hành chính",
     "Thủ tục", "count", {"stock": True}),
    ("III", "4", "Kết quả giải quyết TTHC", "", "group", {}),
    ("III", "4.1", "Số hồ sơ đã tiếp nhận", "Hồ sơ", "count", {}),
    ("III", "4.2", "Số hồ sơ đã được giải quyết xong", "Hồ sơ", "count", {"role": "a"}),
    ("III", "4.3", "Số hồ sơ đã giải quyết đúng hạn", "Hồ sơ", "count", {"role": "b"}),
    ("III", "4.4", "Tỷ lệ hồ sơ đã tiếp nhận được giải quyết đúng hạn", "%", "ratio", {"a": "III.4.2", "b": "III.4.3"}),
    ("III", "4.5", "Số hồ sơ chưa giải quyết quá hạn", "Hồ sơ", "count", {}),
    ("III", "5", "Tỷ lệ giải quyết phản ánh, kiến nghị (PAKN) về TTHC", "%", "ratio", {"a": "III.5.1", "b": "III.5.2"}),
    ("III", "5.1", "Số PAKN đã tiếp nhận (trực tiếp hoặc do cơ quan có thẩm quyền chuyển đến)", "PAKN", "count", {}),
    ("III", "5.2", "Số PAKN đã giải quyết xong", "PAKN", "count", {}),
    ("IV", "IV", "Cải cách tổ chức bộ máy hành chính nhà nước", "", "group", {}),
    ("IV", "1", "Ban hành chức năng, nhiệm vụ, quyền hạn, tổ chức bộ máy của phòng chuyên môn thuộc UBND cấp xã",
     "Chưa = 0; Hoàn thành = 1", "yesno", {"yes": "Hoàn thành", "no": "Chưa", "stock": True, "lead": CBCC}),
    ("IV", "2", "Số ĐVSNCL thuộc UBND xã", "Đơn vị", "count",
     {"stock": True, "lead": SNCL, "coordinator": "Các đơn vị sự nghiệp công lập"}),
    ("IV", "3", "Số liệu về biên chế công chức", "", "group", {"lead": CBCC}),
    ("IV", "3.1", "Tổng số biên chế được giao trong năm", "Người", "count", {"stock": True}),
    ("IV", "3.2", "Tổng số biên chế có mặt tại thời điểm báo cáo", "Người", "count", {"stock": True}),
    ("IV", "3.3", "Số hợp đồng lao động làm việc tại cơ quan hành chính nhà nước", "Người", "count", {"stock": True}),
    ("IV", "3.4", "Số biên chế đã tinh giản trong kỳ báo cáo", "Người", "count", {}),
    ("IV", "4", "Số người làm việc hưởng lương từ NSNN tại các đơn vị sự nghiệp công lập", "", "group",
     {"lead": SNCL}),
    ("IV", "4.1", "Tổng số người làm việc được giao", "Người", "count", {"stock": True}),
    ("IV", "4.2", "Tổng số người làm việc có mặt tại thời điểm báo cáo", "Người", "count", {"stock": True}),
    ("IV", "4.3", "Số người đã tinh giản trong kỳ báo cáo", "Người", "count", {}),
    ("V", "V", "Cải cách chế độ công vụ", "", "group", {}),
    ("V", "1", "Vị trí việc làm của công chức, viên chức", "", "group", {"lead": CBCC}),
    ("V", "1.1", "Số cơ quan, tổ chức hành chính đã được phê duyệt vị trí việc làm theo quy định", "Cơ quan, đơn vị",
     "count", {"stock": True}),
    ("V", "1.2", "Số đơn vị sự nghiệp đã được phê duyệt vị trí việc làm theo quy định", "Cơ quan, đơn vị", "count",
     {"stock": True}),
    ("V", "1.3", "Số cơ quan, tổ chức có vi phạm trong thực hiện vị trí việc làm phát hiện qua thanh tra",
     "Cơ quan, đơn vị", "count", {}),
    ("V", "2", "Tuyển dụng công chức, viên chức", "", "group", {"lead": CBCC}),
    ("V", "2.1", "Số công chức được tuyển dụng (thi tuyển, xét tuyển)", "Người", "count", {}),
    ("V", "2.2", "Số viên chức được tuyển dụng (thi tuyển, xét tuyển)", "Người", "count", {}),
    ("V", "3", "Thực hiện tuyển chọn, bổ nhiệm lãnh đạo qua thi tuyển", "Đã thực hiện = 1 Chưa thực hiện = 0",
     "yesno", {"yes": "Đã thực hiện", "no": "Chưa thực hiện", "lead": CBCC}),
    ("V", "4", "Số lượng cán bộ, công chức, viên chức bị kỷ luật (cả về Đảng và chính quyền)", "", "group",
     {"lead": CBCC}),
    ("V", "4.1", "Số lãnh đạo cấp xã bị kỷ luật", "Người", "count", {}),
    ("V", "4.2", "Số lãnh đạo cấp phòng thuộc xã bị kỷ luật", "Người", "count", {}),
    ("V", "4.3", "Số công chức bị kỷ luật", "Người", "count", {}),
    ("V", "4.4", "Số người làm việc hưởng lương từ NSNN tại các đơn vị SNCL bị kỷ luật", "Người", "count", {}),
    ("VI", "VI", "Cải cách tài chính công", "", "group",
     {"lead": "Phòng Kinh tế", "coordinator": "Các đơn vị sự nghiệp"}),
    ("VI", "1", "Tổng số ĐVSN công lập tại địa phương", "Đơn vị", "count", {"stock": True}),
    ("VI", "2", "Tổng số ĐVSN tự bảo đảm chi thường xuyên và chi đầu tư", "Đơn vị", "count", {"stock": True}),
    ("VI", "3", "Số ĐVSN tự bảo đảm chi thường xuyên", "Đơn vị", "count", {"stock": True}),
    ("VI", "4", "Số ĐVSN tự bảo đảm một phần chi thường xuyên", "Đơn vị", "sum", {}),
    ("VI", "4.1", "Số ĐVSN tự bảo đảm từ 70% - dưới 100% chi thường xuyên", "Đơn vị", "count", {"stock": True}),
    ("VI", "4.2", "Số ĐVSN tự bảo đảm từ 30% - dưới 70% chi thường xuyên", "Đơn vị", "count", {"stock": True}),
    ("VI", "4.3", "Số ĐVSN tự bảo đảm từ 10% - dưới 30% chi thường xuyên", "Đơn vị", "count", {"stock": True}),
    ("VI", "5", "Số ĐVSN do Nhà nước bảo đảm chi thường xuyên", "Đơn vị", "count", {"stock": True}),
    ("VI", "6", "Số lượng đơn vị SNCL đã chuyển đổi thành công ty cổ phần (lũy kế đến thời điểm báo cáo)", "Đơn vị",
     "count", {"stock": True}),
    ("VII", "VII", "Xây dựng và phát triển Chính quyền điện tử", "", "group", {}),
    ("VII", "1", "Tỷ lệ báo cáo định kỳ được gửi, nhận qua Hệ thống thông tin báo cáo cấp tỉnh", "%", "percent",
     {"lead": "Văn phòng UBND xã", "coordinator": "Các phòng, ban, trung tâm"}),
    ("VII", "2", "Tỷ lệ sử dụng văn bản điện tử của đơn vị", "%", "ratio",
     {"a": "VII.2.1", "b": "VII.2.2", "lead": "Văn phòng UBND xã (bộ phận Văn thư)"}),
    ("VII", "2.1", "Tổng số văn bản của đơn vị", "Văn bản", "count", {}),
    ("VII", "2.2", "Số văn bản đi của đơn vị được gửi hoàn toàn dưới dạng điện tử; sử dụng chữ ký số, chứng thư số "
                   "và gửi trên môi trường điện tử", "Văn bản", "count", {}),
    ("VII", "3", "Dịch vụ công trực tuyến", "", "group", {"lead": "Trung tâm Phục vụ hành chính công xã",
                                                         "coordinator": "Các phòng, ban"}),
    ("VII", "3.1", "Tỷ lệ hồ sơ trực tuyến toàn trình", "%", "ratio", {"a": "VII.3.1.1", "b": "VII.3.1.2"}),
    ("VII", "3.1.1", "Tổng số hồ sơ của DVCTT toàn trình (gồm hồ sơ nộp trực tuyến + trực tiếp)", "Hồ sơ", "count", {}),
    ("VII", "3.1.2", "Số hồ sơ nộp trực tuyến của các DVCTT toàn trình", "Hồ sơ", "count", {}),
    ("VII", "3.2", "Tỷ lệ hồ sơ trực tuyến một phần", "%", "ratio", {"a": "VII.3.2.1", "b": "VII.3.2.2"}),
    ("VII", "3.2.1", "Tổng số hồ sơ của DVCTT một phần (gồm hồ sơ nộp trực tuyến + trực tiếp)", "Hồ sơ", "count", {}),
    ("VII", "3.2.2", "Số hồ sơ nộp trực tuyến của các DVCTT một phần", "Hồ sơ", "count", {}),
    ("VII", "3.3", "Tỷ lệ TTHC được tích hợp, triển khai thanh toán trực tuyến", "%", "ratio",
     {"a": "VII.3.3.1", "b": "VII.3.3.2"}),
    ("VII", "3.3.1", "Tổng số TTHC có yêu cầu nghĩa vụ tài chính (tất cả các TTHC có phát sinh phí, lệ phí)", "Thủ tục",
     "count", {"stock": True}),
    ("VII", "3.3.2", "Số TTHC đã được tích hợp, triển khai thanh toán trực tuyến trên Cổng DVC quốc gia", "Thủ tục",
     "count", {"stock": True}),
]

# "Left side, operator, right side, message": the form's own logic, as data.
RULES = [
    ("I.2.2", "<=", "I.2.1", "Số nhiệm vụ đã hoàn thành không thể lớn hơn số nhiệm vụ đề ra trong kế hoạch."),
    ("I.3.2 + I.3.3", "<=", "I.3.1", "Số nhiệm vụ hoàn thành (đúng hạn và quá hạn) không thể lớn hơn số nhiệm vụ "
                                     "được giao."),
    ("II.5", "<=", "II.4", "Số VBQPPL đã xử lý xong không thể lớn hơn số VBQPPL có kiến nghị xử lý."),
    ("III.2", "<=", "III.1", "Số TTHC có quy trình nội bộ không thể lớn hơn tổng số TTHC đang áp dụng."),
    ("III.3", "<=", "III.1", "Số TTHC không phụ thuộc địa giới không thể lớn hơn tổng số TTHC đang áp dụng."),
    ("III.4.3", "<=", "III.4.2", "Số hồ sơ giải quyết đúng hạn không thể lớn hơn số hồ sơ đã giải quyết xong."),
    ("III.4.2", "<=", "III.4.1", "Số hồ sơ đã giải quyết xong không thể lớn hơn số hồ sơ đã tiếp nhận."),
    ("III.4.5", "<=", "III.4.1", "Số hồ sơ chưa giải quyết quá hạn không thể lớn hơn số hồ sơ đã tiếp nhận."),
    ("III.5.2", "<=", "III.5.1", "Số PAKN đã giải quyết không thể lớn hơn số PAKN đã tiếp nhận."),
    ("IV.3.2", "<=", "IV.3.1", "Số biên chế có mặt không nên vượt số biên chế được giao."),
    ("IV.4.2", "<=", "IV.4.1", "Số người làm việc có mặt không nên vượt số người làm việc được giao."),
    ("VI.2 + VI.3 + VI.4 + VI.5", "<=", "VI.1", "Tổng các loại ĐVSN không thể lớn hơn tổng số ĐVSN công lập."),
    ("VII.2.2", "<=", "VII.2.1", "Số văn bản điện tử không thể lớn hơn tổng số văn bản."),
]


def build() -> dict:
    indicators, parents = [], {}
    for domain, stt, name, unit, kind, extra in ROWS:
        code = domain if stt == domain else f"{domain}.{stt}"
        parent = domain if "." not in stt and stt != domain else (f"{domain}.{stt.rsplit('.', 1)[0]}" if "." in stt
                                                                  else None)
        item = {"code": code, "domain": domain, "stt": stt, "parent": parent, "name": name, "unit": unit,
                "kind": kind, "lead": extra.get("lead", ""), "coordinator": extra.get("coordinator", "")}
        if kind == "ratio":
            item["formula"] = f"{extra['b']} / {extra['a']} * 100"
        if kind == "yesno":
            item.update(yes=extra["yes"], no=extra["no"])
        if extra.get("stock"):
            item["stock"] = True
        if extra.get("source"):
            item["source"] = extra["source"]
        indicators.append(item)
        parents[code] = parent
    for item in indicators:  # a sum adds up its own rows
        if item["kind"] == "sum":
            item["formula"] = " + ".join(c for c, p in parents.items() if p == item["code"])
    return {"name": "Phụ lục 01b — Thống kê số liệu về kết quả thực hiện công tác CCHC của UBND xã",
            "source": "Kế hoạch CCHC xã Vĩnh Lộc năm 2026 (Phụ lục 01b)", "indicators": indicators,
            "rules": [{"left": left, "op": op, "right": right, "message": message}
                      for left, op, right, message in RULES]}


if __name__ == "__main__":
    OUT.write_text(json.dumps(build(), ensure_ascii=False, indent=1), encoding="utf-8")
    print(OUT)
