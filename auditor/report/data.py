"""Everything one report needs, gathered once: the assessment, the records, the rules.

Compliance comes only from ``Session.assess``; the records here feed the counts of
the narrative (开展…N次) and the evidence tables, never a verdict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from auditor.engine.assessment import Assessment
from auditor.errors import AuditorError
from auditor.model import Record, UnitProfile
from auditor.periods import Period, parse_period
from auditor.rulebook.kinds import Vocabulary
from auditor.rulebook.schema import Rule

if TYPE_CHECKING:
    from auditor.engine.attendance import AttendanceRow
    from auditor.model import Waiver
    from auditor.session import Session

REPORT_NAME = "意识形态工作自查报告"


class ReportError(AuditorError):
    """The report cannot be written (font, output file)."""

    title = "报告生成失败"


class Rectification(Protocol):
    """A rectification item (整改台账, auditor.model.Rectification); the report reads these.

    ``status`` is 待整改/整改中/已完成; ``rule`` is the id of the rule it answers or "".
    """

    @property
    def problem(self) -> str: ...
    @property
    def measure(self) -> str: ...
    @property
    def responsible(self) -> str: ...
    @property
    def deadline(self) -> dt.date: ...
    @property
    def status(self) -> str: ...
    @property
    def completed_on(self) -> dt.date | None: ...
    @property
    def rule(self) -> str: ...


@dataclass(frozen=True)
class ReportData:
    profile: UnitProfile
    period: Period
    as_of: dt.date
    assessment: Assessment
    records: tuple[Record, ...]
    """Records attributed to the period (by date, or by ``covers``) up to as_of, by date."""
    by_id: dict[str, Record]
    """Every record, for the evidence lists (a July report may cover the first half)."""
    rules: dict[str, Rule]
    vocabulary: Vocabulary
    generated: str
    """Generation time as printed in the footer."""
    rectifications: tuple[Rectification, ...] | None = None
    """None: no rectification ledger yet (section 三 lists the open duties instead)."""
    warnings: list[str] = field(default_factory=list)
    waivers: tuple[Waiver, ...] = ()
    """Every explanation (情况说明) on file; the appendix shows those bearing on the period."""
    attendance: tuple[AttendanceRow, ...] = ()
    """Members' attendance over the period (empty without a roster)."""

    @property
    def unit(self) -> str:
        return self.profile.display_name

    @property
    def title(self) -> str:
        return f"{self.unit}{self.period.label}{REPORT_NAME}"


def collect(
    session: Session,
    period: Period,
    as_of: dt.date,
    generated: str,
    rectifications: Sequence[Rectification] | None = None,
) -> ReportData:
    assessment = session.assess(period, as_of)
    records = session.store.records()
    ruleset = session.ruleset
    return ReportData(
        profile=session.profile,
        period=period,
        as_of=as_of,
        assessment=assessment,
        records=tuple(in_period(records, period, as_of)),
        by_id={r.id: r for r in records},
        rules={r.id: r for r in ruleset.rules},
        vocabulary=session.vocabulary,
        generated=generated,
        rectifications=_relevant(rectifications, period, as_of),
        waivers=tuple(session.store.waivers()),
        attendance=_attendance(session, records, period, as_of),
    )


def _attendance(
    session: Session, records: Sequence[Record], period: Period, as_of: dt.date
) -> tuple[AttendanceRow, ...]:
    from auditor.engine.attendance import attendance_table, org_life_kinds

    members = session.store.members()
    if not members:
        return ()
    return tuple(attendance_table(members, records, period, min(as_of, period.end),
                                  kinds=org_life_kinds(session.ruleset.rules)))


def _relevant(
    items: Sequence[Rectification] | None, period: Period, as_of: dt.date
) -> tuple[Rectification, ...] | None:
    """Items still open, and those completed within the period (or after it, up to as_of)."""
    if items is None:
        return None
    return tuple(
        it for it in items
        if it.status != "已完成" or it.completed_on is None or period.start <= it.completed_on <= as_of
    )


def in_period(records: Sequence[Record], period: Period, as_of: dt.date) -> list[Record]:
    """Records that belong to a period: by ``covers`` when it names one, else by date.

    Same attribution as the engine, so a July report covering H1 counts in H1's text.
    """
    out: list[Record] = []
    for r in records:
        if r.date > as_of:
            continue
        covered = _covers(r.covers) if r.covers else None
        if covered is not None:
            if period.covers_period(covered):
                out.append(r)
        elif period.contains(r.date):
            out.append(r)
    out.sort(key=lambda r: (r.date, r.id))
    return out


def _covers(text: str) -> Period | None:
    try:
        return parse_period(text)
    except AuditorError:
        return None
