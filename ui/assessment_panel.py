"""The "Chỉ số CCHC" page's side panel: the selected item's rule and guidance, its evidence files (dropped or
attached), its explanation, the statistics indicator its value may come from, and the province's score."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.i18n import tr
from ui.file_drop import FileDropMixin


class EvidenceList(FileDropMixin, QListWidget):
    """The files proving one item. Files can be dropped onto it."""

    files_dropped = Signal(list)

    def files_dropped_on(self, _target, paths: list[Path]) -> None:
        self.files_dropped.emit(paths)


def label(name: str = "", *, rich: bool = False, style: str = "") -> QLabel:
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
        self.title = label("itemTitle", rich=True)
        column.addWidget(self.title)
        self.facts = label("itemFacts", rich=True)
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
        self.rule = label("itemRule", rich=True)
        box.addWidget(self.rule)
        rule_row = QHBoxLayout()
        self.rule_button = QPushButton(tr("Sửa cách chấm…"))
        self.rule_button.setObjectName("editRule")
        rule_row.addWidget(self.rule_button)
        rule_row.addStretch(1)
        box.addLayout(rule_row)
        self.guidance = label("itemGuidance", rich=True, style="color: #444;")
        box.addWidget(self.guidance)
        self.hint = label("itemHint", rich=True, style="color: #444;")
        box.addWidget(self.hint)
        self.source = label("itemSource", style="color: #1565c0; font-style: italic;")
        box.addWidget(self.source)
        self.problem = label("itemProblem", style="color: #b00020;")
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
        self.explanation_title = label("explanationTitle", rich=True)
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
