"""Shared fixtures: isolated databases, the shipped rules, the demo database (built once)."""

from __future__ import annotations

import gc
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.rulebook.loader import RuleSet, load_ruleset
from auditor.tui import GC_THRESHOLDS

# As `auditor tui` runs: most of the suite drives Textual apps, and at Python's default
# thresholds the collector took ~12% of the suite's CPU. No test depends on when it runs.
gc.set_threshold(*GC_THRESHOLDS)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No test touches the user's real database or data folder."""
    monkeypatch.setenv("AUDITOR_DB", str(tmp_path / "default-db" / "auditor.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    yield


@pytest.fixture(scope="session")
def shipped_rules() -> RuleSet:
    return load_ruleset()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database (fixtures/demo), built once per test process; tests get copies."""
    from auditor.demo import build_demo

    db = tmp_path_factory.mktemp("demo-template") / "auditor.json"
    build_demo(db)
    return db.parent


@pytest.fixture
def demo_db(_demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo database in tmp_path (its folder: data, rules, backups)."""
    folder = tmp_path / "demo"
    # the rule cache is left behind: it is keyed by the folder it was compiled for
    shutil.copytree(_demo_template, folder, ignore=shutil.ignore_patterns(".cache", "*.lock"))
    return folder / "auditor.json"
