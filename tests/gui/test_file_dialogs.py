"""Issue 14.5: file dialogs open in Documents or the last folder used — never the program's folder — and
offer a name that says what the document is."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from tests.conftest import ROOT


def test_save_dialog_offers_a_name_and_remembers_the_folder(demo_window, ctx, wait_jobs, monkeypatch, tmp_path):
    asked = []
    target = tmp_path / "Báo cáo gửi huyện"
    target.mkdir()

    def fake_save(parent, title, start, filters):
        asked.append(Path(start))
        return str(target / Path(start).stem), filters     # the officer keeps the name, drops the extension

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    view = demo_window.show_reports("periodic", ctx.session.periods.by_key("2026-Q1").id)
    wait_jobs()
    view.export("pdf")
    wait_jobs()
    first = asked[0]
    assert first.name == "BC-CCHC-quy-I-2026.pdf"          # no number yet
    assert ROOT not in first.parents and first.parent != Path.cwd()
    written = target / first.with_suffix(".pdf").name
    assert written.is_file() and written.read_bytes().startswith(b"%PDF")
    view.export("docx")
    wait_jobs()
    assert asked[1].parent == target and asked[1].suffix == ".docx"
    assert ctx.session.profile.setting("ui.last_folder") == str(target)      # kept for the next start
    draft = ctx.session.reports.draft(view.ctx.plan_id, "periodic", view.period_id)
    draft.number = "5"
    ctx.session.reports.save_draft(draft)
    assert view._suggested_name("pdf") == "BC-05-CCHC-quy-I-2026.pdf"


def test_open_dialog_starts_in_documents_when_nothing_was_used(window, ctx, monkeypatch):
    from ui.file_dialogs import start_folder
    ctx.last_folder = ""
    start = start_folder(ctx)
    assert start.is_dir() and ROOT not in [start, *start.parents]
    ctx.last_folder = "/không/còn/nữa"           # a USB stick since removed
    assert start_folder(ctx) == start
