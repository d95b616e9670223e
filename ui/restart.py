"""Some operations need the data folder closed: swapping in a restored backup, undoing a restore.
The window asks for one, closes (saving and snapshotting as usual), and the start-up loop in
``ui.app`` runs it before opening the folder again."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication

RESTART = 1000            # exit code of the event loop meaning "open the data folder again"
APPLY_RESTORE, UNDO_RESTORE = "apply", "undo"
_pending: str | None = None


def request(window, action: str) -> None:
    global _pending
    _pending = action
    window.close()
    QApplication.exit(RESTART)


def take() -> str | None:
    global _pending
    action, _pending = _pending, None
    return action
