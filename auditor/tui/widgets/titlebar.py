"""One line at the top of every screen: the eight screens (current one marked), period, as-of.

At 80 columns the tabs take their short names (记录, 说明, 整改) so that all eight fit.

A click on a tab switches to it, like its number key. The click is mapped from cell ranges
rather than Rich ``@click`` links, whose link styling would change how the tabs look.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.cells import cell_len
from rich.text import Text
from textual import events
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
        self.tabs: list[tuple[int, int, str]] = []
        """(first cell, cell after the last, mode) of each tab, from the content's left edge."""

    def show(self, app: AuditorApp) -> None:
        room = (self.app.size.width or 80) - 2
        for short, as_of in ((False, True), (True, True), (True, False)):
            text = self._line(app, short, as_of)
            if cell_len(text.plain) <= room:
                break
        self.update(text)

    def _line(self, app: AuditorApp, short: bool, as_of: bool) -> Text:
        from auditor.tui.app import MODE_TITLES, SHORT_TITLES

        text = Text()
        self.tabs = []
        for i, (mode, title) in enumerate(MODE_TITLES.items(), start=1):
            label = f"{i}{SHORT_TITLES.get(mode, title) if short else title}"
            start = cell_len(text.plain)
            text.append(label, style="bold reverse" if mode == app.current_mode else "dim")
            self.tabs.append((start, start + cell_len(label), mode))
            text.append(" ")
        if self.screen_title not in MODE_TITLES.values():
            text.append(f"> {self.screen_title} ", style="bold")
        text.append(f" {app.period.label}", style="bold")
        text.append(f"  截至 {app.as_of.isoformat()}" if as_of else f" {app.as_of.isoformat()}")
        return text

    def on_resize(self) -> None:
        # A screen that does not redraw on resize would keep the labels of the old width.
        if self.tabs:  # shown once already, by its screen
            self.show(cast("AuditorApp", self.app))

    async def on_click(self, event: events.Click) -> None:
        x = event.x - self.styles.padding.left
        for start, end, mode in self.tabs:
            if start <= x < end:
                await self.app.run_action(f"switch_mode('{mode}')")
                return
