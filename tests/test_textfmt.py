import datetime as dt

from auditor.textfmt import days_phrase, long_date, now_stamp, short_date


def test_chinese_dates() -> None:
    assert long_date(dt.date(2026, 11, 22)) == "2026年11月22日 星期日"
    assert short_date(dt.date(2026, 3, 5)) == "2026年3月5日"
    # 2026-12-31 20:00 UTC is 2027-01-01 04:00 in Beijing
    assert now_stamp(dt.datetime(2026, 12, 31, 20, 0, tzinfo=dt.UTC)) == "2027年1月1日 04:00"


def test_days_phrase() -> None:
    assert [days_phrase(d) for d in (0, 1, 5, -2)] == ["今天", "明天", "5天后", "已过2天"]
