"""`auditor member add | list | show | edit | import | attendance`: the roster (党员名册)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from auditor import actions
from auditor.cli.form_cmd import add_command, echo_json, edit_command
from auditor.cli.main import Context, pass_context
from auditor.cli.options import period_options
from auditor.forms import MEMBER

if TYPE_CHECKING:
    from auditor.engine.attendance import AttendanceRow
    from auditor.model import Member

@click.group()
def member() -> None:
    """党员名册：增改党员、从表格导入、按人统计参加组织生活情况。

    名册只保存在本机数据文件中；姓名须与会议记录“参会人员”“缺席人员”中的写法一致。

    示例：auditor member import 党员名册.xlsx
    """


add_command(member, MEMBER, actions.add_member, argument="name", help="""
    把一名党员加入名册，成功后输出编号。

    示例：auditor member add 张伟 --role 纪检委员 --cell 第二党小组 --joined 2010-06-30
    """)
edit_command(member, MEMBER, actions.edit_member, metavar="编号或姓名", shown=lambda m: m.name, help="""
    修改党员信息：只改给出的字段；修改前后的值记入历史（auditor member show 查看）。

    用 --name 改名时，会议记录中的旧名字不会随之修改。

    示例：auditor member edit 冯婷 --status 流动党员 --status-since 2026-03-01
    """, nothing="没有给出要修改的字段，请加上如 --status 流动党员 的选项（auditor member edit --help 查看全部）。")

LISTED = ("name", "role", "cell", "joined", "status", "groups")
"""The roster's columns besides the id and the note (which folds)."""


@member.command("list")
@click.option("--all", "show_all", is_flag=True, help="也列出停止党籍、转出、去世的党员。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@pass_context
def list_members(ctx: Context, show_all: bool, as_json: bool) -> None:
    """列出名册。

    示例：auditor member list --all
    """
    members = [m for m in ctx.session.store.members() if show_all or m.on_roll]
    if as_json:
        echo_json(members)
        return
    if not members:
        click.echo("名册是空的；请用 auditor member add 或 auditor member import 建立名册。")
        return
    from rich.console import Console

    table = compact_table()
    for header in ("编号", *map(MEMBER.header, LISTED)):
        table.add_column(header, no_wrap=True)
    table.add_column(MEMBER.header("note"), overflow="fold")
    for m in members:
        table.add_row(m.id, *(_text(m, name) for name in LISTED), m.note)
    Console(highlight=False).print(table)
    click.echo(f"共{len(members)}人。")


def _text(m: Member, name: str) -> str:
    """A member's field as the roster shows it: lists joined with 、."""
    value = getattr(m, name)
    return "、".join(value) if isinstance(value, tuple | list) else MEMBER.text(name, value)


@member.command("show")
@click.argument("key", metavar="编号或姓名")
@pass_context
def show_member(ctx: Context, key: str) -> None:
    """显示一名党员的信息和修改历史。

    示例：auditor member show 冯婷
    """
    store = ctx.session.store
    m = store.member(key)
    click.echo(f"编号：{m.id}")
    for f in MEMBER.fields:
        click.echo(f"{f.header}：{_text(m, f.name)}")
    click.echo("历史：")
    for change in store.history(m.id):
        detail = "；".join(f"{k} {old!r} → {new!r}" for k, (old, new) in change.changes.items())
        click.echo(f"  {change.at}  {change.label}  {change.by}  {detail or change.note}")


@member.command("import")
@click.argument("path", metavar="文件", type=click.Path(path_type=Path, dir_okay=False))
@pass_context
def import_members(ctx: Context, path: Path) -> None:
    """从 CSV 或 Excel（.xlsx）导入名册：新姓名加入，已有姓名按表格更新。

    列名：姓名（必填）、职务、党小组、入党日期、党籍状态、状态变更日期、所在组织、联系电话、备注。
    任何一行有误都不导入，并列出每处问题的行号和列名。

    示例：auditor member import 党员名册.xlsx
    """
    from auditor.periods import today

    added, updated, same = actions.import_members(ctx.session, path, today())
    click.echo(f"已导入名册：新增{added}人，更新{updated}人，未变{same}人。")


@member.command("attendance")
@period_options
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@pass_context
def attendance(ctx: Context, period: str | None, as_of: str | None, as_json: bool) -> None:
    """党员参加组织生活情况表：每人应参加、实参加、请假、无故缺席次数和连续未参加月数。

    只统计填写了“参会人员”的记录；活动类型取规则 member.six-month-absence 所列类型。

    示例：auditor member attendance --period 2026H2
    """
    from auditor.cli.options import resolve_period
    from auditor.engine.attendance import attendance_table, org_life_kinds

    p, day = resolve_period(period, as_of)
    session = ctx.session
    members = session.store.members()
    if not members:
        from auditor.errors import InputError

        raise InputError("名册是空的，无法按人统计；请先用 auditor member import 导入名册。")
    rows = attendance_table(members, session.store.records(), p, day, kinds=org_life_kinds(session.ruleset.rules))
    if as_json:
        click.echo(json.dumps({"period": p.id, "as_of": day.isoformat(), "rows": [r.to_dict() for r in rows]},
                              ensure_ascii=False, indent=2))
        return
    render_attendance(rows, p.label, day, actions.absence_months(session))


def render_attendance(rows: Sequence[AttendanceRow], period_label: str, as_of: dt.date, months: int) -> None:
    from rich.console import Console

    console = Console(highlight=False)
    console.print(f"[bold]党员参加组织生活情况表[/]　{period_label}　截至 {as_of.isoformat()}")
    console.print("[dim]应到：记录中列为参会或缺席的次数；无故：缺席未注明正当理由；连续缺席：连续未参加组织生活的月数（按已结束的月份计）。[/]")
    table = compact_table()
    for header, justify in (("姓名", "left"), ("职务", "left"), ("党小组", "left"), ("应到", "right"),
                            ("实到", "right"), ("请假", "right"), ("无故", "right"),
                            ("出勤", "right"), ("最近参加", "left"), ("连续缺席", "left")):
        table.add_column(header, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for r in rows:
        table.add_row(r.member.name, r.member.role, r.member.cell, str(r.expected), str(r.attended),
                      str(r.excused), str(r.unexcused), f"{r.rate:.0%}" if r.rate is not None else "",
                      _short(r.last_attended, as_of), streak_text(r, months))
    console.print(table)
    flagged = [r for r in rows if r.streak.months >= months and not r.streak.excused]
    excused = [r for r in rows if r.streak.months >= months and r.streak.excused]
    if flagged:
        names = "、".join(r.member.name for r in flagged)
        console.print(f"[bold red]无正当理由连续{months}个月以上未参加组织生活：{names}。[/]"
                      "请及时谈话了解情况，按党章第九条处理。")
    if excused:
        names = "、".join(f"{r.member.name}（{r.streak.reason_text}）" for r in excused)
        console.print(f"[yellow]请假或外出连续{months}个月以上（已注明理由）：{names}。[/]")


def _short(day: dt.date | None, as_of: dt.date) -> str:
    if day is None:
        return ""
    return day.strftime("%m-%d") if day.year == as_of.year else day.isoformat()


def streak_text(row: AttendanceRow, months: int) -> str:
    s = row.streak
    if s.months == 0:
        return ""
    mark = "请假" if s.excused else ""
    style = "bold red" if s.months >= months and not s.excused else ""
    text = f"{s.months}个月{mark}"
    return f"[{style}]{text}[/]" if style else text


def compact_table() -> Any:
    """A rich Table without vertical rules, so CJK columns fit an 80-column terminal."""
    from rich import box
    from rich.table import Table

    return Table(box=box.SIMPLE_HEAD, padding=(0, 1, 0, 0), pad_edge=False, show_edge=False)


COMMANDS = (member,)
