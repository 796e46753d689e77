"""Rotating backups in a ``backups`` folder beside the database.

* one ``daily`` backup, taken before the first write of each day, kept 30 days;
* one before every import (``import``), schema upgrade (``migrate``), restore
  (``restore``) and on request (``manual``); the newest 30 of these are kept;
* the version before the latest write (``previous``, a hard link, so it costs no
  copy), so a file damaged after a busy day loses at most one save, not the day.

A backup is a byte copy of the database file, written atomically with mode 0600.
Names sort by time: ``auditor-2026-11-22-213005-daily.json``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from auditor.errors import AuditorError, os_reason
from auditor.store.atomic import make_folder, write_atomic

DAILY_KEEP_DAYS = 30
EVENT_KEEP = 30
REASONS: dict[str, str] = {
    "daily": "每日自动",
    "import": "导入前",
    "migrate": "升级格式前",
    "restore": "恢复前",
    "manual": "手动",
    "previous": "上一次保存前",
}
_NAME = re.compile(r"^(?P<stem>.+)-(?P<date>\d{4}-\d{2}-\d{2})-(?P<time>\d{6})-(?P<reason>[a-z]+)(?:-\d+)?\.json$")


@dataclass(frozen=True)
class Backup:
    path: Path
    at: dt.datetime
    reason: str

    @property
    def label(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S}（{REASONS.get(self.reason, self.reason)}）"


@dataclass(frozen=True)
class BackupInfo:
    """What is inside a backup: whether it loads, and how many records it holds."""

    ok: bool
    records: int = 0
    error: str = ""


def backup_dir(db: Path) -> Path:
    return db.parent / "backups"


def take(db: Path, raw: bytes, reason: str, now: dt.datetime) -> Path:
    """Save ``raw`` (the database file's bytes) as a backup; returns its path."""
    folder = backup_dir(db)
    base = f"{db.stem}-{now:%Y-%m-%d-%H%M%S}-{reason}"
    target = folder / f"{base}.json"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{base}-{n}.json"
    write_atomic(target, raw)
    return target


@contextmanager
def previous_kept(db: Path, raw: bytes, now: dt.datetime) -> Iterator[None]:
    """Keep the file about to be replaced (by the body) as the single ``previous`` backup.

    A hard link shares the old file's data, so this costs no copy; where links are
    not supported (FAT, some network shares) the bytes already read are written. The
    older ``previous`` is deleted only once the body's write has succeeded (a full
    disk keeps it).
    """
    make_folder(backup_dir(db))
    old = [b.path for b in list_backups(db) if b.reason == "previous"]
    base, n = f"{db.stem}-{now:%Y-%m-%d-%H%M%S}-previous", 1
    target = backup_dir(db) / f"{base}.json"
    while target.exists():  # two saves in one second
        n += 1
        target = backup_dir(db) / f"{base}-{n}.json"
    try:
        os.link(db, target)
    except OSError:
        write_atomic(target, raw)
    try:
        yield
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    for path in old:
        path.unlink(missing_ok=True)


def daily_due(db: Path, now: dt.datetime) -> bool:
    return not any(backup_dir(db).glob(f"{db.stem}-{now:%Y-%m-%d}-*-daily*.json"))


def list_backups(db: Path) -> list[Backup]:
    """This database's backups, newest first."""
    out = []
    folder = backup_dir(db)
    if not folder.is_dir():
        return []
    for path in folder.glob(f"{db.stem}-*.json"):
        m = _NAME.match(path.name)
        if not m or m.group("stem") != db.stem:
            continue
        at = dt.datetime.strptime(m.group("date") + m.group("time"), "%Y-%m-%d%H%M%S")
        out.append(Backup(path, at, m.group("reason")))
    return sorted(out, key=lambda b: (b.at, b.path.name), reverse=True)


def prune(db: Path, now: dt.datetime) -> list[Path]:
    """Delete daily backups older than 30 days and event backups beyond the newest 30."""
    removed = []
    cutoff = now.replace(tzinfo=None) - dt.timedelta(days=DAILY_KEEP_DAYS)
    events = 0
    for b in list_backups(db):
        if b.reason == "daily":
            drop = b.at < cutoff
        else:
            events += 1
            drop = events > EVENT_KEEP
        if drop:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed


def inspect(path: Path) -> BackupInfo:
    """Whether the file would open as a log: the writers' own checks (tables.load), not only JSON.

    A backup that parses but has, say, ``next_id: -5`` must not be offered for a restore:
    the restored file would be refused at once and point back to the same backup.
    """
    from auditor.store.tables import blank, load

    try:
        raw = path.read_bytes()
    except OSError as e:
        return BackupInfo(False, error=f"无法读取（{os_reason(e)}）")
    if blank(raw):
        return BackupInfo(False, error="是空文件")
    try:
        found = load(raw, path, created="")
    except AuditorError:
        return BackupInfo(False, error="已损坏")
    return BackupInfo(True, records=len(found.table("records")))


def newest_good(db: Path) -> Backup | None:
    for b in list_backups(db):
        if inspect(b.path).ok:
            return b
    return None


def find(db: Path, name: str) -> Path:
    """A backup given by file name (in the backups folder) or by path."""
    for candidate in (Path(name), backup_dir(db) / name):
        if candidate.is_file():
            return candidate
    raise AuditorError(f"找不到备份“{name}”，请用 auditor db backups 查看可用的备份。")
