"""总览: the period's rules grouped by pack, with status, progress, next due date and score."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from auditor.engine.assessment import Assessment, RuleResult, fmt
from auditor.engine.words import ADVISORY_WORD
from auditor.errors import AuditorError
from auditor.tui.screens.base import AuditorScreen
from auditor.tui.text import clip, progress, short_date, status_text

_PACK_PREFIX = "pack:"
# Cells of the status, progress and due columns, the padding of all five, the scrollbar, slack.
_FIXED_WIDTH = 12 + 9 + 10 + 10 + 2 + 2
NOTE_MIN = 12


class DashboardScreen(AuditorScreen):
    AUTO_FOCUS = "#rules"
    SCREEN_TITLE = "总览"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_rule", "详情", key_display="回车", show=False),
        Binding("left_square_bracket", "shift_period(-1)", "上一期", key_display="["),
        Binding("right_square_bracket", "shift_period(1)", "下一期", key_display="]"),
        Binding("g", "cycle_granularity", "年/半年/季/月"),
        Binding("t", "this_period", "回到本期", show=False),
        Binding("a", "app.new_record", "记一笔"),
    ]

    _note_width = 0

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Static(id="summary")
        table: DataTable[str | Text] = DataTable(id="rules", cursor_type="row", zebra_stripes=False)
        yield table
        yield Static(id="rule-message")
        yield from self.compose_footer()

    def _columns(self, note_width: int) -> None:
        table = self.rules_table
        table.clear(columns=True)
        table.add_column("规则", key="title")
        table.add_column("状态", key="status")
        table.add_column("实际/要求", key="progress")
        table.add_column("截止", key="due")
        if note_width:
            table.add_column("说明", key="note", width=note_width)
        self._note_width = note_width

    def _wanted_note_width(self) -> int:
        """The 说明 column gets what the others leave: at 80 columns the rule names are shortened
        so that it keeps at least NOTE_MIN cells (the panel below shows the whole sentence)."""
        free = (self.size.width or 80) - _FIXED_WIDTH
        return max(free - self._title_width(), NOTE_MIN)

    def _title_width(self) -> int:
        free = (self.size.width or 80) - _FIXED_WIDTH
        need = max([cell_len(n) for n in self._names()] + [10])
        return need if free - need >= NOTE_MIN else max(16, free - NOTE_MIN)

    def _names(self) -> list[str]:
        try:
            results = self.auditor.assessment().results
        except AuditorError:
            return []
        return [_name(r) for r in results]

    _unavailable = False

    def on_resize(self) -> None:
        if self._unavailable:  # the dialog has said why; a resize should not say it again
            return
        if self._drawn is not None and self._wanted_note_width() != self._note_width:
            self.refresh_if_stale(force=True)

    @property
    def rules_table(self) -> DataTable[str | Text]:
        return self.query_one("#rules", DataTable)

    def refresh_view(self) -> None:
        a = self.auditor.assessment()
        self._unavailable = False  # the data reads again: resizes redraw again
        empty = not self.auditor.session.store.records()
        summary = summary_text(a, self.auditor.session.profile.display_name, empty)
        self.query_one("#summary", Static).update(summary)
        table = self.rules_table
        selected = self._selected_rule()
        self._columns(self._wanted_note_width())
        width = self._note_width
        title_w = self._title_width()
        for pack, title, results in a.by_pack():
            pad = ("",) * (4 if width else 3)
            table.add_row(Text(title, style="bold underline"), *pad, key=_PACK_PREFIX + pack)
            for r in results:
                cells: list[str | Text] = [
                    clip(_name(r), title_w), status_text(r.status, r.word), progress(r.actual, r.required),
                    short_date(r.due, a.as_of),
                ]
                if width:
                    cells.append(clip(r.message, width))
                table.add_row(*cells, key=r.rule)
        target = selected or (a.by_pack()[0][2][0].rule if a.results else None)
        if target is not None:
            try:
                table.move_cursor(row=table.get_row_index(target))
            except Exception:  # the rule vanished after a settings change; stay at the top
                table.move_cursor(row=0)
        self._show_message()

    def show_unavailable(self, error: AuditorError) -> None:
        self._unavailable = True
        self.query_one("#summary", Static).update(Text(f"无法读取数据：{error.msg}", style="bold red"))
        self.rules_table.clear()

    def _selected_rule(self) -> str | None:
        table = self.rules_table
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return key if key and not key.startswith(_PACK_PREFIX) else None

    def _result(self) -> RuleResult | None:
        rule = self._selected_rule()
        if rule is None:
            return None
        try:
            return self.auditor.assessment().result(rule)
        except (KeyError, AuditorError):
            return None

    @on(DataTable.RowHighlighted, "#rules")
    def _show_message(self) -> None:
        r = self._result()
        box = self.query_one("#rule-message", Static)
        if r is None:
            box.update(Text("选中一条规则查看说明；回车打开详情。", style="dim"))
            return
        box.update(Text.assemble(status_text(r.status, r.word), "  ", r.message))

    @on(DataTable.RowSelected, "#rules")
    def action_open_rule(self) -> None:
        r = self._result()
        if r is not None:
            from auditor.tui.screens.rule_detail import RuleDetailScreen

            self.app.push_screen(RuleDetailScreen(r.rule))

    def action_shift_period(self, steps: int) -> None:
        self.auditor.shift_period(steps)

    def action_cycle_granularity(self) -> None:
        self.auditor.cycle_granularity()

    def action_this_period(self) -> None:
        from auditor.periods import period_of

        self.auditor.set_period(period_of(self.auditor.as_of, self.auditor.period.kind))


def _name(r: RuleResult) -> str:
    return f"  {r.title}" + (f"（{ADVISORY_WORD}）" if r.severity == "advisory" else "")


def summary_text(a: Assessment, unit: str, empty: bool = False) -> Text:
    """Unit, score, then counts by status (worst first), each in its colour."""
    text = Text()
    text.append(unit, style="bold")
    if a.score is not None:
        text.append(f"  得分 {fmt(a.score)}", style="bold")
    text.append("\n")
    parts = [(s, n) for s, n in a.counts().items() if n]
    for i, (status, n) in enumerate(parts):
        if i:
            text.append("  ")
        text.append_text(status_text(status))
        text.append(f" {n}")
    if a.rectifications:  # open 整改 items past their deadline; 8 opens the ledger
        text.append(f"  整改超期 {len(a.rectifications)}", style="bold red")
    if empty:  # a new database: say how to start rather than list every duty as failed
        text.append("\n还没有活动记录：按 a 记一笔，按 5 填写单位信息；想先看看效果可运行 auditor demo。",
                    style="yellow")
    elif a.failed:
        text.append("\n有必做项未完成或逾期未完成，请尽快补做或作情况说明。", style="bold red")
    return text
