"""Shared by the benchmarks: timing, results printed as ratios against a same-run baseline."""
from __future__ import annotations

import gc
import statistics
import time
from dataclasses import dataclass
from typing import Callable


@dataclass
class Result:
    name: str
    value: float          # seconds, ours
    baseline_name: str
    baseline: float       # seconds, the reference measured in the same run
    target: str           # what "good" means, in words
    ok: bool
    unit: str = "s"       # "s": seconds, shown in ms; "MB": a size in megabytes

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.baseline else float("inf")


def median_time(fn: Callable[[], object], repeat: int = 5, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def paired_median(ours: Callable[[], object], baseline: Callable[[], object], repeat: int = 9,
                  warmup: int = 1) -> tuple[float, float]:
    """Median times of two commands run alternately, so a busy moment hits both alike.

    As ``timeit`` does, the garbage collector is off while a command is timed (and run between
    samples), so one command is not charged for collecting the other's garbage."""
    for _ in range(warmup):
        ours()
        baseline()
    a, b = [], []
    for _ in range(repeat):
        for fn, samples in ((ours, a), (baseline, b)):
            gc.collect()
            gc.disable()
            try:
                start = time.perf_counter()
                fn()
                samples.append(time.perf_counter() - start)
            finally:
                gc.enable()
    return statistics.median(a), statistics.median(b)


def shown(result_value: float, unit: str) -> str:
    return f"{result_value:,.1f} MB".replace(",", "\u2009") if unit == "MB" else ms(result_value)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms".replace(",", "\u2009")
