"""The leading body's summary (党组意识形态工作情况报告), shaped like the 2020 seed.

An opening "在…的正确领导下", then parts by theme whose headings carry the theme
(一、强化组织领导，压实工作责任 …) with the 中心组 and 专题研究 counts in the sentences
and the branch's activities beside them ("机关党支部开展主题党日6次"), the problems
(一是…二是…), the ledger's state and the next steps; the 落款 is the 党组's name.
"""

from __future__ import annotations

from auditor.report import problems as pr
from auditor.report import themes as th
from auditor.report.annexes import annexes
from auditor.report.branch import break_title, opening, report_title
from auditor.report.data import ReportData
from auditor.report.doc import Block, Para, ReportDoc, Signature
from auditor.report.themes import ORGAN_TITLES, lead_in, sentence, theme_phrases, zh_number


def organ_name(data: ReportData) -> str:
    p = data.profile
    return p.organ_name or (f"{p.unit_name}党组" if p.unit_name else "机关党组")


def organ_report(data: ReportData) -> ReportDoc:
    p = data.profile
    name = organ_name(data)
    superior = p.organ_superior or p.superior
    title = report_title(data, "关于{期间}意识形态工作情况的报告")
    led = f"在{superior}的正确领导下，" if superior else ""
    did = (f"{lead_in(data)}，{led}{name}认真落实意识形态工作责任制，加强意识形态领域管理和引导，"
           f"对照有关规定对{data.period.label}工作进行了总结")
    body: list[Block] = [
        Para(break_title(title), "title"),
        Para(f"{superior or '上级党组织'}：", "addressee", origin="单位概况的上级党组织"),
        Para(opening(data, did)),
    ]
    parts = _parts(data)
    for i, (heading, text) in enumerate(parts, 1):
        body += [Para(f"{zh_number(i)}、{heading}", "h1"), Para(text)]
    n = len(parts)
    found = pr.problems(data)
    body.append(Para(f"{zh_number(n + 1)}、存在的问题和不足", "h1"))
    if found:
        body.append(Para(f"{data.period.label}，意识形态工作取得了一定成效，但对照要求还存在一些问题和不足："))
        body += [Para(pb.sentence(i)) for i, pb in enumerate(found, 1)]
    else:
        body.append(Para("对照检查，各项规定动作均已按要求完成，但工作的主动性、创造性还需进一步增强。"))
    body.append(Para(f"{zh_number(n + 2)}、下一步工作打算", "h1"))
    items = pr.rectification_paras(data)
    if items:
        body.append(Para("针对检查发现的问题，已逐项明确整改措施：" + "".join(items), origin="整改台账"))
    body.append(Para("下一步，将坚持问题导向、目标导向、效果导向，推动各项工作落实见效。"))
    body += [Para(t) for t in pr.plan_paras(data, found)]
    docs = annexes(data)
    body.append(Para("附件：" + "\n".join(f"{i}．{a.title}" for i, a in enumerate(docs, 1)), "annexes"))
    return ReportDoc(title=title, author=name, subject=f"{name}{data.period.label}意识形态工作情况",
                     body=tuple(body), signature=Signature(name, data.day), annexes=tuple(docs))


def _parts(data: ReportData) -> list[tuple[str, str]]:
    when = lead_in(data)
    out = []
    lead = theme_phrases(data, th.LEAD)
    if lead:
        out.append((ORGAN_TITLES[th.LEAD], f"{when}，党组{sentence(lead)}。"))
    study, meetings = theme_phrases(data, th.STUDY), theme_phrases(data, th.MEETINGS)
    if study or meetings:
        told = [f"党组{sentence(study)}"] if study else []
        told += [f"机关党支部{sentence(meetings)}"] if meetings else []
        out.append((ORGAN_TITLES[th.STUDY], f"{when}，{'；'.join(told)}。"))
    front = theme_phrases(data, th.FRONT) + theme_phrases(data, th.PUBLICITY)
    if front:
        out.append((ORGAN_TITLES[th.FRONT], f"{when}，{sentence(front)}。"))
    if not out:
        out.append((ORGAN_TITLES[th.LEAD], f"{when}，尚未登记相关工作记录。"))
    return out
