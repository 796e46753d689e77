"""The branch's self-inspection report (支部自查报告) as a document model.

Title, 主送, the opening with its basis, 一 by theme with the counts in the sentences
(the first paragraph is the 基本情况), 二 the consolidated problems, 三 the ledger's
state and the plans, the 附件 list, then the 落款. Figures and tables go to the 附件.
"""

from __future__ import annotations

from auditor.model import COMMITTEE_ROLES
from auditor.report import problems as pr
from auditor.report.annexes import annexes
from auditor.report.data import ReportData
from auditor.report.doc import Block, Para, ReportDoc, Signature
from auditor.report.themes import (
    BRANCH_TITLES,
    FRONT,
    LEAD,
    MEETINGS,
    OTHER,
    PUBLICITY,
    STUDY,
    lead_in,
    sentence,
    theme_phrases,
    zh_number,
)

BRANCH_THEMES = (LEAD, STUDY, MEETINGS, FRONT, PUBLICITY, OTHER)
TITLE_LINE = 20
"""Characters of a 2号 title line in the 156 mm text block."""


def branch_report(data: ReportData) -> ReportDoc:
    title = report_title(data, "关于{期间}意识形态工作责任制落实情况的自查报告")
    found = pr.problems(data)
    body: list[Block] = [
        Para(break_title(title), "title"),
        Para(f"{data.profile.superior or '上级党组织'}：", "addressee", origin="单位概况的上级党组织"),
        Para(opening(data, f"{data.unit}对照意识形态工作责任制和“三会一课”等制度规定，对{data.period.label}"
                           "工作落实情况进行了认真自查")),
        Para("一、主要工作开展情况", "h1"),
        Para(basic_facts(data)),
        *work_by_theme(data, BRANCH_THEMES, BRANCH_TITLES, "支部"),
        Para("二、存在的问题", "h1"),
        *problem_paras(data, found),
        Para("三、整改措施及下一步打算", "h1"),
        *section_three(data, found),
    ]
    docs = annexes(data)
    body.append(Para("附件：" + "\n".join(f"{i}．{a.title}" for i, a in enumerate(docs, 1)), "annexes"))
    return ReportDoc(
        title=title, author=data.profile.formal_name or data.unit,
        subject=f"{data.unit}{data.period.label}意识形态工作自查报告", body=tuple(body),
        signature=Signature(data.profile.formal_name or data.unit, data.day), annexes=tuple(docs),
    )


def report_title(data: ReportData, default: str) -> str:
    label = data.period.label if data.period.kind != "year" else f"{data.period.label}全年"
    return (data.profile.report_title.strip() or default).replace("{期间}", label)


def break_title(title: str) -> str:
    """Two balanced lines at a word's end (…工作 / 责任制…), as GB/T 9704 asks of titles."""
    if len(title) <= TITLE_LINE or "\n" in title or len(title) > 2 * TITLE_LINE:
        return title
    cuts = [i + len(w) for w in ("工作", "情况", "年度", "半年", "全年", "的") for i in _all(title, w)]
    fits = [c for c in cuts if c <= TITLE_LINE and len(title) - c <= TITLE_LINE]
    if not fits:
        return title
    best = min(fits, key=lambda c: abs(len(title) / 2 - c))
    return f"{title[:best]}\n{title[best:]}"


def _all(text: str, word: str) -> list[int]:
    return [i for i in range(len(text)) if text.startswith(word, i)]


def opening(data: ReportData, did: str) -> str:
    notice = data.profile.report_notice.strip()
    if notice and not notice.startswith("《"):
        notice = f"《{notice}》"
    basis = f"根据{notice}要求，" if notice else ""
    return f"{basis}{did}。现将有关情况报告如下："


def basic_facts(data: ReportData) -> str:
    """基本情况: roster figures, the secretary, and the activities held (meetings only)."""
    parts = []
    members = data.members
    if members:
        probation = sum(1 for m in members if m.role == "预备党员")
        extra = f"（其中预备党员{probation}名）" if probation else ""
        cells = len({m.cell for m in members if m.cell})
        committee = sum(1 for m in members if m.role in COMMITTEE_ROLES)
        tail = (f"设党小组{cells}个，" if cells else "") + (f"支委{committee}名" if committee else "")
        parts.append(f"支部现有党员{len(members)}名{extra}" + (f"，{tail.rstrip('，')}" if tail else ""))
    if data.profile.secretary:
        parts.append(f"支部书记由{data.profile.secretary}同志担任")
    held = [r for r in data.records if (k := data.vocabulary.get(r.kind)) is not None and k.meeting]
    parts.append(f"{lead_in(data)}，支部共召开各类会议、开展组织生活和学习活动{len(held)}次")
    return "。".join(parts) + "。"


def work_by_theme(data: ReportData, themes: tuple[str, ...], titles: dict[str, str], who: str) -> list[Para]:
    out: list[Para] = []
    n = 0
    for theme in themes:
        phrases = theme_phrases(data, theme)
        if not phrases:
            continue
        n += 1
        out.append(Para(f"（{zh_number(n)}）{titles[theme]}", "h2"))
        text = f"{lead_in(data)}，{who}{sentence(phrases)}。"
        rate = attendance_rate(data) if theme == MEETINGS else ""
        out.append(Para(text + rate))
    if not out:
        out.append(Para(f"{lead_in(data)}，尚未登记相关工作记录。"))
    return out


def attendance_rate(data: ReportData) -> str:
    meetings = [r for r in data.records if r.expected and r.present is not None
                and (k := data.vocabulary.get(r.kind)) is not None and k.family in ("三会一课", "组织生活")]
    if not meetings:
        return ""
    rate = sum(r.present or 0 for r in meetings) / sum(r.expected or 0 for r in meetings)
    return f"各次会议党员平均到会率{rate:.0%}。"


def problem_paras(data: ReportData, found: list[pr.Problem]) -> list[Para]:
    if found:
        out = [Para(f"对照检查，{data.period.label}工作中还存在以下问题：")]
        out += [Para(p.sentence(i)) for i, p in enumerate(found, 1)]
    else:
        out = [Para(f"对照检查，{data.period.label}各项规定动作均已按要求完成，未发现未完成或逾期完成的事项。")]
    waived = pr.waived_sentence(data)
    return out + ([Para(waived)] if waived else [])


def section_three(data: ReportData, found: list[pr.Problem]) -> list[Para]:
    out: list[Para] = []
    items = pr.rectification_paras(data)
    n = 0
    if items:
        n += 1
        out.append(Para(f"（{zh_number(n)}）整改落实情况", "h2"))
        out += [Para(t, origin="整改台账") for t in items]
    if items:
        out.append(Para(f"（{zh_number(n + 1)}）下一步打算", "h2"))
    else:
        out.append(Para("下一步，支部将针对存在的问题，重点抓好以下工作："))
    out += [Para(t) for t in pr.plan_paras(data, found)]
    return out
