"""Plain helpers for tests (fixtures live in conftest.py): paths, the demo's day, records."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

from auditor.model import Record

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
DEMO_AS_OF = dt.date(2026, 11, 22)

_ids = itertools.count(1)


def rec(day: str | dt.date, kind: str, title: str = "", **fields: Any) -> Record:
    """A record for a test: ``rec("2026-03-05", "theme_day", present=10, expected=12)``."""
    date = dt.date.fromisoformat(day) if isinstance(day, str) else day
    return Record(id=fields.pop("id", f"T{next(_ids):04d}"), date=date, kind=kind,
                  title=title or kind, **fields)
