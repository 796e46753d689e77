"""The writer lock: one writer at a time, and a clear message naming who holds it.

filelock uses ``flock``/``LockFileEx``, which the OS releases when a process dies, so
a killed writer never leaves the database locked. A small sidecar file says who holds
the lock (process, command, host, since when) for the message a waiting writer shows.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from auditor.errors import LockedError

# Short polls keep two busy writers fair: with filelock's default 50 ms a waiter can
# miss the brief free moments between another process's transactions.
POLL_INTERVAL = 0.005


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


def info_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock.info")


@contextmanager
def writer_lock(db: Path, timeout: float) -> Iterator[None]:
    """Hold the database's writer lock; wait up to ``timeout`` s, then raise LockedError."""
    from filelock import FileLock, Timeout  # here: readers (`auditor check` from cron) never pay for it

    db.parent.mkdir(parents=True, exist_ok=True)
    # Keep the lock file: deleting it on release lets two processes lock different inodes.
    lock = FileLock(lock_path(db), timeout=timeout, thread_local=False, preserve_lock_file=True)
    try:
        lock.acquire(poll_interval=POLL_INTERVAL)
    except Timeout:
        raise LockedError(
            f"数据文件 {db.name} 正被另一个程序写入（{describe_holder(db)}），"
            "请等它完成或关闭它后重试。"
        ) from None
    try:
        _write_info(db)
        yield
    finally:
        info_path(db).unlink(missing_ok=True)
        lock.release()


def _write_info(db: Path) -> None:
    import socket  # here: readers (`auditor check` from cron) never pay for it

    info = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "command": _command(sys.argv),
        "since": dt.datetime.now().strftime("%H:%M:%S"),
    }
    try:
        info_path(db).write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
    except OSError:
        pass  # the note is a courtesy; the lock itself is what protects the file


def _command(argv: list[str]) -> str:
    """``auditor remind`` from ``auditor --db x.json remind --notify``: the program and its subcommand."""
    name = Path(argv[0]).name if argv else "auditor"
    if name in ("__main__.py", "-c", "-m"):
        name = "auditor"
    words = iter(argv[1:])
    for word in words:
        if word in ("--db", "--rules"):
            next(words, None)  # skip the option's value
        elif not word.startswith("-"):
            return f"{name} {word}"
    return name


def describe_holder(db: Path) -> str:
    try:
        info = json.loads(info_path(db).read_text(encoding="utf-8"))
        return f"进程 {info['pid']}（{info['command']}），主机 {info['host']}，自 {info['since']} 起"
    except (OSError, ValueError, KeyError, TypeError):
        return "另一个 auditor 进程"
