"""Seeded synthetic logs that look like real branch logs: N units x Y years of records.

One unit-year is about 300 records: the monthly 支委会/主题党日/党小组会, quarterly
党员大会/党课, central-group study with its days, the half-yearly ideology reports and
meetings, the yearly 组织生活会/民主评议/述职, plus many talks and publicity items.
Each unit has its own people, diligence and habits, so the log has realistic gaps:
skipped months, late reports (sent in July with ``covers``), thin quorums, minutes
without a recorder, meetings without the 第一议题 tag.

Documents are dicts as ``Store.add_many`` takes them (kind ids, ISO dates); the same
``seed`` always gives the same documents.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import random
from collections.abc import Sequence
from typing import Any

import chinese_calendar

from bench import texts

AS_OF = dt.date(2026, 11, 22)
"""The day the benchmarks judge as of (the demo's day, so every status appears)."""
YEARS = (2025, 2026)


class _Unit:
    """One branch: its people and habits, drawn once from the seed."""

    def __init__(self, rng: random.Random, index: int) -> None:
        self.rng = rng
        self.name = texts.unit_name(index)
        self.location = rng.choice(texts.ROOMS)
        members = rng.randint(12, 40)
        self.people = texts.names(rng, members + 6)
        self.members = self.people[:members]
        self.committee = self.members[: rng.randint(3, 7)]
        self.secretary = self.committee[0]
        self.recorder = self.committee[1]
        self.cells = [self.members[i::n] for n in [max(1, min(5, members // 8))] for i in range(n)]
        self.leaders = self.people[members:]
        self.skip = rng.uniform(0.0, 0.1)
        """Chance of skipping any one routine meeting: diligent units near 0, lax ones 0.1."""
        self.sloppy = rng.uniform(0.0, 0.08)
        """Chance of minutes without recorder, counts or reasons."""

    def absent(self, pool: Sequence[str]) -> tuple[int, int, list[dict[str, str]]]:
        """expected, present and absentees with reasons for a meeting of ``pool``."""
        rng = self.rng
        # usual leave keeps more than half present, as small committees take care to do
        n_absent = min((len(pool) - 1) // 2, rng.choice((0, 0, 0, 1, 1, 2, 3)))
        if rng.random() < 0.03:  # the thin meeting that fails a quorum or attendance rule
            n_absent = len(pool) // 2 + 1
        gone = rng.sample(list(pool), n_absent)
        absentees = [{"name": p, "reason": rng.choice(texts.REASONS)} for p in gone]
        return len(pool), len(pool) - n_absent, absentees


@functools.cache
def _workday(day: dt.date) -> bool:
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:  # years the holiday tables do not cover yet
        return day.weekday() < 5


def _day(rng: random.Random, year: int, month: int, lo: int = 1, hi: int = 28) -> dt.date:
    """A working day in ``[lo, hi]`` of the month (meetings skip weekends and holidays)."""
    for _ in range(20):
        day = dt.date(year, month, rng.randint(lo, hi))
        if _workday(day):
            return day
    return dt.date(year, month, lo)


def _meeting(
    u: _Unit, day: dt.date, kind: str, title: str, pool: Sequence[str], *, host: str = "",
    topics: Sequence[str] = (), summary: str = "", time: str = "14:30-16:30",
) -> dict[str, Any]:
    expected, present, absentees = u.absent(pool)
    doc: dict[str, Any] = {
        "date": day.isoformat(), "time": time, "kind": kind, "title": title,
        "topics": list(topics), "host": host or u.secretary, "recorder": u.recorder,
        "expected": expected, "present": present, "absentees": absentees,
        "location": u.location, "summary": summary,
    }
    if u.rng.random() < u.sloppy:  # minutes missing one of their required elements
        gap = u.rng.choice(("recorder", "expected", "absentees"))
        doc[gap] = "" if gap == "recorder" else None if gap == "expected" else [
            {"name": a["name"], "reason": ""} for a in absentees
        ]
    return doc


def _first_agenda(u: _Unit, *extra: str) -> list[str]:
    topics = ["第一议题"] if u.rng.random() > 0.1 else []
    return topics + list(extra)


def _monthly(u: _Unit, year: int, month: int) -> list[dict[str, Any]]:
    rng, out = u.rng, []
    # August and the Spring Festival month are when branches most often skip.
    skip = u.skip * (2.5 if month in (2, 8) else 1.0)
    if rng.random() > skip:
        ideology = month in (3, 9) or rng.random() < 0.05
        out.append(_meeting(
            u, _day(rng, year, month, 1, 12), "committee_meeting", f"{month}月支委会：{rng.choice(texts.COMMITTEE)}",
            u.committee, topics=_first_agenda(u, *(["意识形态"] if ideology else [])),
            summary="传达学习上级会议精神，研究部署本月党建和业务工作。",
        ))
    if rng.random() > skip:
        out.append(_meeting(
            u, _day(rng, year, month, 5, 25), "theme_day", f"主题党日：{rng.choice(texts.THEME_DAYS)}",
            u.members, summary="集中学习、交流发言，开展志愿服务。",
        ))
    for i, cell in enumerate(u.cells, start=1):
        if rng.random() > skip:
            out.append(_meeting(
                u, _day(rng, year, month, 10, 28), "cell_meeting", f"第{texts.ZH_NUM[i]}党小组学习会",
                cell, host=cell[0], summary="学习党章党规，交流思想和工作情况。",
            ))
    if rng.random() > skip * 2:
        doc = _meeting(
            u, _day(rng, year, month, 8, 26), "central_group_study",
            f"党组理论学习中心组{month}月集中学习：{rng.choice(texts.STUDY)}", u.leaders,
            host=u.leaders[0], topics=_first_agenda(u), time="09:00-12:00",
            summary="集中学习习近平总书记重要讲话精神，班子成员交流发言。",
        )
        doc["duration_days"] = rng.choice((0.5, 0.5, 1.0, 1.0, 1.5))
        out.append(doc)
    if rng.random() < 0.8:
        out.append(_meeting(
            u, _day(rng, year, month), "collective_study", f"{month}月干部职工集中学习", u.members,
            topics=["意识形态"] if rng.random() < 0.2 else [], time="08:30-11:30",
        ) | {"duration_days": 0.5})
    out += _routine_items(u, year, month)
    return out


def _routine_items(u: _Unit, year: int, month: int) -> list[dict[str, Any]]:
    """Talks, publicity items and party-group meetings: the bulk of a log, not rule-bound."""
    rng = u.rng
    out: list[dict[str, Any]] = []
    for _ in range(rng.randint(4, 10)):
        a, b = rng.sample(u.members, 2)
        out.append({"date": _day(rng, year, month).isoformat(), "kind": "heart_to_heart",
                    "title": f"{a}与{b}谈心谈话", "host": a,
                    "summary": rng.choice(texts.TALKS)})
    for _ in range(rng.randint(3, 8)):
        out.append({"date": _day(rng, year, month).isoformat(), "kind": "publicity_item",
                    "title": f"报送宣传信息：{rng.choice(texts.PUBLICITY)}",
                    "quantity": float(rng.randint(1, 3))})
    for _ in range(rng.randint(1, 3)):
        ideology = rng.random() < 0.12
        out.append(_meeting(
            u, _day(rng, year, month), "party_group_meeting",
            "党组会议专题研究意识形态工作" if ideology else f"党组会议：{rng.choice(texts.COMMITTEE)}",
            u.leaders, host=u.leaders[0], topics=_first_agenda(u, *(["意识形态"] if ideology else [])),
        ))
    if rng.random() < 0.4:
        out.append({"date": _day(rng, year, month).isoformat(), "kind": "opinion_info",
                    "title": f"报送社情民意信息：{rng.choice(texts.OPINIONS)}", "quantity": 1.0})
    return out


def _quarterly(u: _Unit, year: int, q: int) -> list[dict[str, Any]]:
    rng, out = u.rng, []
    months = (3 * q - 2, 3 * q - 1, 3 * q)
    if rng.random() > u.skip:
        out.append(_meeting(
            u, _day(rng, year, rng.choice(months)), "general_meeting", f"{year}年第{q}季度支部党员大会",
            u.members, topics=_first_agenda(u), summary="通报支部工作，讨论发展党员等事项。",
        ))
    if rng.random() > u.skip:
        out.append(_meeting(
            u, _day(rng, year, rng.choice(months[1:])), "party_lesson",
            f"专题党课：{rng.choice(texts.LESSONS)}", u.members, summary="支部书记讲专题党课。",
        ))
    if rng.random() < 0.5:
        out.append(_meeting(u, _day(rng, year, months[2], 5, 20), "risk_analysis",
                            f"{year}年第{q}季度意识形态领域分析研判", u.committee, topics=["意识形态"]))
    return out


def _half(u: _Unit, year: int, h: int) -> list[dict[str, Any]]:
    rng, out = u.rng, []
    due_month = 6 if h == 1 else 12
    roll = rng.random()
    if roll < 0.85:  # on time, before the 20th
        day = _day(rng, year, due_month, 5, 19)
        out.append({"date": day.isoformat(), "kind": "ideology_report",
                    "title": f"{year}年{'上' if h == 1 else '下'}半年意识形态工作情况报告"})
    elif roll < 0.95 and h == 1:  # sent in early July, counted for H1 through covers
        day = _day(rng, year, 7, 1, 10)
        out.append({"date": day.isoformat(), "kind": "ideology_report", "covers": f"{year}H1",
                    "title": f"{year}年上半年意识形态工作情况报告（补报）"})
    if rng.random() > u.skip:
        out.append(_meeting(u, _day(rng, year, rng.randint(due_month - 4, due_month - 1)), "joint_meeting",
                            f"{year}年{'上' if h == 1 else '下'}半年意识形态工作联席会议", u.committee,
                            topics=["意识形态"]))
    if rng.random() > u.skip:
        out.append(_meeting(u, _day(rng, year, due_month, 8, 18), "risk_analysis",
                            f"{year}年{'上' if h == 1 else '下'}半年意识形态形势分析研判", u.committee,
                            topics=["意识形态"]))
    if rng.random() < 0.7:
        out.append(_meeting(u, _day(rng, year, due_month - 2), "seminar",
                            f"专题研讨：{rng.choice(texts.STUDY)}", u.leaders, host=u.leaders[0])
                   | {"duration_days": rng.choice((1.0, 1.5, 2.0))})
    return out


def _yearly(u: _Unit, year: int) -> list[dict[str, Any]]:
    rng, out = u.rng, []
    prev = year - 1
    # Last year's 组织生活会 and 述职 are often held in January, counted for last year.
    out.append(_meeting(u, _day(rng, year, 1, 10, 28), "duty_report", f"{prev}年度党支部书记抓党建工作述职",
                        u.members, topics=["意识形态"] if rng.random() < 0.85 else [])
               | {"covers": str(prev)})
    out.append(_meeting(u, _day(rng, year, 1, 5, 25), "democratic_life_meeting",
                        f"局党组{prev}年度民主生活会", u.leaders, host=u.leaders[0], topics=["意识形态"])
               | {"covers": str(prev)})
    out.append({"date": _day(rng, year, 2, 10, 28).isoformat(), "kind": "work_plan",
                "title": f"{year}年党建和意识形态工作要点"})
    out.append({"date": _day(rng, year, 3).isoformat(), "kind": "online_group_filing",
                "title": f"{year}年工作微信群、QQ群备案", "quantity": float(rng.randint(2, 6))})
    if rng.random() > u.skip * 3:
        out.append({"date": _day(rng, year, rng.choice((6, 11))).isoformat(), "kind": "party_bulletin",
                    "title": f"{year}年意识形态领域情况党内通报"})
    late = rng.random() < 0.3
    if rng.random() > u.skip * 2:
        day = _day(rng, year + 1, 1, 5, 25) if late else _day(rng, year, 12, 1, 25)
        out.append(_meeting(u, day, "org_life_meeting", f"{year}年度组织生活会", u.members,
                            topics=["意识形态"] if rng.random() < 0.8 else [])
                   | ({"covers": str(year)} if late else {}))
        out.append(_meeting(u, day, "member_evaluation", f"{year}年度民主评议党员", u.members))
    if rng.random() < 0.2:
        out.append({"date": _day(rng, year, rng.randint(1, 12)).isoformat(), "kind": "opinion_incident",
                    "title": f"网络舆情处置：{rng.choice(texts.INCIDENTS)}"})
    return out


def unit_log(seed: int, index: int, years: Sequence[int] = YEARS, until: dt.date | None = AS_OF) -> list[dict[str, Any]]:
    """One unit's records over ``years``, by date, nothing after ``until``."""
    u = _Unit(random.Random(f"auditor-bench:{seed}:{index}"), index)
    docs: list[dict[str, Any]] = []
    for year in years:
        docs += _yearly(u, year)
        for h in (1, 2):
            docs += _half(u, year, h)
        for q in range(1, 5):
            docs += _quarterly(u, year, q)
        for month in range(1, 13):
            docs += _monthly(u, year, month)
    _one_a_day(docs, u.name if index else "")
    docs = [d for d in docs if until is None or dt.date.fromisoformat(d["date"]) <= until]
    docs.sort(key=lambda d: (d["date"], d.get("time", "")))
    return docs


def _one_a_day(docs: list[dict[str, Any]], unit: str) -> None:
    """No two records share date, kind and title (the importer would skip one as a duplicate).

    A unit holds the same meeting once a day, so a clash moves to the next working day;
    in a log of many branches, each branch after the first names itself in its titles.
    """
    seen: set[tuple[str, str, str]] = set()
    for d in docs:
        if unit:
            d["title"] = f"{d['title']}（{unit}）"
        day = dt.date.fromisoformat(d["date"])
        while (day.isoformat(), d["kind"], d["title"]) in seen or not _workday(day):
            day += dt.timedelta(days=1)
        d["date"] = day.isoformat()
        seen.add((d["date"], d["kind"], d["title"]))


def generate(
    units: int = 1, years: Sequence[int] = YEARS, *, seed: int = 0, until: dt.date | None = AS_OF
) -> list[dict[str, Any]]:
    """The logs of ``units`` branches over ``years`` (calendar years), one list."""
    return [d for i in range(units) for d in unit_log(seed, i, years, until)]


def generate_n(
    n: int, *, seed: int = 0, years: Sequence[int] = YEARS, until: dt.date | None = AS_OF
) -> list[dict[str, Any]]:
    """Exactly ``n`` records: whole unit logs, the last one thinned at random to fit.

    Sizes grow by adding units, so a bigger log also has more records in every window:
    the hard case for ``evaluate()``, not just more history to skip.
    """
    docs: list[dict[str, Any]] = []
    index = 0
    per_unit = max(1, len(unit_log(seed, 0, years, until)))
    while len(docs) < n:
        docs += unit_log(seed, index, years, until)
        index += 1
        if index > math.ceil(n / per_unit) * 4 + 10:  # cannot happen with real years; guards a loop
            raise ValueError(f"years {tuple(years)} up to {until} hold no records")
    excess = len(docs) - n
    if excess:
        rng = random.Random(f"auditor-bench:{seed}:thin:{n}")
        start = len(docs) - len(unit_log(seed, index - 1, years, until))
        drop = set(rng.sample(range(start, len(docs)), excess))
        docs = [d for i, d in enumerate(docs) if i not in drop]
    return docs
