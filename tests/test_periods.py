"""Period ids, labels, windows and edges (Dec 31 / Jan 1, leap day, time zone)."""

from __future__ import annotations

import datetime as dt

import pytest

from auditor.errors import InputError
from auditor.periods import make_period, parse_period, period_of, shift, today, windows


@pytest.mark.parametrize(
    "text,start,end,label",
    [
        ("2026", "2026-01-01", "2026-12-31", "2026年"),
        ("2026H1", "2026-01-01", "2026-06-30", "2026年上半年"),
        ("2026h2", "2026-07-01", "2026-12-31", "2026年下半年"),
        ("2026Q3", "2026-07-01", "2026-09-30", "2026年第三季度"),
        ("2026-05", "2026-05-01", "2026-05-31", "2026年5月"),
        ("2028-02", "2028-02-01", "2028-02-29", "2028年2月"),
        ("2026-2", "2026-02-01", "2026-02-28", "2026年2月"),
    ],
)
def test_parse_period(text: str, start: str, end: str, label: str) -> None:
    p = parse_period(text)
    assert (p.start.isoformat(), p.end.isoformat(), p.label) == (start, end, label)


@pytest.mark.parametrize("text", ["2026H3", "2026Q5", "2026-13", "26H1", "上半年", ""])
def test_bad_period_is_a_chinese_input_error(text: str) -> None:
    with pytest.raises(InputError) as err:
        parse_period(text)
    assert "2026H1" in err.value.msg and "无法识别" in err.value.msg


def test_windows_split_finer_and_hold_coarser() -> None:
    h1 = parse_period("2026H1")
    assert [w.id for w in windows(h1, "quarter")] == ["2026Q1", "2026Q2"]
    assert [w.id for w in windows(h1, "month")][-1] == "2026-06"
    assert len(windows(h1, "month")) == 6
    assert [w.id for w in windows(h1, "year")] == ["2026"]
    assert [w.id for w in windows(parse_period("2026Q3"), "half")] == ["2026H2"]


def test_year_edges_and_leap_day() -> None:
    assert period_of(dt.date(2026, 12, 31), "quarter").id == "2026Q4"
    assert period_of(dt.date(2027, 1, 1), "half").id == "2027H1"
    feb = period_of(dt.date(2028, 2, 29), "month")
    assert feb.contains(dt.date(2028, 2, 29)) and feb.days == 29
    assert make_period("quarter", 2028, 1).days == 91


def test_shift_crosses_years() -> None:
    assert shift(parse_period("2026Q4"), 1).id == "2027Q1"
    assert shift(parse_period("2026H1"), -1).id == "2025H2"
    assert shift(parse_period("2026-01"), -1).id == "2025-12"


def test_today_is_beijing_time() -> None:
    # 2026-12-31 20:00 UTC is already 2027-01-01 in Beijing.
    assert today(dt.datetime(2026, 12, 31, 20, 0, tzinfo=dt.UTC)) == dt.date(2027, 1, 1)
    assert today(dt.datetime(2026, 12, 31, 15, 59, tzinfo=dt.UTC)) == dt.date(2026, 12, 31)
