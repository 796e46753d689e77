"""Evidence files (minutes, photos, sign-in sheets) that records point to.

A record's ``evidence`` holds paths. Files copied in by ``auditor attach`` live in an
``evidence/<record id>/`` folder beside the database and are stored relative to the
database folder, so the log and its evidence move together (copy the whole folder).
Paths typed by hand stay as given; relative ones are read from the database folder.
"""

from __future__ import annotations

import filecmp
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from auditor.errors import InputError, StorageError, os_reason
from auditor.model import Record

FOLDER = "evidence"


@dataclass(frozen=True)
class MissingEvidence:
    record_id: str
    ref: str
    path: Path


def evidence_dir(db: Path) -> Path:
    return db.parent / FOLDER


def resolve(db: Path, ref: str) -> Path:
    path = Path(ref).expanduser()
    return path if path.is_absolute() else db.parent / path


def copy_in(db: Path, record_id: str, files: Sequence[Path]) -> list[str]:
    """Copy files into ``evidence/<record id>/``; returns their refs (relative, with /)."""
    for f in files:
        if not f.is_file():
            raise InputError(f"找不到佐证材料文件 {f}，请检查路径；没有复制任何文件。")
    target_dir = evidence_dir(db) / record_id
    refs = []
    for f in files:
        target = _free_name(target_dir, f)
        try:
            target_dir.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                shutil.copy2(f, target)
        except OSError as e:
            raise StorageError(f"复制 {f.name} 到 {target_dir} 失败（{os_reason(e)}），请检查磁盘空间和权限。") from None
        refs.append(str(PurePosixPath(FOLDER, record_id, target.name)))
    return refs


def _free_name(folder: Path, source: Path) -> Path:
    """The same name, unless a different file already has it (then 名称-2.pdf, …)."""
    candidate = folder / source.name
    n = 1
    while candidate.exists() and not filecmp.cmp(candidate, source, shallow=False):
        n += 1
        candidate = folder / f"{source.stem}-{n}{source.suffix}"
    return candidate


def missing(db: Path, records: Iterable[Record]) -> list[MissingEvidence]:
    out = []
    for r in records:
        for ref in r.evidence:
            path = resolve(db, ref)
            if not path.is_file():
                out.append(MissingEvidence(r.id, ref, path))
    return out
