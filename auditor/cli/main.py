"""`auditor` entry point: global options, command registration, error rendering."""

from __future__ import annotations

import sys
from functools import cached_property
from pathlib import Path

import click

from auditor import __version__
from auditor.cli import zh
from auditor.errors import AuditorError

zh.install()


class Context:
    """Global options, and the Session built from them on first use."""

    def __init__(self, db: Path | None, rules: tuple[Path, ...], debug: bool) -> None:
        self.db = db
        self.rules = rules
        self.debug = debug

    @cached_property
    def session(self):  # type: ignore[no-untyped-def]  # noqa: ANN201 - lazy import keeps startup light
        from auditor.session import Session

        return Session(self.db, self.rules)


pass_context = click.make_pass_decorator(Context)


# Command name -> module that defines it. Only the module of the command being run is
# imported, so `auditor check` from cron pays for nothing else (~45 ms saved).
# tests/test_docs.py checks this table against every module's COMMANDS tuple.
LAZY_COMMANDS: dict[str, str] = {
    "add": "records", "list": "records", "show": "records", "edit": "records", "rm": "records",
    "restore-record": "records",
    "import": "transfer", "export": "transfer", "attach": "transfer",
    "check": "check", "remind": "remind_cmd", "report": "report_cmd", "tui": "tui_cmd",
    "rules": "rules_cmd", "db": "db_cmd", "init": "setup", "kinds": "setup", "demo": "setup",
    "minutes": "minutes_cmd", "archive": "minutes_cmd",
    "member": "member_cmd", "waiver": "waiver_cmd", "rectify": "rectify_cmd",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(LAZY_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = LAZY_COMMANDS.get(cmd_name)
        if module_name is None:
            return None
        import importlib

        module = importlib.import_module(f"auditor.cli.{module_name}")
        for command in module.COMMANDS:
            if command.name == cmd_name:
                return command  # type: ignore[no-any-return]
        return None


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option("--db", type=click.Path(path_type=Path, dir_okay=False), envvar="AUDITOR_DB",
              help="数据文件路径（默认在用户数据目录；也可用环境变量 AUDITOR_DB）。")
@click.option("--rules", "rules", multiple=True, type=click.Path(path_type=Path, file_okay=False),
              help="本单位规则目录（可多次给出），在随附规则包之后生效。")
@click.option("--debug", is_flag=True, help="出错时显示完整的技术信息（traceback）。")
@click.version_option(__version__, "-V", "--version", prog_name="auditor", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context, db: Path | None, rules: tuple[Path, ...], debug: bool) -> None:
    """auditor：党支部意识形态工作责任制与“三会一课”落实情况检查工具。

    不带子命令运行时打开终端界面。

    示例：auditor check --period 2026H1
    """
    ctx.obj = Context(db, rules, debug)
    if ctx.invoked_subcommand is None:
        from auditor.cli.tui_cmd import open_tui

        open_tui(ctx.obj)


def run(argv: list[str] | None = None) -> None:
    """Console-script entry: AuditorError becomes one Chinese line and its exit code."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    atomic = sys.modules.get("auditor.store.atomic")
    if atomic is not None:
        atomic.written.clear()  # in-process callers (tests) run many commands
    try:
        code = cli.main(args=args, prog_name="auditor", standalone_mode=False)
    except AuditorError as e:
        if debug:
            raise
        click.echo(f"错误：{e.msg}", err=True)
        sys.exit(e.exit_code)
    except click.exceptions.Abort:
        click.echo("已取消。", err=True)
        sys.exit(1)
    except click.ClickException as e:
        e.show()
        sys.exit(2 if e.exit_code == 2 else e.exit_code or 1)
    except KeyboardInterrupt:
        click.echo("已中断。", err=True)
        sys.exit(130)
    except Exception as e:  # the last guard: never a traceback unless --debug
        if debug:
            raise
        click.echo(f"错误：程序内部出错（{type(e).__name__}），{_what_was_saved()}；加 --debug 重新运行可查看详情，"
                   "并请把结果反馈给维护者。", err=True)
        sys.exit(3)
    sys.exit(code if isinstance(code, int) else 0)


def _what_was_saved() -> str:
    """True words about the data: an error after a save must not say nothing was saved."""
    atomic = sys.modules.get("auditor.store.atomic")
    written = getattr(atomic, "written", [])
    if not written:
        return "数据未被改动"
    return f"出错前已保存到 {written[-1]}，请用 auditor list 或 auditor show 核对"
