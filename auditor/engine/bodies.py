"""Whose duty, whose work (主体): which rules an audit covers and which records they count.

Each rule names a body (rules/bodies.yaml); each record is its kind's body (党组会议 ->
党委（党组）, 支委会 -> 党支部) unless it names another, and a kind with no body of its
own (reports, 分析研判 ...) is the log's reporting body's. An audit of a body covers the
rules of that body and its sub-bodies (党支部: also 支委会, 党小组, 党员). A rule counts
only records of its own top body, so a 支部 report never claims the 党组's meetings.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.model import Record
from auditor.rulebook.kinds import Vocabulary
from auditor.rulebook.schema import Rule


@dataclass(frozen=True)
class BodyScope:
    vocab: Vocabulary
    body: str
    """Id of the body whose duties are checked (the profile's reporting body, or --body)."""
    default: str = "branch"
    """Body of records whose kind names none: the log's reporting body."""

    @property
    def label(self) -> str:
        return self.vocab.body_label(self.body)

    def record_body(self, record: Record) -> str:
        if record.body:
            return record.body
        kind = self.vocab.get(record.kind)
        return kind.body if kind and kind.body else self.default

    def covers_rule(self, rule: Rule) -> bool:
        """The rule is this body's duty or a sub-body's (支委会, 党小组, 党员 under 党支部)."""
        return self.vocab.within(rule.body, self.body)

    def record_top(self, record: Record) -> str:
        """The top body a record belongs to: a record counts only for rules of the same top body."""
        return self.vocab.top_body(self.record_body(record))


def other_bodies(scope: BodyScope, records: list[Record], kept: tuple[str, ...]) -> list[str]:
    """Labels of the other top bodies the log holds records of (for a hint on the faces)."""
    top = scope.vocab.top_body
    mine = top(scope.body)
    seen = {top(scope.record_body(r)) for r in records} | {top(b) for b in kept}
    return [scope.vocab.body_label(b) for b in sorted(seen) if b != mine]
