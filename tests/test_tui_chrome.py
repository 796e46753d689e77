"""The chrome every screen shares: the title bar (eight tabs, period, as-of) and the key bar."""

from __future__ import annotations

from pathlib import Path

from helpers import DEMO_AS_OF

from auditor.session import Session
from auditor.tui.app import AuditorApp
from auditor.tui.widgets.titlebar import TitleBar


def make_app(db: Path) -> AuditorApp:
    return AuditorApp(Session(db), as_of=DEMO_AS_OF)


async def test_the_title_bar_shows_all_eight_screens_at_80_columns(demo_db: Path) -> None:
    for size, labels in (((80, 24), "1总览 2记录 3提醒 4报告 5设置 6名册 7说明 8整改"),
                         ((120, 40), "1总览 2活动记录 3提醒 4报告 5设置 6名册 7情况说明 8整改台账")):
        app = make_app(demo_db)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            line = app.screen.query_one(TitleBar).render()
            text = str(line) if not hasattr(line, "plain") else line.plain  # type: ignore[union-attr]
            assert text.startswith(labels) and "2026年下半年" in text


async def test_the_key_bar_follows_the_focus_and_the_screen(demo_db: Path) -> None:
    from textual.widgets._footer import FooterKey

    from auditor.tui.widgets.keybar import KeyBar

    def keys() -> list[str]:
        return [k.description for k in app.screen.query_one(KeyBar).query(FooterKey)]

    app = make_app(demo_db)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        on_dashboard = keys()
        assert "记一笔" in on_dashboard and "保存" not in on_dashboard
        await pilot.press("a", "tab", "tab")  # the kind picker has the focus
        await pilot.pause()
        assert "保存" in keys() and "收起列表" not in keys()
        await pilot.press("enter")  # its list opens: Esc now folds the list
        await pilot.pause()
        assert "收起列表" in keys()
        await pilot.press("escape")
        await pilot.pause()
        assert "收起列表" not in keys() and "取消" in keys()
        await pilot.press("escape")  # nothing typed: the form closes, the dashboard's keys are back
        await pilot.pause()
        assert app.current_mode == "dashboard" and keys() == on_dashboard


async def test_the_title_bar_refits_when_the_terminal_narrows_on_any_screen(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")  # the records screen does not redraw itself on a resize
        await pilot.pause()
        bar = app.screen.query_one(TitleBar)
        assert "2活动记录" in str(bar.render())
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert str(bar.render()).startswith("1总览 2记录 3提醒 4报告 5设置 6名册 7说明 8整改")
