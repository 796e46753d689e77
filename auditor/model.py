"""Validated domain objects: activity records, absentees and the unit profile.

Records are msgspec Structs: validation on read (``from_doc``) is fast enough to
run on every load, which keeps the cron path (`check`, `remind`) cheap.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import msgspec


class Absentee(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """One person missing from a meeting, with the reason given (请假事由)."""

    name: str
    reason: str = ""


class Record(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True, gc=False):
    """One logged activity: a meeting, a study session, a report, an analysis.

    ``gc=False`` (also on Absentee): frozen, holding only strings, dates, numbers and
    tuples of them, a record can never be part of a reference cycle, and untracked the
    garbage collector does not walk 100,000 of them while a log is decoded and assessed.
    """

    id: str
    date: dt.date
    kind: str
    """Kind id from the vocabulary (``rules/kinds.yaml``), e.g. ``theme_day``."""
    title: str
    time: str = ""
    """Optional clock time as typed, e.g. ``14:30`` or ``14:30-16:00``."""
    topics: tuple[str, ...] = ()
    host: str = ""
    recorder: str = ""
    expected: int | None = None
    present: int | None = None
    absentees: tuple[Absentee, ...] = ()
    attendees: tuple[str, ...] = ()
    """Names of members present, when the roster is used."""
    speakers: tuple[str, ...] = ()
    """Names of those who spoke (交流发言), for per-member speaking rules."""
    duration_days: float | None = None
    quantity: float | None = None
    covers: str = ""
    """Period id the record is for (a July report covers ``2026H1``); empty: a period in
    the title, else its date (engine.attribution)."""
    body: str = ""
    """主体 id (rules/bodies.yaml) when the record is another body's work than its kind's."""
    location: str = ""
    summary: str = ""
    evidence: tuple[str, ...] = ()
    created: str = ""
    updated: str = ""

    def has_topic(self, topic: str) -> bool:
        return topic in self.topics

    def attendance_ratio(self) -> float | None:
        if not self.expected or self.present is None:
            return None
        return self.present / self.expected


class UnitProfile(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Who is being audited (单位概况); shown on every face."""

    unit_name: str = ""
    """单位名称"""
    branch_name: str = ""
    """支部名称"""
    secretary: str = ""
    """书记"""
    superior: str = ""
    """上级党组织"""
    formal_name: str = ""
    """The branch's formal name for the report's 落款 (中共某某县财政局机关支部委员会)."""
    organ_name: str = ""
    """The leading body's formal name (中共某某县财政局党组), for the 党组's summary."""
    organ_superior: str = ""
    """Where the 党组's summary is addressed (中共某某县委); empty: the superior."""
    report_notice: str = ""
    """The notice the report answers (《关于……的通知》), for its 根据……要求 clause."""
    report_title: str = ""
    """The report's own title; ``{期间}`` stands for 2026年上半年. Empty: the usual title."""
    packs: tuple[str, ...] = ()
    """Rule packs in use; empty means every shipped pack."""
    rules_dirs: tuple[str, ...] = ()
    """The unit's own rule folders (tailoring), applied after the shipped packs."""
    report_font: str = ""
    """Path of a TrueType font for the PDF report; empty means discover one."""
    bodies: tuple[str, ...] = ()
    """Bodies (主体 ids) whose work this log holds, e.g. (leading, branch) for a 机关; empty: branch."""
    reporting_body: str = ""
    """The body that reports (checks and reports cover its duties by default); empty: branch."""
    scoring: bool = True
    """Show a 100-point score (考核计分) where rules carry deductions."""
    minutes_templates: dict[str, str] = msgspec.field(default_factory=dict)
    """The unit's minutes templates (.docx) by kind id; the key "" is for every other kind.
    Relative paths are read from the database folder."""

    @property
    def display_name(self) -> str:
        return self.branch_name or self.unit_name or "本支部"


def record_from_doc(doc: dict[str, Any]) -> Record:
    """Validate a stored or imported document into a Record (raises msgspec.ValidationError)."""
    return msgspec.convert(doc, Record, strict=False)


def record_to_doc(record: Record) -> dict[str, Any]:
    """Plain JSON-ready dict of a record (dates as ISO strings)."""
    doc: dict[str, Any] = msgspec.to_builtins(record)
    return doc


def profile_from_doc(doc: dict[str, Any]) -> UnitProfile:
    return msgspec.convert(doc, UnitProfile, strict=False)


class Waiver(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A written explanation (情况说明) that excuses a rule, or one window of it."""

    id: str
    rule: str
    reason: str
    approved_by: str
    approved_on: dt.date
    window: str = ""
    """Period id of the window it excuses; empty excuses every window of the rule."""
    expires: dt.date | None = None
    created: str = ""

    def applies(
        self,
        rule_id: str,
        window: str,
        as_of: dt.date,
        window_start: dt.date | None = None,
        window_end: dt.date | None = None,
    ) -> bool:
        """Whether this explanation excuses a window, judged on ``as_of``.

        It must be approved by ``as_of``, and a window beginning after ``expires`` is
        never excused. One naming a window excuses that window (an explanation written
        afterwards for a missed month). One naming none is standing: it excuses the
        windows that overlap its validity, from ``approved_on`` to ``expires``. Expiry
        ends the windows covered, not the day of the audit: a year-end report run in
        January still shows the months it excused as 已说明.
        """
        if self.rule != rule_id or (self.window and self.window != window):
            return False
        if self.approved_on > as_of or window_start is None or window_end is None:
            return False
        if self.expires is not None and window_start > self.expires:
            return False
        return bool(self.window) or self.covers_span(window_start, window_end)

    def covers_span(self, start: dt.date, end: dt.date) -> bool:
        """A standing explanation's validity (approval to expiry) overlaps start..end."""
        return end >= self.approved_on and (self.expires is None or start <= self.expires)

    def expired(self, as_of: dt.date) -> bool:
        return self.expires is not None and self.expires < as_of

    def state(self, as_of: dt.date) -> str:
        """有效, 已到期 or 未生效 on a day, by the same dates ``applies`` looks at."""
        if self.approved_on > as_of:
            return "未生效"
        return "已到期" if self.expired(as_of) else "有效"


MEMBER_ROLES: tuple[str, ...] = ("书记", "副书记", "组织委员", "宣传委员", "纪检委员", "党员", "预备党员")
"""职务 as the roster records it; the first five are branch committee members (支委)."""
COMMITTEE_ROLES: tuple[str, ...] = MEMBER_ROLES[:5]
MEMBER_STATUSES: tuple[str, ...] = ("正常", "流动党员", "出国出境", "停止党籍", "转出", "去世")
"""党籍状态. 流动党员 and 出国出境 are away with a standing reason; the last three are off the roll."""
AWAY_STATUSES: tuple[str, ...] = ("流动党员", "出国出境")
INACTIVE_STATUSES: tuple[str, ...] = ("停止党籍", "转出", "去世")


class Member(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """One person on the branch roster (党员名册). Names are the key records refer to."""

    name: str
    role: str = "党员"
    """职务: one of MEMBER_ROLES."""
    cell: str = ""
    """党小组."""
    joined: dt.date | None = None
    """入党日期 (or the day they joined this branch); earlier months are not counted."""
    status: str = "正常"
    """党籍状态: one of MEMBER_STATUSES."""
    status_since: dt.date | None = None
    groups: tuple[str, ...] = ()
    """Other bodies they sit on, e.g. 中心组, used by per-member rules."""
    phone: str = ""
    note: str = ""
    id: str = ""
    created: str = ""
    updated: str = ""

    @property
    def on_roll(self) -> bool:
        """Still counted by the branch (not stopped, transferred out or deceased)."""
        return self.status not in INACTIVE_STATUSES

    @property
    def away(self) -> bool:
        return self.status in AWAY_STATUSES


RECTIFY_STATUSES: tuple[str, ...] = ("待整改", "整改中", "已完成")


class Rectification(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """One rectification item (整改事项): a problem, its measure, who and by when."""

    id: str
    problem: str
    """存在问题."""
    measure: str
    """整改措施."""
    responsible: str
    """责任人."""
    deadline: dt.date
    """整改时限."""
    status: Literal["待整改", "整改中", "已完成"] = "待整改"
    """One of RECTIFY_STATUSES."""
    rule: str = ""
    """The rule whose result it answers; empty for a stand-alone item."""
    window: str = ""
    """Period id of that result's window, if one."""
    found_on: dt.date | None = None
    completed_on: dt.date | None = None
    evidence: tuple[str, ...] = ()
    """佐证材料: file paths or record ids."""
    note: str = ""
    created: str = ""
    updated: str = ""

    @property
    def is_open(self) -> bool:
        return self.status != "已完成"

    def overdue(self, as_of: dt.date) -> bool:
        return self.is_open and self.deadline < as_of
