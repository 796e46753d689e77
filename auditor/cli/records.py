"""Record lifecycle: `add`, `list`, `show`, `edit`, `rm`, `restore-record`.

Writes go through ``auditor.actions`` (as the TUI's do), so both faces validate and keep
history the same way; options come from ``auditor.forms.RECORD``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import click

from auditor import actions
from auditor.cli.main import Context, pass_context
from auditor.cli.options import form_options, given, naming_options
from auditor.cli.width import columns
from auditor.forms import RECORD

LIST_CAPS = [8, 10, 24, 40, 20]
"""Widest a column of `list` is padded to (id, date, kind, title, host): longer cells push on."""


@click.command()
@form_options(RECORD)
@pass_context
def add(ctx: Context, **values: str | None) -> None:
    """记一条活动记录，成功后输出新记录的编号。

    示例：auditor add --date 2026-11-20 --kind 主题党日 --title 学习党的二十届四中全会精神
    --expected 12 --present 11 --absentees "张三（出差）"
    """
    from auditor.dates import future_note
    from auditor.periods import today

    with naming_options(RECORD):
        record = actions.add_record(ctx.session, given(values), today())
    click.echo(record.id)
    click.echo(actions.attribution_note(ctx.session, record), err=True)  # stdout: the bare id for scripts
    if note := future_note(record.date, today()):
        click.echo(note, err=True)


@click.command()
@click.argument("record_id", metavar="编号")
@form_options(RECORD)
@pass_context
def edit(ctx: Context, record_id: str, **values: str | None) -> None:
    """修改一条记录：只改给出的字段，选项与 add 相同；给空字符串（""）清空该字段。

    修改前后的值记入历史，可用 auditor show 查看。

    示例：auditor edit R00012 --present 11 --absentees "张三（出差）" --location ""
    """
    from auditor.errors import InputError
    from auditor.periods import today

    session = ctx.session
    if not given(values):
        raise InputError("没有给出要修改的字段，请加上如 --title 新主题 的选项（auditor edit --help 查看全部）。")
    with naming_options(RECORD):
        before, after = actions.edit_record(session, record_id, given(values), today())
    if after.covers != before.covers or after.title != before.title:
        click.echo(actions.attribution_note(session, after), err=True)
    if after == before:
        click.echo(f"{record_id} 没有变化。")
        return
    from auditor.cli.record_view import describe_changes

    history = session.store.history(record_id)
    click.echo(f"已修改 {record_id}：{describe_changes(history[-1].changes, session.vocabulary)}")
    from auditor.dates import future_note

    if after.date != before.date and (note := future_note(after.date, today())):
        click.echo(note, err=True)


@click.command("list")
@click.option("--period", "-p", metavar="期间", help="只列出该期间的记录，如 2026H1。")
@click.option("--kind", "-k", metavar="类型", help="只列出该类型，如 主题党日。")
@click.option("--topic", "-t", metavar="标签", help="只列出带该标签的记录，如 意识形态。")
@click.option("--text", metavar="文字", help="主题、摘要、主持人中包含这段文字。")
@click.option("--deleted", is_flag=True, help="列出已删除（回收站中）的记录。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@pass_context
def list_(
    ctx: Context, period: str | None, kind: str | None, topic: str | None, text: str | None,
    deleted: bool, as_json: bool,
) -> None:
    """列出活动记录（按日期排序）。

    示例：auditor list --period 2026H1 --kind 主题党日
    """
    from auditor.engine.query import RecordFilter

    session = ctx.session
    flt = RecordFilter.from_text(session.vocabulary, period=period, kind=kind, topic=topic, text=text)
    if deleted:
        _list_deleted(ctx, flt, as_json)
        return
    records = flt.apply(session.store.records())
    if as_json:
        write_json_list(records)
        return
    vocab = session.vocabulary
    rows = [[r.id, r.date.isoformat(), vocab.label(r.kind), r.title, r.host,
             f"{r.present}/{r.expected}" if r.expected is not None else ""] for r in records]
    for line in columns(rows, LIST_CAPS):
        click.echo(line)
    click.echo(f"共{len(records)}条。")


def write_json_list(items: Iterable[Any]) -> None:
    """A JSON array on stdout, one item at a time: 100,000 records never become one string.

    The layout is ``json.dumps(indent=2, ensure_ascii=False)``'s; msgspec encodes each item.
    """
    import sys

    import msgspec

    out = sys.stdout.buffer
    out.write(b"[")
    separator = b"\n  "
    for item in items:
        text = msgspec.json.format(msgspec.json.encode(item), indent=2)
        out.write(separator + text.replace(b"\n", b"\n  "))
        separator = b",\n  "
    out.write(b"]\n" if separator == b"\n  " else b"\n]\n")
    out.flush()


def _list_deleted(ctx: Context, flt: Any, as_json: bool) -> None:
    from auditor.model import record_to_doc

    items = [d for d in ctx.session.store.deleted() if flt.matches(d.record)]
    if as_json:
        out = [{**record_to_doc(d.record), "deleted": d.deleted, "deleted_by": d.by} for d in items]
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    vocab = ctx.session.vocabulary
    rows = [[d.record.id, d.record.date.isoformat(), vocab.label(d.record.kind), d.record.title,
             f"删除于 {d.deleted[:16].replace('T', ' ')} {d.by}"] for d in items]
    for line in columns(rows, LIST_CAPS):
        click.echo(line)
    click.echo(f"回收站共{len(items)}条；用 auditor restore-record 编号 恢复。")


@click.command()
@click.argument("record_id", metavar="编号")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON（含历史）。")
@pass_context
def show(ctx: Context, record_id: str, as_json: bool) -> None:
    """显示一条记录的全部内容和修改历史（谁、何时、改了什么）。

    示例：auditor show R00012
    """
    from auditor.cli.record_view import find_any, render_record

    store = ctx.session.store
    record, deleted = find_any(store, record_id)
    history = store.history(record_id)
    if as_json:
        import msgspec

        from auditor.model import record_to_doc

        out = {"record": record_to_doc(record), "deleted": deleted is not None,
               "history": msgspec.to_builtins(history)}
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    render_record(record, deleted, history, ctx.session.vocabulary, ctx.session.db_path)


@click.command()
@click.argument("record_ids", nargs=-1, required=True, metavar="编号…")
@click.option("--yes", "-y", is_flag=True, help="不再询问，直接删除。")
@pass_context
def rm(ctx: Context, record_ids: tuple[str, ...], yes: bool) -> None:
    """删除记录（移入回收站，可用 auditor restore-record 恢复）。

    示例：auditor rm R00012
    """
    store = ctx.session.store
    vocab = ctx.session.vocabulary
    records = [store.record(rid) for rid in record_ids]  # every id is checked before asking
    for r in records:
        click.echo(f"{r.id}  {r.date.isoformat()}  {vocab.label(r.kind)}  {r.title}")
    if not yes:
        click.confirm(f"确认删除以上{len(records)}条记录？", abort=True)
    actions.delete_records(ctx.session, [r.id for r in records])
    ids = " ".join(r.id for r in records)
    click.echo(f"已删除{len(records)}条记录（移入回收站）；如需恢复：auditor restore-record {ids}")


@click.command("restore-record")
@click.argument("record_ids", nargs=-1, required=True, metavar="编号…")
@pass_context
def restore_record(ctx: Context, record_ids: tuple[str, ...]) -> None:
    """把删除的记录从回收站恢复（编号不变）。

    示例：auditor restore-record R00012
    """
    for r in actions.restore_records(ctx.session, record_ids):
        click.echo(f"已恢复 {r.id}  {r.date.isoformat()}  {r.title}")


COMMANDS = (add, list_, show, edit, rm, restore_record)
