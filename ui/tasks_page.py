"""The "Kế hoạch nhiệm vụ" page: the overview tab and one tab per domain, as ``ui.pages`` sees them."""
from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from cchc_desktop.i18n import tr


class TasksPage(QWidget):
    """Holds the window's tabs (the window builds and fills them: they follow the plan picked)."""

    def __init__(self, window):
        super().__init__()
        self.tabs = window.tabs
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def page_title(self) -> str:
        page = self.tabs.currentWidget()
        domain = getattr(page, "domain", None)
        return domain.title if domain is not None else tr("Tổng quan")

    def reload(self) -> None:
        page = self.tabs.currentWidget()
        view = page.ensure_view() if hasattr(page, "ensure_view") else page
        view.reload()

    def flush(self, *, now: bool = False) -> None:
        """The task forms save with their own button: nothing is waiting here."""

    def unsaved(self) -> str:
        return ""
