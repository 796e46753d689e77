"""The hand-written SpreadsheetML writer: every kind of cell reads back as written (openpyxl)."""

from __future__ import annotations

import datetime as dt
import enum
import io

from auditor.io.xlsx_writer import xlsx_bytes


class Word(enum.StrEnum):  # a str subclass takes the slow path, not the exact-type one
    YES = "是<的>"


def test_text_numbers_dates_and_odd_cells_read_back() -> None:
    from openpyxl import load_workbook

    rows = [
        ["a&b<c>\"d'", "R\x01\x1fX\ufffe", 5, 2.5, None, "", True, False, dt.date(2026, 1, 2), "=1+1", Word.YES, 0],
        ["只有一格"],
    ]
    headers = [f"列{i}&<>" for i in range(12)]
    ws = load_workbook(io.BytesIO(xlsx_bytes("表<1>", headers, rows, [10] * 12))).worksheets[0]
    assert ws.title == "表<1>"
    assert [c.value for c in ws[1]] == headers and ws["A1"].font.b
    got = [c.value for c in ws[2]]
    assert got[:4] == ["a&b<c>\"d'", "RX", 5, 2.5]
    assert got[4] is None and got[5] is None  # None and "" leave the cell empty
    assert got[6:8] == ["是", "否"]
    assert isinstance(got[8], dt.datetime) and got[8].date() == dt.date(2026, 1, 2)
    assert ws["I2"].number_format == "yyyy-mm-dd"
    assert got[9] == "=1+1" and ws["J2"].data_type == "s"  # text, never a formula
    assert got[10:] == ["是<的>", 0]
    assert [c.value for c in ws[3]][:2] == ["只有一格", None]
    assert ws.freeze_panes == "A2"
