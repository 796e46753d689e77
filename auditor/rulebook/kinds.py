"""The vocabulary of activity kinds: ids, Chinese labels and aliases (rules/kinds.yaml)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import msgspec

from auditor.errors import InputError, RuleFileError
from auditor.rulebook.yamlsrc import line_of, load_yaml


class Kind(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    label: str
    aliases: tuple[str, ...] = ()
    meeting: bool = False
    """Minutes are kept for it (会议记录要素 apply)."""
    family: str = ""
    """A grouping for summaries, e.g. 三会一课."""


class _File(msgspec.Struct, forbid_unknown_fields=True):
    kinds: list[Kind]


@dataclass(frozen=True)
class Vocabulary:
    kinds: tuple[Kind, ...]

    def find(self, text: str) -> Kind | None:
        key = text.strip()
        for k in self.kinds:
            if key == k.id or key == k.label or key in k.aliases:
                return k
        return None

    def resolve(self, text: str, where: str = "") -> Kind:
        """A kind by id, label or alias; an unknown one is an InputError naming the choices."""
        kind = self.find(text)
        if kind is None:
            prefix = f"{where}：" if where else ""
            sample = "、".join(k.label for k in self.kinds[:8])
            raise InputError(
                f"{prefix}不认识的活动类型“{text}”，请使用规定名称，如 {sample} 等"
                "（完整列表见 auditor kinds）。"
            )
        return kind

    def label(self, kind_id: str) -> str:
        for k in self.kinds:
            if k.id == kind_id:
                return k.label
        return kind_id

    def get(self, kind_id: str) -> Kind | None:
        for k in self.kinds:
            if k.id == kind_id:
                return k
        return None


def load_vocabulary(folders: Sequence[Path]) -> Vocabulary:
    """kinds.yaml of the shipped packs, extended by any unit folder that has one."""
    kinds: dict[str, Kind] = {}
    for folder in folders:
        path = folder / "kinds.yaml"
        if not path.is_file():
            continue
        doc = load_yaml(path)
        try:
            parsed = msgspec.convert(doc, _File)
        except msgspec.ValidationError as e:
            from auditor.rulebook.messages import parse_path as _parse_path
            from auditor.rulebook.messages import translate as _translate

            line = line_of(doc, _parse_path(str(e)))
            raise RuleFileError(f"{path} 第{line}行：{_translate(str(e))}，请对照 docs/rules.md 修改。") from None
        for k in parsed.kinds:
            kinds[k.id] = k
    return Vocabulary(tuple(kinds.values()))
