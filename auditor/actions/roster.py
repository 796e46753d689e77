"""Use cases on the roster (党员名册): add, edit, import from a table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.forms import MEMBER, Parse
from auditor.model import Member

if TYPE_CHECKING:
    from auditor.session import Session


def add_member(session: Session, values: Mapping[str, Any], today: dt.date) -> Member:
    return session.store.add_member(MEMBER.parse(values, Parse(today)))


def edit_member(session: Session, key: str, values: Mapping[str, Any], today: dt.date) -> tuple[Member, Member]:
    """Change the given fields of a member (by id or name): (before, after)."""
    before = session.store.member(key)
    return before, session.store.update_member(before.id, MEMBER.parse(values, Parse(today), partial=True))


def import_members(session: Session, path: Path, today: dt.date) -> tuple[int, int, int]:
    """New names added, known names updated, in one write: (added, updated, unchanged)."""
    from auditor.errors import InputError
    from auditor.io.roster import parse_member_rows, read_member_table

    if not path.exists():
        raise InputError(f"找不到文件 {path}，请检查文件路径。")
    docs = parse_member_rows(path, read_member_table(path), today)
    added, updated = session.store.import_members(docs, note=f"从 {path.name} 导入")
    return added, updated, len(docs) - added - updated
