"""The TUI as a new secretary met it (issue 16): pickers, screen switching, errors, narrow columns."""

from __future__ import annotations

from pathlib import Path

from helpers import DEMO_AS_OF
from textual.widgets import Select

from auditor.session import Session
from auditor.tui.app import AuditorApp
from auditor.tui.screens.record_form import RecordForm


def make_app(db: Path) -> AuditorApp:
    return AuditorApp(Session(db), as_of=DEMO_AS_OF)


async def _pick_kind(db: Path, typed: str) -> str:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", "tab", "tab", "enter")
        await pilot.pause()
        for ch in typed:
            await pilot.press(ch)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RecordForm)
        return str(app.screen.query_one("#f-kind", Select).value)


async def test_the_kind_picker_finds_a_kind_by_alias_or_part_of_its_name(demo_db: Path) -> None:
    assert await _pick_kind(demo_db, "支委会") == "committee_meeting"  # an alias
    assert await _pick_kind(demo_db, "委员会") == "committee_meeting"  # inside the name
    assert await _pick_kind(demo_db, "党员大会") == "general_meeting"
    assert await _pick_kind(demo_db, "中心组") == "central_group_study"
