"""SVG snapshots of every TUI screen on the demo data, at 80x24 and at 120x36.

Refresh after an intended change with ``pytest tests/test_tui_snapshots.py --snapshot-update``
and look at the SVGs in tests/__snapshots__/ before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import DEMO_AS_OF
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static, TextArea

from auditor.session import Session
from auditor.tui.app import AuditorApp

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]
Compare = Callable[..., bool]


def make_app(db: Path) -> AuditorApp:
    return AuditorApp(Session(db), as_of=DEMO_AS_OF)


async def _steady(pilot: Pilot[Any]) -> None:
    """Make the frame the same on every run.

    Paths under pytest's tmp folder and the working folder differ per run, so they show fixed
    text; a blinking cursor would be on or off depending on timing, so it stops blinking.
    """
    screen = pilot.app.screen
    for editor in screen.query(Input).results(Input):
        editor.cursor_blink = False
    for area in screen.query(TextArea).results(TextArea):
        area.cursor_blink = False
    for widget in screen.query("#settings-db").results(Static):
        widget.update("数据文件：（测试用示例数据库）")
    for box in screen.query("#report-folder").results(Input):
        box.value = "D:/党建/报告"
    await pilot.pause()


def keys_then_steady(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await _steady(pilot)

    return run


@pytest.mark.parametrize("size", SIZES)
def test_dashboard(snap_compare: Compare, demo_db: Path, size: tuple[int, int]) -> None:
    """总览 of 2026H2: statuses in colour with symbols, progress, due dates, score, counts."""
    assert snap_compare(make_app(demo_db), terminal_size=size, run_before=keys_then_steady())


@pytest.mark.parametrize("size", SIZES)
def test_dashboard_by_quarter(snap_compare: Compare, demo_db: Path, size: tuple[int, int]) -> None:
    """`g` switches to the quarter holding as_of (2026Q4)."""
    assert snap_compare(make_app(demo_db), terminal_size=size, run_before=keys_then_steady("g"))


@pytest.mark.parametrize("size", SIZES)
def test_rule_detail(snap_compare: Compare, demo_db: Path, size: tuple[int, int]) -> None:
    """规则详情 of the monthly committee meeting: windows, what is missing, evidence."""

    async def run(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        table = pilot.app.screen.query_one("#rules", DataTable)
        table.move_cursor(row=table.get_row_index("branch.committee-meeting"))
        await pilot.press("enter")
        await _steady(pilot)

    assert snap_compare(make_app(demo_db), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_records(snap_compare: Compare, demo_db: Path, size: tuple[int, int]) -> None:
    """活动记录, newest first, with the filter bar."""
    assert snap_compare(make_app(demo_db), terminal_size=size, run_before=keys_then_steady("2"))


@pytest.mark.parametrize("size", SIZES)
def test_record_form_edit(snap_compare: Compare, demo_db: Path, size: tuple[int, int]) -> None:
    """记录表单 filled from the newest record (e)."""
    assert snap_compare(make_app(demo_db), terminal_size=size, run_before=keys_then_steady("2", "e"))


@pytest.mark.parametrize("size", SIZES)
def test_record_form_errors(snap_compare: Compare, demo_db: Path, size: tuple[int, int]) -> None:
    """A new record saved with a bad date and no kind: the problems show under the fields."""

    async def run(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        pilot.app.screen.query_one("#f-date", Input).value = "2026-2-30"
        pilot.app.screen.query_one("#f-title", Input).value = "支委会"
        await pilot.press("ctrl+s")
        await _steady(pilot)

    assert snap_compare(make_app(demo_db), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_reminders(snap_compare: Compare, demo_db: Path, size: tuple[int, int]) -> None:
    """提醒: overdue first, then at risk, with working days left."""
    assert snap_compare(make_app(demo_db), terminal_size=size, run_before=keys_then_steady("3"))


@pytest.mark.parametrize("size", SIZES)
def test_report(snap_compare: Compare, demo_db: Path, size: tuple[int, int]) -> None:
    """报告 before generating: period, folder, the button and an empty progress bar."""
    assert snap_compare(make_app(demo_db), terminal_size=size, run_before=keys_then_steady("4"))


@pytest.mark.parametrize("size", SIZES)
def test_settings(snap_compare: Compare, demo_db: Path, size: tuple[int, int]) -> None:
    """设置: the unit profile, rule folder and packs from the demo."""
    assert snap_compare(make_app(demo_db), terminal_size=size, run_before=keys_then_steady("5"))


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare: Compare, demo_db: Path, size: tuple[int, int]) -> None:
    """帮助 (?) over the dashboard: its keys and the app's, in Chinese."""
    assert snap_compare(make_app(demo_db), terminal_size=size, run_before=keys_then_steady("question_mark"))
