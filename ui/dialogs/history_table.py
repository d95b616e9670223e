"""The audit trail of one record: when, which officer, what, old value → new value."""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem, QWidget

from cchc_desktop.i18n import format_date, format_datetime, tr
from cchc_desktop.model import STATUS_LABELS, AuditEntry
from cchc_desktop.services.audit import ACTION_LABELS, FIELD_LABELS
from ui.widgets import ColumnSharer

HEADERS = ("Thời điểm", "Cán bộ", "Thao tác", "Mục", "Giá trị cũ", "Giá trị mới")


def _readable(field: str | None, value: str | None) -> str:
    if value is None:
        return ""
    if field == "status":
        return tr(STATUS_LABELS.get(value, value))
    if field in ("completed_on", "issued_on", "doc_date") and len(value) == 10:
        return format_date(value)
    return value


class HistoryTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, len(HEADERS), parent)
        self.setObjectName("historyTable")
        self.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        # the new value gets the room; the others wrap; the time is never cut
        self.columns = ColumnSharer(self, stretch=len(HEADERS) - 1, minimum=160, keep=(0,))

    def set_entries(self, entries: list[AuditEntry]) -> None:
        self.setRowCount(len(entries))
        for i, e in enumerate(entries):
            entity = {"evidence": tr("Minh chứng: "), "unit": tr("Đơn vị: ")}.get(e.entity, "")
            values = (format_datetime(e.at), e.officer, tr(ACTION_LABELS.get(e.action, e.action)),
                      entity + tr(FIELD_LABELS.get(e.field or "", e.field or "")),
                      _readable(e.field, e.old_value), _readable(e.field, e.new_value))
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.setItem(i, column, item)
        self.columns.apply()
