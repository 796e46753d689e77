"""The roster in the store and on the command line: add, edit with history, import, attendance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import DEMO_AS_OF

from auditor.cli.main import cli
from auditor.errors import AuditorError, InputError, NotFoundError
from auditor.store.store import Store


def run(db: Path, *args: str) -> tuple[int, str]:
    """Invoke the CLI in-process; an AuditorError comes back as (its exit code, its message)."""
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    if isinstance(result.exception, AuditorError):
        return result.exception.exit_code, result.exception.msg
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def test_add_edit_keeps_history_and_refuses_a_second_member_of_the_same_name(tmp_path: Path) -> None:
    store = Store(tmp_path / "a.json")
    m = store.add_member({"name": "冯婷", "cell": "第二党小组", "joined": "2017-07-01"})
    assert m.id == "M001" and m.role == "党员" and m.status == "正常"
    with pytest.raises(InputError, match="已有党员 冯婷"):
        store.add_member({"name": "冯婷"})
    after = store.update_member("冯婷", {"status": "流动党员", "status_since": "2026-03-01"})
    assert after.away and store.member("M001").on_roll  # away members stay on the roll
    last = store.history("M001")[-1]
    assert last.action == "edit" and last.changes["status"] == ["正常", "流动党员"]
    with pytest.raises(NotFoundError, match="auditor member list"):
        store.member("李四")


def test_import_adds_new_names_updates_known_ones_and_reports_bad_rows(tmp_path: Path) -> None:
    db = tmp_path / "a.json"
    good = tmp_path / "名册.csv"
    good.write_text("姓名,职务,党小组,入党日期,所在组织\n王建国,支部书记,第一党小组,1998-07-01,中心组\n"
                    "张伟,纪检委员,第二党小组,2010/6/30,\n", encoding="utf-8-sig")
    assert run(db, "member", "import", str(good)) == (0, "已导入名册：新增2人，更新0人，未变0人。\n")
    good.write_text("姓名,职务,党小组\n王建国,书记,第一党小组\n张伟,纪检委员,第一党小组\n刘洋,,第一党小组\n",
                    encoding="gbk")
    assert "新增1人，更新1人，未变1人" in run(db, "member", "import", str(good))[1]
    members = {m.name: m for m in Store(db).members()}
    assert members["王建国"].groups == ("中心组",) and members["张伟"].cell == "第一党小组"
    bad = tmp_path / "bad.csv"
    bad.write_text("姓名,职务,入党日期\n赵六,队长,2010-01-01\n钱七,党员,2010-13-01\n孙九,党员,\n孙九,,\n",
                   encoding="utf-8")
    code, msg = run(db, "member", "import", str(bad))
    assert code == 2 and "3处问题" in msg
    assert "第2行“职务”" in msg and "第3行“入党日期”" in msg and "第5行“姓名”：孙九 与第4行重名" in msg
    assert len(Store(db).members()) == 3


def test_import_from_excel(tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "名册.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "职务", "入党日期", "党籍状态"])
    ws.append(["李秀兰", "组织委员", None, "正常"])
    ws.append(["何磊", "党员", None, "出国出境"])
    wb.save(path)
    db = tmp_path / "a.json"
    assert run(db, "member", "import", str(path))[0] == 0
    assert [m.status for m in Store(db).members()] == ["正常", "出国出境"]


def test_list_show_and_edit_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "a.json"
    assert run(db, "member", "add", "孙丽", "--cell", "第二党小组") == (0, "M001\n")
    assert run(db, "member", "add", "周杰", "--role", "队长")[0] == 2
    assert run(db, "member", "edit", "孙丽", "--status", "转出")[1] == "已修改 M001（孙丽）。\n"
    assert "孙丽" not in run(db, "member", "list")[1]
    assert "孙丽" in run(db, "member", "list", "--all")[1]
    shown = run(db, "member", "show", "M001")[1]
    assert "党籍状态：转出" in shown and "'正常' → '转出'" in shown


def test_attendance_table_on_the_demo(demo_db: Path) -> None:
    code, out = run(demo_db, "member", "attendance", "--period", "2026H2", "--as-of", DEMO_AS_OF.isoformat(),
                    "--json")
    rows = {r["name"]: r for r in json.loads(out)["rows"]}
    assert len(rows) == 15
    assert rows["何磊"]["attended"] == 0 and rows["何磊"]["unexcused"] > 0
    assert rows["何磊"]["absent_months"] == 6 and not rows["何磊"]["absence_excused"]
    assert rows["冯婷"]["excused"] > 0 and rows["冯婷"]["absence_excused"]
    assert rows["王建国"]["attended"] == rows["王建国"]["expected"] - rows["王建国"]["excused"]
    text = run(demo_db, "member", "attendance", "--period", "2026H2", "--as-of", DEMO_AS_OF.isoformat())[1]
    assert "无正当理由连续6个月以上未参加组织生活：何磊" in text and "冯婷（病休）" in text


def test_db_check_validates_the_roster_and_the_ledger(tmp_path: Path) -> None:
    db = tmp_path / "a.json"
    store = Store(db)
    store.add_member({"name": "张伟"})
    store.add_rectification({"problem": "p", "measure": "m", "responsible": "r", "deadline": "2026-12-01"})
    assert "数据文件完好" in run(db, "db", "check")[1]
    doc = json.loads(db.read_text(encoding="utf-8"))
    doc["members"]["1"]["joined"] = "去年"
    doc["rectifications"]["1"]["status"] = "搁置"
    db.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    out = run(db, "db", "check")[1]
    assert "党员名册格式不对" in out and "整改台账格式不对" in out
