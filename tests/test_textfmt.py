import datetime as dt

from auditor.textfmt import ago, days_phrase, due_phrase, long_date, now_stamp, short_date

BEIJING = dt.timezone(dt.timedelta(hours=8))


def test_chinese_dates() -> None:
    assert long_date(dt.date(2026, 7, 5)) == "2026年7月5日 星期日"
    assert short_date(dt.date(2026, 3, 5)) == "2026年3月5日"
    # 2026-12-31 20:00 UTC is 2027-01-01 04:00 in Beijing
    assert now_stamp(dt.datetime(2026, 12, 31, 20, 0, tzinfo=dt.UTC)) == "2027年1月1日 04:00"


def test_days_phrase() -> None:
    assert [days_phrase(d) for d in (0, 1, 5, -2)] == ["今天", "明天", "5天后", "已过2天"]


def test_a_deadline_as_a_person_reads_it() -> None:
    as_of = dt.date(2026, 7, 2)
    # today included, as the checks' "还有N天": the last day is 还有1天 there, 今天到期 here
    assert [due_phrase(as_of + dt.timedelta(days=d), as_of) for d in (3, 1, 0, -2)] == [
        "还有4天", "还有2天", "今天到期", "已逾期2天"]


def test_how_long_ago_a_change_was() -> None:
    now = dt.datetime(2026, 11, 22, 12, 0, tzinfo=BEIJING)
    assert ago("2026-11-22T10:00:00+08:00", now) == "2小时前"
    assert ago(now - dt.timedelta(days=3), now) == "3天前"
