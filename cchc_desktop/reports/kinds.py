"""The kinds of document and file the program writes (names only: cheap to import)."""
from __future__ import annotations

PERIODIC, TASKS, EVIDENCE, OVERDUE = "periodic", "tasks", "evidence", "overdue"
KINDS = (PERIODIC, TASKS, EVIDENCE, OVERDUE)
KIND_LABELS = {PERIODIC: "Báo cáo kết quả CCHC theo kỳ", TASKS: "Danh mục nhiệm vụ và tình hình thực hiện",
               EVIDENCE: "Danh mục tài liệu kiểm chứng", OVERDUE: "Thông báo nhiệm vụ quá hạn"}
DOC_CODES = {PERIODIC: "BC", OVERDUE: "TB"}
NUMBERED = (PERIODIC, OVERDUE)        # documents with a number, which go into the register when issued
FORMATS = ("pdf", "docx", "xlsx")
FORMAT_LABELS = {"pdf": "PDF (để in, lưu trữ)", "docx": "Word (.docx, để sửa tiếp)", "xlsx": "Excel (.xlsx, các bảng)"}
DATED = (TASKS, EVIDENCE)   # lists that can be written as of an earlier date
