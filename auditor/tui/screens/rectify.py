"""整改台账: rectification items with their progress; overdue ones first and in red."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import BindingType

from auditor import actions
from auditor.forms import RECTIFICATION
from auditor.model import Rectification
from auditor.tui.screens.item_form import open_item_form
from auditor.tui.screens.ledger import LedgerScreen, item_bindings
from auditor.tui.text import clip, short_date
from auditor.tui.widgets.dialogs import ConfirmDialog

if TYPE_CHECKING:
    from auditor.tui.app import AuditorApp

STATUS_STYLE = {"待整改": "yellow", "整改中": "cyan", "已完成": "green"}


class RectifyScreen(LedgerScreen):
    """Open and overdue items first; x marks the selected one 已完成 today (the same call as the CLI)."""

    TABLE_ID, HEAD_ID, FOOT_ID = "rectify", "rectify-summary", "rectify-detail"
    COLUMNS = (("编号", "id"), ("存在问题", "problem"), ("责任人", "responsible"), ("时限", "deadline"),
               ("进度", "status"))
    SCREEN_TITLE = "整改台账"
    ITEM_NAME = "整改事项"
    BINDINGS: ClassVar[list[BindingType]] = item_bindings(close="整改完成")

    items: dict[str, Rectification]

    def refresh_view(self) -> None:
        day = self.auditor.as_of
        items = self.auditor.session.store.rectifications()
        # open and overdue first, then open by deadline, then the completed ones
        items.sort(key=lambda it: (not it.overdue(day), not it.is_open, it.deadline, it.id))
        self.items = {it.id: it for it in items}
        width = max(16, (self.size.width or 80) - 44)

        def cells(it: Rectification) -> list[str | Text]:
            if it.overdue(day):
                status = Text(f"{it.status} 超期{(day - it.deadline).days}天", style="bold red")
            else:
                status = Text(it.status, style=STATUS_STYLE.get(it.status, ""))
            return [it.id, clip(it.problem, width), clip(it.responsible, 8), short_date(it.deadline, day), status]

        self.fill((it.id, cells(it)) for it in items)
        self.say(self.HEAD_ID, self._summary(items))
        self.show_detail()

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

    def show_detail(self) -> None:
        it = self.items.get(self.selected_id() or "")
        if it is None:
            self.say(self.FOOT_ID, "")
            return
        parts = [f"整改措施：{it.measure}"]
        if it.rule:
            parts.append(f"对应规则：{it.rule}{' ' + it.window if it.window else ''}")
        if it.completed_on:
            parts.append(f"完成于 {it.completed_on.isoformat()}")
        if it.evidence:
            parts.append("佐证：" + "；".join(it.evidence))
        self.say(self.FOOT_ID, "　".join(parts))

    def open_form(self, it: Rectification | None) -> None:
        open_rectification_form(self.auditor, it)

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


def open_rectification_form(app: AuditorApp, it: Rectification | None = None,
                            initial: dict[str, str] | None = None) -> None:
    """The 整改事项 form: edit ``it``, or add a new item starting from ``initial``."""
    title = "新增整改事项" if it is None else f"修改整改事项  {it.id}"
    open_item_form(app, title, RECTIFICATION, it, actions.add_rectification, actions.edit_rectification, initial)
