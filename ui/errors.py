"""Errors the officer can act on get a plain dialog; bugs get the crash dialog with the log path.

qutebrowser's split: ``UserError`` (including disk full, read-only, locked) → a warning that
says what to do; anything else → ``ui.dialogs.crash_dialog.CrashDialog``, logged with its traceback.
Nothing here is built before an error happens: start-up imports this module, not the dialogs.
"""
from __future__ import annotations

import logging
import sys

from cchc_desktop.errors import as_user_error
from cchc_desktop.i18n import tr

log = logging.getLogger(__name__)


def show_error(parent, exc: BaseException) -> None:
    """The right dialog for ``exc``: a Vietnamese warning, or the crash dialog for a bug."""
    problem = as_user_error(exc)
    if problem is not None:
        from PySide6.QtWidgets import QMessageBox
        log.info("user error: %s", problem)
        box = QMessageBox(QMessageBox.Icon.Warning, tr(problem.title), problem.message, parent=parent)
        if problem.hint:
            box.setInformativeText(problem.hint)
        box.addButton(tr("Đóng"), QMessageBox.ButtonRole.AcceptRole)
        box.open()
        return
    from ui.dialogs.crash_dialog import CrashDialog
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    CrashDialog(exc, parent).open()


def install_excepthook() -> None:
    """An exception escaping a slot shows the crash dialog instead of vanishing into stderr."""
    previous = sys.excepthook

    def hook(kind, value, tb):
        from PySide6.QtWidgets import QApplication
        if QApplication.instance() is None or issubclass(kind, KeyboardInterrupt):
            previous(kind, value, tb)
            return
        value.__traceback__ = tb
        show_error(QApplication.activeWindow(), value)

    sys.excepthook = hook
