"""The unit's log: records, history, trash, profile, waivers, in one TinyDB-format file.

Every write is one transaction: take the writer lock, read the file fresh (a corrupt
file stops everything before a byte is written), change the tables in memory, then
write the whole file once, atomically (``auditor.store.atomic``). Record writes edit the
tables directly (``auditor.store.records``, for the 0.1 s budget at 10,000 records); other
writes go through TinyDB (``Store.transaction``; members and the ledgers in
``auditor.store.ledger``). Readers take no lock: they always see a whole file, old or new,
decoded once per ``refresh`` (``auditor.store.snapshot``). This module is the file itself:
the snapshot, the locked transaction, backups and the unit profile.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from auditor.errors import StorageError
from auditor.model import UnitProfile, Waiver, profile_from_doc
from auditor.store import snapshot, tables
from auditor.store.atomic import (
    CorruptFileError,
    read_raw,
    remove_stale_tmp,
    require_regular,
    write_atomic,
)
from auditor.store.history import Change, now_iso, now_moment, stamp
from auditor.store.ledger import ExtrasMixin
from auditor.store.locking import writer_lock
from auditor.store.migrations import SCHEMA_VERSION
from auditor.store.records import DeletedRecord, RecordsMixin
from auditor.store.snapshot import Snapshot

if TYPE_CHECKING:  # TinyDB and the backups load only for a write (or a damaged file): readers skip them
    from tinydb import TinyDB

__all__ = ["SCHEMA_VERSION", "DeletedRecord", "Store", "default_db_path", "now_iso", "write_atomic"]

LOCK_TIMEOUT = 5.0
ENV_DB = "AUDITOR_DB"


def default_db_path() -> Path:
    """``$AUDITOR_DB``, else the user's data folder (platformdirs)."""
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("auditor", appauthor=False) / "auditor.json"


class Store(RecordsMixin, ExtrasMixin):
    """A unit's log: records, profile, waivers. Open with ``Store(path)``; no I/O until used."""

    def __init__(self, path: Path | str, *, lock_timeout: float | None = None) -> None:
        self.path = Path(path)
        self.lock_timeout = LOCK_TIMEOUT if lock_timeout is None else lock_timeout
        self._snapshot: Snapshot | None = None

    # -- reading -----------------------------------------------------------------

    @contextmanager
    def _hint_backup(self) -> Iterator[None]:
        """A corrupt file's message also names the newest good backup."""
        try:
            yield
        except CorruptFileError as e:
            from auditor.store import backup

            good = backup.newest_good(self.path)
            hint = (f"最新的完好备份是 {good.path.name}（{good.label}），"
                    "可运行 auditor db restore 恢复。") if good else "没有找到完好的备份。"
            raise CorruptFileError(f"{e.msg}{hint}") from None

    def _snap(self) -> Snapshot:
        if self._snapshot is None:
            with self._hint_backup():
                raw, _ = tables.read_bytes(self.path)
                self._snapshot = snapshot.load(raw, self.path)
        return self._snapshot

    def refresh(self) -> None:
        """Forget what was read; the next read sees other processes' writes."""
        self._snapshot = None

    @property
    def exists(self) -> bool:
        return self.path.exists()

    def history(self, record_id: str | None = None) -> list[Change]:
        """History entries (oldest first), of one record or of all."""
        return [c for c in self._snap().history_entries() if record_id is None or c.record == record_id]

    def profile(self) -> UnitProfile:
        return profile_from_doc(self._snap().meta.get("1", {}).get("profile", {}))

    def waivers(self) -> list[Waiver]:
        return list(self._snap().waivers.values())

    def schema_version(self) -> int:
        """The version of the file on disk (older files are upgraded on the next write)."""
        return self._snap().version

    # -- writing -----------------------------------------------------------------

    @contextmanager
    def _locked(self, backup_reason: str | None = None) -> Iterator[tables.Transaction]:
        """Hold the writer lock around one read-modify-write; nothing is written if the body raises.

        ``backup_reason`` (e.g. ``"import"``) saves a backup of the file as it was before.
        """
        from auditor.store import backup

        self.refresh()
        require_regular(self.path)  # before the lock file: a device or FIFO is never touched
        with writer_lock(self.path, self.lock_timeout):
            remove_stale_tmp(self.path)
            with self._hint_backup():
                raw, _ = tables.read_bytes(self.path)
            now = now_moment()
            with self._hint_backup():
                tx = tables.load(raw, self.path, stamp(now))
            if not tables.blank(raw):
                self._backups(raw, tx.found, backup_reason, now)
            yield tx
            if tx.dirty:
                payload = tables.encode(tx.tables)
                if tables.blank(raw):
                    write_atomic(self.path, payload)
                else:
                    with backup.previous_kept(self.path, raw, now):
                        write_atomic(self.path, payload)
            self.refresh()

    @contextmanager
    def transaction(self, *, backup_reason: str | None = None) -> Iterator[TinyDB]:
        """A TinyDB over the whole file for one locked read-modify-write (the general path)."""
        with self._locked(backup_reason) as tx:
            from tinydb import TinyDB

            from auditor.store.tiny import TinyStorage

            data = {name: {k: tables.doc(v) for k, v in docs.items()} for name, docs in tx.tables.items()}
            db = TinyDB(data, storage=TinyStorage)
            yield db
            storage: TinyStorage = db.storage  # type: ignore[assignment]
            if storage.dirty:
                tx.tables, tx.dirty = tables.from_data(storage.data), True

    def _backups(self, raw: bytes, found: int, reason: str | None, now: dt.datetime) -> None:
        from auditor.store import backup

        if found < SCHEMA_VERSION:
            backup.take(self.path, raw, "migrate", now)
        if reason:
            backup.take(self.path, raw, reason, now)
        if backup.daily_due(self.path, now):
            backup.take(self.path, raw, "daily", now)
            backup.prune(self.path, now)

    def set_profile(self, profile: UnitProfile) -> None:
        with self.transaction() as db:
            db.table("meta", cache_size=0).update({"profile": msgspec.to_builtins(profile)}, doc_ids=[1])

    # -- backups -----------------------------------------------------------------

    def backup_now(self, reason: str = "manual") -> Path:
        """Copy the file as it is now into the backups folder (even a corrupt one)."""
        from auditor.store import backup

        require_regular(self.path)
        with writer_lock(self.path, self.lock_timeout):
            raw = read_raw(self.path) or b""  # bytes only: even a damaged file is saved as it is
            return backup.take(self.path, raw, reason, now_moment())

    def restore_backup(self, source: Path) -> Path | None:
        """Replace the file by a backup, after backing up the current file (kept even if corrupt).

        Returns the path of that "before restore" backup (None when there was no file).
        """
        from auditor.store import backup

        info = backup.inspect(source)
        if not info.ok:
            raise StorageError(f"备份 {source.name} {info.error}，不能用来恢复；请选择另一个备份。")
        payload = source.read_bytes()
        require_regular(self.path)
        with writer_lock(self.path, self.lock_timeout):
            raw = read_raw(self.path)  # never parsed: the file being replaced may be damaged in any way
            saved = backup.take(self.path, raw, "restore", now_moment()) if raw is not None else None
            write_atomic(self.path, payload)
        self.refresh()
        return saved
