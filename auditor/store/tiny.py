"""TinyDB's storage for one write: the in-memory tables of a transaction.

Only the general write path (``Store.transaction``) uses TinyDB, so it lives here and
readers (``auditor check`` from cron) never import it.
"""

from __future__ import annotations

from typing import Any

from tinydb.storages import Storage


class TinyStorage(Storage):
    """TinyDB works on the in-memory tables of a transaction; the store writes them once."""

    def __init__(self, data: dict[str, dict[str, Any]]) -> None:
        self.data = data
        self.dirty = False

    def read(self) -> dict[str, dict[str, Any]]:
        return self.data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.data = data
        self.dirty = True
