"""Attribution (所属期间): each record counts for exactly one window per rule, shown on add and import."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from helpers import cli, rec

from auditor.engine.attribution import LATE_WARNING, Attribution, attribute, late_warning, period_in_title
from auditor.periods import parse_period
from auditor.store.store import Store


@pytest.mark.parametrize(("title", "period"), [
    ("2026年上半年意识形态工作报告", "2026H1"),
    ("关于2026年下半年意识形态工作情况的报告", "2026H2"),
    ("局党组2025年度民主生活会", "2025"),
    ("2026年全年工作总结", "2026"),
    ("2026年第三季度意识形态形势分析", "2026Q3"),
    ("2026年三季度研判", "2026Q3"),
    ("2026年第3季度研判", "2026Q3"),
    ("2026年9月主题党日", "2026-09"),
    ("2026年12月支委会", "2026-12"),
    ("二〇二六年上半年意识形态工作报告", "2026H1"),
    ("二〇二五年度组织生活会", "2025"),
    ("二〇二六年九月主题党日", "2026-09"),
    ("二〇二六年十一月支委会", "2026-11"),
])
def test_a_period_named_in_the_title(title: str, period: str) -> None:
    found = period_in_title(title)
    assert found is not None and found.id == period


@pytest.mark.parametrize("title", [
    "学习贯彻党的二十届四中全会精神", "2026年意识形态工作要点", "学习2026年全国两会精神", "第三季度党课",
])
def test_a_title_without_a_full_period_names_none(title: str) -> None:
    # "2026年" alone names no period: "学习贯彻2025年中央经济工作会议精神" is not 2025's record
    assert period_in_title(title) is None


def test_covers_before_title_before_date() -> None:
    r = rec("2026-07-03", "ideology_report", "2026年上半年意识形态工作报告", covers="2026H2")
    assert attribute(r) == Attribution(parse_period("2026H2"), "covers")
    r = rec("2026-07-03", "ideology_report", "2026年上半年意识形态工作报告")
    assert attribute(r) == Attribution(parse_period("2026H1"), "title")
    assert attribute(rec("2026-07-03", "ideology_report", "意识形态工作报告")).basis == "date"


def test_one_window_per_granularity() -> None:
    h1 = Attribution(parse_period("2026H1"), "title")
    assert h1.window(dt.date(2026, 7, 3), "half").id == "2026H1"
    assert h1.window(dt.date(2026, 7, 3), "year").id == "2026"
    # a coarser period under a finer rule: the date's window when inside, else the period's last
    year = Attribution(parse_period("2026"), "title")
    assert year.window(dt.date(2026, 3, 5), "month").id == "2026-03"
    assert year.window(dt.date(2027, 1, 12), "half").id == "2026H2"
    assert year.window(dt.date(2025, 12, 28), "quarter").id == "2026Q1"
    assert Attribution(None, "date").window(dt.date(2026, 7, 3), "half").id == "2026H2"


def test_late_kinds_early_in_a_period_are_warned_about() -> None:
    assert late_warning(dt.date(2026, 7, 3), "half", "date") == LATE_WARNING
    assert late_warning(dt.date(2026, 8, 31), "half", "date") == LATE_WARNING
    assert late_warning(dt.date(2026, 9, 1), "half", "date") == ""
    assert late_warning(dt.date(2027, 1, 12), "year", "date") == LATE_WARNING
    assert late_warning(dt.date(2026, 7, 3), "year", "date") == ""
    assert late_warning(dt.date(2026, 7, 3), "half", "title") == ""  # it names its period
    assert late_warning(dt.date(2026, 7, 3), "", "date") == ""  # not a late kind


def test_add_shows_and_stores_the_period_read_from_the_title(tmp_path: Path) -> None:
    db = tmp_path / "a.json"
    code, out, err = cli(db, "add", "--date", "2026-07-03", "--kind", "意识形态工作报告",
                         "--title", "2026年上半年意识形态工作报告")
    assert code == 0, err
    rid = out.strip()
    assert "所属期间：2026年上半年（据标题推断" in err
    assert Store(db).record(rid).covers == "2026H1"
    code, out, err = cli(db, "add", "--date", "2026-07-10", "--kind", "意识形态工作报告", "--title", "意识形态工作报告")
    assert code == 0 and f"所属期间：按日期计入；{LATE_WARNING}" in err
    assert Store(db).record(out.strip()).covers == ""
    code, _, err = cli(db, "edit", out.strip(), "--covers", "2026H1")
    assert code == 0 and "所属期间：2026年上半年" in err


def test_import_dry_run_shows_the_periods(tmp_path: Path) -> None:
    db = tmp_path / "a.json"
    src = tmp_path / "in.csv"
    src.write_text("日期,类型,主题\n2026-07-03,意识形态工作报告,2026年上半年意识形态工作报告\n"
                   "2027-01-12,民主评议党员,民主评议党员大会\n", encoding="utf-8")
    code, out, err = cli(db, "import", str(src), "--dry-run")
    assert code == 0, err
    assert "2026年上半年意识形态工作报告　所属期间：2026年上半年（据标题推断" in out
    assert f"民主评议党员大会　所属期间：按日期计入；{LATE_WARNING}" in out
    assert cli(db, "import", str(src))[0] == 0
    assert [r.covers for r in Store(db).records()] == ["2026H1", ""]


def test_check_json_windows_list_exactly_the_records_attributed_to_them(tmp_path: Path) -> None:
    db = tmp_path / "a.json"
    for date, title in [("2026-07-03", "2026年上半年意识形态工作报告"), ("2026-12-15", "意识形态工作报告"),
                        ("2026-02-10", "2025年下半年意识形态工作报告")]:
        assert cli(db, "add", "--date", date, "--kind", "意识形态工作报告", "--title", title)[0] == 0
    ids = [r.id for r in Store(db).records()]
    code, out, _ = cli(db, "check", "--period", "2026", "--as-of", "2027-01-05", "--json")
    result = next(r for r in json.loads(out)["results"] if r["rule"] == "ideology.report-to-superior")
    h1, h2 = result["windows"]
    assert (h1["status"], h1["evidence"]) == ("late", [ids[0]])  # 逾期报送, not the second half's
    assert (h2["status"], h2["evidence"]) == ("met", [ids[1]])
    assert ids[2] not in result["evidence"]  # 2025H2's report is not 2026's
