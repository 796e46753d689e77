"""The compiled-rules cache gives the same rules, and any change to a rule file is a miss."""

from __future__ import annotations

from pathlib import Path

from auditor.rulebook.cache import cached_ruleset
from auditor.rulebook.loader import load_ruleset


def _unit_file(tmp_path: Path, name: str, text: str) -> Path:
    """One tailoring file in a unit's rule folder."""
    unit = tmp_path / "unit"
    unit.mkdir()
    path = unit / name
    path.write_text(text, encoding="utf-8")
    return path


def test_cache_hit_equals_a_fresh_load_and_edits_invalidate(tmp_path: Path) -> None:
    local = _unit_file(tmp_path, "local.yaml", "override:\n  branch.party-lesson:\n    requirement: {min: 2}\n")
    unit = local.parent
    cache = tmp_path / "cache"
    first = cached_ruleset(cache, [unit])
    assert len(list(cache.glob("rules-*.msgpack"))) == 1
    second = cached_ruleset(cache, [unit])  # from the cache
    fresh = load_ruleset([unit])
    assert second.rules == fresh.rules == first.rules
    assert second.origins == fresh.origins and second.packs == fresh.packs
    assert second.vocabulary.resolve("支委会").id == "committee_meeting"
    local.write_text("override:\n  branch.party-lesson:\n    requirement: {min: 3}\n", encoding="utf-8")
    third = cached_ruleset(cache, [unit])
    assert third.get("branch.party-lesson").requirement.min == 3  # type: ignore[union-attr]
    assert len(list(cache.glob("rules-*.msgpack"))) == 1
    assert cached_ruleset(cache, [unit], packs=["ideology"]).packs == (("ideology", "意识形态工作责任制"),)


def test_a_damaged_cache_is_only_a_miss(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cached_ruleset(cache)
    (entry,) = cache.glob("rules-*.msgpack")
    entry.write_bytes(b"\x00garbage")
    assert cached_ruleset(cache).rules == load_ruleset().rules


def test_the_vocabulary_alone_comes_from_a_current_cache_only(tmp_path: Path) -> None:
    from auditor.rulebook.cachefile import cached_vocabulary

    kinds = _unit_file(tmp_path, "kinds.yaml", "kinds:\n  - {id: reading_club, label: 读书会, aliases: []}\n")
    unit = kinds.parent
    cache = tmp_path / "cache"
    assert cached_vocabulary(cache, [unit]) is None  # nothing compiled yet: the caller loads the rules
    full = cached_ruleset(cache, [unit]).vocabulary
    assert cached_vocabulary(cache, [unit]) == full
    assert full.resolve("读书会").id == "reading_club"
    kinds.write_text("kinds:\n  - {id: reading_club, label: 读书班, aliases: []}\n", encoding="utf-8")
    assert cached_vocabulary(cache, [unit]) is None  # an edit is a miss, never the old words


def test_a_session_shows_one_record_without_loading_the_rules(demo_db: Path) -> None:
    from auditor.session import Session

    assert Session(demo_db).ruleset.rules  # compiles the cache, as any earlier command did
    session = Session(demo_db)
    assert session.vocabulary == Session(demo_db).ruleset.vocabulary
    assert "ruleset" not in session.__dict__
