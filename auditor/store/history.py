"""Who changed which record, when, and how: the entries of the ``history`` table.

"Who" is ``$AUDITOR_USER`` when set (a shared office computer can set it per person),
else the operating-system user name. Edits keep every changed field's old and new value.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any, Literal

import msgspec

Action = Literal["create", "edit", "delete", "restore", "import"]
ENV_USER = "AUDITOR_USER"
ACTION_LABELS: dict[str, str] = {
    "create": "新建",
    "import": "导入",
    "edit": "修改",
    "delete": "删除",
    "restore": "恢复",
}
# Bookkeeping fields that change on every edit; they are not "what" was changed.
_SKIP = frozenset({"id", "created", "updated"})


class Change(msgspec.Struct, frozen=True, kw_only=True):
    """One history entry; ``changes`` maps a field to ``[old, new]`` (JSON values)."""

    record: str
    action: str
    at: str
    by: str = ""
    changes: dict[str, list[Any]] = {}
    note: str = ""

    @property
    def label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)


CHINA = dt.timezone(dt.timedelta(hours=8))


def now_moment() -> dt.datetime:
    """Now in China time, to the second: records, history and backups are stamped with it."""
    return dt.datetime.now(CHINA).replace(microsecond=0)


def stamp(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def now_iso() -> str:
    """Now in China time, as stored in records and history."""
    return stamp(now_moment())


def current_user() -> str:
    env = os.environ.get(ENV_USER, "").strip()
    if env:
        return env
    import getpass  # writers only

    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no user database (some containers)
        return "未知用户"


def entry(record_id: str, action: Action, at: str, *, changes: dict[str, list[Any]] | None = None,
          note: str = "", by: str | None = None) -> dict[str, Any]:
    return {
        "record": record_id,
        "action": action,
        "at": at,
        "by": current_user() if by is None else by,
        "changes": changes or {},
        "note": note,
    }


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields whose stored value differs, as ``{field: [old, new]}``."""
    out: dict[str, list[Any]] = {}
    for key in sorted(set(old) | set(new)):
        if key in _SKIP:
            continue
        before, after = old.get(key), new.get(key)
        if _blank(before) and _blank(after):
            continue
        if before != after:
            out[key] = [before, after]
    return out


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()
