"""Excel (.xlsx) in and out with openpyxl; imported only by import/export commands.

Reading uses the first worksheet and the same header detection and value
rules as CSV (``auditor.io.tabular``). Writing gives Chinese headers, column widths
that fit Chinese text, real dates, numbers as numbers, and text that never runs as a
formula.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from auditor.errors import InputError
from auditor.io.tabular import Table, find_table

MAX_WIDTH = 60


def sheet_rows(path: Path, what: str = "记录") -> tuple[list[Any], list[tuple[int, Sequence[Any]]]]:
    """The first worksheet's header row and (row number as Excel shows it, cells) after it.

    ``what`` names what is being imported (记录, 党员) in the empty-sheet message.
    """
    from openpyxl import load_workbook

    if path.suffix.lower() == ".xls":
        raise InputError(f"{path.name} 是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后重试。")
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise InputError(f"找不到文件 {path}，请检查文件路径。") from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise InputError(f"{path.name} 不是有效的 Excel（.xlsx）文件，请用 Excel 打开后另存为 .xlsx。") from None
    try:
        rows = list(wb.worksheets[0].iter_rows(values_only=True))
    finally:
        wb.close()
    if _has_formulas(path):
        _refuse_uncomputed(path, rows)
    if not rows:
        raise InputError(f"{path.name} 的第一个工作表是空的，没有可导入的{what}。")
    return list(rows[0]), [(i, list(r)) for i, r in enumerate(rows[1:], start=2)]


def _has_formulas(path: Path) -> bool:
    """Whether any worksheet has a formula (``<f>``): only then is a second, formula-text read needed."""
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                with z.open(name) as fh:
                    tail = b""
                    for chunk in iter(lambda: fh.read(1 << 20), b""):  # noqa: B023 - fh is this loop's file
                        if b"<f>" in tail + chunk or b"<f " in tail + chunk:
                            return True
                        tail = chunk[-3:]
    return False


def _refuse_uncomputed(path: Path, values: list[tuple[Any, ...]]) -> None:
    """A formula's value is what Excel/WPS/LibreOffice saved with it; with none saved, name the cell.

    Files written by scripts (openpyxl and the like) keep formulas without results: taking
    such a cell as empty would import a count as missing, or call a title "required".
    """
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    wb = load_workbook(path, read_only=True, data_only=False)
    try:
        for r, row in enumerate(wb.worksheets[0].iter_rows(values_only=True)):
            for c, formula in enumerate(row):
                text = getattr(formula, "text", formula)  # ArrayFormula keeps its text apart
                cached = values[r][c] if r < len(values) and c < len(values[r]) else None
                if isinstance(text, str) and text.startswith("=") and cached is None:
                    raise InputError(
                        f"{path.name} 的单元格 {get_column_letter(c + 1)}{r + 1} 是公式（{text[:30]}），"
                        "文件里没有保存它的计算结果，无法读取；请用 Excel 或 WPS 打开后保存一次，或把公式改成数值。"
                    )
    finally:
        wb.close()


def read_xlsx(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(row number as Excel shows it, field -> cell) for each non-empty data row."""
    return xlsx_table(path).rows


def xlsx_table(path: Path) -> Table:
    """The first worksheet's header (found below any title rows) and data rows."""
    header, body = sheet_rows(path)
    return find_table(path, [(1, header), *body])


WIDTH_SAMPLE = 2000
"""Rows looked at for column widths: a width is cosmetic, 100,000 rows would cost a second."""


def write_xlsx(path: Path, headers: Sequence[str], rows: Sequence[Sequence[Any]], sheet: str,
               *, private: bool = False) -> None:
    """Write one sheet atomically; ``rows`` hold str, int, float, dt.date or None.

    ``private`` gives mode 0600 (a file that goes with the report); else the umask decides.

    Chinese headers in bold, a frozen header row, widths that fit Chinese text, real
    dates, numbers as numbers; text is always an inline string, so ``=...`` never runs.
    """
    import datetime as dt

    from rich.cells import cell_len

    from auditor.io.xlsx_writer import xlsx_bytes
    from auditor.store.atomic import write_atomic

    widths = [cell_len(h) for h in headers]
    for row in rows[:WIDTH_SAMPLE]:
        for i, value in enumerate(row):
            if isinstance(value, str):
                widths[i] = max(widths[i], max((cell_len(line) for line in value.splitlines()), default=0))
            elif isinstance(value, dt.date):
                widths[i] = max(widths[i], 10)
    payload = xlsx_bytes(sheet, headers, rows, [min(MAX_WIDTH, w + 2) for w in widths])
    write_atomic(path, payload, mode=0o600 if private else 0o666)  # atomic: a full disk leaves no 0-byte file
