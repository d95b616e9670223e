"""Small widgets shared by the views and dialogs."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetrics, QGuiApplication, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QFrame, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QSizePolicy, QStyledItemDelegate, QTableWidget, QToolButton,
                               QVBoxLayout, QWidget)
# The calendar, message boxes, completer and button box are imported where they are used: a Qt class's first
# import builds its Python enums, which start-up need not pay for widgets it does not show.
if TYPE_CHECKING:
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDialogButtonBox

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import format_date, parse_date, tr
from cchc_desktop.workspace import Clock

_clock: Clock | None = None      # the application's clock (``use_clock``): "today" as tests and screenshots pin it


def use_clock(clock: Clock) -> None:
    """Date fields open their calendar at, and default to, ``clock``'s today."""
    global _clock
    _clock = clock


def _today() -> date:
    return (_clock or Clock()).today()


class InvalidDate(ValidationError):
    """What the officer typed in a date field is not a date; ``widget`` is the field."""

    def __init__(self, message: str, widget: QWidget):
        super().__init__(message)      # the message already says how to write a date
        self.widget = widget


class DateField(QWidget):
    """A date typed as officers type it (8/1/2026, 08/01/2026, 08012026, 8-1-26) or picked on a calendar,
    shown as dd/mm/yyyy. Empty is allowed unless ``allow_blank`` is False; Delete clears it. Text that is
    not a date stays as typed, marked red with the reason, and ``value()`` refuses it."""

    dateChanged = Signal(object)          # date | None, after each change the officer commits

    def __init__(self, parent: QWidget | None = None, *, allow_blank: bool = True):
        super().__init__(parent)
        self.allow_blank = allow_blank
        self._value: date | None = None if allow_blank else _today()
        self._problem = ""
        self._earliest: date | None = None
        self._latest: date | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(tr("ngày/tháng/năm"))
        self.edit.editingFinished.connect(self._commit)
        self.edit.installEventFilter(self)
        layout.addWidget(self.edit, 1)
        self.button = QToolButton()
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setToolTip(tr("Chọn ngày trên lịch"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.open_calendar)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)
        # a date is ten characters: the field never stretches across a form, nor down it
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("ngày/tháng/năm") + 60)
        self.popup: QFrame | None = None
        self._show()

    # ------------------------------------------------------------------ the value

    def value(self) -> date | None:
        """The date shown; None when empty. Raises ``InvalidDate`` while the text is not a date."""
        self._commit()
        if self._problem:
            raise InvalidDate(self._problem, self)
        return self._value

    def set_value(self, value: date | None) -> None:
        """Show ``value``; ``dateChanged`` is emitted when it differs (as QDateEdit.setDate does)."""
        if value is None and not self.allow_blank:
            value = _today()
        changed = value != self._value
        self._value, self._problem = value, ""
        self._show()
        if changed:
            self.dateChanged.emit(value)

    def set_range(self, earliest: date | None = None, latest: date | None = None) -> None:
        """Dates before ``earliest`` or after ``latest`` are refused with the reason."""
        self._earliest, self._latest = earliest, latest

    def problem(self) -> str:
        """Why the text is not accepted, or ""."""
        self._commit()
        return self._problem

    def is_blank(self) -> bool:
        """Nothing typed (never raises, unlike ``value``)."""
        return not self.edit.text().strip()

    def _commit(self) -> None:
        text = self.edit.text()
        if text == format_date(self._value) and not self._problem:
            return
        try:
            value = self._checked(parse_date(text))
        except ValueError as exc:
            self._problem = str(exc)
            self._mark()
            return
        changed = value != self._value
        self._value, self._problem = value, ""
        self._show()
        if changed:
            self.dateChanged.emit(value)

    def _checked(self, value: date | None) -> date | None:
        if value is None and not self.allow_blank:
            raise ValueError(tr("Ngày này không được để trống."))
        if value is not None and self._latest is not None and value > self._latest:
            raise ValueError(tr("Ngày {d} sau ngày {last}: hãy chọn ngày không muộn hơn.",
                                d=format_date(value), last=format_date(self._latest)))
        if value is not None and self._earliest is not None and value < self._earliest:
            raise ValueError(tr("Ngày {d} trước ngày {first}: hãy chọn ngày không sớm hơn.",
                                d=format_date(value), first=format_date(self._earliest)))
        return value

    def _show(self) -> None:
        self.edit.setText(format_date(self._value))
        self._mark()

    def _mark(self) -> None:
        self.edit.setStyleSheet("QLineEdit { border: 1px solid #b00020; }" if self._problem else "")
        self.edit.setToolTip(self._problem or tr("Gõ ngày, ví dụ 8/1/2026 hoặc 08012026; Delete để xóa; "
                                                 "Alt+↓ hoặc F4 để mở lịch"))

    # ------------------------------------------------------------------ keys and the calendar

    def eventFilter(self, watched, event) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            key, mods = event.key(), event.modifiers()
            if key == Qt.Key.Key_Delete and self.allow_blank and not self.edit.hasSelectedText():
                self.edit.clear()
                self._commit()
                return True
            if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier):
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)

    def open_calendar(self) -> None:
        """A month calendar under the field, at the date shown (today when empty), weeks from Monday."""
        from PySide6.QtCore import QDate
        from PySide6.QtWidgets import QCalendarWidget
        if self.popup is None:
            self.popup = QFrame(self, Qt.WindowType.Popup)
            self.popup.setFrameShape(QFrame.Shape.StyledPanel)
            box = QVBoxLayout(self.popup)
            box.setContentsMargins(2, 2, 2, 2)
            self.calendar = QCalendarWidget()
            self.calendar.setObjectName("dateFieldCalendar")
            self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            self.calendar.setGridVisible(True)
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)
            box.addWidget(self.calendar)
        shown = self._value or _today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self.popup.adjustSize()
        self.popup.move(self._popup_position(self.popup.sizeHint()))
        self.popup.show()
        self.calendar.setFocus()

    def _popup_position(self, size) -> QPoint:
        below = self.mapToGlobal(QPoint(0, self.height()))
        screen = (self.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        x = min(max(below.x(), screen.left()), screen.right() - size.width())
        y = below.y() if below.y() + size.height() <= screen.bottom() else self.mapToGlobal(QPoint(0, 0)).y() - size.height()
        return QPoint(x, max(screen.top(), y))

    def _picked(self, qdate: QDate) -> None:
        self.popup.hide()
        self.edit.setText(format_date(date(qdate.year(), qdate.month(), qdate.day())))
        self._commit()
        self.edit.setFocus()


def confirm(parent: QWidget, title: str, text: str, yes: str, informative: str = "") -> bool:
    """A Yes/No question with Vietnamese buttons; the default answer is the safe one."""
    from PySide6.QtWidgets import QMessageBox
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    if informative:
        box.setInformativeText(informative)
    ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(tr("Hủy"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is ok


def inform(parent: QWidget, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox
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


def refresh_field(widget: QWidget, value) -> None:
    """Show ``value`` in ``widget`` after a reload, unless the officer is in that field or it already shows
    it: rewriting the field being typed in moves the cursor (and an input method's unfinished letter)."""
    from PySide6.QtWidgets import QPlainTextEdit
    if widget.hasFocus() or widget.isAncestorOf(QApplication.focusWidget()):
        return
    if isinstance(widget, QPlainTextEdit):
        if widget.toPlainText() != value:
            widget.setPlainText(value)
    elif isinstance(widget, QComboBox):
        if widget.currentText() != value:
            widget.setEditText(value)
    elif isinstance(widget, DateField):
        widget.set_value(value)         # says nothing when the date is the same
    elif widget.text() != value:
        widget.setText(value)


def editable_combo(items) -> QComboBox:
    """A combo box the officer may type into, offering ``items`` (texts, or (text, data) pairs).

    Its suggestions pop up under it and are never typed into the field: Unikey and the Windows Vietnamese
    keyboard change a tone by sending Backspace and the new letter, and an inline suggestion ("Chủ tịch"
    with " tịch" selected) would take that Backspace, so "Chũ" became "Chủũ"."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    for item in items:
        text, data = item if isinstance(item, tuple) else (item, None)
        combo.addItem(text, data)
    from PySide6.QtWidgets import QCompleter
    completer = combo.completer()
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return combo


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


def close_buttons(dialog) -> QDialogButtonBox:
    """The "Đóng" button of a dialog that only shows things."""
    from PySide6.QtWidgets import QDialogButtonBox
    box = QDialogButtonBox()
    box.addButton(tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
    box.rejected.connect(dialog.reject)
    return box


class ColumnSharer(QObject):
    """A table's width shared fairly: columns sized to their contents, then the widest of the others
    narrowed (their text wraps) until column ``stretch`` keeps at least ``minimum`` pixels and 40 % of
    the width; ``stretch`` takes what is left. Columns in ``keep`` (dates, numbers) are never narrowed.
    Applied again whenever the table is resized. Full texts stay in tooltips."""

    NARROWEST = 56
    SHARE = 0.4                 # of the table's width, for column ``stretch`` at least
    applied = Signal()          # row heights may have changed

    def __init__(self, table: QAbstractItemView, stretch: int, minimum: int = 220, keep: tuple[int, ...] = (),
                 preferred: dict[int, int] | None = None):
        """``preferred``: the widths columns start from (a tree's); by default, their contents'."""
        super().__init__(table)
        self.table, self.stretch, self.minimum, self.keep = table, stretch, minimum, set(keep)
        self.preferred = preferred
        self.header = table.header() if hasattr(table, "header") else table.horizontalHeader()
        table.setWordWrap(True)
        self.header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        # One sharing per burst of resizes: showing a window resizes a table several times in a row, and
        # each sharing measures every row.
        self._resized = QTimer(self)
        self._resized.setSingleShot(True)
        self._resized.setInterval(0)
        self._resized.timeout.connect(self.apply)
        self._pending = False       # filled while hidden: shared when it shows
        # The header spans the viewport: it shows with the table and is resized with the viewport (a scroll bar
        # that comes or goes included). Asking for the viewport itself would make PySide look up which of
        # QtWidgets' hundred widget classes it is, building each one's enums (~8 ms at the first table).
        self.header.installEventFilter(self)

    def refresh(self) -> None:
        """Share the width now if the table is on screen, else when it shows: a hidden table would measure
        every row (a shown one measures the rows in view), and its width is not yet the one it will have."""
        if self.table.isVisible():
            self.apply()
        else:
            self._pending = True

    def apply(self) -> None:
        self._resized.stop()
        self._pending = False
        table, header = self.table, self.header
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        if self.preferred is None:      # column ``stretch`` takes what is left: its contents are not measured
            for column in range(header.count()):
                if column != self.stretch and not header.isSectionHidden(column):
                    table.resizeColumnToContents(column)
        else:
            for column, width in self.preferred.items():
                table.setColumnWidth(column, width)
        shown = [c for c in range(header.count()) if c != self.stretch and not header.isSectionHidden(c)]
        widths = {c: header.sectionSize(c) for c in shown if c not in self.keep}   # dates, numbers: never cut
        viewport = header.width()       # the viewport's width (see __init__)
        wanted = max(self.minimum, int(viewport * self.SHARE))      # the column that matters gets room to read
        room = viewport - wanted - sum(header.sectionSize(c) for c in self.keep)
        cap = _cap(list(widths.values()), room, self.NARROWEST)
        for column, width in widths.items():
            if width > cap:
                table.setColumnWidth(column, cap)
        header.setSectionResizeMode(self.stretch, QHeaderView.ResizeMode.Stretch)
        header.setMinimumHeight(self._header_height())
        if hasattr(table, "resizeRowsToContents"):
            table.resizeRowsToContents()
        else:
            table.doItemsLayout()          # a tree's rows take their heights from its delegates
        self.applied.emit()

    def _header_height(self) -> int:
        """Tall enough for the header's wrapped titles (QHeaderView sizes itself for one line)."""
        header, model = self.header, self.table.model()
        metrics = header.fontMetrics()
        flags = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)
        tallest = max((metrics.boundingRect(0, 0, max(header.sectionSize(c) - 8, 8), 2000, flags,
                                            str(model.headerData(c, Qt.Orientation.Horizontal) or "")).height()
                       for c in range(header.count()) if not header.isSectionHidden(c)), default=0)
        return tallest + 8

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if (kind == QEvent.Type.Show and self._pending) or (
                kind == QEvent.Type.Resize and event.oldSize().width() != event.size().width()):
            self._resized.start()
        return False


def _cap(widths: list[int], room: int, floor: int) -> int:
    """The widest a column may be so that all fit in ``room``: the narrow ones keep their width and the
    wide ones share the rest equally (never under ``floor``)."""
    remaining, ordered = room, sorted(widths)
    for index, width in enumerate(ordered):
        share = remaining // (len(ordered) - index)
        if width > share:
            return max(floor, share)
        remaining -= width
    return max(ordered, default=floor)


class WrappingDelegate(QStyledItemDelegate):
    """Cells whose text wraps onto as many lines as it needs at the column's current width (a view's
    own size hint measures one line). The view re-lays rows out when a column is resized."""

    MARGIN = 6

    def __init__(self, view: QAbstractItemView):
        super().__init__(view)
        self.view = view
        view.setWordWrap(True)
        # One relayout per burst of column resizes (a window drag resizes the stretched column many times,
        # and each wrapping column would otherwise lay every row out again).
        relayout = view.findChild(QTimer, "wrapRelayout")
        if relayout is None:
            relayout = QTimer(view)
            relayout.setObjectName("wrapRelayout")
            relayout.setSingleShot(True)
            relayout.setInterval(0)
            relayout.timeout.connect(view.doItemsLayout)
            header = view.header() if hasattr(view, "header") else view.horizontalHeader()
            header.sectionResized.connect(relayout.start)

    def sizeHint(self, option, index):  # noqa: N802
        size = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text:
            return size
        width = self._text_width(index)
        metrics = QFontMetrics(index.data(Qt.ItemDataRole.FontRole) or option.font)
        flags = int(Qt.TextFlag.TextWordWrap)
        height = metrics.boundingRect(0, 0, max(width, 20), 100000, flags, text).height() + self.MARGIN
        return QSize(size.width(), max(size.height(), height))

    def _text_width(self, index) -> int:
        width = self.view.columnWidth(index.column()) - 2 * self.MARGIN
        if index.column() == 0 and hasattr(self.view, "indentation"):    # a tree's first column is indented
            depth, parent = 1, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= depth * self.view.indentation()
        return width
