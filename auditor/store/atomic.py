"""Crash-safe file writes and strict reads of the database file.

A write goes to a temporary file in the same folder, is fsynced, atomically replaces
the old file, and the folder is fsynced so the rename itself survives a power cut.
A crash at any point leaves either the old or the new file, never a mix.
"""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path
from typing import Any

import msgspec

from auditor.errors import StorageError, os_reason

TMP_SUFFIX = ".tmp"


def tmp_name(path: Path) -> Path:
    """A unique hidden temporary path beside ``path`` (same folder, so rename is atomic)."""
    return path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}{TMP_SUFFIX}")


def write_atomic(path: Path, payload: bytes) -> None:
    """Write bytes to ``path`` so that a crash leaves either the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = tmp_name(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise StorageError(
            f"写入 {path} 失败（{os_reason(e)}），原文件保持不变；请检查磁盘空间和权限后重试。"
        ) from None
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows cannot open folders for fsync)."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_tmp(path: Path) -> None:
    """Delete temporary files left by a writer that was killed; call only under the lock."""
    for tmp in path.parent.glob(f".{path.name}.*{TMP_SUFFIX}"):
        tmp.unlink(missing_ok=True)


class CorruptFileError(StorageError):
    """The file exists but is not a whole auditor database; it is never overwritten."""


def decode(raw: bytes, path: Path) -> dict[str, Any] | None:
    """Parse file bytes; ``None`` for an empty file, CorruptFileError for anything broken."""
    if not raw or raw.isspace():
        return None
    try:
        data = msgspec.json.decode(raw)
    except msgspec.DecodeError:
        raise CorruptFileError(
            f"数据文件 {path} 已损坏（不是完整的 JSON），程序没有改动它；"
            "请运行 auditor db check 查看，并用 auditor db restore 从备份恢复。"
        ) from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise CorruptFileError(
            f"数据文件 {path} 的内容不是 auditor 数据库，程序没有改动它；请确认路径，"
            "或用 auditor db restore 从备份恢复。"
        )
    return data


def read_raw(path: Path) -> bytes | None:
    """The database file's bytes, or None when there is no file yet."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise StorageError(f"{path} 是一个文件夹，不是数据文件；请用 --db 指定 .json 文件。") from None
    except OSError as e:
        raise StorageError(f"无法读取数据文件 {path}（{os_reason(e)}），请检查权限。") from None


def read_file(path: Path) -> tuple[bytes, dict[str, Any] | None]:
    """(raw bytes, parsed data); missing file gives ``(b"", None)``."""
    raw = read_raw(path)
    if raw is None:
        return b"", None
    return raw, decode(raw, path)
