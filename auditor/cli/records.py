"""Record input and listing: `add`, `import`, `list`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from auditor.cli.main import Context, pass_context
from auditor.fields import FIELDS


def _field_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for spec in reversed(FIELDS):
        opt = "--" + spec.name.replace("_", "-")
        func = click.option(opt, spec.name, metavar=spec.header, help=spec.help + "。")(func)
    return func


@click.command()
@_field_options
@pass_context
def add(ctx: Context, **values: str | None) -> None:
    """记一条活动记录，成功后输出新记录的编号。

    Example: auditor add --date 2026-11-20 --kind 主题党日 --title 学习党的二十届四中全会精神
    --expected 12 --present 11 --absentees "张三（出差）"
    """
    from auditor.fields import parse_fields
    from auditor.periods import today

    session = ctx.session
    given = {k: v for k, v in values.items() if v is not None}
    doc = parse_fields(given, session.vocabulary, today())
    record = session.store.add(doc)
    click.echo(record.id)


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="只检查并预览，不写入。")
@pass_context
def import_(ctx: Context, file: Path, dry_run: bool) -> None:
    """从 CSV 文件导入活动记录（UTF-8 或 GBK，列名中英文均可）。

    全部行无误才会写入；有问题的行逐行列出行号和字段，退出码 2。

    Example: auditor import 2026年上半年活动.csv
    """
    from auditor.io.tabular import parse_rows, read_csv
    from auditor.periods import today

    session = ctx.session
    docs = parse_rows(file, read_csv(file), session.vocabulary, today())
    if dry_run:
        click.echo(f"检查通过：{file.name} 共{len(docs)}条记录可以导入（未写入）。")
        return
    added = session.store.add_many(docs)
    click.echo(f"已导入{len(added)}条记录（{added[0].id}—{added[-1].id}）。")


@click.command("list")
@click.option("--period", "-p", metavar="期间", help="只列出该期间的记录，如 2026H1。")
@click.option("--kind", "-k", metavar="类型", help="只列出该类型，如 主题党日。")
@click.option("--topic", "-t", metavar="标签", help="只列出带该标签的记录，如 意识形态。")
@click.option("--text", metavar="文字", help="主题、摘要、主持人中包含这段文字。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@pass_context
def list_(
    ctx: Context, period: str | None, kind: str | None, topic: str | None, text: str | None,
    as_json: bool,
) -> None:
    """列出活动记录（按日期排序）。

    Example: auditor list --period 2026H1 --kind 主题党日
    """
    from auditor.model import record_to_doc
    from auditor.query import RecordFilter

    session = ctx.session
    flt = RecordFilter.from_text(session.vocabulary, period=period, kind=kind, topic=topic, text=text)
    records = flt.apply(session.store.records())
    if as_json:
        click.echo(json.dumps([record_to_doc(r) for r in records], ensure_ascii=False, indent=2))
        return
    vocab = session.vocabulary
    for r in records:
        att = f"{r.present}/{r.expected}" if r.expected is not None else ""
        click.echo(f"{r.id}  {r.date.isoformat()}  {vocab.label(r.kind):<8}\t{r.title}\t{r.host}\t{att}")
    click.echo(f"共{len(records)}条。")


COMMANDS = (add, import_, list_)
