"""活动记录: the log as a table, filtered by period, kind, topic and text; add, edit, copy, delete, undo."""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Select, Static

from auditor import actions
from auditor.engine.query import RecordFilter
from auditor.errors import AuditorError
from auditor.model import Record
from auditor.periods import parse_period
from auditor.tui.screens.ledger import LedgerScreen
from auditor.tui.text import clip
from auditor.tui.undo import Change
from auditor.tui.widgets.dialogs import ConfirmDialog
from auditor.tui.widgets.zhselect import ZhSelect

if TYPE_CHECKING:
    from auditor.tui.screens.record_form import Mode

PAGE = 100
"""Rows added to the table at a time; more follow as the cursor nears the last one."""


class RecordsScreen(LedgerScreen):
    TABLE_ID, FOOT_ID, MESSAGE_ID, FOOT_CLASSES = "records", "records-count", "records-count", ""
    COLUMNS = (("日期", "date"), ("类型", "kind"), ("主题", "title"), ("主持人", "host"), ("出席", "attendance"))
    _matching: list[Record] = []  # noqa: RUF012 - replaced per refresh, never mutated
    _loaded = 0
    _widths = (12, 40, 8)
    _newest_first: list[Record] = []  # noqa: RUF012 - replaced per change, never mutated
    _sorted_for = -1
    SCREEN_TITLE = "活动记录"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "新增"),
        Binding("e", "edit", "修改"),
        Binding("c", "copy", "复制"),
        Binding("d,delete", "delete", "删除", key_display="d"),
        Binding("u,ctrl+z", "undo", "撤销", key_display="u"),
        Binding("slash", "search", "搜索", key_display="/"),
        Binding("escape", "clear_filters", "清除筛选", key_display="Esc", show=False),
        Binding("m", "minutes", "生成会议记录（Word）", show=False),
    ]

    def compose_head(self) -> ComposeResult:
        with Horizontal(id="filters"):
            yield Input(placeholder="搜索文字", id="q-text", compact=True)
            # a hint, not a sample value: an empty box means every period
            yield Input(placeholder="全部期间", id="q-period", compact=True)
            yield ZhSelect([], prompt="全部类型", id="q-kind", compact=True, type_to_search=True)
            yield Input(placeholder="标签", id="q-topic", compact=True)
        yield Static("", id="filter-error")

    def on_mount(self) -> None:
        try:
            kinds = self.auditor.session.vocabulary.kinds
            picker = self.query_one("#q-kind", ZhSelect)
            picker.set_options((k.label, k.id) for k in kinds)
            picker.search_keys = {k.label: (*k.aliases, k.id) for k in kinds}
        except AuditorError:
            pass  # refresh_view reports it
        self.watch(self.table, "scroll_y", self._scrolled, init=False)

    def current_filter(self) -> RecordFilter | None:
        """The filter as typed, or None (with the reason shown) when the period is not valid."""
        period_text = self.query_one("#q-period", Input).value.strip()
        err = self.query_one("#filter-error", Static)
        try:
            period = parse_period(period_text) if period_text else None
        except AuditorError as e:
            err.update(Text(e.msg, style="red"))
            err.add_class("shown")
            return None
        err.update("")
        err.remove_class("shown")
        kind = self.query_one("#q-kind", Select).value
        return RecordFilter(
            period=period,
            kind=None if kind is Select.NULL else str(kind),
            topic=self.query_one("#q-topic", Input).value.strip() or None,
            text=self.query_one("#q-text", Input).value.strip() or None,
        )

    def refresh_view(self) -> None:
        flt = self.current_filter()
        if flt is None:
            return
        if self._sorted_for != self.auditor.version:  # sorted once per change, not per keystroke
            self._newest_first = newest_first(self.auditor.session.store.records())
            self._sorted_for = self.auditor.version
        self._matching = self._newest_first if flt == RecordFilter() else \
            [r for r in self._newest_first if flt.matches(r)]
        self._redraw()

    def _column_widths(self) -> tuple[int, int, int]:
        """The title gets what the other columns leave (date 10, kind, host, attendance 5,
        cell padding 10, scrollbar 2, slack 6), so all five columns fit whole from 80 columns
        up: text is shortened, never a number (13/15 was cut to 13/1)."""
        width = self.size.width or 80
        kind_w, host_w = (20, 12) if width >= 110 else (12, 8)
        return kind_w, max(12, width - 33 - kind_w - host_w), host_w

    def _redraw(self) -> None:
        """The matching records again from the first page, the cursor on the record it was on."""
        table = self.table
        keep = self.selected_id()
        table.clear()
        self._loaded = 0
        self._widths = self._column_widths()
        at = next((i for i, r in enumerate(self._matching) if r.id == keep), None) if keep else None
        self._load_rows(max(PAGE, (at or 0) + 1))
        if at is not None:
            table.move_cursor(row=at)
        self._show_count()

    def _load_rows(self, upto: int) -> None:
        """Add rows up to ``upto``: a DataTable keeps every row as renderables, so 100,000 at once
        froze the screen for 40 s; a page at a time keeps the first rows instant."""
        kind_w, title_w, host_w = self._widths
        vocab = self.auditor.session.vocabulary
        for r in self._matching[self._loaded:upto]:
            self.table.add_row(
                r.date.isoformat(), clip(vocab.label(r.kind), kind_w), clip(r.title, title_w),
                clip(r.host, host_w), attendance(r), key=r.id,
            )
        self._loaded = min(upto, len(self._matching))

    def _show_count(self) -> None:
        total = len(self.auditor.session.store.records())
        shown = f"共 {len(self._matching)} 条" + (f"（全部 {total} 条）" if len(self._matching) != total else "")
        if self._loaded < len(self._matching):
            shown += f"，已列出前 {self._loaded} 条，向下翻页继续"
        self.say(self.FOOT_ID, shown)

    @on(DataTable.RowHighlighted, "#records")
    def _near_the_end(self, event: DataTable.RowHighlighted) -> None:
        self._more_if_near(event.cursor_row)

    def _scrolled(self, scroll_y: float) -> None:
        # the mouse wheel and the scroll bar move the view without the cursor
        self._more_if_near(int(scroll_y) + self.table.scrollable_content_region.height)

    def _more_if_near(self, row: int) -> None:
        if self._loaded < len(self._matching) and row >= self._loaded - PAGE // 10:
            self._load_rows(self._loaded + PAGE)
            self._show_count()

    def on_resize(self) -> None:
        # Screens get a Resize as they mount: redraw only when the columns really change width.
        if self._drawn is not None and self._column_widths() != self._widths:
            self._redraw()

    def selected(self) -> Record | None:
        rid = self.selected_id()
        if rid is None:
            self.notify("没有选中的记录。", severity="warning", timeout=3)
            return None
        return self.auditor.attempt(lambda: self.auditor.session.store.record(rid))

    @on(Input.Changed, "#filters Input")
    @on(Select.Changed, "#q-kind")
    def _filter_changed(self) -> None:
        self.refresh_if_stale(force=True)

    @on(Input.Submitted, "#filters Input")
    def _filter_submitted(self) -> None:
        self.table.focus()

    @on(DataTable.RowSelected, "#records")
    def _row_selected(self) -> None:
        self.action_edit()

    def action_add(self) -> None:
        self._form("add", None)

    def action_edit(self) -> None:
        self._form("edit", self.selected())

    def action_copy(self) -> None:
        self._form("copy", self.selected())

    def _form(self, mode: Mode, record: Record | None) -> None:
        if mode != "add" and record is None:
            return
        # imported when first opened, not with the screen: the form's module (TextArea) is the
        # largest part of what pressing 2 imports
        from auditor.tui.screens.record_form import open_form

        open_form(self.auditor, mode, record)

    def action_search(self) -> None:
        self.query_one("#q-text", Input).focus()

    def action_clear_filters(self) -> None:
        for box in self.query("#filters Input").results(Input):
            box.value = ""
        self.query_one("#q-kind", Select).clear()
        self.table.focus()

    def action_delete(self) -> None:
        record = self.selected()
        if record is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(record)

        question = f"删除记录 {record.id}（{record.date.isoformat()} {record.title}）？\n删除后可按 u 撤销。"
        self.app.push_screen(ConfirmDialog(question, yes="删除"), answered)

    def _delete(self, record: Record) -> None:
        app = self.auditor
        if app.attempt(lambda: actions.delete_records(app.session, [record.id])) is None:
            return
        app.undo_stack.push(Change("delete", record.id, record.title))
        app.data_changed()
        self.notify(f"已删除“{record.title}”，按 u 撤销。", timeout=5)

    def action_undo(self) -> None:
        self.auditor.action_undo()

    def action_minutes(self) -> None:
        """The selected record's 会议记录 as Word, in a 会议记录 folder beside the database."""
        record = self.selected()
        if record is None:
            return
        from auditor.report.minutes import write_any

        session = self.auditor.session
        out = session.db_path.parent / "会议记录" / f"会议记录-{record.id}.docx"
        written = self.auditor.attempt(lambda: write_any(session, record, out))
        if written is None:
            return
        blank = f"；留空待填写：{'、'.join(written.missing)}" if written.missing else ""
        self.notify(f"会议记录已写到 {out}{blank}", timeout=8)


def newest_first(records: list[Record]) -> list[Record]:
    """By date, newest first, then by id (descending) within a day."""
    out = sorted(records, key=attrgetter("id"), reverse=True)
    out.sort(key=attrgetter("date"), reverse=True)  # stable: a day's records stay in id order
    return out


def attendance(r: Record) -> str:
    if r.expected is None:
        return ""
    return f"{'' if r.present is None else r.present}/{r.expected}"
