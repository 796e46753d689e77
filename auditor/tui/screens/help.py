"""帮助 (?): the keys of the screen underneath and of the whole app, in Chinese."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

# Keys that Textual widgets handle themselves, described once for the secretary.
_WIDGET_KEYS: tuple[tuple[str, str], ...] = (
    ("1-8", "切换屏幕（光标不在输入框时）"),
    ("F1-F8 / Alt+1-8", "在表单和输入框中也能切换屏幕；有未保存的内容时先询问"),
    ("上下方向键", "在表格中移动"),
    ("回车", "打开选中的规则或记录"),
    ("Tab / Shift+Tab", "在输入框之间移动"),
    ("Esc", "返回或取消"),
)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,q", "close", "关闭")]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help-dialog"):
            yield Static("按键说明", classes="dialog-title")
            yield Static(self._table())
            yield Static("按 Ctrl+P 打开命令面板，可搜索全部操作；按 Esc 关闭本说明。", classes="dialog-body")

    def _table(self) -> Table:
        table = Table(show_header=True, expand=True, box=None, header_style="bold underline")
        table.add_column("按键", no_wrap=True, width=16)
        table.add_column("作用", overflow="fold")
        seen: set[str] = set()
        for binding in [*_bindings(self.under), *_bindings(self.app)]:
            if binding.description and binding.action not in seen:
                seen.add(binding.action)
                table.add_row(binding.key_display or binding.key, binding.description)
        for key, what in _WIDGET_KEYS:
            table.add_row(key, what)
        return table

    def action_close(self) -> None:
        self.dismiss(None)


def _bindings(node: object) -> list[Binding]:
    out: list[Binding] = []
    for b in getattr(node, "BINDINGS", ()):
        if isinstance(b, Binding):
            out.append(b)
    return out
