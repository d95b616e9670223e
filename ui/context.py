"""What every view shares: the data folder, the GUI thread's session, the job runner,
the current plan, and the signal that says the data changed."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from cchc_desktop.workspace import Clock, Session, Workspace
from ui.background import BackgroundTasks
from ui.errors import show_error


class AppContext(QObject):
    plan_changed = Signal(object)   # plan id or None
    data_changed = Signal()         # something was written; views reload what they show
    profile_changed = Signal()
    stats_changed = Signal()        # a statistics value or a period changed
    message = Signal(str)           # a line for the status bar
    # What kinds of data a write changed, read from the audit rows it recorded in its transaction
    # ("task", "plan", "evidence", "stat", "period", "catalog", "unit", "report"…). Pages subscribe to the
    # kinds they show (``subscribe``), so no write has to remember to tell them.
    kinds_changed = Signal(object)  # frozenset[str]

    def __init__(self, workspace: Workspace, clock: Clock | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.clock = clock or Clock()
        # Reads on the GUI thread use this connection; writes go through ``jobs``.
        self.session: Session = workspace.session(self.clock)
        self.jobs = BackgroundTasks(workspace, self.clock, show_error, self)
        self.plan_id: int | None = None
        self._seen = self.session.audit.last_id()
        self.jobs.job_done.connect(self.announce)

    def announce(self) -> frozenset[str]:
        """Tell every subscriber which kinds of data were written since the last announcement."""
        kinds, self._seen = self.session.audit.kinds_since(self._seen)
        if kinds:
            self.kinds_changed.emit(kinds)
        return kinds

    def subscribe(self, kinds: set[str], slot) -> None:
        """``slot()`` runs after any write that changed one of ``kinds``."""
        wanted = frozenset(kinds)
        self.kinds_changed.connect(lambda changed: slot() if changed & wanted else None)

    def set_plan(self, plan_id: int | None) -> None:
        if plan_id != self.plan_id:
            self.plan_id = plan_id
            self.plan_changed.emit(plan_id)

    def changed(self, _result=None) -> None:
        self.session.profile.invalidate()
        self.data_changed.emit()

    def changed_stats(self, _result=None) -> None:
        self.stats_changed.emit()

    def close(self) -> None:
        self.jobs.shut_down()
        self.session.close()
