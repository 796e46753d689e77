"""Use cases on the unit's settings: the profile and its rule folders, report periods, absence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.errors import InputError
from auditor.model import UnitProfile

if TYPE_CHECKING:
    from auditor.periods import Period
    from auditor.session import Session

REPORT_KINDS = ("half", "year")
"""A 自查报告 covers a half-year or a year (半年、全年), never a quarter or a month."""


def save_profile(session: Session, changes: Mapping[str, Any]) -> UnitProfile:
    """Change the unit profile; refused before saving when its packs or rule folders do not load.

    ``rules_dirs`` are kept as typed (relative to the database's folder, see
    ``session.rule_folders``); a report font must be an existing file.
    """
    import msgspec

    from auditor.rulebook.loader import load_ruleset
    from auditor.session import rule_folders

    profile = msgspec.structs.replace(session.store.profile(), **changes)
    font = profile.report_font
    if font and not Path(font).expanduser().is_file():
        raise InputError(f"报告字体文件 {font} 不存在，请写出 .ttf 或 .ttc 文件的完整路径，或留空。")
    load_ruleset(rule_folders(session.db_path, profile.rules_dirs), packs=profile.packs)
    session.store.set_profile(profile)
    session.reload()
    return profile


def report_period(period: Period, typed: str = "") -> Period:
    """The period itself when a report may cover it; else one sentence saying what may."""
    if period.kind not in REPORT_KINDS:
        raise InputError(f"自查报告按半年或全年编写，期间“{typed or period.id}”不适用，"
                         "请写成 2026H1、2026H2 或 2026。")
    return period


def report_periods(as_of: dt.date) -> list[str]:
    """Periods offered for a report: this and the last half-year, this and the last year."""
    from auditor.periods import period_of, shift

    out: list[str] = []
    for kind in REPORT_KINDS:
        current = period_of(as_of, kind)  # type: ignore[arg-type]
        out += [current.id, shift(current, -1).id]
    return out


def absence_months(session: Session) -> int:
    """The months of absence the unit's rule member.six-month-absence flags (6 unless tailored)."""
    from auditor.engine.attendance import absence_months as months

    return months(session.ruleset.rules)
