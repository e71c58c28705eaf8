"""A share target measured by a whole and its part the text gives: 城市公交车保有量612辆，其中新能源车588辆 for
城市公交新能源车辆占比达到95%以上 is 96 % (helpers.judge.matching asks when no level of the share is said)."""

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


def share_of_whole(t: Target, ev: Evidence) -> tuple[Finding, Decimal] | None:
    """The first whole and its part (results, the part's clause opened by 其中 right after the whole in its
    sentence, in the whole's unit) whose part names a word of the target the whole does not (新能源 beside
    城市公交车): (the pair as a finding, the share in percent); None when there is none."""
    if t.unit != "%" or not SHARE_TARGET.search(t.label or t.part):
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
            if OPENS_BREAKDOWN.match(own) and value is not None and value <= whole.value \
                    and (tb & bigrams(own)) - bigrams(whole.label):
                pair = Finding("level", whole.start, part.end, whole.sentence, text[whole.start:part.end],
                               value=value * 100 / whole.value, unit="%")
                return pair, pair.value
            break  # only the figure right after the whole is its part
    return None
