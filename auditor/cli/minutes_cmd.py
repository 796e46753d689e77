"""`auditor minutes` (one record's 会议记录 as Word) and `auditor archive` (the period's 台账 binder)."""

from __future__ import annotations

from pathlib import Path

import click

from auditor.cli.main import Context, pass_context


@click.command()
@click.argument("record_id", metavar="编号", required=False)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), metavar="文件",
              help="输出文件（.docx，或 .pdf：需要 LibreOffice）；默认为当前目录的 会议记录-编号.docx。")
@click.option("--template", type=click.Path(path_type=Path, dir_okay=False), metavar="模板",
              help="本单位的会议记录模板（.docx，占位符写成 {{ 主持人 }}）；默认用单位概况中设置的模板。")
@click.option("--default-template", is_flag=True,
              help="不按记录生成，而是输出随附的默认模板（每个要素一个占位符），供本单位修改。")
@pass_context
def minutes(ctx: Context, record_id: str | None, output: Path | None, template: Path | None,
            default_template: bool) -> None:
    """生成一条记录的会议记录（Word），要素齐全：会议名称、时间、地点、主持人、记录人、
    应到/实到/缺席人数、缺席人员及原因、出席和列席人员、议题、会议内容和签名栏。

    记录中没有的要素留出空白待手写，不会编造；留空的要素在一条提示中列出。

    示例：auditor minutes R00012 -o 3月支委会会议记录.docx
    """
    from auditor.errors import InputError

    session = ctx.session
    if default_template:
        from auditor.report.minutes import default_template as write_template

        out = output or Path("会议记录模板.docx")
        write_template(session.profile, out)
        click.echo(f"已输出默认会议记录模板：{out}（占位符说明见 docs/minutes.md）")
        return
    if record_id is None:
        raise InputError("请给出记录编号，如 auditor minutes R00012；用 auditor list 查看编号。")
    from auditor.report.minutes import write_any

    record = session.store.record(record_id)
    out = output or Path(f"会议记录-{record.id}.docx")
    result = write_any(session, record, out, template)
    if result.missing:
        click.echo(f"提示：{record.id} 的会议记录中以下要素留空待填写：{'、'.join(result.missing)}。", err=True)
    click.echo(f"已生成会议记录：{out}")


@click.command()
@click.option("--period", "-p", metavar="期间", required=True, help="装订的期间，通常是年度，如 2026。")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), metavar="文件",
              help="输出文件：.docx，或 .pdf（由 LibreOffice 转换同一文档）；默认为 台账-期间.docx"
                   "（给出 --body 时为 台账-期间-主体.docx）。")
@click.option("--body", metavar="主体", help="装订哪个主体的台账，如 党组、党支部（默认为单位概况中的汇报主体）。")
@pass_context
def archive(ctx: Context, period: str, output: Path | None, body: str | None) -> None:
    """装订一个期间的台账：封面、按类型和月份的目录、按日期排列的每篇会议记录及其佐证材料
    （图片直接排入，其他文件列出文件名），页码连续。

    只装订一个主体的工作：支部的台账不含记录簿中党组的会议，用 --body 党组 另行装订。

    示例：auditor archive --period 2026 -o 2026年台账.pdf
    """
    from auditor.periods import parse_period
    from auditor.report.archive import write_binder

    session = ctx.session
    p = parse_period(period)
    out = output or Path(f"台账-{p.id}" + (f"-{body.strip()}" if body else "") + ".docx")  # 党组's: not over the 支部's
    binder = write_binder(session, p, out, body)
    click.echo(f"已生成台账：{out}（会议记录{len(binder.meetings)}篇，其他工作记录{len(binder.others)}条）")
    if out.suffix.lower() != ".pdf" and binder.meetings:
        click.echo("提示：目录中的页码由 Word 在打开文件时计算，询问是否更新域时请选“是”。", err=True)
    _other_bodies_hint(ctx, body, p.id)


def _other_bodies_hint(ctx: Context, body: str | None, period: str) -> None:
    """The log also holds another body's work (the 党组's meetings in a 支部's log): say how to bind it."""
    from auditor.engine.bodies import other_bodies

    session = ctx.session
    others = other_bodies(session.scope(body), list(session.store.records()), ())
    if others:
        found = session.vocabulary.find_body(others[0])
        name = found.aliases[0] if found and found.aliases else others[0]  # 党组: no brackets to quote
        click.echo(f"本记录簿还记有{'、'.join(others)}的工作，未装订入本台账；"
                   f"装订其台账：auditor archive --period {period} --body {name}", err=True)


COMMANDS = (minutes, archive)
