"""AuditorApp: one Session, the period being looked at, and the screens as modes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import ClassVar, TypeVar, cast

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import ModalScreen, Screen

from auditor.engine.assessment import Assessment
from auditor.errors import AuditorError
from auditor.periods import GRANULARITIES, Granularity, Period, current_period, period_of, shift, today
from auditor.session import Session
from auditor.tui.commands import AuditorCommands
from auditor.tui.screens.base import AuditorScreen
from auditor.tui.screens.dashboard import DashboardScreen
from auditor.tui.undo import UndoStack
from auditor.tui.widgets.dialogs import ConfirmDialog, ErrorDialog

T = TypeVar("T")

GRANULARITY_NAMES: dict[Granularity, str] = {"year": "年度", "half": "半年", "quarter": "季度", "month": "月"}
# The order `g` cycles through: the half-year first, since reports are half-yearly.
_CYCLE: tuple[Granularity, ...] = ("half", "quarter", "month", "year")

MODE_TITLES: dict[str, str] = {
    "dashboard": "总览",
    "records": "活动记录",
    "reminders": "提醒",
    "report": "报告",
    "settings": "设置",
    "members": "名册",
    "waivers": "情况说明",
    "rectify": "整改台账",
}
"""The eight screens, keys 1-8 (F1-F8 and Alt+1-8 from a form), all shown as tabs in the title bar."""
SHORT_TITLES: dict[str, str] = {"records": "记录", "waivers": "说明", "rectify": "整改"}
"""Tab labels where the full ones do not fit (80 columns)."""


def _switch_bindings() -> list[BindingType]:
    """1-8 where no field has the focus; F1-F8 and Alt+1-8 anywhere, a form or a field included."""
    out: list[BindingType] = []
    for i, (mode, title) in enumerate(MODE_TITLES.items(), start=1):
        action = f"switch_mode('{mode}')"
        out += [Binding(str(i), action, title, show=False), Binding(f"f{i}", action, title, show=False),
                Binding(f"alt+{i}", action, title, show=False)]
    return out


class AuditorApp(App[None]):
    """The TUI over one database. ``as_of`` is injectable so tests do not depend on today."""

    TITLE = "auditor"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS: ClassVar[set[type[AuditorCommands]]] = {AuditorCommands}  # type: ignore[assignment]
    MODES: ClassVar[dict[str, Callable[[], Screen]]] = {  # type: ignore[assignment]
        "dashboard": DashboardScreen,
        "records": lambda: _screen("records", "RecordsScreen"),
        "reminders": lambda: _screen("reminders", "RemindersScreen"),
        "report": lambda: _screen("report", "ReportScreen"),
        "settings": lambda: _screen("settings", "SettingsScreen"),
        "members": lambda: _screen("members", "MembersScreen"),
        "waivers": lambda: _screen("waivers", "WaiversScreen"),
        "rectify": lambda: _screen("rectify", "RectifyScreen"),
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        *_switch_bindings(),
        Binding("question_mark", "help", "帮助", key_display="?"),
        Binding("ctrl+p", "command_palette", "命令", key_display="^p", priority=True),
        Binding("ctrl+q", "quit", "退出", key_display="^q", priority=True),
    ]

    def __init__(self, session: Session, *, as_of: dt.date | None = None, debug: bool = False) -> None:
        super().__init__()
        self.session = session
        self.show_tracebacks = debug
        self.crash_message = ""
        """Show Textual's traceback on a crash (``auditor --debug``) instead of one Chinese line."""
        self.as_of = as_of or today()
        self.period: Period = current_period(self.as_of, "half")
        self.version = 0
        """Bumped after every write, so screens know their view is stale."""
        self.undo_stack = UndoStack()
        self._assessed: tuple[tuple[int, str], Assessment] | None = None
        self._disk_stamp: tuple[int, int] | None = None
        # Keep the UI responsive when another process holds the lock: fail fast with a dialog.
        session.store.lock_timeout = min(session.store.lock_timeout, 2.0)

    def on_mount(self) -> None:
        self._disk_stamp = self._stamp()
        self.switch_mode("dashboard")
        # Another window may import or add records with the CLI: notice it within seconds.
        self.set_interval(3.0, self.sync_with_disk)

    def _stamp(self) -> tuple[int, int] | None:
        try:
            st = self.session.db_path.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def sync_with_disk(self) -> None:
        """Reload when the file changed behind our back (another process wrote it)."""
        stamp = self._stamp()
        if stamp != self._disk_stamp:
            self._disk_stamp = stamp
            self.session.reload()
            self.version += 1
            self.refresh_screen()

    # -- state -----------------------------------------------------------------

    def assessment(self) -> Assessment:
        """The assessment of the current period, computed once per (version, period)."""
        key = (self.version, self.period.id)
        if self._assessed is None or self._assessed[0] != key:
            self._assessed = (key, self.session.assess(self.period, self.as_of))
        return self._assessed[1]

    def set_period(self, period: Period) -> None:
        self.period = period
        self.refresh_screen()

    def shift_period(self, steps: int) -> None:
        self.set_period(shift(self.period, steps))

    def set_granularity(self, kind: Granularity) -> None:
        # Keep looking at the same stretch of time: the new window holds the old one's start,
        # or today when today lies inside the old one.
        anchor = self.as_of if self.period.contains(self.as_of) else self.period.start
        self.set_period(period_of(anchor, kind))

    def cycle_granularity(self) -> None:
        nxt = _CYCLE[(_CYCLE.index(self.period.kind) + 1) % len(_CYCLE)]
        self.set_granularity(nxt)

    def data_changed(self) -> None:
        """After a write: drop cached reads and redraw what is on screen."""
        self.session.reload()
        self._disk_stamp = self._stamp()
        self.version += 1
        self.refresh_screen()

    def refresh_screen(self) -> None:
        screen = self.screen
        if isinstance(screen, AuditorScreen):
            screen.refresh_if_stale()

    # -- errors ----------------------------------------------------------------

    def attempt(self, func: Callable[[], T]) -> T | None:
        """Run a store or session call; an AuditorError becomes a dialog, never a traceback."""
        try:
            return func()
        except AuditorError as e:
            self.show_error(e)
            return None

    def show_error(self, error: AuditorError) -> None:
        self.push_screen(ErrorDialog(error.title, error.msg))

    def _handle_exception(self, error: Exception) -> None:
        """A bug closes the app (Textual stops the failed widget); say so in Chinese, not a traceback.

        Unless --debug, Textual's queued traceback is dropped in favour of ``crash_message``,
        which `auditor tui` prints as one line after the screen is restored; the traceback
        goes to a file for the maintainer.
        """
        super()._handle_exception(error)
        if self.show_tracebacks:
            return
        log = write_crash_log(self.session.db_path.parent, error)
        self.crash_message = (
            f"程序内部出错（{type(error).__name__}），界面已关闭；已保存的数据不受影响。"
            f"详细信息已写入 {log}，请反馈给维护者（加 --debug 运行可直接看到）。"
        )
        self._exit_renderables.clear()

    # -- actions ---------------------------------------------------------------

    def action_help(self) -> None:
        from auditor.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_command_palette(self) -> None:
        if not CommandPalette.is_open(cast(App[object], self)):
            self.push_screen(CommandPalette(placeholder="输入以搜索命令", id="--command-palette"))

    def action_switch_mode(self, mode: str) -> None:  # type: ignore[override]
        if mode not in MODE_TITLES or isinstance(self.screen, ModalScreen):
            return
        screen = self.screen
        if self.current_mode == mode and not hasattr(screen, "leave"):
            return

        def go() -> None:
            if self.current_mode != mode:
                self.switch_mode(mode)

        self.leave_screen(screen, go)

    def leave_screen(self, screen: Screen, then: Callable[[], None]) -> None:
        """Leave a form or the settings: ask first when something typed is not saved.

        A form (``leave``) is closed; the settings (``discard``) go back to what is stored.
        """
        unsaved = getattr(screen, "unsaved", None)
        if callable(unsaved) and unsaved():
            def answered(yes: bool | None) -> None:
                if yes:
                    getattr(screen, "discard", lambda: None)()
                    getattr(screen, "leave", lambda: None)()
                    self.call_later(then)

            self.push_screen(ConfirmDialog("填写的内容还没有保存，离开将放弃这些修改。", yes="放弃并离开",
                                           no="继续编辑"), answered)
            return
        leave = getattr(screen, "leave", None)
        if leave is None:  # nothing to close: switch now, so a burst of keys ends on the last one
            then()
            return
        leave()
        self.call_later(then)

    def action_undo(self) -> None:
        change = self.undo_stack.peek()
        if change is None:
            self.notify("没有可以撤销的操作。", timeout=3)
            return
        if self.attempt(lambda: self.undo_stack.undo(self.session)) is not None:
            self.data_changed()
            self.notify(f"已撤销：{change.label}", timeout=4)

    def action_new_record(self) -> None:
        from auditor.tui.screens.record_form import open_form

        open_form(self)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own entries are English; ours (commands.py) cover the same ground in Chinese.
        return ()

    def granularity_names(self) -> Iterable[tuple[Granularity, str]]:
        return ((g, GRANULARITY_NAMES[g]) for g in GRANULARITIES)


def _screen(module: str, name: str) -> Screen:
    """Import a screen when first shown: the first frame should not wait for the others."""
    import importlib

    cls = getattr(importlib.import_module(f"auditor.tui.screens.{module}"), name)
    screen: Screen = cls()
    return screen


def write_crash_log(folder: Path, error: BaseException) -> Path:
    """The traceback of a crash, beside the database (or in the temp folder if that fails)."""
    import tempfile
    import traceback

    text = "".join(traceback.format_exception(error))
    for place in (folder, Path(tempfile.gettempdir())):
        path = place / "auditor-tui-crash.log"
        try:
            path.write_text(text, encoding="utf-8")
            return path
        except OSError:
            continue
    return Path("auditor-tui-crash.log")
