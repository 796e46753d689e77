"""A requirement in one Chinese phrase, for `rules list` and the generated docs table."""

from __future__ import annotations

from auditor.periods import GRANULARITY_LABELS
from auditor.rulebook.schema import Count, Deadline, EachRecord, MemberAbsence, PerMember, Requirement, Total

TOTAL_FIELDS = {"duration_days": "学习时长", "quantity": "数量"}
"""The record field a total adds up, as people call it."""


def describe(req: Requirement, *, with_type: bool = False) -> str:
    """One Chinese phrase for a requirement; ``with_type`` prefixes the type id (docs)."""
    text = _describe(req)
    return text if with_type else text.partition("：")[2]


def _describe(req: Requirement) -> str:
    per = GRANULARITY_LABELS[req.per]
    if isinstance(req, Count):
        return f"count：{per}至少{req.min}{req.unit}"
    if isinstance(req, Total):
        return f"total：{per}{TOTAL_FIELDS.get(req.field, req.field)}累计≥{req.min:g}{req.unit}"
    if isinstance(req, Deadline):
        return f"deadline：{per}一次，截止 {'、'.join(req.due)}"
    if isinstance(req, EachRecord):
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
        return f"each_record：每条记录{what}"
    if isinstance(req, MemberAbsence):
        return f"member_absence：无正当理由连续{req.months}个月未参加即不达标（{per}检查）"
    if isinstance(req, PerMember):
        who = "、".join(req.members.groups or req.members.roles or req.members.cells) or "名册中每名党员"
        return f"per_member：{per}{who}每人至少{req.min}{req.unit}"
    return type(req).__name__
