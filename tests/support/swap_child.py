"""One restore swap or one undo, alone in a process, for the kill-at-every-step test: strace kills it at
the N-th call of one file-system system call. Started with ``python -S -B`` (no site, no bytecode
written), so every counted call is the operation's own.

    python -S -B tests/support/swap_child.py DATA_DIR apply|undo
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cchc_desktop.safety import archive  # noqa: E402
from cchc_desktop.workspace import Workspace  # noqa: E402

workspace = Workspace(Path(sys.argv[1]))
(archive.apply if sys.argv[2] == "apply" else archive.undo)(workspace)
print("DONE", flush=True)
