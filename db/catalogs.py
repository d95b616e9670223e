"""Seed catalogs: reform domains, PAPI dimensions and the units named in real plans.

These are data, inserted by the migrations; the program reads them from the
database afterwards so a commune can edit units without a new release.
"""
from __future__ import annotations

# (code, full name, short tab label)
PAR_DOMAINS: tuple[tuple[str, str, str], ...] = (
    ("I", "Công tác chỉ đạo, điều hành cải cách hành chính", "Chỉ đạo, điều hành"),
    ("II", "Cải cách thể chế", "Thể chế"),
    ("III", "Cải cách thủ tục hành chính", "Thủ tục hành chính"),
    ("IV", "Cải cách tổ chức bộ máy hành chính nhà nước", "Tổ chức bộ máy"),
    ("V", "Cải cách chế độ công vụ", "Chế độ công vụ"),
    ("VI", "Cải cách tài chính công", "Tài chính công"),
    ("VII", "Xây dựng và phát triển chính quyền điện tử, chính quyền số", "Chính quyền số"),
    ("VIII", "Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội",
     "Tác động của CCHC"),
)

PAPI_DIMENSIONS: tuple[tuple[str, str, str], ...] = (
    ("I", "Tham gia của người dân ở cấp cơ sở", "Tham gia của người dân"),
    ("II", "Công khai, minh bạch", "Công khai, minh bạch"),
    ("III", "Trách nhiệm giải trình với người dân", "Trách nhiệm giải trình"),
    ("IV", "Kiểm soát tham nhũng trong khu vực công", "Kiểm soát tham nhũng"),
    ("V", "Thủ tục hành chính công", "Thủ tục hành chính công"),
    ("VI", "Cung ứng dịch vụ công", "Cung ứng dịch vụ công"),
    ("VII", "Quản trị môi trường", "Quản trị môi trường"),
    ("VIII", "Quản trị điện tử", "Quản trị điện tử"),
)

# (name, abbreviation, kind, aliases). kind: "unit" is one body; "group" stands for
# several ("Các phòng chuyên môn"); "external" is outside the commune's apparatus.
UNITS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("Phòng Văn hóa - Xã hội", "VHXH", "unit", (
        "Phòng Văn hoá-Xã hội", "Phòng Văn hóa-Xã hội", "Phòng Văn hoá - Xã hội",
        "Phòng Văn hóa – Xã hội", "Phòng VH-XH", "Phòng VHXH", "VH-XH", "Phòng VHXXH",
        "Phòng Văn hóa", "Phòng văn hóa - xã hội")),
    ("Văn phòng HĐND và UBND", "HĐND&UBND", "unit", (
        "Văn phòng HĐND và UBND xã", "Văn phòng HĐND&UBND", "Văn phòng HĐND&UBND xã",
        "Văn phòng HĐND & UBND", "Văn phòng HĐND & UBND xã", "Văn phòng UBND",
        "Văn phòng UBND xã", "VP HĐND&UBND", "VP HĐND và UBND")),
    ("Phòng Kinh tế", "KT", "unit", ("Phòng Kinh tế xã",)),
    ("Trung tâm Phục vụ hành chính công", "TTPVHCC", "unit", (
        "Trung tâm Phục vụ HCC", "Trung tâm phục vụ hành chính công xã",
        "Trung tâm Phục vụ Hành chính công", "Trung tâm hành chính công",
        "Trung tâm PVHCC", "TT PVHCC")),
    ("Trung tâm Cung ứng dịch vụ công", "TTCUDVC", "unit", (
        "Trung tâm Cung ứng DVC", "Trung tâm Cung ứng DVC xã", "Trung tâm cung ứng dịch vụ công xã",
        "Trung tâm dịch vụ công xã", "Trung tâm dich vụ công xã", "Trung dịch vụ công xã",
        "Trung tâm Dịch vụ công ích", "Trung tâm dịch vụ công ích xã")),
    ("Công an xã", "CA", "unit", ()),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam xã", "MTTQ", "unit", (
        "Ủy ban MTTQ xã", "UBMTTQ", "MTTQ xã", "Mặt trận Tổ quốc xã")),
    ("Ủy ban nhân dân xã", "UBND", "unit", ("UBND xã",)),
    ("Các phòng, ban chuyên môn", "", "group", (
        "Các phòng chuyên môn", "Các Phòng ban chuyên môn", "Các Phòng ban chuyên môn liên quan",
        "Các Phòng ban chuyên môn của xã", "Các phòng, ban chuyên môn thuộc UBND xã",
        "Các phòng chuyên môn thuộc UBND xã", "Các cơ quan chuyên môn", "Các phòng, ban")),
    ("Các cơ quan, đơn vị liên quan", "", "group", (
        "Các cơ quan, đơn vị có liên quan", "Cơ quan, đơn vị có liên quan",
        "Các cơ quan đơn vị liên quan", "Các phòng, ban, đơn vị liên quan",
        "Các cơ quan, đơn vị", "Các cơ quan được phân công chủ trì")),
    ("Các cơ quan, đơn vị thuộc UBND xã", "", "group", (
        "Các cơ quan, đơn vị trực thuộc", "Các phòng, ban, trung tâm",
        "Các phòng, ban, trung tâm thuộc UBND xã")),
    ("Các thôn, khu phố", "", "group", (
        "Các thôn/khu phố", "Các thôn/khu phố trên địa bàn xã", "Các thôn, tổ dân phố")),
    ("Tổ công nghệ số cộng đồng", "", "group", ()),
    ("Các đơn vị sự nghiệp công lập", "ĐVSNCL", "group", ("Các đơn vị sự nghiệp",)),
    ("Các trạm y tế trên địa bàn xã", "", "group", ("Các Trạm y tế",)),
    ("Các trường học trên địa bàn xã", "", "group", ()),
    ("Sở Nội vụ", "SNV", "external", ()),
    ("Sở Khoa học và Công nghệ", "SKHCN", "external", ()),
    ("Thuế cơ sở", "", "external", ("Thuế cơ sở xã",)),
    ("Bảo hiểm xã hội", "BHXH", "external", ("BHXH cơ sở",)),
)
