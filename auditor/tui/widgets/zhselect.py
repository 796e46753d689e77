"""Select with a Chinese key label and width-safe arrows.

Textual's Select draws ▼/▲ (East-Asian ambiguous width: two cells in terminals set to
"ambiguous = wide", which shifts the row) and labels Esc "Dismiss menu" in the footer.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Select
from textual.widgets._select import NonSelectableStatic, SelectCurrent, SelectOverlay


class _Overlay(SelectOverlay):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss", "收起列表", key_display="Esc")]


class _Current(SelectCurrent):
    def compose(self) -> ComposeResult:
        yield NonSelectableStatic(self.placeholder, id="label")
        yield NonSelectableStatic("▾", classes="arrow down-arrow")
        yield NonSelectableStatic("▴", classes="arrow up-arrow")


class ZhSelect(Select[str]):
    def compose(self) -> ComposeResult:
        yield _Current(self.prompt)
        yield _Overlay(type_to_search=self._type_to_search).data_bind(compact=Select.compact)
