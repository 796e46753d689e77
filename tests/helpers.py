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


def cli(db: Path, *args: str, input: str | None = None) -> tuple[int, str, str]:
    """Run `auditor --db DB ARGS` in-process through the real entry point: (exit code, stdout, stderr)."""
    from click.testing import CliRunner

    from auditor.cli.main import run

    code = 0
    with CliRunner().isolation(input=input) as (out, err, _):
        try:
            run(["--db", str(db), *args])
        except SystemExit as e:
            code = int(e.code or 0)
    return code, out.getvalue().decode("utf-8", "replace"), err.getvalue().decode("utf-8", "replace")


def cli_text(db: Path, *args: str) -> tuple[int, str]:
    """``cli`` with stdout and stderr joined, for tests that only ask what was said."""
    code, out, err = cli(db, *args)
    return code, out + err


def logged_with_backup(path: Path) -> Path:
    """A log of two records with a manual backup beside it (the store's damage and permission cases)."""
    from auditor.store.store import Store

    store = Store(path)
    store.add_many([{"date": "2026-03-05", "kind": "theme_day", "title": t} for t in ("一", "二")])
    store.backup_now()
    return path


async def open_screen(pilot: Any, key: str) -> Any:
    """On a started app: let it draw, press a screen's number key, let that screen draw; the screen."""
    await pilot.pause()
    await pilot.press(key)
    await pilot.pause()
    return pilot.app.screen


def fill_report_form(screen: Any, period: str, folder: Path) -> None:
    """The report screen's period and folder, as the secretary types them."""
    from textual.widgets import Input

    screen.query_one("#report-period", Input).value = period
    screen.query_one("#report-folder", Input).value = str(folder)


async def generate_report(pilot: Any) -> None:
    """生成 (^G) on the report screen, then wait for its worker rather than for a clock."""
    await pilot.press("ctrl+g")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
