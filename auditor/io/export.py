"""Export records as CSV (for Excel), .xlsx, or JSON (full fidelity, re-importable).

CSV and Excel write each field the way a person types it on import (kind by its
Chinese name, lists joined with ；, absentees as 张三（出差）), so an exported file can
be edited and imported again. CSV is UTF-8 with BOM, which Excel on Chinese Windows
needs to show the text; cells that a spreadsheet would run as a formula get a
leading apostrophe (import removes it).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from operator import attrgetter
from pathlib import Path
from typing import Any, Literal

from auditor.errors import InputError
from auditor.forms import RECORD
from auditor.io.tabular import neutralise
from auditor.model import Record, UnitProfile, Waiver, record_to_doc
from auditor.rulebook.kinds import Vocabulary

Format = Literal["csv", "xlsx", "json"]
EXPORT_FORMAT = "auditor-export"
EXPORT_VERSION = 1
HEADERS: tuple[str, ...] = ("编号", *(f.header for f in RECORD.fields))


def format_of(path: Path, given: str | None) -> Format:
    if given:
        return given  # type: ignore[return-value]  # click.Choice has checked it
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("csv", "xlsx", "json"):
        return suffix  # type: ignore[return-value]
    raise InputError(f"无法从文件名 {path.name} 判断导出格式，请用 .csv、.xlsx、.json 结尾，或加 --format。")


_NAMES = tuple(f.name for f in RECORD.fields)
_FIELDS = attrgetter(*_NAMES)  # one C call per record, not 19 getattr
_KIND = _NAMES.index("kind")
_ABSENTEES = _NAMES.index("absentees") + 1  # in a row, after the id


def row_values(record: Record, vocab: Vocabulary) -> list[Any]:
    """One record as typed cells in HEADERS order (dates as dates, numbers as numbers)."""
    out: list[Any] = [record.id, *_FIELDS(record)]
    for i, value in enumerate(out):
        kind = type(value)
        if kind is tuple:  # lists as typed on import; most are empty, most hold names
            out[i] = ("；".join(value) if i != _ABSENTEES else RECORD.text("absentees", value)) if value else ""
        elif kind is float and value.is_integer():
            out[i] = int(value)
    out[_KIND + 1] = vocab.label(out[_KIND + 1])
    return out


def to_csv(records: Sequence[Record], vocab: Vocabulary) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for r in records:
        writer.writerow([_csv_text(v) for v in row_values(r, vocab)])
    return buf.getvalue().encode("utf-8-sig")


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return neutralise(str(value))


def to_json(
    records: Sequence[Record], profile: UnitProfile, waivers: Sequence[Waiver], now: str,
    unit_rules: Sequence[dict[str, Any]] = (),
) -> bytes:
    """The whole log; ``unit_rules`` (see ``unit_rule_files``) lets another database read its own kinds."""
    import msgspec

    from auditor.store.migrations import SCHEMA_VERSION

    doc = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "schema": SCHEMA_VERSION,
        "exported": now,
        "profile": msgspec.to_builtins(profile),
        "records": [record_to_doc(r) for r in records],
        "waivers": msgspec.to_builtins(list(waivers)),
        "unit_rules": list(unit_rules),
    }
    return msgspec.json.format(msgspec.json.encode(doc), indent=2)


def unit_rule_files(folders: Sequence[Path]) -> list[dict[str, Any]]:
    """The unit's rule folders as {folder, files: {name: YAML text}}: kinds and rules it defines itself."""
    out = []
    for folder in folders:
        files = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.y*ml")) if p.is_file()}
        if files:
            out.append({"folder": folder.name, "files": files})
    return out


def write_xlsx(path: Path, records: Sequence[Record], vocab: Vocabulary, *, private: bool = False) -> None:
    from auditor.io.excel import write_xlsx as write

    write(path, HEADERS, [row_values(r, vocab) for r in records], sheet="活动记录", private=private)
