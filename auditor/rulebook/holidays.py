"""The year's official holiday schedule as a unit can keep it: rules/holidays.yaml.

Each year copies 《国务院办公厅关于YYYY年部分节假日安排的通知》: the days off (named
spans) and the weekend days worked instead (调休). The shipped rules folder holds
2025-2026 as the example; a unit adds the next year in its own rules folder as soon as
the notice is out, without waiting for a chinesecalendar release. The loader reads the
files with the rules, so a cron run with a warm rule cache reads no YAML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

import msgspec

from auditor.errors import RuleFileError

HOLIDAY_FILE = "holidays.yaml"


class DaysOff(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    name: str
    start: dt.date = msgspec.field(name="from")
    end: dt.date = msgspec.field(name="to")

    def days(self) -> Iterable[dt.date]:
        day = self.start
        while day <= self.end:
            yield day
            day += dt.timedelta(days=1)


class HolidayYear(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One year's schedule: the days off and the adjusted working days (调休上班)."""

    year: int
    notice: str = ""
    days_off: tuple[DaysOff, ...] = ()
    workdays: tuple[dt.date, ...] = ()


class _File(msgspec.Struct, forbid_unknown_fields=True):
    holidays: list[HolidayYear]


def load_holidays(folders: Sequence[Path]) -> tuple[HolidayYear, ...]:
    """Every folder's holidays.yaml in order; a later folder's year replaces an earlier one."""
    from auditor.rulebook.yamlsrc import read_as

    years: dict[int, HolidayYear] = {}
    for folder in folders:
        path = folder / HOLIDAY_FILE
        if not path.is_file():
            continue
        parsed = read_as(path, _File, "（节假日安排）")
        for y in parsed.holidays:
            _check(path, y)
            years[y.year] = y
    return tuple(years[y] for y in sorted(years))


def _check(path: Path, y: HolidayYear) -> None:
    for span in y.days_off:
        if span.end < span.start or span.start.year != y.year and span.end.year != y.year:
            raise RuleFileError(f"{path}：{y.year}年“{span.name}”的起止日期 {span.start}—{span.end} 有误，请核对通知。")
    for day in y.workdays:
        if day.weekday() < 5:
            raise RuleFileError(f"{path}：{y.year}年的调休上班日 {day} 不是周六或周日，请核对通知。")
