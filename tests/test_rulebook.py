"""Loading rule files: shipped packs, tailoring by a unit, provenance, and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.errors import RuleFileError
from auditor.rulebook.loader import load_ruleset
from auditor.rulebook.schema import Count, Deadline

PUBLIC_IDS = {
    "ideology.dedicated-study", "ideology.report-to-superior", "ideology.joint-meeting",
    "ideology.risk-analysis", "ideology.party-bulletin", "ideology.in-life-meeting",
    "ideology.in-duty-report", "branch.general-meeting", "branch.committee-meeting",
    "branch.committee-quorum", "branch.cell-meeting", "branch.party-lesson", "branch.theme-day",
    "branch.org-life-meeting", "branch.member-evaluation", "branch.heart-to-heart",
    "study.central-group", "study.central-group-days", "study.attendance",
    "records.minutes-complete", "records.first-agenda",
}


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_packs_hold_the_public_rule_ids() -> None:
    rs = load_ruleset()
    assert PUBLIC_IDS <= {r.id for r in rs.rules}
    for r in rs.rules:
        assert r.source.document, r.id
        assert r.title and r.description, r.id


def test_shipped_rules_use_vocabulary_ids() -> None:
    rs = load_ruleset()
    theme = rs.get("branch.theme-day").requirement
    assert isinstance(theme, Count) and theme.match.kinds == ("theme_day",) and theme.per == "month"
    report = rs.get("ideology.report-to-superior").requirement
    assert isinstance(report, Deadline) and report.due == ("06-20", "12-20")


def test_override_disable_and_add_in_a_unit_folder(tmp_path: Path) -> None:
    unit = tmp_path / "unit"
    write(unit, "local.yaml", """
override:
  branch.party-lesson:
    requirement: {min: 2}
    severity: advisory
disable: [ideology.joint-meeting]
rules:
  - id: local.publicity
    title: 宣传信息报送
    source: {document: 县委宣传部通知, level: local}
    requirement: {type: total, per: half, field: quantity, min: 20, unit: 篇, match: {kinds: [宣传信息]}}
""")
    rs = load_ruleset([unit])
    lesson = rs.get("branch.party-lesson")
    assert isinstance(lesson.requirement, Count)
    assert lesson.requirement.min == 2 and lesson.requirement.per == "quarter"
    assert lesson.severity == "advisory"
    assert not rs.get("ideology.joint-meeting").enabled
    assert "ideology.joint-meeting" not in {r.id for r in rs.active}
    assert rs.get("local.publicity").pack == "local"
    assert ("local", "本单位要求") in rs.packs
    origins = rs.origins["branch.party-lesson"]
    assert origins["requirement.min"].endswith("local.yaml:4")
    assert "02-branch.yaml" in origins["requirement.per"]
    # the shipped file is untouched by tailoring
    assert load_ruleset().get("branch.party-lesson").requirement.min == 1  # type: ignore[union-attr]


def test_choosing_packs(tmp_path: Path) -> None:
    rs = load_ruleset(packs=["ideology"])
    assert {r.pack for r in rs.rules} == {"ideology"}
    unit = tmp_path / "u"
    write(unit, "t.yaml", "packs: [branch, study]\n")
    assert {r.pack for r in load_ruleset([unit]).rules} == {"branch", "study"}


def test_a_unit_pack_file_adds_a_pack(tmp_path: Path) -> None:
    unit = tmp_path / "u"
    write(unit, "extra.yaml", """
pack: county
title: 县直机关工委要求
rules:
  - id: county.bulletin
    title: 季度通报
    source: {document: 工委通知, level: local}
    requirement: {type: count, per: quarter, min: 1, match: {kinds: [党内通报]}}
""")
    rs = load_ruleset([unit])
    assert rs.get("county.bulletin").pack == "county"


@pytest.mark.parametrize(
    "text,phrases",
    [
        ("override:\n  branch.theme-day:\n    requirement: {min: many}\n",
         ["local.yaml 第3行", "branch.theme-day", "requirement.min", "应为整数"]),
        ("override:\n  branch.theme-day:\n    requirement: {per: week}\n",
         ["第3行", "requirement.per", "不在允许范围内"]),
        ("override:\n  branch.nope:\n    title: x\n", ["第2行", "branch.nope", "不存在"]),
        ("disable: [branch.nope]\n", ["第1行", "branch.nope", "不存在"]),
        ("rules:\n  - id: x.y\n    title: t\n    source: {document: d}\n    requirement: {type: count, per: month, match: {kinds: [座谈会]}}\n",
         ["第5行", "x.y", "座谈会"]),
        ("rules:\n  - id: x.y\n    title: t\n    requirement: {type: count, per: month}\n",
         ["x.y", "source"]),
        ("rules:\n  - id: x.y\n    title: t\n    source: {document: d}\n    colour: red\n    requirement: {type: count, per: month}\n",
         ["x.y", "colour", "不认识的字段"]),
        ("rules:\n  - id: branch.theme-day\n    title: t\n", ["第2行", "branch.theme-day", "已在", "override"]),
        ("override:\n  branch.theme-day:\n    requirement: {min: 1\n", ["第3—4行", "YAML 格式错误"]),
        ("rules:\n  - id: x.y\n    title: t\n    source: {document: d}\n    requirement: {type: weekly, per: month}\n",
         ["x.y", "requirement.type", "count、total、deadline、each_record"]),
        ("colour: red\n", ["第1行", "colour", "packs、disable、override、rules"]),
    ],
)
def test_broken_rule_files_say_file_line_rule_and_field(
    tmp_path: Path, text: str, phrases: list[str]
) -> None:
    unit = tmp_path / "unit"
    write(unit, "local.yaml", text)
    with pytest.raises(RuleFileError) as err:
        load_ruleset([unit])
    msg = err.value.msg
    assert "local.yaml" in msg
    for phrase in phrases:
        assert phrase in msg, msg
    assert "\n" not in msg and "Traceback" not in msg


def test_missing_rules_folder(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="不存在"):
        load_ruleset([tmp_path / "nowhere"])
