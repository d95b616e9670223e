"""Opening the data folder at start: finish an interrupted restore, sweep temporary files, check the
database, and when it is damaged, offer the newest good snapshot with what would be lost."""
from __future__ import annotations

import logging
from pathlib import Path

from cchc_desktop.errors import DataProblem, UserError
from cchc_desktop.i18n import tr
from cchc_desktop.safety import integrity, recovery, snapshots
from cchc_desktop.safety.recovery import DamagedDatabase, StartupReport
from cchc_desktop.workspace import Workspace

# The message boxes and the file dialog are imported where a start goes wrong: a good start builds none.
log = logging.getLogger(__name__)


def _message(icon, title: str, text: str, hint: str = "") -> None:
    from PySide6.QtWidgets import QMessageBox
    box = QMessageBox(icon, title, text)
    if hint:
        box.setInformativeText(hint)
    box.addButton(tr("Đóng"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def open_data(folder: Path, read_only: bool) -> tuple[Workspace, StartupReport] | None:
    """The prepared workspace, or None when the officer chose to quit."""
    workspace = Workspace(folder, read_only=read_only)
    while True:
        try:
            report = recovery.start(workspace, own_folder=not read_only, check_database=False)
            try:
                workspace.prepare()
            except DataProblem as problem:     # unreadable: damaged, unless it is only a newer program's data
                found = integrity.check(workspace, quick=True, files=False)
                if not found.database_problems:
                    raise
                raise recovery.damaged(workspace, found.database_problems) from problem
            return workspace, report
        except DamagedDatabase as damaged:
            log.error("damaged database: %s", damaged.problems)
            if read_only or not offer_recovery(workspace, damaged):
                return None
        except (UserError, OSError) as exc:     # a file held past the retries, a pulled stick: said plainly
            tell(start_problem(exc, folder))
            return None


def start_problem(exc: BaseException, folder: Path) -> UserError:
    """A start that cannot go on, in Vietnamese: the system's own (English) text goes to the log only."""
    from cchc_desktop.errors import as_user_error
    from cchc_desktop.logs import current_log_path
    problem = as_user_error(exc, getattr(exc, "filename", None) or folder)
    if problem is None:
        log.error("cannot open the data folder %s", folder, exc_info=(type(exc), exc, exc.__traceback__))
        problem = UserError(tr("Không mở được thư mục dữ liệu {d}.", d=folder),
                            tr("Hãy đóng các chương trình đang mở tệp trong thư mục đó rồi mở lại CCHC Desktop; "
                               "chi tiết đã được ghi vào tệp nhật ký {log}.", log=current_log_path() or folder))
    return problem


def tell(problem: UserError) -> None:
    from PySide6.QtWidgets import QMessageBox
    _message(QMessageBox.Icon.Critical, tr(problem.title), problem.message, problem.hint)


def offer_recovery(workspace: Workspace, damaged: DamagedDatabase, parent=None) -> bool:
    """True when something was put back and opening may be tried again."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from ui.file_dialogs import start_folder
    box = QMessageBox(QMessageBox.Icon.Critical, tr("Dữ liệu bị hỏng"), damaged.message, parent=parent)
    box.setInformativeText(damaged.hint + "\n\n" + tr("Tệp hỏng không bị xóa: nó được cất vào thư mục sao-luu."))
    snapshot_button = None
    if damaged.snapshot is not None:
        snapshot_button = box.addButton(tr("Khôi phục bản sao lúc {at}", at=snapshots.label(damaged.snapshot)),
                                        QMessageBox.ButtonRole.AcceptRole)
    file_button = box.addButton(tr("Khôi phục từ tệp sao lưu…"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(tr("Thoát"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    try:
        if snapshot_button is not None and clicked is snapshot_button:
            aside = recovery.restore_snapshot(workspace, damaged.snapshot)
            log.info("restored snapshot %s; damaged file kept in %s", damaged.snapshot.path, aside)
            return True
        if clicked is file_button:
            name, _ = QFileDialog.getOpenFileName(None, tr("Chọn tệp sao lưu"), str(start_folder(None)),
                                                  tr("Tệp sao lưu (*.zip)"))
            if not name:
                return offer_recovery(workspace, damaged, parent)
            from cchc_desktop.safety import archive
            archive.stage(workspace, Path(name))
            archive.apply(workspace)
            return True
    except UserError as err:
        _message(QMessageBox.Icon.Warning, tr(err.title), err.message, err.hint)
        return offer_recovery(workspace, damaged, parent)
    return False
