"""The engine's index finds, for each rule and window, exactly the records attribution puts there."""

from __future__ import annotations

import datetime as dt

from helpers import rec
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.engine.attribution import attribute
from auditor.engine.bodies import BodyScope
from auditor.engine.index import RecordIndex
from auditor.model import Record
from auditor.periods import Granularity, parse_period, windows
from auditor.rulebook.loader import load_ruleset

RULESET = load_ruleset()
RULES = RULESET.active
AS_OF = dt.date(2026, 11, 22)
KINDS = ("committee_meeting", "theme_day", "ideology_report", "democratic_life_meeting", "central_group_study")
BODIES = ("", "", "branch", "leading", "central_group", "cell")
"""A record's own body: none (its kind's), its kind's named again, or another body's."""
TITLES = ("支委会", "2026年上半年意识形态工作报告", "2025年度民主生活会", "2026年9月主题党日", "学习2026年全国两会精神")
COVERS = ("", "", "", "2026H1", "2025", "2026Q3", "2026-02")


@st.composite
def records(draw: st.DrawFn) -> list[Record]:
    n = draw(st.integers(0, 40))
    days = draw(st.lists(st.dates(dt.date(2025, 1, 1), dt.date(2026, 12, 31)), min_size=n, max_size=n))
    return [
        rec(day, draw(st.sampled_from(KINDS)), draw(st.sampled_from(TITLES)), id=f"R{i:05d}",
            covers=draw(st.sampled_from(COVERS)), topics=draw(st.sampled_from(((), ("第一议题",)))),
            body=draw(st.sampled_from(BODIES)))
        for i, day in enumerate(days)
    ]


def _naive(recs: list[Record], kinds: tuple[str, ...], topics: tuple[str, ...], w_id: str,
           per: Granularity) -> list[Record]:
    """The definition: matching records dated by as_of whose attributed window is this one."""
    return sorted(
        (r for r in recs if r.date <= AS_OF and (not kinds or r.kind in kinds)
         and all(t in r.topics for t in topics) and attribute(r).window(r.date, per).id == w_id),
        key=lambda r: (r.date, r.id),
    )


@settings(max_examples=60, derandomize=True, deadline=None)
@given(records())
def test_each_window_holds_the_records_attribution_gives_it(recs: list[Record]) -> None:
    index = RecordIndex(list(reversed(recs)), AS_OF)
    for rule in RULES:
        m = rule.requirement.match
        per = rule.requirement.per
        matched = index.matching(rule)
        assert [r.id for r in matched.records] == [r.id for r in sorted(
            (r for r in recs if r.date <= AS_OF and (not m.kinds or r.kind in m.kinds)
             and all(t in r.topics for t in m.topics)), key=lambda r: (r.date, r.id))
            if not m.topics_any or any(t in r.topics for t in m.topics_any)]
        for period in ("2025", "2026"):
            for w in windows(parse_period(period), per):
                got = [r.id for r in matched.in_window(w)]
                want = [r.id for r in _naive(recs, m.kinds, m.topics, w.id, per)
                        if not m.topics_any or any(t in r.topics for t in m.topics_any)]
                assert got == want, (rule.id, w.id)


@settings(max_examples=40, derandomize=True, deadline=None)
@given(records(), st.sampled_from(("branch", "leading")))
def test_a_body_scope_counts_only_records_of_the_rules_top_body(recs: list[Record], body: str) -> None:
    vocab = RULESET.vocabulary
    scope = BodyScope(vocab, body, "branch")
    index = RecordIndex(recs, AS_OF, scope)
    for rule in RULES:
        m = rule.requirement.match
        top = vocab.top_body(rule.body)
        want = [r.id for r in sorted(recs, key=lambda r: (r.date, r.id))
                if r.date <= AS_OF and (not m.kinds or r.kind in m.kinds) and scope.record_top(r) == top
                and all(t in r.topics for t in m.topics)
                and (not m.topics_any or any(t in r.topics for t in m.topics_any))]
        assert [r.id for r in index.matching(rule).records] == want, rule.id
