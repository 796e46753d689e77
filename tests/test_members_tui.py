"""Pilot tests of the 名册, 情况说明 and 整改台账 screens on the demo database (as of 2026-11-22)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import DEMO_AS_OF
from test_tui_flows import cell, make_app, static_text
from textual.widgets import DataTable, Input, Static

from auditor.session import Session
from auditor.tui.screens.item_form import ItemForm
from auditor.tui.screens.members import MembersScreen
from auditor.tui.screens.rectify import RectifyScreen
from auditor.tui.screens.waivers import WaiversScreen
from auditor.tui.widgets.dialogs import ConfirmDialog


async def test_roster_shows_attendance_and_the_six_month_absence(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.push_screen(MembersScreen())
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#members", DataTable)
        store = Session(demo_db).store
        assert table.row_count == len(store.members()) == 15
        helei = store.member("何磊").id
        assert cell(table, helei, "attended") == "0" and cell(table, helei, "streak") == "6个月"
        assert cell(table, store.member("冯婷").id, "streak").endswith("（请假）")
        summary = static_text(screen.query_one("#members-summary", Static))
        assert "2026年下半年" in summary and "无正当理由连续6个月以上未参加组织生活：何磊" in summary


async def test_add_member_form_marks_a_bad_field_then_saves(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.push_screen(MembersScreen())
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        form.query_one("#f-name", Input).value = "钱八"
        form.query_one("#f-role", Input).value = "组长"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and "职务" in static_text(form.query_one("#err-role", Static))
        form.query_one("#f-role", Input).value = "预备党员"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MembersScreen)
        added = Session(demo_db).store.member("钱八")
        assert added.role == "预备党员"
        assert added.id in [str(k.value) for k in app.screen.query_one("#members", DataTable).rows]


async def test_waivers_list_states_and_end_one(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        app.push_screen(WaiversScreen())
        await pilot.pause()
        table = app.screen.query_one("#waivers", DataTable)
        states = {str(k.value): cell(table, str(k.value), "state") for k in table.rows}
        assert states == {"W001": "有效", "W002": "有效", "W003": "已到期"}
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert Session(demo_db).store.waiver("W001").expires == DEMO_AS_OF


async def test_ledger_puts_overdue_items_first_and_closes_one(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.push_screen(RectifyScreen())
        await pilot.pause()
        table = app.screen.query_one("#rectify", DataTable)
        order = [str(k.value) for k in table.rows]
        assert order[:2] == ["Z002", "Z003"] and order[-1] == "Z001"
        assert cell(table, "Z002", "status") == "整改中 超期7天"
        assert "其中超过时限 2 项" in static_text(app.screen.query_one("#rectify-summary", Static))
        await pilot.press("x", "y")
        await pilot.pause()
        done = Session(demo_db).store.rectification("Z002")
        assert done.status == "已完成" and done.completed_on == dt.date(2026, 11, 22)
        assert cell(table, "Z002", "status") == "已完成"


async def test_rule_detail_and_dashboard_show_the_rectification_items(demo_db: Path) -> None:
    from auditor.tui.screens.rule_detail import RuleDetailScreen

    app = make_app(demo_db)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        assert "整改超期 2" in static_text(app.screen.query_one("#summary", Static))
        app.push_screen(RuleDetailScreen("local.quarterly-report"))
        await pilot.pause()
        body = static_text(app.screen.query_one("#detail-body", Static), width=160)
        assert "整改事项" in body and "Z002 2026Q3 第三季度意识形态工作情况未按期报送机关党委" in body
        assert "超期7天" in body


async def test_a_rectification_item_raised_from_the_rule_detail(demo_db: Path) -> None:
    from auditor.tui.screens.rule_detail import RuleDetailScreen

    app = make_app(demo_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.push_screen(RuleDetailScreen("branch.theme-day"))
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        assert form.query_one("#f-problem", Input).value == "2026年8月未开展主题党日"
        assert form.query_one("#f-window", Input).value == "2026-08"
        form.query_one("#f-measure", Input).value = "9月补开主题党日"
        form.query_one("#f-responsible", Input).value = "李秀兰"
        form.query_one("#f-deadline", Input).value = "12月10日"
        await pilot.press("ctrl+s")
        await pilot.pause()
        item = Session(demo_db).store.rectification("Z005")
        assert (item.rule, item.window, item.deadline) == ("branch.theme-day", "2026-08", dt.date(2026, 12, 10))
        assert isinstance(app.screen, RuleDetailScreen)
