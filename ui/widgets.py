"""Small widgets shared by the views and dialogs."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QDateEdit, QDialog, QDialogButtonBox, QHBoxLayout, QLabel,
                               QMessageBox, QPushButton, QTableWidget, QWidget)

from cchc_desktop.i18n import tr

_BLANK = QDate(1900, 1, 1)
_LAST = QDate(2100, 12, 31)     # dates past 2100 (or before 2000) are refused with the reason when saved


class DateField(QDateEdit):
    """dd/MM/yyyy with a calendar, and a real blank (an empty date is not 01/01/2000)."""

    def __init__(self, parent: QWidget | None = None, *, allow_blank: bool = True):
        super().__init__(parent)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setCalendarPopup(True)
        self.allow_blank = allow_blank
        self.setMaximumDate(_LAST)
        if not allow_blank:
            self.setMinimumDate(QDate(2000, 1, 1))
        if allow_blank:
            self.setMinimumDate(_BLANK)
            self.setSpecialValueText(tr("(chưa có)"))
            self.setDate(_BLANK)
        self.calendarWidget().setFirstDayOfWeek(Qt.DayOfWeek.Monday)

    def value(self) -> date | None:
        qdate = self.date()
        if self.allow_blank and qdate == _BLANK:
            return None
        return date(qdate.year(), qdate.month(), qdate.day())

    def set_value(self, value: date | None) -> None:
        if value is None:
            self.setDate(_BLANK if self.allow_blank else QDate.currentDate())
        else:
            self.setDate(QDate(value.year, value.month, value.day))


def confirm(parent: QWidget, title: str, text: str, yes: str, informative: str = "") -> bool:
    """A Yes/No question with Vietnamese buttons; the default answer is the safe one."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    if informative:
        box.setInformativeText(informative)
    ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(tr("Hủy"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is ok


def inform(parent: QWidget, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
    box.addButton(tr("Đóng"), QMessageBox.ButtonRole.AcceptRole)
    box.open()


class ErrorLabel(QLabel):
    """The red line under a form that says what is wrong, in place of a popup."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #b00020;")
        self.setObjectName("formError")
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class Banner(QWidget):
    """A coloured strip across the top of a view with an optional action button."""

    action = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAutoFillBackground(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        layout.addWidget(self.label, 1)
        self.button = QPushButton()
        self.button.clicked.connect(self.action)
        layout.addWidget(self.button)
        self.hide()

    def show_message(self, text: str, button: str = "", colour: str = "#fff4ce") -> None:
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(colour))
        self.setPalette(palette)
        self.label.setText(text)
        self.button.setText(button)
        self.button.setVisible(bool(button))
        self.show()


def read_only_table(headers, name: str, *, stretch_last: bool = True) -> QTableWidget:
    """A table of whole rows to look at and pick from, never typed into."""
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels([tr(h) for h in headers])
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setStretchLastSection(stretch_last)
    return table


def close_buttons(dialog: QDialog) -> QDialogButtonBox:
    """The "Đóng" button of a dialog that only shows things."""
    box = QDialogButtonBox()
    box.addButton(tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
    box.rejected.connect(dialog.reject)
    return box
