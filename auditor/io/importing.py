"""Import planning: read CSV, .xlsx or JSON, validate every row, and set duplicates aside.

A duplicate is a row with the same date, kind and title as a record already in the
log, or as an earlier row of the same file; for JSON also a record whose id is in
use. Duplicates are reported and skipped unless ``allow_duplicates`` (then JSON
records with a used id get a new one).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.errors import InputError, os_reason
from auditor.io.tabular import ImportProblems, RowProblem, parse_numbered_rows, read_csv
from auditor.model import Record
from auditor.rulebook.kinds import Vocabulary

Key = tuple[str, str, str]


@dataclass(frozen=True)
class Duplicate:
    row: int
    doc: dict[str, Any]
    of: str
    """Id of the existing record, or ``第N行`` for an earlier row of the file."""


@dataclass
class ImportPlan:
    source: Path
    new: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    keep_ids: bool = False
    """JSON import: records keep their ids (and created/updated)."""

    @property
    def docs(self) -> list[dict[str, Any]]:
        return [doc for _, doc in self.new]


def key_of(doc: dict[str, Any]) -> Key:
    return (str(doc["date"]), str(doc["kind"]), str(doc["title"]).strip())


def read_documents(path: Path, vocab: Vocabulary, today: dt.date) -> tuple[list[tuple[int, dict[str, Any]]], bool]:
    """(row number, record document) for each row; the flag says whether ids are kept."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        return read_json(path, vocab), True
    if suffix in (".xlsx", ".xlsm", ".xls"):
        from auditor.io.excel import read_xlsx

        return parse_numbered_rows(path, read_xlsx(path), vocab, today), False
    if suffix in (".csv", ".txt", ""):
        return parse_numbered_rows(path, read_csv(path), vocab, today), False
    raise InputError(f"不支持导入 {path.name}：请使用 .csv、.xlsx 或 auditor 导出的 .json 文件。")


def plan_import(
    path: Path, vocab: Vocabulary, today: dt.date, existing: Iterable[Record], *, allow_duplicates: bool = False
) -> ImportPlan:
    rows, keep_ids = read_documents(path, vocab, today)
    plan = ImportPlan(path, keep_ids=keep_ids)
    known: dict[Key, str] = {(r.date.isoformat(), r.kind, r.title.strip()): r.id for r in existing}
    used_ids = set(known.values())
    for number, doc in rows:
        key = key_of(doc)
        seen = known.get(key)
        if keep_ids and doc.get("id") in used_ids:
            if not allow_duplicates:
                plan.duplicates.append(Duplicate(number, doc, str(doc["id"])))
                continue
            doc = {k: v for k, v in doc.items() if k not in ("id", "created", "updated")}
        elif seen and not allow_duplicates:
            plan.duplicates.append(Duplicate(number, doc, seen))
            continue
        known.setdefault(key, str(doc.get("id") or f"第{number}行"))
        if doc.get("id"):
            used_ids.add(str(doc["id"]))
        plan.new.append((number, doc))
    return plan


def read_json(path: Path, vocab: Vocabulary) -> list[tuple[int, dict[str, Any]]]:
    """Records of an ``auditor export`` JSON file (or a bare list, as `list --json` prints)."""
    import msgspec

    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as e:
        raise InputError(f"无法读取 {path}（{os_reason(e)}），请检查文件路径。") from None
    except (ValueError, UnicodeDecodeError) as e:
        raise InputError(f"{path.name} 不是有效的 JSON（{e}），请使用 auditor export 导出的文件。") from None
    docs = data.get("records") if isinstance(data, dict) else data
    if not isinstance(docs, list):
        raise InputError(f"{path.name} 中没有 records 列表，请使用 auditor export --format json 导出的文件。")
    out: list[tuple[int, dict[str, Any]]] = []
    problems: list[RowProblem] = []
    for number, doc in enumerate(docs, start=1):
        try:
            record = msgspec.convert(doc, Record, strict=False)
        except msgspec.ValidationError as e:
            problems.append(RowProblem(number, _field_of(str(e)), translate(str(e)), "条"))
            continue
        if vocab.get(record.kind) is None:
            problems.append(RowProblem(number, "kind", f"不认识的活动类型“{record.kind}”（可能是原单位自定义的类型，"
                                                     "请用 --rules 指定定义它的规则目录）", "条"))
            continue
        out.append((number, msgspec.to_builtins(record)))
    if problems:
        raise ImportProblems(path, problems)
    if not out:
        raise InputError(f"{path.name} 没有记录，没有可导入的内容。")
    return out


def translate(message: str) -> str:
    """msgspec's English validation message as a Chinese clause (shared with rule files)."""
    from auditor.rulebook.loader import _translate

    return _translate(message)


def _field_of(message: str) -> str:
    m = re.search(r"\$\.(\w+)", message)
    return m.group(1) if m else "记录"
