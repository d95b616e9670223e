"""The "Dữ liệu" menu and what keeps the data safe around the window: automatic snapshots (daily, and
on exit), backup to a USB stick, restore and its undo, the full check, the read-only banner."""
from __future__ import annotations

import logging
import sqlite3
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QTableWidgetItem, QVBoxLayout, QWidget

from cchc_desktop.errors import UserError
from cchc_desktop.i18n import format_datetime, format_size, tr
from cchc_desktop.safety import snapshots
from ui import restart
from ui.widgets import read_only_table
from ui.geometry import fit
from ui.file_dialogs import ask_open, ask_save

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

# Message boxes and the desktop's file browser are imported when they open (a start opens none).
log = logging.getLogger(__name__)
REASONS = {"ngay": "Hằng ngày", "thoat": "Khi thoát", "thu-cong": "Tự chọn"}
CHECK_DELAY_MS = 300
SNAPSHOT_DELAY_MS = 20_000


def _ask(parent: QWidget, title: str, text: str, hint: str, yes: str) -> bool:
    from PySide6.QtWidgets import QMessageBox
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setInformativeText(hint)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tr("Hủy"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is accept


def _tell(parent: QWidget, title: str, text: str, hint: str = "", warning: bool = False) -> QMessageBox:
    from PySide6.QtWidgets import QMessageBox
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, text, parent=parent)
    if hint:
        box.setInformativeText(hint)
    box.addButton(tr("Đóng"), QMessageBox.ButtonRole.AcceptRole)
    box.open()
    return box


class DataActions(QObject):
    def __init__(self, ctx, window):
        super().__init__(window)
        self.ctx, self.window = ctx, window
        self.workspace = ctx.workspace
        self.notes: list[str] = []

    @property
    def read_only(self) -> bool:
        return self.workspace.read_only

    def build_menu(self, menu) -> None:
        add = self.window._action
        add(menu, tr("Sao lưu ra USB hoặc thư mục khác…"), self.backup_to_file, "Ctrl+Shift+S")
        self.restore_action = add(menu, tr("Khôi phục từ tệp sao lưu…"), self.restore_from_file)
        self.undo_action = add(menu, tr("Hoàn tác lần khôi phục gần nhất…"), self.undo_restore)
        add(menu, tr("Bản sao tự động…"), self.open_snapshots)
        menu.addSeparator()
        add(menu, tr("Kiểm tra toàn bộ dữ liệu…"), self.check_all)
        add(menu, tr("Mở thư mục dữ liệu"), self.open_folder)
        for action in (self.restore_action, self.undo_action):
            action.setEnabled(not self.read_only)

    # ------------------------------------------------------------------ around the window's life

    def after_start(self, report) -> None:
        notes = []
        if self.workspace.read_only_folder:
            notes.append(tr("Chế độ chỉ xem: thư mục dữ liệu {d} chỉ cho phép đọc (ổ chống ghi, đĩa CD hoặc không có "
                            "quyền ghi). Muốn sửa, hãy chép cả thư mục sang ổ đĩa ghi được.", d=self.workspace.data_dir))
        elif self.read_only:
            notes.append(tr("Chế độ chỉ xem: một cửa sổ CCHC Desktop khác đang làm việc trên thư mục dữ liệu này. "
                            "Mọi thay đổi hãy làm ở cửa sổ kia."))
        if self.workspace.network_share:
            notes.append(tr("Thư mục dữ liệu {d} nằm trên ổ mạng ({kind}): chương trình ghi theo cách an toàn cho ổ mạng "
                            "(chậm hơn). Chỉ mở dữ liệu này từ một máy mỗi lúc; tốt nhất hãy chép sang ổ đĩa của máy.",
                            d=self.workspace.data_dir, kind=self.workspace.network_share))
        if report is not None and report.restore_finished:
            notes.append(tr("Lần khôi phục dữ liệu bị gián đoạn (mất điện?) đã được hoàn tất."))
        self.notes = notes
        self._show_notes()
        # Not in the officer's way at start: the data is checked once the window shows, the snapshot later.
        QTimer.singleShot(CHECK_DELAY_MS, self._check_data)
        if not self.read_only:
            QTimer.singleShot(SNAPSHOT_DELAY_MS, self._daily_snapshot)

    def _show_notes(self) -> None:
        if self.notes:
            self.window.notice.show_message(" ".join(self.notes), colour="#fde7e9" if self.read_only else "#fff4ce")

    def _check_data(self) -> None:
        from cchc_desktop.safety import recovery

        def found(result) -> None:
            damaged, warnings = result
            if damaged is not None:
                self._found_damage(damaged)
            elif warnings:
                self.notes.append(tr("Kiểm tra khi khởi động: {w} Hãy chạy Dữ liệu → Kiểm tra toàn bộ dữ liệu.",
                                     w=" ".join(warnings)))
                self._show_notes()
        self.ctx.jobs.run(tr("Kiểm tra dữ liệu"), lambda s, _r: recovery.background_check(s.workspace),
                          on_success=found, on_failure=lambda exc: log.warning("start-up check failed: %s", exc))

    def _found_damage(self, damaged) -> None:
        """The quick check after start found the database damaged: offer the newest good snapshot."""
        from PySide6.QtWidgets import QMessageBox
        log.error("damaged database: %s", damaged.problems)
        box = QMessageBox(QMessageBox.Icon.Critical, tr("Dữ liệu bị hỏng"), damaged.message, parent=self.window)
        box.setInformativeText(damaged.hint + "\n\n" + tr("Tệp hỏng không bị xóa: nó được cất vào thư mục sao-luu."))
        snapshot_button = None
        if damaged.snapshot is not None and not self.read_only:
            snapshot_button = box.addButton(tr("Khôi phục bản sao lúc {at}",
                                               at=format_datetime(damaged.snapshot.taken_at)),
                                            QMessageBox.ButtonRole.AcceptRole)
        file_button = box.addButton(tr("Khôi phục từ tệp sao lưu…"), QMessageBox.ButtonRole.ActionRole)
        file_button.setEnabled(not self.read_only)
        box.addButton(tr("Để sau"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if snapshot_button is not None and box.clickedButton() is snapshot_button:
            from cchc_desktop.safety import archive
            path = damaged.snapshot.path
            self.ctx.jobs.run(tr("Đang kiểm tra bản sao…"), lambda s, _r: archive.stage_snapshot(s.workspace, path),
                              on_success=lambda _r: restart.request(self.window, restart.APPLY_RESTORE),
                              on_failure=self._restore_refused, parent=self.window)
        elif box.clickedButton() is file_button:
            self.restore_from_file()

    def _daily_snapshot(self) -> None:
        self.ctx.jobs.run(tr("Sao lưu tự động"), lambda s, _r: snapshots.automatic(s.workspace, "ngay"),
                          on_failure=lambda exc: log.warning("daily snapshot failed: %s", exc))

    def before_close(self) -> None:
        if self.read_only:
            return
        try:
            snapshots.automatic(self.workspace, "thoat")
        except (UserError, OSError, sqlite3.Error) as exc:
            # A full disk must not stop the window from closing, and a damaged database is never
            # snapshotted (the copy's own check refuses it, so good snapshots are not crowded out).
            log.warning("exit snapshot failed: %s", exc)

    # ------------------------------------------------------------------ backup and restore

    def backup_to_file(self) -> None:
        from cchc_desktop.safety import archive
        from cchc_desktop.file_names import backup_file_name
        name = backup_file_name(self.ctx.session.profile.get().commune, self.ctx.clock.today())
        path = ask_save(self.window, self.ctx, tr("Sao lưu dữ liệu"), name, tr("Tệp sao lưu (*.zip)"), "zip")
        if path is None:
            return
        self.ctx.jobs.run(tr("Đang sao lưu dữ liệu…"), lambda s, report: archive.create(s.workspace, path, report),
                          on_success=self._backed_up, parent=self.window, progress=True)

    def _backed_up(self, result) -> None:
        hint = tr("Hãy cất USB ở nơi an toàn, tách khỏi máy tính.")
        problems = len(result.missing) + len(result.damaged)
        if problems:
            hint = tr("{n} tệp minh chứng trong kho đã mất hoặc hỏng nên không sao lưu nguyên vẹn được; hãy chạy "
                      "Kiểm tra toàn bộ dữ liệu.", n=problems)
        _tell(self.window, tr("Sao lưu dữ liệu"), tr("Đã sao lưu {n} tệp ({size}) vào {path}.", n=result.files,
                                                      size=format_size(result.size), path=result.path),
              hint, warning=bool(problems))

    def restore_from_file(self):
        from cchc_desktop.safety import archive
        path = ask_open(self.window, self.ctx, tr("Chọn tệp sao lưu"), tr("Tệp sao lưu (*.zip)"))
        if path is None:
            return None
        return self.ctx.jobs.run(tr("Đang kiểm tra tệp sao lưu…"),
                                 lambda s, report: archive.stage(s.workspace, path, report),
                                 on_success=self._confirm_restore, on_failure=self._restore_refused,
                                 parent=self.window, progress=True)

    def _confirm_restore(self, staged) -> None:
        from cchc_desktop.safety import archive
        text = tr("Tệp sao lưu hợp lệ: lập lúc {at}, xã {c}, {n} tệp ({size}).", at=format_datetime(staged.created_at)
                  if staged.created_at else "?", c=staged.commune or "?", n=staged.files, size=format_size(staged.size))
        hint = tr("Khôi phục sẽ thay toàn bộ dữ liệu hiện tại bằng dữ liệu trong tệp. Dữ liệu hiện tại không bị xóa: "
                  "nó được cất sang bên và có thể hoàn tác. Chương trình sẽ đóng cửa sổ rồi mở lại.")
        if _ask(self.window, tr("Khôi phục dữ liệu"), text, hint, tr("Khôi phục")):
            restart.request(self.window, restart.APPLY_RESTORE)
        else:
            archive.discard_staging(self.workspace)

    def _restore_refused(self, exc) -> None:
        if isinstance(exc, UserError):
            _tell(self.window, tr("Khôi phục dữ liệu"), exc.message, exc.hint, warning=True)
        else:
            from ui.errors import show_error
            show_error(self.window, exc)

    def undo_restore(self) -> None:
        from cchc_desktop.safety import archive
        found = [p for p in archive.asides(self.workspace) if (p / self.workspace.db_path.name).exists()]
        if not found:
            _tell(self.window, tr("Hoàn tác khôi phục"), tr("Không có lần khôi phục nào để hoàn tác."))
            return
        if _ask(self.window, tr("Hoàn tác khôi phục"),
                tr("Đưa dữ liệu trước lần khôi phục ({name}) trở lại?", name=found[0].name),
                tr("Dữ liệu hiện tại được cất sang bên. Chương trình sẽ đóng cửa sổ rồi mở lại."), tr("Hoàn tác")):
            restart.request(self.window, restart.UNDO_RESTORE)

    def open_snapshots(self):
        dialog = SnapshotsDialog(self, self.window)
        dialog.open()
        return dialog

    def restore_snapshot(self, snapshot) -> None:
        from cchc_desktop.safety import archive
        if not _ask(self.window, tr("Khôi phục bản sao tự động"),
                    tr("Đưa dữ liệu về bản sao lúc {at}?", at=snapshots.label(snapshot)),
                    tr("Những thay đổi sau thời điểm đó sẽ không còn (dữ liệu hiện tại được cất sang bên và có thể "
                       "hoàn tác). Tệp minh chứng vẫn giữ nguyên. Chương trình sẽ đóng cửa sổ rồi mở lại."),
                    tr("Khôi phục")):
            return
        self.ctx.jobs.run(tr("Đang kiểm tra bản sao…"),
                          lambda s, _r: archive.stage_snapshot(s.workspace, snapshot.path),
                          on_success=lambda _r: restart.request(self.window, restart.APPLY_RESTORE),
                          on_failure=self._restore_refused, parent=self.window)

    # ------------------------------------------------------------------ checking

    def check_all(self):
        from cchc_desktop.safety import integrity
        return self.ctx.jobs.run(tr("Đang kiểm tra toàn bộ dữ liệu…"),
                                 lambda s, report: integrity.check(s.workspace, progress=report),
                                 on_success=self._checked, parent=self.window, progress=True)

    def _checked(self, report) -> None:
        if report.ok:
            _tell(self.window, tr("Kiểm tra dữ liệu"),
                  tr("Dữ liệu tốt: cơ sở dữ liệu nguyên vẹn, {n} tệp minh chứng đúng mã kiểm tra, {r} văn bản đã "
                     "ban hành còn nguyên.", n=report.evidence_files, r=report.reports_checked))
        else:
            _tell(self.window, tr("Kiểm tra dữ liệu"), tr("Dữ liệu có vấn đề:") + "\n" + "\n".join(report.messages()),
                  tr("Tệp minh chứng hỏng: đính kèm lại tệp gốc. Cơ sở dữ liệu hỏng: khôi phục từ bản sao lưu."),
                  warning=True)

    def open_folder(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.workspace.data_dir)))


class SnapshotsDialog(QDialog):
    def __init__(self, actions: DataActions, parent: QWidget | None = None):
        super().__init__(parent)
        self.actions = actions
        self.setWindowTitle(tr("Bản sao tự động"))
        fit(self, 640, 380)
        column = QVBoxLayout(self)
        column.addWidget(QLabel(tr("Chương trình tự sao lưu cơ sở dữ liệu mỗi ngày và khi thoát; giữ bản mới nhất "
                                   "của {d} ngày gần đây và của {m} tháng gần đây.", d=snapshots.KEEP_DAYS,
                                   m=snapshots.KEEP_MONTHS)))
        self.table = read_only_table(("Thời điểm", "Lý do", "Dung lượng"), "snapshotTable")
        column.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.restore_button = QPushButton(tr("Khôi phục bản đã chọn…"))
        self.restore_button.setEnabled(not actions.read_only)
        close = QPushButton(tr("Đóng"))
        row.addWidget(self.restore_button)
        row.addStretch(1)
        row.addWidget(close)
        column.addLayout(row)
        self.restore_button.clicked.connect(self._restore)
        close.clicked.connect(self.accept)
        self.items = snapshots.snapshots(actions.workspace)
        self.table.setRowCount(len(self.items))
        for row_index, snap in enumerate(self.items):
            size = snap.path.stat().st_size if snap.path.exists() else 0
            for col, value in enumerate((snapshots.label(snap), tr(REASONS.get(snap.reason, snap.reason)),
                                         format_size(size))):
                item = QTableWidgetItem(value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
                self.table.setItem(row_index, col, item)
        self.table.resizeColumnsToContents()
        if self.items:
            self.table.selectRow(0)
        else:
            self.restore_button.setEnabled(False)

    def _restore(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.items):
            self.accept()
            self.actions.restore_snapshot(self.items[row])
