"""The one table of status words: what each status is called, by the genre of the duty.

JSON keeps the status ids (``met``, ``not_met`` ...), which are a contract; people see
these words in the CLI, the TUI, the PDF and the calendar. The genre's own terms:
reports are 按时报送 / 逾期报送 / 逾期未报送; a missed duty is 未完成 (not 未达标); an
open window short of time is 临期 and one behind pace 进度滞后 (never 有风险: in this
field 风险 means ideological risk, so "分析研判 有风险" would read as a finding).
"""

from __future__ import annotations

from auditor.engine.assessment import AtRisk, Genre, Status

WORDS: dict[tuple[Status, Genre], str] = {
    (Status.MET, ""): "已完成",
    (Status.NOT_MET, ""): "未完成",
    (Status.ON_TRACK, ""): "进行中",
    (Status.AT_RISK, ""): "临期",
    (Status.OVERDUE, ""): "逾期未完成",
    (Status.LATE, ""): "逾期完成",
    (Status.PENDING, ""): "未开始",
    (Status.WAIVED, ""): "已说明",
    (Status.NOT_APPLICABLE, ""): "不适用",
    (Status.ERROR, ""): "规则检查出错",
    (Status.MET, "report"): "按时报送",
    (Status.NOT_MET, "report"): "逾期未报送",
    (Status.ON_TRACK, "report"): "待报送",
    (Status.OVERDUE, "report"): "逾期未报送",
    (Status.LATE, "report"): "逾期报送",
    (Status.MET, "record"): "符合要求",
    (Status.NOT_MET, "record"): "未落实",
}
PACE_WORD = "进度滞后"
ADVISORY_WORD = "参考项"
"""An advisory rule (severity ``advisory``), rather than 建议性要求."""
REQUIRED_WORD = "必做项"


def status_word(status: Status, genre: Genre = "", at_risk: AtRisk = "") -> str:
    """The word a person reads for a status; the genre's own term where it has one."""
    if status is Status.AT_RISK and at_risk == "pace":
        return PACE_WORD
    return WORDS.get((status, genre)) or WORDS[(status, "")]


def severity_word(severity: str) -> str:
    return ADVISORY_WORD if severity == "advisory" else REQUIRED_WORD
