"""记录表单: every field of a record; add, edit or copy. Bad input stays on screen, marked."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from auditor import actions
from auditor.dates import parse_date
from auditor.errors import AuditorError
from auditor.forms import RECORD, Parse
from auditor.model import Record, record_to_doc
from auditor.tui.undo import Change
from auditor.tui.widgets.dialogs import leave_form
from auditor.tui.widgets.keybar import KeyBar
from auditor.tui.widgets.zhselect import ZhSelect

if TYPE_CHECKING:
    from auditor.tui.app import AuditorApp

Mode = Literal["add", "edit", "copy"]
_TITLES: dict[Mode, str] = {"add": "新增活动记录", "edit": "修改记录", "copy": "复制为新记录"}


class RecordForm(Screen[str | None]):
    """Dismisses with the saved record's id, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "保存", key_display="^s", priority=True),
        Binding("escape", "cancel", "取消", key_display="Esc"),
        Binding("f1", "app.switch_mode('dashboard')", "切换屏幕", key_display="F1-8"),
    ]

    def __init__(self, mode: Mode = "add", record: Record | None = None) -> None:
        super().__init__()
        self.mode: Mode = mode
        self.record = record
        self.initial = RECORD.values(record) if record else {}  # the kind as its id, for the Select
        if mode == "copy":
            # A copy is a new occasion: the date must be typed afresh, the rest is a template.
            self.initial["date"] = ""
        self.AUTO_FOCUS = "#f-title" if mode == "edit" else "#f-date"  # type: ignore[misc]
        self.checking = False
        """Set by a failed save: from then on each change re-checks the form."""

    @property
    def auditor(self) -> AuditorApp:
        return cast("AuditorApp", self.app)

    def compose(self) -> ComposeResult:
        title = _TITLES[self.mode]
        if self.record is not None:
            from auditor.textfmt import long_date

            title += f"  {self.record.id}（{long_date(self.record.date)} {self.record.title}）"
        yield Static(title, classes="form-title")
        with VerticalScroll(id="form"):
            for spec in RECORD.fields:
                with Horizontal(classes="field-row"):
                    yield Label(("*" if spec.required else " ") + spec.header, classes="field-label")
                    yield self._editor(spec.name, spec.help)
                yield Static("", id=f"hint-{spec.name}", classes="field-hint")
                yield Static("", id=f"err-{spec.name}", classes="field-error")
            with Horizontal(classes="form-buttons"):
                yield Button("保存 (^S)", variant="primary", id="save", compact=True)
                yield Button("取消 (Esc)", id="cancel", compact=True)
        yield KeyBar(show_command_palette=False)  # one rebuild per burst of binding changes

    def _editor(self, name: str, help_text: str) -> Input | Select[str] | TextArea:
        value = self.initial.get(name, "")
        if name == "kind":
            kinds = self.auditor.session.vocabulary.kinds
            return ZhSelect(
                [(k.label, k.id) for k in kinds], prompt="选择活动类型（可输入名称、简称或其中几个字）",
                value=value or Select.NULL, id="f-kind", type_to_search=True, compact=True,
                search_keys={k.label: (*k.aliases, k.id) for k in kinds},
            )
        if RECORD.by_name[name].multiline:
            return TextArea(value, id="f-summary", compact=True, soft_wrap=True)
        return Input(value, placeholder=help_text, id=f"f-{name}", compact=True)

    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for spec in RECORD.fields:
            widget = self.query_one(f"#f-{spec.name}")
            if isinstance(widget, Select):
                out[spec.name] = "" if widget.value is Select.NULL else str(widget.value)
            elif isinstance(widget, TextArea):
                out[spec.name] = widget.text
            else:
                out[spec.name] = cast(Input, widget).value
        return out

    def is_dirty(self) -> bool:
        base = {spec.name: self.initial.get(spec.name, "") for spec in RECORD.fields}
        return self.values() != base

    def unsaved(self) -> bool:
        """Asked by the app before F1-F8 / Alt+number switch screens."""
        return self.is_dirty()

    def leave(self) -> None:
        self.dismiss(None)

    @on(Input.Changed, "#f-date")
    def _date_hint(self, event: Input.Changed) -> None:
        hint = self.query_one("#hint-date", Static)
        try:
            day = parse_date(event.value, self.auditor.as_of)
        except AuditorError:
            day = None
        text = f"即 {day.isoformat()}" if day and event.value.strip() != day.isoformat() else ""
        hint.update(text)
        hint.set_class(bool(text), "shown")

    @on(Input.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    def _recheck(self) -> None:
        """After a failed save every change re-checks, so an error goes as soon as it is fixed."""
        if self.checking:
            app = self.auditor
            self.show_errors(RECORD.errors(self.values(), Parse(app.as_of, app.session.vocabulary)), focus=False)

    def show_errors(self, errors: dict[str, str], *, focus: bool = True) -> None:
        for spec in RECORD.fields:
            box = self.query_one(f"#err-{spec.name}", Static)
            msg = errors.get(spec.name, "")
            box.update(msg)
            box.set_class(bool(msg), "shown")
            self.query_one(f"#f-{spec.name}").set_class(bool(msg), "invalid")
        first = next((s.name for s in RECORD.fields if s.name in errors), None)
        if first and focus:
            widget = self.query_one(f"#f-{first}")
            widget.focus()
            self.query_one("#form", VerticalScroll).scroll_to_widget(widget)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        app = self.auditor
        values = self.values()
        errors = RECORD.errors(values, Parse(app.as_of, app.session.vocabulary))
        self.checking = bool(errors)
        self.show_errors(errors)
        if errors:  # shown under each field; the first bad field has the focus
            return
        saved = app.attempt(lambda: self._write(values))
        if saved is None:  # the dialog explains; the form keeps everything typed
            return
        app.data_changed()
        verb = "已修改" if self.mode == "edit" else "已保存"
        # the period it counts for (read from the title, or its date) and the late-kind warning
        self.notify(f"{verb} {saved.id}：{saved.title}。{actions.attribution_note(app.session, saved)}", timeout=6)
        self.dismiss(saved.id)

    def _write(self, values: dict[str, str]) -> Record:
        app = self.auditor
        if self.mode == "edit" and self.record is not None:
            before, saved = actions.edit_record(app.session, self.record.id, values, app.as_of)
            app.undo_stack.push(Change("edit", saved.id, saved.title, record_to_doc(before)))
        else:
            saved = actions.add_record(app.session, values, app.as_of)
            app.undo_stack.push(Change("add", saved.id, saved.title))
        return saved

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        leave_form(self, self.is_dirty())


def open_form(app: AuditorApp, mode: Mode = "add", record: Record | None = None) -> None:
    app.push_screen(RecordForm(mode, record))
