"""One value as typed -> its stored form: one parser per kind of value.

Parsing turns text into a store document or raises ``FieldError`` naming the field.
Bounds and control-character handling live in the parser functions, one per kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from auditor import limits
from auditor.dates import parse_date
from auditor.errors import FieldError, InputError
from auditor.periods import parse_period

if TYPE_CHECKING:
    from auditor.forms.spec import Field, Kind, Parse

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

