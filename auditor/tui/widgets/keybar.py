"""The key bar at the bottom of every screen: Textual's Footer, rebuilt once per burst of changes.

Footer rebuilds all its keys each time the screen's bindings change, and a screen changes them
several times while it mounts (focus set, screen resumed, the table focused): five rebuilds,
43 key widgets, for the 活动记录 screen at 100,000 records. One rebuild after the burst shows
the same keys.

Each key Footer builds starts compact and is then bound to the bar's own (not compact): two
restyles per key, a third of a rebuild. The keys are built in the bar's state instead.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeyBar(Footer):
    _rebuild_pending = False

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        # Footer.bindings_changed, but a rebuild already queued covers this change too
        self._bindings_ready = True
        if not screen.app.app_focus or self._rebuild_pending:
            return
        if self.is_attached and screen is self.screen:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False  # a change from now on needs a rebuild of its own
        await self.recompose()
