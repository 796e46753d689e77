"""The database file's tables with lazily decoded documents, for the hot write paths.

The file is TinyDB's format (``{table: {doc_id: document}}``) and TinyDB can open it.
But TinyDB rebuilds a whole table on every change, and decoding 10,000 records into
dicts costs more than the 0.1 s budget of one add or edit. Here every document stays
the raw JSON bytes it was read as (``msgspec.Raw``) until it is needed: an add only
appends, an edit decodes one record, and the file is written back in one encode call.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import msgspec
from tinydb.storages import Storage

from auditor.errors import InputError, NotFoundError
from auditor.store.atomic import decode, read_raw
from auditor.store.migrations import SCHEMA_VERSION, empty_database, migrate, version_of

Doc = dict[str, Any] | msgspec.Raw
Tables = dict[str, dict[str, Doc]]

_ENCODER = msgspec.json.Encoder()


def blank(raw: bytes) -> bool:
    return not raw or raw.isspace()  # stops at the first non-space byte, unlike strip()


def read_bytes(path: Path) -> tuple[bytes, bool]:
    """(file bytes, whether it exists)."""
    raw = read_raw(path)
    return (b"", False) if raw is None else (raw, True)


def load(raw: bytes, path: Path, created: str) -> Transaction:
    """The tables of file bytes for a writer; older schemas are upgraded (then ``dirty``)."""
    if blank(raw):
        return Transaction(from_data(empty_database(created)), SCHEMA_VERSION, dirty=True)
    try:
        found = lazy(raw)
        meta = doc(found.get("meta", {}).get("1", msgspec.Raw(b"{}")))
        if version_of({"meta": {"1": meta}}) == SCHEMA_VERSION:
            found.setdefault("meta", {})["1"] = meta
            return Transaction(found, SCHEMA_VERSION)
    except (msgspec.DecodeError, msgspec.ValidationError):
        pass  # the strict path below says what is wrong
    data = decode(raw, path)
    assert data is not None
    migrated, version = migrate(data, path)
    return Transaction(from_data(migrated), version, dirty=version < SCHEMA_VERSION)


class TinyStorage(Storage):
    """TinyDB works on the in-memory tables of a transaction; the store writes them once."""

    def __init__(self, data: dict[str, dict[str, Any]]) -> None:
        self.data = data
        self.dirty = False

    def read(self) -> dict[str, dict[str, Any]]:
        return self.data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.data = data
        self.dirty = True


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
        meta = self.meta()
        start = int(meta.get("next_id", 1))
        meta["next_id"] = start + n
        return [f"R{i:05d}" for i in range(start, start + n)]

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
