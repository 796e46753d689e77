"""Undo for record changes made in the TUI: each change is reversed through ``auditor.actions``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from auditor.session import Session


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

    def undo(self, session: Session) -> Change | None:
        """Reverse the latest change; it stays on the stack if the store refuses."""
        change = self.peek()
        if change is None:
            return None
        from auditor import actions  # the use cases (forms and all) load with the first write, not at start

        if change.action == "add":
            actions.delete_records(session, [change.record_id])
        elif change.action == "delete":
            actions.restore_records(session, [change.record_id])
        else:
            actions.revert_record(session, change.record_id, change.before)
        self._items.pop()
        return change
