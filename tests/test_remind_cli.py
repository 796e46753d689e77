"""`auditor remind` from the shell: output, silence, exit codes, warnings, notifications."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from helpers import DEMO_AS_OF

from auditor.cli.main import run
from auditor.model import UnitProfile
from auditor.session import Session


def call(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_:
        run(args)
    out, err = capsys.readouterr()
    code = exit_.value.code
    return (code if isinstance(code, int) else 0), out, err


def fake_tool(folder: Path, name: str, script: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


@pytest.fixture
def quiet_db(tmp_path: Path) -> Path:
    """A branch that has done January and February's monthly duties (三会一课 only)."""
    db = tmp_path / "quiet" / "auditor.json"
    s = Session(db)
    s.store.set_profile(UnitProfile(branch_name="样例支部", packs=("branch",)))
    s.store.add_many([{"date": f"2026-{m:02d}-10", "kind": kind, "title": kind, "expected": 5, "present": 5}
                      for m in (1, 2) for kind in ("committee_meeting", "cell_meeting", "theme_day")])
    return db


def test_lines_for_the_demo_day(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = call(["--db", str(demo_db), "remind", "--as-of", "2026-11-22"], capsys)
    lines = out.splitlines()
    assert code == 1
    assert lines[0] == "某某县财政局机关党支部党建工作提醒（2026年11月22日）：11项需要处理"
    assert lines[1].startswith("【逾期】某某县财政局机关党支部：整改事项Z002")  # the demo's overdue 整改
    assert lines[3] == "【临期】某某县财政局机关党支部：2026年11月支委会尚未开展，距月底还有9天（6个工作日）"
    assert lines[4].endswith("；截止日（12月20日）为星期日，请提前报送")
    # 2026-11-22 is a Sunday: the two misses older than a month wait for Monday, and say so
    assert lines[-1] == ("另有2项一个多月前错过的事项尚未作情况说明或列入整改，每周一列出"
                         "（下次11月23日；现在查看：auditor remind --as-of 2026-11-23）。")
    assert len(lines) == 13 and err == ""
    code, out, _ = call(["--db", str(demo_db), "remind", "--as-of", "2026-11-23"], capsys)
    assert "【未完成】某某县财政局机关党支部：2026年8月主题党日未开展（已于8月31日结束）" in out
    assert "另有" not in out


def test_silent_and_zero_when_nothing_needs_attention(quiet_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert call(["--db", str(quiet_db), "remind", "--as-of", "2026-03-05"], capsys) == (0, "", "")
    # a week later March's meetings fall due within the 14-day horizon
    code, out, _ = call(["--db", str(quiet_db), "remind", "--as-of", "2026-03-20"], capsys)
    assert code == 1 and "2026年3月支委会尚未开展" in out


def test_json_always_prints(quiet_db: Path, demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(["--db", str(quiet_db), "remind", "--as-of", "2026-03-05", "--json"], capsys)
    assert code == 0 and json.loads(out)["reminders"] == []
    code, out, _ = call(["--db", str(demo_db), "remind", "--as-of", "2026-11-22", "--json"], capsys)
    doc = json.loads(out)
    assert code == 1 and doc["count"] == 11 and doc["held_until_monday"] == 2
    first = doc["reminders"][2]
    assert (first["rule"], first["days_left"], first["workdays_left"]) == ("branch.committee-meeting", 9, 6)


@pytest.mark.parametrize("args", [["--as-of", "2026-13-01"], ["--within", "-1"], ["--at", "25:00", "--schedule"]])
def test_bad_input_exits_2(demo_db: Path, args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = call(["--db", str(demo_db), "remind", *args], capsys)
    assert code == 2 and out == "" and "错误" in err and "Traceback" not in err


def test_uncovered_year_warns_once(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = call(["--db", str(demo_db), "remind", "--as-of", "2026-12-25"], capsys)
    assert code == 1
    assert "截止1月6日" in out  # the Q4 report is due 2027-01-06: working days of 2027
    assert err.count("\n") == 1 and err.startswith("提示：") and "2027年" in err


def test_notify_sends_instead_of_printing(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "notified.txt"
    fake_tool(tmp_path / "bin", "notify-send", f'for a in "$@"; do printf "%s\\n" "$a" >> "{log}"; done\n')
    monkeypatch.setenv("PATH", str(tmp_path / "bin") + os.pathsep + os.environ["PATH"])
    code, out, _ = call(["--db", str(demo_db), "remind", "--as-of", "2026-11-22", "--notify"], capsys)
    assert (code, out) == (1, "")
    sent = log.read_text(encoding="utf-8")
    assert "某某县财政局机关党支部：11项党建工作需要处理" in sent
    assert "【临期】2026年11月支委会尚未开展" in sent  # the unit is in the title, not every line
    assert "……另有6项" in sent


def test_notify_falls_back_to_printing(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    fake_tool(tmp_path / "bin", "notify-send", "echo 'Cannot autolaunch D-Bus' >&2; exit 1\n")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))  # and nothing else: as under cron
    code, out, _ = call(["--db", str(demo_db), "remind", "--as-of", "2026-11-22", "--notify"], capsys)
    assert code == 1 and out.count("\n") == 13 and "【逾期】" in out


def test_help_is_chinese_with_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(["remind", "--help"], capsys)
    assert code == 0 and "即将到期" in out and "示例：auditor remind" in out


def test_does_not_import_heavy_libraries(demo_db: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    probe = ("import sys\nfrom auditor.cli.main import run\n"
             "try:\n    run(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in ('textual', 'reportlab', 'openpyxl', 'icalendar', 'docx') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe, "--db", str(demo_db), "remind", "--as-of",
                           DEMO_AS_OF.isoformat()], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_ics_says_where_it_wrote(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "日历" / "党建截止日.ics"
    code, out, err = call(["--db", str(demo_db), "remind", "--as-of", "2026-11-22", "--json", "--ics", str(target)],
                          capsys)
    assert code == 1 and json.loads(out)["count"] == 11  # stdout stays the JSON
    assert target.is_file()
    [line] = [x for x in err.splitlines() if x.startswith("已写入")]
    assert line.startswith(f"已写入日历文件 {target.resolve()}：") and line.endswith("个截止事项。")
