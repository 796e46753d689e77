"""The report's appendices for explanations and members' attendance, on the demo database."""

from __future__ import annotations

from pathlib import Path

from helpers import DEMO_AS_OF
from pypdf import PdfReader

from auditor.periods import parse_period
from auditor.report import write_report
from auditor.report.annexes import waiver_table
from auditor.report.data import collect
from auditor.session import Session


def test_waivers_bearing_on_the_period_are_listed(demo_db: Path) -> None:
    session = Session(demo_db)
    # the theme-day explanation covered January-February 2026: the year lists it, H2 does not
    h2 = collect(session, parse_period("2026H2"), DEMO_AS_OF)
    assert waiver_table(h2) is None
    y2026 = waiver_table(collect(session, parse_period("2026"), DEMO_AS_OF))
    assert y2026 is not None and [(r.cells[0], r.cells[1], r.cells[-1]) for r in y2026.rows] == [
        ("主题党日", "各时段", "至2026-02-28（已到期）")]
    year = waiver_table(collect(session, parse_period("2025"), DEMO_AS_OF))
    assert year is not None and [r.cells[1] for r in year.rows] == ["2025Q1", "2025Q3"]
    session.store.add_waiver_item({"rule": "branch.cell-meeting", "reason": "支部调整", "approved_by": "机关党委",
                                   "approved_on": "2027-01-05"})
    later = waiver_table(collect(Session(demo_db), parse_period("2026"), DEMO_AS_OF))
    assert later is not None and len(later.rows) == 1  # approved after as_of: not yet on record


def test_attendance_rows_only_with_a_roster(demo_db: Path, tmp_path: Path) -> None:
    data = collect(Session(demo_db), parse_period("2026H2"), DEMO_AS_OF)
    rows = {r.member.name: r for r in data.attendance}
    assert len(rows) == 15 and rows["何磊"].attended == 0 and rows["何磊"].streak.months == 6
    empty = Session(tmp_path / "e" / "auditor.json")
    empty.store.add({"date": "2026-07-10", "kind": "theme_day", "title": "七月主题党日", "attendees": ["张三"]})
    assert collect(empty, parse_period("2026H2"), DEMO_AS_OF).attendance == ()


def test_pdf_has_both_appendices_with_names_but_no_contact_details(demo_db: Path, tmp_path: Path) -> None:
    session = Session(demo_db)
    session.store.update_member("王建国", {"phone": "13900000000"})
    pdf = write_report(Session(demo_db), parse_period("2026"), DEMO_AS_OF, tmp_path / "r.pdf",
                       reproducible=True)
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(pdf).pages)  # wrapped cells join up
    assert "附件4" in text and "情况说明" in text and "1—2月流感高发" in text and "已到期" in text
    assert "附件5" in text and "党员参加组织生活情况" in text and "8个月（请假）" in text
    assert "13900000000" not in text


def test_attendance_annex_says_how_many_records_named_nobody(demo_db: Path) -> None:
    from auditor.report.annexes import annexes

    session = Session(demo_db)
    before = collect(session, parse_period("2026H2"), DEMO_AS_OF)
    session.store.add({"date": "2026-10-15", "kind": "theme_day", "title": "十月第二次主题党日"})
    after = collect(Session(demo_db), parse_period("2026H2"), DEMO_AS_OF)
    assert after.unnamed == before.unnamed + 1
    # the unnamed record changes nobody's attendance: no one reads as absent from it
    assert [(r.member.name, r.expected, r.attended) for r in after.attendance] == [
        (r.member.name, r.expected, r.attended) for r in before.attendance]
    annex = next(a for a in annexes(after) if a.title == "党员参加组织生活情况")
    note = annex.blocks[0]
    assert f"另有{after.unnamed}条组织生活记录未写明人员" in note.text  # type: ignore[union-attr]
