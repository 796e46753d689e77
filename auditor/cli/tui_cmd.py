"""`auditor tui` (and `auditor` alone): the terminal UI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from auditor.cli.main import Context, pass_context
from auditor.errors import AuditorError

# The demo data (fixtures/demo) is written to show every status on this day.
DEMO_DAY = dt.date(2026, 11, 22)


class TUICrashed(AuditorError):
    """The TUI closed on a bug; the message says where the traceback was saved."""

    title = "程序内部出错"
    exit_code = 3


def open_tui(ctx: Context, as_of: dt.date | None = None) -> None:
    import gc

    from auditor.tui import GC_THRESHOLDS
    from auditor.tui.app import AuditorApp

    gc.set_threshold(*GC_THRESHOLDS)
    app = AuditorApp(ctx.session, as_of=as_of, debug=ctx.debug)
    app.run()
    if app.crash_message:
        raise TUICrashed(app.crash_message)


@click.command()
@click.option("--db", type=click.Path(path_type=Path, dir_okay=False), help="要打开的数据文件。")
@click.option("--as-of", "as_of", metavar="日期",
              help="按哪一天的情况显示，如 2026-06-30（默认今天，北京时间）。")
@click.option("--demo", is_flag=True,
              help="在临时文件夹建立示例数据库并打开，不动你的数据（默认按2026-11-22显示）。")
@pass_context
def tui(ctx: Context, db: Path | None, as_of: str | None, demo: bool) -> None:
    """打开终端界面（总览、活动记录、提醒、报告、设置、名册、情况说明、整改台账）。

    示例：auditor tui --demo
    """
    from auditor.dates import parse_date

    day = parse_date(as_of, where="--as-of") if as_of else None
    if demo:
        import tempfile

        from auditor.demo import build_demo

        db = Path(tempfile.mkdtemp(prefix="auditor-demo-")) / "auditor.json"
        build_demo(db)
        day = day or DEMO_DAY
    if db is not None:
        ctx.db = db
        ctx.__dict__.pop("session", None)
    open_tui(ctx, day)
    if demo:
        click.echo(f"示例数据库在 {db}，可用 auditor tui --db {db} --as-of 2026-11-22 再次打开。")


COMMANDS = (tui,)
