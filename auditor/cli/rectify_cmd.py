"""`auditor rectify add | list | edit | close`: the rectification ledger (整改台账)."""

from __future__ import annotations

import json
from typing import Any

import click

from auditor.cli.main import Context, pass_context

STATUSES = ("待整改", "整改中", "已完成")


@click.group()
def rectify() -> None:
    """整改台账：每个问题的整改措施、责任人、时限和进度，直到整改完成。

    超过时限仍未完成的事项会出现在 auditor check、auditor remind、终端界面和自查报告第三部分。

    Example: auditor rectify add --problem "9月支委会到会未过半" --measure "重新召开支委会审议" --responsible 王建国 --deadline 2026-10-31
    """


OPTION_NAMES = {"problem": "--problem", "measure": "--measure", "responsible": "--responsible",
                "deadline": "--deadline", "status": "--status", "rule": "--rule", "window": "--window",
                "found_on": "--found", "completed_on": "--completed", "evidence": "--evidence", "note": "--note"}


def _fields(ctx: Context, values: dict[str, Any], partial: bool) -> dict[str, Any]:
    """Option values -> a rectification document; a bad value names its option."""
    from auditor.errors import InputError
    from auditor.fields import FieldError
    from auditor.ledger_fields import parse_rectification
    from auditor.periods import today

    rule_ids = {r.id for r in ctx.session.ruleset.rules}
    try:
        return parse_rectification(values, rule_ids, today(), partial=partial)
    except FieldError as e:
        raise InputError(f"{OPTION_NAMES[e.field]}：{e.msg}") from None


def _common(func: Any) -> Any:
    for decorator in reversed((
        click.option("--problem", metavar="问题", help="存在问题。"),
        click.option("--measure", metavar="措施", help="整改措施。"),
        click.option("--responsible", metavar="责任人", help="责任人。"),
        click.option("--deadline", metavar="日期", help="整改时限，如 2026-12-31。"),
        click.option("--rule", metavar="规则id", help="对应的规则，如 branch.committee-quorum（可不填）。"),
        click.option("--window", metavar="期间", help="对应规则的时段，如 2026-09（可不填）。"),
        click.option("--found", "found_on", metavar="日期", help="发现问题的日期（默认今天）。"),
        click.option("--evidence", metavar="材料", help="佐证材料（文件路径或记录编号），用；分隔。"),
        click.option("--note", metavar="备注", help="备注。"),
    )):
        func = decorator(func)
    return func


@rectify.command("add")
@_common
@pass_context
def add_item(ctx: Context, **values: str | None) -> None:
    """登记一项整改事项（状态为“待整改”），成功后输出编号。

    给出 --rule（和 --window）而不写 --problem 时，问题取该规则（该时段）在发现日期的检查结论。

    Example: auditor rectify add --rule local.quarterly-report --window 2026Q3 --measure "补报并说明原因" --responsible 陈志强 --deadline 2026-11-15
    """
    if values.get("rule") and not (values.get("problem") or "").strip():
        values["problem"] = _finding(ctx, values["rule"] or "", values.get("window") or "", values.get("found_on"))
    item = ctx.session.store.add_rectification(_fields(ctx, values, partial=False))
    click.echo(item.id)


def _finding(ctx: Context, rule: str, window: str, found: str | None) -> str:
    """The check's sentence for a rule (in a window), as of the day the problem was found."""
    from auditor.dates import parse_date
    from auditor.engine.rectification import problem_from_result
    from auditor.errors import NotFoundError
    from auditor.periods import current_period, parse_period, today

    day = parse_date(found, today(), where="--found") if found else today()
    period = parse_period(window) if window.strip() else current_period(day, "half")
    try:
        result = ctx.session.assess(period, day).result(rule)
    except KeyError:
        raise NotFoundError(f"--rule：没有 id 为 {rule} 的规则，请用 auditor rules list 查看。") from None
    return problem_from_result(result, period.id)


@rectify.command("edit")
@click.argument("key", metavar="编号")
@_common
@click.option("--status", type=click.Choice(STATUSES), help="进度：待整改、整改中或已完成。")
@click.option("--completed", "completed_on", metavar="日期", help="完成日期。")
@pass_context
def edit_item(ctx: Context, key: str, **values: str | None) -> None:
    """修改整改事项：只改给出的字段，修改前后的值记入历史。

    Example: auditor rectify edit Z002 --status 整改中 --note "已起草报告"
    """
    from auditor.errors import InputError

    given = {k: v for k, v in values.items() if v is not None}
    if not given:
        raise InputError("没有给出要修改的字段，请加上如 --status 整改中 的选项。")
    store = ctx.session.store
    before = store.rectification(key)
    changes = _fields(ctx, given, partial=True)
    if changes.get("status") == "已完成" and not (changes.get("completed_on") or before.completed_on):
        from auditor.periods import today

        changes["completed_on"] = today().isoformat()
    after = store.update_rectification(before.id, changes)
    click.echo(f"{key} 没有变化。" if after == before else f"已修改 {after.id}（{after.status}）。")


@rectify.command("close")
@click.argument("key", metavar="编号")
@click.option("--on", "day", metavar="日期", help="完成日期（默认今天）。")
@click.option("--evidence", metavar="材料", help="整改佐证材料（文件路径或记录编号），用；分隔。")
@pass_context
def close_item(ctx: Context, key: str, day: str | None, evidence: str | None) -> None:
    """整改完成：状态改为“已完成”，记下完成日期和佐证材料。

    Example: auditor rectify close Z002 --on 2026-11-25 --evidence "R00210；整改报告.pdf"
    """
    from auditor.dates import parse_date
    from auditor.fields import split_list
    from auditor.periods import today

    when = parse_date(day, today(), where="--on") if day else today()
    item = ctx.session.store.close_rectification(key, when, split_list(evidence or ""))
    late = f"，超过时限{(when - item.deadline).days}天" if when > item.deadline else ""
    click.echo(f"已完成 {item.id}（{when.isoformat()}{late}）。")


@rectify.command("list")
@click.option("--open", "only_open", is_flag=True, help="只列出未完成的事项。")
@click.option("--as-of", "as_of", metavar="日期", help="按哪一天判断是否超期（默认今天）。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@pass_context
def list_items(ctx: Context, only_open: bool, as_of: str | None, as_json: bool) -> None:
    """列出整改台账，超过时限仍未完成的标红。

    Example: auditor rectify list --open
    """
    import msgspec

    from auditor.dates import parse_date
    from auditor.periods import today

    day = parse_date(as_of, where="--as-of") if as_of else today()
    items = [it for it in ctx.session.store.rectifications() if it.is_open or not only_open]
    if as_json:
        docs = [{**msgspec.to_builtins(it), "overdue": it.overdue(day)} for it in items]
        click.echo(json.dumps(docs, ensure_ascii=False, indent=2))
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
