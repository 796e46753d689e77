"""Record lifecycle from the command line: add/edit/show/rm/restore, import/export, attach, db."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli.main import run
from auditor.store.store import Store


def cli(db: Path, *args: str, input: str | None = None) -> tuple[int, str, str]:
    """Run `auditor --db DB ARGS` in-process through the real entry point: (exit code, stdout, stderr)."""
    code = 0
    with CliRunner().isolation(input=input) as (out, err, _):
        try:
            run(["--db", str(db), *args])
        except SystemExit as e:
            code = int(e.code or 0)
    return code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")


def ok(db: Path, *args: str, input: str | None = None) -> str:
    code, out, err = cli(db, *args, input=input)
    assert code == 0, err
    return out


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AUDITOR_USER", "李秀兰")
    return tmp_path / "data" / "auditor.json"


def test_add_edit_show_rm_restore(db: Path) -> None:
    rid = ok(db, "add", "--date", "2026-11-20", "--kind", "主题党日", "--title", "学习全会精神",
             "--expected", "12", "--present", "11", "--absentees", "张三（出差）", "--location", "三楼").strip()
    out = ok(db, "edit", rid, "--present", "12", "--absentees", "", "--location", "")
    assert out.strip() == f"已修改 {rid}：实到人数“11”→“12”；缺席人员“张三（出差）”→“”；地点“三楼”→“”"
    record = Store(db).record(rid)
    assert (record.present, record.absentees, record.location) == (12, (), "")
    shown = ok(db, "show", rid)
    assert "主题：学习全会精神" in shown and "地点：" not in shown
    assert "李秀兰  新建" in shown and "李秀兰  修改  实到人数“11”→“12”" in shown

    code, _, err = cli(db, "rm", rid, input="n\n")
    assert code == 1 and "已取消" in err
    assert Store(db).record(rid)
    assert "已删除1条记录" in ok(db, "rm", rid, input="y\n")
    assert Store(db).records() == []
    assert rid in ok(db, "list", "--deleted")
    assert "已删除" in ok(db, "show", rid)
    ok(db, "restore-record", rid)
    assert [r.id for r in Store(db).records()] == [rid]
    history = json.loads(ok(db, "show", rid, "--json"))["history"]
    assert [h["action"] for h in history] == ["create", "edit", "delete", "restore"]


def test_edit_errors_are_one_chinese_line(db: Path) -> None:
    rid = ok(db, "add", "--date", "2026-11-20", "--kind", "党课", "--title", "讲党课").strip()
    code, _, err = cli(db, "edit", rid)
    assert code == 2 and "没有给出要修改的字段" in err
    code, _, err = cli(db, "edit", rid, "--title", "")
    assert code == 2 and "主题为必填项" in err
    code, _, err = cli(db, "edit", "R09999", "--title", "x")
    assert code == 2 and "没有编号为 R09999" in err
    assert "Traceback" not in err


def _csv(path: Path, rows: str, encoding: str = "utf-8-sig") -> Path:
    path.write_bytes(("日期,类型,主题,主持人\n" + rows).encode(encoding))
    return path


def test_import_dry_run_writes_nothing_and_duplicates_are_skipped(db: Path, tmp_path: Path) -> None:
    ok(db, "add", "--date", "2026-03-05", "--kind", "主题党日", "--title", "学习全会精神")
    before = db.read_bytes()
    src = _csv(tmp_path / "上半年.csv", "2026-03-05,主题党日,学习全会精神,王建国\n2026-03-09,党课,讲党课,王建国\n",
               encoding="gbk")
    out = ok(db, "import", str(src), "--dry-run")
    assert "第3行  2026-03-09  党课  讲党课" in out
    assert "与 R00001 重复" in out and "将跳过" in out and "可导入1条记录，跳过重复1条（预览，未写入）" in out
    assert db.read_bytes() == before
    out = ok(db, "import", str(src))
    assert "已导入1条记录（R00002—R00002），跳过重复1条" in out
    assert [h.note for h in Store(db).history("R00002")] == ["从 上半年.csv 导入"]
    out = ok(db, "import", str(src), "--allow-duplicates")
    assert "已导入2条记录" in out
    assert len(Store(db).records()) == 4
    assert any(b.reason == "import" for b in __import__("auditor.store.backup").store.backup.list_backups(db))


def test_import_bad_rows_exit_2_and_store_nothing(db: Path, tmp_path: Path) -> None:
    ok(db, "add", "--date", "2026-03-05", "--kind", "主题党日", "--title", "已有")
    before = db.read_bytes()
    src = _csv(tmp_path / "bad.csv", "2026-03-06,党课,好\n2026-02-30,党课,坏日期\n")
    code, _, err = cli(db, "import", str(src))
    assert code == 2 and "第3行“日期”" in err and "未导入任何记录" in err
    assert db.read_bytes() == before


def test_export_formats_and_json_back_into_an_empty_database(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    ok(demo_db, "export", str(out / "h1.csv"), "--period", "2026H1")
    ok(demo_db, "export", str(out / "all.xlsx"))
    ok(demo_db, "export", str(out / "all.json"))
    source = Store(demo_db).records()
    h1 = [r for r in source if r.date.year == 2026 and r.date.month <= 6]
    csv_lines = (out / "h1.csv").read_bytes().decode("utf-8-sig").splitlines()
    assert len(csv_lines) == len(h1) + 1
    fresh = tmp_path / "fresh" / "auditor.json"
    code, _, err = cli(fresh, "import", str(out / "all.json"))
    assert code == 2 and "quarterly_ideology_report" in err and "--rules" in err  # a local kind
    local = ["--rules", str(demo_db.parent / "rules")]
    assert "已导入" in ok(fresh, *local, "import", str(out / "all.json"))
    assert Store(fresh).records() == source
    again = tmp_path / "again" / "auditor.json"
    assert f"已导入{len(source)}条记录" in ok(again, *local, "import", str(out / "all.xlsx"))
    assert [(r.date, r.kind, r.title) for r in Store(again).records()] == [
        (r.date, r.kind, r.title) for r in sorted(source, key=lambda r: (r.date, r.id))]


def test_attach_copies_evidence_and_db_check_reports_missing_files(db: Path, tmp_path: Path) -> None:
    rid = ok(db, "add", "--date", "2026-11-20", "--kind", "支委会", "--title", "研究发展党员").strip()
    minutes = tmp_path / "会议记录.pdf"
    minutes.write_bytes(b"%PDF-1.4 minutes")
    out = ok(db, "attach", rid, str(minutes))
    assert "新增佐证材料1个" in out
    copied = db.parent / "evidence" / rid / "会议记录.pdf"
    assert copied.read_bytes() == minutes.read_bytes()
    assert Store(db).record(rid).evidence == (f"evidence/{rid}/会议记录.pdf",)
    assert "新增佐证材料0个" in ok(db, "attach", rid, str(minutes))  # same file twice: kept once
    assert "db check" not in ok(db, "show", rid)
    copied.unlink()
    assert "（文件不存在）" in ok(db, "show", rid)
    code, out, _ = cli(db, "db", "check")
    assert code == 0 and f"记录 {rid} 的佐证材料 evidence/{rid}/会议记录.pdf 找不到" in out


def test_db_check_corrupt_file_then_restore(db: Path) -> None:
    ok(db, "add", "--date", "2026-11-20", "--kind", "党课", "--title", "一")
    ok(db, "add", "--date", "2026-11-21", "--kind", "党课", "--title", "二")
    assert "数据文件完好" in ok(db, "db", "check")
    raw = db.read_bytes()
    db.write_bytes(raw[:-40])
    code, out, _ = cli(db, "db", "check")
    assert code == 1 and "已损坏" in out and "最新的完好备份" in out
    code, _, err = cli(db, "add", "--date", "2026-11-22", "--kind", "党课", "--title", "三")
    assert code == 2 and "已损坏" in err and "auditor db restore" in err
    assert db.read_bytes() == raw[:-40]
    code, _, err = cli(db, "db", "restore", input="n\n")
    assert code == 1 and db.read_bytes() == raw[:-40]
    out = ok(db, "db", "restore", "--yes")
    assert "已恢复，现有1条记录" in out and "原文件已另存为" in out
    assert [r.title for r in Store(db).records()] == ["一"]  # the daily backup: before the second add
    assert "数据文件完好" in ok(db, "db", "check")
    listed = ok(db, "db", "backups")
    assert "恢复前" in listed and "已损坏" in listed


def test_a_second_writer_is_told_who_holds_the_lock(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from auditor.store.locking import writer_lock

    ok(db, "add", "--date", "2026-11-20", "--kind", "党课", "--title", "一")
    monkeypatch.setattr("auditor.store.store.LOCK_TIMEOUT", 0.2)
    with writer_lock(db, timeout=1):
        code, _, err = cli(db, "add", "--date", "2026-11-21", "--kind", "党课", "--title", "二")
        assert len(Store(db).records()) == 1  # readers are not blocked
    assert code == 2 and f"进程 {os.getpid()}" in err and "请等它完成或关闭它后重试" in err


def test_export_json_to_stdout(db: Path) -> None:
    ok(db, "add", "--date", "2026-11-20", "--kind", "党课", "--title", "讲党课", "--summary", "=1+1")
    out = json.loads(ok(db, "export", "-"))
    assert out["format"] == "auditor-export" and [r["title"] for r in out["records"]] == ["讲党课"]
    assert out["records"][0]["summary"] == "=1+1"  # JSON keeps text as it is; only CSV neutralises
    csv_text = ok(db, "export", "-", "--format", "csv")
    assert "'=1+1" in csv_text
