"""The key bar at the bottom of every screen: Textual's Footer, rebuilt once per burst of changes.

Footer rebuilds all its keys each time the screen's bindings change, and a screen changes them
several times while it mounts (focus set, screen resumed, the table focused): five rebuilds,
43 key widgets, for the 活动记录 screen at 100,000 records. One rebuild after the burst shows
the same keys, and none when the keys shown are those already there (a screen coming back).

Each key Footer builds starts compact and is then bound to the bar's own (not compact): two
restyles per key, a third of a rebuild. The keys are built in the bar's state instead.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeyBar(Footer):
    _rebuild_pending = False
    _built_for: tuple[Any, ...] | None = None
    """What the keys on show were built from (see ``_keys_shown``)."""

    def compose(self) -> ComposeResult:
        self._built_for = self._keys_shown() if self._bindings_ready else None
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

    def _keys_shown(self) -> tuple[Any, ...]:
        """Everything Footer.compose reads: the shown bindings, their state and how they are drawn."""
        keys = tuple((b.key, self.app.get_key_display(b), b.description, b.action, b.group, enabled, tooltip)
                     for _node, b, enabled, tooltip in self.screen.active_bindings.values() if b.show)
        return (self.show_command_palette, keys)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False  # a change from now on needs a rebuild of its own
        if self.is_attached and self._keys_shown() != self._built_for:  # a closed form's bar has no keys
            await self.recompose()
