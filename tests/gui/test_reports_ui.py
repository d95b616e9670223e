"""The reports page: sections saved as typed, particulars checked inline, preview, print, issue, register."""
from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from pypdf import PdfReader

from tests.gui.conftest import visible_dialog


def _open(window, ctx, wait_jobs, kind="periodic", key="2026-Q1"):
    period = ctx.session.periods.by_key(key)
    view = window.show_reports(kind, period.id)
    wait_jobs()
    wait_jobs()
    return view, period


def _pick(view, key):
    lst = view.ui.sections
    row = next(r for r in range(lst.count()) if lst.item(r).data(Qt.ItemDataRole.UserRole) == key)
    lst.setCurrentRow(row)


def _settle(qtbot, view, wait_jobs):
    qtbot.waitUntil(lambda: view.saver.idle, timeout=10000)
    wait_jobs()


def test_sections_are_listed_and_saved_as_typed(demo_window, ctx, qtbot, wait_jobs):
    view, period = _open(demo_window, ctx, wait_jobs)
    titles = [view.ui.sections.item(r).text().strip() for r in range(view.ui.sections.count())]
    assert "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH" in titles and "III. ĐÁNH GIÁ CHUNG" in titles
    assert "V. KIẾN NGHỊ, ĐỀ XUẤT" in titles
    _pick(view, "III.2")
    assert view.ui.pages.currentWidget() is view.ui.editor
    assert "Nguyên nhân" in view.ui.editor.text.toPlainText()
    view.ui.editor.text.setPlainText("- Hai nhiệm vụ chậm; đã hoàn thành {hoàn thành} nhiệm vụ.")
    _settle(qtbot, view, wait_jobs)
    plan = ctx.plan_id
    stored = ctx.session.reports.draft(plan, "periodic", period.id).sections["III.2"]
    assert stored.text == "- Hai nhiệm vụ chậm; đã hoàn thành {hoàn thành} nhiệm vụ."
    assert "(đã sửa)" in view.ui.editor.title.text()
    qtbot.waitUntil(lambda: all("III.2" not in p.section and "Tồn tại" not in p.section for p in view.problems),
                    timeout=10000)
    view.ui.editor.reset_button.click()
    wait_jobs()
    wait_jobs()
    assert "III.2" not in ctx.session.reports.draft(plan, "periodic", period.id).sections


def test_particulars_are_checked_inline(demo_window, ctx, qtbot, wait_jobs):
    view, period = _open(demo_window, ctx, wait_jobs)
    _pick(view, "__meta__")
    meta = view.ui.meta
    meta.symbol.setText("BC UBND!")
    meta.symbol.textEdited.emit("BC UBND!")
    _settle(qtbot, view, wait_jobs)
    assert "Ký hiệu" in meta.error.text() and meta.error.isVisible()
    assert ctx.session.reports.draft(ctx.plan_id, "periodic", period.id).symbol == "BC-UBND"   # nothing written
    meta.symbol.setText("BC-UBND")
    meta.next_button.click()
    meta.signer.setText("Lê Văn An")
    meta.signer.textEdited.emit("Lê Văn An")
    _settle(qtbot, view, wait_jobs)
    draft = ctx.session.reports.draft(ctx.plan_id, "periodic", period.id)
    assert draft.number == "01" and draft.signer_name == "Lê Văn An"


def test_last_keystrokes_survive_closing_the_window(demo_window, ctx, wait_jobs):
    view, period = _open(demo_window, ctx, wait_jobs)
    _pick(view, "V")
    view.ui.editor.text.setPlainText("Đề nghị tỉnh hỗ trợ kinh phí số hóa hồ sơ.")
    plan = ctx.plan_id
    demo_window.close()        # before the autosave delay has passed
    from cchc_desktop.workspace import Clock
    with ctx.workspace.session(Clock()) as session:
        assert session.reports.draft(plan, "periodic", period.id).sections["V"].text.startswith("Đề nghị tỉnh")


def test_preview_renders_pages_off_the_gui_thread(demo_window, ctx, qtbot, wait_jobs, monkeypatch):
    from cchc_desktop.reports.builder import ReportBuilder
    from ui.dialogs.report_preview import PreviewDialog
    threads = []
    original = ReportBuilder.render
    monkeypatch.setattr(ReportBuilder, "render", lambda self, doc, fmt: (threads.append(threading.current_thread()),
                                                                        original(self, doc, fmt))[1])
    view, _period = _open(demo_window, ctx, wait_jobs)
    view.ui.preview_button.click()
    wait_jobs()
    dialog = visible_dialog(PreviewDialog)
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert len(dialog.labels) == len(dialog.sizes) > 3
    qtbot.waitUntil(lambda: dialog.labels[0].pixmap() is not None and not dialog.labels[0].pixmap().isNull(),
                    timeout=10000)
    assert "trang" in dialog.ui.pages_label.text()
    dialog.close()
    wait_jobs()


def test_printing_paints_every_page_in_its_orientation(demo_window, ctx, wait_jobs, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from ui.printing import new_printer, paint_pages
    view, period = _open(demo_window, ctx, wait_jobs)
    data, _built = ctx.session.reports.render(ctx.plan_id, "periodic", period.id, "pdf")
    pages = len(PdfReader(__import__("io").BytesIO(data)).pages)
    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "ban-in.pdf"))
    printer.setResolution(72)
    done = []
    assert paint_pages(printer, data, range(pages), lambda n, total: done.append(n)) == pages
    assert done == list(range(1, pages + 1))
    printed = PdfReader(tmp_path / "ban-in.pdf")
    assert len(printed.pages) == pages
    first, last = printed.pages[0].mediabox, printed.pages[-1].mediabox
    assert float(first.height) > float(first.width) and float(last.width) > float(last.height)


def test_issue_then_register(demo_window, ctx, qtbot, wait_jobs):
    from ui.dialogs.report_register import IssueDialog, RegisterDialog
    view, period = _open(demo_window, ctx, wait_jobs)
    view.ui.issue_button.click()
    wait_jobs()
    dialog = visible_dialog(IssueDialog)
    assert not dialog.issue_button.isEnabled()           # "Nguyên nhân: …" is still unwritten
    dialog.reject()
    plan = ctx.plan_id
    ctx.session.reports.save_section(plan, "periodic", period.id, "III.2", "- Không có tồn tại lớn.")
    draft = ctx.session.reports.draft(plan, "periodic", period.id)
    draft.number, draft.issued_on = "4", period.due_on
    ctx.session.reports.save_draft(draft)
    view.ui.issue_button.click()
    wait_jobs()
    dialog = visible_dialog(IssueDialog)
    assert dialog.issue_button.isEnabled()
    dialog.docx.setChecked(True)
    dialog.issue_button.click()
    wait_jobs()
    wait_jobs()
    register = visible_dialog(RegisterDialog)
    assert register.table.rowCount() == 1
    assert register.table.item(0, 0).text() == "04/BC-UBND"
    assert register.table.item(0, 3).text() == period.label
    register.check_button.click()
    wait_jobs()
    assert register.table.item(0, 9).text() == "Nguyên vẹn"
    register.close()
    # A PDF in the register opens in the preview exactly as issued.
    ctx.session.reports.save_section(plan, "overdue", None, "end", "Đề nghị hoàn thành trước ngày 30/12/2026.")
    notice = ctx.session.reports.draft(plan, "overdue")
    notice.number, notice.issued_on = "9", period.due_on
    ctx.session.reports.save_draft(notice)
    ctx.session.reports.issue(plan, "overdue", None, "pdf")
    from ui.dialogs.report_preview import PreviewDialog
    register = view.open_register()
    wait_jobs()
    register.table.selectRow(0)
    register.view_selected()
    wait_jobs()
    preview = visible_dialog(PreviewDialog)
    assert preview.sizes and len(preview.labels) == len(preview.sizes)
    preview.close()
    register.close()
    wait_jobs()


def test_other_documents_hide_the_period_and_numbering(demo_window, ctx, wait_jobs):
    view, _period = _open(demo_window, ctx, wait_jobs, kind="tasks")
    assert not view.ui.picker.isVisible() and not view.ui.issue_button.isEnabled()
    assert not view.ui.meta.number.isEnabled()
    view.show_document("overdue")
    wait_jobs()
    assert view.ui.issue_button.isEnabled() and view.ui.meta.number.isEnabled()
    assert view.ui.meta.symbol.text() == "TB-UBND"
