"""What a benchmark run works with: its sizes and run counts, and its synthetic databases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import data, synth
from bench.timing import isolated_env


@dataclass(frozen=True)
class Plan:
    quick: bool
    runs_process: int
    """Runs of the short whole-process cases (check, remind, the floors)."""
    runs_call: int
    """Runs of in-process calls (evaluate, store)."""
    runs_heavy: int
    """Runs of the slow cases (import, PDF, TUI)."""
    cli_size: int
    eval_sizes: tuple[int, ...]
    store_size: int
    import_size: int
    pdf_half_size: int
    pdf_year_size: int
    tui_size: int
    memory_size: int
    large_size: int = 100_000
    """The 100k-record budgets (a unit's decades, a superior's roll-up)."""


FULL = Plan(False, 9, 5, 3, 3000, (1000, 10000, 100000), 10000, 10000, 300, 3000, 3000, 100000)
QUICK = Plan(True, 1, 1, 1, 300, (300, 1000, 3000), 1000, 1000, 300, 300, 300, 3000, large_size=3000)


class Workspace:
    """A temp folder of synthetic databases, each built once per run and shared by cases."""

    def __init__(self, root: Path, seed: int = 0) -> None:
        self.root = root
        self.seed = seed
        self._docs: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
        self._dbs: dict[tuple[Any, ...], Path] = {}

    def docs(
        self, n: int, years: Sequence[int] = synth.YEARS, until: dt.date | None = synth.AS_OF
    ) -> list[dict[str, Any]]:
        key = (n, tuple(years), until)
        if key not in self._docs:
            self._docs[key] = synth.generate_n(n, seed=self.seed, years=years, until=until)
        return self._docs[key]

    def db(
        self, n: int, years: Sequence[int] = synth.YEARS, until: dt.date | None = synth.AS_OF
    ) -> Path:
        """A database of exactly ``n`` records (built untimed, with one write)."""
        key = (n, tuple(years), until)
        if key not in self._dbs:
            folder = self.root / f"db-{n}-{'-'.join(map(str, years))}-{until or 'all'}"
            self._dbs[key] = data.build_db(folder / "auditor.json", self.docs(n, years, until))
        return self._dbs[key]

    def fresh_db(self, name: str) -> Path:
        """A new database holding only the unit profile (for imports)."""
        return data.build_db(self.root / name / "auditor.json", [])

    def env(self, db: Path | None = None) -> dict[str, str]:
        return isolated_env(self.root, db)
