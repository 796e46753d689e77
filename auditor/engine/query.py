"""Filtering records by period, kind, topic and text: shared by `list` and the TUI."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from auditor.model import Record
from auditor.periods import Period, parse_period
from auditor.rulebook.kinds import Vocabulary


@dataclass(frozen=True)
class RecordFilter:
    period: Period | None = None
    kind: str | None = None
    topic: str | None = None
    text: str | None = None

    @classmethod
    def from_text(
        cls,
        vocab: Vocabulary,
        *,
        period: str | None = None,
        kind: str | None = None,
        topic: str | None = None,
        text: str | None = None,
    ) -> RecordFilter:
        return cls(
            period=parse_period(period) if period else None,
            kind=vocab.resolve(kind).id if kind else None,
            topic=topic or None,
            text=text or None,
        )

    def matches(self, r: Record) -> bool:
        if self.period and not self.period.contains(r.date):
            return False
        if self.kind and r.kind != self.kind:
            return False
        if self.topic and self.topic not in r.topics:
            return False
        if self.text:
            hay = " ".join((r.title, r.summary, r.host, r.location, " ".join(r.topics)))
            if self.text not in hay:
                return False
        return True

    def apply(self, records: Iterable[Record]) -> list[Record]:
        return sorted((r for r in records if self.matches(r)), key=lambda r: (r.date, r.id))
