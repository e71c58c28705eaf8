"""Parts whose statuses collapse under DOMAIN's order of precedence (helpers.statuses.aggregate): when
the parts' disagreement, or a part's reading of the whole, cannot change the status, the gate
(helpers.judge.confidence) raises no flag for it (docs/judging.md, "Doubts that cannot change the
status"):

- a halt of one part (城市轨道交通示范线…暂停审批) beside another part behind (公交线路3条 of 10) leaves the
  task behind whichever the halted part is; a delay by a natural cause (受雨雪天气影响开工推迟) beside the
  shortfall it explains is no halt by an authority (DOMAIN's 受阻) at all; a halt naming another target
  than the parts at or above the pace, or a part done read from the halt's own clause, leaves it blocked;
- a shortfall read as the sum of the counties named when the text accounts for the rest: the others
  still under works, a collective among the parts named, or the whole's figures given part by part;
- parts left unmeasured beside a verdict said of all of them (两项指标均达到序时要求);
- a halt said of some of the task's count, in its unit, halts a part of the task.
"""

from __future__ import annotations

import re
from decimal import Decimal

from helpers.judge.moot import DATA
from helpers.judge.halts_and_waits import HALT_WORDS
from helpers.judge.quantities import find_quantities
from helpers.judge.subjects import PART_PLACE
from helpers.judge.sums import ONGOING
from helpers.judge.targets import QUALIFIER, bigrams, overlap
from helpers.statuses import MEASURED, ON_PACE_OR_BETTER as GOOD


def halt_of_another_part(reading, statuses: list[str], halts: list) -> bool:
    """Whether every halt names a part of the task that is not behind, while another part is: the task
    is behind whatever the halted part would be (DOMAIN: behind when any part is)."""
    with_target = [s for p, s in zip(reading.parts, statuses) if p.target is not None]
    for h in halts:
        i = _halted_part(reading, h)
        if i is None or with_target[i] == "behind":
            return False
        if not any(s == "behind" for j, s in enumerate(with_target) if j != i):
            return False
    return True


def _halted_part(reading, h) -> int | None:
    """The index (among the parts with a target) of the one target a halt's quote names best (two
    bigrams or more, no tie), else None."""
    parts = [p for p in reading.parts if p.target is not None]
    scored = [overlap(bigrams(QUALIFIER.sub("", p.target.label or p.target.part)), h.evidence.text) for p in parts]
    best = max(scored, default=0)
    return scored.index(best) if best >= 2 and scored.count(best) == 1 else None


def halt_beside_done_settled(reading, statuses: list[str]) -> bool:
    """Whether every halt beside parts at or above the pace leaves the task blocked under DOMAIN's order:
    it names another target of the task than any part at or above the pace (高标准农田项目暂缓实施 beside
    土地流转 measured), or its own clause is what the part done was read from (开工建设…项目延期至2025年实施:
    the words that halt the start do not report it). A halt of some of the works of the target done
    (剩余22座中有15座暂停施工 beside 已完成18座), or of something the task does not name, is still the
    researcher's call: what is halted is beyond the target, or the target was cut."""
    lay = reading.evidence.layout
    with_target = [s for p, s in zip(reading.parts, statuses) if p.target is not None]
    good = [p for p, s in zip(reading.parts, statuses) if s in GOOD and p.evidence is not None]
    halts = [p for p, s in zip(reading.parts, statuses) if s == "blocked" and p.evidence is not None]
    # a part done read from a clause that holds a halt word itself is read from the halt's words
    if good and all(HALT_WORDS.search(lay.text, *lay.around(max(g.evidence.start, g.evidence.end - 1), g.evidence.end))
                    for g in good):
        return bool(halts)
    for h in halts:
        i = _halted_part(reading, h)
        if i is None or with_target[i] in GOOD:
            return False
    return bool(halts)


#: the rest of the parts said still under way (其余乡镇项目正在主体施工, 其他县区尚未开工)
_REST_GOING_ON = re.compile(r"(?:其余|其他|剩余|另有|余下)[^。;；|]{0,20}?(?:正在|仍在|尚在|还在|尚未|未完成|推进中)")
#: a county, district or town named (where a list of the parts' figures begins)
_FIRST_PLACE = re.compile(PART_PLACE)
#: a collective among the parts named (各县, 各县区, 各县城, 其余乡镇合计): the whole is covered
_COLLECTIVE = re.compile(r"各(?:县|区|乡镇|镇)|其余(?:县|区|乡镇|镇)|其他(?:县|区|乡镇|镇)")


#: the whole's figures given part by part (新建改建农村公路分别为:枫香镇2.5公里、…): the list is the whole's
_RESPECTIVELY = re.compile(r"分别(?:为|是)?[:：]?\s*$")


def sum_accounts_for_the_rest(reading, part) -> bool:
    """Whether a shortfall read as a sum of the counties named leaves nothing unnamed done: the rest is
    said still under way, a collective is among the parts summed, or the whole's own words give its
    figures part by part (…农村公路分别为:枫香镇2.5公里、北塘镇0.6公里; 金寨县、舒城县分别完成… names
    places before 分别 and lists only them)."""
    lay = reading.evidence.layout
    text = lay.text
    # (其他县区数据尚在统计中: the rest's figures are not in yet, which says nothing of its works)
    going_on = any(not DATA.search(m.group()) for m in _REST_GOING_ON.finditer(text))
    first = _FIRST_PLACE.search(text, lay.sentence_start(part.evidence.sentence))
    s0 = lay.sentence_start(lay.sentence_of(first.start())) if first else 0
    listed = first is not None and bool(_RESPECTIVELY.search(text, s0, first.start()))
    return going_on or listed or bool(_COLLECTIVE.search(part.evidence.text))


#: a verdict said of the parts counted (两项指标均达到, 各项指标): 均 or 全部 alone may be all of one part's things
_ALL_PARTS = re.compile(r"各项|[两二三四五六七八九十]项")


def verdict_of_all(reading, statuses: list[str]) -> bool:
    """Whether the status rests on a verdict whose clause says it of every part (…两项指标均达到序时要求)."""
    lay = reading.evidence.layout if reading.evidence is not None else None
    deciding = [p for p, s in zip(reading.parts, statuses) if s in MEASURED and p.verdict in MEASURED]
    if lay is None or not deciding:
        return False
    return all(p.evidence is not None and _ALL_PARTS.search(lay.text, *lay.around(p.evidence.start, p.evidence.end))
               for p in deciding)


def some_of_the_count(subject: str, targets: list) -> bool:
    """金寨县、舒城县2个项目被调出…计划 for 建设…集配中心4个: a halt said of some of the task's count
    (fewer of them, in its unit) halts a part of the task, whatever the things are called."""
    return any(t.kind == "count" and t.value and q.unit == t.unit and q.value < t.value
               for q in find_quantities(subject) for t in targets)


#: a delay by a cause (受雨雪天气影响开工推迟, 因拆迁进度滞后竣工延期): it explains a lag
_CAUSED_DELAY = re.compile(r"(?:受|因|由于)[^;；。|]{1,20}?(?:推迟|延期|延后|顺延)")
#: an authority's act: a halt, whatever its cause, is then DOMAIN's 受阻
_AUTHORITY_HALT = re.compile(r"叫停|暂停|停止|取消|撤销|暂缓|通知|要求|批准|决定")


def delay_by_a_cause(quote: str) -> bool:
    """Whether a blocked part's words are a delay by a natural cause, no authority's halt."""
    return bool(_CAUSED_DELAY.search(quote)) and not _AUTHORITY_HALT.search(quote)


#: the rest of a count named apart from a batch or a part (其余3个, 第二批5个, 另有2个): its count
_REST_COUNT = re.compile(r"(?:其余|其他|剩余|余下|另有|第[二三四]批)\s*(\d+(?:\.\d+)?)\s*[\u4e00-\u9fff]")


def rest_accounted(reading, part) -> bool:
    """Whether a status at or above the pace read from a batch or a part (第一批8个…已上线) leaves the rest of
    the target accounted for and not done: the text names the rest with a count that, with the part's,
    makes the target (第二批5个 for 13), and says it still under way (正在进行系统联调, 尚未, 在建). The
    part is then all that is done, and it measures the task."""
    t = part.target
    if t is None or not t.value or part.actual_value is None or reading.evidence is None:
        return False
    lay = reading.evidence.layout
    for m in _REST_COUNT.finditer(lay.text):
        clause = lay.text[slice(*lay.around(m.start(), m.end()))]
        if part.actual_value + Decimal(m.group(1)) == t.value and ONGOING.search(clause):
            return True
    return False
