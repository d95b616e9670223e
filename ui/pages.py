"""The pages of the window's left strip, and the one small protocol they share.

A page is a QWidget with:

- ``page_title() -> str``: what the window's title calls it ("Biểu thống kê");
- ``reload() -> None``: read again from the data (F5, and when a page subscribed to a kind of data sees
  it written);
- ``flush(now: bool = False) -> None``: write at once what is being typed (Ctrl+S, and before closing);
- ``unsaved() -> str``: what was typed but could not be saved (a date that is not one), or "".

Each page is listed once in ``PAGES``, with its label and icon in the strip and the function that builds
it (the first time it is shown). Adding a page is one new module and one line here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol

from PySide6.QtWidgets import QStyle, QWidget

TASKS, STATISTICS, REPORTS, ASSESSMENT = "tasks", "statistics", "reports", "assessment"


class Page(Protocol):
    def page_title(self) -> str: ...

    def reload(self) -> None: ...

    def flush(self, *, now: bool = False) -> None: ...

    def unsaved(self) -> str: ...


@dataclass(frozen=True)
class PageSpec:
    key: str
    label: str                                  # in the strip, may hold a line break (through tr())
    icon: QStyle.StandardPixmap
    build: Callable[[object], QWidget]          # the main window → the page


def _tasks(window) -> QWidget:
    return window.tasks_page


def _statistics(window) -> QWidget:
    from ui.statistics_view import StatisticsView
    return StatisticsView(window.ctx)


def _reports(window) -> QWidget:
    from ui.reports_view import ReportsView
    return ReportsView(window.ctx)


def _assessment(window) -> QWidget:
    from ui.assessment_page import AssessmentPage
    return AssessmentPage(window.ctx)


PAGES = (
    PageSpec(TASKS, "Kế hoạch\nnhiệm vụ", QStyle.StandardPixmap.SP_FileDialogDetailedView, _tasks),
    PageSpec(STATISTICS, "Biểu\nthống kê", QStyle.StandardPixmap.SP_FileDialogContentsView, _statistics),
    PageSpec(REPORTS, "Báo cáo", QStyle.StandardPixmap.SP_FileIcon, _reports),
    PageSpec(ASSESSMENT, "Chỉ số\nCCHC", QStyle.StandardPixmap.SP_DialogApplyButton, _assessment),
)
