"""Dates as secretaries type them: 2026-03-05, 2026/3/5, 2026年3月5日, 3月5日, 今天, 昨天."""

from __future__ import annotations

import datetime as dt
import re

from auditor.errors import InputError
from auditor.limits import check_date

_FULL = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_SHORT = re.compile(r"^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_RELATIVE = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2}
HINT = "请写成 2026-03-05、2026/3/5 或 2026年3月5日"


def parse_date(text: str, today: dt.date | None = None, where: str = "日期") -> dt.date:
    """Parse a user's date; a month-day without year takes ``today``'s year."""
    value = str(text).strip()
    if today is not None and value in _RELATIVE:
        return check_date(today + dt.timedelta(days=_RELATIVE[value]), where, value)
    m = _FULL.match(value)
    if m:
        y, mo, d = (int(x) for x in m.groups())
    else:
        m = _SHORT.match(value)
        if not m or today is None:
            raise InputError(f"{where}“{text}”无法识别，{HINT}。")
        y, (mo, d) = today.year, (int(x) for x in m.groups())
    try:
        day = dt.date(y, mo, d)
    except ValueError:
        raise InputError(f"{where}“{text}”不是有效日期（{y}年没有{mo}月{d}日），请核对。") from None
    return check_date(day, where, value)


def future_note(day: dt.date, today: dt.date) -> str:
    """A warning for a record dated after today: stored all the same (plans are logged ahead)."""
    if day <= today:
        return ""
    return (f"提示：日期 {day.isoformat()} 在今天（{today.isoformat()}）之后，已照样保存（可提前登记计划）；"
            "如是笔误请用 auditor edit 改正。")
