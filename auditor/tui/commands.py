"""The command palette (Ctrl+P): every action of the app, and every rule by name, in Chinese."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from auditor.errors import AuditorError

if TYPE_CHECKING:
    from auditor.tui.app import AuditorApp

Command = tuple[str, str, Callable[[], object]]


def app_commands(app: AuditorApp) -> list[Command]:
    """(name, help, callback) for everything the keys do, plus period choices."""
    from auditor.periods import period_of

    cmds: list[Command] = [
        ("总览", "本期各项规则的落实情况（1）", lambda: app.action_switch_mode("dashboard")),
        ("活动记录", "查看、筛选、修改活动记录（2）", lambda: app.action_switch_mode("records")),
        ("新增活动记录", "记一次会议、学习或报告（a）", app.action_new_record),
        ("提醒", "逾期、临期和即将到期的事项（3）", lambda: app.action_switch_mode("reminders")),
        ("生成报告", "生成 PDF 自查报告（4）", lambda: app.action_switch_mode("report")),
        ("设置", "单位信息、规则目录和规则包、报告字体（5）", lambda: app.action_switch_mode("settings")),
        ("名册", "党员名册和各人参加组织生活情况（6）", lambda: app.action_switch_mode("members")),
        ("情况说明", "未按时完成事项的情况说明（7）", lambda: app.action_switch_mode("waivers")),
        ("整改台账", "整改事项及完成情况（8）", lambda: app.action_switch_mode("rectify")),
        ("撤销", "撤销上一次新增、修改或删除（u）", app.action_undo),
        ("上一期", "查看上一个期间（[）", lambda: app.shift_period(-1)),
        ("下一期", "查看下一个期间（]）", lambda: app.shift_period(1)),
        ("回到本期", "查看今天所在的期间", lambda: app.set_period(period_of(app.as_of, app.period.kind))),
        ("帮助", "按键说明（?）", app.action_help),
        ("退出", "退出 auditor（Ctrl+Q）", app.exit),
    ]
    for kind, name in app.granularity_names():
        cmds.append((f"按{name}查看", f"期间切换为{name}", partial(app.set_granularity, kind)))
    return cmds


def _open_rule(app: AuditorApp, rule_id: str) -> None:
    from auditor.tui.screens.rule_detail import RuleDetailScreen

    app.push_screen(RuleDetailScreen(rule_id))


def rule_commands(app: AuditorApp) -> list[Command]:
    try:
        results = app.assessment().results
    except AuditorError:
        return []
    return [
        (f"规则：{r.title}", f"{r.word}  {r.message}", partial(_open_rule, app, r.rule))
        for r in results
    ]


class AuditorCommands(Provider):
    def _all(self) -> list[Command]:
        app = cast("AuditorApp", self.app)
        return app_commands(app) + rule_commands(app)

    async def discover(self) -> Hits:
        for name, help_text, callback in app_commands(cast("AuditorApp", self.app)):
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._all():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
