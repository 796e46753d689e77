"""Schema versions of the database file and the steps that upgrade old files.

The version lives in ``meta[1].schema``. Readers upgrade in memory only; the first
write saves the upgraded file, after a backup of the old one (see ``Store.transaction``).

Versions:
  1. records, trash (``{"record", "deleted"}``), waivers, meta (schema, next_id, profile).
  2. adds ``history`` (who/when/what per record) and ``by`` on trash entries.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from auditor.errors import StorageError
from auditor.store.atomic import not_a_database

SCHEMA_VERSION = 2
TABLES = ("meta", "records", "trash", "waivers", "history")

Data = dict[str, dict[str, Any]]


def empty_database(now: str) -> Data:
    return {
        "meta": {"1": {"schema": SCHEMA_VERSION, "next_id": 1, "created": now}},
        "records": {},
        "trash": {},
        "waivers": {},
        "history": {},
    }


def version_of(data: Data) -> int:
    meta = data.get("meta", {}).get("1")
    if not isinstance(meta, dict):
        return 1  # the first files could lack a meta document until the first write
    try:
        return int(meta.get("schema", 1))
    except (TypeError, ValueError):
        return 0


def check_meta(meta: Any, path: Path) -> None:
    """A counter that is not a whole number >= 1 would reuse or mangle record ids: damage."""
    if not isinstance(meta, dict):
        raise not_a_database(path, "（meta 表的第1条不是对象）")
    counter = meta.get("next_id", 1)
    if type(counter) is not int or not 1 <= counter <= MAX_COUNTER:
        raise not_a_database(path, f"（下一个记录编号 next_id 为 {str(counter)[:20]}，应是正整数）")


MAX_COUNTER = 10**9


def migrate(data: Data, path: Path) -> tuple[Data, int]:
    """(data at SCHEMA_VERSION, version it had); the input is left untouched."""
    if "1" in data.get("meta", {}):
        check_meta(data["meta"]["1"], path)
    found = version_of(data)
    if found > SCHEMA_VERSION:
        raise StorageError(
            f"数据文件 {path} 是更新版本的 auditor 写的（格式 {found}，本程序支持到 {SCHEMA_VERSION}），"
            "程序没有改动它；请升级 auditor 后再打开。"
        )
    if found < 1:
        raise StorageError(f"数据文件 {path} 的格式版本无法识别，程序没有改动它；请运行 auditor db check。")
    if found == SCHEMA_VERSION:
        return data, found
    out = copy.deepcopy(data)
    for version in range(found, SCHEMA_VERSION):
        out = STEPS[version](out)
        out.setdefault("meta", {}).setdefault("1", {})["schema"] = version + 1
    return out, found


def _v1_to_v2(data: Data) -> Data:
    """Start the history from what v1 knew: each record's creation, each deletion."""
    for table in TABLES:
        data.setdefault(table, {})
    meta = data["meta"].setdefault("1", {})
    if "next_id" not in meta:
        numbers = [_number(doc.get("id", "")) for doc in data["records"].values()]
        numbers += [_number(item.get("record", {}).get("id", "")) for item in data["trash"].values()]
        meta["next_id"] = max(numbers, default=0) + 1
    history: dict[str, Any] = {}

    def log(record_id: str, action: str, at: str) -> None:
        history[str(len(history) + 1)] = {
            "record": record_id, "action": action, "at": at, "by": "", "changes": {},
            "note": "升级前的记录",
        }

    for doc in data["records"].values():
        log(doc.get("id", ""), "create", doc.get("created", ""))
    for item in data["trash"].values():
        item.setdefault("by", "")
        rec = item.get("record", {})
        log(rec.get("id", ""), "create", rec.get("created", ""))
        log(rec.get("id", ""), "delete", item.get("deleted", ""))
    data["history"] = history
    return data


def _number(record_id: str) -> int:
    m = re.fullmatch(r"R(\d+)", record_id)
    return int(m.group(1)) if m else 0


STEPS: dict[int, Callable[[Data], Data]] = {1: _v1_to_v2}
"""``STEPS[n]`` turns a version-n file into version n+1; one entry per earlier version."""
