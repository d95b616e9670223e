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

    def __init__(self, workspace: Workspace, clock: Clock | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.clock = clock or Clock()
        # Reads on the GUI thread use this connection; writes go through ``jobs``.
        self.session: Session = workspace.session(self.clock)
        self.jobs = BackgroundTasks(workspace, self.clock, show_error, self)
        self.plan_id: int | None = None

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
