"""The CLI contract run as a user runs it: exit codes, JSON, Chinese errors, imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEADER_ZH = "日期,类型,主题,议题标签,主持人,记录人,应到人数,实到人数,缺席人员\n"


def auditor(*args: str, db: Path, check: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AUDITOR_DB": str(db)}
    proc = subprocess.run([sys.executable, "-m", "auditor", *args], capture_output=True, text=True,
                          env=env, timeout=60)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_add_then_check_json(tmp_path: Path) -> None:
    db = tmp_path / "a.json"
    out = auditor("add", "--date", "2026/1/8", "--kind", "主题党日", "--title", "学习全会精神",
                  "--expected", "12", "--present", "11", "--absentees", "张三（出差）", db=db, check=True)
    rid = out.stdout.strip()
    assert rid.startswith("R")
    proc = auditor("check", "--period", "2026-01", "--as-of", "2026-02-01", "--json", db=db)
    doc = json.loads(proc.stdout)
    theme = next(r for r in doc["results"] if r["rule"] == "branch.theme-day")
    assert theme["status"] == "met" and theme["evidence"] == [rid]
    assert doc["period"] == "2026-01" and doc["as_of"] == "2026-02-01"
    # the committee meeting and others are missing: required rules fail -> exit 1
    assert proc.returncode == 1


def test_check_exit_zero_when_nothing_required_fails(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "only.yaml").write_text("packs: [records]\n", encoding="utf-8")
    proc = auditor("--rules", str(rules), "check", "--period", "2026-01", "--as-of", "2026-02-01",
                   db=tmp_path / "a.json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "会议记录规范" in proc.stdout


@pytest.mark.parametrize(
    "args,phrase",
    [
        (["check", "--period", "2026H3"], "期间“2026H3”无法识别"),
        (["check", "--as-of", "2026/2/30"], "不是有效日期"),
        (["add", "--date", "2026-01-08", "--kind", "座谈会", "--title", "x"], "不认识的活动类型“座谈会”"),
        (["add", "--date", "2026-01-08", "--kind", "党课", "--title", "x", "--expected", "5", "--present", "6"],
         "实到人数（6）不能多于应到人数（5）"),
        (["add", "--kind", "党课", "--title", "x"], "日期为必填项"),
        (["rules", "show", "no.such"], "没有 id 为 no.such 的规则"),
        (["check", "--bogus"], "没有选项 --bogus"),
    ],
)
def test_bad_input_exit_2_with_one_chinese_line(tmp_path: Path, args: list[str], phrase: str) -> None:
    proc = auditor(*args, db=tmp_path / "a.json")
    assert proc.returncode == 2, proc.stderr
    assert phrase in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "a.json").exists() or args[0] != "add"


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    proc = auditor("--debug", "check", "--period", "2026H3", db=tmp_path / "a.json")
    assert proc.returncode != 0 and "Traceback" in proc.stderr


def test_import_csv_utf8_bom_and_gbk(tmp_path: Path) -> None:
    body = HEADER_ZH + (
        "2026/1/8,主题党日,学习全会精神,意识形态；第一议题,王建国,李秀兰,12,11,张三（出差）\n"
        "2026年2月3日,支委会,研究发展党员,第一议题,王建国,李秀兰,5,5,\n"
    )
    utf8 = tmp_path / "u.csv"
    utf8.write_bytes(body.encode("utf-8-sig"))
    gbk = tmp_path / "g.csv"
    gbk.write_bytes(body.replace("学习全会精神", "学习全会精神（二）").replace("研究发展党员", "研究预备党员转正")
                    .encode("gbk"))
    db = tmp_path / "a.json"
    assert "已导入2条记录" in auditor("import", str(utf8), db=db, check=True).stdout
    assert "已导入2条记录" in auditor("import", str(gbk), db=db, check=True).stdout
    listed = json.loads(auditor("list", "--json", db=db, check=True).stdout)
    assert len(listed) == 4
    first = next(r for r in listed if r["title"] == "学习全会精神")
    assert first["topics"] == ["意识形态", "第一议题"]
    assert first["absentees"] == [{"name": "张三", "reason": "出差"}]
    assert first["date"] == "2026-01-08" and first["kind"] == "theme_day"


def test_import_with_bad_rows_stores_nothing(tmp_path: Path) -> None:
    db = tmp_path / "a.json"
    auditor("add", "--date", "2026-01-02", "--kind", "党课", "--title", "已有记录", db=db, check=True)
    before = db.read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "date,kind,title,expected,present\n"
        "2026-01-08,theme_day,ok,10,9\n"
        "2026-02-30,theme_day,bad date,10,9\n"
        "2026-03-08,座谈会,bad kind,10,9\n"
        "2026-03-09,党课,bad count,ten,9\n",
        encoding="utf-8",
    )
    proc = auditor("import", str(bad), db=db)
    assert proc.returncode == 2
    for phrase in ("第3行“日期”", "第4行“类型”", "第5行“应到人数”", "未导入任何记录"):
        assert phrase in proc.stderr
    assert db.read_bytes() == before


def test_rules_show_names_where_values_come_from(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "local.yaml").write_text("override:\n  branch.party-lesson:\n    requirement: {min: 2}\n",
                                      encoding="utf-8")
    proc = auditor("--rules", str(rules), "rules", "show", "branch.party-lesson", db=tmp_path / "a.json",
                   check=True)
    assert "min: 2" in proc.stdout
    assert "local.yaml:3" in proc.stdout and "02-branch.yaml" in proc.stdout


def test_init_profile_is_shown_by_check(tmp_path: Path) -> None:
    db = tmp_path / "a.json"
    auditor("init", "--unit-name", "某某县财政局", "--branch-name", "某某县财政局机关党支部",
            "--secretary", "王建国", "--superior", "县直机关工委", "--packs", "ideology,branch", db=db, check=True)
    proc = auditor("check", "--period", "2026H1", "--as-of", "2026-07-01", "--json", db=db)
    doc = json.loads(proc.stdout)
    assert doc["unit"] == "某某县财政局机关党支部"
    assert {r["pack"] for r in doc["results"]} == {"ideology", "branch"}


def test_check_does_not_import_textual_or_reportlab(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from auditor.cli.main import run\n"
        "try:\n"
        "    run(['check', '--json', '--period', '2026H1', '--as-of', '2026-07-01'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('textual', 'reportlab', 'openpyxl', 'icalendar', 'docx') if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "AUDITOR_DB": str(tmp_path / "a.json")})
    assert "HEAVY []" in proc.stderr, proc.stderr


def test_demo_check_as_of_shows_every_core_status(tmp_path: Path) -> None:
    db = tmp_path / "demo" / "auditor.json"
    auditor("demo", db=db, check=True)
    doc = json.loads(auditor("check", "--as-of", "2026-11-22", "--json", db=db).stdout)
    assert doc["period"] == "2026H2"
    statuses = {r["status"] for r in doc["results"]}
    assert {"met", "not_met", "at_risk", "on_track", "overdue"} <= statuses
    year = json.loads(auditor("check", "--period", "2026", "--as-of", "2026-11-22", "--json", db=db).stdout)
    report = next(r for r in year["results"] if r["rule"] == "ideology.report-to-superior")
    assert [w["status"] for w in report["windows"]] == ["late", "at_risk"]
    again = auditor("demo", db=db)
    assert again.returncode == 2 and "已存在" in again.stderr
