"""One rule as merged from the packs and a unit's tailoring -> a checked ``Rule``.

msgspec checks the fields, the kinds are resolved through the vocabulary, body and genre
are stamped on (``auditor.rulebook.stamp``). Every message names the file and line where
the field at fault was last set, and says what to do in Chinese.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from auditor.errors import RuleFileError
from auditor.rulebook.kinds import Vocabulary
from auditor.rulebook.messages import missing_field as _missing_field
from auditor.rulebook.messages import not_every_year
from auditor.rulebook.messages import parse_path as _parse_path
from auditor.rulebook.messages import translate as _translate
from auditor.rulebook.schema import Deadline, Match, Rule
from auditor.rulebook.stamp import body_of, genre_of
from auditor.rulebook.yamlsrc import line_of


@dataclass
class RawRule:
    """One rule as read and merged from YAML, with where each field was last set."""

    data: dict[str, Any]
    pack: str
    origins: dict[str, str]
    """Dotted field path -> "file:line" it was last set in."""
    file: Path
    line: int
    doc: Any


def validate_rule(raw: RawRule, vocab: Vocabulary) -> Rule:
    """A merged rule -> a checked Rule: fields by msgspec, kinds resolved, body and genre stamped."""
    data = dict(raw.data, pack=raw.pack)
    try:
        rule = msgspec.convert(data, Rule)
    except msgspec.ValidationError as e:
        raise rule_error(raw, str(e)) from None
    req = rule.requirement
    kinds = []
    for label in req.match.kinds:
        kind = vocab.find(label)
        if kind is None:
            where = raw.origins.get("requirement.match.kinds", f"{raw.file}:{raw.line}")
            file, _, line = where.rpartition(":")
            raise RuleFileError(
                f"{file} 第{line}行，规则 {raw.data['id']} 的字段 requirement.match.kinds："
                f"不认识的活动类型“{label}”，请使用 rules/kinds.yaml 中的名称。"
            )
        kinds.append(kind.id)
    bad = not_every_year(req.due) if isinstance(req, Deadline) else None
    if bad is not None:
        raise rule_error(raw, f"“{bad[:20]}”不是每年都有的日期，应写成 月-日，如 07-10（2月29日不可用）"
                               " - at `$.requirement.due`")
    match = Match(tuple(kinds), req.match.topics, req.match.topics_any)
    if getattr(req, "per", None) is None:
        raise rule_error(raw, "Object missing required field `per` - at `$.requirement`")
    return msgspec.structs.replace(
        rule,
        requirement=msgspec.structs.replace(req, match=match),
        body=body_of(rule, vocab, raw.origins.get("body", f"{raw.file}:{raw.line}")),
        genre=rule.genre or genre_of(req, kinds, vocab),
    )


def rule_error(raw: RawRule, detail: str) -> RuleFileError:
    path = _parse_path(detail)
    dotted = ".".join(str(p) for p in path if isinstance(p, str))
    where = None
    probe = dotted
    while probe:
        if probe in raw.origins:
            where = raw.origins[probe]
            break
        probe = probe.rpartition(".")[0]
    file, line = (where.rpartition(":")[0], where.rpartition(":")[2]) if where else (str(raw.file), str(raw.line))
    field_name = dotted or _missing_field(detail) or "（整条规则）"
    missing = _missing_field(detail)
    if missing and dotted:
        field_name = f"{dotted}.{missing}"
    return RuleFileError(
        f"{file} 第{line}行，规则 {raw.data.get('id')} 的字段 {field_name}：{_translate(detail)}，"
        "请对照 docs/rules.md 修改。"
    )


def validation_error(path: Path, doc: Any, prefix: str, detail: str) -> RuleFileError:
    steps = _parse_path(detail)
    line = line_of(doc, steps)
    return RuleFileError(f"{path} 第{line}行：{_translate(detail)}，请对照 docs/rules.md 修改。")
