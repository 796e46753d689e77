"""Desktop notifiers: the command each platform gets, and text passed as data, not script."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from auditor.remind.notify import notifier_command, notify


@pytest.fixture
def bin_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    for name in ("notify-send", "osascript", "powershell"):
        tool = folder / name
        tool.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
        tool.chmod(tool.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(folder))
    return folder


TITLE, BODY = '支部"提醒"', "【有风险】2026年11月支委会尚未开展'; rm -rf ~"


def test_linux_uses_notify_send(bin_dir: Path) -> None:
    found = notifier_command(TITLE, BODY, platform="linux")
    assert found is not None
    argv, env = found
    assert argv[0] == str(bin_dir / "notify-send") and argv[-2:] == [TITLE, BODY] and env == {}


def test_macos_passes_text_as_arguments(bin_dir: Path) -> None:
    found = notifier_command(TITLE, BODY, platform="darwin")
    assert found is not None
    argv, _ = found
    assert argv[-2:] == [TITLE, BODY]
    assert not any(TITLE in a or BODY in a for a in argv[:-2])  # never spliced into the script


def test_windows_passes_text_in_the_environment(bin_dir: Path) -> None:
    found = notifier_command(TITLE, BODY, platform="win32")
    assert found is not None
    argv, env = found
    assert env == {"AUDITOR_NOTIFY_TITLE": TITLE, "AUDITOR_NOTIFY_BODY": BODY}
    assert not any(BODY in a for a in argv)


def test_no_notifier_means_false(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    assert notifier_command("t", "b", platform="linux") is None
    assert notify("t", "b") is False


def test_success_is_the_exit_status(bin_dir: Path) -> None:
    assert notify(TITLE, BODY) is True
    (bin_dir / "notify-send").write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    assert notify(TITLE, BODY) is False
