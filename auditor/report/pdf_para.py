"""ReportLab paragraphs and plain table cells broken by the Chinese rules of ``linebreak``.

``ZhParagraph`` replaces ReportLab's CJK wrap (``breakLinesCJK``). That wrap lets an
opening quote end a line and most Chinese closing marks start one. Only the choice of
where each line ends is ours: the glyphs and line objects are those ReportLab makes
(``cjkU``, ``makeCJKParaLine``), built a fragment's run at a time (``_units``,
``_para_line``) as per-glyph calls were most of a long paragraph's time.

A paragraph longer than the page is split by ReportLab into the lines that fit and a new
paragraph of the rest, which it breaks again, whole, on every page: quadratic in a long
text. ``ZhParagraph.split`` hands the rest the lines that breaking gives, worked out once
for all its later pages (``_Lines.rest``). ReportLab's rest has lost its forced breaks
(each ``<br/>`` becomes a space), so a text with them goes on with its own lines instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from reportlab.lib.rl_accel import sameFrag
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import FragLine, ParaLines, cjkU, makeCJKParaLine

from auditor.report.linebreak import BREAK, break_lines

_EMPTY = "\u200b"
"""Stands for a fragment without text (zero width, a break either side is allowed)."""


class _Lines:
    """A paragraph's glyphs broken into lines once, then shared by the pieces page splits make."""

    def __init__(self, units: list[Any], widths: list[float], calc: bool) -> None:
        self.units, self.widths, self.calc = units, widths, calc
        self.text = "".join(u or (BREAK if hasattr(u.frag, "lineBreak") else _EMPTY) for u in units)
        self.sizes = [float(u.width) for u in units]
        self.spans = break_lines(self.text, self.sizes, widths)
        self.lines = [self._line(n, a, b) for n, (a, b) in enumerate(self.spans)]
        self._rest: tuple[int, list[int], _Lines, dict[int, int]] | None = None

    def _line(self, n: int, start: int, end: int) -> Any:
        width = self.widths[min(n, len(self.widths) - 1)]
        used = sum(self.sizes[start:end])
        return _para_line(self.units[start:end], width, used, self.text[end - 1] == BREAK, self.calc)

    def para(self, first: int) -> Any:
        """The lines from ``first`` as a ``blPara``: copies, as ReportLab's split edits their words."""
        return ParaLines(kind=1, lines=[line.clone(words=[w.clone() for w in line.words])
                                        for line in self.lines[first:]])

    def rest(self, line: int) -> tuple[_Lines, int] | None:
        """The lines a split's remainder from ``line`` on gets when ReportLab breaks it, and the first.

        The remainder is a new paragraph of these lines' words, a space added to each line's
        last word (``_split_blParaHard``); breaking that text once gives every later piece's
        lines too. A text with forced breaks gets its own lines instead: the split turns each
        break into a space, which would join the lines across it. None where the break would
        not start at ``line`` (the remainder then breaks itself, as before).
        """
        if _EMPTY in self.text:  # a picture or an empty fragment: left to ReportLab
            return None
        if self._rest is None or self._rest[0] > line:
            self._rest = (line, *self._follow(line))
        first, starts, follow, where = self._rest
        k = where.get(starts[line - first])
        return None if k is None else (follow, k)

    def _follow(self, first: int) -> tuple[list[int], _Lines, dict[int, int]]:
        offset = self.spans[first][0]
        if BREAK in self.text:  # the rest goes on as the unsplit text: ReportLab's lost its breaks
            units, starts = self.units[offset:], [a - offset for a, _ in self.spans[first:]]
        else:
            units, starts = self._joined(first)
        width = self.widths[-1]
        if self.widths == [width, width] and self._same(units, offset):
            return [s + offset for s in starts], self, {a: n for n, (a, _) in enumerate(self.spans)}
        follow = _Lines(units, [width, width], self.calc)
        return starts, follow, {a: n for n, (a, _) in enumerate(follow.spans)}

    def _joined(self, first: int) -> tuple[list[Any], list[int]]:
        """The remainder's glyphs as ReportLab rebuilds them from line ``first``, and each line's start."""
        units: list[Any] = []
        starts: list[int] = []
        last = len(self.spans) - 1
        for n in range(first, last + 1):
            a, b = self.spans[n]
            starts.append(len(units))
            units += self.units[a:b]
            if n < last and self.text[b - 1] != " ":
                units.append(cjkU(" ", self.units[b - 1].frag, "utf8"))
        return units, starts

    def _same(self, units: list[Any], offset: int) -> bool:
        """Whether ``units`` are this text from ``offset`` (then its own breaks are the remainder's)."""
        mine = self.units[offset:]
        return len(units) == len(mine) and all(
            u == v and u.width == v.width and u.frag is v.frag for u, v in zip(units, mine, strict=True))


def _units(frags: list[Any]) -> list[Any]:
    """The fragments' glyphs as ReportLab's ``cjkU``, each character measured once (``_char_width``)."""
    units: list[Any] = []
    for f in frags:
        if hasattr(f, "lineBreak"):  # a forced break: no glyph, though a page split gives it the text " "
            units.append(cjkU("", f, "utf8"))
            continue
        if not f.text or hasattr(f, "cbDefn"):
            units += [cjkU(c, f, "utf8") for c in (f.text or [""])]
            continue
        for c in f.text:
            u = str.__new__(cjkU, c)
            u._frag = f  # what cjkU() sets, without measuring the character again
            u._width = _char_width(c, f.fontName, f.fontSize)
            units.append(u)
    return units


def _para_line(units: list[Any], width: float, used: float, line_break: bool, calc: bool) -> Any:
    """ReportLab's ``makeCJKParaLine``, looking at each run of one fragment's glyphs once.

    Its per-glyph ``sameFrag`` and font ascent look-ups were most of a long paragraph's time.
    """
    words: list[Any] = []
    chars: list[str] = []
    f0: Any = FragLine()
    run: Any = None
    size = ascent = descent = 0
    plain = True
    for u in units:
        f = u.frag
        if f is not run:
            if hasattr(f, "cbDefn"):  # a picture or an anchor: ReportLab's own measure
                return makeCJKParaLine(units, width, used, width - used, line_break, calc)
            run, plain = f, not hasattr(f, "lineBreak")
            up, down = getAscentDescent(f.fontName, f.fontSize)
            size, ascent, descent = max(size, f.fontSize), max(ascent, up), min(descent, down)
        if not (f is f0 and plain) and not sameFrag(f0, f):
            f0 = f0.clone()
            f0.text = "".join(chars)
            words.append(f0)
            chars, f0 = [], f
        chars.append(u)
    if chars:
        f0 = f0.clone()
        f0.text = "".join(chars)
        words.append(f0)
    return FragLine(kind=1, extraSpace=width - used, wordCount=1, words=words[1:], fontSize=size, ascent=ascent,
                    descent=descent, maxWidth=width, currentWidth=used, lineBreak=line_break)


class ZhParagraph(Paragraph):  # type: ignore[misc]  # ReportLab has no type hints
    _zh_rest: tuple[_Lines, int] | None = None
    """Set by ``split`` on the remainder: its lines, already broken, and the first of them."""
    _zh_made: tuple[Any, _Lines, int] | None = None
    """The ``blPara`` handed out, with its lines and their first: wrapped again (a frame too
    short for two lines, then the next page) it is handed out again."""
    _zh_own: _Lines | None = None

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # noqa: N802, N803 - ReportLab's names
        widths = list(maxWidths) if isinstance(maxWidths, (list, tuple)) else [maxWidths]
        if getattr(self, "_splitpara", 0) and hasattr(self, "blPara"):  # the rest of a split paragraph
            return self.blPara
        if not self.frags or self.bulletText or getattr(self.style, "endDots", None):
            return super().breakLinesCJK(widths)  # not used by the report; ReportLab's own wrap
        calc = getattr(self, "autoLeading", getattr(self.style, "autoLeading", "")) not in ("", "off")
        lines, first = self._zh_rest or (self._zh_own, 0)
        if lines is None or lines.widths != widths or lines.calc != calc:
            lines, first = self._own(widths, calc), 0
        made = self._zh_made
        if made is None or made[1] is not lines or made[2] != first:
            made = self._zh_made = (lines.para(first), lines, first)
        return made[0]

    def _own(self, widths: list[float], calc: bool) -> _Lines:
        """This paragraph's own words broken afresh (kept: ReportLab wraps a paragraph many times)."""
        own = self._zh_own
        if own is None or own.widths != widths or own.calc != calc:
            own = self._zh_own = _Lines(_units(self.frags), widths, calc)
        return own

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803 - ReportLab's names
        parts: list[Any] = super().split(availWidth, availHeight)
        if len(parts) == 2:
            made, self._zh_made = self._zh_made, None  # the split edited those lines: a new wrap takes copies
            if made is not None and made[0] is getattr(self, "blPara", None):
                # ReportLab makes the remainder a new paragraph of the same words that breaks them
                # again from scratch on every page: quadratic in a long text. Hand it those lines.
                _, lines, first = made
                parts[1]._zh_rest = lines.rest(first + len(parts[0].blPara.lines))
        return parts


def wrap_plain(text: str, width: float, font: str, size: float) -> str:
    """Plain cell text as lines that fit ``width`` (ReportLab's table splits a str only on \\n)."""
    return _wrapped(text.replace("\r", ""), round(width, 1), font, size)


@lru_cache(maxsize=8192)
def _wrapped(text: str, width: float, font: str, size: float) -> str:
    out: list[str] = []
    for part in text.split("\n"):
        if stringWidth(part, font, size) <= width:
            out.append(part)
            continue
        sizes = _widths(part, font, size)
        out.extend(part[a:b].rstrip() for a, b in break_lines(part, sizes, [width]))
    return "\n".join(out)


def _widths(text: str, font: str, size: float) -> Sequence[float]:
    return [_char_width(c, font, size) for c in text]


@lru_cache(maxsize=65536)
def _char_width(c: str, font: str, size: float) -> float:
    return float(stringWidth(c, font, size))
