"""`auditor waiver add | list | edit | close`: written explanations (情况说明).

A waiver names a rule (and optionally one window), the reason, who approved it and
when, and an expiry. Windows it covers show as 已说明, never as failures, and are
listed in the report; once expired it stops applying by itself.
"""

from __future__ import annotations

import json
from typing import Any

import click

from auditor.cli.main import Context, pass_context


@click.group()
def waiver() -> None:
    """情况说明：某项规则（或某个时段）因故未能落实，经批准后作书面说明。

    被说明的时段显示为“已说明”，不计为未完成，并在报告中列出理由；到期后自动不再适用。

    Example: auditor waiver add branch.theme-day --window 2026-08 --reason "防汛值守" --by 县直机关工委 --on 2026-08-05
    """


OPTION_NAMES = {"rule": "规则id", "window": "--window", "reason": "--reason", "approved_by": "--by",
                "approved_on": "--on", "expires": "--expires"}


def _fields(ctx: Context, values: dict[str, Any], partial: bool) -> dict[str, Any]:
    """Option values -> a waiver document; a bad value names its option."""
    from auditor.errors import InputError
    from auditor.fields import FieldError
    from auditor.ledger_fields import parse_waiver
    from auditor.periods import today

    rule_ids = {r.id for r in ctx.session.ruleset.rules}
    try:
        return parse_waiver(values, rule_ids, today(), partial=partial)
    except FieldError as e:
        raise InputError(f"{OPTION_NAMES[e.field]}：{e.msg}") from None


@waiver.command("add")
@click.argument("rule", metavar="规则id")
@click.option("--reason", metavar="理由", help="未能落实的原因（必填）。")
@click.option("--by", "approved_by", metavar="批准人", help="批准人或批准机关（必填）。")
@click.option("--on", "approved_on", metavar="日期", help="批准日期（默认今天）。")
@click.option("--window", metavar="期间", help="只说明某一时段，如 2026-08、2026Q3；不给则说明该规则的所有时段。")
@click.option("--expires", metavar="日期", help="有效期至（含当天）；不给则长期有效。")
@pass_context
def add_waiver(ctx: Context, rule: str, **values: str | None) -> None:
    """登记一份情况说明，成功后输出编号。

    Example: auditor waiver add ideology.risk-analysis --reason "按工委部署半年研判" --by 县直机关工委 --expires 2025-12-31
    """
    doc = _fields(ctx, {"rule": rule, **values}, partial=False)
    item = ctx.session.store.add_waiver_item(doc)
    click.echo(item.id)


@waiver.command("edit")
@click.argument("key", metavar="编号")
@click.option("--rule", metavar="规则id", help="改为说明另一条规则。")
@click.option("--reason", metavar="理由", help="理由。")
@click.option("--by", "approved_by", metavar="批准人", help="批准人或批准机关。")
@click.option("--on", "approved_on", metavar="日期", help="批准日期。")
@click.option("--window", metavar="期间", help="说明的时段；给空字符串（\"\"）表示全部时段。")
@click.option("--expires", metavar="日期", help="有效期至；给空字符串（\"\"）表示长期有效。")
@pass_context
def edit_waiver(ctx: Context, key: str, **values: str | None) -> None:
    """修改情况说明：只改给出的字段，修改前后的值记入历史。

    Example: auditor waiver edit W001 --expires 2026-12-31
    """
    from auditor.errors import InputError

    given = {k: v for k, v in values.items() if v is not None}
    if not given:
        raise InputError("没有给出要修改的字段，请加上如 --expires 2026-12-31 的选项。")
    store = ctx.session.store
    before = store.waiver(key)
    after = store.update_waiver(before.id, _fields(ctx, given, partial=True))
    click.echo(f"{key} 没有变化。" if after == before else f"已修改 {after.id}。")


@waiver.command("close")
@click.argument("key", metavar="编号")
@click.option("--on", "day", metavar="日期", help="从哪天起不再适用的前一天（默认今天）。")
@pass_context
def close_waiver(ctx: Context, key: str, day: str | None) -> None:
    """结束一份情况说明：有效期改为该日，之后检查时不再适用。

    Example: auditor waiver close W002
    """
    from auditor.dates import parse_date
    from auditor.periods import today

    when = parse_date(day, today(), where="--on") if day else today()
    store = ctx.session.store
    item = store.waiver(key)
    if item.expires is not None and item.expires <= when:
        click.echo(f"{item.id} 已于 {item.expires.isoformat()} 到期，无需结束。")
        return
    store.update_waiver(item.id, {"expires": when.isoformat()})
    click.echo(f"已结束 {item.id}：有效期至 {when.isoformat()}。")


@waiver.command("list")
@click.option("--as-of", "as_of", metavar="日期", help="按哪一天判断是否有效（默认今天）。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@pass_context
def list_waivers(ctx: Context, as_of: str | None, as_json: bool) -> None:
    """列出全部情况说明及其在某日是否有效。

    Example: auditor waiver list
    """
    import msgspec

    from auditor.dates import parse_date
    from auditor.periods import today

    day = parse_date(as_of, where="--as-of") if as_of else today()
    items = ctx.session.store.waivers()
    if as_json:
        docs = [{**msgspec.to_builtins(w), "state": w.state(day)} for w in items]
        click.echo(json.dumps(docs, ensure_ascii=False, indent=2))
        return
    if not items:
        click.echo("没有情况说明。")
        return
    from rich.console import Console

    from auditor.cli.member_cmd import compact_table

    titles = {r.id: r.title for r in ctx.session.ruleset.rules}
    table = compact_table()
    table.show_lines = True
    for header in ("编号", "规则", "时段", "理由", "批准", "有效期至", "状态"):
        table.add_column(header, overflow="fold", no_wrap=header in ("编号", "时段", "有效期至", "状态"))
    for w in items:
        table.add_row(w.id, f"{titles.get(w.rule, w.rule)}\n[dim]{w.rule}[/]", w.window or "全部",
                      w.reason, f"{w.approved_by}\n{w.approved_on.isoformat()}",
                      w.expires.isoformat() if w.expires else "长期", w.state(day))
    Console(highlight=False).print(table)


COMMANDS = (waiver,)
