"""The 100-point score (考核计分): deductions with a basis, or no score at all.

The method (written out in Chinese in docs/rules.md, 计分方法):
- only required rules with a ``deduction`` are scored; 参考项 (advisory) never deduct;
- a missed window (未完成 / 逾期未完成) deducts ``per_missing`` for each missing
  occurrence (or failing record); ``once`` deducts it once for the rule;
- 逾期完成 (done late) deducts half of ``per_missing`` (本工具默认);
- open windows (进行中, 临期, 进度滞后) and pending ones (未开始) deduct nothing: a
  score reflects the windows already closed, so a closed period's score does not
  change with the as-of date;
- ``max`` caps a rule's deduction; the score is 100 minus the deductions, at least 0.
"""

from __future__ import annotations

from collections.abc import Sequence

from auditor.engine.assessment import RuleResult, Status, WindowResult
from auditor.rulebook.schema import DEFAULT_SCORING, Rule

LATE_SHARE = 0.5
"""逾期完成 counts as half a missed occurrence (本工具默认)."""
SCORE_ESTIMATE = "按本工具默认扣分标准估算，仅供参考"


def rule_deduction(rule: Rule, windows: Sequence[WindowResult]) -> float:
    d = rule.deduction
    if d is None or rule.severity != "required":
        return 0.0
    missed = sum(_missed(w) for w in windows)
    if not missed:
        return 0.0
    if d.once:
        return d.per_missing
    points = missed * d.per_missing
    return min(points, d.max) if d.max is not None else points


def _missed(w: WindowResult) -> float:
    if w.status in (Status.NOT_MET, Status.OVERDUE):
        return w.shortfall or 1.0
    if w.status is Status.LATE:
        return LATE_SHARE
    return 0.0


def total_score(results: Sequence[RuleResult]) -> float | None:
    """100 minus the scored rules' deductions; None when no rule is scored."""
    scored = [r for r in results if r.scored]
    if not scored:
        return None
    return max(0.0, 100.0 - sum(r.deduction for r in scored))


def score_note(results: Sequence[RuleResult]) -> str:
    """The label a shown score needs when any of its deductions cites no scoring practice."""
    if any(r.scored and DEFAULT_SCORING in r.deduction_basis for r in results):
        return SCORE_ESTIMATE
    return ""
