"""The unit's log: records, history, trash, profile, waivers, in one TinyDB-format file.

Every write is one transaction: take the writer lock, read the file fresh (a corrupt
file stops everything before a byte is written), change the tables in memory, then
write the whole file once, atomically (``auditor.store.atomic``). Record writes edit the
tables directly (``auditor.store.tables``, for the 0.1 s budget at 10,000 records); other
writes go through TinyDB (``Store.transaction``). Readers take no lock: they always
see a whole file, old or new, decoded once per ``refresh`` (``auditor.store.snapshot``).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from auditor.errors import InputError, NotFoundError, StorageError
from auditor.model import Record, UnitProfile, Waiver, profile_from_doc, record_to_doc
from auditor.store import snapshot, tables
from auditor.store.atomic import (
    CorruptFileError,
    read_raw,
    remove_stale_tmp,
    require_regular,
    write_atomic,
)
from auditor.store.history import Action, Change, current_user, diff, entry
from auditor.store.ledger import ExtrasMixin
from auditor.store.locking import writer_lock
from auditor.store.migrations import SCHEMA_VERSION
from auditor.store.snapshot import Snapshot

if TYPE_CHECKING:  # TinyDB and the backups load only for a write (or a damaged file): readers skip them
    from tinydb import TinyDB

__all__ = ["SCHEMA_VERSION", "DeletedRecord", "Store", "default_db_path", "now_iso", "write_atomic"]

LOCK_TIMEOUT = 5.0
ENV_DB = "AUDITOR_DB"
CHINA = dt.timezone(dt.timedelta(hours=8))


def default_db_path() -> Path:
    """``$AUDITOR_DB``, else the user's data folder (platformdirs)."""
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("auditor", appauthor=False) / "auditor.json"


@dataclass(frozen=True)
class DeletedRecord:
    record: Record
    deleted: str
    by: str


class Store(ExtrasMixin):
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

    def records(self) -> list[Record]:
        return list(self._snap().record_map().values())

    def record(self, record_id: str) -> Record:
        for r in self._snap().record_map().values():
            if r.id == record_id:
                return r
        raise NotFoundError(f"没有编号为 {record_id} 的记录，请用 auditor list 查看编号。")

    def deleted(self) -> list[DeletedRecord]:
        """Records in the trash, most recently deleted last."""
        items = self._snap().trash_items()
        try:
            records = msgspec.convert([i["record"] for i in items], list[Record], strict=False)
        except (msgspec.ValidationError, KeyError):
            raise StorageError(f"数据文件 {self.path} 的回收站内容格式不对，请运行 auditor db check。") from None
        return [DeletedRecord(r, i.get("deleted", ""), i.get("by", "")) for r, i in zip(records, items, strict=True)]

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
            now = _now_dt()
            with self._hint_backup():
                tx = tables.load(raw, self.path, _iso(now))
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

    def add(self, fields: dict[str, Any], *, note: str = "") -> Record:
        return self.add_many([fields], note=note)[0]

    def add_many(
        self,
        items: Sequence[dict[str, Any]],
        *,
        note: str = "",
        keep_ids: bool = False,
        backup_reason: str | None = None,
    ) -> list[Record]:
        """Validate all, then store all in one write: nothing is stored if one is bad.

        ``keep_ids`` (JSON import) keeps each item's id, created and updated (the ids
        must not be in use); items without an id get a new one.
        """
        if not items:
            return []
        now = _now()
        action: Action = "import" if note else "create"
        with self._locked(backup_reason) as tx:
            if keep_ids:
                tx.claim_ids([str(i["id"]) for i in items if i.get("id")])
            fresh = iter(tx.next_ids(sum(1 for i in items if not (keep_ids and i.get("id")))))
            records = []
            for number, item in enumerate(items, 1):
                if keep_ids and item.get("id"):
                    doc = {"created": now, "updated": now, **item}
                else:
                    doc = {**item, "id": next(fresh), "created": now, "updated": now}
                records.append(_validate(number, doc))
            tables.append(tx.table("records"), (_stored(r) for r in records))
            who = current_user()
            tables.append(tx.table("history"), (entry(r.id, action, now, note=note, by=who) for r in records))
            tx.dirty = True
        return records

    def update(self, record_id: str, changes: dict[str, Any]) -> Record:
        """Change fields of a record; the history keeps each field's old and new value."""
        return self.update_many({record_id: changes})[0]

    def update_many(self, changes: Mapping[str, dict[str, Any]]) -> list[Record]:
        """Change fields of several records in one write (an import attaching each file)."""
        out = []
        with self._locked() as tx:
            now = _now()
            for record_id, fields in changes.items():
                doc_id, old = tx.find_record(record_id)
                record = _validate(1, {**old, **fields, "id": record_id, "created": old.get("created", "")})
                before = msgspec.convert(old, Record, strict=False)
                changed = diff(record_to_doc(before), record_to_doc(record))  # full docs: "" not missing
                if not changed:
                    out.append(before)
                    continue
                record = msgspec.structs.replace(record, updated=now)
                tx.table("records")[doc_id] = _stored(record)
                tables.append(tx.table("history"), [entry(record_id, "edit", now, changes=changed)])
                tx.dirty = True
                out.append(record)
        return out

    def delete(self, record_id: str) -> Record:
        """Remove a record from the log; it stays in the trash and can be restored."""
        with self._locked() as tx:
            doc_id, doc = tx.find_record(record_id)
            record = msgspec.convert(doc, Record, strict=False)
            item = entry(record_id, "delete", _now())
            tables.append(tx.table("trash"), [{"record": doc, "deleted": item["at"], "by": item["by"]}])
            del tx.table("records")[doc_id]
            tables.append(tx.table("history"), [item])
            tx.dirty = True
        return record

    def restore_record(self, record_id: str) -> Record:
        """Bring a deleted record back from the trash, with its id."""
        with self._locked() as tx:
            hit = tables.find(tx.table("trash"), "record.id", record_id)
            if hit is None:
                raise NotFoundError(f"回收站里没有编号为 {record_id} 的记录，请用 auditor list --deleted 查看。")
            if tables.find(tx.table("records"), "id", record_id):
                raise InputError(f"编号 {record_id} 的记录已经在记录列表中，不需要恢复。")
            record = msgspec.convert(hit[1]["record"], Record, strict=False)
            tables.append(tx.table("records"), [_stored(record)])
            del tx.table("trash")[hit[0]]
            tables.append(tx.table("history"), [entry(record_id, "restore", _now())])
            tx.dirty = True
        return record

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
            return backup.take(self.path, raw, reason, _now_dt())

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
            saved = backup.take(self.path, raw, "restore", _now_dt()) if raw is not None else None
            write_atomic(self.path, payload)
        self.refresh()
        return saved


def _validate(number: int, doc: dict[str, Any]) -> Record:
    try:
        return msgspec.convert(doc, Record, strict=False)
    except msgspec.ValidationError as e:
        from auditor.errors import translate

        raise InputError(f"第{number}条记录格式不对（{translate(str(e))}），未写入任何记录。") from None


def _stored(record: Record) -> dict[str, Any]:
    """The record as stored: fields left at their empty default are omitted (a smaller file)."""
    doc = record_to_doc(record)
    return {k: v for k, v in doc.items() if k in _REQUIRED or v not in (None, "", [])}


_REQUIRED = frozenset({"id", "date", "kind", "title"})


def _now_dt() -> dt.datetime:
    return dt.datetime.now(CHINA).replace(microsecond=0)


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def now_iso() -> str:
    """Now in China time, as stored in records and history."""
    return _iso(_now_dt())


_now = now_iso
