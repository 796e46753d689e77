"""`auditor rectify add | list | edit | close`: the rectification ledger (整改台账)."""

from __future__ import annotations

from typing import Any

import click

from auditor import actions
from auditor.cli.form_cmd import add_command, echo_json, edit_command
from auditor.cli.main import Context, pass_context
from auditor.cli.options import as_of_day
from auditor.forms import RECTIFICATION


@click.group()
def rectify() -> None:
    """整改台账：每个问题的整改措施、责任人、时限和进度，直到整改完成。

    超过时限仍未完成的事项会出现在 auditor check、auditor remind、终端界面和自查报告第三部分。

    示例：auditor rectify add --problem "9月支委会到会未过半" --measure "重新召开支委会审议" --responsible 王建国 --deadline 2026-10-31
    """


def _draft(ctx: Context, values: dict[str, Any]) -> dict[str, Any]:
    """With a rule and no problem: rule, window and problem from the check, as of the day the
    problem was found."""
    if not values.get("rule") or str(values.get("problem") or "").strip():
        return values
    from auditor.dates import parse_date
    from auditor.periods import current_period, parse_period, today

    found = values.get("found_on")
    day = parse_date(found, today(), where="--found") if found else today()
    window = parse_period(values["window"]) if str(values.get("window") or "").strip() else None
    period = window or current_period(day, "half")
    draft = actions.draft_rectification(ctx.session, str(values["rule"]), period, day, window.id if window else "")
    return {**values, **draft}


add_command(rectify, RECTIFICATION, actions.add_rectification, exclude=("status", "completed_on"),
            prepare=_draft, help="""
    登记一项整改事项（状态为“待整改”），成功后输出编号。

    给出 --rule 而不写 --problem 时，问题取该规则在发现日期所在半年的检查结论：给出 --window
    取该时段的结论，不给则取该规则最差的时段（与终端界面中从规则详情登记整改相同）。

    示例：auditor rectify add --rule local.quarterly-report --window 2026Q3 --measure "补报并说明原因" --responsible 陈志强 --deadline 2026-11-15
    """)


edit_command(rectify, RECTIFICATION, actions.edit_rectification, metavar="编号", shown=lambda it: it.status,
             help="""
    修改整改事项：只改给出的字段，修改前后的值记入历史。

    进度改为“已完成”而不写 --completed 时，完成日期记为今天。

    示例：auditor rectify edit Z002 --status 整改中 --note "已起草报告"
    """, nothing="没有给出要修改的字段，请加上如 --status 整改中 的选项。")


@rectify.command("close")
@click.argument("key", metavar="编号")
@click.option("--on", "day", metavar="日期", help="完成日期（默认今天）。")
@click.option("--evidence", metavar="材料", help="整改佐证材料（文件路径或记录编号），用；分隔。")
@pass_context
def close_item(ctx: Context, key: str, day: str | None, evidence: str | None) -> None:
    """整改完成：状态改为“已完成”，记下完成日期和佐证材料。

    示例：auditor rectify close Z002 --on 2026-11-25 --evidence "R00210；整改报告.pdf"
    """
    from auditor.dates import parse_date
    from auditor.forms import split_list
    from auditor.periods import today

    when = parse_date(day, today(), where="--on") if day else today()
    item = actions.complete_rectification(ctx.session, key, when, split_list(evidence or ""))
    late = f"，超过时限{(when - item.deadline).days}天" if when > item.deadline else ""
    click.echo(f"已完成 {item.id}（{when.isoformat()}{late}）。")


@rectify.command("list")
@click.option("--open", "only_open", is_flag=True, help="只列出未完成的事项。")
@click.option("--as-of", "as_of", metavar="日期", help="按哪一天判断是否超期（默认今天）。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@pass_context
def list_items(ctx: Context, only_open: bool, as_of: str | None, as_json: bool) -> None:
    """列出整改台账，超过时限仍未完成的标红。

    示例：auditor rectify list --open
    """
    day = as_of_day(as_of)
    items = [it for it in ctx.session.store.rectifications() if it.is_open or not only_open]
    if as_json:
        echo_json(items, lambda it: {"overdue": it.overdue(day)})
        return
    if not items:
        click.echo("整改台账中没有事项。" if not only_open else "没有未完成的整改事项。")
        return
    import shutil

    from auditor.cli.width import grid
    from auditor.periods import parse_period

    titles = {r.id: r.title for r in ctx.session.ruleset.rules}
    rows = [["编号", "存在问题", "整改措施", "责任人", "时限", "进度", "完成情况"]]
    for it in items:
        state = f"{it.status}\n超期{(day - it.deadline).days}天" if it.overdue(day) else it.status
        done = ""
        if it.completed_on:
            done = it.completed_on.isoformat() + ("\n" + "；".join(it.evidence) if it.evidence else "")
        window = f"，{parse_period(it.window).label}" if it.window else ""
        rule = f"（规则：{titles.get(it.rule, it.rule)}{window}）" if it.rule else ""
        rows.append([it.id, it.problem + rule, it.measure, it.responsible, it.deadline.isoformat(), state, done])
    for line in grid(rows, shutil.get_terminal_size((80, 24)).columns, {1, 2, 6}, spaced=True):
        click.echo(line)
    overdue = sum(1 for it in items if it.overdue(day))
    if overdue:
        click.echo(f"有{overdue}项超过整改时限仍未完成，请督促落实。")


COMMANDS = (rectify,)
