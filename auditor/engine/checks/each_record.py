"""each_record: every matching record satisfies a condition (attendance, quorum, minutes)."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from auditor.engine.assessment import Status, WindowResult
from auditor.engine.checks.common import WindowContext
from auditor.engine.checks.parts import Match
from auditor.engine.placeholders import leftover
from auditor.model import Record
from auditor.periods import Granularity, Period


class Condition(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Exactly one of these is set."""

    attendance_min: Annotated[float, msgspec.Meta(ge=0, le=1)] | None = None
    quorum: Literal["half_or_more", "more_than_half"] | None = None
    """half_or_more: 半数以上 (以上 includes the number: 2 of 4 is a quorum);
    more_than_half: 超过半数, for a unit that reads 以上 strictly."""
    minutes_complete: bool | None = None
    topic: str | None = None
    content_min: int | None = None
    """会议内容 (the summary) has at least this many characters and no template text left."""


class EachRecord(
    msgspec.Struct, frozen=True, forbid_unknown_fields=True, tag="each_record", tag_field="type"
):
    condition: Condition
    per: Granularity = "month"
    match: Match = Match()



def problem(record: Record, cond: Condition) -> str:
    """Why a record breaks the condition, in Chinese; empty when it satisfies it."""
    if cond.attendance_min is not None:
        ratio = record.attendance_ratio()
        if ratio is None:
            return "未记录应到、实到人数"
        if ratio < cond.attendance_min:
            return f"出勤率{ratio:.0%}，低于{cond.attendance_min:.0%}"
    if cond.quorum is not None:
        return _quorum_problem(record, cond.quorum)
    if cond.minutes_complete:
        missing = [
            name
            for name, value in (
                ("主持人", record.host),
                ("记录人", record.recorder),
                ("应到人数", record.expected),
                ("实到人数", record.present),
            )
            if value in ("", None)
        ]
        if missing:
            return "缺少" + "、".join(missing)
        gap = (record.expected or 0) - (record.present or 0)
        explained = sum(1 for a in record.absentees if a.reason.strip())
        if gap > 0 and explained < gap:
            return f"缺席{gap}人，但只写明了{explained}人的缺席原因"
    if cond.topic is not None and not record.has_topic(cond.topic):
        return f"未记录“{cond.topic}”"
    if cond.content_min is not None:
        return thin_minutes(record, cond.content_min)
    return ""


def thin_minutes(record: Record, least: int) -> str:
    """Why the minutes are too thin to pass (the 驳回 of the 党建 platforms); empty if not."""
    content = "".join(record.summary.split())
    if not content:
        return "会议内容为空"
    if len(content) < least:
        return f"会议内容只有{len(content)}字，少于{least}字"
    for label, text in (("会议内容", record.summary), ("主题", record.title), ("主持人", record.host),
                        ("记录人", record.recorder), ("地点", record.location)):
        left = leftover(text)
        if left:
            return f"{label}中残留模板文字“{left}”"
    return ""


def _quorum_problem(record: Record, quorum: str) -> str:
    """半数以上 includes half itself (2 of 4); 超过半数 (the strict reading) does not."""
    if record.expected is None or record.present is None:
        return "未记录应到、实到人数"
    if quorum == "half_or_more" and record.present * 2 < record.expected:
        return f"到会{record.present}人，不足应到{record.expected}人的半数"
    if quorum == "more_than_half" and record.present * 2 <= record.expected:
        return f"到会{record.present}人，未超过应到{record.expected}人的半数"
    return ""


def assess(ctx: WindowContext, req: EachRecord) -> WindowResult:
    w = ctx.window
    failing: list[tuple[Record, str]] = []
    for r in ctx.records:
        why = problem(r, req.condition)
        if why:
            failing.append((r, why))
    total = len(ctx.records)
    if total == 0:
        status = Status.NOT_APPLICABLE
        msg = f"{w.label}没有需要检查的记录"
    elif failing:
        status = Status.NOT_MET
        first, why = failing[0]
        more = len(failing) > 1
        d = first.date
        msg = f"{d.year}年{d.month}月{d.day}日“{first.title}”{why}"
        if more:
            msg += f"（{w.label}共{len(failing)}条记录不符合{ctx.rule.what}要求）"
    else:
        status = Status.MET
        msg = f"{w.label}{total}条记录均符合{ctx.rule.what}要求"
    return ctx.result(
        status, total, total - len(failing), msg,
        failing=tuple(r.id for r, _ in failing),
        shortfall=float(len(failing)),
    )


def describe(req: EachRecord) -> str:
    c = req.condition
    if c.attendance_min is not None:
        what = f"出勤率≥{c.attendance_min:.0%}"
    elif c.quorum:
        what = "到会过半"
    elif c.minutes_complete:
        what = "记录要素齐全"
    elif c.topic:
        what = f"带“{c.topic}”标签"
    elif c.content_min is not None:
        what = f"会议内容不少于{c.content_min}字、无模板占位文字"
    else:
        what = "条件"
    return f"每条记录{what}"


def due(req: EachRecord, window: Period) -> None:
    """Each record is judged as it is written: there is no date to be ready by."""
    return None
