"""Crash-safe file writes and strict reads of the database file.

A write goes to a temporary file in the same folder, is fsynced, atomically replaces
the old file, and the folder is fsynced so the rename itself survives a power cut.
A crash at any point leaves either the old or the new file, never a mix.
"""

from __future__ import annotations

import os
import stat
import sys
import uuid
from pathlib import Path
from typing import Any, BinaryIO

import msgspec

from auditor.errors import StorageError, os_reason

TMP_SUFFIX = ".tmp"


def tmp_name(path: Path) -> Path:
    """A unique hidden temporary path beside ``path`` (same folder, so rename is atomic)."""
    return path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}{TMP_SUFFIX}")


# Set by every successful write: the last-resort error message must not claim nothing was saved.
written: list[Path] = []


def write_atomic(path: Path, payload: bytes | BinaryIO, mode: int = 0o600) -> None:
    """Write bytes to ``path`` so that a crash leaves either the old or the new file.

    The folder is made 0700 when missing; ``mode`` is the new file's (0600: logs,
    backups and full exports hold personnel data).
    """
    require_regular(path)
    make_folder(path.parent)
    tmp = tmp_name(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), mode)
        with os.fdopen(fd, "wb") as fh:
            if isinstance(payload, bytes):
                fh.write(payload)
            else:  # a stream (an evidence file): copied in chunks, never whole in memory
                import shutil  # with its bz2 and lzma: only evidence copies need it

                shutil.copyfileobj(payload, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise WriteError(path, e) from None
    written.append(path)
    try:
        fsync_dir(path.parent)
    except OSError:
        pass  # the file is replaced; only the rename's durability across a power cut is weaker


class WriteError(StorageError):
    """A write that failed; the old file is untouched. ``disk_full`` lets callers say so first."""

    def __init__(self, path: Path, error: OSError) -> None:
        import errno

        self.reason = os_reason(error)
        self.disk_full = error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1))
        if self.disk_full:
            hint = "请清理磁盘空间后重试"
        elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):  # a read-only folder: say which
            hint = f"请确认文件夹 {path.parent} 可以写入（不是只读的）后重试"
        else:
            hint = "请检查磁盘空间和权限后重试"
        kept = "原文件保持不变" if os.path.exists(path) else "没有留下不完整的文件"  # never raises
        super().__init__(f"写入 {path} 失败（{self.reason}），{kept}；{hint}。")


def make_folder(folder: Path) -> None:
    """Create a folder and any missing parents with mode 0700; errors say which folder and why."""
    missing = [p for p in (folder, *folder.parents) if not p.is_dir()]
    try:
        for part in reversed(missing):  # Path.mkdir(parents=True) would make the parents 0777 & ~umask
            part.mkdir(mode=0o700, exist_ok=True)
    except OSError as e:
        raise StorageError(f"无法建立文件夹 {folder}（{os_reason(e)}），请检查磁盘空间和权限。") from None


def require_regular(path: Path) -> None:
    """Refuse a path that exists but is not a regular file (a device, a pipe, a socket).

    Writing over ``/dev/null`` as root would replace the device, and reading a FIFO
    blocks for ever; neither is ever a database, a backup or an export.
    """
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return
    except OSError as e:
        raise StorageError(f"无法访问 {path}（{os_reason(e)}），请检查路径和权限。") from None
    if not stat.S_ISREG(st.st_mode):
        raise _not_regular(path, stat.S_ISDIR(st.st_mode))


def _not_regular(path: Path, folder: bool = False) -> StorageError:
    what = "一个文件夹" if folder else "普通文件（而是设备、管道或套接字）"
    return StorageError(f"{path} {'是' if folder else '不是'}{what}，程序没有读写它；请给出一个 .json 等普通文件的路径。")


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
    except (msgspec.DecodeError, RecursionError):  # RecursionError: nesting deeper than any real file
        raise CorruptFileError(
            f"数据文件 {path} 已损坏（不是完整的 JSON），程序没有改动它；"
            "请运行 auditor db check 查看，并用 auditor db restore 从备份恢复。"
        ) from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()) \
            or "records" not in data:
        raise not_a_database(path)
    return data


def not_a_database(path: Path, what: str = "") -> CorruptFileError:
    return CorruptFileError(
        f"数据文件 {path} 的内容不是完整的 auditor 数据库{what}，程序没有改动它；请确认路径，"
        "或用 auditor db restore 从备份恢复。"
    )


def read_raw(path: Path) -> bytes | None:
    """The database file's bytes, or None when there is no file yet (never blocks on a FIFO)."""
    require_regular(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # swapped since the check
                raise _not_regular(path)
            return fh.read()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as e:
        raise StorageError(f"无法读取数据文件 {path}（{os_reason(e)}），请检查权限。") from None
