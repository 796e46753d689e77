"""Rule-file messages: where in the file a msgspec error points, and its Chinese (``errors.translate``)."""

from __future__ import annotations

import datetime as dt
import re

from auditor import errors
from auditor.rulebook.schema import RULE_TYPES

PATH = re.compile(r"at `\$(?P<path>[^`]*)`")


def parse_path(detail: str) -> list[str | int]:
    m = PATH.search(detail)
    if not m:
        return []
    out: list[str | int] = []
    for name, index in re.findall(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]", m.group("path")):
        out.append(name if name else int(index))
    return out


def missing_field(detail: str) -> str:
    m = re.search(r"missing required field `([^`]+)`", detail)
    return m.group(1) if m else ""


def translate(detail: str) -> str:
    """A rule file's validation message in Chinese: rule ids get their own sentence."""
    if re.match(r"Expected `str` (of length|matching regex)", PATH.sub("", detail)):
        return "应只用字母、数字、点、横线或下划线，且不超过 64 个字符（如 branch.theme-day）"
    return errors.translate(detail, tags=RULE_TYPES)


def not_every_year(days: tuple[str, ...]) -> str | None:
    """The first ``MM-DD`` that is not a day of every year (02-30, 13-01, 02-29), else None."""
    for text in days:
        m = re.fullmatch(r"(\d{1,2})-(\d{1,2})", text)
        try:
            if m is None:
                return text
            dt.date(2001, int(m.group(1)), int(m.group(2)))  # 2001: not a leap year
        except ValueError:
            return text
    return None
