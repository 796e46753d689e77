"""整改台账: rectification items with their progress; overdue ones first and in red."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from auditor import actions
from auditor.errors import AuditorError
from auditor.forms import RECTIFICATION
from auditor.model import Rectification
from auditor.tui.screens.base import AuditorScreen
from auditor.tui.screens.item_form import ItemForm
from auditor.tui.text import clip, short_date
from auditor.tui.widgets.dialogs import ConfirmDialog

if TYPE_CHECKING:
    from auditor.tui.app import AuditorApp

STATUS_STYLE = {"待整改": "yellow", "整改中": "cyan", "已完成": "green"}


class RectifyScreen(AuditorScreen):
    DEFAULT_CSS = """
    #rectify-summary { height: auto; padding: 0 1; }
    #rectify { height: 1fr; }
    #rectify-detail { height: 3; padding: 0 1; border-top: solid $primary-darken-2; }
    """
    AUTO_FOCUS = "#rectify"
    SCREEN_TITLE = "整改台账"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "新增"),
        Binding("e", "edit", "修改"),
        Binding("x", "close", "整改完成"),
        Binding("enter", "edit", "修改", key_display="回车", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[str, Rectification] = {}

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Static(id="rectify-summary")
        table: DataTable[str | Text] = DataTable(id="rectify", cursor_type="row")
        yield table
        yield Static(id="rectify-detail")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        for label, key in (("编号", "id"), ("存在问题", "problem"), ("责任人", "responsible"),
                           ("时限", "deadline"), ("进度", "status")):
            self.table.add_column(label, key=key)
        self.table.focus()

    @property
    def table(self) -> DataTable[str | Text]:
        return self.query_one("#rectify", DataTable)

    def refresh_view(self) -> None:
        day = self.auditor.as_of
        items = self.auditor.session.store.rectifications()
        # open and overdue first, then open by deadline, then the completed ones
        items.sort(key=lambda it: (not it.overdue(day), not it.is_open, it.deadline, it.id))
        self.items = {it.id: it for it in items}
        table = self.table
        keep = self.selected_id()
        table.clear()
        width = max(16, (self.size.width or 80) - 44)
        for it in items:
            if it.overdue(day):
                status = Text(f"{it.status} 超期{(day - it.deadline).days}天", style="bold red")
            else:
                status = Text(it.status, style=STATUS_STYLE.get(it.status, ""))
            table.add_row(it.id, clip(it.problem, width), clip(it.responsible, 8), short_date(it.deadline, day),
                          status, key=it.id)
        if keep in self.items:
            table.move_cursor(row=table.get_row_index(keep))
        self.query_one("#rectify-summary", Static).update(self._summary(items))
        self._show_detail()

    def _summary(self, items: list[Rectification]) -> Text:
        if not items:
            return Text("整改台账是空的。检查发现问题后，按 a 登记整改措施、责任人和时限。")
        day = self.auditor.as_of
        open_items = [it for it in items if it.is_open]
        overdue = [it for it in open_items if it.overdue(day)]
        text = Text(f"共 {len(items)} 项，未完成 {len(open_items)} 项")
        if overdue:
            text.append(f"，其中超过时限 {len(overdue)} 项", style="bold red")
        text.append("（x 登记整改完成）")
        return text

    def show_unavailable(self, error: AuditorError) -> None:
        self.table.clear()
        self.query_one("#rectify-summary", Static).update(Text(f"无法读取数据：{error.msg}", style="bold red"))

    def selected_id(self) -> str | None:
        table = self.table
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    @on(DataTable.RowHighlighted, "#rectify")
    def _show_detail(self) -> None:
        it = self.items.get(self.selected_id() or "")
        box = self.query_one("#rectify-detail", Static)
        if it is None:
            box.update("")
            return
        parts = [f"整改措施：{it.measure}"]
        if it.rule:
            parts.append(f"对应规则：{it.rule}{' ' + it.window if it.window else ''}")
        if it.completed_on:
            parts.append(f"完成于 {it.completed_on.isoformat()}")
        if it.evidence:
            parts.append("佐证：" + "；".join(it.evidence))
        box.update("　".join(parts))

    def action_add(self) -> None:
        self._open(None)

    def action_edit(self) -> None:
        it = self.items.get(self.selected_id() or "")
        if it is None:
            self.notify("没有选中的整改事项。", severity="warning", timeout=3)
            return
        self._open(it)

    def _open(self, it: Rectification | None) -> None:
        open_item_form(self.auditor, it)

    def action_close(self) -> None:
        app = self.auditor
        it = self.items.get(self.selected_id() or "")
        if it is None or not it.is_open:
            self.notify("请选中一项未完成的整改事项。", severity="warning", timeout=3)
            return

        def answered(yes: bool | None) -> None:
            if yes and app.attempt(lambda: actions.complete_rectification(app.session, it.id, app.as_of)) is not None:
                app.data_changed()
                self.notify(f"{it.id} 已完成（{app.as_of.isoformat()}）；佐证材料可按 e 补充。", timeout=5)

        self.app.push_screen(ConfirmDialog(f"登记 {it.id}“{clip(it.problem, 30)}”整改完成（今天）？",
                                           yes="完成"), answered)


def open_item_form(app: AuditorApp, it: Rectification | None = None,
                   initial: dict[str, str] | None = None) -> None:
    """The 整改事项 form: edit ``it``, or add a new item starting from ``initial``."""

    def save(values: dict[str, str]) -> str:
        if it is None:
            return actions.add_rectification(app.session, values, app.as_of).id
        return actions.edit_rectification(app.session, it.id, values, app.as_of)[1].id

    values = RECTIFICATION.values(it) if it is not None else dict(initial or {})
    title = "新增整改事项" if it is None else f"修改整改事项  {it.id}"
    app.push_screen(ItemForm(title, RECTIFICATION, values, save))
