"""Power cuts: the write paths run in a child process that is killed (SIGKILL) at random moments.
After every kill the data passes the full check and every acknowledged change is still there.

Short in the normal run; ``CCHC_CRASH_KILLS=300 ./cchc test -k crash`` for the long one.
"""
from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

from cchc_desktop.safety.integrity import check
from cchc_desktop.workspace import Clock, Workspace

ROOT = Path(__file__).resolve().parents[2]
CHILD = ROOT / "tests" / "support" / "crash_child.py"
KILLS = int(os.environ.get("CCHC_CRASH_KILLS", "12"))


class Acks:
    def __init__(self):
        self.tasks: set[int] = set()
        self.progress: dict[int, int] = {}     # task → the last acknowledged result number
        self.evidence: set[tuple[int, str]] = set()
        self.stat = 0
        self.reports: dict[str, str] = {}

    def read(self, line: str) -> None:
        kind, *fields = line.split()[1:]
        if kind == "task":
            self.tasks.add(int(fields[0]))
        elif kind == "progress":
            self.progress[int(fields[0])] = int(fields[1])
        elif kind == "evidence":
            self.evidence.add((int(fields[0]), fields[1]))
        elif kind == "stat":
            self.stat = int(fields[0])
        elif kind == "report":
            self.reports[fields[0]] = fields[1]


def _run_and_kill(data_dir: Path, seed: int, acks: Acks, rng: random.Random) -> int:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    child = subprocess.Popen([sys.executable, str(CHILD), str(data_dir), str(seed)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(child.stdout.readline, "")), daemon=True)
    reader.start()
    deadline = time.monotonic() + 20
    while "READY\n" not in lines and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.01)
    assert "READY\n" in lines, child.stderr.read() if child.poll() is not None else "child never got ready"
    time.sleep(rng.uniform(0.0, 0.9))
    child.kill()                      # SIGKILL: no cleanup, no atexit, like pulling the plug
    child.wait(10)
    reader.join(5)
    child.stdout.close()
    child.stderr.close()
    count = 0
    for line in lines:
        if line.startswith("ACK ") and line.endswith("\n"):   # a half-printed line was never acknowledged
            acks.read(line)
            count += 1
    return count


def _verify(data_dir: Path, acks: Acks) -> None:
    workspace = Workspace(data_dir)
    workspace.prepare()
    report = check(workspace)
    assert report.ok, report.to_json()
    with workspace.session(Clock(date(2026, 11, 25))) as session:
        plan = session.plans.list()[0].id
        rows = {r.id: r for r in session.tasks.rows(plan)}
        assert acks.tasks <= set(rows), "an acknowledged task is gone"
        for task, number in acks.progress.items():
            result = rows[task].result
            assert result.startswith("KQ-") and int(result[3:]) >= number, (task, result, number)
        for task, sha in acks.evidence:
            assert sha in {e.sha256 for e in session.evidence.list(task)}, "acknowledged evidence is gone"
        value = session.statistics.form(session.periods.by_key("2026-Y")).cells["II.1"].value
        assert acks.stat == 0 or value >= acks.stat
        register = {r.number: r.sha256 for r in session.reports.register()}
        for number, sha in acks.reports.items():
            assert register.get(number) == sha, "an acknowledged issued report is gone"


def test_killed_at_random_moments_loses_nothing_acknowledged(tmp_path):
    data_dir = tmp_path / "dữ liệu"
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir), "demo"],
                            capture_output=True, text=True, encoding="utf-8", env={**os.environ, "CCHC_TODAY": "2026-11-25"})
    assert result.returncode == 0, result.stderr
    rng = random.Random(int(os.environ.get("CCHC_CRASH_SEED", "7")))
    acks, total = Acks(), 0
    for kill in range(1, KILLS + 1):
        total += _run_and_kill(data_dir, kill, acks, rng)
        _verify(data_dir, acks)
    assert total > KILLS, "the child wrote too little before being killed to prove anything"
