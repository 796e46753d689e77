"""Minutes as people write them (label-value lines or a two-column table) -> record field text.

Input is the document's text in reading order, one entry per paragraph or table pair
(``主持人：王建国``). Output is the text value of each record field by English name, the
same values a CSV row gives, so the one field parser validates both. What cannot be
read is a problem of the file in Chinese (缺少日期, 残留模板文字), never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from auditor.engine.placeholders import leftover
from auditor.model import UnitProfile
from auditor.rulebook.kinds import Kind, Vocabulary

# Label as written -> the field it fills. "when" is the date and time together; "skip"
# labels are read (so their text does not run into the previous field) and dropped.
LABELS: dict[str, str] = {
    **dict.fromkeys(("会议名称", "会议主题", "学习主题", "活动主题", "活动名称", "主题", "题目"), "title"),
    **dict.fromkeys(("会议类型", "活动类型", "类型"), "kind"),
    **dict.fromkeys(("时间", "会议时间", "学习时间", "活动时间", "日期", "会议日期"), "when"),
    **dict.fromkeys(("地点", "会议地点", "学习地点", "活动地点"), "location"),
    **dict.fromkeys(("主持人", "主持"), "host"),
    **dict.fromkeys(("记录人", "记录"), "recorder"),
    **dict.fromkeys(("应到人数", "应到", "应到会人数", "应参会人数", "应出席人数"), "expected"),
    **dict.fromkeys(("实到人数", "实到", "实到会人数", "实际参会人数", "到会人数", "出席人数"), "present"),
    **dict.fromkeys(("缺席人员及原因", "缺席人员", "缺席人员及事由", "请假人员", "缺席情况", "缺席"), "absentees"),
    **dict.fromkeys(("出席人员", "参会人员", "参加人员", "出席人", "参会人", "参加人"), "attendees"),
    **dict.fromkeys(("交流发言人员", "发言人员", "交流发言"), "speakers"),
    **dict.fromkeys(("学习时长", "时长"), "duration_days"),
    **dict.fromkeys(("议题", "会议议题", "学习议题", "标签", "议题标签"), "topics"),
    **dict.fromkeys(("会议内容", "主要内容", "内容", "学习内容", "活动内容", "内容摘要", "会议记录",
                     "记录内容", "讨论情况", "会议纪要"), "summary"),
    **dict.fromkeys(("缺席人数", "列席人员", "列席人", "编号", "单位", "支部"), "skip"),
}
# Labels are often spread to a width with spaces (主 持 人：); allow them between characters.
_LABEL_ALT = "|".join("[ 　]*".join(map(re.escape, label)) for label in sorted(LABELS, key=len, reverse=True))
# A label starts an entry, or follows a space or a separator inside one (主持人：王  记录人：李).
_LABEL_AT = re.compile(rf"(?:^|(?<=[\s，,；;。]))({_LABEL_ALT})\s*[:：]")
_SIGNATURE = re.compile(r"^(主持人|记录人)?\s*[（(]?\s*签[名字]")
_BLANKS = re.compile(r"^[\s＿_　.…]*$")
_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．)）])\s*")
_DATE = re.compile(r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?")
_CLOCK = re.compile(r"(上午|下午|中午|晚上)?\s*(\d{1,2})\s*(?:[:：]\s*(\d{2})|[时点]\s*(?:(\d{1,2})\s*分|半)?)")
_COUNT = {"expected": re.compile(r"应到(?:会)?(?:人数)?\s*[:：]?\s*(\d+)"),
          "present": re.compile(r"实到(?:会)?(?:人数)?\s*[:：]?\s*(\d+)")}


Entry = tuple[str, bool]
"""One paragraph's text, or a table row as ``label：value``; the flag says it came from a table."""


@dataclass
class Reading:
    """What one document gives: field text by English name, and its problems."""

    values: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def read_entries(entries: Sequence[Entry], file_stem: str, vocab: Vocabulary, profile: UnitProfile) -> Reading:
    """Field text for one minutes document; problems name what is missing or left over."""
    heading, fields = _split_fields(entries)
    reading = Reading()
    values = reading.values
    for name, text in fields.items():
        if name not in ("skip", "when"):
            values[name] = _clean(name, text)
    date, time = when_text(fields.get("when", ""))
    if date:
        values["date"] = date
    if time:
        values["time"] = time
    for name, pattern in _COUNT.items():
        m = pattern.search("\n".join(text for text, _ in entries))
        if not values.get(name) and m:
            values[name] = m.group(1)
    if not values.get("kind"):
        kind = find_kind(vocab, [*heading, file_stem])
        if kind is not None:
            values["kind"] = kind.id
    if not values.get("title"):
        values["title"] = _title_from(heading, profile) or file_stem
    reading.problems = _problems(values, fields, profile)
    return reading


def _split_fields(entries: Sequence[Entry]) -> tuple[list[str], dict[str, str]]:
    """(heading lines before the first label, text by field); unlabelled lines continue a field.

    Once in 会议内容, paragraphs belong to it even when they read ``主持人：…`` (the
    speeches minutes record); only table rows and the signature lines end it.
    """
    heading: list[str] = []
    fields: dict[str, str] = {}
    current = ""
    for entry, from_table in entries:
        text = entry.strip()
        if not text:
            continue
        if _SIGNATURE.match(text):
            current = "skip"
            continue
        marks = [] if current == "summary" and not from_table else list(_LABEL_AT.finditer(text))
        if not marks or marks[0].start() > 0:
            cut = marks[0].start() if marks else len(text)
            if current:
                fields[current] = f"{fields.get(current, '')}\n{text[:cut]}".strip()
            else:
                heading.append(text[:cut])
        for i, m in enumerate(marks):
            end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
            current = LABELS[label_key(m.group(1))]
            value = text[m.end():end].strip()
            fields[current] = f"{fields[current]}\n{value}".strip() if current in fields else value
    return heading, fields


def label_key(text: str) -> str:
    """A label as the table knows it: spaces and a trailing colon removed."""
    return re.sub(r"[\s　:：]", "", text)


def _clean(name: str, text: str) -> str:
    """Blanks left to fill read as empty; 5人 reads as 5; 议题 keeps 第一议题 as its own tag."""
    lines = [ln.strip() for ln in text.splitlines() if not _BLANKS.match(ln)]
    if name == "summary":
        return "\n".join(lines)
    value = "；".join(lines).strip("；;。 ")
    if name in ("expected", "present"):
        m = re.match(r"(\d+)\s*(?:[人名位]|$)", value)  # 13人（缺席2人） reads as 13
        return m.group(1) if m else value
    if name == "duration_days":
        return "0.5" if value == "半天" else re.sub(r"\s*天$", "", value)
    if name == "absentees" and value in ("无", "没有", "无缺席", "全部到会"):
        return ""
    if name == "topics":
        items = [_NUMBERING.sub("", t).strip() for t in re.split(r"[；;\n]", value)]
        tags = [t.strip("。 ") for t in items if t]
        if any("第一议题" in t for t in tags) and "第一议题" not in tags:
            tags.insert(0, "第一议题")
        return "；".join(tags)
    return value


def when_text(text: str) -> tuple[str, str]:
    """(2026-03-12, 09:00-11:00) from 2026年3月12日上午9:00—11:00; empty parts when absent."""
    m = _DATE.search(_arabic_date(text))
    date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else ""
    text = _arabic_date(text)
    rest = text[m.end():] if m else text
    clocks: list[str] = []
    period = ""
    for c in _CLOCK.finditer(rest):
        period = c.group(1) or period
        hour = int(c.group(2))
        minute = int(c.group(3) or c.group(4) or (30 if c.group(0).endswith("半") else 0))
        if period in ("下午", "晚上") and hour < 12 or period == "中午" and hour < 3:
            hour += 12
        if hour < 24 and minute < 60:
            clocks.append(f"{hour:02d}:{minute:02d}")
    return date, "-".join(clocks[:2])


_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0"}
_CN_DATE = re.compile(r"([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")


def _arabic_date(text: str) -> str:
    """二〇二六年三月十二日 as 2026年3月12日 (the way some units date their minutes)."""
    def number(cn: str) -> str:
        if "十" not in cn:
            return "".join(_CN_DIGITS[c] for c in cn)
        tens, _, ones = cn.partition("十")
        return str(int(_CN_DIGITS.get(tens, "1") if tens else "1") * 10 + (int(_CN_DIGITS[ones]) if ones else 0))

    return _CN_DATE.sub(lambda m: f"{number(m.group(1))}年{number(m.group(2))}月{number(m.group(3))}日", text)


def find_kind(vocab: Vocabulary, texts: Iterable[str]) -> Kind | None:
    """The kind whose label or alias the first text names (the longest one it contains)."""
    for text in texts:
        best: tuple[int, Kind] | None = None
        for kind in vocab.kinds:
            for name in (kind.label, *kind.aliases):
                if name and name in text and (best is None or len(name) > best[0]):
                    best = (len(name), kind)
        if best is not None:
            return best[1]
    return None


def _title_from(heading: list[str], profile: UnitProfile) -> str:
    """The document's own heading, less the unit's name and a trailing 记录, as the record's 主题."""
    text = re.sub(r"\s+", "", "".join(heading))
    for name in sorted((profile.branch_name, profile.unit_name), key=len, reverse=True):
        if name and text.startswith(name):
            text = text[len(name):]
            break
    return re.sub(r"(会议)?(活动)?记录(表|本)?$", "", text)


def _problems(values: dict[str, str], fields: dict[str, str], profile: UnitProfile) -> list[str]:
    out = []
    if "date" not in values:
        out.append("缺少日期（请写“时间：2026年3月12日上午9:00—11:00”这样的一行）")
    if "kind" not in values:
        out.append("缺少会议类型（标题或文件名中没有可识别的活动类型，如 支委会、主题党日、集中学习）")
    if not values.get("summary"):
        out.append("会议内容为空（正文没有写会议内容）")
    known = [n for n in (profile.unit_name, profile.branch_name, profile.superior, profile.secretary) if n]
    for name, text in values.items():
        left = leftover(text, known)
        if left:
            out.append(f"残留模板文字“{left}”（{_header(name)}），请换成实际内容")
    return out


def _header(name: str) -> str:
    from auditor.forms import RECORD

    return RECORD.header(name)
