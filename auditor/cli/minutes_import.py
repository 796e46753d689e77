"""`auditor import FILE.docx` and `auditor import FOLDER/`: Word minutes, one record per file.

Every file is read and checked first; one bad file stores nothing (exit 2, each file's
problems named). Then the records are stored in one write and each file is attached to
its record as evidence. ``--dry-run`` shows what each file gives and stores nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from auditor.cli.main import Context

SHOWN = (("host", "主持人"), ("recorder", "记录人"), ("location", "地点"))


def import_minutes(ctx: Context, path: Path, *, dry_run: bool, allow_duplicates: bool) -> None:
    from auditor.io.importing import ImportPlan, sift
    from auditor.io.minutes_docx import minutes_paths, read_minutes
    from auditor.periods import today

    session = ctx.session
    paths, old = minutes_paths(path)
    files = read_minutes(paths, session.vocabulary, session.profile, today())
    by_number = {n: f.path for n, f in enumerate(files, start=1)}
    plan = sift(ImportPlan(path), [(n, f.doc) for n, f in enumerate(files, start=1)], session.store.records(),
                allow_duplicates=allow_duplicates, where=lambda n: by_number[n].name)
    vocab = session.vocabulary
    verb = "将跳过" if dry_run else "已跳过"
    for d in plan.duplicates:
        click.echo(f"{by_number[d.row].name}：与 {d.of} 重复（日期、类型、主题相同），{verb}。")
    if old:
        click.echo(f"另有{len(old)}个旧版 .doc 文件未读取（{old[0].name} 等），请在 Word 或 WPS 中另存为 .docx。")
    skipped = f"，跳过重复{len(plan.duplicates)}个文件" if plan.duplicates else ""
    if dry_run:
        for number, doc in plan.new:
            click.echo(f"{by_number[number].name}  →  {describe(doc, vocab.label(doc['kind']))}")
        click.echo(f"检查通过：可导入{len(plan.new)}条记录{skipped}（预览，未写入）。")
        return
    if not plan.new:
        click.echo(f"没有新的会议记录可导入{skipped}。")
        return
    added = _store(ctx, plan, by_number)
    click.echo(f"已导入{len(added)}条记录（{added[0]}—{added[-1]}），每个文件已作为佐证材料附在记录上"
               f"{skipped}；导入前的数据已自动备份。")


def _store(ctx: Context, plan: Any, by_number: dict[int, Path]) -> list[str]:
    """Add the records in one write, then attach each file to its record."""
    session = ctx.session
    added = session.store.add_many(plan.docs, note=f"从 {plan.source.name} 导入会议记录", backup_reason="import")
    from auditor.store.evidence import copy_in

    for (number, _), record in zip(plan.new, added, strict=True):
        refs = copy_in(session.db_path, record.id, [by_number[number]])
        session.store.update(record.id, {"evidence": [*record.evidence, *refs]})
    return [r.id for r in added]


def describe(doc: dict[str, Any], kind_label: str) -> str:
    """One line of what a file gives: date, kind, title, people, attendance, content length."""
    parts = [f"{doc['date']} {doc.get('time', '')}".strip(), kind_label, f"“{doc['title']}”"]
    parts += [f"{label} {doc[name]}" for name, label in SHOWN if doc.get(name)]
    if doc.get("expected") is not None:
        parts.append(f"应到{doc['expected']}人实到{doc.get('present') if doc.get('present') is not None else '?'}人")
    if doc.get("absentees"):
        parts.append(f"缺席{len(doc['absentees'])}人")
    if doc.get("topics"):
        parts.append("议题 " + "、".join(doc["topics"]))
    parts.append(f"内容{len(''.join(str(doc.get('summary', '')).split()))}字")
    return "，".join(parts)
