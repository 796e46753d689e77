"""情况说明: written explanations, whether each applies today; add, edit, end one."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType

from auditor import actions
from auditor.forms import WAIVER
from auditor.model import Waiver
from auditor.tui.screens.item_form import open_item_form
from auditor.tui.screens.ledger import LedgerScreen, item_bindings
from auditor.tui.text import clip
from auditor.tui.widgets.dialogs import ConfirmDialog

STATE_STYLE = {"有效": "magenta", "已到期": "dim", "未生效": "cyan"}


class WaiversScreen(LedgerScreen):
    TABLE_ID, HEAD_ID, FOOT_ID = "waivers", "waivers-summary", "waiver-detail"
    COLUMNS = (("编号", "id"), ("规则", "rule"), ("时段", "window"), ("理由", "reason"), ("有效期至", "expires"),
               ("状态", "state"))
    SCREEN_TITLE = ITEM_NAME = "情况说明"
    BINDINGS: ClassVar[list[BindingType]] = item_bindings(close="结束")

    items: dict[str, Waiver]

    def refresh_view(self) -> None:
        app = self.auditor
        items = app.session.store.waivers()
        self.items = {w.id: w for w in items}
        titles = {r.id: r.title for r in app.session.ruleset.rules}
        reason_width = max(12, (self.size.width or 80) - 62)

        def cells(w: Waiver) -> list[str | Text]:
            state = w.state(app.as_of)
            return [w.id, clip(titles.get(w.rule, w.rule), 16), w.window or "全部", clip(w.reason, reason_width),
                    w.expires.isoformat() if w.expires else "长期", Text(state, style=STATE_STYLE[state])]

        self.fill((w.id, cells(w)) for w in items)
        active = sum(1 for w in items if w.state(app.as_of) == "有效")
        # the counts on a line of their own: wrapped at 80 columns the number was left at a line end
        summary = (f"共{len(items)}份情况说明，今天有效{active}份。\n被说明的时段显示为“已说明”，"
                   "不计为未完成，并在报告中列出理由。") if items else \
            "没有情况说明。某项工作因故未能落实并经批准时，按 a 登记。"
        self.say(self.HEAD_ID, summary)
        self.show_detail()

    def show_detail(self) -> None:
        w = self.items.get(self.selected_id() or "")
        self.say(self.FOOT_ID, "" if w is None else f"{w.id}　{w.rule}　{w.window or '全部时段'}　理由：{w.reason}　"
                 f"批准：{w.approved_by}（{w.approved_on.isoformat()}）")

    def open_form(self, w: Waiver | None) -> None:
        title = "新增情况说明" if w is None else f"修改情况说明  {w.id}"
        open_item_form(self.auditor, title, WAIVER, w, actions.add_waiver, actions.edit_waiver)

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
