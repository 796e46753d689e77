"""`auditor waiver add | list | edit | close`: written explanations (情况说明).

A waiver names a rule (and optionally one window), the reason, who approved it and
when, and an expiry. Windows it covers show as 已说明, never as failures, and are
listed in the report; once expired it stops applying by itself.
"""

from __future__ import annotations

import click

from auditor import actions
from auditor.cli.form_cmd import add_command, echo_json, edit_command
from auditor.cli.main import Context, pass_context
from auditor.cli.options import as_of_day
from auditor.forms import WAIVER


@click.group()
def waiver() -> None:
    """情况说明：某项规则（或某个时段）因故未能落实，经批准后作书面说明。

    被说明的时段显示为“已说明”，不计为未完成，并在报告中列出理由；到期后自动不再适用。

    示例：auditor waiver add branch.theme-day --window 2026-08 --reason "防汛值守" --by 县直机关工委 --on 2026-08-05
    """


add_command(waiver, WAIVER, actions.add_waiver, argument="rule", help="""
    登记一份情况说明，成功后输出编号。

    规则可写编号、中文名称，或能唯一确定它的编号开头、名称中的几个字（如 党小组会、branch.theme）。

    示例：auditor waiver add ideology.risk-analysis --reason "按工委部署半年研判" --by 县直机关工委 --expires 2025-12-31
    """)
edit_command(waiver, WAIVER, actions.edit_waiver, metavar="编号", help="""
    修改情况说明：只改给出的字段，修改前后的值记入历史。

    --window 或 --expires 给空字符串（""）表示全部时段或长期有效。

    示例：auditor waiver edit W001 --expires 2026-12-31
    """, nothing="没有给出要修改的字段，请加上如 --expires 2026-12-31 的选项。")


@waiver.command("close")
@click.argument("key", metavar="编号")
@click.option("--on", "day", metavar="日期", help="从哪天起不再适用的前一天（默认今天）。")
@pass_context
def close_waiver(ctx: Context, key: str, day: str | None) -> None:
    """结束一份情况说明：有效期改为该日，之后检查时不再适用。

    示例：auditor waiver close W002
    """
    from auditor.dates import parse_date
    from auditor.periods import today

    when = parse_date(day, today(), where="--on") if day else today()
    item, ended = actions.end_waiver(ctx.session, key, when)
    if not ended:
        click.echo(f"{item.id} 已于 {item.expires.isoformat() if item.expires else ''} 到期，无需结束。")
        return
    click.echo(f"已结束 {item.id}：有效期至 {when.isoformat()}。")


@waiver.command("list")
@click.option("--as-of", "as_of", metavar="日期", help="按哪一天判断是否有效（默认今天）。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@pass_context
def list_waivers(ctx: Context, as_of: str | None, as_json: bool) -> None:
    """列出全部情况说明及其在某日是否有效。

    示例：auditor waiver list
    """
    day = as_of_day(as_of)
    items = ctx.session.store.waivers()
    if as_json:
        echo_json(items, lambda w: {"state": w.state(day)})
        return
    if not items:
        click.echo("没有情况说明。")
        return
    import shutil

    from auditor.cli.width import grid

    titles = {r.id: r.title for r in ctx.session.ruleset.rules}
    rows = [["编号", "规则", "时段", "理由", "批准", "有效期至", "状态"]]
    for w in items:
        rows.append([w.id, titles.get(w.rule, w.rule), w.window or "全部", w.reason,
                     f"{w.approved_by}\n{w.approved_on.isoformat()}", w.expires.isoformat() if w.expires else "长期",
                     w.state(day)])
    for line in grid(rows, shutil.get_terminal_size((80, 24)).columns, {1, 3, 4}, spaced=True):
        click.echo(line)


COMMANDS = (waiver,)
