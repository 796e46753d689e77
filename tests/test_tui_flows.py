"""Pilot tests of the TUI flows on the demo database (as of 2026-11-22)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import DEMO_AS_OF, cli, fill_report_form, generate_report, open_screen
from rich.console import Console
from textual.screen import Screen
from textual.widgets import Checkbox, DataTable, Input, Static

from auditor.engine.query import RecordFilter
from auditor.periods import parse_period
from auditor.session import Session
from auditor.tui.app import AuditorApp
from auditor.tui.screens.dashboard import DashboardScreen
from auditor.tui.screens.help import HelpScreen
from auditor.tui.screens.record_form import RecordForm
from auditor.tui.screens.records import RecordsScreen
from auditor.tui.screens.rule_detail import RuleDetailScreen
from auditor.tui.widgets.dialogs import ConfirmDialog, ErrorDialog
from auditor.tui.widgets.zhselect import ZhSelect

COMMITTEE = "branch.committee-meeting"


def make_app(db: Path) -> AuditorApp:
    return AuditorApp(Session(db), as_of=DEMO_AS_OF)


def cell(table: DataTable[object], row_key: str, column: str) -> str:
    return str(table.get_cell(row_key, column))


def count(db: Path) -> int:
    return len(Session(db).store.records())


def listed(screen: Screen) -> str:
    """How many records the 活动记录 screen says match (共 N 条, and of how many when filtered)."""
    return static_text(screen.query_one("#records-count", Static)).partition("，已列出")[0]


def static_text(widget: Static, width: int = 120) -> str:
    """The text a Static shows, whether it holds a string, Text or a Rich renderable."""
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(widget.content)
    return console.export_text().strip()


async def test_dashboard_lists_every_rule_grouped_by_pack(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        a = Session(demo_db).assess(parse_period("2026H2"), DEMO_AS_OF)
        table = app.screen.query_one("#rules", DataTable)
        assert table.row_count == len(a.results) + len(a.by_pack())
        for r in a.results:
            assert cell(table, r.rule, "status") == f"{r.status.symbol} {r.word}"
        summary = static_text(app.screen.query_one("#summary", Static))
        assert "某某县财政局机关党支部" in summary and "得分 98" in summary


async def test_adding_a_record_in_the_form_changes_the_dashboard(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#rules", DataTable)
        before = cell(table, COMMITTEE, "progress")
        assert before == "4/5"
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, RecordForm)
        await pilot.press(*"11月20日")  # the date field has focus
        await pilot.pause()
        assert "2026-11-20" in static_text(form.query_one("#hint-date", Static))
        form.query_one("#f-kind", ZhSelect).focus()
        await pilot.press("enter", *"支部委", "enter")  # type to search the vocabulary
        assert form.query_one("#f-kind", ZhSelect).value == "committee_meeting"
        form.query_one("#f-title", Input).value = "11月支委会"
        form.query_one("#f-expected", Input).value = "5"
        form.query_one("#f-present", Input).value = "5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert cell(app.screen.query_one("#rules", DataTable), COMMITTEE, "progress") == "5/5"
        added = [r for r in Session(demo_db).store.records() if r.title == "11月支委会"]
        assert len(added) == 1 and added[0].date.isoformat() == "2026-11-20"


async def test_form_shows_problems_next_to_fields_and_keeps_what_was_typed(demo_db: Path) -> None:
    n = count(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, RecordForm)
        form.query_one("#f-date", Input).value = "2026-13-45"
        form.query_one("#f-title", Input).value = "支委会"
        form.query_one("#f-expected", Input).value = "五"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "日期" in static_text(form.query_one("#err-date", Static))
        assert "整数" in static_text(form.query_one("#err-expected", Static))
        assert "类型" in static_text(form.query_one("#err-kind", Static))
        assert static_text(form.query_one("#err-title", Static)) == ""
        assert form.query_one("#f-date", Input).value == "2026-13-45"
        assert form.query_one("#f-title", Input).value == "支委会"
        assert count(demo_db) == n


async def test_edit_then_undo_restores_the_old_record(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        screen = app.screen
        assert isinstance(screen, RecordsScreen)
        rid = screen.selected_id()
        assert rid is not None
        old = Session(demo_db).store.record(rid)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, RecordForm)
        assert form.query_one("#f-title", Input).value == old.title
        form.query_one("#f-title", Input).value = "改过的主题"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert Session(demo_db).store.record(rid).title == "改过的主题"
        assert cell(screen.query_one("#records", DataTable), rid, "title") == "改过的主题"
        await pilot.press("u")
        await pilot.pause()
        restored = Session(demo_db).store.record(rid)
        assert restored.title == old.title and restored.absentees == old.absentees


async def test_delete_asks_first_and_undo_brings_the_record_back(demo_db: Path) -> None:
    n = count(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        screen = app.screen
        assert isinstance(screen, RecordsScreen)
        rid = screen.selected_id()
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # changed mind: nothing happens
        assert count(demo_db) == n
        await pilot.press("d", "y")
        await pilot.pause()
        assert rid not in {r.id for r in Session(demo_db).store.records()}
        table = screen.query_one("#records", DataTable)
        assert rid not in table.rows and listed(screen) == f"共 {n - 1} 条"
        await pilot.press("u")
        await pilot.pause()
        assert rid in {r.id for r in Session(demo_db).store.records()}
        assert rid in table.rows and listed(screen) == f"共 {n} 条"


async def test_copy_makes_a_new_record_from_an_old_one(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        screen = app.screen
        assert isinstance(screen, RecordsScreen)
        screen.query_one("#q-text", Input).value = "国庆主题教育"
        await pilot.pause()
        source = Session(demo_db).store.record(screen.selected_id() or "")
        await pilot.press("c")
        form = app.screen
        assert isinstance(form, RecordForm)
        date = form.query_one("#f-date", Input)
        assert date.value == "" and date.has_focus  # a copy needs its own date, asked for first
        date.value = "2026/11/21"
        form.query_one("#f-title", Input).value = "主题党日：11月"
        await pilot.press("ctrl+s")
        await pilot.pause()
        copies = [r for r in Session(demo_db).store.records() if r.title == "主题党日：11月"]
        assert len(copies) == 1
        copy = copies[0]
        assert copy.id != source.id and copy.kind == source.kind and copy.host == source.host
        assert copy.date.isoformat() == "2026-11-21"


async def test_filters_by_period_kind_topic_and_text(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        screen = app.screen
        table = screen.query_one("#records", DataTable)
        screen.query_one("#q-period", Input).value = "2026-10"
        await pilot.pause()
        dates = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert dates and all(d.startswith("2026-10-") for d in dates)
        assert dates == sorted(dates, reverse=True)
        screen.query_one("#q-kind", ZhSelect).value = "theme_day"
        await pilot.pause()
        vocab = Session(demo_db).vocabulary
        expected = RecordFilter(period=parse_period("2026-10"), kind="theme_day").apply(
            Session(demo_db).store.records()
        )
        assert table.row_count == len(expected) >= 1
        assert all(str(table.get_row_at(i)[1]) == vocab.label("theme_day") for i in range(table.row_count))
        screen.query_one("#q-period", Input).value = "2026-1x"
        await pilot.pause()
        assert "无法识别" in static_text(screen.query_one("#filter-error", Static))
        await pilot.press("escape")  # clears every filter
        await pilot.pause()
        assert listed(screen) == f"共 {count(demo_db)} 条"  # not 共 n 条（全部 201 条）
        screen.query_one("#q-topic", Input).value = "意识形态"
        screen.query_one("#q-text", Input).value = "联席会议"
        await pilot.pause()
        rows = [screen_row for screen_row in range(table.row_count)]
        assert rows and all("联席会议" in str(table.get_row_at(i)[2]) for i in rows)


async def test_switching_periods_reassesses(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert app.period.id == "2026H2"
        await pilot.press("g")
        assert app.period.id == "2026Q4"
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert app.period.id == "2026Q3"
        assert app.assessment().period == "2026Q3"
        await pilot.press("g", "g", "g")  # quarter -> month -> year -> half
        assert app.period.id == "2026H2"
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert app.period.id == "2025H2"
        table = app.screen.query_one("#rules", DataTable)
        expected = Session(demo_db).assess(parse_period("2025H2"), DEMO_AS_OF).result(COMMITTEE)
        assert cell(table, COMMITTEE, "status") == f"{expected.status.symbol} {expected.status.label}"


async def test_enter_opens_rule_detail_with_windows_and_evidence(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#rules", DataTable)
        table.move_cursor(row=table.get_row_index(COMMITTEE))
        await pilot.press("enter")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, RuleDetailScreen) and detail.rule_id == COMMITTEE
        body = static_text(detail.query_one("#detail-body", Static))
        result = Session(demo_db).assess(parse_period("2026H2"), DEMO_AS_OF).result(COMMITTEE)
        for w in result.windows:
            assert w.label in body
        for rid in result.evidence:
            assert rid in body
        assert "还缺什么" in body
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_help_lists_keys_in_chinese(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shot = app.export_screenshot()
        for word in ("上一期", "下一期", "命令", "退出", "活动记录" if False else "记录"):
            assert word in shot
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_command_palette_holds_actions_and_rules(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.press(*"活动记录")
        await app.workers.wait_for_complete()  # the palette searches in a worker: wait for it, not a clock
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "records"


async def test_lock_held_by_another_process_shows_a_dialog_and_keeps_the_form(demo_db: Path) -> None:
    from auditor.store.locking import lock_path

    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys,time; from filelock import FileLock; l=FileLock(sys.argv[1], thread_local=False);"
         "l.acquire(); print('held', flush=True); time.sleep(60)", str(lock_path(demo_db))],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        app = make_app(demo_db)
        app.session.store.lock_timeout = 0.2
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            await pilot.press("a")
            form = app.screen
            assert isinstance(form, RecordForm)
            form.query_one("#f-date", Input).value = "2026-11-20"
            form.query_one("#f-kind", ZhSelect).value = "theme_day"
            form.query_one("#f-title", Input).value = "11月主题党日"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, ErrorDialog)
            assert "另一个程序" in app.screen.message
            await pilot.press("enter")
            assert app.screen is form
            assert form.query_one("#f-title", Input).value == "11月主题党日"
    finally:
        holder.kill()
        holder.wait()


async def test_corrupt_database_opens_with_a_dialog_not_a_traceback(tmp_path: Path) -> None:
    db = tmp_path / "auditor.json"
    db.write_text('{"records": {"1": ', encoding="utf-8")
    app = make_app(db)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        assert "损坏" in app.screen.message
        await pilot.press("enter")
        assert "无法读取数据" in static_text(app.screen.query_one("#summary", Static))


async def test_every_screen_opens_at_small_and_large_sizes(demo_db: Path) -> None:
    # each screen is built at 80x24, then the terminal grows and each is shown again at the new size
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for size in ((80, 24), (140, 45)):
            await pilot.resize_terminal(*size)
            for key, mode in (("2", "records"), ("3", "reminders"), ("4", "report"), ("5", "settings"),
                              ("6", "members"), ("7", "waivers"), ("8", "rectify"), ("1", "dashboard")):
                app.set_focus(None)
                await pilot.press(key)
                await pilot.pause()
                assert app.current_mode == mode and tuple(app.screen.size) == size


async def test_reminders_show_the_same_list_as_auditor_remind(demo_db: Path) -> None:
    from auditor.remind.reminders import collect_reminders

    app = make_app(demo_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        table = app.screen.query_one("#reminders", DataTable)
        expected = collect_reminders(Session(demo_db), DEMO_AS_OF, within_days=14)
        assert table.row_count == len(expected) > 0
        first = expected[0]
        assert str(table.get_row_at(0)[0]) == f"{first.status.symbol} {first.status.label}"
        await pilot.press("w")  # a longer horizon can only add items
        await pilot.pause()
        assert table.row_count == len(collect_reminders(Session(demo_db), DEMO_AS_OF, within_days=30))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RuleDetailScreen) and app.screen.rule_id == first.rule


async def test_report_is_written_in_a_worker_with_progress(demo_db: Path, tmp_path: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_screen(pilot, "4")
        assert screen.query_one("#report-period", Input).value == "2026H2"
        fill_report_form(screen, "2026H1", tmp_path)
        await generate_report(pilot)
        docs = list(tmp_path.glob("*.docx"))  # Word by default: the secretary edits it before sending
        assert len(docs) == 1 and docs[0].read_bytes().startswith(b"PK")
        assert "2026年上半年" in docs[0].name
        assert str(docs[0]) in static_text(screen.query_one("#report-status", Static), width=300)


async def test_report_screen_offers_pdf_for_the_organ_and_logs_it(demo_db: Path, tmp_path: Path) -> None:
    from textual.widgets import Checkbox, RadioButton

    app = make_app(demo_db)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_screen(pilot, "4")
        fill_report_form(screen, "2026H1", tmp_path)
        screen.query_one("#fmt-pdf", RadioButton).value = True
        screen.query_one("#body-organ", RadioButton).value = True
        screen.query_one("#report-record", Checkbox).value = True
        await generate_report(pilot)
        pdfs = list(tmp_path.glob("*.pdf"))
        assert len(pdfs) == 1 and pdfs[0].read_bytes().startswith(b"%PDF") and "党组" in pdfs[0].name
    logged = [r for r in Session(demo_db).store.records() if r.kind == "ideology_report" and r.evidence]
    assert logged and logged[-1].evidence[-1].endswith(".pdf")


async def test_report_refuses_a_bad_period_without_starting(demo_db: Path, tmp_path: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("4")
        screen = app.screen
        out = tmp_path / "out"
        out.mkdir()
        fill_report_form(screen, "2026H3", out)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert "无法识别" in static_text(screen.query_one("#report-error", Static))
        assert list(out.iterdir()) == []


async def test_settings_save_the_profile_and_refuse_a_missing_rules_folder(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("5")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#s-secretary", Input).value = "李红"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert Session(demo_db).store.profile().secretary == "李红"
        screen.query_one("#s-rules_dirs", Input).value = "没有这个目录"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "不存在" in static_text(screen.query_one("#settings-error", Static))
        assert Session(demo_db).store.profile().rules_dirs == ("rules",)


async def test_settings_show_and_save_the_report_fields_the_cli_sets(demo_db: Path) -> None:
    code, _, err = cli(demo_db, "init", "--formal-name", "中共某某县财政局机关支部委员会",
                       "--report-notice", "《关于开展2026年意识形态工作自查的通知》")
    assert code == 0, err
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_screen(pilot, "5")
        assert screen.query_one("#s-formal_name", Input).value == "中共某某县财政局机关支部委员会"
        assert screen.query_one("#s-report_notice", Input).value == "《关于开展2026年意识形态工作自查的通知》"
        assert screen.query_one("#s-bodies", Input).value == "党委（党组）、党支部"  # the demo's, by name
        screen.query_one("#s-organ_name", Input).value = "中共某某县财政局党组"
        screen.query_one("#s-report_title", Input).value = "关于{期间}意识形态工作的自查报告"
        screen.query_one("#s-reporting_body", Input).value = "党组"  # an alias, as `init --reporting-body` takes
        screen.query_one("#s-scoring", Checkbox).value = False
        await pilot.press("ctrl+s")
        await pilot.pause()
        profile = Session(demo_db).store.profile()
        assert (profile.organ_name, profile.report_title) == ("中共某某县财政局党组", "关于{期间}意识形态工作的自查报告")
        assert profile.formal_name == "中共某某县财政局机关支部委员会"
        assert (profile.bodies, profile.reporting_body, profile.scoring) == (("leading", "branch"), "leading", False)
        screen.query_one("#s-bodies", Input).value = "党组、工会"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "不认识的主体“工会”" in static_text(screen.query_one("#settings-error", Static))
    assert Session(demo_db).store.profile().bodies == ("leading", "branch")


async def test_a_write_from_another_process_shows_up(demo_db: Path) -> None:
    n = count(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        table = app.screen.query_one("#records", DataTable)
        assert listed(app.screen) == f"共 {n} 条"
        Session(demo_db).store.add({"date": "2026-11-21", "kind": "cell_meeting", "title": "命令行记的党小组会"})
        app.sync_with_disk()  # what the 3-second timer does
        await pilot.pause()
        assert listed(app.screen) == f"共 {n + 1} 条"
        assert "命令行记的党小组会" in str(table.get_row_at(0)[2])


async def test_a_bug_closes_the_app_with_a_chinese_message_and_a_crash_log(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(self: DashboardScreen) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(DashboardScreen, "action_cycle_granularity", broken)
    app = make_app(demo_db)
    with pytest.raises(RuntimeError):  # run_test re-raises for the test; a user sees the line below
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            await pilot.press("g")
            await pilot.pause()
    assert "Traceback" not in capsys.readouterr().err
    log = demo_db.parent / "auditor-tui-crash.log"
    assert "boom" in log.read_text(encoding="utf-8")
    assert app.crash_message.startswith("程序内部出错（RuntimeError）") and str(log) in app.crash_message


async def test_clicking_a_tab_in_the_title_bar_switches_screens(demo_db: Path) -> None:
    from auditor.tui.widgets.titlebar import TitleBar

    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click(TitleBar, offset=(8, 0))  # "2活动记录"
        await pilot.pause()
        assert app.current_mode == "records"
        await pilot.click(TitleBar, offset=(1, 0))  # "1总览"
        await pilot.pause()
        assert app.current_mode == "dashboard"
