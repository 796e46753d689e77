"""Rows from CSV files (UTF-8 with or without BOM, GBK/GB18030) into record documents.

Import is all-or-nothing: every bad row is reported with its row number and field,
and nothing is stored unless all rows are good.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.errors import FieldError, InputError, os_reason
from auditor.forms import RECORD, Parse
from auditor.rulebook.kinds import Vocabulary


@dataclass(frozen=True)
class RowProblem:
    row: int
    field: str
    message: str
    unit: str = "行"
    """``行`` for a table row, ``条`` for the n-th record of a JSON file."""

    def __str__(self) -> str:
        header = RECORD.header(self.field)
        return f"第{self.row}{self.unit}“{header}”：{self.message}"


class ImportProblems(InputError):
    """One or more bad rows; nothing was stored."""

    def __init__(self, path: Path, problems: Sequence[RowProblem]) -> None:
        lines = "\n".join(f"  {p}" for p in problems[:50])
        more = f"\n  ……另有{len(problems) - 50}处" if len(problems) > 50 else ""
        super().__init__(
            f"{path.name} 有{len(problems)}处问题，未导入任何记录；请改正后重新导入：\n{lines}{more}"
        )
        self.problems = list(problems)


def decode(raw: bytes) -> str:
    """UTF-8 (BOM or not) first; otherwise GB18030, which covers GBK and GB2312."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError("文件既不是 UTF-8 也不是 GBK 编码，请在 Excel 中另存为“CSV UTF-8”后重试。") from None


def read_csv(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(row number as Excel shows it, header -> cell) for each non-empty data row."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(f"无法读取 {path}（{os_reason(e)}），请检查文件路径。") from None
    reader = csv.reader(io.StringIO(decode(raw), newline=""))
    rows = list(reader)
    if not rows:
        raise InputError(f"{path.name} 是空文件，没有可导入的记录。")
    return table_rows(path, rows[0], ((i, r) for i, r in enumerate(rows[1:], start=2)))


COLUMNS: dict[str, str] = {**RECORD.columns(), "编号": "id", "id": "id"}
"""Import column header -> field name; an id column is read (and set aside) too."""


def table_rows(
    path: Path, header: Sequence[Any], body: Iterable[tuple[int, Sequence[Any]]]
) -> list[tuple[int, dict[str, str]]]:
    names = [COLUMNS.get(str(h or "").strip()) for h in header]
    unknown = [str(h) for h, n in zip(header, names, strict=True) if n is None and str(h or "").strip()]
    if unknown:
        raise InputError(
            f"{path.name} 第1行有不认识的列名“{unknown[0]}”；列名可用中文（如 日期、类型、主题）或英文（date、kind、title）。"
        )
    for required in ("date", "kind", "title"):
        if required not in names:
            raise InputError(f"{path.name} 缺少“{RECORD.header(required)}”列，请在第1行加上这一列。")
    out = []
    for number, cells in body:
        values = {n: cell_text(c) for n, c in zip(names, cells, strict=False) if n is not None and n != "id"}
        if any(v for v in values.values()):
            out.append((number, values))
    return out


# Export prefixes cells starting with these with an apostrophe so that spreadsheet
# programs do not run them as formulas; import takes the apostrophe off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell_text(value: Any) -> str:
    """A spreadsheet cell as import text: dates ISO, whole floats as ints, formula guard undone."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        text = text[1:]
    return text.strip()


def parse_rows(
    path: Path, rows: Sequence[tuple[int, dict[str, str]]], vocab: Vocabulary, today: dt.date
) -> list[dict[str, Any]]:
    """All rows as record documents, or ImportProblems listing every bad row."""
    return [doc for _, doc in parse_numbered_rows(path, rows, vocab, today)]


def parse_numbered_rows(
    path: Path, rows: Sequence[tuple[int, dict[str, str]]], vocab: Vocabulary, today: dt.date
) -> list[tuple[int, dict[str, Any]]]:
    """(row number, record document) for every row, or ImportProblems listing every bad row."""
    docs: list[tuple[int, dict[str, Any]]] = []
    problems: list[RowProblem] = []
    for number, values in rows:
        try:
            docs.append((number, RECORD.parse(values, Parse(today, vocab))))
        except FieldError as e:
            problems.append(RowProblem(number, e.field, e.msg))
    if problems:
        raise ImportProblems(path, problems)
    if not docs:
        raise InputError(f"{path.name} 没有数据行，没有可导入的记录。")
    return docs
