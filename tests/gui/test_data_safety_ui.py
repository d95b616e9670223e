"""The Dữ liệu menu and what guards the data around the window: snapshots, backup, restore, read-only."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from cchc_desktop.model import TaskInput
from cchc_desktop.safety import snapshots
from cchc_desktop.safety.instance import InstanceLock
from cchc_desktop.workspace import Clock, Workspace
from tests.conftest import TODAY
from tests.gui.conftest import visible_dialog

ROOT = Path(__file__).resolve().parents[2]


def test_daily_snapshot_after_start_and_one_on_exit(demo_window, ctx, wait_jobs, qtbot, monkeypatch):
    from ui import data_actions
    monkeypatch.setattr(data_actions, "SNAPSHOT_DELAY_MS", 0)    # normally a while after start, out of the way
    demo_window.after_start(None)
    qtbot.waitUntil(lambda: bool(snapshots.snapshots(ctx.workspace)), timeout=10000)
    wait_jobs()
    reasons = {s.reason for s in snapshots.snapshots(ctx.workspace)}
    assert reasons == {"ngay"}
    demo_window.close()
    assert {s.reason for s in snapshots.snapshots(ctx.workspace)} == {"ngay", "thoat"}


def test_backup_to_a_usb_stick(demo_window, ctx, wait_jobs, tmp_path, monkeypatch):
    target = tmp_path / "USB" / "SaoLuu.zip"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    demo_window.data_actions.backup_to_file()
    wait_jobs()
    assert target.exists()
    box = visible_dialog(QMessageBox)
    assert "Đã sao lưu 6 tệp" in box.text()
    box.close()


def test_restore_closes_the_window_swaps_the_data_and_can_be_undone(demo_window, ctx, wait_jobs, tmp_path,
                                                                    monkeypatch):
    from cchc_desktop.safety import archive
    from ui import app, data_actions, restart
    backup = archive.create(ctx.workspace, tmp_path / "SaoLuu.zip").path
    ctx.session.tasks.add(TaskInput(ctx.plan_id, "PAR", "I", "Thêm sau khi sao lưu"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup), ""))
    monkeypatch.setattr(data_actions, "_ask", lambda *a, **k: True)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    codes = []
    monkeypatch.setattr(QApplication, "exit", lambda code=0: codes.append(code))   # no loop to leave in a test
    demo_window.data_actions.restore_from_file()
    wait_jobs()
    assert not demo_window.isVisible() and codes == [restart.RESTART]
    action = restart.take()
    assert action == restart.APPLY_RESTORE
    app._run_closed(ctx.workspace, action)            # what the start-up loop does before reopening
    ctx.workspace.prepare()
    with ctx.workspace.session(Clock(TODAY)) as session:
        names = [r.name for r in session.tasks.rows(session.plans.list()[0].id)]
        assert "Thêm sau khi sao lưu" not in names and len(names) == 42
    app._run_closed(ctx.workspace, restart.UNDO_RESTORE)
    ctx.workspace.prepare()
    with ctx.workspace.session(Clock(TODAY)) as session:
        names = [r.name for r in session.tasks.rows(session.plans.list()[0].id)]
        assert "Thêm sau khi sao lưu" in names


def test_full_check_from_the_menu(demo_window, ctx, wait_jobs):
    demo_window.data_actions.check_all()
    wait_jobs()
    box = visible_dialog(QMessageBox)
    assert box.text().startswith("Dữ liệu tốt")
    box.close()


def test_read_only_window_says_so_and_refuses_writes(app, qtbot, demo_window, ctx, wait_jobs):
    from ui.context import AppContext
    from ui.main_window import MainWindow
    viewer_ws = Workspace(ctx.workspace.data_dir, read_only=True)
    viewer_ws.prepare()
    viewer_ctx = AppContext(viewer_ws, Clock(TODAY))
    viewer = MainWindow(viewer_ctx)
    qtbot.addWidget(viewer)
    viewer.show()
    viewer.after_start(None)
    assert viewer.notice.isVisible() and "chỉ xem" in viewer.notice.label.text()
    assert not viewer.data_actions.restore_action.isEnabled()
    failures = []
    viewer_ctx.jobs.run("ghi", lambda s, _r: s.tasks.add(TaskInput(viewer_ctx.plan_id, "PAR", "I", "x")),
                        on_failure=failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert "chỉ để xem" in str(failures[0])
    assert snapshots.snapshots(viewer_ws) == []          # a viewer takes no snapshots
    viewer.close()


def _gui(data_dir: Path, *extra_env) -> subprocess.Popen:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CCHC_TODAY": "2026-11-25"}
    env.update(dict(extra_env))
    return subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _log(data_dir: Path) -> str:
    path = data_dir / "nhat-ky" / "cchc.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def test_second_start_brings_the_first_forward_or_opens_read_only(app, tmp_path):
    from ui.single_instance import wait_for_running
    data_dir = tmp_path / "dữ liệu"
    subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir), "demo"], check=True,
                   capture_output=True)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CCHC_EXIT_WHEN_READY": "1",
           "CCHC_SECOND_START_WAIT_S": "2"}
    first = _gui(data_dir)
    try:
        deadline = time.monotonic() + 30
        while not wait_for_running(data_dir, 0):       # the first window is up and answering
            assert time.monotonic() < deadline and first.poll() is None, "the first window never started"
            time.sleep(0.2)
        second = subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir)], env=env,
                                capture_output=True, timeout=60)
        assert second.returncode == 0
        assert "the window already open on this folder was brought forward" in _log(data_dir)
    finally:
        first.kill()
        first.wait(10)
    holder = InstanceLock(data_dir)          # held by something that does not answer (a command, a hung run)
    assert holder.acquire()
    try:
        viewer = subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir)], env=env,
                                capture_output=True, timeout=60)
    finally:
        holder.release()
    assert viewer.returncode == 0
    assert "opening read-only" in _log(data_dir)


def test_damage_found_after_start_shows_the_dialog_and_restores_the_newest_snapshot(demo_window, ctx, qtbot,
                                                                                    wait_jobs, monkeypatch):
    """The real "Dữ liệu bị hỏng" dialog: it says what is damaged, where the damaged file goes and which
    snapshot it offers; choosing that snapshot closes the window for the restore, and the data comes back."""
    from PySide6.QtCore import QTimer

    from cchc_desktop.i18n import format_datetime
    from cchc_desktop.safety import snapshots as snaps
    from ui import app, restart
    snap = snaps.take(ctx.workspace, "ngay")
    ctx.session.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = bytearray(ctx.workspace.db_path.read_bytes())
    for offset in range(4096 * 3, len(raw) - 4096, 4096 * 2):
        raw[offset + 100: offset + 400] = os.urandom(300)
    ctx.workspace.db_path.write_bytes(bytes(raw))
    codes = []
    monkeypatch.setattr(QApplication, "exit", lambda code=0: codes.append(code))   # no loop to leave in a test
    seen = {}

    def answer(choice: str) -> None:           # the officer, once a dialog is up: reads it, clicks ``choice``
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        if not boxes:
            QTimer.singleShot(50, lambda: answer(choice))
            return
        box = boxes[-1]
        seen[box.windowTitle()] = dict(text=box.text(), info=box.informativeText(),
                                       buttons=sorted(b.text() for b in box.buttons()))
        wanted = [b for b in box.buttons() if b.text().startswith(choice)]
        (wanted[0].click if wanted else box.reject)()      # no such button: close it, and the test fails below

    QTimer.singleShot(0, lambda: answer("Khôi phục bản sao lúc"))
    demo_window.data_actions._check_data()
    qtbot.waitUntil(lambda: "Dữ liệu bị hỏng" in seen, timeout=15000)
    wait_jobs()
    damage = seen["Dữ liệu bị hỏng"]
    assert damage["text"].startswith("Cơ sở dữ liệu bị hỏng (")
    assert damage["info"].startswith(f"Có thể khôi phục bản sao tự động lúc {snaps.label(snap)}.")
    assert damage["info"].endswith("Tệp hỏng không bị xóa: nó được cất vào thư mục sao-luu.")
    assert damage["buttons"] == sorted([f"Khôi phục bản sao lúc {format_datetime(snap.taken_at)}",
                                        "Khôi phục từ tệp sao lưu…", "Để sau"])
    assert not demo_window.isVisible() and codes == [restart.RESTART]
    action = restart.take()
    assert action == restart.APPLY_RESTORE
    QTimer.singleShot(0, lambda: answer("Đóng"))
    app._run_closed(ctx.workspace, action)            # what the start-up loop does before reopening
    assert seen["Khôi phục dữ liệu"]["text"] == "Đã khôi phục dữ liệu từ bản sao lưu."
    ctx.workspace.prepare()
    with ctx.workspace.session(Clock(TODAY)) as session:
        assert len(session.tasks.rows(session.plans.list()[0].id)) == 42
    # the damaged database is kept aside in sao-luu/, as the dialog said
    aside = Path(seen["Khôi phục dữ liệu"]["info"].removeprefix("Dữ liệu trước đó được cất ở ").removesuffix("."))
    assert aside.parent == ctx.workspace.data_dir / "sao-luu" and (aside / "cchc.sqlite3").stat().st_size == len(raw)


def test_a_second_start_during_a_slow_cold_start_waits_for_the_first_window(app, qtbot, tmp_path):
    """Issue "Ready for the Windows office PC", 6: the first program is still starting (it listens, but its
    window is not up yet, or it has not even begun to listen): the second start waits and connects."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMainWindow
    from ui.single_instance import ActivationServer, wait_for_running
    folder = tmp_path / "dữ liệu"
    window = QMainWindow()
    qtbot.addWidget(window)
    window.showMaximized()
    servers = []
    QTimer.singleShot(600, lambda: servers.append(ActivationServer(folder)))     # listens late
    QTimer.singleShot(1400, lambda: setattr(servers[0], "window", window))        # its window later still
    assert wait_for_running(folder, 10)
    assert window.isMaximized()                   # brought forward as it was, not un-maximised
    assert not wait_for_running(tmp_path / "thư mục khác", 0.5)     # nobody there: gives up in time


def test_bringing_forward_asks_windows_to_allow_it(monkeypatch):
    import sys
    import types
    from ui import single_instance
    calls = []
    user32 = types.SimpleNamespace(AllowSetForegroundWindow=lambda who: calls.append(who))
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setitem(sys.modules, "ctypes", types.SimpleNamespace(windll=types.SimpleNamespace(user32=user32)))
    single_instance.allow_foreground()
    assert calls == [-1]
