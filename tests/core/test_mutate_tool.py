"""Issue 18.1: the mutation tool's bookkeeping — what it asks mutmut to mutate and test, and how it scores."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _tool():
    spec = importlib.util.spec_from_file_location("mutate_tool", ROOT / "tools" / "mutate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module          # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_every_area_of_the_issue_is_covered_by_existing_tests():
    tool = _tool()
    assert set(tool.AREAS) == {"deadlines", "statistics", "tasks", "evidence-safety", "analysis", "periodic"}
    for modules, tests in tool.AREAS.values():
        assert all(list(ROOT.glob(m)) for m in modules), modules
        assert all((ROOT / t).exists() for t in tests), tests


def test_the_config_mutates_only_the_area_and_runs_only_its_tests():
    config = _tool()._config(["cchc_desktop/deadlines.py"], ["tests/core/test_deadlines.py"])
    assert "only_mutate=\n    cchc_desktop/deadlines.py\n" in config
    assert "    tests/core/test_deadlines.py\n" in config and "test_tasks.py" not in config


def test_a_missing_test_file_is_refused_rather_than_quietly_dropped():
    with pytest.raises(FileNotFoundError, match="nope.py"):
        _tool()._config(["cchc_desktop/deadlines.py"], ["tests/core/test_deadlines.py", "tests/core/nope.py"])


def test_equivalent_mutants_are_counted_apart_never_as_killed():
    tool = _tool()
    outcome = tool.Outcome("x", {"killed": 80, "survived": 15, "no tests": 5}, equivalent=5)
    assert outcome.score == 80 / 95
    row = tool.table([outcome]).splitlines()[-1]
    assert "| 100 | 80 | 10 | 5 | 5 | 84.2 % | có |" in row
