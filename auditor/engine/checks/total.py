"""total: the sum of a numeric field (duration_days, quantity) reaches X per window."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import msgspec

from auditor.engine.assessment import Status, WindowResult
from auditor.engine.checks.common import WindowContext, amount_status, fmt
from auditor.engine.checks.parts import Match, Points
from auditor.periods import GRANULARITY_LABELS, Granularity, Period

TOTAL_FIELDS = {"duration_days": "学习时长", "quantity": "数量"}
"""The record field a total adds up, as people call it."""


class Total(msgspec.Struct, frozen=True, forbid_unknown_fields=True, tag="total", tag_field="type"):
    per: Granularity
    field: Literal["duration_days", "quantity"]
    min: Points
    match: Match = Match()
    unit: str = "天"


_FIELD_ZH = {"duration_days": "时长（天）", "quantity": "数量"}


def assess(ctx: WindowContext, req: Total) -> WindowResult:
    w = ctx.window
    used = [r for r in ctx.records if getattr(r, req.field) is not None]
    actual = round(sum(float(getattr(r, req.field)) for r in used), 2)
    status = amount_status(ctx, req.min, actual)
    msg = f"{w.label}{ctx.rule.what}{_verdict(ctx, req, status, actual)}{_blank_note(ctx, req)}"
    return ctx.result(
        status, req.min, actual, msg,
        evidence=tuple(r.id for r in used),
        due=w.end,
        shortfall=max(0.0, req.min - actual) if status.is_failure else 0.0,
    )


def _verdict(ctx: WindowContext, req: Total, status: Status, actual: float) -> str:
    have, need, unit = fmt(actual), fmt(req.min), req.unit
    if status is Status.MET:
        return f"累计{have}{unit}，达到要求（不少于{need}{unit}）"
    if status is Status.NOT_MET:
        return f"累计仅{have}{unit}，少于要求的{need}{unit}"
    left = ctx.window.days_left(ctx.as_of)
    return f"已累计{have}{unit}，还差{fmt(req.min - actual)}{unit}，距期末还有{left}天"


def _blank_note(ctx: WindowContext, req: Total) -> str:
    """Records without the summed field count as 0: say which, so they get filled in."""
    blank = [r for r in ctx.records if getattr(r, req.field) is None]
    if not blank:
        return ""
    days = "、".join(f"{r.date.month}月{r.date.day}日" for r in blank[:5])
    more = f"等{len(blank)}条" if len(blank) > 5 else f"{len(blank)}条"
    return f"（{days}{more}记录未填写{_FIELD_ZH[req.field]}，按0计，请补填）"


def describe(req: Total) -> str:
    return f"{GRANULARITY_LABELS[req.per]}{TOTAL_FIELDS.get(req.field, req.field)}累计≥{req.min:g}{req.unit}"


def due(req: Total, window: Period) -> dt.date:
    return window.end
