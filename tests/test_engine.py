"""evaluate(): aggregation, windows, covers, effective dates, scores, waivers."""

from __future__ import annotations

import datetime as dt

import msgspec
from helpers import rec

from auditor.engine.assessment import Status, worst
from auditor.engine.evaluate import evaluate
from auditor.model import Waiver
from auditor.periods import parse_period
from auditor.rulebook.loader import RuleSet
from auditor.rulebook.schema import Count, Deduction, Effective, Match, Rule, Source, Within

SRC = Source(document="测试文件", level="local")


def count_rule(per: str = "month", min_: int = 1, **kw: object) -> Rule:
    req = Count(per=per, min=min_, match=Match(kinds=("theme_day",)),  # type: ignore[arg-type]
                within=kw.pop("within", None))  # type: ignore[arg-type]
    return Rule(id="t.rule", title="主题党日", requirement=req, source=SRC, **kw)  # type: ignore[arg-type]


def test_worst_ignores_pending_unless_alone() -> None:
    assert worst([Status.MET, Status.PENDING]) is Status.MET
    assert worst([Status.PENDING, Status.PENDING]) is Status.PENDING
    assert worst([Status.MET, Status.LATE, Status.AT_RISK]) is Status.LATE
    assert worst([Status.NOT_MET, Status.OVERDUE]) is Status.OVERDUE


def test_yearly_rule_in_a_half_year_audit_is_judged_on_the_whole_year() -> None:
    rule = count_rule(per="year", min_=2)
    records = [rec("2026-03-01", "theme_day"), rec("2026-08-01", "theme_day")]
    a = evaluate([rule], records, parse_period("2026H1"), dt.date(2026, 9, 1))
    (w,) = a.results[0].windows
    assert w.period == "2026" and w.actual == 2 and w.status is Status.MET


def test_records_after_as_of_do_not_count() -> None:
    rule = count_rule()
    a = evaluate([rule], [rec("2026-05-20", "theme_day")], parse_period("2026-05"), dt.date(2026, 5, 10))
    assert a.results[0].actual == 0


def test_covers_attributes_a_late_record_to_its_window() -> None:
    rule = count_rule(per="quarter")
    records = [rec("2026-04-03", "theme_day", covers="2026Q1")]
    a = evaluate([rule], records, parse_period("2026H1"), dt.date(2026, 7, 1))
    q1, q2 = a.results[0].windows
    assert (q1.status, q1.actual) == (Status.MET, 1)
    assert (q2.status, q2.actual) == (Status.NOT_MET, 0)


def test_within_last_days_of_the_quarter() -> None:
    rule = count_rule(per="quarter", within=Within(last_days=10))
    early = evaluate([rule], [rec("2026-03-10", "theme_day")], parse_period("2026Q1"), dt.date(2026, 4, 1))
    late = evaluate([rule], [rec("2026-03-25", "theme_day")], parse_period("2026Q1"), dt.date(2026, 4, 1))
    assert early.results[0].status is Status.NOT_MET
    assert "最后10天内" in early.results[0].message
    assert late.results[0].status is Status.MET


def test_effective_dates_make_earlier_windows_not_applicable() -> None:
    rule = count_rule(effective=Effective(start=dt.date(2026, 4, 1)))
    a = evaluate([rule], [], parse_period("2026H1"), dt.date(2026, 7, 1))
    statuses = [w.status for w in a.results[0].windows]
    assert statuses[:3] == [Status.NOT_APPLICABLE] * 3
    assert statuses[3:] == [Status.NOT_MET] * 3


def test_score_deducts_per_missing_with_a_cap() -> None:
    capped = count_rule(deduction=Deduction(per_missing=0.5, max=1.0))
    a = evaluate([capped], [rec("2026-01-10", "theme_day")], parse_period("2026H1"), dt.date(2026, 7, 1))
    assert a.results[0].deduction == 1.0 and a.score == 99.0
    uncapped = count_rule(deduction=Deduction(per_missing=0.5))
    b = evaluate([uncapped], [rec("2026-01-10", "theme_day")], parse_period("2026H1"), dt.date(2026, 7, 1))
    assert b.score == 97.5
    assert evaluate([count_rule()], [], parse_period("2026H1"), dt.date(2026, 7, 1)).score is None


def test_advisory_failures_do_not_fail_the_assessment() -> None:
    a = evaluate([count_rule(severity="advisory")], [], parse_period("2026-01"), dt.date(2026, 2, 1))
    assert a.results[0].status is Status.NOT_MET and not a.failed
    b = evaluate([count_rule()], [], parse_period("2026-01"), dt.date(2026, 2, 1))
    assert b.failed


def test_waiver_marks_the_window_and_expires() -> None:
    rule = count_rule(deduction=Deduction(per_missing=1))
    waiver = Waiver(id="W001", rule="t.rule", window="2026-02", reason="疫情防控，暂停集中活动",
                    approved_by="县直机关工委", approved_on=dt.date(2026, 3, 1),
                    expires=dt.date(2026, 12, 31))
    records = [rec("2026-01-10", "theme_day"), rec("2026-03-10", "theme_day")]
    a = evaluate([rule], records, parse_period("2026Q1"), dt.date(2026, 4, 1), waivers=[waiver])
    feb = a.results[0].windows[1]
    assert feb.status is Status.WAIVED and feb.waiver == "疫情防控，暂停集中活动"
    assert a.results[0].status is Status.WAIVED and a.score == 100 and not a.failed
    # audited after its expiry, the window it excused stays excused ...
    later = evaluate([rule], records, parse_period("2026Q1"), dt.date(2027, 1, 5), waivers=[waiver])
    assert later.results[0].windows[1].status is Status.WAIVED
    # ... and a standing one (no window) excuses only the windows its validity overlaps
    standing = msgspec.structs.replace(waiver, window="", approved_on=dt.date(2026, 2, 10),
                                       expires=dt.date(2026, 2, 28))
    gap = evaluate([rule], [], parse_period("2026Q1"), dt.date(2026, 4, 1), waivers=[standing])
    assert [w.status for w in gap.results[0].windows] == [Status.NOT_MET, Status.WAIVED, Status.NOT_MET]
    # and one approved after the audit day does not apply yet
    early = evaluate([rule], records, parse_period("2026Q1"), dt.date(2026, 2, 27), waivers=[waiver])
    assert early.results[0].windows[1].status is Status.AT_RISK


def test_disabled_rules_are_not_evaluated(shipped_rules: RuleSet) -> None:
    rules = [msgspec.structs.replace(r, enabled=r.id != "branch.theme-day") for r in shipped_rules.rules]
    a = evaluate(rules, [], parse_period("2026Q1"), dt.date(2026, 4, 1))
    assert "branch.theme-day" not in {r.rule for r in a.results}
    assert len(a.results) == len(rules) - 1


def test_json_contract(shipped_rules: RuleSet) -> None:
    records = [rec("2026-01-10", "theme_day"), rec("2026-01-05", "committee_meeting", expected=5, present=4)]
    a = evaluate(shipped_rules.active, records, parse_period("2026Q1"), dt.date(2026, 2, 10), unit="测试支部")
    doc = a.to_dict()
    assert {"unit", "period", "as_of", "score", "results"} <= set(doc)
    assert doc["unit"] == "测试支部" and doc["period"] == "2026Q1" and doc["as_of"] == "2026-02-10"
    theme = next(r for r in doc["results"] if r["rule"] == "branch.theme-day")
    assert {"rule", "title", "status", "required", "actual", "evidence", "due", "message", "windows"} <= set(theme)
    assert [w["status"] for w in theme["windows"]] == ["met", "on_track", "pending"]
    assert theme["windows"][0]["evidence"] == [records[0].id]
    assert {"period", "status", "required", "actual", "evidence"} <= set(theme["windows"][0])
