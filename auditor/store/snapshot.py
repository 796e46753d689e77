"""What a reader sees: the database file decoded once, straight into validated objects.

Readers (``auditor check`` from cron, the TUI, the report) need records, the profile
and waivers. Decoding the file directly into msgspec Structs is about twice as fast as
building dicts and converting them, and the trash and history stay undecoded bytes
until someone asks for them. Files of an older schema go through the migrations first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec

from auditor.model import Member, Record, Rectification, Waiver
from auditor.store.atomic import CorruptFileError, decode
from auditor.store.history import Change
from auditor.store.migrations import SCHEMA_VERSION, Data, check_meta, migrate, version_of

_EMPTY = msgspec.Raw(b"{}")


class Snapshot(msgspec.Struct):
    meta: dict[str, dict[str, Any]] = {}
    records: dict[str, Record] | msgspec.UnsetType = msgspec.UNSET
    """UNSET only while checking a decoded file: a file without a records table is damaged."""
    waivers: dict[str, Waiver] = {}
    members: dict[str, Member] = {}
    rectifications: dict[str, Rectification] = {}
    trash: msgspec.Raw = _EMPTY
    history: msgspec.Raw = _EMPTY
    version: int = SCHEMA_VERSION
    """Schema version of the file on disk (older files are upgraded on the next write)."""

    def record_map(self) -> dict[str, Record]:
        return {} if isinstance(self.records, msgspec.UnsetType) else self.records

    def history_entries(self) -> list[Change]:
        return list(_strict(self.history, dict[str, Change], "历史记录").values())

    def trash_items(self) -> list[dict[str, Any]]:
        return list(_strict(self.trash, dict[str, dict[str, Any]], "回收站").values())


def _strict(raw: msgspec.Raw, target: Any, what: str) -> Any:
    try:
        return msgspec.json.decode(raw, type=target)
    except msgspec.ValidationError as e:
        from auditor.errors import translate

        raise CorruptFileError(f"数据文件的{what}格式不对（{translate(str(e))}）；请运行 auditor db check，"
                               "并用 auditor db restore 从备份恢复。") from None


def load(raw: bytes, path: Path) -> Snapshot:
    """Decode file bytes (``b""`` for a missing file); errors name the file and say what to do."""
    if not raw or raw.isspace():
        return Snapshot(records={})
    try:
        snap = msgspec.json.decode(raw, type=Snapshot)
        if version_of({"meta": snap.meta}) == SCHEMA_VERSION and snap.records is not msgspec.UNSET:
            check_meta(snap.meta.get("1", {}), path)
            return snap
    except (msgspec.ValidationError, msgspec.DecodeError, RecursionError):
        pass  # the slow path below says precisely what is wrong
    data = decode(raw, path)
    assert data is not None
    migrated, found = migrate(data, path)
    return from_data(migrated, path, found)


def from_data(data: Data, path: Path, version: int = SCHEMA_VERSION) -> Snapshot:
    try:
        return Snapshot(
            meta=data.get("meta", {}),
            records=msgspec.convert(data.get("records", {}), dict[str, Record], strict=False),
            waivers=msgspec.convert(data.get("waivers", {}), dict[str, Waiver], strict=False),
            members=msgspec.convert(data.get("members", {}), dict[str, Member], strict=False),
            rectifications=msgspec.convert(data.get("rectifications", {}), dict[str, Rectification],
                                           strict=False),
            trash=msgspec.Raw(msgspec.json.encode(data.get("trash", {}))),
            history=msgspec.Raw(msgspec.json.encode(data.get("history", {}))),
            version=version,
        )
    except msgspec.ValidationError as e:
        from auditor.errors import translate

        raise CorruptFileError(
            f"数据文件 {path} 中有内容格式不对（{translate(str(e))}），程序没有改动它；请运行 auditor db check。"
        ) from None
