"""How the TUI is opened from the command line: which database, which day, the demo."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest

from auditor.cli.main import run
from auditor.session import Session
from auditor.tui.app import AuditorApp


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[AuditorApp]:
    """Instead of taking over the terminal, remember each app that would have run."""
    apps: list[AuditorApp] = []
    monkeypatch.setattr(AuditorApp, "run", lambda self, *a, **k: apps.append(self))
    return apps


def cli(*args: str) -> int:
    with pytest.raises(SystemExit) as exit_:
        run(list(args))
    return int(exit_.value.code or 0)


def test_auditor_alone_opens_the_default_database(opened: list[AuditorApp], tmp_path: Path) -> None:
    assert cli() == 0
    assert len(opened) == 1
    assert opened[0].session.db_path == tmp_path / "default-db" / "auditor.json"  # $AUDITOR_DB


def test_tui_opens_another_database_as_of_a_day(opened: list[AuditorApp], tmp_path: Path) -> None:
    db = tmp_path / "other.json"
    assert cli("tui", "--db", str(db), "--as-of", "2026/6/30") == 0
    assert opened[0].session.db_path == db
    assert opened[0].as_of == dt.date(2026, 6, 30) and opened[0].period.id == "2026H1"


def test_tui_demo_builds_a_demo_database_elsewhere(
    opened: list[AuditorApp], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # keep /tmp clean
    assert cli("tui", "--demo") == 0
    app = opened[0]
    assert app.as_of == dt.date(2026, 11, 22)
    assert "auditor-demo-" in str(app.session.db_path)
    assert Session(app.session.db_path).store.records()
    assert str(app.session.db_path) in capsys.readouterr().out


def test_a_bad_day_is_one_chinese_line_and_exit_2(
    opened: list[AuditorApp], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("tui", "--as-of", "明天") == 2
    assert opened == []
    assert capsys.readouterr().err.startswith("错误：--as-of")


def test_a_crash_is_one_chinese_line_and_exit_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def crashed(self: AuditorApp, *args: object, **kwargs: object) -> None:
        self.crash_message = "程序内部出错（RuntimeError），界面已关闭。"

    monkeypatch.setattr(AuditorApp, "run", crashed)
    assert cli("tui") == 3
    assert capsys.readouterr().err.strip() == "错误：程序内部出错（RuntimeError），界面已关闭。"
