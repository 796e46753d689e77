"""Shared fixtures: isolated databases, the shipped rules, records written in the test."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from auditor.model import Record
from auditor.rulebook.loader import RuleSet, load_ruleset

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
DEMO_AS_OF = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No test touches the user's real database or data folder."""
    monkeypatch.setenv("AUDITOR_DB", str(tmp_path / "default-db" / "auditor.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    yield


@pytest.fixture(scope="session")
def shipped_rules() -> RuleSet:
    return load_ruleset()


_ids = itertools.count(1)


def rec(day: str | dt.date, kind: str, title: str = "", **fields: Any) -> Record:
    """A record for a test: ``rec("2026-03-05", "theme_day", present=10, expected=12)``."""
    date = dt.date.fromisoformat(day) if isinstance(day, str) else day
    return Record(id=fields.pop("id", f"T{next(_ids):04d}"), date=date, kind=kind,
                  title=title or kind, **fields)


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    """A fresh copy of the demo database (fixtures/demo) in tmp_path."""
    from auditor.demo import build_demo

    db = tmp_path / "demo" / "auditor.json"
    build_demo(db)
    return db
