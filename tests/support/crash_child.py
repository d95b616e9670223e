"""The program's write paths, run in a loop until the test kills this process with SIGKILL.

After each write commits, one line "ACK <kind> <fields…>" is printed and flushed: the parent
then knows the change was acknowledged and must survive the kill.

    python tests/support/crash_child.py DATA_DIR SEED
"""
from __future__ import annotations

import os
import random
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("CCHC_BUNDLED_FONT", "1")

from cchc_desktop.errors import ValidationError  # noqa: E402
from cchc_desktop.model import DONE, IN_PROGRESS, TaskInput  # noqa: E402
from cchc_desktop.workspace import Clock, Workspace  # noqa: E402

DOMAINS = ("I", "II", "III", "IV", "V", "VI", "VII")


def ack(*fields) -> None:
    print("ACK", *fields, flush=True)


def main() -> int:
    data_dir, seed = Path(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    workspace = Workspace(data_dir)
    workspace.prepare()
    session = workspace.session(Clock(date(2026, 11, 25)))
    plan = session.plans.list()[0].id
    period = session.periods.by_key("2026-Y")
    files = data_dir.parent / f"tep-{seed}"
    files.mkdir(exist_ok=True)
    mine: list[int] = []
    n = seed * 100_000
    print("READY", flush=True)
    while True:
        n += 1
        op = rng.choice(("task", "task", "progress", "evidence", "stat", "report"))
        if op == "task" or not mine:
            task = session.tasks.add(TaskInput(plan, "PAR", rng.choice(DOMAINS), f"NV-{n} kiểm thử mất điện"))
            mine.append(task)
            ack("task", task, n)
        elif op == "progress":
            task = rng.choice(mine)
            status = DONE if n % 5 == 0 else IN_PROGRESS
            session.tasks.update_progress(task, status=status, progress=100 if status == DONE else n % 100,
                                          result=f"KQ-{n}", completed_on=date(2026, 11, 20) if status == DONE else None)
            ack("progress", task, n)
        elif op == "evidence":
            path = files / f"bien-ban-{n}.pdf"
            path.write_bytes(os.urandom(rng.randint(1_000, 400_000)))
            task = rng.choice(mine)
            added = session.evidence.attach(task, [path]).added
            ack("evidence", task, session.evidence.get(added[0]).sha256)
        elif op == "stat":
            session.statistics.set_value(period, "II.1", str(n))
            ack("stat", n)
        else:
            draft = session.reports.draft(plan, "overdue")
            draft.number, draft.issued_on = str(rng.randint(1, 99_999)), date(2026, 11, 25)
            session.reports.save_draft(draft)
            try:
                issued = session.reports.issue(plan, "overdue", None, "pdf")
            except ValidationError as exc:    # a number already used this year: fine, try another next time
                if exc.field != "number" or not str(exc).startswith(f"Số {draft.number_text} đã dùng cho"):
                    raise
                continue
            ack("report", issued.number, issued.sha256)


if __name__ == "__main__":
    sys.exit(main())
