"""One field specification for records, members, waivers and rectification items.

A ``Field`` says everything a face needs about one value a person types: its English
name (CLI option, CSV header, JSON key), Chinese header, help, whether it is required,
its kind of value and so its parser. A ``Form`` is the fields of one kind of item plus
the checks across fields. From these come the click options (``auditor.cli.options``),
the TUI forms, the importers' column maps (``Form.columns``) and the text shown back
(``Form.text``): declare a field here and every face has it.

Parsing turns text into a store document or raises ``FieldError`` naming the field.
Bounds and control-character handling live in the parser functions, one per kind.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from auditor import limits
from auditor.dates import parse_date
from auditor.errors import FieldError, InputError
from auditor.model import MEMBER_ROLES, MEMBER_STATUSES, RECTIFY_STATUSES
from auditor.periods import parse_period
from auditor.rulebook.kinds import Vocabulary

__all__ = ["MEMBER", "RECORD", "RECTIFICATION", "WAIVER", "Field", "FieldError", "Form", "Parse",
           "absentee_text", "parse_absentees", "split_list"]

Kind = Literal["text", "date", "period", "rule", "list", "count", "number", "kind", "body", "absentees", "choice",
              "time"]


@dataclass(frozen=True)
class Parse:
    """What parsing needs besides the text: today (for 今天, 3月5日), the kinds, the rule ids."""

    today: dt.date
    vocab: Vocabulary | None = None
    rule_ids: Collection[str] = ()
    """Rule ids; a mapping of id to Chinese title lets a rule be named by its title as well."""


@dataclass(frozen=True)
class Field:
    name: str
    header: str
    help: str
    required: bool = False
    kind: Kind = "text"
    option: str = ""
    """CLI option when not ``--name-with-dashes`` (e.g. ``--by`` for approved_by)."""
    aliases: tuple[str, ...] = ()
    """Other column headers accepted on import, besides the name and the header."""
    choices: tuple[str, ...] = ()
    blank: str | None = None
    """For choices: the value a blank box means (None: a blank leaves the field as it is)."""
    today_by_default: bool = False
    """A date that is today unless given, when an item is added (e.g. 批准日期)."""
    multiline: bool = False

    @property
    def cli_option(self) -> str:
        return self.option or "--" + self.name.replace("_", "-")


_SPLIT = re.compile(r"[；;、,，\n]+")
_ABSENTEE = re.compile(r"^(?P<name>[^（(]+?)\s*(?:[（(](?P<reason>[^）)]*)[）)])?$")
ROLE_ALIASES = {"支部书记": "书记", "支部副书记": "副书记", "正式党员": "党员"}


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


def absentee_text(name: str, reason: str) -> str:
    """One absentee as people write it: 张三（出差）, or just the name."""
    return f"{name}（{reason}）" if reason else name


# -- one parser per kind of value (text is never empty here) ------------------------------


def _date(f: Field, text: str, p: Parse) -> str:
    return parse_date(text, p.today, where=f.header).isoformat()


def _period(f: Field, text: str, p: Parse) -> str:
    return parse_period(text).id


def _rule(f: Field, text: str, p: Parse) -> str:
    titles = p.rule_ids if isinstance(p.rule_ids, Mapping) else dict.fromkeys(p.rule_ids, "")
    return resolve_rule(text, titles, f.name)


def resolve_rule(text: str, titles: Mapping[str, str], field: str = "rule") -> str:
    """A rule id from its id, its Chinese title, a unique start of its id or a unique part of
    its title (党小组会, branch.theme, 分析研判); else a FieldError naming the candidates."""
    key = text.strip()
    if key in titles:
        return key
    for found in (
        [i for i, t in titles.items() if t == key],
        [i for i in titles if i.startswith(key)],
        [i for i, t in titles.items() if key in t],
    ):
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            named = "、".join(f"{titles[i] or i}（{i}）" for i in sorted(found)[:6])
            raise FieldError(field, f"“{key}”可指多条规则：{named}{'等' if len(found) > 6 else ''}；"
                                    "请写完整的规则名称或编号。")
    raise FieldError(field, f"没有名称或编号为“{key}”的规则，请用 auditor rules list 查看规则名称和编号。")


def _count(f: Field, text: str, p: Parse) -> int:
    if not re.fullmatch(r"\d+", text):
        raise FieldError(f.name, f"{f.header}“{text}”应是不小于0的整数。")
    return limits.check_count(int(text), f.header)


def _number(f: Field, text: str, p: Parse) -> float:
    try:
        number = float(text)
    except ValueError:
        raise FieldError(f.name, f"{f.header}“{text}”应是数字，半天写 0.5。") from None
    return limits.check_number(number, f.header, text)


def _kind(f: Field, text: str, p: Parse) -> str:
    if p.vocab is None:
        return text
    return p.vocab.resolve(text).id


def _body(f: Field, text: str, p: Parse) -> str:
    if p.vocab is None:
        return text
    return p.vocab.resolve_body(text).id


def _choice(f: Field, text: str, p: Parse) -> str:
    value = ROLE_ALIASES.get(text, text) if f.name == "role" else text
    if value not in f.choices:
        raise FieldError(f.name, f"{f.header}“{text}”不在可选范围内，请填写{'、'.join(f.choices)}之一。")
    return value


PARSERS: dict[Kind, Callable[[Field, str, Parse], Any]] = {
    "text": lambda f, text, p: text,
    "date": _date,
    "period": _period,
    "rule": _rule,
    "list": lambda f, text, p: list(split_list(text)),
    "count": _count,
    "time": lambda f, text, p: limits.parse_time(text, f.header),
    "number": _number,
    "kind": _kind,
    "body": _body,
    "absentees": lambda f, text, p: parse_absentees(text),
    "choice": _choice,
}
_BLANK: dict[Kind, Any] = {"date": None, "count": None, "number": None, "list": [], "absentees": []}


def parse_value(f: Field, raw: Any, p: Parse) -> Any:
    """One value as typed -> its stored form; FieldError names the field."""
    text = "；".join(map(str, raw)) if isinstance(raw, (list, tuple)) else "" if raw is None else str(raw)
    try:  # bounds and control characters, the same for every face (auditor.limits)
        text = limits.clean_text(text, f.header, lines=f.multiline or f.kind in ("list", "absentees"))
    except InputError as e:
        raise FieldError(f.name, e.msg) from None
    if not text:
        if f.required:
            raise FieldError(f.name, f"{f.header}为必填项，请填写{f.help}。")
        return f.blank if f.kind == "choice" else _BLANK.get(f.kind, "")
    try:
        return PARSERS[f.kind](f, text, p)
    except FieldError:
        raise
    except InputError as e:  # a date or period parser's sentence, now tied to the field
        raise FieldError(f.name, e.msg) from None


@dataclass(frozen=True)
class Form:
    noun: str
    fields: tuple[Field, ...]
    check: Callable[[Mapping[str, Any]], None] = lambda doc: None
    """Checks across fields, on the whole document (after an edit: the merged one)."""
    by_name: dict[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})

    def header(self, name: str) -> str:
        f = self.by_name.get(name)
        return f.header if f else name

    def columns(self) -> dict[str, str]:
        """Import column header (English name, Chinese header, alias) -> field name."""
        out: dict[str, str] = {}
        for f in self.fields:
            out.update({f.name: f.name, f.header: f.name, **{a: f.name for a in f.aliases}})
        return out

    def parse(self, values: Mapping[str, Any], p: Parse, *, partial: bool = False) -> dict[str, Any]:
        """Text values by field name -> a document; ``partial`` (edits) parses only what is given.

        An empty value clears an optional field; a blank choice without a ``blank`` value
        is left out, so it keeps what the item had.
        """
        doc: dict[str, Any] = {}
        for f in self.fields:
            given = f.name in values and values[f.name] is not None
            if not given and not partial and f.today_by_default:
                values, given = {**values, f.name: p.today.isoformat()}, True
            if not given:
                if f.required and not partial:
                    raise FieldError(f.name, f"{f.header}为必填项，请填写{f.help}。")
                continue
            value = parse_value(f, values[f.name], p)
            if value is not None or f.kind != "choice":
                doc[f.name] = value
        if not partial:
            self.check(doc)
        return doc

    def errors(self, values: Mapping[str, Any], p: Parse) -> dict[str, str]:
        """Every field's problem at once (for a form on screen), then the checks across fields."""
        errors: dict[str, str] = {}
        for f in self.fields:
            try:
                self.parse({f.name: values.get(f.name, "")}, p, partial=True)
            except FieldError as e:
                errors[e.field] = e.msg
        good = {k: v for k, v in values.items() if k not in errors}
        try:  # the checks across fields, over the fields that parsed (and required ones, if all did)
            doc = self.parse(good, p, partial=bool(errors))
            if errors:
                self.check(doc)
        except FieldError as e:
            errors.setdefault(e.field, e.msg)
        return errors

    def text(self, name: str, value: Any, vocab: Vocabulary | None = None) -> str:
        """A stored value as a person would type it; with ``vocab`` a kind shows its label."""
        if value is None:
            return ""
        if name == "kind" and vocab is not None:
            return vocab.label(str(value))
        if isinstance(value, (list, tuple)):
            return "；".join(_item_text(v) for v in value)
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    def values(self, item: Any, vocab: Vocabulary | None = None) -> dict[str, str]:
        """An item (Struct) as the text of each field, as the forms show it."""
        return {f.name: self.text(f.name, getattr(item, f.name, None), vocab) for f in self.fields}


def _item_text(value: Any) -> str:
    if isinstance(value, dict):
        return absentee_text(str(value.get("name", "")), str(value.get("reason", "")))
    if hasattr(value, "reason") and hasattr(value, "name"):
        return absentee_text(value.name, value.reason)
    return str(value)


# -- the checks across fields ------------------------------------------------------------


def _record_check(doc: Mapping[str, Any]) -> None:
    exp, pres = doc.get("expected"), doc.get("present")
    if exp is not None and pres is not None and pres > exp:
        raise FieldError("present", f"实到人数（{pres}）不能多于应到人数（{exp}），请核对。")


def _waiver_check(doc: Mapping[str, Any]) -> None:
    if doc.get("expires") and doc.get("approved_on") and str(doc["expires"]) < str(doc["approved_on"]):
        raise FieldError("expires", "有效期至早于批准日期，请核对。")


def _rectification_check(doc: Mapping[str, Any]) -> None:
    done, found = doc.get("completed_on"), doc.get("found_on")
    if done and found and str(done) < str(found):
        raise FieldError("completed_on", f"完成日期 {done} 早于发现问题的日期，请核对。")


# -- the four forms (data tables) ----------------------------------------------------------

RECORD = Form("活动记录", (
    Field("date", "日期", "活动日期，如 2026-03-05、2026/3/5、2026年3月5日", True, "date"),
    Field("time", "时间", "时间，如 14:30-16:00", kind="time"),
    Field("kind", "类型", "活动类型，如 主题党日、支委会、党课", True, "kind", aliases=("活动类型",)),
    Field("title", "主题", "会议或活动主题", True, aliases=("会议主题", "标题")),
    Field("topics", "议题标签", "标签，用；或、分隔，如 意识形态；第一议题", kind="list", aliases=("标签", "议题")),
    Field("host", "主持人", "主持人"),
    Field("recorder", "记录人", "记录人"),
    Field("expected", "应到人数", "应到人数", kind="count"),
    Field("present", "实到人数", "实到人数", kind="count"),
    Field("absentees", "缺席人员", "缺席人员及原因，如 张三（出差）；李四（病假）", kind="absentees"),
    Field("attendees", "参会人员", "参会党员姓名，用；或、分隔", kind="list"),
    Field("speakers", "交流发言人员", "交流发言人姓名，用；或、分隔", kind="list", aliases=("发言人员",)),
    Field("duration_days", "时长（天）", "学习时长，以天计，半天写 0.5", kind="number", aliases=("时长(天)", "时长")),
    Field("quantity", "数量", "数量，如稿件篇数", kind="number"),
    Field("covers", "所属期间", "记录所属期间，如 2026H1（不填按标题中的期间或日期）", kind="period"),
    Field("body", "主体", "谁的工作，如 党组（不填按活动类型）", kind="body"),
    Field("location", "地点", "地点"),
    Field("summary", "内容摘要", "内容摘要", multiline=True),
    Field("evidence", "佐证材料", "佐证材料文件路径，用；分隔", kind="list"),
), _record_check)

MEMBER = Form("党员", (
    Field("name", "姓名", "党员姓名（与会议记录中的写法一致）", True),
    Field("role", "职务", "、".join(MEMBER_ROLES[:-1]) + "或" + MEMBER_ROLES[-1], kind="choice",
          choices=MEMBER_ROLES, blank="党员", aliases=("党内职务",)),
    Field("cell", "党小组", "所在党小组，如 第一党小组", aliases=("所在党小组",)),
    Field("joined", "入党日期", "入党日期或转入本支部的日期，如 2010-07-01", kind="date", aliases=("入党时间",)),
    Field("status", "党籍状态", "、".join(MEMBER_STATUSES[:-1]) + "或" + MEMBER_STATUSES[-1], kind="choice",
          choices=MEMBER_STATUSES, blank="正常", aliases=("状态",)),
    Field("status_since", "状态变更日期", "党籍状态变更的日期", kind="date"),
    Field("groups", "所在组织", "另外参加的组织，如 中心组，用；分隔", kind="list"),
    Field("phone", "联系电话", "联系电话", aliases=("电话", "手机")),
    Field("note", "备注", "备注"),
))

WAIVER = Form("情况说明", (
    Field("rule", "规则", "规则名称或编号，如 主题党日、branch.theme-day（auditor rules list 查看）", True, "rule"),
    Field("window", "时段", "只说明某一时段，如 2026-08、2026Q3；空着表示该规则的所有时段", kind="period"),
    Field("reason", "理由", "未能落实的原因", True),
    Field("approved_by", "批准人", "批准人或批准机关", True, option="--by"),
    Field("approved_on", "批准日期", "如 2026-08-05", True, "date", option="--on", today_by_default=True),
    Field("expires", "有效期至", "含当天；空着表示长期有效", kind="date"),
), _waiver_check)

RECTIFICATION = Form("整改事项", (
    Field("problem", "存在问题", "发现的问题", True),
    Field("measure", "整改措施", "具体整改措施", True),
    Field("responsible", "责任人", "责任人姓名", True),
    Field("deadline", "整改时限", "如 2026-12-31", True, "date"),
    Field("status", "进度", "待整改、整改中或已完成", kind="choice", choices=RECTIFY_STATUSES),
    Field("rule", "对应规则", "规则名称或编号，可空着（独立的整改事项）", kind="rule"),
    Field("window", "对应时段", "如 2026-09，可空着", kind="period"),
    Field("found_on", "发现日期", "如 2026-10-12", kind="date", option="--found", today_by_default=True),
    Field("completed_on", "完成日期", "整改完成的日期", kind="date", option="--completed"),
    Field("evidence", "佐证材料", "文件路径或记录编号，用；分隔", kind="list"),
    Field("note", "备注", "备注"),
), _rectification_check)
