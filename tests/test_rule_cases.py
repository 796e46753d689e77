"""Every shipped rule against its pass/fail cases in fixtures/cases/*.yaml."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import msgspec
import pytest
import yaml

from auditor.engine.assessment import Status
from auditor.engine.bodies import BodyScope
from auditor.engine.evaluate import evaluate
from auditor.forms import parse_absentees
from auditor.model import Member, Record, record_from_doc
from auditor.periods import parse_period
from auditor.rulebook.loader import RuleSet, load_ruleset

CASES_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "cases"
FAILING = {"not_met", "overdue", "late", "at_risk"}


def _load() -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    out = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")):
            for case in block["cases"]:
                out.append((f"{block['rule']}: {case['name']}", block, case))
    return out


CASES = _load()


def _records(rs: RuleSet, items: list[dict[str, Any]]) -> list[Record]:
    out = []
    for i, item in enumerate(items):
        doc = {"id": f"C{i:03d}", "title": f"记录{i}", **item}
        doc["kind"] = rs.vocabulary.resolve(doc["kind"]).id
        if "body" in doc:
            doc["body"] = rs.vocabulary.resolve_body(doc["body"]).id
        doc["date"] = str(doc["date"])
        if isinstance(doc.get("absentees"), str):
            doc["absentees"] = parse_absentees(doc["absentees"])
        out.append(record_from_doc(doc))
    return out


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_ruleset()


@pytest.mark.parametrize("block,case", [(b, c) for _, b, c in CASES], ids=[n for n, _, _ in CASES])
def test_rule_case(rules: RuleSet, block: dict[str, Any], case: dict[str, Any]) -> None:
    # a template shipped switched off (positions.publicity-items) is tested as a unit switches it on
    rule = msgspec.structs.replace(rules.get(block["rule"]), enabled=True)
    period = parse_period(str(case.get("period", block["period"])))
    as_of = case.get("as_of", block["as_of"])
    as_of = as_of if isinstance(as_of, dt.date) else dt.date.fromisoformat(str(as_of))
    records = _records(rules, case["records"])
    members = [msgspec.convert(m, Member) for m in block.get("members", [])]
    # judged as the rule's own body would be: records of another body never count
    scope = BodyScope(rules.vocabulary, rule.body, rules.vocabulary.top_body(rule.body))
    result = evaluate([rule], records, period, as_of, members=members, scope=scope).results[0]
    expect = case["expect"]
    if "status" in expect:
        assert result.status == Status(expect["status"]), result.message
    if "windows" in expect:
        assert [w.status.value for w in result.windows] == expect["windows"], result.message
    if "actual" in expect:
        assert result.actual == expect["actual"]
    if "message" in expect:
        assert expect["message"] in result.message
    if "word" in expect:
        assert result.word == expect["word"]
    if "evidence" in expect:  # per window: the ids (C000, C001 ...) attributed to it
        assert [list(w.evidence) for w in result.windows] == expect["evidence"]


def test_every_shipped_rule_has_a_passing_and_a_failing_case(rules: RuleSet) -> None:
    seen: dict[str, set[str]] = {}
    for _, block, case in CASES:
        status = case["expect"].get("status") or (
            "not_met" if set(case["expect"].get("windows", [])) & FAILING else "met"
        )
        seen.setdefault(block["rule"], set()).add("fail" if status in FAILING else "pass")
    shipped = {r.id for r in rules.rules}
    missing = {rid for rid in shipped if seen.get(rid, set()) != {"pass", "fail"}}
    assert not missing, f"rules without both a passing and a failing case: {sorted(missing)}"
