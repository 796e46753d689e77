"""A requirement type is one module: schema, check, description, due date; a crash is a result."""

from __future__ import annotations

import json
from pathlib import Path
from typing import get_args

import pytest
from helpers import DEMO_AS_OF, cli

from auditor.engine.assessment import Status
from auditor.engine.requirements import describe, due, type_of
from auditor.periods import parse_period
from auditor.rulebook.schema import RULE_TYPES, Requirement
from auditor.session import Session


def test_every_type_in_the_union_is_one_module_with_its_four_parts() -> None:
    for struct in get_args(Requirement):
        module = type_of(struct)
        assert module.__name__ == f"auditor.engine.checks.{struct.__struct_config__.tag}"
        assert all(callable(getattr(module, part)) for part in ("assess", "describe", "due"))
    assert RULE_TYPES == tuple(s.__struct_config__.tag for s in get_args(Requirement))


def test_windows_not_begun_carry_their_due_date(demo_db: Path) -> None:
    session = Session(demo_db)
    a = session.assess(parse_period("2026"), DEMO_AS_OF)
    report = a.result("local.quarterly-report")  # a deadline: the Q4 report is due 01-06 next year
    q4 = report.windows[3]
    assert q4.due is not None and q4.due.isoformat() == "2027-01-06"
    pending = [w for r in a.results for w in r.windows if w.status is Status.PENDING]
    rule = session.ruleset.get("local.quarterly-report")
    assert describe(rule.requirement) == "每季度一次，截止 04-08、07-08、10-08、01-06"
    assert due(rule.requirement, parse_period("2026Q4")) == q4.due
    assert all(w.due is not None for w in pending if a.result(_rule_of(a, w)).kind != "each_record")


def _rule_of(a, window):  # type: ignore[no-untyped-def]
    return next(r.rule for r in a.results if window in r.windows)


def test_a_check_that_raises_is_one_result_and_the_others_still_run(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from auditor.engine.checks import deadline

    def broken(ctx, req):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(deadline, "assess", broken)
    code, out, err = cli(demo_db, "check", "--json", "--as-of", DEMO_AS_OF.isoformat())
    assert code == 1 and "Traceback" not in err
    doc = json.loads(out)
    crashed = [r for r in doc["results"] if r["status"] == "error"]
    assert {r["rule"] for r in crashed} == {"ideology.report-to-superior", "local.quarterly-report"}
    assert all("规则检查出错" in r["message"] and r["rule"] in r["message"] for r in crashed)
    assert sum(r["status"] != "error" for r in doc["results"]) > 10  # every other rule was checked
    code, out, _ = cli(demo_db, "check", "--as-of", DEMO_AS_OF.isoformat())
    assert code == 1 and "规则检查出错" in out
    code, _, err = cli(demo_db, "--debug", "check", "--as-of", DEMO_AS_OF.isoformat())
    assert "ZeroDivisionError: boom" in err and "Traceback" in err


def test_a_duty_tells_the_faces_what_a_rule_counts_without_the_schema(demo_db: Path) -> None:
    from auditor.engine.requirements import duty

    session = Session(demo_db)
    totals = [duty(r) for r in session.ruleset.rules if r.requirement.__struct_config__.tag == "total"]
    days = next(d for d in totals if d.field == "duration_days")
    assert (days.type, days.min, days.unit, days.kinds) == ("total", 12.0, "天", ("central_group_study",))
    deadline = duty(session.ruleset.get("local.quarterly-report"))
    assert (deadline.type, deadline.field, deadline.min, deadline.unit) == ("deadline", "", 0.0, "")


def test_a_type_has_due_dates_when_its_windows_not_begun_carry_one(demo_db: Path) -> None:
    """The calendar lists the types whose ``due`` gives dates, without a list of their names."""
    from auditor.engine.requirements import has_due_dates

    later = Session(demo_db).assess(parse_period("2027"), DEMO_AS_OF)  # every window not begun
    for r in later.results:
        if r.status is Status.PENDING:
            assert all(w.due is not None for w in r.windows) == has_due_dates(r.kind), r.rule
    assert {t for t in RULE_TYPES if not has_due_dates(t)} == {"each_record", "member_absence"}
