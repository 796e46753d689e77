"""Moving records in and out: `import`, `export`, and `attach` for evidence files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from auditor.cli.main import Context, pass_context
from auditor.engine.attribution import LATE_WARNING
from auditor.errors import os_reason

if TYPE_CHECKING:
    from auditor.rulebook.kinds import Vocabulary

PREVIEW = 20


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="只检查并预览将导入的记录，不写入。")
@click.option("--allow-duplicates", is_flag=True,
              help="日期、类型、主题都与已有记录相同的行也导入（默认跳过并列出）。")
@pass_context
def import_(ctx: Context, file: Path, dry_run: bool, allow_duplicates: bool) -> None:
    """从 CSV、Excel（.xlsx）或 auditor 导出的 JSON 文件导入活动记录。

    CSV 可为 UTF-8（带不带 BOM 均可）或 GBK，列名中英文均可。全部行无误才会写入；
    有问题的行逐行列出行号和字段，退出码 2。与已有记录日期、类型、主题都相同的行
    视为重复，列出并跳过。导入前自动备份数据文件。

    Example: auditor import 2026年上半年活动.xlsx --dry-run
    """
    from auditor.engine.attribution import settle_new
    from auditor.io.importing import plan_import
    from auditor.periods import today

    session = ctx.session
    store = session.store
    plan = plan_import(file, session.vocabulary, today(), store.records(), allow_duplicates=allow_duplicates)
    vocab = session.vocabulary
    unit = "条" if plan.keep_ids else "行"
    verb = "将跳过" if dry_run else "已跳过"
    for d in plan.duplicates:
        click.echo(f"第{d.row}{unit}  {d.doc['date']}  {vocab.label(d.doc['kind'])}  {d.doc['title']}："
                   f"与 {d.of} 重复（日期、类型、主题相同），{verb}。")
    skipped = f"，跳过重复{len(plan.duplicates)}条" if plan.duplicates else ""
    notes = {number: settle_new(doc, vocab) for number, doc in plan.new}
    _echo_attribution(plan.new, notes, unit, vocab, shown=PREVIEW if dry_run else 0)
    if dry_run:
        for number, doc in plan.new[:PREVIEW]:
            click.echo(f"第{number}{unit}  {doc['date']}  {vocab.label(doc['kind'])}  {doc['title']}　{notes[number]}")
        if len(plan.new) > PREVIEW:
            click.echo(f"……另有{len(plan.new) - PREVIEW}条")
        click.echo(f"检查通过：{file.name} 可导入{len(plan.new)}条记录{skipped}（预览，未写入）。")
        return
    if not plan.new:
        click.echo(f"{file.name} 中没有新记录可导入{skipped}。")
        return
    added = store.add_many(plan.docs, note=f"从 {file.name} 导入", keep_ids=plan.keep_ids, backup_reason="import")
    click.echo(f"已导入{len(added)}条记录（{added[0].id}—{added[-1].id}）{skipped}；导入前的数据已自动备份。")


def _echo_attribution(new: list[tuple[int, dict[str, Any]]], notes: dict[int, str], unit: str,
                      vocab: Vocabulary, shown: int) -> None:
    """The periods read from titles and the late-kind warnings, beyond the rows previewed."""
    flagged = [(n, d) for n, d in new[shown:] if "据标题推断" in notes[n] or LATE_WARNING in notes[n]]
    for number, doc in flagged[:PREVIEW]:
        click.echo(f"第{number}{unit}  {doc['date']}  {vocab.label(doc['kind'])}  {doc['title']}　{notes[number]}")
    if len(flagged) > PREVIEW:
        click.echo(f"……另有{len(flagged) - PREVIEW}条据标题推断了所属期间或需核对所属期间")


@click.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json"]),
              help="导出格式（默认按文件扩展名）。")
@click.option("--period", "-p", metavar="期间", help="只导出该期间的记录，如 2026H1。")
@click.option("--kind", "-k", metavar="类型", help="只导出该类型，如 主题党日。")
@click.option("--topic", "-t", metavar="标签", help="只导出带该标签的记录。")
@click.option("--text", metavar="文字", help="主题、摘要、主持人中包含这段文字。")
@pass_context
def export(ctx: Context, file: Path, fmt: str | None, period: str | None, kind: str | None,
           topic: str | None, text: str | None) -> None:
    """导出活动记录：CSV（Excel 可直接打开）、Excel（.xlsx）或 JSON（完整数据，可再导入）。

    FILE 为 - 时输出到屏幕（CSV 或 JSON）。

    Example: auditor export 2026年活动记录.xlsx --period 2026
    """
    import sys

    from auditor.engine.query import RecordFilter
    from auditor.io import export as ex

    session = ctx.session
    store = session.store
    flt = RecordFilter.from_text(session.vocabulary, period=period, kind=kind, topic=topic, text=text)
    records = flt.apply(store.records())
    to_stdout = str(file) == "-"
    form = ex.format_of(Path("out.json") if to_stdout and not fmt else file, fmt)
    if form == "xlsx":
        if to_stdout:
            from auditor.errors import InputError

            raise InputError("Excel 文件不能输出到屏幕，请给出 .xlsx 文件名。")
        ex.write_xlsx(file, records, session.vocabulary)
    else:
        if form == "csv":
            payload = ex.to_csv(records, session.vocabulary)
        else:
            from auditor.store.store import now_iso

            payload = ex.to_json(records, store.profile(), store.waivers(), now_iso())
        if to_stdout:
            sys.stdout.buffer.write(payload)
            sys.stdout.flush()
            return
        _write(file, payload)
    click.echo(f"已导出{len(records)}条记录到 {file}。")


def _write(path: Path, payload: bytes) -> None:
    from auditor.errors import InputError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(payload)
    except OSError as e:
        raise InputError(f"无法写入 {path}（{os_reason(e)}），请检查路径，或先在 Excel 中关闭这个文件。") from None


@click.command()
@click.argument("record_id", metavar="编号")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--link", is_flag=True, help="只记下文件路径，不复制（文件移动后会找不到）。")
@pass_context
def attach(ctx: Context, record_id: str, files: tuple[Path, ...], link: bool) -> None:
    """给记录添加佐证材料（会议记录、照片、签到表）。

    默认把文件复制到数据文件旁的 evidence/编号/ 文件夹，数据和材料一起搬移、备份。

    Example: auditor attach R00012 会议记录.pdf 签到表.jpg
    """
    from auditor.errors import InputError
    from auditor.store.evidence import copy_in

    session = ctx.session
    record = session.store.record(record_id)
    if link:
        missing = [f for f in files if not f.is_file()]
        if missing:
            raise InputError(f"找不到佐证材料文件 {missing[0]}，请检查路径。")
        refs = [str(f.resolve()) for f in files]
    else:
        refs = copy_in(session.db_path, record_id, list(files))
    new = [r for r in refs if r not in record.evidence]
    session.store.update(record_id, {"evidence": [*record.evidence, *new]})
    where = "已记下路径" if link else f"已复制到 {session.db_path.parent / 'evidence' / record_id}"
    click.echo(f"{record_id} 新增佐证材料{len(new)}个（{where}）。")


COMMANDS = (import_, export, attach)
