"""Dates and spans as a person reads them, in Chinese, via pendulum's zh locale.

Used by the faces people read (the TUI, `auditor show`, the report and Word output):
2026年7月5日 星期日, 还有3天, 上次修改于2小时前. Never on the `check`/`remind` path:
importing pendulum costs about 50 ms, so each function imports it when first called
(tests/test_import_weight.py keeps `check` and `remind` off it).
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


def due_phrase(due: dt.date, as_of: dt.date) -> str:
    """A deadline seen from as_of: 还有3天, 今天到期, 已逾期2天.

    The days are counted as the checks count them in their messages ("还有N天", today
    included), so a rule's 下一截止 and its 结论 give the same number.
    """
    from auditor.periods import days_left

    left = days_left(due, as_of)
    if left > 1:
        return f"还有{left}天"
    return "今天到期" if left == 1 else f"已逾期{1 - left}天"


def ago(moment: dt.datetime | str, now: dt.datetime | None = None) -> str:
    """How long ago a stamp was, as people say it: 2小时前, 3天前 (pendulum's zh wording)."""
    import pendulum

    when = pendulum.instance(dt.datetime.fromisoformat(moment) if isinstance(moment, str) else moment)
    ref = pendulum.instance(now) if now else pendulum.now(TZ)
    return when.diff_for_humans(ref, locale="zh")
