"""The CLI and the TUI do the same thing the same way (issue 11).

Each test drives both faces through one case, each on its own copy of the demo
database, and compares what was stored and what the person was told.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import DEMO_AS_OF, cli
from test_tui_flows import static_text
from textual.widgets import Input, Static

from auditor.model import Record
from auditor.periods import today
from auditor.session import Session
from auditor.tui.app import AuditorApp
from auditor.tui.screens.item_form import ItemForm
from auditor.tui.screens.record_form import RecordForm


@pytest.fixture
def twin(demo_db: Path, tmp_path: Path) -> Path:
    """A second copy of the demo database, for the other face."""
    folder = tmp_path / "twin"
    shutil.copytree(demo_db.parent, folder)
    return folder / demo_db.name


def app_for(db: Path, as_of: object = DEMO_AS_OF) -> AuditorApp:
    return AuditorApp(Session(db), as_of=as_of)  # type: ignore[arg-type]


def counted_record(db: Path) -> Record:
    return next(r for r in Session(db).store.records() if r.expected is not None and r.present is not None)


def message(stderr: str) -> str:
    """The CLI's sentence without 错误： and the option that names the field."""
    return stderr.strip().removeprefix("错误：").partition("：")[2] or stderr.strip().removeprefix("错误：")


async def test_an_edit_is_checked_as_an_add_is_in_both_faces(demo_db: Path, twin: Path) -> None:
    """实到 above 应到 is refused on edit, in the CLI as in the form, and nothing is stored."""
    r = counted_record(demo_db)
    too_many = str(r.expected + 1)  # type: ignore[operator]
    code, _, err = cli(demo_db, "edit", r.id, "--present", too_many)
    assert code == 2 and Session(demo_db).store.record(r.id) == r
    app = app_for(twin)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.push_screen(RecordForm("edit", r))
        await pilot.pause()
        app.screen.query_one("#f-present", Input).value = too_many
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = static_text(app.screen.query_one("#err-present", Static))
    assert Session(twin).store.record(r.id) == r
    assert shown == message(err) == f"实到人数（{too_many}）不能多于应到人数（{r.expected}），请核对。"


async def test_marking_an_item_done_records_the_day_in_both_faces(demo_db: Path, twin: Path) -> None:
    item = next(it for it in Session(demo_db).store.rectifications() if it.is_open and not it.completed_on)
    code, out, _ = cli(demo_db, "rectify", "edit", item.id, "--status", "已完成")
    assert code == 0, out
    app = app_for(twin, today())  # the CLI reads dates against today; so does this app
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        from auditor.tui.screens.rectify import open_rectification_form

        open_rectification_form(app, Session(twin).store.rectification(item.id))
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)
        app.screen.query_one("#f-status", Input).value = "已完成"
        await pilot.press("ctrl+s")
        await pilot.pause()
    by_cli, by_tui = (Session(db).store.rectification(item.id) for db in (demo_db, twin))
    assert (by_cli.status, by_cli.completed_on) == (by_tui.status, by_tui.completed_on) == ("已完成", today())


async def test_a_report_never_covers_a_quarter_in_either_face(demo_db: Path) -> None:
    code, _, err = cli(demo_db, "report", "--period", "2026Q3", "--as-of", DEMO_AS_OF.isoformat())
    assert code == 2
    app = app_for(demo_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        box = app.screen.query_one("#report-period", Input)
        assert box.value == "2026H2"
        box.value = "2026Q3"
        await pilot.press("ctrl+g")
        await pilot.pause()
        shown = static_text(app.screen.query_one("#report-error", Static))
    assert shown == err.strip().removeprefix("错误：")
    assert "自查报告按半年或全年编写" in shown


async def test_an_item_raised_from_a_result_answers_the_same_window(demo_db: Path, twin: Path) -> None:
    """Without a window, both faces take the rule's worst window of the half-year and its finding."""
    fields = {"measure": "9月补开主题党日", "responsible": "李秀兰", "deadline": "2026-12-10"}
    code, out, err = cli(demo_db, "rectify", "add", "--rule", "branch.theme-day", "--found", DEMO_AS_OF.isoformat(),
                         *(x for k, v in fields.items() for x in (f"--{k}", v)))
    assert code == 0, err
    from auditor.tui.screens.rule_detail import RuleDetailScreen

    app = app_for(twin)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.push_screen(RuleDetailScreen("branch.theme-day"))
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        for name, value in fields.items():
            app.screen.query_one(f"#f-{name}", Input).value = value
        await pilot.press("ctrl+s")
        await pilot.pause()
    by_cli = Session(demo_db).store.rectification(out.strip())
    by_tui = Session(twin).store.rectification(out.strip())
    assert (by_cli.rule, by_cli.window, by_cli.problem) == (by_tui.rule, by_tui.window, by_tui.problem)
    assert (by_cli.window, by_cli.problem) == ("2026-08", "2026年8月未开展主题党日")


async def test_a_tailored_absence_threshold_reaches_both_faces(demo_db: Path) -> None:
    (demo_db.parent / "rules" / "缺席月数.yaml").write_text(
        "override:\n  member.six-month-absence:\n    requirement: {months: 3}\n", encoding="utf-8")
    code, out, _ = cli(demo_db, "member", "attendance", "--period", "2026H2", "--as-of", DEMO_AS_OF.isoformat())
    assert code == 0
    from auditor.tui.screens.members import MembersScreen

    app = app_for(demo_db)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        app.push_screen(MembersScreen())
        await pilot.pause()
        summary = static_text(app.screen.query_one("#members-summary", Static), width=300)
    said = "无正当理由连续3个月以上未参加组织生活："
    assert said in summary and said in out
    names = summary.partition(said)[2].split("、")
    assert names and out.partition(said)[2].partition("。")[0].split("、") == names


async def test_rule_folders_are_resolved_and_checked_the_same_in_both_faces(demo_db: Path, twin: Path) -> None:
    def attempt(db: Path) -> str:
        code, _, err = cli(db, "init", "--rules-dir", "rules", "--rules-dir", "本单位补充")
        assert code == 2
        return err.strip().removeprefix("错误：").replace(str(db.parent), "DB")

    said_by_cli = attempt(demo_db)
    app = app_for(twin)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("5")
        await pilot.pause()
        app.screen.query_one("#s-rules_dirs", Input).value = "rules；本单位补充"
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = static_text(app.screen.query_one("#settings-error", Static), width=400).replace(str(twin.parent), "DB")
        assert shown == said_by_cli and "本单位补充" in shown
        (twin.parent / "本单位补充").mkdir()
        await pilot.press("ctrl+s")
        await pilot.pause()
    (demo_db.parent / "本单位补充").mkdir()
    assert cli(demo_db, "init", "--rules-dir", "rules", "--rules-dir", "本单位补充")[0] == 0
    a, b = Session(demo_db), Session(twin)
    assert a.profile.rules_dirs == b.profile.rules_dirs == ("rules", "本单位补充")
    assert [p.relative_to(demo_db.parent) for p in a.rules_dirs()] == [p.relative_to(twin.parent) for p in b.rules_dirs()]
