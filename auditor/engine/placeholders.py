"""Template text left in minutes (xxxx, 某某, ××): the import and the minutes check both refuse it."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Placeholders of the public minutes templates; 〇〇 is left out (二〇〇六 is a year).
PLACEHOLDER = re.compile(r"(?<![A-Za-z])[xX]{2,}(?![A-Za-z])|×{2,}|某某|＊{2,}|\*{3,}")


def leftover(text: str, own_names: Iterable[str] = ()) -> str:
    """The first placeholder in ``text`` (empty if none); the unit's own names are not one."""
    for name in own_names:
        if name:
            text = text.replace(name, "")
    m = PLACEHOLDER.search(text)
    return m.group(0) if m else ""
