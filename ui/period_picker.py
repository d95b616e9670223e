"""Year and reporting period, as the statistics form and the reports pick them."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from cchc_desktop.i18n import tr
from cchc_desktop.services.periods import KIND_LABELS, STATUS_LABELS


class PeriodPicker(QWidget):
    """``picked(period_id)`` fires when the officer chooses a period (or the year's list is refilled)."""

    picked = Signal(int)

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(tr("Kỳ báo cáo:")))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(ctx.clock.today().year)
        row.addWidget(self.year)
        self.period = QComboBox()
        self.period.setObjectName("periodCombo")
        self.period.setMinimumContentsLength(12)
        row.addWidget(self.period)
        self.period_id: int | None = None
        self.year.valueChanged.connect(lambda _y: self.fill(None))
        self.period.currentIndexChanged.connect(self._picked)

    def show_period(self, period_id: int) -> None:
        period = self.ctx.session.periods.get(period_id)
        self.year.blockSignals(True)
        self.year.setValue(period.year)
        self.year.blockSignals(False)
        self.fill(period_id)

    def fill(self, wanted: int | None) -> None:
        """List the year's periods (making its calendar on first use) and pick ``wanted`` or the current one."""
        session = self.ctx.session
        year = self.year.value()
        periods = session.periods.list(year)
        if not periods:
            self.ctx.jobs.run(tr("Lập lịch báo cáo năm {y}", y=year), lambda s, _r: s.periods.ensure_year(year),
                              on_success=lambda _p: self.fill(wanted), parent=self)
            return
        if wanted is None:
            current = session.periods.current(self.ctx.clock.today())
            wanted = current.id if current and current.year == year else periods[0].id
        combo = self.period
        combo.blockSignals(True)
        combo.clear()
        for period in periods:
            status = tr(STATUS_LABELS[session.periods.status(period)])
            combo.addItem(f"{tr(KIND_LABELS[period.kind])} — {status}", period.id)
        combo.setCurrentIndex(max(0, combo.findData(wanted)))
        combo.blockSignals(False)
        self._picked()

    def _picked(self) -> None:
        self.period_id = self.period.currentData()
        if self.period_id is not None:
            self.picked.emit(self.period_id)
