"""Chinese working days: statutory holidays and adjusted workdays (调休), with a fallback.

The data comes from chinesecalendar (LKI/chinese-calendar), which ships each year's
State Council notice. A year it does not cover yet (the package is usually updated
in November for the next year) falls back to Monday-Friday and is remembered in
``uncovered_years`` so a face can print one warning per run instead of crashing.

The package's own ``is_workday`` re-derives the covered range on every call; the
reminders count days over whole windows, so the lookup here reads the package's
published ``holidays``/``workdays`` tables directly with the same rule.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar

_WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_ONE_DAY = dt.timedelta(days=1)


class WorkdayCalendar:
    """Working days in mainland China, one instance per run (it collects warnings)."""

    def __init__(self) -> None:
        years = [d.year for d in chinese_calendar.holidays]
        self.first_year = min(years)
        self.last_year = max(years)
        self.uncovered_years: set[int] = set()
        """Years asked about that the holiday data does not cover (Monday-Friday used)."""

    def covers(self, day: dt.date) -> bool:
        return self.first_year <= day.year <= self.last_year

    def is_workday(self, day: dt.date) -> bool:
        if not self.covers(day):
            self.uncovered_years.add(day.year)
            return day.weekday() < 5
        if day in chinese_calendar.workdays:
            return True
        return day.weekday() < 5 and day not in chinese_calendar.holidays

    def count(self, start: dt.date, end: dt.date) -> int:
        """Working days from start to end, both included (0 when end < start)."""
        n = 0
        day = start
        while day <= end:
            n += self.is_workday(day)
            day += _ONE_DAY
        return n

    def workday_before(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day before ``day`` (n >= 1), for alarms ahead of a due date."""
        found = 0
        while found < n:
            day -= _ONE_DAY
            found += self.is_workday(day)
        return day

    def rest_day_name(self, day: dt.date) -> str:
        """Why a day is off, in Chinese (国庆节假期, 星期六); empty for a working day."""
        if self.is_workday(day):
            return ""
        holiday = chinese_calendar.holidays.get(day) if self.covers(day) else None
        if holiday is not None:
            return f"{_holiday_zh(holiday)}假期"
        return _WEEKDAYS_ZH[day.weekday()]

    def warning(self) -> str:
        """One Chinese line about uncovered years, or empty when every year was covered."""
        if not self.uncovered_years:
            return ""
        years = "、".join(f"{y}年" for y in sorted(self.uncovered_years))
        return (
            f"提示：节假日数据（chinesecalendar）只覆盖{self.first_year}—{self.last_year}年，"
            f"{years}按周一至周五计算工作日，未计法定节假日和调休；请升级 chinesecalendar。"
        )


def _holiday_zh(value: object) -> str:
    # The tables hold the English name (Holiday.value); the enum knows the Chinese one.
    for h in chinese_calendar.Holiday:
        if h.value == value or h is value:
            return str(h.chinese)
    return str(value)
