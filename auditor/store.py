"""The only module that touches TinyDB: transactions, validated objects, history, trash.

Every write is one transaction: take the writer lock, read the file fresh (a corrupt
file stops everything before a byte is written), let TinyDB change the data in
memory, then write the whole file once, atomically (``auditor.atomic``). Readers take
no lock: they always see a whole file, old or new, and read it once per ``refresh``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
from tinydb import Query, TinyDB
from tinydb.storages import Storage

from auditor import backup
from auditor.atomic import CorruptFileError, encode, read_file, remove_stale_tmp, write_atomic
from auditor.errors import InputError, NotFoundError, StorageError
from auditor.history import Change, current_user, diff, entry
from auditor.locking import writer_lock
from auditor.migrations import SCHEMA_VERSION, Data, empty_database, migrate
from auditor.model import Record, UnitProfile, Waiver, profile_from_doc, record_to_doc

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


class _TxStorage(Storage):
    """TinyDB works on an in-memory dict during a transaction; the store writes it once."""

    def __init__(self, data: Data) -> None:
        self.data = data
        self.dirty = False

    def read(self) -> Data:
        return self.data

    def write(self, data: Data) -> None:
        self.data = data
        self.dirty = True


@dataclass(frozen=True)
class DeletedRecord:
    record: Record
    deleted: str
    by: str


class Store:
    """A unit's log: records, profile, waivers. Open with ``Store(path)``; no I/O until used."""

    def __init__(self, path: Path | str, *, lock_timeout: float = LOCK_TIMEOUT) -> None:
        self.path = Path(path)
        self.lock_timeout = lock_timeout
        self._cache: Data | None = None
        self._records: list[Record] | None = None
        self._found_version = SCHEMA_VERSION

    # -- reading -----------------------------------------------------------------

    def _read(self) -> tuple[bytes, Data | None, int]:
        try:
            raw, data = read_file(self.path)
        except CorruptFileError as e:
            good = backup.newest_good(self.path)
            hint = (f"最新的完好备份是 {good.path.name}（{good.label}），"
                    "可运行 auditor db restore 恢复。") if good else "没有找到完好的备份。"
            raise CorruptFileError(f"{e.msg}{hint}") from None
        if data is None:
            return raw, None, SCHEMA_VERSION
        data, found = migrate(data, self.path)
        return raw, data, found

    def _data(self) -> Data:
        if self._cache is None:
            _, data, self._found_version = self._read()
            self._cache = data if data is not None else empty_database("")
        return self._cache

    def refresh(self) -> None:
        """Forget what was read; the next read sees other processes' writes."""
        self._cache = None
        self._records = None

    @property
    def exists(self) -> bool:
        return self.path.exists()

    def records(self) -> list[Record]:
        if self._records is None:
            self._records = self._convert(list(self._data().get("records", {}).values()))
        return list(self._records)

    def _convert(self, docs: list[dict[str, Any]]) -> list[Record]:
        try:
            return msgspec.convert(docs, list[Record], strict=False)
        except msgspec.ValidationError as e:
            raise StorageError(
                f"数据文件 {self.path} 中有记录格式不对（{e}），请运行 auditor db check。"
            ) from None

    def record(self, record_id: str) -> Record:
        for r in self.records():
            if r.id == record_id:
                return r
        raise NotFoundError(f"没有编号为 {record_id} 的记录，请用 auditor list 查看编号。")

    def deleted(self) -> list[DeletedRecord]:
        """Records in the trash, most recently deleted last."""
        items = list(self._data().get("trash", {}).values())
        records = self._convert([i["record"] for i in items])
        return [DeletedRecord(r, i.get("deleted", ""), i.get("by", "")) for r, i in zip(records, items, strict=True)]

    def history(self, record_id: str | None = None) -> list[Change]:
        """History entries (oldest first), of one record or of all."""
        docs = [d for d in self._data().get("history", {}).values()
                if record_id is None or d.get("record") == record_id]
        return msgspec.convert(docs, list[Change], strict=False)

    def profile(self) -> UnitProfile:
        doc = self._data().get("meta", {}).get("1", {}).get("profile", {})
        return profile_from_doc(doc)

    def waivers(self) -> list[Waiver]:
        docs = list(self._data().get("waivers", {}).values())
        return msgspec.convert(docs, list[Waiver], strict=False)

    def schema_version(self) -> int:
        """The version of the file on disk (older files are upgraded on the next write)."""
        self._data()
        return self._found_version

    # -- writing -----------------------------------------------------------------

    @contextmanager
    def transaction(self, *, backup_reason: str | None = None) -> Iterator[TinyDB]:
        """Hold the writer lock around one read-modify-write of the file.

        Nothing is written if the body raises. ``backup_reason`` (e.g. ``"import"``)
        saves a backup of the file as it was before this transaction.
        """
        self.refresh()
        with writer_lock(self.path, self.lock_timeout):
            remove_stale_tmp(self.path)
            raw, data, found = self._read()
            now = _now_dt()
            if data is None:
                data = empty_database(_iso(now))
            else:
                self._backups(raw, found, backup_reason, now)
            db = TinyDB(data, storage=_TxStorage)
            storage: _TxStorage = db.storage  # type: ignore[assignment]
            yield db
            if storage.dirty or found < SCHEMA_VERSION or raw == b"":
                write_atomic(self.path, encode(storage.data))
            self._cache, self._found_version = storage.data, SCHEMA_VERSION

    def _backups(self, raw: bytes, found: int, reason: str | None, now: dt.datetime) -> None:
        if found < SCHEMA_VERSION:
            backup.take(self.path, raw, "migrate", now)
        if reason:
            backup.take(self.path, raw, reason, now)
        if backup.daily_due(self.path, now):
            backup.take(self.path, raw, "daily", now)
            backup.prune(self.path, now)

    def _next_ids(self, db: TinyDB, n: int) -> list[str]:
        if n == 0:
            return []
        start = _next_id(db)
        db.table("meta", cache_size=0).update({"next_id": start + n}, doc_ids=[1])
        return [f"R{i:05d}" for i in range(start, start + n)]

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
        action = "import" if note else "create"
        with self.transaction(backup_reason=backup_reason) as db:
            if keep_ids:
                self._claim_ids(db, [str(i["id"]) for i in items if i.get("id")])
            fresh = iter(self._next_ids(db, sum(1 for i in items if not (keep_ids and i.get("id")))))
            records = []
            for number, item in enumerate(items, 1):
                if keep_ids and item.get("id"):
                    doc = {"created": now, "updated": now, **item}
                else:
                    doc = {**item, "id": next(fresh), "created": now, "updated": now}
                records.append(self._validate(number, doc))
            db.table("records", cache_size=0).insert_multiple(record_to_doc(r) for r in records)
            who = current_user()
            db.table("history", cache_size=0).insert_multiple(
                entry(r.id, action, now, note=note, by=who) for r in records  # type: ignore[arg-type]
            )
        return records

    def _validate(self, number: int, doc: dict[str, Any]) -> Record:
        try:
            return msgspec.convert(doc, Record, strict=False)
        except msgspec.ValidationError as e:
            raise InputError(f"第{number}条记录格式不对（{e}），未写入任何记录。") from None

    def _claim_ids(self, db: TinyDB, ids: list[str]) -> None:
        existing = {d.get("id") for d in db.table("records", cache_size=0).all()}
        existing |= {d["record"].get("id") for d in db.table("trash", cache_size=0).all()}
        repeated = {i for i, n in Counter(ids).items() if n > 1}
        taken = sorted((set(ids) & existing) | repeated)  # type: ignore[operator]
        if taken:
            raise InputError(f"记录编号 {taken[0]} 已被占用或重复，未写入任何记录。")
        numbers = [int(i[1:]) for i in ids if i[:1] == "R" and i[1:].isdigit()]
        top = max([_next_id(db), *(n + 1 for n in numbers)])
        db.table("meta", cache_size=0).update({"next_id": top}, doc_ids=[1])

    def update(self, record_id: str, changes: dict[str, Any]) -> Record:
        """Change fields of a record; the history keeps each field's old and new value."""
        with self.transaction() as db:
            table = db.table("records", cache_size=0)
            docs = table.search(Query().id == record_id)
            if not docs:
                raise NotFoundError(f"没有编号为 {record_id} 的记录，请用 auditor list 查看编号。")
            old = dict(docs[0])
            merged = {**old, **changes, "id": record_id, "created": old.get("created", "")}
            record = self._validate(1, merged)
            new = record_to_doc(record)
            changed = diff(old, new)
            if not changed:
                return msgspec.convert(old, Record, strict=False)
            now = _now()
            new["updated"] = now
            record = msgspec.structs.replace(record, updated=now)
            table.update(new, doc_ids=[docs[0].doc_id])
            db.table("history", cache_size=0).insert(entry(record_id, "edit", now, changes=changed))
        return record

    def delete(self, record_id: str) -> Record:
        """Remove a record from the log; it stays in the trash and can be restored."""
        with self.transaction() as db:
            table = db.table("records", cache_size=0)
            docs = table.search(Query().id == record_id)
            if not docs:
                raise NotFoundError(f"没有编号为 {record_id} 的记录，请用 auditor list 查看编号。")
            record = msgspec.convert(dict(docs[0]), Record, strict=False)
            now = _now()
            item = entry(record_id, "delete", now)
            db.table("trash", cache_size=0).insert({"record": dict(docs[0]), "deleted": now, "by": item["by"]})
            table.remove(doc_ids=[docs[0].doc_id])
            db.table("history", cache_size=0).insert(item)
        return record

    def restore_record(self, record_id: str) -> Record:
        """Bring a deleted record back from the trash, with its id."""
        with self.transaction() as db:
            trash = db.table("trash", cache_size=0)
            hits = [d for d in trash.all() if d["record"].get("id") == record_id]
            if not hits:
                raise NotFoundError(f"回收站里没有编号为 {record_id} 的记录，请用 auditor list --deleted 查看。")
            records = db.table("records", cache_size=0)
            if records.contains(Query().id == record_id):
                raise InputError(f"编号 {record_id} 的记录已经在记录列表中，不需要恢复。")
            doc = hits[-1]
            record = msgspec.convert(doc["record"], Record, strict=False)
            records.insert(record_to_doc(record))
            trash.remove(doc_ids=[doc.doc_id])
            db.table("history", cache_size=0).insert(entry(record_id, "restore", _now()))
        return record

    def set_profile(self, profile: UnitProfile) -> None:
        with self.transaction() as db:
            db.table("meta", cache_size=0).update({"profile": msgspec.to_builtins(profile)}, doc_ids=[1])

    def add_waiver(self, fields: dict[str, Any]) -> Waiver:
        with self.transaction() as db:
            table = db.table("waivers", cache_size=0)
            wid = f"W{len(table) + 1:03d}"
            while table.search(Query().id == wid):
                wid = f"W{int(wid[1:]) + 1:03d}"
            waiver = msgspec.convert({**fields, "id": wid, "created": _now()}, Waiver, strict=False)
            table.insert(msgspec.to_builtins(waiver))
        return waiver

    # -- backups -----------------------------------------------------------------

    def backup_now(self, reason: str = "manual") -> Path:
        """Copy the file as it is now into the backups folder (even a corrupt one)."""
        with writer_lock(self.path, self.lock_timeout):
            raw, _ = _raw_or_missing(self.path)
            return backup.take(self.path, raw, reason, _now_dt())

    def restore_backup(self, source: Path) -> Path | None:
        """Replace the file by a backup, after backing up the current file (kept even if corrupt).

        Returns the path of that "before restore" backup (None when there was no file).
        """
        info = backup.inspect(source)
        if not info.ok:
            raise StorageError(f"备份 {source.name} {info.error}，不能用来恢复；请选择另一个备份。")
        payload = source.read_bytes()
        with writer_lock(self.path, self.lock_timeout):
            raw, exists = _raw_or_missing(self.path)
            saved = backup.take(self.path, raw, "restore", _now_dt()) if exists else None
            write_atomic(self.path, payload)
        self.refresh()
        return saved


def _next_id(db: TinyDB) -> int:
    doc = db.table("meta", cache_size=0).get(doc_id=1)
    return int(doc.get("next_id", 1)) if isinstance(doc, dict) else 1


def _raw_or_missing(path: Path) -> tuple[bytes, bool]:
    try:
        return path.read_bytes(), True
    except FileNotFoundError:
        return b"", False
    except OSError as e:
        raise StorageError(f"无法读取数据文件 {path}（{e.strerror}），请检查权限。") from None


def _now_dt() -> dt.datetime:
    return dt.datetime.now(CHINA).replace(microsecond=0)


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def now_iso() -> str:
    """Now in China time, as stored in records and history."""
    return _iso(_now_dt())


_now = now_iso
