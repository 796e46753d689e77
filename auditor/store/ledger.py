"""Roster, explanations and rectification items in the store (mixed into ``Store``).

Kept apart from store.py so that file stays about records. Every write goes through
``Store.transaction`` (lock, fresh read, one atomic write) and leaves a history entry
(``auditor.store.history``) under the item's id: M001 for members, W001 for explanations
(情况说明), Z001 for rectification items (整改). Edits keep each field's old and new
value, so the roster's history is kept as records' is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, TypeVar

import msgspec

from auditor.errors import InputError, NotFoundError
from auditor.model import Member, Rectification, Waiver
from auditor.store.history import Action, diff, entry

if TYPE_CHECKING:  # TinyDB is imported by writes only (readers skip it)
    from tinydb import TinyDB
    from tinydb.table import Table

    from auditor.store.snapshot import Snapshot

T = TypeVar("T", Member, Rectification, Waiver)

_KINDS: dict[type, tuple[str, str, str, str]] = {
    # struct: (table, id prefix, Chinese noun, command that lists them)
    Member: ("members", "M", "党员", "auditor member list"),
    Waiver: ("waivers", "W", "情况说明", "auditor waiver list"),
    Rectification: ("rectifications", "Z", "整改事项", "auditor rectify list"),
}


class ExtrasMixin:
    """Members, waivers and rectification items; ``Store`` supplies the two methods below."""

    if TYPE_CHECKING:
        def _snap(self) -> Snapshot: ...
        def transaction(self, *, backup_reason: str | None = None) -> AbstractContextManager[TinyDB]: ...

    # -- reading -----------------------------------------------------------------

    def _items(self, target: type[T]) -> list[T]:
        # the snapshot decodes these tables straight into Structs, with the records
        items: dict[str, T] = getattr(self._snap(), _KINDS[target][0])
        return list(items.values())

    def members(self) -> list[Member]:
        """The roster in the order members were added (off-roll members included)."""
        return self._items(Member)

    def member(self, key: str) -> Member:
        """A member by id (M001) or by name."""
        return _find(self.members(), key, Member)

    def rectifications(self) -> list[Rectification]:
        return self._items(Rectification)

    def rectification(self, key: str) -> Rectification:
        return _find(self.rectifications(), key, Rectification)

    def waiver(self, key: str) -> Waiver:
        return _find(self._items(Waiver), key, Waiver)

    # -- writing -----------------------------------------------------------------

    def add_member(self, fields: dict[str, Any]) -> Member:
        with self.transaction() as db:
            _no_clash(db, str(fields.get("name", "")))
            return _insert(db, Member, fields, "create")

    def update_member(self, key: str, changes: dict[str, Any]) -> Member:
        with self.transaction() as db:
            if "name" in changes:
                _no_clash(db, str(changes["name"]), keep=key)
            return _update(db, Member, key, changes)

    def import_members(self, items: Sequence[dict[str, Any]], note: str) -> tuple[int, int]:
        """Add new names and update known ones, in one write (a backup is taken first).

        Returns (added, updated); rows identical to the roster change nothing.
        """
        added = updated = 0
        with self.transaction(backup_reason="import") as db:
            known = {d.get("name"): d.get("id") for d in db.table("members", cache_size=0).all()}
            for item in items:
                mid = known.get(item["name"])
                if mid is None:
                    known[item["name"]] = _insert(db, Member, item, "import", note=note).id
                    added += 1
                elif _update(db, Member, str(mid), item, note=note, count_only=True):
                    updated += 1
        return added, updated

    def add_waiver_item(self, fields: dict[str, Any]) -> Waiver:
        """A new explanation (情况说明), with a history entry."""
        return self._add(Waiver, fields)

    def update_waiver(self, key: str, changes: dict[str, Any]) -> Waiver:
        return self._edit(Waiver, key, changes)

    def add_rectification(self, fields: dict[str, Any]) -> Rectification:
        return self._add(Rectification, fields)

    def update_rectification(self, key: str, changes: dict[str, Any]) -> Rectification:
        return self._edit(Rectification, key, changes)

    def _add(self, target: type[T], fields: dict[str, Any]) -> T:
        with self.transaction() as db:
            return _insert(db, target, fields, "create")

    def _edit(self, target: type[T], key: str, changes: dict[str, Any]) -> T:
        with self.transaction() as db:
            edited: T = _update(db, target, key, changes)
            return edited

    def close_rectification(self, key: str, on: dt.date, evidence: Sequence[str] = ()) -> Rectification:
        """Mark an item 已完成 on a day, adding evidence to what it had."""
        item = self.rectification(key)
        if on < (item.found_on or on):
            raise InputError(f"完成日期 {on.isoformat()} 早于发现问题的日期，请核对。")
        return self.update_rectification(item.id, {
            "status": "已完成",
            "completed_on": on.isoformat(),
            "evidence": list(dict.fromkeys([*item.evidence, *evidence])),
        })


def _find(items: list[T], key: str, target: type[T]) -> T:
    for it in items:
        if it.id == key:
            return it
    for it in items:
        if isinstance(it, Member) and it.name == key:
            return it
    _, _, noun, command = _KINDS[target]
    raise NotFoundError(f"没有编号或姓名为 {key} 的{noun}，请用 {command} 查看。")


def _no_clash(db: TinyDB, name: str, keep: str = "") -> None:
    for d in db.table("members", cache_size=0).all():
        if d.get("name") == name and keep not in (d.get("id"), name):
            raise InputError(f"名册中已有党员 {name}（{d.get('id')}）；同名党员请加区分，如 {name}（办公室）。")


def _table(db: TinyDB, target: type) -> Table:
    return db.table(_KINDS[target][0], cache_size=0)


def _convert(target: type[T], doc: dict[str, Any]) -> T:
    try:
        return msgspec.convert(doc, target, strict=False)
    except msgspec.ValidationError as e:
        from auditor.errors import translate

        noun = _KINDS[target][2]
        raise InputError(f"{noun}的内容不对：{translate(str(e))}，未保存；请改正后重试。") from None


def _doc(item: Member | Rectification | Waiver) -> dict[str, Any]:
    """The stored form: JSON types only (lists, not tuples), so diffs compare like with like."""
    doc: dict[str, Any] = msgspec.json.decode(msgspec.json.encode(item))
    return doc


def _stamp(target: type, doc: dict[str, Any], now: str) -> dict[str, Any]:
    return {**doc, "updated": now} if "updated" in getattr(target, "__struct_fields__", ()) else doc


def _insert(db: TinyDB, target: type[T], fields: dict[str, Any], action: Action, note: str = "") -> T:
    from auditor.store.store import now_iso

    table = _table(db, target)
    prefix = _KINDS[target][1]
    used = {str(d.get("id", "")) for d in table.all()}
    number = len(used) + 1
    while f"{prefix}{number:03d}" in used:
        number += 1
    now = now_iso()
    item = _convert(target, _stamp(target, {**fields, "id": f"{prefix}{number:03d}", "created": now}, now))
    table.insert(_doc(item))
    db.table("history", cache_size=0).insert(entry(item.id, action, now, note=note))
    return item


def _update(
    db: TinyDB, target: type[T], key: str, changes: dict[str, Any], note: str = "", count_only: bool = False
) -> Any:
    from auditor.store.store import now_iso

    table = _table(db, target)
    docs = [d for d in table.all() if d.get("id") == key or (target is Member and d.get("name") == key)]
    if not docs:
        items = msgspec.convert([dict(d) for d in table.all()], list[target], strict=False)  # type: ignore[valid-type]
        _find(items, key, target)  # raises the Chinese "not found"
    old = dict(docs[0])
    merged = {**old, **changes, "id": old["id"], "created": old.get("created", "")}
    new = _doc(_convert(target, merged))
    changed = diff(old, new)
    if not changed:
        return False if count_only else _convert(target, old)
    now = now_iso()
    new = _stamp(target, new, now)
    from tinydb import Query

    table.update(new, Query().id == old["id"])
    db.table("history", cache_size=0).insert(entry(old["id"], "edit", now, changes=changed, note=note))
    return True if count_only else _convert(target, new)
