"""The same figures read two ways: a sum of listed items beside the one item that names the target's
own thing, when the text does not say whether they add up (helpers.judge.actuals pairs the figures,
helpers.judge.status compares the two readings' statuses and sends a disagreement to review)."""

from __future__ import annotations

import re
from decimal import Decimal

from helpers.judge.evidence import Evidence
from helpers.judge.findings import Finding
from helpers.judge.quantities import convert
from helpers.judge.sums import BY_A_SHARED_WORD, PEOPLE_BY_KIND, head_noun, item_noun

Scored = list[tuple[int | None, Finding]]


def _inside(a: Finding, whole: Finding) -> bool:
    return whole.start <= a.start and a.end <= whole.end and a is not whole


def _items(won: Finding, scores: Scored) -> Scored:
    """The scored figures a sum `won` adds up (not a county total inside it)."""
    return [(sc, a) for sc, a in scores if sc is not None and _inside(a, won) and not a.label.endswith("合计")]


def _own_item(won: Finding, scores: Scored, target: str, ev: Evidence) -> Finding | None:
    """价格监测分析报告37期、农产品价格周报39期、节日市场价格专报5期 for 价格监测报告: of a sum of kinds by a
    shared word, the item that names the target's own thing (its head noun, 报告) where another item does
    not (周报, 专报: other things) — the best scored such item; when every item names it (宫颈癌筛查, 乳腺癌筛查
    for 筛查), the least item; None when none names it (省级工程研究中心、省级企业技术中心 for 研发平台)."""
    head = head_noun(target)
    items = _items(won, scores)
    own = [(sc, a) for sc, a in items if head and head in item_noun(a, ev)]
    if not own:
        return None
    if len(own) == len(items) and len(items) >= 2:
        # 宫颈癌筛查41280人，乳腺癌筛查40560人 for “两癌”筛查4.2万人: each item the target's own act (筛查) — on the
        # same people, perhaps: each alone, the least deciding, is the other reading
        return min((a for _, a in items), key=lambda a: a.value)
    return max(own, key=lambda x: (x[0], -x[1].start))[1] if len(own) < len(items) else None


def _new_part(won: Finding, ev: Evidence) -> Finding | None:
    """…已完成改造老旧小区42个，另有续建项目28个（2023年结转）已全部完工，合计完成70个: a total of the figures before
    it that holds an earlier year's batch (helpers.judge.scope dated it) is read again without that batch (42)."""
    text = ev.layout.text
    start = ev.layout.last_of("。\n", won.start)
    rest = [b for b in ev.actuals_by_start.starting(start + 1, won.start) if b.end <= won.start and b.unit == won.unit]
    past = [b for b in rest if b.modality == "past"]
    if len(rest) < 2 or not past or len(past) == len(rest) or sum(b.value for b in rest) != won.value:
        return None
    return Finding("actual", rest[0].start, won.end, won.sentence, text[rest[0].start:won.end],
                   value=won.value - sum(b.value for b in past), unit=won.unit, label=won.label)


#: a breakdown opening a clause after the figure (，其中…)
_BREAKDOWN = re.compile(r"[,，;；]\s*其中")


def _less_the_past(won: Finding, ev: Evidence) -> Finding | None:
    """累计完成投资13.1亿元，其中2023年度完成7.6亿元: a figure whose breakdown (其中…, in its sentence) names an
    earlier year's part (helpers.judge.scope dated it) spans years; read again without that part (5.5)."""
    text, lay = ev.layout.text, ev.layout
    end = lay.sentence_span(won.sentence)[1]
    within = _BREAKDOWN.search(text, won.end, end)
    if within is None:
        return None
    past = [b for b in ev.actuals_by_start.starting(within.start(), end) if b.modality == "past"
            and convert(b.value, b.unit, won.unit) is not None]
    rest = won.value - sum((convert(b.value, b.unit, won.unit) for b in past), Decimal(0))
    if not past or rest <= 0:
        return None
    return Finding("actual", won.start, past[-1].end, won.sentence, text[won.start:past[-1].end],
                   value=rest, unit=won.unit, label=won.label)


def _other_reading(won: Finding, scores: Scored, ev: Evidence, target: str) -> Finding | None:
    """The figures a target took read the other way: for a sum of items that are kinds of the target only by
    a shared word, the one item that names the target's own thing (`_own_item`). None when the text settles
    it (a total, kinds of the target's own noun, an enumeration, a county's part); for a total holding an
    earlier year's batch, the total without it (`_new_part`). (One item taken from a
    run of figures that share a word with the target is not read as their sum: in the read sets such runs
    list other things far more often than parts — 新增城镇就业19860人,失业人员再就业4215人.)"""
    own = _own_item(won, scores, target, ev) if won.meaning == BY_A_SHARED_WORD else None
    if own is not None or won.meaning == BY_A_SHARED_WORD and won.unit != "人":
        return own
    if won.meaning in (PEOPLE_BY_KIND, BY_A_SHARED_WORD):  # the same people, perhaps: each kind alone, the least
        items = [a for _, a in _items(won, scores)]
        return min(items, key=lambda a: a.value) if len(items) >= 2 else None
    less = _less_the_past(won, ev)
    if less is not None:
        return less
    for sc, total in scores:  # the total, or a part of it taken, beside the other reading
        new = _new_part(total, ev) if sc is not None and total.unit == won.unit else None
        if new is not None and (total is won or new.start <= won.start < total.start):
            return new if total is won else total
    return None


def other_readings(won: dict[int, Finding], scores: dict[int, Scored], targets: dict[int, str],
                   ev: Evidence) -> dict[int, Finding]:
    """Target id → the figures it took (`won`), read the other way (`_other_reading`), for the targets that have
    one. `scores` and `targets`: each target's scored figures and its label, by target id."""
    return {tid: x for tid, a in won.items()
            for x in [_other_reading(a, scores.get(tid, []), ev, targets.get(tid, ""))] if x is not None}
