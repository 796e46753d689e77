"""Minutes and the 台账 as whole processes: one minutes DOCX, the year's binder, a folder import."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from bench.results import Result, measured
from bench.timing import BenchCrash, auditor_argv, time_process
from bench.workspace import Plan, Workspace

BINDER_SIZE = 200
"""Records of one unit-year in the binder (the demo year has fewer; a busy branch about this)."""
IMPORT_FILES = 100
SOURCE_SIZE = 1000
"""The log the 100 minutes files are written from (enough meetings with a summary)."""


def minutes(ws: Workspace, plan: Plan) -> list[Result]:
    from auditor.store.store import Store

    year_db = ws.db(BINDER_SIZE, years=(2026,))
    meeting = _meeting_ids(year_db, 1)
    base = ["--db", str(year_db)]
    one = time_process(auditor_argv(*base, "minutes", meeting[0], "-o", str(ws.root / "one.docx")),
                       plan.runs_process, env=ws.env())
    binder_path = ws.root / "binder.docx"
    binder = time_process(auditor_argv(*base, "archive", "--period", "2026", "-o", str(binder_path)),
                          plan.runs_heavy, env=ws.env())
    out = [
        measured("minutes_docx", "minutes", "auditor minutes (one record, DOCX, whole process)", one, 1),
        measured("binder_docx", "minutes", "auditor archive --period 2026 (DOCX binder)", binder, BINDER_SIZE,
                 docx_kib=round(binder_path.stat().st_size / 1024)),
    ]
    source = ws.db(SOURCE_SIZE)
    folder = _minutes_folder(ws, Store(source), _meeting_ids(source, IMPORT_FILES)[:IMPORT_FILES])
    out.append(_import_folder(ws, plan, folder))
    return out


def _meeting_ids(db: Path, least: int) -> list[str]:
    from auditor.rulebook.loader import load_ruleset
    from auditor.store.store import Store

    meeting = {k.id for k in load_ruleset().vocabulary.kinds if k.meeting}
    ids = [r.id for r in Store(db).records() if r.kind in meeting and r.summary.strip()]
    if len(ids) < least:
        raise BenchCrash(f"only {len(ids)} meetings with minutes in the synthetic log of {db.parent.name}")
    return ids


def _minutes_folder(ws: Workspace, store: object, ids: list[str]) -> Path:
    """A folder of minutes written by auditor itself for distinct records (built untimed)."""
    from auditor.report.minutes import write_minutes
    from auditor.rulebook.loader import load_ruleset

    vocab = load_ruleset().vocabulary
    folder = ws.root / "minutes-folder"
    folder.mkdir(exist_ok=True)
    profile = store.profile()  # type: ignore[attr-defined]
    for record in store.records():  # type: ignore[attr-defined]
        if record.id in ids:
            write_minutes(record, vocab, profile, folder / f"{record.id}.docx")
    return folder


def _import_folder(ws: Workspace, plan: Plan, folder: Path) -> Result:
    template = ws.fresh_db("minutes-import-template")
    target = ws.root / "minutes-import-target" / "auditor.json"

    def reset() -> None:
        shutil.rmtree(target.parent, ignore_errors=True)
        shutil.copytree(template.parent, target.parent)

    timing = time_process(auditor_argv("--db", str(target), "import", str(folder)), plan.runs_heavy,
                          env=ws.env(), before=reset)
    found = re.search(r"已导入(\d+)条", timing.output)
    if not found or int(found.group(1)) != IMPORT_FILES:
        raise BenchCrash(f"minutes import stored {found.group(1) if found else 'no'} of {IMPORT_FILES}: "
                         f"{timing.output[-300:]}")
    return measured("import_minutes", "minutes", f"auditor import FOLDER/ ({IMPORT_FILES} DOCX minutes)",
                    timing, IMPORT_FILES, note="each file read, checked, stored and attached as evidence")
