"""Running `auditor remind` every day: the cron line and the Windows schtasks command.

Installing touches only auditor's own line in the user's crontab (found by MARKER):
other lines are kept byte for byte; an older auditor line is replaced, not duplicated.
The scheduled command names the interpreter and the database by absolute path,
because cron and the Task Scheduler start with almost no environment.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from auditor.errors import AuditorError, InputError

MARKER = "# auditor-remind"
TASK_NAME = "auditor-remind"
DEFAULT_AT = "08:30"
_AT = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class ScheduleError(AuditorError):
    title = "定时任务未安装"
    exit_code = 1


def parse_at(text: str) -> tuple[int, int]:
    m = _AT.match(text.strip())
    if not m:
        raise InputError(f"--at 的时间“{text}”无法识别，请写成 24 小时制的 时:分，如 08:30。")
    return int(m.group(1)), int(m.group(2))


def remind_argv(db: Path, rules_dirs: Sequence[Path] = (), python: str | None = None) -> list[str]:
    """The scheduled command: this interpreter running auditor on this database."""
    argv = [python or sys.executable, "-m", "auditor", "--db", str(db.resolve())]
    for d in rules_dirs:
        argv += ["--rules", str(Path(d).resolve())]
    return [*argv, "remind", "--notify"]


def cron_line(argv: Sequence[str], at: str = DEFAULT_AT) -> str:
    hour, minute = parse_at(at)
    # % ends the command in crontab syntax unless escaped
    command = shlex.join(argv).replace("%", r"\%")
    return f"{minute} {hour} * * * {command} {MARKER}"


def merge_crontab(existing: str, line: str) -> str:
    """The crontab with auditor's line replaced or appended; every other line untouched."""
    kept = [x for x in existing.splitlines() if not x.rstrip().endswith(MARKER)]
    return "\n".join([*kept, line]) + "\n"


def schtasks_argv(argv: Sequence[str], at: str = DEFAULT_AT) -> list[str]:
    hour, minute = parse_at(at)
    # /F replaces auditor's own task (by name) instead of failing when it exists
    return ["schtasks", "/Create", "/SC", "DAILY", "/TN", TASK_NAME,
            "/TR", subprocess.list2cmdline(list(argv)), "/ST", f"{hour:02d}:{minute:02d}", "/F"]


def read_crontab() -> str:
    exe = _crontab_exe()
    done = subprocess.run([exe, "-l"], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        if "no crontab" in done.stderr.lower():
            return ""
        raise ScheduleError(f"读取当前 crontab 失败（{done.stderr.strip()}），未作改动；请手动用 crontab -e 加入上面这一行。")
    return done.stdout


def install_cron(line: str) -> str:
    """Write the merged crontab; returns what was installed."""
    merged = merge_crontab(read_crontab(), line)
    done = subprocess.run([_crontab_exe(), "-"], input=merged, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ScheduleError(f"写入 crontab 失败（{done.stderr.strip()}），原有内容未改动；请手动用 crontab -e 加入上面这一行。")
    return merged


def install_schtasks(argv: Sequence[str]) -> None:
    try:
        done = subprocess.run(list(argv), capture_output=True, text=True, check=False)
    except OSError as e:
        raise ScheduleError(f"无法运行 schtasks（{e}），请在命令提示符中手动运行上面的命令。") from None
    if done.returncode != 0:
        raise ScheduleError(f"schtasks 创建任务失败（{(done.stderr or done.stdout).strip()}），请手动运行上面的命令。")


def _crontab_exe() -> str:
    exe = shutil.which("crontab")
    if exe is None:
        raise ScheduleError("未找到 crontab 命令（可能未安装 cron），未作改动；请安装 cron，或按 docs/remind.md 用 launchd / systemd 定时运行。")
    return exe
