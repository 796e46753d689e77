"""What a minutes page (会议记录) says for one record, shared by the writer, templates and importer.

The page follows the genre's required elements (regulations.md section 2): 会议名称, 时间
(年月日, ×时×分至×时×分), 地点, 主持人, 记录人, 应到/实到/缺席人数, 缺席人员及原因, 出席和列席
人员, 议题 (第一议题 first), 内容, and the 主持人、记录人 signature lines. An element the
record lacks is a visible blank (``BLANK``), never an invented value. No python-docx here:
the importer reads the same labels without paying for the writer.
"""

from __future__ import annotations

import re

from auditor.model import Record, UnitProfile
from auditor.rulebook.kinds import Vocabulary

BLANK = "_" * 10
"""What a missing element prints as: a line to write on by hand."""
FIRST_AGENDA = "第一议题"
ORGAN_KINDS = ("party_group_meeting", "party_committee_meeting", "central_group_study", "democratic_life_meeting")
"""Kinds held by the unit's leading body, not the branch: their page is headed by the unit."""


# Placeholder names a unit's template may use, with what each holds (docs/minutes.md lists them).
PLACEHOLDERS: dict[str, str] = {
    "标题": "页标题：支部名称＋活动类型＋记录，如 某某党支部支部委员会会议记录",
    "单位": "单位名称", "支部": "支部名称", "编号": "记录编号，如 R00012",
    "会议名称": "会议或活动主题", "会议类型": "活动类型，如 支部委员会会议",
    "日期": "年月日，如 2026年3月12日", "时间": "年月日和起止时分，如 2026年3月12日 9时00分至11时00分",
    "地点": "地点", "主持人": "主持人", "记录人": "记录人",
    "应到人数": "应到人数，如 15人", "实到人数": "实到人数", "缺席人数": "缺席人数",
    "缺席人员及原因": "缺席人员及原因，如 张三（出差）", "出席人员": "出席人员姓名",
    "列席人员": "列席人员（记录中没有，总是留空）", "议题": "议题，第一议题在前",
    "交流发言人员": "交流发言人员", "学习时长": "学习时长，如 0.5天", "会议内容": "会议内容（内容摘要）",
}
# The page's lines, each one element or a few short ones side by side (主持人：…　　记录人：…).
# Required ones print even when empty (as blanks); optional ones only when the record has them.
REQUIRED_ROWS: tuple[tuple[str, ...], ...] = (
    ("会议名称",), ("时间",), ("地点",), ("主持人", "记录人"), ("应到人数", "实到人数", "缺席人数"),
    ("缺席人员及原因",), ("出席人员",), ("列席人员",), ("议题",),
)
OPTIONAL_ROWS: tuple[tuple[str, ...], ...] = (("交流发言人员",), ("学习时长",))
REQUIRED = tuple(name for row in REQUIRED_ROWS for name in row)
SIDE_BY_SIDE = "　　"


def heading(record: Record, vocab: Vocabulary, profile: UnitProfile) -> str:
    """The page title: 某某党支部 over 支部委员会会议记录; the kind label lets an import find the kind.

    Meetings of the organ's leadership (党组会议, 中心组学习, 民主生活会) carry the unit's name.
    """
    organ = record.kind in ORGAN_KINDS and profile.unit_name
    org = profile.unit_name if organ else profile.branch_name or profile.unit_name
    kind = f"{vocab.label(record.kind)}记录"
    return f"{org}\n{kind}" if org else kind


def minutes_values(record: Record, vocab: Vocabulary, profile: UnitProfile) -> dict[str, str]:
    """Every placeholder's text for one record; a missing element is an empty string."""
    absent = _absent_count(record)
    return {
        "标题": heading(record, vocab, profile),
        "单位": profile.unit_name, "支部": profile.branch_name, "编号": record.id,
        "会议名称": record.title, "会议类型": vocab.label(record.kind),
        "日期": cn_date(record.date.year, record.date.month, record.date.day),
        "时间": time_text(record),
        "地点": record.location, "主持人": record.host, "记录人": record.recorder,
        "应到人数": _people(record.expected), "实到人数": _people(record.present),
        "缺席人数": _people(absent),
        "缺席人员及原因": _absentees(record, absent),
        "出席人员": "、".join(record.attendees), "列席人员": "",
        "议题": "；".join(agenda(record.topics)),
        "交流发言人员": "、".join(record.speakers),
        "学习时长": f"{record.duration_days:g}天" if record.duration_days is not None else "",
        "会议内容": record.summary.strip(),
    }


def page_lines(values: dict[str, str], *, template: bool = False) -> list[str]:
    """The label-value lines of the default layout in the genre's order (会议内容 comes after).

    ``template`` (the default template) leaves out the optional rows a record may lack.
    """
    rows = REQUIRED_ROWS + tuple(r for r in OPTIONAL_ROWS if not template and values[r[0]])
    return [SIDE_BY_SIDE.join(f"{name}：{values[name] or BLANK}" for name in row) for row in rows]


def agenda(topics: tuple[str, ...]) -> list[str]:
    """议题 tags with 第一议题 first, as the minutes must record it (regulations.md section 2)."""
    return sorted(topics, key=lambda t: t != FIRST_AGENDA)


def cn_date(year: int, month: int, day: int) -> str:
    return f"{year}年{month}月{day}日"


_CLOCK = re.compile(r"(\d{1,2})[:：时](\d{2})?")


def time_text(record: Record) -> str:
    """2026年3月12日 9时00分至11时00分; an unknown end or start is a blank to fill."""
    date = cn_date(record.date.year, record.date.month, record.date.day)
    clocks = _CLOCK.findall(record.time)
    start = _clock(clocks[0]) if clocks else ""
    end = _clock(clocks[1]) if len(clocks) > 1 else ""
    blank = "____时____分"
    return f"{date} {start or blank}至{end or blank}"


def _clock(parts: tuple[str, str]) -> str:
    hour, minute = parts
    return f"{int(hour)}时{minute or '00'}分"


def _people(n: int | None) -> str:
    return "" if n is None else f"{n}人"


def _absent_count(record: Record) -> int | None:
    if record.expected is not None and record.present is not None:
        return max(record.expected - record.present, 0)
    return len(record.absentees) if record.absentees else None


def _absentees(record: Record, absent: int | None) -> str:
    if record.absentees:
        return "；".join(f"{a.name}（{a.reason}）" if a.reason else a.name for a in record.absentees)
    return "无" if absent == 0 else ""
