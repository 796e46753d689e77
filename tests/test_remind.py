"""Reminders from assessments: which windows, in what order, in what words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import msgspec
import pytest
from helpers import DEMO_AS_OF, rec

from auditor.engine.assessment import Assessment, Status
from auditor.engine.evaluate import evaluate
from auditor.engine.rectification import due_items
from auditor.model import Record, Rectification
from auditor.periods import make_period
from auditor.remind.reminders import build_reminders, collect_reminders, for_today, years_to_assess
from auditor.remind.workdays import WorkdayCalendar
from auditor.rulebook.loader import RuleSet
from auditor.rulebook.schema import Rule
from auditor.session import Session

D = dt.date
UNIT = "测试支部"

# A quarterly report due on the first day of the next quarter: 10-01 is National Day.
REPORT = msgspec.convert(
    {
        "id": "t.report",
        "title": "季度报告",
        "noun": "季度报告",
        "source": {"document": "测试"},
        "requirement": {"type": "deadline", "per": "quarter", "due": ["04-01", "07-01", "10-01", "01-01"],
                        "match": {"kinds": ["ideology_report"]}},
    },
    Rule,
)


def remind(rules: list[Rule], records: list[Record], as_of: dt.date, first_year: int = 2026, **kw: Any) -> list[Any]:
    """As collect_reminders does: the years from the first record's to as_of's."""
    assessments = [
        evaluate(rules, records, make_period("year", y), as_of, unit=UNIT)
        for y in years_to_assess(as_of, first_year)
    ]
    return build_reminders(assessments, as_of, calendar=WorkdayCalendar(), **kw)


def monthly(kind: str, months: range, year: int = 2026) -> list[Record]:
    return [rec(D(year, m, 10), kind) for m in months]


@pytest.fixture
def theme_day(shipped_rules: RuleSet) -> Rule:
    return shipped_rules.get("branch.theme-day")


def test_open_month_short_of_its_meeting(theme_day: Rule) -> None:
    [r] = remind([theme_day], monthly("theme_day", range(1, 11)), D(2026, 11, 22))
    assert (r.rule, r.window, r.status, r.due) == ("branch.theme-day", "2026-11", Status.AT_RISK, D(2026, 11, 30))
    # 11-22 is a Sunday: 9 days left today included, 6 of them working days (11-23..27, 11-30)
    assert (r.days_left, r.workdays_left) == (9, 6)
    assert r.message == "测试支部：2026年11月主题党日尚未开展，距月底还有9天（6个工作日）"
    assert r.holiday_note == ""


def test_silent_when_all_is_done(theme_day: Rule) -> None:
    assert remind([theme_day], monthly("theme_day", range(1, 12)), D(2026, 11, 22)) == []


def test_on_track_only_within_the_horizon(theme_day: Rule) -> None:
    records = monthly("theme_day", range(1, 11))
    # 11-15: the month ends in 15 days; not yet at risk (10 days) and beyond a 14-day horizon
    assert remind([theme_day], records, D(2026, 11, 15)) == []
    [r] = remind([theme_day], records, D(2026, 11, 15), within_days=15)
    assert r.status is Status.ON_TRACK
    assert r.message.endswith("距月底还有16天（11个工作日）")  # 11-15 is a Sunday


def test_last_day_says_today(theme_day: Rule) -> None:
    [r] = remind([theme_day], monthly("theme_day", range(1, 11)), D(2026, 11, 30))
    assert (r.days_left, r.workdays_left) == (1, 1)
    assert r.message.endswith("尚未开展，今天（11月30日）截止")


def test_missed_window_is_listed_daily_for_a_month_then_weekly_until_handled(theme_day: Rule) -> None:
    records = monthly("theme_day", range(1, 11))
    [r] = remind([theme_day], records, D(2026, 12, 5))
    assert (r.window, r.status, r.days_left, r.old) == ("2026-11", Status.NOT_MET, -5, False)
    assert r.message == "测试支部：2026年11月主题党日未开展（已于11月30日结束），请及时补做或作情况说明"
    # five weeks on November is still there, marked old: a daily run lists it on Mondays only
    got = remind([theme_day], records, D(2027, 1, 5))
    assert [(x.window, x.old) for x in got] == [("2026-11", True), ("2026-12", False)]
    assert got[0].message.endswith("（已于2026年11月30日结束），请及时补做或作情况说明")
    tuesday, monday = D(2027, 1, 5), D(2027, 1, 11)
    assert [x.window for x in for_today(got, tuesday)[0]] == ["2026-12"]
    assert [x.window for x in for_today(got, tuesday)[1]] == ["2026-11"]
    assert [x.window for x in for_today(remind([theme_day], records, monday), monday)[0]] == ["2026-11", "2026-12"]
    # a rectification item for November takes it off the list (the item is reminded of instead)
    handled = remind([theme_day], records, monday, rectified={("branch.theme-day", "2026-11")})
    assert [x.window for x in handled] == ["2026-12"]


def test_deadline_on_a_holiday_counts_working_days_and_is_flagged() -> None:
    [r] = remind([REPORT], [rec("2026-03-30", "ideology_report"), rec("2026-06-29", "ideology_report")],
                 D(2026, 9, 25))
    assert (r.window, r.due, r.status) == ("2026Q3", D(2026, 10, 1), Status.AT_RISK)
    # 09-25..27 Mid-Autumn, 10-01 National Day: only 09-28..30 are working days
    assert (r.days_left, r.workdays_left) == (7, 3)
    assert r.message == "测试支部：2026年第三季度季度报告尚未完成，截止10月1日，还有7天（3个工作日）"
    assert r.holiday_note == "截止日（10月1日）为国庆节假期，请提前报送"
    assert r.line == f"{r.message}；{r.holiday_note}"


def test_overdue_deadline_and_order_most_urgent_first(theme_day: Rule) -> None:
    records = [rec("2026-03-30", "ideology_report"), rec("2026-06-29", "ideology_report"),
               *monthly("theme_day", range(1, 10))]
    got = remind([theme_day, REPORT], records, D(2026, 10, 22), within_days=80)
    assert [(r.status, r.rule, r.window) for r in got] == [
        (Status.OVERDUE, "t.report", "2026Q3"),
        (Status.AT_RISK, "branch.theme-day", "2026-10"),
        (Status.ON_TRACK, "t.report", "2026Q4"),  # due 2027-01-01, 71 days ahead
    ]
    overdue = got[0]
    assert (overdue.days_left, overdue.workdays_left) == (-21, 0)
    assert overdue.message == "测试支部：2026年第三季度季度报告截止10月1日，已逾期21天，请尽快补报并作情况说明"
    assert overdue.holiday_note == ""  # nothing to do in advance any more
    # with 2025 in the log, its reports never sent stay listed too, as old misses
    older = remind([theme_day, REPORT], records, D(2026, 10, 22), first_year=2025, within_days=80)
    assert {(r.window, r.old) for r in older if r.rule == "t.report" and r.window.startswith("2025")} == {
        ("2025Q1", True), ("2025Q2", True), ("2025Q3", True), ("2025Q4", True)}


def test_an_overdue_report_stays_until_sent_or_explained() -> None:
    records = [rec("2026-03-30", "ideology_report"), rec("2026-06-29", "ideology_report")]
    later = remind([REPORT], records, D(2027, 3, 1))
    assert ("2026Q3", Status.OVERDUE, True) in [(r.window, r.status, r.old) for r in later]
    sent_late = [*records, rec("2027-03-02", "ideology_report", covers="2026Q3")]
    assert "2026Q3" not in [r.window for r in remind([REPORT], sent_late, D(2027, 3, 8))]


def test_last_years_fourth_quarter_report_due_in_january() -> None:
    records = [rec(d, "ideology_report") for d in ("2026-03-30", "2026-06-29", "2026-09-29")]
    [r] = remind([REPORT], records, D(2026, 12, 28), within_days=14)
    assert (r.window, r.due, r.status) == ("2026Q4", D(2027, 1, 1), Status.AT_RISK)
    [r] = remind([REPORT], records, D(2027, 1, 3))  # assessed through last year's windows
    assert (r.window, r.status, r.days_left) == ("2026Q4", Status.OVERDUE, -2)


def test_a_result_of_unknown_type_keeps_the_engine_sentence(theme_day: Rule) -> None:
    from dataclasses import replace

    a = evaluate([theme_day], monthly("theme_day", range(1, 11)), make_period("year", 2026), D(2026, 11, 22),
                 unit=UNIT)
    a = replace(a, results=tuple(replace(r, kind="") for r in a.results))
    [r] = build_reminders([a], D(2026, 11, 22), calendar=WorkdayCalendar())
    assert r.message == f"{UNIT}：{a.result('branch.theme-day').windows[10].message}"


def test_windows_without_due_date_are_left_to_check(shipped_rules: RuleSet) -> None:
    quorum = shipped_rules.get("branch.committee-quorum")  # each_record: a fault in a record
    bad = [rec("2026-11-03", "committee_meeting", expected=5, present=2)]
    a: Assessment = evaluate([quorum], bad, make_period("year", 2026), D(2026, 11, 22), unit=UNIT)
    assert a.result("branch.committee-quorum").status is Status.NOT_MET
    assert build_reminders([a], D(2026, 11, 22), calendar=WorkdayCalendar()) == []


def test_demo_database_as_of_the_demo_day(demo_db: Path) -> None:
    everything = collect_reminders(Session(demo_db), DEMO_AS_OF)
    # the demo's rectification items (整改) past or near their deadline are listed too
    assert [r.window_label for r in everything if r.title == "整改事项"] == ["整改事项Z002", "整改事项Z003",
                                                                         "整改事项Z004"]
    got = [r for r in everything if r.title != "整改事项"]
    # Q3's report to the 机关党委 is overdue but has its 整改 item (Z002): the item is listed instead
    assert ("local.quarterly-report", "2026Q3") not in {(r.rule, r.window) for r in got}
    # missed over a month ago and neither explained nor rectified: kept, marked old
    assert [(r.status.value, r.rule, r.window, r.old) for r in got[:4]] == [
        ("not_met", "positions.online-group-filing", "2025", True),  # the branch's; the 中心组's are not
        ("not_met", "branch.theme-day", "2026-08", True),
        ("at_risk", "branch.committee-meeting", "2026-11", False),
        ("at_risk", "ideology.report-to-superior", "2026H2", False),
    ]
    assert got[2].message == "某某县财政局机关党支部：2026年11月支委会尚未开展，距月底还有9天（6个工作日）"
    assert got[3].holiday_note == "截止日（12月20日）为星期日，请提前报送"
    assert all(r.status is Status.AT_RISK for r in got[4:])
    ids = {(r.rule, r.window) for r in got}
    # DEMO_AS_OF is a Sunday: a daily run holds the old misses back until Monday
    assert {(r.rule, r.window) for r in for_today(everything, DEMO_AS_OF)[1]} == {
        ("positions.online-group-filing", "2025"), ("branch.theme-day", "2026-08")}
    assert not any(r.rule == "branch.committee-quorum" for r in got)
    assert ("local.quarterly-report", "2026Q4") not in ids  # due 2027-01-06, beyond 14 days
    later = {(r.rule, r.window) for r in collect_reminders(Session(demo_db), DEMO_AS_OF, within_days=45)}
    assert ("local.quarterly-report", "2026Q4") in later


def test_rectification_items_are_listed_among_the_windows(theme_day: Rule) -> None:
    def item(rid: str, deadline: dt.date) -> Rectification:
        return Rectification(id=rid, problem="8月未开展主题党日", measure="补开主题党日", responsible="王建国",
                             deadline=deadline, rule="branch.theme-day", window="2026-08")

    as_of = D(2026, 11, 22)
    a = evaluate([theme_day], monthly("theme_day", range(1, 11)), make_period("year", 2026), as_of, unit=UNIT)
    dues = due_items([item("Z1", D(2026, 11, 10)), item("Z2", D(2026, 11, 27)), item("Z3", D(2027, 3, 1))],
                     as_of, soon_days=14)
    got = build_reminders([a], as_of, calendar=WorkdayCalendar(), rectifications=dues)
    assert [(r.window_label, r.status) for r in got] == [
        ("整改事项Z1", Status.OVERDUE),
        ("2026年11月", Status.AT_RISK),
        ("整改事项Z2", Status.ON_TRACK),
    ]
    z1, _, z2 = got
    assert z1.message.startswith("测试支部：整改事项Z1") and "已超期12天" in z1.message
    assert (z2.days_left, z2.workdays_left) == (6, 5)
    assert z2.message.endswith("（5个工作日）")


def test_years_assessed_run_from_the_first_record_at_most_five_years_back() -> None:
    assert years_to_assess(D(2027, 4, 4), 2026) == (2026, 2027)
    assert years_to_assess(D(2027, 4, 4), 2027) == (2027,)
    assert years_to_assess(D(2027, 4, 4), 2015) == (2022, 2023, 2024, 2025, 2026, 2027)
    assert years_to_assess(D(2027, 4, 4)) == (2026, 2027)
