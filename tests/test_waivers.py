"""Explanations (情况说明): waived windows are shown, not failed; expiry ends the windows covered."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from helpers import rec
from test_members_store import run

from auditor.engine.assessment import Status
from auditor.engine.evaluate import evaluate
from auditor.model import Waiver
from auditor.periods import parse_period
from auditor.rulebook.loader import RuleSet
from auditor.store.store import Store


def test_waiver_covers_a_window_until_it_expires(shipped_rules: RuleSet) -> None:
    rule = shipped_rules.get("branch.theme-day")
    records = [rec(f"2026-{m:02d}-10", "theme_day") for m in (6, 7, 9)]
    w = Waiver(id="W001", rule=rule.id, window="2026-08", reason="防汛值守，全员下沉一线",
               approved_by="县直机关工委", approved_on=dt.date(2026, 8, 5), expires=dt.date(2026, 12, 31))
    a = evaluate([rule], records, parse_period("2026Q3"), dt.date(2026, 10, 1), waivers=[w])
    r = a.result(rule.id)
    aug = r.windows[1]
    assert aug.status is Status.WAIVED and aug.waiver == "防汛值守，全员下沉一线"
    assert r.status is Status.WAIVED and not a.failed and r.deduction == 0
    # a year-end audit after the expiry still shows the window it excused
    later = evaluate([rule], records, parse_period("2026Q3"), dt.date(2027, 1, 4), waivers=[w])
    assert later.result(rule.id).windows[1].status is Status.WAIVED and not later.failed
    # an explanation that expired before a window began does not excuse it
    short = Waiver(id="W002", rule=rule.id, reason="暂停集中活动", approved_by="县直机关工委",
                   approved_on=dt.date(2026, 6, 1), expires=dt.date(2026, 7, 31))
    gap = evaluate([rule], records, parse_period("2026Q3"), dt.date(2026, 10, 1), waivers=[short])
    assert gap.result(rule.id).windows[1].status is Status.NOT_MET and gap.failed
    before_approval = evaluate([rule], records, parse_period("2026Q3"), dt.date(2026, 8, 4), waivers=[w])
    assert before_approval.result(rule.id).windows[1].status is not Status.WAIVED


def test_waiver_without_window_covers_every_window_of_its_rule_only(shipped_rules: RuleSet) -> None:
    rules = [shipped_rules.get("branch.theme-day"), shipped_rules.get("branch.cell-meeting")]
    w = Waiver(id="W001", rule="branch.theme-day", reason="机构改革，支部重组", approved_by="机关党委",
               approved_on=dt.date(2026, 1, 5))
    a = evaluate(rules, [], parse_period("2026Q1"), dt.date(2026, 4, 1), waivers=[w])
    assert [x.status for x in a.result("branch.theme-day").windows] == [Status.WAIVED] * 3
    assert a.result("branch.cell-meeting").status is Status.NOT_MET


def test_waiver_commands_add_list_edit_close(tmp_path: Path) -> None:
    db = tmp_path / "a.json"
    code, msg = run(db, "waiver", "add", "no.such-rule", "--reason", "x", "--by", "y")
    assert code == 2 and "auditor rules list" in msg
    assert run(db, "waiver", "add", "branch.theme-day", "--reason", "防汛值守")[1].startswith("--by：批准人为必填项")
    assert run(db, "waiver", "add", "branch.theme-day", "--window", "2026-8", "--reason", "防汛值守",
               "--by", "县直机关工委", "--on", "2026-08-05") == (0, "W001\n")
    w = Store(db).waiver("W001")
    assert (w.window, w.approved_on, w.expires) == ("2026-08", dt.date(2026, 8, 5), None)
    assert run(db, "waiver", "edit", "W001", "--expires", "2026-12-31")[1] == "已修改 W001。\n"
    listed = json.loads(run(db, "waiver", "list", "--as-of", "2026-11-22", "--json")[1])
    assert listed[0]["state"] == "有效" and listed[0]["expires"] == "2026-12-31"
    assert "已结束 W001：有效期至 2026-11-30" in run(db, "waiver", "close", "W001", "--on", "2026-11-30")[1]
    assert json.loads(run(db, "waiver", "list", "--as-of", "2026-12-01", "--json")[1])[0]["state"] == "已到期"
    history = Store(db).history("W001")
    assert [h.action for h in history] == ["create", "edit", "edit"]
    assert history[-1].changes["expires"] == ["2026-12-31", "2026-11-30"]


def test_waived_window_in_check_output(tmp_path: Path) -> None:
    db = tmp_path / "a.json"
    run(db, "add", "--date", "2026-07-10", "--kind", "主题党日", "--title", "七月主题党日")
    run(db, "waiver", "add", "branch.theme-day", "--window", "2026-08", "--reason", "防汛值守",
        "--by", "县直机关工委", "--on", "2026-08-05")
    out = json.loads(run(db, "check", "-p", "2026-08", "--as-of", "2026-09-01", "--json")[1])
    theme = next(r for r in out["results"] if r["rule"] == "branch.theme-day")
    assert theme["status"] == "waived" and "防汛值守" in theme["message"]
