"""Measuring: whole processes (wall time and the child's own peak memory) and calls in-process."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class BenchCrash(RuntimeError):
    """A measured command failed: the benchmark is broken, not merely slow."""


@dataclass
class Timing:
    """Seconds of each run, and the largest peak RSS of a child process (KiB), if measured."""

    times: list[float] = field(default_factory=list)
    maxrss_kib: int | None = None
    inner: list[float] = field(default_factory=list)
    """Time a probe measured inside its process (without interpreter start-up)."""
    reports: list[dict[str, Any]] = field(default_factory=list)
    """What each probe run printed (JSON)."""
    output: str = ""

    def summary(self) -> dict[str, float | int]:
        return {
            "median": statistics.median(self.times),
            "min": min(self.times),
            "max": max(self.times),
            "runs": len(self.times),
        }


@dataclass(frozen=True)
class ProcessRun:
    wall: float
    maxrss_kib: int
    returncode: int
    stdout: str
    stderr: str


# Linux counts the memory a child was forked with in its ru_maxrss, so a child of this
# (large, growing) process would report our size, not its own. A tiny launcher forks the
# measured command instead, times it and reports its rusage to a file.
_LAUNCHER = """
import json, os, sys, time
report, argv = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
with open(report, "w") as fh:
    json.dump({"wall": wall, "maxrss": usage.ru_maxrss, "code": os.waitstatus_to_exitcode(status)}, fh)
"""


def run_process(argv: Sequence[str], env: dict[str, str] | None = None) -> ProcessRun:
    """Run once through the launcher: wall time and the command's own peak RSS (KiB on Linux)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "run.json"
        launcher = [sys.executable, "-S", "-c", _LAUNCHER, str(report), *argv]
        code = subprocess.run(launcher, stdout=out, stderr=err, env=env, stdin=subprocess.DEVNULL).returncode
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
        if not report.is_file():
            raise BenchCrash(f"launcher failed ({code}) for {' '.join(argv[:3])}…: {stderr.strip()[-300:]}")
        got = json.loads(report.read_text())
        return ProcessRun(float(got["wall"]), int(got["maxrss"]), int(got["code"]), stdout, stderr)


def time_process(
    argv: Sequence[str], runs: int, *, env: dict[str, str] | None = None, ok: Sequence[int] = (0,),
    before: Callable[[], None] | None = None,
) -> Timing:
    """``runs`` timed runs after one untimed warm-up (page cache, .pyc files)."""
    timing = Timing()
    for i in range(runs + 1):
        if before:
            before()
        run = run_process(argv, env)
        if run.returncode not in ok:
            tail = (run.stderr or run.stdout).strip().splitlines()[-3:]
            raise BenchCrash(f"{' '.join(argv[:4])}… exited {run.returncode}: {' | '.join(tail)}")
        if i == 0:
            continue
        timing.times.append(run.wall)
        timing.maxrss_kib = max(timing.maxrss_kib or 0, run.maxrss_kib)
        timing.output = run.stdout
        if run.stdout.startswith("{") and '"inner"' in run.stdout:
            report = json.loads(run.stdout)
            timing.reports.append(report)
            timing.inner.append(float(report["inner"]))
    return timing


def time_rounds(
    commands: Mapping[str, Sequence[str]], runs: int, *, env: dict[str, str] | None = None,
    ok: Sequence[int] = (0,),
) -> dict[str, Timing]:
    """Several commands in turn, round after round, so a busy moment hits them all alike."""
    timings = {name: Timing() for name in commands}
    for i in range(runs + 1):
        for name, argv in commands.items():
            run = run_process(argv, env)
            if run.returncode not in ok:
                tail = (run.stderr or run.stdout).strip().splitlines()[-3:]
                raise BenchCrash(f"{name}: {' '.join(argv[:4])}… exited {run.returncode}: {' | '.join(tail)}")
            if i:
                t = timings[name]
                t.times.append(run.wall)
                t.maxrss_kib = max(t.maxrss_kib or 0, run.maxrss_kib)
    return timings


def time_call(fn: Callable[[], Any], runs: int, *, before: Callable[[], None] | None = None) -> Timing:
    """``runs`` timed calls after one untimed warm-up; ``before`` runs untimed each time."""
    timing = Timing()
    for i in range(runs + 1):
        if before:
            before()
        start = time.perf_counter()
        fn()
        elapsed = time.perf_counter() - start
        if i:
            timing.times.append(elapsed)
    return timing


def probe_argv(task: str, *args: str) -> list[str]:
    """A fresh interpreter running one task of bench.probe."""
    return [sys.executable, "-m", "bench.probe", task, *args]


def auditor_argv(*args: str) -> list[str]:
    """The installed console script, as cron would run it (falls back to ``python -m auditor``)."""
    script = Path(sys.executable).with_name("auditor")
    head = [str(script)] if script.is_file() else [sys.executable, "-m", "auditor"]
    return [*head, *args]


def isolated_env(home: Path, db: Path | None = None) -> dict[str, str]:
    """The user's environment, with data folders moved into the benchmark's temp folder."""
    env = dict(os.environ)
    env.update({
        "XDG_DATA_HOME": str(home / "xdg-data"),
        "XDG_CONFIG_HOME": str(home / "xdg-config"),
        "XDG_STATE_HOME": str(home / "xdg-state"),
    })
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # cron runs with cached bytecode; so do we
    if db is not None:
        env["AUDITOR_DB"] = str(db)
    return env
