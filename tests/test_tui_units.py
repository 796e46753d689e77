"""The TUI's pure helpers: form values round-trip, validation per field, undo, width-safe text."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from helpers import DEMO_AS_OF, rec
from rich.cells import cell_len

from auditor.engine.assessment import Status
from auditor.forms import RECORD, Parse
from auditor.model import Absentee, record_to_doc
from auditor.session import Session
from auditor.tui.text import clip, status_text
from auditor.tui.undo import Change, UndoStack
from auditor.tui.widgets.zhselect import best_match

_MANAGED = {"id", "created", "updated"}


def test_every_demo_record_survives_the_form_unchanged(demo_db: Path) -> None:
    """Opening a record in the form and saving it untouched must not change a field."""
    session = Session(demo_db)
    for r in session.store.records():
        doc = _plain(RECORD.parse(RECORD.values(r), Parse(DEMO_AS_OF, session.vocabulary)))
        stored = _plain({k: v for k, v in record_to_doc(r).items() if k not in _MANAGED})
        assert {k: stored[k] for k in doc} == doc, r.id


def _plain(doc: dict[str, object]) -> object:
    """Lists and tuples compare equal once both are JSON."""
    return json.loads(json.dumps(doc, ensure_ascii=False, default=str))


def test_record_values_write_absentees_as_typed() -> None:
    r = rec("2026-03-05", "theme_day", absentees=(Absentee("张三", "出差"), Absentee("李四")))
    assert RECORD.values(r)["absentees"] == "张三（出差）；李四"


def test_the_form_reports_every_bad_field_at_once(demo_db: Path) -> None:
    vocab = Session(demo_db).vocabulary
    errors = RECORD.errors(
        {"date": "3月32日", "kind": "", "title": "支委会", "expected": "十", "present": "3"},
        Parse(DEMO_AS_OF, vocab),
    )
    assert set(errors) == {"date", "kind", "expected"}


def test_the_form_checks_fields_against_each_other(demo_db: Path) -> None:
    p = Parse(DEMO_AS_OF, Session(demo_db).vocabulary)
    errors = RECORD.errors({"date": "昨天", "kind": "theme_day", "title": "主题党日", "expected": "5", "present": "6"}, p)
    assert set(errors) == {"present"}
    good = {"date": "昨天", "kind": "theme_day", "title": "主题党日", "expected": "6", "present": "6"}
    assert RECORD.errors(good, p) == {} and RECORD.parse(good, p)["date"] == "2026-11-21"


def test_undo_reverses_add_edit_and_delete_in_order(tmp_path: Path) -> None:
    session = Session(tmp_path / "auditor.json")
    store = session.store
    stack = UndoStack()
    added = store.add({"date": "2026-03-05", "kind": "theme_day", "title": "原主题"})
    stack.push(Change("add", added.id, added.title))
    before = record_to_doc(store.record(added.id))
    store.update(added.id, {"title": "新主题", "host": "王建国"})
    stack.push(Change("edit", added.id, "新主题", before))
    store.delete(added.id)
    stack.push(Change("delete", added.id, "新主题"))

    assert stack.undo(session) is not None
    assert store.record(added.id).title == "新主题"
    assert stack.undo(session) is not None
    restored = store.record(added.id)
    assert (restored.title, restored.host) == ("原主题", "")
    assert stack.undo(session) is not None
    assert store.records() == []
    assert stack.undo(session) is None


def test_status_cells_use_no_ambiguous_width_characters() -> None:
    for status in Status:
        text = status_text(status).plain
        assert all(unicodedata.east_asian_width(ch) != "A" for ch in text), text


def test_clip_cuts_by_terminal_cells_with_ascii_dots() -> None:
    title = "主题党日：学习党的二十届四中全会精神"
    cut = clip(title, 20)
    assert cell_len(cut) <= 20 and cut.endswith("..") and title.startswith(cut[:-2])
    assert clip("短", 20) == "短"


def test_rule_detail_counts_the_days_to_a_deadline_as_its_conclusion_does(demo_db: Path) -> None:
    """下一截止 said 8天后到期 beside a 结论 of 还有9天 for the same date: one count now."""
    import re

    from auditor.periods import current_period
    from auditor.tui.screens.rule_detail import due_text

    assessment = Session(demo_db).assess(current_period(DEMO_AS_OF), DEMO_AS_OF)
    compared = 0
    for r in assessment.results:
        said = re.search(r"还有(\d+)天", r.message)
        if said and r.due is not None and r.windows and r.due == (r.windows[-1].due or r.windows[-1].end):
            assert f"还有{said.group(1)}天" in due_text(r.due, DEMO_AS_OF), r.rule
            compared += 1
    assert compared > 0


def test_the_kind_search_finds_a_kind_by_alias_or_part_of_its_name(demo_db: Path) -> None:
    # the keys the record form's picker searches: each kind's label, its aliases and its id
    kinds = Session(demo_db).vocabulary.kinds
    options = [(i, (k.label, *k.aliases, k.id)) for i, k in enumerate(kinds)]
    wanted = {"支委会": "committee_meeting",  # an alias, not inside any label (支部党员大会 holds 支 first)
              "委员会": "committee_meeting",  # inside the name
              "党员大会": "general_meeting", "中心组": "central_group_study"}
    found = {}
    for typed in wanted:
        index = best_match(typed, options)
        found[typed] = kinds[index].id if index is not None else None
    assert found == wanted
