"""`auditor check`: the assessment as a Chinese table or JSON, with an exit code."""

from __future__ import annotations

import json

import click

from auditor.cli.main import Context, pass_context
from auditor.cli.options import period_options, resolve_period


@click.command()
@period_options
@click.option("--json", "as_json", is_flag=True, help="输出 JSON（供脚本和其他程序使用）。")
@click.option("--all", "show_all", is_flag=True, help="列出每个时段（月、季度）的结果。")
@click.option("--body", metavar="主体",
              help="检查哪个主体的职责，如 党组、党支部（默认为单位概况中的汇报主体）。")
@pass_context
def check(
    ctx: Context, period: str | None, as_of: str | None, as_json: bool, show_all: bool, body: str | None
) -> int:
    """检查各项规则在某一期间的落实情况。

    有必做项“未完成”或“逾期未完成”、或某条规则检查出错（其他规则照常检查）时退出码为 1，
    输入有误为 2。加 --debug 显示出错规则的技术信息。

    示例：auditor check --period 2026H1 --as-of 2026-06-30；auditor check --body 党组
    """
    p, day = resolve_period(period, as_of)
    assessment = ctx.session.assess(p, day, body)
    if as_json:
        click.echo(json.dumps(assessment.to_dict(), ensure_ascii=False, indent=2))
    else:
        from auditor.cli.render import render_assessment

        render_assessment(assessment, ctx.session.profile, show_all=show_all)
        _other_bodies_hint(ctx, body)
    if ctx.debug:
        for r in assessment.results:
            if r.error:
                click.echo(f"规则 {r.rule} 检查出错：\n{r.error}", err=True)
    return 1 if assessment.failed else 0


def _other_bodies_hint(ctx: Context, body: str | None) -> None:
    """The log also holds another body's work (a 支部's log with the 党组's meetings): say how to see it."""
    from auditor.engine.bodies import other_bodies

    session = ctx.session
    others = other_bodies(session.scope(body), list(session.store.records()), session.profile.bodies)
    if others:
        found = session.vocabulary.find_body(others[0])
        name = found.aliases[0] if found and found.aliases else others[0]  # 党组: no brackets to quote
        click.echo(f"本记录簿还记有{'、'.join(others)}的工作，未计入以上检查；")
        click.echo(f"查看其职责：auditor check --body {name}")


COMMANDS = (check,)
