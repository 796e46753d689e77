"""The only module that touches TinyDB: atomic writes, the writer lock, validated objects.

Every write is one transaction: take the lock, read the file fresh, change it, write
it to a temporary file, fsync, and atomically replace the old one. Readers take no
lock: they always see a whole file, old or new.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import msgspec
from tinydb import TinyDB
from tinydb.queries import QueryLike
from tinydb.storages import Storage

from auditor.errors import LockedError, NotFoundError, StorageError
from auditor.model import Record, UnitProfile, Waiver, profile_from_doc, record_to_doc

SCHEMA_VERSION = 1
LOCK_TIMEOUT = 5.0
ENV_DB = "AUDITOR_DB"


def default_db_path() -> Path:
    """``$AUDITOR_DB``, else the user's data folder (platformdirs)."""
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("auditor", appauthor=False) / "auditor.json"


class AtomicJSONStorage(Storage):
    """TinyDB storage that never leaves a half-written file (temp + fsync + replace)."""

    def __init__(self, path: str | Path, create: bool = True) -> None:
        self.path = Path(path)
        self.create = create

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as e:
            raise StorageError(f"无法读取数据文件 {self.path}（{e.strerror}），请检查权限。") from None
        if not raw.strip():
            return None
        try:
            data = msgspec.json.decode(raw)
        except msgspec.DecodeError:
            raise StorageError(
                f"数据文件 {self.path} 已损坏（不是完整的 JSON），程序没有改动它；"
                "请运行 auditor db check 查看，并用 auditor db restore 从备份恢复。"
            ) from None
        if not isinstance(data, dict):
            raise StorageError(f"数据文件 {self.path} 的内容不是 auditor 数据库，请确认路径。")
        return data  # type: ignore[no-any-return]

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))

    def close(self) -> None:
        pass


def write_atomic(path: Path, payload: bytes) -> None:
    """Write bytes to ``path`` so that a crash leaves either the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise StorageError(
            f"写入数据文件 {path} 失败（{e.strerror}），原文件保持不变；请检查磁盘空间和权限后重试。"
        ) from None
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    if sys.platform == "win32":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Store:
    """A unit's log: records, profile, waivers. Open with ``Store(path)``; no I/O until used."""

    def __init__(self, path: Path | str, *, lock_timeout: float = LOCK_TIMEOUT) -> None:
        self.path = Path(path)
        self.lock_timeout = lock_timeout
        self._cache: dict[str, dict[str, Any]] | None = None

    # -- reading -----------------------------------------------------------------

    def _data(self) -> dict[str, dict[str, Any]]:
        if self._cache is None:
            self._cache = AtomicJSONStorage(self.path).read() or {}
        return self._cache

    def refresh(self) -> None:
        """Forget what was read; the next read sees other processes' writes."""
        self._cache = None

    @property
    def exists(self) -> bool:
        return self.path.exists()

    def records(self) -> list[Record]:
        docs = list(self._data().get("records", {}).values())
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

    def profile(self) -> UnitProfile:
        doc = self._data().get("meta", {}).get("1", {}).get("profile", {})
        return profile_from_doc(doc)

    def waivers(self) -> list[Waiver]:
        docs = list(self._data().get("waivers", {}).values())
        return msgspec.convert(docs, list[Waiver], strict=False)

    def schema_version(self) -> int:
        return int(self._data().get("meta", {}).get("1", {}).get("schema", SCHEMA_VERSION))

    # -- writing -----------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[TinyDB]:
        """Hold the writer lock around one read-modify-write of the file."""
        with self._lock():
            db = TinyDB(self.path, storage=AtomicJSONStorage)
            try:
                db.storage.read()  # a corrupt file raises here, before anything is written
                meta = db.table("meta", cache_size=0)
                if not meta.contains(doc_id=1):
                    from tinydb.table import Document

                    meta.insert(Document({"schema": SCHEMA_VERSION, "next_id": 1}, doc_id=1))
                yield db
            finally:
                db.close()
                self._cache = None

    @contextmanager
    def _lock(self) -> Iterator[None]:
        from filelock import FileLock, Timeout

        lock_path = self.path.with_name(self.path.name + ".lock")
        info_path = self.path.with_name(self.path.name + ".lock.info")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(lock_path, timeout=self.lock_timeout)
        try:
            lock.acquire()
        except Timeout:
            holder = _read_holder(info_path)
            raise LockedError(
                f"数据文件正被另一个程序使用（{holder}），请等它完成或关闭它后重试。"
            ) from None
        try:
            info_path.write_text(
                json.dumps(
                    {
                        "pid": os.getpid(),
                        "host": socket.gethostname(),
                        "command": " ".join(Path(sys.argv[0]).name.split() + sys.argv[1:2]),
                        "since": time.strftime("%H:%M:%S"),
                    },
                    ensure_ascii=False,
                ),
                encoding="utf-8",
            )
            yield
        finally:
            info_path.unlink(missing_ok=True)
            lock.release()

    def _next_ids(self, db: TinyDB, n: int) -> list[str]:
        meta = db.table("meta", cache_size=0)
        doc = meta.get(doc_id=1)
        start = int(doc.get("next_id", 1)) if doc else 1  # type: ignore[union-attr]
        meta.update({"next_id": start + n}, doc_ids=[1])
        return [f"R{i:05d}" for i in range(start, start + n)]

    def add(self, fields: dict[str, Any]) -> Record:
        return self.add_many([fields])[0]

    def add_many(self, items: Sequence[dict[str, Any]]) -> list[Record]:
        """Validate all, then store all in one write: nothing is stored if one is bad."""
        if not items:
            return []
        now = _now()
        with self.transaction() as db:
            ids = self._next_ids(db, len(items))
            records = [
                msgspec.convert({**item, "id": rid, "created": now, "updated": now}, Record, strict=False)
                for rid, item in zip(ids, items, strict=True)
            ]
            table = db.table("records", cache_size=0)
            table.insert_multiple(record_to_doc(r) for r in records)
        return records

    def update(self, record_id: str, changes: dict[str, Any]) -> Record:
        with self.transaction() as db:
            table = db.table("records", cache_size=0)
            docs = table.search(_by_id(record_id))
            if not docs:
                raise NotFoundError(f"没有编号为 {record_id} 的记录，请用 auditor list 查看编号。")
            merged = {**docs[0], **changes, "id": record_id, "updated": _now()}
            record = msgspec.convert(merged, Record, strict=False)
            table.update(record_to_doc(record), doc_ids=[docs[0].doc_id])
        return record

    def delete(self, record_id: str) -> Record:
        """Remove a record from the log; it stays in the trash and can be restored."""
        with self.transaction() as db:
            table = db.table("records", cache_size=0)
            docs = table.search(_by_id(record_id))
            if not docs:
                raise NotFoundError(f"没有编号为 {record_id} 的记录，请用 auditor list 查看编号。")
            record = msgspec.convert(dict(docs[0]), Record, strict=False)
            db.table("trash", cache_size=0).insert({"record": dict(docs[0]), "deleted": _now()})
            table.remove(doc_ids=[docs[0].doc_id])
        return record

    def restore_record(self, record_id: str) -> Record:
        with self.transaction() as db:
            trash = db.table("trash", cache_size=0)
            hits = [d for d in trash.all() if d["record"].get("id") == record_id]
            if not hits:
                raise NotFoundError(f"回收站里没有编号为 {record_id} 的记录。")
            doc = hits[-1]
            record = msgspec.convert(doc["record"], Record, strict=False)
            db.table("records", cache_size=0).insert(record_to_doc(record))
            trash.remove(doc_ids=[doc.doc_id])
        return record

    def set_profile(self, profile: UnitProfile) -> None:
        with self.transaction() as db:
            db.table("meta", cache_size=0).update(
                {"profile": msgspec.to_builtins(profile)}, doc_ids=[1]
            )

    def add_waiver(self, fields: dict[str, Any]) -> Waiver:
        with self.transaction() as db:
            table = db.table("waivers", cache_size=0)
            wid = f"W{len(table) + 1:03d}"
            while table.search(_by_id(wid)):
                wid = f"W{int(wid[1:]) + 1:03d}"
            waiver = msgspec.convert({**fields, "id": wid, "created": _now()}, Waiver, strict=False)
            table.insert(msgspec.to_builtins(waiver))
        return waiver


def _by_id(record_id: str) -> QueryLike:
    from tinydb import Query

    return Query().id == record_id


def _read_holder(info_path: Path) -> str:
    try:
        info = json.loads(info_path.read_text(encoding="utf-8"))
        return f"进程 {info['pid']}，{info['command']}，主机 {info['host']}，自 {info['since']} 起"
    except (OSError, ValueError, KeyError):
        return "另一个 auditor 进程"


def _now() -> str:
    return dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).isoformat(timespec="seconds")
