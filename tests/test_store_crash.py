"""Crash and concurrency: kill -9 writers mid-run, two writers at once, readers during writes.

Each test spawns short-lived Python processes and is bounded by timeouts; none
measures time. The databases live on tmpfs when there is one: kill -9 ends a process,
not the machine, so the page cache survives either way and disk latency (fsync)
only makes the run slower without testing anything more.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.store.atomic import decode
from auditor.store.store import Store

pytestmark = pytest.mark.slow

WRITER = """
import os, sys, time
if len(sys.argv) > 4:  # fsync as slow as a real disk's, so that kills can land inside writes
    _fsync = os.fsync
    os.fsync = lambda fd: (time.sleep(0.005), _fsync(fd))[1]
from auditor.store.store import Store
store = Store(sys.argv[1], lock_timeout=30)
for i in range(int(sys.argv[2])):
    r = store.add({"date": "2026-03-05", "kind": "theme_day", "title": sys.argv[3] + str(i)})
    print(r.id, flush=True)  # printed only after add() has returned: the save is promised
"""

READER = """
import sys
import time
from pathlib import Path
from auditor.store.store import Store
stop = Path(sys.argv[2])
reads = 0
while not stop.exists():
    store = Store(sys.argv[1])
    store.records()  # raises on a half-written file
    reads += 1
    time.sleep(0.002)
print(reads)
"""


@pytest.fixture
def fast_dir(tmp_path: Path) -> Iterator[Path]:
    shm = Path("/dev/shm")
    if not (shm.is_dir() and shm.stat().st_mode & 0o002):
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(prefix="auditor-test-", dir=shm))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _temp_files(db: Path) -> list[Path]:
    return list(db.parent.glob(f".{db.name}.*.tmp"))


def _wait_for_temp_file(db: Path) -> None:
    deadline = time.monotonic() + 5  # a bound on the wait, not a measurement
    while not _temp_files(db) and time.monotonic() < deadline:
        pass


def _spawn(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8")


def test_kill_9_never_loses_a_returned_save_and_the_file_always_loads(fast_dir: Path) -> None:
    db = fast_dir / "auditor.json"
    # A few thousand records make each rewrite take long enough for kills to land mid-write.
    Store(db).add_many([{"date": "2026-01-01", "kind": "theme_day", "title": f"底稿{i}"} for i in range(3000)])
    rng = random.Random(20261122)
    promised: set[str] = set()
    inside_write = 0
    for round_ in range(12):
        proc = _spawn(WRITER, str(db), "1000000", f"第{round_}轮", "slow-fsync")
        assert proc.stdout is not None
        for _ in range(rng.randint(1, 6)):
            line = proc.stdout.readline()
            assert line, proc.stderr.read() if proc.stderr else "writer died"
            promised.add(line.strip())
        if round_ % 2:
            time.sleep(rng.uniform(0, 0.03))  # anywhere in the cycle
        else:
            _wait_for_temp_file(db)  # aim at the write itself
        proc.kill()
        rest, _ = proc.communicate(timeout=10)
        promised.update(rest.split())
        inside_write += bool(_temp_files(db))  # a kill between open and rename leaves one
        data = decode(db.read_bytes(), db)  # strict parse: a half-written file would raise here
        assert data is not None
        stored = {r.id for r in Store(db).records()}
        assert promised <= stored, sorted(promised - stored)[:5]
    print(f"kills that landed inside a write: {inside_write} of 12")
    assert inside_write > 0, "no kill landed inside a write; the test proved nothing"
    # after all the kills the store still takes writes, and ids stay unique
    new = Store(db).add({"date": "2026-03-05", "kind": "theme_day", "title": "最后"})
    ids = [r.id for r in Store(db).records()]
    assert len(ids) == len(set(ids)) and new.id in ids


def test_two_writers_each_adding_200_lose_nothing_and_readers_see_whole_files(fast_dir: Path) -> None:
    db = fast_dir / "auditor.json"
    stop = fast_dir / "stop"
    Store(db).add({"date": "2026-01-01", "kind": "theme_day", "title": "起点"})
    reader = _spawn(READER, str(db), str(stop))
    writers = [_spawn(WRITER, str(db), "200", name) for name in ("甲", "乙")]
    try:
        outs = [w.communicate(timeout=120) for w in writers]
    finally:
        stop.touch()
    reads, reader_err = reader.communicate(timeout=30)
    for w, (out, err) in zip(writers, outs, strict=True):
        assert w.returncode == 0, err
        assert len(out.split()) == 200
    assert reader.returncode == 0, reader_err
    assert int(reads) > 0
    records = Store(db).records()
    assert len(records) == 401
    assert len({r.id for r in records}) == 401
    titles = {r.title for r in records}
    assert {f"甲{i}" for i in range(200)} <= titles and {f"乙{i}" for i in range(200)} <= titles
