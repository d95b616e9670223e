"""The window's start says what is wrong in Vietnamese, never with the crash dialog (issue 13.6)."""
from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox


@pytest.fixture
def shown(app, monkeypatch):
    """The message boxes the start would show (their text), without a display to click them away."""
    import ui.app
    import ui.errors
    boxes: list[tuple[str, str, str]] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: boxes.append(
        (self.windowTitle(), self.text(), self.informativeText())) or 0)
    monkeypatch.setattr(ui.errors, "install_excepthook", lambda: None)
    monkeypatch.setattr(ui.app, "setup_logging", lambda folder: None)
    monkeypatch.setattr(QApplication, "setHighDpiScaleFactorRoundingPolicy", lambda *a: None)  # set once, at start
    return boxes


@pytest.mark.parametrize("today", ["2026-13-45", "9999-12-31"])
def test_an_invalid_pinned_today_is_a_message_not_a_crash(shown, tmp_path, monkeypatch, today):
    from ui.app import run_gui
    from ui.dialogs.crash_dialog import CrashDialog
    monkeypatch.setenv("CCHC_TODAY", today)
    opened = []
    monkeypatch.setattr(CrashDialog, "open", lambda self: opened.append(self))
    assert run_gui(str(tmp_path / "dữ liệu")) == 1
    assert not opened
    assert len(shown) == 1 and "CCHC_TODAY" in shown[0][1] and today in shown[0][1], shown
    assert shown[0][0] == "Dữ liệu chưa hợp lệ"


def test_an_unexpected_start_failure_says_where_the_log_is_without_sqlite_words(shown, tmp_path):
    from ui.app import _fatal
    error = sqlite3.DatabaseError("database disk image is malformed")
    assert _fatal(error, tmp_path) == 1
    title, text, hint = shown[0]
    assert str(tmp_path) in text and "nhật ký" in hint
    assert "malformed" not in text + hint


def test_a_data_folder_on_a_network_share_shows_a_banner(window, ctx, wait_jobs):
    ctx.workspace.__dict__["network_share"] = "cifs"       # what db.network found (tested with a faked mount table)
    window.after_start(None)
    assert window.notice.isVisible()
    text = window.notice.label.text()
    assert "ổ mạng" in text and "cifs" in text and str(ctx.workspace.data_dir) in text
    wait_jobs()
