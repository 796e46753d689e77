"""提醒: what is overdue, at risk and due soon; the same list as `auditor remind`."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from auditor.engine.assessment import Status
from auditor.errors import AuditorError
from auditor.tui.screens.base import AuditorScreen
from auditor.tui.text import clip, short_date, status_text

if TYPE_CHECKING:
    from auditor.remind.reminders import Reminder

HORIZONS = (14, 30, 60)


class RemindersScreen(AuditorScreen):
    AUTO_FOCUS = "#reminders"
    SCREEN_TITLE = "提醒"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "widen", "提前天数"),
        Binding("enter", "open_rule", "规则详情", key_display="回车", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.within_days = HORIZONS[0]
        self.items: list[Reminder] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Static(id="remind-summary")
        table: DataTable[str | Text] = DataTable(id="reminders", cursor_type="row")
        yield table
        yield Static(id="remind-message")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        table = self.table
        table.add_column("状态", key="status")
        table.add_column("事项", key="title")
        table.add_column("时段", key="window")
        table.add_column("截止", key="due")
        table.add_column("剩余工作日", key="left")
        table.focus()

    @property
    def table(self) -> DataTable[str | Text]:
        return self.query_one("#reminders", DataTable)

    def refresh_view(self) -> None:
        from auditor.remind.reminders import collect_reminders

        app = self.auditor
        self.items = collect_reminders(app.session, app.as_of, within_days=self.within_days)
        table = self.table
        table.clear()
        for i, r in enumerate(self.items):
            left = "已过期" if r.due < app.as_of else str(r.workdays_left)
            table.add_row(
                status_text(r.status), clip(r.title, 30), r.window_label, short_date(r.due, app.as_of),
                left, key=str(i),
            )
        self.query_one("#remind-summary", Static).update(self._summary())
        self._show_message()

    def _summary(self) -> Text:
        failing = sum(1 for r in self.items if r.status in (Status.OVERDUE, Status.NOT_MET))
        risk = sum(1 for r in self.items if r.status is Status.AT_RISK)
        other = len(self.items) - failing - risk
        text = Text()
        if not self.items:
            text.append(f"未来 {self.within_days} 天内没有需要处理的事项。", style="green")
            return text
        text.append(f"逾期或未完成 {failing} 项", style="bold red" if failing else "")
        text.append(f"  临期 {risk} 项", style="bold yellow" if risk else "")
        text.append(f"  {self.within_days} 天内到期 {other} 项  （按 w 改变提前天数）")
        return text

    def show_unavailable(self, error: AuditorError) -> None:
        self.table.clear()
        self.query_one("#remind-summary", Static).update(Text(f"无法读取数据：{error.msg}", style="bold red"))

    def _current(self) -> Reminder | None:
        table = self.table
        if table.row_count == 0:
            return None
        return self.items[table.cursor_row] if table.cursor_row < len(self.items) else None

    @on(DataTable.RowHighlighted, "#reminders")
    def _show_message(self) -> None:
        r = self._current()
        self.query_one("#remind-message", Static).update(r.line if r is not None else "")

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
