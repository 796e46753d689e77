"""per_member: each selected member takes part in at least N matching records per window.

Used for 谈心谈话 (every member talked with at least once a year) and for local
practice such as "each central-group member speaks at least once a year". Without a
roster the rule falls back to a plain count of matching records and says so, so a
branch that has not entered its members still sees whether the activity happened.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import msgspec

from auditor.engine.assessment import Status, WindowResult
from auditor.engine.attendance import named_in, select_members
from auditor.engine.checks.common import WindowContext, open_shortfall_status
from auditor.engine.checks.parts import Amount, Match, MemberFilter
from auditor.periods import GRANULARITY_LABELS, Granularity, Period

NAMES_SHOWN = 6
NO_ROSTER = "（未建立党员名册，暂按次数统计；导入名册后按每名党员统计）"
NO_ROSTER_SPEAKERS = "未建立党员名册，无法逐人统计交流发言；请用 auditor member import 建立名册"


class PerMember(
    msgspec.Struct, frozen=True, forbid_unknown_fields=True, tag="per_member", tag_field="type"
):
    """Each selected member takes part in at least ``min`` matching records per window.

    ``via`` says how a record names the member: ``participant`` (attendees or host),
    ``attendee`` (attendees only) or ``speaker`` (交流发言 in ``speakers``).
    """

    per: Granularity
    min: Amount = 1
    via: Literal["participant", "attendee", "speaker"] = "participant"
    match: Match = Match()
    members: MemberFilter = MemberFilter()
    unit: str = "次"



def assess(ctx: WindowContext, req: PerMember) -> WindowResult:
    if not ctx.members:
        if req.via == "speaker":  # counting speeches says nothing about who spoke
            return _result(ctx, Status.NOT_APPLICABLE, 0, 0, (), NO_ROSTER_SPEAKERS)
        return _fallback(ctx, req)
    w = ctx.window
    day = min(ctx.as_of, w.end)
    members = select_members(ctx.members, req.members, day)
    what, unit = ctx.rule.what, req.unit
    if not members:
        return _result(ctx, Status.NOT_APPLICABLE, 0, 0, (), f"名册中没有{what}要求涉及的党员")
    tally = {m.name: 0 for m in members}
    evidence = []
    for r in ctx.records:
        hit = named_in(r, req.via) & tally.keys()
        for name in hit:
            tally[name] += 1
        if hit:
            evidence.append(r.id)
    missing = [name for name, n in tally.items() if n < req.min]
    done = len(members) - len(missing)
    if not missing:
        status = Status.MET
        msg = f"{w.label}{len(members)}名党员均已{what}（每人至少{req.min}{unit}）"
    elif ctx.closed:
        status = Status.NOT_MET
        msg = f"{w.label}有{len(missing)}名党员未{what}：{_names(missing)}"
    else:
        status = open_shortfall_status(ctx, len(members), done)
        left = w.days_left(ctx.as_of)
        msg = (f"{w.label}已有{done}名党员{what}，还有{len(missing)}名未{what}（{_names(missing)}），"
               f"距期末还有{left}天")
    return _result(ctx, status, len(members), done, tuple(evidence), msg,
                   shortfall=float(len(missing)))


def _fallback(ctx: WindowContext, req: PerMember) -> WindowResult:
    w = ctx.window
    records = ctx.records
    actual, what, unit = len(records), ctx.rule.what, req.unit
    if actual >= req.min:
        status = Status.MET
        msg = f"{w.label}{what}{actual}{unit}"
    elif ctx.closed:
        status = Status.NOT_MET
        msg = f"{w.label}未开展{what}" if actual == 0 else f"{w.label}{what}仅{actual}{unit}"
    else:
        status = open_shortfall_status(ctx, req.min, actual)
        msg = f"{w.label}{what}已开展{actual}{unit}，距期末还有{w.days_left(ctx.as_of)}天"
    return _result(ctx, status, req.min, actual, tuple(r.id for r in records), msg + NO_ROSTER,
                   shortfall=float(max(0, req.min - actual)))


def _names(names: list[str]) -> str:
    more = f"等{len(names)}人" if len(names) > NAMES_SHOWN else ""
    return "、".join(names[:NAMES_SHOWN]) + more


def _result(
    ctx: WindowContext, status: Status, required: int, actual: int, evidence: tuple[str, ...],
    msg: str, shortfall: float = 0.0,
) -> WindowResult:
    """Only failures carry a shortfall (points are deducted for them alone)."""
    w = ctx.window
    return ctx.result(
        status, required, actual, msg, evidence=evidence,
        due=w.end if status in (Status.ON_TRACK, Status.AT_RISK) else None,
        shortfall=shortfall if status.is_failure else 0.0,
    )


def describe(req: PerMember) -> str:
    who = "、".join(req.members.groups or req.members.roles or req.members.cells) or "名册中每名党员"
    return f"{GRANULARITY_LABELS[req.per]}{who}每人至少{req.min}{req.unit}"


def due(req: PerMember, window: Period) -> dt.date:
    return window.end
