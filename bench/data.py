"""Synthetic logs on disk: a database built in one write, a CSV as people export it."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import msgspec

from auditor.forms import RECORD
from auditor.model import Record, UnitProfile
from auditor.rulebook.kinds import Vocabulary
from auditor.store.store import Store


def to_records(docs: Sequence[dict[str, Any]]) -> list[Record]:
    """Validated Records with ids R00001... (what the store would assign), for in-process cases."""
    return msgspec.convert(
        [{**d, "id": f"R{i:05d}"} for i, d in enumerate(docs, start=1)], list[Record], strict=False
    )


def build_db(path: Path, docs: Sequence[dict[str, Any]], unit: str = "某某县财政局机关党支部") -> Path:
    """A database at ``path`` holding ``docs``: profile, then every record in one write."""
    store = Store(path)
    store.set_profile(UnitProfile(unit_name=unit.removesuffix("机关党支部"), branch_name=unit,
                                  secretary="王建国", superior="中共某某县直属机关工作委员会"))
    store.add_many(docs)
    return path


def _cell(name: str, value: Any, vocab: Vocabulary) -> str:
    if value is None:
        return ""
    if name == "kind":
        return vocab.label(value)
    if name == "absentees":
        return "；".join(f"{a['name']}（{a['reason']}）" if a["reason"] else a["name"] for a in value)
    if isinstance(value, list):
        return "；".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_csv(docs: Sequence[dict[str, Any]], path: Path, vocab: Vocabulary) -> Path:
    """The records as an Excel-style CSV: UTF-8 with BOM, Chinese headers, kinds by label."""
    fields = [f for f in RECORD.fields if any(f.name in d for d in docs[:500])]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([f.header for f in fields])
        for d in docs:
            writer.writerow([_cell(f.name, d.get(f.name), vocab) for f in fields])
    return path
