"""How `show` and `edit` print a record and its history (Chinese field names, readable values)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from auditor.model import Record
    from auditor.rulebook.kinds import Vocabulary
    from auditor.store.history import Change
    from auditor.store.store import DeletedRecord, Store


def find_any(store: Store, record_id: str) -> tuple[Record, DeletedRecord | None]:
    """A record in the log, or else in the trash (then with its deletion)."""
    from auditor.errors import NotFoundError

    try:
        return store.record(record_id), None
    except NotFoundError:
        for d in reversed(store.deleted()):
            if d.record.id == record_id:
                return d.record, d
        raise


def describe_changes(changes: dict[str, list[Any]], vocab: Vocabulary) -> str:
    from auditor.forms import RECORD

    order = {f.name: i for i, f in enumerate(RECORD.fields)}
    parts = []
    for name, (old, new) in sorted(changes.items(), key=lambda kv: order.get(kv[0], len(order))):
        parts.append(f"{RECORD.header(name)}“{RECORD.text(name, old, vocab)}”→“{RECORD.text(name, new, vocab)}”")
    return "；".join(parts)


def render_record(record: Record, deleted: DeletedRecord | None, history: list[Change],
                  vocab: Vocabulary, db: Path) -> None:
    from auditor.forms import RECORD
    from auditor.model import record_to_doc
    from auditor.store.evidence import resolve

    doc = record_to_doc(record)
    state = f"（已删除，{_when(deleted.deleted)} {deleted.by}；可用 auditor restore-record {record.id} 恢复）" if deleted else ""
    click.echo(f"编号：{record.id}{state}")
    if record.updated:
        from auditor.textfmt import ago, now_stamp

        moment = dt.datetime.fromisoformat(record.updated)
        click.echo(f"最后修改：{now_stamp(moment)}（{ago(moment)}）")
    for spec in RECORD.fields:
        text = RECORD.text(spec.name, doc.get(spec.name), vocab)
        if not text:
            continue
        if spec.name == "evidence":
            marks = ["" if resolve(db, ref).is_file() else "（文件不存在）" for ref in record.evidence]
            text = "；".join(ref + mark for ref, mark in zip(record.evidence, marks, strict=True))
        click.echo(f"{spec.header}：{text}")
    click.echo("历史：" if history else "历史：（无）")
    for h in history:
        detail = describe_changes(h.changes, vocab) if h.changes else h.note
        click.echo(f"  {_when(h.at)}  {h.by or '（未知）'}  {h.label}  {detail}".rstrip())


def _when(stamp: str) -> str:
    return stamp[:16].replace("T", " ") if stamp else "（时间不详）"
