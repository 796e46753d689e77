"""The records and the trash in the store (mixed into ``Store``).

Record writes edit the tables directly (``auditor.store.tables``) inside one
``Store._locked`` read-modify-write, for the 0.1 s budget at 10,000 records; each
leaves a history entry (``auditor.store.history``). A deleted record goes to the trash
with its id and can be restored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from auditor.errors import InputError, NotFoundError, StorageError
from auditor.model import Record, record_to_doc
from auditor.store import tables
from auditor.store.history import Action, current_user, diff, entry, now_iso

if TYPE_CHECKING:
    from auditor.store.snapshot import Snapshot


@dataclass(frozen=True)
class DeletedRecord:
    """A record in the trash, with when and by whom it was deleted."""

    record: Record
    deleted: str
    by: str


class RecordsMixin:
    """Reading and writing records; ``Store`` supplies the path and the two methods below."""

    path: Path

    if TYPE_CHECKING:
        def _snap(self) -> Snapshot: ...
        def _locked(self, backup_reason: str | None = None) -> AbstractContextManager[tables.Transaction]: ...

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

    # -- writing -----------------------------------------------------------------

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
        now = now_iso()
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
            now = now_iso()
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
            item = entry(record_id, "delete", now_iso())
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
            tables.append(tx.table("history"), [entry(record_id, "restore", now_iso())])
            tx.dirty = True
        return record


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
