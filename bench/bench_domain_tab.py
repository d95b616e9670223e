"""With 3,000 synthetic tasks in one domain: opening the tab and one search keystroke.

Baselines, measured in the same run on the same rows: the textbook Qt way (a
QStandardItemModel tree, and QSortFilterProxyModel's built-in C++ string filter, which
cannot ignore Vietnamese diacritics).
"""
from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from bench.common import Result, median_time

TASKS, CHILDREN = 3000, 4


def _make_plan(session) -> int:
    from cchc_desktop.model import PlanInput, TaskInput
    plan_id = session.plans.create(PlanInput("Kế hoạch thử tải", 2026))
    deadlines = ("Quý I/2026", "Thường xuyên", "Trước ngày 10/01/2026", "Tháng 7-10/2026", "Hằng quý, năm")
    with session.transaction():
        parent = None
        for i in range(TASKS):
            is_child = i % (CHILDREN + 1) != 0
            task_id = session.tasks.add(TaskInput(
                plan_id, "PAR", "III", f"Nhiệm vụ cải cách thủ tục hành chính số {i}: rà soát, đơn giản hóa "
                f"và công khai kết quả giải quyết hồ sơ", parent if is_child else None,
                product="Báo cáo kết quả", deadline_text=deadlines[i % len(deadlines)],
                lead_ids=[1 + i % 4], coordinator_ids=[9, 10]))
            if not is_child:
                parent = task_id
    return plan_id


def _baseline_tree(rows):
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTreeView
    model = QStandardItemModel()
    items = {}
    for r in rows:
        cells = [QStandardItem(t) for t in (r.code, r.name, r.lead_names, r.coordinator_names, r.deadline_text,
                                            r.product, r.status, str(r.evidence_count))]
        items[r.id] = cells[0]
        (items[r.parent_id] if r.parent_id in items else model.invisibleRootItem()).appendRow(cells)
    view = QTreeView()
    view.setUniformRowHeights(True)
    view.setModel(model)
    view.expandAll()
    return model, view


def run(repeat: int = 7) -> list[Result]:
    from PySide6.QtCore import QSortFilterProxyModel
    from cchc_desktop.workspace import Clock, Workspace
    from ui.app import make_application
    from ui.context import AppContext
    from ui.main_window import MainWindow

    make_application()
    workspace = Workspace(Path(tempfile.mkdtemp(prefix="cchc-bench-")) / "dữ liệu")
    workspace.prepare()
    with workspace.session() as session:
        plan_id = _make_plan(session)
    ctx = AppContext(workspace, Clock(date(2026, 11, 25)))
    window = MainWindow(ctx)
    window.resize(1366, 768)
    window.show()
    ctx.set_plan(plan_id)
    page = window.pages[("PAR", "III")]
    view = window.view_for("PAR", "III")

    def open_tab():
        window.tabs.setCurrentIndex(0)
        window._stale.add(view)              # as after any change to the data
        window.tabs.setCurrentWidget(page)   # reloads the stale tab
        view.ui.tree.viewport().repaint()

    def baseline_open():
        rows = ctx.session.tasks.rows(plan_id, "PAR", "III")
        _model, tree = _baseline_tree(rows)
        tree.resize(view.ui.tree.size())
        tree.show()
        tree.viewport().repaint()
        tree.close()

    tab = median_time(open_tab, repeat)
    tab_base = median_time(baseline_open, repeat)

    words = iter(["cai cach", "cải cách thủ", "ra soat", "số 12", "cong khai ket qua", "nhiem vu 2999", "x"] * 10)

    def keystroke():
        view.ui.search.setText(next(words))
        view.ui.tree.viewport().repaint()

    model, base_tree = _baseline_tree(ctx.session.tasks.rows(plan_id, "PAR", "III"))
    proxy = QSortFilterProxyModel()
    proxy.setRecursiveFilteringEnabled(True)
    proxy.setFilterKeyColumn(1)
    proxy.setSourceModel(model)
    base_tree.setModel(proxy)
    base_tree.show()
    base_words = iter(["cải cách", "rà soát", "số 12", "công khai", "nhiệm vụ 2999", "x"] * 10)

    def baseline_keystroke():
        proxy.setFilterFixedString(next(base_words))
        base_tree.expandAll()
        base_tree.viewport().repaint()

    key = median_time(keystroke, repeat)
    key_base = median_time(baseline_keystroke, repeat)
    base_tree.close()
    window.close()
    return [
        Result(f"Mở tab lĩnh vực có {TASKS:,} nhiệm vụ".replace(",", "."), tab,
               "QTreeView + QStandardItemModel", tab_base, "< 100 ms", tab < 0.100),
        Result("Một lần gõ phím tìm kiếm (không dấu)", key, "bộ lọc chuỗi C++ của Qt (phân biệt dấu)", key_base,
               "< 100 ms", key < 0.100),
    ]


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for r in run():
        print(r)
