"""Parsed TrueType faces kept on disk between runs: parsing a CJK font is most of a PDF's time.

ReportLab reads a 20 MB CJK font's cmap and metrics in 0.1-0.3 s per face, three faces
a report. The parsed tables (everything but the file's bytes) are pickled to the user's
cache folder, keyed by the file's path, size, mtime and the ReportLab version, and the
file's bytes are read back at load (subsetting needs them). Anything unexpected falls
back to a normal parse, so a stale or damaged cache costs time, never a report.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

_SKIP = ("_ttf_data", "_pdfScale")


def cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(os.environ.get("AUDITOR_CACHE_DIR") or user_cache_dir("auditor")) / "fonts"


def load_font(name: str, path: str, index: int) -> Any:
    """A ReportLab TTFont for ``path``/``index`` under ``name`` (raises what TTFont raises)."""
    from reportlab.pdfbase.ttfonts import TTFont

    spot = _spot(path, index)
    if spot is not None and spot.is_file():
        try:
            return _restore(name, path, spot)
        except Exception:  # noqa: BLE001 - a stale or foreign cache entry: parse again
            spot.unlink(missing_ok=True)
    font = TTFont(name, path, subfontIndex=index, validate=0)  # validate=0: wqy fails the checksum
    if spot is not None:
        _store(font, spot)
    return font


def _spot(path: str, index: int) -> Path | None:
    import reportlab

    try:
        st = Path(path).stat()
    except OSError:
        return None
    key = f"{Path(path).resolve()}|{index}|{st.st_size}|{st.st_mtime_ns}|{reportlab.Version}"
    return cache_dir() / f"{hashlib.sha256(key.encode()).hexdigest()[:24]}.pickle"


def _store(font: Any, spot: Path) -> None:
    state = {k: v for k, v in font.face.__dict__.items() if k not in _SKIP}
    try:
        spot.parent.mkdir(parents=True, exist_ok=True)
        tmp = spot.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, spot)
    except OSError:
        pass  # a read-only home: the next run parses again


def _restore(name: str, path: str, spot: Path) -> Any:
    from fnmatch import fnmatch
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace, unShapedFontGlob

    state = pickle.loads(spot.read_bytes())  # noqa: S301 - our own cache in the user's folder
    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(state)
    face._ttf_data = Path(path).read_bytes()
    per_em = face.unitsPerEm
    face._pdfScale = (lambda x: x) if per_em == 1000 else (lambda x, m=1000 / per_em: x * m)
    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, g) for g in unShapedFontGlob)
    return font
