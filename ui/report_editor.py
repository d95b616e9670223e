"""The two editors of the reports page: the document's particulars (number, date, recipients,
signer) and one section's prose with its data fields."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QMenu, QPlainTextEdit, QPushButton, QStyle, QToolButton,
                               QVBoxLayout, QWidget)

from cchc_desktop.i18n import tr
from cchc_desktop.reports.context import FIELD_HELP, Draft
from cchc_desktop.reports.kinds import PERIODIC
from ui.widgets import DateField, ErrorLabel, editable_combo, refresh_field

AUTHORITIES = ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH")
POSITIONS = ("CHỦ TỊCH", "PHÓ CHỦ TỊCH")


def _text_box(lines: int, placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


class MetaForm(QWidget):
    """Số, ký hiệu, ngày; kính gửi; nơi nhận; người ký. ``edited`` fires on every change."""

    edited = Signal()
    next_number_wanted = Signal()
    charts_toggled = Signal(bool)     # the periodic report's appendix of charts wanted or not

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        form = QFormLayout(self)
        number_row = QHBoxLayout()
        self.number = QLineEdit()
        self.number.setObjectName("reportNumber")
        self.number.setValidator(QIntValidator(0, 99999, self))
        self.number.setPlaceholderText(tr("do văn thư cấp"))
        self.number.setMaximumWidth(110)
        self.symbol = QLineEdit()
        self.symbol.setMaximumWidth(130)
        self.next_button = QPushButton(tr("Lấy số tiếp theo"))
        number_row.addWidget(self.number)
        number_row.addWidget(QLabel("/"))
        number_row.addWidget(self.symbol)
        number_row.addWidget(self.next_button)
        number_row.addStretch(1)
        form.addRow(tr("Số, ký hiệu:"), number_row)
        self.issued_on = DateField()
        self.issued_on.setObjectName("reportDate")
        form.addRow(tr("Ngày ban hành:"), self.issued_on)
        self.addressees = _text_box(2, tr("Để trống nếu không có “Kính gửi”; mỗi nơi một dòng"))
        form.addRow(tr("Kính gửi:"), self.addressees)
        self.recipients = _text_box(6, tr("Mỗi nơi nhận một dòng; dòng cuối là “Lưu: VT, …”"))
        self.recipients.setObjectName("reportRecipients")
        form.addRow(tr("Nơi nhận:"), self.recipients)
        self.authority = editable_combo([(item.replace("\n", " / "), item) for item in AUTHORITIES])
        form.addRow(tr("Thẩm quyền ký:"), self.authority)
        self.position = editable_combo([tr(p) for p in POSITIONS])
        form.addRow(tr("Chức vụ người ký:"), self.position)
        self.signer = QLineEdit()
        self.signer.setObjectName("reportSigner")
        form.addRow(tr("Họ tên người ký:"), self.signer)
        self.with_charts = QCheckBox(tr("Kèm phụ lục biểu đồ (tiến độ, nhiệm vụ quá hạn, chỉ tiêu chủ yếu)"))
        self.with_charts.setObjectName("reportWithCharts")
        self.with_charts.setToolTip(tr("Một trang biểu đồ sau các phụ lục: tiến độ theo lĩnh vực, nhiệm vụ quá hạn theo "
                                       "đơn vị chủ trì, chỉ tiêu chủ yếu qua các kỳ, tính đến ngày chốt số liệu của kỳ. "
                                       "Lựa chọn được ghi nhớ cho báo cáo này."))
        form.addRow(tr("Phụ lục:"), self.with_charts)
        self.with_charts_label = form.labelForField(self.with_charts)
        self.with_charts.toggled.connect(lambda on: None if self._loading else self.charts_toggled.emit(on))
        self.error = ErrorLabel()
        form.addRow(self.error)
        self.hint = QLabel(tr("Mọi thay đổi được lưu ngay. Số và ngày thường để trống đến khi văn thư cấp số."))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        form.addRow(self.hint)
        self.field_widgets = {"number": self.number, "symbol": self.symbol, "issued_on": self.issued_on,
                              "recipients": self.recipients, "signer_name": self.signer}
        for signal in (self.number.textEdited, self.symbol.textEdited, self.addressees.textChanged,
                       self.recipients.textChanged, self.authority.editTextChanged,
                       self.position.editTextChanged, self.signer.textEdited):
            signal.connect(self._changed)
        self.issued_on.dateChanged.connect(self._changed)
        self.next_button.clicked.connect(self.next_number_wanted)
        self._loading = False

    def _changed(self, *_args) -> None:
        if not self._loading:
            self.error.show_message("")
            self.edited.emit()

    def show_draft(self, draft: Draft, numbered: bool) -> None:
        self._loading = True
        try:
            for widget, value in ((self.number, draft.number), (self.symbol, draft.symbol),
                                  (self.issued_on, draft.issued_on), (self.addressees, draft.addressees),
                                  (self.recipients, draft.recipients),
                                  (self.authority, draft.signer_authority.replace("\n", " / ")),
                                  (self.position, draft.signer_position), (self.signer, draft.signer_name)):
                refresh_field(widget, value)
            for widget in (self.number, self.symbol, self.next_button, self.addressees, self.recipients):
                widget.setEnabled(numbered)
            periodic = draft.kind == PERIODIC
            self.with_charts.setVisible(periodic)
            self.with_charts_label.setVisible(periodic)
            if self.with_charts.isChecked() != draft.with_charts:
                self.with_charts.setChecked(draft.with_charts)
        finally:
            self._loading = False

    def read_into(self, draft: Draft) -> Draft:
        draft.number, draft.symbol = self.number.text(), self.symbol.text()
        if not self.issued_on.problem():     # text that is not a date leaves the saved date as it was
            draft.issued_on = self.issued_on.value()
        draft.addressees, draft.recipients = self.addressees.toPlainText(), self.recipients.toPlainText()
        draft.signer_authority = self.authority.currentText().replace(" / ", "\n")
        draft.signer_position, draft.signer_name = self.position.currentText(), self.signer.text()
        return draft

    def show_refusal(self, exc) -> None:
        self.error.show_message(str(exc))
        widget = getattr(exc, "widget", None) or self.field_widgets.get(getattr(exc, "field", ""))
        if widget is not None:
            widget.setFocus()


class SectionEditor(QWidget):
    """One section's text. "{hoàn thành}" style fields are refilled from the data on every print."""

    edited = Signal()
    reset_wanted = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.title.setStyleSheet("font-weight: bold; font-size: 11pt;")
        column.addWidget(self.title)
        self.text = QPlainTextEdit()
        self.text.setObjectName("sectionText")
        self.shown_key: str | None = None       # the section whose text the editor holds
        column.addWidget(self.text, 1)
        row = QHBoxLayout()
        self.with_lists = QCheckBox(tr("Kèm danh sách nhiệm vụ và số liệu lấy tự động từ dữ liệu"))
        row.addWidget(self.with_lists)
        row.addStretch(1)
        self.fields_button = QToolButton()
        self.fields_button.setText(tr("Chèn số liệu"))
        self.fields_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.fields_menu = QMenu(self)
        self.fields_button.setMenu(self.fields_menu)
        row.addWidget(self.fields_button)
        self.reset_button = QPushButton(tr("Dùng lại bản soạn tự động"))
        self.reset_button.setObjectName("resetSection")
        row.addWidget(self.reset_button)
        column.addLayout(row)
        hint = QLabel(tr("Mỗi dòng là một đoạn; dòng bắt đầu bằng “- ” là một gạch đầu dòng. Chỗ ghi {hoàn thành}, "
                         "{III.4.1}… được thay bằng số liệu mới nhất mỗi lần in."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        column.addWidget(hint)
        self.text.textChanged.connect(self._changed)
        self.with_lists.toggled.connect(self._changed)
        self.reset_button.clicked.connect(self.reset_wanted)
        self._loading = False
        self._fill_fields_menu([])

    def _fill_fields_menu(self, codes: list[tuple[str, str]]) -> None:
        menu = self.fields_menu
        menu.clear()
        for name, help_text in FIELD_HELP.items():
            action = menu.addAction(f"{{{name}}} — {tr(help_text)}")
            action.triggered.connect(lambda _c=False, n=name: self.insert_field(n))
        if codes:
            stats = menu.addMenu(tr("Chỉ tiêu thống kê"))
            for code, name in codes:
                action = stats.addAction(f"{{{code}}} — {name[:60]}")
                action.triggered.connect(lambda _c=False, n=code: self.insert_field(n))

    def set_indicators(self, codes: list[tuple[str, str]]) -> None:
        self._fill_fields_menu(codes)

    def insert_field(self, name: str) -> None:
        self.text.insertPlainText(f"{{{name}}}")
        self.text.setFocus()

    def _changed(self, *_args) -> None:
        if not self._loading:
            self.edited.emit()

    def show_section(self, state) -> None:
        self._loading = True
        try:
            self.title.setText(state.title + (tr("  (đã sửa)") if state.edited else tr("  (soạn tự động)")))
            if state.key != self.shown_key:         # another section: its own text, whatever has focus
                self.shown_key = state.key
                self.text.setPlainText(state.text)
            else:                                   # the same one reloaded: never under the cursor
                refresh_field(self.text, state.text)
            self.with_lists.setVisible(state.has_lists)
            self.with_lists.setChecked(state.with_lists)
            self.reset_button.setEnabled(state.edited)
        finally:
            self._loading = False


def show_problems(box: QListWidget, problems) -> None:
    """What to look at before issuing: a stop sign for what blocks it, a warning sign for the rest."""
    box.clear()
    if not problems:
        box.addItem(tr("Không có điều gì cần xem lại."))
        return
    style = box.style()
    stop = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
    warn = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
    for problem in problems:
        item = QListWidgetItem(stop if problem.blocking else warn, f"{problem.section}: {problem.message}")
        item.setData(Qt.ItemDataRole.UserRole, problem.section)
        box.addItem(item)
