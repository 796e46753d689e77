"""evaluate(): rules + records + period + as_of -> Assessment. Pure: no clock, no files."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from auditor.engine.assessment import Assessment, RuleResult, Status, WindowResult, worst
from auditor.engine.bodies import BodyScope
from auditor.engine.checks.common import WindowContext
from auditor.engine.index import RecordIndex
from auditor.engine.rectification import due_items
from auditor.engine.requirements import tag, type_of
from auditor.engine.score import rule_deduction, total_score
from auditor.model import Member, Record, Rectification, Waiver
from auditor.periods import Period, windows
from auditor.rulebook.schema import ROSTER_TYPES, MemberAbsence, Rule

NO_ROSTER = "未建立党员名册，无法按人检查；请用 auditor member add 或 auditor member import 建立名册"


def evaluate(
    rules: Sequence[Rule],
    records: Sequence[Record],
    period: Period,
    as_of: dt.date,
    *,
    unit: str = "",
    packs: Sequence[tuple[str, str]] = (),
    waivers: Sequence[Waiver] = (),
    members: Sequence[Member] = (),
    rectifications: Sequence[Rectification] = (),
    scope: BodyScope | None = None,
) -> Assessment:
    """Judge every enabled rule over ``period`` as things stood on ``as_of``.

    ``members`` is the roster for per-member rules (empty: they fall back or say the
    roster is missing); ``rectifications`` yields the open items past their deadline.
    ``scope`` limits the audit to one body's duties and records (None: every rule).
    """
    with _collector_paused():
        return _evaluate(rules, records, period, as_of, unit, packs, waivers, members, rectifications, scope)


@contextmanager
def _collector_paused() -> Iterator[None]:
    # The index allocates many short-lived tuples; each full collection they trigger walks every
    # live record (about 150 ms at 100k) and frees nothing, since results hold no cycles.
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _evaluate(
    rules: Sequence[Rule],
    records: Sequence[Record],
    period: Period,
    as_of: dt.date,
    unit: str,
    packs: Sequence[tuple[str, str]],
    waivers: Sequence[Waiver],
    members: Sequence[Member],
    rectifications: Sequence[Rectification],
    scope: BodyScope | None,
) -> Assessment:
    index = RecordIndex(records, as_of, scope)
    rules = [r for r in rules if r.enabled and (scope is None or scope.covers_rule(r))]
    titles = dict(packs)
    roster = tuple(members)
    results = tuple(
        _guarded(rule, index, period, as_of, waivers, titles.get(rule.pack, rule.pack), roster)
        for rule in rules
    )
    return Assessment(
        unit=unit,
        period=period.id,
        period_label=period.label,
        as_of=as_of,
        results=results,
        score=total_score(results),
        body=scope.body if scope else "",
        body_label=scope.label if scope else "",
        packs=tuple(packs),
        rectifications=tuple(due_items(rectifications, as_of)),
    )


def _guarded(rule: Rule, index: RecordIndex, period: Period, as_of: dt.date, waivers: Sequence[Waiver],
             pack_title: str, members: tuple[Member, ...]) -> RuleResult:
    """One rule's result; a check that raises becomes a result saying so, and the others still run."""
    try:
        return _evaluate_rule(rule, index, period, as_of, waivers, pack_title, members)
    except Exception as e:  # a bug in one check (or a rule it cannot read) must not stop cron
        import traceback

        return RuleResult(
            rule=rule.id, title=rule.title, pack=rule.pack, pack_title=pack_title, severity=rule.severity,
            status=Status.ERROR, required=0, actual=0, windows=(),
            message=f"规则检查出错：规则 {rule.id} 的检查未能完成（{type(e).__name__}）；"
                    "其他规则照常检查。请加 --debug 查看详情并反馈给维护者。",
            source=rule.source.describe(), description=rule.description, per=rule.requirement.per,
            error="".join(traceback.format_exception(e)),
        )


def _evaluate_rule(
    rule: Rule,
    index: RecordIndex,
    period: Period,
    as_of: dt.date,
    waivers: Sequence[Waiver],
    pack_title: str,
    members: tuple[Member, ...] = (),
) -> RuleResult:
    out = _window_results(rule, index, period, as_of, waivers, members)
    req = rule.requirement
    status = worst([w.status for w in out])
    counted = [w for w in out if w.status not in (Status.PENDING, Status.NOT_APPLICABLE)]
    return RuleResult(
        rule=rule.id,
        title=rule.title,
        pack=rule.pack,
        pack_title=pack_title,
        severity=rule.severity,
        status=status,
        required=sum(w.required for w in counted),
        actual=sum(w.actual for w in counted),
        windows=tuple(out),
        message=_roster_message(req, status, out) or _rule_message(rule, period, status, out),
        due=_next_due(out),
        deduction=rule_deduction(rule, out),
        source=rule.source.describe(),
        description=rule.description,
        per=req.per,
        genre=rule.genre,
        body=rule.body,
        scored=rule.deduction is not None and rule.severity == "required",
        deduction_basis=rule.deduction.describe() if rule.deduction else "",
        kind=tag(req),
        unit=str(getattr(req, "unit", "")),
        what=rule.what,
    )


def _window_results(rule: Rule, index: RecordIndex, period: Period, as_of: dt.date, waivers: Sequence[Waiver],
                    members: tuple[Member, ...]) -> list[WindowResult]:
    """The rule's verdict for each of its windows in ``period``."""
    req = rule.requirement
    kind = type_of(req)
    matched = index.matching(rule)
    no_roster = isinstance(req, MemberAbsence) and not members
    out: list[WindowResult] = []
    for w in windows(period, req.per):
        if not rule.effective.overlaps(w.start, w.end):
            out.append(_simple(w, Status.NOT_APPLICABLE, f"{w.label}该规则尚未生效或已失效"))
        elif as_of < w.start:  # not begun, but its due date is known (remind, the calendar)
            out.append(replace(_simple(w, Status.PENDING, f"{w.label}尚未开始"), due=kind.due(req, w)))
        elif no_roster:
            out.append(_simple(w, Status.NOT_APPLICABLE, NO_ROSTER))
        else:
            ctx = WindowContext(rule, w, as_of, matched.in_window(w), members, matched.records, index.bases)
            out.append(_apply_waiver(rule, kind.assess(ctx, req), waivers, as_of))
    return out


def _apply_waiver(
    rule: Rule, result: WindowResult, waivers: Sequence[Waiver], as_of: dt.date
) -> WindowResult:
    if result.status in (Status.MET, Status.NOT_APPLICABLE, Status.PENDING):
        return result
    for wv in waivers:
        if wv.applies(rule.id, result.period, as_of, result.start, result.end):
            return replace(
                result,
                status=Status.WAIVED,
                message=f"{result.message}（已作情况说明：{wv.reason}）",
                shortfall=0.0,
                waiver=wv.reason,
            )
    return result


def _roster_message(req: Any, status: Status, out: list[WindowResult]) -> str:
    """A roster rule that could not judge anyone says why, not "no records"."""
    if not isinstance(req, ROSTER_TYPES) or status is not Status.NOT_APPLICABLE:
        return ""
    return next((w.message for w in out if w.message and w.status is Status.NOT_APPLICABLE), "")


def _simple(w: Period, status: Status, message: str) -> WindowResult:
    return WindowResult(w.id, w.label, w.start, w.end, status, 0, 0, message=message)


def _rule_message(rule: Rule, period: Period, status: Status, out: list[WindowResult]) -> str:
    if status is Status.PENDING:
        return f"{period.label}尚未开始"
    if status is Status.NOT_APPLICABLE:
        return f"{period.label}没有需要检查的记录" if out else "不适用"
    if status is Status.MET:
        done = [w for w in out if w.status is Status.MET]
        if len(done) == 1:
            return done[0].message
        return f"{period.label}已检查的{len(done)}个时段均达到“{rule.title}”要求"
    bad = [w for w in out if w.status is status] + [
        w for w in out if w.status.is_failure and w.status is not status
    ]
    text = "；".join(w.message for w in bad[:3])
    if len(bad) > 3:
        text += f"；另有{len(bad) - 3}个时段"
    return text


def _next_due(out: list[WindowResult]) -> dt.date | None:
    for w in out:
        if w.status in (Status.ON_TRACK, Status.AT_RISK, Status.OVERDUE):
            return w.due or w.end
    return None
