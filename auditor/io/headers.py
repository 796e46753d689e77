"""Which row of a sheet is the header, and which field each column holds.

Real 台账 sheets carry a title row above the header (某某支部2026年活动台账), a 序号
column, short or merged headers (人数 over 应到 / 实到) and empty spacer columns. The
header is the first of the top rows that names at least two known columns; a row under it
made only of column names is a second header row (merged cells above). Every unknown
column is reported at once; 序号 and empty columns are left out and shown as such in the
mapping that ``import --dry-run`` prints.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from auditor.errors import InputError

MAX_TITLE_ROWS = 5
"""How many rows above the header (titles, notes) are looked through."""

IGNORED_HEADERS = frozenset({"序号", "序", "no", "no.", "#", "行号"})
"""Columns that number the rows of a sheet: never data."""

_SPACE = re.compile(r"[\s\u3000]+")


def normalise(header: Any) -> str:
    """A header cell as looked up: no spaces, no required-mark, ASCII lower case."""
    text = _SPACE.sub("", str(header or "")).lstrip("*＊").rstrip("*＊")
    text = re.sub(r"[（(]必填[）)]$", "", text)
    return text.lower() if text.isascii() else text


@dataclass(frozen=True)
class Column:
    index: int
    """0-based position in the row."""
    header: str
    """The header as written in the file (both rows of a two-row header joined by /)."""
    name: str | None
    """The field it fills, or None when it is left out."""
    why: str = ""
    """Why a column is left out (序号列, 空列) or how it is read (并入内容摘要)."""

    @property
    def letter(self) -> str:
        n, out = self.index + 1, ""
        while n:
            n, r = divmod(n - 1, 26)
            out = chr(65 + r) + out
        return out


@dataclass(frozen=True)
class Header:
    row: int
    """The header's row number as the spreadsheet shows it (the lower one of two)."""
    first_row: int
    """The first header row (row - 1 for a two-row header)."""
    columns: tuple[Column, ...]
    skipped: tuple[str, ...]
    """Text of the non-empty rows above the header (titles), for the mapping report."""

    def names(self) -> list[str | None]:
        return [c.name for c in self.columns]


def _known(cell: Any, aliases: Mapping[str, str]) -> bool:
    key = normalise(cell)
    return key in aliases or key in IGNORED_HEADERS


def _find_header(rows: Sequence[tuple[int, Sequence[Any]]], aliases: Mapping[str, str]) -> int:
    """Index of the header row: the first top row naming two known columns, else the first non-empty."""
    first = next((i for i, (_, cells) in enumerate(rows) if any(normalise(c) for c in cells)), 0)
    for i, (_, cells) in enumerate(rows[: MAX_TITLE_ROWS + 1]):
        if sum(1 for c in cells if normalise(c) in aliases) >= 2:
            return i
    return first


def _is_subheader(cells: Sequence[Any], aliases: Mapping[str, str]) -> bool:
    filled = [c for c in cells if normalise(c)]
    return bool(filled) and all(_known(c, aliases) for c in filled)


def detect_header(
    filename: str,
    rows: Sequence[tuple[int, Sequence[Any]]],
    aliases: Mapping[str, str],
    labels: Mapping[str, str],
    *,
    fallbacks: Mapping[str, tuple[str, ...]] | None = None,
    merge_into: Mapping[str, str] | None = None,
) -> tuple[Header, list[tuple[int, Sequence[Any]]]]:
    """The header and the data rows under it; InputError naming every unknown column.

    ``aliases`` maps normalised header text to a field name, ``labels`` a field name to its
    Chinese header. ``fallbacks`` maps a field to the header texts that stand for it when no
    column names it (时间 holds the date in sheets without a 日期 column). ``merge_into``
    maps a pseudo-field to the field its text is appended to (备注 into 内容摘要).
    """
    if not rows:
        raise InputError(f"{filename} 是空文件，没有可导入的内容。")
    at = _find_header(rows, aliases)
    number, main = rows[at]
    width = max(len(cells) for _, cells in rows)
    texts = [str(c).strip() if c is not None else "" for c in main] + [""] * (width - len(main))
    first_row, body_at = number, at + 1
    if body_at < len(rows) and _is_subheader(rows[body_at][1], aliases):
        sub = list(rows[body_at][1]) + [""] * width
        texts = _join_two_rows(texts, [str(c).strip() if c is not None else "" for c in sub[:width]])
        number, body_at = rows[body_at][0], body_at + 1
    body = list(rows[body_at:])
    skipped = tuple(" ".join(str(c).strip() for c in cells if normalise(c)) for _, cells in rows[:at])
    columns = _map_columns(texts, aliases, fallbacks or {}, merge_into or {})
    _check(filename, number, columns, body, labels)
    return Header(number, first_row, tuple(columns), tuple(s for s in skipped if s)), body


def _join_two_rows(main: list[str], sub: list[str]) -> list[str]:
    """Per column the lower header where there is one (人数 / 应到), else the upper one."""
    return [f"{m}/{s}" if m and s else (s or m) for m, s in zip(main, sub, strict=True)]


def _lookup(text: str, aliases: Mapping[str, str]) -> str | None:
    """A header's field: the whole text, or the lower part of a two-row header."""
    key = normalise(text)
    if key in aliases:
        return aliases[key]
    return aliases.get(normalise(text.rsplit("/", 1)[-1])) if "/" in text else None


def _map_columns(
    texts: list[str], aliases: Mapping[str, str], fallbacks: Mapping[str, tuple[str, ...]],
    merge_into: Mapping[str, str],
) -> list[Column]:
    names = [_lookup(t, aliases) for t in texts]
    for field, header in fallbacks.items():
        stand_in = next((i for i, t in enumerate(texts) if normalise(t) in header), None)
        if field not in names and stand_in is not None:
            names[stand_in] = field
    out = []
    for i, (text, name) in enumerate(zip(texts, names, strict=True)):
        last = normalise(text.rsplit("/", 1)[-1])
        if not normalise(text):
            out.append(Column(i, "", None, "空列"))
        elif last in IGNORED_HEADERS:
            out.append(Column(i, text, None, "序号列"))
        elif name == "id":
            out.append(Column(i, text, None, "编号由本数据库重新编排"))
        else:
            out.append(Column(i, text, name, f"并入{merge_into[name]}" if name and name in merge_into else ""))
    return out


def _check(
    filename: str, row: int, columns: list[Column], body: Sequence[tuple[int, Sequence[Any]]],
    labels: Mapping[str, str],
) -> None:
    """Every unknown and duplicated column at once; an empty-headed column must be empty."""
    problems: list[str] = []
    unknown = [c for c in columns if c.name is None and not c.why]
    if unknown:
        sample = "、".join(list(labels.values())[:6])
        problems.append(
            f"有不认识的列名{''.join(f'“{c.header}”（{c.letter}列）' for c in unknown)}；"
            f"列名可用中文（如 {sample}）或英文（date、kind、title），不需要的列请删去"
        )
    seen: dict[str, Column] = {}
    for c in columns:
        if c.name is not None and c.name in seen:
            problems.append(f"{seen[c.name].letter}列“{seen[c.name].header}”和{c.letter}列“{c.header}”"
                            f"都是{labels.get(c.name, c.name)}，请删去或改名其中一列")
        elif c.name is not None:
            seen[c.name] = c
    for c in columns:
        if c.why == "空列":
            filled = next(((n, cells[c.index]) for n, cells in body
                           if c.index < len(cells) and normalise(cells[c.index])), None)
            if filled:
                problems.append(f"{c.letter}列没有列名，第{filled[0]}行却有内容“{str(filled[1]).strip()[:20]}”，"
                                "请给这一列写上列名或删去其中的内容")
    if problems:
        raise InputError(f"{filename} 第{row}行（表头）：" + "；".join(problems) + "。")
