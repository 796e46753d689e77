"""ReportLab paragraphs and plain table cells broken by the Chinese rules of ``linebreak``.

``ZhParagraph`` replaces ReportLab's CJK wrap (``breakLinesCJK``). That wrap lets an
opening quote end a line and most Chinese closing marks start one. The glyphs, widths
and line objects stay ReportLab's own (``cjkU``, ``makeCJKParaLine``). Only the choice
of where each line ends is ours.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import ParaLines, cjkU, makeCJKParaLine

from auditor.report.linebreak import BREAK, break_lines

_EMPTY = "\u200b"
"""Stands for a fragment without text (zero width, a break either side is allowed)."""


class ZhParagraph(Paragraph):  # type: ignore[misc]  # ReportLab has no type hints
    def breakLinesCJK(self, maxWidths: Any) -> Any:  # noqa: N802, N803 - ReportLab's names
        widths = list(maxWidths) if isinstance(maxWidths, (list, tuple)) else [maxWidths]
        if getattr(self, "_splitpara", 0) and hasattr(self, "blPara"):  # the rest of a split paragraph
            return self.blPara
        if not self.frags or self.bulletText or getattr(self.style, "endDots", None):
            return super().breakLinesCJK(widths)  # not used by the report; ReportLab's own wrap
        units = [cjkU(c, f, "utf8") for f in self.frags for c in (f.text or [""])]
        text = "".join(u or (BREAK if hasattr(u.frag, "lineBreak") else _EMPTY) for u in units)
        sizes = [float(u.width) for u in units]
        calc = getattr(self, "autoLeading", getattr(self.style, "autoLeading", "")) not in ("", "off")
        lines = []
        for n, (start, end) in enumerate(break_lines(text, sizes, widths)):
            width = widths[min(n, len(widths) - 1)]
            used = sum(sizes[start:end])
            lines.append(makeCJKParaLine(units[start:end], width, used, width - used, text[end - 1] == BREAK, calc))
        return ParaLines(kind=1, lines=lines)


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
