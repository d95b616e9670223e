"""What every view shares: the data folder, the GUI thread's session, the job runner,
the current plan, and the signal that says the data changed."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal, Slot

from cchc_desktop.workspace import Clock, Session, Workspace
from ui.background import BackgroundTasks
from ui.errors import show_error
from ui.file_dialogs import LAST_FOLDER_KEY
from ui.widgets import use_clock


STATS_KINDS = frozenset({"stat", "period", "catalog"})


class Watcher(QObject):
    """A page's subscription: reloads it when a kind it shows was written (later if it is hidden)."""

    def __init__(self, view, kinds: set[str], reload):
        super().__init__(view)      # dies with the view, and so does its connection
        self.view, self.kinds, self.reload = view, frozenset(kinds), reload
        self.stale = False
        view.installEventFilter(self)

    @Slot(object)
    def changed(self, kinds) -> None:
        if not kinds & self.kinds:
            return
        if self.view.isVisible():
            self.stale = False
            self.reload()
        else:
            self.stale = True

    def eventFilter(self, obj, event) -> bool:
        if obj is self.view and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self.reload()
        return False


class AppContext(QObject):
    plan_changed = Signal(object)   # plan id or None
    stats_changed = Signal()        # a statistics value, period or indicator was written (from kinds_changed)
    message = Signal(str)           # a line for the status bar
    # What kinds of data a write changed, read from the audit rows it recorded in its transaction
    # ("task", "plan", "evidence", "stat", "period", "catalog", "unit", "report"…). Pages subscribe to the
    # kinds they show (``subscribe``, or ``watch`` for a page that may be off screen), so no write has to
    # remember to tell them: there is no hand-written "data changed" call.
    kinds_changed = Signal(object)  # frozenset[str]

    def __init__(self, workspace: Workspace, clock: Clock | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.clock = clock or Clock()
        use_clock(self.clock)
        # Reads on the GUI thread use this connection; writes go through ``jobs``.
        self.session: Session = workspace.session(self.clock)
        self.jobs = BackgroundTasks(workspace, self.clock, show_error, self)
        self.plan_id: int | None = None
        self.last_folder = self.session.profile.setting(LAST_FOLDER_KEY)   # where file dialogs open
        self._seen = self.session.audit.last_id()
        self.jobs.job_done.connect(self.announce)

    def announce(self) -> frozenset[str]:
        """Tell every subscriber which kinds of data were written since the last announcement."""
        kinds, self._seen = self.session.audit.kinds_since(self._seen)
        if kinds:
            if "profile" in kinds:
                self.session.profile.invalidate()
            self.kinds_changed.emit(kinds)
            if kinds & STATS_KINDS:
                self.stats_changed.emit()
        return kinds

    def subscribe(self, kinds: set[str], slot) -> None:
        """``slot()`` runs after any write that changed one of ``kinds``."""
        wanted = frozenset(kinds)
        self.kinds_changed.connect(lambda changed: slot() if changed & wanted else None)

    def watch(self, view, kinds: set[str], reload) -> "Watcher":
        """``reload()`` after any write that changed one of ``kinds``: at once if ``view`` is on screen, else
        when it is next shown. The subscription ends with the view."""
        watcher = Watcher(view, kinds, reload)
        self.kinds_changed.connect(watcher.changed)
        return watcher

    def set_plan(self, plan_id: int | None) -> None:
        if plan_id != self.plan_id:
            self.plan_id = plan_id
            self.plan_changed.emit(plan_id)

    def changed_stats(self, _result=None) -> None:
        """Kept for the statistics dialogs; ``announce`` already emits ``stats_changed`` after their jobs."""
        self.stats_changed.emit()

    def close(self) -> None:
        self.jobs.shut_down()
        self.session.close()
