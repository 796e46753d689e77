"""Sections 二 and 三: a few consolidated problems, the ledger's state, and the plans.

Problems are grouped by theme, each a statement followed by its facts ("8月、10月未开展
主题党日"), at most five; only what went wrong counts (未完成, 逾期, 逾期完成): a duty
still open is a plan, not a problem. Section 三 takes the rectification ledger as it
stood on the as-of day and ends with 下一步打算, one line per theme concerned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from auditor.engine.assessment import RuleResult, Status, WindowResult, fmt
from auditor.model import Rectification
from auditor.report.data import ReportData
from auditor.report.doc import zh_date
from auditor.report.themes import LEAD, MEETINGS, THEME_ORDER, rule_theme, with_verb, zh_number

MAX_PROBLEMS = 5
MAX_FACTS = 4
FAILED = (Status.OVERDUE, Status.NOT_MET, Status.LATE)
OPEN = (Status.ON_TRACK, Status.AT_RISK, Status.PENDING)

HEADLINES = {
    "lead": "意识形态工作责任制落实还有差距",
    "study": "理论学习制度执行还不够严格",
    "meetings": "“三会一课”等组织生活制度落实还不够经常",
    "records": "会议程序和会议记录还不够规范",
    "members": "党员日常教育管理还需加强",
    "front": "意识形态阵地管理还有薄弱环节",
    "publicity": "宣传信息工作还需加强",
    "other": "部分工作落实还不到位",
}
PLANS = {
    "lead": "严格落实意识形态工作责任制，定期专题研究意识形态工作、开展分析研判，按时向上级党组织报告意识形态工作",
    "study": "坚持理论学习制度，落实“第一议题”学习，严格考勤，提高学习实效",
    "meetings": "严格落实“三会一课”、主题党日等组织生活制度，年初定计划、每月抓落实，做到应开尽开",
    "records": "规范会议程序和会议记录，会前核对应到、实到人数，会后由组织委员逐项核对记录要素",
    "members": "加强党员日常教育管理，对长期不参加组织生活的党员及时谈心谈话、批评教育",
    "front": "加强网络阵地和宣传阵地管理，及时办理工作群备案，落实管理责任",
    "publicity": "加强宣传信息工作，及时向上级报送宣传信息",
    "other": "对照上级要求，逐项抓好各项工作落实",
}
_SHARES = re.compile(r"；?另有\d+个时段")
_ASIDES = ("另有", "共")
"""Bracketed asides of the engine's messages that are tallies or not problems."""


@dataclass(frozen=True)
class Problem:
    theme: str
    facts: tuple[str, ...]

    def sentence(self, n: int) -> str:
        return f"{zh_number(n)}是{HEADLINES[self.theme]}。{'；'.join(self.facts)}。"


def problems(data: ReportData) -> list[Problem]:
    groups: dict[str, list[str]] = {}
    for r in data.assessment.results:
        if r.status in FAILED:
            groups.setdefault(rule_theme(data, r.rule, r.pack), []).extend(rule_facts(data, r))
    ordered = [t for t in THEME_ORDER if groups.get(t)]
    return [Problem(t, tuple(groups[t][:MAX_FACTS])) for t in ordered[:MAX_PROBLEMS]]


def rule_facts(data: ReportData, r: RuleResult) -> list[str]:
    """The facts of one rule's failed windows; windows with the same wording share one fact."""
    merged: dict[str, list[str]] = {}
    for w in r.windows:
        if w.status not in FAILED:
            continue
        label = short_label(data, w)
        rest = plain(data, w.message[len(w.label):] if w.message.startswith(w.label) else w.message)
        if re.match(r"\d+月\d+日", rest):
            label = ""  # a record's own date says when
        merged.setdefault(rest, []).append(label)
    return [("、".join(x for x in labels if x) + rest).strip("，；") for rest, labels in merged.items()]


def short_label(data: ReportData, w: WindowResult) -> str:
    """2026年8月 -> 8月 in a report on 2026; the period's own window reads as nothing."""
    if w.period == data.period.id:
        return ""
    year = f"{data.period.start.year}年"
    return w.label[len(year):] if w.label.startswith(year) else w.label


def plain(data: ReportData, text: str) -> str:
    """An engine message as a fact: the report's own year dropped, tool tallies removed."""
    text = _drop_asides(_SHARES.sub("", text))
    return re.sub(rf"{data.period.start.year}年(?=\d)", "", text).strip().rstrip("。")


def _drop_asides(text: str) -> str:
    """Remove （另有…） and （…共2条记录…） asides, nested brackets included."""
    out, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c == "（":
            if depth == 0:
                start = i
            depth += 1
        elif c == "）" and depth:
            depth -= 1
            if depth == 0:
                aside = text[start + 1:i]
                if aside.startswith(_ASIDES[0]) or re.search(r"共\d+条记录", aside):
                    continue
                out.append(text[start:i + 1])
        elif depth == 0:
            out.append(c)
    return "".join(out) + (text[start:] if depth else "")


def waived_sentence(data: ReportData) -> str:
    waived = [(r, w) for r in data.assessment.results for w in r.windows if w.status is Status.WAIVED]
    if not waived:
        return ""
    items = "；".join(f"{short_label(data, w) or data.period.label}{r.title}，原因是{w.waiver.rstrip('。')}"
                      for r, w in waived[:MAX_FACTS])
    return f"此外，以下工作未按要求开展，已向上级党组织作出书面说明：{items}。"


def rectification_paras(data: ReportData) -> list[str]:
    """整改落实情况: each ledger item found by the as-of day, in its state on that day."""
    return [f"{zh_number(i)}是{item_sentence(it, data)}" for i, it in enumerate(data.rectifications, 1)]


def item_sentence(it: Rectification, data: ReportData) -> str:
    problem = it.problem.strip().rstrip("。；")
    measure = it.measure.strip().rstrip("。；")
    head = f"针对“{problem}”的问题，{measure}" if problem else measure
    who = f"，责任人{it.responsible}" if it.responsible else ""
    done = it.completed_on is not None and it.completed_on <= data.as_of
    if done and it.completed_on is not None:
        return f"{head}，已于{zh_date(it.completed_on)}整改完成。"
    late = (data.as_of - it.deadline).days
    if late > 0:
        state = "正在整改" if it.status == "整改中" or it.completed_on else "尚未整改"
        return f"{head}{who}，整改时限为{zh_date(it.deadline)}，目前已超期{late}天、{state}，将督促尽快完成。"
    return f"{head}{who}，计划于{zh_date(it.deadline)}前完成。"


def plan_paras(data: ReportData, found: list[Problem]) -> list[str]:
    """下一步打算: one line per theme with a problem or a duty still open, with what is left."""
    left: dict[str, list[str]] = {}
    for r in data.assessment.results:
        if r.status in OPEN or (r.status in FAILED and _still_due(data, r)):
            left.setdefault(rule_theme(data, r.rule, r.pack), []).append(_todo(data, r))
    themes = [t for t in THEME_ORDER if t in left or any(p.theme == t for p in found)]
    if not themes:
        themes = [LEAD, MEETINGS]
    when = "下半年" if data.period.kind == "half" and data.period.start.month == 1 and data.closed else (
        "期末前" if not data.closed else "下一年度")
    out = []
    for i, t in enumerate(themes, 1):
        todo = [x for x in dict.fromkeys(left.get(t, ())) if x][:MAX_FACTS]
        extra = f"。{when}将{'、'.join(todo)}" if todo else ""
        out.append(f"{zh_number(i)}是{PLANS[t]}{extra}。")
    return out


def _still_due(data: ReportData, r: RuleResult) -> bool:
    return any(w.status in OPEN for w in r.windows)


def _todo(data: ReportData, r: RuleResult) -> str:
    """召开组织生活会 / 于12月20日前报送意识形态工作专题报告: what is left of a duty."""
    rule = data.duties.get(r.rule)
    if rule is None:
        return f"抓好{r.title}"
    noun = rule.what
    first = rule.kinds[0] if rule.kinds else ""
    if rule.type == "deadline":
        act = f"报送{noun}"
    elif rule.type == "total":
        act = f"使{noun}累计达到{fmt(rule.min)}{rule.unit}"
    elif rule.type == "per_member" and noun != data.vocabulary.label(first):
        act = f"做到{noun}全覆盖"
    else:
        act = with_verb(noun, first, data.vocabulary.label(first) if first else "")
    due = next((w.due for w in r.windows if w.status in OPEN and w.due), None)
    dated = rule.type == "deadline" and due is not None and due > data.as_of
    return f"于{due.month}月{due.day}日前{act}" if dated and due is not None else act
