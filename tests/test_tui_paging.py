"""The records screen loads a page of rows at a time (issue 15: 100,000 rows froze it for 40 s)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import DEMO_AS_OF, open_screen
from textual.widgets import DataTable, Input, Static

from auditor.session import Session
from auditor.store.store import Store
from auditor.tui.app import AuditorApp
from auditor.tui.screens.records import PAGE, RecordsScreen

N = PAGE * 2 + 50


def big_log(tmp_path: Path) -> Path:
    db = tmp_path / "auditor.json"
    start = dt.date(2020, 1, 1)
    Store(db).add_many([{"date": (start + dt.timedelta(days=i)).isoformat(), "kind": "theme_day",
                         "title": f"第{i + 1}次"} for i in range(N)])
    return db


async def test_rows_come_a_page_at_a_time_and_follow_the_cursor(tmp_path: Path) -> None:
    app = AuditorApp(Session(big_log(tmp_path)), as_of=DEMO_AS_OF)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_screen(pilot, "2")
        screen = app.screen
        assert isinstance(screen, RecordsScreen)
        table = screen.query_one("#records", DataTable)
        assert table.row_count == PAGE  # newest first, the rest on demand
        assert f"共 {N} 条" in str(screen.query_one("#records-count", Static).render())
        table.move_cursor(row=PAGE - 1)
        await pilot.pause()
        assert table.row_count == PAGE * 2
        table.move_cursor(row=PAGE * 2 - 1)
        await pilot.pause()
        assert table.row_count == N
        table.move_cursor(row=N - 1)
        await pilot.pause()
        assert screen.selected_id() == "R00001"  # the oldest, last
        screen.query_one("#q-text", Input).value = "第7次"  # filtering searches every record
        await pilot.pause()
        assert table.row_count == 1 and screen.selected_id() == "R00007"


async def test_scrolling_the_view_without_the_cursor_loads_more_rows(tmp_path: Path) -> None:
    """The mouse wheel and the scroll bar move the view, not the cursor: the next page follows them."""
    app = AuditorApp(Session(big_log(tmp_path)), as_of=DEMO_AS_OF)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_screen(pilot, "2")
        table = app.screen.query_one("#records", DataTable)
        assert table.row_count == PAGE
        table.scroll_end(animate=False)  # as dragging the scroll bar to the bottom does
        await pilot.pause()
        assert table.row_count == PAGE * 2 and table.cursor_row == 0
