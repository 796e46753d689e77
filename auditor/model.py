"""Validated domain objects: activity records, absentees and the unit profile.

Records are msgspec Structs: validation on read (``from_doc``) is fast enough to
run on every load, which keeps the cron path (`check`, `remind`) cheap.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec


class Absentee(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One person missing from a meeting, with the reason given (请假事由)."""

    name: str
    reason: str = ""


class Record(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """One logged activity: a meeting, a study session, a report, an analysis."""

    id: str
    date: dt.date
    kind: str
    """Kind id from the vocabulary (``rules/kinds.yaml``), e.g. ``theme_day``."""
    title: str
    time: str = ""
    """Optional clock time as typed, e.g. ``14:30`` or ``14:30-16:00``."""
    topics: tuple[str, ...] = ()
    host: str = ""
    recorder: str = ""
    expected: int | None = None
    present: int | None = None
    absentees: tuple[Absentee, ...] = ()
    attendees: tuple[str, ...] = ()
    """Names of members present, when the roster is used."""
    duration_days: float | None = None
    quantity: float | None = None
    covers: str = ""
    """Period id the record is for (a July report covers ``2026H1``); empty means its date."""
    location: str = ""
    summary: str = ""
    evidence: tuple[str, ...] = ()
    created: str = ""
    updated: str = ""

    def has_topic(self, topic: str) -> bool:
        return topic in self.topics

    def attendance_ratio(self) -> float | None:
        if not self.expected or self.present is None:
            return None
        return self.present / self.expected


class UnitProfile(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Who is being audited (单位概况); shown on every face."""

    unit_name: str = ""
    """单位名称"""
    branch_name: str = ""
    """支部名称"""
    secretary: str = ""
    """书记"""
    superior: str = ""
    """上级党组织"""
    packs: tuple[str, ...] = ()
    """Rule packs in use; empty means every shipped pack."""
    rules_dirs: tuple[str, ...] = ()
    """The unit's own rule folders (tailoring), applied after the shipped packs."""
    report_font: str = ""
    """Path of a TrueType font for the PDF report; empty means discover one."""

    @property
    def display_name(self) -> str:
        return self.branch_name or self.unit_name or "本支部"


def record_from_doc(doc: dict[str, Any]) -> Record:
    """Validate a stored or imported document into a Record (raises msgspec.ValidationError)."""
    return msgspec.convert(doc, Record, strict=False)


def record_to_doc(record: Record) -> dict[str, Any]:
    """Plain JSON-ready dict of a record (dates as ISO strings)."""
    doc: dict[str, Any] = msgspec.to_builtins(record)
    return doc


def profile_from_doc(doc: dict[str, Any]) -> UnitProfile:
    return msgspec.convert(doc, UnitProfile, strict=False)


class Waiver(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A written explanation (情况说明) that excuses a rule, or one window of it."""

    id: str
    rule: str
    reason: str
    approved_by: str
    approved_on: dt.date
    window: str = ""
    """Period id of the window it excuses; empty excuses every window of the rule."""
    expires: dt.date | None = None
    created: str = ""

    def applies(self, rule_id: str, window: str, as_of: dt.date) -> bool:
        if self.rule != rule_id or (self.window and self.window != window):
            return False
        if self.approved_on > as_of:
            return False
        return self.expires is None or as_of <= self.expires
