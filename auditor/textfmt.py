"""Chinese date and time wording for the faces (report, TUI), via pendulum's zh locale.

Kept out of the cron path: importing pendulum costs ~50 ms.
"""

from __future__ import annotations

import datetime as dt

TZ = "Asia/Shanghai"


def long_date(day: dt.date) -> str:
    """2026年11月22日 星期日"""
    import pendulum

    return pendulum.date(day.year, day.month, day.day).format("YYYY年M月D日 dddd", locale="zh")


def short_date(day: dt.date) -> str:
    """2026年11月22日"""
    return f"{day.year}年{day.month}月{day.day}日"


def now_stamp(moment: dt.datetime | None = None) -> str:
    """Beijing time of a moment (default now), e.g. 2026年11月22日 21:30."""
    import pendulum

    when = pendulum.instance(moment) if moment else pendulum.now(TZ)
    return when.in_timezone(TZ).format("YYYY年M月D日 HH:mm", locale="zh")


def days_phrase(days: int) -> str:
    """Human wording of a distance in days: 今天, 明天, 3天后, 已过2天."""
    if days == 0:
        return "今天"
    if days == 1:
        return "明天"
    if days > 1:
        return f"{days}天后"
    return f"已过{-days}天"
