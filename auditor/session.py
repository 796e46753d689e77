"""What every face needs at hand: the store, the effective rules, and `assess()`.

The CLI, the TUI, the report and the reminders all call ``Session.assess`` so that
compliance is computed in exactly one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.model import UnitProfile
from auditor.periods import Period
from auditor.store.store import Store, default_db_path

if TYPE_CHECKING:  # the engine and the rules' schema load on use: minutes, list and show need neither
    from auditor.engine.assessment import Assessment
    from auditor.engine.bodies import BodyScope
    from auditor.rulebook.kinds import Vocabulary
    from auditor.rulebook.loader import RuleSet


def rule_folders(db_path: Path, dirs: Sequence[str]) -> tuple[Path, ...]:
    """A profile's rule folders as paths: relative ones are read from the database's folder."""
    base = db_path.parent
    return tuple(p if p.is_absolute() else base / p for p in map(Path, dirs))


class Session:
    def __init__(self, db: Path | None = None, rules_dirs: Sequence[Path] = ()) -> None:
        self.db_path = db or default_db_path()
        self.extra_rules_dirs = tuple(rules_dirs)
        self.store = Store(self.db_path)

    @cached_property
    def profile(self) -> UnitProfile:
        return self.store.profile()

    def rules_dirs(self) -> tuple[Path, ...]:
        """The profile's rule folders (relative to the database), then --rules folders."""
        return rule_folders(self.db_path, self.profile.rules_dirs) + self.extra_rules_dirs

    @cached_property
    def ruleset(self) -> RuleSet:
        """The effective rules, compiled once per change of the rule files (see rulebook.cache)."""
        from auditor.rulebook.cache import cached_ruleset

        return cached_ruleset(self._cache_dir, self.rules_dirs(), packs=self.profile.packs)

    @property
    def _cache_dir(self) -> Path:
        return self.db_path.parent / ".cache"

    @cached_property
    def _cached_vocabulary(self) -> Vocabulary | None:
        from auditor.rulebook.cachefile import cached_vocabulary

        return cached_vocabulary(self._cache_dir, self.rules_dirs(), self.profile.packs)

    @property
    def vocabulary(self) -> Vocabulary:
        """The kinds and bodies: the rules' own, else read from their cache without the rules."""
        if "ruleset" not in self.__dict__ and self._cached_vocabulary is not None:
            return self._cached_vocabulary
        return self.ruleset.vocabulary

    def reload(self) -> None:
        """Forget cached reads after a write (or another process's write)."""
        self.store.refresh()
        for name in ("profile", "ruleset", "_cached_vocabulary"):
            self.__dict__.pop(name, None)

    def scope(self, body: str | None = None) -> BodyScope:
        """The body an audit covers: ``body`` (any name of it), else the profile's reporting body."""
        from auditor.engine.bodies import BodyScope
        from auditor.rulebook.stamp import DEFAULT_BODY

        vocab = self.vocabulary
        reporting = self.profile.reporting_body or DEFAULT_BODY
        default = vocab.resolve_body(reporting, "单位概况的汇报主体").id
        chosen = vocab.resolve_body(body, "--body").id if body else default
        return BodyScope(vocab, chosen, default)

    def assess(self, period: Period, as_of: dt.date, body: str | None = None) -> Assessment:
        """The one assessment every face shows; ``body`` asks for another body's duties."""
        from auditor.engine.evaluate import evaluate

        rs = self.ruleset
        found = evaluate(
            rs.active,
            self.store.records(),
            period,
            as_of,
            unit=self.profile.display_name,
            packs=rs.packs,
            waivers=self.store.waivers(),
            members=self.store.members(),
            rectifications=self.store.rectifications(),
            scope=self.scope(body),
        )
        return found if self.profile.scoring else replace(found, score=None)
