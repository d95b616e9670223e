"""``ReportBuilder``: from a gathered context to a document, and from a document to file bytes.

The writers import reportlab, python-docx or openpyxl only when a file of that kind is asked for.
"""
from __future__ import annotations

from dataclasses import dataclass

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import tr
from cchc_desktop.reports import kinds
from cchc_desktop.reports.context import ReportContext
from cchc_desktop.reports.document import Document
from cchc_desktop.reports.sections import Problem, Section


@dataclass
class Built:
    document: Document
    problems: list[Problem]
    context: ReportContext


class ReportBuilder:
    def build(self, ctx: ReportContext) -> Built:
        if ctx.draft.kind == kinds.PERIODIC:
            from cchc_desktop.reports.periodic import build_periodic as build
        else:
            from cchc_desktop.reports import listings
            build = {kinds.TASKS: listings.build_tasks, kinds.EVIDENCE: listings.build_evidence,
                     kinds.OVERDUE: listings.build_overdue}[ctx.draft.kind]
        document, problems = build(ctx)
        if ctx.plan.draft:      # a report on a draft plan says so where it is read, and is not issued
            document.subject.append(tr("(Theo kế hoạch DỰ THẢO năm {y}, chưa ban hành)", y=ctx.plan.year))
            problems.insert(0, Problem(tr("Kế hoạch"), tr(
                "Kế hoạch năm {y} còn là bản Dự thảo: văn bản ghi “Dự thảo” và chưa ban hành được; biểu thống kê "
                "(Phụ lục II) không tính bản dự thảo. Hãy ghi số, ký hiệu và ngày ban hành cho kế hoạch.",
                y=ctx.plan.year), True))
        if not (ctx.profile.commune or "").strip():
            problems.insert(0, Problem(tr("Thông tin văn bản"), tr("Chưa có tên xã: tiêu đề văn bản ghi “XÃ (CHƯA NHẬP TÊN)”. "
                                                                   "Hãy vào Danh mục → Thông tin xã."), True))
        return Built(document, problems, ctx)

    def sections(self, ctx: ReportContext) -> list[Section]:
        """The sections the officer can edit, in print order."""
        if ctx.draft.kind == kinds.PERIODIC:
            from cchc_desktop.reports.periodic import sections
            return sections(ctx)
        from cchc_desktop.reports.listings import sections_for
        return sections_for(ctx.draft.kind, ctx)

    def render(self, document: Document, fmt: str) -> bytes:
        """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        if fmt == "pdf":
            from cchc_desktop.reports.pdf import render_pdf as render
        elif fmt == "docx":
            from cchc_desktop.reports.word import render_docx as render
        elif fmt == "xlsx":
            from cchc_desktop.reports.excel import render_xlsx as render
        else:
            raise ValidationError(tr("Định dạng “{fmt}” không được hỗ trợ; hãy chọn pdf, docx hoặc xlsx.", fmt=fmt))
        return render(document)
