"""``--self-test``: prove on this computer that everything the program needs works, in a temporary
data folder (the officer's data is never touched). Exit 0 only when every step passed.

The steps: a fresh database and an old one upgraded; the demo data; importing the bundled sample
plan; a statistics form with a computed ratio; a report as PDF (fonts found and embedded), DOCX and
XLSX; an evidence file stored and read back; the self-assessment scored and its evidence package; a backup
and its restore. The window adds a step that
starts Qt (see ``ui.selftest``).
"""
from __future__ import annotations

import io
import re
import sqlite3
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path

from cchc_desktop.i18n import format_number, tr
from cchc_desktop.workspace import Clock, Workspace
from db.fs import force_delete

TODAY = date(2026, 11, 25)
Step = tuple[str, Callable[["Context"], str]]


class Context:
    def __init__(self, folder: Path):
        self.folder = folder
        self.workspace = Workspace(folder / "dữ liệu thử")
        self.session = None
        self.plan_id: int | None = None

    def open(self):
        if self.session is None:
            self.workspace.prepare()
            self.session = self.workspace.session(Clock(TODAY))
        return self.session

    def close(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None


def _migrations(ctx: Context) -> str:
    from db.migrate import LATEST_VERSION, migrate
    from db.migrations import MIGRATIONS
    old = Workspace(ctx.folder / "bản cũ")
    old.data_dir.mkdir(parents=True)
    conn = sqlite3.connect(str(old.db_path))
    migrate(conn, backup_dir=None, migrations=MIGRATIONS[:1])
    conn.close()
    old.prepare()
    assert old.migration_backup is not None, "no backup before the upgrade"
    ctx.open()
    version = ctx.session.one("PRAGMA user_version")[0]
    assert version == LATEST_VERSION, f"schema {version}"
    return tr("lược đồ {v}; dữ liệu cũ được sao lưu rồi nâng cấp", v=version)


def _demo(ctx: Context) -> str:
    from cchc_desktop.services.demo import DemoLoader
    ctx.plan_id, _ = DemoLoader(ctx.open()).load()
    count = len(ctx.session.tasks.rows(ctx.plan_id))
    assert count == 42, f"{count} tasks"
    return tr("{n} nhiệm vụ", n=count)


def _import(ctx: Context) -> str:
    from cchc_desktop.resources import resource_path
    session = ctx.open()
    preview = session.plan_import.preview(resource_path("samples", "ke-hoach-cchc-xa-hoang-son-2026.docx"))
    assert preview.tasks, "no task read"
    result = session.plan_import.apply(preview)
    return tr("{n} nhiệm vụ từ tệp Word mẫu", n=result.added)


def _statistics(ctx: Context) -> str:
    session = ctx.open()
    period = session.periods.by_key("2026-Y")
    if period.closed:
        session.statistics.reopen(period, tr("Tự kiểm tra"))
    session.statistics.set_many(period, {"III.4.1": "200", "III.4.2": "180", "III.4.3": "171"})
    ratio = session.statistics.form(period).cells["III.4.4"].value
    assert ratio is not None and abs(ratio - 95.0) < 1e-6, f"ratio {ratio}"
    return tr("tỷ lệ đúng hạn tự tính = {v} %", v=format_number(ratio))


def _rollover(ctx: Context) -> str:
    session = ctx.open()
    preview = session.rollover.preview(ctx.plan_id)
    result = session.rollover.apply(preview)
    plan = session.plans.get(result.plan_id)
    assert plan.draft and plan.year == preview.year, "not a draft of next year"
    assert session.statistics.default_plan_id(plan.year) is None, "a draft counted"
    assert len(session.periods.list(plan.year)) == 4, "no calendar"
    return tr("{n} nhiệm vụ sang năm {y} (Dự thảo), lịch báo cáo {k} kỳ", n=result.tasks, y=plan.year,
              k=len(session.periods.list(plan.year)))


def _report(fmt: str) -> Callable[[Context], str]:
    def step(ctx: Context) -> str:
        session = ctx.open()
        period = session.periods.by_key("2026-Q1").id
        data, _built = session.reports.render(ctx.plan_id, "periodic", period, fmt)
        (ctx.folder / f"bao-cao.{fmt}").write_bytes(data)
        return {"pdf": _check_pdf, "docx": _check_docx, "xlsx": _check_xlsx}[fmt](data)
    return step


def _charts(ctx: Context) -> str:
    """The overview's charts: described from the data, on one PDF page, and as a picture for Word and Excel."""
    from cchc_desktop.charts.drawing import chart_png
    session = ctx.open()
    charts = session.overview.charts(ctx.plan_id)
    assert [c.key for c in charts] == ["completion", "overdue", "indicators"] and charts[0].bars, "no chart"
    sheet = session.overview.sheet_pdf(ctx.plan_id)
    (ctx.folder / "tong-quan.pdf").write_bytes(sheet)
    _check_pdf(sheet)
    png = chart_png(charts[0], 468, 200, 10)
    assert png.startswith(b"\x89PNG"), "no picture"
    return tr("{n} cột tiến độ; trang in {k} KB; hình {p} KB", n=len(charts[0].bars), k=len(sheet) // 1024,
              p=len(png) // 1024)


def _check_pdf(data: bytes) -> str:
    from cchc_desktop.reports.fonts import document_fonts
    assert data.startswith(b"%PDF-"), "not a PDF"
    fonts = set(re.findall(rb"/BaseFont\s*/([A-Za-z0-9+\-]+)", data))
    assert fonts, "no font"
    embedded = len(re.findall(rb"/FontFile2", data))
    assert embedded >= len(fonts), f"{len(fonts)} fonts, {embedded} embedded"
    return tr("{k} KB, phông {f} nhúng ({n} kiểu chữ)", k=len(data) // 1024, f=document_fonts().family, n=embedded)


def _check_docx(data: bytes) -> str:
    import docx
    word = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "BÁO CÁO" in text, "title missing"
    return tr("{k} KB, {n} đoạn, {t} bảng", k=len(data) // 1024, n=len(word.paragraphs), t=len(word.tables))


def _check_xlsx(data: bytes) -> str:
    import openpyxl
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames, "no sheet"
    return tr("{k} KB, trang tính: {s}", k=len(data) // 1024, s=", ".join(book.sheetnames))


def _read_pdf(ctx: Context) -> str:
    """The PDF reader and its data files (pdfminer's character maps) are in the bundle: the
    periodic report just printed is read back, and its task appendix is found."""
    session = ctx.open()
    preview = session.plan_import.preview(ctx.folder / "bao-cao.pdf")
    count = len(session.tasks.rows(ctx.plan_id))
    assert len(preview.tasks) == count, f"{len(preview.tasks)} of {count} tasks"
    return tr("{n} nhiệm vụ đọc lại từ phụ lục của báo cáo PDF", n=len(preview.tasks))


def _evidence(ctx: Context) -> str:
    session = ctx.open()
    original = ctx.folder / "Biên bản kiểm tra 12-BB-UBND ngày 05-03-2026.pdf"
    original.write_bytes(b"%PDF-1.4\n% tu kiem tra\n" + bytes(range(256)) * 64)
    task = session.tasks.rows(ctx.plan_id)[0].id
    added = session.evidence.attach(task, [original]).added
    item = session.evidence.get(added[0])
    assert item.doc_number == "12/BB-UBND", f"number {item.doc_number!r}"
    copy = session.evidence.view_path(item.id)
    assert copy.read_bytes() == original.read_bytes(), "the stored copy differs"
    assert session.evidence.verify().ok, "verify failed"
    return tr("lưu theo SHA-256 {sha}…, đọc lại đúng từng byte", sha=item.sha256[:12])


def _assessment(ctx: Context) -> str:
    """The demo's sample criteria set: a band, a ratio and a deduction scored; the evidence package written
    and its files read back against their SHA-256."""
    import hashlib
    import zipfile
    from cchc_desktop.assessment.package import write_package
    session = ctx.open()
    service = session.assessment
    service.set_values(2026, {"II.1.2": "96", "I.4": "3/4", "III.1": "3"})
    view = service.view(2026)
    scores = [view.item(code).score for code in ("II.1.2", "I.4", "III.1")]
    assert scores == [2, 1.5, 2.5], f"scores {scores}"
    for item in view.missing_explanations:
        service.explain(2026, item.code, tr("Tự kiểm tra"))
    result = write_package(session, 2026, ctx.folder / "goi-minh-chung.zip")
    with zipfile.ZipFile(result.path) as package:
        for item in service.evidence.list(2026):
            name = next(n for n in package.namelist() if n.startswith(item.code + " "))
            assert hashlib.sha256(package.read(name)).hexdigest() == item.sha256, f"{name} differs"
    return tr("{s}/{m} điểm tự chấm; gói {n} tệp kiểm chứng", s=format_number(service.view(2026).totals.self_total),
              m=format_number(view.totals.max_self), n=result.files)


def _backup(ctx: Context) -> str:
    from cchc_desktop.safety import archive, integrity
    session = ctx.open()
    tasks = len(session.tasks.rows(ctx.plan_id))
    made = archive.create(ctx.workspace, ctx.folder / "USB" / "SaoLuu.zip")
    target = Workspace(ctx.folder / "máy khác")
    archive.stage(target, made.path)
    archive.apply(target)
    target.prepare()
    report = integrity.check(target)
    assert report.ok, "; ".join(report.messages())
    with target.session(Clock(TODAY)) as restored:
        plan = restored.plans.get(ctx.plan_id)
        assert len(restored.tasks.rows(plan.id)) == tasks, "tasks differ after restore"
    return tr("{n} tệp, {k} KB; khôi phục sang thư mục khác và kiểm tra toàn vẹn", n=made.files, k=made.size // 1024)


CORE_STEPS: list[Step] = [
    (tr("Cơ sở dữ liệu mới và nâng cấp dữ liệu cũ"), _migrations),
    (tr("Dữ liệu mẫu"), _demo),
    (tr("Nhập kế hoạch mẫu"), _import),
    (tr("Biểu thống kê có tỷ lệ tự tính"), _statistics),
    (tr("Báo cáo PDF"), _report("pdf")),
    (tr("Đọc bảng từ tệp PDF"), _read_pdf),
    (tr("Báo cáo Word"), _report("docx")),
    (tr("Báo cáo Excel"), _report("xlsx")),
    (tr("Biểu đồ"), _charts),
    (tr("Tài liệu kiểm chứng"), _evidence),
    (tr("Tự đánh giá Chỉ số CCHC"), _assessment),
    (tr("Kế hoạch năm sau"), _rollover),
    (tr("Sao lưu và khôi phục"), _backup),
]


def run(extra: list[Step] | None = None, out: Callable[[str], None] = print, keep: bool = False) -> bool:
    folder = Path(tempfile.mkdtemp(prefix="cchc-tu-kiem-tra-"))
    ctx = Context(folder)
    passed = True
    out(tr("Tự kiểm tra CCHC Desktop (thư mục tạm {f})", f=folder))
    try:
        for name, step in [*CORE_STEPS, *(extra or [])]:
            start = time.perf_counter()
            try:
                detail = step(ctx)
            except Exception as exc:  # every failure is reported, then the next step still runs
                passed = False
                out(tr("  LỖI  {name}: {why}", name=name, why=str(exc) or type(exc).__name__))
                out(traceback.format_exc(limit=3))
                continue
            out(tr("  ĐẠT  {name} — {detail} ({s} giây)", name=name, detail=detail,
                   s=format_number(round(time.perf_counter() - start, 2))))
    finally:
        ctx.close()
        if not keep:
            try:
                force_delete(folder)
            except OSError as exc:
                out(tr("  (Chưa xóa được thư mục thử {d}: {why}; có thể xóa tay.)", d=folder, why=exc))
    out(tr("Kết quả: mọi phần đều chạy tốt.") if passed else tr("Kết quả: có phần KHÔNG chạy được (xem ở trên)."))
    return passed
