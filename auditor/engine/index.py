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
        self.named = named_periods(self.ordered)
        self.bases: dict[str, Basis] = {self.ordered[i].id: a.basis for i, a in self.named.items()}
        self.buckets, self.named_buckets = self._buckets(scope)
        self.kinds = tuple(dict.fromkeys(k for k, _ in self.buckets))
        self._matched: dict[tuple[Any, ...], Matched] = {}

    def _buckets(self, scope: BodyScope | None) -> tuple[_Buckets, _Buckets]:
        """Ranks in ``ordered`` (so in date order) by kind and top body: all, and those naming a period."""
        by_body: _Buckets = {}
        for i, key in enumerate(map(_KIND_BODY, self.ordered)):
            ranks = by_body.get(key)
            if ranks is None:
                ranks = by_body[key] = []
            ranks.append(i)
        out: _Buckets = {}
        named: _Buckets = {}
        for (kind, _), ranks in by_body.items():
            # a record's top body follows from its kind and body: ask once per pair
            key = (kind, (scope.record_top(self.ordered[ranks[0]]) or "") if scope else "")
            # several pairs share a key when the kind's own body is also named explicitly
            out[key] = sorted(out[key] + ranks) if key in out else ranks
            found = [i for i in ranks if i in self.named] if self.named else []
            named[key] = sorted(named[key] + found) if key in named else found
        return out, named

    def matching(self, rule: Rule) -> Matched:
        """The records a rule counts (shared by the rules that match alike)."""
        m = rule.requirement.match
        top = self.scope.vocab.top_body(rule.body) if self.scope is not None else ""
        key = (m.kinds, m.topics, m.topics_any, top)
        found = self._matched.get(key)
        if found is None:
            found = self._matched[key] = self._match(m, top)
        return found

    def _match(self, m: Match, top: str) -> Matched:
        kinds = m.kinds or self.kinds
        ranks = self._ranks(self.buckets, kinds, m, top)
        named = self._ranks(self.named_buckets, kinds, m, top)
        return Matched(list(map(self.ordered.__getitem__, ranks)),
                       [(bisect_left(ranks, i), self.named[i]) for i in named])

    def _ranks(self, buckets: _Buckets, kinds: tuple[str, ...], m: Match, top: str) -> list[int]:
        ranks: list[int] = []
        for k in kinds:
            ranks.extend(buckets.get((k, top), ()))
        if len(kinds) > 1:
            ranks.sort()  # ranks are (date, id) order
        at = self.ordered
        for t in m.topics:
            ranks = [i for i in ranks if t in at[i].topics]
        if m.topics_any:
            ranks = [i for i in ranks if any(t in at[i].topics for t in m.topics_any)]
        return ranks


class Matched:
    """One rule's records in (date, id) order, and which of them fall in a window.

    ``named``: the position in ``records`` and the attribution of each record that
    names its period, in order.
    """

    def __init__(self, records: list[Record], named: list[tuple[int, Attribution]]) -> None:
        self.records = records
        self.named = named
        self._named_at = [p for p, _ in named]
        self._moved: dict[Granularity, dict[str, list[int]]] = {}

    def in_window(self, w: Period) -> list[Record]:
        """The records attributed to window ``w``, in date order.

        Those counting by date are the slice of ``w``'s dates; those naming a period go
        where it says, wherever their date lies.
        """
        recs = self.records
        lo = bisect_left(recs, w.start, key=_date)
        hi = bisect_right(recs, w.end, lo=lo, key=_date)
        at = self._named_at
        inside = at[bisect_left(at, lo):bisect_left(at, hi)]
        moved = self._by_window(w.kind).get(w.id, [])
        if not inside and not moved:
            return recs[lo:hi]
        return _splice(recs, lo, hi, inside, moved)

    def _by_window(self, per: Granularity) -> dict[str, list[int]]:
        """Positions of the records naming a period, by the window of ``per`` they count for."""
        found = self._moved.get(per)
        if found is None:
            found = self._moved[per] = {}
            for p, a in self.named:
                found.setdefault(a.window(self.records[p].date, per).id, []).append(p)
        return found


def _splice(recs: list[Record], lo: int, hi: int, inside: list[int], moved: list[int]) -> list[Record]:
    """``recs[lo:hi]`` without the records at ``inside`` (they name a period), with those at ``moved``.

    Positions are (date, id) order, so walking them in order keeps the result in it;
    the runs between named records are copied as slices.
    """
    out: list[Record] = []
    wanted = set(moved)
    cur = lo
    for p in sorted(wanted.union(inside)):
        stop = min(max(p, cur), hi)
        out.extend(recs[cur:stop])
        cur = stop
        if p in wanted:
            out.append(recs[p])
        if lo <= p < hi:
            cur = p + 1
    out.extend(recs[cur:hi])
    return out


_Buckets = dict[tuple[str, str], list[int]]
_KIND_BODY = attrgetter("kind", "body")
_date = attrgetter("date")
