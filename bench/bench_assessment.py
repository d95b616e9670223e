"""The self-assessment grows linearly: reading a criteria sheet, declaring every item's value and building the page's
view cost the same per item at 1 500 items as at 150 (a start-up of 15 items taken off). Target: ≤ 1.3x.

Each item's cost is (t(N) - t(15)) / (N - 15), all measured in the same run, best of three.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.common import Result

SIZES = (15, 150, 1500)
RULES = ("Có: 1 điểm; Không: 0 điểm", "Từ 95% trở lên: 1 điểm; Từ 80% đến dưới 95%: 0,5 điểm; Dưới 80%: 0 điểm",
         "Điểm = (số đã xử lý / tổng số) x 1", "Mỗi vi phạm trừ 0,5 điểm", "Mỗi sáng kiến 0,5 điểm, tối đa 1 điểm")
VALUES = ("có", "96,5", "3/4", "1", "2")


def _sheet(path: Path, leaves: int) -> Path:
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.append(["STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm tối đa", "Hướng dẫn chấm điểm",
                  "Tài liệu kiểm chứng"])
    per_domain = max(1, leaves // 5)
    number = 0
    for domain in ("I", "II", "III", "IV", "V"):
        sheet.append([domain, f"LĨNH VỰC {domain}", per_domain, "", ""])
        for _ in range(per_domain):
            number += 1
            sheet.append([str(number), f"Tiêu chí số {number} về cải cách hành chính", 1,
                          RULES[number % len(RULES)], "Báo cáo"])
    sheet.append(["", "TỔNG CỘNG", per_domain * 5, "", ""])
    book.save(path)
    return path


def _best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def run() -> list[Result]:
    from cchc_desktop.workspace import Workspace
    folder = Path(tempfile.mkdtemp(prefix="cchc-bench-chi-so-"))
    costs: dict[str, dict[int, float]] = {"đọc bảng tiêu chí": {}, "khai giá trị mọi tiêu chí": {},
                                          "dựng trang Chỉ số CCHC": {}}
    for year, size in zip((2026, 2027, 2028), SIZES):
        path = _sheet(folder / f"bo-{size}.xlsx", size)
        workspace = Workspace(folder / f"du-lieu-{size}")
        workspace.prepare()
        with workspace.session() as session:
            service = session.assessment
            costs["đọc bảng tiêu chí"][size] = _best(lambda: service.read_sheet(path))
            service.load(year, path)
            codes = [c.code for c in service.read_sheet(path).leaves]
            values = {code: VALUES[(i + 1) % len(VALUES)] for i, code in enumerate(codes)}   # as _sheet numbers them
            costs["khai giá trị mọi tiêu chí"][size] = _best(lambda: (service.set_values(year, values),
                                                                    service.set_values(year, dict.fromkeys(codes, ""))))
            service.set_values(year, values)
            costs["dựng trang Chỉ số CCHC"][size] = _best(lambda: service.view(year))
    results = []
    small, mid, big = SIZES
    for name, cost in costs.items():
        per_mid = (cost[mid] - cost[small]) / (mid - small)
        per_big = (cost[big] - cost[small]) / (big - small)
        ratio = per_big / per_mid if per_mid > 0 else 1.0
        results.append(Result(f"Chỉ số CCHC: {name}, mỗi tiêu chí ở {big} so với {mid}", per_big, f"{mid} tiêu chí",
                              per_mid, "≤ 1,3×", ratio <= 1.3))
    return results
