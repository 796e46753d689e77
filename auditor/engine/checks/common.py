"""What every requirement type shares: the window context and the open-window verdict."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from auditor.engine.assessment import AtRisk, Status, WindowResult, fmt
from auditor.model import Member, Record
from auditor.periods import Granularity, Period

if TYPE_CHECKING:  # the rule schema imports the requirement types, which import this
    from auditor.rulebook.schema import Rule

__all__ = ["DEFAULT_WARN_DAYS", "WindowContext", "amount_status", "fmt", "open_shortfall_status"]

# Default lead time (days before a window closes) when a shortfall becomes at_risk.
DEFAULT_WARN_DAYS: dict[Granularity, int] = {"month": 10, "quarter": 15, "half": 30, "year": 45}


@dataclass(frozen=True)
class WindowContext:
    rule: Rule
    window: Period
    as_of: dt.date
    records: list[Record]
    """Matching records attributed to this window and dated on or before as_of."""
    members: Sequence[Member] = ()
    """The roster (党员名册), for per-member requirement types; empty when none is kept."""
    history: Sequence[Record] = ()
    """Every matching record dated on or before as_of, for checks that look back (absence streaks)."""
    bases: Mapping[str, str] = field(default_factory=dict)
    """Record id -> how it was attributed to its window: covers, title or date."""

    def named(self, record: Record) -> bool:
        """The record names its period (covers or title) rather than counting by its date."""
        return self.bases.get(record.id, "date") != "date"

    @property
    def closed(self) -> bool:
        return self.as_of > self.window.end

    @property
    def warn_days(self) -> int:
        if self.rule.warn_days is not None:
            return self.rule.warn_days
        return DEFAULT_WARN_DAYS[self.window.kind]

    @property
    def evidence(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.records)

    def result(
        self,
        status: Status,
        required: float,
        actual: float,
        message: str,
        *,
        evidence: tuple[str, ...] | None = None,
        due: dt.date | None = None,
        failing: tuple[str, ...] = (),
        shortfall: float = 0.0,
        at_risk: AtRisk | None = None,
    ) -> WindowResult:
        """This window's result; evidence defaults to every record in the window."""
        w = self.window
        ids = self.evidence if evidence is None else evidence
        # the window's own fields first, positionally, in WindowResult's order
        return WindowResult(
            w.id, w.label, w.start, w.end, status, required, actual, ids, due, message, failing, shortfall,
            genre=self.rule.genre,
            at_risk=(at_risk or self._at_risk_reason()) if status is Status.AT_RISK else "",
            attribution=tuple((rid, self.bases.get(rid, "date")) for rid in ids),
        )

    def _at_risk_reason(self) -> AtRisk:
        return "time" if self.window.days_left(self.as_of) <= self.warn_days else "pace"


def amount_status(ctx: WindowContext, required: float, actual: float) -> Status:
    """A duty of an amount per window (count, total): met once reached, not met when the
    window closed short, else on track or at risk (``open_shortfall_status``)."""
    if actual >= required:
        return Status.MET
    if ctx.closed:
        return Status.NOT_MET
    return open_shortfall_status(ctx, required, actual)


def open_shortfall_status(ctx: WindowContext, required: float, actual: float) -> Status:
    """An open window that is still short: at_risk when time is short or pace is behind.

    Time is short when the window ends within ``warn_days``. Behind pace applies to
    duties of two or more per window: having done fewer than the share of the window
    already elapsed asks for (rounded down) is a risk before the last weeks.
    """
    days_left = ctx.window.days_left(ctx.as_of)
    if days_left <= ctx.warn_days:
        return Status.AT_RISK
    if required >= 2:
        elapsed = (ctx.as_of - ctx.window.start).days + 1
        due_by_now = int(required * elapsed / ctx.window.days)
        if actual < due_by_now:
            return Status.AT_RISK
    return Status.ON_TRACK
