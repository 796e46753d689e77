"""Load the shipped packs, apply a unit's tailoring, validate, remember provenance.

Shipped packs are never edited by a unit. A unit's rules folder holds YAML files of
two kinds: a *pack file* (has ``pack:``) adds a pack of its own; a *tailoring file*
(no ``pack:``) may choose packs (``packs:``), switch rules off (``disable:``),
override any field of a rule by id (``override:``) and add rules (``rules:``).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import msgspec

from auditor.errors import RuleFileError
from auditor.rulebook.cachefile import VOCABULARY_FILE, shipped_rules_dir
from auditor.rulebook.holidays import HOLIDAY_FILE, HolidayYear, load_holidays
from auditor.rulebook.kinds import Vocabulary, load_vocabulary
from auditor.rulebook.schema import PackHeader, Rule
from auditor.rulebook.validate import RawRule, validate_rule, validation_error
from auditor.rulebook.yamlsrc import LinedDict, LinedList, load_yaml, plain, record_origins

LOCAL_PACK = "local"
_RULE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
LOCAL_PACK_TITLE = "本单位要求"
NOT_PACKS = frozenset({VOCABULARY_FILE, "bodies.yaml", HOLIDAY_FILE})
"""Files in a rules folder that hold vocabularies or data, not rules."""


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    packs: tuple[tuple[str, str], ...]
    origins: dict[str, dict[str, str]]
    vocabulary: Vocabulary
    files: tuple[Path, ...] = ()
    holidays: tuple[HolidayYear, ...] = ()
    """The official holiday schedules in the rule folders (holidays.yaml), by year."""

    def get(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    @property
    def active(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.enabled)


@dataclass
class _State:
    raw: dict[str, RawRule] = field(default_factory=dict)
    packs: dict[str, str] = field(default_factory=dict)
    chosen: list[str] | None = None
    disabled: dict[str, str] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)


def load_ruleset(
    extra_dirs: Sequence[Path] = (),
    packs: Sequence[str] = (),
    shipped: Path | None = None,
) -> RuleSet:
    """Shipped packs, then each unit folder in order; ``packs`` narrows the shipped packs."""
    base = shipped or shipped_rules_dir()
    vocab = load_vocabulary([base, *extra_dirs])
    state = _State()
    for path in _yaml_files(base):
        _add_pack_file(state, path, load_yaml(path), shipped=True)
    if packs:
        state.chosen = list(packs)
    for folder in extra_dirs:
        if not folder.is_dir():
            raise RuleFileError(f"规则目录 {folder} 不存在，请检查 --rules 参数或设置中的规则目录。")
        for path in _yaml_files(folder):
            doc = load_yaml(path)
            if isinstance(doc, dict) and "pack" in doc:
                _add_pack_file(state, path, doc, shipped=False)
            else:
                _apply_tailoring(state, path, doc)
    rs = _finish(state, vocab)
    return replace(rs, holidays=load_holidays([base, *extra_dirs]))


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in [*folder.glob("*.yaml"), *folder.glob("*.yml")]
        if p.name not in NOT_PACKS
    )


def _add_pack_file(state: _State, path: Path, doc: Any, shipped: bool) -> None:
    if not isinstance(doc, LinedDict):
        raise RuleFileError(f"{path}：规则包文件应是一个映射（pack、title、rules），请对照 docs/rules.md。")
    header = {k: v for k, v in doc.items() if k != "rules"}
    try:
        pack = msgspec.convert(header, PackHeader)
    except msgspec.ValidationError as e:
        raise validation_error(path, doc, "", str(e)) from None
    if pack.pack in state.packs:
        raise RuleFileError(f"{path} 第{doc.line}行：规则包“{pack.pack}”已存在，请换一个包名。")
    state.packs[pack.pack] = pack.title
    state.files.append(path)
    rules = doc.get("rules", [])
    if not isinstance(rules, list):
        raise RuleFileError(f"{path} 第{doc.lines.get('rules', doc.line)}行：rules 应是规则列表。")
    for index, item in enumerate(rules):
        _add_rule(state, path, item, pack.pack, _item_line(rules, index))


def _item_line(items: list[Any], index: int) -> int:
    return items.lines[index] if isinstance(items, LinedList) else getattr(items[index], "line", 0)


def _add_rule(state: _State, path: Path, item: Any, pack: str, line: int) -> None:
    if not isinstance(item, LinedDict):
        raise RuleFileError(f"{path} 第{line}行：每条规则应是字段映射（id、title、requirement…），"
                            "而不是一段文字或列表；请对照 docs/rules.md。")
    if not isinstance(item.get("id"), str) or not item["id"]:
        raise RuleFileError(f"{path} 第{line}行：每条规则都要有文字形式的 id，请补上。")
    rid = item["id"]
    if not _RULE_ID.fullmatch(rid):
        raise RuleFileError(f"{path} 第{item.lines['id']}行：规则 id“{rid[:40]}”不对，id 应只用字母、数字、点、"
                            "横线或下划线，且不超过 64 个字符（如 branch.theme-day）。")
    if rid in state.raw:
        prev = state.raw[rid]
        raise RuleFileError(
            f"{path} 第{item.line}行：规则 {rid} 已在 {prev.file} 第{prev.line}行定义；"
            "要修改已有规则请写在 override: 下。"
        )
    origins: dict[str, str] = {}
    record_origins(item, "", path, origins)
    state.raw[rid] = RawRule(plain(item), pack, origins, path, item.line, item)


def _apply_tailoring(state: _State, path: Path, doc: Any) -> None:
    if doc is None:
        return
    if not isinstance(doc, LinedDict):
        raise RuleFileError(f"{path}：裁剪文件应是一个映射（packs、disable、override、rules）。")
    unknown = set(doc) - {"packs", "disable", "override", "rules"}
    if unknown:
        key = sorted(unknown)[0]
        raise RuleFileError(
            f"{path} 第{doc.lines[key]}行：不认识的字段“{key}”；"
            "裁剪文件只能有 packs、disable、override、rules。"
        )
    state.files.append(path)
    if "packs" in doc:
        chosen = doc["packs"]
        if not isinstance(chosen, list) or not all(isinstance(p, str) for p in chosen):
            raise RuleFileError(f"{path} 第{doc.lines['packs']}行：packs 应是规则包名列表。")
        state.chosen = chosen
    for rid in _str_list(doc, "disable", path):
        state.disabled[rid] = f"{path}:{doc.lines['disable']}"
    overrides = doc.get("override") or LinedDict()
    if "override" in doc and not isinstance(overrides, LinedDict):
        raise RuleFileError(f"{path} 第{doc.lines['override']}行：override 应按规则 id 分组。")
    for rid, patch in overrides.items():
        line = overrides.lines[rid]
        if rid not in state.raw:
            raise RuleFileError(f"{path} 第{line}行：override 的规则 {rid} 不存在，请用 auditor rules list 查看 id。")
        if not isinstance(patch, LinedDict):
            raise RuleFileError(f"{path} 第{line}行：规则 {rid} 的 override 应是字段映射。")
        if "id" in patch:
            raise RuleFileError(f"{path} 第{patch.lines['id']}行：override 不能修改规则 id。")
        raw = state.raw[rid]
        _merge(raw.data, plain(patch))
        record_origins(patch, "", path, raw.origins)
    rules = doc.get("rules") or []
    if rules:
        state.packs.setdefault(LOCAL_PACK, LOCAL_PACK_TITLE)
        if not isinstance(rules, list):
            raise RuleFileError(f"{path} 第{doc.lines['rules']}行：rules 应是规则列表。")
    for index, item in enumerate(rules):
        _add_rule(state, path, item, LOCAL_PACK, _item_line(rules, index))


def _finish(state: _State, vocab: Vocabulary) -> RuleSet:
    for rid, where in state.disabled.items():
        if rid not in state.raw:
            file, _, line = where.rpartition(":")
            raise RuleFileError(f"{file} 第{line}行：disable 中的规则 {rid} 不存在，请用 auditor rules list 查看 id。")
    if state.chosen is not None:
        for p in state.chosen:
            if p not in state.packs:
                names = "、".join(state.packs)
                raise RuleFileError(f"规则包“{p}”不存在；可用的规则包有：{names}。")
    rules: list[Rule] = []
    origins: dict[str, dict[str, str]] = {}
    for rid, raw in state.raw.items():
        if state.chosen is not None and raw.pack not in state.chosen and raw.pack != LOCAL_PACK:
            continue
        rule = validate_rule(raw, vocab)
        if rid in state.disabled:
            rule = msgspec.structs.replace(rule, enabled=False)
            raw.origins["enabled"] = state.disabled[rid]
        rules.append(rule)
        origins[rid] = raw.origins
    packs = tuple((p, t) for p, t in state.packs.items() if any(r.pack == p for r in rules))
    return RuleSet(tuple(rules), packs, origins, vocab, tuple(state.files))


def _merge(base: dict[str, Any], patch: dict[str, Any]) -> None:
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = copy.deepcopy(value)


def _str_list(doc: LinedDict, key: str, path: Path) -> Iterable[str]:
    value = doc.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleFileError(f"{path} 第{doc.lines.get(key, doc.line)}行：{key} 应是规则 id 列表。")
    return value
