"""Chinese working days: statutory holidays and adjusted workdays (调休), with a fallback.

A year comes, in order, from the holiday files in the rule folders (rules/holidays.yaml
and a unit's own, copied from 《国务院办公厅关于YYYY年部分节假日安排的通知》; see
auditor.rulebook.holidays), then from chinesecalendar (LKI/chinese-calendar), which
ships each year's notice some time after it is published. A year neither covers falls
back to Monday-Friday and is remembered in ``uncovered_years``, so a face prints one
warning naming the year and the file to fill in, instead of crashing.

The package's own ``is_workday`` re-derives the covered range on every call; the
reminders count days over whole windows, so the lookup here reads the package's
published ``holidays``/``workdays`` tables directly with the same rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import chinese_calendar

from auditor.rulebook.holidays import HOLIDAY_FILE, HolidayYear

_WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_ONE_DAY = dt.timedelta(days=1)


class WorkdayCalendar:
    """Working days in mainland China, one instance per run (it collects warnings)."""

    def __init__(self, schedules: Sequence[HolidayYear] = ()) -> None:
        years = [d.year for d in chinese_calendar.holidays]
        self.first_year = min(years)
        self.last_year = max(years)
        self.file_years = {y.year for y in schedules}
        """Years the holiday files give; they are used before the package."""
        self._off: dict[dt.date, str] = {}
        self._worked: set[dt.date] = set()
        for y in schedules:
            self._worked.update(y.workdays)
            for span in y.days_off:
                self._off.update((day, span.name) for day in span.days())
        self.uncovered_years: set[int] = set()
        """Years asked about that no holiday data covers (Monday-Friday used)."""

    def covers(self, day: dt.date) -> bool:
        return day.year in self.file_years or self.first_year <= day.year <= self.last_year

    def is_workday(self, day: dt.date) -> bool:
        if day.year in self.file_years:
            return day in self._worked or (day.weekday() < 5 and day not in self._off)
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
        if day.year in self.file_years:
            name = self._off.get(day)
            return f"{name}假期" if name else _WEEKDAYS_ZH[day.weekday()]
        holiday = chinese_calendar.holidays.get(day) if self.covers(day) else None
        if holiday is not None:
            return f"{_holiday_zh(holiday)}假期"
        return _WEEKDAYS_ZH[day.weekday()]

    def warning(self) -> str:
        """One Chinese line about uncovered years, or empty when every year was covered."""
        if not self.uncovered_years:
            return ""
        years = sorted(self.uncovered_years)
        named = "、".join(f"{y}年" for y in years)
        notice = "、".join(f"《国务院办公厅关于{y}年部分节假日安排的通知》" for y in years)
        return (
            f"提示：没有{named}的法定节假日安排数据，{named}按周一至周五计算工作日，未计节假日和调休；"
            f"请按{notice}在本单位规则目录的 {HOLIDAY_FILE} 中录入放假和调休上班日期（格式见 docs/rules.md“节假日安排”）。"
        )


def _holiday_zh(value: object) -> str:
    # The tables hold the English name (Holiday.value); the enum knows the Chinese one.
    for h in chinese_calendar.Holiday:
        if h.value == value or h is value:
            return str(h.chinese)
    return str(value)
