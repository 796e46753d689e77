"""Options shared by several commands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from auditor.forms import Form

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


def as_of_day(as_of: str | None) -> dt.date:
    """The day an ``--as-of`` option names, else today."""
    from auditor.dates import parse_date
    from auditor.periods import today

    return parse_date(as_of, where="--as-of") if as_of else today()


def resolve_period(period: str | None, as_of: str | None, default_kind: str = "half") -> tuple[Any, dt.date]:
    from auditor.periods import current_period, parse_period

    day = as_of_day(as_of)
    p = parse_period(period) if period else current_period(day, default_kind)  # type: ignore[arg-type]
    return p, day


def form_options(form: Form, *, exclude: Collection[str] = ()) -> Callable[[F], F]:
    """One click option per field of a form (``auditor.forms``): option name, metavar, help."""

    def decorate(func: F) -> F:
        for f in reversed(form.fields):
            if f.name not in exclude:
                func = click.option(f.cli_option, f.name, metavar=f.header, help=f.help + "。")(func)
        return func

    return decorate


@contextmanager
def naming_options(form: Form, **arguments: str) -> Iterator[None]:
    """A bad field's message starts with its option (or, by ``arguments``, its argument)."""
    from auditor.errors import FieldError, InputError

    try:
        yield
    except FieldError as e:
        f = form.by_name.get(e.field)
        where = arguments.get(e.field) or (f.cli_option if f else e.field)
        raise InputError(f"{where}：{e.msg}") from None


def given(values: dict[str, Any]) -> dict[str, Any]:
    """The options a person gave (click passes None for the others)."""
    return {k: v for k, v in values.items() if v is not None}
