"""Rectification items that need attention: open and past, or close to, their deadline.

Pure: the faces (`check`, `remind`, the TUI, section 三 of the report) call
``due_items`` with the store's items and an as_of day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from auditor.model import Rectification

SOON_DAYS = 7
"""Default lead time for `remind`: open items due within a week are listed too."""


@dataclass(frozen=True)
class RectificationDue:
    item: Rectification
    days: int
    """Days past the deadline when overdue; days left (0 = due today) otherwise."""
    overdue: bool

    @property
    def message(self) -> str:
        it = self.item
        d = it.deadline
        when = f"{d.year}年{d.month}月{d.day}日"
        if self.overdue:
            tail = f"整改时限{when}，已超期{self.days}天"
        elif self.days == 0:
            tail = f"整改时限{when}，今天到期"
        else:
            tail = f"整改时限{when}，还有{self.days}天"
        return f"整改事项{it.id}“{it.problem}”（责任人{it.responsible}，{it.status}）{tail}"

    def to_dict(self) -> dict[str, Any]:
        it = self.item
        return {
            "id": it.id,
            "problem": it.problem,
            "measure": it.measure,
            "responsible": it.responsible,
            "deadline": it.deadline.isoformat(),
            "status": it.status,
            "rule": it.rule,
            "window": it.window,
            "overdue": self.overdue,
            "days": self.days,
            "message": self.message,
        }


def due_items(
    items: Iterable[Rectification], as_of: dt.date, soon_days: int = 0
) -> list[RectificationDue]:
    """Open items past their deadline, then (with ``soon_days``) those due within that many days.

    ``check`` uses ``soon_days=0`` (past deadline only); ``remind`` passes a lead time.
    """
    out = []
    for it in items:
        if not it.is_open:
            continue
        if it.deadline < as_of:
            out.append(RectificationDue(it, (as_of - it.deadline).days, True))
        elif soon_days and (it.deadline - as_of).days <= soon_days:
            out.append(RectificationDue(it, (it.deadline - as_of).days, False))
    out.sort(key=lambda d: (not d.overdue, d.item.deadline, d.item.id))
    return out


def for_rule(items: Iterable[Rectification], rule_id: str, window: str = "") -> list[Rectification]:
    """Items answering a rule (and, if given, one of its windows): for the TUI detail and the report."""
    return [it for it in items if it.rule == rule_id and (not window or not it.window or it.window == window)]


def problem_from_result(result: Any, window: str = "") -> str:
    """The finding a rule result states, as the problem of a new item (整改事项).

    ``result`` is a RuleResult; with ``window`` the sentence of that window, else the
    rule's own summary. Used when an item is raised from a result (CLI and TUI).
    """
    for w in result.windows:
        if w.period == window:
            return str(w.message)
    return str(result.message)
