"""Run every benchmark and print each figure beside its same-run baseline, as a ratio.

    ./cchc bench            (or: python bench/run_all.py [--quick])
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CCHC_TODAY", "2026-11-25")

from bench.common import shown  # noqa: E402

MODULES = sorted(p.stem for p in (ROOT / "bench").glob("bench_*.py"))


def main() -> int:
    parser = argparse.ArgumentParser(description="Chạy mọi phép đo hiệu năng")
    parser.add_argument("--only", help="chỉ chạy phép đo có tên chứa chuỗi này")
    args = parser.parse_args()
    results = []
    for name in MODULES:
        if args.only and args.only not in name:
            continue
        module = importlib.import_module(f"bench.{name}")
        print(f"… {name}", file=sys.stderr)
        results.extend(module.run())
    width = max(len(r.name) for r in results)
    print(f"{'Phép đo':<{width}}  {'CCHC Desktop':>14}  {'Đối chứng':>12}  {'Tỉ lệ':>7}  Mục tiêu   Đạt  (đối chứng)")
    for r in results:
        mark = "có" if r.ok else "KHÔNG"
        print(f"{r.name:<{width}}  {shown(r.value, r.unit):>14}  {shown(r.baseline, r.unit):>12}  {r.ratio:>6.2f}×  {r.target:<9}  "
              f"{mark:<4} ({r.baseline_name})")
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
