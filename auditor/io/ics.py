"""iCalendar export of upcoming deadlines and window ends, for phone and desktop calendars.

One all-day VEVENT per window of a rule whose due date lies in the next year: VEVENT
rather than VTODO because phone calendars (iOS, Google) ignore to-dos on import.
The UID is derived from unit, rule and window, so importing a newer export updates
the events instead of duplicating them; SEQUENCE grows with the export day so
clients accept the update. A window already done stays in the file marked 已完成 and
without alarms, which silences the alarm of an earlier import. Alarms ring at 09:00
a few Chinese working days before the due date.

icalendar is imported here only, and this module only by ``remind --ics``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from auditor.engine.assessment import Assessment, RuleResult, Status, WindowResult
from auditor.engine.requirements import has_due_dates
from auditor.periods import parse_period
from auditor.remind.workdays import WorkdayCalendar
from auditor.store.atomic import write_atomic

HORIZON_DAYS = 366
ALARM_HOUR = 9
# Working days before the due date at which alarms ring, by window length.
ALARM_WORKDAYS: dict[str, tuple[int, ...]] = {"month": (5, 1), "quarter": (10, 2), "half": (10, 2), "year": (15, 3)}
_DONE = (Status.MET, Status.LATE, Status.WAIVED)
_SEQUENCE_EPOCH = dt.date(2020, 1, 1)


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    rule: str
    window: str
    kind: str
    summary: str
    description: str
    due: dt.date
    done: bool


def calendar_entries(
    assessments: Sequence[Assessment],
    as_of: dt.date,
    calendar: WorkdayCalendar,
    horizon_days: int = HORIZON_DAYS,
) -> list[CalendarEntry]:
    """Pure: the windows due from as_of to as_of + horizon_days, sorted by due date."""
    until = as_of + dt.timedelta(days=horizon_days)
    out: dict[str, CalendarEntry] = {}
    for a in assessments:
        for r in a.results:
            if not has_due_dates(r.kind):
                continue  # each-record and absence-streak checks have no due date
            for w in r.windows:
                due = _due(w)
                if due is None or not as_of <= due <= until:
                    continue
                entry = _entry(a.unit, r, w, due, as_of, calendar)
                out.setdefault(entry.uid, entry)
    return sorted(out.values(), key=lambda e: (e.due, e.rule, e.window))


def _due(w: WindowResult) -> dt.date | None:
    """The engine's due date of the window (pending ones have it too); a closed one's end."""
    if w.status is Status.NOT_APPLICABLE:
        return None
    return w.due or w.end


def _entry(
    unit: str, r: RuleResult, w: WindowResult, due: dt.date, as_of: dt.date, cal: WorkdayCalendar,
) -> CalendarEntry:
    done = w.status in _DONE
    what = f"{w.label}{r.what}"
    summary = f"已完成：{what}" if done else f"截止：{what}"
    rest = cal.rest_day_name(due)
    lines = [
        f"单位：{unit}",
        f"事项：{r.title}（{r.pack_title}）",
        f"时段：{w.label}，截止{due.month}月{due.day}日",
        f"状态：{w.word}（截至{as_of.isoformat()}）",
    ]
    if w.message:
        lines.append(f"说明：{w.message}")
    if rest and not done:
        lines.append(f"注意：截止日为{rest}，请提前办理。")
    lines.append("由 auditor remind --ics 生成；重新导入会更新本事项。")
    key = hashlib.sha1(f"{unit}|{r.rule}|{w.period}".encode()).hexdigest()[:20]
    return CalendarEntry(
        uid=f"{w.period}-{key}@auditor",
        rule=r.rule,
        window=w.period,
        kind=parse_period(w.period).kind,
        summary=summary,
        description="\n".join(lines),
        due=due,
        done=done,
    )


def alarm_offsets(entry: CalendarEntry, as_of: dt.date, cal: WorkdayCalendar) -> list[dt.timedelta]:
    """Triggers relative to the all-day event's start: 09:00 on the n-th working day before.

    Alarms that would already have rung by as_of are left out (some clients fire them on import).
    """
    out: list[dt.timedelta] = []
    for n in ALARM_WORKDAYS.get(entry.kind, (5, 1)):
        day = cal.workday_before(entry.due, n)
        if day < as_of:
            continue
        offset = dt.datetime.combine(day, dt.time(ALARM_HOUR)) - dt.datetime.combine(entry.due, dt.time())
        if offset not in out:
            out.append(offset)
    return out


def build_ics(
    entries: Sequence[CalendarEntry], unit: str, as_of: dt.date, cal: WorkdayCalendar
) -> bytes:
    """The .ics file for the entries (deterministic for a given as_of)."""
    import icalendar

    stamp = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC)
    sequence = max(0, (as_of - _SEQUENCE_EPOCH).days)
    # a fixed calendar UID: Calendar.new() would invent a random one on every export
    cal_uid = hashlib.sha1(f"{unit}|calendar".encode()).hexdigest()[:20]
    ical = icalendar.Calendar.new(
        prodid="-//auditor//remind//ZH", name=f"{unit}党建工作截止日", uid=f"{cal_uid}@auditor"
    )
    ical.add("x-wr-timezone", "Asia/Shanghai")
    for e in entries:
        alarms = []
        if not e.done:
            for offset in alarm_offsets(e, as_of, cal):
                alarm = icalendar.Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add("description", e.summary)
                alarm.add("trigger", offset)
                alarms.append(alarm)
        event = icalendar.Event.new(
            uid=e.uid,
            summary=e.summary,
            description=e.description,
            start=e.due,
            end=e.due + dt.timedelta(days=1),
            stamp=stamp,
            sequence=sequence,
            categories=["党建"],
            subcomponents=alarms,
        )
        event.add("transp", "TRANSPARENT")
        ical.add_component(event)
    return bytes(ical.to_ical())


def write_ics(path: Path, payload: bytes) -> None:
    """Replace the file in one step, so a calendar app polling it never reads half a file."""
    write_atomic(path, payload)
