"""The records as evaluate() reads them: in date order, by kind and top body, by window.

Built once per evaluation: every rule gets its records by joining buckets of ranks
(ints, sorted in C) and each window's records by bisecting on dates, so at 100,000
records no rule walks the whole log in Python. Only the few records that name their
period (covers, a period in the title) are looked up by id. Pure, like the engine.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from operator import attrgetter
from typing import Any

from auditor.engine.attendance import derive_counts
from auditor.engine.attribution import Attribution, Basis, named_periods
from auditor.engine.bodies import BodyScope
from auditor.engine.checks.parts import Match
from auditor.model import Record
from auditor.periods import Granularity, Period
from auditor.rulebook.schema import Rule


class RecordIndex:
    """Records dated by ``as_of`` in (date, id) order, bucketed by kind and top body."""

    def __init__(self, records: Sequence[Record], as_of: dt.date, scope: BodyScope | None = None) -> None:
        self.scope = scope
        kept = [r for r in records if r.date <= as_of]
        kept.sort(key=attrgetter("id"))
        kept.sort(key=attrgetter("date"))  # stable: (date, id) order without a tuple per record
        # names in attendees stand in for typed counts (expected/present)
        self.ordered = [derive_counts(r) if r.attendees else r for r in kept]
        self.buckets = self._buckets(scope)
        self.kinds = tuple(dict.fromkeys(k for k, _ in self.buckets))
        self.named = named_periods(self.ordered)
        self.bases: dict[str, Basis] = {rid: a.basis for rid, a in self.named.items()}
        self._matched: dict[tuple[Any, ...], Matched] = {}

    def _buckets(self, scope: BodyScope | None) -> dict[tuple[str, str], list[int]]:
        """Ranks in ``ordered`` (so in date order) by kind and top body."""
        by_body: dict[tuple[str, str], list[int]] = {}
        for i, key in enumerate(map(_KIND_BODY, self.ordered)):
            ranks = by_body.get(key)
            if ranks is None:
                ranks = by_body[key] = []
            ranks.append(i)
        out: dict[tuple[str, str], list[int]] = {}
        for (kind, _), ranks in by_body.items():
            # a record's top body follows from its kind and body: ask once per pair
            top = (scope.record_top(self.ordered[ranks[0]]) or "") if scope else ""
            if (kind, top) in out:  # e.g. no body and the kind's own body named explicitly
                ranks = sorted(out[(kind, top)] + ranks)
            out[(kind, top)] = ranks
        return out

    def matching(self, rule: Rule) -> Matched:
        """The records a rule counts (shared by the rules that match alike)."""
        m = rule.requirement.match
        top = self.scope.vocab.top_body(rule.body) if self.scope is not None else ""
        key = (m.kinds, m.topics, m.topics_any, top)
        found = self._matched.get(key)
        if found is None:
            found = self._matched[key] = Matched(self._match(m, top), self.named)
        return found

    def _match(self, m: Match, top: str) -> list[Record]:
        kinds = m.kinds or tuple(self.kinds)
        ranks: list[int] = []
        for k in kinds:
            ranks.extend(self.buckets.get((k, top), ()))
        if len(kinds) > 1:
            ranks.sort()  # ranks are (date, id) order
        out = list(map(self.ordered.__getitem__, ranks))
        for t in m.topics:
            out = [r for r in out if t in r.topics]
        if m.topics_any:
            out = [r for r in out if any(t in r.topics for t in m.topics_any)]
        return out


class Matched:
    """One rule's records in (date, id) order, and which of them fall in a window."""

    def __init__(self, records: list[Record], named: dict[str, Attribution]) -> None:
        self.records = records
        self.named = named
        self._moved: dict[Granularity, dict[str, list[Record]]] = {}

    def in_window(self, w: Period) -> list[Record]:
        """The records attributed to window ``w``, in date order.

        Those counting by date are the slice of ``w``'s dates; those naming a period go
        where it says, wherever their date lies.
        """
        recs = self.records
        lo = bisect_left(recs, w.start, key=_date)
        hi = bisect_right(recs, w.end, lo=lo, key=_date)
        if not self.named:
            return recs[lo:hi]
        named = self.named
        dated = [r for r in recs[lo:hi] if r.id not in named]
        moved = self._by_window(w.kind).get(w.id)
        return sorted(dated + moved, key=_date_id) if moved else dated

    def _by_window(self, per: Granularity) -> dict[str, list[Record]]:
        found = self._moved.get(per)
        if found is None:
            found = self._moved[per] = {}
            named = self.named
            for r in [r for r in self.records if r.id in named]:
                found.setdefault(named[r.id].window(r.date, per).id, []).append(r)
        return found


_KIND_BODY = attrgetter("kind", "body")
_date = attrgetter("date")
_date_id = attrgetter("date", "id")
