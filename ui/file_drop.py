"""Accept files dragged from the file manager."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData


def dropped_files(mime: QMimeData | None) -> list[Path]:
    """Local paths in a drag; web links are left out (the store refuses folders with a message)."""
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


class FileDropMixin:
    """Drag-and-drop of files onto a Qt view. Put it before the Qt class in the bases.

    ``drop_target(event)`` says where a drop would land (None: nowhere), and
    ``files_dropped_on(target, paths)`` receives the files.
    """

    def drop_target(self, event):
        return True

    def files_dropped_on(self, target, paths: list[Path]) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if dropped_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if dropped_files(event.mimeData()) and self.drop_target(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt API)
        paths, target = dropped_files(event.mimeData()), self.drop_target(event)
        if paths and target is not None:
            event.acceptProposedAction()
            self.files_dropped_on(target, paths)
        else:
            event.ignore()
