"""`auditor db`: check the database file, list and take backups, restore one."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from auditor.cli.main import Context, pass_context


@click.group()
def db() -> None:
    """数据文件的检查、备份与恢复。

    示例：auditor db check
    """


@db.command("check")
@pass_context
def check_(ctx: Context) -> None:
    """检查数据文件是否完整有效，并检查备份和佐证材料文件。

    有问题时退出码为 1。

    示例：auditor db check
    """
    from auditor.store.dbcheck import check_database

    report = check_database(ctx.session.db_path)
    click.echo(f"数据文件：{report.path}")
    if report.schema:
        click.echo(f"格式版本：第{report.schema}版；记录{report.records}条，回收站{report.deleted}条，"
                   f"历史{report.history}条")
    newest = report.backups[0].label if report.backups else "无"
    click.echo(f"备份：{len(report.backups)}个，最新 {newest}（位于 {report.path.parent / 'backups'}）")
    marks = {"error": "✗ 错误", "warning": "! 注意", "info": "· 提示"}
    for f in report.findings:
        click.echo(f"{marks[f.level]}：{f.message}")
    click.echo("检查完毕：数据文件完好。" if report.ok else "检查完毕：发现问题，见上。")
    if not report.ok:
        sys.exit(1)


@db.command()
@pass_context
def backup(ctx: Context) -> None:
    """立即备份数据文件（备份在数据文件旁的 backups 文件夹）。

    示例：auditor db backup
    """
    path = ctx.session.store.backup_now("manual")
    click.echo(f"已备份到 {path}")


@db.command()
@pass_context
def backups(ctx: Context) -> None:
    """列出备份（最新的在前），并说明每个备份是否完好、有几条记录。

    示例：auditor db backups
    """
    from auditor.store import backup as bk

    items = bk.list_backups(ctx.session.db_path)
    for b in items:
        info = bk.inspect(b.path)
        state = f"{info.records}条记录" if info.ok else info.error
        click.echo(f"{b.path.name}  {b.label}  {state}")
    click.echo(f"共{len(items)}个备份，位于 {bk.backup_dir(ctx.session.db_path)}。")


@db.command()
@click.argument("backup_name", required=False, metavar="[备份]")
@click.option("--yes", "-y", is_flag=True, help="不再询问，直接恢复。")
@pass_context
def restore(ctx: Context, backup_name: str | None, yes: bool) -> None:
    """用备份替换数据文件；不指定备份时用最新的完好备份。

    恢复前，当前的数据文件（即使已损坏）会先另存为一个“恢复前”备份。

    示例：auditor db restore auditor-2026-11-20-083000-daily.json
    """
    from auditor.errors import StorageError
    from auditor.store import backup as bk

    path = ctx.session.db_path
    if backup_name:
        source = bk.find(path, backup_name)
    else:
        newest = bk.newest_good(path)
        if newest is None:
            raise StorageError(f"{bk.backup_dir(path)} 中没有完好的备份，无法恢复；请找回其他副本。")
        source = newest.path
    info = bk.inspect(source)
    if not info.ok:
        raise StorageError(f"备份 {source.name} {info.error}，不能用来恢复；请用 auditor db backups 选择另一个。")
    click.echo(f"将用备份 {source.name}（{info.records}条记录）替换 {path}（{_current_state(path)}）。")
    if not yes:
        click.confirm("确认恢复？", abort=True)
    saved = ctx.session.store.restore_backup(source)
    ctx.session.reload()
    kept = f"；原文件已另存为 {saved.name}" if saved else ""
    click.echo(f"已恢复，现有{info.records}条记录{kept}。")


def _current_state(path: Path) -> str:
    from auditor.store import backup as bk

    if not path.exists():
        return "当前没有数据文件"
    info = bk.inspect(path)
    return f"当前{info.records}条记录" if info.ok else f"当前文件{info.error}"


COMMANDS = (db,)
