"""Every test gets its own data folder and database; Qt runs offscreen."""
from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("CCHC_TODAY", None)
os.environ["CCHC_BUNDLED_FONT"] = "1"   # the same font on every machine: page breaks are reproducible

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cchc_desktop.model import PlanInput  # noqa: E402
from cchc_desktop.workspace import Clock, Workspace  # noqa: E402

SEEDS = Path(__file__).parent / "data" / "seeds"
TODAY = date(2026, 11, 25)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "dữ liệu CCHC"  # a Vietnamese name with a space, on purpose
    return path


@pytest.fixture
def workspace(data_dir: Path) -> Workspace:
    ws = Workspace(data_dir)
    ws.prepare()
    return ws


@pytest.fixture
def session(workspace: Workspace):
    with workspace.session(Clock(TODAY)) as s:
        yield s


@pytest.fixture
def plan_id(session) -> int:
    return session.plans.create(PlanInput("Kế hoạch CCHC năm 2026", 2026, "CCHC", "235/KH-UBND", date(2026, 1, 8)))


@pytest.fixture
def demo(session) -> int:
    from cchc_desktop.services.demo import DemoLoader
    plan, _ = DemoLoader(session).load()
    return plan


@pytest.fixture(autouse=True)
def _no_cached_results_under_mutation():
    """Under mutmut (which forks each mutant from a process whose clean run filled the caches), every
    ``lru_cache`` of the core starts empty: a mutated parser must really run, not answer from the cache."""
    if not os.environ.get("MUTANT_UNDER_TEST"):     # read per test: mutmut sets it in each fork
        yield
        return
    for module in [m for name, m in sys.modules.items() if name.startswith("cchc_desktop")]:
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", "") == module.__name__:
                value.cache_clear()
    yield
