"""The frame the table screens share: a line above, one table of items keyed by id, a line below.

名册, 情况说明, 整改台账, 提醒 and 活动记录 differ in their columns, cells and keys; the set-up,
the selected row kept across a refresh, the "cannot read" state and the detail line follow
the row cursor here, once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from auditor.errors import AuditorError
from auditor.tui.screens.base import AuditorScreen

T = TypeVar("T")
Cells = Sequence[str | Text]


class LedgerScreen(AuditorScreen):
    DEFAULT_CSS = """
    .ledger-head { height: auto; padding: 0 1; }
    .ledger-table { height: 1fr; }
    .ledger-foot { height: 3; padding: 0 1; border-top: solid $primary-darken-2; }
    """
    TABLE_ID: ClassVar[str] = ""
    HEAD_ID: ClassVar[str] = ""
    """The line above the table (a summary); where "cannot read the data" is said unless MESSAGE_ID."""
    FOOT_ID: ClassVar[str] = ""
    """The line below the table (the selected row's detail)."""
    FOOT_CLASSES: ClassVar[str] = "ledger-foot"
    MESSAGE_ID: ClassVar[str] = ""
    COLUMNS: ClassVar[tuple[tuple[str, str], ...]] = ()
    """(Chinese header, column key) in order."""
    ITEM_NAME: ClassVar[str] = ""
    """What a row is (党员, 情况说明), for 没有选中的……"""

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[str, Any] = {}
        """The listed items by id (row key), for the edit form and the detail line."""

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)  # type: ignore[arg-type]
        cls.AUTO_FOCUS = f"#{cls.TABLE_ID}"

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield from self.compose_head()
        table: DataTable[str | Text] = DataTable(id=self.TABLE_ID, cursor_type="row", classes="ledger-table")
        yield table
        yield Static("", id=self.FOOT_ID, classes=self.FOOT_CLASSES)
        yield from self.compose_footer()

    def compose_head(self) -> ComposeResult:
        yield Static(id=self.HEAD_ID, classes="ledger-head")

    def on_mount(self) -> None:
        for label, key in self.COLUMNS:
            self.table.add_column(label, key=key)
        self.table.focus()

    @property
    def table(self) -> DataTable[str | Text]:
        return self.query_one(f"#{self.TABLE_ID}", DataTable)

    def say(self, where: str, text: str | Text) -> None:
        self.query_one(f"#{where}", Static).update(text)

    def selected_id(self) -> str | None:
        table = self.table
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def pick(self, items: Mapping[str, T], what: str) -> T | None:
        """The selected item, or None after saying that nothing (``what``) is selected."""
        item = items.get(self.selected_id() or "")
        if item is None:
            self.notify(f"没有选中的{what}。", severity="warning", timeout=3)
        return item

    def fill(self, rows: Iterable[tuple[str, Cells]], *, keep: bool = True) -> None:
        """Replace the rows; the cursor stays on the item it was on when that item is still listed."""
        table = self.table
        kept = self.selected_id() if keep else None
        table.clear()
        for key, cells in rows:
            table.add_row(*cells, key=key)
        if kept is not None and kept in table.rows:
            table.move_cursor(row=table.get_row_index(kept))

    def show_unavailable(self, error: AuditorError) -> None:
        self.table.clear()
        self.say(self.MESSAGE_ID or self.HEAD_ID, Text(f"无法读取数据：{error.msg}", style="bold red"))

    @on(DataTable.RowHighlighted)
    def _cursor_moved(self) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        """Fill the line below the table from the selected row."""

    def action_add(self) -> None:
        self.open_form(None)

    def action_edit(self) -> None:
        item = self.pick(self.items, self.ITEM_NAME)
        if item is not None:
            self.open_form(item)

    def open_form(self, item: Any | None) -> None:
        """The form that edits ``item``, or adds a new one when None."""


def item_bindings(add: str = "新增", close: str = "") -> list[BindingType]:
    """The keys of a screen whose items are added and edited in a form: a, e (and 回车), x ``close``."""
    keys: list[BindingType] = [Binding("a", "add", add), Binding("e", "edit", "修改")]
    if close:
        keys.append(Binding("x", "close", close))
    return [*keys, Binding("enter", "edit", "修改", key_display="回车", show=False)]
