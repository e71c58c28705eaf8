"""An item the text leaves out of a count (森林抚育2.4万亩(不计入造林绿化任务)): the figure measures nothing of the
target, and the other items of its list are what the target counts (helpers.judge.actuals scores their sum like
any figure)."""

from __future__ import annotations

import re
from decimal import Decimal

from helpers.judge.clauses import is_result
from helpers.judge.evidence import Evidence
from helpers.judge.findings import Finding
from helpers.judge.quantities import comparable, convert, find_quantities
from helpers.judge.targets import overlap

#: an item the text leaves out of a count, and the count's words after it (森林抚育2.4万亩(不计入造林绿化任务))
LEFT_OUT = re.compile(r"(?:不|未|没有)(?:计入|纳入|列入|算入|统计在内|包括在内)(?P<count>[^,，;；。)）]{0,16})")
#: where a list of figures begins: a sentence's end or a heading's colon before its first item
_LIST_OPENS = "。:：\n"
#: where the words that may leave a figure out end (left_out): the figure's sentence or clause of a list
_LEFT_OUT_STOP = re.compile(r"[。;；]")


def left_out(a: Finding, ev: Evidence, target: str) -> bool:
    """森林抚育2.4万亩(不计入造林绿化任务); 另完成森林抚育3万亩，未纳入造林绿化任务统计: the figure the text
    says is no part of the target's count (its words after 不计入 name the target), before the next
    figure or the sentence's end. 不纳入考核 leaves it out of something else; 不含 says what it lacks."""
    text = ev.layout.text
    stop = _LEFT_OUT_STOP.search(text, a.end)
    # the search ends at that stop (no match holds one): scanning the whole rest of a long cell per figure
    # made judging it quadratic
    m = LEFT_OUT.search(text, a.end, len(text) if stop is None else stop.start())
    if m is None or find_quantities(text[a.end:m.start()]):
        return False
    return overlap(m["count"], target) >= 1


def counted_rest(ev: Evidence, target: str, unit: str) -> list[Finding]:
    """1-9月:人工造林1.21万亩;封山育林0.86万亩;退化林修复0.93万亩;森林抚育2.4万亩(不计入造林绿化任务) for
    完成造林绿化3.5万亩: an item said left out of the target's count names the other items of its list — those
    before it back to the list's heading, done and in the unit — as what is counted (3.00万亩). The item left
    out is marked read."""
    text, out = ev.layout.text, []
    for gone in (a for a in ev.actuals if left_out(a, ev, target)):
        ev.used.add(id(gone))  # read: the text itself says it is no part of the count
        opens = ev.layout.last_of(_LIST_OPENS, gone.start) + 1
        rest = [a for a in ev.actuals_by_start.starting(opens, gone.start)
                if a.end <= gone.start and comparable(a.unit, unit) and is_result(a.modality)]
        if len(rest) >= 2:
            total = sum((convert(a.value, a.unit, unit) for a in rest), Decimal(0))
            out.append(Finding("actual", rest[0].start, rest[-1].end, rest[0].sentence,
                               text[rest[0].start:rest[-1].end], value=total, unit=unit, label=target + "合计"))
    return out
