"""A record as the text a person would type into the form, and the form's validation.

The form reuses ``auditor.fields.parse_fields`` (shared with `add` and import), field
by field, so every problem is shown next to its own field at once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from auditor.engine.checks.common import fmt
from auditor.fields import FIELDS, FieldError, parse_fields
from auditor.model import Absentee, Record
from auditor.rulebook.kinds import Vocabulary

SEP = "；"


def record_values(r: Record) -> dict[str, str]:
    """Text per field of ``FIELDS`` (so fields added there appear here); the kind is its id."""
    return {spec.name: _text(getattr(r, spec.name, None)) for spec in FIELDS}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return fmt(value)
    if isinstance(value, tuple):
        return SEP.join(_item(v) for v in value)
    return str(value)


def _item(value: Any) -> str:
    """One list item as typed: an absentee is written 张三（出差）."""
    if isinstance(value, Absentee):
        return f"{value.name}（{value.reason}）" if value.reason else value.name
    return str(value)


def validate(values: dict[str, str], vocab: Vocabulary, today: dt.date) -> tuple[dict[str, Any], dict[str, str]]:
    """(document, {}) when every field is fine, else ({}, {field name: Chinese message})."""
    errors: dict[str, str] = {}
    for spec in FIELDS:
        try:
            parse_fields({spec.name: values.get(spec.name, "")}, vocab, today, partial=True)
        except FieldError as e:
            errors[e.field] = e.msg
    if errors:
        return {}, errors
    try:
        return parse_fields(values, vocab, today), {}
    except FieldError as e:  # cross-field checks, e.g. present > expected
        return {}, {e.field: e.msg}
