"""Bodies (主体), the score's basis and the status words, on the demo and on small logs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from helpers import DEMO_AS_OF, rec
from test_attribution import cli

from auditor.engine.assessment import Status
from auditor.engine.bodies import BodyScope
from auditor.engine.evaluate import evaluate
from auditor.engine.score import SCORE_ESTIMATE
from auditor.engine.words import WORDS, status_word
from auditor.periods import parse_period
from auditor.rulebook.loader import RuleSet
from auditor.session import Session

LEADING_KINDS = {"party_group_meeting", "party_committee_meeting", "central_group_study", "seminar",
                 "collective_study", "democratic_life_meeting"}


def test_the_branch_report_claims_no_record_of_the_party_group(demo_db: Path) -> None:
    session = Session(demo_db)
    a = session.assess(parse_period("2026"), DEMO_AS_OF)
    assert a.body == "branch"
    records = {r.id: r for r in session.store.records()}
    assert any(r.kind in LEADING_KINDS for r in records.values())  # the log holds them
    claimed = {rid for r in a.results for rid in r.evidence}
    assert claimed and not [rid for rid in claimed if records[rid].kind in LEADING_KINDS]
    assert not any(r.rule.startswith("study.") or ".leading-" in r.rule for r in a.results)


def test_check_body_shows_the_party_groups_duties(demo_db: Path) -> None:
    code, out, err = cli(demo_db, "check", "--body", "党组", "--as-of", DEMO_AS_OF.isoformat(), "--json")
    assert code in (0, 1), err
    doc = json.loads(out)
    rules = {r["rule"] for r in doc["results"]}
    assert doc["body"] == "leading"
    assert {"ideology.leading-dedicated-study", "ideology.leading-in-life-meeting", "study.central-group"} <= rules
    assert "branch.theme-day" not in rules
    code, out, _ = cli(demo_db, "check", "--body", "中心组", "--as-of", DEMO_AS_OF.isoformat(), "--json")
    assert {r["rule"].split(".")[0] for r in json.loads(out)["results"]} == {"study"}
    code, _, err = cli(demo_db, "check", "--body", "团支部")
    assert code == 2 and "不认识的主体“团支部”" in err and "Traceback" not in err


def test_a_record_may_name_another_body(shipped_rules: RuleSet) -> None:
    # a report is the reporting body's unless it names another: the 党组's is not the branch's
    records = [rec("2026-06-10", "ideology_report"), rec("2026-06-12", "ideology_report", body="leading")]
    rules = [shipped_rules.get("ideology.report-to-superior"), shipped_rules.get("ideology.leading-report-to-superior")]
    vocab = shipped_rules.vocabulary
    for body, want in (("branch", records[0].id), ("leading", records[1].id)):
        a = evaluate(rules, records, parse_period("2026H1"), dt.date(2026, 7, 1), scope=BodyScope(vocab, body))
        assert [r.evidence for r in a.results] == [(want,)]


def _score(rules: RuleSet, records: list, period: str, as_of: dt.date) -> float | None:  # type: ignore[type-arg]
    scope = BodyScope(rules.vocabulary, "branch")
    return evaluate(rules.active, records, parse_period(period), as_of, scope=scope).score


def test_scores_are_ordered_as_their_findings(shipped_rules: RuleSet, demo_db: Path) -> None:
    as_of = dt.date(2026, 12, 1)
    empty = _score(shipped_rules, [], "2026H2", as_of)
    one = _score(shipped_rules, [rec("2026-07-10", "committee_meeting", expected=5, present=5)], "2026H2", as_of)
    demo = Session(demo_db).assess(parse_period("2026H2"), as_of).score
    assert empty is not None and one is not None and demo is not None
    assert empty < one < demo


def test_a_closed_periods_score_does_not_change_with_the_day(shipped_rules: RuleSet) -> None:
    records = [rec("2026-03-10", "committee_meeting"), rec("2026-05-20", "theme_day")]
    later = [_score(shipped_rules, records, "2026", dt.date(2027, m, 5)) for m in (1, 3, 6, 12)]
    assert len(set(later)) == 1


def test_every_deduction_names_its_basis(shipped_rules: RuleSet, demo_db: Path) -> None:
    for rule in shipped_rules.rules:
        if rule.deduction is not None:
            assert "依据：" in rule.deduction.describe()
    code, out, _ = cli(demo_db, "rules", "show", "branch.party-lesson")
    assert code == 0 and "# 计分：每少1次扣0.5分（依据：支部考核：党课一年4次，少一次党课记录扣0.5分）" in out
    code, out, _ = cli(demo_db, "rules", "show", "records.first-agenda")
    assert "# 计分：不计分" in out
    a = Session(demo_db).assess(parse_period("2026H2"), DEMO_AS_OF)
    assert a.score is not None and a.score_note == SCORE_ESTIMATE  # some deductions are the tool's own


def test_the_profile_can_switch_scoring_off(demo_db: Path) -> None:
    session = Session(demo_db)
    from auditor import actions

    actions.save_profile(session, {"scoring": False})
    session.reload()
    assert session.assess(parse_period("2026H2"), DEMO_AS_OF).score is None


def test_status_words_follow_the_genre_and_json_keeps_the_ids(demo_db: Path) -> None:
    assert status_word(Status.AT_RISK) == "临期" and status_word(Status.AT_RISK, "", "pace") == "进度滞后"
    assert status_word(Status.LATE, "report") == "逾期报送" and status_word(Status.OVERDUE, "report") == "逾期未报送"
    assert status_word(Status.NOT_MET) == "未完成" and status_word(Status.MET, "report") == "按时报送"
    assert "有风险" not in WORDS.values() and "未达标" not in WORDS.values()
    code, out, _ = cli(demo_db, "check", "--as-of", DEMO_AS_OF.isoformat(), "--json")
    statuses = {w["status"] for r in json.loads(out)["results"] for w in r["windows"]}
    assert statuses <= {s.value for s in Status}
    code, out, _ = cli(demo_db, "check", "--as-of", DEMO_AS_OF.isoformat())
    assert "临期" in out and "有风险" not in out and "未达标" not in out


def test_check_names_the_other_bodies_in_the_log(demo_db: Path) -> None:
    code, out, _ = cli(demo_db, "check", "--as-of", DEMO_AS_OF.isoformat())
    assert "本记录簿还记有党委（党组）的工作，未计入以上检查；\n查看其职责：auditor check --body 党组" in out
    code, out, _ = cli(demo_db, "check", "--as-of", DEMO_AS_OF.isoformat(), "--body", "党组")
    assert "主体：党委（党组）" in out and "auditor check --body 支部" in out


def test_init_sets_the_bodies_and_scoring(tmp_path: Path) -> None:
    db = tmp_path / "a.json"
    code, out, err = cli(db, "init", "--bodies", "党组,党支部", "--reporting-body", "党组", "--no-scoring")
    assert code == 0, err
    assert "记录簿主体：党委（党组）、党支部；汇报主体：党委（党组）；得分：不显示" in out
    profile = Session(db).profile
    assert (profile.bodies, profile.reporting_body, profile.scoring) == (("leading", "branch"), "leading", False)
    code, _, err = cli(db, "init", "--reporting-body", "团委")
    assert code == 2 and "不认识的主体“团委”" in err


def test_the_branch_report_counts_by_attribution_and_claims_no_party_group_record(demo_db: Path) -> None:
    from auditor.report.data import collect

    session = Session(demo_db)
    h1 = collect(session, parse_period("2026H1"), dt.date(2026, 7, 5))
    kinds = {r.kind for r in h1.records}
    assert not kinds & (LEADING_KINDS | {"joint_meeting"})  # 联席会议 is the 党组's (its kind's body)
    # the report dated 07-03 for the first half is the first half's, not the second's
    july = [r for r in session.store.records() if r.kind == "ideology_report" and r.date == dt.date(2026, 7, 3)]
    assert july and july[0].id in {r.id for r in h1.records}
    h2 = collect(session, parse_period("2026H2"), DEMO_AS_OF)
    assert july[0].id not in {r.id for r in h2.records}
    organ = collect(session, parse_period("2026H1"), dt.date(2026, 7, 5), body="党组")
    assert {"central_group_study", "general_meeting"} <= {r.kind for r in organ.records}  # the 机关's summary
