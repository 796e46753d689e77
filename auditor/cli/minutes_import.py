"""`auditor import FILE.docx` and `auditor import FOLDER/`: Word minutes, one record per file.

Every file is read and checked first; one bad file stores nothing (exit 2, each file's
problems named). Then the records are stored in one write and each file is attached to
its record as evidence (``actions.import_minutes``). ``--dry-run`` shows what each file
gives and stores nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from auditor.cli.main import Context
from auditor.cli.transfer import conclude

SHOWN = (("host", "主持人"), ("recorder", "记录人"), ("location", "地点"))


def import_minutes(ctx: Context, path: Path, *, dry_run: bool, allow_duplicates: bool) -> None:
    from auditor import actions
    from auditor.io.minutes_docx import MinutesProblems
    from auditor.periods import today

    session = ctx.session
    try:
        minutes = actions.plan_minutes(session, path, today(), allow_duplicates=allow_duplicates)
    except MinutesProblems as e:
        if dry_run:  # the preview still shows what the good files give, then names the bad ones
            for f in e.files:
                if not f.problems:
                    click.echo(f"{f.path.name}  →  {describe(f.doc, session.vocabulary.label(f.doc['kind']))}")
        raise
    plan, files = minutes.plan, minutes.files
    verb = "将跳过" if dry_run else "已跳过"
    for d in plan.duplicates:
        click.echo(f"{files[d.row].name}：与 {d.of} 重复（日期、类型、主题相同），{verb}。")
    if minutes.old:
        click.echo(f"另有{len(minutes.old)}个旧版 .doc 文件未读取（{minutes.old[0].name} 等），"
                   "请在 Word 或 WPS 中另存为 .docx。")
    preview = (f"{files[n].name}  →  {describe(doc, session.vocabulary.label(doc['kind']))}" for n, doc in plan.new)
    conclude(plan, dry_run, preview, lambda: actions.import_minutes(session, minutes), unit="个文件",
             empty="没有新的会议记录可导入", attached="，每个文件已作为佐证材料附在记录上")


def describe(doc: dict[str, Any], kind_label: str) -> str:
    """One line of what a file gives: date, kind, title, people, attendance, content length."""
    parts = [f"{doc['date']} {doc.get('time', '')}".strip(), kind_label, f"“{doc['title']}”"]
    parts += [f"{label} {doc[name]}" for name, label in SHOWN if doc.get(name)]
    if doc.get("expected") is not None:
        present = doc.get("present")
        parts.append(f"应到{doc['expected']}人实到{'?' if present is None else present}人")
    if doc.get("absentees"):
        parts.append(f"缺席{len(doc['absentees'])}人")
    if doc.get("topics"):
        parts.append("议题 " + "、".join(doc["topics"]))
    parts.append(f"内容{len(''.join(str(doc.get('summary', '')).split()))}字")
    return "，".join(parts)
