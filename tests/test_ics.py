"""The iCalendar export: parses back, holds the deadlines, keeps its UIDs across exports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import icalendar
import pytest
from helpers import DEMO_AS_OF

from auditor.cli.main import run
from auditor.io.ics import CalendarEntry, alarm_offsets, build_ics, calendar_entries
from auditor.remind.reminders import assess_years
from auditor.remind.workdays import WorkdayCalendar
from auditor.session import Session

D = dt.date


def export(db: Path, as_of: dt.date) -> bytes:
    s = Session(db)
    cal = WorkdayCalendar()
    entries = calendar_entries(assess_years(s, (as_of.year - 1, as_of.year, as_of.year + 1), as_of), as_of, cal)
    return build_ics(entries, s.profile.display_name, as_of, cal)


def events(payload: bytes) -> dict[str, Any]:
    parsed = icalendar.Calendar.from_ical(payload)
    return {str(e["UID"]): e for e in parsed.walk("VEVENT")}


def test_export_parses_back_with_the_expected_deadlines(demo_db: Path) -> None:
    got = events(export(demo_db, DEMO_AS_OF))
    by_summary = {str(e["SUMMARY"]): e for e in got.values()}
    q4 = by_summary["截止：2026年第四季度意识形态工作情况报告（报机关党委）"]
    assert q4.decoded("DTSTART") == D(2027, 1, 6)
    assert q4.decoded("DTEND") == D(2027, 1, 7)
    assert "某某县财政局机关党支部" in str(q4["DESCRIPTION"])
    h2 = by_summary["截止：2026年下半年意识形态工作专题报告"]
    assert h2.decoded("DTSTART") == D(2026, 12, 20)
    assert "截止日为星期日" in str(h2["DESCRIPTION"])
    # November's committee meeting is still open; 2027's monthly windows are there too
    assert by_summary["截止：2026年11月支委会"].decoded("DTSTART") == D(2026, 11, 30)
    assert "截止：2027年10月主题党日" in by_summary
    # nothing before as_of, nothing more than a year ahead, no each-record checks
    starts = [e.decoded("DTSTART") for e in got.values()]
    assert min(starts) >= DEMO_AS_OF and max(starts) <= DEMO_AS_OF + dt.timedelta(days=366)
    assert not any("到会过半" in str(e["DESCRIPTION"]) for e in got.values())


def test_open_windows_ring_ahead_done_windows_do_not(demo_db: Path) -> None:
    got = {str(e["SUMMARY"]): e for e in events(export(demo_db, DEMO_AS_OF)).values()}
    committee = got["截止：2026年11月支委会"]
    triggers = [a.decoded("TRIGGER") for a in committee.walk("VALARM")]
    # Monday 11-30: 1 working day before is Friday 11-27, 5 before is Monday 11-23; both at 09:00
    assert dt.timedelta(days=-3, hours=9) in triggers
    assert dt.timedelta(days=-7, hours=9) in triggers
    done = got["已完成：2026年11月党小组会"]
    assert done.walk("VALARM") == []


def test_second_export_keeps_uids_and_raises_sequence(demo_db: Path) -> None:
    first = export(demo_db, DEMO_AS_OF)
    assert export(demo_db, DEMO_AS_OF) == first  # deterministic for a day
    a, b = events(first), events(export(demo_db, DEMO_AS_OF + dt.timedelta(days=1)))
    assert first.count(b"BEGIN:VEVENT") == len(a)  # no UID twice in one file
    shared = set(a) & set(b)
    assert len(shared) > 50
    uid = next(iter(shared))
    assert int(b[uid]["SEQUENCE"]) == int(a[uid]["SEQUENCE"]) + 1


def test_uid_names_the_unit_so_two_branches_do_not_collide(demo_db: Path, tmp_path: Path) -> None:
    from auditor.model import UnitProfile

    a = set(events(export(demo_db, DEMO_AS_OF)))
    s = Session(demo_db)
    s.store.set_profile(UnitProfile(branch_name="另一个支部", rules_dirs=("rules",)))
    b = set(events(export(demo_db, DEMO_AS_OF)))
    assert a and b and not a & b


@pytest.mark.parametrize(
    ("due", "kind", "as_of", "expected"),
    [
        # month: 5 and 1 working days before; Saturday 10-10 is worked, 10-01..07 are not
        (D(2026, 10, 12), "month", D(2026, 9, 1), [D(2026, 9, 29), D(2026, 10, 10)]),
        # an alarm that would already have rung is left out
        (D(2026, 11, 30), "month", D(2026, 11, 25), [D(2026, 11, 27)]),
    ],
)
def test_alarm_offsets_land_on_working_days_at_nine(due: dt.date, kind: str, as_of: dt.date,
                                                     expected: list[dt.date]) -> None:
    entry = CalendarEntry("u", "r", "w", kind, "s", "d", due, False)
    got = alarm_offsets(entry, as_of, WorkdayCalendar())
    start = dt.datetime.combine(due, dt.time())
    assert [start + off for off in got] == [dt.datetime.combine(d, dt.time(9)) for d in expected]


def test_cli_writes_the_file_and_still_reminds(demo_db: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out" / "党建.ics"
    with pytest.raises(SystemExit) as exit_:
        run(["--db", str(demo_db), "remind", "--as-of", DEMO_AS_OF.isoformat(), "--ics", str(target)])
    assert exit_.value.code == 1
    assert target.read_bytes() == export(demo_db, DEMO_AS_OF)
    assert "【逾期】" in capsys.readouterr().out
