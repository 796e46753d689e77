"""The one result type: what `evaluate()` returns and every face renders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from auditor.engine.rectification import RectificationDue


Genre = Literal["", "report", "record"]
"""Status words by genre (engine.words): ``""`` a duty done N times; ``report`` a report
sent by a due date; ``record`` a condition every record must meet (quorum, minutes)."""

AtRisk = Literal["", "time", "pace"]
"""Why an open window is at risk: its end is near (临期) or it is behind pace (进度滞后)."""


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OVERDUE = "overdue"
    LATE = "late"
    PENDING = "pending"
    WAIVED = "waived"
    NOT_APPLICABLE = "not_applicable"
    ERROR = "error"
    """The rule's check raised: nothing is known about the rule (规则检查出错)."""

    @property
    def label(self) -> str:
        """The general word (已完成, 未完成 ...); results know their genre's word (``word``)."""
        from auditor.engine.words import status_word

        return status_word(self)

    @property
    def symbol(self) -> str:
        return STATUS_SYMBOLS[self]

    @property
    def is_failure(self) -> bool:
        return self in (Status.NOT_MET, Status.OVERDUE, Status.ERROR)


# Symbols of East-Asian width N or W only: ambiguous-width glyphs (● ○ √ ×) drift
# out of line in terminals set to "ambiguous = wide".
STATUS_SYMBOLS: dict[Status, str] = {
    Status.MET: "✓",
    Status.NOT_MET: "✗",
    Status.ON_TRACK: "⋯",
    Status.AT_RISK: "!",
    Status.OVERDUE: "✗",
    Status.LATE: "~",
    Status.PENDING: "-",
    Status.WAIVED: "=",
    Status.NOT_APPLICABLE: "-",
    Status.ERROR: "?",
}

# Terminal colours (rich style names) shared by the CLI table and the TUI; always shown
# beside the symbol and word, so nothing depends on colour alone.
STATUS_STYLE: dict[Status, str] = {
    Status.MET: "green",
    Status.NOT_MET: "bold red",
    Status.OVERDUE: "bold red",
    Status.LATE: "yellow",
    Status.AT_RISK: "bold yellow",
    Status.ON_TRACK: "cyan",
    Status.PENDING: "dim",
    Status.WAIVED: "magenta",
    Status.NOT_APPLICABLE: "dim",
    Status.ERROR: "bold magenta",
}

# Worst first. A rule's status over a period is its worst counted window.
SEVERITY_ORDER: tuple[Status, ...] = (
    Status.ERROR,
    Status.OVERDUE,
    Status.NOT_MET,
    Status.LATE,
    Status.AT_RISK,
    Status.ON_TRACK,
    Status.WAIVED,
    Status.MET,
    Status.NOT_APPLICABLE,
    Status.PENDING,
)
_RANK = {s: i for i, s in enumerate(SEVERITY_ORDER)}


def worst(statuses: list[Status]) -> Status:
    """Worst status; pending windows count only when nothing else does."""
    counted = [s for s in statuses if s is not Status.PENDING]
    if not counted:
        return Status.PENDING if statuses else Status.NOT_APPLICABLE
    return min(counted, key=_RANK.__getitem__)


def severity_rank(status: Status) -> int:
    return _RANK[status]


@dataclass(frozen=True)
class WindowResult:
    """One month/quarter/half/year window of one rule."""

    period: str
    label: str
    start: dt.date
    end: dt.date
    status: Status
    required: float
    actual: float
    evidence: tuple[str, ...] = ()
    due: dt.date | None = None
    message: str = ""
    failing: tuple[str, ...] = ()
    """Records that break an each-record condition."""
    shortfall: float = 0.0
    """How many occurrences (or days, items) are missing; drives point deductions."""
    waiver: str = ""
    """Reason of the explanation that waived this window, if any."""
    genre: Genre = ""
    """The rule's genre for status words (see engine.words)."""
    at_risk: AtRisk = ""
    """Why an at_risk window is at risk: time (临期) or pace (进度滞后)."""
    attribution: tuple[tuple[str, str], ...] = ()
    """(record id, basis) for each record in ``evidence``; basis: covers, title or date."""

    @property
    def word(self) -> str:
        """The status as a person reads it, in the genre's words (按时报送, 临期 ...)."""
        from auditor.engine.words import status_word

        return status_word(self.status, self.genre, self.at_risk)

    def to_dict(self) -> dict[str, Any]:
        return json_fields(self, WINDOW_JSON)


@dataclass(frozen=True)
class RuleResult:
    rule: str
    title: str
    pack: str
    pack_title: str
    severity: str
    status: Status
    required: float
    actual: float
    windows: tuple[WindowResult, ...]
    message: str
    due: dt.date | None = None
    deduction: float = 0.0
    source: str = ""
    description: str = ""
    per: str = ""
    genre: Genre = ""
    body: str = ""
    """主体: the body whose duty the rule is (党支部, 党委（党组） ...)."""
    scored: bool = False
    """The rule carries a deduction, so it counts towards the score."""
    deduction_basis: str = ""
    """Where the deduction comes from (a cited local scoring practice, or 本工具默认)."""

    @property
    def word(self) -> str:
        """The rule's status in the genre's words, with the at-risk reason of its worst window."""
        from auditor.engine.words import status_word

        reason: AtRisk = next((w.at_risk for w in self.windows if w.status is self.status and w.at_risk), "")
        return status_word(self.status, self.genre, reason)
    kind: str = ""
    """The requirement type (count, total, deadline, ...), for faces that word a window by it."""
    unit: str = ""
    """What one occurrence is counted in (次, 天, 篇), when the type counts."""
    what: str = ""
    """What is done (the rule's noun, else its title), for sentences such as 2026年8月主题党日."""
    error: str = ""
    """The traceback of a check that raised (shown with --debug); the result then says so."""

    @property
    def evidence(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for w in self.windows:
            for rid in w.evidence:
                seen[rid] = None
        return tuple(seen)

    @property
    def counts_as_failure(self) -> bool:
        # a check that raised fails the run whatever the rule's severity: nothing was checked
        return self.status is Status.ERROR or (self.severity == "required" and self.status.is_failure)

    def to_dict(self) -> dict[str, Any]:
        return {**json_fields(self, RULE_JSON), "windows": [w.to_dict() for w in self.windows]}


@dataclass(frozen=True)
class Assessment:
    unit: str
    period: str
    period_label: str
    as_of: dt.date
    results: tuple[RuleResult, ...]
    score: float | None = None
    packs: tuple[tuple[str, str], ...] = ()
    """(pack id, pack title) in the order the packs were loaded."""
    rectifications: tuple[RectificationDue, ...] = ()
    """Open rectification items (整改) past their deadline as of ``as_of``."""
    body: str = ""
    """Id of the body whose duties were checked (主体); empty: every rule."""
    body_label: str = ""

    @property
    def failed(self) -> bool:
        return any(r.counts_as_failure for r in self.results)

    @property
    def score_note(self) -> str:
        """按本工具默认扣分标准估算，仅供参考 when a deduction cites no scoring practice."""
        from auditor.engine.score import score_note

        return score_note(self.results)

    def counts(self) -> dict[Status, int]:
        out = {s: 0 for s in SEVERITY_ORDER}
        for r in self.results:
            out[r.status] += 1
        return out

    def by_pack(self) -> list[tuple[str, str, list[RuleResult]]]:
        groups: dict[str, list[RuleResult]] = {}
        for r in self.results:
            groups.setdefault(r.pack, []).append(r)
        titles = dict(self.packs)
        return [(p, titles.get(p, p), rs) for p, rs in groups.items()]

    def result(self, rule_id: str) -> RuleResult:
        for r in self.results:
            if r.rule == rule_id:
                return r
        raise KeyError(rule_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            **json_fields(self, ("unit", "period", "period_label", "as_of", "score", "body")),
            "counts": {s.value: n for s, n in self.counts().items() if n},
            "failed": self.failed,
            "results": [r.to_dict() for r in self.results],
            "rectifications": [d.to_dict() for d in self.rectifications],
        }


# The JSON of `check --json` is a contract with scripts: these keys, in this order.
WINDOW_JSON = ("period", "label", "status", "required", "actual", "evidence", "due", "message", "failing")
RULE_JSON = ("rule", "title", "pack", "severity", "status", "required", "actual", "evidence", "due",
             "message", "deduction", "source")


def json_fields(obj: object, names: Sequence[str]) -> dict[str, Any]:
    """The named attributes as JSON values: statuses by value, dates in ISO form, tuples as
    lists, figures as ``_num`` writes them (3, not 3.0)."""
    return {name: _json_value(getattr(obj, name)) for name in names}


def _json_value(value: object) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return _num(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return list(value) if isinstance(value, tuple) else value


def _num(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 2)


def fmt(value: float) -> str:
    """A figure as people write it: 3, 0.5 (one decimal at most)."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
