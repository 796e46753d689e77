"""Options shared by several commands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def period_options(func: F) -> F:
    func = click.option(
        "--as-of", "as_of", metavar="日期",
        help="按哪一天的情况检查，如 2026-06-30（默认今天，北京时间）。",
    )(func)
    func = click.option(
        "--period", "-p", metavar="期间",
        help="检查期间：2026、2026H1、2026Q3 或 2026-05（默认 as-of 所在的半年）。",
    )(func)
    return func


def resolve_period(period: str | None, as_of: str | None, default_kind: str = "half") -> tuple[Any, dt.date]:
    from auditor.dates import parse_date
    from auditor.periods import current_period, parse_period, today

    day = parse_date(as_of, where="--as-of") if as_of else today()
    p = parse_period(period) if period else current_period(day, default_kind)  # type: ignore[arg-type]
    return p, day
