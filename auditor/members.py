"""The roster as people type it: member fields, one parser for `member add`, import and the TUI.

Member rows come from CSV (UTF-8 or GBK, as records do) or Excel (.xlsx, first sheet).
Import is all-or-nothing: every bad row is reported with its row number and column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.dates import parse_date
from auditor.errors import InputError, os_reason
from auditor.fields import FieldError, split_list
from auditor.io.tabular import cell_text
from auditor.model import MEMBER_ROLES, MEMBER_STATUSES


@dataclass(frozen=True)
class MemberField:
    name: str
    header: str
    help: str
    required: bool = False


MEMBER_FIELDS: tuple[MemberField, ...] = (
    MemberField("name", "姓名", "党员姓名（与会议记录中的写法一致）", True),
    MemberField("role", "职务", "书记、副书记、组织委员、宣传委员、纪检委员、党员或预备党员"),
    MemberField("cell", "党小组", "所在党小组，如 第一党小组"),
    MemberField("joined", "入党日期", "入党日期或转入本支部的日期，如 2010-07-01"),
    MemberField("status", "党籍状态", "正常、流动党员、出国出境、停止党籍、转出或去世"),
    MemberField("status_since", "状态变更日期", "党籍状态变更的日期"),
    MemberField("groups", "所在组织", "另外参加的组织，如 中心组，用；分隔"),
    MemberField("phone", "联系电话", "联系电话"),
    MemberField("note", "备注", "备注"),
)
MEMBER_BY_NAME = {f.name: f for f in MEMBER_FIELDS}
MEMBER_HEADERS: dict[str, str] = {
    **{f.name: f.name for f in MEMBER_FIELDS},
    **{f.header: f.name for f in MEMBER_FIELDS},
    "党内职务": "role",
    "所在党小组": "cell",
    "入党时间": "joined",
    "状态": "status",
    "电话": "phone",
    "手机": "phone",
}
ROLE_ALIASES = {"支部书记": "书记", "支部副书记": "副书记", "正式党员": "党员"}


def parse_member_fields(values: dict[str, Any], today: dt.date, *, partial: bool = False) -> dict[str, Any]:
    """Text values by English field name -> a member document; FieldError names the field."""
    doc: dict[str, Any] = {}
    for spec in MEMBER_FIELDS:
        if spec.name not in values:
            if spec.required and not partial:
                raise FieldError(spec.name, f"{spec.header}为必填项，请填写{spec.help}。")
            continue
        raw = values[spec.name]
        text = "；".join(map(str, raw)) if isinstance(raw, (list, tuple)) else str(raw or "").strip()
        if spec.required and not text:
            raise FieldError(spec.name, f"{spec.header}为必填项，请填写{spec.help}。")
        doc[spec.name] = _parse_one(spec, text, today)
    return doc


def _parse_one(spec: MemberField, text: str, today: dt.date) -> Any:
    name = spec.name
    if name == "role":
        role = ROLE_ALIASES.get(text, text) or "党员"
        if role not in MEMBER_ROLES:
            raise FieldError(name, f"职务“{text}”不在可选范围内，请填写{'、'.join(MEMBER_ROLES)}之一。")
        return role
    if name == "status":
        status = text or "正常"
        if status not in MEMBER_STATUSES:
            raise FieldError(name, f"党籍状态“{text}”不在可选范围内，请填写{'、'.join(MEMBER_STATUSES)}之一。")
        return status
    if name in ("joined", "status_since"):
        if not text:
            return None
        try:
            return parse_date(text, today, where=spec.header).isoformat()
        except InputError as e:
            raise FieldError(name, e.msg) from None
    if name == "groups":
        return list(split_list(text))
    return text


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
    names = [MEMBER_HEADERS.get(str(h or "").strip()) for h in header]
    unknown = [str(h) for h, n in zip(header, names, strict=True) if n is None and str(h or "").strip()]
    if unknown:
        raise InputError(
            f"{path.name} 第1行有不认识的列名“{unknown[0]}”；名册的列名可用：{'、'.join(f.header for f in MEMBER_FIELDS)}。"
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
            doc = parse_member_fields(values, today)
        except FieldError as e:
            problems.append(f"第{number}行“{MEMBER_BY_NAME[e.field].header}”：{e.msg}")
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
