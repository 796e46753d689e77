"""count: at least N matching records in each window, optionally in part of it."""

from __future__ import annotations

import datetime as dt

import msgspec

from auditor.engine.assessment import Status, WindowResult
from auditor.engine.checks.common import WindowContext, open_shortfall_status
from auditor.engine.checks.parts import Amount, Days, Match
from auditor.periods import GRANULARITY_LABELS, Granularity, Period


class Within(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Only part of each window counts, e.g. the last ten days of a quarter."""

    first_days: Days | None = None
    last_days: Days | None = None


class Count(msgspec.Struct, frozen=True, forbid_unknown_fields=True, tag="count", tag_field="type"):
    per: Granularity
    min: Amount = 1
    match: Match = Match()
    within: Within | None = None
    unit: str = "次"



def part_of_window(req: Count, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The days of a window that count (e.g. the last ten days of a quarter)."""
    if req.within is None:
        return start, end
    if req.within.last_days:
        return max(start, end - dt.timedelta(days=req.within.last_days - 1)), end
    if req.within.first_days:
        return start, min(end, start + dt.timedelta(days=req.within.first_days - 1))
    return start, end


def assess(ctx: WindowContext, req: Count) -> WindowResult:
    w = ctx.window
    lo, hi = part_of_window(req, w.start, w.end)
    records = [r for r in ctx.records if ctx.named(r) or lo <= r.date <= hi]
    actual = len(records)
    required = req.min
    what, unit = ctx.rule.what, req.unit
    part = _part_label(req)
    if actual >= required:
        status = Status.MET
        msg = f"{w.label}{part}{what}{actual}{unit}，达到要求（至少{required}{unit}）"
    else:
        missing = required - actual
        if ctx.closed:
            status = Status.NOT_MET
            msg = (
                f"{w.label}{part}未开展{what}"
                if actual == 0
                else f"{w.label}{part}{what}仅{actual}{unit}，少于要求的{required}{unit}"
            )
        else:
            status = open_shortfall_status(ctx, required, actual)
            left = w.days_left(ctx.as_of)
            done = f"尚未开展{what}" if actual == 0 else f"{what}已开展{actual}{unit}"
            msg = f"{w.label}{part}{done}，还差{missing}{unit}，距期末还有{left}天"
    return ctx.result(
        status, required, actual, msg,
        evidence=tuple(r.id for r in records),
        due=hi,
        shortfall=max(0, required - actual) if status.is_failure else 0,
    )


def _part_label(req: Count) -> str:
    if req.within is None:
        return ""
    if req.within.last_days:
        return f"最后{req.within.last_days}天内"
    if req.within.first_days:
        return f"前{req.within.first_days}天内"
    return ""



def describe(req: Count) -> str:
    return f"{GRANULARITY_LABELS[req.per]}至少{req.min}{req.unit}"


def due(req: Count, window: Period) -> dt.date:
    """The last day that counts: the window's end, or the end of its counted part."""
    return part_of_window(req, window.start, window.end)[1]
