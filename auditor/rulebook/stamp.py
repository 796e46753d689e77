"""What the loader fills in on each rule from the vocabularies: its body and its genre."""

from __future__ import annotations

from typing import Any, Literal

from auditor.errors import RuleFileError
from auditor.rulebook.kinds import Vocabulary
from auditor.rulebook.schema import Deadline, EachRecord, Rule

DEFAULT_BODY = "branch"
"""A rule that names no body is the 党支部's: the branch is whom the tool is for."""


def body_of(rule: Rule, vocab: Vocabulary, where: str) -> str:
    """The rule's body id (from id, label or alias); an unknown one names the file and line."""
    if not rule.body:
        return DEFAULT_BODY
    body = vocab.find_body(rule.body)
    if body is None:
        file, _, line = where.rpartition(":")
        names = "、".join(b.label for b in vocab.bodies)
        raise RuleFileError(f"{file} 第{line}行，规则 {rule.id} 的字段 body：不认识的主体“{rule.body}”，"
                            f"请使用 {names} 之一（见 rules/bodies.yaml）。")
    return body.id


def genre_of(req: Any, kinds: list[str], vocab: Vocabulary) -> Literal["", "report", "record"]:
    """Which status words fit: report for a report's due date, record for a per-record condition."""
    if isinstance(req, EachRecord):
        return "record"
    if isinstance(req, Deadline) and kinds and all((k := vocab.get(i)) and k.report for i in kinds):
        return "report"
    return ""
