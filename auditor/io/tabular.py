"""Rows from CSV files (UTF-8 with or without BOM, GBK/GB18030) into record documents.

Import is all-or-nothing: every bad row is reported with its row number and field,
and nothing is stored unless all rows are good.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.errors import InputError, os_reason
from auditor.forms import RECORD, Parse
from auditor.io.headers import Header, detect_header, normalise
from auditor.rulebook.kinds import Vocabulary

NOTE = "note"
"""A 备注 column: not a field of its own, its text goes to the summary."""


@dataclass(frozen=True)
class RowProblem:
    row: int
    field: str
    message: str
    unit: str = "行"
    """``行`` for a table row, ``条`` for the n-th record of a JSON file."""
    header: str = ""
    """The column's header as the file has it, when it differs from the field's own."""

    def __str__(self) -> str:
        header = RECORD.header(self.field)
        if self.header and normalise(self.header) not in (normalise(header), self.field):
            header = f"{self.header}（{header}）"
        return f"第{self.row}{self.unit}“{header}”：{self.message}"


class ImportProblems(InputError):
    """One or more bad rows; nothing was stored."""

    def __init__(self, path: Path, problems: Sequence[RowProblem]) -> None:
        lines = "\n".join(f"  {p}" for p in problems[:50])
        more = f"\n  ……另有{len(problems) - 50}处" if len(problems) > 50 else ""
        super().__init__(
            f"{path.name} 有{len(problems)}处问题，未导入任何记录；请改正后重新导入：\n{lines}{more}"
        )
        self.problems = list(problems)


def decode(raw: bytes) -> str:
    """UTF-8 (BOM or not) first; otherwise GB18030, which covers GBK and GB2312."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError("文件既不是 UTF-8 也不是 GBK 编码，请在 Excel 中另存为“CSV UTF-8”后重试。") from None


# Short and everyday headers of real sheets, beside the field spec's own names.
IMPORT_ALIASES: dict[str, str] = {
    "应到": "expected", "应到人": "expected", "应参会人数": "expected",
    "实到": "present", "实到人": "present", "参会人数": "present", "出席人数": "present",
    "会议名称": "title", "活动名称": "title", "名称": "title", "活动主题": "title",
    "会议类型": "kind", "类别": "kind", "会议类别": "kind", "活动形式": "kind",
    "会议日期": "date", "活动日期": "date",
    "会议时间": "time", "活动时间": "time",
    "会议地点": "location", "活动地点": "location",
    "主持": "host", "记录": "recorder",
    "参加人员": "attendees", "出席人员": "attendees", "参会党员": "attendees",
    "缺席": "absentees", "缺席人员及原因": "absentees",
    "内容": "summary", "会议内容": "summary", "主要内容": "summary", "活动内容": "summary",
    "备注": NOTE, "说明": NOTE,
}
ALIASES: dict[str, str] = {normalise(k): v for k, v in {**RECORD.columns(), "编号": "id", "id": "id",
                                                        **IMPORT_ALIASES}.items()}
LABELS: dict[str, str] = {f.name: f.header for f in RECORD.fields}
# A sheet without a 日期 column usually keeps the day under 时间 (会议时间：2026年3月5日).
DATE_STAND_INS = {"date": ("时间", "会议时间", "活动时间")}


@dataclass(frozen=True)
class Table:
    header: Header
    rows: list[tuple[int, dict[str, str]]]
    """(row number as the spreadsheet shows it, field -> cell text) for each non-empty row."""


def read_csv(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(row number as Excel shows it, field -> cell) for each non-empty data row."""
    return csv_table(path).rows


def csv_table(path: Path) -> Table:
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(f"无法读取 {path}（{os_reason(e)}），请检查文件路径。") from None
    rows = _csv_rows(path, decode(raw))
    if not rows:
        raise InputError(f"{path.name} 是空文件，没有可导入的记录。")
    return find_table(path, list(enumerate(rows, start=1)))


def _csv_rows(path: Path, text: str) -> list[list[str]]:
    """Rows of CSV text; an unclosed quote is refused (lenient parsing swallows the rest of the file)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error:
        start = _next_line(text, rows)
        raise InputError(f"{path.name} 第{start}行的引号没有配对（一个单元格以 \" 开头却没有结束的 \"），"
                         "后面的内容都被当成了这一格；请在 Excel 中打开核对后另存为 CSV。") from None
    return rows


def _next_line(text: str, rows: list[list[str]]) -> int:
    """The physical line where the row after ``rows`` starts (cells may hold line breaks)."""
    consumed = sum(1 + sum(cell.count("\n") for cell in row) for row in rows)
    return consumed + 1


def find_table(path: Path, rows: Sequence[tuple[int, Sequence[Any]]]) -> Table:
    """The header found among the top rows, and every data row under it as field texts."""
    header, body = detect_header(path.name, rows, ALIASES, LABELS, fallbacks=DATE_STAND_INS,
                                 merge_into={NOTE: "内容摘要"})
    names = header.names()
    missing = [LABELS[r] for r in ("date", "kind", "title") if r not in names]
    if missing:
        raise InputError(f"{path.name} 缺少{'、'.join(f'“{m}”' for m in missing)}列，"
                         f"请在表头（第{header.row}行）加上。")
    out = []
    for number, cells in body:
        values = {n: cell_text(c) for n, c in zip(names, cells, strict=False) if n is not None}
        if any(v for v in values.values()):
            out.append((number, _fold(values)))
    return Table(header, out)


def _fold(values: dict[str, str]) -> dict[str, str]:
    """备注 joins the summary; a day number Excel shows as a date is read as one."""
    note = values.pop(NOTE, "")
    if note:
        summary = values.get("summary", "")
        values["summary"] = f"{summary}\n备注：{note}" if summary else note
    values["date"] = serial_date(values.get("date", ""))
    return values


def serial_date(text: str) -> str:
    """Excel's day number (46345 = 2026-11-19, when a date cell lost its format) as ISO; else as is."""
    m = _SERIAL.fullmatch(text)
    if not m or not SERIAL_RANGE[0] <= int(m.group(1)) <= SERIAL_RANGE[1]:
        return text
    return (EXCEL_EPOCH + dt.timedelta(days=int(m.group(1)))).isoformat()


EXCEL_EPOCH = dt.date(1899, 12, 30)
SERIAL_RANGE = (18172, 73415)
"""Day numbers of 1949-10-01 to 2100-12-31; anything else is not taken for a date."""
_SERIAL = re.compile(r"(\d{5})(?:\.\d+)?")


# Export prefixes cells starting with these with an apostrophe so that spreadsheet
# programs do not run them as formulas; import takes the apostrophe off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell_text(value: Any) -> str:
    """A spreadsheet cell as import text: dates ISO, whole floats as ints, formula guard undone."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        text = text[1:]
    return text.strip()


def parse_rows(
    path: Path, rows: Sequence[tuple[int, dict[str, str]]], vocab: Vocabulary, today: dt.date
) -> list[dict[str, Any]]:
    """All rows as record documents, or ImportProblems listing every bad row."""
    return [doc for _, doc in parse_numbered_rows(path, rows, vocab, today)]


def parse_numbered_rows(
    path: Path, rows: Sequence[tuple[int, dict[str, str]]], vocab: Vocabulary, today: dt.date,
    headers: dict[str, str] | None = None,
) -> list[tuple[int, dict[str, Any]]]:
    """(row number, record document) for every row, or ImportProblems listing every bad field.

    ``headers`` gives the file's own header per field, so a problem names the column as the
    secretary wrote it (会议名称 rather than 主题).
    """
    docs: list[tuple[int, dict[str, Any]]] = []
    problems: list[RowProblem] = []
    for number, values in rows:
        doc, errors = parse_all(values, vocab, today)
        if errors:
            problems.extend(RowProblem(number, f, m, header=(headers or {}).get(f, "")) for f, m in errors.items())
        else:
            docs.append((number, doc))
    if problems:
        raise ImportProblems(path, problems)
    if not docs:
        raise InputError(f"{path.name} 没有数据行，没有可导入的记录。")
    return docs


def parse_all(values: dict[str, str], vocab: Vocabulary, today: dt.date) -> tuple[dict[str, Any], dict[str, str]]:
    """(document, {}) when every field is good, else ({}, {field: message}) for every bad one."""
    return RECORD.parse_all(values, Parse(today, vocab))
