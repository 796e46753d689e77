"""The report's 佐证材料清单 is capped at 100,000 records (issue 15) and never drops a failing record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from auditor.limits import APPENDIX_ROWS
from auditor.periods import parse_period
from auditor.report.annexes import evidence_table
from auditor.report.data import collect
from auditor.session import Session
from auditor.store.store import Store


def test_a_long_evidence_list_is_capped_and_says_where_the_rest_is(tmp_path: Path) -> None:
    db = tmp_path / "auditor.json"
    start = dt.date(2026, 1, 1)
    Store(db).add_many([{"date": (start + dt.timedelta(days=i % 300)).isoformat(), "kind": "theme_day",
                         "title": f"主题党日{i}", "expected": 10, "present": 9} for i in range(APPENDIX_ROWS + 150)])
    data = collect(Session(db), parse_period("2026"), dt.date(2026, 11, 22))
    table = evidence_table(data)
    assert len(table.rows) == APPENDIX_ROWS + 1
    last = " ".join(table.rows[-1].cells)
    assert "另有150条" in last and "auditor export --period 2026" in last
