"""Trợ giúp: the sample plan to try importing, and Giới thiệu with the version and the data folder."""
from __future__ import annotations

from PySide6.QtGui import QDesktopServices

from cchc_desktop import __version__


def test_about_shows_version_and_opens_the_data_folder(window, ctx, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    dialog = window.show_about()
    texts = " ".join(label.text() for label in dialog.findChildren(type(dialog.folder_label)))
    assert __version__ in texts and "Liberation Serif" in texts
    assert str(ctx.workspace.data_dir) in dialog.folder_label.text()
    dialog.open_button.click()
    assert opened == [str(ctx.workspace.data_dir)]
    dialog.close()


def test_sample_plan_opens_in_the_import_preview(window, ctx, wait_jobs):
    dialog = window.plan_actions.import_sample_plan()
    wait_jobs()
    assert dialog is not None and dialog.isVisible()
    assert dialog.loaded is not None and len(dialog.loaded.preview.tasks) > 40
    dialog.reject()


def test_portable_marker_keeps_data_beside_the_program(tmp_path, monkeypatch):
    from cchc_desktop import paths
    monkeypatch.setattr(paths, "program_dir", lambda: tmp_path)
    monkeypatch.delenv("CCHC_DATA_DIR", raising=False)
    assert not paths.is_portable() and paths.default_data_dir() != tmp_path / paths.PORTABLE_DATA
    (tmp_path / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert paths.is_portable() and paths.default_data_dir() == tmp_path / paths.PORTABLE_DATA
    assert paths.resolve_data_dir(str(tmp_path / "khác")) == tmp_path / "khác"
