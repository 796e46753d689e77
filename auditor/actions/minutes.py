"""Use cases of Word minutes: plan an import of .docx files, store it with each file attached.

The plan is checked as a CSV import is (every file read and parsed first, duplicates set
aside by date, kind and title); storing goes through ``import_records`` and then
``attach_each`` (attach_evidence for many records, one write), so a minutes import is the
same two use cases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.actions.records import attach_each, delete_records, import_records
from auditor.model import Record

if TYPE_CHECKING:
    from auditor.io.importing import ImportPlan
    from auditor.session import Session


@dataclass
class MinutesPlan:
    plan: ImportPlan
    files: dict[int, Path]
    """The file behind each plan row number."""
    old: list[Path] = field(default_factory=list)
    """Old .doc files of the folder, not read."""


def plan_minutes(session: Session, path: Path, today: dt.date, *, allow_duplicates: bool = False) -> MinutesPlan:
    """Read and check a .docx or every .docx of a folder; MinutesProblems names each bad file."""
    from auditor.io.importing import ImportPlan, sift
    from auditor.io.minutes_docx import minutes_paths, read_minutes

    paths, old = minutes_paths(path)
    files = read_minutes(paths, session.vocabulary, session.profile, today)
    by_number = {n: f.path for n, f in enumerate(files, start=1)}
    plan = sift(ImportPlan(path), [(n, f.doc) for n, f in enumerate(files, start=1)], session.store.records(),
                allow_duplicates=allow_duplicates, where=lambda n: by_number[n].name)
    return MinutesPlan(plan, by_number, old)


def import_minutes(session: Session, minutes: MinutesPlan) -> list[Record]:
    """Store the new records in one write, then attach each file to its record.

    If attaching fails (a full disk), the records just added go to the trash again, so
    the import stays all or nothing.
    """
    added = import_records(session, minutes.plan)
    try:
        attach_each(session, {r.id: [minutes.files[n]] for (n, _), r in zip(minutes.plan.new, added, strict=True)})
    except Exception:
        delete_records(session, [r.id for r in added])
        raise
    return [session.store.record(r.id) for r in added]


def minutes_templates(session: Session, specs: Sequence[str]) -> dict[str, str]:
    """The profile's templates after ``KIND=PATH`` (one kind) or ``PATH`` (every kind) settings.

    An empty path removes the setting. Each template is checked now (it opens, and names
    only known placeholders), so a bad one is refused before the profile is saved.
    """
    from auditor.report.minutes_template import placeholders

    out = dict(session.profile.minutes_templates)
    for spec in specs:
        kind_text, _, path = spec.rpartition("=")
        key = session.vocabulary.resolve(kind_text, "--minutes-template").id if kind_text.strip() else ""
        if not path.strip():
            out.pop(key, None)
            continue
        full = Path(path).expanduser()
        placeholders(full if full.is_absolute() else session.db_path.parent / full)
        out[key] = path.strip()
    return out
