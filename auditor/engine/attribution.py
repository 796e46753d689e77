"""Which period a record is for (所属期间), so it counts for exactly one window per rule.

In order: the record's ``covers`` when given; otherwise a period named in its title
(2026年上半年, 二〇二六年度, 2026年第三季度, 2026年9月 ...); otherwise its date. A
report dated 2026-07-03 titled 2026年上半年意识形态工作报告 is the first half's (late),
never the second half's. Add and import store the period read from the title in
``covers``, so the user sees it and can correct it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from auditor.model import Record
from auditor.periods import _MONTHS, Granularity, Period, make_period, parse_period, period_of
from auditor.rulebook.kinds import Vocabulary

Basis = Literal["covers", "title", "date"]
BASIS_ZH: dict[Basis, str] = {"covers": "所属期间", "title": "据标题推断", "date": "按日期"}
LATE_WARNING = "此记录可能属于上一期间，请填写所属期间"

_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "O": "0"}
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_MONTH_ZH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
             "十": 10, "十一": 11, "十二": 12}
_TITLE = re.compile(
    r"(?P<year>\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*"
    r"(?:(?P<half>上|下)半年|第?(?P<q>[一二三四1-4])季度|(?P<whole>度|全年)"
    r"|(?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月)"
)


@dataclass(frozen=True)
class Attribution:
    """The period a record names (None: it counts by its date) and how that was found."""

    period: Period | None
    basis: Basis

    def window(self, day: dt.date, per: Granularity) -> Period:
        """The one window of granularity ``per`` this record counts for.

        A period as fine as the window or finer picks the window that holds it. A
        coarser one (a 2026年度 record under a half-yearly rule) picks the window of the
        record's date when that lies inside the period, else the period's last window
        (held after it) or first window (held before it).
        """
        p = self.period
        if p is None:
            return period_of(day, per)
        if _MONTHS[p.kind] <= _MONTHS[per]:
            return period_of(p.start, per)
        if p.contains(day):
            return period_of(day, per)
        return period_of(p.end if day > p.end else p.start, per)

    def describe(self) -> str:
        """One Chinese phrase for the faces: 所属期间：2026年上半年（据标题推断）."""
        if self.period is None:
            return "所属期间：按记录日期计入"
        how = "" if self.basis == "covers" else f"（{BASIS_ZH[self.basis]}）"
        return f"所属期间：{self.period.label}{how}"


def period_in_title(title: str) -> Period | None:
    """The first period a title names, e.g. 局党组2025年度民主生活会 -> 2025."""
    m = _TITLE.search(title) if "年" in title else None  # most titles name no year: skip the regex
    if m is None:
        return None
    digits = m.group("year")
    year = int(digits) if digits.isascii() else int("".join(_DIGITS.get(c, c) for c in digits))
    if not 1900 <= year <= 2200:
        return None
    if m.group("half"):
        return make_period("half", year, 1 if m.group("half") == "上" else 2)
    if m.group("q"):
        return make_period("quarter", year, _QUARTERS[m.group("q")])
    if m.group("whole"):
        return make_period("year", year)
    month = m.group("month")
    return make_period("month", year, int(month) if month.isdigit() else _MONTH_ZH[month])


def attribute(record: Record) -> Attribution:
    """covers, else a period in the title, else the date."""
    if record.covers:
        try:
            return Attribution(parse_period(record.covers), "covers")
        except Exception:  # a bad stored value falls back to the title and date
            pass
    found = period_in_title(record.title)
    return Attribution(found, "title") if found else Attribution(None, "date")


def named_periods(records: Sequence[Record]) -> dict[int, Attribution]:
    """Position in ``records`` -> attribution, for the records that name their period.

    The rest (most of a log) count by their date; they are not looked at twice.
    """
    out: dict[int, Attribution] = {}
    for i in [i for i, r in enumerate(records) if r.covers or "年" in r.title]:  # a period in a title needs 年
        found = attribute(records[i])
        if found.basis != "date":
            out[i] = found
    return out


def late_warning(day: dt.date, after: str, basis: Basis) -> str:
    """The warning for a kind usually held after its period, dated early in a period.

    ``after`` is the kind's ``after`` (half: half-year reports; year: 述职, 民主生活会 ...).
    A record of such a kind in the first two months of a period that names no period
    (neither covers nor title) may belong to the previous one.
    """
    if after not in ("half", "year") or basis != "date":
        return ""
    start = period_of(day, "half" if after == "half" else "year").start
    return LATE_WARNING if (day.month - start.month) < 2 else ""


def settle_new(doc: dict[str, Any], vocab: Vocabulary) -> str:
    """Fill ``covers`` of a new or edited record from its title; the line the face shows.

    The period read from the title is stored, so the user sees it and corrects it with
    ``--covers``; a late kind dated early in a period naming none gets LATE_WARNING.
    """
    given = str(doc.get("covers") or "")
    found = period_in_title(str(doc.get("title") or ""))
    if given and (found is None or found.id != given):
        return f"所属期间：{parse_period(given).label}"
    if found is not None:
        doc["covers"] = found.id
        return f"所属期间：{found.label}（据标题推断，如有误请改“所属期间”）"
    kind = vocab.get(str(doc.get("kind") or ""))
    day = dt.date.fromisoformat(str(doc["date"]))
    warning = late_warning(day, kind.after if kind else "", "date")
    return f"所属期间：按日期计入{'；' + warning if warning else ''}"
