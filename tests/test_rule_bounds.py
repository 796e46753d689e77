"""Hostile rule files (issue 15): each is a located message at load time, exit 2, never a hang or traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli.main import run
from auditor.errors import RuleFileError
from auditor.rulebook.loader import load_ruleset

RULE = """pack: unit
title: 本单位
rules:
  - id: {id}
    title: 主题党日
    source: {{document: 本单位细则}}
    deduction: {{per_missing: {per_missing}}}
    requirement:
      type: {type}
      per: {per}
      {extra}
      match: {{kinds: [主题党日]}}
"""


def pack(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "unit.yaml").write_text(text, encoding="utf-8")
    return folder


def rule(id: str = "unit.theme-day", per_missing: str = "1", type: str = "count", per: str = "month",
         extra: str = "min: 1") -> str:
    return RULE.format(id=id, per_missing=per_missing, type=type, per=per, extra=extra)


def refused(tmp_path: Path, text: str, located: bool = True) -> str:
    folder = pack(tmp_path, text)
    with pytest.raises(RuleFileError) as info:
        load_ruleset([folder])
    msg = info.value.msg
    assert str(folder / "unit.yaml") in msg and ("行" in msg or not located), msg
    return msg


def test_a_valid_unit_rule_loads(tmp_path: Path) -> None:
    rs = load_ruleset([pack(tmp_path, rule())])
    assert rs.get("unit.theme-day").requirement.min == 1  # type: ignore[union-attr]


def test_billion_laughs_is_refused_at_the_first_alias(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    text = rule(extra="min: 1").replace("match: {kinds: [主题党日]}", "match: {kinds: [主题党日], topics: *a8}")
    msg = refused(tmp_path, "\n".join(lines) + "\n" + text)
    assert "第2行" in msg and "别名" in msg


def test_deep_brackets_are_refused_with_a_line(tmp_path: Path) -> None:
    msg = refused(tmp_path, "pack: unit\ntitle: x\nrules: " + "[" * 5000 + "]" * 5000 + "\n")
    assert "第3行" in msg and "嵌套太深" in msg


def test_huge_numbers_nan_and_inf_are_refused_at_the_yaml_line(tmp_path: Path) -> None:
    msg = refused(tmp_path, rule(extra="min: " + "9" * 29))
    assert "第11行" in msg and "太大" in msg
    for value in (".nan", ".inf", "-.inf"):
        assert "第7行" in refused(tmp_path, rule(per_missing=value))


@pytest.mark.parametrize(("kw", "words"), [
    ({"extra": "min: -3"}, "不小于 0"),
    ({"per_missing": "-1000"}, "不小于 0"),
    ({"extra": "min: 200000"}, "不大于 100000"),
])
def test_negative_and_absurd_amounts_are_refused(tmp_path: Path, kw: dict[str, str], words: str) -> None:
    msg = refused(tmp_path, rule(**kw))
    assert words in msg and "unit.theme-day" in msg


@pytest.mark.parametrize("bad_id", ["x" * 100_000, "../../etc/passwd", "规则一", "a/b"])
def test_absurd_ids_are_refused_briefly(tmp_path: Path, bad_id: str) -> None:
    msg = refused(tmp_path, rule(id=f'"{bad_id}"'))
    assert "第4行" in msg and "规则 id" in msg and len(msg) < 400


def test_a_bare_string_rule_names_its_line(tmp_path: Path) -> None:
    msg = refused(tmp_path, "pack: unit\ntitle: x\nrules:\n  - unit.theme-day\n")
    assert "第4行" in msg and "字段映射" in msg


def test_python_tags_are_named_not_called_indentation(tmp_path: Path) -> None:
    msg = refused(tmp_path, "pack: unit\ntitle: x\nrules:\n  - !!python/object:os.system {}\n")
    assert "第4行" in msg and "!!python/object" in msg and "缩进" not in msg


def test_a_huge_file_is_refused_unread(tmp_path: Path) -> None:
    msg = refused(tmp_path, "# " + "x" * 1_100_000 + "\npack: unit\n", located=False)
    assert "超过规则文件的上限" in msg


@pytest.mark.parametrize("due", ['["02-30", "13-01"]', '["02-29"]', '["7月10日"]'])
def test_impossible_due_dates_fail_rules_validate(tmp_path: Path, due: str) -> None:
    folder = pack(tmp_path, rule(type="deadline", per="half", extra=f"due: {due}"))
    code = 0
    with CliRunner().isolation() as (_, err, _):
        try:
            run(["--db", str(tmp_path / "a.json"), "rules", "validate", str(folder)])
        except SystemExit as e:
            code = int(e.code or 0)
    text = err.getvalue().decode("utf-8")
    assert code == 2 and "requirement.due" in text and "第11行" in text, text
