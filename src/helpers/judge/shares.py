"""A share target measured by a whole and its part the text gives: 城市公交车保有量612辆，其中新能源车588辆 for
城市公交新能源车辆占比达到95%以上 is 96 %; a rate of an act by the things acted on (公租房共2860套，已出租2790套 for
出租率, round 10) (helpers.judge.matching asks when no level of the share or rate is said)."""

from __future__ import annotations

import re
from decimal import Decimal

from helpers.judge.clauses import OPENS_BREAKDOWN, is_result
from helpers.judge.evidence import Evidence
from helpers.judge.findings import Finding
from helpers.judge.quantities import convert
from helpers.judge.targets import Target, bigrams

#: a target that is a share of a whole (占比, 比例, 比重, 占…的): its level in percent
SHARE_TARGET = re.compile(r"占比|比例|比重|占[^,;。]{1,12}?的?$")
#: a rate of an act on a whole's things (出租率, 筛查率, 调解成功率): the part counts those acted on — its clause names
#: the act, the two characters before 率 or 比例; one that negates it (不合格, 未出租) counts the rest
RATE_TARGET = re.compile(r"(?P<act>[\u4e00-\u9fff]{2})(?:率|比例)(?:达到?|为|保持在?|不低于)?$")
_NEGATED = "不未非无"
#: the part's clause right after the whole: a breakdown (其中…) or those acted on (已出租1169间, 调解成功118件)
_PART_OPENS = re.compile(rf"{OPENS_BREAKDOWN.pattern}|\s*(?:已|共|累计)?[\u4e00-\u9fff]")


def share_of_whole(t: Target, ev: Evidence) -> tuple[Finding, Decimal] | None:
    """The first whole and its part (results, the part's clause opened by 其中 right after the whole in its
    sentence, in the whole's unit) whose part names a word of the target the whole does not (新能源 beside
    城市公交车): (the pair as a finding, the share in percent); None when there is none."""
    label = t.label or t.part
    act = RATE_TARGET.search(re.sub(r"[“”‘’\"']", "", label))  # (“跨省通办”比例: the quoted name's act)
    if t.unit != "%" or not (SHARE_TARGET.search(label) or act):
        return None
    tb, lay, text = bigrams(t.label or t.part), ev.layout, ev.layout.text
    for whole in ev.actuals:
        if not is_result(whole.modality) or not whole.value:
            continue
        for part in ev.actuals_in(whole.sentence):
            if part.start <= whole.end or not is_result(part.modality):
                continue
            own = lay.clause_before(part.start, part.end)
            value = convert(part.value, part.unit, whole.unit)
            named = OPENS_BREAKDOWN.match(own) or (act is not None and act["act"] in own)
            if named and _PART_OPENS.match(own) and value is not None and value <= whole.value \
                    and (tb & bigrams(own)) - bigrams(whole.label):
                share = value * 100 / whole.value
                at = own.find(act["act"]) if act is not None else -1
                if at > 0 and own[at - 1] in _NEGATED and act["act"][0] not in _NEGATED:
                    share = 100 - share  # 抽查186批次，不合格12批次 for 合格率: the rest pass
                pair = Finding("level", whole.start, part.end, whole.sentence, text[whole.start:part.end],
                               value=share, unit="%")
                return pair, pair.value
            break  # only the figure right after the whole is its part
    return None
