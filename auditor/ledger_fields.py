"""Explanation (情况说明) and rectification (整改) fields as people type them.

One parser per item, shared by the CLI (`auditor waiver|rectify add|edit`) and the TUI
forms: text values by English field name in, a store document out, or a FieldError
naming the field so each face can say where the problem is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from auditor.dates import parse_date
from auditor.errors import InputError
from auditor.fields import FieldError, split_list
from auditor.model import RECTIFY_STATUSES
from auditor.periods import parse_period


@dataclass(frozen=True)
class ItemField:
    name: str
    header: str
    help: str
    required: bool = False
    kind: str = "text"
    """text, date, period, rule, list or status."""


WAIVER_FIELDS: tuple[ItemField, ...] = (
    ItemField("rule", "规则", "规则 id，如 branch.theme-day（auditor rules list 查看）", True, "rule"),
    ItemField("window", "时段", "只说明某一时段，如 2026-08、2026Q3；空着表示该规则的所有时段", False, "period"),
    ItemField("reason", "理由", "未能落实的原因", True),
    ItemField("approved_by", "批准人", "批准人或批准机关", True),
    ItemField("approved_on", "批准日期", "如 2026-08-05", True, "date"),
    ItemField("expires", "有效期至", "含当天；空着表示长期有效", False, "date"),
)

RECTIFY_FIELDS: tuple[ItemField, ...] = (
    ItemField("problem", "存在问题", "发现的问题", True),
    ItemField("measure", "整改措施", "具体整改措施", True),
    ItemField("responsible", "责任人", "责任人姓名", True),
    ItemField("deadline", "整改时限", "如 2026-12-31", True, "date"),
    ItemField("status", "进度", "待整改、整改中或已完成", False, "status"),
    ItemField("rule", "对应规则", "规则 id，可空着（独立的整改事项）", False, "rule"),
    ItemField("window", "对应时段", "如 2026-09，可空着", False, "period"),
    ItemField("found_on", "发现日期", "如 2026-10-12", False, "date"),
    ItemField("completed_on", "完成日期", "整改完成的日期", False, "date"),
    ItemField("evidence", "佐证材料", "文件路径或记录编号，用；分隔", False, "list"),
    ItemField("note", "备注", "备注", False),
)


def parse_item(
    fields: tuple[ItemField, ...],
    values: dict[str, Any],
    rule_ids: Collection[str],
    today: dt.date,
    *,
    partial: bool = False,
) -> dict[str, Any]:
    """Text values -> a document; empty optional values clear the field."""
    doc: dict[str, Any] = {}
    for spec in fields:
        if spec.name not in values or values[spec.name] is None:
            if spec.required and not partial:
                raise FieldError(spec.name, f"{spec.header}为必填项，请填写{spec.help}。")
            continue
        text = str(values[spec.name]).strip()
        if not text:
            if spec.required:
                raise FieldError(spec.name, f"{spec.header}为必填项，请填写{spec.help}。")
            if spec.kind == "status":  # a blank progress box keeps the progress (待整改 when new)
                continue
            doc[spec.name] = None if spec.kind == "date" else [] if spec.kind == "list" else ""
            continue
        doc[spec.name] = _parse(spec, text, rule_ids, today)
    return doc


def _parse(spec: ItemField, text: str, rule_ids: Collection[str], today: dt.date) -> Any:
    if spec.kind == "date":
        try:
            return parse_date(text, today, where=spec.header).isoformat()
        except InputError as e:
            raise FieldError(spec.name, e.msg) from None
    if spec.kind == "period":
        try:
            return parse_period(text).id
        except InputError as e:
            raise FieldError(spec.name, e.msg) from None
    if spec.kind == "rule" and text not in rule_ids:
        raise FieldError(spec.name, f"没有 id 为 {text} 的规则，请用 auditor rules list 查看规则 id。")
    if spec.kind == "status" and text not in RECTIFY_STATUSES:
        raise FieldError(spec.name, f"进度“{text}”不在可选范围内，请填写{'、'.join(RECTIFY_STATUSES)}之一。")
    if spec.kind == "list":
        return list(split_list(text))
    return text


def parse_waiver(values: dict[str, Any], rule_ids: Collection[str], today: dt.date,
                 *, partial: bool = False) -> dict[str, Any]:
    if not partial and not str(values.get("approved_on") or "").strip():
        values = {**values, "approved_on": today.isoformat()}
    doc = parse_item(WAIVER_FIELDS, values, rule_ids, today, partial=partial)
    if doc.get("expires") and doc.get("approved_on") and doc["expires"] < doc["approved_on"]:
        raise FieldError("expires", "有效期至早于批准日期，请核对。")
    return doc


def parse_rectification(values: dict[str, Any], rule_ids: Collection[str], today: dt.date,
                        *, partial: bool = False) -> dict[str, Any]:
    if not partial and not str(values.get("found_on") or "").strip():
        values = {**values, "found_on": today.isoformat()}
    doc = parse_item(RECTIFY_FIELDS, values, rule_ids, today, partial=partial)
    if doc.get("status") == "已完成" and "completed_on" not in doc and not partial:
        doc["completed_on"] = today.isoformat()
    return doc


def field_header(fields: tuple[ItemField, ...], name: str) -> str:
    return next((f.header for f in fields if f.name == name), name)
