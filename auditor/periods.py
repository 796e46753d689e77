"""Period ids (``2026``, ``2026H1``, ``2026Q3``, ``2026-05``) and the windows inside them.

Windows are plain month arithmetic on stdlib dates: pendulum has no half-year unit
(``start_of('quarter')`` raises), and importing it costs ~50 ms on the cron path
(`check`, `remind`), so pendulum is loaded only by the faces that format dates in
Chinese (see ``auditor.textfmt``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from auditor.errors import InputError

TZ = "Asia/Shanghai"

Granularity = Literal["year", "half", "quarter", "month"]
GRANULARITIES: tuple[Granularity, ...] = ("year", "half", "quarter", "month")
_MONTHS: dict[Granularity, int] = {"year": 12, "half": 6, "quarter": 3, "month": 1}
GRANULARITY_LABELS: dict[Granularity, str] = {
    "year": "每年",
    "half": "每半年",
    "quarter": "每季度",
    "month": "每月",
}
_QUARTER_ZH = ("一", "二", "三", "四")

_PATTERNS: tuple[tuple[re.Pattern[str], Granularity], ...] = (
    (re.compile(r"^(\d{4})$"), "year"),
    (re.compile(r"^(\d{4})[Hh]([12])$"), "half"),
    (re.compile(r"^(\d{4})[Qq]([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), "month"),
)


@dataclass(frozen=True, order=True)
class Period:
    """A calendar window; ``end`` is inclusive."""

    start: dt.date
    end: dt.date
    kind: Granularity
    id: str

    @property
    def label(self) -> str:
        """Chinese name, e.g. 2026年上半年, 2026年第三季度, 2026年5月."""
        y = self.start.year
        if self.kind == "year":
            return f"{y}年"
        if self.kind == "half":
            return f"{y}年{'上' if self.start.month == 1 else '下'}半年"
        if self.kind == "quarter":
            return f"{y}年第{_QUARTER_ZH[(self.start.month - 1) // 3]}季度"
        return f"{y}年{self.start.month}月"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def covers_period(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def days_left(self, as_of: dt.date) -> int:
        """Calendar days from as_of to the window's last day, both included."""
        return days_left(self.end, as_of)


def days_left(last_day: dt.date, as_of: dt.date) -> int:
    """Calendar days from as_of to last_day, both included: the N of every "还有N天" shown."""
    return (last_day - as_of).days + 1


@cache  # periods are values; the engine asks for the same few windows per record and rule
def make_period(kind: Granularity, year: int, index: int = 1) -> Period:
    """The index-th window of a kind in a year (month 1-12, quarter 1-4, half 1-2)."""
    months = _MONTHS[kind]
    start = dt.date(year, (index - 1) * months + 1, 1)
    end = _add_months(start, months) - dt.timedelta(days=1)
    if kind == "year":
        pid = f"{year}"
    elif kind == "half":
        pid = f"{year}H{index}"
    elif kind == "quarter":
        pid = f"{year}Q{index}"
    else:
        pid = f"{year}-{index:02d}"
    return Period(start, end, kind, pid)


def parse_period(text: str) -> Period:
    """Parse a period id; a wrong one is an InputError with a Chinese hint."""
    value = text.strip()
    for pattern, kind in _PATTERNS:
        m = pattern.match(value)
        if not m:
            continue
        year = int(m.group(1))
        index = int(m.group(2)) if m.lastindex and m.lastindex > 1 else 1
        if kind == "month" and not 1 <= index <= 12:
            break
        if not 1900 <= year <= 2200:
            break
        return make_period(kind, year, index)
    raise InputError(
        f"期间“{text}”无法识别，请写成 2026（年度）、2026H1（上半年）、2026Q3（季度）或 2026-05（月）。"
    )


def period_of(day: dt.date, kind: Granularity) -> Period:
    """The window of a granularity that holds a day."""
    index = (day.month - 1) // _MONTHS[kind] + 1
    return make_period(kind, day.year, index)


def windows(period: Period, per: Granularity) -> list[Period]:
    """Windows of granularity ``per`` for auditing ``period``.

    A finer granularity splits the period (months of a quarter); a coarser one
    gives the single window that holds it (the year around a half-year audit).
    """
    if _MONTHS[per] >= _MONTHS[period.kind]:
        return [period_of(period.start, per)]
    out: list[Period] = []
    day = period.start
    while day <= period.end:
        w = period_of(day, per)
        out.append(w)
        day = w.end + dt.timedelta(days=1)
    return out


def today(now: dt.datetime | None = None) -> dt.date:
    """Today in China, whatever the machine's zone: a duty's day is Beijing time."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(TZ)
    moment = now.astimezone(zone) if now else dt.datetime.now(zone)
    return moment.date()


def current_period(as_of: dt.date, kind: Granularity = "half") -> Period:
    return period_of(as_of, kind)


def shift(period: Period, steps: int) -> Period:
    """The period ``steps`` windows later (negative for earlier), same granularity."""
    start = _add_months(period.start.replace(day=1), _MONTHS[period.kind] * steps)
    return period_of(start, period.kind)


def _add_months(day: dt.date, months: int) -> dt.date:
    """First-of-month arithmetic (callers only pass the 1st of a month)."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)
