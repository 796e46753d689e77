"""deadline: a matching record for the window, dated on or before its due date.

A record dated after the window (a July report for the first half) counts through
``covers``. Done after the due date is ``late``; nothing by then is ``overdue``.
"""

from __future__ import annotations

import datetime as dt

import msgspec

from auditor.engine.assessment import Status, WindowResult
from auditor.engine.checks.common import WindowContext
from auditor.engine.checks.parts import Match
from auditor.periods import GRANULARITY_LABELS, Granularity, Period


class Deadline(
    msgspec.Struct, frozen=True, forbid_unknown_fields=True, tag="deadline", tag_field="type"
):
    per: Granularity
    due: tuple[str, ...]
    """One ``MM-DD`` per window of the year in order (two for halves), or one for all."""
    match: Match = Match()



def due_date(req: Deadline, window: Period) -> dt.date:
    """The due date of a window: the window's own entry of ``due`` (MM-DD)."""
    if len(req.due) == 1:
        text = req.due[0]
    else:
        index = _window_index(window)
        text = req.due[min(index, len(req.due) - 1)]
    month, day = (int(x) for x in text.split("-"))
    if window.kind == "month":
        # one "MM-DD" cannot name every month; its day applies to each month
        month = window.start.month
    due = dt.date(window.start.year, month, day)
    # a due date before its window is in the next year (Q4 report due 01-10)
    return due if due >= window.start else dt.date(window.start.year + 1, month, day)


def _window_index(window: Period) -> int:
    months = {"year": 12, "half": 6, "quarter": 3, "month": 1}[window.kind]
    return (window.start.month - 1) // months


def assess(ctx: WindowContext, req: Deadline) -> WindowResult:
    w = ctx.window
    due = due_date(req, w)
    what = ctx.rule.what
    report = ctx.rule.genre == "report"  # the genre's words: 报送, 逾期报送, 逾期未报送
    first = min(ctx.records, key=lambda r: r.date) if ctx.records else None
    due_text = f"{due.month}月{due.day}日"
    if first is not None:
        if first.date <= due:
            status = Status.MET
            done = f"{first.date.month}月{first.date.day}日"
            msg = (f"{w.label}{what}已于{done}报送（截止{due_text}）" if report
                   else f"{w.label}{what}已于{done}完成（截止{due_text}）")
        else:
            status = Status.LATE
            late_days = (first.date - due).days
            done = f"{first.date.month}月{first.date.day}日"
            msg = (f"{w.label}{what}于{done}报送，逾期{late_days}天（截止{due_text}）" if report
                   else f"{w.label}{what}于{done}完成，晚于截止日{due_text}{late_days}天")
    elif ctx.as_of > due:
        status = Status.OVERDUE
        msg = f"{w.label}{what}截止{due_text}，{'逾期未报送' if report else '逾期未完成'}"
    else:
        left = (due - ctx.as_of).days + 1  # today included, as in count windows' "距期末还有N天"
        status = Status.AT_RISK if left <= ctx.warn_days else Status.ON_TRACK
        msg = f"{w.label}{what}尚未完成，截止{due_text}，还有{left}天"
    return ctx.result(
        status, 1, len(ctx.records), msg, due=due,
        shortfall=1.0 if status is Status.OVERDUE else 0.0, at_risk="time",
    )


def describe(req: Deadline) -> str:
    return f"{GRANULARITY_LABELS[req.per]}一次，截止 {'、'.join(req.due)}"


def due(req: Deadline, window: Period) -> dt.date:
    return due_date(req, window)
