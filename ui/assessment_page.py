"""The "Chỉ số CCHC" page: the year's PAR Index self-assessment against the province's criteria.

A year without one shows how to start (the province's sheet, the sample set, or last year's). A year with one
shows the tree of lĩnh vực → tiêu chí → tiêu chí thành phần: what the commune declares for each item, typed in
the form its rule needs, the score the service computes from it, the evidence and the explanation; on the right,
the selected item's guidance, evidence files and explanation. Everything is saved as it is typed; the scores
and totals follow from the data after each write (the page subscribes to "assessment" and "criteria", and to the
statistics its linked values come from).
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QFont
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QFrame, QHBoxLayout, QInputDialog,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QMenu, QPlainTextEdit, QPushButton,
                               QScrollArea, QSizePolicy, QSpinBox, QSplitter, QStackedWidget, QStyle,
                               QTreeView, QVBoxLayout, QWidget)

from cchc_desktop.assessment import rules as R
from cchc_desktop.errors import ValidationError
from cchc_desktop.file_names import document_file_name, slug
from cchc_desktop.i18n import format_date, format_datetime, format_number, parse_number, tr
from ui import widgets
from ui.autosave import SerialSaver
from ui.dialogs.assessment_dialogs import CRITERIA_FILTER, rule_line
from ui.dialogs.evidence_dialogs import EVIDENCE_FILTER
from ui.errors import show_error
from ui.file_dialogs import ask_open, ask_open_many, ask_save
from ui.file_drop import FileDropMixin
from ui.models.node_tree import NodeTreeModel
from ui.widgets import Banner, ColumnSharer, WrappingDelegate, refresh_field

SAMPLE_FILE = "bo-chi-so-cchc-cap-xa-mau.xlsx"
WATCHED_KINDS = {"assessment", "criteria", "stat", "period", "catalog"}
COLUMNS = ("STT", "Tiêu chí", "Tối đa", "Giá trị khai", "Điểm tự chấm", "Minh chứng", "Giải trình", "Thẩm định")
COL_STT, COL_NAME, COL_MAX, COL_VALUE, COL_SCORE, COL_EVIDENCE, COL_EXPLAIN, COL_PROVINCE = range(len(COLUMNS))
CODE_ROLE = Qt.ItemDataRole.UserRole + 10
KAD = "KAD"
# Rules that take a number (or Có/Không): their value can be drawn from an indicator of the statistics form.
NUMBER_KINDS = (R.BANDS, R.RATIO, R.YESNO, R.PER_ITEM, R.DEDUCTION, R.MANUAL)
MISSING_BG, PROBLEM_BG, FLAG_BG, SAMPLE_BG = QColor("#fde2e1"), QColor("#fde2e1"), QColor("#fff1c2"), "#ffe0b2"
RED, GREY, GREEN = QColor("#b00020"), QColor("#6b6b6b"), QColor("#1b7f3b")


def value_hint(rule: R.Rule, max_points: float) -> str:
    """What to type for a rule that takes a number, shown in the empty editor."""
    if rule.kind == R.BANDS:
        text = tr("tỷ lệ %, ví dụ 96,5") if rule.percent else tr("số lượng, ví dụ 3")
    elif rule.kind == R.RATIO:
        text = tr("số đạt/tổng số, ví dụ 45/50")
    elif rule.kind == R.PER_ITEM:
        text = tr("số trường hợp, ví dụ 2")
    elif rule.kind == R.DEDUCTION:
        text = tr("số vi phạm (0 nếu không có)")
    else:
        text = tr("số điểm, từ 0 đến {m}", m=format_number(max_points))
    return tr("{text}; KAD: không áp dụng", text=text)


def evidence_of(session, year: int, code: str):
    from ui.dialogs.assessment_dialogs import evidence_of_plan
    return evidence_of_plan(session, year, code)


# ---------------------------------------------------------------------------------------------- the tree

class _Node:
    __slots__ = ("item", "parent", "children", "pos")

    def __init__(self, item):
        self.item = item
        self.parent: _Node | None = None
        self.children: list[_Node] = []
        self.pos = 0


class AssessmentModel(NodeTreeModel):
    """The criteria tree of one assessment. It never writes: an edit becomes ``edit_requested``; the page saves
    it and hands the re-scored view back with ``set_view``."""

    edit_requested = Signal(str, str)       # code, the value as typed (or an option's label, or "KAD")
    column_titles = COLUMNS

    def __init__(self, parent=None):
        super().__init__(parent)
        self.roots: list[_Node] = []
        self.nodes: dict[str, _Node] = {}
        self.locked = False
        self.view = None
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)
        self._warning = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)

    def set_view(self, view) -> None:
        codes = [i.code for i in view.items]
        locked = view.assessment.closed
        if codes == list(self.nodes):
            self.view, self.locked = view, locked          # the same tree: only values and scores changed
            for item in view.items:
                self.nodes[item.code].item = item
            self._changed_below(self.roots)
            return
        self.beginResetModel()
        self.view, self.locked = view, locked
        self.nodes, self.roots = {}, []
        for item in view.items:
            node = _Node(item)
            parent = self.nodes.get(item.criterion.parent or "")
            siblings = parent.children if parent else self.roots
            node.parent, node.pos = parent, len(siblings)
            siblings.append(node)
            self.nodes[item.code] = node
        self.endResetModel()

    def _changed_below(self, nodes: list[_Node]) -> None:
        if nodes:
            self.dataChanged.emit(self.createIndex(0, 0, nodes[0]),
                                  self.createIndex(len(nodes) - 1, len(COLUMNS) - 1, nodes[-1]))
        for node in nodes:
            self._changed_below(node.children)

    def index_of(self, code: str, column: int = COL_VALUE) -> QModelIndex:
        node = self.nodes.get(code)
        return self.createIndex(node.pos, column, node) if node else QModelIndex()

    def item(self, code: str):
        node = self.nodes.get(code)
        return node.item if node else None

    @staticmethod
    def editable(item) -> bool:
        rule = item.criterion.rule
        return rule is not None and rule.self_scored

    # ------------------------------------------------------------------ Qt model API

    def top_nodes(self) -> list:
        return self.roots

    def child_nodes(self, node) -> list:
        return node.children

    def flags(self, index: QModelIndex):
        base = super().flags(index)
        if index.isValid() and index.column() == COL_VALUE and not self.locked and \
                self.editable(index.internalPointer().item):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = index.internalPointer().item
        col = index.column()
        if role == CODE_ROLE:
            return item.code
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, col)
        if role == Qt.ItemDataRole.EditRole:
            return item.value if col == COL_VALUE else None
        if role == Qt.ItemDataRole.FontRole:
            if item.criterion.level == 1:
                return self._bold
            if col == COL_VALUE and (item.source and not item.value or not self.editable(item)):
                return self._italic          # drawn from the statistics form, or scored by the province
            return None
        if role == Qt.ItemDataRole.DecorationRole and col == COL_NAME and item.criterion.flags():
            return self._warning
        if role == Qt.ItemDataRole.BackgroundRole:
            if col == COL_EXPLAIN and item.needs_explanation:
                return QBrush(MISSING_BG)
            if col == COL_VALUE and item.value_problem:
                return QBrush(PROBLEM_BG)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(item, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_MAX, COL_SCORE, COL_PROVINCE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_EVIDENCE, COL_EXPLAIN):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, col)
        return None

    def _foreground(self, item, col: int):
        if col == COL_EXPLAIN and item.needs_explanation:
            return QBrush(RED)
        if col == COL_VALUE and item.value_problem:
            return QBrush(RED)
        if col == COL_VALUE and not self.editable(item):
            return QBrush(GREY)
        if col in (COL_SCORE, COL_VALUE) and not item.applicable:
            return QBrush(GREY)
        if col == COL_PROVINCE and item.is_leaf and item.province_score is not None and item.score is not None:
            if item.province_score < item.score - 1e-9:
                return QBrush(RED)
            if item.province_score > item.score + 1e-9:
                return QBrush(GREEN)
        return None

    def _display(self, item, col: int) -> str:
        c = item.criterion
        if col == COL_STT:
            return c.stt or c.code
        if col == COL_NAME:
            return " ".join(c.name.split())
        if col == COL_MAX:
            return format_number(c.max_points)
        if col == COL_SCORE:
            if item.is_leaf and not item.applicable:
                return tr("Không tính")
            if item.is_leaf and not self.editable(item):
                return "—"
            return format_number(item.score) if item.score is not None else ""
        if col == COL_PROVINCE:
            if item.province_score is None:
                return ""
            text = format_number(item.province_score)
            if item.is_leaf and item.score is not None and abs(item.province_score - item.score) > 1e-9:
                diff = item.province_score - item.score
                text += f" ({'+' if diff > 0 else '−'}{format_number(abs(diff))})"
            return text
        if not item.is_leaf:
            return ""
        if col == COL_VALUE:
            if not self.editable(item):
                return tr("Cấp trên chấm")
            if item.declared is not None:
                return tr("Không áp dụng") if item.declared.na else item.declared.text()
            return item.value
        if col == COL_EVIDENCE:
            return str(item.evidence_count) if item.evidence_count else ""
        if col == COL_EXPLAIN:
            if item.explanation.strip():
                return "✓"
            return tr("thiếu") if item.needs_explanation else ""
        return ""

    def _tooltip(self, item, col: int) -> str:
        c = item.criterion
        if col in (COL_STT, COL_NAME):
            lines = [f"{c.code}. {' '.join(c.name.split())}"]
            if c.rule is not None:
                lines.append(tr("Cách chấm: {r}", r=rule_line(c.rule)))
            lines += [f"⚠ {n}" for n in c.flags()]
            return "\n".join(lines)
        if col == COL_VALUE and item.is_leaf:
            lines = []
            if not self.editable(item):
                lines.append(tr("Tiêu chí do cấp trên chấm (điều tra xã hội học hoặc thẩm định); xã không tự chấm."))
            elif not self.locked:
                lines.append(tr("Nhấp đúp để khai. {r}", r=rule_line(c.rule)))
            if item.source:
                lines.append(tr("Nguồn: {s}", s=item.source))
            if item.value_problem:
                lines.append(item.value_problem)
            return "\n".join(lines)
        if col == COL_SCORE and not item.is_leaf and item.max_self:
            percent = format_number(round(item.score / item.max_self * 100, 2)) if item.score is not None else "0"
            return tr("Tự chấm {s} / {m} điểm ({p}%)", s=format_number(item.score or 0),
                      m=format_number(item.max_self), p=percent)
        if col == COL_EXPLAIN and item.needs_explanation:
            return tr("Đã khai giá trị nhưng chưa có tài liệu kiểm chứng: hãy đính kèm hoặc viết giải trình.")
        if col == COL_EXPLAIN and item.explanation:
            return item.explanation
        if col == COL_PROVINCE and item.province_note:
            return item.province_note
        return ""

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or self.locked or role != Qt.ItemDataRole.EditRole or index.column() != COL_VALUE:
            return False
        item = index.internalPointer().item
        if not self.editable(item):
            return False
        text = " ".join(str(value or "").split())
        if text == item.value:
            return False
        self.edit_requested.emit(item.code, text)
        return True


class ValueDelegate(WrappingDelegate):
    """The declared value is edited in the form its rule needs: a choice of the levels (and "Không áp dụng")
    for a rule of levels or Có/Không, a line with what to type for a number, a ratio or a count."""

    def createEditor(self, parent, option, index):  # noqa: N802
        item = index.internalPointer().item
        rule = item.criterion.rule
        if rule.kind in (R.OPTIONS, R.YESNO):
            box = QComboBox(parent)
            box.setObjectName("valueChoice")
            box.addItem(tr("(chưa khai)"), "")
            for opt in rule.options:
                box.addItem(tr("{label} — {p} điểm", label=opt.label, p=format_number(opt.points)), opt.label)
            box.addItem(tr("Không áp dụng"), KAD)
            box.setToolTip(rule_line(rule))
            box.activated.connect(lambda _i, b=box: self._picked(b))
            return box
        line = QLineEdit(parent)
        line.setObjectName("valueLine")
        line.setPlaceholderText(value_hint(rule, item.criterion.max_points))
        line.setToolTip(rule_line(rule))
        return line

    def _picked(self, box: QComboBox) -> None:
        self.commitData.emit(box)
        self.closeEditor.emit(box)

    def setEditorData(self, editor, index):  # noqa: N802
        item = index.internalPointer().item
        if isinstance(editor, QComboBox):
            current = KAD if item.declared is not None and item.declared.na else \
                (item.declared.option if item.declared is not None else "")
            editor.setCurrentIndex(max(0, editor.findData(current or "")))
        else:
            editor.setText(item.value)

    def setModelData(self, editor, model, index):  # noqa: N802
        value = editor.currentData() if isinstance(editor, QComboBox) else editor.text()
        model.setData(index, value, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor, option, index):  # noqa: N802
        """As wide as the levels' labels (or the hint) need, within the tree: a cut label is a wrong choice."""
        rect = option.rect
        wanted = editor.sizeHint().width() if isinstance(editor, QComboBox) else \
            editor.fontMetrics().horizontalAdvance(editor.placeholderText()) + 16
        room = self.view.viewport().width() - rect.left()
        rect.setWidth(max(rect.width(), min(wanted, room)))
        rect.setHeight(max(rect.height(), editor.sizeHint().height()))
        editor.setGeometry(rect)


# ---------------------------------------------------------------------------------------------- one item

class EvidenceList(FileDropMixin, QListWidget):
    """The files proving one item. Files can be dropped onto it."""

    files_dropped = Signal(list)

    def files_dropped_on(self, _target, paths: list[Path]) -> None:
        self.files_dropped.emit(paths)


def _label(name: str = "", *, rich: bool = False, style: str = "") -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    if style:
        label.setStyleSheet(style)
    return label


class ItemPanel(QWidget):
    """The selected item: how it is scored, what proves it, why it lacks proof; after closing, the province's
    score. Lives in a scroll area at the right of the tree."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 2, 6, 6)
        self.title = _label("itemTitle", rich=True)
        column.addWidget(self.title)
        self.facts = _label("itemFacts", rich=True)
        column.addWidget(self.facts)
        self.leaf = QWidget()
        box = QVBoxLayout(self.leaf)
        box.setContentsMargins(0, 0, 0, 0)
        self.province = QWidget()          # after closing: what the province gave, on top
        self.province.setObjectName("provinceReview")
        self.province.setStyleSheet("#provinceReview { background: #e8f5e9; }")
        self.province.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        pbox = QVBoxLayout(self.province)
        pbox.setContentsMargins(6, 4, 6, 6)
        title = QLabel(tr("Kết quả thẩm định của tỉnh"))
        title.setStyleSheet("font-weight: bold;")
        pbox.addWidget(title)
        prow = QHBoxLayout()
        prow.addWidget(QLabel(tr("Điểm:")))
        self.province_score = QLineEdit()
        self.province_score.setObjectName("provinceScore")
        self.province_score.setMaximumWidth(80)
        prow.addWidget(self.province_score)
        self.province_diff = QLabel()
        prow.addWidget(self.province_diff, 1)
        pbox.addLayout(prow)
        self.province_note = QLineEdit()
        self.province_note.setObjectName("provinceNote")
        self.province_note.setPlaceholderText(tr("Ghi chú của tỉnh (lý do trừ điểm…)"))
        pbox.addWidget(self.province_note)
        box.addWidget(self.province)
        self.rule = _label("itemRule", rich=True)
        box.addWidget(self.rule)
        rule_row = QHBoxLayout()
        self.rule_button = QPushButton(tr("Sửa cách chấm…"))
        self.rule_button.setObjectName("editRule")
        rule_row.addWidget(self.rule_button)
        rule_row.addStretch(1)
        box.addLayout(rule_row)
        self.guidance = _label("itemGuidance", rich=True, style="color: #444;")
        box.addWidget(self.guidance)
        self.hint = _label("itemHint", rich=True, style="color: #444;")
        box.addWidget(self.hint)
        self.source = _label("itemSource", style="color: #1565c0; font-style: italic;")
        box.addWidget(self.source)
        self.problem = _label("itemProblem", style="color: #b00020;")
        box.addWidget(self.problem)
        self.evidence_title = QLabel()
        self.evidence_title.setStyleSheet("font-weight: bold; margin-top: 4px;")
        box.addWidget(self.evidence_title)
        self.evidence = EvidenceList()
        self.evidence.setObjectName("itemEvidence")
        self.evidence.setWordWrap(True)
        self.evidence.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.evidence.setMinimumHeight(64)
        self.evidence.setMaximumHeight(110)
        self.evidence.setAcceptDrops(True)
        box.addWidget(self.evidence)
        row = QHBoxLayout()
        self.attach_button = QPushButton(tr("Đính kèm tệp…"))
        self.attach_button.setObjectName("attachItemFiles")
        self.open_button = QPushButton(tr("Mở"))
        self.remove_button = QPushButton(tr("Gỡ"))
        self.remove_button.setToolTip(tr("Gỡ tệp đang chọn khỏi tiêu chí (tệp vẫn nằm trong kho minh chứng)"))
        row.addWidget(self.attach_button)
        row.addWidget(self.open_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        box.addLayout(row)
        row = QHBoxLayout()
        self.link_button = QPushButton(tr("Dùng tài liệu của nhiệm vụ…"))
        self.link_button.setObjectName("linkTaskEvidence")
        self.link_button.setToolTip(tr("Tài liệu đã đính kèm cho các nhiệm vụ của kế hoạch; gợi ý những tài liệu khớp "
                                       "với “Tài liệu kiểm chứng”"))
        row.addWidget(self.link_button)
        row.addStretch(1)
        box.addLayout(row)
        self.explanation_title = _label("explanationTitle", rich=True)
        box.addWidget(self.explanation_title)
        self.explanation = QPlainTextEdit()
        self.explanation.setObjectName("itemExplanation")
        self.explanation.setTabChangesFocus(True)
        self.explanation.setPlaceholderText(tr("Vì sao chưa có (đủ) tài liệu kiểm chứng; lưu ngay khi gõ"))
        self.explanation.setFixedHeight(self.explanation.fontMetrics().lineSpacing() * 4 + 14)
        box.addWidget(self.explanation)
        self.indicator_title = QLabel(tr("Lấy giá trị từ biểu thống kê:"))
        box.addWidget(self.indicator_title)
        self.indicator = QComboBox()
        self.indicator.setObjectName("itemIndicator")
        self.indicator.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.indicator.setMinimumContentsLength(16)
        self.indicator.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        box.addWidget(self.indicator)
        column.addWidget(self.leaf)
        column.addStretch(1)


# ---------------------------------------------------------------------------------------------- the page

class _Layout:
    def setup(self, page: QWidget) -> None:
        outer = QVBoxLayout(page)
        outer.setContentsMargins(6, 6, 6, 6)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("Năm đánh giá:")))
        self.year = QSpinBox()
        self.year.setObjectName("assessmentYear")
        self.year.setRange(2000, 2100)
        bar.addWidget(self.year)
        bar.addSpacing(12)
        self.close_button = QPushButton(tr("Chốt bản tự đánh giá"))
        self.close_button.setObjectName("closeAssessment")
        bar.addWidget(self.close_button)
        self.report_button = QPushButton(tr("Xuất báo cáo"))
        self.report_button.setObjectName("assessmentReport")
        self.report_menu = QMenu(self.report_button)
        self.report_button.setMenu(self.report_menu)
        bar.addWidget(self.report_button)
        self.province_button = QPushButton(tr("Bảng Excel theo mẫu tỉnh…"))
        bar.addWidget(self.province_button)
        self.package_button = QPushButton(tr("Gói tài liệu kiểm chứng (.zip)…"))
        bar.addWidget(self.package_button)
        self.more_button = QPushButton(tr("Bộ chỉ số"))
        self.more_button.setObjectName("assessmentMore")
        self.more_menu = QMenu(self.more_button)
        self.more_button.setMenu(self.more_menu)
        bar.addWidget(self.more_button)
        bar.addStretch(1)
        outer.addLayout(bar)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        self._empty(page)
        self._content(page)

    def _empty(self, page: QWidget) -> None:
        self.empty_page = QWidget()
        self.empty_page.setObjectName("assessmentEmpty")
        column = QVBoxLayout(self.empty_page)
        column.setContentsMargins(40, 30, 40, 30)
        self.empty_title = QLabel()
        self.empty_title.setObjectName("assessmentEmptyTitle")
        self.empty_title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.empty_title.setWordWrap(True)
        column.addWidget(self.empty_title)
        text = QLabel(tr("Mỗi năm, xã tự đánh giá, chấm điểm theo Bộ chỉ số cải cách hành chính cấp xã do tỉnh ban "
                         "hành: khai giá trị của từng tiêu chí, đính kèm tài liệu kiểm chứng, giải trình tiêu chí chưa "
                         "có tài liệu, rồi xuất báo cáo và gói minh chứng gửi cấp trên. Hãy bắt đầu bằng bộ chỉ số "
                         "(tệp Excel hoặc Word của tỉnh, có các cột STT, Tiêu chí, Điểm tối đa, Hướng dẫn chấm điểm, "
                         "Tài liệu kiểm chứng)."))
        text.setWordWrap(True)
        text.setMaximumWidth(760)
        column.addWidget(text)
        column.addSpacing(12)
        self.load_button = QPushButton(tr("Nạp bộ chỉ số của tỉnh…"))
        self.load_button.setObjectName("loadProvinceCriteria")
        self.sample_button = QPushButton(tr("Dùng bộ chỉ số mẫu"))
        self.sample_button.setObjectName("useSampleCriteria")
        self.start_button = QPushButton()
        self.start_button.setObjectName("startFromPrevious")
        for button, note in ((self.load_button, tr("Đọc tệp của tỉnh, xem trước cách chấm từng tiêu chí rồi mới nạp.")),
                             (self.sample_button, tr("Bộ chỉ số MẪU để làm quen, không phải của tỉnh nào; nạp bộ "
                                                     "của tỉnh sau vẫn giữ được giá trị đã khai.")),
                             (self.start_button, tr("Cùng các tiêu chí và liên kết với biểu thống kê; giá trị, minh "
                                                    "chứng và giải trình để trống."))):
            row = QHBoxLayout()
            button.setMinimumWidth(240)
            row.addWidget(button)
            label = QLabel(note)
            label.setWordWrap(True)
            label.setStyleSheet("color: #555;")
            row.addWidget(label, 1)
            column.addLayout(row)
            if button is self.start_button:
                self.start_note = label
        column.addStretch(1)
        self.stack.addWidget(self.empty_page)

    def _content(self, page: QWidget) -> None:
        self.content = QWidget()
        column = QVBoxLayout(self.content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(3)
        self.sample_banner = Banner()
        self.sample_banner.setObjectName("sampleCriteriaBanner")
        column.addWidget(self.sample_banner)
        self.set_line = _label("assessmentSet", rich=True)
        column.addWidget(self.set_line)
        self.totals = _label("assessmentTotals", rich=True)
        self.totals.setStyleSheet("QLabel { background: #eef3f8; padding: 4px 6px; }")
        column.addWidget(self.totals)
        notices = QHBoxLayout()          # what is still to do, one line: a click on a code goes to the item
        self.missing = _label("missingExplanations", rich=True)
        self.missing.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        notices.addWidget(self.missing, 3)
        self.flagged = _label("flaggedRules", rich=True)
        self.flagged.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        notices.addWidget(self.flagged, 1)
        column.addLayout(notices)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setChildrenCollapsible(False)
        self.tree = QTreeView()
        self.tree.setObjectName("assessmentTree")
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setIndentation(10)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        self.tree.header().setStretchLastSection(False)
        self.split.addWidget(self.tree)
        self.panel = ItemPanel()
        self.scroll = QScrollArea()
        self.scroll.setObjectName("itemPanel")
        self.scroll.setWidget(self.panel)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setMinimumWidth(300)
        self.split.addWidget(self.scroll)
        # the panel keeps about 30 % of the width: 380 px at 1366 × 768, 300 at 125 % display scaling
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([860, 380])
        column.addWidget(self.split, 1)
        self.stack.addWidget(self.content)


class _Columns(ColumnSharer):
    """The declared value narrows with the window, but never below what a short level or a ratio needs."""

    NARROWEST = 110


class _FocusOut(QObject):
    """Calls ``then()`` when the watched widget loses the keyboard focus."""

    def __init__(self, widget: QWidget, then):
        super().__init__(widget)
        self.then = then
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusOut:
            self.then()
        return False


class AssessmentPage(QWidget):
    """The page of the window's left strip (page protocol: ``ui/pages.py``)."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.ui = _Layout()
        self.ui.setup(self)
        self.view = None
        self.years: list[int] = []
        self.indicators: dict[int, list[tuple[str, str]]] = {}
        self.year: int | None = None
        self.code: str | None = None            # the item the panel shows
        self._filling = False                   # the panel is being filled, not edited
        self.saver = SerialSaver(ctx, parent=self)
        self.saver.refused.connect(lambda _key, exc: show_error(self, exc))
        self.model = AssessmentModel(self)
        self.model.edit_requested.connect(self._edit_value)
        tree = self.ui.tree
        tree.setModel(self.model)
        tree.setItemDelegateForColumn(COL_NAME, WrappingDelegate(tree))
        tree.setItemDelegateForColumn(COL_VALUE, ValueDelegate(tree))
        tree.columns = _Columns(tree, stretch=COL_NAME, minimum=220,
                                keep=(COL_STT, COL_MAX, COL_SCORE, COL_EVIDENCE, COL_EXPLAIN, COL_PROVINCE),
                                preferred={COL_STT: 66, COL_MAX: 42, COL_VALUE: 150, COL_SCORE: 54,
                                           COL_EVIDENCE: 58, COL_EXPLAIN: 62, COL_PROVINCE: 70})
        tree.selectionModel().currentChanged.connect(self._current_changed)
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self._context_menu)
        self._wire()
        ctx.watch(self, WATCHED_KINDS, self._load)

    def _wire(self) -> None:
        ui, panel = self.ui, self.ui.panel
        ui.year.valueChanged.connect(self._year_changed)
        ui.load_button.clicked.connect(self.choose_sheet)
        ui.sample_button.clicked.connect(self.use_sample)
        ui.start_button.clicked.connect(self.start_from_previous)
        ui.sample_banner.action.connect(self.choose_sheet)
        ui.close_button.clicked.connect(self.close_or_reopen)
        for fmt, label in (("pdf", "Báo cáo tự đánh giá (PDF)…"), ("docx", "Báo cáo tự đánh giá (Word)…"),
                           ("xlsx", "Bảng tổng hợp điểm (Excel)…")):
            ui.report_menu.addAction(tr(label), lambda f=fmt: self.export_report(f))
        ui.province_button.clicked.connect(self.export_province_layout)
        ui.package_button.clicked.connect(self.export_package)
        ui.more_menu.addAction(tr("Nạp bộ chỉ số khác của tỉnh…"), self.choose_sheet)
        ui.more_menu.addAction(tr("Xuất bộ chỉ số ra Excel…"), self.export_criteria)
        ui.more_menu.addAction(tr("Đổi ngày chốt số liệu…"), self.change_cutoff)
        ui.missing.linkActivated.connect(lambda code: self.select(code, explain=True))
        ui.flagged.linkActivated.connect(lambda code: self.select(code))
        panel.rule_button.clicked.connect(self.edit_rule)
        panel.attach_button.clicked.connect(self.choose_files)
        panel.link_button.clicked.connect(self.link_task_evidence)
        panel.open_button.clicked.connect(self.open_evidence)
        panel.remove_button.clicked.connect(self.remove_evidence)
        panel.evidence.itemDoubleClicked.connect(lambda _i: self.open_evidence())
        panel.evidence.itemSelectionChanged.connect(self._enable_evidence)
        panel.evidence.files_dropped.connect(self.attach)
        panel.explanation.textChanged.connect(self._explanation_typed)
        self._focus_out = _FocusOut(panel.explanation, self.saver.flush)
        panel.indicator.activated.connect(self._indicator_picked)
        panel.province_score.editingFinished.connect(self._province_edited)
        panel.province_note.editingFinished.connect(self._province_edited)

    # ------------------------------------------------------------------ page protocol

    def page_title(self) -> str:
        return tr("Chỉ số CCHC")

    def reload(self) -> None:
        if self.year is None:
            years = self.ctx.session.assessment.years()
            today = self.ctx.clock.today().year
            self.year = today if today in years or not years else years[0]
            self.ui.year.blockSignals(True)
            self.ui.year.setValue(self.year)
            self.ui.year.blockSignals(False)
        self._load()

    def flush(self, *, now: bool = False) -> None:
        self.saver.flush(now=now)

    def unsaved(self) -> str:
        """Values and explanations are saved as typed, or refused with their reason: nothing is held back."""
        return ""

    # ------------------------------------------------------------------ loading

    def show_year(self, year: int) -> None:
        self.ui.year.setValue(year)
        if self.year != year:
            self._year_changed(year)

    def _year_changed(self, year: int) -> None:
        self.saver.flush()
        self.year, self.code = year, None
        self._load()

    def _load(self) -> None:
        if self.year is None:
            return
        year, year_known = self.year, self.year in self.indicators

        def work(s, _report):
            view = s.assessment.view(year) if s.assessment.find(year) is not None else None
            indicators = None
            if view is not None and not year_known:
                indicators = [(i.code, i.name) for i in s.statistics.indicators(year) if i.kind != "group"]
            return year, view, s.assessment.years(), indicators

        self.ctx.jobs.run(tr("Đang mở bản tự đánh giá…"), work, on_success=self._show, parent=self)

    def _show(self, result) -> None:
        year, view, years, indicators = result
        if year != self.year:
            return          # the officer already picked another year
        self.years = years
        if indicators is not None:
            self.indicators[year] = indicators
        self.view = view
        if view is None:
            self._show_empty(year)
        else:
            self._show_view(view)
        self._enable_actions()

    def _show_empty(self, year: int) -> None:
        ui = self.ui
        ui.stack.setCurrentWidget(ui.empty_page)
        ui.empty_title.setText(tr("Năm {year} chưa có bộ chỉ số để tự đánh giá", year=year))
        earlier = [y for y in self.years if y < year]
        ui.start_button.setVisible(bool(earlier))
        ui.start_note.setVisible(bool(earlier))
        if earlier:
            ui.start_button.setText(tr("Bắt đầu từ năm {y}", y=earlier[0]))
            ui.start_button.setProperty("from_year", earlier[0])

    def _show_view(self, view) -> None:
        ui = self.ui
        first = ui.stack.currentWidget() is not ui.content or not self.model.nodes
        ui.stack.setCurrentWidget(ui.content)
        criteria_set, assessment, totals = view.criteria_set, view.assessment, view.totals
        if criteria_set.sample:
            ui.sample_banner.show_message(
                tr("<b>BỘ CHỈ SỐ MẪU</b> — không phải của tỉnh nào, chỉ để làm quen; điểm chấm theo bộ này không "
                   "dùng để báo cáo."), tr("Nạp bộ chỉ số của tỉnh…"), colour=SAMPLE_BG)
        else:
            ui.sample_banner.hide()
        mark = (f" <span style='background:#c62828; color:white; font-weight:bold'>&nbsp;{tr('MẪU')}&nbsp;</span>"
                if criteria_set.sample else "")
        state = (tr("<span style='color:#1b7f3b'><b>Đã chốt</b> lúc {at} ({who}); muốn sửa phải mở lại.</span>",
                    at=format_datetime(assessment.closed_at), who=escape(assessment.closed_by or ""))
                 if assessment.closed else tr("Đang tự chấm; mọi thay đổi được lưu ngay."))
        ui.set_line.setText(tr("<b>{label}</b>{mark} · Số liệu tính đến ngày {d} · {state}",
                               label=escape(criteria_set.label), mark=mark, d=format_date(assessment.cutoff_on),
                               state=state))
        ui.set_line.setToolTip(criteria_set.title)
        ui.totals.setText(self._totals_text(view))
        missing = view.missing_explanations
        ui.missing.setVisible(bool(missing))
        if missing:
            links = ", ".join(f"<a href='{escape(i.code)}'>{escape(i.code)}</a>" for i in missing)
            ui.missing.setText(tr("<span style='color:#b00020'>Còn thiếu giải trình ({n}):</span> {links}",
                                  n=len(missing), links=links))
        flagged = view.flagged
        ui.flagged.setVisible(bool(flagged))
        if flagged:
            links = ", ".join(f"<a href='{escape(i.code)}'>{escape(i.code)}</a>" for i in flagged)
            ui.flagged.setText(tr("<span style='color:#9a5b00'>⚠ Cách chấm cần kiểm tra ({n}):</span> {links}",
                                  n=len(flagged), links=links))
        self.model.set_view(view)
        ui.tree.setColumnHidden(COL_PROVINCE, not (assessment.closed or totals.province_total is not None))
        if first:
            ui.tree.expandAll()
            ui.tree.columns.apply()
        if self.code is None or self.model.item(self.code) is None:
            first_leaf = next((i.code for i in view.items if i.is_leaf), None)
            if first_leaf is not None:
                self.select(first_leaf)
                return
        self._show_item()

    def _totals_text(self, view) -> str:
        t = view.totals
        if view.percent is None:
            text = tr("Chưa chấm tiêu chí nào: tự chấm <b>0</b> / {m} điểm", m=format_number(t.max_self))
        else:
            text = tr("Tự chấm <b>{s}</b> / {m} điểm (<b>{p}%</b>) — xếp loại <b>{band}</b>",
                      s=format_number(t.self_total), m=format_number(t.max_self), p=format_number(view.percent),
                      band=escape(view.band))
        upper = round(t.max_total - t.max_self, 2)
        extra = [tr("cả bộ {m} điểm", m=format_number(t.max_total))]
        if upper > 0:
            extra.append(tr("{u} điểm do cấp trên chấm hoặc không áp dụng", u=format_number(upper)))
        if view.unscored:
            extra.append(tr("còn {n} tiêu chí chưa khai", n=len(view.unscored)))
        if t.province_total is not None:
            extra.append(tr("tỉnh thẩm định <b>{p}</b> điểm", p=format_number(t.province_total)))
        return text + " · " + " · ".join(extra)

    def _enable_actions(self) -> None:
        has = self.view is not None
        closed = has and self.view.assessment.closed
        self.ui.close_button.setEnabled(has)
        self.ui.close_button.setText(tr("Mở lại…") if closed else tr("Chốt bản tự đánh giá"))
        for widget in (self.ui.report_button, self.ui.province_button, self.ui.package_button):
            widget.setEnabled(has)
        actions = self.ui.more_menu.actions()
        actions[0].setEnabled(not closed)          # another set: not while closed
        actions[1].setEnabled(has)
        actions[2].setEnabled(has and not closed)

    # ------------------------------------------------------------------ the selected item

    def select(self, code: str, *, explain: bool = False) -> None:
        index = self.model.index_of(code, COL_VALUE)
        if not index.isValid():
            return
        tree = self.ui.tree
        tree.setCurrentIndex(index)
        tree.scrollTo(index)
        if explain:
            self.ui.panel.explanation.setFocus()

    def current_item(self):
        return self.model.item(self.code) if self.code else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        code = current.data(CODE_ROLE) if current.isValid() else None
        if code != self.code:
            self.saver.flush()            # an explanation still being typed goes to its own item
            self.code = code
            self._show_item()

    def _show_item(self) -> None:
        panel, item, view = self.ui.panel, self.current_item(), self.view
        self._filling = True
        try:
            if item is None or view is None:
                panel.title.setText(tr("<i>Chọn một tiêu chí để xem chi tiết.</i>"))
                panel.facts.clear()
                panel.leaf.hide()
                return
            c = item.criterion
            closed = view.assessment.closed
            panel.title.setText(f"<b>{escape(c.code)}. {escape(' '.join(c.name.split()))}</b>")
            if item.is_leaf:
                score = (tr("không tính (không áp dụng)") if not item.applicable else
                         tr("cấp trên chấm") if not self.model.editable(item) else
                         tr("{s} điểm", s=format_number(item.score)) if item.score is not None else tr("chưa khai"))
                panel.facts.setText(tr("Tối đa <b>{m}</b> điểm · Tự chấm: <b>{s}</b>",
                                       m=format_number(c.max_points), s=score))
            else:
                panel.facts.setText(self.model._tooltip(item, COL_SCORE) or
                                    tr("Tối đa {m} điểm", m=format_number(c.max_points)))
            panel.leaf.setVisible(item.is_leaf)
            if item.is_leaf:
                self._show_leaf(item, closed)
        finally:
            self._filling = False

    def _show_leaf(self, item, closed: bool) -> None:
        panel, c = self.ui.panel, item.criterion
        flags = c.flags()
        rule = f"<b>{tr('Cách chấm:')}</b> {escape(rule_line(c.rule))}"
        if flags:
            rule += "".join(f"<br><span style='color:#9a5b00'>⚠ {escape(n)}</span>" for n in flags)
        panel.rule.setText(rule)
        panel.rule_button.setEnabled(not closed)
        guidance = " ".join(c.guidance.split())
        panel.guidance.setVisible(bool(guidance) and guidance != R.describe(c.rule))
        panel.guidance.setText(f"<b>{tr('Hướng dẫn chấm điểm:')}</b> {escape(guidance)}")
        hint = " ".join(c.evidence_hint.split())
        panel.hint.setText(f"<b>{tr('Tài liệu kiểm chứng:')}</b> {escape(hint)}" if hint else
                           tr("<b>Tài liệu kiểm chứng:</b> <i>bảng của tỉnh không ghi</i>"))
        panel.source.setVisible(bool(item.source))
        panel.source.setText(tr("Giá trị: {s}", s=item.source))
        panel.problem.setVisible(bool(item.value_problem))
        panel.problem.setText(item.value_problem)
        files = self.ctx.session.assessment.evidence.list(self.year, c.code)
        panel.evidence_title.setText(tr("Minh chứng ({n})", n=len(files)))
        panel.evidence.clear()
        for f in files:
            parts = [f.file_name]
            details = ", ".join(p for p in (f.doc_number, format_date(f.doc_date)) if p)
            if details:
                parts.append(details)
            if f.linked:
                parts.append(tr("(tài liệu của nhiệm vụ)"))
            row = QListWidgetItem(" — ".join(parts))
            row.setData(Qt.ItemDataRole.UserRole, f.id)
            row.setToolTip(tr("{name}\nĐính kèm lúc {at} bởi {who}", name=f.file_name,
                              at=f.added_at.replace("T", " "), who=f.added_by))
            panel.evidence.addItem(row)
        scored = self.model.editable(item)
        panel.attach_button.setEnabled(not closed)
        panel.link_button.setEnabled(not closed)
        panel.evidence.setAcceptDrops(not closed)
        self._enable_evidence()
        if item.needs_explanation:
            panel.explanation_title.setText(tr("<b>Giải trình</b> <span style='color:#b00020'>— bắt buộc: đã khai "
                                               "giá trị nhưng chưa có tài liệu kiểm chứng</span>"))
        else:
            panel.explanation_title.setText(tr("<b>Giải trình</b>"))
        if panel.explanation.property("code") != c.code:
            panel.explanation.setProperty("code", c.code)
            panel.explanation.setPlainText(item.explanation)
        elif self.saver.idle:
            # while a newer text waits to be written, the one read back is older than what is on screen
            refresh_field(panel.explanation, item.explanation)
        panel.explanation.setReadOnly(closed)
        takes_number = scored and c.rule.kind in NUMBER_KINDS
        panel.indicator_title.setVisible(takes_number)
        panel.indicator.setVisible(takes_number)
        if takes_number:
            self._fill_indicators(c.indicator_code, closed)
        panel.province.setVisible(closed or item.province_score is not None)
        refresh_field(panel.province_score, format_number(item.province_score))
        refresh_field(panel.province_note, item.province_note)
        if item.province_score is not None and item.score is not None:
            diff = item.province_score - item.score
            panel.province_diff.setText(tr("bằng điểm tự chấm") if abs(diff) < 1e-9 else
                                        tr("chênh {d} điểm so với tự chấm",
                                           d=("+" if diff > 0 else "−") + format_number(abs(diff))))
        else:
            panel.province_diff.clear()

    def _fill_indicators(self, linked: str, closed: bool) -> None:
        box = self.ui.panel.indicator
        box.clear()
        box.addItem(tr("(không lấy — khai tay)"), "")
        for code, name in self.indicators.get(self.year, []):
            box.addItem(f"{code} — {' '.join(name.split())}", code)
            box.setItemData(box.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
        if linked and box.findData(linked) < 0:
            box.addItem(linked, linked)
        box.setCurrentIndex(max(0, box.findData(linked or "")))
        box.setToolTip(box.currentText())
        box.setEnabled(not closed)

    def _enable_evidence(self) -> None:
        panel = self.ui.panel
        chosen = bool(panel.evidence.selectedItems())
        closed = self.view is not None and self.view.assessment.closed
        panel.open_button.setEnabled(chosen)
        panel.remove_button.setEnabled(chosen and not closed)

    def _context_menu(self, pos) -> None:
        index = self.ui.tree.indexAt(pos)
        item = self.model.item(index.data(CODE_ROLE)) if index.isValid() else None
        if item is None or not item.is_leaf or self.view is None:
            return
        closed = self.view.assessment.closed
        menu = QMenu(self)
        if self.model.editable(item) and not closed:
            menu.addAction(tr("Khai “Không áp dụng”"), lambda: self._edit_value(item.code, KAD))
            if item.value:
                menu.addAction(tr("Xóa giá trị đã khai"), lambda: self._edit_value(item.code, ""))
        edit = menu.addAction(tr("Sửa cách chấm…"), lambda: (self.select(item.code), self.edit_rule()))
        edit.setEnabled(not closed)
        menu.exec(self.ui.tree.viewport().mapToGlobal(pos))

    # ------------------------------------------------------------------ writing (saved as typed)

    def _edit_value(self, code: str, text: str) -> None:
        year = self.year
        self.saver.schedule(f"value:{code}", lambda s: s.assessment.set_values(year, {code: text}))
        self.saver.flush()        # a finished edit of a cell: written now, still in order

    def _explanation_typed(self) -> None:
        if self._filling:
            return
        code = self.ui.panel.explanation.property("code")
        if not code or self.view is None or self.view.assessment.closed:
            return
        year, text = self.year, self.ui.panel.explanation.toPlainText()
        self.saver.schedule(f"explain:{code}", lambda s: s.assessment.explain(year, code, text))

    def _indicator_picked(self, _index: int) -> None:
        item = self.current_item()
        if item is None:
            return
        year, code, indicator = self.year, item.code, self.ui.panel.indicator.currentData() or ""
        if indicator == (item.criterion.indicator_code or ""):
            return
        self.saver.schedule(f"indicator:{code}", lambda s: s.assessment.link_indicator(year, code, indicator))
        self.saver.flush()

    def _province_edited(self) -> None:
        item = self.current_item()
        panel = self.ui.panel
        if item is None or not item.is_leaf or self._filling:
            return
        try:
            score = parse_number(panel.province_score.text())
        except ValueError as exc:
            show_error(self, ValidationError(str(exc)))
            return
        note = panel.province_note.text()
        if score == item.province_score and " ".join(note.split()) == item.province_note:
            return
        year, code = self.year, item.code
        self.saver.schedule(f"province:{code}", lambda s: s.assessment.set_province_score(year, code, score, note))
        self.saver.flush()

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

    def _ask(self, title: str, label: str) -> tuple[str, bool]:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setOkButtonText(tr("Mở lại"))
        dialog.setCancelButtonText(tr("Hủy"))
        ok = dialog.exec() == QInputDialog.DialogCode.Accepted
        return dialog.textValue(), ok

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
