"""The same figures read two ways: a sum of listed items beside the one item that names the target's
own thing, when the text does not say whether they add up (helpers.judge.actuals pairs the figures,
helpers.judge.status compares the two readings' statuses and sends a disagreement to review)."""

from __future__ import annotations

from helpers.judge.evidence import Evidence
from helpers.judge.findings import Finding
from helpers.judge.sums import BY_A_SHARED_WORD, head_noun, item_noun

Scored = list[tuple[int | None, Finding]]


def _inside(a: Finding, whole: Finding) -> bool:
    return whole.start <= a.start and a.end <= whole.end and a is not whole


def _own_item(won: Finding, scores: Scored, target: str, ev: Evidence) -> Finding | None:
    """价格监测分析报告37期、农产品价格周报39期、节日市场价格专报5期 for 价格监测报告: of a sum of kinds by a
    shared word, the item that names the target's own thing (its head noun, 报告) where another item does
    not (周报, 专报: other things) — the best scored such item; None when every item or none names it
    (省级工程研究中心、省级企业技术中心 for 研发平台: kinds all alike)."""
    head = head_noun(target)
    items = [(sc, a) for sc, a in scores if sc is not None and _inside(a, won) and not a.label.endswith("合计")]
    own = [(sc, a) for sc, a in items if head and head in item_noun(a, ev)]
    if not own or len(own) == len(items):
        return None
    return max(own, key=lambda x: (x[0], -x[1].start))[1]


def other_reading(won: Finding, scores: Scored, ev: Evidence, target: str) -> Finding | None:
    """The figures a target took read the other way: for a sum of items that are kinds of the target only by
    a shared word, the one item that names the target's own thing (`_own_item`). None when the text settles
    it (a total, kinds of the target's own noun, an enumeration, a county's part). (One item taken from a
    run of figures that share a word with the target is not read as their sum: in the read sets such runs
    list other things far more often than parts — 新增城镇就业19860人,失业人员再就业4215人.)"""
    return _own_item(won, scores, target, ev) if won.meaning == BY_A_SHARED_WORD else None
