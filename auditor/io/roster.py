"""The roster from a table: CSV (UTF-8 or GBK, as records are) or Excel (.xlsx, first sheet).

Import is all-or-nothing: every bad row is reported with its row number and column.
Columns and their parsing come from ``auditor.forms.MEMBER``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from auditor.errors import FieldError, InputError, os_reason
from auditor.forms import MEMBER, Parse
from auditor.io.tabular import cell_text


def read_member_table(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(row number as Excel shows it, field -> cell) for each non-empty row of a CSV or .xlsx."""
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        from auditor.io.excel import sheet_rows

        header, body = sheet_rows(path, "党员")
    else:
        from auditor.io.tabular import decode

        try:
            raw = path.read_bytes()
        except OSError as e:
            raise InputError(f"无法读取 {path}（{os_reason(e)}），请检查文件路径。") from None
        rows = list(csv.reader(io.StringIO(decode(raw), newline="")))
        if not rows:
            raise InputError(f"{path.name} 是空文件，没有可导入的党员。")
        header, body = rows[0], list(enumerate(rows[1:], start=2))
    columns = MEMBER.columns()
    names = [columns.get(str(h or "").strip()) for h in header]
    unknown = [str(h) for h, n in zip(header, names, strict=True) if n is None and str(h or "").strip()]
    if unknown:
        raise InputError(
            f"{path.name} 第1行有不认识的列名“{unknown[0]}”；名册的列名可用：{'、'.join(f.header for f in MEMBER.fields)}。"
        )
    if "name" not in names:
        raise InputError(f"{path.name} 缺少“姓名”列，请在第1行加上这一列。")
    out = []
    for number, cells in body:
        values = {n: cell_text(c) for n, c in zip(names, cells, strict=False) if n is not None}
        if any(values.values()):
            out.append((number, values))
    return out


def parse_member_rows(
    path: Path, rows: Sequence[tuple[int, dict[str, str]]], today: dt.date
) -> list[dict[str, Any]]:
    """All rows as member documents, or one InputError listing every bad row (nothing stored)."""
    docs: list[dict[str, Any]] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for number, values in rows:
        try:
            doc = MEMBER.parse(values, Parse(today))
        except FieldError as e:
            problems.append(f"第{number}行“{MEMBER.header(e.field)}”：{e.msg}")
            continue
        if doc["name"] in seen:
            problems.append(f"第{number}行“姓名”：{doc['name']} 与第{seen[doc['name']]}行重名，"
                            "同名党员请加区分（如 张伟（办公室））。")
            continue
        seen[doc["name"]] = number
        docs.append(doc)
    if problems:
        lines = "\n".join(f"  {p}" for p in problems[:50])
        raise InputError(f"{path.name} 有{len(problems)}处问题，未导入任何党员；请改正后重新导入：\n{lines}")
    if not docs:
        raise InputError(f"{path.name} 没有数据行，没有可导入的党员。")
    return docs
