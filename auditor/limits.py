"""Sane bounds on what people type or import, shared by every face through ``auditor.forms``.

A 40-digit count, a 100,000-character title, the year 0001 or 9999, a NUL, an ESC or a
right-to-left override are not a secretary's data: they come from a broken
spreadsheet, a script or an attacker, and stored silently they break the report and the
check later. Each bound is refused at input with one sentence naming the field.

- dates 1949-01-01 … 2100-12-31 (``auditor.dates.parse_date``);
- counts (人数) 0 … 100,000; numbers (天数, 数量) finite, 0 … 100,000;
- one-line text (a title, a name, a time) up to 200 characters; multi-line text
  (a summary) and list fields (names, paths) up to 10,000;
- control characters: line breaks and tabs become a space in one-line fields (kept in
  multi-line and list fields, where a line break separates items); invisible
  zero-width characters and the BOM are dropped; any other control character (NUL,
  BEL, ESC, DEL, C1) and the bidirectional overrides that disguise text are refused.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from auditor.errors import InputError

MIN_DATE = dt.date(1949, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)
MAX_COUNT = 100_000
MAX_NUMBER = 100_000.0
MAX_LINE = 200
MAX_TEXT = 10_000

_DROP = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_REFUSE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_BREAKS = re.compile(r"[\t\r\n]+")
_TIME = re.compile(r"^(\d{1,2})[:：](\d{2})(?:\s*[-–—~～至到]\s*(\d{1,2})[:：](\d{2}))?$")


def clean_text(text: str, where: str, *, lines: bool = False) -> str:
    """Text as stored: ``lines`` keeps line breaks (multi-line and list fields)."""
    text = _DROP.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    bad = _REFUSE.search(text)
    if bad:
        raise InputError(
            f"{where}中有不可见的控制字符（U+{ord(bad.group()):04X}，第{bad.start() + 1}个字符），"
            "可能是从别处复制带来的；请删除后重新输入。"
        )
    if not lines:
        text = _BREAKS.sub(" ", text)
    limit = MAX_TEXT if lines else MAX_LINE
    if len(text) > limit:
        raise InputError(f"{where}有 {len(text)} 个字符，超过上限 {limit} 个；请精简后重试。")
    return text.strip()


def check_date(day: dt.date, where: str, text: str) -> dt.date:
    if not MIN_DATE <= day <= MAX_DATE:
        raise InputError(f"{where}“{text}”超出可用范围（{MIN_DATE.year}年至{MAX_DATE.year}年），请核对年份。")
    return day


def check_count(value: int, where: str) -> int:
    if value > MAX_COUNT:
        raise InputError(f"{where}{value if value < 10**12 else '这个数'}太大，不能超过 {MAX_COUNT:,}，请核对。")
    return value


def check_number(value: float, where: str, text: str) -> float:
    if not math.isfinite(value):
        raise InputError(f"{where}“{text}”不是有效的数字，请写成如 0.5、2 这样的数。")
    if value < 0:
        raise InputError(f"{where}不能是负数。")
    if value > MAX_NUMBER:
        raise InputError(f"{where}“{text}”太大，不能超过 {MAX_NUMBER:,.0f}，请核对。")
    return value


def parse_time(text: str, where: str = "时间") -> str:
    """``14:30`` or ``14:30-16:00`` (also ``14：30至16：00``), as ``HH:MM`` or ``HH:MM-HH:MM``."""
    m = _TIME.match(text.strip())
    if not m:
        raise InputError(f"{where}“{text}”格式不对，请写成 14:30 或 14:30-16:00。")
    parts = [int(g) for g in m.groups() if g is not None]
    clocks = [(parts[i], parts[i + 1]) for i in range(0, len(parts), 2)]
    for h, mi in clocks:
        if h > 23 or mi > 59:
            raise InputError(f"{where}“{text}”中的 {h}:{mi:02d} 不是有效的时刻（时 0-23，分 0-59）。")
    if len(clocks) == 2 and clocks[1] <= clocks[0]:
        raise InputError(f"{where}“{text}”的结束时刻不晚于开始时刻，请核对。")
    return "-".join(f"{h:02d}:{mi:02d}" for h, mi in clocks)


def value_problem(value: object, where: str, *, lines: bool = False) -> str | None:
    """Why a stored value (from an ``auditor export`` JSON file) breaks a bound above, else None."""
    try:
        if isinstance(value, str):
            clean_text(value, where, lines=lines)
        elif isinstance(value, bool):
            pass
        elif isinstance(value, int):
            check_count(value, where)
        elif isinstance(value, float):
            check_number(value, where, str(value))
        elif isinstance(value, dt.date):
            check_date(value, where, value.isoformat())
        elif isinstance(value, (list, tuple)):
            return next((p for v in value if (p := value_problem(v, where, lines=lines))), None)
        elif hasattr(value, "__struct_fields__"):  # an absentee: name and reason
            parts = (getattr(value, name) for name in value.__struct_fields__)
            return next((p for v in parts if (p := value_problem(v, where, lines=lines))), None)
    except InputError as e:
        return e.msg
    return None


APPENDIX_ROWS = 200
"""Records a printed list (the report's 佐证材料清单) shows per rule; the full list goes to a file."""

T = TypeVar("T")


def capped(items: Sequence[T], keep: Callable[[T], bool], limit: int = APPENDIX_ROWS) -> tuple[list[T], int]:
    """(at most ``limit`` items in their order, how many were left out) for a printed list.

    Items ``keep`` marks (the records that fail a rule) come first, the rest fill what is
    left. A year of a superior's 100,000 records would otherwise print thousands of
    pages; the report says how many were left out and how to get the whole list.
    """
    if len(items) <= limit:
        return list(items), 0
    flags = [keep(i) for i in items]
    room = {True: min(sum(flags), limit)}
    room[False] = limit - room[True]
    shown: list[T] = []
    for item, flag in zip(items, flags, strict=True):
        if room[flag]:
            shown.append(item)
            room[flag] -= 1
    return shown, len(items) - len(shown)
