"""Rich text helpers shared by the screens: status cells, progress, dates.

Only width-safe glyphs are used (no East-Asian ambiguous-width characters such as
the ellipsis or middle dot), so columns stay aligned in "ambiguous = wide" terminals.
"""

from __future__ import annotations

import datetime as dt

from rich.cells import cell_len
from rich.text import Text

from auditor.engine.assessment import STATUS_STYLE, Status, fmt


def status_text(status: Status, word: str = "") -> Text:
    """Colour plus symbol plus word, so the status survives a monochrome terminal."""
    return Text(f"{status.symbol} {word or status.label}", style=STATUS_STYLE[status])


def progress(actual: float, required: float) -> str:
    return f"{fmt(actual)}/{fmt(required)}"


def short_date(day: dt.date | None, as_of: dt.date | None = None) -> str:
    """``12-31`` within the year of as_of, ``2027-01-08`` otherwise; ``-`` for none."""
    if day is None:
        return "-"
    if as_of is not None and day.year == as_of.year:
        return day.strftime("%m-%d")
    return day.isoformat()


def clip(text: str, width: int) -> str:
    """Cut text to ``width`` terminal cells, marking a cut with ASCII dots (width-safe)."""
    if cell_len(text) <= width:
        return text
    out = ""
    for ch in text:
        if cell_len(out + ch) > width - 2:
            break
        out += ch
    return out + ".."
