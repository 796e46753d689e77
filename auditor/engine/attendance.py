"""Attendance per member: who came, who was away with leave, and for how long.

Pure functions over the roster and the records (no store, no clock). They serve the
per-member checks (auditor/checks/member_absence.py, per_member.py), the attendance
table of `auditor member attendance`, the TUI roster and the report.

A record takes part only when it lists names (``attendees``, or ``absentees`` for those
it says were away): plain counts say nothing about a person, so a member a record does not
name is neither present nor absent in it; ``unnamed_records`` counts the records that name
nobody, for the faces to say how many could not be used. A month "was held" when at least one such record falls in it; months
with none neither extend nor break an absence streak, because the branch, not the
member, missed them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import msgspec

from auditor.engine.checks.parts import MemberFilter
from auditor.model import Member, Record
from auditor.periods import Period, make_period, period_of

if TYPE_CHECKING:  # the rule schema imports the requirement types, which import this
    from auditor.rulebook.schema import Rule

ABSENCE_RULE = "member.six-month-absence"

Via = str
"""How a record names a member: participant (attendees or host), attendee, speaker."""


def derive_counts(record: Record) -> Record:
    """Fill ``present``/``expected`` from the name lists when only the names were given.

    Numbers typed by the user always win; a record without names is returned as is.
    """
    if not record.attendees or (record.present is not None and record.expected is not None):
        return record
    present = record.present if record.present is not None else len(record.attendees)
    expected = record.expected if record.expected is not None else present + len(record.absentees)
    return msgspec.structs.replace(record, present=present, expected=expected)


def select_members(
    members: Iterable[Member], filt: MemberFilter | None = None, on: dt.date | None = None
) -> list[Member]:
    """Members on the roll (and joined by ``on``) that the filter names."""
    out = []
    for m in members:
        if not m.on_roll or (on is not None and m.joined is not None and m.joined > on):
            continue
        if filt is not None:
            if filt.roles and m.role not in filt.roles:
                continue
            if filt.cells and m.cell not in filt.cells:
                continue
            if filt.groups and not set(filt.groups) & set(m.groups):
                continue
        out.append(m)
    return out


def named_in(record: Record, via: Via = "participant") -> set[str]:
    """The names a record credits, by the rule's ``via``."""
    if via == "speaker":
        return set(record.speakers)
    names = set(record.attendees)
    if via == "participant" and record.host:
        names.add(record.host)
    return names


UNEXCUSED_MARKERS: tuple[str, ...] = ("无故", "未请假", "无正当理由", "旷会", "不明")
"""Words in a written absence reason that say there was no good reason (无故缺席)."""


def valid_reason(reason: str) -> bool:
    """A reason that excuses an absence: written, and not one that says there was none."""
    text = reason.strip()
    return bool(text) and not any(m in text for m in UNEXCUSED_MARKERS)


def excuse(record: Record, name: str) -> str | None:
    """The leave reason a record gives for ``name``: None when not listed as absent."""
    for a in record.absentees:
        if a.name == name:
            return a.reason.strip()
    return None


@dataclass(frozen=True)
class AbsenceStreak:
    """Consecutive held months, up to a day, in which a member attended nothing."""

    member: Member
    months: int
    first_month: str
    """Period id of the streak's first month (empty when months is 0)."""
    last_attended: dt.date | None
    excused: bool
    """Every month of the streak has leave with a reason, or the member is away (流动党员 …)."""
    reasons: tuple[str, ...] = ()

    @property
    def reason_text(self) -> str:
        if self.member.away and not self.reasons:
            return self.member.status
        return "、".join(self.reasons) or "未请假"


class MonthlyLog:
    """Matching records grouped by month, for streaks as of any day."""

    def __init__(self, records: Sequence[Record]) -> None:
        self.by_month: dict[str, list[Record]] = {}
        for r in sorted(records, key=lambda r: (r.date, r.id)):
            if r.attendees:
                self.by_month.setdefault(period_of(r.date, "month").id, []).append(r)
        self.first = min((r.date for rs in self.by_month.values() for r in rs), default=None)

    @property
    def empty(self) -> bool:
        return not self.by_month

    def streak(self, member: Member, day: dt.date) -> AbsenceStreak:
        """The member's absence streak over months completed by ``day``."""
        last = _last_complete_month(day)
        months = 0
        first_month = ""
        excused = True
        reasons: dict[str, None] = {}
        last_attended = self.last_attended(member.name, day)
        month = last
        while self.first is not None and month is not None and month.end >= self.first:
            if member.joined is not None and month.end < member.joined:
                break
            recs = self.by_month.get(month.id)
            if recs:
                if any(member.name in r.attendees for r in recs):
                    break
                months += 1
                first_month = month.id
                listed = [why for r in recs if (why := excuse(r, member.name)) is not None]
                good = [why for why in listed if valid_reason(why)]
                for why in good:
                    reasons[why] = None
                if not member.away and (not good or len(good) < len(listed)):
                    excused = False
            month = _previous_month(month)
        return AbsenceStreak(member, months, first_month, last_attended, excused and months > 0,
                             tuple(reasons))

    def attended_in(self, name: str, start: dt.date, end: dt.date) -> bool:
        return any(
            name in r.attendees
            for rs in self.by_month.values()
            for r in rs
            if start <= r.date <= end
        )

    def last_attended(self, name: str, day: dt.date) -> dt.date | None:
        dates = [r.date for rs in self.by_month.values() for r in rs if r.date <= day and name in r.attendees]
        return max(dates, default=None)


def _last_complete_month(day: dt.date) -> Period | None:
    month = period_of(day, "month")
    return month if day == month.end else _previous_month(month)


def _previous_month(month: Period) -> Period | None:
    y, m = month.start.year, month.start.month
    if m == 1:
        return make_period("month", y - 1, 12) if y > 1900 else None
    return make_period("month", y, m - 1)


@dataclass(frozen=True)
class AttendanceRow:
    """One line of the attendance table (党员参加组织生活情况表)."""

    member: Member
    expected: int
    """Records of the period that list the member, present or absent."""
    attended: int
    excused: int
    """Absent with a reason (请假)."""
    unexcused: int
    """Absent without a reason."""
    last_attended: dt.date | None
    streak: AbsenceStreak

    @property
    def rate(self) -> float | None:
        return self.attended / self.expected if self.expected else None

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.member.name,
            "role": self.member.role,
            "cell": self.member.cell,
            "status": self.member.status,
            "expected": self.expected,
            "attended": self.attended,
            "excused": self.excused,
            "unexcused": self.unexcused,
            "rate": round(self.rate, 3) if self.rate is not None else None,
            "last_attended": self.last_attended.isoformat() if self.last_attended else None,
            "absent_months": self.streak.months,
            "absence_excused": self.streak.excused,
        }


def attendance_table(
    members: Sequence[Member],
    records: Sequence[Record],
    period: Period,
    as_of: dt.date,
    kinds: Iterable[str] | None = None,
) -> list[AttendanceRow]:
    """Per member, over ``period`` up to ``as_of``: listed, attended, excused, unexcused.

    ``kinds`` narrows the records (e.g. the kinds of member.six-month-absence); the
    streak column looks back before the period, because absence does not reset on 1 January.
    """
    relevant = _relevant(records, as_of, kinds)
    upto = min(as_of, period.end)
    log = MonthlyLog(relevant)
    inside = [r for r in relevant if period.start <= r.date <= upto]
    rows = []
    for m in members:
        if not m.on_roll:
            continue
        attended = excused = unexcused = 0
        for r in inside:
            if r.attendees and m.name in named_in(r):  # the host came too, named or not
                attended += 1
                continue
            why = excuse(r, m.name)
            if why is None:
                continue
            if valid_reason(why):
                excused += 1
            else:
                unexcused += 1
        rows.append(AttendanceRow(
            member=m,
            expected=attended + excused + unexcused,
            attended=attended,
            excused=excused,
            unexcused=unexcused,
            last_attended=log.last_attended(m.name, upto),
            streak=log.streak(m, upto),
        ))
    return rows


def _relevant(records: Sequence[Record], as_of: dt.date, kinds: Iterable[str] | None) -> list[Record]:
    wanted = set(kinds) if kinds is not None else None
    return [r for r in records if r.date <= as_of and (wanted is None or r.kind in wanted)]


def unnamed_records(
    records: Sequence[Record], period: Period, as_of: dt.date, kinds: Iterable[str] | None = None
) -> int:
    """Records of the period that name nobody (no 参会人员, no 缺席人员): the attendance table
    cannot use them, and the roster screen and the report say how many there were."""
    upto = min(as_of, period.end)
    return sum(1 for r in _relevant(records, as_of, kinds)
               if period.start <= r.date <= upto and not r.attendees and not r.absentees)


def org_life_kinds(rules: Iterable[Rule]) -> tuple[str, ...] | None:
    """Kinds that count as organisational life: those of the six-month rule, when it is in use."""
    from auditor.engine.checks.member_absence import MemberAbsence

    for rule in rules:
        if rule.id == ABSENCE_RULE and isinstance(rule.requirement, MemberAbsence):
            return rule.requirement.match.kinds or None
    return None


def absence_months(rules: Iterable[Rule]) -> int:
    """How many months of absence the unit's six-month rule flags (6 unless it is tailored)."""
    from auditor.engine.checks.member_absence import MemberAbsence

    for rule in rules:
        if rule.id == ABSENCE_RULE and isinstance(rule.requirement, MemberAbsence):
            return rule.requirement.months
    return 6
