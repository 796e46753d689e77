"""Record fields as people type them: one parser shared by `add`, CSV/Excel import and the form.

Each field has an English name (CLI option, CSV header, JSON key) and a Chinese header.
``parse_fields`` turns text values into a document for the store, or raises a
FieldError naming the field, so the CLI, the import report and the TUI form can all
say where the problem is.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from auditor.dates import parse_date
from auditor.errors import InputError
from auditor.periods import parse_period
from auditor.rulebook.kinds import Vocabulary


@dataclass(frozen=True)
class FieldSpec:
    name: str
    header: str
    help: str
    required: bool = False


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("date", "日期", "活动日期，如 2026-03-05、2026/3/5、2026年3月5日", True),
    FieldSpec("time", "时间", "时间，如 14:30-16:00"),
    FieldSpec("kind", "类型", "活动类型，如 主题党日、支委会、党课", True),
    FieldSpec("title", "主题", "会议或活动主题", True),
    FieldSpec("topics", "议题标签", "标签，用；或、分隔，如 意识形态；第一议题"),
    FieldSpec("host", "主持人", "主持人"),
    FieldSpec("recorder", "记录人", "记录人"),
    FieldSpec("expected", "应到人数", "应到人数"),
    FieldSpec("present", "实到人数", "实到人数"),
    FieldSpec("absentees", "缺席人员", "缺席人员及原因，如 张三（出差）；李四（病假）"),
    FieldSpec("attendees", "参会人员", "参会党员姓名，用；或、分隔"),
    FieldSpec("speakers", "交流发言人员", "交流发言人姓名，用；或、分隔"),
    FieldSpec("duration_days", "时长（天）", "学习时长，以天计，半天写 0.5"),
    FieldSpec("quantity", "数量", "数量，如稿件篇数"),
    FieldSpec("covers", "所属期间", "记录所属期间，如 2026H1（不填按标题中的期间或日期）"),
    FieldSpec("body", "主体", "谁的工作，如 党组（不填按活动类型）"),
    FieldSpec("location", "地点", "地点"),
    FieldSpec("summary", "内容摘要", "内容摘要"),
    FieldSpec("evidence", "佐证材料", "佐证材料文件路径，用；分隔"),
)
BY_NAME = {f.name: f for f in FIELDS}
# Header aliases accepted on import: English name, Chinese header, and common variants.
HEADER_ALIASES: dict[str, str] = {
    **{f.name: f.name for f in FIELDS},
    **{f.header: f.name for f in FIELDS},
    "时长(天)": "duration_days",
    "时长": "duration_days",
    "发言人员": "speakers",
    "活动类型": "kind",
    "会议主题": "title",
    "标题": "title",
    "标签": "topics",
    "议题": "topics",
    "编号": "id",
    "id": "id",
}

_SPLIT = re.compile(r"[；;、,，\n]+")
_ABSENTEE = re.compile(r"^(?P<name>[^（(]+?)\s*(?:[（(](?P<reason>[^）)]*)[）)])?$")


class FieldError(InputError):
    """A bad value in one field; ``field`` is the English name."""

    def __init__(self, field: str, msg: str) -> None:
        super().__init__(msg)
        self.field = field


def split_list(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in _SPLIT.split(text) if p.strip())


def parse_absentees(text: str) -> list[dict[str, str]]:
    out = []
    for part in split_list(text):
        m = _ABSENTEE.match(part)
        if not m:
            raise FieldError("absentees", f"缺席人员“{part}”格式不对，请写成 张三（出差）。")
        out.append({"name": m.group("name").strip(), "reason": (m.group("reason") or "").strip()})
    return out


def parse_fields(
    values: dict[str, Any], vocab: Vocabulary, today: dt.date, *, partial: bool = False
) -> dict[str, Any]:
    """Text values by English field name -> a validated record document.

    ``partial`` (for edits) skips required-field checks for fields not given.
    Empty strings clear optional fields.
    """
    doc: dict[str, Any] = {}
    for spec in FIELDS:
        if spec.name not in values:
            if spec.required and not partial:
                raise FieldError(spec.name, f"{spec.header}为必填项，请填写{spec.help}。")
            continue
        raw = values[spec.name]
        text = "" if raw is None else str(raw).strip() if not isinstance(raw, (list, tuple)) else raw
        if text in ("", ()) and spec.required:
            raise FieldError(spec.name, f"{spec.header}为必填项，请填写{spec.help}。")
        doc[spec.name] = _parse_one(spec, text, vocab, today)
    if "expected" in doc and "present" in doc:
        exp, pres = doc["expected"], doc["present"]
        if exp is not None and pres is not None and pres > exp:
            raise FieldError("present", f"实到人数（{pres}）不能多于应到人数（{exp}），请核对。")
    return doc


def _parse_one(spec: FieldSpec, text: Any, vocab: Vocabulary, today: dt.date) -> Any:
    name = spec.name
    if isinstance(text, (list, tuple)):
        text = "；".join(str(t) for t in text)
    if name == "date":
        try:
            return parse_date(text, today, where=spec.header).isoformat()
        except InputError as e:
            raise FieldError(name, e.msg) from None
    if name == "kind":
        try:
            return vocab.resolve(text).id
        except InputError as e:
            raise FieldError(name, e.msg) from None
    if name in ("topics", "attendees", "speakers", "evidence"):
        return list(split_list(text))
    if name == "absentees":
        return parse_absentees(text)
    if name in ("expected", "present"):
        if text == "":
            return None
        if not re.fullmatch(r"\d+", text):
            raise FieldError(name, f"{spec.header}“{text}”应是不小于0的整数。")
        return int(text)
    if name in ("duration_days", "quantity"):
        if text == "":
            return None
        try:
            number = float(text)
        except ValueError:
            raise FieldError(name, f"{spec.header}“{text}”应是数字，半天写 0.5。") from None
        if number < 0:
            raise FieldError(name, f"{spec.header}不能是负数。")
        return number
    if name == "body":
        if text == "":
            return ""
        try:
            return vocab.resolve_body(text).id
        except InputError as e:
            raise FieldError(name, e.msg) from None
    if name == "covers":
        if text == "":
            return ""
        try:
            return parse_period(text).id
        except InputError as e:
            raise FieldError(name, e.msg) from None
    return text
