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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.errors import InputError, os_reason, translate
from auditor.io.headers import Header
from auditor.io.tabular import ImportProblems, RowProblem, csv_table, parse_numbered_rows
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
    header: Header | None = None
    """CSV/Excel: the header row found and what each column was taken for."""

    @property
    def docs(self) -> list[dict[str, Any]]:
        return [doc for _, doc in self.new]


def key_of(doc: dict[str, Any]) -> Key:
    return (str(doc["date"]), str(doc["kind"]), str(doc["title"]).strip())


def read_documents(
    path: Path, vocab: Vocabulary, today: dt.date
) -> tuple[list[tuple[int, dict[str, Any]]], bool, Header | None]:
    """(row number, record document) for each row, whether ids are kept, and the sheet's header."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        return read_json(path, vocab), True, None
    if suffix in (".xlsx", ".xlsm", ".xls"):
        from auditor.io.excel import xlsx_table

        table = xlsx_table(path)
    elif suffix in (".csv", ".txt", ""):
        table = csv_table(path)
    else:
        raise InputError(f"不支持导入 {path.name}：请使用 .csv、.xlsx 或 auditor 导出的 .json 文件。")
    headers = {c.name: c.header for c in table.header.columns if c.name}
    return parse_numbered_rows(path, table.rows, vocab, today, headers), False, table.header


def plan_import(
    path: Path, vocab: Vocabulary, today: dt.date, existing: Iterable[Record], *, allow_duplicates: bool = False
) -> ImportPlan:
    rows, keep_ids, header = read_documents(path, vocab, today)
    plan = ImportPlan(path, keep_ids=keep_ids, header=header)
    return sift(plan, rows, existing, allow_duplicates=allow_duplicates)


def sift(plan: ImportPlan, rows: Iterable[tuple[int, dict[str, Any]]], existing: Iterable[Record], *,
         allow_duplicates: bool = False, where: Callable[[int], str] = lambda n: f"第{n}行") -> ImportPlan:
    """Put each row in the plan as new or as a duplicate (of a record, or of an earlier row)."""
    keep_ids = plan.keep_ids
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
        known.setdefault(key, str(doc.get("id") or where(number)))
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
    except RecursionError:
        raise InputError(f"{path.name} 的 JSON 嵌套层数过多，不是 auditor 导出的文件。") from None
    docs = data.get("records") if isinstance(data, dict) else data
    carried = carried_rules(data)
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
            problems.append(RowProblem(number, "kind", unknown_kind(record.kind, carried), "条"))
            continue
        bad = _out_of_bounds(record)
        if bad:
            problems.append(RowProblem(number, bad[0], bad[1], "条"))
            continue
        out.append((number, msgspec.to_builtins(record)))
    if problems:
        raise ImportProblems(path, problems)
    if not out:
        raise InputError(f"{path.name} 没有记录，没有可导入的内容。")
    return out


def _out_of_bounds(record: Record) -> tuple[str, str] | None:
    """The first field of a JSON record beyond the bounds typed values have (auditor.limits)."""
    from auditor.forms import RECORD
    from auditor.limits import value_problem

    for f in RECORD.fields:
        lines = f.multiline or f.kind in ("list", "absentees")
        problem = value_problem(getattr(record, f.name, None), f.header, lines=lines)
        if problem:
            return f.name, problem
    return None


def carried_rules(data: Any) -> list[dict[str, Any]]:
    """The unit rule folders an export carries (``unit_rules``), each {folder, files}."""
    found = data.get("unit_rules") if isinstance(data, dict) else None
    if not isinstance(found, list):
        return []
    return [f for f in found if isinstance(f, dict) and isinstance(f.get("folder"), str)
            and isinstance(f.get("files"), dict)]


def unknown_kind(kind: str, carried: list[dict[str, Any]]) -> str:
    """Where a kind this database does not know comes from, and how to bring it."""
    home = next((f["folder"] for f in carried if any(kind in str(t) for t in f["files"].values())), None)
    if home is not None:
        return (f"活动类型“{kind}”是原单位规则目录“{home}”自定义的，本数据库的规则里没有；"
                "加 --with-rules 把导出文件里带的单位规则一并导入，或用 auditor --rules 规则目录 import 指定该目录。")
    return (f"不认识的活动类型“{kind}”，它来自原单位的规则目录（本单位规则）；请用 auditor --rules 规则目录 import "
            "指定定义它的目录，长期使用请再用 auditor init --rules-dir 规则目录 记入单位概况。")


def install_carried_rules(path: Path, base: Path) -> tuple[list[str], dict[str, Any]]:
    """Write the rule folders an export carries beside the database: their names relative to
    ``base``, and the exported profile.

    A folder already there with other content is not touched: the copy gets a new name.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, UnicodeDecodeError, RecursionError):
        return [], {}  # read_json reports the file itself
    names = []
    for item in carried_rules(data):
        files = {Path(str(n)).name: str(t) for n, t in item["files"].items() if Path(str(n)).suffix in (".yaml", ".yml")}
        target = _free_folder(base, Path(item["folder"]).name or "rules", files)
        target.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (target / name).write_text(text, encoding="utf-8")
        names.append(target.name)
    profile = data.get("profile") if isinstance(data, dict) else None
    return names, profile if isinstance(profile, dict) else {}


def _free_folder(base: Path, name: str, files: dict[str, str]) -> Path:
    """``base/name`` if absent or holding the same files, else ``name-导入``, ``name-导入2``..."""
    for i in range(100):
        candidate = base / (name if i == 0 else f"{name}-导入{i if i > 1 else ''}")
        if not candidate.exists():
            return candidate
        same = all((candidate / n).is_file() and (candidate / n).read_text(encoding="utf-8") == t
                   for n, t in files.items())
        if same:
            return candidate
    raise InputError(f"{base} 下已有太多名为 {name} 的规则目录，请先整理后再导入。")


def _field_of(message: str) -> str:
    m = re.search(r"\$\.(\w+)", message)
    return m.group(1) if m else "记录"
