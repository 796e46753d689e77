"""The body text of the self-inspection report (自查报告), in the genre of the seeds.

Plain strings only (no markup): ``build`` escapes them. Counts are written the way the
real reports write them, e.g. "1—6月，召开支部党员大会2次、支部委员会会议6次，讲授党课2次"
(compare ../shared/seeds: "开展机关党组中心组学习4次，专题研讨2次……").
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from auditor.engine.assessment import RuleResult, Status
from auditor.engine.checks.common import fmt
from auditor.model import Record
from auditor.periods import Period
from auditor.report.data import Rectification, ReportData
from auditor.rulebook.schema import Count, EachRecord, Rule, Total

# Verb that goes before a kind in the count sentences; anything else is 开展.
_VERBS: dict[str, str] = {
    "party_group_meeting": "召开",
    "party_committee_meeting": "召开",
    "general_meeting": "召开",
    "committee_meeting": "召开",
    "cell_meeting": "召开",
    "org_life_meeting": "召开",
    "democratic_life_meeting": "召开",
    "joint_meeting": "召开",
    "party_lesson": "讲授",
    "ideology_report": "报送",
    "publicity_item": "报送",
    "opinion_info": "报送",
    "work_plan": "制定",
    "online_group_filing": "办理",
}
PROBLEM_STATUSES = (Status.OVERDUE, Status.NOT_MET, Status.LATE, Status.AT_RISK)
OPEN_STATUSES = (Status.OVERDUE, Status.NOT_MET, Status.AT_RISK, Status.ON_TRACK)
# Order of the status tally in sentences: good news first, as the genre does.
TALLY_ORDER = (
    Status.MET, Status.LATE, Status.ON_TRACK, Status.AT_RISK, Status.NOT_MET,
    Status.OVERDUE, Status.WAIVED, Status.PENDING, Status.NOT_APPLICABLE,
)
_DIGITS = "零一二三四五六七八九"


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...]
    subsections: tuple[Section, ...] = ()


def zh_number(n: int) -> str:
    """1 -> 一, 12 -> 十二, 25 -> 二十五 (up to 99; ordinals of the genre stay small)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    if n >= 100:
        return str(n)
    head = "" if tens == 1 else _DIGITS[tens]
    return f"{head}十{_DIGITS[ones] if ones else ''}"


def span(period: Period, as_of: dt.date) -> str:
    """The stretch covered so far: 1—6月, or 7月1日至11月22日 while the period is open."""
    s, e = period.start, period.end
    if as_of < e:
        if as_of < s:
            return f"{s.month}月"
        return f"{s.month}月1日至{as_of.month}月{as_of.day}日"
    return f"{s.month}月" if s.month == e.month else f"{s.month}—{e.month}月"


def opening(data: ReportData) -> str:
    p = data.profile
    lead = f"在{p.superior}的领导下，" if p.superior else "在上级党组织的领导下，"
    return (
        f"{data.period.label}，{data.unit}{lead}认真落实意识形态工作责任制和“三会一课”等组织生活制度，"
        f"对照各项规定逐项开展自查。现将{data.period.label}（截至{_date(data.as_of)}）有关情况报告如下："
    )


def summary(data: ReportData) -> str:
    a = data.assessment
    parts = [f"本次自查共对照{len(a.results)}项要求，{tally(a.results)}"]
    if a.score is not None:
        parts.append(f"按规则所定扣分标准计算，得分{fmt(a.score)}分，满分100分")
    return "；".join(parts) + "。"


def tally(results: list[RuleResult] | tuple[RuleResult, ...]) -> str:
    counts = Counter(r.status for r in results)
    return "、".join(f"{s.label}{counts[s]}项" for s in TALLY_ORDER if counts[s])


def work_done(data: ReportData) -> Section:
    """一、工作开展情况: one subsection per pack with the counts from the records."""
    subs = []
    when = span(data.period, data.as_of)
    told: set[str] = set()
    for i, (_pack, title, results) in enumerate(data.assessment.by_pack(), start=1):
        rules = [data.rules[r.rule] for r in results if r.rule in data.rules]
        kinds = _kinds(rules)
        told_before = kinds.keys() <= told and bool(kinds)
        counts = _counts_sentence(data, rules, when, told)
        sentences = [s for s in (counts, _detail_sentence(data, rules, results, bool(counts))) if s]
        if data.as_of < data.period.start:
            sentences = [f"{data.period.label}尚未开始。"]
        elif not sentences and not told_before:
            sentences = [f"{when}，本部分未登记相关活动。"]
        sentences.append(f"对照本部分{len(results)}项要求，{tally(results)}。")
        subs.append(Section(f"（{zh_number(i)}）{title}", ("".join(sentences),)))
    return Section("一、工作开展情况", (), tuple(subs))


def _kinds(rules: list[Rule]) -> dict[str, None]:
    """Kinds the pack's rules count, in rule order (a dict keeps them ordered and unique)."""
    kinds: dict[str, None] = {}
    for rule in rules:
        m = rule.requirement.match
        # Conditions on records (attendance, minutes) are not activities of their own, and
        # topic rules (专题研究意识形态工作 among all 支委会) get their own count in the detail.
        if isinstance(rule.requirement, EachRecord) or m.topics or m.topics_any:
            continue
        for k in m.kinds:
            kinds[k] = None
    return kinds


def _counts_sentence(data: ReportData, rules: list[Rule], when: str, told: set[str]) -> str:
    """Counts of the pack's kinds not yet told by an earlier pack (each kind is counted once)."""
    kinds = [k for k in _kinds(rules) if k not in told]
    told.update(kinds)
    quantity_units = {
        k: rule.requirement.unit
        for rule in rules
        if isinstance(rule.requirement, Total) and rule.requirement.field == "quantity"
        for k in rule.requirement.match.kinds
    }
    by_kind: dict[str, list[Record]] = {}
    for r in data.records:
        by_kind.setdefault(r.kind, []).append(r)
    groups: list[tuple[str, list[str]]] = []
    for k in kinds:
        recs = by_kind.get(k, [])
        if not recs:
            continue
        label = data.vocabulary.label(k)
        if k in quantity_units:
            amount = sum(r.quantity or 0 for r in recs)
            phrase = f"{label}{fmt(amount)}{quantity_units[k]}"
        else:
            phrase = f"{label}{len(recs)}次"
        verb = _VERBS.get(k) or ("报送" if label.endswith(("报告", "报表")) else "开展")
        if groups and groups[-1][0] == verb:
            groups[-1][1].append(phrase)
        else:
            groups.append((verb, [phrase]))
    if not groups:
        return ""
    return f"{when}，" + "，".join(verb + "、".join(ps) for verb, ps in groups) + "。"


def _detail_sentence(data: ReportData, rules: list[Rule], results: list[RuleResult], follows: bool) -> str:
    """Topic-specific counts (专题研究…), totals (累计…天) and record checks (检查…条)."""
    parts: list[str] = []
    for rule in rules:
        req = rule.requirement
        m = req.match
        if isinstance(req, Count) and (m.topics or m.topics_any):
            n = sum(1 for r in data.records if _matches(r, rule))
            if n:
                parts.append(f"{rule.what}{n}{req.unit}")
        elif isinstance(req, Total) and req.field == "duration_days":
            days = sum(r.duration_days or 0 for r in data.records if _matches(r, rule))
            if days:
                parts.append(f"{rule.what}累计{fmt(days)}{req.unit}")
    out = "；".join(parts)
    if out:
        out = f"其中，{out}。" if follows else f"{span(data.period, data.as_of)}，{out}。"
    checks = []
    for res in results:
        checked = data.rules.get(res.rule)
        if checked is not None and isinstance(checked.requirement, EachRecord) and res.required:
            checks.append(f"{checked.title}方面检查记录{fmt(res.required)}条，符合要求{fmt(res.actual)}条")
    if checks:
        out += "经逐条检查，" + "；".join(checks) + "。"
    return out


def _matches(record: Record, rule: Rule) -> bool:
    m = rule.requirement.match
    if m.kinds and record.kind not in m.kinds:
        return False
    if m.topics and not all(t in record.topics for t in m.topics):
        return False
    return not (m.topics_any and not any(t in record.topics for t in m.topics_any))


def problems(data: ReportData) -> Section:
    """二、存在问题: one plain sentence per rule not met, late, overdue or at risk."""
    items = sorted(
        (r for r in data.assessment.results if r.status in PROBLEM_STATUSES),
        key=lambda r: PROBLEM_STATUSES.index(r.status),
    )
    paras: list[str] = []
    if items:
        paras.append(f"对照检查，{data.period.label}还存在以下问题和不足：")
        for i, r in enumerate(items, start=1):
            advisory = "（参考项）" if r.severity == "advisory" else ""
            paras.append(f"{zh_number(i)}是“{r.title}”{advisory}{r.word}。{_sentence(r.message)}")
    else:
        paras.append(f"对照检查，{data.period.label}未发现未完成、逾期或临期的事项。")
    waived = [(r, w) for r in data.assessment.results for w in r.windows if w.status is Status.WAIVED]
    if waived:
        paras.append("以下事项未按要求完成，已作书面情况说明：")
        for r, w in waived:
            paras.append(f"{w.label}“{r.title}”，说明理由：{w.waiver or '（未填写）'}。")
    return Section("二、存在问题", tuple(paras))


def next_steps(data: ReportData) -> Section:
    """三、整改措施及下一步打算: the rectification items, then the duties still open.

    Until the ledger (整改台账) holds items, a placeholder note asks for them and the
    open duties are listed; with items, open duties no item answers are listed after.
    """
    paras: list[str] = []
    titles = {r.rule: r.title for r in data.assessment.results}
    items = data.rectifications or ()
    open_items = [r for r in data.assessment.results if r.status in OPEN_STATUSES]
    if items:
        paras.append("针对上述问题，制定以下整改措施：")
        for i, item in enumerate(items, start=1):
            paras.append(f"{zh_number(i)}是{rectification_sentence(item, titles)}")
        answered = {item.rule for item in items}
        open_items = [r for r in open_items if r.rule not in answered]
        lead = "此外，下列尚未完成的工作还需明确整改措施："
    else:
        paras.append("（整改台账中尚无整改事项。请对下列尚未完成的工作逐项明确整改措施、责任人和完成时限。）")
        lead = "下一步，将重点抓好以下尚未完成的工作："
    if open_items:
        paras.append(lead)
        for i, r in enumerate(open_items, start=1):
            paras.append(f"{zh_number(i)}是{open_duty_sentence(r)}")
    elif not items:
        paras.append("各项工作均已按要求完成。下一步，将继续对照年度工作要点，抓好各项制度的落实。")
    return Section("三、整改措施及下一步打算", tuple(paras))


def open_duty_sentence(r: RuleResult) -> str:
    """One line of the placeholder list: what is still to do, and by when.

    Sentences end in a word, not a bracket: ReportLab hangs only one closing mark in
    the margin, so "）。" at a line end would push "。" alone onto the next line.
    """
    done = f"目前完成{fmt(r.actual)}/{fmt(r.required)}"
    if r.status is Status.NOT_MET:
        return f"针对“{r.title}”未完成的问题，{done}，查明原因，落实整改，防止再次发生。"
    if r.status is Status.OVERDUE:
        return f"尽快补做“{r.title}”，已逾期，{done}，并向上级党组织说明情况。"
    due = f"，须在{_date(r.due)}前完成" if r.due else ""
    return f"抓紧落实“{r.title}”，{r.word}，{done}{due}。"


def rectification_sentence(item: Rectification, titles: dict[str, str]) -> str:
    """E.g. 针对“党课”：第三季度未讲党课，整改措施：…；责任人：…，完成时限：…，整改状态：…。"""
    target = f"针对“{titles.get(item.rule, item.rule)}”" if item.rule else "针对"
    problem = _sentence(item.problem).rstrip("。")
    head = f"{target}{'：' + problem if problem else ''}，"
    done = f"，{_date(item.completed_on)}完成" if item.completed_on else ""
    return (
        f"{head}整改措施：{_sentence(item.measure).rstrip('。')}；责任人：{item.responsible or '未指定'}，"
        f"完成时限：{_date(item.deadline)}，整改状态：{item.status}{done}。"
    )


def body(data: ReportData) -> tuple[Section, ...]:
    return (work_done(data), problems(data), next_steps(data))


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith(("。", "！", "？")) else text + "。"


def _date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
