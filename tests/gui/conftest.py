"""GUI fixtures: a main window on a fresh data folder, with today pinned."""
from __future__ import annotations

import pytest

from cchc_desktop.workspace import Clock
from tests.conftest import TODAY


@pytest.fixture
def app(qapp):
    from ui.app import make_application
    return make_application()


@pytest.fixture
def ctx(app, workspace):
    from ui.context import AppContext
    context = AppContext(workspace, Clock(TODAY))
    yield context
    context.jobs.wait()
    context.session.close()


@pytest.fixture
def window(qtbot, ctx):
    from ui.main_window import MainWindow
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    yield win
    ctx.jobs.wait()


@pytest.fixture
def wait_jobs(qtbot, ctx):
    """Wait until every background job has delivered its result."""
    def wait(timeout: int = 10000) -> None:
        qtbot.waitUntil(lambda: not ctx.jobs.busy, timeout=timeout)
    return wait


@pytest.fixture
def demo_window(window, ctx, wait_jobs):
    """The window on a folder that holds the demo (a fresh folder the demo was loaded into)."""
    from cchc_desktop.services.demo import DemoLoader
    plan_id, _ = DemoLoader(ctx.session).load()
    window.show_loaded_demo(plan_id)
    wait_jobs()
    return window


def visible_dialog(cls):
    from PySide6.QtWidgets import QApplication
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible()]
    assert found, f"no visible {cls.__name__}"
    return found[-1]


def open_progress(window, framework: str, code: str):
    """The first task of a domain, opened on the "Tiến độ" tab: (task id, view, dialog)."""
    from ui.dialogs.task_dialog import TaskDialog
    view = window.show_domain(framework, code)
    task_id = view.model.roots[0].row.id
    view.select_task(task_id)
    view.edit_current(1)
    return task_id, view, visible_dialog(TaskDialog)
