"""Pieces of a requirement's schema that several requirement types share."""

from __future__ import annotations

from typing import Annotated

import msgspec

# Bounds a unit's file cannot get wrong silently (negative minimums, absurd ids: issue 15).
Amount = Annotated[int, msgspec.Meta(ge=0, le=100_000)]
Points = Annotated[float, msgspec.Meta(ge=0, le=100_000)]
Days = Annotated[int, msgspec.Meta(ge=0, le=366)]


class Match(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Which records a rule looks at: any of ``kinds``, with all of ``topics``."""

    kinds: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    topics_any: tuple[str, ...] = ()


class MemberFilter(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Which roster members a per-member rule is about; empty fields mean everyone on the roll."""

    roles: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    """E.g. [中心组]: members whose roster entry lists the group."""
    cells: tuple[str, ...] = ()
