"""The "Chỉ số CCHC" page's tree: one row per lĩnh vực, tiêu chí and tiêu chí thành phần (``AssessmentModel``),
and the editor of a declared value that fits the item's rule (``ValueDelegate``): a list of the levels for a
choice or Có/Không, a line with the rule's hint for a number or a ratio, nothing for the province's items."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QStyle

from cchc_desktop.assessment import rules as R
from cchc_desktop.i18n import format_number, tr
from ui.dialogs.assessment_dialogs import rule_line
from ui.models.node_tree import NodeTreeModel
from ui.widgets import WrappingDelegate

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


