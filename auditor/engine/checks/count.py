"""count: at least N matching records in each window, optionally in part of it."""

from __future__ import annotations

import datetime as dt

import msgspec

from auditor.engine.assessment import Status, WindowResult
from auditor.engine.checks.common import WindowContext, amount_status
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
    status = amount_status(ctx, req.min, actual)
    return ctx.result(
        status, req.min, actual, f"{w.label}{_part_label(req)}{_verdict(ctx, req, status, actual)}",
        evidence=tuple(r.id for r in records),
        due=hi,
        shortfall=max(0, req.min - actual) if status.is_failure else 0,
    )


def _verdict(ctx: WindowContext, req: Count, status: Status, actual: int) -> str:
    """The message after the window's label: 主题党日1次，达到要求（至少1次）."""
    what, unit, required = ctx.rule.what, req.unit, req.min
    if status is Status.MET:
        return f"{what}{actual}{unit}，达到要求（至少{required}{unit}）"
    if status is Status.NOT_MET:
        return f"未开展{what}" if actual == 0 else f"{what}仅{actual}{unit}，少于要求的{required}{unit}"
    done = f"尚未开展{what}" if actual == 0 else f"{what}已开展{actual}{unit}"
    return f"{done}，还差{required - actual}{unit}，距期末还有{ctx.window.days_left(ctx.as_of)}天"


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
