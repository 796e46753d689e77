"""Import of real 台账 sheets: a title row, 序号, short and merged headers, serial dates, every error at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from helpers import cli

from auditor.store.store import Store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "auditor.json"


def _ledger_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    """A sheet as secretaries keep it: a merged title row, a two-row header with 人数 over 应到/实到."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["某某支部2026年活动台账"])
    ws.merge_cells("A1:H1")
    ws.append(["序号", "日期", "会议名称", "会议类型", "人数", None, "备注", None])
    ws.append([None, None, None, None, "应到", "实到", None, None])
    for cell in ("A2:A3", "B2:B3", "C2:C3", "D2:D3", "G2:G3"):
        ws.merge_cells(cell)
    ws.merge_cells("E2:F2")
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_a_real_ledger_sheet_imports_and_dry_run_shows_the_mapping(db: Path, tmp_path: Path) -> None:
    src = _ledger_xlsx(tmp_path / "台账.xlsx", [
        [1, 46345, "学习全会精神", "主题党日", 12, 10, "两人补学", None],
        [2, dt.datetime(2026, 3, 5), "研究发展党员", "支委会", 5, 5, None, None],
        [None, None, None, None, None, None, None, None],
    ])
    code, out, err = cli(db, "import", str(src), "--dry-run")
    assert code == 0, err
    assert "表头在第2—3行（两行表头）；上方的“某某支部2026年活动台账”视为标题，不导入。" in out
    for line in ("A列 序号 → 不导入（序号列）", "B列 日期 → 日期", "C列 会议名称 → 主题", "D列 会议类型 → 类型",
                 "E列 人数/应到 → 应到人数", "F列 实到 → 实到人数", "G列 备注 → 内容摘要（写在摘要之后）",
                 "空列（H）不导入"):
        assert line in out
    assert "第4行  2026-11-19  主题党日  学习全会精神" in out
    assert not db.exists() or Store(db).records() == []

    code, out, err = cli(db, "import", str(src))
    assert code == 0, err
    records = sorted(Store(db).records(), key=lambda r: r.date)
    assert [(r.date, r.kind, r.expected, r.present, r.summary) for r in records] == [
        (dt.date(2026, 3, 5), "committee_meeting", 5, 5, ""),
        (dt.date(2026, 11, 19), "theme_day", 12, 10, "两人补学"),
    ]


def test_every_unknown_column_is_named_at_once(db: Path, tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_text("序号,日期,会议名称,会议类型,地址,级别\n1,2026-03-05,学习,主题党日,三楼,县级\n", encoding="utf-8")
    code, _, err = cli(db, "import", str(src))
    assert code == 2
    assert "第1行（表头）：有不认识的列名“地址”（E列）“级别”（F列）" in err
    assert "序号" not in err.split("：", 2)[2].split("；")[0]


def test_short_headers_time_as_date_and_remarks_join_the_summary(db: Path, tmp_path: Path) -> None:
    src = tmp_path / "b.csv"
    src.write_text("时间,会议名称,会议类型,应到,实到,内容摘要,备注\n"
                   "2026年3月5日,学习全会精神,主题党日,12,10,传达学习,两人出差\n", encoding="utf-8")
    code, _, err = cli(db, "import", str(src))
    assert code == 0, err
    (r,) = Store(db).records()
    assert (r.date, r.title, r.expected, r.present) == (dt.date(2026, 3, 5), "学习全会精神", 12, 10)
    assert r.summary == "传达学习\n备注：两人出差"


def test_every_bad_field_of_a_row_is_reported_at_once(db: Path, tmp_path: Path) -> None:
    src = tmp_path / "c.csv"
    src.write_text("日期,会议名称,会议类型,应到,实到\n2026-13-05,学习,主题党日党,12,13\n2026-01-05,,主题党日,5,4\n",
                   encoding="utf-8")
    code, _, err = cli(db, "import", str(src))
    assert code == 2
    assert "有4处问题，未导入任何记录" in err
    assert "第2行“日期”：日期“2026-13-05”不是有效日期" in err
    assert "第2行“会议类型（类型）”：不认识的活动类型“主题党日党”" in err
    assert "第2行“实到（实到人数）”：实到人数（13）不能多于应到人数（12）" in err
    assert "第3行“会议名称（主题）”：主题为必填项" in err
    assert not db.exists() or Store(db).records() == []


def test_an_empty_headed_column_with_content_is_refused_not_dropped(db: Path, tmp_path: Path) -> None:
    src = tmp_path / "d.csv"
    src.write_text("日期,类型,主题,\n2026-03-05,主题党日,学习,王书记讲话\n", encoding="utf-8")
    code, _, err = cli(db, "import", str(src))
    assert code == 2
    assert "D列没有列名，第2行却有内容“王书记讲话”" in err


def test_an_export_with_unit_kinds_imports_whole_into_a_new_database(tmp_path: Path) -> None:
    old, new = tmp_path / "old" / "a.json", tmp_path / "new" / "b.json"
    assert cli(old, "demo")[0] == 0
    export = tmp_path / "全部.json"
    assert cli(old, "export", str(export))[0] == 0

    code, _, err = cli(new, "import", str(export))
    assert code == 2
    assert "活动类型“quarterly_ideology_report”是原单位规则目录“rules”自定义的" in err
    assert "--with-rules" in err and "--rules" in err
    assert not new.exists() or Store(new).records() == []

    code, out, err = cli(new, "import", str(export), "--with-rules")
    assert code == 0, err
    assert "已导入原单位的规则目录" in out
    assert len(Store(new).records()) == len(Store(old).records())
    assert Store(new).profile().branch_name == Store(old).profile().branch_name
    assert "意识形态季度报告" in cli(new, "kinds")[1]


def test_a_refused_import_with_rules_leaves_the_profile_as_it_was(tmp_path: Path) -> None:
    import json

    old, new = tmp_path / "old" / "a.json", tmp_path / "new" / "b.json"
    assert cli(old, "demo")[0] == 0
    export = tmp_path / "全部.json"
    assert cli(old, "export", str(export))[0] == 0
    data = json.loads(export.read_text(encoding="utf-8"))
    data["records"][0]["date"] = "2026-02-30"
    export.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert cli(new, "init", "--unit-name", "某某县教育局")[0] == 0
    before = Store(new).profile()

    code, out, err = cli(new, "import", str(export), "--with-rules")
    assert code == 2 and "已导入原单位的规则目录" not in out
    after = Store(new).profile()
    assert after.rules_dirs == before.rules_dirs and after.branch_name == before.branch_name
    assert Store(new).records() == []
