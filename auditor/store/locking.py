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

from auditor.errors import LockedError, StorageError, os_reason
from auditor.store.atomic import make_folder

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

    make_folder(db.parent)
    # Keep the lock file: deleting it on release lets two processes lock different inodes.
    lock = FileLock(lock_path(db), timeout=timeout, thread_local=False, preserve_lock_file=True, mode=0o600)
    try:
        lock.acquire(poll_interval=POLL_INTERVAL)
    except Timeout:
        raise LockedError(
            f"数据文件 {db.name} 正被另一个程序写入（{describe_holder(db)}），"
            "请等它完成或关闭它后重试。"
        ) from None
    except OSError as e:  # a read-only folder, a full disk, a lock path that is a folder
        raise StorageError(
            f"无法建立锁文件 {lock_path(db)}（{os_reason(e)}），没有写入任何内容；"
            f"请检查文件夹 {db.parent} 的权限和磁盘空间。"
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
        fd = os.open(info_path(db), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(info, ensure_ascii=False))
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
