"""What a face needs to know of a field (``Field``), of one kind of item (``Form``), and
what parsing needs besides the text (``Parse``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from auditor.errors import FieldError
from auditor.forms.values import absentee_text, parse_value
from auditor.rulebook.kinds import Vocabulary

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
        return self._parse(values, p, partial, {})

    def _parse(self, values: Mapping[str, Any], p: Parse, partial: bool, known: Mapping[str, Any]) -> dict[str, Any]:
        """``parse``, taking the values of ``known`` fields as already parsed from the same text."""
        doc: dict[str, Any] = {}
        for f in self.fields:
            given = f.name in values and values[f.name] is not None
            if not given and not partial and f.today_by_default:
                values, given = {**values, f.name: p.today.isoformat()}, True
            if not given:
                if f.required and not partial:
                    raise FieldError(f.name, f"{f.header}为必填项，请填写{f.help}。")
                continue
            value = known[f.name] if f.name in known else parse_value(f, values[f.name], p)
            if value is not None or f.kind != "choice":
                doc[f.name] = value
        if not partial:
            self.check(doc)
        return doc

    def errors(self, values: Mapping[str, Any], p: Parse) -> dict[str, str]:
        """Every field's problem at once (for a form on screen), then the checks across fields."""
        return self.parse_all(values, p)[1]

    def parse_all(self, values: Mapping[str, Any], p: Parse) -> tuple[dict[str, Any], dict[str, str]]:
        """(document, {}) when every field is good, else ({}, {field: message}) for every bad one.

        Each value is parsed once (an import of 10,000 rows parsed each three times).
        """
        errors: dict[str, str] = {}
        parsed: dict[str, Any] = {}
        for f in self.fields:  # each field alone, as typed (a missing one as empty)
            text = values.get(f.name, "")
            try:
                if text is not None:
                    parsed[f.name] = parse_value(f, text, p)
            except FieldError as e:
                errors[e.field] = e.msg
        good = {k: v for k, v in values.items() if k not in errors}
        doc: dict[str, Any] = {}
        try:  # the checks across fields, over the fields that parsed (and required ones, if all did)
            doc = self._parse(good, p, bool(errors), {k: v for k, v in parsed.items() if k in good})
            if errors:
                self.check(doc)
        except FieldError as e:
            errors.setdefault(e.field, e.msg)
        return ({}, errors) if errors else (doc, {})

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

