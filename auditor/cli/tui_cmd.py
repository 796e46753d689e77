"""`auditor tui` (and `auditor` alone): the terminal UI."""

from __future__ import annotations

from pathlib import Path

import click

from auditor.cli.main import Context, pass_context


def open_tui(ctx: Context) -> None:
    from auditor.tui.app import AuditorApp

    AuditorApp(ctx.session).run()


@click.command()
@click.option("--db", type=click.Path(path_type=Path, dir_okay=False), help="要打开的数据文件。")
@pass_context
def tui(ctx: Context, db: Path | None) -> None:
    """打开终端界面（总览、活动记录、提醒、报告、设置）。

    Example: auditor tui --db demo.json
    """
    if db is not None:
        ctx.db = db
        ctx.__dict__.pop("session", None)
    open_tui(ctx)


COMMANDS = (tui,)
