"""设置: the unit profile, the rule folders and packs in use, the report font."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import msgspec
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, SelectionList, Static

from auditor.errors import AuditorError, InputError
from auditor.fields import split_list
from auditor.model import UnitProfile
from auditor.store.store import Store
from auditor.tui.screens.base import AuditorScreen

# (field of UnitProfile, Chinese label, placeholder)
PROFILE_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("unit_name", "单位名称", "如 某某县财政局"),
    ("branch_name", "支部名称", "如 某某县财政局机关党支部"),
    ("secretary", "书记", "支部书记姓名"),
    ("superior", "上级党组织", "如 中共某某县直属机关工作委员会"),
    ("rules_dirs", "规则目录", "本单位规则文件夹，多个用；分隔（相对数据文件所在目录）"),
    ("report_font", "报告字体", "TrueType 字体文件路径（.ttf/.ttc），留空则自动查找"),
)


class SettingsScreen(AuditorScreen):
    AUTO_FOCUS = "#s-unit_name"
    SCREEN_TITLE = "设置"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "保存", key_display="^s", priority=True),
        Binding("escape", "blur", "离开输入框", key_display="Esc"),
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        with VerticalScroll(id="settings"):
            yield Static("", id="settings-db", classes="field-hint shown")
            for name, label, placeholder in PROFILE_FIELDS:
                with Horizontal(classes="field-row"):
                    yield Label(label, classes="field-label")
                    yield Input(placeholder=placeholder, id=f"s-{name}", compact=True)
            yield Static("使用的规则包（空格勾选或取消）", classes="section-title")
            yield SelectionList[str](id="s-packs", compact=True)
            yield Static("", id="settings-error", classes="field-error")
            with Horizontal(classes="form-buttons"):
                yield Button("保存 (^S)", variant="primary", id="save", compact=True)
        yield from self.compose_footer()

    def action_blur(self) -> None:
        self.set_focus(None)  # so that 1-5 switch screens again

    def refresh_view(self) -> None:
        session = self.auditor.session
        profile = session.store.profile()
        self.query_one("#settings-db", Static).update(f"数据文件：{session.db_path}")
        for name, _label, _ph in PROFILE_FIELDS:
            value = getattr(profile, name)
            self.query_one(f"#s-{name}", Input).value = "；".join(value) if isinstance(value, tuple) else value
        from auditor.rulebook.loader import load_ruleset

        every = load_ruleset().packs  # the shipped packs, which `packs` narrows; unit rules always apply
        packs = self.query_one("#s-packs", SelectionList)
        packs.clear_options()
        packs.add_options([(title, pid, not profile.packs or pid in profile.packs) for pid, title in every])

    def profile_from_form(self) -> UnitProfile:
        values = {name: self.query_one(f"#s-{name}", Input).value.strip() for name, _l, _p in PROFILE_FIELDS}
        packs = self.query_one("#s-packs", SelectionList)
        chosen = tuple(str(v) for v in packs.selected)
        if not chosen:
            raise InputError("至少要选择一个规则包，请在“使用的规则包”中勾选。")
        every = tuple(str(packs.get_option_at_index(i).value) for i in range(packs.option_count))
        font = values["report_font"]
        if font and not Path(font).expanduser().is_file():
            raise InputError(f"报告字体文件 {font} 不存在，请写出 .ttf 或 .ttc 文件的完整路径，或留空。")
        return msgspec.structs.replace(
            self.auditor.session.store.profile(),
            unit_name=values["unit_name"], branch_name=values["branch_name"],
            secretary=values["secretary"], superior=values["superior"],
            rules_dirs=split_list(values["rules_dirs"]), report_font=font,
            # All packs ticked is stored as "every pack", so packs added later are used too.
            packs=() if set(chosen) == set(every) else chosen,
        )

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        app = self.auditor
        err = self.query_one("#settings-error", Static)
        try:
            profile = self.profile_from_form()
            _check_rules(app.session.db_path, profile)
        except AuditorError as e:
            err.update(e.msg)
            err.add_class("shown")
            return
        err.update("")
        err.remove_class("shown")
        if not app.attempt(lambda: _store_profile(app.session.store, profile)):
            return  # the dialog says why; the form keeps what was typed
        app.data_changed()
        self.notify("设置已保存。", timeout=3)


def _check_rules(db_path: Path, profile: UnitProfile) -> None:
    """Refuse a profile whose rule folders or packs do not load: every face would fail after."""
    from auditor.rulebook.loader import load_ruleset

    base = db_path.parent
    dirs = [p if p.is_absolute() else base / p for p in map(Path, profile.rules_dirs)]
    load_ruleset(dirs, packs=profile.packs)


def _store_profile(store: Store, profile: UnitProfile) -> bool:
    store.set_profile(profile)
    return True
