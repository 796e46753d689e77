"""Display width and line breaking for Chinese terminal text.

A Chinese character takes two terminal columns, so padding and wrapping count display
columns, not characters. Lines break between characters of Chinese text or at spaces, never
inside a run of digits or Latin letters (a number, a date part, a rule id), and follow the
line-start rules of Chinese typesetting: no closing bracket or punctuation at the start of
a line, no opening bracket at its end (the character moves to the other line).
"""

from __future__ import annotations

import re

from rich.cells import cell_len

NO_LINE_START = frozenset("）】」』》〉〕］｝)]}，。、；：！？,.;:!?…’”%％·～-")
"""Closing brackets and punctuation that may not begin a line."""
NO_LINE_END = frozenset("（【「『《〈〔［｛([{‘“")
"""Opening brackets that may not end a line."""

# A unit that is never split: a run of Latin letters, digits and the joiners inside ids,
# numbers and dates (branch.general-meeting, 2026-11-22, 12.5, 14:30), or one other character.
_UNIT = re.compile(r"-{0,2}[A-Za-z0-9][A-Za-z0-9._:/+\-]*|\s+|.", re.S)


def width(text: str) -> int:
    """Terminal columns ``text`` takes (wide characters count two)."""
    return cell_len(text)


def pad(text: str, columns: int) -> str:
    """``text`` followed by spaces up to ``columns`` display columns."""
    return text + " " * max(0, columns - width(text))


def _units(text: str) -> list[str]:
    return _UNIT.findall(text)


def wrap(text: str, columns: int) -> list[str]:
    """``text`` as lines of at most ``columns`` display columns (a unit longer than that stands alone)."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        out.extend(_wrap_line(paragraph, max(columns, 2)))
    return out


def _wrap_line(text: str, columns: int) -> list[str]:
    lines: list[list[str]] = [[]]
    used = 0
    for unit in _units(text):
        w = width(unit)
        if used + w > columns and lines[-1]:
            if unit.isspace():
                lines.append([])
                used = 0
                continue
            carried = _carry(lines[-1], unit, closing=unit == '"' and not lines[-1][-1].isspace())
            lines.append(carried)
            used = sum(width(u) for u in carried)
        lines[-1].append(unit)
        used += w
    return ["".join(line).rstrip() for line in lines] or [""]


def _carry(line: list[str], unit: str, closing: bool = False) -> list[str]:
    """Units taken off the end of a full line so that neither line breaks a line-start rule.

    ``closing``: an ASCII quote right after text closes a quotation, so it may not start a line.
    """
    carried: list[str] = []
    # a closing mark may not start the next line: take the unit before it along
    if (len(unit) == 1 and unit in NO_LINE_START) or closing:
        while len(line) > 1 and len(line[-1]) == 1 and line[-1] in NO_LINE_START:
            carried.insert(0, line.pop())
        if len(line) > 1 and not line[-1].isspace():
            carried.insert(0, line.pop())
    # an opening bracket (or a quote after a space) may not end this line
    while len(line) > 1 and (line[-1] in NO_LINE_END or (line[-1] == '"' and line[-2].isspace())):
        carried.insert(0, line.pop())
    while line and line[-1].isspace():
        line.pop()
    return carried


def columns(rows: list[list[str]], caps: list[int] | None = None, gap: int = 2) -> list[str]:
    """Rows as lines whose columns start at the same display column (spaces, never tabs).

    A column is as wide as its widest cell, or ``caps[i]`` when given; a wider cell is kept
    whole and pushes the rest of its line to the right.
    """
    if not rows:
        return []
    count = max(len(r) for r in rows)
    widths = [max((width(r[i]) for r in rows if i < len(r)), default=0) for i in range(count)]
    if caps:
        widths = [min(w, c) for w, c in zip(widths, [*caps, *[w for w in widths[len(caps):]]], strict=False)]
    out = []
    for r in rows:
        cells = [pad(c, widths[i]) if i < len(r) - 1 else c for i, c in enumerate(r)]
        out.append((" " * gap).join(cells).rstrip())
    return out


def grid(
    rows: list[list[str]], total: int, wrapping: set[int], *, gap: int = 2, indent: int = 0, spaced: bool = False
) -> list[str]:
    """Rows as aligned lines in ``total`` columns: the ``wrapping`` columns share what the others
    leave and wrap on Chinese rules; the others (ids, dates, numbers) are never split.
    ``spaced`` puts an empty line between rows (the first row is the header)."""
    if not rows:
        return []
    count = max(len(r) for r in rows)
    rows = [[*r, *[""] * (count - len(r))] for r in rows]
    natural = [max(width(line) for r in rows for line in r[i].split("\n") or [""]) for i in range(count)]
    fixed = sum(w for i, w in enumerate(natural) if i not in wrapping)
    free = total - indent - gap * (count - 1) - fixed
    widths = list(natural)
    # narrow the widest wrapping column first, so short titles stay on one line
    while sum(widths[i] for i in wrapping) > free:
        widest = max(wrapping, key=lambda i: widths[i])
        if widths[widest] <= 8:
            break
        widths[widest] -= 1
    out = []
    for n_row, r in enumerate(rows):
        if spaced and n_row > 1:
            out.append("")
        cells = [wrap(c, widths[i]) if i in wrapping else c.split("\n") for i, c in enumerate(r)]
        for n in range(max(len(c) for c in cells)):
            parts = [pad(c[n] if n < len(c) else "", widths[i]) for i, c in enumerate(cells)]
            out.append(" " * indent + (" " * gap).join(parts).rstrip())
    return out
