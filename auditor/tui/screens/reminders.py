"""提醒: what is overdue, at risk and due soon; the same list as `auditor remind`."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from auditor.engine.assessment import Status
from auditor.tui.screens.ledger import LedgerScreen
from auditor.tui.text import clip, short_date, status_text

if TYPE_CHECKING:
    from auditor.remind.reminders import Reminder

HORIZONS = (14, 30, 60)


class RemindersScreen(LedgerScreen):
    TABLE_ID, HEAD_ID, FOOT_ID = "reminders", "remind-summary", "remind-message"
    COLUMNS = (("状态", "status"), ("事项", "title"), ("时段", "window"), ("截止", "due"), ("剩余工作日", "left"))
    SCREEN_TITLE = "提醒"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "widen", "提前天数"),
        Binding("enter", "open_rule", "规则详情", key_display="回车", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.within_days = HORIZONS[0]
        self.found: list[Reminder] = []

    def refresh_view(self) -> None:
        from auditor.remind.reminders import collect_reminders

        app = self.auditor
        self.found = collect_reminders(app.session, app.as_of, within_days=self.within_days)
        self.fill(((str(i), [status_text(r.status), clip(r.title, 30), r.window_label, short_date(r.due, app.as_of),
                             "已过期" if r.due < app.as_of else str(r.workdays_left)])
                   for i, r in enumerate(self.found)), keep=False)
        self.say(self.HEAD_ID, self._summary())
        self.show_detail()

    def _summary(self) -> Text:
        failing = sum(1 for r in self.found if r.status in (Status.OVERDUE, Status.NOT_MET))
        risk = sum(1 for r in self.found if r.status is Status.AT_RISK)
        other = len(self.found) - failing - risk
        text = Text()
        if not self.found:
            text.append(f"未来 {self.within_days} 天内没有需要处理的事项。", style="green")
            return text
        text.append(f"逾期或未完成 {failing} 项", style="bold red" if failing else "")
        text.append(f"  临期 {risk} 项", style="bold yellow" if risk else "")
        text.append(f"  {self.within_days} 天内到期 {other} 项  （按 w 改变提前天数）")
        return text

    def _current(self) -> Reminder | None:
        table = self.table
        if table.row_count == 0:
            return None
        return self.found[table.cursor_row] if table.cursor_row < len(self.found) else None

    def show_detail(self) -> None:
        r = self._current()
        self.say(self.FOOT_ID, r.line if r is not None else "")

    def action_widen(self) -> None:
        self.within_days = HORIZONS[(HORIZONS.index(self.within_days) + 1) % len(HORIZONS)]
        self.refresh_if_stale(force=True)

    @on(DataTable.RowSelected, "#reminders")
    def action_open_rule(self) -> None:
        r = self._current()
        if r is None:
            return
        from auditor.periods import parse_period
        from auditor.tui.screens.rule_detail import RuleDetailScreen

        # Look at the rule over the window the reminder is about.
        self.auditor.period = parse_period(r.window)
        self.app.push_screen(RuleDetailScreen(r.rule))
