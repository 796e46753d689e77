"""A compiled copy of the effective rules, so `check` and `remind` from cron skip YAML.

Parsing the packs with line tracking (and importing PyYAML) is ~30 ms of a ~200 ms
run. The cache key (``rulebook.cachefile``) is a hash of the program version, the chosen
packs and the bytes of every rule file and vocabulary in the folders, so any edit,
added or removed file is a miss. A miss, an unreadable cache or a cache that fails to
decode falls back to the real load; writing the cache is best effort and never fails a
command.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import msgspec

from auditor.rulebook.cachefile import cache_path
from auditor.rulebook.holidays import HolidayYear
from auditor.rulebook.kinds import Body, Kind, Vocabulary
from auditor.rulebook.loader import RuleSet, load_ruleset
from auditor.rulebook.schema import Rule


class _Compiled(msgspec.Struct):
    rules: list[Rule]
    packs: list[tuple[str, str]]
    origins: dict[str, dict[str, str]]
    kinds: list[Kind]
    bodies: list[Body]
    holidays: list[HolidayYear]
    files: list[str]


def cached_ruleset(
    cache_dir: Path, extra_dirs: Sequence[Path] = (), packs: Sequence[str] = ()
) -> RuleSet:
    """The same RuleSet as ``load_ruleset``, from ``cache_dir`` when nothing changed."""
    target = cache_path(cache_dir, extra_dirs, packs)
    if target is not None and target.is_file():
        try:
            return _thaw(msgspec.msgpack.decode(target.read_bytes(), type=_Compiled))
        except (OSError, msgspec.DecodeError, msgspec.ValidationError):
            pass  # a damaged cache is only a miss
    rs = load_ruleset(extra_dirs, packs=packs)
    if target is not None:
        _store(cache_dir, target, rs)
    return rs


def _thaw(c: _Compiled) -> RuleSet:
    return RuleSet(
        rules=tuple(c.rules),
        packs=tuple(c.packs),
        origins=c.origins,
        vocabulary=Vocabulary(tuple(c.kinds), tuple(c.bodies)),
        files=tuple(Path(f) for f in c.files),
        holidays=tuple(c.holidays),
    )


def _store(cache_dir: Path, target: Path, rs: RuleSet) -> None:
    from auditor.errors import AuditorError
    from auditor.store.atomic import write_atomic

    compiled = _Compiled(
        rules=list(rs.rules),
        packs=list(rs.packs),
        origins=rs.origins,
        kinds=list(rs.vocabulary.kinds),
        bodies=list(rs.vocabulary.bodies),
        files=[str(f) for f in rs.files],
        holidays=list(rs.holidays),
    )
    try:
        for old in cache_dir.glob("rules-*.msgpack"):
            old.unlink(missing_ok=True)  # one live entry: rule files change rarely
        write_atomic(target, msgspec.msgpack.encode(compiled))
    except (OSError, AuditorError):
        pass
