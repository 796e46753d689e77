"""Reminders: which duties need attention on a day, most urgent first.

The pure part (``build_reminders``) turns Assessments into Reminders given ``as_of``
and a working-day calendar; ``collect_reminders`` only decides which periods to
assess through ``Session.assess`` (see docs/remind.md for the choice).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from auditor.engine.assessment import (
    Assessment,
    RuleResult,
    Status,
    WindowResult,
    fmt,
    json_fields,
    severity_rank,
)
from auditor.engine.rectification import RectificationDue, due_items
from auditor.periods import make_period, period_of
from auditor.remind.workdays import WorkdayCalendar

if TYPE_CHECKING:
    from auditor.session import Session

DEFAULT_WITHIN_DAYS = 14
DAILY_DAYS = 31
"""A missed window (closed short, or a deadline passed with nothing done) is listed every day
for a month after it closed; after that once a week (``WEEKLY_ON``), so that it stays in view
until it is explained (情况说明) or has a rectification item (整改), without drowning the rest."""
WEEKLY_ON = 0
"""Weekday (Monday) on which missed windows older than DAILY_DAYS are listed."""
YEARS_BACK = 5
"""How many years before as_of are assessed (never before the year of the first record):
older misses are the business of `auditor check` and the report."""

_END_WORDS = {"month": "月底", "quarter": "季末", "half": "半年末", "year": "年底"}


@dataclass(frozen=True)
class Reminder:
    """One window of one rule that needs attention; ``message`` is the line to show."""

    rule: str
    title: str
    window: str
    """Period id of the window, e.g. ``2026-11`` or ``2026Q4``."""
    window_label: str
    status: Status
    """OVERDUE, NOT_MET (closed short), AT_RISK, or ON_TRACK but due within the horizon."""
    due: dt.date
    days_left: int
    """Calendar days left to act, today included (1 on the due day); negative once the
    due date has passed (-3: three days overdue)."""
    workdays_left: int
    """Working days from as_of to the due date, both included; 0 once it has passed."""
    message: str
    holiday_note: str = ""
    """Set when the due date is a rest day, e.g. 截止日（10月1日）为国庆节假期，请提前报送。"""
    unit: str = ""
    severity: str = "required"
    old: bool = False
    """Missed more than DAILY_DAYS ago: a daily run lists it once a week (see ``for_today``)."""

    @property
    def line(self) -> str:
        """The message with its holiday note: what the CLI and notifications print."""
        return f"{self.message}；{self.holiday_note}" if self.holiday_note else self.message

    @property
    def status_label(self) -> str:
        return self.status.label

    def to_dict(self) -> dict[str, Any]:
        return json_fields(self, REMINDER_JSON)


REMINDER_JSON = ("rule", "title", "window", "window_label", "status", "status_label", "due", "days_left",
                 "workdays_left", "message", "holiday_note", "severity", "old")
"""The keys of `remind --json`, in order: a contract with scripts."""


def years_to_assess(as_of: dt.date, first_year: int | None = None) -> tuple[int, ...]:
    """The years whose windows can still be reminded of: from the year of the first record
    (last year when not given), at most YEARS_BACK years back, to the year of as_of."""
    start = as_of.year - 1 if first_year is None else first_year
    return tuple(range(max(min(start, as_of.year), as_of.year - YEARS_BACK), as_of.year + 1))


def collect_reminders(
    session: Session,
    as_of: dt.date,
    within_days: int = DEFAULT_WITHIN_DAYS,
    calendar: WorkdayCalendar | None = None,
) -> list[Reminder]:
    """Reminders for a session's unit on as_of, most urgent first (missed windows of any age
    included; ``for_today`` picks what a daily run prints)."""
    records = session.store.records()
    first = min((r.date.year for r in records), default=as_of.year)
    assessments = assess_years(session, years_to_assess(as_of, first), as_of)
    dues = {d.item.id: d for a in assessments for d in a.rectifications}
    items = session.store.rectifications()
    for d in due_items(items, as_of, soon_days=within_days):
        dues.setdefault(d.item.id, d)
    return build_reminders(
        assessments, as_of, within_days=within_days,
        calendar=calendar or WorkdayCalendar(session.ruleset.holidays),
        rectifications=list(dues.values()), rectified={(it.rule, it.window) for it in items if it.rule},
    )


def for_today(items: Sequence[Reminder], as_of: dt.date) -> tuple[list[Reminder], list[Reminder]]:
    """(listed today, held back until the next WEEKLY_ON): missed windows older than a month
    are listed once a week."""
    if as_of.weekday() == WEEKLY_ON:
        return list(items), []
    return [r for r in items if not r.old], [r for r in items if r.old]


def assess_years(session: Session, years: Iterable[int], as_of: dt.date) -> list[Assessment]:
    return [session.assess(make_period("year", y), as_of) for y in years]


def build_reminders(
    assessments: Sequence[Assessment],
    as_of: dt.date,
    *,
    within_days: int = DEFAULT_WITHIN_DAYS,
    calendar: WorkdayCalendar,
    rectifications: Sequence[RectificationDue] = (),
    rectified: Collection[tuple[str, str]] = (),
) -> list[Reminder]:
    """Pure: the windows that need attention on as_of, as Reminders, most urgent first.

    Kept: missed windows (overdue deadlines, windows that closed short) until they are
    explained (the engine then says waived) or have a rectification item (``rectified``
    holds (rule, window) of every item); every at-risk window; on-track windows due within
    ``within_days``. Windows without a due date (each-record checks on existing records) are
    left to ``auditor check``. Rectification items (整改) given as ``rectifications`` are
    listed as they come.
    """
    handled = set(rectified)
    seen: dict[tuple[str, str], Reminder] = {}
    for a in assessments:
        for r in a.results:
            for w in r.windows:
                if (r.rule, w.period) in seen or (r.rule, w.period) in handled:
                    continue
                if not _needs_attention(w, as_of, within_days):
                    continue
                seen[(r.rule, w.period)] = _reminder(a.unit, r, w, as_of, calendar)
    unit = assessments[0].unit if assessments else ""
    out = [*seen.values(), *(_rectification(unit, d, as_of, calendar) for d in rectifications)]
    return sorted(out, key=lambda m: (severity_rank(m.status), m.due, m.rule, m.window))


def _rectification(unit: str, d: RectificationDue, as_of: dt.date, cal: WorkdayCalendar) -> Reminder:
    it = d.item
    passed = it.deadline < as_of
    workdays = 0 if passed else cal.count(as_of, it.deadline)
    body = d.message if passed else f"{d.message}（{workdays}个工作日）"
    return Reminder(
        rule=it.rule or "rectification",
        title="整改事项",
        window=it.window or period_of(it.deadline, "month").id,  # always a period id for the faces
        window_label=f"整改事项{it.id}",
        status=Status.OVERDUE if passed else Status.ON_TRACK,
        due=it.deadline,
        days_left=-(as_of - it.deadline).days if passed else (it.deadline - as_of).days + 1,
        workdays_left=workdays,
        message=f"{unit}：{body}" if unit else body,
        unit=unit,
    )


def _needs_attention(w: WindowResult, as_of: dt.date, within_days: int) -> bool:
    if w.status is Status.AT_RISK:  # e.g. a member absent for five months: due by the window's end
        return True
    if w.due is None:
        return False
    if w.status is Status.OVERDUE:
        return True
    if w.status is Status.NOT_MET:
        return w.end < as_of
    if w.status is Status.ON_TRACK:
        return 0 <= (w.due - as_of).days <= within_days
    return False


def _reminder(
    unit: str, r: RuleResult, w: WindowResult, as_of: dt.date, cal: WorkdayCalendar
) -> Reminder:
    due = w.due or w.end
    passed = due < as_of
    days_left = -(as_of - due).days if passed else (due - as_of).days + 1
    workdays_left = 0 if passed else cal.count(as_of, due)
    body = _body(r, w, as_of, days_left, workdays_left)
    note = "" if passed or w.status is Status.NOT_MET else _holiday_note(due, cal, r)
    return Reminder(
        rule=r.rule,
        title=r.title,
        window=w.period,
        window_label=w.label,
        status=w.status,
        due=due,
        days_left=days_left,
        workdays_left=workdays_left,
        message=f"{unit}：{body}" if unit else body,
        holiday_note=note,
        unit=unit,
        severity=r.severity,
        old=passed and (as_of - due).days > DAILY_DAYS,
    )


def _body(r: RuleResult, w: WindowResult, as_of: dt.date, days_left: int, workdays: int) -> str:
    if not r.kind:  # a result not from the engine's requirement types: its own sentence
        return w.message
    if r.kind not in ("count", "total", "deadline"):
        # per-member checks: the engine's sentence names the members; add the working days
        return w.message if days_left < 1 else f"{w.message}（剩余{workdays}个工作日）"
    what, unit, dated = r.what or r.title, r.unit, r.kind == "deadline"
    due_text = _md(w.due or w.end)
    if w.status is Status.OVERDUE:
        return f"{w.label}{what}截止{due_text}，已逾期{-days_left}天，请尽快补报并作情况说明"
    if w.status is Status.NOT_MET:
        short = (
            f"{w.label}{what}未开展"
            if w.actual == 0
            else f"{w.label}{what}仅{fmt(w.actual)}{unit or '次'}，少于要求的{fmt(w.required)}{unit or '次'}"
        )
        ended = _md(w.end) if w.end.year == as_of.year else f"{w.end.year}年{_md(w.end)}"
        return f"{short}（已于{ended}结束），请及时补做或作情况说明"
    if dated:
        done = "尚未完成"
    elif w.actual == 0 and r.kind == "count":
        done = "尚未开展"
    else:
        verb = "已开展" if r.kind == "count" else "已累计"
        missing = max(0.0, w.required - w.actual)
        done = f"{verb}{fmt(w.actual)}{unit}，还差{fmt(missing)}{unit}"
    when = _time_left(w, due_text, days_left, workdays, dated, as_of)
    return f"{w.label}{what}{done}，{when}"


def _time_left(
    w: WindowResult, due_text: str, days_left: int, workdays: int, is_deadline: bool, as_of: dt.date
) -> str:
    if days_left == 1:
        return f"今天（{_md(as_of)}）截止"
    tail = f"还有{days_left}天（{workdays}个工作日）"
    if is_deadline or w.due != w.end:
        return f"截止{due_text}，{tail}"
    kind = _kind_of(w)
    return f"距{_END_WORDS.get(kind, '期末')}{tail}"


def _kind_of(w: WindowResult) -> str:
    months = (w.end.year - w.start.year) * 12 + w.end.month - w.start.month + 1
    return {1: "month", 3: "quarter", 6: "half", 12: "year"}.get(months, "")


def _holiday_note(due: dt.date, cal: WorkdayCalendar, r: RuleResult) -> str:
    why = cal.rest_day_name(due)
    if not why:
        return ""
    ask = "请提前报送" if r.kind == "deadline" else "请提前安排"
    return f"截止日（{_md(due)}）为{why}，{ask}"


def _md(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"
