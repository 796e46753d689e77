"""Evidence files (minutes, photos, sign-in sheets) that records point to.

A record's ``evidence`` holds paths. Files copied in by ``auditor attach`` live in an
``evidence/<record id>/`` folder beside the database and are stored relative to the
database folder, so the log and its evidence move together (copy the whole folder).
Paths typed by hand stay as given; relative ones are read from the database folder.
"""

from __future__ import annotations

import filecmp
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from auditor.errors import InputError, StorageError, os_reason
from auditor.model import Record
from auditor.store.atomic import make_folder, write_atomic

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
    """Copy files into ``evidence/<record id>/``; returns their refs (relative, with /).

    Only regular files are copied: a link could point at ``/etc/shadow`` and a special
    file (``/proc/self/environ``, a device) is no evidence. Copies are 0600 in 0700
    folders whatever the source's mode: minutes and sign-in sheets name people.
    """
    for f in files:
        _check_source(f)
    target_dir = evidence_dir(db) / record_id
    refs = []
    for f in files:
        target = _free_name(target_dir, f)
        make_folder(evidence_dir(db))
        make_folder(target_dir)
        if not target.exists():
            _copy(f, target)
        refs.append(str(PurePosixPath(FOLDER, record_id, target.name)))
    return refs


_SYSTEM = ("/proc", "/sys", "/dev")


def _check_source(f: Path) -> None:
    try:
        st = os.lstat(f)
    except OSError:
        raise InputError(f"找不到佐证材料文件 {f}，请检查路径；没有复制任何文件。") from None
    if stat.S_ISLNK(st.st_mode):
        raise InputError(f"{f} 是一个链接（快捷方式），不是文件本身；请给出原文件的路径。没有复制任何文件。")
    real = str(f.resolve())
    if not stat.S_ISREG(st.st_mode) or any(real == d or real.startswith(d + "/") for d in _SYSTEM):
        raise InputError(f"{f} 不是普通文件（是文件夹、设备或系统文件），不能作为佐证材料；没有复制任何文件。")


def _copy(source: Path, target: Path) -> None:
    """Copy without following a link swapped in since the check, atomically, mode 0600."""
    try:
        fd = os.open(source, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as src:
            if not stat.S_ISREG(os.fstat(src.fileno()).st_mode):
                raise InputError(f"{source} 不是普通文件，不能作为佐证材料；没有复制。")
            write_atomic(target, src)
    except OSError as e:
        raise StorageError(f"读取佐证材料 {source} 失败（{os_reason(e)}），请检查文件和权限。") from None


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
