"""What the window does with snapshots at start, with whatever clock the process has (run under
faketime by the test): the daily snapshot, then retention.

    python tests/support/clock_child.py DATA_DIR
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cchc_desktop.safety import recovery, snapshots  # noqa: E402
from cchc_desktop.workspace import Workspace  # noqa: E402

workspace = Workspace(Path(sys.argv[1]))
recovery.start(workspace)
workspace.prepare()
snap = snapshots.automatic(workspace, "ngay")
print("TAKEN", snap.path.name if snap else "-", flush=True)
