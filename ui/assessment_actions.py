"""What the "Chỉ số CCHC" page does beyond showing: starting a year (the province's sheet, the sample set, last
year's), editing a rule, evidence, closing and reopening, the cut-off date, and the outputs — each through the
background helper, refusals shown as the program's standard message."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QInputDialog

from cchc_desktop.assessment.scoring import parse_bands
from cchc_desktop.errors import ValidationError
from cchc_desktop.file_names import document_file_name, slug
from cchc_desktop.i18n import format_number, tr
from ui import widgets
from ui.assessment_model import SAMPLE_FILE, evidence_of
from ui.dialogs.assessment_dialogs import CRITERIA_FILTER
from ui.dialogs.evidence_dialogs import EVIDENCE_FILTER
from ui.errors import show_error
from ui.file_dialogs import ask_open, ask_open_many, ask_save


class AssessmentActions:
    """Mixed into ``AssessmentPage``: the handlers of its buttons and menus."""

    # ------------------------------------------------------------------ starting a year

    def choose_sheet(self) -> None:
        path = ask_open(self, self.ctx, tr("Chọn bộ chỉ số CCHC cấp xã của tỉnh"), tr(CRITERIA_FILTER))
        if path is not None:
            self.read_sheet(path)

    def read_sheet(self, path: Path) -> None:
        """Read ``path`` off the GUI thread, then show what was understood before loading it."""
        year = self.year
        self.ctx.jobs.run(tr("Đang đọc bộ chỉ số…"), lambda s, _r: s.assessment.read_sheet(path),
                          on_success=lambda sheet: self.preview_sheet(year, path, sheet), parent=self, progress=True)

    def preview_sheet(self, year: int, path: Path, sheet):
        from ui.dialogs.assessment_dialogs import CriteriaPreviewDialog
        dialog = CriteriaPreviewDialog(self.ctx, year, path, sheet, self, replacing=self.view is not None)
        dialog.loaded.connect(self._loaded)
        dialog.open()
        return dialog

    def _loaded(self, result) -> None:
        if result.dropped_values:
            self.ctx.message.emit(tr("Đã nạp bộ chỉ số lần {v}; {n} giá trị đã khai phải khai lại vì tiêu chí đổi "
                                     "cách chấm: {codes}.", v=result.version, n=len(result.dropped_values),
                                     codes=", ".join(result.dropped_values)))
        else:
            self.ctx.message.emit(tr("Đã nạp bộ chỉ số ({n} tiêu chí chấm điểm).", n=len(result.sheet.leaves)))

    def use_sample(self) -> None:
        from cchc_desktop.resources import resource_path
        path, year = resource_path("samples", SAMPLE_FILE), self.year
        self.ctx.jobs.run(tr("Đang nạp bộ chỉ số mẫu…"), lambda s, _r: s.assessment.load(year, path, sample=True),
                          on_success=self._loaded, parent=self, progress=True)

    def start_from_previous(self) -> None:
        previous, year = self.ui.start_button.property("from_year"), self.year
        if previous is None:
            return
        self.ctx.jobs.run(tr("Đang chép bộ chỉ số năm {y}…", y=previous),
                          lambda s, _r: s.assessment.start_from(year, int(previous)),
                          on_success=lambda _r: self.ctx.message.emit(
                              tr("Đã tạo bản tự đánh giá năm {year} từ bộ chỉ số năm {y}; hãy đối chiếu với bộ chỉ "
                                 "số mới của tỉnh.", year=year, y=previous)), parent=self)

    # ------------------------------------------------------------------ rules

    def edit_rule(self):
        item = self.current_item()
        if item is None or not item.is_leaf or self.view is None:
            return None
        from ui.dialogs.assessment_dialogs import RuleDialog
        self.saver.flush()
        dialog = RuleDialog(self.ctx, self.year, item, self.view.criteria_set.na_default, self)
        dialog.open()
        return dialog

    # ------------------------------------------------------------------ evidence

    def choose_files(self) -> None:
        if self.current_item() is None:
            return
        paths = ask_open_many(self, self.ctx, tr("Chọn tài liệu kiểm chứng"), tr(EVIDENCE_FILTER))
        if paths:
            self.attach(paths)

    def attach(self, paths: list[Path]) -> None:
        item = self.current_item()
        if item is None or not item.is_leaf or not paths:
            return
        year, code = self.year, item.code

        def work(s, report):
            return s.assessment.evidence.add(year, code, paths, progress=lambda done, total: report(done, total))
        self.ctx.jobs.run(tr("Đang chép {n} tệp vào kho minh chứng…", n=len(paths)), work,
                          on_success=lambda added: self.ctx.message.emit(
                              tr("Đã đính kèm {n} tệp cho tiêu chí {code}.", n=len(added), code=code)),
                          parent=self, progress=True, cancellable=True)

    def link_task_evidence(self) -> None:
        item = self.current_item()
        if item is None or not item.is_leaf:
            return
        from ui.dialogs.assessment_dialogs import LinkEvidenceDialog
        year, code, name = self.year, item.code, item.criterion.name

        def pick(found) -> None:
            LinkEvidenceDialog(self.ctx, year, code, name, found, self).open()
        self.ctx.jobs.run(tr("Đang tìm tài liệu của các nhiệm vụ…"), lambda s, _r: evidence_of(s, year, code),
                          on_success=pick, parent=self)

    def _selected_evidence(self) -> int | None:
        chosen = self.ui.panel.evidence.selectedItems()
        return chosen[0].data(Qt.ItemDataRole.UserRole) if chosen else None

    def open_evidence(self) -> None:
        evidence_id = self._selected_evidence()
        if evidence_id is None:
            return
        # A read-only copy goes to the viewer, so editing it can never change the evidence.
        self.ctx.jobs.run(tr("Mở tệp"), lambda s, _r: s.assessment.evidence.view_path(evidence_id),
                          on_success=lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))),
                          parent=self)

    def remove_evidence(self) -> None:
        evidence_id = self._selected_evidence()
        if evidence_id is None:
            return
        name = self.ui.panel.evidence.selectedItems()[0].text().split(" — ")[0]
        if widgets.confirm(self, tr("Gỡ tài liệu kiểm chứng"),
                           tr("Gỡ tệp “{name}” khỏi tiêu chí {code}?", name=name, code=self.code), tr("Gỡ"),
                           tr("Tệp vẫn nằm trong kho minh chứng (và ở nhiệm vụ, nếu là tài liệu của nhiệm vụ).")):
            self.ctx.jobs.run(tr("Gỡ tài liệu"), lambda s, _r: s.assessment.evidence.remove(evidence_id), parent=self)

    # ------------------------------------------------------------------ closing

    def close_or_reopen(self) -> None:
        if self.view is None:
            return
        self.saver.flush()
        year = self.year
        if self.view.assessment.closed:
            reason, ok = self._ask(tr("Mở lại bản tự đánh giá"), tr("Lý do mở lại (sẽ ghi vào lịch sử):"))
            if not ok:
                return
            self.ctx.jobs.run(tr("Mở lại bản tự đánh giá"), lambda s, _r: s.assessment.reopen(year, reason),
                              parent=self)
            return
        missing = self.view.missing_explanations
        if missing:
            self.select(missing[0].code, explain=True)
        elif not widgets.confirm(self, tr("Chốt bản tự đánh giá"),
                                 tr("Chốt bản tự đánh giá năm {year}? Sau khi chốt, giá trị, minh chứng và giải trình "
                                    "bị khóa; số liệu lấy từ biểu thống kê giữ nguyên như lúc chốt.", year=year),
                                 tr("Chốt"),
                                 tr("Còn {n} tiêu chí chưa khai.", n=len(self.view.unscored))
                                 if self.view.unscored else ""):
            return
        self.ctx.jobs.run(tr("Chốt bản tự đánh giá"), lambda s, _r: s.assessment.close(year), parent=self)

    def _ask(self, title: str, label: str, text: str = "", ok_text: str = "Mở lại") -> tuple[str, bool]:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextValue(text)
        dialog.setOkButtonText(tr(ok_text))
        dialog.setCancelButtonText(tr("Hủy"))
        ok = dialog.exec() == QInputDialog.DialogCode.Accepted
        return dialog.textValue(), ok

    def change_bands(self) -> None:
        """The rating bands, typed as the province writes them: "Tốt=80; Khá=70; Trung bình=60; Thấp=0"."""
        if self.view is None:
            return
        current = "; ".join(f"{name}={format_number(low)}" for name, low in self.view.criteria_set.bands)
        text, ok = self._ask(tr("Các mức xếp loại"), tr("Tên mức = tỷ lệ thấp nhất (%), cách nhau bằng dấu chấm phẩy:"),
                             current, "Lưu")
        if not ok:
            return
        try:
            bands = parse_bands(text)
        except ValueError as exc:
            show_error(self, ValidationError(str(exc)))
            return
        year = self.year
        self.ctx.jobs.run(tr("Lưu các mức xếp loại"), lambda s, _r: s.assessment.set_bands(year, bands), parent=self)

    def change_cutoff(self):
        if self.view is None:
            return None
        from ui.dialogs.assessment_dialogs import CutoffDialog
        dialog = CutoffDialog(self.ctx, self.year, self.view.assessment.cutoff_on, self)
        dialog.open()
        return dialog

    # ------------------------------------------------------------------ output

    def _save_as(self, title: str, name: str, filters: str, suffix: str) -> Path | None:
        self.saver.flush()
        return ask_save(self, self.ctx, title, name, filters, suffix)

    def _write(self, label: str, work) -> None:
        self.ctx.jobs.run(label, work, on_success=lambda path: self.ctx.message.emit(tr("Đã lưu {path}.", path=path)),
                          parent=self, progress=True)

    def export_report(self, fmt: str) -> None:
        if self.view is None:
            return
        filters = {"pdf": "PDF (*.pdf)", "docx": "Word (*.docx)", "xlsx": tr("Bảng tính Excel (*.xlsx)")}[fmt]
        name = document_file_name("BC", "", tr("tự đánh giá Chỉ số CCHC năm {y}", y=self.year), fmt)
        path = self._save_as(tr("Lưu báo cáo tự đánh giá"), name, filters, fmt)
        if path is None:
            return
        year = self.year

        def work(s, _report):
            from cchc_desktop.reports.assessment import write_assessment_report
            return write_assessment_report(s, year, fmt, path)
        self._write(tr("Đang viết báo cáo tự đánh giá…"), work)

    def export_province_layout(self) -> None:
        if self.view is None:
            return
        name = f"{slug(tr('Tự chấm điểm Chỉ số CCHC năm {y}', y=self.year))}.xlsx"
        path = self._save_as(tr("Lưu bảng chấm điểm theo mẫu của tỉnh"), name, tr("Bảng tính Excel (*.xlsx)"), "xlsx")
        if path is None:
            return
        year = self.year

        def work(s, _report):
            from cchc_desktop.exporters.criteria_xlsx import write_province_layout
            return write_province_layout(s, year, path)
        self._write(tr("Đang ghi bảng chấm điểm…"), work)

    def export_package(self) -> None:
        if self.view is None:
            return
        name = f"{slug(tr('Minh chứng Chỉ số CCHC năm {y}', y=self.year))}.zip"
        path = self._save_as(tr("Lưu gói tài liệu kiểm chứng"), name, tr("Tệp nén (*.zip)"), "zip")
        if path is None:
            return
        year = self.year

        def work(s, report):
            from cchc_desktop.assessment.package import write_package
            write_package(s, year, path, progress=lambda done, total, *_a: report(done, total))
            return path
        self._write(tr("Đang đóng gói tài liệu kiểm chứng…"), work)

    def export_criteria(self) -> None:
        if self.view is None:
            return
        name = f"{slug(tr('Bộ chỉ số CCHC cấp xã năm {y}', y=self.year))}.xlsx"
        path = self._save_as(tr("Xuất bộ chỉ số ra Excel"), name, tr("Bảng tính Excel (*.xlsx)"), "xlsx")
        if path is None:
            return
        year = self.year

        def work(s, _report):
            from cchc_desktop.exporters.criteria_xlsx import write_criteria
            return write_criteria(s, year, path)
        self._write(tr("Đang xuất bộ chỉ số…"), work)
