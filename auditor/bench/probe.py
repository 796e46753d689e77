"""One task in a fresh interpreter, so imports, font loading and first paint are all counted.

``python -m auditor.bench.probe pdf DB PERIOD AS_OF OUT`` or ``... tui DB AS_OF``; prints
JSON with ``inner``: seconds from before the first auditor import to the finished task.
"""

from __future__ import annotations

import time

_START = time.perf_counter()

import asyncio  # noqa: E402 - the clock starts before any import
import datetime as dt  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402


def pdf(db: str, period: str, as_of: str, out: str) -> dict[str, float]:
    from auditor.periods import parse_period
    from auditor.report import write_report
    from auditor.session import Session

    imported = time.perf_counter()
    path = write_report(Session(Path(db)), parse_period(period), dt.date.fromisoformat(as_of), Path(out))
    done = time.perf_counter()
    return {"inner": done - _START, "imports": imported - _START, "bytes": float(path.stat().st_size)}


def tui(db: str, as_of: str) -> dict[str, float]:
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


TASKS: dict[str, Callable[..., dict[str, float]]] = {"pdf": pdf, "tui": tui}


def main(argv: list[str]) -> int:
    task, *args = argv
    result = TASKS[task](*args)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
