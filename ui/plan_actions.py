"""The "Kế hoạch" menu's plan commands: create, edit and delete a plan, import one from a file or the
clipboard, export its task list, and open the demo. Beside ``DataActions`` (the "Dữ liệu" menu)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from cchc_desktop.i18n import tr
from ui import widgets
from ui.file_dialogs import ask_open


class PlanActions(QObject):
    def __init__(self, ctx, window):
        super().__init__(window)
        self.ctx, self.window = ctx, window
        self.needs_plan: list[QAction] = []     # enabled only while a plan is open

    def build_menu(self, menu) -> None:
        def add(text: str, slot, shortcut: str = "") -> QAction:
            action = menu.addAction(text, slot)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            return action
        add(tr("Tạo kế hoạch mới…"), self.new_plan, "Ctrl+Shift+N")
        add(tr("Nhập kế hoạch từ tệp (Word, Excel, trang web)…"), self.import_plan_file, "Ctrl+O")
        add(tr("Dán bảng kế hoạch đã sao chép"), self.import_from_clipboard, "Ctrl+Shift+V")
        self.needs_plan = [add(tr("Xuất danh mục nhiệm vụ ra Excel/Word…"), self.export_plan, "Ctrl+E"),
                           add(tr("Tạo kế hoạch năm sau…"), self.next_year_plan),
                           add(tr("Sửa thông tin kế hoạch…"), self.edit_plan),
                           add(tr("Xóa kế hoạch…"), self.delete_plan)]

    def new_plan(self):
        from ui.dialogs.plan_dialog import PlanDialog
        dialog = PlanDialog(self.ctx, None, self.window)
        dialog.saved.connect(lambda plan_id: self.window.refresh_plans(select=plan_id))
        dialog.open()
        return dialog

    def edit_plan(self):
        if self.ctx.plan_id is None:
            return None
        from ui.dialogs.plan_dialog import PlanDialog
        dialog = PlanDialog(self.ctx, self.ctx.plan_id, self.window)
        dialog.saved.connect(lambda plan_id: self.window.refresh_plans(select=plan_id))
        dialog.open()
        return dialog

    def next_year_plan(self):
        """Next year's plan from the one open: a preview first, then the new plan (a draft) is shown."""
        if self.ctx.plan_id is None:
            return None
        from ui.dialogs.rollover_dialog import RolloverDialog
        dialog = RolloverDialog(self.ctx, self.ctx.plan_id, self.window)
        dialog.created.connect(self._rolled_over)
        dialog.open()
        dialog.start()
        return dialog

    def _rolled_over(self, plan_id: int, summary: str, result=None) -> None:
        """The new plan shown where its tasks to look at are (the review filter of the first one's domain),
        or on the overview."""
        self.window.refresh_plans(select=plan_id)
        self.window.show_page("tasks")
        if result is not None and result.first_flagged:
            from ui.models.task_tree import UNREAD_DEADLINE
            self.window.show_status(*result.first_flagged, UNREAD_DEADLINE)
        else:
            self.window.tabs.setCurrentIndex(0)
        self.window.show_message(summary, None)

    def delete_plan(self) -> None:
        plan_id = self.ctx.plan_id
        if plan_id is None:
            return
        plan = self.ctx.session.plans.get(plan_id)
        if not widgets.confirm(self.window, tr("Xóa kế hoạch"), tr("Chuyển kế hoạch “{title}” vào thùng rác?",
                                                             title=plan.title), tr("Xóa"),
                               tr("Các nhiệm vụ và minh chứng đi theo kế hoạch; có thể khôi phục trong Thùng rác.")):
            return

        def deleted(_none) -> None:
            self.window.refresh_plans()
            self.window.show_message(tr("Đã chuyển kế hoạch “{title}” vào thùng rác.", title=plan.title),
                              lambda: self._restore_plan(plan_id))
        self.ctx.jobs.run(tr("Xóa kế hoạch"), lambda s, _r: s.plans.delete(plan_id), on_success=deleted,
                          parent=self.window)

    def _restore_plan(self, plan_id: int) -> None:
        self.ctx.jobs.run(tr("Khôi phục kế hoạch"), lambda s, _r: s.plans.restore(plan_id),
                          on_success=lambda _none: self.window.refresh_plans(select=plan_id),
                          parent=self.window)

    def import_plan_file(self, path: Path | None = None):
        """Choose a plan file (or take the one given) and open the import preview."""
        from ui.dialogs.import_dialog import FILE_FILTER
        if not path:
            path = ask_open(self.window, self.ctx, tr("Chọn tệp kế hoạch"), tr(FILE_FILTER))
            if path is None:
                return None
        return self._open_import(Path(path))

    def import_sample_plan(self):
        """The bundled sample plan in the import preview: a safe way to see how importing works."""
        from cchc_desktop.resources import resource_path
        return self._open_import(resource_path("samples", "ke-hoach-cchc-xa-hoang-son-2026.docx"))

    def import_from_clipboard(self):
        mime = QApplication.clipboard().mimeData()
        html = mime.html() if mime is not None and mime.hasHtml() else None
        text = mime.text() if mime is not None and mime.hasText() else None
        return self._open_import((html, text))

    def _open_import(self, source):
        from ui.dialogs.import_dialog import ImportDialog
        dialog = ImportDialog(self.ctx, source, self.window)
        dialog.imported.connect(self._imported)
        dialog.open()
        dialog.start()
        return dialog

    def _imported(self, result) -> None:
        self.window.refresh_plans(select=result.plan_id)
        verb = tr("Đã nhập kế hoạch mới.") if result.plan_created else tr("Đã cập nhật kế hoạch.")
        self.window.show_message(f"{verb} {result.summary()}", None)

    def export_plan(self):
        if self.ctx.plan_id is None:
            return None
        from ui.dialogs.export_dialog import ExportDialog
        dialog = ExportDialog(self.ctx, self.window)
        dialog.accepted.connect(lambda: self.window.show_message(
            tr("Đã xuất ra {path}", path=getattr(dialog, "exported", "")), None))
        dialog.open()
        return dialog

    def load_demo(self) -> None:
        """The demo lives in its own data folder and opens in its own window; the commune's folder is
        never written. In the demo's own folder (or a brand-new one the demo was loaded into) it opens here."""
        from cchc_desktop.services.demo import is_demo_folder, open_demo_folder
        here = self.ctx.workspace.data_dir
        if is_demo_folder(here):
            self.window.show_loaded_demo(self.ctx.session.plans.list()[0].id if self.ctx.session.plans.list() else None)
            return
        clock = self.ctx.clock
        self.ctx.jobs.run(tr("Đang tạo dữ liệu mẫu…"), lambda _s, _r: open_demo_folder(here, clock),
                          on_success=lambda result: self.open_demo_window(*result), parent=self.window, progress=True)

    def open_demo_window(self, folder: Path, plan_id: int):
        """A second window on the demo's folder, beside this one."""
        from ui.app import open_workspace
        from ui.context import AppContext
        ctx = AppContext(open_workspace(folder), self.ctx.clock)
        from ui.main_window import MainWindow
        window = MainWindow(ctx)
        window.resize(self.window.size())
        window.refresh_plans(select=plan_id)
        window.show()
        self.window.demo_window = window
        self.window.show_message(tr("Dữ liệu mẫu đã mở trong một cửa sổ riêng (thư mục {dir}); dữ liệu của xã không "
                             "thay đổi.", dir=folder), None)
        return window
