"""Undo for record changes made in the TUI: each change knows how to reverse itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from auditor.store.store import Store

# Store-managed keys that must not be written back when reverting an edit.
_MANAGED = ("id", "created", "updated")


@dataclass(frozen=True)
class Change:
    action: Literal["add", "edit", "delete"]
    record_id: str
    title: str
    before: dict[str, Any] = field(default_factory=dict)
    """The record's document before an edit."""

    @property
    def label(self) -> str:
        verb = {"add": "新增", "edit": "修改", "delete": "删除"}[self.action]
        return f"{verb}记录“{self.title}”"


class UndoStack:
    def __init__(self, limit: int = 50) -> None:
        self._items: list[Change] = []
        self.limit = limit

    def push(self, change: Change) -> None:
        self._items.append(change)
        del self._items[: -self.limit]

    def peek(self) -> Change | None:
        return self._items[-1] if self._items else None

    def __len__(self) -> int:
        return len(self._items)

    def undo(self, store: Store) -> Change | None:
        """Reverse the latest change in the store; it stays on the stack if the store refuses."""
        change = self.peek()
        if change is None:
            return None
        if change.action == "add":
            store.delete(change.record_id)
        elif change.action == "delete":
            store.restore_record(change.record_id)
        else:
            store.update(change.record_id, {k: v for k, v in change.before.items() if k not in _MANAGED})
        self._items.pop()
        return change
