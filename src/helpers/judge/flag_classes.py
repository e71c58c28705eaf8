"""What triggers the two broad review reasons, in a few classes by what the words ARE.

`原文有关乎状态的表述未被规则采用` (a residual signal) and `目标有数字，进展中没有可对照的数据` (a target's
number with nothing in the progress to compare it with) carry most flags. Each flag names its class
(helpers.statuses.review_reason's `kind`, shown as 【…】 before the clause quoted), so the researcher
knows what to look at, and `make eval --by-reason` measures each class over the labelled sets. A
class whose flags are (almost) always on a right status stops flagging (`QUIET`) only under the bound
of docs/judging.md ("What triggers a residual flag"), which tests/judge/test_flag_classes.py recomputes.
"""

from __future__ import annotations

import re

from helpers.judge.clauses import is_result
from helpers.judge.quantities import SHARE_UNITS, comparable, find_quantities
from helpers.judge.signals import _clause as clause_of, Signal
from helpers.statuses import NOTE_BOUND, NOTE_MIN_CASES

#: residual signal family (helpers.judge.signals.Signal.kind) → the class the researcher reads
SIGNAL_CLASS = {
    "done": "完成字眼",  # a generic completion or attainment verb (完成, 实现, 达到)
    "verdict_done": "完成结论",  # a whole completion verdict (已完成年度任务, 全部完成)
    "event": "事件字眼",  # the deliverable's own event (建成, 开工, 投用, 印发)
    "use": "事件字眼",  # putting a thing to use (运行, 开行, 对外办公)
    "attained": "事件字眼",  # 已 and a verb said of the deliverable's thing (已全线亮灯)
    "halt": "叫停字眼",  # a halt, deferral or cancellation (暂停, 延期, 取消)
    "order": "叫停字眼",  # a suspension an authority decided (市政府…决定…暂停), whatever it names
    "await": "等待字眼",  # a wait on an outside act (待…批复后, 等待, 尚需…同意)
    "remaining": "剩余工作",  # work reported left (剩余, 尚有, 还有…未)
    "figure": "目标单位的数字",  # a figure in the target's unit nobody read
    "share": "比例",  # a completion share or ratio nobody read (完成60%, 七成)
    "rate": "增速",  # a second growth rate of a rate target's indicator, disagreeing
}

#: what the progress holds when a target's number has nothing to compare it with, closest first
UNMEASURED_CLASS = {
    "same_unit": "有目标单位的实绩数字，所计未对上",  # a result figure in the target's unit, not taken as its measure
    "plan_unit": "目标单位的数字只在计划或预计中",  # the target's unit only in a plan, quota or forecast
    "other_unit": "只有其他单位的数字",  # figures with units, none convertible to the target's
    "share_only": "只有百分数或成数",  # for a count or amount: only shares or rates
    "no_figure": "进展中没有计量的数字",  # no figure with a unit, no share (dates, names, item labels only)
}
#: a share in any form (42%, 百分之九十, 七成, ‰): the unit of a rate or level target
_SHARE = re.compile(r"\d\s*[%％‰]|百分之|[一二三四五六七八九十]成(?!立|效|果|绩|本|员|为|功|熟|品)")

#: classes that no longer flag: each meets `meets_bound` (docs/judging.md); empty while none does
QUIET: frozenset[str] = frozenset()


def meets_bound(flags: int, right: int, fresh_flags: int, fresh_right: int) -> bool:
    """Whether a class measured so (flags and right among them over every read set, and on the freshest
    sets) may stop flagging: a note's bound (right in NOTE_BOUND of at least NOTE_MIN_CASES flags over
    every read set), and no wrong flag on the freshest sets."""
    return flags >= NOTE_MIN_CASES and right >= NOTE_BOUND * flags and fresh_right == fresh_flags


def signal_class(sig: Signal) -> str:
    """The class of a residual signal."""
    return SIGNAL_CLASS[sig.kind]


def unmeasured_class(reading, targets: list) -> tuple[str, str | None]:
    """The class of an unmeasured target's flag, and the clause that put it there (None when no clause
    holds it): the closest thing the progress holds to a measure of any of `targets` (the parts whose
    number nothing compared) — a share for a rate or level, a result figure in the target's unit, one
    only in a plan or forecast, a figure in another unit, a share only, or no figure at all."""
    ev = reading.evidence
    if ev is None:
        return UNMEASURED_CLASS["no_figure"], None
    # every figure with a unit, as the words say it (not only those the figure rules kept): a result, or
    # said as a plan, quota or forecast
    # (candidates put forward — 达成就业意向5400人 — are said as done: a result's words, whatever they count)
    lay, planned = ev.layout, {f.start for f in ev.plans if f.kind != "candidates"}
    figures = [q for q in find_quantities(lay.text) if q.unit not in SHARE_UNITS]
    results, others = [], []
    for q in figures:
        (results if q.start not in planned and is_result(lay.modality_at(q.start)) else others).append(q)
    share = _SHARE.search(lay.text)
    if share and any(t.unit == "%" for t in targets):
        # a share is a rate or level target's own unit
        return UNMEASURED_CLASS["same_unit"], clause_of(ev, share.start(), share.end())
    for group, kind in ((results, "same_unit"), (others, "plan_unit")):
        q = next((q for q in group for t in targets if t.unit and t.unit != "%" and comparable(q.unit, t.unit)), None)
        if q is not None:
            return UNMEASURED_CLASS[kind], clause_of(ev, q.start, q.end)
    if results or others:
        return UNMEASURED_CLASS["other_unit"], None
    return (UNMEASURED_CLASS["share_only"], clause_of(ev, share.start(), share.end())) if share \
        else (UNMEASURED_CLASS["no_figure"], None)
