"""Chinese working days: holidays, adjusted workdays (调休), and years beyond the data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import msgspec
import pytest

from auditor.errors import RuleFileError
from auditor.remind.workdays import WorkdayCalendar
from auditor.rulebook.holidays import HolidayYear
from auditor.rulebook.loader import load_ruleset

D = dt.date


@pytest.fixture
def cal() -> WorkdayCalendar:
    return WorkdayCalendar()


def test_statutory_holiday_and_adjusted_saturday(cal: WorkdayCalendar) -> None:
    # 2026 National Day: 10-01..10-07 off; Saturday 10-10 is worked in exchange.
    assert not cal.is_workday(D(2026, 10, 1))
    assert not cal.is_workday(D(2026, 10, 7))
    assert cal.is_workday(D(2026, 10, 8))
    assert cal.is_workday(D(2026, 10, 10))
    assert not cal.is_workday(D(2026, 10, 11))  # an ordinary Sunday
    assert cal.uncovered_years == set()


def test_count_over_the_national_day_fortnight(cal: WorkdayCalendar) -> None:
    # 09-28..09-30 (Mon-Wed) + 10-08, 10-09 + Saturday 10-10; the seven days off count nothing.
    assert cal.count(D(2026, 9, 28), D(2026, 10, 11)) == 6
    assert cal.count(D(2026, 10, 1), D(2026, 10, 7)) == 0
    assert cal.count(D(2026, 10, 9), D(2026, 10, 8)) == 0


def test_workday_before_skips_the_holiday(cal: WorkdayCalendar) -> None:
    assert cal.workday_before(D(2026, 10, 8), 1) == D(2026, 9, 30)
    assert cal.workday_before(D(2026, 11, 30), 1) == D(2026, 11, 27)  # Monday -> previous Friday


def test_rest_day_names(cal: WorkdayCalendar) -> None:
    assert cal.rest_day_name(D(2026, 10, 1)) == "国庆节假期"
    assert cal.rest_day_name(D(2026, 6, 20)) == "端午假期"
    assert cal.rest_day_name(D(2026, 12, 20)) == "星期日"
    assert cal.rest_day_name(D(2026, 2, 28)) == ""  # Saturday worked for the Spring Festival


def test_year_beyond_the_data_falls_back_to_monday_to_friday(cal: WorkdayCalendar) -> None:
    assert cal.last_year == 2026  # chinesecalendar 1.11 covers 2004-2026
    assert cal.warning() == ""
    # 2027-01-01 is a Friday: without data it counts as a working day, and no crash.
    assert cal.is_workday(D(2027, 1, 1))
    assert not cal.is_workday(D(2027, 1, 2))
    assert cal.count(D(2026, 12, 28), D(2027, 1, 8)) == 4 + 6  # 12-28..31 known; 2027: 01-01 and 01-04..08, Mon-Fri
    assert cal.uncovered_years == {2027}
    warning = cal.warning()
    assert "2027年" in warning and "周一至周五" in warning and "\n" not in warning


def test_year_before_the_data_falls_back_too(cal: WorkdayCalendar) -> None:
    assert cal.is_workday(D(2003, 12, 31))  # a Wednesday
    assert cal.rest_day_name(D(2003, 12, 27)) == "星期六"
    assert cal.uncovered_years == {2003}


def _year_2031() -> HolidayYear:
    """A made-up year no package covers (dates invented for the test, not an official notice)."""
    return msgspec.convert({"year": 2031, "notice": "测试用的虚构安排",
                            "days_off": [{"name": "国庆节", "from": "2031-10-01", "to": "2031-10-07"}],
                            "workdays": ["2031-09-28"]}, HolidayYear)


def test_a_holiday_file_covers_a_year_the_package_does_not() -> None:
    plain = WorkdayCalendar()
    assert plain.is_workday(D(2031, 10, 1)) and plain.uncovered_years == {2031}
    assert "没有2031年的法定节假日安排数据" in plain.warning() and "holidays.yaml" in plain.warning()
    assert "《国务院办公厅关于2031年部分节假日安排的通知》" in plain.warning()
    cal = WorkdayCalendar([_year_2031()])
    assert not cal.is_workday(D(2031, 10, 1)) and not cal.is_workday(D(2031, 10, 7))
    assert cal.is_workday(D(2031, 9, 28))  # a Sunday worked in exchange
    assert cal.rest_day_name(D(2031, 10, 2)) == "国庆节假期"
    assert cal.uncovered_years == set() and cal.warning() == ""


def test_the_shipped_file_agrees_with_the_package_for_2025_and_2026() -> None:
    shipped = load_ruleset().holidays
    assert [y.year for y in shipped] == [2025, 2026]
    from_file, package = WorkdayCalendar(shipped), WorkdayCalendar()
    day = D(2025, 1, 1)
    while day <= D(2026, 12, 31):
        assert from_file.is_workday(day) == package.is_workday(day), day
        day += dt.timedelta(days=1)


def test_a_units_file_is_read_with_the_rules_and_checked(tmp_path: Path) -> None:
    unit = tmp_path / "rules"
    unit.mkdir()
    (unit / "holidays.yaml").write_text(
        "holidays:\n  - year: 2031\n    days_off:\n      - {name: 元旦, from: 2031-01-01, to: 2031-01-01}\n"
        "    workdays: [2031-01-04]\n", encoding="utf-8")
    rs = load_ruleset([unit])
    assert [y.year for y in rs.holidays] == [2025, 2026, 2031]
    assert not WorkdayCalendar(rs.holidays).is_workday(D(2031, 1, 1))
    (unit / "holidays.yaml").write_text(
        "holidays:\n  - year: 2031\n    workdays: [2031-01-06]\n", encoding="utf-8")  # a Monday
    with pytest.raises(RuleFileError, match="不是周六或周日"):
        load_ruleset([unit])
