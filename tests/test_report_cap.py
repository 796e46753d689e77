"""The report's 佐证材料清单 is capped (issue 15): it never drops a failing record, and the
whole list goes to a file beside the report that the annex names, from the CLI and the TUI alike."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from helpers import cli, fill_report_form, generate_report, open_screen
from textual.widgets import Static

from auditor import limits
from auditor.limits import APPENDIX_ROWS
from auditor.periods import parse_period
from auditor.report import evidence_list_path
from auditor.report.annexes import evidence_table
from auditor.report.data import collect
from auditor.session import Session
from auditor.store.store import Store

AS_OF = "2026-11-22"


def _log(db: Path, n: int) -> None:
    start = dt.date(2026, 1, 1)
    Store(db).add_many([{"date": (start + dt.timedelta(days=i % 300)).isoformat(), "kind": "theme_day",
                         "title": f"主题党日{i}", "expected": 10, "present": 9} for i in range(n)])


def _cli_report(tmp_path: Path, rows: int, name: str) -> tuple[Path, Path, int, str, str]:
    """A log of ``rows`` records and `auditor report --period 2026 -o NAME` on it (the cap at 20)."""
    db = tmp_path / "auditor.json"
    _log(db, rows)
    out = tmp_path / name
    code, stdout, stderr = cli(db, "report", "--period", "2026", "--as-of", AS_OF, "-o", str(out))
    return db, out, code, stdout, stderr


def _sheet_ids(path: Path) -> list[str]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    try:
        rows = list(wb.worksheets[0].iter_rows(values_only=True))
    finally:
        wb.close()
    assert rows[0][0] == "编号"
    return [str(r[0]) for r in rows[1:]]


def _docx_text(path: Path) -> str:
    import docx

    doc = docx.Document(str(path))
    cells = (c.text for t in doc.tables for row in t.rows for c in row.cells)
    return "\n".join([*(p.text for p in doc.paragraphs), *cells])


def test_a_long_evidence_list_is_capped_and_says_where_the_rest_is(tmp_path: Path) -> None:
    db = tmp_path / "auditor.json"
    _log(db, APPENDIX_ROWS + 150)
    data = collect(Session(db), parse_period("2026"), dt.date(2026, 11, 22))
    table = evidence_table(data)
    assert len(table.rows) == APPENDIX_ROWS + 1
    last = " ".join(table.rows[-1].cells)  # built without a file (no report written): the export pointer
    assert "另有150条" in last and "auditor export --period 2026" in last


def test_report_writes_the_full_list_beside_it_and_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "APPENDIX_ROWS", 20)
    db, out, code, stdout, stderr = _cli_report(tmp_path, 57, "自查报告.docx")
    assert code == 0, stderr
    full = evidence_list_path(out)
    assert full.name == "自查报告_佐证材料清单.xlsx"
    assert f"已生成自查报告：{out}" in stdout
    assert f"全部57条记录已另存为：{full}" in stdout
    period = parse_period("2026")
    expected = sorted(r.id for r in Session(db).store.records() if period.contains(r.date))
    assert sorted(_sheet_ids(full)) == expected and len(expected) == 57
    if os.name == "posix":  # names of who came: private, as the report beside it
        assert stat.S_IMODE(full.stat().st_mode) == stat.S_IMODE(out.stat().st_mode) == 0o600
    text = _docx_text(out)
    assert "另有37条计入的记录未列出" in text and "自查报告_佐证材料清单.xlsx" in text
    assert "auditor export" not in text


def test_a_short_list_prints_whole_and_writes_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "APPENDIX_ROWS", 20)
    _, out, code, stdout, _ = _cli_report(tmp_path, 20, "r.docx")
    assert code == 0 and out.exists()
    assert not evidence_list_path(out).exists() and "另存为" not in stdout
    assert "另有" not in _docx_text(out)


async def test_the_tui_report_screen_writes_and_names_the_list_too(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from auditor.tui.app import AuditorApp

    monkeypatch.setattr(limits, "APPENDIX_ROWS", 20)
    db = tmp_path / "auditor.json"
    _log(db, 45)
    folder = tmp_path / "out"
    folder.mkdir()
    app = AuditorApp(Session(db), as_of=dt.date.fromisoformat(AS_OF))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_screen(pilot, "4")
        fill_report_form(screen, "2026", folder)
        await generate_report(pilot)
        status = str(screen.query_one("#report-status", Static).content)
    reports = list(folder.glob("*.docx"))
    assert len(reports) == 1
    full = evidence_list_path(reports[0])
    assert len(_sheet_ids(full)) == 45
    assert str(full) in status and "全部45条" in status
