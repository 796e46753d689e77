"""`add`, `edit` and `list --json` of the roster and the ledgers, built from their form.

Members, waivers and rectification items are typed the same way: one option per field of
their ``auditor.forms`` Form, only the options given change an item, a bad value is named
by its option or argument. The three command groups build these commands here, once.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import click

from auditor.cli.main import Context, pass_context
from auditor.cli.options import form_options, given, naming_options

if TYPE_CHECKING:
    from auditor.forms import Form

Add = Callable[[Any, Mapping[str, Any], dt.date], Any]
"""An ``actions.add_*`` use case: (session, values, today) -> the new item."""
Edit = Callable[[Any, str, Mapping[str, Any], dt.date], tuple[Any, Any]]
"""An ``actions.edit_*`` use case: (session, key, values, today) -> (before, after)."""


def add_command(group: click.Group, form: Form, add: Add, *, help: str, argument: str = "",
                exclude: Collection[str] = (),
                prepare: Callable[[Context, dict[str, Any]], dict[str, Any]] | None = None) -> click.Command:
    """`<group> add [ARGUMENT] --field value…`: prints the new item's id.

    ``argument`` is the field typed without an option (its header is the metavar);
    ``prepare`` may fill in values before the use case sees them."""

    def add_item(ctx: Context, **values: str | None) -> None:
        from auditor.periods import today

        typed = given(values)
        with naming_options(form, **({argument: form.header(argument)} if argument else {})):
            if prepare is not None:
                typed = prepare(ctx, typed)
            item = add(ctx.session, typed, today())
        click.echo(item.id)

    command = form_options(form, exclude=(*exclude, argument))(pass_context(add_item))
    if argument:
        command = click.argument(argument, metavar=form.header(argument))(command)
    return group.command("add", help=help)(command)


def edit_command(group: click.Group, form: Form, edit: Edit, *, help: str, metavar: str, nothing: str,
                 shown: Callable[[Any], str] = lambda item: "") -> click.Command:
    """`<group> edit KEY --field value…`: only the fields given change.

    ``nothing`` is the sentence for an edit without options; ``shown`` what the
    confirmation names in brackets after the id (nothing when it gives "")."""

    def edit_item(ctx: Context, key: str, **values: str | None) -> None:
        from auditor.errors import InputError
        from auditor.periods import today

        if not given(values):
            raise InputError(nothing)
        with naming_options(form):
            before, after = edit(ctx.session, key, given(values), today())
        if after == before:
            click.echo(f"{before.id} 没有变化。")
            return
        named = shown(after)
        click.echo(f"已修改 {after.id}（{named}）。" if named else f"已修改 {after.id}。")

    command = form_options(form)(pass_context(edit_item))
    return group.command("edit", help=help)(click.argument("key", metavar=metavar)(command))


def echo_json(items: Iterable[Any], extra: Callable[[Any], dict[str, Any]] = lambda item: {}) -> None:
    """Items (Structs) as a JSON list, each with ``extra`` keys after its fields."""
    import msgspec

    docs = [{**msgspec.to_builtins(it), **extra(it)} for it in items]
    click.echo(json.dumps(docs, ensure_ascii=False, indent=2))
