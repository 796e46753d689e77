"""The report's document model reads like the genre (../shared/seeds, regulations.md section 5)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import msgspec
import pytest

from auditor.periods import parse_period
from auditor.report import build_document
from auditor.report.data import collect
from auditor.report.doc import Para, ReportDoc, Table
from auditor.session import Session

RULE_ID = re.compile(r"[a-z]+\.[a-z-]+")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Session:
    from auditor.demo import build_demo

    db = tmp_path_factory.mktemp("genre") / "demo" / "auditor.json"
    build_demo(db)
    return Session(db)


def doc_of(session: Session, period: str, as_of: str, body: str = "", day: dt.date | None = None) -> ReportDoc:
    return build_document(collect(session, parse_period(period), dt.date.fromisoformat(as_of), body=body, day=day))


def all_text(doc: ReportDoc) -> str:
    parts = [p.text for p in doc.body if isinstance(p, Para)]
    for annex in doc.annexes:
        for b in annex.blocks:
            if isinstance(b, Para):
                parts.append(b.text)
            elif isinstance(b, Table):
                parts += [*b.header, *(c for r in b.rows for c in r.cells)]
    return "\n".join(parts + [doc.signature.name])


def body_text(doc: ReportDoc) -> list[str]:
    return [p.text for p in doc.body if isinstance(p, Para)]


def section(doc: ReportDoc, head: str) -> str:
    """The text from heading ``head`` to the next 一级 heading."""
    out, inside = [], False
    for p in doc.body:
        if isinstance(p, Para) and p.role == "h1":
            inside = p.text.startswith(head)
            continue
        if inside and isinstance(p, Para):
            out.append(p.text)
    return "\n".join(out)


def test_front_matter_of_the_branch_report(demo: Session) -> None:
    doc = doc_of(demo, "2026H1", "2026-07-05")
    first = doc.body[:3]
    assert isinstance(first[0], Para) and first[0].role == "title"
    assert first[0].text.replace("\n", "") == "关于2026年上半年意识形态工作责任制落实情况的自查报告"
    assert first[1].text == "中共某某县直属机关工作委员会：" and first[1].role == "addressee"  # type: ignore[union-attr]
    assert first[2].text.endswith("现将有关情况报告如下：")  # type: ignore[union-attr]
    heads = [p.text for p in doc.body if isinstance(p, Para) and p.role == "h1"]
    assert heads == ["一、主要工作开展情况", "二、存在的问题", "三、整改措施及下一步打算"]
    facts = section(doc, "一、")
    assert facts.startswith("支部现有党员15名，设党小组2个，支委5名。")
    assert doc.signature.name == "中共某某县财政局机关支部委员会" and doc.signature.day == dt.date(2026, 7, 5)


def test_basis_clause_and_report_date(demo: Session) -> None:
    demo.__dict__["profile"] = msgspec.structs.replace(demo.profile, report_notice="关于开展意识形态工作自查的通知")
    try:
        doc = doc_of(demo, "2026H1", "2026-07-05", day=dt.date(2026, 7, 8))
    finally:
        demo.reload()
    assert body_text(doc)[2].startswith("根据《关于开展意识形态工作自查的通知》要求，")
    assert doc.signature.day == dt.date(2026, 7, 8)


def test_section_one_writes_counts_by_theme_with_publicity_pieces(demo: Session) -> None:
    doc = doc_of(demo, "2026H1", "2026-07-05")
    subs = [p.text for p in doc.body if isinstance(p, Para) and p.role == "h2"]
    assert subs[:2] == ["（一）组织领导与责任落实", "（二）“三会一课”与组织生活"] and subs[-1].endswith("宣传信息")
    pieces = sum(int(r.quantity or 1) for r in demo.store.records()
                 if r.kind == "publicity_item" and dt.date(2026, 1, 1) <= r.date <= dt.date(2026, 6, 30))
    text = section(doc, "一、")
    assert f"报送宣传信息{pieces}篇" in text
    assert "召开支部党员大会2次、支部委员会会议6次、党小组会12次" in text
    assert "党组会议" not in text and "中心组" not in text  # the 党组's work, not the branch's
    assert "对照本部分" not in text and "达标" not in text  # no tallies in the body


def test_problems_are_few_statements_with_facts_and_no_open_duties(demo: Session) -> None:
    doc = doc_of(demo, "2026", "2026-11-22")
    problems = [t for t in section(doc, "二、").split("\n") if re.match(r"[一二三四五六]是", t)]
    assert 2 <= len(problems) <= 5
    assert any("8月未开展主题党日" in t for t in problems)
    two = section(doc, "二、")
    for tool_word in ("建议性要求", "有风险", "距期末", "另有", "未达标"):
        assert tool_word not in two, tool_word


def test_a_closed_period_has_no_at_risk_items(demo: Session) -> None:
    doc = doc_of(demo, "2025", "2026-01-10")
    assert "有风险" not in "\n".join(body_text(doc)) and "临期" not in "\n".join(body_text(doc))


def test_section_three_takes_the_ledger_as_of_the_date(demo: Session) -> None:
    h1 = section(doc_of(demo, "2026H1", "2026-07-05"), "三、")
    assert "9月3日支委会" not in h1 and "何磊" not in h1  # found in September and later
    year = section(doc_of(demo, "2026", "2026-11-22"), "三、")
    assert "已于2026年10月4日整改完成" in year
    assert "整改时限为2026年11月15日，目前已超期7天" in year
    assert "整改时限为2026年11月20日，目前已超期2天" in year
    assert "计划于2026年11月30日前完成" in year
    assert "下一步打算" in year and year.count("查明原因") == 0
    assert "整改状态" not in year


def test_no_rule_ids_tool_notes_or_generation_time(demo: Session) -> None:
    for args in (("2026H1", "2026-07-05"), ("2026", "2026-11-22"), ("2026", "2026-11-22", "党组")):
        text = all_text(doc_of(demo, *args))
        assert not RULE_ID.search(text), RULE_ID.search(text)
        for note in ("生成时间", "黑白打印", "×"):
            assert note not in text


def test_evidence_list_names_each_record_once_with_its_files(demo: Session) -> None:
    # a branch meeting: the 支部's report lists the 支部's records (the 中心组 is the 党组's)
    record = next(r for r in reversed(demo.store.records()) if r.kind == "theme_day")
    demo.store.update(record.id, {"evidence": ["evidence/R1/会议记录.docx", "evidence/R1/签到表.jpg"]})
    demo.reload()
    try:
        doc = doc_of(demo, "2026", "2026-11-22")
    finally:
        demo.store.update(record.id, {"evidence": []})
        demo.reload()
    listing = doc.annexes[2]
    assert listing.title == "佐证材料清单"
    table = listing.blocks[0]
    assert isinstance(table, Table)
    keys = [(r.cells[1], r.cells[3]) for r in table.rows]
    assert len(keys) == len(set(keys)) > 50
    assert any(r.cells[4] == "会议记录.docx；签到表.jpg" for r in table.rows)


def test_the_organ_summary_is_shaped_like_the_seed(demo: Session) -> None:
    doc = doc_of(demo, "2026H1", "2026-07-05", body="党组")
    text = body_text(doc)
    assert text[0].replace("\n", "") == "关于2026年上半年意识形态工作情况的报告" and text[1] == "中共某某县委："
    assert "在中共某某县委的正确领导下" in text[2]
    heads = [p.text for p in doc.body if isinstance(p, Para) and p.role == "h1"]
    assert heads[:2] == ["一、强化组织领导，压实工作责任", "二、强化理论武装，抓实学习教育"]
    assert heads[-2:] == [f"{heads[-2][0]}、存在的问题和不足", f"{heads[-1][0]}、下一步工作打算"]
    study = section(doc, "二、")
    assert re.search(r"党组开展理论学习中心组学习\d+次", study) and "机关党支部召开支部党员大会" in study
    assert doc.signature.name == "中共某某县财政局党组"


def test_hostile_and_long_text_stays_plain(tmp_path: Path) -> None:
    from auditor.model import UnitProfile

    session = Session(tmp_path / "db.json")
    session.store.set_profile(UnitProfile(branch_name="<i>A&B</i>党支部", report_title="题" * 1500))
    session.reload()
    session.store.add({"date": "2026-03-05", "kind": "theme_day", "title": "x" * 2000, "host": "主" * 800})
    doc = doc_of(session, "2026H1", "2026-06-30")
    assert doc.title == "题" * 1500
    listing = doc.annexes[2].blocks[0]
    assert isinstance(listing, Table) and listing.rows[0].cells[3].endswith("等")
    assert len(listing.rows[0].cells[3]) <= 120
