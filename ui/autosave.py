"""Typed text is saved a moment after the officer stops typing: no "Lưu" button to forget.

Writes go one at a time, in the order they were typed, through the job runner; a newer edit of
the same thing replaces an older one still waiting. ``flush()`` writes whatever waits at once
(before the view shows something else, and when the window closes).
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import tr
from ui.errors import show_error

Write = Callable[[Any], Any]      # write(session)


class SerialSaver(QObject):
    saved = Signal(list)                  # keys written
    refused = Signal(str, object)         # key, ValidationError

    def __init__(self, ctx, delay_ms: int = 700, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._pending: dict[str, Write] = {}
        self._running = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._start)

    @property
    def idle(self) -> bool:
        return not self._pending and not self._running

    def schedule(self, key: str, write: Write) -> None:
        self._pending.pop(key, None)
        self._pending[key] = write     # newest last
        if self._timer.interval() == 0:
            self._start()              # a finished edit (a cell, not a keystroke): write it now, still in order
        else:
            self._timer.start()

    def flush(self, *, now: bool = False) -> None:
        """Start waiting writes; ``now=True`` writes them on this thread before returning (window closing)."""
        self._timer.stop()
        if now:
            self.ctx.jobs.wait()     # an older write still running must land first
            batch, self._pending = list(self._pending.items()), {}
            for key, write in batch:
                try:
                    write(self.ctx.session)
                except ValidationError:
                    pass          # an invalid value was already shown as refused; nothing valid is lost
            return
        self._start()

    def _start(self) -> None:
        if self._running or not self._pending:
            return
        batch, self._pending = list(self._pending.items()), {}
        self._running = True

        def work(session, _report):
            done, refusals = [], []
            for key, write in batch:
                try:
                    write(session)
                    done.append(key)
                except ValidationError as exc:
                    refusals.append((key, exc))
            return done, refusals

        self.ctx.jobs.run(tr("Đang lưu…"), work, on_success=self._finished, on_failure=self._failed)

    def _finished(self, result) -> None:
        self._running = False
        done, refusals = result
        for key, exc in refusals:
            self.refused.emit(key, exc)
        if done:
            self.saved.emit(done)
        self._start()

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        show_error(None, exc)
        self._start()
