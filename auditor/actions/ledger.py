"""Use cases on explanations (情况说明) and rectification items (整改).

Both faces call these, so an item is completed the same way everywhere: marking it
已完成 (by editing its progress or by `close`) records the day it was completed.
Raising an item from a rule result takes the rule's worst window in the period looked
at, and that window's finding as the problem (``draft_rectification``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from auditor.forms import RECTIFICATION, WAIVER, Parse
from auditor.model import Rectification, Waiver

if TYPE_CHECKING:
    from auditor.periods import Period
    from auditor.session import Session

DONE = "已完成"


def _parse(session: Session, today: dt.date) -> Parse:
    return Parse(today, rule_ids={r.id: r.title for r in session.ruleset.rules})


def _doc(item: Waiver | Rectification) -> dict[str, Any]:
    import msgspec

    doc: dict[str, Any] = msgspec.to_builtins(item)
    return doc


# -- explanations ------------------------------------------------------------------------


def add_waiver(session: Session, values: Mapping[str, Any], today: dt.date) -> Waiver:
    return session.store.add_waiver_item(WAIVER.parse(values, _parse(session, today)))


def edit_waiver(session: Session, key: str, values: Mapping[str, Any], today: dt.date) -> tuple[Waiver, Waiver]:
    before = session.store.waiver(key)
    changes = WAIVER.parse(values, _parse(session, today), partial=True)
    WAIVER.check({**_doc(before), **changes})
    return before, session.store.update_waiver(before.id, changes)


def end_waiver(session: Session, key: str, day: dt.date) -> tuple[Waiver, bool]:
    """Let an explanation lapse after ``day``; False when it had expired by then already."""
    item = session.store.waiver(key)
    if item.expires is not None and item.expires <= day:
        return item, False
    return session.store.update_waiver(item.id, {"expires": day.isoformat()}), True


# -- rectification -------------------------------------------------------------------------


def add_rectification(session: Session, values: Mapping[str, Any], today: dt.date) -> Rectification:
    doc = RECTIFICATION.parse(values, _parse(session, today))
    if doc.get("status") == DONE and not doc.get("completed_on"):
        doc["completed_on"] = today.isoformat()
    return session.store.add_rectification(doc)


def edit_rectification(session: Session, key: str, values: Mapping[str, Any],
                       today: dt.date) -> tuple[Rectification, Rectification]:
    """Change the given fields; set to 已完成 without a completion day, it is completed today."""
    before = session.store.rectification(key)
    changes = RECTIFICATION.parse(values, _parse(session, today), partial=True)
    if changes.get("status") == DONE and not (changes.get("completed_on") or before.completed_on):
        changes["completed_on"] = today.isoformat()
    RECTIFICATION.check({**_doc(before), **changes})
    return before, session.store.update_rectification(before.id, changes)


def complete_rectification(session: Session, key: str, day: dt.date,
                           evidence: Sequence[str] = ()) -> Rectification:
    """Mark an item 已完成 on ``day``, adding evidence to what it had."""
    return session.store.close_rectification(key, day, evidence)


def draft_rectification(session: Session, rule_id: str, period: Period, as_of: dt.date,
                        window: str = "") -> dict[str, str]:
    """A new item's rule, window and problem, raised from the rule's result in ``period``.

    Without ``window`` the item answers the rule's worst window (the first whose status is
    the rule's); the problem is that window's finding, else the rule's summary.
    """
    from auditor.engine.rectification import problem_from_result
    from auditor.errors import NotFoundError

    try:
        result = session.assess(period, as_of).result(rule_id)
    except KeyError:
        raise NotFoundError(f"没有 id 为 {rule_id} 的规则，请用 auditor rules list 查看。") from None
    if not window:
        bad = [w for w in result.windows if w.status is result.status]
        window = bad[0].period if bad else ""
    return {"rule": rule_id, "window": window, "problem": problem_from_result(result, window)}
