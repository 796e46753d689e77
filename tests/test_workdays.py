"""Chinese working days: holidays, adjusted workdays (调休), and years beyond the data."""

from __future__ import annotations

import datetime as dt

import pytest

from auditor.remind.workdays import WorkdayCalendar

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
