"""A small form for a roster member, an explanation or a rectification item.

The fields are those of an ``auditor.forms.Form``; ``save`` hands the typed text to a
use case (``auditor.actions``) and returns the stored item's id, or raises. A FieldError is shown in red under its field and the form keeps what
was typed; any other AuditorError becomes the app's error dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Static

from auditor.errors import AuditorError, FieldError
from auditor.forms import Field, Form
from auditor.tui.widgets.dialogs import ConfirmDialog

if TYPE_CHECKING:
    from auditor.tui.app import AuditorApp


class ItemForm(Screen[str | None]):
    """Dismisses with the saved item's id, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "保存", key_display="^s", priority=True),
        Binding("escape", "cancel", "取消", key_display="Esc"),
    ]

    def __init__(self, title: str, form: Form | Sequence[Field], initial: dict[str, str],
                 save: Callable[[dict[str, str]], str]) -> None:
        super().__init__()
        self.form_title = title
        self.fields = form.fields if isinstance(form, Form) else tuple(form)
        self.initial = {f.name: initial.get(f.name, "") for f in self.fields}
        self.save = save

    @property
    def auditor(self) -> AuditorApp:
        return cast("AuditorApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static(self.form_title, classes="form-title")
        with VerticalScroll(id="form"):
            for f in self.fields:
                with Horizontal(classes="field-row"):
                    yield Label(("*" if f.required else " ") + f.header, classes="field-label")
                    yield Input(self.initial[f.name], placeholder=f.help, id=f"f-{f.name}", compact=True)
                yield Static("", id=f"err-{f.name}", classes="field-error")
            with Horizontal(classes="form-buttons"):
                yield Button("保存 (^S)", variant="primary", id="save", compact=True)
                yield Button("取消 (Esc)", id="cancel", compact=True)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(f"#f-{self.fields[0].name}", Input).focus()

    def values(self) -> dict[str, str]:
        return {f.name: self.query_one(f"#f-{f.name}", Input).value for f in self.fields}

    def show_error(self, field: str | None, msg: str = "") -> None:
        for name in (f.name for f in self.fields):
            box = self.query_one(f"#err-{name}", Static)
            text = msg if name == field else ""
            box.update(text)
            box.set_class(bool(text), "shown")
            self.query_one(f"#f-{name}", Input).set_class(bool(text), "invalid")
        if field is not None:
            self.query_one(f"#f-{field}", Input).focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        app = self.auditor
        values = self.values()
        try:
            saved = self.save(values)
        except FieldError as e:
            self.show_error(e.field, e.msg)
            self.notify("有字段需要修改，见红字提示。", severity="warning", timeout=4)
            return
        except AuditorError as e:  # e.g. the file is locked: the dialog says why, the form stays
            app.show_error(e)
            return
        self.show_error(None)
        app.data_changed()
        self.notify(f"已保存 {saved}", timeout=4)
        self.dismiss(saved)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if self.values() == self.initial:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog("放弃已填写的内容？", yes="放弃", no="继续填写"), answered)
