"""A small form for a roster member, an explanation or a rectification item.

The fields are those of an ``auditor.forms.Form``; ``save`` hands the typed text to a
use case (``auditor.actions``) and returns the stored item's id, or raises. A FieldError is shown in red under its field and the form keeps what
was typed; any other AuditorError becomes the app's error dialog.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar, Protocol, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static

from auditor.errors import AuditorError, FieldError
from auditor.forms import Field, Form, Parse
from auditor.tui.widgets.dialogs import leave_form
from auditor.tui.widgets.keybar import KeyBar
from auditor.tui.widgets.zhselect import ZhSelect

if TYPE_CHECKING:
    from auditor.session import Session
    from auditor.tui.app import AuditorApp


class ItemForm(Screen[str | None]):
    """Dismisses with the saved item's id, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "保存", key_display="^s", priority=True),
        Binding("escape", "cancel", "取消", key_display="Esc"),
        Binding("f1", "app.switch_mode('dashboard')", "切换屏幕", key_display="F1-8"),
    ]

    def __init__(self, title: str, form: Form | Sequence[Field], initial: dict[str, str],
                 save: Callable[[dict[str, str]], str]) -> None:
        super().__init__()
        self.form_title = title
        self.form = form if isinstance(form, Form) else None
        self.fields = form.fields if isinstance(form, Form) else tuple(form)
        self.checking = False
        """Set after a failed save: from then on every change re-checks, so fixed errors go away."""
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
                    yield self._editor(f)
                yield Static("", id=f"err-{f.name}", classes="field-error")
            with Horizontal(classes="form-buttons"):
                yield Button("保存 (^S)", variant="primary", id="save", compact=True)
                yield Button("取消 (Esc)", id="cancel", compact=True)
        yield KeyBar(show_command_palette=False)  # one rebuild per burst of binding changes

    def _editor(self, f: Field) -> Input | ZhSelect:
        if f.kind != "rule":
            return Input(self.initial[f.name], placeholder=f.help, id=f"f-{f.name}", compact=True)
        # a rule is picked from its Chinese title; typing finds it by any part of the title or its id
        rules = self.auditor.session.ruleset.rules
        value = self.initial[f.name]
        return ZhSelect([(r.title, r.id) for r in rules], prompt="选择规则（可输入名称中的几个字或编号查找）",
                        value=value if value in {r.id for r in rules} else Select.NULL, id=f"f-{f.name}",
                        type_to_search=True, compact=True, search_keys={r.title: (r.id,) for r in rules})

    def on_mount(self) -> None:
        for f in self.fields:  # e.g. 批准日期: today unless typed otherwise, as in the CLI
            if f.today_by_default and not self.initial[f.name]:
                self.initial[f.name] = self.auditor.as_of.isoformat()
                self.query_one(f"#f-{f.name}", Input).value = self.initial[f.name]
        self.query_one(f"#f-{self.fields[0].name}").focus()

    def parse_context(self) -> Parse:
        session = self.auditor.session
        return Parse(self.auditor.as_of, session.vocabulary, rule_ids={r.id: r.title for r in session.ruleset.rules})

    @on(Input.Changed)
    @on(Select.Changed)
    def _recheck(self) -> None:
        if self.checking and self.form is not None:
            self.show_errors(self.form.errors(self.values(), self.parse_context()), focus=False)

    def unsaved(self) -> bool:
        """Asked by the app before F1-F8 / Alt+number switch screens."""
        return self.values() != self.initial

    def leave(self) -> None:
        self.dismiss(None)

    def values(self) -> dict[str, str]:
        out = {}
        for f in self.fields:
            widget = self.query_one(f"#f-{f.name}")
            if isinstance(widget, Select):
                out[f.name] = "" if widget.value is Select.NULL else str(widget.value)
            else:
                out[f.name] = cast(Input, widget).value
        return out

    def show_errors(self, errors: dict[str, str], *, focus: bool = True) -> None:
        """Every field's problem under it at once; the first bad field gets the focus."""
        for name in (f.name for f in self.fields):
            box = self.query_one(f"#err-{name}", Static)
            text = errors.get(name, "")
            box.update(text)
            box.set_class(bool(text), "shown")
            self.query_one(f"#f-{name}").set_class(bool(text), "invalid")
        first = next((f.name for f in self.fields if f.name in errors), None)
        if focus and first is not None:
            self.query_one(f"#f-{first}").focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        app = self.auditor
        values = self.values()
        errors = self.form.errors(values, self.parse_context()) if self.form is not None else {}
        try:
            if errors:
                raise FieldError(next(iter(errors)), next(iter(errors.values())))
            saved = self.save(values)
        except FieldError as e:
            self.checking = True
            self.show_errors(errors or {e.field: e.msg})
            self.notify("有字段需要修改，见红字提示。", severity="warning", timeout=4)
            return
        except AuditorError as e:  # e.g. the file is locked: the dialog says why, the form stays
            app.show_error(e)
            return
        self.show_errors({})
        app.data_changed()
        self.notify(f"已保存 {saved}", timeout=4)
        self.dismiss(saved)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        leave_form(self, self.values() != self.initial)


class _Stored(Protocol):
    @property
    def id(self) -> str: ...


def open_item_form(app: AuditorApp, title: str, form: Form, item: _Stored | None,
                   add: Callable[[Session, dict[str, str], dt.date], _Stored],
                   edit: Callable[[Session, str, dict[str, str], dt.date], tuple[_Stored, _Stored]],
                   initial: dict[str, str] | None = None) -> None:
    """The form for ``item`` saved by ``edit``, or for a new one (from ``initial``) saved by ``add``."""

    def save(values: dict[str, str]) -> str:
        if item is None:
            return add(app.session, values, app.as_of).id
        return edit(app.session, item.id, values, app.as_of)[1].id

    values = form.values(item) if item is not None else dict(initial or {})
    app.push_screen(ItemForm(title, form, values, save))
