from __future__ import annotations

import datetime as dt

import pytest

from auditor.dates import parse_date
from auditor.errors import InputError

TODAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2026-03-05", "2026-03-05"),
        ("2026/3/5", "2026-03-05"),
        ("2026-3-5", "2026-03-05"),
        ("2026年3月5日", "2026-03-05"),
        ("2026.3.5", "2026-03-05"),
        ("3月5日", "2026-03-05"),
        ("今天", "2026-11-22"),
        ("昨天", "2026-11-21"),
        ("2028/2/29", "2028-02-29"),
    ],
)
def test_formats_secretaries_type(text: str, expected: str) -> None:
    assert parse_date(text, TODAY).isoformat() == expected


@pytest.mark.parametrize("text,phrase", [("2026/2/30", "不是有效日期"), ("下周三", "无法识别"), ("2026-13-01", "不是有效日期")])
def test_bad_dates_name_the_field(text: str, phrase: str) -> None:
    with pytest.raises(InputError) as err:
        parse_date(text, TODAY, where="日期")
    assert phrase in err.value.msg and text in err.value.msg
