"""The requirement types, each one module under ``engine/checks/`` found from the schema union.

A requirement type's module holds its schema (a msgspec Struct tagged with its ``type``),
``assess(ctx, req)`` for one window, ``describe(req)`` in one Chinese phrase and
``due(req, window)``: the day a window's duty must be done by; a type whose duties have no
date (each_record, member_absence) declares ``-> None`` and returns None.
The union ``rulebook.schema.Requirement`` lists the Structs; the module of each Struct
is its type's module, so a new type needs no registration beyond the union.
"""

from __future__ import annotations

import datetime as dt
import inspect
import sys
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from auditor.engine.assessment import WindowResult
    from auditor.engine.checks.common import WindowContext
    from auditor.periods import Period
    from auditor.rulebook.schema import Rule


class RequirementType(Protocol):
    def assess(self, ctx: WindowContext, req: Any) -> WindowResult: ...
    def describe(self, req: Any) -> str: ...
    def due(self, req: Any, window: Period) -> dt.date | None: ...


def type_of(req: object) -> RequirementType:
    """The module of a requirement's type (count, deadline, ...); ``req`` or its Struct class."""
    cls = req if isinstance(req, type) else type(req)
    return cast(RequirementType, sys.modules[cls.__module__])


def tag(req: object) -> str:
    """The ``type`` a rule file gives: count, total, deadline, ..."""
    return str(type(req).__struct_config__.tag)  # type: ignore[attr-defined]


def describe(req: object, *, with_type: bool = False) -> str:
    """One Chinese phrase for a requirement; ``with_type`` prefixes the type (the docs table)."""
    text = type_of(req).describe(req)
    return f"{tag(req)}：{text}" if with_type else text


def due(req: object, window: Period) -> dt.date | None:
    return type_of(req).due(req, window)


@cache
def has_due_dates(kind: str) -> bool:
    """Whether windows of a type (a RuleResult's ``kind``) are due by a date, as its ``due``
    declares: the calendar lists those, and no type needs naming in the faces."""
    module = sys.modules.get(f"auditor.engine.checks.{kind}")
    returns = inspect.signature(module.due).return_annotation if module else "None"
    return returns not in ("None", None)


@dataclass(frozen=True)
class Duty:
    """What a face reads of a rule's requirement besides its results (the report's themes,
    phrases and plans), so that no face needs the schema or the checks."""

    rule: str
    type: str
    """The requirement type, as a rule file names it: count, total, deadline ..."""
    what: str
    """The rule's noun, else its title (主题党日)."""
    kinds: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    topics_any: tuple[str, ...] = ()
    field: str = ""
    """The record field a total adds up (duration_days, quantity); empty for other types."""
    min: float = 0
    """The amount per window of a count, total or per-member duty; 0 for other types."""
    unit: str = ""


def duty(rule: Rule) -> Duty:
    req, m = rule.requirement, rule.requirement.match
    # every type has a match; the amount, field and unit only where the type counts
    return Duty(rule.id, tag(req), rule.what, m.kinds, m.topics, m.topics_any,
                field=str(getattr(req, "field", "")), min=float(getattr(req, "min", 0)),
                unit=str(getattr(req, "unit", "")))
