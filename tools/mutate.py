"""Mutation testing of the core, area by area, with mutmut (pinned in requirements-dev.txt).

    ./cchc mutate                 every area (slow: tens of minutes; never in CI)
    ./cchc mutate deadlines periodic

Each area is mutated in its own copy of the working tree (the checkout is never touched), with only the tests of
that area, and the result is a table of killed, survived, equivalent and untested mutants per area, printed and
written to build/mutation/RESULTS.md. Mutants judged equivalent (no test could tell them apart: same behaviour)
are listed with the reason in tools/mutation_equivalent.txt ("mutant name<TAB>reason"); they are counted apart,
never as killed. The target (issue "The tests catch what breaks") is ≥ 80 % killed in each area.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENT = ROOT / "tools" / "mutation_equivalent.txt"
OUT = ROOT / "build" / "mutation" / "RESULTS.md"
SURVIVORS = ROOT / "build" / "mutation" / "{area}-survivors.diff"
TARGET = 0.80

# area → (modules mutated, tests run)
AREAS: dict[str, tuple[list[str], list[str]]] = {
    "deadlines": (["cchc_desktop/deadlines.py"],
                  ["tests/core/test_deadlines.py", "tests/core/test_deadline_grammar.py",
                   "tests/core/test_date_boundaries.py", "tests/core/test_hand_mutations.py"]),
    "statistics": (["cchc_desktop/statistics/*.py", "cchc_desktop/services/statistics.py"],
                   ["tests/core/test_statistics.py", "tests/core/test_statistics_catalog.py",
                    "tests/core/test_statistics_values.py", "tests/core/test_statistics_equalities.py",
                    "tests/core/test_official_numbers.py",
                    "tests/core/test_province_sheets.py", "tests/core/test_date_boundaries.py"]),
    "tasks": (["cchc_desktop/services/tasks.py", "cchc_desktop/services/overview.py"],
              ["tests/core/test_tasks.py", "tests/core/test_date_boundaries.py", "tests/core/test_official_numbers.py",
               "tests/core/test_overview_counts.py", "tests/core/test_charts.py", "tests/core/test_tasks_edges.py",
               "tests/core/test_hand_mutations.py", "tests/core/test_overview_charts_dates.py"]),
    "evidence-safety": (["cchc_desktop/evidence_store.py", "cchc_desktop/safety/*.py"],
                        ["tests/core/test_evidence.py", "tests/core/test_safety.py", "tests/core/test_safety_hostile.py",
                         "tests/core/test_safety_attack.py", "tests/core/test_safety_messages.py",
                         "tests/core/test_hand_mutations.py"]),
    "analysis": (["cchc_desktop/importers/analysis.py"],
                 ["tests/core/test_import.py", "tests/core/test_import_layouts.py",
                  "tests/core/test_import_fresh_cases.py", "tests/core/test_import_hostile.py",
                  "tests/core/test_import_progress.py", "tests/core/test_hand_mutations.py"]),
    "periodic": (["cchc_desktop/reports/periodic.py"],
                 ["tests/core/test_reports.py", "tests/core/test_report_agreement.py",
                  "tests/core/test_report_as_of.py", "tests/core/test_report_wording.py",
                  "tests/core/test_report_periodic_content.py", "tests/core/test_report_periodic_prose.py",
                  "tests/core/test_hand_mutations.py"]),
}
STATUSES = ("killed", "survived", "no tests", "timeout", "suspicious", "skipped", "segfault", "not checked")


@dataclass
class Outcome:
    area: str
    counts: dict[str, int]
    equivalent: int

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def score(self) -> float:
        judged = self.total - self.equivalent
        return self.counts.get("killed", 0) / judged if judged else 1.0


def _copy_tree(target: Path) -> None:
    """The tracked and new files of the working tree (what the tests would run), without caches or builds."""
    files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT, check=True,
                           capture_output=True, text=True).stdout.splitlines()
    for name in files:
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def _config(modules: list[str], tests: list[str]) -> str:
    missing = [t for t in tests if not (ROOT / t).exists()]
    if missing:    # a renamed test file would otherwise quietly lower the score
        raise FileNotFoundError(f"test files of the area are missing: {', '.join(missing)}")
    existing = tests
    lines = ["[mutmut]", "source_paths=cchc_desktop", "only_mutate="]
    lines += [f"    {m}" for m in modules]
    lines += ["pytest_add_cli_args_test_selection="] + [f"    {t}" for t in existing]
    lines += ["also_copy=", "    db", "    resources", "    main.py", "    tests"]
    return "\n".join(lines) + "\n"


def _equivalent() -> dict[str, str]:
    if not EQUIVALENT.exists():
        return {}
    found = {}
    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, reason = line.partition("\t")
            found[name.strip()] = reason.strip()
    return found


def run_area(area: str, mutmut: str) -> Outcome:
    modules, tests = AREAS[area]
    with tempfile.TemporaryDirectory(prefix=f"cchc-mutate-{area}-") as folder:
        work = Path(folder)
        _copy_tree(work)
        (work / "setup.cfg").write_text(_config(modules, tests), encoding="utf-8")
        subprocess.run([mutmut, "run"], cwd=work, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        listing = subprocess.run([mutmut, "results", "--all", "true"], cwd=work, check=False, capture_output=True,
                                 text=True).stdout
        _keep_survivors(area, listing, work, mutmut)
    counts = {status: 0 for status in STATUSES}
    equivalent = _equivalent()
    same = 0
    for line in listing.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if not name:
            continue
        if name in equivalent and status == "survived":
            same += 1
        counts[status] = counts.get(status, 0) + 1
    return Outcome(area, {k: v for k, v in counts.items() if v}, same)


def _keep_survivors(area: str, listing: str, work: Path, mutmut: str) -> None:
    """Each surviving mutant's diff, to build/mutation/AREA-survivors.diff: what a new test has to tell apart."""
    equivalent = _equivalent()
    diffs = []
    for line in listing.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if status == "survived" and name not in equivalent:
            shown = subprocess.run([mutmut, "show", name], cwd=work, check=False, capture_output=True, text=True)
            diffs.append(f"# {name}\n{shown.stdout}")
    target = Path(str(SURVIVORS).format(area=area))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(diffs), encoding="utf-8")


def table(outcomes: list[Outcome]) -> str:
    rows = ["| Vùng | Đột biến | Bị bắt | Sống sót | Tương đương | Không có kiểm thử | Tỉ lệ bắt | Đạt ≥ 80 % |",
            "|---|---:|---:|---:|---:|---:|---:|---|"]
    for o in outcomes:
        c = o.counts
        rows.append(f"| {o.area} | {o.total} | {c.get('killed', 0)} | {c.get('survived', 0) - o.equivalent} | "
                    f"{o.equivalent} | {c.get('no tests', 0)} | {o.score * 100:.1f} % | "
                    f"{'có' if o.score >= TARGET else 'CHƯA'} |")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description="Kiểm thử đột biến (mutmut) lõi chương trình, theo từng vùng")
    parser.add_argument("areas", nargs="*", help=f"vùng: {', '.join(AREAS)} (mặc định: tất cả)")
    args = parser.parse_args()
    unknown = [a for a in args.areas if a not in AREAS]
    if unknown:
        parser.error(f"không có vùng {', '.join(unknown)}; chọn trong: {', '.join(AREAS)}")
    mutmut = shutil.which("mutmut", path=str(Path(sys.executable).parent)) or shutil.which("mutmut")
    if not mutmut:
        print("Chưa cài mutmut: chạy ./cchc mutate (cài theo requirements-dev.txt).", file=sys.stderr)
        return 2
    outcomes = []
    OUT.parent.mkdir(parents=True, exist_ok=True)
    for area in args.areas or list(AREAS):
        print(f"… {area}", file=sys.stderr, flush=True)
        outcomes.append(run_area(area, mutmut))
        text = table(outcomes)
        OUT.write_text(text + "\n", encoding="utf-8")     # after each area: a long run stopped keeps what it measured
        print(table([outcomes[-1]]).splitlines()[-1], file=sys.stderr, flush=True)
    print(text)
    return 0 if all(o.score >= TARGET for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
