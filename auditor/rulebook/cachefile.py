"""The compiled rule cache's file: where the shipped packs are, the cache key, and the
vocabulary read from the cache alone.

Kept apart from ``rulebook.cache`` (which decodes the rules, and so imports their schema
and the requirement types): a command that shows or writes one record (``auditor
minutes``, ``show``) needs only the kinds and bodies, and reads them here without
loading the engine.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import msgspec

from auditor import __version__
from auditor.errors import RuleFileError
from auditor.rulebook.kinds import Body, Kind, Vocabulary

CACHE_FORMAT = 3
VOCABULARY_FILE = "kinds.yaml"


class _KindsAndBodies(msgspec.Struct):
    """The vocabulary fields of a compiled cache (the rules and the rest are skipped)."""

    kinds: list[Kind]
    bodies: list[Body]


def shipped_rules_dir() -> Path:
    """The shipped packs: inside the installed package, or the checkout's ``rules/``."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "rules", here.parent / "rules"):
        if (candidate / VOCABULARY_FILE).is_file():
            return candidate
    raise RuleFileError("找不到随程序附带的规则包（rules/），请重新安装 auditor。")


def cache_key(extra_dirs: Sequence[Path], packs: Sequence[str], shipped: Path) -> str | None:
    """Hash of everything the rules depend on; None when a folder is missing (let load fail)."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}|{__version__}|{','.join(packs)}".encode())
    for folder in (shipped, *extra_dirs):
        if not folder.is_dir():
            return None
        digest.update(f"\0dir:{folder.resolve()}".encode())
        for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
            if not path.is_file():
                return None  # a FIFO would block read_bytes; the loader refuses it with a message
            digest.update(f"\0file:{path.name}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def cache_path(cache_dir: Path, extra_dirs: Sequence[Path], packs: Sequence[str]) -> Path | None:
    """The cache file for these rule folders and packs as they are now (None: no cache)."""
    key = cache_key(extra_dirs, packs, shipped_rules_dir())
    return cache_dir / f"rules-{key}.msgpack" if key else None


def cached_vocabulary(
    cache_dir: Path, extra_dirs: Sequence[Path] = (), packs: Sequence[str] = ()
) -> Vocabulary | None:
    """The vocabulary of the compiled rules when the cache is current; None: load the rules."""
    target = cache_path(cache_dir, extra_dirs, packs)
    if target is None or not target.is_file():
        return None
    try:
        found = msgspec.msgpack.decode(target.read_bytes(), type=_KindsAndBodies)
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        return None  # a damaged cache is only a miss
    return Vocabulary(tuple(found.kinds), tuple(found.bodies))
