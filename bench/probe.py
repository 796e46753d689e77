"""One task in a fresh interpreter, so imports, font loading and first paint are all counted.

``python -m bench.probe pdf DB PERIOD AS_OF OUT``, ``... tui DB AS_OF``, ``... records DB AS_OF`` or
``... phases DB AS_OF`` (check, phase by phase); prints
JSON with ``inner``: seconds from before the first auditor import to the finished task.
"""

from __future__ import annotations

import time

_START = time.perf_counter()

import datetime as dt  # noqa: E402 - the clock starts before any import
import json  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402


def pdf(db: str, period: str, as_of: str, out: str) -> dict[str, float]:
    from auditor.periods import parse_period
    from auditor.report import write_report
    from auditor.session import Session

    imported = time.perf_counter()
    path = write_report(Session(Path(db)), parse_period(period), dt.date.fromisoformat(as_of), Path(out))
    done = time.perf_counter()
    return {"inner": done - _START, "imports": imported - _START, "bytes": float(path.stat().st_size)}


def tui(db: str, as_of: str) -> dict[str, float]:
    import asyncio

    from auditor.session import Session
    from auditor.tui.app import AuditorApp

    imported = time.perf_counter()
    app = AuditorApp(Session(Path(db)), as_of=dt.date.fromisoformat(as_of))
    first: dict[str, float] = {}

    async def run() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()  # mounted, composed, and the first frame laid out
            first["inner"] = time.perf_counter() - _START

    asyncio.run(run())
    return {"inner": first["inner"], "imports": imported - _START}


def records(db: str, as_of: str) -> dict[str, float]:
    """From pressing 2 (活动记录) on the dashboard to the table holding its first rows."""
    import asyncio

    from textual.widgets import DataTable

    from auditor.session import Session
    from auditor.tui.app import AuditorApp

    app = AuditorApp(Session(Path(db)), as_of=dt.date.fromisoformat(as_of))
    got: dict[str, float] = {}

    async def run() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            pressed = time.perf_counter()
            await pilot.press("2")
            await pilot.pause()
            got["rows"] = float(app.screen.query_one("#records", DataTable).row_count)
            got["inner"] = time.perf_counter() - pressed

    asyncio.run(run())
    return got


def phases(db: str, as_of: str) -> dict[str, Any]:
    """Where `auditor check --json` spends its time, phase by phase, in one fresh process."""
    marks = [("start", _START)]
    import click  # noqa: F401

    marks.append(("import click + stdlib", time.perf_counter()))
    import auditor.cli.main  # noqa: F401 - registers every command module, as the CLI does

    marks.append(("import CLI + register commands", time.perf_counter()))
    from auditor.periods import current_period
    from auditor.session import Session

    marks.append(("import session, store, engine", time.perf_counter()))
    session = Session(Path(db))
    session.profile  # noqa: B018 - the first read decodes the whole database file
    marks.append(("read database file", time.perf_counter()))
    session.ruleset  # noqa: B018
    marks.append(("load rule packs", time.perf_counter()))
    day = dt.date.fromisoformat(as_of)
    assessment = session.assess(current_period(day, "half"), day)
    marks.append(("validate records + evaluate", time.perf_counter()))
    json.dumps(assessment.to_dict(), ensure_ascii=False, indent=2)
    marks.append(("JSON output", time.perf_counter()))
    steps = {name: t - prev for (_, prev), (name, t) in zip(marks, marks[1:], strict=False)}
    return {"inner": marks[-1][1] - _START, "phases": steps}


TASKS: dict[str, Callable[..., dict[str, Any]]] = {"pdf": pdf, "tui": tui, "records": records, "phases": phases}


def main(argv: list[str]) -> int:
    task, *args = argv
    result = TASKS[task](*args)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
