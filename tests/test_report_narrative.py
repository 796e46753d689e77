"""The body text of the 自查报告, checked without drawing a PDF."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import DEMO_AS_OF

from auditor.engine.assessment import Status
from auditor.model import UnitProfile
from auditor.periods import parse_period
from auditor.report import default_filename
from auditor.report.data import collect, in_period
from auditor.report.narrative import body, next_steps, problems, span, work_done, zh_number
from auditor.session import Session


@pytest.fixture
def h1(demo_db: Path):  # type: ignore[no-untyped-def]
    session = Session(demo_db)
    return session, collect(session, parse_period("2026H1"), DEMO_AS_OF, "固定")


def test_zh_numbers_and_spans() -> None:
    assert [zh_number(n) for n in (1, 9, 10, 12, 20, 25)] == ["一", "九", "十", "十二", "二十", "二十五"]
    h1 = parse_period("2026H1")
    assert span(h1, dt.date(2026, 11, 22)) == "1—6月"
    assert span(parse_period("2026H2"), dt.date(2026, 11, 22)) == "7月1日至11月22日"
    assert span(parse_period("2026"), dt.date(2027, 1, 5)) == "1—12月"


def test_counts_are_written_from_the_records_like_the_seeds(h1) -> None:  # type: ignore[no-untyped-def]
    session, data = h1
    records = in_period(session.store.records(), data.period, data.as_of)
    counts = Counter(r.kind for r in records)
    text = "".join(p for sub in work_done(data).subsections for p in sub.paragraphs)
    # The genre: "1—6月，召开支部党员大会2次、支部委员会会议6次……"
    assert "1—6月，召开" in text
    for kind in ("general_meeting", "committee_meeting", "cell_meeting", "theme_day"):
        assert counts[kind] > 0
        assert f"{session.vocabulary.label(kind)}{counts[kind]}次" in text
    # the 中心组 is the 党组's: the branch's report does not claim its sessions
    assert counts["central_group_study"] > 0 and "中心组学习" not in text
    assert f"讲授党课{counts['party_lesson']}次" in text


def test_each_pack_has_its_subsection_with_a_status_tally(h1) -> None:  # type: ignore[no-untyped-def]
    _, data = h1
    section = work_done(data)
    titles = [t for _, t, _ in data.assessment.by_pack()]
    assert [s.heading for s in section.subsections] == [f"（{zh_number(i)}）{t}" for i, t in enumerate(titles, 1)]
    for sub, (_, _, results) in zip(section.subsections, data.assessment.by_pack(), strict=True):
        assert f"对照本部分{len(results)}项要求" in sub.paragraphs[-1]


def test_every_problem_gets_one_sentence(h1) -> None:  # type: ignore[no-untyped-def]
    _, data = h1
    bad = [r for r in data.assessment.results
           if r.status in (Status.NOT_MET, Status.LATE, Status.OVERDUE, Status.AT_RISK)]
    assert bad, "the demo shows problems in 2026H1"
    paras = problems(data).paragraphs
    for i, r in enumerate(bad, 1):
        assert any(p.startswith(f"{zh_number(i)}是“") for p in paras)
        assert sum(f"“{r.title}”" in p for p in paras) == 1


def test_waived_windows_are_listed_with_their_reason(demo_db: Path) -> None:
    session = Session(demo_db)
    session.store.add_waiver_item({"rule": "branch.committee-quorum", "window": "2026-09",
                              "reason": "两名委员参加防汛抢险<紧急>", "approved_by": "县直机关工委",
                              "approved_on": "2026-09-05"})
    data = collect(session, parse_period("2026H2"), DEMO_AS_OF, "固定")
    assert data.assessment.result("branch.committee-quorum").windows[2].status is Status.WAIVED
    text = "\n".join(problems(data).paragraphs)
    assert "2026年9月“支委会半数以上委员到会”，说明理由：两名委员参加防汛抢险<紧急>。" in text


def test_section_three_lists_open_duties_until_a_ledger_exists(h1) -> None:  # type: ignore[no-untyped-def]
    _, data = h1
    paras = next_steps(data).paragraphs
    assert "整改台账中尚无整改事项" in paras[0]
    open_titles = [r.title for r in data.assessment.results
                   if r.status in (Status.OVERDUE, Status.NOT_MET, Status.AT_RISK, Status.ON_TRACK)]
    assert open_titles
    for title in open_titles:
        assert any(f"“{title}”" in p for p in paras)


@dataclass(frozen=True)
class Item:
    problem: str
    measure: str
    responsible: str
    deadline: dt.date
    status: str
    completed_on: dt.date | None
    rule: str


def test_section_three_takes_rectification_items(demo_db: Path) -> None:
    session = Session(demo_db)
    items = [
        Item("8月未开展主题党日", "9月补开主题党日并建立提醒", "李秀兰", dt.date(2026, 9, 30), "已完成",
             dt.date(2026, 9, 20), "branch.theme-day"),
        Item("出勤率偏低", "会前逐一通知，请假须书面说明", "王建国", dt.date(2026, 12, 31), "整改中", None,
             "branch.party-lesson-attendance"),
    ]
    data = collect(session, parse_period("2026H2"), DEMO_AS_OF, "固定", items)
    paras = next_steps(data).paragraphs
    assert not any("尚无整改事项" in p for p in paras)
    assert paras[1] == ("一是针对“主题党日”：8月未开展主题党日，整改措施：9月补开主题党日并建立提醒；"
                        "责任人：李秀兰，完成时限：2026年9月30日，整改状态：已完成，2026年9月20日完成。")
    assert "整改状态：整改中" in paras[2] and "“党课参学率”" in paras[2]
    # open duties no item answers are still listed, the answered ones are not
    rest = "\n".join(paras[3:])
    assert paras[3] == "此外，下列尚未完成的工作还需明确整改措施：" and "“组织生活会”" in rest
    assert "“主题党日”" not in rest and "“中心组学习出勤率”" not in rest


def test_a_kind_is_counted_in_one_pack_only(h1) -> None:  # type: ignore[no-untyped-def]
    _, data = h1
    text = "".join(p for sub in work_done(data).subsections for p in sub.paragraphs)
    label = data.vocabulary.label("committee_meeting")
    assert len(re.findall(f"{label}\\d+次", text)) == 1


def test_body_has_the_three_parts_of_the_genre(h1) -> None:  # type: ignore[no-untyped-def]
    _, data = h1
    assert [s.heading for s in body(data)] == ["一、工作开展情况", "二、存在问题", "三、整改措施及下一步打算"]


def test_default_filename_is_safe() -> None:
    p = parse_period("2026H1")
    assert default_filename(UnitProfile(branch_name="某某党支部"), p) == "某某党支部_2026年上半年_意识形态工作自查报告.pdf"
    assert default_filename(UnitProfile(branch_name='a/b:c*"d"<e>'), p).startswith("a_b_c_d_e_")
    assert default_filename(UnitProfile(), p) == "本支部_2026年上半年_意识形态工作自查报告.pdf"


def test_write_report_reads_the_stores_ledger_when_there_is_one(demo_db: Path) -> None:
    from auditor.report import _stored_rectifications

    session = Session(demo_db)
    item = Item("问题", "措施", "王建国", dt.date(2026, 12, 31), "待整改", None, "branch.party-lesson")
    session.store.rectifications = lambda: [item]  # type: ignore[attr-defined,method-assign]
    assert list(_stored_rectifications(session) or ()) == [item]
    session.store.rectifications = "not callable"  # type: ignore[attr-defined,assignment]
    assert _stored_rectifications(session) is None
