"""Rule-file messages: msgspec's English validation text as one Chinese clause, and its path."""

from __future__ import annotations

import datetime as dt
import re

from auditor.rulebook.schema import RULE_TYPES

PATH = re.compile(r"at `\$(?P<path>[^`]*)`")


def parse_path(detail: str) -> list[str | int]:
    m = PATH.search(detail)
    if not m:
        return []
    out: list[str | int] = []
    for name, index in re.findall(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]", m.group("path")):
        out.append(name if name else int(index))
    return out


def missing_field(detail: str) -> str:
    m = re.search(r"missing required field `([^`]+)`", detail)
    return m.group(1) if m else ""


_TYPE_ZH = {"int": "整数", "float": "数字", "str": "文字", "bool": "true 或 false",
            "array": "列表", "object": "映射", "null": "空值", "date": "日期"}


def translate(detail: str) -> str:
    """msgspec's English validation message, in one Chinese clause."""
    text = PATH.sub("", detail).rstrip(" -")
    m = re.match(r"Expected `([^`]+)`, got `([^`]+)`", text)
    if m:
        want = "或".join(_TYPE_ZH.get(t.strip(), t.strip()) for t in m.group(1).split("|"))
        return f"应为{want}，实际是{_TYPE_ZH.get(m.group(2), m.group(2))}"
    m = re.match(r"Expected `(int|float)` (>=|<=|>|<) (\S+)", text)
    if m:
        return f"应为{'不小于' if m.group(2)[0] == '>' else '不大于'} {m.group(3)} 的{_TYPE_ZH[m.group(1)]}"
    m = re.match(r"Expected `str` (of length|matching regex)", text)
    if m:
        return "应只用字母、数字、点、横线或下划线，且不超过 64 个字符（如 branch.theme-day）"
    m = re.match(r"Object missing required field `([^`]+)`", text)
    if m:
        return f"缺少必填字段 {m.group(1)}"
    m = re.match(r"Object contains unknown field `([^`]+)`", text)
    if m:
        return f"不认识的字段 {m.group(1)}"
    m = re.match(r"Invalid enum value (.+)", text)
    if m:
        return f"取值 {m.group(1)} 不在允许范围内"
    m = re.match(r"Invalid value (.+)", text)
    if m:
        return f"取值 {m.group(1)} 无效（type 只能是 {'、'.join(RULE_TYPES)}）"
    if "Invalid RFC3339" in text or "Invalid date" in text:
        return "日期格式应为 2026-01-01"
    return text


def not_every_year(days: tuple[str, ...]) -> str | None:
    """The first ``MM-DD`` that is not a day of every year (02-30, 13-01, 02-29), else None."""
    for text in days:
        m = re.fullmatch(r"(\d{1,2})-(\d{1,2})", text)
        try:
            if m is None:
                return text
            dt.date(2001, int(m.group(1)), int(m.group(2)))  # 2001: not a leap year
        except ValueError:
            return text
    return None
