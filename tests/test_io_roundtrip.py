"""Import and export: CSV (UTF-8, BOM, GBK), Excel and JSON round trips, bad rows, duplicates."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from helpers import rec

from auditor.io import export as ex
from auditor.io.importing import plan_import
from auditor.io.tabular import ImportProblems
from auditor.model import Absentee, Record, UnitProfile
from auditor.rulebook.kinds import Vocabulary
from auditor.rulebook.loader import RuleSet
from auditor.store.store import Store

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def vocab(shipped_rules: RuleSet) -> Vocabulary:
    return shipped_rules.vocabulary


def sample_records() -> list[Record]:
    return [
        rec("2026-03-05", "theme_day", "学习党的二十届四中全会精神", id="R00001", time="14:30-16:00",
            topics=("意识形态", "第一议题"), host="王建国", recorder="李秀兰", expected=12, present=10,
            absentees=(Absentee("张三", "出差"), Absentee("李四", "")), location="局三楼会议室",
            summary="传达学习，交流发言。\n第二段"),
        rec("2026-04-10", "party_lesson", "=HYPERLINK(\"http://x\")", id="R00002", host="-王", summary="@提醒",
            duration_days=0.5, quantity=3.0, covers="2026Q2", evidence=("evidence/R00002/纪要.pdf",)),
    ]


def _comparable(r: Record) -> Record:
    """What survives a CSV/Excel round trip: everything but bookkeeping and the id."""
    import msgspec

    return msgspec.structs.replace(r, id="", created="", updated="")


def _import(path: Path, vocab: Vocabulary, existing: list[Record] | None = None) -> list[Record]:
    import msgspec

    plan = plan_import(path, vocab, TODAY, existing or [])
    return [msgspec.convert({**doc, "id": doc.get("id", "")}, Record, strict=False) for doc in plan.docs]


def test_csv_export_is_excel_friendly_and_neutralises_formulas(vocab: Vocabulary) -> None:
    raw = ex.to_csv(sample_records(), vocab)
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel on Chinese Windows reads UTF-8
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("编号,日期,时间,类型,主题")
    assert "主题党日" in text and "张三（出差）；李四" in text
    assert "'=HYPERLINK" in text and "'-王" in text and "'@提醒" in text
    assert ",=" not in text


def test_csv_round_trip_gives_back_the_records(tmp_path: Path, vocab: Vocabulary) -> None:
    path = tmp_path / "out.csv"
    path.write_bytes(ex.to_csv(sample_records(), vocab))
    back = _import(path, vocab)
    assert [_comparable(r) for r in back] == [_comparable(r) for r in sample_records()]


def test_gbk_and_bom_input_read_the_same(tmp_path: Path, vocab: Vocabulary) -> None:
    body = "日期,类型,主题,议题标签,缺席人员\n2026年3月5日,主题党日,学习全会精神,意识形态、第一议题,张三（出差）\n"
    gbk, bom, plain = tmp_path / "g.csv", tmp_path / "b.csv", tmp_path / "p.csv"
    gbk.write_bytes(body.encode("gbk"))
    bom.write_bytes(body.encode("utf-8-sig"))
    plain.write_bytes(body.encode("utf-8"))
    results = [_import(p, vocab) for p in (gbk, bom, plain)]
    assert results[0] == results[1] == results[2]
    r = results[0][0]
    assert (r.date, r.kind, r.topics) == (dt.date(2026, 3, 5), "theme_day", ("意识形态", "第一议题"))
    assert r.absentees == (Absentee("张三", "出差"),)


def test_bad_rows_are_all_reported_with_row_and_field(tmp_path: Path, vocab: Vocabulary) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "日期,类型,主题,应到人数,实到人数\n"
        "2026-03-05,主题党日,好的一行,10,9\n"
        "2026-13-05,主题党日,坏日期,10,9\n"
        "2026-03-06,不存在的类型,坏类型,,\n"
        "2026-03-07,党课,人数不对,5,6\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportProblems) as info:
        plan_import(path, vocab, TODAY, [])
    problems = {(p.row, p.field) for p in info.value.problems}
    assert problems == {(3, "date"), (4, "kind"), (5, "present")}
    assert "第3行“日期”" in info.value.msg and "未导入任何记录" in info.value.msg


def test_duplicates_are_set_aside_unless_allowed(tmp_path: Path, vocab: Vocabulary) -> None:
    path = tmp_path / "dup.csv"
    path.write_text(
        "日期,类型,主题\n2026-03-05,主题党日,学习全会精神\n2026-03-06,党课,新的一条\n2026/3/6,党课,新的一条\n",
        encoding="utf-8",
    )
    existing = [rec("2026-03-05", "theme_day", "学习全会精神", id="R00007")]
    plan = plan_import(path, vocab, TODAY, existing)
    assert [n for n, _ in plan.new] == [3]
    assert [(d.row, d.of) for d in plan.duplicates] == [(2, "R00007"), (4, "第3行")]
    allowed = plan_import(path, vocab, TODAY, existing, allow_duplicates=True)
    assert len(allowed.new) == 3 and not allowed.duplicates


def test_excel_export_has_chinese_headers_dates_widths_and_no_formulas(tmp_path: Path, vocab: Vocabulary) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "out.xlsx"
    ex.write_xlsx(path, sample_records(), vocab)
    ws = load_workbook(path).worksheets[0]
    headers = [c.value for c in ws[1]]
    assert headers[:5] == ["编号", "日期", "时间", "类型", "主题"]
    date_cell = ws.cell(row=2, column=2)
    assert isinstance(date_cell.value, dt.datetime) and date_cell.value.date() == dt.date(2026, 3, 5)
    assert date_cell.number_format == "yyyy-mm-dd"
    title_cell = ws.cell(row=3, column=5)
    assert title_cell.value == '=HYPERLINK("http://x")' and title_cell.data_type == "s"
    assert ws.cell(row=2, column=9).value == 12  # 应到人数 is a number
    title_width = ws.column_dimensions["E"].width
    assert title_width is not None and title_width >= 26  # 13 Chinese characters need 26 cells


def test_excel_round_trip_gives_back_the_records(tmp_path: Path, vocab: Vocabulary) -> None:
    path = tmp_path / "out.xlsx"
    ex.write_xlsx(path, sample_records(), vocab)
    back = _import(path, vocab)
    assert [_comparable(r) for r in back] == [_comparable(r) for r in sample_records()]


def test_excel_bad_rows_name_the_excel_row(tmp_path: Path, vocab: Vocabulary) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["日期", "类型", "主题"])
    ws.append([dt.date(2026, 3, 5), "主题党日", "好"])
    ws.append(["三月五日", "主题党日", "坏"])
    path = tmp_path / "in.xlsx"
    wb.save(path)
    with pytest.raises(ImportProblems) as info:
        plan_import(path, vocab, TODAY, [])
    assert [(p.row, p.field) for p in info.value.problems] == [(3, "date")]


def test_json_export_then_import_into_an_empty_database_gives_the_same_records(
    tmp_path: Path, vocab: Vocabulary
) -> None:
    source = Store(tmp_path / "a" / "auditor.json")
    import msgspec

    from auditor.model import record_to_doc

    docs = [{k: v for k, v in record_to_doc(r).items() if k not in ("id", "created", "updated")}
            for r in sample_records()]
    originals = source.add_many(docs)
    source.delete(originals[0].id)
    source.restore_record(originals[0].id)
    path = tmp_path / "export.json"
    path.write_bytes(ex.to_json(source.records(), UnitProfile(unit_name="某局"), [], "2026-11-22T10:00:00+08:00"))
    target = Store(tmp_path / "b" / "auditor.json")
    plan = plan_import(path, vocab, TODAY, target.records())
    assert plan.keep_ids
    target.add_many(plan.docs, note="从 export.json 导入", keep_ids=True)
    assert target.records() == source.records()
    assert json.loads(path.read_text(encoding="utf-8"))["profile"]["unit_name"] == "某局"
    # importing the same file again adds nothing: every id is already there
    again = plan_import(path, vocab, TODAY, target.records())
    assert not again.new and len(again.duplicates) == 2
    assert msgspec.to_builtins(target.records()) == msgspec.to_builtins(source.records())


def test_json_import_reports_bad_records(tmp_path: Path, vocab: Vocabulary) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"records": [
        {"id": "R00001", "date": "2026-03-05", "kind": "theme_day", "title": "好"},
        {"id": "R00002", "date": "三月", "kind": "theme_day", "title": "坏日期"},
        {"id": "R00003", "date": "2026-03-05", "kind": "no_such_kind", "title": "坏类型"},
    ]}, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ImportProblems) as info:
        plan_import(path, vocab, TODAY, [])
    assert [(p.row, p.field) for p in info.value.problems] == [(2, "date"), (3, "kind")]
    assert "第2条" in info.value.msg
