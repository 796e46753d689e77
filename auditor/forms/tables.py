"""The four forms: the fields of records, members, waivers and rectification items (data),
and the checks across their fields."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.errors import FieldError
from auditor.forms.spec import Field, Form
from auditor.model import MEMBER_ROLES, MEMBER_STATUSES, RECTIFY_STATUSES

# -- the checks across fields ------------------------------------------------------------


def _record_check(doc: Mapping[str, Any]) -> None:
    exp, pres = doc.get("expected"), doc.get("present")
    if exp is not None and pres is not None and pres > exp:
        raise FieldError("present", f"实到人数（{pres}）不能多于应到人数（{exp}），请核对。")


def _waiver_check(doc: Mapping[str, Any]) -> None:
    if doc.get("expires") and doc.get("approved_on") and str(doc["expires"]) < str(doc["approved_on"]):
        raise FieldError("expires", "有效期至早于批准日期，请核对。")


def _rectification_check(doc: Mapping[str, Any]) -> None:
    done, found = doc.get("completed_on"), doc.get("found_on")
    if done and found and str(done) < str(found):
        raise FieldError("completed_on", f"完成日期 {done} 早于发现问题的日期，请核对。")


# -- the four forms (data tables) ----------------------------------------------------------

RECORD = Form("活动记录", (
    Field("date", "日期", "活动日期，如 2026-03-05、2026/3/5、2026年3月5日", True, "date"),
    Field("time", "时间", "时间，如 14:30-16:00", kind="time"),
    Field("kind", "类型", "活动类型，如 主题党日、支委会、党课", True, "kind", aliases=("活动类型",)),
    Field("title", "主题", "会议或活动主题", True, aliases=("会议主题", "标题")),
    Field("topics", "议题标签", "标签，用；或、分隔，如 意识形态；第一议题", kind="list", aliases=("标签", "议题")),
    Field("host", "主持人", "主持人"),
    Field("recorder", "记录人", "记录人"),
    Field("expected", "应到人数", "应到人数", kind="count"),
    Field("present", "实到人数", "实到人数", kind="count"),
    Field("absentees", "缺席人员", "缺席人员及原因，如 张三（出差）；李四（病假）", kind="absentees"),
    Field("attendees", "参会人员", "参会党员姓名，用；或、分隔", kind="list"),
    Field("speakers", "交流发言人员", "交流发言人姓名，用；或、分隔", kind="list", aliases=("发言人员",)),
    Field("duration_days", "时长（天）", "学习时长，以天计，半天写 0.5", kind="number", aliases=("时长(天)", "时长")),
    Field("quantity", "数量", "数量，如稿件篇数", kind="number"),
    Field("covers", "所属期间", "记录所属期间，如 2026H1（不填按标题中的期间或日期）", kind="period"),
    Field("body", "主体", "谁的工作，如 党组（不填按活动类型）", kind="body"),
    Field("location", "地点", "地点"),
    Field("summary", "内容摘要", "内容摘要", multiline=True),
    Field("evidence", "佐证材料", "佐证材料文件路径，用；分隔", kind="list"),
), _record_check)

MEMBER = Form("党员", (
    Field("name", "姓名", "党员姓名（与会议记录中的写法一致）", True),
    Field("role", "职务", "、".join(MEMBER_ROLES[:-1]) + "或" + MEMBER_ROLES[-1], kind="choice",
          choices=MEMBER_ROLES, blank="党员", aliases=("党内职务",)),
    Field("cell", "党小组", "所在党小组，如 第一党小组", aliases=("所在党小组",)),
    Field("joined", "入党日期", "入党日期或转入本支部的日期，如 2010-07-01", kind="date", aliases=("入党时间",)),
    Field("status", "党籍状态", "、".join(MEMBER_STATUSES[:-1]) + "或" + MEMBER_STATUSES[-1], kind="choice",
          choices=MEMBER_STATUSES, blank="正常", aliases=("状态",)),
    Field("status_since", "状态变更日期", "党籍状态变更的日期", kind="date"),
    Field("groups", "所在组织", "另外参加的组织，如 中心组，用；分隔", kind="list"),
    Field("phone", "联系电话", "联系电话", aliases=("电话", "手机")),
    Field("note", "备注", "备注"),
))

WAIVER = Form("情况说明", (
    Field("rule", "规则", "规则名称或编号，如 主题党日、branch.theme-day（auditor rules list 查看）", True, "rule"),
    Field("window", "时段", "只说明某一时段，如 2026-08、2026Q3；空着表示该规则的所有时段", kind="period"),
    Field("reason", "理由", "未能落实的原因", True),
    Field("approved_by", "批准人", "批准人或批准机关", True, option="--by"),
    Field("approved_on", "批准日期", "如 2026-08-05", True, "date", option="--on", today_by_default=True),
    Field("expires", "有效期至", "含当天；空着表示长期有效", kind="date"),
), _waiver_check)

RECTIFICATION = Form("整改事项", (
    Field("problem", "存在问题", "发现的问题", True),
    Field("measure", "整改措施", "具体整改措施", True),
    Field("responsible", "责任人", "责任人姓名", True),
    Field("deadline", "整改时限", "如 2026-12-31", True, "date"),
    Field("status", "进度", "待整改、整改中或已完成", kind="choice", choices=RECTIFY_STATUSES),
    Field("rule", "对应规则", "规则名称或编号，可空着（独立的整改事项）", kind="rule"),
    Field("window", "对应时段", "如 2026-09，可空着", kind="period"),
    Field("found_on", "发现日期", "如 2026-10-12", kind="date", option="--found", today_by_default=True),
    Field("completed_on", "完成日期", "整改完成的日期", kind="date", option="--completed"),
    Field("evidence", "佐证材料", "文件路径或记录编号，用；分隔", kind="list"),
    Field("note", "备注", "备注"),
), _rectification_check)
