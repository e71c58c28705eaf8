"""A list the progress text sets itself and how many of its items are done (年初确定改革事项12项，截至6月底
已完成8项; 12项改革事项中已完成7项): for a task with no number of its own, the share done measures it
(step 3 of helpers.judge.parts, after the target's own parts)."""

from __future__ import annotations

import re

from helpers.judge.clauses import is_result
from helpers.judge.evidence import DONE_MARK, Evidence, Part
from helpers.judge.findings import Finding
from helpers.judge.quantities import ratio
from helpers.judge.targets import Target

#: the words that set a list of items (确定, 明确, 梳理, 列出, 排定 …) right before its count
_SETS = re.compile(r"(?:确定|明确|梳理|列出|排定|细化|分解|制定|形成|谋划)(?:出|了)?[^,，;；。\d]{0,12}$")
#: the list restated as the whole its done items are counted in (12项改革事项中…, …的12项任务中)
_OF_WHICH = re.compile(r"[^,，;；。\d]{0,12}?中")
#: the items done, right after (已完成8项, 完成5项, 已办结6件); an ongoing or planned count is none
_DONE_COUNT = re.compile(r"[,，]?\s*(?:目前|截至[^,，;；。]{0,8}?|现)?\s*(?:已|均已)?(?:完成|办结|落地|销号|实施)(?:了)?\s*$")


def _done_items(m: Finding, ev: Evidence) -> Finding | None:
    """The count of the list's items done, after the list's count in its sentence or the next: the same
    unit, no larger than the list, said done."""
    text = ev.layout.text
    for a in ev.actuals_in(m.sentence) + ev.actuals_in(m.sentence + 1):
        if a.start <= m.end or a.unit != m.unit or a.value > m.value:
            continue
        c0 = ev.layout.around(a.start, a.end, fine=True)[0]
        if is_result(a.modality) and _DONE_COUNT.search(text[c0:a.start]) and DONE_MARK.search(text[c0:a.start]):
            return a
        return None  # the first count after the list is what it says of it
    return None


def list_parts(ev: Evidence, parts: list[Part]) -> list[Part]:
    """For a task with no number of its own (no part measured by a figure), the lists the text sets and the
    share of their items done: one part each, measured like a plan and its result."""
    if any(p.target is not None and p.target.value is not None for p in parts):
        return []
    text, out = ev.layout.text, []
    # (细化重点改革任务20项: the year's tasks restated are read as a plan, and set a list all the same)
    for m in sorted(ev.actuals + [p for p in ev.plans if p.kind == "plan"], key=lambda f: f.start):
        c0 = ev.layout.around(m.start, m.end, fine=True)[0]
        if m.value < 2 or not (_SETS.search(text[c0:m.start]) or _OF_WHICH.match(text, m.end)):
            continue
        done = _done_items(m, ev)
        if done is None:
            continue
        ev.used.update({id(m), id(done)})
        span = Finding("plan_ratio", m.start, done.end, m.sentence, text[c0:done.end], value=done.value,
                       unit=done.unit, target=m.value)
        out.append(Part(Target(span.text, "count", m.value, m.unit, label=text[c0:m.start]), [span],
                        method="computed_ratio", computed_ratio=ratio(done.value, m.value),
                        actual_value=done.value, actual_unit=done.unit))
    return out
