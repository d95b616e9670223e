"""What every editing dialog shares: save through the job runner, show a refusal inline.

The dialog stays open while its write runs off the GUI thread. A ``ValidationError``
comes back as a red line under the form with the offending field focused; the typed
values stay as they are. Anything else goes to the usual error dialog.
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QTabWidget, QWidget

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import tr
from ui.errors import show_error
from ui.widgets import ErrorLabel, InvalidDate


class FormDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox()
        self.save_button: QPushButton = self.buttons.addButton(tr("Lưu"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button: QPushButton = self.buttons.addButton(tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.field_widgets: dict[str, QWidget] = {}

    def on_save(self) -> None:  # pragma: no cover - every dialog overrides it
        raise NotImplementedError

    def _save(self) -> None:
        try:
            self.on_save()
        except InvalidDate as exc:       # a date field holds text that is not a date: nothing is sent
            self.refused(exc)

    def submit(self, label: str, work: Callable[[Any, Any], Any],
               on_saved: Callable[[Any], None] | None = None) -> None:
        self.error.show_message("")
        self.save_button.setEnabled(False)

        def done(result) -> None:
            self.save_button.setEnabled(True)
            if on_saved:
                on_saved(result)
            self.accept()

        self.ctx.jobs.run(label, work, on_success=done, on_failure=self.refused, parent=self)

    def refused(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.error.show_message(str(exc))
            widget = getattr(exc, "widget", None) or self.field_widgets.get(exc.field)
            if widget is not None:
                self._reveal(widget)
                widget.setFocus()
            return
        show_error(self, exc)

    def _reveal(self, widget: QWidget) -> None:
        """Bring the tab holding ``widget`` to the front (forms with tabs override nothing)."""
        child, parent = widget, widget.parentWidget()
        while parent is not None:
            if isinstance(parent, QTabWidget):
                for i in range(parent.count()):
                    if parent.widget(i).isAncestorOf(child) or parent.widget(i) is child:
                        parent.setCurrentIndex(i)
                        break
            child, parent = parent, parent.parentWidget()
