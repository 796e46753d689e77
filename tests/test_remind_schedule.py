"""`auditor remind --schedule`: the cron line and schtasks command, and a careful crontab install."""

from __future__ import annotations

import io
import os
import stat
import sys
from pathlib import Path

import pytest

from auditor.cli.main import run
from auditor.errors import InputError
from auditor.remind.schedule import MARKER, cron_line, merge_crontab, remind_argv, schtasks_argv


def call(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_:
        run(args)
    out, err = capsys.readouterr()
    code = exit_.value.code
    return (code if isinstance(code, int) else 0), out, err


@pytest.fixture
def crontab(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in `crontab` command keeping the table in a file, with one line of the user's."""
    table = tmp_path / "crontab.txt"
    table.write_text("MAILTO=me@example.org\n0 1 * * * /usr/local/bin/backup.sh\n", encoding="utf-8")
    tool = tmp_path / "bin" / "crontab"
    tool.parent.mkdir()
    tool.write_text(f'#!/bin/sh\nif [ "$1" = "-l" ]; then cat "{table}"; else cat > "{table}"; fi\n',
                    encoding="utf-8")
    tool.chmod(tool.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(tool.parent) + os.pathsep + os.environ["PATH"])
    return table


def test_cron_line_runs_this_python_on_this_database(tmp_path: Path) -> None:
    argv = remind_argv(tmp_path / "数据" / "auditor.json", python="/opt/py/bin/python3")
    line = cron_line(argv, "7:05")
    assert line == (f"5 7 * * * /opt/py/bin/python3 -m auditor --db '{tmp_path}/数据/auditor.json' "
                    f"remind --notify {MARKER}")


def test_percent_and_spaces_are_safe_in_cron() -> None:
    line = cron_line(["/usr/bin/python3", "-m", "auditor", "--db", "/home/a b/100%.json", "remind"])
    assert "'/home/a b/100\\%.json'" in line


def test_merge_replaces_only_its_own_line() -> None:
    old = "# my jobs\n0 1 * * * backup.sh\n30 8 * * * old auditor remind # auditor-remind\n"
    merged = merge_crontab(old, "0 9 * * * new # auditor-remind")
    assert merged == "# my jobs\n0 1 * * * backup.sh\n0 9 * * * new # auditor-remind\n"
    assert merge_crontab("", "x # auditor-remind") == "x # auditor-remind\n"


def test_schtasks_command() -> None:
    cmd = schtasks_argv([r"C:\Program Files\Python311\python.exe", "-m", "auditor", "remind", "--notify"], "08:30")
    assert cmd[:6] == ["schtasks", "/Create", "/SC", "DAILY", "/TN", "auditor-remind"]
    assert cmd[6:] == ["/TR", r'"C:\Program Files\Python311\python.exe" -m auditor remind --notify',
                       "/ST", "08:30", "/F"]


def test_bad_time() -> None:
    with pytest.raises(InputError):
        cron_line(["x"], "8点半")


def test_install_with_yes_keeps_other_lines_and_never_duplicates(
    demo_db: Path, crontab: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for at in ("08:30", "07:00"):
        code, out, _ = call(["--db", str(demo_db), "remind", "--schedule", "--at", at, "--yes"], capsys)
        assert code == 0 and "已安装" in out
    lines = crontab.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["MAILTO=me@example.org", "0 1 * * * /usr/local/bin/backup.sh"]
    assert len(lines) == 3 and lines[2].startswith("0 7 * * * ") and lines[2].endswith(MARKER)
    assert f"{sys.executable} -m auditor --db {demo_db} remind --notify" in lines[2]


def test_install_asks_first(demo_db: Path, crontab: Path, monkeypatch: pytest.MonkeyPatch,
                            capsys: pytest.CaptureFixture[str]) -> None:
    before = crontab.read_text(encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO("n\n"))
    code, out, _ = call(["--db", str(demo_db), "remind", "--schedule"], capsys)
    assert code == 0 and MARKER in out and "未安装" in out
    assert crontab.read_text(encoding="utf-8") == before
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))
    call(["--db", str(demo_db), "remind", "--schedule"], capsys)
    assert crontab.read_text(encoding="utf-8").count(MARKER) == 1


def test_no_crontab_command_is_a_clear_error(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    code, out, err = call(["--db", str(demo_db), "remind", "--schedule", "--yes"], capsys)
    assert code == 1 and MARKER in out and err.startswith("错误：未找到 crontab 命令")
