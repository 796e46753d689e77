"""The TUI as a new secretary met it (issue 16): pickers, screen switching, errors, narrow columns."""

from __future__ import annotations

from pathlib import Path

from helpers import DEMO_AS_OF, fill_report_form, generate_report
from textual.widgets import Select

from auditor.session import Session
from auditor.tui.app import AuditorApp
from auditor.tui.screens.record_form import RecordForm


def make_app(db: Path) -> AuditorApp:
    return AuditorApp(Session(db), as_of=DEMO_AS_OF)


async def test_the_kind_picker_finds_a_kind_by_alias_or_part_of_its_name(demo_db: Path) -> None:
    # the ranking of every query is unit-tested (test_tui_units); this drives one search through the picker
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", "tab", "tab", "enter")
        await pilot.pause()
        for ch in "支委会":  # an alias: typed key by key, as the search runs on each key
            await pilot.press(ch)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RecordForm)
        assert app.screen.query_one("#f-kind", Select).value == "committee_meeting"


async def test_number_keys_switch_screens_from_the_settings_and_never_type_into_them(demo_db: Path) -> None:
    from textual.widgets import Input

    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert app.current_mode == "settings"
        name = app.screen.query_one("#s-unit_name", Input).value
        seen = []
        for key in ("6", "7", "8", "1"):
            await pilot.press(key)
            await pilot.pause()
            seen.append(app.current_mode)
        assert seen == ["members", "waivers", "rectify", "dashboard"]
        await pilot.press("5")
        await pilot.pause()
        assert app.screen.query_one("#s-unit_name", Input).value == name


async def test_leaving_unsaved_settings_asks_and_f_keys_switch_from_a_field(demo_db: Path) -> None:
    from textual.widgets import Input

    from auditor.tui.widgets.dialogs import ConfirmDialog

    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        box = app.screen.query_one("#s-unit_name", Input)
        box.focus()
        box.value = "某某县教育局"
        await pilot.press("end", "6")  # typed into the field, as it should while editing
        await pilot.pause()
        assert box.value.endswith("6") and app.current_mode == "settings"
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert app.current_mode == "settings" and box.value == "某某县教育局6"
        await pilot.press("alt+2")
        await pilot.pause()
        await pilot.press("y")  # drop the edits and go
        await pilot.pause()
        assert app.current_mode == "records"
        await pilot.press("f5")
        await pilot.pause()
        assert app.screen.query_one("#s-unit_name", Input).value == "某某县财政局"


async def test_f_keys_leave_a_form_and_ask_when_it_holds_typed_text(demo_db: Path) -> None:
    from auditor.tui.widgets.dialogs import ConfirmDialog

    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, RecordForm)
        shown = {b.binding.key_display: b.binding.description for b in app.screen.active_bindings.values()
                 if b.binding.show}
        assert shown.get("F1-8") == "切换屏幕"  # the footer says how to leave a form
        await pilot.press("f3")  # nothing typed: the form closes and the reminders show
        await pilot.pause()
        assert app.current_mode == "reminders"
        await pilot.press("f1", "a")
        await pilot.pause()
        from textual.widgets import Input

        date = app.screen.query_one("#f-date", Input)
        assert date.has_focus  # F2 below is pressed from inside a field holding text
        date.value = "3月5日"
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert app.current_mode == "records" and not isinstance(app.screen, RecordForm)
        await pilot.press("1")
        await pilot.pause()
        assert not isinstance(app.screen, RecordForm)  # the dropped form is gone from 总览 too


async def test_every_form_error_shows_at_once_and_goes_when_fixed(demo_db: Path) -> None:
    from textual.widgets import Input, Static

    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        for name, value in (("date", "2026-2-30"), ("title", "支委会"), ("expected", "12"), ("present", "13")):
            form.query_one(f"#f-{name}", Input).value = value
        await pilot.press("ctrl+s")
        await pilot.pause()

        def shown() -> set[str]:
            return {n for n in ("date", "kind", "present") if str(form.query_one(f"#err-{n}", Static).content)}

        assert shown() == {"date", "kind", "present"}
        form.query_one("#f-kind", Select).value = "committee_meeting"
        await pilot.pause()
        assert shown() == {"date", "present"}  # 类型为必填项 went when a type was picked
        form.query_one("#f-present", Input).value = "11"
        form.query_one("#f-date", Input).value = "2026-11-20"
        await pilot.pause()
        assert shown() == set()


async def test_an_explanation_picks_its_rule_by_chinese_title(demo_db: Path) -> None:
    from textual.widgets import Input, Static

    from auditor.tui.screens.item_form import ItemForm

    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("7", "a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        await pilot.press("enter")  # the rule picker has the focus: open it and type part of a title
        for ch in "党小组会":
            await pilot.press(ch)
        await pilot.press("enter")
        await pilot.pause()
        assert form.query_one("#f-rule", Select).value == "branch.cell-meeting"
        form.query_one("#f-window", Input).value = "2026-13"
        await pilot.press("ctrl+s")
        await pilot.pause()
        errors = {n: str(form.query_one(f"#err-{n}", Static).content) for n in ("window", "reason", "approved_by")}
        assert all(errors.values()), errors  # every problem at once, not one per save
        form.query_one("#f-window", Input).value = "2026-07"
        form.query_one("#f-reason", Input).value = "防汛值守"
        form.query_one("#f-approved_by", Input).value = "县直机关工委"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ItemForm), [str(s.content) for s in form.query(".field-error")]
    assert Session(demo_db).store.waivers()[-1].rule == "branch.cell-meeting"


async def test_the_roster_counts_a_member_only_where_a_record_names_who_came(tmp_path: Path) -> None:
    from helpers import rec
    from textual.widgets import DataTable, Static

    from auditor.engine.attendance import attendance_table, unnamed_records
    from auditor.model import Absentee, Member
    from auditor.periods import parse_period

    members = [Member(id="M1", name="王书记", role="书记"), Member(id="M2", name="李四"), Member(id="M3", name="张三")]
    records = [
        rec("2026-07-10", "theme_day", "七月", host="王书记", attendees=("李四",), absentees=(Absentee("张三", "出差"),)),
        rec("2026-08-10", "theme_day", "八月", expected=3, present=3),  # counts only: names nobody
        rec("2026-09-10", "theme_day", "九月", expected=3, present=3),
    ]
    rows = {r.member.name: r for r in attendance_table(members, records, parse_period("2026H2"), DEMO_AS_OF)}
    assert (rows["王书记"].attended, rows["王书记"].expected) == (1, 1)  # the host came: not missing
    assert (rows["李四"].attended, rows["李四"].expected, rows["李四"].rate) == (1, 1, 1.0)
    assert (rows["张三"].excused, rows["张三"].unexcused, rows["张三"].expected) == (1, 0, 1)
    assert unnamed_records(records, parse_period("2026H2"), DEMO_AS_OF) == 2

    db = tmp_path / "db.json"
    session = Session(db)
    session.store.import_members([{"name": m.name, "role": m.role} for m in members], note="测试")
    session.store.add_many([{"date": r.date.isoformat(), "kind": r.kind, "title": r.title, "host": r.host,
                             "attendees": list(r.attendees), "expected": r.expected, "present": r.present,
                             "absentees": [{"name": a.name, "reason": a.reason} for a in r.absentees]}
                            for r in records])
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        summary = str(app.screen.query_one("#members-summary", Static).content)
        assert "2条未写参会人员的记录未计入" in summary
        table = app.screen.query_one("#members", DataTable)
        assert table.row_count == 3


async def test_at_80_columns_the_key_columns_stay_and_no_number_is_cut(demo_db: Path) -> None:
    from textual.widgets import DataTable, Input

    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rules = app.screen.query_one("#rules", DataTable)
        assert [str(c.label) for c in rules.columns.values()] == ["规则", "状态", "实际/要求", "截止", "说明"]
        assert sum(c.get_render_width(rules) for c in rules.columns.values()) <= 80 - 2
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one("#records", DataTable)
        assert [str(c.label) for c in table.columns.values()] == ["日期", "类型", "主题", "主持人", "出席"]
        assert sum(c.get_render_width(table) for c in table.columns.values()) <= 80 - 2
        cells = [str(table.get_row_at(i)[4]) for i in range(min(table.row_count, 40))]
        assert "13/15" in cells
        # an empty period box reads as "every period", like the kind picker's 全部类型
        assert app.screen.query_one("#q-period", Input).placeholder == "全部期间"


async def test_the_report_asks_before_overwriting_and_a_bad_period_clears_the_old_progress(
    demo_db: Path, tmp_path: Path
) -> None:
    from textual.widgets import Input, ProgressBar, Static

    from auditor.tui.widgets.dialogs import ConfirmDialog

    app = make_app(demo_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        screen = app.screen
        fill_report_form(screen, "2026H1", tmp_path)
        await generate_report(pilot)
        [doc] = list(tmp_path.glob("*.docx"))
        before = doc.stat().st_mtime_ns
        await pilot.press("ctrl+g")  # again: the file is there, so it asks
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and doc.name in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert doc.stat().st_mtime_ns == before
        screen.query_one("#report-period", Input).value = "2026H9"
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert screen.query_one("#report-progress", ProgressBar).progress == 0
        assert "报告已生成" not in str(screen.query_one("#report-status", Static).content)
        assert str(screen.query_one("#report-error", Static).content)


async def test_the_explanations_header_keeps_its_counts_on_one_line_at_80_columns(demo_db: Path) -> None:
    from textual.widgets import Static

    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("7")
        await pilot.pause()
        first = str(app.screen.query_one("#waivers-summary", Static).content).split("\n")[0]
        assert first.startswith("共") and first.endswith("份。") and len(first) < 30


async def test_a_burst_of_number_keys_ends_on_the_last_screen(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "6", "7", "8", "1")
        await pilot.pause()
        assert app.current_mode == "dashboard"
