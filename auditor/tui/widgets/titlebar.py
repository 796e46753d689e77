"""One line at the top of every screen: the five screens (current one marked), period, as-of."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from auditor.tui.app import AuditorApp


class TitleBar(Static):
    DEFAULT_CSS = """
    TitleBar { dock: top; height: 1; background: $primary-background; padding: 0 1; }
    """

    def __init__(self, screen_title: str) -> None:
        super().__init__()
        self.screen_title = screen_title

    def show(self, app: AuditorApp) -> None:
        from auditor.tui.app import MODE_TITLES

        text = Text()
        for i, (mode, title) in enumerate(MODE_TITLES.items(), start=1):
            current = mode == app.current_mode
            # A click on a tab switches to it, like its number key.
            click = Style.from_meta({"@click": f"app.switch_mode('{mode}')"})
            text.append(f"{i}{title}", style=Style.parse("bold reverse" if current else "dim") + click)
            text.append(" ")
        if self.screen_title not in MODE_TITLES.values():
            text.append(f"> {self.screen_title} ", style="bold")
        text.append(f" {app.period.label}", style="bold")
        text.append(f"  截至 {app.as_of.isoformat()}")
        self.update(text)
