"""Bounds and control characters at input (issue 15): the field spec refuses them for every face."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from helpers import cli_text as cli

from auditor.errors import FieldError
from auditor.forms import RECORD, Parse
from auditor.rulebook.loader import RuleSet
from auditor.store.store import Store

TODAY = dt.date(2026, 11, 22)
GOOD = {"date": "2026-03-05", "kind": "主题党日", "title": "学习"}




@pytest.fixture
def p(shipped_rules: RuleSet) -> Parse:
    return Parse(TODAY, shipped_rules.vocabulary)


@pytest.mark.parametrize(("field", "value", "words"), [
    ("date", "0001-03-05", "1949年至2100年"),
    ("date", "9999-12-31", "1949年至2100年"),
    ("date", "1948-12-31", "1949年至2100年"),
    ("expected", "9" * 40, "不能超过 100,000"),
    ("expected", "100001", "不能超过 100,000"),
    ("title", "长" * 100_000, "超过上限 200 个"),
    ("summary", "长" * 10_001, "超过上限 10000 个"),
    ("title", "学习\x00资料", "U+0000"),
    ("title", "学习\x07", "U+0007"),
    ("host", "\x1b[31m张三", "U+001B"),
    ("title", "学习\u202e料资", "U+202E"),
    ("attendees", "张三；李\x7f四", "U+007F"),
    ("duration_days", "nan", "不是有效的数字"),
    ("duration_days", "inf", "不是有效的数字"),
    ("duration_days", "-1", "不能是负数"),
    ("quantity", "1e9", "不能超过"),
    ("time", "25:00-99:99", "不是有效的时刻"),
    ("time", "16:00-14:30", "结束时刻不晚于开始时刻"),
    ("time", "下午", "格式不对"),
])
def test_out_of_bounds_values_are_refused_naming_the_field(p: Parse, field: str, value: str, words: str) -> None:
    with pytest.raises(FieldError) as info:
        RECORD.parse({**GOOD, field: value}, p)
    assert info.value.field == field and words in info.value.msg, info.value.msg
    assert field in RECORD.errors({**GOOD, field: value}, p)  # the TUI form's path


@pytest.mark.parametrize(("field", "value", "stored"), [
    ("title", "学习\r\n全会\t精神", "学习 全会 精神"),
    ("title", "\ufeff学\u200b习", "学习"),
    ("summary", "第一段\r\n第二段", "第一段\n第二段"),
    ("time", "14：30至16：00", "14:30-16:00"),
    ("expected", "100000", 100_000),
    ("date", "1949-10-01", "1949-10-01"),
])
def test_harmless_characters_are_normalised_and_bounds_are_inclusive(p: Parse, field: str, value: str,
                                                                    stored: object) -> None:
    assert RECORD.parse({**GOOD, field: value}, p)[field] == stored


def test_the_cli_refuses_what_the_form_refuses(tmp_path: Path) -> None:
    db = tmp_path / "a.json"
    base = ("add", "--date", "2026-03-05", "--kind", "主题党日", "--title", "学习")
    for extra in (("--duration-days", "inf"), ("--time", "25:00-99:99"), ("--title", "a\x1bb")):
        code, out = cli(db, *base, *extra)
        assert code == 2 and "Traceback" not in out, out
    assert not db.exists()
    code, out = cli(db, "check", "--as-of", "9999-12-31")
    assert code == 2 and "1949年至2100年" in out


def test_a_csv_row_beyond_the_bounds_stores_nothing_and_names_row_and_field(tmp_path: Path) -> None:
    db, csv = tmp_path / "a.json", tmp_path / "x.csv"
    csv.write_text("日期,类型,主题,应到人数\n2026-03-05,主题党日,好,10\n0001-03-05,主题党日,学\x1b习," + "9" * 40 + "\n",
                   encoding="utf-8")
    code, out = cli(db, "import", str(csv))
    assert code == 2 and "第3行“日期”" in out and "第3行“主题”" in out and "第3行“应到人数”" in out, out
    assert not db.exists() or Store(db).records() == []


def test_an_unclosed_quote_is_refused_with_its_line(tmp_path: Path) -> None:
    db, csv = tmp_path / "a.json", tmp_path / "x.csv"
    csv.write_text('日期,类型,主题,应到人数\n2026-03-05,主题党日,"unclosed,10,9\n2026-03-06,主题党日,学习,10\n',
                   encoding="utf-8")
    code, out = cli(db, "import", str(csv))
    assert code == 2 and "第2行的引号没有配对" in out, out


def test_a_json_import_is_held_to_the_same_bounds(tmp_path: Path) -> None:
    db, src = tmp_path / "a.json", tmp_path / "x.json"
    record = {"id": "R00001", "date": "9999-01-01", "kind": "theme_day", "title": "学\x00习"}
    src.write_text(json.dumps({"records": [record]}), encoding="utf-8")
    code, out = cli(db, "import", str(src))
    assert code == 2 and "1949年至2100年" in out, out
    src.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, out = cli(db, "import", str(src))
    assert code == 2 and "嵌套" in out, out


def test_a_printed_list_is_capped_with_failing_items_first() -> None:
    from auditor.limits import capped

    items = list(range(1000))
    shown, left_out = capped(items, keep=lambda i: i % 100 == 99, limit=50)
    assert len(shown) == 50 and left_out == 950 and shown == sorted(shown)
    assert all(i in shown for i in range(99, 1000, 100))
    assert capped(items[:10], keep=lambda i: False, limit=50) == (items[:10], 0)
    many_failing, left_out = capped(items, keep=lambda i: i % 2 == 0, limit=50)
    assert many_failing == list(range(0, 100, 2)) and left_out == 950  # failing ones first, still capped


@pytest.mark.parametrize(("text", "words"), [
    ("日期,类型,主题,日期\n2026-03-05,主题党日,学习,2026-03-06\n", "都是日期"),  # the second no longer wins
    ("日期,类型,主题\n2026-03-05,主题党日,学习,多余,10\n", "没有列名"),  # extra cells are not dropped
])
def test_duplicated_headers_and_extra_cells_are_refused(tmp_path: Path, text: str, words: str) -> None:
    db, csv = tmp_path / "a.json", tmp_path / "x.csv"
    csv.write_text(text, encoding="utf-8")
    code, out = cli(db, "import", str(csv))
    assert code == 2 and words in out, out
    assert not db.exists() or Store(db).records() == []
