"""The base of every top-level screen: access to the app's state and a cheap refresh."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.screen import Screen

from auditor.errors import AuditorError
from auditor.tui.widgets.keybar import KeyBar
from auditor.tui.widgets.titlebar import TitleBar

if TYPE_CHECKING:
    from auditor.tui.app import AuditorApp


class AuditorScreen(Screen[None]):
    """Redraws itself when the data version or the period changed since it last drew."""

    SCREEN_TITLE = ""

    def __init__(self) -> None:
        super().__init__()
        self._drawn: tuple[int, str] | None = None
        # Textual restyles every node of the app, twice, when a screen first joins a mode (~0.1 s of a
        # first visit), to catch style changes the screen missed while away. A screen being built has
        # missed none, and its widgets are styled as they mount.
        self._css_update_count = self.app._css_update_count

    @property
    def auditor(self) -> AuditorApp:
        return cast("AuditorApp", self.app)

    def compose_frame(self) -> ComposeResult:
        yield TitleBar(self.SCREEN_TITLE)

    def compose_footer(self) -> ComposeResult:
        yield KeyBar(show_command_palette=False)

    def on_mount(self) -> None:
        # Fill the screen before its first frame, not one frame later on resume.
        # Runs after the subclass's on_mount (Textual dispatches down the MRO), so columns exist.
        self.refresh_if_stale()

    def on_screen_resume(self) -> None:
        self.refresh_if_stale()

    def refresh_if_stale(self, force: bool = False) -> None:
        key = (self.auditor.version, self.auditor.period.id)
        if not force and key == self._drawn:
            return
        self._drawn = key
        try:
            self.query_one(TitleBar).show(self.auditor)
            self.refresh_view()
        except AuditorError as e:
            self.show_unavailable(e)
            self.auditor.show_error(e)

    def refresh_view(self) -> None:
        """Redraw from ``self.auditor`` (assessment, records, profile)."""

    def show_unavailable(self, error: AuditorError) -> None:
        """What the screen shows when the data cannot be read (the dialog says why)."""
