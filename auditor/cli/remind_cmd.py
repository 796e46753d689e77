"""`auditor remind`: what needs attention soon, for cron, launchd or the Task Scheduler.

Quiet when nothing is due (cron mails only what is printed); exit 1 when something is.
Only click is imported at the top; icalendar is imported only with --ics.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from auditor.cli.main import Context, pass_context

if TYPE_CHECKING:
    import datetime as dt

    from auditor.remind.reminders import Reminder
    from auditor.remind.workdays import WorkdayCalendar

_TAGS = {"overdue": "逾期", "not_met": "未完成", "at_risk": "临期", "on_track": "即将到期"}
NOTIFY_LINES = 5


@click.command()
@click.option("--as-of", "as_of", metavar="日期", help="按哪一天提醒，如 2026-11-22（默认今天，北京时间）。")
@click.option("--within", "within", type=click.IntRange(0, 366), default=14,
              metavar="天数", help="提醒多少天内到期的事项（默认 14）。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON（没有待办时也输出）。")
@click.option("--ics", "ics", type=click.Path(path_type=Path, dir_okay=False), metavar="文件",
              help="把今后一年的截止日写入 iCalendar 文件（.ics），可导入手机和电脑日历。")
@click.option("--notify", is_flag=True, help="发送桌面通知；不支持时改为直接输出。")
@click.option("--schedule", is_flag=True, help="显示（并在确认后安装）每天运行本命令的 cron 或 schtasks 定时任务。")
@click.option("--at", "at", default="08:30", metavar="时:分", help="与 --schedule 一起用：每天运行的时间（默认 08:30）。")
@click.option("--yes", "-y", is_flag=True, help="与 --schedule 一起用：不再询问，直接安装。")
@pass_context
def remind(
    ctx: Context, as_of: str | None, within: int, as_json: bool, ics: Path | None,
    notify: bool, schedule: bool, at: str, yes: bool,
) -> int:
    """列出逾期、临期和即将到期的事项，按紧急程度排序，并计算剩余工作日。

    没有需要处理的事项时不输出任何内容、退出码为 0；有则退出码为 1；输入有误为 2。

    示例：auditor remind --within 14 --ics ~/党建截止日.ics
    """
    if schedule:
        return _schedule(ctx, at, yes)
    from auditor.cli.options import as_of_day
    from auditor.remind.reminders import collect_reminders, for_today
    from auditor.remind.workdays import WorkdayCalendar

    day = as_of_day(as_of)
    cal = WorkdayCalendar(ctx.session.ruleset.holidays)  # the unit's holidays.yaml before the package
    items, held = for_today(collect_reminders(ctx.session, day, within_days=within, calendar=cal), day)
    if ics is not None:
        _write_ics(ctx, ics, day, cal)
    if as_json:
        _print_json(ctx, items, day, within, cal, len(held))
    elif items and not (notify and _notify(ctx, items)):
        _print_lines(ctx, items, day, len(held))
    if cal.warning():  # one line per run, only when a year beyond the holiday data was used
        click.echo(cal.warning(), err=True)
    return 1 if items else 0


def _print_lines(ctx: Context, items: list[Reminder], day: dt.date, held: int) -> None:
    unit = ctx.session.profile.display_name
    click.echo(f"{unit}党建工作提醒（{day.year}年{day.month}月{day.day}日）：{len(items)}项需要处理")
    for r in items:
        click.echo(f"【{_TAGS.get(r.status.value, r.status.label)}】{r.line}")
    if held:
        import datetime as dt

        monday = day + dt.timedelta(days=(7 - day.weekday()) % 7 or 7)
        click.echo(f"另有{held}项一个多月前错过的事项尚未作情况说明或列入整改，每周一列出"
                   f"（下次{monday.month}月{monday.day}日；现在查看：auditor remind --as-of {monday.isoformat()}）。")


def _print_json(
    ctx: Context, items: list[Reminder], day: dt.date, within: int, cal: WorkdayCalendar, held: int
) -> None:
    doc = {
        "unit": ctx.session.profile.display_name,
        "as_of": day.isoformat(),
        "within_days": within,
        "count": len(items),
        "held_until_monday": held,
        "reminders": [r.to_dict() for r in items],
        "warnings": [w for w in [cal.warning()] if w],
    }
    click.echo(json.dumps(doc, ensure_ascii=False, indent=2))


def _notify(ctx: Context, items: list[Reminder]) -> bool:
    from auditor.remind.notify import notify

    title = f"{ctx.session.profile.display_name}：{len(items)}项党建工作需要处理"
    lines = [f"【{_TAGS.get(r.status.value, '')}】{r.message.removeprefix(r.unit + '：')}" for r in items]
    if len(lines) > NOTIFY_LINES:
        lines = [*lines[:NOTIFY_LINES], f"……另有{len(lines) - NOTIFY_LINES}项，运行 auditor remind 查看全部"]
    return notify(title, "\n".join(lines))


def _write_ics(ctx: Context, path: Path, day: dt.date, cal: WorkdayCalendar) -> None:
    from auditor.io.ics import build_ics, calendar_entries, write_ics
    from auditor.remind.reminders import assess_years

    session = ctx.session
    assessments = assess_years(session, (day.year - 1, day.year, day.year + 1), day)
    entries = calendar_entries(assessments, day, cal)
    write_ics(path, build_ics(entries, session.profile.display_name, day, cal))
    # on stderr, so that stdout stays the reminders (or the JSON)
    click.echo(f"已写入日历文件 {path.resolve()}：{len(entries)}个截止事项。", err=True)


def _schedule(ctx: Context, at: str, yes: bool) -> int:
    from auditor.remind import schedule as sch

    argv = sch.remind_argv(ctx.session.db_path, ctx.rules)
    if sys.platform.startswith("win"):
        cmd = sch.schtasks_argv(argv, at)
        return _offer("每天定时提醒的 Windows 计划任务命令（在命令提示符中运行）：",
                      " ".join(cmd[:7]) + " " + _quote_win(cmd[7]) + " " + " ".join(cmd[8:]),
                      "现在创建这个计划任务吗？（同名任务会被替换）", yes, lambda: sch.install_schtasks(cmd),
                      f"已创建计划任务 {sch.TASK_NAME}，每天 {at} 运行。", "未创建；也可以在命令提示符中手动运行上面的命令。")
    line = sch.cron_line(argv, at)
    return _offer("每天定时提醒的 crontab 行：", line, "现在把这一行加入当前用户的 crontab 吗？（其他行不会改动）", yes,
                  lambda: sch.install_cron(line), f"已安装：每天 {at} 运行 auditor remind。可用 crontab -l 查看。",
                  "未安装；也可以用 crontab -e 手动加入上面这一行。")


def _offer(intro: str, command: str, question: str, yes: bool, install: Callable[[], object], done: str,
           manual: str) -> int:
    """Show a scheduler's command, and run its install once the person agrees (or gave --yes)."""
    click.echo(intro)
    click.echo(command)
    if yes or click.confirm(question, default=False):
        install()
        click.echo(done)
    else:
        click.echo(manual)
    return 0


def _quote_win(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


COMMANDS = (remind,)
