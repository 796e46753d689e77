"""`auditor check` and `auditor remind` run from cron: they stay off the heavy libraries.

Textual, ReportLab, openpyxl, icalendar, python-docx, PyYAML and pendulum load only in
the faces that need them. The first run compiles the rule cache (that reads YAML);
the second, the usual cron case, must load none of them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import DEMO_AS_OF

HEAVY = ("textual", "reportlab", "openpyxl", "icalendar", "docx", "yaml", "pendulum")
WRITERS = ("tinydb", "auditor.store.backup", "shutil")
"""What only a write needs (TinyDB, backups, shutil with bz2 and lzma): a reader skips it."""


def heavy_modules(db: Path, *args: str, names: tuple[str, ...] = HEAVY) -> str:
    probe = (
        "import sys\nfrom auditor.cli.main import run\n"
        "try:\n    run(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        f"print('HEAVY', sorted(m for m in {names!r} if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, "--db", str(db), *args],
                          capture_output=True, text=True, timeout=60)
    return done.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize("command", [("check", "--json"), ("check",), ("remind",)])
def test_cron_commands_load_no_heavy_library(demo_db: Path, command: tuple[str, ...]) -> None:
    args = (*command, "--as-of", DEMO_AS_OF.isoformat())
    heavy_modules(demo_db, *args)  # compiles the rule cache
    assert heavy_modules(demo_db, *args) == "HEAVY []"


@pytest.mark.parametrize("command", [("check", "--json"), ("remind",)])
def test_cron_commands_load_nothing_only_writes_need(demo_db: Path, command: tuple[str, ...]) -> None:
    args = (*command, "--as-of", DEMO_AS_OF.isoformat())
    heavy_modules(demo_db, *args)  # compiles the rule cache (a write)
    assert heavy_modules(demo_db, *args, names=WRITERS) == "HEAVY []"


def test_minutes_of_one_record_load_neither_the_rules_nor_the_engine(demo_db: Path, tmp_path: Path) -> None:
    """The page needs the record, the profile and the kinds' names (read from the rule cache)."""
    args = ("minutes", "R00012", "-o", str(tmp_path / "x.docx"))
    heavy_modules(demo_db, *args)  # compiles the rule cache
    names = ("auditor.rulebook.schema", "auditor.engine.assessment", "auditor.report.data", "yaml", "rich")
    assert heavy_modules(demo_db, *args, names=names) == "HEAVY []"
