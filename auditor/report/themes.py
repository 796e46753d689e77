"""Themes of the genre and the count sentences written from the records.

The seeds write by theme (组织领导 / 理论武装 / 三会一课与组织生活 / 阵地管理 / 宣传信息),
with the figures in the sentences: "开展机关党组中心组学习4次，专题研讨2次". A kind
belongs to a theme by its family (rules/kinds.yaml); a rule by its pack.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from auditor.engine.assessment import fmt
from auditor.engine.requirements import Duty
from auditor.model import Record
from auditor.report.data import ReportData

LEAD, STUDY, MEETINGS, FRONT, PUBLICITY, RECORDS, MEMBERS, OTHER = (
    "lead", "study", "meetings", "front", "publicity", "records", "members", "other")
THEME_ORDER = (LEAD, STUDY, MEETINGS, RECORDS, MEMBERS, FRONT, PUBLICITY, OTHER)

BRANCH_TITLES = {
    LEAD: "组织领导与责任落实", STUDY: "理论武装", MEETINGS: "“三会一课”与组织生活",
    FRONT: "阵地管理", PUBLICITY: "宣传信息", OTHER: "其他工作",
}
ORGAN_TITLES = {
    LEAD: "强化组织领导，压实工作责任", STUDY: "强化理论武装，抓实学习教育",
    MEETINGS: "抓实组织生活，严格党内制度", FRONT: "强化阵地建设，把好舆论方向",
    PUBLICITY: "强化宣传引导，汇聚奋进力量", OTHER: "统筹推进其他工作",
}
FAMILY_THEME = {
    "意识形态": LEAD, "领导班子": LEAD, "理论学习": STUDY, "三会一课": MEETINGS,
    "组织生活": MEETINGS, "阵地管理": FRONT, "宣传信息": PUBLICITY,
}
PACK_THEME = {"ideology": LEAD, "study": STUDY, "branch": MEETINGS, "records": RECORDS, "minutes": RECORDS,
              "members": MEMBERS}
VERBS = {
    "party_group_meeting": "召开", "party_committee_meeting": "召开", "general_meeting": "召开",
    "committee_meeting": "召开", "cell_meeting": "召开", "org_life_meeting": "召开",
    "democratic_life_meeting": "召开", "joint_meeting": "召开", "party_lesson": "讲授",
    "ideology_report": "报送", "publicity_item": "报送", "opinion_info": "报送", "work_plan": "制定",
    "online_group_filing": "办理", "party_bulletin": "开展", "risk_analysis": "开展",
}
_DIGITS = "零一二三四五六七八九"


def zh_number(n: int) -> str:
    """1 -> 一, 12 -> 十二 (ordinals of the genre stay small)."""
    if n < 10:
        return _DIGITS[n]
    if n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    return f"{'' if tens == 1 else _DIGITS[tens]}十{_DIGITS[ones] if ones else ''}"


def kind_theme(data: ReportData, kind: str) -> str:
    k = data.vocabulary.get(kind)
    return FAMILY_THEME.get(k.family if k else "", OTHER)


def rule_theme(data: ReportData, rule_id: str, pack: str) -> str:
    rule = data.duties.get(rule_id)
    theme = PACK_THEME.get(pack)
    if theme == MEETINGS and rule is not None and rule.type == "each_record":
        return RECORDS  # quorum and the like: how meetings are held, not whether
    if theme:
        return theme
    kinds = rule.kinds if rule is not None else ()
    return kind_theme(data, kinds[0]) if kinds else OTHER


def lead_in(data: ReportData) -> str:
    """上半年 / 下半年 / 全年, or 今年以来 / 7月以来 while the period is still open."""
    p = data.period
    if not data.closed:
        return "今年以来" if p.start.month == 1 else f"{p.start.month}月以来"
    return {"half": "上半年" if p.start.month == 1 else "下半年"}.get(p.kind, "全年")


@dataclass(frozen=True)
class Phrase:
    verb: str
    text: str


def theme_phrases(data: ReportData, theme: str, records: Sequence[Record] | None = None) -> list[Phrase]:
    """召开支部党员大会2次 …: each kind of the theme with records, then topic and time totals."""
    recs = [r for r in (data.records if records is None else records) if data.for_body(r.kind)]
    by_kind: dict[str, list[Record]] = {}
    for r in recs:
        by_kind.setdefault(r.kind, []).append(r)
    out: list[Phrase] = []
    for k in data.vocabulary.kinds:
        found = by_kind.get(k.id)
        if not found or kind_theme(data, k.id) != theme or not data.for_body(k.id):
            continue
        out.append(Phrase(verb_for(k.id, k.label), _amount(data, k.id, k.label, found)))
    for rule in _rules_of(data, theme):
        phrase = _rule_phrase(rule, recs)
        if phrase:
            first = rule.kinds[0] if rule.kinds else ""
            if rule.type == "total":  # 中心组集中学习时间累计3.5天 takes no verb
                out.append(Phrase("", phrase))
                continue
            verbed = with_verb(phrase, first, data.vocabulary.label(first) if first else "")
            out.append(Phrase(verbed[: len(verbed) - len(phrase)], phrase))
    return out


def sentence(phrases: Sequence[Phrase]) -> str:
    """Phrases joined the way the seeds do: 召开A2次、B6次，讲授党课2次，开展主题党日6次."""
    groups: dict[str, list[str]] = {}
    for ph in phrases:
        groups.setdefault(ph.verb or ph.text, []).append(ph.text)
    return "，".join(("" if texts[0] == verb else verb) + "、".join(texts) for verb, texts in groups.items())


def verb_for(kind: str, label: str) -> str:
    return VERBS.get(kind) or ("报送" if label.endswith(("报告", "报表", "信息")) else "开展")


def with_verb(noun: str, kind: str, label: str) -> str:
    """A duty as an act: 专题研究意识形态工作 stays, 党内通报 becomes 开展党内通报."""
    if noun.startswith(SELF_VERBED):
        return noun
    return verb_for(kind, label) + noun


SELF_VERBED = ("专题", "研究", "开展", "召开", "报送", "向", "按时", "在", "讲授", "制定", "办理")


def _amount(data: ReportData, kind: str, label: str, recs: list[Record]) -> str:
    unit = _quantity_unit(data, kind)
    if unit:
        total = sum(r.quantity if r.quantity is not None else 1 for r in recs)
        return f"{label}{fmt(total)}{unit}"
    return f"{label}{len(recs)}次"


def _quantity_unit(data: ReportData, kind: str) -> str:
    for d in data.duties.values():
        if d.type == "total" and d.field == "quantity" and kind in d.kinds:
            return d.unit
    k = data.vocabulary.get(kind)
    return "篇" if k is not None and k.family == "宣传信息" else ""


def _rules_of(data: ReportData, theme: str) -> list[Duty]:
    return [data.duties[r.rule] for r in data.assessment.results
            if r.rule in data.duties and rule_theme(data, r.rule, r.pack) == theme]


def _rule_phrase(rule: Duty, recs: Sequence[Record]) -> str:
    """Topic counts (专题研究意识形态工作1次) and time totals (集中学习累计3.5天)."""
    if rule.type == "count" and (rule.topics or rule.topics_any):
        n = sum(1 for r in recs
                if _kind_match(r, rule.kinds) and _topics_match(r, rule.topics, rule.topics_any))
        return f"{rule.what}{n}{rule.unit}" if n else ""
    if rule.type == "total" and rule.field == "duration_days":
        days = sum(r.duration_days or 0 for r in recs if _kind_match(r, rule.kinds))
        return f"{rule.what}累计{fmt(days)}{rule.unit}" if days else ""
    return ""


def _topics_match(r: Record, all_of: Sequence[str], any_of: Sequence[str]) -> bool:
    return all(t in r.topics for t in all_of) and (not any_of or any(t in r.topics for t in any_of))


def _kind_match(r: Record, kinds: Sequence[str]) -> bool:
    return not kinds or r.kind in kinds
