"""What a user can do to tasks from any tab: add, edit, delete (with undo), attach files."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from cchc_desktop.i18n import tr
from cchc_desktop.model import Domain


class TaskActions(QObject):
    task_saved = Signal(int)
    message = Signal(str, object)   # text for the status bar, optional undo callable

    def __init__(self, ctx, window: QWidget):
        super().__init__(window)
        self.ctx, self.window = ctx, window

    def add_task(self, domain: Domain, parent_id: int | None):
        if self.ctx.plan_id is None:
            return None
        from ui.dialogs.task_dialog import TaskDialog
        dialog = TaskDialog(self.ctx, plan_id=self.ctx.plan_id, domain=(domain.framework, domain.code),
                            parent_id=parent_id, parent=self.window)
        dialog.saved.connect(self.task_saved)
        dialog.open()
        return dialog

    def edit_task(self, task_id: int, tab: int = 0):
        from ui.dialogs.task_dialog import TaskDialog
        dialog = TaskDialog(self.ctx, task_id=task_id, tab=tab, parent=self.window)
        dialog.saved.connect(self.task_saved)
        dialog.open()
        return dialog

    def delete_task(self, task_id: int, code: str) -> None:
        def deleted(count: int) -> None:
            self.message.emit(tr("Đã chuyển {n} nhiệm vụ (STT {code}) vào thùng rác.", n=count, code=code),
                              lambda: self.restore_task(task_id))
        self.ctx.jobs.run(tr("Xóa nhiệm vụ"), lambda s, _r: s.tasks.delete(task_id), on_success=deleted,
                          parent=self.window)

    def restore_task(self, task_id: int) -> None:
        def restored(count: int) -> None:
            self.message.emit(tr("Đã khôi phục {n} nhiệm vụ.", n=count), None)
        self.ctx.jobs.run(tr("Khôi phục nhiệm vụ"), lambda s, _r: s.tasks.restore(task_id),
                          on_success=restored, parent=self.window)

    def attach_files(self, task_id: int, paths: list[Path]):
        from ui.dialogs.evidence_dialogs import AttachDialog
        dialog = AttachDialog(self.ctx, task_id, paths, self.window)
        dialog.attached.connect(self._attached)
        dialog.open()
        return dialog

    def _attached(self, result) -> None:
        text = tr("Đã đính kèm {n} tệp.", n=len(result.added))
        if result.already_attached:
            text += " " + tr("Bỏ qua {k} tệp đã có sẵn trên nhiệm vụ: {names}.", k=len(result.already_attached),
                             names=", ".join(result.already_attached))
        self.message.emit(text, None)
