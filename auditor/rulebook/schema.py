"""The shape of a rule file, validated with msgspec.

A requirement is a tagged union on ``type``: each requirement type is one module under
``auditor/engine/checks/`` holding its schema (the Struct named here), its check, its
one-line description and its due date for any window. Adding a type is a new module
plus its Struct in ``Requirement`` below. See docs/rules.md for the reference.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, get_args

import msgspec

from auditor.engine.checks.count import Count, Within
from auditor.engine.checks.deadline import Deadline
from auditor.engine.checks.each_record import Condition, EachRecord
from auditor.engine.checks.member_absence import MemberAbsence
from auditor.engine.checks.parts import Amount, Days, Match, MemberFilter, Points
from auditor.engine.checks.per_member import PerMember
from auditor.engine.checks.total import Total

RuleId = Annotated[str, msgspec.Meta(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]


class Source(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Where the duty comes from."""

    document: str
    article: str = ""
    level: Literal["central", "local", "superior"] = "central"
    """central: 中央文件; local: 地方或单位细则（local practice）; superior: 上级补充要求."""
    note: str = ""

    def describe(self) -> str:
        level = SOURCE_LEVELS[self.level]
        art = f"{self.article}" if self.article else ""
        return f"{self.document}{art}（{level}）"


SOURCE_LEVELS = {"central": "中央文件", "local": "地方/单位做法", "superior": "上级补充要求"}


class Deduction(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Points off a 100-point score (考核扣分): per missing occurrence, capped.

    ``once``: the points come off once for the rule however many windows miss (e.g.
    "没开民主生活会扣5分"). ``source``: the scoring practice cited; empty means the
    tool's own default (本工具默认).
    """

    per_missing: Points = 1.0
    max: Points | None = None
    once: bool = False
    source: str = ""

    def describe(self) -> str:
        how = f"未落实扣{self.per_missing:g}分" if self.once else f"每少1次扣{self.per_missing:g}分"
        cap = f"，最多扣{self.max:g}分" if self.max is not None and not self.once else ""
        return f"{how}{cap}（依据：{self.source or DEFAULT_SCORING}）"


DEFAULT_SCORING = "本工具默认"


class Effective(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    start: dt.date | None = msgspec.field(default=None, name="from")
    until: dt.date | None = None

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        if self.start and end < self.start:
            return False
        return not (self.until and start > self.until)


Requirement = Count | Total | Deadline | EachRecord | MemberAbsence | PerMember
ROSTER_TYPES: tuple[type, ...] = (MemberAbsence, PerMember)
"""Requirement types judged per member: they need the roster (党员名册)."""


class Rule(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    id: RuleId
    title: str
    requirement: Requirement
    description: str = ""
    source: Source
    severity: Literal["required", "advisory"] = "required"
    deduction: Deduction | None = None
    effective: Effective = Effective()
    noun: str = ""
    """What is counted, for messages (主题党日); defaults to the title."""
    warn_days: Days | None = None
    """Days before a window ends (or a due date) when a shortfall turns at_risk."""
    enabled: bool = True
    pack: str = ""
    body: str = ""
    """主体: id of the body whose duty this is (rules/bodies.yaml); empty: 党支部."""
    genre: Literal["", "report", "record"] = ""
    """Status words (engine.words); the loader fills it: report for a report's due
    date, record for an each-record condition."""

    @property
    def what(self) -> str:
        return self.noun or self.title


class PackHeader(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Fields of a pack file other than its rules."""

    pack: str
    title: str
    description: str = ""
    version: str = ""


RULE_TYPES: tuple[str, ...] = tuple(t.__struct_config__.tag for t in get_args(Requirement))  # type: ignore[misc]
"""The ``type`` names a rule file may use, in the union's order."""

__all__ = ["RULE_TYPES", "Amount", "Condition", "Count", "Days", "Deadline", "Deduction", "EachRecord",
           "Effective", "Match", "MemberAbsence", "MemberFilter", "PackHeader", "PerMember", "Points",
           "Requirement", "Rule", "RuleId", "Source", "Total", "Within"]
