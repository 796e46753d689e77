"""Use cases on the activity log: add, edit, delete, restore, import, attach evidence.

Every face (CLI, TUI, and the TUI's undo) writes records through these functions, so an
edit is checked exactly as an add is: each field by ``auditor.forms.RECORD``, then the
checks across fields on the record as it will be after the edit (实到 <= 应到).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.engine.attribution import period_in_title, settle_new
from auditor.forms import RECORD, Parse
from auditor.model import Record, record_to_doc

if TYPE_CHECKING:
    from auditor.io.importing import ImportPlan
    from auditor.session import Session

_MANAGED = ("id", "created", "updated")
"""Keys the store sets; an undo never writes them back."""


def _parse(session: Session, today: dt.date) -> Parse:
    return Parse(today, session.vocabulary)


def add_record(session: Session, values: Mapping[str, Any], today: dt.date) -> Record:
    """A new record from text values by field name; FieldError names a bad field.

    A period named in the title is stored in ``covers`` (engine.attribution), so the
    face can show it (``attribution_note``) and the user can correct it.
    """
    doc = RECORD.parse(values, _parse(session, today))
    settle_new(doc, session.vocabulary)
    return session.store.add(doc)


def edit_record(session: Session, record_id: str, values: Mapping[str, Any],
                today: dt.date) -> tuple[Record, Record]:
    """Change the given fields of a record: (before, after). Empty text clears a field.

    A new title that names a period fills an empty ``covers``, as on add.
    """
    before = session.store.record(record_id)
    changes = RECORD.parse(values, _parse(session, today), partial=True)
    RECORD.check({**record_to_doc(before), **changes})
    if "title" in changes and "covers" not in changes and not before.covers:
        found = period_in_title(str(changes["title"]))
        if found is not None:
            changes["covers"] = found.id
    return before, session.store.update(record_id, changes)


def attribution_note(session: Session, record: Record) -> str:
    """The line a face shows after an add or edit: the period the record counts for."""
    return settle_new(record_to_doc(record), session.vocabulary)


def revert_record(session: Session, record_id: str, before: Mapping[str, Any]) -> Record:
    """Put a record back as it was (the stored document taken before an edit)."""
    return session.store.update(record_id, {k: v for k, v in before.items() if k not in _MANAGED})


def delete_records(session: Session, record_ids: Sequence[str]) -> list[Record]:
    """Move records to the trash; every id is checked before the first is deleted."""
    records = [session.store.record(rid) for rid in record_ids]
    return [session.store.delete(r.id) for r in records]


def restore_records(session: Session, record_ids: Sequence[str]) -> list[Record]:
    return [session.store.restore_record(rid) for rid in record_ids]


def plan_import(session: Session, path: Path, today: dt.date, *, allow_duplicates: bool = False) -> ImportPlan:
    """Read and check every row of a file; what would be imported and what is a duplicate."""
    from auditor.io.importing import plan_import as plan

    return plan(path, session.vocabulary, today, session.store.records(), allow_duplicates=allow_duplicates)


def attribute_plan(session: Session, plan: ImportPlan) -> dict[int, str]:
    """Fill each new row's ``covers`` from its title; the attribution line by row number.

    An auditor JSON export comes back exactly as it was: its rows are only described.
    """
    vocab = session.vocabulary
    return {n: settle_new(dict(doc) if plan.keep_ids else doc, vocab) for n, doc in plan.new}


def import_records(session: Session, plan: ImportPlan) -> list[Record]:
    """Store a plan's new records in one write, after a backup of the file as it was."""
    attribute_plan(session, plan)  # idempotent: the periods shown in the preview are stored
    if not plan.new:
        return []
    return session.store.add_many(plan.docs, note=f"从 {plan.source.name} 导入", keep_ids=plan.keep_ids,
                                  backup_reason="import")


def attach_evidence(session: Session, record_id: str, files: Sequence[Path], *, link: bool = False) -> list[str]:
    """Add evidence files to a record: copied beside the database, or (``link``) their paths.

    Returns the references that were new to the record.
    """
    return attach_each(session, {record_id: files}, link=link)[record_id]


def attach_each(session: Session, files: Mapping[str, Sequence[Path]], *, link: bool = False) -> dict[str, list[str]]:
    """attach_evidence for several records with one write of the log (a minutes import).

    Every record is looked up and every file copied before the log is written.
    """
    from auditor.errors import InputError
    from auditor.store.evidence import copy_in

    records = {rid: session.store.record(rid) for rid in files}
    new: dict[str, list[str]] = {}
    for rid, paths in files.items():
        if link:
            missing = [f for f in paths if not f.is_file()]
            if missing:
                raise InputError(f"找不到佐证材料文件 {missing[0]}，请检查路径。")
            refs = [str(f.resolve()) for f in paths]
        else:
            refs = copy_in(session.db_path, rid, list(paths))
        new[rid] = [r for r in refs if r not in records[rid].evidence]
    changes = {rid: {"evidence": [*records[rid].evidence, *refs]} for rid, refs in new.items() if refs}
    if changes:
        session.store.update_many(changes)
    return new
