"""情况说明: written explanations, whether each applies today; add, edit, end one."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from auditor import actions
from auditor.errors import AuditorError
from auditor.forms import WAIVER
from auditor.model import Waiver
from auditor.tui.screens.base import AuditorScreen
from auditor.tui.screens.item_form import ItemForm
from auditor.tui.text import clip
from auditor.tui.widgets.dialogs import ConfirmDialog

STATE_STYLE = {"有效": "magenta", "已到期": "dim", "未生效": "cyan"}


class WaiversScreen(AuditorScreen):
    DEFAULT_CSS = """
    #waivers-summary { height: auto; padding: 0 1; }
    #waivers { height: 1fr; }
    #waiver-detail { height: 3; padding: 0 1; border-top: solid $primary-darken-2; }
    """
    AUTO_FOCUS = "#waivers"
    SCREEN_TITLE = "情况说明"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "新增"),
        Binding("e", "edit", "修改"),
        Binding("x", "close", "结束"),
        Binding("enter", "edit", "修改", key_display="回车", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[str, Waiver] = {}

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Static(id="waivers-summary")
        table: DataTable[str | Text] = DataTable(id="waivers", cursor_type="row")
        yield table
        yield Static(id="waiver-detail")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        for label, key in (("编号", "id"), ("规则", "rule"), ("时段", "window"), ("理由", "reason"),
                           ("有效期至", "expires"), ("状态", "state")):
            self.table.add_column(label, key=key)
        self.table.focus()

    @property
    def table(self) -> DataTable[str | Text]:
        return self.query_one("#waivers", DataTable)

    def refresh_view(self) -> None:
        app = self.auditor
        items = app.session.store.waivers()
        self.items = {w.id: w for w in items}
        titles = {r.id: r.title for r in app.session.ruleset.rules}
        table = self.table
        keep = self.selected_id()
        table.clear()
        reason_width = max(12, (self.size.width or 80) - 62)
        for w in items:
            state = w.state(app.as_of)
            table.add_row(w.id, clip(titles.get(w.rule, w.rule), 16), w.window or "全部",
                          clip(w.reason, reason_width), w.expires.isoformat() if w.expires else "长期",
                          Text(state, style=STATE_STYLE[state]), key=w.id)
        if keep in self.items:
            table.move_cursor(row=table.get_row_index(keep))
        active = sum(1 for w in items if w.state(app.as_of) == "有效")
        # the counts on a line of their own: wrapped at 80 columns the number was left at a line end
        summary = (f"共{len(items)}份情况说明，今天有效{active}份。\n被说明的时段显示为“已说明”，"
                   "不计为未完成，并在报告中列出理由。") if items else \
            "没有情况说明。某项工作因故未能落实并经批准时，按 a 登记。"
        self.query_one("#waivers-summary", Static).update(summary)
        self._show_detail()

    def show_unavailable(self, error: AuditorError) -> None:
        self.table.clear()
        self.query_one("#waivers-summary", Static).update(Text(f"无法读取数据：{error.msg}", style="bold red"))

    def selected_id(self) -> str | None:
        table = self.table
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    @on(DataTable.RowHighlighted, "#waivers")
    def _show_detail(self) -> None:
        wid = self.selected_id()
        box = self.query_one("#waiver-detail", Static)
        w = self.items.get(wid or "")
        if w is None:
            box.update("")
            return
        box.update(f"{w.id}　{w.rule}　{w.window or '全部时段'}　理由：{w.reason}　"
                   f"批准：{w.approved_by}（{w.approved_on.isoformat()}）")

    def action_add(self) -> None:
        self._open(None)

    def action_edit(self) -> None:
        w = self.items.get(self.selected_id() or "")
        if w is None:
            self.notify("没有选中的情况说明。", severity="warning", timeout=3)
            return
        self._open(w)

    def _open(self, w: Waiver | None) -> None:
        app = self.auditor

        def save(values: dict[str, str]) -> str:
            if w is None:
                return actions.add_waiver(app.session, values, app.as_of).id
            return actions.edit_waiver(app.session, w.id, values, app.as_of)[1].id

        title = "新增情况说明" if w is None else f"修改情况说明  {w.id}"
        self.app.push_screen(ItemForm(title, WAIVER, {} if w is None else WAIVER.values(w), save))

    def action_close(self) -> None:
        app = self.auditor
        w = self.items.get(self.selected_id() or "")
        if w is None:
            return
        if w.expired(app.as_of):
            self.notify(f"{w.id} 已到期。", timeout=3)
            return

        def answered(yes: bool | None) -> None:
            if yes and app.attempt(lambda: actions.end_waiver(app.session, w.id, app.as_of)) is not None:
                app.data_changed()
                self.notify(f"已结束 {w.id}：有效期至 {app.as_of.isoformat()}。", timeout=4)

        self.app.push_screen(ConfirmDialog(f"结束情况说明 {w.id}？有效期将改为今天（{app.as_of.isoformat()}），"
                                           "之后的时段不再适用。", yes="结束"), answered)
