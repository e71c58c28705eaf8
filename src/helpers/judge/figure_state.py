"""Whether a figure's things are done, read from the words around it: a count of what is left to do
(尚有8所未完工), the rest said done beside it (…，其余均已建成投用), a state heading before a colon (在建：2个,
谋划：3个), a stock beside this year's additions (已汇聚…246类，其中今年新增20类), work on things that exist
(土壤改良) for a target to build new ones (step 3 of helpers.judge.parts; helpers.judge.actuals scores)."""

from __future__ import annotations

import re

from helpers.judge.evidence import Evidence
from helpers.judge.findings import Finding
from helpers.judge.sums import ONGOING
from helpers.judge.targets import Target

#: a target of additions (新增, 新建) is measured by additions, not by a stock (累计…达, 总数, 保有量)
NEW = re.compile(r"新增|新建|新开工|新培育|新签约|新引进|新认定|新发展")
STOCK = re.compile(r"总数|总量|保有量|现有|共有|累计(?:建成|拥有|达到?)|达到|达\s*$")
SPAN = re.compile(r"今年|本年|年内|全年|上半年|[一二三四]季度|前三季度|\d{1,2}\s*[-—~至]\s*\d{1,2}月|以来")

#: a count of what is left to do: after 尚有, 还剩, 还差 … in its clause, or followed by 未 and a verb
_LEFT_TO_DO = re.compile(r"(?:尚有|尚余|还剩|还差|剩余|仍有|尚差)[^,;。\d]{0,6}$")
_NOT_YET = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:未|没有)(?:完工|建成|竣工|完成|开工|投用|交付|验收)")

#: a listed figure's own words saying it is under way (在建4所, 正在施工2处)
_UNDER_WAY = re.compile(r"\s*(?:在建|正在|续建|施工中|推进中)")
#: the rest of the target said done (其余均已建成投用, 其他全部完工)
_REST_DONE = re.compile(r"(?:其余|其他|剩下)(?:的)?(?:均|都|全部)?(?:已(?:经)?)?(?:全部)?(?:建成|完工|竣工|完成|投用|投入使用|交付)")


def rest_said_done(t: Target, same: list[Finding], ev: Evidence) -> Finding | None:
    """尚有8所未完工，其余均已建成投用 for 新建幼儿园20所: what is left to do, and the rest said done in its
    sentence, leaves the target less what is left done (12 of 20)."""
    text, lay = ev.layout.text, ev.layout
    for a in same:
        a0 = lay.around(a.start, a.end)[0]
        left = _LEFT_TO_DO.search(text[a0:a.start]) or _NOT_YET.match(text, a.end) or ONGOING.match(text, a.end)
        s0, s1 = lay.sentence_span(a.sentence)
        said = _REST_DONE.search(text, s0, s1)
        if left and said and a.value < t.value and a.unit == t.unit:
            return Finding("actual", min(a.start, said.start()), max(a.end, said.end()), a.sentence,
                           text[min(a0, said.start()):max(a.end, said.end())], value=t.value - a.value, unit=a.unit,
                           label=(t.label or t.part) + "合计")
    return None



#: a heading of a state before a colon (②在建：2个; 拟建：3个): the state of the figures under it
_HEADING = re.compile(r"(?P<head>[\u4e00-\u9fff]{1,6})[:：]\s*$")


_PLANNED_HEAD = re.compile(r"拟|谋划|计划|储备|规划|前期")


def ongoing_heading(a: Finding, ev: Evidence) -> bool:
    """②在建：2个，已完成物联网设备采购; 谋划：3个: the heading before the colon says the works are going on
    or only planned."""
    text = ev.layout.text
    s0 = ev.layout.last_of("。;；\n", a.start)
    colon = max(text.rfind(c, s0 + 1, a.start) for c in ":：")
    head = _HEADING.search(text, s0 + 1, colon + 1) if colon > s0 else None
    return bool(head and (ONGOING.search(head["head"]) or _PLANNED_HEAD.search(head["head"])))


def additions_beside(a: Finding, ev: Evidence) -> bool:
    """A figure after it in its sentence, in the unit, said as this year's additions (…246类，其中今年新增
    20类); a breakdown after the additions (新增…86家,其中…23家) is a part of them, no stock."""
    lay = ev.layout
    for b in ev.actuals_in(a.sentence):
        if b.start > a.end and b.unit == a.unit:
            clause = lay.clause_before(b.start, b.end)
            if NEW.search(clause) and SPAN.search(clause):
                return True
    return False



#: a target to build new things, and the acts on things that exist (改良, 维修, 管护): another work
_BUILD = re.compile(r"建设|新建|新增|建成|营造|栽植|新栽")
_IMPROVE = re.compile(r"改良|改造|提升|维修|养护|管护|抚育|修复|加固|提质")
#: building up to a standard (标准化建设, 规范化建设): works on what exists, not new things
_TO_A_STANDARD = re.compile(r"化建设")


def left_or_other_work(t: Target, a: Finding, ev: Evidence, clause: str) -> bool:
    """A figure that counts no thing of the target done: what is left to do (尚有8所未完工), works under a
    heading of a state not done (在建：2个), or work on things that exist for a target to build new ones."""
    fine = ev.layout.clause_before(a.start, a.end, fine=True)
    if _LEFT_TO_DO.search(clause) or _NOT_YET.match(ev.layout.text, a.end) or ongoing_heading(a, ev) \
            or _UNDER_WAY.match(fine):
        return True  # (已建成8所、在建4所: the 4 are under way)
    return bool(_BUILD.search(t.part) and not _IMPROVE.search(t.part) and not _TO_A_STANDARD.search(t.part)
                and _IMPROVE.search(a.label))
