"""Per-member rules with a roster written in the test: six-month absence, heart-to-heart, speaking."""

from __future__ import annotations

import datetime as dt

import msgspec
from helpers import rec

from auditor.engine.assessment import Status
from auditor.engine.attendance import attendance_table, derive_counts
from auditor.engine.evaluate import evaluate
from auditor.model import Absentee, Member, Record
from auditor.periods import parse_period
from auditor.rulebook.loader import RuleSet

ROSTER = (
    Member(name="王书记", role="书记", cell="第一党小组", groups=("中心组",)),
    Member(name="张三", cell="第一党小组"),
    Member(name="李四", cell="第二党小组"),
    Member(name="王五", cell="第二党小组", groups=("中心组",)),
)


def theme_days(months: range, absent: dict[str, str | None], year: int = 2026) -> list[Record]:
    """One theme day a month; names in ``absent`` stay away (with the reason, if one)."""
    out = []
    for m in months:
        present = tuple(x.name for x in ROSTER if x.name not in absent)
        away = tuple(Absentee(n, why) for n, why in absent.items() if why is not None)
        out.append(rec(dt.date(year, m, 10), "theme_day", attendees=present, absentees=away))
    return out


def judge(rules: RuleSet, rule_id: str, records: list[Record], period: str, as_of: str,
          members: tuple[Member, ...] = ROSTER, **kw: object):
    a = evaluate([rules.get(rule_id)], records, parse_period(period), dt.date.fromisoformat(as_of),
                 members=members, **kw)  # type: ignore[arg-type]
    return a.result(rule_id)


def test_names_fill_in_missing_counts_but_typed_numbers_win() -> None:
    r = rec("2026-03-05", "theme_day", attendees=("甲", "乙", "丙"), absentees=(Absentee("丁", "出差"),))
    d = derive_counts(r)
    assert (d.present, d.expected) == (3, 4)
    typed = derive_counts(msgspec.structs.replace(r, present=3, expected=9))
    assert (typed.present, typed.expected) == (3, 9)
    assert derive_counts(rec("2026-03-05", "theme_day")).expected is None


def test_six_months_without_reason_fails_and_leave_is_shown_apart(shipped_rules: RuleSet) -> None:
    records = theme_days(range(1, 2), {}) + theme_days(range(2, 9), {"张三": None, "李四": "长期病休"})
    r = judge(shipped_rules, "member.six-month-absence", records, "2026-07", "2026-08-05")
    assert r.status is Status.NOT_MET
    assert "张三（6个月）" in r.message
    assert "李四（6个月，长期病休）" in r.message and "另有1名" in r.message
    assert r.windows[0].actual == 3 and r.windows[0].required == 4


def test_fifth_month_is_a_risk_while_the_month_is_open(shipped_rules: RuleSet) -> None:
    records = theme_days(range(1, 2), {}) + theme_days(range(2, 7), {"张三": None})
    r = judge(shipped_rules, "member.six-month-absence", records, "2026-07", "2026-07-20")
    assert r.status is Status.AT_RISK and "张三已连续5个月" in r.message
    came = records + [rec("2026-07-15", "theme_day", attendees=("张三",))]
    assert judge(shipped_rules, "member.six-month-absence", came, "2026-07", "2026-07-20").status is Status.MET


def test_months_without_any_activity_do_not_count(shipped_rules: RuleSet) -> None:
    records = theme_days(range(1, 2), {}) + [
        r for r in theme_days(range(2, 8), {"张三": None}) if r.date.month != 4
    ]
    r = judge(shipped_rules, "member.six-month-absence", records, "2026-07", "2026-08-05")
    assert r.status is Status.AT_RISK and "张三已连续5个月" in r.message


def test_late_joiners_stopped_members_and_away_members(shipped_rules: RuleSet) -> None:
    roster = (
        *ROSTER[:2],
        Member(name="李四", joined=dt.date(2026, 5, 1)),
        Member(name="王五", status="停止党籍"),
        Member(name="赵六", status="流动党员"),
    )
    records = theme_days(range(1, 9), {"李四": None, "王五": None, "赵六": None})
    r = judge(shipped_rules, "member.six-month-absence", records, "2026-07", "2026-08-05", members=roster)
    assert r.status is Status.MET
    assert "赵六" in r.message and "流动党员" in r.message
    assert "李四" not in r.message and "王五" not in r.message


def test_without_a_roster_the_absence_rule_says_so(shipped_rules: RuleSet) -> None:
    r = judge(shipped_rules, "member.six-month-absence", theme_days(range(1, 9), {}), "2026H1",
              "2026-08-05", members=())
    assert r.status is Status.NOT_APPLICABLE and "名册" in r.message


def test_heart_to_heart_counts_each_member(shipped_rules: RuleSet) -> None:
    talks = [rec("2025-05-09", "heart_to_heart", host="王书记", attendees=("张三",)),
             rec("2025-06-09", "heart_to_heart", host="王书记", attendees=("李四",))]
    r = judge(shipped_rules, "branch.heart-to-heart", talks, "2025", "2026-03-01")
    assert r.status is Status.NOT_MET and "王五" in r.message and "1名" in r.message
    assert (r.actual, r.required) == (3, 4) and r.deduction == 0.5
    talks.append(rec("2025-07-09", "heart_to_heart", host="张三", attendees=("王五",)))
    assert judge(shipped_rules, "branch.heart-to-heart", talks, "2025", "2026-03-01").status is Status.MET
    still_open = judge(shipped_rules, "branch.heart-to-heart", talks[:2], "2025", "2025-12-10")
    assert still_open.status is Status.AT_RISK and "距期末还有22天" in still_open.message


def test_heart_to_heart_without_roster_falls_back_to_a_count(shipped_rules: RuleSet) -> None:
    talks = [rec("2025-05-09", "heart_to_heart", host="王书记", attendees=("张三",))]
    r = judge(shipped_rules, "branch.heart-to-heart", talks, "2025", "2026-03-01", members=())
    assert r.status is Status.MET and "未建立党员名册" in r.message
    r = judge(shipped_rules, "branch.heart-to-heart", [], "2025", "2026-03-01", members=())
    assert r.status is Status.NOT_MET


def test_speaking_counts_only_central_group_members_who_spoke(shipped_rules: RuleSet) -> None:
    study = [rec("2026-03-20", "central_group_study", attendees=("王书记", "王五", "张三"), speakers=("王书记",)),
             rec("2026-06-20", "central_group_study", attendees=("王书记", "王五"), speakers=("张三",))]
    r = judge(shipped_rules, "study.member-speaking", study, "2026", "2027-01-05")
    assert r.status is Status.NOT_MET and r.required == 2 and r.actual == 1
    assert "王五" in r.message and "张三" not in r.message
    assert judge(shipped_rules, "study.member-speaking", study, "2026", "2027-01-05",
                 members=()).status is Status.NOT_APPLICABLE


def test_attendance_table_per_member() -> None:
    records = theme_days(range(1, 4), {"张三": "出差"}) + theme_days(range(4, 7), {"张三": None})
    records.append(rec("2026-06-20", "heart_to_heart", attendees=("李四",)))
    rows = {r.member.name: r for r in attendance_table(ROSTER, records, parse_period("2026H1"),
                                                       dt.date(2026, 11, 1), kinds=["theme_day"])}
    zs = rows["张三"]
    assert (zs.expected, zs.attended, zs.excused, zs.unexcused) == (3, 0, 3, 0)
    assert zs.streak.months == 6 and not zs.streak.excused and zs.last_attended is None
    ls = rows["李四"]
    assert (ls.expected, ls.attended, ls.rate) == (6, 6, 1.0)
    assert ls.last_attended == dt.date(2026, 6, 10)


def test_a_written_reason_that_says_there_was_none_does_not_excuse(shipped_rules: RuleSet) -> None:
    records = theme_days(range(1, 2), {}) + theme_days(range(2, 8), {"张三": "无故缺席", "李四": "出差"})
    r = judge(shipped_rules, "member.six-month-absence", records, "2026-07", "2026-08-05")
    assert r.status is Status.NOT_MET and "张三（6个月）" in r.message
    assert "李四（6个月，出差）" in r.message


def test_quorum_is_judged_from_names_when_counts_were_not_typed(shipped_rules: RuleSet) -> None:
    meeting = rec("2026-09-03", "committee_meeting", attendees=("王书记", "张三"),
                  absentees=(Absentee("李四", "出差"), Absentee("王五", "病假"), Absentee("赵六", "培训")))
    r = judge(shipped_rules, "branch.committee-quorum", [meeting], "2026-09", "2026-10-01")
    assert r.status is Status.NOT_MET and "到会2人，不足应到5人的半数" in r.message
