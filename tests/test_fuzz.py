"""Property tests over CSV rows, rule files and the database file (issue 15).

Whatever the input, the outcome is exit 0 with the data stored as given, or exit 2 with a
Chinese sentence and nothing stored: never a traceback, never an internal error. Calls
are in-process (no subprocess per example); examples are bounded and derandomised, so CI
runs the same short set every time. The generous deadline only turns a hang into a
failure: it is 1,000 times what an example takes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from helpers import cli_text as cli
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from auditor.errors import RuleFileError
from auditor.limits import clean_text
from auditor.rulebook.loader import load_ruleset
from auditor.store.store import Store

FUZZ = settings(max_examples=40, derandomize=True, database=None, deadline=dt.timedelta(seconds=20),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
CHINESE = re.compile(r"[\u4e00-\u9fff]")
HEADERS = ["日期", "类型", "主题", "应到人数", "实到人数", "时间", "内容摘要"]


@contextmanager
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)




def refused_cleanly(code: int, out: str) -> bool:
    return code == 2 and CHINESE.search(out) is not None and "Traceback" not in out and "内部出错" not in out


# -- CSV rows -------------------------------------------------------------------------------

any_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
cells = {
    "日期": st.one_of(st.dates(dt.date(1900, 1, 1), dt.date(2200, 1, 1)).map(str), any_text),
    "类型": st.one_of(st.sampled_from(["主题党日", "支部委员会会议", "党课", "学习"]), any_text),
    "主题": st.one_of(st.sampled_from(["学习全会精神", "=1+1", "a,b", '带"引号"']), any_text),
    "应到人数": st.one_of(st.integers(-5, 200_000).map(str), any_text),
    "实到人数": st.one_of(st.integers(0, 20).map(str), st.just("")),
    "时间": st.one_of(st.sampled_from(["", "14:30-16:00", "25:00", "9:00"]), any_text),
    "内容摘要": any_text,
}
rows = st.lists(st.fixed_dictionaries(cells), min_size=1, max_size=4)


@FUZZ
@given(rows=rows)
def test_csv_import_stores_rows_as_given_or_nothing(rows: list[dict[str, str]]) -> None:
    with folder() as tmp:
        db, src = tmp / "auditor.json", tmp / "in.csv"
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(HEADERS)
        writer.writerows([[row[h] for h in HEADERS] for row in rows])
        src.write_text(buf.getvalue(), encoding="utf-8-sig")
        code, out = cli(db, "import", str(src), "--allow-duplicates")
        event(f"exit {code}")
        if code == 0:
            stored = Store(db).records()
            assert len(stored) == len(rows), out
            assert sorted(r.title for r in stored) == sorted(clean_text(row["主题"], "主题") for row in rows)
        else:
            assert refused_cleanly(code, out), out
            assert not db.exists() or Store(db).records() == []


# -- rule files -----------------------------------------------------------------------------

RULE = """pack: unit
title: 本单位
rules:
  - id: {id}
    title: {title}
    source: {{document: 本单位细则}}
    deduction: {{per_missing: {points}}}
    requirement:
      type: {type}
      per: {per}
      {extra}
      match: {{kinds: [{kind}]}}
"""
scalar = st.one_of(st.integers(-10**30, 10**30).map(str), st.floats().map(str),
                   st.sampled_from([".nan", ".inf", "~", "[", "{", "&a", "*a", "!!python/object:os.system {}",
                                    "'unclosed", '"x"', "- a", "|", "02-30", "13-01"]),
                   any_text.map(json.dumps))
rule_text = st.builds(
    RULE.format, id=st.one_of(st.just("unit.x"), scalar), title=st.one_of(st.just("主题党日"), scalar),
    points=scalar, type=st.sampled_from(["count", "deadline", "total", "bogus"]),
    per=st.sampled_from(["month", "quarter", "half", "year", "week"]),
    extra=st.one_of(scalar.map("min: {}".format), scalar.map("due: [{}]".format)),
    kind=st.one_of(st.just("主题党日"), scalar),
)


@FUZZ
@given(text=st.one_of(rule_text, any_text, st.binary(max_size=200).map(lambda b: b.decode("latin-1"))))
def test_rule_files_load_or_say_where_they_are_wrong(text: str) -> None:
    with folder() as tmp:
        rules = tmp / "rules"
        rules.mkdir()
        (rules / "unit.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            load_ruleset([rules])
            event("loaded")
        except RuleFileError as e:
            event("refused")
            assert CHINESE.search(e.msg) and "unit.yaml" in e.msg, e.msg


# -- the database file ----------------------------------------------------------------------

json_value = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                                    any_text), lambda inner: st.lists(inner, max_size=3)
                          | st.dictionaries(any_text, inner, max_size=3), max_leaves=8)


def _damage(good: bytes, how: str, at: float, value: object, key: str) -> bytes:
    cut = int(len(good) * at)
    if how == "truncate":
        return good[:cut]
    if how == "flip":
        return good[:cut] + bytes([good[cut] ^ 0x5A]) + good[cut + 1:] if cut < len(good) else good
    data = json.loads(good)
    table = data.setdefault(key, {})
    if how == "replace_table":
        data[key] = value
    elif isinstance(table, dict) and table:
        table[sorted(table)[0]] = value
    else:
        data[key] = {"1": value}
    return json.dumps(data, ensure_ascii=False).encode()


@FUZZ
@given(how=st.sampled_from(["truncate", "flip", "replace_table", "replace_doc"]), at=st.floats(0, 1),
       value=json_value, key=st.sampled_from(["meta", "records", "history", "trash", "waivers", "members"]))
def test_a_damaged_database_is_used_or_refused_untouched(how: str, at: float, value: object, key: str) -> None:
    with folder() as tmp:
        db = tmp / "auditor.json"
        Store(db).add_many([{"date": "2026-03-05", "kind": "theme_day", "title": t} for t in ("一", "二")])
        bad = _damage(db.read_bytes(), how, at, value, key)
        db.write_bytes(bad)
        code, out = cli(db, "add", "--date", "2026-03-06", "--kind", "主题党日", "--title", "三")
        event(f"add exit {code}")
        if code == 0:
            titles = [r.title for r in Store(db).records()]
            assert titles[-1] == "三", out
        else:
            assert refused_cleanly(code, out), out
            assert db.read_bytes() == bad
        code, out = cli(db, "list")
        assert code == 0 or refused_cleanly(code, out), out
