"""The report as a document model: built once, laid out by the DOCX and the PDF writers.

The model holds text and structure only (paragraph roles, tables, a chart's numbers);
the writers decide fonts and geometry. Every string is plain text, never markup.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Role = Literal["title", "addressee", "h1", "h2", "h3", "body", "note", "annexes"]
"""annexes: the 附件说明 (附件：1．… with the later numbers under the first)."""

CELL_LIMIT = 120
"""Characters a table cell shows before it is cut with 等 (the full text stays in the log)."""


@dataclass(frozen=True)
class Para:
    text: str
    role: Role = "body"
    origin: str = ""
    """Where user text in it comes from (记录 2026-03-05 主题党日), for a missing-glyph warning."""


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    origin: str = ""
    emphasis: bool = False
    """A group heading row (a rule pack, a theme) spanning the table in the PDF."""


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    widths: tuple[float, ...]
    """Fractions of the text width, one per column."""
    right: tuple[int, ...] = ()
    """Columns of figures, aligned right."""
    caption: str = ""


@dataclass(frozen=True)
class Chart:
    """Activities per month by family: drawn as a bar chart in the PDF, a table in Word."""

    title: str
    months: tuple[str, ...]
    series: tuple[tuple[str, tuple[int, ...]], ...]


Block = Para | Table | Chart


@dataclass(frozen=True)
class Annex:
    label: str
    """附件1."""
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Signature:
    name: str
    day: dt.date


@dataclass(frozen=True)
class ReportDoc:
    title: str
    author: str
    subject: str
    body: tuple[Block, ...]
    signature: Signature
    annexes: tuple[Annex, ...] = ()
    warnings: list[str] = field(default_factory=list)

    def paragraphs(self) -> list[Para]:
        out = [b for b in self.body if isinstance(b, Para)]
        return out


def clip(text: str, limit: int = CELL_LIMIT) -> str:
    """Text for a table cell: cut with 等 past ``limit`` characters, lines kept."""
    text = " ".join(text.split()) if "\n" not in text else text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "等"


def zh_date(day: dt.date) -> str:
    """成文日期 as GB/T 9704 writes it: 2026年7月5日 (no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"
