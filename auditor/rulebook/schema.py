"""The shape of a rule file, validated with msgspec.

A requirement is a tagged union on ``type``; each type's evaluation lives in
``auditor/checks/<type>.py``. See docs/rules.md for the reference.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from auditor.periods import Granularity

# Bounds a unit's file cannot get wrong silently (negative minimums, absurd ids: issue 15).
Amount = Annotated[int, msgspec.Meta(ge=0, le=100_000)]
Points = Annotated[float, msgspec.Meta(ge=0, le=100_000)]
Days = Annotated[int, msgspec.Meta(ge=0, le=366)]
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


class Match(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Which records a rule looks at: any of ``kinds``, with all of ``topics``."""

    kinds: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    topics_any: tuple[str, ...] = ()


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


class Total(msgspec.Struct, frozen=True, forbid_unknown_fields=True, tag="total", tag_field="type"):
    per: Granularity
    field: Literal["duration_days", "quantity"]
    min: Points
    match: Match = Match()
    unit: str = "天"


class Deadline(
    msgspec.Struct, frozen=True, forbid_unknown_fields=True, tag="deadline", tag_field="type"
):
    per: Granularity
    due: tuple[str, ...]
    """One ``MM-DD`` per window of the year in order (two for halves), or one for all."""
    match: Match = Match()


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


class MemberFilter(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Which roster members a per-member rule is about; empty fields mean everyone on the roll."""

    roles: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    """E.g. [中心组]: members whose roster entry lists the group."""
    cells: tuple[str, ...] = ()


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


RULE_TYPES: tuple[str, ...] = ("count", "total", "deadline", "each_record", "member_absence", "per_member")
