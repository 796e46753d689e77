"""Formulas in an imported .xlsx (issue 15): the value the office program saved, else the cell is named."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from helpers import cli_text as cli
from openpyxl import Workbook

from auditor.store.store import Store


def sheet(path: Path, title: str, expected: str, cached: dict[str, str] | None = None) -> Path:
    """A sheet written as a script would (formulas without results); ``cached`` adds what Excel saves."""
    wb = Workbook()
    ws = wb.active
    ws.append(["日期", "类型", "主题", "应到人数", "实到人数"])
    ws.append(["2026-03-05", "主题党日", title, expected, 9])
    wb.save(path)
    if cached:
        with zipfile.ZipFile(path) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        xml = parts["xl/worksheets/sheet1.xml"].decode()
        for formula, value in cached.items():
            xml = xml.replace(f"<f>{formula}</f><v></v>", f"<f>{formula}</f><v>{value}</v>")
        parts["xl/worksheets/sheet1.xml"] = xml.encode()
        with zipfile.ZipFile(path, "w") as z:
            for name, data in parts.items():
                z.writestr(name, data)
    return path


def test_a_saved_formula_result_is_imported(tmp_path: Path) -> None:
    db = tmp_path / "a.json"
    code, out = cli(db, "import", str(sheet(tmp_path / "x.xlsx", "学习", "=5+5", cached={"5+5": "10"})))
    assert code == 0, out
    assert Store(db).records()[0].expected == 10


@pytest.mark.parametrize(("title", "expected", "cell"), [("学习", "=5+5", "D2"), ('=CONCAT("学","习")', "10", "C2")])
def test_a_formula_without_a_saved_result_names_its_cell(tmp_path: Path, title: str, expected: str,
                                                         cell: str) -> None:
    db = tmp_path / "a.json"
    code, out = cli(db, "import", str(sheet(tmp_path / "x.xlsx", title, expected)))
    assert code == 2 and f"单元格 {cell} 是公式" in out and "必填" not in out, out
    assert not db.exists()


def test_the_export_has_a_bold_frozen_header_and_reads_back(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    db = tmp_path / "a.json"
    assert cli(db, "add", "--date", "2026-03-05", "--kind", "主题党日", "--title", "=1+1 & <b>")[0] == 0
    out = tmp_path / "x.xlsx"
    assert cli(db, "export", str(out))[0] == 0
    ws = load_workbook(out).worksheets[0]
    assert ws.title == "活动记录" and ws.freeze_panes == "A2"
    assert ws["A1"].value == "编号" and ws["A1"].font.b
    assert ws["E2"].value == "=1+1 & <b>" and ws["E2"].data_type == "s"
    assert ws["B2"].number_format == "yyyy-mm-dd"
