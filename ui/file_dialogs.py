"""The file dialogs: they open in the folder the officer used last, or in Documents — never in the
program's own folder, where exports would be lost next to the program — and offer a name for what is
saved. The folder is remembered in the data folder's settings."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from cchc_desktop.i18n import tr

# Qt's file dialog and QStandardPaths are imported when a dialog opens (start-up opens none).

LAST_FOLDER_KEY = "ui.last_folder"


def start_folder(ctx) -> Path:
    """The last folder used (if it is still there), else Documents, else the home folder."""
    remembered = ctx.last_folder if ctx is not None else ""
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    from PySide6.QtCore import QStandardPaths
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def _remember(ctx, path: Path) -> None:
    folder = str(path.parent)
    if ctx is None or folder == ctx.last_folder:
        return
    ctx.last_folder = folder
    if not ctx.workspace.read_only:
        ctx.jobs.run(tr("Ghi nhớ thư mục"), lambda s, _r: s.profile.set_setting(LAST_FOLDER_KEY, folder))


def ask_save(parent: QWidget, ctx, title: str, name: str, filters: str, suffix: str = "") -> Path | None:
    """Where to save ``name``; the chosen path ends with ``.suffix`` when one is given."""
    from PySide6.QtWidgets import QFileDialog
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(start_folder(ctx) / name), filters)
    if not chosen:
        return None
    path = Path(chosen)
    if suffix and path.suffix.lower() != f".{suffix}":
        path = path.with_name(f"{path.name}.{suffix}")
    _remember(ctx, path)
    return path


def ask_open(parent: QWidget, ctx, title: str, filters: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder(ctx)), filters)
    if not chosen:
        return None
    _remember(ctx, Path(chosen))
    return Path(chosen)


def ask_open_many(parent: QWidget, ctx, title: str, filters: str) -> list[Path]:
    from PySide6.QtWidgets import QFileDialog
    chosen, _ = QFileDialog.getOpenFileNames(parent, title, str(start_folder(ctx)), filters)
    paths = [Path(name) for name in chosen]
    if paths:
        _remember(ctx, paths[0])
    return paths
