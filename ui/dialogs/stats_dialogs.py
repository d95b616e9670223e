"""Dialogs of the statistics form: the reporting calendar, the indicator catalog and its
rules, an Excel import preview with conflicts, and one value's history."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFormLayout, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPushButton, QTableWidgetItem, QVBoxLayout, QWidget)

from cchc_desktop.i18n import format_date, tr
from cchc_desktop.services.periods import PRESETS, STATUS_LABELS
from cchc_desktop.statistics.form import KIND_LABELS as INDICATOR_KINDS
from cchc_desktop.statistics.form import KINDS
from ui.dialogs.base import FormDialog
from ui.dialogs.history_table import HistoryTable
from ui.errors import show_error
from ui.widgets import ColumnSharer, DateField, ErrorLabel, close_buttons, read_only_table
from ui.geometry import fit
from ui.file_dialogs import ask_open


class ValueHistoryDialog(QDialog):
    def __init__(self, ctx, period_id: int, code: str, parent: QWidget | None = None):
        super().__init__(parent)
        stats = ctx.session.statistics
        period = ctx.session.periods.get(period_id)
        indicator = stats.indicator(period.year, code)
        self.setWindowTitle(tr("Lịch sử số liệu {code}", code=code))
        layout = QVBoxLayout(self)
        title = QLabel(tr("<b>{code}. {name}</b> — {period}", code=code, name=indicator.name, period=period.label))
        title.setWordWrap(True)
        layout.addWidget(title)
        self.table = HistoryTable()
        self.table.set_entries(stats.history(period, code))
        layout.addWidget(self.table, 1)
        layout.addWidget(close_buttons(self))
        fit(self, 760, 360)


class PeriodEditDialog(FormDialog):
    def __init__(self, ctx, period_id: int, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.period_id = period_id
        period = ctx.session.periods.get(period_id)
        self.setWindowTitle(tr("Sửa lịch {label}", label=period.label))
        outer = QVBoxLayout(self)
        form = QFormLayout()
        self.start, self.end, self.due = (DateField(allow_blank=False) for _ in range(3))
        self.start.set_value(period.start_on)
        self.end.set_value(period.end_on)
        self.due.set_value(period.due_on)
        form.addRow(tr("Chốt số liệu từ ngày:"), self.start)
        form.addRow(tr("đến ngày:"), self.end)
        form.addRow(tr("Hạn gửi báo cáo:"), self.due)
        outer.addLayout(form)
        outer.addWidget(self.error)
        outer.addWidget(self.buttons)
        self.field_widgets = {"start_on": self.start, "due_on": self.due}

    def on_save(self) -> None:
        period_id, start, end, due = self.period_id, self.start.value(), self.end.value(), self.due.value()
        self.submit(tr("Lưu lịch báo cáo"), lambda s, _r: s.periods.update(period_id, start, end, due),
                    lambda _none: self.ctx.changed_stats())


class CalendarDialog(QDialog):
    """The year's reporting periods: cut-off windows, due dates, status, and the presets."""

    HEADERS = ("Kỳ báo cáo", "Chốt số liệu từ", "đến", "Hạn gửi báo cáo", "Trạng thái", "Thời hạn")

    def __init__(self, ctx, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.year = ctx, year
        self.setWindowTitle(tr("Lịch báo cáo năm {year}", year=year))
        layout = QVBoxLayout(self)
        self.table = read_only_table(self.HEADERS, "calendarTable")
        self.table.doubleClicked.connect(self.edit_selected)
        layout.addWidget(self.table, 1)
        hint = QLabel(tr("Nhấp đúp một kỳ để sửa ngày. Lịch do tỉnh quy định; hai mẫu có sẵn dưới đây."))
        hint.setStyleSheet("color: #555;")
        layout.addWidget(hint)
        row = QHBoxLayout()
        self.preset = QComboBox()
        for key, (label, _dates) in PRESETS.items():
            self.preset.addItem(tr(label), key)
        self.preset.setCurrentIndex(max(0, self.preset.findData(ctx.session.periods.preset())))
        self.third = QComboBox()
        self.third.addItem(tr("Kỳ thứ ba: Quý III"), "Q3")
        self.third.addItem(tr("Kỳ thứ ba: 9 tháng"), "9M")
        self.third.setCurrentIndex(max(0, self.third.findData(ctx.session.periods.third_kind())))
        apply = QPushButton(tr("Áp dụng cho các kỳ chưa chốt"))
        apply.clicked.connect(self.apply_preset)
        row.addWidget(self.preset, 1)
        row.addWidget(self.third)
        row.addWidget(apply)
        layout.addLayout(row)
        layout.addWidget(close_buttons(self))
        ctx.stats_changed.connect(self.reload)
        self.reload()
        fit(self, 820, 340)

    def reload(self) -> None:
        session, today = self.ctx.session, self.ctx.clock.today()
        periods = session.periods.list(self.year)
        self.table.setRowCount(len(periods))
        for i, period in enumerate(periods):
            status = session.periods.status(period)
            days = (period.due_on - today).days
            timing = tr("đã chốt") if period.closed else (tr("còn {n} ngày", n=days) if days >= 0
                                                          else tr("quá hạn {n} ngày", n=-days))
            values = (period.label, format_date(period.start_on), format_date(period.end_on),
                      format_date(period.due_on), tr(STATUS_LABELS[status]), timing)
            for column, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, period.id)
                if column == 5 and not period.closed and 0 <= days <= 7:
                    cell.setForeground(QBrush(QColor("#9a5b00")))
                if column == 5 and not period.closed and days < 0:
                    cell.setForeground(QBrush(QColor("#b00020")))
                self.table.setItem(i, column, cell)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def edit_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            PeriodEditDialog(self.ctx, self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole), self).open()

    def apply_preset(self) -> None:
        year, preset, third = self.year, self.preset.currentData(), self.third.currentData()
        self.ctx.jobs.run(tr("Áp dụng lịch báo cáo"), lambda s, _r: s.periods.apply_preset(year, preset, third),
                          on_success=self.ctx.changed_stats, parent=self)


class IndicatorEditDialog(FormDialog):
    def __init__(self, ctx, year: int, code: str | None, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.year, self.original = year, code
        self.setWindowTitle(tr("Sửa chỉ tiêu") if code else tr("Thêm chỉ tiêu"))
        data = next((i for i in ctx.session.statistics.catalog_data(year)["indicators"] if i["code"] == code), {})
        outer = QVBoxLayout(self)
        form = QFormLayout()
        self.code = QLineEdit(data.get("code", ""))
        self.code.setPlaceholderText(tr("lĩnh vực + STT, ví dụ III.4.2"))
        self.name = QLineEdit(data.get("name", ""))
        self.unit = QLineEdit(data.get("unit", ""))
        self.kind = QComboBox()
        for key in KINDS:
            self.kind.addItem(tr(INDICATOR_KINDS[key]), key)
        self.kind.setCurrentIndex(max(0, self.kind.findData(data.get("kind", "count"))))
        self.formula = QLineEdit(data.get("formula", ""))
        self.formula.setPlaceholderText(tr("ví dụ: III.4.3 / III.4.2 * 100"))
        self.yes, self.no = QLineEdit(data.get("yes", "Có")), QLineEdit(data.get("no", "Không"))
        self.stock = QCheckBox(tr("Số liệu ổn định, chép sang kỳ sau (biên chế, số đơn vị…)"))
        self.stock.setChecked(bool(data.get("stock")))
        self.lead, self.coordinator = QLineEdit(data.get("lead", "")), QLineEdit(data.get("coordinator", ""))
        for label, widget in ((tr("Mã chỉ tiêu:"), self.code), (tr("Tên chỉ tiêu:"), self.name),
                              (tr("Đơn vị tính:"), self.unit), (tr("Loại:"), self.kind),
                              (tr("Công thức:"), self.formula), (tr("Nhãn “1”:"), self.yes),
                              (tr("Nhãn “0”:"), self.no), ("", self.stock), (tr("Đơn vị chủ trì:"), self.lead),
                              (tr("Đơn vị phối hợp:"), self.coordinator)):
            form.addRow(label, widget)
        outer.addLayout(form)
        outer.addWidget(self.error)
        outer.addWidget(self.buttons)
        fit(self, 620, 420)

    def on_save(self) -> None:
        code = " ".join(self.code.text().split())
        domain, _, stt = code.partition(".")
        item = {"code": code, "domain": domain, "stt": stt or domain,
                "parent": (code.rsplit(".", 1)[0] if stt else None), "name": self.name.text().strip(),
                "unit": self.unit.text().strip(), "kind": self.kind.currentData(), "formula": self.formula.text().strip(),
                "yes": self.yes.text().strip(), "no": self.no.text().strip(), "stock": self.stock.isChecked(),
                "lead": self.lead.text().strip(), "coordinator": self.coordinator.text().strip()}
        year, original = self.year, self.original
        self.submit(tr("Lưu chỉ tiêu"), lambda s, _r: s.statistics.save_indicator(year, original, item),
                    lambda _none: self.ctx.changed_stats())


class RulesDialog(FormDialog):
    """The catalog's checks as data: left side, comparison, right side, message."""

    HEADERS = ("Vế trái", "So sánh", "Vế phải", "Lời nhắc khi sai")
    OPS = ("<=", "<", "=", ">=", ">")

    def __init__(self, ctx, year: int, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.year = year
        self.setWindowTitle(tr("Quy tắc kiểm tra năm {year}", year=year))
        outer = QVBoxLayout(self)
        hint = QLabel(tr("Mỗi dòng một quy tắc, ví dụ: III.4.3 ≤ III.4.2 — “Số hồ sơ đúng hạn không thể lớn hơn số đã "
                         "giải quyết xong”. Hai vế có thể là tổng: VI.2 + VI.3."))
        hint.setWordWrap(True)
        outer.addWidget(hint)
        from PySide6.QtWidgets import QTableWidget
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setObjectName("rulesTable")
        self.table.setHorizontalHeaderLabels([tr(h) for h in self.HEADERS])
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for rule in ctx.session.statistics.rules(year):
            self._add_row(rule.left, rule.op, rule.right, rule.message)
        self.table.resizeColumnsToContents()
        outer.addWidget(self.table, 1)
        row = QHBoxLayout()
        add = QPushButton(tr("Thêm quy tắc"))
        add.clicked.connect(lambda: self._add_row("", "<=", "", ""))
        remove = QPushButton(tr("Bỏ quy tắc đang chọn"))
        remove.clicked.connect(lambda: self.table.removeRow(self.table.currentRow()))
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addWidget(self.error)
        outer.addWidget(self.buttons)
        fit(self, 900, 480)

    def _add_row(self, left: str, op: str, right: str, message: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(left))
        box = QComboBox()
        for symbol in self.OPS:
            box.addItem(symbol.replace("<=", "≤").replace(">=", "≥"), symbol)
        box.setCurrentIndex(max(0, box.findData(op)))
        self.table.setCellWidget(row, 1, box)
        self.table.setItem(row, 2, QTableWidgetItem(right))
        self.table.setItem(row, 3, QTableWidgetItem(message))

    def rules(self) -> list[dict]:
        found = []
        for row in range(self.table.rowCount()):
            texts = [(self.table.item(row, c).text().strip() if self.table.item(row, c) else "") for c in (0, 2, 3)]
            if any(texts):
                found.append({"left": texts[0], "op": self.table.cellWidget(row, 1).currentData(),
                              "right": texts[1], "message": texts[2]})
        return found

    def on_save(self) -> None:
        year, rules = self.year, self.rules()
        self.submit(tr("Lưu quy tắc kiểm tra"), lambda s, _r: s.statistics.save_rules(year, rules),
                    lambda _none: self.ctx.changed_stats())


class CatalogDialog(QDialog):
    HEADERS = ("Mã", "Chỉ tiêu", "Đơn vị tính", "Loại", "Công thức", "Chép kỳ sau", "Đơn vị chủ trì")

    def __init__(self, ctx, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.year = ctx, year
        self.setWindowTitle(tr("Danh mục chỉ tiêu thống kê năm {year}", year=year))
        layout = QVBoxLayout(self)
        self.table = read_only_table(self.HEADERS, "catalogTable", stretch_last=False)
        self.columns = ColumnSharer(self.table, stretch=1, minimum=260, keep=(0,))
        self.table.doubleClicked.connect(self.edit)
        layout.addWidget(self.table, 1)
        self.rules_label = QLabel()
        self.rules_label.setWordWrap(True)
        layout.addWidget(self.rules_label)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        row = QHBoxLayout()
        for text, slot in ((tr("Nạp mẫu từ Excel…"), self.load_xlsx), (tr("Thêm…"), self.add), (tr("Sửa…"), self.edit),
                           (tr("Xóa"), self.delete), (tr("Quy tắc kiểm tra…"), self.edit_rules)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close_buttons(self))
        layout.addLayout(row)
        ctx.stats_changed.connect(self.reload)
        self.reload()
        fit(self, 1100, 620)

    def reload(self) -> None:
        stats = self.ctx.session.statistics
        items = stats.indicators(self.year)
        self.table.setRowCount(len(items))
        for i, ind in enumerate(items):
            values = (ind.code, ind.name, ind.unit, tr(INDICATOR_KINDS[ind.kind]), ind.formula,
                      tr("Có") if ind.stock else "", ind.lead)
            for column, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, ind.code)
                cell.setToolTip(text)
                self.table.setItem(i, column, cell)
        self.columns.refresh()      # the name keeps 40 % of the width; the others wrap: no scrolling sideways
        rules = stats.rules(self.year)
        self.rules_label.setText(tr("{n} quy tắc kiểm tra: {rules}", n=len(rules),
                                    rules="; ".join(f"{r.left} {r.op} {r.right}" for r in rules)))

    def selected_code(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole) if rows else None

    def add(self) -> None:
        IndicatorEditDialog(self.ctx, self.year, None, self).open()

    def edit(self) -> None:
        code = self.selected_code()
        if code:
            IndicatorEditDialog(self.ctx, self.year, code, self).open()

    def delete(self) -> None:
        code, year = self.selected_code(), self.year
        if code:
            self.ctx.jobs.run(tr("Xóa chỉ tiêu"), lambda s, _r: s.statistics.delete_indicator(year, code),
                              on_success=self.ctx.changed_stats, on_failure=self._refused, parent=self)

    def edit_rules(self) -> RulesDialog:
        dialog = RulesDialog(self.ctx, self.year, self)
        dialog.open()
        return dialog

    def load_xlsx(self) -> None:
        path = ask_open(self, self.ctx, tr("Chọn mẫu biểu thống kê (Excel)"), tr("Bảng tính Excel (*.xlsx)"))
        if path is None:
            return
        year = self.year

        def done(result) -> None:
            loaded, dropped = result
            self.ctx.changed_stats()
            self.ctx.message.emit(tr("Đã nạp {n} chỉ tiêu cho năm {y}.", n=loaded, y=year) +
                                  (tr(" Bỏ {k} quy tắc không còn phù hợp.", k=dropped) if dropped else ""))
        self.ctx.jobs.run(tr("Nạp danh mục chỉ tiêu"), lambda s, _r: s.statistics.load_catalog_xlsx(year, path),
                          on_success=done, on_failure=self._refused, parent=self, progress=True)

    def _refused(self, exc: BaseException) -> None:
        from cchc_desktop.errors import ValidationError
        if isinstance(exc, ValidationError):
            self.error.show_message(str(exc))
        else:
            show_error(self, exc)


class StatsImportDialog(QDialog):
    """What an Excel file would change, row by row with its source cell, before anything is written; which
    column holds the period's values when the file leaves a choice (none is picked for the officer then)."""

    applied = Signal()
    HEADERS = ("Mã", "Chỉ tiêu", "Ô trong tệp", "Số liệu hiện có", "Số liệu trong tệp", "Ghi chú")
    CONFLICT_BG, FLAG_BG, UNMATCHED_BG = "#fff1d6", "#fff6bf", "#eeeeee"

    def __init__(self, ctx, period_id: int, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.period_id, self.path = ctx, period_id, path
        self.found = None
        self.column_key: str | None = None
        self.setWindowTitle(tr("Nhập số liệu từ {name}", name=path.name))
        layout = QVBoxLayout(self)
        self.summary = QLabel(tr("Đang đọc tệp…"))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Cột số liệu của kỳ:")))
        self.column = QComboBox()
        self.column.setObjectName("statsImportColumn")
        self.column.setEnabled(False)
        self.column.currentIndexChanged.connect(self._column_changed)
        row.addWidget(self.column, 1)
        self.all_rows = QCheckBox(tr("Hiện cả các dòng không đổi"))
        self.all_rows.toggled.connect(lambda _on: self._fill())
        row.addWidget(self.all_rows)
        layout.addLayout(row)
        self.table = read_only_table(self.HEADERS, "statsImportTable")
        layout.addWidget(self.table, 1)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setVisible(False)
        layout.addWidget(self.notes)
        self.take_conflicts = QCheckBox(tr("Với các ô xung đột, dùng số liệu trong tệp"))
        self.take_conflicts.setVisible(False)
        layout.addWidget(self.take_conflicts)
        row = QHBoxLayout()
        row.addStretch(1)
        self.apply_button = QPushButton(tr("Nhập các thay đổi"))
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        row.addWidget(self.apply_button)
        row.addWidget(close_buttons(self))
        layout.addLayout(row)
        fit(self, 1100, 560)

    def start(self, column: str | None = None) -> None:
        from cchc_desktop.importers.stats_xlsx import read_statistics
        period_id, path = self.period_id, self.path
        self.column_key = column
        self.apply_button.setEnabled(False)
        self.summary.setText(tr("Đang đọc tệp…"))
        self.ctx.jobs.run(tr("Đang đọc tệp Excel…"),
                          lambda s, _r: read_statistics(s, s.periods.get(period_id), path, column=column),
                          on_success=self._show, on_failure=self._failed, parent=self, progress=True)

    def _failed(self, exc: BaseException) -> None:
        from cchc_desktop.importers.stats_xlsx import ColumnChoiceNeeded
        if isinstance(exc, ColumnChoiceNeeded) and exc.candidates:
            self.found = None
            self._set_columns(exc.candidates, None)
            self.summary.setText(exc.message + " " + tr("Hãy chọn cột số liệu của kỳ ở ô dưới đây; chưa có gì "
                                                        "được ghi."))
            self.table.setRowCount(0)
            self.notes.setVisible(False)
            self.take_conflicts.setVisible(False)
            return
        show_error(self, exc)
        self.reject()

    def _set_columns(self, candidates, chosen: str | None) -> None:
        self.column.blockSignals(True)
        self.column.clear()
        self.column.addItem(tr("— Chọn cột số liệu —"), None)
        for candidate in candidates:
            self.column.addItem(candidate.display, candidate.key)
        self.column.setCurrentIndex(max(0, self.column.findData(chosen)) if chosen else 0)
        self.column.setEnabled(bool(candidates))
        self.column.blockSignals(False)

    def _column_changed(self, _index: int) -> None:
        key = self.column.currentData()
        if key and key != self.column_key:
            self.start(key)

    def _show(self, found) -> None:
        self.found = found
        candidates = list(found.candidates)
        if found.column and found.column.key not in {c.key for c in candidates}:
            candidates.append(found.column)      # a column the officer named that is not a usual value column
        self._set_columns(candidates, found.column.key if found.column else None)
        self.column_key = found.column.key if found.column else None
        self._fill()
        conflicts = len(found.conflicts)
        column = found.column.display if found.column else ""
        self.summary.setText(tr("{n} số liệu thay đổi ({k} xung đột), {u} số liệu không đổi, {f} dòng cần kiểm tra, "
                                "{m} dòng không khớp danh mục. Cột số liệu: {column}. Chưa có gì được ghi.",
                                n=len(found.changes), k=conflicts, u=found.unchanged, f=len(found.flagged),
                                m=len(found.unmatched), column=column))
        self.notes.setText("\n".join(tr("Lưu ý: {w}", w=w) for w in found.warnings))
        self.notes.setVisible(bool(found.warnings))
        self.take_conflicts.setVisible(bool(conflicts))
        self.apply_button.setEnabled(any(r.status == "change" for r in found.rows))

    def _shown_rows(self) -> list:
        if self.found is None:
            return []
        if self.all_rows.isChecked():
            return list(self.found.rows)
        quiet = ("same", "blank")
        return [r for r in self.found.rows if r.flags or (r.status not in quiet and not
                                                          (r.status == "computed" and not r.notes))]

    def _fill(self) -> None:
        rows = self._shown_rows()
        unmatched = self.found.unmatched if self.found else []
        self.table.setRowCount(len(rows) + len(unmatched))
        for i, change in enumerate(rows):
            notes = [change.status_label]
            if change.conflict:
                notes.append(tr("Xung đột: số liệu trong chương trình đã đổi sau khi xuất tệp"))
            notes += [tr("Cần kiểm tra: {f}", f=f) for f in change.flags] + change.notes
            background = self.CONFLICT_BG if change.conflict else self.FLAG_BG if change.flags else None
            texts = (change.code, change.name, change.source, change.current or tr("(trống)"), change.file_value,
                     "; ".join(notes))
            for column, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if background:
                    cell.setBackground(QBrush(QColor(background)))
                self.table.setItem(i, column, cell)
            if change.flags and change.status == "change":   # the officer may take it after a look
                first = self.table.item(i, 0)
                first.setFlags(first.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                first.setCheckState(Qt.CheckState.Unchecked)
                first.setData(Qt.ItemDataRole.UserRole, change.source)
                first.setToolTip(tr("Đánh dấu để nhập dòng này dù cần kiểm tra"))
        for j, row in enumerate(unmatched, start=len(rows)):
            texts = ("—", row.name or tr("(không có tên)"), row.source, "", row.typed or tr("(trống)"),
                     tr("Không khớp danh mục: {r}", r=row.reason))
            for column, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                cell.setBackground(QBrush(QColor(self.UNMATCHED_BG)))
                self.table.setItem(j, column, cell)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(1, 280)
        self.table.setColumnWidth(5, 380)
        self.table.resizeRowsToContents()

    def included(self) -> set[str]:
        """Source cells of flagged rows the officer ticked."""
        found = set()
        for i in range(self.table.rowCount()):
            item = self.table.item(i, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) and \
                    item.checkState() == Qt.CheckState.Checked:
                found.add(item.data(Qt.ItemDataRole.UserRole))
        return found

    def apply(self) -> None:
        from cchc_desktop.importers.stats_xlsx import apply_statistics
        if self.found is None:
            return
        period_id, found, take, include = self.period_id, self.found, self.take_conflicts.isChecked(), self.included()

        def done(changed) -> None:
            self.ctx.changed_stats()
            message = tr("Đã nhập {n} số liệu từ {name}.", n=len(changed), name=self.path.name)
            if found.problems:      # the form's checks on kept and new values together
                message += " " + tr("Biểu có {k} lỗi cần xem: {first}", k=len(found.problems), first=found.problems[0])
            self.ctx.message.emit(message)
            self.applied.emit()
            self.accept()
        self.ctx.jobs.run(tr("Nhập số liệu"), lambda s, _r: apply_statistics(s, s.periods.get(period_id), found,
                                                                            take_conflicts=take, include=include),
                          on_success=done, parent=self)
