"""A record as the text a person would type into the form, and the form's validation.

The form reuses ``auditor.fields.parse_fields`` (shared with `add` and import), field
by field, so every problem is shown next to its own field at once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from auditor.checks.common import fmt
from auditor.fields import FIELDS, FieldError, parse_fields
from auditor.kinds import Vocabulary
from auditor.model import Record

SEP = "；"


def record_values(r: Record) -> dict[str, str]:
    """Text per field name; the kind is its id (the form's picker shows the label)."""
    absentees = SEP.join(f"{a.name}（{a.reason}）" if a.reason else a.name for a in r.absentees)
    return {
        "date": r.date.isoformat(),
        "time": r.time,
        "kind": r.kind,
        "title": r.title,
        "topics": SEP.join(r.topics),
        "host": r.host,
        "recorder": r.recorder,
        "expected": "" if r.expected is None else str(r.expected),
        "present": "" if r.present is None else str(r.present),
        "absentees": absentees,
        "attendees": SEP.join(r.attendees),
        "duration_days": "" if r.duration_days is None else fmt(r.duration_days),
        "quantity": "" if r.quantity is None else fmt(r.quantity),
        "covers": r.covers,
        "location": r.location,
        "summary": r.summary,
        "evidence": SEP.join(r.evidence),
    }


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
