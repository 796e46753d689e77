"""Select with a Chinese key label, width-safe arrows, and search by alias or any part of a name.

Textual's Select draws ▼/▲ (East-Asian ambiguous width: two cells in terminals set to
"ambiguous = wide", which shifts the row) and labels Esc "Dismiss menu" in the footer. Its
type-to-search looks for the typed text inside the label only, so 支委会 (an alias of
支部委员会会议) landed on 支部党员大会, the first label holding 支.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Select
from textual.widgets._select import NonSelectableStatic, SelectCurrent, SelectOverlay


def match_rank(query: str, keys: Iterable[str]) -> int | None:
    """How well ``query`` names an option with these keys (label, aliases, id); lower is better.

    0 exact, 1 the start of a key, 2 inside a key, 3 its characters in order (支委会 in
    支部委员会会议); None when it does not match at all.
    """
    q = query.strip().lower()
    if not q:
        return None
    best: int | None = None
    for key in (k.lower() for k in keys):
        if key == q:
            rank = 0
        elif key.startswith(q):
            rank = 1
        elif q in key:
            rank = 2
        elif _in_order(q, key):
            rank = 3
        else:
            continue
        best = rank if best is None else min(best, rank)
    return best


def _in_order(query: str, key: str) -> bool:
    it = iter(key)
    return all(ch in it for ch in query)


def best_match(query: str, options: Iterable[tuple[int, Iterable[str]]]) -> int | None:
    """Index of the best-ranked option (the first of equals)."""
    ranked = [(rank, i) for i, keys in options if (rank := match_rank(query, keys)) is not None]
    return min(ranked)[1] if ranked else None


class _Overlay(SelectOverlay):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss", "收起列表", key_display="Esc")]

    def _find_search_match(self, query: str) -> int | None:
        keys: Mapping[str, tuple[str, ...]] = getattr(self.parent, "search_keys", {})
        options = []
        for index, option in enumerate(self._options):
            prompt = option.prompt.plain if isinstance(option.prompt, Text) else str(option.prompt)
            options.append((index, (prompt, *keys.get(prompt, ()))))
        return best_match(query, options)


class _Current(SelectCurrent):
    def compose(self) -> ComposeResult:
        yield NonSelectableStatic(self.placeholder, id="label")
        yield NonSelectableStatic("▾", classes="arrow down-arrow")
        yield NonSelectableStatic("▴", classes="arrow up-arrow")


class ZhSelect(Select[str]):
    """``search_keys`` maps an option's label to more words it is found by (aliases, an id)."""

    def __init__(self, *args: Any, search_keys: Mapping[str, tuple[str, ...]] | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.search_keys = dict(search_keys or {})

    def compose(self) -> ComposeResult:
        yield _Current(self.prompt)
        yield _Overlay(type_to_search=self._type_to_search).data_bind(compact=Select.compact)
