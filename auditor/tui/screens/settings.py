"""设置: the unit profile (names, the report's 落款, notice and title), rule folders and packs, the report font."""

from __future__ import annotations

from functools import cache
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, SelectionList, Static

from auditor import actions
from auditor.errors import AuditorError, InputError, RuleFileError
from auditor.forms import split_list
from auditor.tui.screens.base import AuditorScreen

# (field of UnitProfile, Chinese label, placeholder)
PROFILE_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("unit_name", "单位名称", "如 某某县财政局"),
    ("branch_name", "支部名称", "如 某某县财政局机关党支部"),
    ("secretary", "书记", "支部书记姓名"),
    ("superior", "上级党组织", "如 中共某某县直属机关工作委员会"),
    ("formal_name", "落款名称", "报告落款用的正式名称，如 中共某某县财政局机关支部委员会；留空用支部名称"),
    ("organ_name", "党组名称", "机关党组的正式名称（党组报告的落款），如 中共某某县财政局党组"),
    ("organ_superior", "党组主送", "党组报告的主送机关，如 中共某某县委；留空用上级党组织"),
    ("report_notice", "依据通知", "自查报告所依据的通知名称，写进“根据……要求”"),
    ("report_title", "报告标题", "留空用通常的标题；{期间} 代表报告期间，如 2026年上半年"),
    ("bodies", "记录簿主体", "本记录簿记着哪些主体的工作，如 党组、党支部；留空为党支部"),
    ("reporting_body", "汇报主体", "检查和报告默认看谁的职责，如 党支部（默认）或 党组"),
    ("rules_dirs", "规则目录", "本单位规则文件夹，多个用；分隔（相对数据文件所在目录）"),
    ("report_font", "报告字体", "TrueType 字体文件路径（.ttf/.ttc），留空则自动查找"),
)


@cache
def shipped_packs() -> tuple[tuple[str, str], ...]:
    """The shipped packs (id, title): they come with the program, so read their YAML once, not per visit."""
    from auditor.rulebook.loader import load_ruleset

    return load_ruleset().packs


class SettingsScreen(AuditorScreen):
    # No field has the focus on arrival, so 1-8 switch screens; Tab or a click starts editing.
    AUTO_FOCUS = None
    SCREEN_TITLE = "设置"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "保存", key_display="^s", priority=True),
        Binding("escape", "blur", "离开输入框", key_display="Esc"),
        Binding("tab", "app.focus_next", "编辑", key_display="Tab"),
        Binding("f1", "app.switch_mode('dashboard')", "切换屏幕", key_display="F1-8"),
    ]

    _stored: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        with VerticalScroll(id="settings"):
            yield Static("", id="settings-db", classes="field-hint shown")
            for name, label, placeholder in PROFILE_FIELDS:
                with Horizontal(classes="field-row"):
                    yield Label(label, classes="field-label")
                    yield Input(placeholder=placeholder, id=f"s-{name}", compact=True)
            with Horizontal(classes="field-row"):
                yield Label("得分", classes="field-label")
                yield Checkbox("显示百分制得分（考核计分）", id="s-scoring", compact=True)
            yield Static("使用的规则包（空格勾选或取消）", classes="section-title")
            yield SelectionList[str](id="s-packs", compact=True)
            yield Static("", id="settings-error", classes="field-error")
            with Horizontal(classes="form-buttons"):
                yield Button("保存 (^S)", variant="primary", id="save", compact=True)
        yield from self.compose_footer()

    def action_blur(self) -> None:
        self.set_focus(None)  # so that 1-8 switch screens again

    def refresh_view(self) -> None:
        session = self.auditor.session
        profile = session.store.profile()
        self.query_one("#settings-db", Static).update(f"数据文件：{session.db_path}")
        for name, _label, _ph in PROFILE_FIELDS:
            self.query_one(f"#s-{name}", Input).value = self._shown(name, getattr(profile, name))
        self.query_one("#s-scoring", Checkbox).value = profile.scoring
        every = shipped_packs()  # which `packs` narrows; unit rules always apply
        packs = self.query_one("#s-packs", SelectionList)
        packs.clear_options()
        packs.add_options([(title, pid, not profile.packs or pid in profile.packs) for pid, title in every])
        self._stored = self._typed()

    def _shown(self, name: str, value: str | tuple[str, ...]) -> str:
        """A profile value as typed in its box: bodies by their Chinese names, lists with ；."""
        label = self.auditor.session.vocabulary.body_label
        if name == "bodies":
            return "、".join(label(b) for b in value)
        if name == "reporting_body":
            return label(str(value)) if value else ""
        return "；".join(value) if isinstance(value, tuple) else value

    def _typed(self) -> dict[str, Any]:
        boxes = {name: self.query_one(f"#s-{name}", Input).value for name, _l, _p in PROFILE_FIELDS}
        return {**boxes, "scoring": self.query_one("#s-scoring", Checkbox).value,
                "packs": sorted(str(v) for v in self.query_one("#s-packs", SelectionList).selected)}

    def unsaved(self) -> bool:
        """Asked by the app before switching screens: anything typed and not saved."""
        return self._stored is not None and self._typed() != self._stored

    def discard(self) -> None:
        self.set_focus(None)
        self.refresh_if_stale(force=True)

    def changes_from_form(self) -> dict[str, Any]:
        values = {name: self.query_one(f"#s-{name}", Input).value.strip() for name, _l, _p in PROFILE_FIELDS}
        packs = self.query_one("#s-packs", SelectionList)
        chosen = tuple(str(v) for v in packs.selected)
        if not chosen:
            raise InputError("至少要选择一个规则包，请在“使用的规则包”中勾选。")
        every = tuple(str(packs.get_option_at_index(i).value) for i in range(packs.option_count))
        vocab = self.auditor.session.vocabulary  # bodies as `auditor init --bodies` reads them
        reporting = values["reporting_body"]
        return {
            **values, "rules_dirs": split_list(values["rules_dirs"]),
            "bodies": tuple(vocab.resolve_body(b, "记录簿主体").id for b in split_list(values["bodies"])),
            "reporting_body": vocab.resolve_body(reporting, "汇报主体").id if reporting else "",
            "scoring": self.query_one("#s-scoring", Checkbox).value,
            # All packs ticked is stored as "every pack", so packs added later are used too.
            "packs": () if set(chosen) == set(every) else chosen,
        }

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        app = self.auditor
        err = self.query_one("#settings-error", Static)
        try:
            changes = self.changes_from_form()
            actions.save_profile(app.session, changes)
        except (InputError, RuleFileError) as e:  # shown under the form, which keeps what was typed
            err.update(e.msg)
            err.add_class("shown")
            self.call_after_refresh(self.query_one("#settings", VerticalScroll).scroll_to_widget, err)  # at 80x24 it is below
            return
        except AuditorError as e:  # e.g. the file is locked: the dialog says why
            app.show_error(e)
            return
        err.update("")
        err.remove_class("shown")
        app.data_changed()
        self._stored = self._typed()
        self.notify("设置已保存。", timeout=3)
