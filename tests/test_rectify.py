"""Rectification (整改): an item from a finding to its completion, and who sees it when overdue."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from helpers import DEMO_AS_OF
from test_members_store import run

from auditor.engine.rectification import due_items, for_rule
from auditor.errors import InputError
from auditor.model import Rectification
from auditor.store.store import Store


def item(id: str, deadline: str, status: str = "待整改", **kw: object) -> Rectification:
    return Rectification(id=id, problem=f"问题{id}", measure="措施", responsible="王建国",
                         deadline=dt.date.fromisoformat(deadline), status=status, **kw)  # type: ignore[arg-type]


def test_due_items_lists_open_items_past_or_near_their_deadline() -> None:
    items = [item("Z001", "2026-11-15"), item("Z002", "2026-11-25", "整改中"),
             item("Z003", "2026-10-01", "已完成"), item("Z004", "2026-12-31"), item("Z005", "2026-11-22")]
    day = dt.date(2026, 11, 22)
    assert [(d.item.id, d.days) for d in due_items(items, day)] == [("Z001", 7)]
    soon = due_items(items, day, soon_days=7)
    assert [(d.item.id, d.overdue, d.days) for d in soon] == [("Z001", True, 7), ("Z005", False, 0),
                                                              ("Z002", False, 3)]
    assert "已超期7天" in soon[0].message and "今天到期" in soon[1].message
    linked = [item("Z006", "2026-12-01", rule="branch.theme-day", window="2026-08")]
    assert for_rule(linked, "branch.theme-day", "2026-08") == linked
    assert for_rule(linked, "branch.theme-day", "2026-09") == []


def test_an_item_runs_its_whole_course(tmp_path: Path) -> None:
    db = tmp_path / "a.json"
    code, out = run(db, "rectify", "add", "--rule", "branch.committee-quorum", "--window", "2026-09",
                    "--problem", "9月支委会到会未过半", "--measure", "重新召开支委会审议",
                    "--responsible", "王建国", "--deadline", "2026-10-31", "--found", "2026-10-02")
    assert (code, out) == (0, "Z001\n")

    def overdue(as_of: str) -> list[dict[str, object]]:
        doc = json.loads(run(db, "check", "-p", "2026Q4", "--as-of", as_of, "--json")[1])
        return doc["rectifications"]

    assert overdue("2026-10-20") == []
    late = overdue("2026-11-03")
    assert [d["id"] for d in late] == ["Z001"] and late[0]["days"] == 3 and late[0]["status"] == "待整改"
    table = run(db, "check", "-p", "2026Q4", "--as-of", "2026-11-03")[1]
    assert "整改事项Z001" in table and "已超期3天" in table
    assert run(db, "rectify", "edit", "Z001", "--status", "整改中")[1] == "已修改 Z001（整改中）。\n"
    assert "超期" in run(db, "rectify", "list", "--open", "--as-of", "2026-11-03")[1]
    assert run(db, "rectify", "close", "Z001", "--on", "2026-11-05", "--evidence", "R00009；会议记录.pdf")[1] \
        == "已完成 Z001（2026-11-05，超过时限5天）。\n"
    done = Store(db).rectification("Z001")
    assert done.status == "已完成" and done.completed_on == dt.date(2026, 11, 5)
    assert done.evidence == ("R00009", "会议记录.pdf")
    assert overdue("2026-11-06") == []
    assert run(db, "rectify", "list", "--open")[1] == "没有未完成的整改事项。\n"
    assert [h.action for h in Store(db).history("Z001")] == ["create", "edit", "edit"]


def test_bad_rectification_input_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "a.json"
    code, msg = run(db, "rectify", "add", "--problem", "p", "--measure", "m", "--responsible", "r")
    assert code == 2 and "--deadline" in msg
    code, msg = run(db, "rectify", "add", "--problem", "p", "--measure", "m", "--responsible", "r",
                    "--deadline", "2026-02-30")
    assert code == 2 and "2026-02-30" in msg
    store = Store(db)
    store.add_rectification({"problem": "p", "measure": "m", "responsible": "r", "deadline": "2026-12-01",
                             "found_on": "2026-11-01"})
    with pytest.raises(InputError, match="早于发现问题的日期"):
        store.close_rectification("Z001", dt.date(2026, 10, 1))
    with pytest.raises(InputError):
        store.update_rectification("Z001", {"status": "搁置"})


def test_blank_optional_boxes_of_a_form_keep_defaults() -> None:
    from auditor.forms import RECTIFICATION, Parse

    doc = RECTIFICATION.parse({"problem": "记录缺签名", "measure": "补签", "responsible": "刘洋",
                               "deadline": "12月5日", "status": "", "rule": "", "window": "",
                               "completed_on": "", "evidence": ""},
                              Parse(dt.date(2026, 11, 22), rule_ids={"branch.theme-day"}))
    assert "status" not in doc and doc["deadline"] == "2026-12-05" and doc["found_on"] == "2026-11-22"
    assert doc["evidence"] == [] and doc["completed_on"] is None
    assert Rectification(id="Z009", **doc).status == "待整改"


def test_an_item_raised_from_a_result_takes_its_finding(demo_db: Path) -> None:
    code, out = run(demo_db, "rectify", "add", "--rule", "branch.theme-day", "--window", "2026-08",
                    "--measure", "9月补开主题党日", "--responsible", "李秀兰", "--deadline", "2026-12-10",
                    "--found", DEMO_AS_OF.isoformat())
    assert code == 0
    item = Store(demo_db).rectification(out.strip())
    assert item.problem == "2026年8月未开展主题党日" and item.window == "2026-08"
