"""The layers hold: faces write through auditor.actions, and the TUI never imports the store."""

from __future__ import annotations

import re

from helpers import ROOT

FACES = ("cli", "tui")
STORE_WRITES = re.compile(
    r"\.store\.(add|add_many|update|delete|restore_record|set_profile|add_member|update_member|import_members"
    r"|add_waiver_item|update_waiver|add_rectification|update_rectification|close_rectification)\("
)


def _sources(*folders: str) -> list[tuple[str, str]]:
    return [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8"))
            for f in folders for p in sorted((ROOT / "auditor" / f).rglob("*.py"))]


def test_the_tui_does_not_import_the_store() -> None:
    assert [name for name, text in _sources("tui") if "auditor.store" in text] == []


def test_faces_never_write_to_the_store_themselves() -> None:
    offenders = [f"{name}: {m.group(0)}" for name, text in _sources(*FACES) for m in STORE_WRITES.finditer(text)]
    assert offenders == []


def test_remind_the_calendar_and_the_report_read_results_not_the_schema_or_the_checks() -> None:
    readers = [*_sources("remind", "report"), ("auditor/io/ics.py", (ROOT / "auditor/io/ics.py").read_text("utf-8"))]
    found = [name for name, text in readers if re.search(r"auditor\.(rulebook\.schema|engine\.checks)", text)]
    assert found == []
