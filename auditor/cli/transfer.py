"""Moving records in and out: `import`, `export`, and `attach` for evidence files."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from auditor.cli.main import Context, pass_context
from auditor.engine.attribution import LATE_WARNING

if TYPE_CHECKING:
    from auditor.io.headers import Header
    from auditor.io.importing import ImportPlan
    from auditor.model import Record
    from auditor.rulebook.kinds import Vocabulary

PREVIEW = 20
NAME_FIELDS = ("unit_name", "branch_name", "secretary", "superior")


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="只检查并预览将导入的记录，不写入。")
@click.option("--allow-duplicates", is_flag=True,
              help="日期、类型、主题都与已有记录相同的行也导入（默认跳过并列出）。")
@click.option("--with-rules", is_flag=True,
              help="auditor 导出的 JSON 文件带有原单位的规则目录时，一并导入并记入单位概况。")
@pass_context
def import_(ctx: Context, file: Path, dry_run: bool, allow_duplicates: bool, with_rules: bool) -> None:
    """从 CSV、Excel（.xlsx）、auditor 导出的 JSON 文件，或 Word 会议记录（.docx，或装有 .docx 的文件夹）导入活动记录。

    Word 会议记录每个文件成为一条记录，文件本身作为佐证材料附上（见 docs/minutes.md）。

    CSV 可为 UTF-8（带不带 BOM 均可）或 GBK，列名中英文均可。全部行无误才会写入；
    有问题的行逐行列出行号和字段，退出码 2。与已有记录日期、类型、主题都相同的行
    视为重复，列出并跳过。导入前自动备份数据文件。

    示例：auditor import 2026年上半年活动.xlsx --dry-run
    """
    if file.is_dir() or file.suffix.lower() in (".docx", ".doc"):
        from auditor.cli.minutes_import import import_minutes

        import_minutes(ctx, file, dry_run=dry_run, allow_duplicates=allow_duplicates)
        return
    from auditor import actions
    from auditor.periods import today

    session = ctx.session
    said, undo = _bring_rules(ctx, file) if with_rules and not dry_run else ([], {})
    try:
        plan = actions.plan_import(session, file, today(), allow_duplicates=allow_duplicates)
    except Exception:
        if undo:  # all or nothing: a refused import leaves the profile as it was
            actions.save_profile(session, undo)
        raise
    for line in said:
        click.echo(line)
    vocab = session.vocabulary
    unit = "条" if plan.keep_ids else "行"
    verb = "将跳过" if dry_run else "已跳过"
    for d in plan.duplicates:
        click.echo(f"第{d.row}{unit}  {d.doc['date']}  {vocab.label(d.doc['kind'])}  {d.doc['title']}："
                   f"与 {d.of} 重复（日期、类型、主题相同），{verb}。")
    _warn_ahead(plan, unit)
    notes = actions.attribute_plan(session, plan)
    _echo_attribution(plan.new, notes, unit, vocab, shown=PREVIEW if dry_run else 0)
    conclude(plan, dry_run, _preview(plan, notes, unit, vocab), lambda: actions.import_records(session, plan),
             name=f"{file.name} ", empty=f"{file.name} 中没有新记录可导入")


def conclude(plan: ImportPlan, dry_run: bool, preview: Iterable[str], store: Callable[[], Sequence[Record]], *,
             name: str = "", empty: str, attached: str = "", unit: str = "条") -> None:
    """The end of every import: with --dry-run the preview and 检查通过, else store the new
    records and say which were stored (``empty``: what to say, up to the skipped ones, when none is new)."""
    skipped = f"，跳过重复{len(plan.duplicates)}{unit}" if plan.duplicates else ""
    if dry_run:
        for line in preview:
            click.echo(line)
        click.echo(f"检查通过：{name}可导入{len(plan.new)}条记录{skipped}（预览，未写入）。")
        return
    if not plan.new:
        click.echo(f"{empty}{skipped}。")
        return
    added = store()
    click.echo(f"已导入{len(added)}条记录（{added[0].id}—{added[-1].id}）{attached}{skipped}；导入前的数据已自动备份。")


def _warn_ahead(plan: ImportPlan, unit: str) -> None:
    """Dates after today are imported (plans may be logged early), with a word on stderr."""
    from auditor.periods import today

    ahead = [n for n, doc in plan.new if str(doc["date"]) > today().isoformat()]
    if ahead:
        rows = "、".join(f"第{n}{unit}" for n in ahead[:10]) + ("等" if len(ahead) > 10 else "")
        click.echo(f"提示：{rows}共{len(ahead)}条的日期在今天（{today().isoformat()}）之后，照样导入（可提前登记计划）；"
                   "如是笔误请改正后再导入。", err=True)


def _preview(plan: ImportPlan, notes: dict[int, str], unit: str, vocab: Vocabulary) -> Iterator[str]:
    """What `import --dry-run` shows of a table: the columns read, then the first rows."""
    if plan.header is not None:
        yield "\n".join(mapping_lines(plan.header))
    for number, doc in plan.new[:PREVIEW]:
        yield f"第{number}{unit}  {doc['date']}  {vocab.label(doc['kind'])}  {doc['title']}　{notes[number]}"
    if len(plan.new) > PREVIEW:
        yield f"……另有{len(plan.new) - PREVIEW}条"


def _echo_attribution(new: list[tuple[int, dict[str, Any]]], notes: dict[int, str], unit: str,
                      vocab: Vocabulary, shown: int) -> None:
    """The periods read from titles and the late-kind warnings, beyond the rows previewed."""
    flagged = [(n, d) for n, d in new[shown:] if "据标题推断" in notes[n] or LATE_WARNING in notes[n]]
    for number, doc in flagged[:PREVIEW]:
        click.echo(f"第{number}{unit}  {doc['date']}  {vocab.label(doc['kind'])}  {doc['title']}　{notes[number]}")
    if len(flagged) > PREVIEW:
        click.echo(f"……另有{len(flagged) - PREVIEW}条据标题推断了所属期间或需核对所属期间")


def _bring_rules(ctx: Context, file: Path) -> tuple[list[str], dict[str, Any]]:
    """Install the unit rule folders an export carries and add them to the profile (checked first).

    Returns what to tell the user once the records are accepted, and the profile fields to
    put back if they are not."""
    from auditor import actions
    from auditor.io.importing import install_carried_rules

    session = ctx.session
    names, carried = install_carried_rules(file, session.db_path.parent)
    profile = session.store.profile()
    new = tuple(n for n in names if n not in profile.rules_dirs)
    # the unit's names come along where this database has none yet
    named = {k: v for k, v in carried.items() if k in NAME_FIELDS and isinstance(v, str) and not getattr(profile, k)}
    if not new and not named:
        return [], {}
    undo: dict[str, Any] = {"rules_dirs": profile.rules_dirs, **{k: getattr(profile, k) for k in named}}
    actions.save_profile(session, {"rules_dirs": (*profile.rules_dirs, *new), **named})
    base = session.db_path.parent
    said = []
    if new:
        said.append(f"已导入原单位的规则目录：{'、'.join(str(base / n) for n in new)}（已记入单位概况）。")
    if named:
        said.append(f"单位概况取自导出文件：{'，'.join(named.values())}。")
    return said, undo


def mapping_lines(header: Header) -> list[str]:
    """The header row chosen and each column's field, as `import --dry-run` shows them."""
    from auditor.io.tabular import LABELS

    rows = f"第{header.first_row}—{header.row}行（两行表头）" if header.first_row != header.row else f"第{header.row}行"
    above = f"；上方的“{'”“'.join(header.skipped)}”视为标题，不导入" if header.skipped else ""
    lines = [f"表头在{rows}{above}。各列对应："]
    for c in header.columns:
        if c.name is None and c.why == "空列":
            continue
        target = f"不导入（{c.why}）" if c.name is None else LABELS.get(c.name, "内容摘要（写在摘要之后）")
        lines.append(f"  {c.letter}列 {c.header} → {target}")
    empty = [c.letter for c in header.columns if c.why == "空列"]
    if empty:
        lines.append(f"  空列（{'、'.join(empty)}）不导入")
    return lines


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

    示例：auditor export 2026年活动记录.xlsx --period 2026
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

            unit_rules = ex.unit_rule_files(session.rules_dirs())
            payload = ex.to_json(records, store.profile(), store.waivers(), now_iso(), unit_rules)
        if to_stdout:
            sys.stdout.buffer.write(payload)
            sys.stdout.flush()
            return
        _write(file, payload, private=form == "json")
    click.echo(f"已导出{len(records)}条记录到 {file}。")


def _write(path: Path, payload: bytes, private: bool) -> None:
    """Atomically, so a full disk never leaves a 0-byte file; the full JSON (personnel data) is 0600."""
    from auditor.store.atomic import write_atomic

    write_atomic(path, payload, mode=0o600 if private else 0o666)  # 0666: the user's umask decides


@click.command()
@click.argument("record_id", metavar="编号")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--link", is_flag=True, help="只记下文件路径，不复制（文件移动后会找不到）。")
@pass_context
def attach(ctx: Context, record_id: str, files: tuple[Path, ...], link: bool) -> None:
    """给记录添加佐证材料（会议记录、照片、签到表）。

    默认把文件复制到数据文件旁的 evidence/编号/ 文件夹，数据和材料一起搬移、备份。

    示例：auditor attach R00012 会议记录.pdf 签到表.jpg
    """
    from auditor import actions

    session = ctx.session
    new = actions.attach_evidence(session, record_id, files, link=link)
    where = "已记下路径" if link else f"已复制到 {session.db_path.parent / 'evidence' / record_id}"
    click.echo(f"{record_id} 新增佐证材料{len(new)}个（{where}）。")


COMMANDS = (import_, export, attach)
