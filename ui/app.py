"""Start the window: Qt setup in Vietnamese, logging, the data folder, then the main window."""
from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import QApplication

from cchc_desktop import APP_NAME, __version__
from cchc_desktop.errors import UserError
from cchc_desktop.i18n import tr
from cchc_desktop.logs import setup_logging
from cchc_desktop.paths import resolve_data_dir
from cchc_desktop.workspace import Clock, Workspace
from ui.icons import app_icon
from ui.qt_vi import VietnameseQtTranslator

log = logging.getLogger(__name__)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the program's name, icon, locale and Vietnamese Qt strings."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setStyle("Fusion")          # the same look on every platform: what is tested here is what ships
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)     # window titles end with it; Qt adds it where it is missing
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setWindowIcon(app_icon())
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    if not getattr(app, "_cchc_translator", None):
        translator = VietnameseQtTranslator(app)
        app.installTranslator(translator)
        app._cchc_translator = translator  # keep it alive
    return app


def open_workspace(data_dir: Path) -> Workspace:
    """A prepared workspace, without the start-up checks (tests and screenshots)."""
    workspace = Workspace(data_dir)
    workspace.prepare()
    return workspace


def run_gui(data_dir: str | None) -> int:
    QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = make_application()
    from ui.errors import install_excepthook
    folder = resolve_data_dir(data_dir)
    setup_logging(folder / "nhat-ky")
    install_excepthook()
    log.info("start %s %s, data folder %s", APP_NAME, __version__, folder)
    try:
        Clock()         # a pinned day that is not a date, or out of the years the program works in: said plainly
    except UserError as err:
        log.warning("cannot start: %s", err)
        return _fatal(err, folder)
    from cchc_desktop.safety.instance import InstanceLock
    lock = InstanceLock(folder)
    try:
        owner = lock.acquire()
    except OSError as exc:
        if Workspace(folder).read_only_folder:     # a write-protected stick, a CD: open it to read
            log.info("the data folder cannot be written: opening it read-only")
            return _window_loop(app, folder, read_only=True)
        return _fatal(exc, folder)
    if owner:       # second starts are answered from now on ("starting" until the window is up)
        _listen(folder)
    else:
        from ui.single_instance import wait_for_running
        if wait_for_running(folder):
            log.info("second start: the window already open on this folder was brought forward")
            return 0
        log.info("second start: the folder is in use and did not answer; opening read-only")
    try:
        return _window_loop(app, folder, read_only=not owner)
    finally:
        lock.release()


def _window_loop(app, folder: Path, *, read_only: bool) -> int:
    from ui import restart
    from ui.startup import open_data
    while True:
        opened = open_data(folder, read_only)
        if opened is None:
            return 1
        workspace, report = opened
        window = _show_window(workspace, report)
        _collect_from_now_on()
        if _server is not None:
            _server.window = window
        if os.environ.get("CCHC_EXIT_WHEN_READY"):  # start-up benchmark: quit once the window is usable
            QTimer.singleShot(0, app.quit)
        if os.environ.get("CCHC_SCREENSHOT_DIR"):   # pictures of the built program, for review
            QTimer.singleShot(500, lambda: _screenshots(app, window, Path(os.environ["CCHC_SCREENSHOT_DIR"])))
        code = app.exec()
        action = restart.take()
        if code != restart.RESTART or action is None:
            return code
        gc.unfreeze()       # the closed window's objects may be collected now
        _run_closed(workspace, action)


_server = None


def _collect_from_now_on() -> None:
    """What start-up made lives as long as the window: kept out of every later collection (a full one walks
    some 35 000 objects, ~10 ms), and the collector, off while starting (``main``), turned on."""
    gc.freeze()
    gc.enable()


def _listen(folder: Path) -> None:
    """Answer a second start on this folder (by bringing the window forward once there is one)."""
    global _server
    from ui.single_instance import ActivationServer
    if _server is None:
        _server = ActivationServer(folder)


def _screenshots(app, window, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(folder / "cua-so.png"))
    about = window.show_about()
    about.adjustSize()
    about.grab().save(str(folder / "gioi-thieu.png"))
    about.close()
    app.quit()


def _show_window(workspace: Workspace, report):
    from ui.context import AppContext
    from ui.main_window import MainWindow
    ctx = AppContext(workspace, Clock())
    window = MainWindow(ctx)
    window.show_as_last_time()
    window.after_start(report)
    window.first_run()
    return window


def _run_closed(workspace: Workspace, action: str) -> None:
    """What needed the data folder closed: the restore swap, or its undo."""
    from PySide6.QtWidgets import QMessageBox

    from cchc_desktop.safety import archive
    from ui import restart
    try:
        aside = archive.apply(workspace) if action == restart.APPLY_RESTORE else archive.undo(workspace)
        log.info("%s done; previous data kept in %s", action, aside)
        text = (tr("Đã khôi phục dữ liệu từ bản sao lưu.") if action == restart.APPLY_RESTORE
                else tr("Đã hoàn tác lần khôi phục gần nhất."))
        hint = tr("Dữ liệu trước đó được cất ở {aside}.", aside=aside)
        icon = QMessageBox.Icon.Information
    except (UserError, OSError) as exc:      # the journal stays: the next start finishes the swap
        from cchc_desktop.errors import as_user_error
        err = as_user_error(exc, workspace.data_dir) or UserError(
            tr("Chưa hoàn tất được việc khôi phục dữ liệu."),
            tr("Dữ liệu không mất. Hãy mở lại CCHC Desktop để hoàn tất; chi tiết đã được ghi vào nhật ký."))
        log.warning("restore step failed: %r", exc)
        text, hint, icon = err.message, err.hint, QMessageBox.Icon.Warning
    box = QMessageBox(icon, tr("Khôi phục dữ liệu"), text)
    box.setInformativeText(hint)
    box.addButton(tr("Đóng"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def _fatal(exc: BaseException, folder: Path) -> int:
    """A start that cannot go on, told in Vietnamese."""
    from ui.startup import start_problem, tell
    tell(start_problem(exc, folder))
    return 1
