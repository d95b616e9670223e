"""One multi-step operation, alone in a process, for the kill-at-every-step walk (tests/core/test_kill_ops.py):
strace kills it at the N-th call of one system call. Everything the operation needs is imported and opened
first, so the counted calls are mostly the operation's own.

    python -B tests/support/op_child.py DATA_DIR OP [ARG]
"""
from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cchc_desktop.safety import archive, snapshots  # noqa: E402
from cchc_desktop.workspace import Clock, Workspace  # noqa: E402

TODAY = date(2026, 11, 25)
data_dir, op = Path(sys.argv[1]), sys.argv[2]
arg = sys.argv[3] if len(sys.argv) > 3 else ""
workspace = Workspace(data_dir)
with workspace.session(Clock(TODAY)) as session:
    plan = session.plans.list()[0].id if session.plans.list() else None
    if op == "evidence-add":
        task = session.tasks.rows(plan)[0].id
        session.evidence.attach(task, [Path(arg)])
    elif op == "evidence-remove":
        session.evidence.remove(int(session.one("SELECT min(id) FROM evidence WHERE deleted_at IS NULL")[0]))
    elif op == "backup-create":
        archive.create(workspace, Path(arg))
    elif op == "plan-import":
        preview = session.plan_import.preview(Path(arg))
        session.plan_import.apply(preview)
    elif op == "snapshot":
        snapshots.automatic(workspace, "ngay", datetime.fromisoformat(arg))
    elif op == "report-issue":
        period = session.periods.by_key("2026-Q1")
        session.reports.issue(plan, "periodic", period.id, "pdf")
    else:
        raise SystemExit(f"unknown operation {op}")
print("DONE", flush=True)
