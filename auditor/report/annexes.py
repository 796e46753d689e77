"""The 附件 of the report: statistics and chart, per-requirement results, evidence list, and
(when there is something to show) explanations and members' attendance.

Nothing here is for the tool's user: no rule ids, no reading notes, no generation time.
"""

from __future__ import annotations

from collections import Counter
from pathlib import PurePath

from auditor import limits
from auditor.engine.assessment import SEVERITY_ORDER, RuleResult, Status, fmt
from auditor.engine.words import ADVISORY_WORD
from auditor.limits import capped
from auditor.model import Record
from auditor.periods import windows
from auditor.report.data import ReportData
from auditor.report.doc import Annex, Block, Chart, Para, Row, Table, clip, zh_date
from auditor.report.problems import FAILED, rule_facts

OTHER_FAMILY = "其他"


def annexes(data: ReportData) -> list[Annex]:
    out = [
        Annex("附件1", "自查情况统计", tuple(statistics(data))),
        Annex("附件2", "各项要求落实情况", tuple(results_tables(data))),
        Annex("附件3", "佐证材料清单", (evidence_table(data),)),
    ]
    waivers = waiver_table(data)
    if waivers is not None:
        out.append(Annex(f"附件{len(out) + 1}", "情况说明", (waivers,)))
    attendance = attendance_table(data)
    if attendance is not None:
        out.append(Annex(f"附件{len(out) + 1}", "党员参加组织生活情况", (*attendance_note(data), attendance)))
    return out


def attendance_note(data: ReportData) -> tuple[Para, ...]:
    """Say which records the table could not use, so no member reads as absent from them."""
    if not data.unnamed:
        return ()
    return (Para(f"本表只统计写明参会人员或缺席人员的记录；本期另有{data.unnamed}条组织生活记录"
                 "未写明人员，未计入各人出勤。", "note"),)


def statistics(data: ReportData) -> list[Block]:
    a = data.assessment
    by_word: Counter[str] = Counter()
    order: dict[str, int] = {}
    for r in a.results:
        w = data.word(r)
        by_word[w] += 1
        order.setdefault(w, SEVERITY_ORDER.index(r.status))
    words = sorted(by_word, key=lambda w: -order[w])  # good news first, as the genre does
    rows = tuple(Row((w, str(by_word[w]))) for w in words) + (Row(("合计", str(len(a.results)))),)
    blocks: list[Block] = [
        Para(f"对照{len(a.results)}项要求，截至{zh_date(data.as_of)}的落实情况如下。", "note"),
        Table(("落实情况", "项数"), rows, (0.6, 0.4), right=(1,)),
    ]
    if a.score is not None:
        note = str(getattr(a, "score_note", "") or "")
        blocks.append(Para(f"按考核计分办法计算，得分{fmt(a.score)}分（满分100分）。{note}", "note"))
    blocks.append(activity_chart(data))
    return blocks


def activity_chart(data: ReportData) -> Chart:
    """Records per month by family (三会一课, 理论学习 …), dated in the period."""
    months = windows(data.period, "month")
    families: dict[str, list[int]] = {}
    for r in data.records:
        if not data.period.contains(r.date):
            continue
        kind = data.vocabulary.get(r.kind)
        row = families.setdefault((kind.family if kind else "") or OTHER_FAMILY, [0] * len(months))
        row[(r.date.year - data.period.start.year) * 12 + r.date.month - data.period.start.month] += 1
    order = [k.family for k in data.vocabulary.kinds if k.family] + [OTHER_FAMILY]
    ranked = sorted(families.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
    return Chart("各月活动开展情况（次）", tuple(f"{m.start.month}月" for m in months),
                 tuple((name, tuple(v)) for name, v in ranked))


RESULT_WIDTHS = (0.07, 0.24, 0.16, 0.1, 0.12, 0.31)


def results_tables(data: ReportData) -> list[Block]:
    """One table per rule pack: requirement, period checked, done/required, status, facts."""
    out: list[Block] = []
    n = 0
    for _pack, title, results in data.assessment.by_pack():
        rows = []
        for r in results:
            n += 1
            rows.append(Row((str(n), clip(r.title + (f"（{ADVISORY_WORD}）" if r.severity == "advisory" else ""), 40),
                             _scope(data, r), f"{fmt(r.actual)}/{fmt(r.required)}", data.word(r),
                             clip(_explain(data, r)))))
        out.append(Table(("序号", "要求", "检查时段", "完成/要求", "落实情况", "说明"), tuple(rows),
                         RESULT_WIDTHS, right=(0, 3), caption=title))
    return out


def _scope(data: ReportData, r: RuleResult) -> str:
    return r.windows[0].label if len(r.windows) == 1 else data.period.label


def _explain(data: ReportData, r: RuleResult) -> str:
    if r.status in FAILED:
        return "；".join(rule_facts(data, r))
    waived = [w.waiver for w in r.windows if w.status is Status.WAIVED and w.waiver]
    if waived:
        return "已作情况说明：" + "；".join(dict.fromkeys(waived))
    return r.message


EVIDENCE_WIDTHS = (0.07, 0.14, 0.15, 0.34, 0.2, 0.1)


def evidence_records(data: ReportData) -> tuple[list[Record], set[str]]:
    """Each record the checks counted, once, by date; and the ids of those that fail a rule."""
    ids: dict[str, None] = {}
    failing: set[str] = set()
    for r in data.assessment.results:
        ids.update(dict.fromkeys(r.evidence))
        failing.update(x for w in r.windows for x in w.failing)
    return sorted((data.by_id[i] for i in ids if i in data.by_id), key=lambda rec: (rec.date, rec.id)), failing


def evidence_capped(data: ReportData) -> bool:
    """Whether the 佐证材料清单 is too long to print whole (its full list then goes to a file)."""
    return len(evidence_records(data)[0]) > limits.APPENDIX_ROWS


def evidence_table(data: ReportData) -> Table:
    """Each record the checks counted, once, with the files attached to it."""
    records, failing = evidence_records(data)
    # A superior's roll-up of 100,000 records would print thousands of pages: list the
    # failing ones and the first others, and name the file with the whole list.
    shown, left_out = capped(records, keep=lambda rec: rec.id in failing, limit=limits.APPENDIX_ROWS)
    rows = tuple(_evidence_row(i, rec, rec.id in failing, data) for i, rec in enumerate(shown, 1))
    if left_out:
        hidden = sum(1 for rec in records if rec.id in failing) - sum(1 for rec in shown if rec.id in failing)
        of_which = f"（其中不符合要求{hidden}条）" if hidden else ""
        where = (f"全部{len(records)}条见随本报告报送的文件“{data.evidence_file}”" if data.evidence_file
                 else f"完整清单请用 auditor export --period {data.period.id} 导出")
        rows += (Row(("", "", "", f"另有{left_out}条计入的记录未列出{of_which}；{where}", "", ""),
                     origin="佐证材料清单"),)
    return Table(("序号", "日期", "类型", "主题", "佐证材料", "备注"), rows, EVIDENCE_WIDTHS, right=(0,))


def _evidence_row(n: int, rec: Record, failing: bool, data: ReportData) -> Row:
    files = "；".join(PurePath(p).name for p in rec.evidence) or "—"
    note = "；".join(x for x in ("不符合要求" if failing else "", f"属{rec.covers}" if rec.covers else "") if x)
    return Row((str(n), rec.date.isoformat(), data.vocabulary.label(rec.kind), clip(rec.title),
                clip(files), note), origin=f"{rec.date.isoformat()}“{clip(rec.title, 30)}”的记录")


def waiver_table(data: ReportData) -> Table | None:
    titles = {r.rule: r.title for r in data.assessment.results}
    items = [w for w in data.waivers if w.rule in titles and w.approved_on <= data.as_of
             and (w.window or w.covers_span(data.period.start, data.period.end))
             and (not w.window or _window_overlaps(w.window, data))]
    if not items:
        return None
    rows = tuple(Row((titles[w.rule], w.window or "各时段", clip(w.reason), clip(w.approved_by, 40),
                      w.approved_on.isoformat(),
                      f"{'至' + w.expires.isoformat() if w.expires else '长期'}（{w.state(data.as_of)}）"),
                     origin="情况说明") for w in items)
    return Table(("事项", "时段", "理由", "批准单位", "批准日期", "有效期"), rows, (0.17, 0.1, 0.33, 0.14, 0.12, 0.14))


def _window_overlaps(window: str, data: ReportData) -> bool:
    from auditor.errors import AuditorError
    from auditor.periods import parse_period

    try:
        p = parse_period(window)
    except AuditorError:
        return True
    return p.start <= data.period.end and data.period.start <= p.end


def attendance_table(data: ReportData) -> Table | None:
    rows_in = [r for r in data.attendance if r.expected or r.streak.months]
    if not rows_in:
        return None
    rows = tuple(Row((clip(r.member.name, 20), r.member.role, clip(r.member.cell, 20), str(r.expected),
                      str(r.attended), str(r.excused), str(r.unexcused),
                      f"{r.rate:.0%}" if r.rate is not None else "—",
                      (f"{r.streak.months}个月" + ("（请假）" if r.streak.excused else "")) if r.streak.months
                      else ""), origin="党员名册") for r in rows_in)
    return Table(("姓名", "职务", "党小组", "应参加", "参加", "请假", "缺席", "出勤率", "连续未参加"), rows,
                 (0.12, 0.12, 0.14, 0.09, 0.09, 0.09, 0.09, 0.1, 0.16), right=(3, 4, 5, 6, 7))
