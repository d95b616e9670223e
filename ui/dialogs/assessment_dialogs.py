"""Dialogs of the "Chỉ số CCHC" page: the preview of a province's criteria sheet before it is loaded, how one
item is scored (its rule, checked as it is typed), and the picker of evidence already attached to the plan's
tasks."""
from __future__ import annotations

from dataclasses import replace
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from cchc_desktop.assessment import rules as R
from cchc_desktop.i18n import format_date, format_number, tr
from ui.dialogs.base import FormDialog
from ui.geometry import fit
from ui.widgets import ErrorLabel, WrappingDelegate

FLAG_BACKGROUND = "#fff1c2"
CRITERIA_FILTER = ("Bộ chỉ số (*.xlsx *.xls *.docx *.doc *.pdf);;Excel (*.xlsx *.xls);;Word (*.docx *.doc);;"
                   "PDF (*.pdf);;Mọi tệp (*)")
# What "Không áp dụng" does, as the rule dialog offers it ("" is the criteria set's own default).
NA_CHOICES = (("", "Theo quy định chung của bộ chỉ số"), (R.NA_FULL, "Được điểm tối đa"),
              (R.NA_EXCLUDE, "Không tính vào tổng (tính % trên phần còn lại)"))
NA_DEFAULT_LABELS = {R.NA_FULL: "được điểm tối đa", R.NA_EXCLUDE: "không tính vào tổng điểm"}


def rule_line(rule: R.Rule | None) -> str:
    """"[Chọn mức] Có: 1 điểm; Không: 0 điểm" — the rule as the program understood it."""
    if rule is None:
        return ""
    return f"[{tr(R.KIND_LABELS[rule.kind])}] {R.describe(rule)}"


def _wrapped(text: str = "", *, rich: bool = False, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


# ---------------------------------------------------------------------------------------------- the preview

class _PreviewLayout:
    HEADERS = ("STT", "Lĩnh vực / Tiêu chí", "Tối đa", "Hướng dẫn của tỉnh → chương trình hiểu là")

    def setup(self, dialog: QDialog) -> None:
        outer = QVBoxLayout(dialog)
        self.source = _wrapped(rich=True, name="criteriaSource")
        outer.addWidget(self.source)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.province = QLineEdit()
        self.province.setObjectName("criteriaProvince")
        self.province.setPlaceholderText(tr("ví dụ: Quảng Trị"))
        self.province.setMaximumWidth(320)
        form.addRow(tr("Tỉnh, thành phố:"), self.province)
        outer.addLayout(form)
        self.totals = _wrapped(rich=True, name="criteriaTotals")
        outer.addWidget(self.totals)
        self.warnings = _wrapped(rich=True, name="criteriaWarnings")
        outer.addWidget(self.warnings)
        self.tree = QTreeWidget()
        self.tree.setObjectName("criteriaPreview")
        self.tree.setColumnCount(len(self.HEADERS))
        self.tree.setHeaderLabels([tr(h) for h in self.HEADERS])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setIndentation(14)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.tree.setColumnWidth(0, 96)
        self.tree.setColumnWidth(2, 56)
        for column in (1, 3):
            self.tree.setItemDelegateForColumn(column, WrappingDelegate(self.tree))
        outer.addWidget(self.tree, 1)
        self.note = _wrapped(tr("Cách chấm nào chưa đúng thì sửa được sau khi nạp: chọn tiêu chí rồi bấm "
                                "“Sửa cách chấm…”."))
        self.note.setStyleSheet("color: #555;")
        outer.addWidget(self.note)
        self.error = ErrorLabel()
        outer.addWidget(self.error)
        self.buttons = QDialogButtonBox()
        self.load_button = self.buttons.addButton(tr("Nạp bộ chỉ số"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.load_button.setObjectName("loadCriteria")
        self.buttons.addButton(tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        outer.addWidget(self.buttons)


class CriteriaPreviewDialog(QDialog):
    """What the program read from a criteria sheet, before anything is written: the tree with each rule as
    understood, the rules it was unsure of (highlighted, with why), the maxima added up against the sheet's
    own total, and what else it noticed. "Nạp bộ chỉ số" loads it as the year's set."""

    loaded = Signal(object)        # LoadResult

    def __init__(self, ctx, year: int, path: Path, sheet, parent: QWidget | None = None, *,
                 replacing: bool = False):
        super().__init__(parent)
        self.ctx, self.year, self.path, self.sheet = ctx, year, Path(path), sheet
        self.ui = _PreviewLayout()
        self.ui.setup(self)
        self.setWindowTitle(tr("Xem trước bộ chỉ số"))
        self.ui.buttons.accepted.connect(self.load)
        self.ui.buttons.rejected.connect(self.reject)
        self._show(replacing)
        fit(self, 1120, 700)

    def _show(self, replacing: bool) -> None:
        sheet = self.sheet
        leaves = sheet.leaves
        lines = [tr("<b>{name}</b>", name=escape(self.path.name))]
        if sheet.title:
            lines.append(escape(sheet.title))
        lines.append(tr("Đọc được {n} mục, trong đó {k} tiêu chí chấm điểm. Sẽ nạp làm bộ chỉ số năm <b>{year}</b>.",
                        n=len(sheet.items), k=len(leaves), year=self.year))
        if sheet.year and sheet.year != self.year:
            lines.append(tr("<span style='color:#9a5b00'>Bảng ghi năm {y}, khác năm đang chọn ({year}).</span>",
                            y=sheet.year, year=self.year))
        if replacing:
            lines.append(tr("Năm {year} đã có bộ chỉ số: giá trị đã khai được giữ lại ở những tiêu chí không đổi "
                            "mã và cách chấm.", year=self.year))
        self.ui.source.setText("<br>".join(lines))
        self.ui.province.setText(sheet.province)
        total = format_number(sheet.max_total)
        if sheet.declared_total is None:
            check = tr("Tổng điểm tối đa các lĩnh vực: <b>{t}</b> (bảng không ghi tổng để đối chiếu).", t=total)
        elif abs(sheet.declared_total - sheet.max_total) < 0.001:
            check = tr("Tổng điểm tối đa các lĩnh vực: <b>{t}</b> — <span style='color:#1b7f3b'>khớp với dòng tổng "
                       "của bảng ({d}) ✓</span>", t=total, d=format_number(sheet.declared_total))
        else:
            check = tr("Tổng điểm tối đa các lĩnh vực: <b>{t}</b> — <span style='color:#b00020'>bảng ghi {d}, không "
                       "khớp</span>", t=total, d=format_number(sheet.declared_total))
        bands = ", ".join(tr("{name} từ {low}%", name=name, low=format_number(low)) for name, low in sheet.bands)
        if bands:
            check += "<br>" + tr("Xếp loại: {bands}.", bands=escape(bands))
        flagged = len(sheet.flagged)
        if flagged:
            check += "<br>" + tr("<span style='background:{bg}'>&nbsp;{n} mục cần kiểm tra&nbsp;</span> (tô vàng, "
                                 "lý do ở cột Cách chấm).", bg=FLAG_BACKGROUND, n=flagged)
        self.ui.totals.setText(check)
        if sheet.warnings:
            self.ui.warnings.setText("<br>".join(f"<span style='color:#9a5b00'>⚠ {escape(w)}</span>"
                                                 for w in sheet.warnings))
        else:
            self.ui.warnings.hide()
        self._fill_tree()

    def _fill_tree(self) -> None:
        tree = self.ui.tree
        tree.clear()
        made: dict[str, QTreeWidgetItem] = {}
        bold = QFont(tree.font())
        bold.setBold(True)
        flag = QBrush(QColor(FLAG_BACKGROUND))
        for criterion in self.sheet.items:
            parent = made.get(criterion.parent or "")
            notes = criterion.flags()
            rule = rule_line(criterion.rule)
            guidance = " / ".join(" ".join(line.split()) for line in criterion.guidance.splitlines() if line.strip())
            if rule and guidance:       # the province's words beside the reading, so a lost clause shows
                rule = f"{guidance[:220]}{'…' if len(guidance) > 220 else ''}\n→ {rule}"
            if notes:
                rule = "\n".join([rule] + [f"⚠ {n}" for n in notes]) if rule else "\n".join(f"⚠ {n}" for n in notes)
            row = QTreeWidgetItem([criterion.stt or criterion.code, " ".join(criterion.name.split()),
                                   format_number(criterion.max_points), rule])
            row.setData(0, Qt.ItemDataRole.UserRole, criterion.code)
            row.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            row.setToolTip(1, criterion.guidance or criterion.name)
            row.setToolTip(3, criterion.guidance)
            if criterion.level == 1:
                for column in range(4):
                    row.setFont(column, bold)
            if notes:
                for column in range(4):
                    row.setBackground(column, flag)
            if parent is None:
                tree.addTopLevelItem(row)
            else:
                parent.addChild(row)
            made[criterion.code] = row
        tree.expandAll()

    def flagged_rows(self) -> list[str]:
        """The codes highlighted as needing a look."""
        found = []

        def walk(item: QTreeWidgetItem) -> None:
            if item.background(0).color() == QColor(FLAG_BACKGROUND):
                found.append(item.data(0, Qt.ItemDataRole.UserRole))
            for i in range(item.childCount()):
                walk(item.child(i))
        for i in range(self.ui.tree.topLevelItemCount()):
            walk(self.ui.tree.topLevelItem(i))
        return found

    def load(self) -> None:
        year, path, sheet = self.year, self.path, self.sheet
        province = " ".join(self.ui.province.text().split())
        self.ui.load_button.setEnabled(False)
        self.ui.error.show_message("")

        def done(result) -> None:
            self.loaded.emit(result)
            self.accept()

        def refused(exc) -> None:
            from cchc_desktop.errors import ValidationError
            from ui.errors import show_error
            self.ui.load_button.setEnabled(True)
            if isinstance(exc, ValidationError):
                self.ui.error.show_message(str(exc))
            else:
                show_error(self, exc)

        self.ctx.jobs.run(tr("Đang nạp bộ chỉ số…"),
                          lambda s, _r: s.assessment.load(year, path, province=province, sheet=sheet),
                          on_success=done, on_failure=refused, parent=self, progress=True)


# ---------------------------------------------------------------------------------------------- a rule

class _RuleLayout:
    def setup(self, dialog: FormDialog) -> None:
        outer = QVBoxLayout(dialog)
        self.title = _wrapped(rich=True, name="ruleItem")
        outer.addWidget(self.title)
        self.guidance = _wrapped(name="ruleGuidance")
        self.guidance.setStyleSheet("color: #444;")
        outer.addWidget(self.guidance)
        self.notes = _wrapped(rich=True, name="ruleNotes")
        outer.addWidget(self.notes)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.kind = QComboBox()
        self.kind.setObjectName("ruleKind")
        for kind in R.KINDS:
            self.kind.addItem(tr(R.KIND_LABELS[kind]), kind)
        form.addRow(tr("Cách chấm:"), self.kind)
        self.text = QPlainTextEdit()
        self.text.setObjectName("ruleText")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 4 + 14)
        form.addRow(tr("Các mức điểm:"), self.text)
        self.na = QComboBox()
        self.na.setObjectName("ruleNa")
        for value, label in NA_CHOICES:
            self.na.addItem(tr(label), value)
        form.addRow(tr("Khi không áp dụng:"), self.na)
        outer.addLayout(form)
        self.preview_title = QLabel(tr("Chương trình hiểu là:"))
        self.preview_title.setStyleSheet("font-weight: bold;")
        outer.addWidget(self.preview_title)
        self.preview = _wrapped(rich=True, name="rulePreview")
        self.preview.setStyleSheet("QLabel { background: #f4f6f8; padding: 6px; }")
        outer.addWidget(self.preview)
        outer.addStretch(1)
        outer.addWidget(dialog.error)
        self.confirm_button = QPushButton(tr("Đúng, đã kiểm tra"))
        self.confirm_button.setObjectName("confirmRule")
        self.confirm_button.setToolTip(tr("Cách chấm chương trình hiểu đã đúng: bỏ dấu cần kiểm tra"))
        dialog.buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.ActionRole)
        outer.addWidget(dialog.buttons)


class RuleDialog(FormDialog):
    """How one item is scored: its kind, its levels written as provinces write them, and what "Không áp dụng"
    gives. What the program makes of the text is shown as it is typed; a flagged rule that is right after all is
    confirmed with "Đúng, đã kiểm tra"."""

    def __init__(self, ctx, year: int, item, na_default: str = R.NA_EXCLUDE, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.year, self.item = year, item
        criterion = item.criterion
        self.code, self.max_points = criterion.code, criterion.max_points
        self.rule: R.Rule = criterion.rule or R.Rule(R.MANUAL)
        self.ui = _RuleLayout()
        self.ui.setup(self)
        self.save_button.setText(tr("Lưu cách chấm"))
        self.setWindowTitle(tr("Sửa cách chấm — {code}", code=criterion.code))
        self.ui.title.setText(tr("<b>{code}.</b> {name} <i>(tối đa {m} điểm)</i>", code=escape(criterion.code),
                                 name=escape(" ".join(criterion.name.split())), m=format_number(criterion.max_points)))
        self.ui.guidance.setText(tr("Hướng dẫn chấm điểm của tỉnh: {text}", text=" ".join(criterion.guidance.split()))
                                 if criterion.guidance.strip() else tr("Bảng của tỉnh không ghi hướng dẫn chấm điểm."))
        flags = criterion.flags()
        if flags:
            self.ui.notes.setText("<br>".join(f"<span style='color:#9a5b00'>⚠ {escape(n)}</span>" for n in flags))
        else:
            self.ui.notes.hide()
        self.ui.confirm_button.setVisible(bool(flags))
        self.na_default = na_default
        self.ui.na.setItemText(0, tr("Theo quy định chung của bộ chỉ số ({what})",
                                     what=tr(NA_DEFAULT_LABELS.get(na_default, "không tính vào tổng điểm"))))
        self.ui.kind.setCurrentIndex(max(0, self.ui.kind.findData(self.rule.kind)))
        self.ui.text.setPlainText(self._text_of(self.rule))
        self.ui.na.setCurrentIndex(max(0, self.ui.na.findData(self.rule.na or "")))
        self.ui.text.setEnabled(self.rule.kind not in (R.MANUAL, R.SURVEY, R.PROVINCE))
        self._timer = QTimer(self)            # the preview follows the typing, once it pauses
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._typed)
        self.ui.kind.currentIndexChanged.connect(self._kind_changed)
        self.ui.text.textChanged.connect(self._timer.start)
        self.ui.na.currentIndexChanged.connect(self.update_preview)
        self.ui.confirm_button.clicked.connect(self.confirm)
        self.field_widgets = {"text": self.ui.text}
        self.update_preview()
        fit(self, 700, 440)

    @staticmethod
    def _text_of(rule: R.Rule) -> str:
        """The rule's levels in the usual phrasing, without what "Không áp dụng" gives (a field of its own)."""
        if rule.kind == R.MANUAL:
            return ""
        return R.describe(replace(rule, na=None))

    @property
    def kind(self) -> str:
        return self.ui.kind.currentData()

    def _kind_changed(self) -> None:
        kind = self.kind
        text = self._text_of(self.rule) if kind == self.rule.kind else R.template(kind)
        self.ui.text.setPlainText(text)
        self.ui.text.setEnabled(kind not in (R.MANUAL, R.SURVEY, R.PROVINCE))
        self.update_preview()

    def understood(self) -> R.Rule:
        """The rule the kind, the text and the "Không áp dụng" choice make, as ``set_rule`` will store it."""
        rule = R.rule_for_kind(self.kind, self.ui.text.toPlainText(), self.max_points)
        return replace(rule, na=self.ui.na.currentData() or rule.na or None)

    def _typed(self) -> None:
        """When the text itself says what "Không áp dụng" gives, the choice follows it."""
        rule = R.rule_for_kind(self.kind, self.ui.text.toPlainText(), self.max_points)
        if rule.na and not self.ui.na.currentData():
            self.ui.na.blockSignals(True)
            self.ui.na.setCurrentIndex(max(0, self.ui.na.findData(rule.na)))
            self.ui.na.blockSignals(False)
        self.update_preview()

    def update_preview(self) -> None:
        self._timer.stop()
        rule = self.understood()
        refused = rule.kind == R.MANUAL and self.kind != R.MANUAL
        if refused:
            lines = [f"<span style='color:#b00020'>{escape(n)}</span>" for n in rule.notes]
            lines.append(tr("Mẫu: {t}", t=escape(R.template(self.kind))))
        else:
            lines = [escape(rule_line(rule))]
            if rule.kind in (R.SURVEY, R.PROVINCE):
                lines.append(tr("Xã không tự chấm tiêu chí này; điểm do cấp trên cho."))
            lines += [f"<span style='color:#9a5b00'>⚠ {escape(n)}</span>" for n in rule.notes]
        self.ui.preview.setText("<br>".join(lines))
        self.save_button.setEnabled(not refused)
        unchanged = self.kind == self.rule.kind and rule.kind == self.rule.kind and \
            self.ui.text.toPlainText().strip() == self._text_of(self.rule).strip()
        self.ui.confirm_button.setEnabled(unchanged)

    def on_save(self) -> None:
        year, code, kind = self.year, self.code, self.kind
        text, na = self.ui.text.toPlainText(), self.understood().na or ""
        self.submit(tr("Lưu cách chấm"), lambda s, _r: s.assessment.set_rule(year, code, kind, text, na))

    def confirm(self) -> None:
        year, code = self.year, self.code
        self.submit(tr("Xác nhận cách chấm"), lambda s, _r: s.assessment.confirm_rule(year, code))


# ---------------------------------------------------------------------------------------------- task evidence

class _LinkLayout:
    HEADERS = ("Tệp", "Nhiệm vụ", "Số, ký hiệu", "Ngày", "Sản phẩm của nhiệm vụ")

    def setup(self, dialog: FormDialog) -> None:
        outer = QVBoxLayout(dialog)
        self.title = _wrapped(rich=True, name="linkItem")
        outer.addWidget(self.title)
        self.tree = QTreeWidget()
        self.tree.setObjectName("taskEvidence")
        self.tree.setColumnCount(len(self.HEADERS))
        self.tree.setHeaderLabels([tr(h) for h in self.HEADERS])
        self.tree.setIndentation(12)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column, mode in ((0, QHeaderView.ResizeMode.Stretch), (1, QHeaderView.ResizeMode.Stretch),
                             (2, QHeaderView.ResizeMode.Interactive), (3, QHeaderView.ResizeMode.Interactive),
                             (4, QHeaderView.ResizeMode.Stretch)):
            header.setSectionResizeMode(column, mode)
        self.tree.setColumnWidth(2, 110)
        self.tree.setColumnWidth(3, 86)
        for column in (0, 1, 4):
            self.tree.setItemDelegateForColumn(column, WrappingDelegate(self.tree))
        outer.addWidget(self.tree, 1)
        self.hint = _wrapped(tr("Đánh dấu các tệp cần dùng. Tệp không bị chép thêm lần nữa: kho minh chứng giữ mỗi "
                                "tệp một lần."))
        self.hint.setStyleSheet("color: #555;")
        outer.addWidget(self.hint)
        outer.addWidget(dialog.error)
        outer.addWidget(dialog.buttons)


class LinkEvidenceDialog(FormDialog):
    """Evidence already attached to the year's plan tasks, to use for an item without copying it again: the
    suggestions (tasks of the same domain whose product matches the item's "Tài liệu kiểm chứng") first, then
    every other file of the plan."""

    def __init__(self, ctx, year: int, code: str, name: str, found, parent: QWidget | None = None):
        """``found``: (suggestions, every evidence of the plan, {task id: (code, name, product)})."""
        super().__init__(ctx, parent)
        self.year, self.code = year, code
        self.ui = _LinkLayout()
        self.ui.setup(self)
        self.save_button.setText(tr("Dùng các tệp đã chọn"))
        self.setWindowTitle(tr("Dùng tài liệu của nhiệm vụ — {code}", code=code))
        self.ui.title.setText(tr("<b>{code}.</b> {name}", code=escape(code), name=escape(" ".join(name.split()))))
        suggestions, everything, tasks = found
        self._fill(suggestions, everything, tasks)
        self.ui.tree.itemChanged.connect(self._enable)
        self._enable()
        fit(self, 980, 560)

    def _fill(self, suggestions, everything, tasks) -> None:
        tree = self.ui.tree
        bold = QFont(tree.font())
        bold.setBold(True)
        suggested = {s.evidence.id for s in suggestions}
        for title, rows in ((tr("Gợi ý — sản phẩm của nhiệm vụ khớp với “Tài liệu kiểm chứng” ({n})",
                                n=len(suggestions)),
                             [(s.evidence, (s.task_code, s.task_name, s.product)) for s in suggestions]),
                            (tr("Các tài liệu khác của kế hoạch ({n})",
                                n=sum(1 for e in everything if e.id not in suggested)),
                             [(e, tasks.get(e.task_id, ("", "", ""))) for e in everything if e.id not in suggested])):
            group = QTreeWidgetItem([title])
            group.setFont(0, bold)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            tree.addTopLevelItem(group)
            group.setFirstColumnSpanned(True)
            for evidence, (task_code, task_name, product) in rows:
                row = QTreeWidgetItem([evidence.file_name, f"{task_code}. {' '.join(task_name.split())}",
                                       evidence.doc_number, format_date(evidence.doc_date), " ".join(product.split())])
                row.setData(0, Qt.ItemDataRole.UserRole, evidence.id)
                row.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
                row.setCheckState(0, Qt.CheckState.Unchecked)
                row.setToolTip(0, evidence.summary or evidence.file_name)
                row.setToolTip(1, task_name)
                group.addChild(row)
        tree.expandAll()
        if not suggestions and not everything:
            empty = QTreeWidgetItem([tr("Kế hoạch năm {y} chưa có tài liệu kiểm chứng nào.", y=self.year)])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            tree.addTopLevelItem(empty)

    def chosen(self) -> list[int]:
        ids = []
        tree = self.ui.tree
        for g in range(tree.topLevelItemCount()):
            group = tree.topLevelItem(g)
            for i in range(group.childCount()):
                row = group.child(i)
                if row.checkState(0) == Qt.CheckState.Checked:
                    ids.append(row.data(0, Qt.ItemDataRole.UserRole))
        return ids

    def _enable(self, *_args) -> None:
        self.save_button.setEnabled(bool(self.chosen()))

    def on_save(self) -> None:
        year, code, ids = self.year, self.code, self.chosen()
        if ids:
            self.submit(tr("Dùng tài liệu của nhiệm vụ"), lambda s, _r: s.assessment.evidence.link(year, code, ids))


def evidence_of_plan(session, year: int, code: str):
    """What ``LinkEvidenceDialog`` lists, read off the GUI thread: (suggestions, the plan's evidence,
    {task id: (code, name, product)})."""
    suggestions = session.assessment.evidence.suggestions(year, code)
    plan_id = session.statistics.default_plan_id(year)
    if plan_id is None:
        return suggestions, [], {}
    already = {e.sha256 for e in session.assessment.evidence.list(year, code)}
    everything = [e for e in session.evidence.for_plan(plan_id) if e.sha256 not in already]
    tasks = {t.id: (t.code, t.name, t.product) for t in session.tasks.rows(plan_id)}
    return suggestions, everything, tasks


# ---------------------------------------------------------------------------------------------- the cut-off

class CutoffDialog(FormDialog):
    """The date the values drawn from the statistics form are taken as of."""

    def __init__(self, ctx, year: int, current, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        from ui.widgets import DateField
        self.year = year
        self.setWindowTitle(tr("Ngày chốt số liệu tự đánh giá"))
        outer = QVBoxLayout(self)
        text = _wrapped(tr("Số liệu lấy từ biểu thống kê là số của kỳ báo cáo có ngày chốt số liệu muộn nhất, không "
                           "sau ngày này."))
        outer.addWidget(text)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Số liệu tính đến ngày:")))
        self.cutoff = DateField(allow_blank=False)
        self.cutoff.setObjectName("assessmentCutoff")
        self.cutoff.set_value(current)
        row.addWidget(self.cutoff)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        outer.addWidget(self.error)
        outer.addWidget(self.buttons)
        self.field_widgets = {"cutoff": self.cutoff}
        fit(self, 480, 200)

    def on_save(self) -> None:
        year, cutoff = self.year, self.cutoff.value()
        self.submit(tr("Đổi ngày chốt số liệu"), lambda s, _r: s.assessment.set_cutoff(year, cutoff))
