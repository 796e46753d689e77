"""member_absence: no member misses all organisational life for N consecutive months.

Party Constitution, Article 9: a member who, without good reason, takes no part in
organisational life for six consecutive months is regarded as having left the Party.
Each window is judged on its last day (or on as_of while open), over the months
completed by then. Members whose every missed month has leave with a reason, or who
are 流动党员/出国出境, are named apart and do not fail the window.
"""

from __future__ import annotations

from typing import Annotated

import msgspec

from auditor.engine.assessment import Status, WindowResult
from auditor.engine.attendance import AbsenceStreak, MonthlyLog, select_members
from auditor.engine.checks.common import WindowContext
from auditor.engine.checks.parts import Match, MemberFilter
from auditor.periods import GRANULARITY_LABELS, Granularity, Period

NAMES_SHOWN = 5


class MemberAbsence(
    msgspec.Struct, frozen=True, forbid_unknown_fields=True, tag="member_absence", tag_field="type"
):
    """No member may miss every matching activity for ``months`` consecutive months.

    A month counts when the branch held at least one matching activity with an
    attendance list; leave with a reason makes the month excused, shown apart.
    """

    per: Granularity = "month"
    months: Annotated[int, msgspec.Meta(ge=1, le=120)] = 6
    match: Match = Match()
    members: MemberFilter = MemberFilter()



def assess(ctx: WindowContext, req: MemberAbsence) -> WindowResult:
    w = ctx.window
    day = min(ctx.as_of, w.end)
    log = MonthlyLog([r for r in ctx.history if r.date <= day])
    members = select_members(ctx.members, req.members, day)
    if log.empty or not members:
        return _result(ctx, Status.NOT_APPLICABLE, 0, 0, (),
                       f"{w.label}的记录中没有参会人员名单，无法按人检查连续缺席；请在记录中填写参会人员")
    streaks = [log.streak(m, day) for m in members]
    flagged = [s for s in streaks if s.months >= req.months and not s.excused]
    excused = [s for s in streaks if s.months >= req.months and s.excused]
    near = []
    if not ctx.closed:
        month_start = day.replace(day=1)
        near = [
            s for s in streaks
            if s.months == req.months - 1 and not s.excused
            and not log.attended_in(s.member.name, month_start, day)
        ]
    if flagged:
        status = Status.NOT_MET
        msg = f"{w.label}有{len(flagged)}名党员无正当理由连续{req.months}个月以上未参加组织生活：{_names(flagged)}"
    elif near:
        status = Status.AT_RISK
        names = "、".join(s.member.name for s in near[:NAMES_SHOWN]) + (f"等{len(near)}人" if len(near) > NAMES_SHOWN else "")
        msg = (f"{names}已连续{req.months - 1}个月未参加组织生活，"
               f"本月仍不参加将满{req.months}个月")
    else:
        status = Status.MET
        msg = f"{w.label}{len(members)}名党员均未出现无正当理由连续{req.months}个月不参加组织生活的情况"
    if excused:
        msg += f"（另有{len(excused)}名党员因请假或外出连续{req.months}个月以上未参加，已注明理由：{_names(excused, True)}）"
    evidence = tuple(r.id for r in ctx.records if r.attendees)
    return _result(ctx, status, len(members), len(members) - len(flagged), evidence, msg,
                   shortfall=float(len(flagged)))


def _names(streaks: list[AbsenceStreak], reasons: bool = False) -> str:
    parts = []
    for s in streaks[:NAMES_SHOWN]:
        detail = f"{s.months}个月，{s.reason_text}" if reasons else f"{s.months}个月"
        parts.append(f"{s.member.name}（{detail}）")
    more = f"等{len(streaks)}人" if len(streaks) > NAMES_SHOWN else ""
    return "、".join(parts) + more


def _result(
    ctx: WindowContext, status: Status, required: int, actual: int, evidence: tuple[str, ...],
    msg: str, shortfall: float = 0.0,
) -> WindowResult:
    """Only failures carry a shortfall (points are deducted for them alone)."""
    return ctx.result(
        status, required, actual, msg, evidence=evidence,
        due=None,
        shortfall=shortfall if status.is_failure else 0.0,
    )


def describe(req: MemberAbsence) -> str:
    return f"无正当理由连续{req.months}个月未参加即不达标（{GRANULARITY_LABELS[req.per]}检查）"


def due(req: MemberAbsence, window: Period) -> None:
    """An absence streak is judged every month; there is no date to be ready by."""
    return None
