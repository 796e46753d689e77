"""Where a line of Chinese text may break: the line-breaking rules (禁则) of GB/T 15834.

A closing mark (，。、；：？！ ” 》 ） …) never starts a line, and an opening one (“ 《 （ …)
never ends one. The two lists are those Word applies to Simplified Chinese. A run of
Latin letters and digits (2026, R00012, xlsx) stays whole, and so does a 破折号 —— or an
省略号 ……. When the character that overflows may not start the next line, characters
move down with it (推出): the line ends a little short, and justification spreads the
gap. Nothing hangs into the margin. ReportLab's own CJK wrap only knows a part of the
first list, so the PDF's paragraphs and table cells both break here.

Pure: text and widths in, line spans out; ``pdf_para`` applies it to ReportLab.
"""

from __future__ import annotations

from collections.abc import Sequence

CANNOT_START = frozenset(
    "!%),.:;?]}¢°·’”…‰′″℃、。〃〉》」』】〕〗〞︶︺︾﹀﹄﹚﹜﹞！＂％＇），．：；？］｝～｣ˇˉ―‖∶"
)
CANNOT_END = frozenset("$([{£¥·‘“〈《「『【〔〖〝﹙﹛﹝＄（［｛￡￥")
_PAIRS = frozenset("—…")
"""Marks written doubled (—— and ……): never split between the two."""
BREAK = "\n"
"""A forced line break; it belongs to the line it ends."""
FUZZ = 1e-6


def _latin(c: str) -> bool:
    return c.isascii() and c.isalnum()


def may_break(before: str, after: str) -> bool:
    """Whether a line may end after ``before`` with ``after`` starting the next one."""
    if after == " ":
        return True
    if after in CANNOT_START or before in CANNOT_END:
        return False
    if before == after and before in _PAIRS:
        return False
    return not (_latin(before) and _latin(after))


def _punctuation_ok(before: str, after: str) -> bool:
    """The rules without the Latin one: a word longer than half a line is cut, not its marks."""
    return after == " " or (after not in CANNOT_START and before not in CANNOT_END)


def break_lines(text: str, widths: Sequence[float], max_widths: Sequence[float]) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text``; ``max_widths`` per line, the last one repeating.

    Every line holds at least one character. Spaces at the start of a line after a
    soft break are dropped (they belong to no line).
    """
    lines: list[tuple[int, int]] = []
    n, start = len(text), 0
    while start < n:
        limit = max_widths[min(len(lines), len(max_widths) - 1)] + FUZZ
        used, end = 0.0, start
        while end < n and text[end] != BREAK and (end == start or used + widths[end] <= limit):
            used += widths[end]
            end += 1
        if end < n and text[end] == BREAK:
            lines.append((start, end + 1))
            start = end + 1
            continue
        if end < n:
            end = _legal_break(text, start, end)
        lines.append((start, end))
        start = end
        while start < n and text[start] == " ":
            start += 1
    return lines


def _legal_break(text: str, start: int, end: int) -> int:
    """The latest break at or before ``end``, moving back at most half the line; else ``end``."""
    earliest = max(start + 1, (start + end) // 2)
    for rule in (may_break, _punctuation_ok):
        for b in range(end, earliest - 1, -1):
            if rule(text[b - 1], text[b]):
                return b
    return end
