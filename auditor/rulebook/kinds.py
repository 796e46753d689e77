"""The vocabularies: activity kinds (rules/kinds.yaml) and bodies, 主体 (rules/bodies.yaml)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol, TypeVar

import msgspec

from auditor.errors import InputError
from auditor.rulebook.yamlsrc import read_as


class _Named(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...


N = TypeVar("N", bound=_Named)


class Kind(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    label: str
    aliases: tuple[str, ...] = ()
    meeting: bool = False
    """Minutes are kept for it (会议记录要素 apply)."""
    family: str = ""
    """A grouping for summaries, e.g. 三会一课."""
    body: str = ""
    """Default body (主体 id) of its records: 党组会议 -> leading; empty: the log's reporting body."""
    after: str = ""
    """Usually held after its period: half (half-year reports) or year (述职, 民主生活会 ...)."""
    report: bool = False
    """A report sent to the superior: its due-date rules speak of 按时报送 / 逾期报送."""


class Body(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A body whose duties rules describe (主体): 党委（党组）, 中心组, 党支部 ..."""

    id: str
    label: str
    aliases: tuple[str, ...] = ()
    parent: str = ""
    """The body it belongs to (中心组 -> 党委（党组）, 支委会 -> 党支部); empty for a top body."""


class _File(msgspec.Struct, forbid_unknown_fields=True):
    kinds: list[Kind]


class _BodyFile(msgspec.Struct, forbid_unknown_fields=True):
    bodies: list[Body]


def _by_name(items: Sequence[N]) -> dict[str, N]:
    """Id, label and each alias -> its item; the first item to claim a name keeps it."""
    index: dict[str, N] = {}
    for item in items:
        for key in (item.id, item.label, *item.aliases):
            index.setdefault(key, item)
    return index


@dataclass(frozen=True)
class Vocabulary:
    kinds: tuple[Kind, ...]
    bodies: tuple[Body, ...] = ()

    # Indexes built on first use: the engine asks for a record's kind and body per rule
    # and record (hundreds of thousands of look-ups at 100k records).
    @cached_property
    def _kind_index(self) -> dict[str, Kind]:
        return _by_name(self.kinds)

    @cached_property
    def _kind_ids(self) -> dict[str, Kind]:
        return {k.id: k for k in reversed(self.kinds)}

    @cached_property
    def _body_index(self) -> dict[str, Body]:
        return _by_name(self.bodies)

    @cached_property
    def _tops(self) -> dict[str, str]:
        return {}

    def find(self, text: str) -> Kind | None:
        return self._kind_index.get(text.strip())

    def resolve(self, text: str, where: str = "") -> Kind:
        """A kind by id, label or alias; an unknown one is an InputError naming the choices."""
        kind = self.find(text)
        if kind is not None:
            return kind
        sample = "、".join(k.label for k in self.kinds[:8])
        raise InputError(f"{_at(where)}不认识的活动类型“{text}”，请使用规定名称，如 {sample} 等"
                         "（完整列表见 auditor kinds）。")

    def label(self, kind_id: str) -> str:
        for k in self.kinds:
            if k.id == kind_id:
                return k.label
        return kind_id

    def get(self, kind_id: str) -> Kind | None:
        return self._kind_ids.get(kind_id)

    def find_body(self, text: str) -> Body | None:
        return self._body_index.get(text.strip())

    def resolve_body(self, text: str, where: str = "") -> Body:
        """A body by id, label or alias; an unknown one is an InputError naming the choices."""
        body = self.find_body(text)
        if body is None:
            names = "、".join(b.label for b in self.bodies)
            raise InputError(f"{_at(where)}不认识的主体“{text}”，请使用 {names} 之一。")
        return body

    def body_label(self, body_id: str) -> str:
        body = self.find_body(body_id)
        return body.label if body else body_id

    def top_body(self, body_id: str) -> str:
        """The top body a body belongs to (中心组 -> leading); unknown ids stand for themselves."""
        top = self._tops.get(body_id)
        if top is None:
            top = self._tops[body_id] = self._climb(body_id)
        return top

    def _climb(self, body_id: str) -> str:
        seen = {body_id}
        body = self.find_body(body_id)
        while body is not None and body.parent and body.parent not in seen:
            seen.add(body.parent)
            parent = self.find_body(body.parent)
            if parent is None:
                break
            body = parent
        return body.id if body else body_id

    def within(self, body_id: str, scope: str) -> bool:
        """``body_id`` is ``scope`` or one of its sub-bodies (支委会 within 党支部)."""
        seen: set[str] = set()
        current: Body | None = self.find_body(body_id)
        if current is None:
            return body_id == scope
        while current is not None and current.id not in seen:
            if current.id == scope:
                return True
            seen.add(current.id)
            current = self.find_body(current.parent) if current.parent else None
        return False


def _at(where: str) -> str:
    return f"{where}：" if where else ""


def load_vocabulary(folders: Sequence[Path]) -> Vocabulary:
    """kinds.yaml and bodies.yaml of the shipped packs, extended by any unit folder's."""
    kinds: dict[str, Kind] = {}
    bodies: dict[str, Body] = {}
    for folder in folders:
        for k in _read(folder / "kinds.yaml", _File, "kinds"):
            kinds[k.id] = k
        for b in _read(folder / "bodies.yaml", _BodyFile, "bodies"):
            bodies[b.id] = b
    return Vocabulary(tuple(kinds.values()), tuple(bodies.values()))


def _read(path: Path, shape: type[_File] | type[_BodyFile], key: str) -> list[Any]:
    if not path.is_file():
        return []
    items: list[Any] = getattr(read_as(path, shape), key)
    return items
