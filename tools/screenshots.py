"""Save a screenshot of every screen and dialog to ./screenshots (offscreen), for review.

    ./cchc screenshots [--size 1366x768] [--out screenshots]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CCHC_TODAY", "2026-11-25")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402


class Shooter:
    def __init__(self, out: Path, size: tuple[int, int]):
        self.out, self.size = out, size
        out.mkdir(parents=True, exist_ok=True)
        for old in out.glob("*.png"):   # numbering shifts when screens are added: no stale pictures
            old.unlink()
        self.count = 0

    def settle(self, ctx=None, ms: int = 150) -> None:
        """Let queued work finish: wait for the job runner, then for pending paints."""
        loop = QEventLoop()
        if ctx is not None and ctx.jobs.busy:
            ctx.jobs.idle.connect(loop.quit)
            QTimer.singleShot(20000, loop.quit)
            loop.exec()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def shot(self, widget: QWidget, name: str) -> Path:
        self.settle()
        self.count += 1
        path = self.out / f"{self.count:02d}-{name}.png"
        widget.grab().save(str(path))
        print(path)
        return path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "screenshots"))
    parser.add_argument("--size", default="1366x768")
    args = parser.parse_args()
    width, height = (int(x) for x in args.size.split("x"))
    from cchc_desktop.workspace import Clock
    from ui.app import make_application, open_workspace
    from ui.context import AppContext
    from ui.main_window import MainWindow

    make_application()
    shooter = Shooter(Path(args.out), (width, height))
    tmp = Path(tempfile.mkdtemp(prefix="cchc-anh-"))

    # First start on an empty data folder.
    ctx = AppContext(open_workspace(tmp / "mới"), Clock())
    window = MainWindow(ctx)
    window.resize(width, height)
    window.show()
    welcome = window.first_run()
    shooter.shot(window, "cua-so-trong")
    shooter.shot(welcome, "chao-mung")
    welcome.reject()
    profile = window.edit_profile()
    shooter.shot(profile, "thong-tin-xa")
    profile.reject()
    window.close()

    # The demo plan.
    ctx = AppContext(open_workspace(tmp / "mẫu"), Clock())
    window = MainWindow(ctx)
    window.resize(width, height)
    window.show()
    from cchc_desktop.services.demo import DemoLoader
    window.show_loaded_demo(DemoLoader(ctx.session).load()[0])   # this folder holds the demo: the banner says so
    shooter.settle(ctx)
    shooter.shot(window, "tong-quan")
    shooter.shot(window.demo_banner, "du-lieu-mau-dai-thong-bao")   # the DỮ LIỆU MẪU banner, on its own
    shoot_overview(window, ctx, shooter)
    for index in range(1, window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        view = window.current_view()
        if view.model.roots:
            view.select_task(view.model.roots[0].row.id)
        shooter.shot(window, f"linh-vuc-{view.domain.code}")
    view = window.show_domain("PAR", "III")
    view.ui.search.setText("cai cach thu tuc")
    shooter.shot(window, "tim-khong-dau")
    view.ui.search.clear()
    task_id = view.model.roots[0].row.id
    dialog = window.actions_.edit_task(task_id, 0)
    shooter.shot(dialog, "nhiem-vu-noi-dung")
    dialog.ui.tabs.setCurrentIndex(1)
    shooter.shot(dialog, "nhiem-vu-tien-do")
    dialog.ui.tabs.setCurrentIndex(2)
    shooter.shot(dialog, "nhiem-vu-lich-su")
    dialog.reject()
    sample = tmp / "Tệp mẫu"
    sample.mkdir()
    files = []
    for name in ("123-QD-UBND ngay 15-01-2026.pdf", "Bao cao 45_BC-UBND.docx", "Ảnh hội nghị.jpg"):
        (sample / name).write_bytes(os.urandom(2048))
        files.append(sample / name)
    attach = window.actions_.attach_files(task_id, files)
    shooter.shot(attach, "dinh-kem")
    attach.on_save()
    shooter.settle(ctx)
    view.select_task(task_id)
    shooter.shot(window, "minh-chung-da-dinh-kem")
    shooter.shot(window.plan_actions.new_plan(), "ke-hoach-moi")
    for dialog in [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]:
        dialog.close()
    sample = ROOT / "resources" / "samples" / "ke-hoach-cchc-xa-hoang-son-2026.docx"
    importer = window.plan_actions.import_plan_file(sample)
    shooter.settle(ctx)
    importer.resize(width - 60, height - 60)
    shooter.shot(importer, "nhap-ke-hoach")
    importer.ui.tabs.setCurrentIndex(1)
    shooter.shot(importer, "nhap-ke-hoach-cot")
    importer.ui.tabs.setCurrentIndex(3)
    shooter.shot(importer, "nhap-ke-hoach-luu-y")
    importer.reject()
    shoot_unsure_import(window, ctx, shooter, tmp, (width, height))
    exporter = window.plan_actions.export_plan()
    shooter.shot(exporter, "xuat-danh-muc")
    exporter.reject()
    stats = window.show_statistics(ctx.session.periods.by_key("2026-Y").id)
    shooter.settle(ctx)
    shooter.settle(ctx)
    stats.ui.tabs.setCurrentIndex(2)
    model = stats.models["III"]
    model.setData(model.index_of("III.4.3"), "2.600")  # more on time than solved: a violation
    shooter.settle(ctx)
    stats.select("III.4.3")
    shooter.shot(window, "thong-ke-co-loi")
    model.setData(model.index_of("III.4.3"), "2.519")
    shooter.settle(ctx)
    stats.show_period(ctx.session.periods.by_key("2026-Q1").id)
    shooter.settle(ctx)
    shooter.settle(ctx)
    shooter.shot(window, "thong-ke-da-chot")
    # A task added after closing: the closed form keeps 42 and marks, for information, the 43 the register says.
    from cchc_desktop.model import TaskInput
    plan_id = ctx.plan_id
    added = []
    ctx.jobs.run("thêm nhiệm vụ", lambda s, _r: s.tasks.add(TaskInput(
        plan_id, "PAR", "I", "Nhiệm vụ bổ sung sau ngày chốt số liệu", deadline_text="Quý IV/2026")),
        on_success=added.append)
    shooter.settle(ctx)
    shooter.settle(ctx)
    stats.select("I.2.1")
    shooter.shot(window, "thong-ke-da-chot-so-nay-da-khac")
    ctx.jobs.run("xóa nhiệm vụ", lambda s, _r: s.tasks.delete(added[0]))   # the closed periods agree again
    shooter.settle(ctx)
    calendar = stats.open_calendar()
    shooter.shot(calendar, "lich-bao-cao")
    calendar.close()
    catalog = stats.open_catalog()
    shooter.shot(catalog, "danh-muc-chi-tieu")
    catalog.close()
    shoot_province_sheet(ctx, shooter, tmp, (width, height))
    shoot_reports(window, ctx, shooter)
    shoot_assessment(window, ctx, shooter, tmp)
    shoot_data_safety(window, ctx, shooter, tmp)
    window.nav.setCurrentRow(0)
    verify = window.verify_evidence()
    shooter.settle(ctx)
    shooter.shot(verify, "kiem-tra-minh-chung")
    verify.close()
    units = window.open_units()
    shooter.shot(units, "danh-muc-don-vi")
    units.close()
    window.actions_.delete_task(view.model.roots[-1].row.id, view.model.roots[-1].row.code)
    shooter.settle(ctx)
    shooter.shot(window, "da-xoa-hoan-tac")
    trash = window.open_trash()
    shooter.shot(trash, "thung-rac")
    trash.close()
    shoot_rollover(window, ctx, shooter)
    window.close()
    return 0


def shoot_rollover(window, ctx, shooter) -> None:
    """Kế hoạch → Tạo kế hoạch năm sau…: the preview (with two deadlines that cannot be moved by themselves),
    the rows to look at, then the new plan shown as a draft."""
    from cchc_desktop.model import TaskInput
    plan_id = ctx.plan_id
    for code, name, deadline in (
            ("43", "Chuyển đổi số theo lộ trình của tỉnh", "Theo lộ trình giai đoạn 2026 - 2030"),
            ("44", "Triển khai Kế hoạch của UBND tỉnh về cải cách hành chính",
             "Theo Kế hoạch số 45/KH-UBND ngày 15/01/2026 của UBND tỉnh")):
        ctx.jobs.run("thêm nhiệm vụ", lambda s, _r, c=code, n=name, d=deadline: s.tasks.add(TaskInput(
            plan_id, "PAR", "VII", n, code=c, deadline_text=d)))
    shooter.settle(ctx)
    window.nav.setCurrentRow(0)
    dialog = window.plan_actions.next_year_plan()
    shooter.settle(ctx)
    dialog.resize(window.width() - 60, window.height() - 60)     # as on the office PC's screen
    shooter.settle(ctx)
    shooter.shot(dialog, "ke-hoach-nam-sau")
    dialog.ui.only_flagged.setChecked(True)
    shooter.shot(dialog, "ke-hoach-nam-sau-can-xem-lai")
    dialog.ui.only_flagged.setChecked(False)
    dialog.ui.create_button.click()
    shooter.settle(ctx)
    shooter.settle(ctx)
    shooter.shot(window, "ke-hoach-nam-sau-du-thao")


def shoot_province_sheet(ctx, shooter, tmp: Path, size: tuple[int, int]) -> None:
    """The province's own sheet with two columns that could be this period's values: the officer picks one."""
    import openpyxl
    from ui.dialogs.stats_dialogs import StatsImportDialog
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Biểu 01b"
    sheet.append(["PHỤ LỤC: SỐ LIỆU KẾT QUẢ CÔNG TÁC CCHC QUÝ I NĂM 2026"])
    sheet.merge_cells("A1:F1")
    sheet.append(["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Kết quả", "Ghi chú"])
    sheet.append(["I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"])
    sheet.merge_cells("A3:F3")
    sheet.append(["1", "Số văn bản chỉ đạo CCHC đã ban hành", "Văn bản", "4", "5", ""])
    sheet.append(["III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH"])
    sheet.merge_cells("A5:F5")
    sheet.append(["4.1", "Số hồ sơ đã tiếp nhận", "Hồ sơ", "1.245", "1.250", ""])
    path = tmp / "bieu-tinh.xlsx"
    book.save(path)
    dialog = StatsImportDialog(ctx, ctx.session.periods.by_key("2026-Y").id, path)
    dialog.resize(size[0] - 60, size[1] - 120)
    dialog.show()
    dialog.start()
    shooter.settle(ctx)
    shooter.shot(dialog, "nhap-bieu-tinh-chon-cot")
    dialog.column.setCurrentIndex(1)
    shooter.settle(ctx)
    shooter.shot(dialog, "nhap-bieu-tinh")
    dialog.reject()


def shoot_unsure_import(window, ctx, shooter, tmp: Path, size: tuple[int, int]) -> None:
    """A plan in a layout the seeds don't have: two-row header, sectors, an unread deadline; and a
    table whose columns can't be read."""
    from tests.support.plan_builder import Cell, write
    rows = [[Cell("STT", rs=2), Cell("Nội dung công việc", rs=2), Cell("Đơn vị thực hiện", cs=2),
             Cell("Thời gian", cs=2)],
            [Cell("Chủ trì"), Cell("Phối hợp"), Cell("Bắt đầu"), Cell("Hoàn thành")],
            [Cell("1"), Cell("CẢI CÁCH THỦ TỤC HÀNH CHÍNH", cs=5)],
            [Cell("I. LĨNH VỰC HỘ TỊCH", cs=6)],
            [Cell("1"), Cell("Rà soát thủ tục đăng ký khai sinh liên thông"), Cell("Công chức Tư pháp - Hộ tịch"),
             Cell("Công an xã"), Cell("Tháng 02/2026"), Cell("Quý II/2026")],
            [Cell("2"), Cell("Số hóa sổ hộ tịch"), Cell("Công chức Tư pháp - Hộ tịch"), Cell(""), Cell(""),
             Cell("Sau đợt cao điểm")],
            [Cell("II. LĨNH VỰC ĐẤT ĐAI", cs=6)],
            [Cell("1"), Cell("Công khai thủ tục đất đai tại Trung tâm"), Cell("Phòng Kinh tế"),
             Cell("Trung tâm Phục vụ hành chính công"), Cell(""), Cell("Thường xuyên")]]
    path = write("docx", tmp / "ke-hoach-nhieu-tang", ["KẾ HOẠCH", "Rà soát thủ tục hành chính năm 2026"], rows)
    importer = window.plan_actions.import_plan_file(path)
    shooter.settle(ctx)
    importer.resize(size[0] - 60, size[1] - 60)
    shooter.shot(importer, "nhap-ke-hoach-o-can-kiem-tra")
    importer.reject()
    odd = [[Cell("Số"), Cell("Việc"), Cell("Ai làm"), Cell("Bao giờ")],
           [Cell("1"), Cell("Rà soát quy chế làm việc"), Cell("Phòng Kinh tế"), Cell("Quý II/2026")]]
    importer = window.plan_actions.import_plan_file(write("xlsx", tmp / "bang-la", ["KẾ HOẠCH CCHC NĂM 2026"], odd))
    shooter.settle(ctx)
    importer.resize(size[0] - 60, size[1] - 60)
    shooter.shot(importer, "nhap-ke-hoach-bang-chua-doc-duoc")
    importer.reject()


def _dialog(kind):
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible())


def shoot_overview(window, ctx, shooter) -> None:
    """The overview's charts: a unit's bar clicked (its overdue tasks listed), the table instead, the page for a
    meeting."""
    from ui.dialogs.report_preview import PreviewDialog
    overview = window.overview
    chart = overview.chart_views[1]
    chart.ensure_laid_out()
    target = next(h.target for h in chart.scene.hits if h.target)
    overview.chart_clicked(target)
    shooter.shot(window, "tong-quan-bam-don-vi-qua-han")
    overview.filter_overdue(None)
    overview.set_mode("table", remember=False)
    shooter.shot(window, "tong-quan-bang")
    overview.set_mode("charts", remember=False)
    overview.print_sheet()
    shooter.settle(ctx)
    preview = _dialog(PreviewDialog)
    shooter.settle(ctx)
    shooter.settle(ctx)
    shooter.shot(preview, "tong-quan-ban-in")
    preview.close()


def shoot_report_charts(window, ctx, shooter, reports) -> None:
    """The periodic report with its appendix of charts (the tick box on "Thông tin văn bản")."""
    from ui.dialogs.report_preview import PreviewDialog
    reports.ui.sections.setCurrentRow(0)
    reports.ui.meta.with_charts.setChecked(True)
    reports.saver.flush()
    shooter.settle(ctx)
    shooter.settle(ctx)
    shooter.shot(window, "bao-cao-chon-phu-luc-bieu-do")
    reports.preview()
    shooter.settle(ctx)
    preview = _dialog(PreviewDialog)
    shooter.settle(ctx)
    preview.ui.scroll.verticalScrollBar().setValue(preview.labels[-1].y())
    shooter.settle(ctx)
    shooter.settle(ctx)
    shooter.shot(preview, "bao-cao-phu-luc-bieu-do")
    preview.close()


def shoot_reports(window, ctx, shooter) -> None:
    from ui.dialogs.report_preview import PreviewDialog
    from ui.dialogs.report_register import IssueDialog, RegisterDialog
    q3 = ctx.session.periods.by_key("2026-Q3")
    reports = window.show_reports("periodic", q3.id)
    shooter.settle(ctx)
    shooter.settle(ctx)
    shooter.shot(window, "bao-cao-thong-tin")
    reports.ui.meta.number.setText("12")
    reports.ui.meta.number.textEdited.emit("12")
    reports.ui.meta.issued_on.set_value(q3.due_on)
    reports.ui.sections.setCurrentRow(next(i for i in range(reports.ui.sections.count())
                                           if reports.ui.sections.item(i).data(256) == "III.2"))
    reports.ui.editor.text.setPlainText("- Còn 2 nhiệm vụ chậm tiến độ (chi tiết tại Phụ lục I).\n"
                                        "- Nguyên nhân: kinh phí phân bổ muộn; một số đơn vị chưa chủ động.")
    reports.saver.flush()
    shooter.settle(ctx)
    shooter.settle(ctx)
    shooter.settle(ctx)
    shooter.shot(window, "bao-cao-sua-muc")
    reports.preview()
    shooter.settle(ctx)
    preview = _dialog(PreviewDialog)
    shooter.settle(ctx)
    shooter.settle(ctx)
    shooter.shot(preview, "bao-cao-xem-truoc")
    preview.ui.zoom.setCurrentIndex(preview.ui.zoom.count() - 1)     # the largest zoom: the first page's top
    shooter.settle(ctx)
    shooter.settle(ctx)
    preview.ui.scroll.verticalScrollBar().setValue(int(preview.labels[0].height() * 0.28))
    preview.ui.scroll.horizontalScrollBar().setValue(preview.labels[0].x() + int(preview.labels[0].width() * 0.12))
    shooter.settle(ctx)
    shooter.settle(ctx)
    shooter.shot(preview, "bao-cao-so-lieu-tinh-den-ngay")
    preview.ui.zoom.setCurrentIndex(0)
    shooter.settle(ctx)
    shooter.settle(ctx)
    preview.ui.scroll.verticalScrollBar().setValue(preview.labels[-5].y())
    shooter.settle(ctx)
    shooter.settle(ctx)
    shooter.shot(preview, "bao-cao-xem-truoc-phu-luc")
    preview.close()
    shoot_report_charts(window, ctx, shooter, reports)
    reports.issue()
    shooter.settle(ctx)
    issue = _dialog(IssueDialog)
    shooter.shot(issue, "ban-hanh")
    issue.confirm()
    shooter.settle(ctx)
    shooter.settle(ctx)
    register = _dialog(RegisterDialog)
    shooter.settle(ctx)
    shooter.shot(register, "so-van-ban")
    register.close()
    reports.show_document("overdue")
    shooter.settle(ctx)
    shooter.shot(window, "thong-bao-qua-han")


def shoot_assessment(window, ctx, shooter, tmp: Path) -> None:
    """The "Chỉ số CCHC" page: the empty year, the preview of a criteria sheet, the sample set with some values,
    the rule dialog, the picker of task evidence, and the closed assessment with the province's scores."""
    from cchc_desktop.resources import resource_path
    from ui.assessment_model import COL_VALUE, SAMPLE_FILE
    from ui.dialogs.assessment_dialogs import CriteriaPreviewDialog, LinkEvidenceDialog
    from ui.pages import ASSESSMENT
    page = window.show_page(ASSESSMENT)
    shooter.settle(ctx)
    page.show_year(2027)                  # the demo scores 2026 on the sample set; 2027 has nothing yet
    shooter.settle(ctx)
    shooter.shot(window, "chi-so-chua-co")
    page.read_sheet(resource_path("samples", SAMPLE_FILE))
    shooter.settle(ctx)
    preview = _dialog(CriteriaPreviewDialog)
    preview.resize(shooter.size[0] - 60, shooter.size[1] - 60)
    shooter.settle(ctx)
    shooter.shot(preview, "chi-so-xem-truoc")
    from PySide6.QtWidgets import QAbstractItemView
    preview.ui.tree.scrollToItem(preview.ui.tree.topLevelItem(5), QAbstractItemView.ScrollHint.PositionAtTop)
    shooter.shot(preview, "chi-so-xem-truoc-can-kiem-tra")
    preview.reject()
    page.show_year(2026)
    shooter.settle(ctx)
    for code, value in (("I.1.1", "Ban hành kịp thời"), ("I.1.2", "95"), ("I.2", "Đủ số lượng, đúng thời hạn"),
                        ("I.4", "KAD"), ("II.1.1", "có"), ("II.1.2", "96"), ("III.1", "1"), ("III.2.1", "96,5"),
                        ("III.2.2", "9/10"), ("V.2", "4")):
        page.model.setData(page.model.index_of(code, COL_VALUE), value)
        shooter.settle(ctx)
    evidence = tmp / "Tệp chỉ số"
    evidence.mkdir()
    files = []
    for name in ("01-KH-UBND ngay 20-12-2025.pdf", "Quyet dinh 12-QD-UBND.pdf"):
        (evidence / name).write_bytes(os.urandom(2048))
        files.append(evidence / name)
    page.select("I.1.1")
    page.attach(files)
    shooter.settle(ctx)
    page.select("III.2.1")
    page.ui.panel.explanation.setPlainText("Số liệu theo sổ theo dõi hồ sơ của Bộ phận Một cửa; bản chụp sổ nộp kèm.")
    page.flush()
    shooter.settle(ctx)
    page.select("I.1.1")
    shooter.settle(ctx)
    shooter.shot(window, "chi-so-tu-cham")
    page.select("III.2.1")
    tree = page.ui.tree
    tree.edit(page.model.index_of("III.2.1", COL_VALUE))
    shooter.shot(window, "chi-so-sua-gia-tri")
    tree.closePersistentEditor(page.model.index_of("III.2.1", COL_VALUE))
    tree.setFocus()
    page.select("I.2")
    tree.edit(page.model.index_of("I.2", COL_VALUE))
    shooter.settle(ctx)
    shooter.shot(window, "chi-so-chon-muc")
    tree.setFocus()
    page.select("VI.1")
    shooter.settle(ctx)
    rule = page.edit_rule()
    shooter.shot(rule, "chi-so-cach-cham")
    rule.ui.kind.setCurrentIndex(rule.ui.kind.findData("bands"))
    rule.ui.text.setPlainText("Công khai đầy đủ 4 quý: 3 điểm; công khai 2–3 quý: 1,5 điểm; không công khai: 0")
    rule.update_preview()
    shooter.shot(rule, "chi-so-cach-cham-chua-hieu")
    rule.reject()
    page.select("I.3")
    page.link_task_evidence()
    shooter.settle(ctx)
    link = _dialog(LinkEvidenceDialog)
    link.resize(min(980, shooter.size[0] - 60), shooter.size[1] - 160)
    shooter.settle(ctx)
    shooter.shot(link, "chi-so-tai-lieu-nhiem-vu")
    link.reject()
    for item in ctx.session.assessment.view(2026).missing_explanations:
        ctx.jobs.run("giải trình", lambda s, _r, c=item.code: s.assessment.explain(2026, c, "Bản giấy lưu tại văn thư."))
    shooter.settle(ctx)
    ctx.jobs.run("chốt", lambda s, _r: s.assessment.close(2026))
    shooter.settle(ctx)
    for code, score, note in (("I.1.1", 1, ""), ("III.2.1", 2, "Sổ theo dõi chưa đủ"), ("II.1.2", 3, "")):
        ctx.jobs.run("thẩm định", lambda s, _r, c=code, p=score, n=note: s.assessment.set_province_score(2026, c, p, n))
    shooter.settle(ctx)
    page.select("III.2.1")
    shooter.settle(ctx)
    shooter.shot(window, "chi-so-da-chot")


def shoot_data_safety(window, ctx, shooter, tmp: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    from datetime import datetime, timedelta

    from cchc_desktop.safety import snapshots
    from cchc_desktop.workspace import Workspace
    from ui.context import AppContext
    from ui.main_window import MainWindow
    for hours in (30, 6):
        snapshots.take(ctx.workspace, "ngay", datetime.now().replace(microsecond=0) - timedelta(hours=hours))
    dialog = window.data_actions.open_snapshots()
    shooter.shot(dialog, "ban-sao-tu-dong")
    dialog.close()
    window.data_actions.check_all()
    shooter.settle(ctx)
    box = _dialog(QMessageBox)
    shooter.shot(box, "kiem-tra-du-lieu")
    box.close()
    viewer_ws = Workspace(ctx.workspace.data_dir, read_only=True)
    viewer_ws.prepare()
    viewer = MainWindow(AppContext(viewer_ws, ctx.clock))
    viewer.resize(*shooter.size)
    viewer.show()
    viewer.after_start(None)
    shooter.settle(viewer.ctx)
    shooter.shot(viewer, "che-do-chi-xem")
    viewer.close()


if __name__ == "__main__":
    sys.exit(main())
