"""Start the window: Qt setup in Vietnamese, logging, the data folder, then the main window."""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from cchc_desktop import APP_NAME, APP_TITLE, __version__
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
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(tr(APP_TITLE))
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
        workspace = open_workspace(folder)
    except UserError as err:
        box = QMessageBox(QMessageBox.Icon.Critical, tr(err.title), err.message)
        box.setInformativeText(err.hint)
        box.addButton(tr("Đóng"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        return 1
    from ui.context import AppContext
    from ui.main_window import MainWindow
    ctx = AppContext(workspace, Clock())
    window = MainWindow(ctx)
    window.show()
    window.first_run()
    if os.environ.get("CCHC_EXIT_WHEN_READY"):  # start-up benchmark: quit once the window is usable
        from PySide6.QtCore import QTimer
        QTimer.singleShot(0, app.quit)
    return app.exec()
