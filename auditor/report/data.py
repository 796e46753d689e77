"""Everything one report reads, gathered once: the data access of the report package.

Compliance comes only from ``Session.assess``; the records here feed the counts of the
narrative (召开…N次) and the evidence list, never a verdict. This is the one module that
knows the session's shape, so a change in the engine's API is absorbed here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from auditor.engine.assessment import Assessment, RuleResult
from auditor.engine.requirements import Duty, duty
from auditor.model import Member, Record, Rectification, UnitProfile, Waiver
from auditor.periods import Period
from auditor.rulebook.kinds import Vocabulary

if TYPE_CHECKING:
    from auditor.engine.attendance import AttendanceRow
    from auditor.session import Session

REPORT_NAME = "意识形态工作自查报告"
ORGAN_WORDS = ("党组", "党委", "机关党组", "leading", "organ", "party_group")
"""Names of the leading body (党组/党委) for ``--body``; anything else is the branch."""
ORGAN_KINDS = frozenset({"party_group_meeting", "party_committee_meeting", "central_group_study",
                         "seminar", "collective_study", "democratic_life_meeting"})
"""The leading body's own activities (regulations.md section 8): not the branch's to report."""


@dataclass(frozen=True)
class ReportData:
    profile: UnitProfile
    period: Period
    as_of: dt.date
    day: dt.date
    """The report's date (成文日期): ``--date``, else the as-of day."""
    organ: bool
    """The leading body's summary (党组) rather than the branch's self-inspection."""
    assessment: Assessment
    records: tuple[Record, ...]
    """The reporting body's records attributed to the period (engine.attribution) up to as_of, by date."""
    by_id: dict[str, Record]
    duties: dict[str, Duty]
    """Rule id -> what its requirement counts (engine.requirements), for every loaded rule."""
    vocabulary: Vocabulary
    rectifications: tuple[Rectification, ...] = ()
    """Ledger items found by the as-of day (section 三 shows their state on that day)."""
    waivers: tuple[Waiver, ...] = ()
    members: tuple[Member, ...] = ()
    attendance: tuple[AttendanceRow, ...] = ()
    unnamed: int = 0
    """Organisational-life records of the period that name nobody: the attendance annex skips them."""
    evidence_file: str = ""
    """The name of the file beside the report with the whole 佐证材料清单, when the annex is capped."""
    warnings: list[str] = field(default_factory=list)

    @property
    def unit(self) -> str:
        return self.profile.display_name

    @property
    def closed(self) -> bool:
        """The period has ended by the as-of day: nothing in it is still 'at risk'."""
        return self.as_of >= self.period.end

    def for_body(self, kind: str) -> bool:
        """Whether the reporting body writes about this kind of activity."""
        return self.organ or kind not in ORGAN_KINDS

    def word(self, r: RuleResult) -> str:
        """A result's status as the genre words it (按时报送, 临期 …)."""
        return r.word or r.status.label


def collect(session: Session, period: Period, as_of: dt.date, *, body: str = "",
            day: dt.date | None = None) -> ReportData:
    assessment = session.assess(period, as_of, body=body or None)
    organ = body.strip() in ORGAN_WORDS or assessment.body in ("leading", "central_group")
    records = session.store.records()
    mine = in_period(records, period, as_of)
    if not organ:  # the 党组's summary covers its branch too (as the seeds do); a 支部's claims no 党组 work
        scope = session.scope()
        top = scope.vocab.top_body
        mine = [r for r in mine if top(scope.record_body(r)) == top(scope.body)]
    return ReportData(
        profile=session.profile,
        period=period,
        as_of=as_of,
        day=day or as_of,
        organ=organ,
        assessment=assessment,
        records=tuple(mine),
        by_id={r.id: r for r in records},
        duties={r.id: duty(r) for r in session.ruleset.rules},
        vocabulary=session.vocabulary,
        rectifications=tuple(found_by(session.store.rectifications(), as_of)),
        waivers=tuple(session.store.waivers()),
        members=tuple(m for m in session.store.members() if m.on_roll),
        attendance=_attendance(session, records, period, as_of),
        unnamed=_unnamed(session, records, period, as_of),
    )


def _attendance(session: Session, records: Sequence[Record], period: Period,
                as_of: dt.date) -> tuple[AttendanceRow, ...]:
    from auditor.engine.attendance import attendance_table, org_life_kinds

    members = session.store.members()
    if not members:
        return ()
    return tuple(attendance_table(members, records, period, min(as_of, period.end),
                                  kinds=org_life_kinds(session.ruleset.rules)))


def _unnamed(session: Session, records: Sequence[Record], period: Period, as_of: dt.date) -> int:
    from auditor.engine.attendance import org_life_kinds, unnamed_records

    if not session.store.members():
        return 0
    return unnamed_records(records, period, as_of, org_life_kinds(session.ruleset.rules))


def found_by(items: Sequence[Rectification], as_of: dt.date) -> list[Rectification]:
    """Items raised by the as-of day: an H1 report dated 07-05 knows nothing found in October."""
    def raised(it: Rectification) -> dt.date | None:
        if it.found_on is not None:
            return it.found_on
        try:
            return dt.date.fromisoformat(it.created[:10]) if it.created else None
        except ValueError:
            return None

    return sorted((it for it in items if (raised(it) or as_of) <= as_of),
                  key=lambda it: (raised(it) or as_of, it.id))


def in_period(records: Sequence[Record], period: Period, as_of: dt.date) -> list[Record]:
    """Records attributed to a period (engine.attribution: covers, a period in the title, the date).

    A report dated 07-03 titled 2026年上半年… is the first half's, never the second's.
    """
    from auditor.engine.attribution import attribute

    out = [r for r in records
           if r.date <= as_of and attribute(r).window(r.date, period.kind).id == period.id]
    out.sort(key=lambda r: (r.date, r.id))
    return out
