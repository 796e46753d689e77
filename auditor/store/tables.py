"""The database file's tables with lazily decoded documents, for the hot write paths.

The file is TinyDB's format (``{table: {doc_id: document}}``) and TinyDB can open it.
But TinyDB rebuilds a whole table on every change, and decoding 10,000 records into
dicts costs more than the 0.1 s budget of one add or edit. Here every document stays
the raw JSON bytes it was read as (``msgspec.Raw``) until it is needed: an add only
appends, an edit decodes one record, and the file is written back in one encode call.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import msgspec

from auditor.errors import InputError, NotFoundError
from auditor.store.atomic import CorruptFileError, decode, not_a_database, read_raw
from auditor.store.history import Change
from auditor.store.migrations import SCHEMA_VERSION, check_meta, empty_database, migrate, version_of

Doc = dict[str, Any] | msgspec.Raw
Tables = dict[str, dict[str, Doc]]

_ENCODER = msgspec.json.Encoder()
# An "id" key with an R-number value; inside JSON strings quotes are escaped, so text never matches.
_ID = re.compile(rb'"id"\s*:\s*"R(\d{1,9})"')


def blank(raw: bytes) -> bool:
    return not raw or raw.isspace()  # stops at the first non-space byte, unlike strip()


def read_bytes(path: Path) -> tuple[bytes, bool]:
    """(file bytes, whether it exists): the store's one way in.

    An empty file where backups exist is damage (a failed copy, a truncation), not a
    new log: taking it as empty would restart the ids at R00001 beside the backups.
    """
    raw = read_raw(path)
    if raw is None:
        return b"", False
    if blank(raw) and _has_backups(path):
        raise CorruptFileError(f"数据文件 {path} 是空的，但旁边有备份，说明文件已损坏，程序没有改动它；"
                               "请用 auditor db restore 从备份恢复。")
    return raw, True


def _has_backups(path: Path) -> bool:
    from auditor.store.backup import list_backups  # only for an empty file: readers skip the backups module

    return bool(list_backups(path))


def load(raw: bytes, path: Path, created: str) -> Transaction:
    """The tables of file bytes for a writer; older schemas are upgraded (then ``dirty``)."""
    if blank(raw):
        return Transaction(from_data(empty_database(created)), SCHEMA_VERSION, dirty=True)
    try:
        found = lazy(raw)
        meta = doc(found.get("meta", {}).get("1", msgspec.Raw(b"{}")))
        if version_of({"meta": {"1": meta}}) == SCHEMA_VERSION and "records" in found:
            check_meta(meta, path)
            _check_logs(found, path)
            found.setdefault("meta", {})["1"] = meta
            return Transaction(found, SCHEMA_VERSION)
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
        pass  # the strict path below says what is wrong
    data = decode(raw, path)
    assert data is not None
    migrated, version = migrate(data, path)
    tables = from_data(migrated)
    _check_logs(tables, path)
    return Transaction(tables, version, dirty=version < SCHEMA_VERSION)


class _TrashItem(msgspec.Struct):
    record: dict[str, Any]
    deleted: str = ""
    by: str = ""


def _check_logs(found: Tables, path: Path) -> None:
    """History and trash are only appended to by writers, so check them before a write adds to them.

    A damaged entry found after the write would turn a saved change into an error.
    """
    for name, target in (("history", Change), ("trash", _TrashItem)):
        items = [bytes(d) if isinstance(d, msgspec.Raw) else _ENCODER.encode(d) for d in found.get(name, {}).values()]
        try:
            msgspec.json.decode(b"[" + b",".join(items) + b"]", type=list[target])  # type: ignore[valid-type]
        except msgspec.ValidationError as e:
            from auditor.errors import translate

            label = "历史记录" if name == "history" else "回收站"
            raise not_a_database(path, f"（{label}中有一条格式不对：{translate(str(e))}）") from None


def lazy(raw: bytes) -> Tables:
    """Split file bytes into tables of undecoded documents (raises msgspec.DecodeError)."""
    return msgspec.json.decode(raw, type=dict[str, dict[str, msgspec.Raw]])  # type: ignore[return-value]


def from_data(data: dict[str, dict[str, Any]]) -> Tables:
    return {name: dict(docs) for name, docs in data.items()}


def doc(value: Doc) -> dict[str, Any]:
    if isinstance(value, msgspec.Raw):
        out: dict[str, Any] = msgspec.json.decode(value)
        return out
    return value


def find(table: dict[str, Doc], key: str, value: str) -> tuple[str, dict[str, Any]] | None:
    """The last document whose ``key`` equals ``value`` (a byte search skips decoding the rest)."""
    needle = _ENCODER.encode(value)
    for doc_id in reversed(table):
        item = table[doc_id]
        if isinstance(item, msgspec.Raw) and needle not in bytes(item):
            continue
        decoded = doc(item)
        if _get(decoded, key) == value:
            return doc_id, decoded
    return None


def _get(document: dict[str, Any], dotted: str) -> Any:
    node: Any = document
    for part in dotted.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def append(table: dict[str, Doc], docs: Iterable[dict[str, Any]]) -> None:
    """Insert documents with TinyDB's doc ids: one more than the largest in the table."""
    next_id = max(map(int, table), default=0) + 1
    for d in docs:
        table[str(next_id)] = d
        next_id += 1


def encode(tables: Tables) -> bytes:
    """UTF-8 JSON, one document per line: compact to parse, still readable and diffable.

    In compact JSON the bytes ``},"`` occur only between an object and the next key
    (a quote inside a string is always escaped), so the line breaks never touch text.
    """
    return _ENCODER.encode(tables).replace(b'},"', b'},\n"').replace(b'{"', b'{\n"', 1) + b"\n"


class Transaction:
    """One transaction's tables; set ``dirty`` to have them written."""

    def __init__(self, data: Tables, found: int, *, dirty: bool = False) -> None:
        self.tables = data
        self.found = found
        self.dirty = dirty

    def table(self, name: str) -> dict[str, Doc]:
        return self.tables.setdefault(name, {})

    def meta(self) -> dict[str, Any]:
        meta = doc(self.table("meta").setdefault("1", {}))
        self.table("meta")["1"] = meta
        return meta

    def next_ids(self, n: int) -> list[str]:
        """Fresh ids: past the counter and past every id stored (a counter set back never reuses one)."""
        meta = self.meta()
        start = max(int(meta.get("next_id", 1)), self.highest_id() + 1)
        meta["next_id"] = start + n
        return [f"R{i:05d}" for i in range(start, start + n)]

    def highest_id(self) -> int:
        """The largest number of an ``R…`` id among records and the trash (0 when none)."""
        best = 0
        for name in ("records", "trash"):
            for item in self.table(name).values():
                data = bytes(item) if isinstance(item, msgspec.Raw) else _ENCODER.encode(item)
                best = max([best, *map(int, _ID.findall(data))])
        return best

    def claim_ids(self, ids: list[str]) -> None:
        """Keep given ids: refuse ids in use (also in the trash), move the counter past them."""
        taken = sorted({i for i, n in Counter(ids).items() if n > 1}
                       | {i for i in set(ids) if find(self.table("records"), "id", i)
                          or find(self.table("trash"), "record.id", i)})
        if taken:
            raise InputError(f"记录编号 {taken[0]} 已被占用或重复，未写入任何记录。")
        numbers = [int(i[1:]) for i in ids if i[:1] == "R" and i[1:].isdigit()]
        meta = self.meta()
        meta["next_id"] = max([int(meta.get("next_id", 1)), *(n + 1 for n in numbers)])

    def find_record(self, record_id: str) -> tuple[str, dict[str, Any]]:
        hit = find(self.table("records"), "id", record_id)
        if hit is None:
            raise NotFoundError(f"没有编号为 {record_id} 的记录，请用 auditor list 查看编号。")
        return hit
