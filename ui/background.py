"""One helper runs every long or writing operation off the GUI thread (Anki's pattern).

``jobs.run(label, work, on_success=..., on_failure=...)``: ``work(session, report)`` runs
on a pool thread with its own ``Session`` (its own SQLite connection; connections never
cross threads). ``report(done, total, text="")`` drives an optional progress dialog.
Results and errors come back to the GUI thread through queued signals, never through
``processEvents()``.
"""
from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QApplication, QWidget

from cchc_desktop.i18n import tr

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog

log = logging.getLogger(__name__)

Report = Callable[..., None]
Work = Callable[[Any, Report], Any]


class Cancelled(Exception):
    """Raised inside a job by ``report`` after the user pressed Hủy."""


class _Signals(QObject):
    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, workspace, clock, work: Work, signals: _Signals, cancel: threading.Event):
        super().__init__()
        self.setAutoDelete(True)
        self.workspace, self.clock, self.work = workspace, clock, work
        self.signals, self.cancel = signals, cancel

    def _report(self, done: int, total: int, text: str = "") -> None:
        if self.cancel.is_set():
            raise Cancelled()
        self.signals.progress.emit(int(done), int(total), text)

    def run(self) -> None:  # pool thread
        try:
            with self.workspace.session(self.clock) as session:
                result = self.work(session, self._report)
        except BaseException as exc:  # delivered to the GUI thread, which decides
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)


class Job(QObject):
    """A running operation as the GUI thread sees it."""

    finished = Signal()

    def __init__(self, label: str, parent: QObject):
        super().__init__(parent)
        self.label = label
        self.cancel_event = threading.Event()
        self.signals = _Signals(self)
        self.dialog: QProgressDialog | None = None
        self.done = False

    def cancel(self) -> None:
        self.cancel_event.set()


class BackgroundTasks(QObject):
    """The single entry point for long work. ``idle`` fires when nothing is running."""

    idle = Signal()
    failed = Signal(object)  # any failure that reached the default handler
    job_done = Signal()      # a job ended (it may have written): AppContext announces what changed,
    #                          before the job's own callbacks run

    def __init__(self, workspace, clock, error_handler: Callable[[QWidget | None, BaseException], None],
                 parent: QObject | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.clock = clock
        self.error_handler = error_handler
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)  # old PCs: one writer plus one reader is plenty
        self._running: list[Job] = []
        self.shutting_down = False

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def run(self, label: str, work: Work, *, on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[BaseException], None] | None = None, parent: QWidget | None = None,
            progress: bool = False, cancellable: bool = False) -> Job:
        job = Job(label, self)
        if progress:
            job.dialog = self._progress_dialog(job, parent, cancellable)
        job.signals.progress.connect(lambda done, total, text: self._on_progress(job, done, total, text))
        job.signals.succeeded.connect(lambda result: self._finish(job, on_success, result, None, parent,
                                                                  on_failure))
        job.signals.failed.connect(lambda exc: self._finish(job, None, None, exc, parent, on_failure))
        self._running.append(job)
        if len(self._running) == 1:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self.pool.start(_Runnable(self.workspace, self.clock, work, job.signals, job.cancel_event))
        return job

    def wait(self, msecs: int = 30000) -> bool:
        """Block until running work ends (used when the window closes)."""
        return self.pool.waitForDone(msecs)

    def shut_down(self, msecs: int = 30000) -> bool:
        """Let running work finish (its writes are whole transactions); results arriving after
        this are dropped, because the windows they were for are closing."""
        self.shutting_down = True
        return self.pool.waitForDone(msecs)

    def _progress_dialog(self, job: Job, parent: QWidget | None, cancellable: bool) -> QProgressDialog:
        from PySide6.QtWidgets import QProgressDialog    # here: most jobs, and every job at start, show none
        dialog = QProgressDialog(job.label, tr("Hủy") if cancellable else "", 0, 0, parent)
        dialog.setWindowTitle(tr("Đang xử lý"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)  # quick jobs never flash a dialog
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(job.cancel)
        return dialog

    def _on_progress(self, job: Job, done: int, total: int, text: str) -> None:
        if job.dialog is None or job.done:
            return
        job.dialog.setMaximum(max(total, 0))
        job.dialog.setValue(min(done, total) if total else 0)
        if text:
            job.dialog.setLabelText(f"{job.label}\n{text}")

    def _finish(self, job: Job, on_success, result, exc, parent, on_failure) -> None:
        job.done = True
        if job.dialog is not None:
            job.dialog.close()
            job.dialog.deleteLater()
            job.dialog = None
        self._running.remove(job)
        if not self._running:
            QApplication.restoreOverrideCursor()
        try:
            if not self.shutting_down:
                # the pages that show what the job wrote are brought up to date before its caller acts on
                # the result (selects the new task, opens the next dialog…)
                self.job_done.emit()
            if self.shutting_down:
                pass
            elif exc is None:
                if on_success:
                    on_success(result)
            elif isinstance(exc, Cancelled):
                log.info("cancelled: %s", job.label)
            elif on_failure:
                on_failure(exc)
            else:
                self.failed.emit(exc)
                self.error_handler(parent, exc)
        finally:
            job.finished.emit()
            job.deleteLater()
            if not self._running:
                self.idle.emit()
